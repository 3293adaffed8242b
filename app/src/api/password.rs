//! Passwords after the first: a reset link by email for the forgotten one, and a change with
//! the current one. Both end the account's other sessions.

use crate::error::AppError;
use leptos::prelude::*;

/// Anyone may ask. The answer is the same whether or not the address has an account; an
/// active account gets an email with a link that works once, for 30 minutes. Requests are
/// throttled per address and per client as failed sign-ins are.
#[server]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::{
        db::{accounts, throttle},
        domain::{
            account::{AccountStatus, Email},
            throttle::{PER_ACCOUNT, PER_ADDRESS},
        },
        mail,
    };
    let email = Email::parse(&email).map_err(|e| AppError::invalid("email", e))?;
    let (db, postbox, site) = (
        super::context::db()?,
        super::context::postbox()?,
        super::context::site()?,
    );
    let now = chrono::Utc::now();
    let account_key = throttle::key("reset", email.as_str());
    let address_key = throttle::key("reset-address", &super::account::client_address());
    super::account::check_throttle(
        &db,
        &[(&account_key, PER_ACCOUNT), (&address_key, PER_ADDRESS)],
        now,
    )
    .await?;

    let queued = async {
        let txn = db.begin_write().await?;
        let keep = PER_ACCOUNT.window.max(PER_ADDRESS.window);
        throttle::record(&txn, &[&account_key, &address_key], now, keep).await?;
        let found = accounts::find_by_email(&txn, &email).await?;
        let queued = match found {
            Some((account, _)) if account.status == AccountStatus::Active => {
                mail::queue_link(
                    &txn,
                    &postbox,
                    site.service_name(),
                    &account,
                    crate::db::links::Purpose::PasswordReset,
                    now,
                )
                .await?;
                true
            }
            _ => false,
        };
        txn.commit().await?;
        Ok::<_, sea_orm::DbErr>(queued)
    };
    if queued
        .await
        .map_err(|e| AppError::internal("queueing a password reset", e))?
    {
        postbox.letters_queued();
    }
    leptos_axum::redirect("/forgotten-password?sent=1");
    Ok(())
}

/// Whose a reset link is, to greet them; an error if the link is no longer good.
#[server]
pub async fn password_reset(link: String) -> Result<String, AppError> {
    link_owner_name(&link, crate::db::links::Purpose::PasswordReset).await
}

/// Anyone holding a live reset link: sets the new password, ends every session of the
/// account and signs this browser in.
#[server]
pub async fn reset_password(
    link: String,
    password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    use crate::{
        db::{accounts, audit, links, sessions},
        domain::{account::AccountStatus, audit::Action},
    };
    check_new_password(&password, &confirm_password)?;
    let (db, settings) = (super::context::db()?, super::context::session_settings()?);
    let hash = hash_for_live_link(&db, &link, links::Purpose::PasswordReset, password).await?;
    let now = chrono::Utc::now();
    let user_agent = super::account::user_agent();
    let reset = async {
        let txn = db.begin_write().await?;
        let Some(user_id) = links::redeem(&txn, &link, links::Purpose::PasswordReset, now).await?
        else {
            return Ok(None);
        };
        // Disabled since the link was sent: the link is used up, and nothing else happens.
        let active = accounts::get(&txn, user_id)
            .await?
            .is_some_and(|a| a.status == AccountStatus::Active);
        if !active {
            txn.commit().await?;
            return Ok(None);
        }
        accounts::set_password(&txn, user_id, hash, now).await?;
        sessions::end_all(&txn, user_id).await?;
        let secret =
            sessions::start(&txn, user_id, user_agent.as_deref(), settings.policy, now).await?;
        audit::record(
            &txn,
            now,
            audit::AuditRecord::own_account(user_id, Action::SignIn),
        )
        .await?;
        txn.commit().await?;
        Ok::<_, sea_orm::DbErr>(Some(secret))
    };
    let secret = reset
        .await
        .map_err(|e| AppError::internal("resetting a password", e))?
        .ok_or(AppError::LinkExpired)?;
    super::account::set_cookie(&settings.set(&secret));
    leptos_axum::redirect("/account?done=password");
    Ok(())
}

