//! Suggested terms and changes, and a coordinator's decision on each: approving one writes
//! the term (as the coordinator may have edited it); either way its author is sent a letter,
//! queued in the same transaction.

use super::{
    SaveError, audit,
    entities::{glossary_suggestion as row, user_account},
    glossary, outbox,
};
use crate::domain::{
    audit::{Action, FieldChange},
    glossary::{Suggestion, SuggestionState, TermForm, ValidTerm},
};
use crate::mail::{self, Postbox};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use std::collections::HashMap;

const DECIDED: SaveError = SaveError::Taken {
    field: "decision",
    message: "This suggestion has already been decided",
};

/// Keeps a suggestion of a new term (`term_id` `None`) or of a change to term `term_id`.
pub async fn suggest(
    conn: &impl ConnectionTrait,
    term_id: Option<i32>,
    term: &ValidTerm,
    by: i32,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let id = row::Entity::insert(row::ActiveModel {
        term_id: Set(term_id),
        term: Set(term.term.clone()),
        expansion: Set(term.expansion.clone()),
        definition: Set(term.definition.clone()),
        context: Set(term.context.as_str().to_owned()),
        aliases: Set(term.aliases.join("\n")),
        see_also: Set(term.see_also.join("\n")),
        source_url: Set(term.source_url.clone()),
        status: Set(term.status.as_str().to_owned()),
        note: Set(term.note.clone()),
        suggested_by: Set(by),
        suggested_at: Set(now),
        state: Set(SuggestionState::Pending.as_str().to_owned()),
        reason: Set(String::new()),
        decided_by: Set(None),
        decided_at: Set(None),
        ..Default::default()
    })
    .exec(conn)
    .await?
    .last_insert_id;
    let entry = audit::AuditRecord {
        actor: Some(by),
        action: Action::Create,
        record: Some(("glossary_suggestion", id.to_string())),
        changes: vec![FieldChange::plain("Term", None, Some(&term.term))],
    };
    audit::record(conn, now, entry).await?;
    Ok(id)
}

/// Suggestions waiting for a decision, oldest first; or, with `author`, everything that
/// person suggested, newest first.
pub async fn list(
    conn: &impl ConnectionTrait,
    author: Option<i32>,
) -> Result<Vec<Suggestion>, DbErr> {
    let find = row::Entity::find();
    let rows = match author {
        None => {
            find.filter(row::Column::State.eq(SuggestionState::Pending.as_str()))
                .order_by_asc(row::Column::SuggestedAt)
                .all(conn)
                .await?
        }
        Some(by) => {
            find.filter(row::Column::SuggestedBy.eq(by))
                .order_by_desc(row::Column::SuggestedAt)
                .all(conn)
                .await?
        }
    };
    let names = authors(conn, rows.iter().map(|r| r.suggested_by)).await?;
    Ok(rows.into_iter().map(|r| to_suggestion(r, &names)).collect())
}

/// A suggestion, with the term as it is now if it suggests a change, and who suggested it.
pub async fn get(conn: &impl ConnectionTrait, id: i32) -> Result<Option<(Suggestion, i32)>, DbErr> {
    let Some(r) = row::Entity::find_by_id(id).one(conn).await? else {
        return Ok(None);
    };
    let names = authors(conn, [r.suggested_by]).await?;
    let author = r.suggested_by;
    let current = match r.term_id {
        Some(term) => glossary::meaning(conn, term).await?,
        None => None,
    };
    let mut suggestion = to_suggestion(r, &names);
    suggestion.current = current;
    Ok(Some((suggestion, author)))
}

async fn authors(
    conn: &impl ConnectionTrait,
    ids: impl IntoIterator<Item = i32>,
) -> Result<HashMap<i32, user_account::Model>, DbErr> {
    Ok(user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|a| (a.id, a))
        .collect())
}

fn to_suggestion(r: row::Model, names: &HashMap<i32, user_account::Model>) -> Suggestion {
    Suggestion {
        id: r.id,
        term_id: r.term_id,
        proposed: TermForm {
            term: r.term,
            expansion: r.expansion,
            definition: r.definition,
            context: r.context,
            aliases: r.aliases,
            see_also: r.see_also,
            source_url: r.source_url,
            status: r.status,
            note: r.note,
        },
        suggested_by: names
            .get(&r.suggested_by)
            .map(|a| a.name.clone())
            .unwrap_or_default(),
        suggested_at: r.suggested_at,
        state: SuggestionState::parse(&r.state).unwrap_or(SuggestionState::Pending),
        reason: r.reason,
        decided_at: r.decided_at,
        current: None,
    }
}

/// What a coordinator decided.
pub enum Decision<'a> {
    /// Approve, as the (possibly edited) term.
    Approve(&'a ValidTerm),
    Reject(&'a str),
}

/// Decides a pending suggestion and queues the letter telling its author. `Ok(None)`: no such
/// suggestion; otherwise the term written (approving) or `None` (rejecting).
pub async fn decide(
    conn: &impl ConnectionTrait,
    id: i32,
    decision: Decision<'_>,
    by: i32,
    now: DateTime<Utc>,
    postbox: &Postbox,
    service: &str,
) -> Result<Option<Option<i32>>, SaveError> {
    let Some(found) = row::Entity::find_by_id(id).one(conn).await? else {
        return Ok(None);
    };
    if found.state != SuggestionState::Pending.as_str() {
        return Err(DECIDED);
    }
    let (state, reason, term_id) = match decision {
        Decision::Approve(term) => {
            let term_id = match found.term_id {
                Some(term_id) => glossary::update(conn, term_id, term, by, now)
                    .await?
                    .map(|()| term_id),
                None => None,
            };
            let term_id = match term_id {
                Some(id) => id,
                // A new term, or a change to a term deleted since.
                None => glossary::create(conn, term, Some(by), now).await?,
            };
            (SuggestionState::Approved, String::new(), Some(term_id))
        }
        Decision::Reject(reason) => (SuggestionState::Rejected, reason.to_owned(), None),
    };
    let mut active: row::ActiveModel = found.clone().into();
    active.state = Set(state.as_str().to_owned());
    active.reason = Set(reason.clone());
    active.decided_by = Set(Some(by));
    active.decided_at = Set(Some(now));
    row::Entity::update(active).exec(conn).await?;
    audit::record(
        conn,
        now,
        audit::AuditRecord {
            actor: Some(by),
            action: Action::Update,
            record: Some(("glossary_suggestion", id.to_string())),
            changes: vec![FieldChange::plain(
                "Decision",
                Some(SuggestionState::Pending.label()),
                Some(state.label()),
            )],
        },
    )
    .await?;
    if let Some(author) = user_account::Entity::find_by_id(found.suggested_by)
        .one(conn)
        .await?
    {
        let link = postbox.page(&format!("/glossary/suggestions/{id}"));
        let letter = mail::glossary_decision(
            service,
            &author.email,
            &author.name,
            &found.term,
            (state == SuggestionState::Rejected).then_some(reason.as_str()),
            &link,
        );
        outbox::enqueue(conn, letter, now).await?;
    }
    Ok(Some(term_id))
}
