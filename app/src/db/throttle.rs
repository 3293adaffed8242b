//! The failed sign-ins that throttling counts, by key (see `domain::throttle`).

use super::entities::sign_in_failure;
use crate::auth::secret;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QuerySelect,
};

/// What failures are counted by: the digest of a kind and a value, so the table holds neither
/// email addresses nor IP addresses.
pub fn key(kind: &str, value: &str) -> String {
    secret::digest(&format!("{kind}:{value}"))
}

pub async fn recent(
    conn: &impl ConnectionTrait,
    key: &str,
    since: DateTime<Utc>,
) -> Result<Vec<DateTime<Utc>>, DbErr> {
    sign_in_failure::Entity::find()
        .select_only()
        .column(sign_in_failure::Column::OccurredAt)
        .filter(sign_in_failure::Column::KeyDigest.eq(key))
        .filter(sign_in_failure::Column::OccurredAt.gt(since))
        .into_tuple()
        .all(conn)
        .await
}

/// Records a failure under each key and forgets failures older than `keep`.
pub async fn record(
    conn: &impl ConnectionTrait,
    keys: &[&str],
    now: DateTime<Utc>,
    keep: Duration,
) -> Result<(), DbErr> {
    let rows = keys.iter().map(|key| sign_in_failure::ActiveModel {
        key_digest: Set((*key).to_owned()),
        occurred_at: Set(now),
        ..Default::default()
    });
    sign_in_failure::Entity::insert_many(rows)
        .exec(conn)
        .await?;
    sign_in_failure::Entity::delete_many()
        .filter(sign_in_failure::Column::OccurredAt.lt(now - keep))
        .exec(conn)
        .await
        .map(drop)
}

/// Forgets a key's failures (after a successful sign-in).
pub async fn clear(conn: &impl ConnectionTrait, key: &str) -> Result<(), DbErr> {
    sign_in_failure::Entity::delete_many()
        .filter(sign_in_failure::Column::KeyDigest.eq(key))
        .exec(conn)
        .await
        .map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::temp_db;

    #[tokio::test]
    async fn failures_are_counted_per_key_pruned_and_cleared() {
        let t = temp_db().await;
        let now = Utc::now();
        let (a, b) = (
            key("account", "sam@example.org"),
            key("address", "192.0.2.1"),
        );
        assert_ne!(a, b);
        assert!(!a.contains("sam"));
        let txn = t.db.begin_write().await.unwrap();
        let keep = Duration::minutes(15);
        record(&txn, &[&a, &b], now - Duration::minutes(20), keep)
            .await
            .unwrap();
        record(&txn, &[&a], now - Duration::minutes(1), keep)
            .await
            .unwrap();
        record(&txn, &[&a, &b], now, keep).await.unwrap();

        assert_eq!(
            recent(&txn, &a, now - keep).await.unwrap().len(),
            2,
            "the old one was pruned"
        );
        assert_eq!(recent(&txn, &b, now - keep).await.unwrap().len(), 1);
        clear(&txn, &a).await.unwrap();
        assert!(recent(&txn, &a, now - keep).await.unwrap().is_empty());
        assert_eq!(recent(&txn, &b, now - keep).await.unwrap().len(), 1);
    }
}
