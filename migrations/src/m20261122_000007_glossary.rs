//! The acronym glossary: its terms (one row per meaning: an acronym may mean one thing in
//! children's services and another in adult mental health), the names the search looks terms
//! up by, a full-text index of what the terms say with the words it holds (for correcting a
//! slip), and the suggestions coordinators decide.
//! The full-text index is SQLite's FTS5, so it is written as SQL here; the search module that
//! reads it (`app/src/db/glossary_search.rs`) is the one place that knows it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

const UP: &str = r#"
CREATE TABLE glossary_term (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    term TEXT NOT NULL,
    term_key TEXT NOT NULL,
    expansion TEXT NOT NULL,
    definition TEXT NOT NULL DEFAULT '',
    context TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '',
    see_also TEXT NOT NULL DEFAULT '',
    source_url TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX glossary_term_meaning ON glossary_term (term_key, context);

CREATE TABLE glossary_key (
    key TEXT NOT NULL,
    key_reversed TEXT NOT NULL,
    term_id INTEGER NOT NULL REFERENCES glossary_term (id) ON DELETE CASCADE,
    origin INTEGER NOT NULL
);
CREATE INDEX glossary_key_key ON glossary_key (key, origin, term_id);
CREATE INDEX glossary_key_reversed ON glossary_key (key_reversed, key, term_id);
CREATE INDEX glossary_key_term ON glossary_key (term_id);

CREATE TABLE glossary_word (
    word TEXT PRIMARY KEY,
    word_reversed TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX glossary_word_reversed ON glossary_word (word_reversed);

CREATE VIRTUAL TABLE glossary_fts USING fts5 (
    expansion, definition, aliases,
    content = 'glossary_term', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);
CREATE TRIGGER glossary_fts_insert AFTER INSERT ON glossary_term BEGIN
    INSERT INTO glossary_fts (rowid, expansion, definition, aliases)
    VALUES (new.id, new.expansion, new.definition, new.aliases);
END;
CREATE TRIGGER glossary_fts_delete AFTER DELETE ON glossary_term BEGIN
    INSERT INTO glossary_fts (glossary_fts, rowid, expansion, definition, aliases)
    VALUES ('delete', old.id, old.expansion, old.definition, old.aliases);
END;
CREATE TRIGGER glossary_fts_update AFTER UPDATE ON glossary_term BEGIN
    INSERT INTO glossary_fts (glossary_fts, rowid, expansion, definition, aliases)
    VALUES ('delete', old.id, old.expansion, old.definition, old.aliases);
    INSERT INTO glossary_fts (rowid, expansion, definition, aliases)
    VALUES (new.id, new.expansion, new.definition, new.aliases);
END;

CREATE TABLE glossary_suggestion (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    term_id INTEGER REFERENCES glossary_term (id) ON DELETE SET NULL,
    term TEXT NOT NULL,
    expansion TEXT NOT NULL,
    definition TEXT NOT NULL DEFAULT '',
    context TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '',
    see_also TEXT NOT NULL DEFAULT '',
    source_url TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL,
    note TEXT NOT NULL DEFAULT '',
    suggested_by INTEGER NOT NULL REFERENCES user_account (id) ON DELETE CASCADE,
    suggested_at TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    reason TEXT NOT NULL DEFAULT '',
    decided_by INTEGER REFERENCES user_account (id) ON DELETE SET NULL,
    decided_at TEXT
);
CREATE INDEX glossary_suggestion_state ON glossary_suggestion (state, suggested_at);
"#;

const DOWN: &str = r#"
DROP TABLE glossary_suggestion;
DROP TABLE glossary_fts;
DROP TABLE glossary_word;
DROP TABLE glossary_key;
DROP TABLE glossary_term;
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
