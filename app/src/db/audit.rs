//! Writing to the audit log, always inside the transaction of the change it records.

use super::entities::audit_event;
use crate::domain::audit::{Action, FieldChange};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait};

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
