//! Invitations to meetings, the answers to them, and who came. Each person invited to a
//! meeting (a member of its series, or a guest such as an outside presenter) has one row
//! holding their answer and their attendance;
//! every email sent them carries links with a secret of its own, stored only as its digest,
//! which answer for them without signing in until the meeting ends. An outbox letter may carry
//! a calendar object, sent as a part and as an attachment. Each person may have a calendar
//! feed of their meetings at a secret address.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
ALTER TABLE mail_outbox ADD COLUMN calendar TEXT;
ALTER TABLE mail_outbox ADD COLUMN calendar_method TEXT;

-- When invitations first went out: from then on, a change of time, place or status sends
-- everyone invited an update.
ALTER TABLE meeting ADD COLUMN invited_at TEXT;
-- When the reminder went out, so it goes once.
ALTER TABLE meeting ADD COLUMN reminded_at TEXT;

CREATE TABLE meeting_guest (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    added_at TEXT NOT NULL
);
CREATE UNIQUE INDEX meeting_guest_email ON meeting_guest (meeting_id, email);

CREATE TABLE meeting_invitee (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id INTEGER NOT NULL REFERENCES meeting (id) ON DELETE CASCADE,
    account_id INTEGER REFERENCES user_account (id) ON DELETE CASCADE,
    guest_id INTEGER REFERENCES meeting_guest (id) ON DELETE CASCADE,
    -- NULL until they answer: attending | apologies.
    answer TEXT,
    note TEXT NOT NULL DEFAULT '',
    -- The colleague from their own team who comes in their place.
    deputy_profile_id INTEGER REFERENCES profile (id) ON DELETE SET NULL,
    answered_at TEXT,
    -- NULL until an invitation has been sent them.
    invited_at TEXT,
    -- What happened, recorded at or after the meeting: present | online | deputy |
    -- apologies | absent.
    attendance TEXT,
    attendance_recorded_at TEXT,
    CHECK ((account_id IS NULL) <> (guest_id IS NULL))
);
CREATE UNIQUE INDEX meeting_invitee_account ON meeting_invitee (meeting_id, account_id);
CREATE UNIQUE INDEX meeting_invitee_guest ON meeting_invitee (meeting_id, guest_id);
CREATE INDEX meeting_invitee_of_account ON meeting_invitee (account_id);

CREATE TABLE rsvp_link (
    digest TEXT PRIMARY KEY,
    invitee_id INTEGER NOT NULL REFERENCES meeting_invitee (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX rsvp_link_invitee ON rsvp_link (invitee_id);

-- A person's calendar feed: its secret address is kept as it is, not as a digest, as its
-- owner must be able to read it again; it shows only when and where meetings are.
CREATE TABLE calendar_feed (
    account_id INTEGER PRIMARY KEY REFERENCES user_account (id) ON DELETE CASCADE,
    token TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);
"#;

const DOWN: &str = r#"
DROP TABLE calendar_feed;
DROP TABLE rsvp_link;
DROP TABLE meeting_invitee;
DROP TABLE meeting_guest;
ALTER TABLE meeting DROP COLUMN reminded_at;
ALTER TABLE meeting DROP COLUMN invited_at;
ALTER TABLE mail_outbox DROP COLUMN calendar_method;
ALTER TABLE mail_outbox DROP COLUMN calendar;
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
