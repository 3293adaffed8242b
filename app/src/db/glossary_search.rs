//! The glossary's search, over SQLite: the one place that knows the `glossary_key` table (each
//! term's normalised name, other names and the words of what it stands for, also spelt
//! backwards) and the FTS5 index `glossary_fts`. A PostgreSQL version would keep these two
//! functions and answer them with a B-tree and `tsvector`.
//!
//! A search asks, each question bounded by an index and a limit:
//! 1. terms and other names equal to the query, and 2. starting with it (key range);
//! 3. terms whose expansion, definition or other names hold its words (FTS5, best first);
//! 4. for queries of four letters or more, the same with one slip: a word one slip from
//!    another shares its first or its last (n-1)/2 letters, so candidates come from two
//!    range scans, forwards and backwards, and are then checked exactly.

use crate::domain::glossary::{Hit, Query, Tier, one_slip_apart};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement, Value};

/// What a key in `glossary_key` is of its term.
#[derive(Clone, Copy)]
enum Origin {
    Term = 0,
    Alias = 1,
    Word = 2,
}

/// How many matches each question returns at most; ranking keeps a page of them.
const LIMIT: u32 = 60;
/// How many full-text matches are ranked at most: a common word can match most of a large
/// glossary, and ranking them all would take as long as there are terms.
const RANKED: u32 = 2000;
/// How many candidate spellings a slip is checked against at most.
const SLIP_CANDIDATES: u32 = 400;
/// Words shorter than this are not kept for slip-matching: a searched word of four letters
/// is compared with words of three or more.
const SHORTEST_WORD: usize = 3;

fn statement(sql: &str, values: impl IntoIterator<Item = Value>) -> Statement {
    Statement::from_sql_and_values(DbBackend::Sqlite, sql, values)
}

/// The rows of `glossary_key` for one term: (key, key spelt backwards, origin).
pub fn keys_of(key: &str, aliases: &[String], expansion: &str) -> Vec<(String, String, i32)> {
    use crate::domain::glossary::normalise;
    let mut keys: Vec<(String, Origin)> = vec![(key.to_owned(), Origin::Term)];
    keys.extend(aliases.iter().map(|a| (normalise(a), Origin::Alias)));
    keys.extend(
        crate::domain::directory::words(expansion)
            .into_iter()
            .filter(|w| w.chars().count() >= SHORTEST_WORD)
            .map(|w| (w, Origin::Word)),
    );
    keys.sort_by(|a, b| a.0.cmp(&b.0).then((a.1 as u8).cmp(&(b.1 as u8))));
    keys.dedup_by(|a, b| a.0 == b.0);
    keys.retain(|(k, _)| !k.is_empty());
    keys.into_iter()
        .map(|(k, origin)| {
            let reversed = k.chars().rev().collect();
            (k, reversed, origin as i32)
        })
        .collect()
}

/// Writes what the search needs of a term, replacing what it had (the full-text index follows
/// the table by triggers).
pub async fn index_term(
    conn: &impl ConnectionTrait,
    id: i32,
    key: &str,
    aliases: &[String],
    expansion: &str,
) -> Result<(), DbErr> {
    conn.execute_raw(statement(
        "DELETE FROM glossary_key WHERE term_id = ?",
        [id.into()],
    ))
    .await?;
    let keys = keys_of(key, aliases, expansion);
    let mut values = Vec::with_capacity(keys.len() * 4);
    for (k, reversed, origin) in keys.iter().cloned() {
        values.push(k.into());
        values.push(reversed.into());
        values.push(id.into());
        values.push(origin.into());
    }
    let rows = vec!["(?, ?, ?, ?)"; keys.len()].join(", ");
    conn.execute_raw(statement(
        &format!("INSERT INTO glossary_key (key, key_reversed, term_id, origin) VALUES {rows}"),
        values,
    ))
    .await?;
    Ok(())
}

