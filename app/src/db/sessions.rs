//! Server-side sessions. The browser holds a 128-bit random secret; the database holds its
//! digest, when the session started, when it was last used, and when it must end.

use super::{
    accounts::to_account,
    entities::{session, user_account},
};
use crate::{
    auth::secret,
    domain::account::{Account, AccountStatus, SessionSummary},
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};

/// How long a session lives.
#[derive(Clone, Copy, Debug)]
pub struct SessionPolicy {
    /// Ends after this long without a request.
    pub idle: Duration,
    /// Ends this long after signing in, however busy.
    pub absolute: Duration,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        Self {
            idle: Duration::hours(8),
            absolute: Duration::days(7),
        }
    }
}

/// A session that is still good, and whose it is.
#[derive(Debug, Clone)]
pub struct LiveSession {
    pub id: i32,
    pub last_seen_at: DateTime<Utc>,
    pub account: Account,
}

/// Starts a session for a person who has just proved who they are; returns the secret for
/// the cookie. A new secret every time, so a secret planted before sign-in is worth nothing.
pub async fn start(
    conn: &impl ConnectionTrait,
    user_id: i32,
    user_agent: Option<&str>,
    policy: SessionPolicy,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let secret = secret::generate(secret::SESSION_BYTES);
    session::Entity::insert(session::ActiveModel {
        secret_hash: Set(secret::digest(&secret)),
        user_id: Set(user_id),
        created_at: Set(now),
        last_seen_at: Set(now),
        expires_at: Set(now + policy.absolute),
        user_agent: Set(user_agent.map(|ua| ua.chars().take(200).collect())),
        ..Default::default()
    })
    .exec(conn)
    .await?;
    Ok(secret)
}

/// The session behind a cookie, if it is still good: not past its absolute end, used within
/// the idle timeout, and its account active.
pub async fn resolve(
    conn: &impl ConnectionTrait,
    secret: &str,
    policy: SessionPolicy,
    now: DateTime<Utc>,
) -> Result<Option<LiveSession>, DbErr> {
    let found = session::Entity::find()
        .filter(session::Column::SecretHash.eq(secret::digest(secret)))
        .filter(session::Column::ExpiresAt.gt(now))
        .filter(session::Column::LastSeenAt.gt(now - policy.idle))
        .find_also_related(user_account::Entity)
        .one(conn)
        .await?;
    let Some((session, Some(user))) = found else {
        return Ok(None);
    };
    let account = to_account(user)?;
    Ok(
        (account.status == AccountStatus::Active).then_some(LiveSession {
            id: session.id,
            last_seen_at: session.last_seen_at,
            account,
        }),
    )
}

/// Whether a session's use is worth recording now: at most once a minute, so that reading
/// pages does not turn every request into a write.
pub fn use_is_due(live: &LiveSession, now: DateTime<Utc>) -> bool {
    now - live.last_seen_at >= Duration::minutes(1)
}

/// Records that a session was used at `now`.
pub async fn touch(
    conn: &impl ConnectionTrait,
    session_id: i32,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    session::Entity::update_many()
        .col_expr(
            session::Column::LastSeenAt,
            sea_orm::sea_query::Expr::value(now),
        )
        .filter(session::Column::Id.eq(session_id))
        .exec(conn)
        .await
        .map(drop)
}

/// The sessions of an account that are still good, most recently used first.
pub async fn live_for(
    conn: &impl ConnectionTrait,
    user_id: i32,
    policy: SessionPolicy,
    now: DateTime<Utc>,
) -> Result<Vec<SessionSummary>, DbErr> {
    Ok(session::Entity::find()
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::ExpiresAt.gt(now))
        .filter(session::Column::LastSeenAt.gt(now - policy.idle))
        .order_by_desc(session::Column::LastSeenAt)
        .all(conn)
        .await?
        .into_iter()
        .map(|s| SessionSummary {
            started_at: s.created_at,
            last_seen_at: s.last_seen_at,
            user_agent: s.user_agent,
        })
        .collect())
}

