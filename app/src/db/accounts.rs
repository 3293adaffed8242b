//! Accounts: creating them, finding them, turning rows into `domain::account::Account`.

use super::{
    audit::{self, AuditRecord},
    entities::user_account,
};
use crate::domain::{
    account::{Account, AccountStatus, Email, PersonName, Role},
    audit::{Action, FieldChange},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
    SqlErr, sea_query::Expr,
};

#[derive(Debug, thiserror::Error)]
pub enum CreateAccountError {
    #[error("an account with this email address already exists")]
    EmailTaken,
    #[error(transparent)]
    Db(#[from] DbErr),
}

pub struct NewAccount {
    pub email: Email,
    pub name: PersonName,
    pub role: Role,
}

/// Creates an account waiting for its owner to accept the invitation, and audits it.
pub async fn create_invited(
    conn: &impl ConnectionTrait,
    new: NewAccount,
    actor: Option<i32>,
    now: DateTime<Utc>,
) -> Result<Account, CreateAccountError> {
    let row = user_account::ActiveModel {
        email: Set(new.email.as_str().to_owned()),
        name: Set(new.name.as_str().to_owned()),
        role: Set(new.role.as_str().to_owned()),
        status: Set(AccountStatus::Invited.as_str().to_owned()),
        password_hash: Set(None),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    };
    let inserted = user_account::Entity::insert(row)
        .exec(conn)
        .await
        .map_err(|e| match e.sql_err() {
            Some(SqlErr::UniqueConstraintViolation(_)) => CreateAccountError::EmailTaken,
            _ => CreateAccountError::Db(e),
        })?;
    let id = inserted.last_insert_id;
    // A directory profile with this address (imported, or made by a coordinator) is theirs.
    super::directory::link_account(conn, id, new.email.as_str()).await?;
    audit::record(
        conn,
        now,
        AuditRecord {
            actor,
            action: Action::Invite,
            record: Some(("user_account", id.to_string())),
            changes: vec![
                FieldChange::personal("email", None, Some(new.email.as_str())),
                FieldChange::personal("name", None, Some(new.name.as_str())),
                FieldChange::plain("role", None, Some(new.role.as_str())),
            ],
        },
    )
    .await?;
    Ok(Account {
        id,
        email: new.email,
        name: new.name,
        role: new.role,
        status: AccountStatus::Invited,
    })
}

/// The account with this email address, with its password hash for checking a sign-in.
pub async fn find_by_email(
    conn: &impl ConnectionTrait,
    email: &Email,
) -> Result<Option<(Account, Option<String>)>, DbErr> {
    let row = user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email.as_str()))
        .one(conn)
        .await?;
    row.map(|row| {
        let hash = row.password_hash.clone();
        to_account(row).map(|account| (account, hash))
    })
    .transpose()
}

pub async fn get(conn: &impl ConnectionTrait, id: i32) -> Result<Option<Account>, DbErr> {
    user_account::Entity::find_by_id(id)
        .one(conn)
        .await?
        .map(to_account)
        .transpose()
}

/// Sets the password of an account and makes it active (accepting an invitation), audited.
pub async fn activate_with_password(
    conn: &impl ConnectionTrait,
    id: i32,
    password_hash: String,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let Some(row) = user_account::Entity::find_by_id(id).one(conn).await? else {
        return Err(DbErr::RecordNotFound(format!("user_account {id}")));
    };
    let old_status = row.status.clone();
    let had_password = row.password_hash.is_some();
    let mut row: user_account::ActiveModel = row.into();
    row.password_hash = Set(Some(password_hash));
    row.status = Set(AccountStatus::Active.as_str().to_owned());
    row.updated_at = Set(now);
    sea_orm::ActiveModelTrait::update(row, conn).await?;
    let changed = if had_password { Some("(set)") } else { None };
    audit::record(
        conn,
        now,
        AuditRecord {
            actor: Some(id),
            action: Action::Update,
            record: Some(("user_account", id.to_string())),
            changes: vec![
                FieldChange::plain(
                    "status",
                    Some(&old_status),
                    Some(AccountStatus::Active.as_str()),
                ),
                FieldChange::personal("password", changed, Some("(set)")),
            ],
        },
    )
    .await
}

/// Rows are written only through this module, so a row that does not parse is corruption.
/// Everyone with an account, by name.
pub async fn list(conn: &impl ConnectionTrait) -> Result<Vec<Account>, DbErr> {
    user_account::Entity::find()
        .order_by_asc(user_account::Column::Name)
        .order_by_asc(user_account::Column::Id)
        .all(conn)
        .await?
        .into_iter()
        .map(to_account)
        .collect()
}

/// A coordinator changes someone's role. Returns the account as it was.
pub async fn change_role(
    conn: &impl ConnectionTrait,
    actor: i32,
    id: i32,
    role: Role,
    now: DateTime<Utc>,
) -> Result<Option<Account>, DbErr> {
    let Some(before) = get(conn, id).await? else {
        return Ok(None);
    };
    if before.role != role {
        update_column(conn, id, user_account::Column::Role, role.as_str(), now).await?;
        let change = FieldChange::plain("role", Some(before.role.as_str()), Some(role.as_str()));
        audit::record(
            conn,
            now,
            change_entry(actor, id, Action::RoleChange, change),
        )
        .await?;
    }
    Ok(Some(before))
}

