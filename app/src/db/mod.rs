//! Server-only storage: connections, entities and queries. Nothing here reaches the wasm build.

pub mod accounts;
pub mod audit;
pub mod bank;
pub mod bank_edit;
pub mod demo;
pub mod directory;
pub mod entities;
pub mod glossary;
pub mod glossary_search;
pub mod glossary_suggestions;
pub mod history;
pub mod import;
pub mod links;
pub mod meetings;
pub mod network;
pub mod outbox;
pub mod sessions;
mod sqlite;
pub mod structure;
pub mod throttle;

use migrations::{Migrator, MigratorTrait};
use sea_orm::{
    DatabaseConnection, DatabaseTransaction, DbErr, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
};
use std::path::Path;

#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("cannot open the database: {0}")]
    Connect(DbErr),
    #[error("database migration failed: {0}")]
    Migrate(DbErr),
    #[error("backup target {0} already exists: choose a new file name")]
    BackupTargetExists(String),
    #[error(transparent)]
    Query(#[from] DbErr),
}

/// Why an edit was not saved: a value another record already holds (told to the editor next
/// to its field), or the database.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("{field}: {message}")]
    Taken {
        field: &'static str,
        message: &'static str,
    },
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// The application's database: one writer connection, so writes queue in the application
/// instead of failing with SQLITE_BUSY, and a small pool of read-only connections that WAL
/// lets run beside it.
#[derive(Clone, Debug)]
pub struct Db {
    read: DatabaseConnection,
    write: DatabaseConnection,
}

impl Db {
    /// Opens the database, creating it if the URL says so (`mode=rwc`).
    pub async fn connect(url: &str) -> Result<Self, DbError> {
        Self::open(url, true).await
    }

    /// Opens a database that must exist already, whatever the URL says.
    pub async fn open_existing(url: &str) -> Result<Self, DbError> {
        Self::open(url, false).await
    }

    async fn open(url: &str, may_create: bool) -> Result<Self, DbError> {
        // The writer first: it creates the file and switches it to WAL before readers open it.
        let write = sqlite::connect(url, sqlite::Role::Writer { may_create })
            .await
            .map_err(DbError::Connect)?;
        let read = sqlite::connect(url, sqlite::Role::Reader)
            .await
            .map_err(DbError::Connect)?;
        Ok(Self { read, write })
    }

    pub async fn migrate(&self) -> Result<(), DbError> {
        Migrator::up(&self.write, None)
            .await
            .map_err(DbError::Migrate)
    }

    /// For queries that only read.
    pub fn reader(&self) -> &DatabaseConnection {
        &self.read
    }

    /// Starts a write transaction that takes the write lock at once (BEGIN IMMEDIATE), so a
    /// transaction that reads before it writes cannot fail half-way on a lock upgrade.
    pub async fn begin_write(&self) -> Result<DatabaseTransaction, DbErr> {
        self.write
            .begin_with_options(TransactionOptions {
                sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
                ..Default::default()
            })
            .await
    }

    /// Answers when the database answers a query.
    pub async fn ping(&self) -> Result<(), DbErr> {
        self.read.ping().await
    }

    /// Writes a consistent copy of the database to `target` while others keep using it.
    pub async fn backup_to(&self, target: &Path) -> Result<(), DbError> {
        if target.exists() {
            return Err(DbError::BackupTargetExists(target.display().to_string()));
        }
        sqlite::backup_to(&self.read, target).await?;
        Ok(())
    }

    pub async fn close(self) {
        // Closing only fails for a pool that is already closed.
        let _ = self.read.close().await;
        let _ = self.write.close().await;
    }
}

#[cfg(test)]
pub(crate) mod testing {
    use super::Db;

    /// A migrated database in its own temporary directory, removed when dropped.
    pub struct TempDb {
        pub db: Db,
        pub dir: tempfile::TempDir,
    }

    pub async fn temp_db() -> TempDb {
        let dir = tempfile::tempdir().expect("temporary directory");
        let url = format!("sqlite://{}?mode=rwc", dir.path().join("test.db").display());
        let db = Db::connect(&url).await.expect("connect");
        db.migrate().await.expect("migrate");
        TempDb { db, dir }
    }

    /// How SQLite would run `sql` on `db`: its query plan's lines, joined by "; ".
    pub async fn query_plan(db: &Db, sql: &str, values: Vec<sea_orm::Value>) -> String {
        use sea_orm::{ConnectionTrait, DbBackend, Statement};
        db.reader()
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Sqlite,
                format!("EXPLAIN QUERY PLAN {sql}"),
                values,
            ))
            .await
            .expect("a plan")
            .iter()
            .map(|row| row.try_get_by_index::<String>(3).expect("its detail"))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

#[cfg(test)]
mod tests {
    use super::testing::temp_db;
    use super::*;
    use sea_orm::{ConnectionTrait, DbBackend, Statement};

    async fn pragma(conn: &DatabaseConnection, name: &str) -> String {
        let row = conn
            .query_one_raw(Statement::from_string(
                DbBackend::Sqlite,
                format!("PRAGMA {name}"),
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get_by_index::<i64>(0)
            .map(|n| n.to_string())
            .or_else(|_| row.try_get_by_index::<String>(0))
            .unwrap()
    }

    #[tokio::test]
    async fn every_connection_is_wal_with_foreign_keys_full_sync_and_a_busy_timeout() {
        let t = temp_db().await;
        for conn in [&t.db.read, &t.db.write] {
            assert_eq!(pragma(conn, "journal_mode").await, "wal");
            assert_eq!(pragma(conn, "foreign_keys").await, "1");
            assert_eq!(pragma(conn, "synchronous").await, "2", "2 is FULL");
            assert!(pragma(conn, "busy_timeout").await.parse::<i64>().unwrap() >= 5000);
        }
    }

    #[tokio::test]
    async fn the_read_pool_cannot_write() {
        let t = temp_db().await;
        let err =
            t.db.reader()
                .execute_unprepared("DELETE FROM staff_group")
                .await
                .unwrap_err();
        assert!(err.to_string().contains("readonly"), "{err}");
    }

    #[tokio::test]
    async fn backup_copies_the_data_and_refuses_to_overwrite() {
        let t = temp_db().await;
        demo::seed(&t.db).await.unwrap();
        let target = t.dir.path().join("copy.db");
        t.db.backup_to(&target).await.unwrap();

        let copy = Db::connect(&format!("sqlite://{}", target.display()))
            .await
            .unwrap();
        assert_eq!(
            network::staff_groups(copy.reader()).await.unwrap(),
            network::staff_groups(t.db.reader()).await.unwrap()
        );
        assert!(matches!(
            t.db.backup_to(&target).await,
            Err(DbError::BackupTargetExists(_))
        ));
    }
}
