//! Earlier versions of a profile, service, job role or glossary term. Bank entries' and
//! terms' histories are open to anyone signed in; a profile's (which holds personal data)
//! only to those who may edit it.

use crate::{domain::history::History, error::AppError};
use leptos::prelude::*;

/// `kind` is `profile`, `service`, `job_role` or `glossary_term`.
#[server(endpoint = "history")]
pub async fn record_history(kind: String, id: i32) -> Result<History, AppError> {
    use crate::db::{bank, directory, history};
    let me = super::context::signed_in().await?;
    let db = super::context::db()?;
    let conn = db.reader();
    let internal = |e| AppError::internal("reading a record's history", e);
    let (record_type, title, href, current) = match kind.as_str() {
        "profile" => {
            let profile = directory::profile(conn, id)
                .await
                .map_err(internal)?
                .ok_or(AppError::NotFound)?;
            if !super::directory::may_edit(&me, &profile) {
                return Err(AppError::Forbidden);
            }
            let fields = profile.fields();
            ("profile", profile.name, format!("/people/{id}"), fields)
        }
        "service" => {
            let service = bank::service(conn, id)
                .await
                .map_err(internal)?
                .ok_or(AppError::NotFound)?;
            let fields = service.fields();
            ("service", service.name, format!("/services/{id}"), fields)
        }
        "job_role" => {
            let role = bank::role(conn, id)
                .await
                .map_err(internal)?
                .ok_or(AppError::NotFound)?;
            let fields = role.fields();
            ("job_role", role.title, format!("/roles#role-{id}"), fields)
        }
        "glossary_term" => {
            let term = crate::db::glossary::meaning(conn, id)
                .await
                .map_err(internal)?
                .ok_or(AppError::NotFound)?;
            let fields = term.fields();
            let title = format!("{} ({})", term.term, term.context.label());
            ("glossary_term", title, format!("/glossary/{id}"), fields)
        }
        _ => return Err(AppError::NotFound),
    };
    let kept = history::versions(conn, record_type, id)
        .await
        .map_err(internal)?;
    Ok(History::new(title, href, current, kept))
}