/// Ends the session behind a cookie (signing out).
pub async fn end(conn: &impl ConnectionTrait, secret: &str) -> Result<(), DbErr> {
    session::Entity::delete_many()
        .filter(session::Column::SecretHash.eq(secret::digest(secret)))
        .exec(conn)
        .await
        .map(drop)
}

/// Ends every session of an account (signing out everywhere, disabling the account).
pub async fn end_all(conn: &impl ConnectionTrait, user_id: i32) -> Result<u64, DbErr> {
    Ok(session::Entity::delete_many()
        .filter(session::Column::UserId.eq(user_id))
        .exec(conn)
        .await?
        .rows_affected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{
        accounts::{create_invited, tests::new_account},
        entities::user_account,
        testing::temp_db,
    };
    use crate::domain::account::Role;
    use sea_orm::{ActiveModelTrait, IntoActiveModel};

    async fn active_account(conn: &impl ConnectionTrait, email: &str, now: DateTime<Utc>) -> i32 {
        let account = create_invited(conn, new_account(email, Role::Champion), None, now)
            .await
            .unwrap();
        let mut row = user_account::Entity::find_by_id(account.id)
            .one(conn)
            .await
            .unwrap()
            .unwrap()
            .into_active_model();
        row.status = Set("active".into());
        row.update(conn).await.unwrap();
        account.id
    }

    #[tokio::test]
    async fn a_session_lasts_until_idle_or_absolute_timeout() {
        let t = temp_db().await;
        let policy = SessionPolicy::default();
        let now = Utc::now();
        let txn = t.db.begin_write().await.unwrap();
        let user = active_account(&txn, "sam@example.org", now).await;
        let secret = start(&txn, user, Some("Firefox"), policy, now)
            .await
            .unwrap();

        let live = resolve(&txn, &secret, policy, now)
            .await
            .unwrap()
            .expect("live");
        assert_eq!(live.account.id, user);
        assert!(
            resolve(&txn, "forged", policy, now)
                .await
                .unwrap()
                .is_none()
        );

        let idle_end = now + policy.idle + Duration::seconds(1);
        assert!(
            resolve(&txn, &secret, policy, idle_end)
                .await
                .unwrap()
                .is_none(),
            "idle"
        );

        // Kept busy, it still ends at the absolute limit.
        let mut at = now;
        while at + policy.idle / 2 < now + policy.absolute {
            at += policy.idle / 2;
            let live = resolve(&txn, &secret, policy, at)
                .await
                .unwrap()
                .expect("busy session lives");
            assert!(use_is_due(&live, at));
            touch(&txn, live.id, at).await.unwrap();
        }
        let after = now + policy.absolute + Duration::seconds(1);
        assert!(
            resolve(&txn, &secret, policy, after)
                .await
                .unwrap()
                .is_none(),
            "absolute"
        );
    }

    #[tokio::test]
    async fn ending_sessions_takes_effect_at_once() {
        let t = temp_db().await;
        let policy = SessionPolicy::default();
        let now = Utc::now();
        let txn = t.db.begin_write().await.unwrap();
        let user = active_account(&txn, "sam@example.org", now).await;
        let one = start(&txn, user, None, policy, now).await.unwrap();
        let two = start(&txn, user, None, policy, now).await.unwrap();
        assert_ne!(one, two);

        end(&txn, &one).await.unwrap();
        assert!(resolve(&txn, &one, policy, now).await.unwrap().is_none());
        assert!(resolve(&txn, &two, policy, now).await.unwrap().is_some());
        assert_eq!(end_all(&txn, user).await.unwrap(), 1);
        assert!(resolve(&txn, &two, policy, now).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn an_account_that_is_not_active_has_no_live_session() {
        let t = temp_db().await;
        let policy = SessionPolicy::default();
        let now = Utc::now();
        let txn = t.db.begin_write().await.unwrap();
        let invited = create_invited(&txn, new_account("jo@example.org", Role::Staff), None, now)
            .await
            .unwrap();
        let secret = start(&txn, invited.id, None, policy, now).await.unwrap();
        assert!(resolve(&txn, &secret, policy, now).await.unwrap().is_none());
    }
}
