//! Single-use links that let a person in: the invitation (72 hours) and the password reset
//! (30 minutes). The link holds a random secret; the database only its digest.

use super::entities::account_link;
use crate::auth::secret;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    IntoActiveModel, QueryFilter,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Invitation,
    PasswordReset,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Invitation => "invitation",
            Purpose::PasswordReset => "password_reset",
        }
    }

    pub fn lifetime(self) -> Duration {
        match self {
            Purpose::Invitation => Duration::hours(72),
            Purpose::PasswordReset => Duration::minutes(30),
        }
    }
}

/// Makes a new link for `user_id` and returns its secret, to be put in the URL.
pub async fn issue(
    conn: &impl ConnectionTrait,
    user_id: i32,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let secret = secret::generate(secret::LINK_BYTES);
    account_link::Entity::insert(account_link::ActiveModel {
        secret_hash: Set(secret::digest(&secret)),
        user_id: Set(user_id),
        purpose: Set(purpose.as_str().to_owned()),
        created_at: Set(now),
        expires_at: Set(now + purpose.lifetime()),
        used_at: Set(None),
        ..Default::default()
    })
    .exec(conn)
    .await?;
    Ok(secret)
}

/// The account a live link belongs to, without using it up (to show the page it opens).
pub async fn peek(
    conn: &impl ConnectionTrait,
    secret: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<Option<i32>, DbErr> {
    Ok(live(conn, secret, purpose, now)
        .await?
        .map(|link| link.user_id))
}

/// Uses the link up and returns its account, or `None` if it is unknown, used or expired.
/// Call inside the write transaction that acts on it, so it cannot be used twice.
pub async fn redeem(
    conn: &impl ConnectionTrait,
    secret: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<Option<i32>, DbErr> {
    let Some(link) = live(conn, secret, purpose, now).await? else {
        return Ok(None);
    };
    let user_id = link.user_id;
    let mut link = link.into_active_model();
    link.used_at = Set(Some(now));
    link.update(conn).await?;
    Ok(Some(user_id))
}

async fn live(
    conn: &impl ConnectionTrait,
    secret: &str,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> Result<Option<account_link::Model>, DbErr> {
    account_link::Entity::find()
        .filter(account_link::Column::SecretHash.eq(secret::digest(secret)))
        .filter(account_link::Column::Purpose.eq(purpose.as_str()))
        .filter(account_link::Column::UsedAt.is_null())
        .filter(account_link::Column::ExpiresAt.gt(now))
        .one(conn)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{
        accounts::{create_invited, tests::new_account},
        testing::temp_db,
    };
    use crate::domain::account::Role;

    #[tokio::test]
    async fn a_link_works_once_for_its_purpose_until_it_expires() {
        let t = temp_db().await;
        let now = Utc::now();
        let txn = t.db.begin_write().await.unwrap();
        let account = create_invited(&txn, new_account("sam@example.org", Role::Staff), None, now)
            .await
            .unwrap();
        let secret = issue(&txn, account.id, Purpose::Invitation, now)
            .await
            .unwrap();
        let expiring = issue(&txn, account.id, Purpose::Invitation, now)
            .await
            .unwrap();

        assert_eq!(
            redeem(&txn, &secret, Purpose::PasswordReset, now)
                .await
                .unwrap(),
            None
        );
        assert_eq!(
            peek(&txn, &secret, Purpose::Invitation, now).await.unwrap(),
            Some(account.id)
        );
        assert_eq!(
            redeem(&txn, &secret, Purpose::Invitation, now)
                .await
                .unwrap(),
            Some(account.id)
        );
        assert_eq!(
            redeem(&txn, &secret, Purpose::Invitation, now)
                .await
                .unwrap(),
            None,
            "single use"
        );

        let later = now + Purpose::Invitation.lifetime() + Duration::seconds(1);
        assert_eq!(
            redeem(&txn, &expiring, Purpose::Invitation, later)
                .await
                .unwrap(),
            None,
            "expired"
        );
        assert_eq!(
            redeem(&txn, "not-a-link", Purpose::Invitation, now)
                .await
                .unwrap(),
            None
        );
    }
}
