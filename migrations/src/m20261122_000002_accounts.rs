//! Accounts, their sessions, the single-use links that let people in (invitation, password
//! reset), and the audit log. Secrets are stored only as SHA-256 digests.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .create_table(
                Table::create()
                    .table(UserAccount::Table)
                    .col(pk(UserAccount::Id))
                    .col(
                        ColumnDef::new(UserAccount::Email)
                            .string_len(254)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(UserAccount::Name).string_len(100).not_null())
                    .col(ColumnDef::new(UserAccount::Role).string_len(20).not_null())
                    .col(
                        ColumnDef::new(UserAccount::Status)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(
                        ColumnDef::new(UserAccount::PasswordHash)
                            .string_len(200)
                            .null(),
                    )
                    .col(timestamp(UserAccount::CreatedAt))
                    .col(timestamp(UserAccount::UpdatedAt))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Session::Table)
                    .col(pk(Session::Id))
                    .col(
                        ColumnDef::new(Session::SecretHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(Session::UserId).integer().not_null())
                    .col(timestamp(Session::CreatedAt))
                    .col(timestamp(Session::LastSeenAt))
                    .col(timestamp(Session::ExpiresAt))
                    .col(ColumnDef::new(Session::UserAgent).string_len(200).null())
                    .foreign_key(&mut owned_by_user(Session::Table, Session::UserId))
                    .to_owned(),
            )
            .await?;
        manager
            .create_index(
                Index::create()
                    .name("session_user")
                    .table(Session::Table)
                    .col(Session::UserId)
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AccountLink::Table)
                    .col(pk(AccountLink::Id))
                    .col(
                        ColumnDef::new(AccountLink::SecretHash)
                            .string_len(64)
                            .not_null()
                            .unique_key(),
                    )
                    .col(ColumnDef::new(AccountLink::UserId).integer().not_null())
                    .col(
                        ColumnDef::new(AccountLink::Purpose)
                            .string_len(20)
                            .not_null(),
                    )
                    .col(timestamp(AccountLink::CreatedAt))
                    .col(timestamp(AccountLink::ExpiresAt))
                    .col(ColumnDef::new(AccountLink::UsedAt).timestamp().null())
                    .foreign_key(&mut owned_by_user(AccountLink::Table, AccountLink::UserId))
                    .to_owned(),
            )
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(AuditEvent::Table)
                    .col(pk(AuditEvent::Id))
                    .col(timestamp(AuditEvent::OccurredAt))
                    .col(ColumnDef::new(AuditEvent::ActorId).integer().null())
                    .col(ColumnDef::new(AuditEvent::Action).string_len(40).not_null())
                    .col(ColumnDef::new(AuditEvent::RecordType).string_len(40).null())
                    .col(ColumnDef::new(AuditEvent::RecordId).string_len(40).null())
                    .col(ColumnDef::new(AuditEvent::Changes).text().null())
                    .foreign_key(
                        ForeignKey::create()
                            .from(AuditEvent::Table, AuditEvent::ActorId)
                            .to(UserAccount::Table, UserAccount::Id)
                            .on_delete(ForeignKeyAction::SetNull),
                    )
                    .to_owned(),
            )
            .await?;
        for (name, column) in [
            ("audit_event_time", AuditEvent::OccurredAt),
            ("audit_event_actor", AuditEvent::ActorId),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(AuditEvent::Table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        // The log is append-only, whatever the application does. SQLite syntax: PostgreSQL
        // will need its own rules.
        let db = manager.get_connection();
        for event in ["UPDATE", "DELETE"] {
            db.execute_unprepared(&format!(
                "CREATE TRIGGER audit_event_no_{e} BEFORE {event} ON audit_event \
                 BEGIN SELECT RAISE(ABORT, 'the audit log cannot be changed'); END",
                e = event.to_lowercase()
            ))
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            AuditEvent::Table.into_iden(),
            AccountLink::Table.into_iden(),
            Session::Table.into_iden(),
            UserAccount::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

fn pk<T: IntoIden>(column: T) -> ColumnDef {
    ColumnDef::new(column)
        .integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

fn timestamp<T: IntoIden>(column: T) -> ColumnDef {
    ColumnDef::new(column)
        .timestamp_with_time_zone()
        .not_null()
        .to_owned()
}

/// Rows that belong to one account and go with it.
fn owned_by_user<T: IntoIden, C: IntoIden>(table: T, column: C) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(UserAccount::Table, UserAccount::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[derive(DeriveIden)]
enum UserAccount {
    Table,
    Id,
    Email,
    Name,
    Role,
    Status,
    PasswordHash,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Session {
    Table,
    Id,
    SecretHash,
    UserId,
    CreatedAt,
    LastSeenAt,
    ExpiresAt,
    UserAgent,
}

#[derive(DeriveIden)]
enum AccountLink {
    Table,
    Id,
    SecretHash,
    UserId,
    Purpose,
    CreatedAt,
    ExpiresAt,
    UsedAt,
}

#[derive(DeriveIden)]
enum AuditEvent {
    Table,
    Id,
    OccurredAt,
    ActorId,
    Action,
    RecordType,
    RecordId,
    Changes,
}
