//! CSV files a coordinator has uploaded and seen checked, kept until they confirm the import
//! (or it expires): the check and the import read the same file. And an index that lets the
//! list of services read its page in name order without sorting every service.

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
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("service_list_order")
                    .table(Service::Table)
                    .col(Service::Published)
                    .col(Service::Name)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_index(
                Index::drop()
                    .name("service_list_order")
                    .table(Service::Table)
                    .to_owned(),
            )
            .await?;
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

#[derive(DeriveIden)]
enum Service {
    Table,
    Published,
    Name,
}
