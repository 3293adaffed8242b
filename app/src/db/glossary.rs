//! The glossary's terms: reading them as pages show them, finding the acronyms another page's
//! text uses, and adding and editing terms (each edit keeps the version before and is logged).

use super::{SaveError, entities::glossary_term, glossary_search, history};
use crate::domain::glossary::{
    self, Acronyms, Context, Known, Meaning, Query, SearchResults, ShownMeaning, TermGroup,
    TermStatus, ValidTerm,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::{collections::HashMap, sync::Arc};

const RECORD: &str = "glossary_term";
const MEANING_TAKEN: SaveError = SaveError::Taken {
    field: "term",
    message: "This term already has a meaning for the place it is used in: edit that one instead",
};

fn lines(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_owned)
        .collect()
}

fn to_meaning(row: glossary_term::Model) -> Meaning {
    Meaning {
        id: row.id,
        aliases: lines(&row.aliases),
        see_also: lines(&row.see_also),
        context: Context::parse(&row.context).unwrap_or_default(),
        status: TermStatus::parse(&row.status).unwrap_or(TermStatus::Retired),
        term: row.term,
        expansion: row.expansion,
        definition: row.definition,
        source_url: row.source_url,
    }
}

/// Every term, A–Z (the printable glossary and the export).
pub async fn all(conn: &impl ConnectionTrait) -> Result<Vec<Meaning>, DbErr> {
    let rows = glossary_term::Entity::find()
        .order_by_asc(glossary_term::Column::TermKey)
        .order_by_asc(glossary_term::Column::Context)
        .all(conn)
        .await?;
    Ok(rows.into_iter().map(to_meaning).collect())
}

/// Every term with its meanings, A–Z (the printable glossary).
pub async fn every_group(conn: &impl ConnectionTrait) -> Result<Vec<TermGroup>, DbErr> {
    let rows = glossary_term::Entity::find().all(conn).await?;
    shown(conn, rows).await
}

/// The terms filed under `letter` (`#`: those starting with a digit), at most `limit`
/// meanings.
pub async fn under_letter(
    conn: &impl ConnectionTrait,
    letter: char,
    limit: u64,
) -> Result<Vec<TermGroup>, DbErr> {
    let (from, to) = match letter.to_ascii_lowercase() {
        l @ 'a'..='z' => (l, char::from(l as u8 + 1)),
        _ => ('0', char::from(b'9' + 1)),
    };
    let rows = glossary_term::Entity::find()
        .filter(glossary_term::Column::TermKey.gte(from.to_string()))
        .filter(glossary_term::Column::TermKey.lt(to.to_string()))
        .order_by_asc(glossary_term::Column::TermKey)
        .limit(limit)
        .all(conn)
        .await?;
    shown(conn, rows).await
}

/// What a search finds: the best-matching terms, each with every meaning it has.
pub async fn search(conn: &impl ConnectionTrait, raw: &str) -> Result<SearchResults, DbErr> {
    let query = Query::parse(raw);
    let ranked = glossary::rank(glossary_search::find(conn, &query).await?);
    let keys: Vec<String> = ranked.into_iter().map(|(k, _)| k).collect();
    let rows = glossary_term::Entity::find()
        .filter(glossary_term::Column::TermKey.is_in(keys.clone()))
        .all(conn)
        .await?;
    let mut groups = shown(conn, rows).await?;
    let position: HashMap<&str, usize> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    groups.sort_by_key(|g| {
        let key = glossary::normalise(&g.term);
        position.get(key.as_str()).copied().unwrap_or(usize::MAX)
    });
    Ok(SearchResults {
        query: raw.chars().take(glossary::MAX_QUERY_CHARS).collect(),
        groups,
        shortened: query.shortened,
    })
}

/// What tells whether the glossary has changed: its newest term and its newest edit (terms
/// are never deleted, and every edit moves `updated_at`). Two look-ups in indexes.
type Stamp = (Option<i32>, Option<String>);

async fn stamp(conn: &impl ConnectionTrait) -> Result<Stamp, DbErr> {
    let row = conn
        .query_one_raw(sea_orm::Statement::from_string(
            conn.get_database_backend(),
            "SELECT (SELECT max(id) FROM glossary_term), (SELECT max(updated_at) FROM glossary_term)",
        ))
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("glossary stamp".into()))?;
    Ok((row.try_get_by_index(0)?, row.try_get_by_index(1)?))
}

/// Searches kept between requests, each with the stamp of the glossary it read: a search
/// asks several questions of the database and reads each definition's Markdown and acronyms,
/// most of the glossary page's time, and the same few queries come again and again. A kept
/// search is used while the stamp is unchanged. One per server.
#[derive(Clone)]
pub struct SearchCache(moka::sync::Cache<String, Arc<(Stamp, Arc<SearchResults>)>>);

impl Default for SearchCache {
    fn default() -> Self {
        Self(moka::sync::Cache::new(SEARCHES_KEPT))
    }
}

/// How many different searches are kept (each is a page of results, a few kilobytes).
const SEARCHES_KEPT: u64 = 500;

