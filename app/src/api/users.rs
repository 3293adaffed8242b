//! Coordinators manage who has an account: invite, change role, disable and let back in,
//! resend an invitation, see and end someone's sessions. Every function here needs the
//! coordinator role.

use crate::{
    domain::account::{Account, SessionSummary},
    error::AppError,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One person's account and where they are signed in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserDetail {
    pub account: Account,
    pub sessions: Vec<SessionSummary>,
}

#[server]
pub async fn user_list() -> Result<Vec<Account>, AppError> {
    use crate::{db::accounts, domain::account::Role};
    super::context::require(Role::Coordinator).await?;
    let db = super::context::db()?;
    accounts::list(db.reader())
        .await
        .map_err(|e| AppError::internal("listing accounts", e))
}

#[server]
pub async fn person(id: i32) -> Result<UserDetail, AppError> {
    use crate::{
        db::{accounts, sessions},
        domain::account::Role,
    };
    super::context::require(Role::Coordinator).await?;
    let (db, settings) = (super::context::db()?, super::context::session_settings()?);
    let account = accounts::get(db.reader(), id)
        .await
        .map_err(|e| AppError::internal("reading an account", e))?
        .ok_or(AppError::NotFound)?;
    let sessions = sessions::live_for(db.reader(), id, settings.policy, chrono::Utc::now())
        .await
        .map_err(|e| AppError::internal("listing sessions", e))?;
    Ok(UserDetail { account, sessions })
}

/// Creates the account and emails the person a link to choose a password (72 hours).
#[server]
pub async fn invite_user(name: String, email: String, role: String) -> Result<(), AppError> {
    use crate::{
        db::accounts::{self, CreateAccountError, NewAccount},
        domain::account::{Email, PersonName, Role},
        error::FieldError,
        mail,
    };
    let coordinator = super::context::require(Role::Coordinator).await?;
    let mut problems = Vec::new();
    let mut problem = |field: &str, message: String| {
        problems.push(FieldError {
            field: field.into(),
            message,
        })
    };
    let name = PersonName::parse(&name)
        .map_err(|e| problem("name", e.to_string()))
        .ok();
    let email = Email::parse(&email)
        .map_err(|e| problem("email", e.to_string()))
        .ok();
    let role = role
        .parse::<Role>()
        .map_err(|e| problem("role", e.to_string()))
        .ok();
    let (Some(name), Some(email), Some(role)) = (name, email, role) else {
        return Err(AppError::Invalid(problems));
    };

    let (db, postbox, site) = (
        super::context::db()?,
        super::context::postbox()?,
        super::context::site()?,
    );
    let now = chrono::Utc::now();
    let invited = async {
        let txn = db.begin_write().await?;
        let new = NewAccount { email, name, role };
        let account = accounts::create_invited(&txn, new, Some(coordinator.id), now).await?;
        mail::queue_link(
            &txn,
            &postbox,
            site.service_name(),
            &account,
            crate::db::links::Purpose::Invitation,
            now,
        )
        .await?;
        txn.commit().await?;
        Ok::<_, CreateAccountError>(account)
    };
    let account = match invited.await {
        Ok(account) => account,
        Err(CreateAccountError::EmailTaken) => {
            return Err(AppError::invalid(
                "email",
                "There is already an account with this email address",
            ));
        }
        Err(CreateAccountError::Db(e)) => return Err(AppError::internal("inviting a person", e)),
    };
    postbox.letters_queued();
    leptos_axum::redirect(&format!("/users/{}?done=invited", account.id));
    Ok(())
}

