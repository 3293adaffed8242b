//! The glossary's search, over SQLite: the one place that knows `glossary_key` (each term's
//! normalised name and other names, also spelt backwards), `glossary_word` (every word the
//! full-text index holds, also spelt backwards) and the FTS5 index `glossary_fts`. A
//! PostgreSQL version would keep this module's functions and answer them with B-trees and
//! `tsvector`.
//!
//! A search asks, each question bounded by an index and a limit:
//! 1. terms and other names equal to the query, and 2. starting with it (key range);
//! 3. terms whose expansion, definition or other names hold its words (FTS5, best first);
//! 4. for queries of four letters or more, the same with one slip: a word one slip from
//!    another shares its first or its last (n-1)/2 letters, so candidates come from two
//!    range scans, forwards and backwards, and are then checked exactly.

use crate::domain::glossary::{Hit, Query, Tier, normalise, one_slip_apart, slip_anchors};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement, Value};

/// What a name in `glossary_key` is of its term.
#[derive(Clone, Copy)]
enum Origin {
    Term = 0,
    Alias = 1,
}

/// How many matches each question returns at most; ranking keeps a page of them.
const LIMIT: u32 = 60;
/// How many full-text matches are ranked at most: a common word can match most of a large
/// glossary, and ranking them all would take as long as there are terms.
const RANKED: u32 = 2000;
/// How many candidate spellings a slip is checked against at most.
const SLIP_CANDIDATES: u32 = 400;
/// Words shorter than this are not kept for correcting slips: a searched word of four
/// letters is compared with words of three or more.
const SHORTEST_WORD: usize = 3;

fn statement(sql: &str, values: impl IntoIterator<Item = Value>) -> Statement {
    Statement::from_sql_and_values(DbBackend::Sqlite, sql, values)
}

fn reversed(text: &str) -> String {
    text.chars().rev().collect()
}

/// The rows of `glossary_key` for one term: (name, name spelt backwards, origin).
pub fn names_of(key: &str, aliases: &[String]) -> Vec<(String, String, i32)> {
    let mut names: Vec<(String, Origin)> = vec![(key.to_owned(), Origin::Term)];
    names.extend(aliases.iter().map(|a| (normalise(a), Origin::Alias)));
    names.retain(|(k, _)| !k.is_empty());
    // The term itself wins over an other name spelt the same way (it comes first).
    let mut seen = Vec::new();
    names.retain(|(k, _)| {
        let new = !seen.contains(k);
        seen.push(k.clone());
        new
    });
    names
        .into_iter()
        .map(|(k, origin)| {
            let backwards = reversed(&k);
            (k, backwards, origin as i32)
        })
        .collect()
}

/// The words of what the full-text index holds of a term, long enough to correct a slip in.
pub fn words_of(texts: &[&str]) -> Vec<String> {
    let mut words: Vec<String> = texts
        .iter()
        .flat_map(|t| crate::domain::directory::words(t))
        .filter(|w| w.chars().count() >= SHORTEST_WORD)
        .collect();
    words.sort();
    words.dedup();
    words
}

/// Adds `words` to the vocabulary slips are corrected against. A word is never taken out: a
/// correction to a word no longer used finds nothing, which is what a search for it would.
pub async fn add_words(conn: &impl ConnectionTrait, words: &[String]) -> Result<(), DbErr> {
    for chunk in words.chunks(400) {
        let rows = vec!["(?, ?)"; chunk.len()].join(", ");
        let values = chunk
            .iter()
            .flat_map(|w| [w.clone().into(), reversed(w).into()]);
        conn.execute_raw(statement(
            &format!("INSERT OR IGNORE INTO glossary_word (word, word_reversed) VALUES {rows}"),
            values,
        ))
        .await?;
    }
    Ok(())
}

/// Writes what the search needs of a term, replacing what it had (the full-text index follows
/// the table by triggers).
pub async fn index_term(
    conn: &impl ConnectionTrait,
    id: i32,
    key: &str,
    aliases: &[String],
    texts: &[&str],
) -> Result<(), DbErr> {
    conn.execute_raw(statement(
        "DELETE FROM glossary_key WHERE term_id = ?",
        [id.into()],
    ))
    .await?;
    let names = names_of(key, aliases);
    let mut values = Vec::with_capacity(names.len() * 4);
    for (name, backwards, origin) in names.iter().cloned() {
        values.extend([name.into(), backwards.into(), id.into(), origin.into()]);
    }
    let rows = vec!["(?, ?, ?, ?)"; names.len()].join(", ");
    conn.execute_raw(statement(
        &format!("INSERT INTO glossary_key (key, key_reversed, term_id, origin) VALUES {rows}"),
        values,
    ))
    .await?;
    let mut texts = texts.to_vec();
    texts.extend(aliases.iter().map(String::as_str));
    add_words(conn, &words_of(&texts)).await
}

