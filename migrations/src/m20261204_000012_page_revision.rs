//! One number that every change to what a meeting's page shows raises, so that a page kept as
//! rendered is known to be current by reading it alone (`app/src/ui/kept_pages.rs`). Triggers
//! raise it, so a change made by any program — the server, `champions` commands, a script
//! with `sqlite3` — is seen. Any change to any of these tables raises it: a kept page is then
//! rendered again once, which costs far less than knowing exactly which pages changed.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// The tables a meeting's page is read from: the meeting and its series, its guests,
/// invitations (answers and attendance) and agenda, and the accounts, job roles, profiles and
/// teams it names.
const TABLES: [&str; 10] = [
    "meeting",
    "meeting_series",
    "meeting_guest",
    "meeting_invitee",
    "agenda_item",
    "agenda_paper",
    "user_account",
    "job_role",
    "profile",
    "team",
];

const EVENTS: [&str; 3] = ["INSERT", "UPDATE", "DELETE"];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            "CREATE TABLE page_revision (id INTEGER PRIMARY KEY CHECK (id = 1), n INTEGER NOT NULL);
             INSERT INTO page_revision (id, n) VALUES (1, 0);",
        )
        .await?;
        for table in TABLES {
            for event in EVENTS {
                db.execute_unprepared(&format!(
                    "CREATE TRIGGER {table}_{e}_page_revision AFTER {event} ON {table} \
                     BEGIN UPDATE page_revision SET n = n + 1; END",
                    e = event.to_lowercase()
                ))
                .await?;
            }
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        for table in TABLES {
            for event in EVENTS {
                db.execute_unprepared(&format!(
                    "DROP TRIGGER {table}_{e}_page_revision",
                    e = event.to_lowercase()
                ))
                .await?;
            }
        }
        db.execute_unprepared("DROP TABLE page_revision").await?;
        Ok(())
    }
}
