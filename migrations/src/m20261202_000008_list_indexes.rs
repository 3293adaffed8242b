//! Indexes that let the lists answer from an index alone what they read at every request: the
//! newest edit of a profile, a service and a glossary term, by which the directory's copy (its
//! search and the services list) and the glossary's kept searches know they are still
//! current. Without them each read every row.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, columns) in indexes() {
            let mut index = Index::create().name(name).table(table).to_owned();
            for column in columns {
                index.col(column);
            }
            manager.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for (name, table, _) in indexes() {
            manager
                .drop_index(Index::drop().name(name).table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

fn indexes() -> [(&'static str, DynIden, Vec<DynIden>); 3] {
    [
        (
            "service_updated",
            Service::Table.into_iden(),
            vec![Service::UpdatedAt.into_iden()],
        ),
        (
            "profile_updated",
            Profile::Table.into_iden(),
            vec![Profile::UpdatedAt.into_iden()],
        ),
        (
            "glossary_term_updated",
            GlossaryTerm::Table.into_iden(),
            vec![GlossaryTerm::UpdatedAt.into_iden()],
        ),
    ]
}

#[derive(DeriveIden)]
enum Service {
    Table,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum GlossaryTerm {
    Table,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Profile {
    Table,
    UpdatedAt,
}