/// The terms a query matches, each by every way it matched (the caller ranks them).
pub async fn find(conn: &impl ConnectionTrait, query: &Query) -> Result<Vec<Hit>, DbErr> {
    let mut hits = Vec::new();
    if query.is_empty() {
        return Ok(hits);
    }
    let key = &query.key;
    for row in conn
        .query_all_raw(statement(
            "SELECT t.term_key, k.origin FROM glossary_key k JOIN glossary_term t ON t.id = k.term_id \
             WHERE k.key = ? AND k.origin < 2 LIMIT ?",
            [key.clone().into(), LIMIT.into()],
        ))
        .await?
    {
        let origin: i32 = row.try_get_by_index(1)?;
        let tier = if origin == Origin::Term as i32 { Tier::Exact } else { Tier::Alias };
        hits.push(Hit { term_key: row.try_get_by_index(0)?, tier });
    }
    for row in conn
        .query_all_raw(statement(
            "SELECT t.term_key FROM glossary_key k JOIN glossary_term t ON t.id = k.term_id \
             WHERE k.key > ? AND k.key < ? AND k.origin < 2 LIMIT ?",
            [key.clone().into(), after_prefix(key).into(), LIMIT.into()],
        ))
        .await?
    {
        hits.push(Hit {
            term_key: row.try_get_by_index(0)?,
            tier: Tier::Prefix,
        });
    }
    if !query.words.is_empty() {
        let words: Vec<Vec<String>> = query.words.iter().map(|w| vec![w.clone()]).collect();
        hits.extend(full_text(conn, &words, Tier::Words).await?);
    }
    if Query::tolerates_slip(key) {
        for (term_key, _) in slips(conn, key, true).await? {
            hits.push(Hit {
                term_key,
                tier: Tier::Slip,
            });
        }
        // Each word with what it may have been meant to be: "programe" → "programme".
        let mut corrected = false;
        let mut words = Vec::with_capacity(query.words.len());
        for word in &query.words {
            let mut spellings = vec![word.clone()];
            if Query::tolerates_slip(word) {
                let before = spellings.len();
                spellings.extend(slips(conn, word, false).await?.into_iter().map(|(_, k)| k));
                spellings.sort();
                spellings.dedup();
                corrected |= spellings.len() > before;
            }
            words.push(spellings);
        }
        if corrected {
            hits.extend(full_text(conn, &words, Tier::Slip).await?);
        }
    }
    Ok(hits)
}

/// The first string after every string that starts with `prefix`.
fn after_prefix(prefix: &str) -> String {
    format!("{prefix}\u{10FFFF}")
}

/// Terms whose expansion, definition or other names hold a spelling of every word (the last
/// also as the start of a word, for search-as-you-type), best first among the first
/// [`RANKED`] found. Words are letters and digits only, quoted, so nothing typed can be read as
/// FTS5 syntax.
async fn full_text(
    conn: &impl ConnectionTrait,
    words: &[Vec<String>],
    tier: Tier,
) -> Result<Vec<Hit>, DbErr> {
    let last = words.len().saturating_sub(1);
    let expression = words
        .iter()
        .enumerate()
        .map(|(i, spellings)| {
            let star = if i == last { "*" } else { "" };
            let any: Vec<String> = spellings
                .iter()
                .filter(|s| s.chars().all(char::is_alphanumeric))
                .map(|s| format!("\"{s}\"{star}"))
                .collect();
            format!("({})", any.join(" OR "))
        })
        .collect::<Vec<_>>()
        .join(" AND ");
    let rows = conn
        .query_all_raw(statement(
            "SELECT t.term_key FROM (SELECT rowid, rank FROM glossary_fts WHERE glossary_fts MATCH ? \
             LIMIT ?) f JOIN glossary_term t ON t.id = f.rowid ORDER BY f.rank LIMIT ?",
            [expression.into(), RANKED.into(), LIMIT.into()],
        ))
        .await?;
    rows.into_iter()
        .map(|row| {
            Ok(Hit {
                term_key: row.try_get_by_index(0)?,
                tier,
            })
        })
        .collect()
}

/// Keys one slip from `key` (terms and other names, or the words of expansions), with the
/// term each belongs to.
async fn slips(
    conn: &impl ConnectionTrait,
    key: &str,
    names: bool,
) -> Result<Vec<(String, String)>, DbErr> {
    let length = key.chars().count();
    let half = (length - 1) / 2;
    let start: String = key.chars().take(half).collect();
    let end: String = key.chars().rev().take(half).collect();
    let origin = if names {
        "k.origin < 2"
    } else {
        "k.origin = 2"
    };
    let mut found = Vec::new();
    for (column, part) in [("key", start), ("key_reversed", end)] {
        let sql = format!(
            "SELECT t.term_key, k.key FROM glossary_key k JOIN glossary_term t ON t.id = k.term_id \
             WHERE k.{column} >= ? AND k.{column} < ? AND {origin} \
             AND length(k.key) BETWEEN ? AND ? LIMIT ?"
        );
        let upper = after_prefix(&part);
        let rows = conn
            .query_all_raw(statement(
                &sql,
                [
                    part.into(),
                    upper.into(),
                    (length as i64 - 1).into(),
                    (length as i64 + 1).into(),
                    SLIP_CANDIDATES.into(),
                ],
            ))
            .await?;
        for row in rows {
            let (term_key, candidate): (String, String) =
                (row.try_get_by_index(0)?, row.try_get_by_index(1)?);
            if candidate != key && one_slip_apart(key, &candidate) {
                found.push((term_key, candidate));
            }
        }
    }
    Ok(found)
}
