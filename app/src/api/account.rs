//! Getting in and out: signing in with email and password, accepting an invitation by
//! choosing a password, signing out. Each works as a plain form post with JavaScript off.

use crate::{domain::account::Account, error::AppError};
use leptos::prelude::*;

/// The signed-in account, for the header. Anyone may ask; the anonymous get `None`.
#[server]
pub async fn signed_in_account() -> Result<Option<Account>, AppError> {
    super::context::current_user().await
}

/// Everything the service holds about the signed-in person, as JSON (UK GDPR subject access).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PersonalData {
    pub exported_at: chrono::DateTime<chrono::Utc>,
    pub account: Account,
    pub sessions: Vec<crate::domain::account::SessionSummary>,
    pub activity: Vec<crate::domain::audit::AuditEntry>,
}

/// A download: the browser saves it as `my-data.json`.
#[server(input = leptos::server_fn::codec::GetUrl, endpoint = "my-data")]
pub async fn my_data() -> Result<PersonalData, AppError> {
    use crate::db::{audit, sessions};
    let account = super::context::signed_in().await?;
    let (db, settings) = (super::context::db()?, super::context::session_settings()?);
    let now = chrono::Utc::now();
    let gathered = async {
        let sessions = sessions::live_for(db.reader(), account.id, settings.policy, now).await?;
        let activity = audit::about_account(db.reader(), account.id).await?;
        Ok::<_, sea_orm::DbErr>((sessions, activity))
    };
    let (sessions, activity) = gathered
        .await
        .map_err(|e| AppError::internal("gathering someone's data", e))?;
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            http::header::CONTENT_DISPOSITION,
            http::HeaderValue::from_static("attachment; filename=\"my-data.json\""),
        );
    }
    Ok(PersonalData {
        exported_at: now,
        account,
        sessions,
        activity,
    })
}

/// Anyone may try. Wrong password, unknown email and an account that may not sign in all get
/// the same answer after the same work (a password check), so nothing tells them apart.
/// Failures are throttled per email address (known or not) and per client address.
#[server]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<(), AppError> {
    use crate::{
        auth::password_hash,
        db::{accounts, audit, sessions, throttle},
        domain::{
            account::{AccountStatus, Email},
            audit::Action,
            throttle::{PER_ACCOUNT, PER_ADDRESS},
        },
        error::FieldError,
    };

    let mut problems = Vec::new();
    let email = Email::parse(&email)
        .map_err(|e| {
            problems.push(FieldError {
                field: "email".into(),
                message: e.to_string(),
            })
        })
        .ok();
    if password.is_empty() {
        problems.push(FieldError {
            field: "password".into(),
            message: "Enter your password".into(),
        });
    }
    let Some(email) = email.filter(|_| problems.is_empty()) else {
        return Err(AppError::Invalid(problems));
    };

    let db = super::context::db()?;
    let settings = super::context::session_settings()?;
    let now = chrono::Utc::now();
    let account_key = throttle::key("account", email.as_str());
    let address_key = throttle::key("address", &client_address());
    check_throttle(
        &db,
        &[(&account_key, PER_ACCOUNT), (&address_key, PER_ADDRESS)],
        now,
    )
    .await?;

    let found = accounts::find_by_email(db.reader(), &email)
        .await
        .map_err(|e| AppError::internal("finding an account to sign in", e))?;
    let (account, stored) = match found {
        Some((account, hash)) if account.status == AccountStatus::Active => (Some(account), hash),
        Some((account, _)) => (Some(account), None),
        None => (None, None),
    };
    let matches = password_hash::verify(password, stored)
        .await
        .map_err(|e| AppError::internal("checking a password", e))?;

    let user_agent = user_agent();
    let previous = super::context::session_secret()?;
    let outcome = async {
        let txn = db.begin_write().await?;
        let secret = match (&account, matches) {
            (Some(account), true) => {
                let secret = sessions::start(
                    &txn,
                    account.id,
                    user_agent.as_deref(),
                    settings.policy,
                    now,
                )
                .await?;
                let entry = audit::AuditRecord::own_account(account.id, Action::SignIn);
                audit::record(&txn, now, entry).await?;
                throttle::clear(&txn, &account_key).await?;
                // Whatever session this browser had before is over.
                if let Some(previous) = &previous {
                    sessions::end(&txn, previous).await?;
                }
                Some(secret)
            }
            _ => {
                let record = account.as_ref().map(|a| ("user_account", a.id.to_string()));
                let entry = audit::AuditRecord {
                    actor: None,
                    action: Action::SignInFailed,
                    record,
                    changes: vec![],
                };
                audit::record(&txn, now, entry).await?;
                let keep = PER_ACCOUNT.window.max(PER_ADDRESS.window);
                throttle::record(&txn, &[&account_key, &address_key], now, keep).await?;
                None
            }
        };
        txn.commit().await?;
        Ok::<_, sea_orm::DbErr>(secret)
    };
    let secret = outcome
        .await
        .map_err(|e| AppError::internal("recording a sign-in", e))?;
    let Some(secret) = secret else {
        return Err(AppError::SignInFailed);
    };
    set_cookie(&settings.set(&secret));
    leptos_axum::redirect(crate::domain::navigation::local_path(next.as_deref()));
    Ok(())
}

