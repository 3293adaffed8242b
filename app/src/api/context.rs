//! Accessors for what the server puts into each request's context, and the one place that
//! answers "who is asking?". They return errors instead of panicking, so a
//! wiring mistake shows as a logged internal error, not a crash.

use crate::{
    auth::cookie::SessionSettings,
    db::{Db, sessions},
    domain::{
        account::{Account, Role},
        site::SiteInfo,
    },
    error::AppError,
    mail::Postbox,
};
use http::request::Parts;
use leptos::prelude::use_context;

pub fn db() -> Result<Db, AppError> {
    use_context::<Db>().ok_or_else(|| AppError::internal("request context", "no database"))
}

pub fn session_settings() -> Result<SessionSettings, AppError> {
    use_context::<SessionSettings>()
        .ok_or_else(|| AppError::internal("request context", "no session settings"))
}

/// The session secret the request's cookie carries.
pub fn session_secret() -> Result<Option<String>, AppError> {
    let settings = session_settings()?;
    let parts = use_context::<Parts>();
    let header = parts
        .as_ref()
        .and_then(|p| p.headers.get(http::header::COOKIE)?.to_str().ok());
    Ok(header.and_then(|h| settings.read(h)).map(str::to_owned))
}

/// Who is asking, worked out once per request: a page asks in its header and again in its
/// content, and each asking was a database query.
#[derive(Clone, Debug, Default)]
pub struct RequestUser(std::sync::Arc<tokio::sync::OnceCell<Option<Account>>>);

/// The signed-in account, or `None` for someone not signed in (or whose session has ended).
pub async fn current_user() -> Result<Option<Account>, AppError> {
    match use_context::<RequestUser>() {
        Some(memo) => memo.0.get_or_try_init(resolve_user).await.cloned(),
        None => resolve_user().await,
    }
}

async fn resolve_user() -> Result<Option<Account>, AppError> {
    let Some(secret) = session_secret()? else {
        return Ok(None);
    };
    let (db, settings) = (db()?, session_settings()?);
    let now = chrono::Utc::now();
    let live = sessions::resolve(db.reader(), &secret, settings.policy, now)
        .await
        .map_err(|e| AppError::internal("resolving a session", e))?;
    let Some(live) = live else {
        return Ok(None);
    };
    if sessions::use_is_due(&live, now) {
        // In the background: a page asks this more than once while it renders, and rendering
        // must never wait for the one writer connection (it deadlocked on itself).
        let (db, id) = (db.clone(), live.id);
        tokio::spawn(async move {
            let recorded = async {
                let txn = db.begin_write().await?;
                sessions::touch(&txn, id, now).await?;
                txn.commit().await
            };
            if let Err(e) = recorded.await {
                tracing::warn!(error = %e, "could not record a session's use");
            }
        });
    }
    Ok(Some(live.account))
}

/// The signed-in account, or `SignInRequired` for anyone else.
pub async fn signed_in() -> Result<Account, AppError> {
    current_user().await?.ok_or(AppError::SignInRequired)
}

/// The signed-in account if its role includes `role`; `SignInRequired` or `Forbidden` if not.
/// Every server function that needs a role starts with this.
pub async fn require(role: Role) -> Result<Account, AppError> {
    let account = signed_in().await?;
    if account.role.includes(role) {
        Ok(account)
    } else {
        Err(AppError::Forbidden)
    }
}

pub fn postbox() -> Result<Postbox, AppError> {
    use_context::<Postbox>().ok_or_else(|| AppError::internal("request context", "no postbox"))
}

pub fn site() -> Result<SiteInfo, AppError> {
    use_context::<SiteInfo>().ok_or_else(|| AppError::internal("request context", "no site info"))
}

/// How many days before a meeting proposals close (`AGENDA_PROPOSAL_DAYS`).
pub fn proposal_days() -> crate::domain::meetings::agenda::ProposalDays {
    use_context().unwrap_or(crate::domain::meetings::agenda::ProposalDays(
        crate::domain::meetings::agenda::DEFAULT_PROPOSAL_DAYS,
    ))
}

pub fn glossary_searches() -> Result<crate::db::glossary::SearchCache, AppError> {
    use_context::<crate::db::glossary::SearchCache>()
        .ok_or_else(|| AppError::internal("request context", "no glossary search cache"))
}

pub fn directory_index() -> Result<crate::db::directory::Index, AppError> {
    use_context::<crate::db::directory::Index>()
        .ok_or_else(|| AppError::internal("request context", "no directory index"))
}

/// The outcome of a save as the caller sees it: a value another record holds is a message by
/// its field; anything else is an internal error, logged with `context`.
pub fn saved<T>(result: Result<T, crate::db::SaveError>, context: &str) -> Result<T, AppError> {
    use crate::db::SaveError;
    result.map_err(|e| match e {
        SaveError::Taken { field, message } => AppError::invalid(field, message),
        SaveError::Db(e) => AppError::internal(context, e),
    })
}

/// A CSV file as a download named `file_name`.
pub fn csv_download(
    text: String,
    file_name: &'static str,
) -> leptos::server_fn::codec::TextStream<AppError> {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("text/csv; charset=utf-8"),
        );
        if let Ok(disposition) =
            http::HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\""))
        {
            response.insert_header(http::header::CONTENT_DISPOSITION, disposition);
        }
    }
    leptos::server_fn::codec::TextStream::new(futures::stream::once(async move { Ok(text) }))
}
