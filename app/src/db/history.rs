//! Earlier versions of edited records, kept whole as JSON so any of them can be shown again.

use super::entities::record_version;
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use serde::{Serialize, de::DeserializeOwned};

/// Keeps `record` as version `version` of (`record_type`, `id`), before an edit replaces it.
pub async fn keep(
    conn: &impl ConnectionTrait,
    record_type: &str,
    id: i32,
    version: i32,
    record: &impl Serialize,
    changed_by: i32,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let snapshot = serde_json::to_string(record).map_err(|e| DbErr::Custom(e.to_string()))?;
    record_version::Entity::insert(record_version::ActiveModel {
        record_type: Set(record_type.to_owned()),
        record_id: Set(id),
        version: Set(version),
        snapshot: Set(snapshot),
        changed_by: Set(Some(changed_by)),
        changed_at: Set(now),
        ..Default::default()
    })
    .exec(conn)
    .await?;
    Ok(())
}

/// The earlier versions of a record, newest first, with when they were replaced.
pub async fn versions<T: DeserializeOwned>(
    conn: &impl ConnectionTrait,
    record_type: &str,
    id: i32,
) -> Result<Vec<(i32, DateTime<Utc>, T)>, DbErr> {
    record_version::Entity::find()
        .filter(record_version::Column::RecordType.eq(record_type))
        .filter(record_version::Column::RecordId.eq(id))
        .order_by_desc(record_version::Column::Version)
        .all(conn)
        .await?
        .into_iter()
        .map(|row| {
            let record = serde_json::from_str(&row.snapshot).map_err(|e| {
                DbErr::Custom(format!(
                    "version {} of {record_type} {id}: {e}",
                    row.version
                ))
            })?;
            Ok((row.version, row.changed_at, record))
        })
        .collect()
}