/// A coordinator disables an account (its sessions end in the same transaction) or lets it
/// back in: active again if it has a password, otherwise invited still. Returns the account
/// as it was.
pub async fn set_access(
    conn: &impl ConnectionTrait,
    actor: i32,
    id: i32,
    allow: bool,
    now: DateTime<Utc>,
) -> Result<Option<Account>, DbErr> {
    let Some(row) = user_account::Entity::find_by_id(id).one(conn).await? else {
        return Ok(None);
    };
    let status = match (allow, row.password_hash.is_some()) {
        (false, _) => AccountStatus::Disabled,
        (true, true) => AccountStatus::Active,
        (true, false) => AccountStatus::Invited,
    };
    let before = to_account(row)?;
    if before.status != status {
        update_column(conn, id, user_account::Column::Status, status.as_str(), now).await?;
        let change = FieldChange::plain(
            "status",
            Some(before.status.as_str()),
            Some(status.as_str()),
        );
        audit::record(conn, now, change_entry(actor, id, Action::Update, change)).await?;
    }
    if !allow {
        super::sessions::end_all(conn, id).await?;
    }
    Ok(Some(before))
}

/// A new password for an active account, by its owner (changing it, or from a reset link).
pub async fn set_password(
    conn: &impl ConnectionTrait,
    id: i32,
    password_hash: String,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    update_column(
        conn,
        id,
        user_account::Column::PasswordHash,
        password_hash,
        now,
    )
    .await?;
    let change = FieldChange::personal("password", Some("(set)"), Some("(set)"));
    audit::record(conn, now, change_entry(id, id, Action::Update, change)).await
}

/// The stored password hash of an account, for checking its owner's current password.
pub async fn password_hash(conn: &impl ConnectionTrait, id: i32) -> Result<Option<String>, DbErr> {
    Ok(user_account::Entity::find_by_id(id)
        .one(conn)
        .await?
        .and_then(|row| row.password_hash))
}

async fn update_column(
    conn: &impl ConnectionTrait,
    id: i32,
    column: user_account::Column,
    value: impl Into<sea_orm::Value>,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    user_account::Entity::update_many()
        .col_expr(column, Expr::value(value))
        .col_expr(user_account::Column::UpdatedAt, Expr::value(now))
        .filter(user_account::Column::Id.eq(id))
        .exec(conn)
        .await
        .map(drop)
}

fn change_entry(actor: i32, id: i32, action: Action, change: FieldChange) -> AuditRecord {
    AuditRecord {
        actor: Some(actor),
        action,
        record: Some(("user_account", id.to_string())),
        changes: vec![change],
    }
}

pub(super) fn to_account(row: user_account::Model) -> Result<Account, DbErr> {
    let corrupt = |what: &str| DbErr::Custom(format!("user_account {}: bad {what}", row.id));
    Ok(Account {
        id: row.id,
        email: Email::parse(&row.email).map_err(|_| corrupt("email"))?,
        name: PersonName::parse(&row.name).map_err(|_| corrupt("name"))?,
        role: row.role.parse().map_err(|_| corrupt("role"))?,
        status: AccountStatus::parse(&row.status).ok_or_else(|| corrupt("status"))?,
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::db::{entities::audit_event, testing::temp_db};

    pub fn new_account(email: &str, role: Role) -> NewAccount {
        NewAccount {
            email: Email::parse(email).unwrap(),
            name: PersonName::parse("Sam Patel").unwrap(),
            role,
        }
    }

    #[tokio::test]
    async fn an_invited_account_is_found_by_any_case_of_its_email_and_audited() {
        let t = temp_db().await;
        let txn = t.db.begin_write().await.unwrap();
        let account = create_invited(
            &txn,
            new_account("Sam@Example.org", Role::Champion),
            None,
            Utc::now(),
        )
        .await
        .unwrap();
        txn.commit().await.unwrap();

        let (found, hash) = find_by_email(t.db.reader(), &Email::parse("SAM@example.ORG").unwrap())
            .await
            .unwrap()
            .unwrap();
        assert_eq!(found, account);
        assert_eq!(found.status, AccountStatus::Invited);
        assert_eq!(hash, None);

        let events = audit_event::Entity::find()
            .all(t.db.reader())
            .await
            .unwrap();
        assert_eq!(events.len(), 1);
        assert_eq!(events[0].action, "invite");
        assert_eq!(
            events[0].record_id.as_deref(),
            Some(account.id.to_string().as_str())
        );
        let changes = events[0].changes.as_deref().unwrap();
        assert!(
            changes.contains("champion") && !changes.contains("sam@"),
            "{changes}"
        );
    }

    #[tokio::test]
    async fn a_second_account_with_the_same_email_is_refused() {
        let t = temp_db().await;
        let txn = t.db.begin_write().await.unwrap();
        create_invited(
            &txn,
            new_account("sam@example.org", Role::Staff),
            None,
            Utc::now(),
        )
        .await
        .unwrap();
        let again = create_invited(
            &txn,
            new_account("SAM@example.org", Role::Staff),
            None,
            Utc::now(),
        )
        .await;
        assert!(
            matches!(again, Err(CreateAccountError::EmailTaken)),
            "{again:?}"
        );
    }
}