/// The signed-in person changes their password, proving it is them with the current one.
/// Wrong current passwords count as failed sign-ins. Every other session ends.
#[server]
pub async fn change_password(
    current_password: String,
    password: String,
    confirm_password: String,
) -> Result<(), AppError> {
    use crate::{
        auth::password_hash,
        db::{accounts, sessions, throttle},
        domain::throttle::PER_ACCOUNT,
    };
    let account = super::context::signed_in().await?;
    if current_password.is_empty() {
        return Err(AppError::invalid(
            "current_password",
            "Enter your current password",
        ));
    }
    check_new_password(&password, &confirm_password)?;
    let (db, settings) = (super::context::db()?, super::context::session_settings()?);
    let now = chrono::Utc::now();
    let account_key = throttle::key("account", account.email.as_str());
    super::account::check_throttle(&db, &[(&account_key, PER_ACCOUNT)], now).await?;
    let stored = accounts::password_hash(db.reader(), account.id)
        .await
        .map_err(|e| AppError::internal("reading a password hash", e))?;
    let matches = password_hash::verify(current_password, stored)
        .await
        .map_err(|e| AppError::internal("checking a password", e))?;
    if !matches {
        let recorded = async {
            let txn = db.begin_write().await?;
            throttle::record(&txn, &[&account_key], now, PER_ACCOUNT.window).await?;
            txn.commit().await
        };
        recorded
            .await
            .map_err(|e| AppError::internal("recording a wrong password", e))?;
        return Err(AppError::invalid(
            "current_password",
            "Your current password is not right",
        ));
    }
    let hash = password_hash::hash(password)
        .await
        .map_err(|e| AppError::internal("hashing a password", e))?;
    let user_agent = super::account::user_agent();
    let changed = async {
        let txn = db.begin_write().await?;
        accounts::set_password(&txn, account.id, hash, now).await?;
        sessions::end_all(&txn, account.id).await?;
        let secret = sessions::start(
            &txn,
            account.id,
            user_agent.as_deref(),
            settings.policy,
            now,
        )
        .await?;
        txn.commit().await?;
        Ok::<_, sea_orm::DbErr>(secret)
    };
    let secret = changed
        .await
        .map_err(|e| AppError::internal("changing a password", e))?;
    super::account::set_cookie(&settings.set(&secret));
    leptos_axum::redirect("/account?done=password");
    Ok(())
}

#[cfg(feature = "ssr")]
pub(super) fn check_new_password(password: &str, confirm: &str) -> Result<(), AppError> {
    crate::domain::password::check_new(password).map_err(|e| AppError::invalid("password", e))?;
    if confirm != password {
        return Err(AppError::invalid(
            "confirm_password",
            "Enter the same password twice",
        ));
    }
    Ok(())
}

/// The name of the person a live link is for, to greet them; `LinkExpired` otherwise.
#[cfg(feature = "ssr")]
pub(super) async fn link_owner_name(
    link: &str,
    purpose: crate::db::links::Purpose,
) -> Result<String, AppError> {
    use crate::db::{accounts, links};
    let db = super::context::db()?;
    let user_id = links::peek(db.reader(), link, purpose, chrono::Utc::now())
        .await
        .map_err(|e| AppError::internal("reading a link", e))?
        .ok_or(AppError::LinkExpired)?;
    let account = accounts::get(db.reader(), user_id)
        .await
        .map_err(|e| AppError::internal("reading a link's account", e))?
        .ok_or(AppError::LinkExpired)?;
    Ok(account.name.as_str().to_owned())
}

/// Hashes the new password, but only for a link that is still good: hashing is
/// deliberately costly. The caller redeems the link in its transaction.
#[cfg(feature = "ssr")]
pub(super) async fn hash_for_live_link(
    db: &crate::db::Db,
    link: &str,
    purpose: crate::db::links::Purpose,
    password: String,
) -> Result<String, AppError> {
    use crate::{auth::password_hash, db::links};
    let live = links::peek(db.reader(), link, purpose, chrono::Utc::now())
        .await
        .map_err(|e| AppError::internal("reading a link", e))?;
    if live.is_none() {
        return Err(AppError::LinkExpired);
    }
    password_hash::hash(password)
        .await
        .map_err(|e| AppError::internal("hashing a password", e))
}
