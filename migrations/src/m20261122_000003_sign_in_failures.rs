//! Recent failed sign-ins, for throttling. The key is a digest of the email address or client
//! address, never the address itself; rows older than the window are pruned.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(SignInFailure::Table)
                    .col(
                        ColumnDef::new(SignInFailure::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(SignInFailure::KeyDigest)
                            .string_len(64)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(SignInFailure::OccurredAt)
                            .timestamp_with_time_zone()
                            .not_null(),
                    )
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("sign_in_failure_key_time")
                    .table(SignInFailure::Table)
                    .col(SignInFailure::KeyDigest)
                    .col(SignInFailure::OccurredAt)
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(SignInFailure::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum SignInFailure {
    Table,
    Id,
    KeyDigest,
    OccurredAt,
}
