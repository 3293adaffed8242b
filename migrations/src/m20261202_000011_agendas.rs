//! Agendas. An agenda item belongs to one meeting and is what its minutes, decisions and
//! actions will hang on (meetings part 2). A champion's proposal is an item waiting for a
//! coordinator, who accepts it (it then takes its place in the order) or declines it with a
//! reason. Papers are web links or uploaded files, kept in the database apart from the list
//! of papers so that listing them never reads the files. A series' standing items are copied
//! into each new meeting's agenda.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
-- When the agenda was last emailed to everyone.
ALTER TABLE meeting ADD COLUMN agenda_sent_at TEXT;

CREATE TABLE standing_item (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    series_id INTEGER NOT NULL REFERENCES meeting_series (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX standing_item_series ON standing_item (series_id, position);

CREATE TABLE agenda_item (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    -- proposed | accepted | declined; only accepted items are in the agenda's order.
    status TEXT NOT NULL,
    position INTEGER NOT NULL,
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    -- For "a day in the life of": the job role of the bank it is about.
    job_role_id INTEGER REFERENCES job_role (id) ON DELETE SET NULL,
    -- The presenter: a member (an account) or one of the meeting's guests, or nobody yet.
    presenter_account_id INTEGER REFERENCES user_account (id) ON DELETE SET NULL,
    presenter_guest_id INTEGER REFERENCES meeting_guest (id) ON DELETE SET NULL,
    minutes INTEGER NOT NULL,
    -- Why the proposer asks for it, and why a coordinator declined it.
    reason TEXT NOT NULL DEFAULT '',
    decline_reason TEXT NOT NULL DEFAULT '',
    proposed_by INTEGER REFERENCES user_account (id) ON DELETE SET NULL,
    standing_item_id INTEGER REFERENCES standing_item (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK (presenter_account_id IS NULL OR presenter_guest_id IS NULL)
);
CREATE INDEX agenda_item_meeting ON agenda_item (meeting_id, status, position);

CREATE TABLE agenda_paper (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id INTEGER NOT NULL REFERENCES agenda_item (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    -- A web link, or a file (its download name, type and size; its bytes in paper_file).
    url TEXT,
    file_name TEXT,
    content_type TEXT,
    size INTEGER,
    added_by INTEGER REFERENCES user_account (id) ON DELETE SET NULL,
    added_at TEXT NOT NULL,
    CHECK ((url IS NULL) <> (file_name IS NULL))
);
CREATE INDEX agenda_paper_item ON agenda_paper (item_id);

CREATE TABLE paper_file (
    paper_id INTEGER PRIMARY KEY REFERENCES agenda_paper (id) ON DELETE CASCADE,
    bytes BLOB NOT NULL
);
"#;

const DOWN: &str = r#"
DROP TABLE paper_file;
DROP TABLE agenda_paper;
DROP TABLE agenda_item;
DROP TABLE standing_item;
ALTER TABLE meeting DROP COLUMN agenda_sent_at;
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