impl SearchCache {
    /// `search`, from what is kept if the glossary has not changed since.
    pub async fn search(
        &self,
        conn: &impl ConnectionTrait,
        raw: &str,
    ) -> Result<Arc<SearchResults>, DbErr> {
        // Read before the search: a change made while it runs shows at the next one.
        let now = stamp(conn).await?;
        if let Some(kept) = self.0.get(raw)
            && kept.0 == now
        {
            return Ok(kept.1.clone());
        }
        let found = Arc::new(search(conn, raw).await?);
        // A longer query is cut to its first characters; only those are worth a place.
        if raw.chars().count() <= glossary::MAX_QUERY_CHARS {
            self.0
                .insert(raw.to_owned(), Arc::new((now, found.clone())));
        }
        Ok(found)
    }
}

/// Rows as groups of meanings by term (A–Z), their definitions read with the acronyms they
/// use linked.
async fn shown(
    conn: &impl ConnectionTrait,
    rows: Vec<glossary_term::Model>,
) -> Result<Vec<TermGroup>, DbErr> {
    let acronyms = acronyms_in(conn, rows.iter().map(|r| r.definition.as_str())).await?;
    let mut by_key: Vec<(String, Vec<Meaning>)> = Vec::new();
    let mut rows = rows;
    rows.sort_by(|a, b| a.term_key.cmp(&b.term_key));
    for row in rows {
        let key = row.term_key.clone();
        match by_key.last_mut() {
            Some((k, meanings)) if *k == key => meanings.push(to_meaning(row)),
            _ => by_key.push((key, vec![to_meaning(row)])),
        }
    }
    Ok(by_key
        .into_iter()
        .map(|(_, mut meanings)| {
            glossary::order_meanings(&mut meanings);
            TermGroup {
                term: meanings[0].term.clone(),
                meanings: meanings
                    .into_iter()
                    .map(|meaning| ShownMeaning {
                        definition: glossary::definition_blocks(&meaning.definition, &acronyms),
                        meaning,
                    })
                    .collect(),
            }
        })
        .collect())
}

/// A term's page: the meaning `id`, and the term's other meanings.
pub async fn term(conn: &impl ConnectionTrait, id: i32) -> Result<Option<TermGroup>, DbErr> {
    let Some(row) = glossary_term::Entity::find_by_id(id).one(conn).await? else {
        return Ok(None);
    };
    let siblings = glossary_term::Entity::find()
        .filter(glossary_term::Column::TermKey.eq(row.term_key.clone()))
        .all(conn)
        .await?;
    let mut group = shown(conn, siblings)
        .await?
        .pop()
        .ok_or_else(|| DbErr::RecordNotFound(format!("glossary term {id}")))?;
    // This meaning first, then the others.
    group.meanings.sort_by_key(|m| m.meaning.id != id);
    Ok(Some(group))
}

pub async fn meaning(conn: &impl ConnectionTrait, id: i32) -> Result<Option<Meaning>, DbErr> {
    Ok(glossary_term::Entity::find_by_id(id)
        .one(conn)
        .await?
        .map(to_meaning))
}

/// The approved acronyms (terms, or their other names) these texts use, with their meanings:
/// one indexed look-up of the words that could be acronyms.
pub async fn acronyms_in<'a>(
    conn: &impl ConnectionTrait,
    texts: impl IntoIterator<Item = &'a str>,
) -> Result<Acronyms, DbErr> {
    let mut written: Vec<String> = Vec::new();
    for text in texts {
        for (_, word) in glossary::tokens(text) {
            let singular = word.strip_suffix('s').unwrap_or(word);
            for w in [word, singular] {
                if glossary::is_acronym(w) && !written.iter().any(|x| x == w) {
                    written.push(w.to_owned());
                }
            }
        }
    }
    written.truncate(500);
    if written.is_empty() {
        return Ok(Acronyms::default());
    }
    let keys: Vec<String> = written.iter().map(|w| glossary::normalise(w)).collect();
    let marks = vec!["?"; keys.len()].join(", ");
    let terms: Vec<Meaning> = glossary_term::Entity::find()
        .from_raw_sql(sea_orm::Statement::from_sql_and_values(
            sea_orm::DbBackend::Sqlite,
            format!(
                "SELECT * FROM glossary_term WHERE status = 'approved' AND id IN \
                 (SELECT term_id FROM glossary_key WHERE key IN ({marks}) AND origin < 2)"
            ),
            keys.into_iter().map(Into::into),
        ))
        .all(conn)
        .await?
        .into_iter()
        .map(to_meaning)
        .collect();
    // Each meaning under every name it is written as in the text: its term or another name.
    let keyed: Vec<(String, &Meaning)> = terms
        .iter()
        .map(|m| (glossary::normalise(&m.term), m))
        .collect();
    let known = keyed.iter().flat_map(|(key, m)| {
        std::iter::once(&m.term)
            .chain(&m.aliases)
            .filter(|name| written.contains(name))
            .map(move |name| Known {
                written: name,
                term_key: key,
                id: m.id,
                expansion: &m.expansion,
                context: m.context,
            })
    });
    Ok(Acronyms::new(known))
}

