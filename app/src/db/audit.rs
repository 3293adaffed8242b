//! Writing to the audit log, always inside the transaction of the change it records.

use super::entities::{audit_event, user_account};
use crate::domain::audit::{Action, AuditEntry, AuditFilter, FieldChange};
use chrono::{DateTime, NaiveTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use std::collections::HashMap;

pub struct AuditRecord {
    /// Who did it; `None` for someone not signed in (a failed sign-in) or the command line.
    pub actor: Option<i32>,
    pub action: Action,
    /// The kind of record and its id, e.g. `("user_account", "12")`.
    pub record: Option<(&'static str, String)>,
    pub changes: Vec<FieldChange>,
}

impl AuditRecord {
    /// Someone acting on their own account: signing in or out, setting their password.
    pub fn own_account(user_id: i32, action: Action) -> Self {
        Self {
            actor: Some(user_id),
            action,
            record: Some(("user_account", user_id.to_string())),
            changes: vec![],
        }
    }
}

pub async fn record(
    conn: &impl ConnectionTrait,
    at: DateTime<Utc>,
    entry: AuditRecord,
) -> Result<(), DbErr> {
    let changes = (!entry.changes.is_empty())
        .then(|| serde_json::to_string(&entry.changes))
        .transpose()
        .map_err(|e| DbErr::Custom(format!("audit changes: {e}")))?;
    let (record_type, record_id) = entry
        .record
        .map_or((None, None), |(t, id)| (Some(t.to_owned()), Some(id)));
    audit_event::Entity::insert(audit_event::ActiveModel {
        occurred_at: Set(at),
        actor_id: Set(entry.actor),
        action: Set(entry.action.as_str().to_owned()),
        record_type: Set(record_type),
        record_id: Set(record_id),
        changes: Set(changes),
        ..Default::default()
    })
    .exec(conn)
    .await
    .map(drop)
}

/// Entries matching `filter`, newest first, at most `limit`; actors named.
pub async fn search(
    conn: &impl ConnectionTrait,
    filter: &AuditFilter,
    limit: u64,
) -> Result<Vec<AuditEntry>, DbErr> {
    let mut query = audit_event::Entity::find();
    if let Some(action) = filter.action {
        query = query.filter(audit_event::Column::Action.eq(action.as_str()));
    }
    if let Some(from) = filter.from {
        query = query
            .filter(audit_event::Column::OccurredAt.gte(from.and_time(NaiveTime::MIN).and_utc()));
    }
    if let Some(to) = filter.to.and_then(|to| to.succ_opt()) {
        query =
            query.filter(audit_event::Column::OccurredAt.lt(to.and_time(NaiveTime::MIN).and_utc()));
    }
    let rows = query
        .order_by_desc(audit_event::Column::Id)
        .limit(limit)
        .all(conn)
        .await?;
    named(conn, rows).await
}

/// Everything a person did, and everything done to their account: theirs to download.
pub async fn about_account(conn: &impl ConnectionTrait, id: i32) -> Result<Vec<AuditEntry>, DbErr> {
    let rows = audit_event::Entity::find()
        .filter(
            Condition::any()
                .add(audit_event::Column::ActorId.eq(id))
                .add(
                    Condition::all()
                        .add(audit_event::Column::RecordType.eq("user_account"))
                        .add(audit_event::Column::RecordId.eq(id.to_string())),
                ),
        )
        .order_by_desc(audit_event::Column::Id)
        .all(conn)
        .await?;
    named(conn, rows).await
}

async fn named(
    conn: &impl ConnectionTrait,
    rows: Vec<audit_event::Model>,
) -> Result<Vec<AuditEntry>, DbErr> {
    let actor_ids: Vec<i32> = rows.iter().filter_map(|r| r.actor_id).collect();
    let names: HashMap<i32, String> = user_account::Entity::find()
        .filter(user_account::Column::Id.is_in(actor_ids))
        .all(conn)
        .await?
        .into_iter()
        .map(|u| (u.id, u.name))
        .collect();
    rows.into_iter()
        .map(|row| {
            let corrupt = |what: &str| DbErr::Custom(format!("audit_event {}: bad {what}", row.id));
            Ok(AuditEntry {
                id: row.id,
                occurred_at: row.occurred_at,
                actor: row.actor_id.map(|id| {
                    names
                        .get(&id)
                        .cloned()
                        .unwrap_or_else(|| format!("account {id}"))
                }),
                action: Action::parse(&row.action).ok_or_else(|| corrupt("action"))?,
                record: row.record_type.map(|t| match row.record_id {
                    Some(id) => format!("{t} {id}"),
                    None => t,
                }),
                changes: match row.changes {
                    Some(json) => serde_json::from_str(&json).map_err(|_| corrupt("changes"))?,
                    None => vec![],
                },
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::temp_db;
    use sea_orm::{ConnectionTrait, EntityTrait};

    #[tokio::test]
    async fn entries_are_kept_and_cannot_be_changed_or_deleted() {
        let t = temp_db().await;
        let txn = t.db.begin_write().await.unwrap();
        let entry = AuditRecord {
            actor: None,
            action: Action::SignInFailed,
            record: None,
            changes: vec![FieldChange::personal("email", None, Some("jo@example.org"))],
        };
        record(&txn, Utc::now(), entry).await.unwrap();
        txn.commit().await.unwrap();

        let rows = audit_event::Entity::find()
            .all(t.db.reader())
            .await
            .unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].action, "sign_in_failed");
        assert!(!rows[0].changes.as_deref().unwrap().contains("jo@"));

        let txn = t.db.begin_write().await.unwrap();
        for sql in [
            "UPDATE audit_event SET action = 'x'",
            "DELETE FROM audit_event",
        ] {
            let err = txn.execute_unprepared(sql).await.unwrap_err();
            assert!(
                err.to_string().contains("the audit log cannot be changed"),
                "{err}"
            );
        }
    }
}