/// Ends every session of the signed-in person, on every device. Signed-in users only.
#[server]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    use crate::{
        db::{audit, sessions},
        domain::audit::{Action, FieldChange},
    };

    let account = super::context::signed_in().await?;
    let db = super::context::db()?;
    let settings = super::context::session_settings()?;
    let now = chrono::Utc::now();
    let ended = async {
        let txn = db.begin_write().await?;
        let count = sessions::end_all(&txn, account.id).await?;
        let entry = audit::AuditRecord {
            changes: vec![FieldChange::plain(
                "sessions",
                Some(&count.to_string()),
                Some("0"),
            )],
            ..audit::AuditRecord::own_account(account.id, Action::SignOut)
        };
        audit::record(&txn, now, entry).await?;
        txn.commit().await
    };
    ended
        .await
        .map_err(|e| AppError::internal("signing out everywhere", e))?;
    set_cookie(&settings.clear());
    leptos_axum::redirect("/");
    Ok(())
}

/// Ends this browser's session on the server and removes its cookie.
#[server]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::{
        db::{audit, sessions},
        domain::audit::Action,
    };

    let db = super::context::db()?;
    let settings = super::context::session_settings()?;
    if let Some(secret) = super::context::session_secret()? {
        let account = super::context::current_user().await?;
        let now = chrono::Utc::now();
        let ended = async {
            let txn = db.begin_write().await?;
            sessions::end(&txn, &secret).await?;
            if let Some(account) = account {
                let entry = audit::AuditRecord::own_account(account.id, Action::SignOut);
                audit::record(&txn, now, entry).await?;
            }
            txn.commit().await
        };
        ended
            .await
            .map_err(|e| AppError::internal("signing out", e))?;
    }
    set_cookie(&settings.clear());
    leptos_axum::redirect("/");
    Ok(())
}

/// Who an invitation link is for, to greet them; an error if the link is no longer good.
#[server]
pub async fn invitation(link: String) -> Result<String, AppError> {
    super::password::link_owner_name(&link, crate::db::links::Purpose::Invitation).await
}

/// Anyone holding a live invitation link: sets the password, activates the account and signs
/// its owner in. The link is used up in the same transaction.
#[server]
pub async fn accept_invitation(
    link: String,
    password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    use crate::{
        db::{accounts, audit, links, sessions},
        domain::audit::Action,
    };

    super::password::check_new_password(&password, &confirm_password)?;
    let db = super::context::db()?;
    let settings = super::context::session_settings()?;
    let hash =
        super::password::hash_for_live_link(&db, &link, links::Purpose::Invitation, password)
            .await?;
    let now = chrono::Utc::now();
    let user_agent = user_agent();

    let accepted = async {
        let txn = db.begin_write().await?;
        let Some(user_id) = links::redeem(&txn, &link, links::Purpose::Invitation, now).await?
        else {
            return Ok(None);
        };
        accounts::activate_with_password(&txn, user_id, hash, now).await?;
        let secret =
            sessions::start(&txn, user_id, user_agent.as_deref(), settings.policy, now).await?;
        let entry = audit::AuditRecord::own_account(user_id, Action::SignIn);
        audit::record(&txn, now, entry).await?;
        txn.commit().await?;
        Ok::<_, sea_orm::DbErr>(Some(secret))
    };
    let secret = accepted
        .await
        .map_err(|e| AppError::internal("accepting an invitation", e))?
        .ok_or(AppError::LinkExpired)?;
    set_cookie(&settings.set(&secret));
    leptos_axum::redirect("/");
    Ok(())
}

/// `TooManyAttempts` if any key has had too many failures within its limit's window.
#[cfg(feature = "ssr")]
pub(super) async fn check_throttle(
    db: &crate::db::Db,
    keys: &[(&str, crate::domain::throttle::Limit)],
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), AppError> {
    use crate::{db::throttle, domain::throttle as limits};
    for (key, limit) in keys {
        let recent = throttle::recent(db.reader(), key, now - limit.window)
            .await
            .map_err(|e| AppError::internal("counting failed attempts", e))?;
        if let Err(minutes) = limits::check(&recent, *limit, now) {
            return Err(AppError::TooManyAttempts { minutes });
        }
    }
    Ok(())
}

#[cfg(feature = "ssr")]
pub(super) fn set_cookie(value: &str) {
    if let (Some(response), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(value),
    ) {
        response.append_header(http::header::SET_COOKIE, value);
    }
}

/// The client's IP address as the connection shows it. Behind a reverse proxy every client
/// shows as the proxy, and only the per-account limit tells them apart.
#[cfg(feature = "ssr")]
pub(super) fn client_address() -> String {
    use axum::extract::ConnectInfo;
    use_context::<http::request::Parts>()
        .and_then(|parts| {
            Some(
                parts
                    .extensions
                    .get::<ConnectInfo<std::net::SocketAddr>>()?
                    .0
                    .ip(),
            )
        })
        .map_or_else(|| "unknown".to_owned(), |ip| ip.to_string())
}

#[cfg(feature = "ssr")]
pub(super) fn user_agent() -> Option<String> {
    let parts = use_context::<http::request::Parts>()?;
    parts
        .headers
        .get(http::header::USER_AGENT)?
        .to_str()
        .ok()
        .map(str::to_owned)
}
