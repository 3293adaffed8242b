//! The acronym glossary. Reading and searching it is open to anyone (DESIGN: "Readable without
//! signing in"); anyone signed in suggests a term or a change; coordinators add and edit terms
//! and decide suggestions, whose authors are told by email.

#[cfg(feature = "ssr")]
use crate::domain::account::Role;
use crate::{
    domain::glossary::{SearchResults, Suggestion, TermForm, TermGroup},
    error::AppError,
};
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, StreamingText, TextStream};
use serde::{Deserialize, Serialize};

/// The terms that best match `q`, each with every meaning it has.
#[server(endpoint = "glossary-search")]
pub async fn glossary_search(q: String) -> Result<SearchResults, AppError> {
    let (db, kept) = (super::context::db()?, super::context::glossary_searches()?);
    kept.search(db.reader(), &q)
        .await
        .map(|found| (*found).clone())
        .map_err(|e| AppError::internal("searching the glossary", e))
}

/// The terms filed under one letter of the A–Z (`#` for those starting with a digit).
#[server(endpoint = "glossary-letter")]
pub async fn glossary_letter(letter: char) -> Result<Vec<TermGroup>, AppError> {
    if !(letter.is_ascii_uppercase() || letter == '#') {
        return Err(AppError::NotFound);
    }
    let db = super::context::db()?;
    crate::db::glossary::under_letter(db.reader(), letter, LETTER_LIMIT)
        .await
        .map_err(|e| AppError::internal("listing glossary terms", e))
}

/// The most meanings a letter's page lists.
#[cfg(feature = "ssr")]
const LETTER_LIMIT: u64 = 500;

/// A term's page, and what the reader may do with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermView {
    pub group: TermGroup,
    pub signed_in: bool,
    pub may_edit: bool,
}

#[server(endpoint = "glossary-term")]
pub async fn glossary_term(id: i32) -> Result<TermView, AppError> {
    let db = super::context::db()?;
    let me = super::context::current_user().await?;
    let group = crate::db::glossary::term(db.reader(), id)
        .await
        .map_err(|e| AppError::internal("reading a glossary term", e))?
        .ok_or(AppError::NotFound)?;
    Ok(TermView {
        group,
        signed_in: me.is_some(),
        may_edit: me.is_some_and(|me| me.role.includes(Role::Coordinator)),
    })
}

/// Every term, A–Z, for printing.
#[server(endpoint = "glossary-all")]
pub async fn glossary_all() -> Result<Vec<TermGroup>, AppError> {
    let db = super::context::db()?;
    crate::db::glossary::every_group(db.reader())
        .await
        .map_err(|e| AppError::internal("listing the glossary", e))
}

/// The term form: filled in with term `id`, or empty for a new term. For suggesting (anyone
/// signed in) and editing (coordinators).
#[server(endpoint = "glossary-form")]
pub async fn term_to_edit(id: Option<i32>) -> Result<TermForm, AppError> {
    super::context::signed_in().await?;
    let Some(id) = id else {
        return Ok(TermForm::new_entry());
    };
    let db = super::context::db()?;
    crate::db::glossary::meaning(db.reader(), id)
        .await
        .map_err(|e| AppError::internal("loading a glossary term", e))?
        .map(|m| TermForm::from_meaning(&m))
        .ok_or(AppError::NotFound)
}

/// A coordinator adds (no `id`) or edits a term, then sees it.
#[server(endpoint = "save-term")]
pub async fn save_term(id: Option<i32>, #[server(flatten)] form: TermForm) -> Result<(), AppError> {
    use crate::db::glossary;
    let me = super::context::require(Role::Coordinator).await?;
    let valid = form.validate().map_err(AppError::Invalid)?;
    let db = super::context::db()?;
    let now = chrono::Utc::now();
    let saved = async {
        let txn = db.begin_write().await?;
        let saved = match id {
            None => Some(glossary::create(&txn, &valid, Some(me.id), now).await?),
            Some(id) => glossary::update(&txn, id, &valid, me.id, now)
                .await?
                .map(|()| id),
        };
        txn.commit().await?;
        Ok::<_, crate::db::SaveError>(saved)
    };
    let id =
        super::context::saved(saved.await, "saving a glossary term")?.ok_or(AppError::NotFound)?;
    leptos_axum::redirect(&format!("/glossary/{id}?done=saved"));
    Ok(())
}

/// Anyone signed in suggests a new term (no `term_id`) or a change to one, then sees their
/// suggestion.
#[server(endpoint = "suggest-term")]
pub async fn suggest_term(
    term_id: Option<i32>,
    #[server(flatten)] form: TermForm,
) -> Result<(), AppError> {
    let me = super::context::signed_in().await?;
    let valid = form.validate().map_err(AppError::Invalid)?;
    let db = super::context::db()?;
    if let Some(term) = term_id
        && crate::db::glossary::meaning(db.reader(), term)
            .await
            .map_err(|e| AppError::internal("reading a glossary term", e))?
            .is_none()
    {
        return Err(AppError::NotFound);
    }
    let now = chrono::Utc::now();
    let saved = async {
        let txn = db.begin_write().await?;
        let id =
            crate::db::glossary_suggestions::suggest(&txn, term_id, &valid, me.id, now).await?;
        txn.commit().await?;
        Ok::<_, sea_orm::DbErr>(id)
    };
    let id = saved
        .await
        .map_err(|e| AppError::internal("keeping a glossary suggestion", e))?;
    leptos_axum::redirect(&format!("/glossary/suggestions/{id}?done=sent"));
    Ok(())
}

