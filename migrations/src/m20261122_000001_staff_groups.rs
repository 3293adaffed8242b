//! The four staff groups a network's champions come from (seed figure: children's services
//! locality and specialist teams, adult mental health primary and secondary). They are data,
//! not an enum, because each area names and splits its services differently.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(StaffGroup::Table)
                    .col(
                        ColumnDef::new(StaffGroup::Id)
                            .integer()
                            .not_null()
                            .auto_increment()
                            .primary_key(),
                    )
                    .col(
                        ColumnDef::new(StaffGroup::Name)
                            .string_len(120)
                            .not_null()
                            .unique_key(),
                    )
                    .col(
                        ColumnDef::new(StaffGroup::Description)
                            .text()
                            .not_null()
                            .default(""),
                    )
                    .col(
                        ColumnDef::new(StaffGroup::Position)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .to_owned(),
            )
            .await
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(StaffGroup::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum StaffGroup {
    Table,
    Id,
    Name,
    Description,
    Position,
}
