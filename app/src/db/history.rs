//! Earlier versions of edited records, kept as the fields a reader sees so any of them can be
//! shown again, and the audit entry of each change, written in the edit's transaction.

use super::{
    audit::{self, AuditRecord},
    entities::{record_version, user_account},
};
use crate::domain::{
    audit::{Action, FieldChange},
    history::{self, Field, Version},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder,
};
use std::collections::HashMap;

/// A saved change to one record: it read `before` as version `version`, and now reads `after`.
pub struct Edit<'a> {
    pub record_type: &'static str,
    pub id: i32,
    pub version: i32,
    pub before: &'a [Field],
    pub after: &'a [Field],
}

/// Logs an edit and, if it changed anything, keeps the version before it. Saving without a
/// change can still mean something (a profile confirmed, a service reviewed): `unchanged`
/// says what, and is logged; `None` logs nothing. Returns whether anything changed; the
/// caller then moves the record's version on.
pub async fn record_edit(
    conn: &impl ConnectionTrait,
    edit: Edit<'_>,
    unchanged: Option<FieldChange>,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let changes = history::changes(edit.before, edit.after);
    let changed = !changes.is_empty();
    if changed {
        keep(conn, &edit, actor, now).await?;
    }
    let changes = match (changed, unchanged) {
        (true, _) => changes,
        (false, Some(note)) => vec![note],
        (false, None) => return Ok(false),
    };
    let entry = AuditRecord {
        actor: Some(actor),
        action: Action::Update,
        record: Some((edit.record_type, edit.id.to_string())),
        changes,
    };
    audit::record(conn, now, entry).await?;
    Ok(changed)
}

/// Logs a new record with everything it holds (personal fields masked).
pub async fn record_creation(
    conn: &impl ConnectionTrait,
    record_type: &'static str,
    id: i32,
    fields: &[Field],
    actor: i32,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let entry = AuditRecord {
        actor: Some(actor),
        action: Action::Create,
        record: Some((record_type, id.to_string())),
        changes: history::changes(&[], fields),
    };
    audit::record(conn, now, entry).await
}

async fn keep(
    conn: &impl ConnectionTrait,
    edit: &Edit<'_>,
    changed_by: i32,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let snapshot = serde_json::to_string(edit.before).map_err(|e| DbErr::Custom(e.to_string()))?;
    record_version::Entity::insert(record_version::ActiveModel {
        record_type: Set(edit.record_type.to_owned()),
        record_id: Set(edit.id),
        version: Set(edit.version),
        snapshot: Set(snapshot),
        changed_by: Set(Some(changed_by)),
        changed_at: Set(now),
        ..Default::default()
    })
    .exec(conn)
    .await?;
    Ok(())
}

/// The earlier versions of a record, newest first (what the next one changed is left for
/// [`history::History::new`] to work out).
pub async fn versions(
    conn: &impl ConnectionTrait,
    record_type: &str,
    id: i32,
) -> Result<Vec<Version>, DbErr> {
    let rows = record_version::Entity::find()
        .filter(record_version::Column::RecordType.eq(record_type))
        .filter(record_version::Column::RecordId.eq(id))
        .order_by_desc(record_version::Column::Version)
        .all(conn)
        .await?;
    let editors: Vec<i32> = rows.iter().filter_map(|r| r.changed_by).collect();
    let names: HashMap<i32, String> = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(editors))
        .all(conn)
        .await?
        .into_iter()
        .map(|a| (a.id, a.name))
        .collect();
    rows.into_iter()
        .map(|row| {
            let fields = serde_json::from_str(&row.snapshot).map_err(|e| {
                DbErr::Custom(format!(
                    "version {} of {record_type} {id}: {e}",
                    row.version
                ))
            })?;
            Ok(Version {
                number: row.version,
                replaced_at: row.changed_at,
                replaced_by: row.changed_by.and_then(|a| names.get(&a).cloned()),
                fields,
                changed: vec![],
            })
        })
        .collect()
}