/// The suggestions page: those waiting for a decision (coordinators) and the reader's own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestionsView {
    pub pending: Option<Vec<Suggestion>>,
    pub mine: Vec<Suggestion>,
}

#[server(endpoint = "glossary-suggestions")]
pub async fn suggestion_list() -> Result<SuggestionsView, AppError> {
    use crate::db::glossary_suggestions::list;
    let me = super::context::signed_in().await?;
    let db = super::context::db()?;
    let failed = |e| AppError::internal("listing glossary suggestions", e);
    let pending = if me.role.includes(Role::Coordinator) {
        Some(list(db.reader(), None).await.map_err(failed)?)
    } else {
        None
    };
    let mine = list(db.reader(), Some(me.id)).await.map_err(failed)?;
    Ok(SuggestionsView { pending, mine })
}

/// A suggestion, for its author or a coordinator, and whether the reader decides it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SuggestionView {
    pub suggestion: Suggestion,
    pub may_decide: bool,
}

#[server(endpoint = "glossary-suggestion")]
pub async fn suggestion_detail(id: i32) -> Result<SuggestionView, AppError> {
    let me = super::context::signed_in().await?;
    let db = super::context::db()?;
    let (suggestion, author) = crate::db::glossary_suggestions::get(db.reader(), id)
        .await
        .map_err(|e| AppError::internal("reading a glossary suggestion", e))?
        .ok_or(AppError::NotFound)?;
    let coordinator = me.role.includes(Role::Coordinator);
    if !coordinator && author != me.id {
        return Err(AppError::Forbidden);
    }
    Ok(SuggestionView {
        may_decide: coordinator
            && suggestion.state == crate::domain::glossary::SuggestionState::Pending,
        suggestion,
    })
}

/// Coordinator `me` decides a suggestion: approving it as the form now says, or not with a
/// reason. Either way its author is sent a letter.
#[cfg(feature = "ssr")]
async fn decide(
    me: &crate::domain::account::Account,
    id: i32,
    decision: crate::db::glossary_suggestions::Decision<'_>,
) -> Result<Option<i32>, AppError> {
    let (db, postbox, site) = (
        super::context::db()?,
        super::context::postbox()?,
        super::context::site()?,
    );
    let now = chrono::Utc::now();
    let decided = async {
        let txn = db.begin_write().await?;
        let term = crate::db::glossary_suggestions::decide(
            &txn,
            id,
            decision,
            me.id,
            now,
            &postbox,
            site.service_name(),
        )
        .await?;
        txn.commit().await?;
        Ok::<_, crate::db::SaveError>(term)
    };
    let term = super::context::saved(decided.await, "deciding a glossary suggestion")?
        .ok_or(AppError::NotFound)?;
    postbox.letters_queued();
    Ok(term)
}

#[server(endpoint = "approve-suggestion")]
pub async fn approve_suggestion(
    id: i32,
    #[server(flatten)] form: TermForm,
) -> Result<(), AppError> {
    use crate::db::glossary_suggestions::Decision;
    let me = super::context::require(Role::Coordinator).await?;
    let valid = form.validate().map_err(AppError::Invalid)?;
    let term = decide(&me, id, Decision::Approve(&valid)).await?;
    let to = term.map_or_else(
        || "/glossary/suggestions".to_owned(),
        |t| format!("/glossary/{t}?done=approved"),
    );
    leptos_axum::redirect(&to);
    Ok(())
}

#[server(endpoint = "reject-suggestion")]
pub async fn reject_suggestion(id: i32, reason: String) -> Result<(), AppError> {
    use crate::db::glossary_suggestions::Decision;
    let me = super::context::require(Role::Coordinator).await?;
    let reason = crate::domain::glossary::rejection_reason(&reason)
        .map_err(|message| AppError::invalid("reason", message))?;
    decide(&me, id, Decision::Reject(&reason)).await?;
    leptos_axum::redirect("/glossary/suggestions?done=rejected");
    Ok(())
}

/// Every term as CSV, in the columns an import reads.
#[server(input = GetUrl, output = StreamingText, endpoint = "glossary.csv")]
pub async fn glossary_csv() -> Result<TextStream<AppError>, AppError> {
    let db = super::context::db()?;
    let terms = crate::db::glossary::all(db.reader())
        .await
        .map_err(|e| AppError::internal("exporting the glossary", e))?;
    let text =
        crate::csv_format::glossary(&terms).map_err(|e| AppError::internal("writing CSV", e))?;
    Ok(super::context::csv_download(text, "glossary.csv"))
}
