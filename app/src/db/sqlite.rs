//! Everything that only SQLite understands lives here, so that PostgreSQL can be added beside
//! it without touching the rest of `db`.

use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr, Statement,
    sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous},
};
use std::{path::Path, time::Duration};

#[derive(Clone, Copy)]
pub(super) enum Role {
    Writer { may_create: bool },
    Reader,
}

/// How many read-only connections run beside the writer. Two cores serve the pages; a few
/// more let one slow read not hold up the others.
const READERS: u32 = 4;

pub(super) async fn connect(url: &str, role: Role) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url);
    options.sqlx_logging(false).min_connections(1);
    options.max_connections(match role {
        Role::Writer { .. } => 1,
        Role::Reader => READERS,
    });
    options.map_sqlx_sqlite_opts(move |o| {
        let o = o
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            .synchronous(SqliteSynchronous::Full);
        match role {
            Role::Writer { may_create: true } => o.journal_mode(SqliteJournalMode::Wal),
            Role::Writer { may_create: false } => o
                .create_if_missing(false)
                .journal_mode(SqliteJournalMode::Wal),
            // journal_mode belongs to the file and was set by the writer; a read-only
            // connection may not change it.
            Role::Reader => o.read_only(true),
        }
    });
    Database::connect(options).await
}

/// `VACUUM INTO` reads one snapshot of the database inside a read transaction, so the copy is
/// consistent while the server keeps writing.
pub(super) async fn backup_to(conn: &DatabaseConnection, target: &Path) -> Result<(), DbErr> {
    let target = target
        .to_str()
        .ok_or_else(|| DbErr::Custom("backup path is not UTF-8".into()))?;
    conn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Sqlite,
        "VACUUM INTO ?",
        [target.into()],
    ))
    .await
    .map(drop)
}
