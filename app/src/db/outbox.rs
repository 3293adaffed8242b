//! The mail outbox. A letter is queued in the transaction of the change that causes it, so
//! it goes out if and only if the change happened; the worker marks it sent only once a mail
//! server has accepted it.

use super::entities::mail_outbox;
use crate::{
    domain::outbox::{DeliveryState, OutboxEntry},
    mail::Letter,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait},
};

pub async fn enqueue(
    conn: &impl ConnectionTrait,
    letter: Letter,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let inserted = mail_outbox::Entity::insert(mail_outbox::ActiveModel {
        recipient: Set(letter.to),
        subject: Set(letter.subject),
        text_body: Set(letter.text),
        html_body: Set(letter.html),
        created_at: Set(now),
        attempts: Set(0),
        next_attempt_at: Set(now),
        last_error: Set(None),
        sent_at: Set(None),
        calendar_method: Set(letter
            .calendar
            .as_ref()
            .map(|c| c.method.as_str().to_owned())),
        calendar: Set(letter.calendar.map(|c| c.text)),
        ..Default::default()
    })
    .exec(conn)
    .await?;
    Ok(inserted.last_insert_id)
}

/// Unsent letters whose time has come, oldest first.
pub async fn due(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<mail_outbox::Model>, DbErr> {
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::SentAt.is_null())
        .filter(mail_outbox::Column::NextAttemptAt.lte(now))
        .order_by_asc(mail_outbox::Column::NextAttemptAt)
        .order_by_asc(mail_outbox::Column::Id)
        .limit(limit)
        .all(conn)
        .await
}

/// When the next unsent letter is due, if there is one.
pub async fn next_due(conn: &impl ConnectionTrait) -> Result<Option<DateTime<Utc>>, DbErr> {
    Ok(mail_outbox::Entity::find()
        .filter(mail_outbox::Column::SentAt.is_null())
        .order_by_asc(mail_outbox::Column::NextAttemptAt)
        .one(conn)
        .await?
        .map(|row| row.next_attempt_at))
}

/// Records that a mail server accepted the letter, and forgets its body: a body can hold a
/// sign-in link, which must not outlive its delivery.
pub async fn mark_sent(
    conn: &impl ConnectionTrait,
    id: i32,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    mail_outbox::Entity::update_many()
        .col_expr(mail_outbox::Column::SentAt, now.into())
        .col_expr(mail_outbox::Column::TextBody, "".into())
        .col_expr(mail_outbox::Column::HtmlBody, "".into())
        .col_expr(mail_outbox::Column::Calendar, Option::<String>::None.into())
        .col_expr(
            mail_outbox::Column::Attempts,
            Expr::col(mail_outbox::Column::Attempts).add(1),
        )
        .filter(mail_outbox::Column::Id.eq(id))
        .exec(conn)
        .await
        .map(drop)
}

pub async fn mark_failed(
    conn: &impl ConnectionTrait,
    id: i32,
    attempts: i32,
    error: &str,
    retry_at: DateTime<Utc>,
) -> Result<(), DbErr> {
    mail_outbox::Entity::update_many()
        .col_expr(mail_outbox::Column::Attempts, attempts.into())
        .col_expr(
            mail_outbox::Column::LastError,
            Some(error.to_owned()).into(),
        )
        .col_expr(mail_outbox::Column::NextAttemptAt, retry_at.into())
        .filter(mail_outbox::Column::Id.eq(id))
        .exec(conn)
        .await
        .map(drop)
}

/// The newest letters first, without bodies, for coordinators.
pub async fn recent(conn: &impl ConnectionTrait, limit: u64) -> Result<Vec<OutboxEntry>, DbErr> {
    let rows = mail_outbox::Entity::find()
        .order_by_desc(mail_outbox::Column::Id)
        .limit(limit)
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| OutboxEntry {
            id: row.id,
            state: match (row.sent_at, row.attempts) {
                (Some(_), _) => DeliveryState::Sent,
                (None, 0) => DeliveryState::Queued,
                (None, _) => DeliveryState::Failing,
            },
            next_attempt_at: row.sent_at.is_none().then_some(row.next_attempt_at),
            recipient: row.recipient,
            subject: row.subject,
            created_at: row.created_at,
            attempts: row.attempts,
            last_error: row.last_error,
            sent_at: row.sent_at,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::temp_db;
    use chrono::Duration;

    fn letter() -> Letter {
        Letter {
            to: "sam@example.org".into(),
            subject: "Hello".into(),
            text: "secret link".into(),
            html: "<p>secret link</p>".into(),
            calendar: None,
        }
    }

    #[tokio::test]
    async fn a_letter_is_due_until_sent_waits_after_a_failure_and_loses_its_body_once_sent() {
        let t = temp_db().await;
        let now = Utc::now();
        let txn = t.db.begin_write().await.unwrap();
        let id = enqueue(&txn, letter(), now).await.unwrap();
        txn.commit().await.unwrap();
        let r = t.db.reader();
        assert_eq!(due(r, now, 10).await.unwrap().len(), 1);
        assert_eq!(recent(r, 10).await.unwrap()[0].state, DeliveryState::Queued);

        let retry_at = now + Duration::seconds(30);
        let txn = t.db.begin_write().await.unwrap();
        mark_failed(&txn, id, 1, "connection refused", retry_at)
            .await
            .unwrap();
        txn.commit().await.unwrap();
        assert!(due(r, now, 10).await.unwrap().is_empty(), "waits");
        assert_eq!(next_due(r).await.unwrap(), Some(retry_at));
        let failing = &recent(r, 10).await.unwrap()[0];
        assert_eq!(failing.state, DeliveryState::Failing);
        assert_eq!(failing.last_error.as_deref(), Some("connection refused"));

        let later = retry_at + Duration::seconds(1);
        assert_eq!(due(r, later, 10).await.unwrap()[0].id, id);
        let txn = t.db.begin_write().await.unwrap();
        mark_sent(&txn, id, later).await.unwrap();
        txn.commit().await.unwrap();
        assert!(due(r, later, 10).await.unwrap().is_empty());
        assert_eq!(next_due(r).await.unwrap(), None);
        let sent = &recent(r, 10).await.unwrap()[0];
        assert_eq!((sent.state, sent.attempts), (DeliveryState::Sent, 2));
        let row = mail_outbox::Entity::find_by_id(id)
            .one(r)
            .await
            .unwrap()
            .unwrap();
        assert_eq!((row.text_body.as_str(), row.html_body.as_str()), ("", ""));
    }
}
