//! Everything that only SQLite understands lives here, so that PostgreSQL can be added beside
//! it without touching the rest of `db`.

use sea_orm::{
    ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, DbErr, Statement,
    sqlx::sqlite::{SqliteConnection, SqliteJournalMode, SqliteSynchronous},
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
    // No ping before each use of a pooled connection: a SQLite connection lives in this
    // process and cannot drop away like a network one, and each ping is a round trip to the
    // connection's worker thread; a page that runs 15 queries paid 15 of them.
    options
        .sqlx_logging(false)
        .min_connections(1)
        .test_before_acquire(false);
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
    options.map_sqlx_sqlite_pool_opts(|pool| {
        pool.after_connect(|conn, _| Box::pin(stable_query_plans(conn)))
    });
    Database::connect(options).await
}

/// Turns on SQLite's query planner stability guarantee for the connection. Without it, a
/// statement whose plan may depend on a bound value (every `LIMIT ?`, which is how each list
/// and search here is bounded) is compiled again each time it runs with a new binding: a list
/// page spent a third of its time in SQLite, most of it parsing SQL it had already prepared.
/// With it a prepared statement stays prepared, and the plan no longer varies with the values.
async fn stable_query_plans(conn: &mut SqliteConnection) -> Result<(), sea_orm::sqlx::Error> {
    use libsqlite3_sys::{SQLITE_DBCONFIG_ENABLE_QPSG, SQLITE_OK, sqlite3_db_config};
    let mut handle = conn.lock_handle().await?;
    let db = handle.as_raw_handle().as_ptr();
    // SAFETY: the locked handle gives this call sole use of an open connection, and the
    // arguments are those SQLITE_DBCONFIG_ENABLE_QPSG takes: an int to set, and a pointer for
    // the new setting that may be null.
    let rc = unsafe {
        sqlite3_db_config(
            db,
            SQLITE_DBCONFIG_ENABLE_QPSG,
            1,
            std::ptr::null_mut::<i32>(),
        )
    };
    if rc == SQLITE_OK {
        Ok(())
    } else {
        Err(sea_orm::sqlx::Error::Configuration(
            format!("SQLite refused the query planner stability guarantee ({rc})").into(),
        ))
    }
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

#[cfg(test)]
mod tests {
    use crate::db::testing::temp_db;
    use libsqlite3_sys::{SQLITE_DBCONFIG_ENABLE_QPSG, sqlite3_db_config};

    #[tokio::test]
    async fn every_connection_has_stable_query_plans() {
        let t = temp_db().await;
        for conn in [t.db.reader(), &t.db.write] {
            let mut pooled = conn.get_sqlite_connection_pool().acquire().await.unwrap();
            let mut handle = pooled.lock_handle().await.unwrap();
            let mut setting = -1;
            // SAFETY: as in `stable_query_plans`; -1 only reads the setting into `setting`.
            unsafe {
                sqlite3_db_config(
                    handle.as_raw_handle().as_ptr(),
                    SQLITE_DBCONFIG_ENABLE_QPSG,
                    -1,
                    &mut setting,
                )
            };
            assert_eq!(setting, 1);
        }
    }
}