/// The terms a query matches, each by every way it matched (the caller ranks them).
pub async fn find(conn: &impl ConnectionTrait, query: &Query) -> Result<Vec<Hit>, DbErr> {
    let mut hits = Vec::new();
    if query.is_empty() {
        return Ok(hits);
    }
    let key = &query.key;
    // Names equal to the key and names starting with it, in one range of the index: equal
    // ones sort first, so the limit never leaves them out.
    for row in conn
        .query_all_raw(statement(
            "SELECT t.term_key, k.origin, k.key = ? FROM glossary_key k \
             JOIN glossary_term t ON t.id = k.term_id \
             WHERE k.key >= ? AND k.key < ? ORDER BY k.key LIMIT ?",
            [
                key.clone().into(),
                key.clone().into(),
                after_prefix(key).into(),
                (2 * LIMIT).into(),
            ],
        ))
        .await?
    {
        let (origin, equal): (i32, bool) = (row.try_get_by_index(1)?, row.try_get_by_index(2)?);
        let tier = match (equal, origin == Origin::Term as i32) {
            (true, true) => Tier::Exact,
            (true, false) => Tier::Alias,
            (false, _) => Tier::Prefix,
        };
        hits.push(Hit {
            term_key: row.try_get_by_index(0)?,
            tier,
        });
    }
    if !query.words.is_empty() {
        let words: Vec<Vec<String>> = query.words.iter().map(|w| vec![w.clone()]).collect();
        hits.extend(full_text(conn, &words, Tier::Words).await?);
    }
    if Query::tolerates_slip(key) {
        for term_key in name_slips(conn, key).await? {
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
                spellings.extend(word_slips(conn, word).await?);
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

/// The forwards and backwards prefixes a spelling one slip from `key` shares with it (one
/// of them at least), and the lengths it may have.
fn slip_ranges(key: &str) -> ([(String, String); 2], i64, i64) {
    let length = key.chars().count();
    let (start, end) = slip_anchors(key);
    let range = |p: String| {
        let upper = after_prefix(&p);
        (p, upper)
    };
    (
        [range(start), range(end)],
        length as i64 - 1,
        length as i64 + 1,
    )
}

/// The terms with a name or other name one slip from `key`.
async fn name_slips(conn: &impl ConnectionTrait, key: &str) -> Result<Vec<String>, DbErr> {
    let ([forwards, backwards], shortest, longest) = slip_ranges(key);
    let mut found = Vec::new();
    for (column, (from, to)) in [("key", forwards), ("key_reversed", backwards)] {
        let sql = format!(
            "SELECT t.term_key, k.key FROM glossary_key k JOIN glossary_term t ON t.id = k.term_id \
             WHERE k.{column} >= ? AND k.{column} < ? AND length(k.key) BETWEEN ? AND ? LIMIT ?"
        );
        let values = [
            from.into(),
            to.into(),
            shortest.into(),
            longest.into(),
            SLIP_CANDIDATES.into(),
        ];
        for row in conn.query_all_raw(statement(&sql, values)).await? {
            let (term_key, candidate): (String, String) =
                (row.try_get_by_index(0)?, row.try_get_by_index(1)?);
            if candidate != key && one_slip_apart(key, &candidate) {
                found.push(term_key);
            }
        }
    }
    Ok(found)
}

/// The words of the glossary one slip from `word`.
async fn word_slips(conn: &impl ConnectionTrait, word: &str) -> Result<Vec<String>, DbErr> {
    let ([forwards, backwards], shortest, longest) = slip_ranges(word);
    let mut found = Vec::new();
    for (column, (from, to)) in [("word", forwards), ("word_reversed", backwards)] {
        let sql = format!(
            "SELECT word FROM glossary_word \
             WHERE {column} >= ? AND {column} < ? AND length(word) BETWEEN ? AND ? LIMIT ?"
        );
        let values = [
            from.into(),
            to.into(),
            shortest.into(),
            longest.into(),
            SLIP_CANDIDATES.into(),
        ];
        for row in conn.query_all_raw(statement(&sql, values)).await? {
            let candidate: String = row.try_get_by_index(0)?;
            if candidate != word && one_slip_apart(word, &candidate) {
                found.push(candidate);
            }
        }
    }
    Ok(found)
}
