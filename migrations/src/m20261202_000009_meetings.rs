//! The bi-monthly meetings: a series (its rule, its usual times and place) and the meetings
//! it generates or a coordinator adds. A series' members are every active champion and
//! coordinator.
//!
//! Times are stored as the local date and wall-clock time with the zone, never as UTC alone:
//! a meeting at 10:00 in London stays at 10:00 across the clock changes.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE TABLE meeting_series (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL,
    rule TEXT NOT NULL,
    first_date TEXT NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    venue TEXT NOT NULL DEFAULT '',
    online_link TEXT NOT NULL DEFAULT '',
    generated_until TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE meeting (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    series_id INTEGER NOT NULL REFERENCES meeting_series (id) ON DELETE CASCADE,
    -- The rule's date the meeting was made for, kept when it is moved or cancelled so it is
    -- never made again; NULL for a one-off meeting.
    occurrence_date TEXT,
    title TEXT NOT NULL,
    date TEXT NOT NULL,
    start_time TEXT NOT NULL,
    end_time TEXT NOT NULL,
    time_zone TEXT NOT NULL,
    venue TEXT NOT NULL DEFAULT '',
    online_link TEXT NOT NULL DEFAULT '',
    cancelled INTEGER NOT NULL DEFAULT 0,
    -- The calendar's identity of the meeting, and its revision (raised by every change of
    -- time, place or status).
    uid TEXT NOT NULL UNIQUE,
    sequence INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE UNIQUE INDEX meeting_occurrence ON meeting (series_id, occurrence_date);
CREATE INDEX meeting_date ON meeting (date, start_time);
"#;

const DOWN: &str = r#"
DROP TABLE meeting;
DROP TABLE meeting_series;
"#;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared(UP).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared(DOWN).await?;
        Ok(())
    }
}