/// A new invitation email with a new link, for someone who has not yet chosen a password.
#[server]
pub async fn resend_invitation(id: i32) -> Result<(), AppError> {
    use crate::{
        db::{accounts, audit},
        domain::{
            account::{AccountStatus, Role},
            audit::Action,
        },
        mail,
    };
    let coordinator = super::context::require(Role::Coordinator).await?;
    let (db, postbox, site) = (
        super::context::db()?,
        super::context::postbox()?,
        super::context::site()?,
    );
    let now = chrono::Utc::now();
    let resent = async {
        let txn = db.begin_write().await?;
        let Some(account) = accounts::get(&txn, id).await? else {
            return Ok(None);
        };
        if account.status == AccountStatus::Invited {
            mail::queue_link(
                &txn,
                &postbox,
                site.service_name(),
                &account,
                crate::db::links::Purpose::Invitation,
                now,
            )
            .await?;
            let entry = audit::AuditRecord {
                actor: Some(coordinator.id),
                action: Action::Invite,
                record: Some(("user_account", id.to_string())),
                changes: vec![],
            };
            audit::record(&txn, now, entry).await?;
            txn.commit().await?;
        }
        Ok::<_, sea_orm::DbErr>(Some(account.status))
    };
    match resent
        .await
        .map_err(|e| AppError::internal("resending an invitation", e))?
    {
        None => Err(AppError::NotFound),
        Some(AccountStatus::Invited) => {
            postbox.letters_queued();
            leptos_axum::redirect(&format!("/users/{id}?done=resent"));
            Ok(())
        }
        Some(_) => Err(AppError::invalid(
            "resend",
            "This person has already chosen a password: they can reset it from the sign-in page",
        )),
    }
}

#[server]
pub async fn change_role(id: i32, role: String) -> Result<(), AppError> {
    use crate::{db::accounts, domain::account::Role};
    let coordinator = super::context::require(Role::Coordinator).await?;
    let role = role
        .parse::<Role>()
        .map_err(|e| AppError::invalid("role", e))?;
    if id == coordinator.id {
        return Err(AppError::invalid(
            "role",
            "You cannot change your own role. Ask another coordinator.",
        ));
    }
    let db = super::context::db()?;
    let changed = async {
        let txn = db.begin_write().await?;
        let before =
            accounts::change_role(&txn, coordinator.id, id, role, chrono::Utc::now()).await?;
        txn.commit().await?;
        Ok::<_, sea_orm::DbErr>(before)
    };
    changed
        .await
        .map_err(|e| AppError::internal("changing a role", e))?
        .ok_or(AppError::NotFound)?;
    leptos_axum::redirect(&format!("/users/{id}?done=role"));
    Ok(())
}

/// Disables an account (its sessions end at once) or lets it back in.
#[server]
pub async fn set_user_access(id: i32, allow: bool) -> Result<(), AppError> {
    use crate::{db::accounts, domain::account::Role};
    let coordinator = super::context::require(Role::Coordinator).await?;
    if id == coordinator.id {
        return Err(AppError::invalid(
            "access",
            "You cannot disable your own account. Ask another coordinator.",
        ));
    }
    let db = super::context::db()?;
    let now = chrono::Utc::now();
    let changed = async {
        let txn = db.begin_write().await?;
        let before = accounts::set_access(&txn, coordinator.id, id, allow, now).await?;
        txn.commit().await?;
        Ok::<_, sea_orm::DbErr>(before)
    };
    changed
        .await
        .map_err(|e| AppError::internal("changing an account's access", e))?
        .ok_or(AppError::NotFound)?;
    let done = if allow { "enabled" } else { "disabled" };
    leptos_axum::redirect(&format!("/users/{id}?done={done}"));
    Ok(())
}

/// Signs someone out on every device, e.g. after a lost laptop.
#[server]
pub async fn end_user_sessions(id: i32) -> Result<(), AppError> {
    use crate::{
        db::{audit, sessions},
        domain::{
            account::Role,
            audit::{Action, FieldChange},
        },
    };
    let coordinator = super::context::require(Role::Coordinator).await?;
    let db = super::context::db()?;
    let now = chrono::Utc::now();
    let ended = async {
        let txn = db.begin_write().await?;
        let count = sessions::end_all(&txn, id).await?;
        let entry = audit::AuditRecord {
            actor: Some(coordinator.id),
            action: Action::SignOut,
            record: Some(("user_account", id.to_string())),
            changes: vec![FieldChange::plain(
                "sessions",
                Some(&count.to_string()),
                Some("0"),
            )],
        };
        audit::record(&txn, now, entry).await?;
        txn.commit().await
    };
    ended
        .await
        .map_err(|e| AppError::internal("ending someone's sessions", e))?;
    leptos_axum::redirect(&format!("/users/{id}?done=sessions"));
    Ok(())
}
