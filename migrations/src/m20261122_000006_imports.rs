//! CSV files a coordinator has uploaded and seen checked, kept until they confirm the import
//! (or it expires): the check and the import read the same file.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(ImportBatch::Table)
                    .col(pk_auto(ImportBatch::Id))
                    .col(string_len(ImportBatch::Kind, 20))
                    .col(string_len(ImportBatch::FileName, 200))
                    .col(text(ImportBatch::Content))
                    .col(integer(ImportBatch::CreatedBy))
                    .col(timestamp_with_time_zone(ImportBatch::CreatedAt))
                    .foreign_key(
                        ForeignKey::create()
                            .from(ImportBatch::Table, ImportBatch::CreatedBy)
                            .to(UserAccount::Table, UserAccount::Id)
                            .on_delete(ForeignKeyAction::Cascade),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(ImportBatch::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum ImportBatch {
    Table,
    Id,
    Kind,
    FileName,
    Content,
    CreatedBy,
    CreatedAt,
}

#[derive(DeriveIden)]
enum UserAccount {
    Table,
    Id,
}