/// Whether another meaning of the term already has this context.
async fn meaning_taken(
    conn: &impl ConnectionTrait,
    term: &ValidTerm,
    except: Option<i32>,
) -> Result<bool, DbErr> {
    let mut find = glossary_term::Entity::find()
        .filter(glossary_term::Column::TermKey.eq(term.key.clone()))
        .filter(glossary_term::Column::Context.eq(term.context.as_str()));
    if let Some(id) = except {
        find = find.filter(glossary_term::Column::Id.ne(id));
    }
    Ok(find.one(conn).await?.is_some())
}

fn fill(row: &mut glossary_term::ActiveModel, term: &ValidTerm, now: DateTime<Utc>) {
    row.term = Set(term.term.clone());
    row.term_key = Set(term.key.clone());
    row.expansion = Set(term.expansion.clone());
    row.definition = Set(term.definition.clone());
    row.context = Set(term.context.as_str().to_owned());
    row.aliases = Set(term.aliases.join("\n"));
    row.see_also = Set(term.see_also.join("\n"));
    row.source_url = Set(term.source_url.clone());
    row.status = Set(term.status.as_str().to_owned());
    row.updated_at = Set(now);
}

/// Adds a term (approved or retired as the form says). Returns its id.
pub async fn create(
    conn: &impl ConnectionTrait,
    term: &ValidTerm,
    actor: Option<i32>,
    now: DateTime<Utc>,
) -> Result<i32, SaveError> {
    if meaning_taken(conn, term, None).await? {
        return Err(MEANING_TAKEN);
    }
    let mut row = glossary_term::ActiveModel {
        version: Set(1),
        ..Default::default()
    };
    fill(&mut row, term, now);
    let id = glossary_term::Entity::insert(row)
        .exec(conn)
        .await?
        .last_insert_id;
    let texts = [term.expansion.as_str(), term.definition.as_str()];
    glossary_search::index_term(conn, id, &term.key, &term.aliases, &texts).await?;
    if let Some(actor) = actor {
        let created = meaning(conn, id).await?.ok_or(DbErr::RecordNotInserted)?;
        history::record_creation(conn, RECORD, id, &created.fields(), actor, now).await?;
    }
    Ok(id)
}

/// Saves an edited term, keeping the version before. `Ok(None)`: no such term.
pub async fn update(
    conn: &impl ConnectionTrait,
    id: i32,
    term: &ValidTerm,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<Option<()>, SaveError> {
    let Some(row) = glossary_term::Entity::find_by_id(id).one(conn).await? else {
        return Ok(None);
    };
    if meaning_taken(conn, term, Some(id)).await? {
        return Err(MEANING_TAKEN);
    }
    let before = to_meaning(row.clone()).fields();
    let version = row.version;
    let mut active: glossary_term::ActiveModel = row.into();
    fill(&mut active, term, now);
    let after = meaning_from(id, term).fields();
    let edit = history::Edit {
        record_type: RECORD,
        id,
        version,
        before: &before,
        after: &after,
    };
    if history::record_edit(conn, edit, None, actor, now).await? {
        active.version = Set(version + 1);
        glossary_term::Entity::update(active).exec(conn).await?;
        let texts = [term.expansion.as_str(), term.definition.as_str()];
        glossary_search::index_term(conn, id, &term.key, &term.aliases, &texts).await?;
    }
    Ok(Some(()))
}

fn meaning_from(id: i32, term: &ValidTerm) -> Meaning {
    Meaning {
        id,
        term: term.term.clone(),
        expansion: term.expansion.clone(),
        definition: term.definition.clone(),
        context: term.context,
        aliases: term.aliases.clone(),
        see_also: term.see_also.clone(),
        source_url: term.source_url.clone(),
        status: term.status,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::temp_db;
    use sea_orm::{ActiveModelTrait, IntoActiveModel};
    use std::sync::Arc;

    #[tokio::test]
    async fn a_kept_search_is_used_until_the_glossary_changes() {
        let t = temp_db().await;
        crate::db::demo::seed(&t.db).await.unwrap();
        let cache = SearchCache::default();
        let first = cache.search(t.db.reader(), "cpa").await.unwrap();
        let again = cache.search(t.db.reader(), "cpa").await.unwrap();
        assert!(Arc::ptr_eq(&first, &again), "kept");
        assert_eq!(*first, search(t.db.reader(), "cpa").await.unwrap());

        let cpa = glossary_term::Entity::find()
            .filter(glossary_term::Column::Term.eq("CPA"))
            .one(t.db.reader())
            .await
            .unwrap()
            .unwrap();
        let mut edited = cpa.into_active_model();
        edited.expansion = Set("Care Programme Approach (as it was)".into());
        edited.updated_at = Set(Utc::now());
        let txn = t.db.begin_write().await.unwrap();
        edited.update(&txn).await.unwrap();
        txn.commit().await.unwrap();

        let after = cache.search(t.db.reader(), "cpa").await.unwrap();
        assert!(!Arc::ptr_eq(&first, &after), "read again");
        let shown = &after.groups[0].meanings[0].meaning.expansion;
        assert_eq!(shown, "Care Programme Approach (as it was)");
    }
}
