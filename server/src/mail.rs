//! The mail worker: delivers what the outbox holds, oldest first, through SMTP or into a
//! folder of `.eml` files. A letter is marked sent only after the server accepted it, so a
//! crash or a restart at any moment loses nothing; the worst case is a letter accepted just
//! before a crash being sent twice, which its fixed Message-ID lets mail clients fold.

use app::{
    db::{Db, entities::mail_outbox, outbox},
    domain::outbox::retry_delay,
};
use lettre::{
    AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{
        Body, Mailbox, MultiPart, SinglePart,
        header::{ContentDisposition, ContentTransferEncoding, ContentType},
    },
};
use std::{path::PathBuf, sync::Arc, time::Duration};
use tokio::sync::{Notify, watch};

/// Letters handled per look at the outbox.
const BATCH: u64 = 20;
/// With nothing due, the worker still looks this often, in case a letter was queued by
/// another process (the command line).
const IDLE_LOOK: Duration = Duration::from_secs(60);

#[derive(Clone, Debug)]
pub enum Delivery {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Folder(PathBuf),
}

#[derive(Clone, Debug)]
pub struct MailSettings {
    pub delivery: Delivery,
    pub from: Mailbox,
    /// The wait after the first failure; it doubles with each one after.
    pub retry_base: chrono::Duration,
    /// Domain for Message-IDs.
    pub host: String,
}

/// Runs until `stop` turns true, finishing the letter in hand first.
pub async fn run(
    db: Db,
    settings: MailSettings,
    wake: Arc<Notify>,
    mut stop: watch::Receiver<bool>,
) {
    let sender = match &settings.delivery {
        Delivery::Smtp(smtp) => Sender::Smtp(smtp.clone()),
        Delivery::Folder(dir) => Sender::Folder(AsyncFileTransport::new(dir)),
    };
    loop {
        let wait = match deliver_due(&db, &settings, &sender).await {
            Ok(wait) => wait,
            Err(e) => {
                tracing::error!(error = %e, "the mail outbox could not be read or updated");
                IDLE_LOOK
            }
        };
        tokio::select! {
            _ = wake.notified() => {}
            _ = tokio::time::sleep(wait) => {}
            _ = stop.wait_for(|stopped| *stopped) => return,
        }
    }
}

/// Sends every due letter; returns how long to wait before looking again.
async fn deliver_due(
    db: &Db,
    settings: &MailSettings,
    sender: &Sender,
) -> Result<Duration, sea_orm::DbErr> {
    loop {
        let now = chrono::Utc::now();
        let due = outbox::due(db.reader(), now, BATCH).await?;
        let full = due.len() as u64 == BATCH;
        for row in due {
            let id = row.id;
            let attempts = row.attempts + 1;
            let sent = match build(&row, settings) {
                Ok(message) => sender.send(message).await,
                Err(e) => Err(format!("the letter could not be built: {e}")),
            };
            let now = chrono::Utc::now();
            let txn = db.begin_write().await?;
            match &sent {
                Ok(()) => outbox::mark_sent(&txn, id, now).await?,
                Err(reason) => {
                    let retry_at = now + retry_delay(attempts as u32, settings.retry_base);
                    outbox::mark_failed(&txn, id, attempts, reason, retry_at).await?;
                }
            }
            txn.commit().await?;
            match sent {
                Ok(()) => tracing::info!(letter = id, attempts, "mail sent"),
                // The reason can quote the recipient's address: it stays in the outbox, where
                // coordinators see it, and out of the logs.
                Err(_) => tracing::warn!(letter = id, attempts, "mail not sent; will try again"),
            }
        }
        if !full {
            break;
        }
    }
    let next = outbox::next_due(db.reader()).await?;
    Ok(next.map_or(IDLE_LOOK, |at| {
        (at - chrono::Utc::now())
            .to_std()
            .unwrap_or(Duration::ZERO)
            .min(IDLE_LOOK)
    }))
}

fn build(
    row: &mail_outbox::Model,
    settings: &MailSettings,
) -> Result<Message, lettre::error::Error> {
    let to: Mailbox = row
        .recipient
        .parse()
        .map_err(|_| lettre::error::Error::MissingTo)?;
    Message::builder()
        .from(settings.from.clone())
        .to(to)
        .subject(row.subject.clone())
        // Fixed per letter: a copy delivered twice is recognisably the same message.
        .message_id(Some(format!(
            "<outbox-{}-{}@{}>",
            row.id,
            row.created_at.timestamp(),
            settings.host
        )))
        .multipart(body(row))
}

/// Text and HTML as alternatives; with a calendar object, that too as a third alternative (what
/// Outlook and Gmail read to show an invitation) and the same bytes as `invite.ics` (what
/// other clients offer to open), all in `multipart/mixed`. The calendar goes in base64, so its
/// CRLF line ends arrive as they were written.
fn body(row: &mail_outbox::Model) -> MultiPart {
    let alternatives =
        MultiPart::alternative_plain_html(row.text_body.clone(), row.html_body.clone());
    let (Some(calendar), Some(method)) = (&row.calendar, &row.calendar_method) else {
        return alternatives;
    };
    let part = |disposition: Option<ContentDisposition>| {
        let content_type =
            ContentType::parse(&format!("text/calendar; method={method}; charset=UTF-8"))
                .unwrap_or(ContentType::TEXT_PLAIN);
        let bytes = Body::new_with_encoding(calendar.clone(), ContentTransferEncoding::Base64)
            .unwrap_or_else(Body::new);
        let builder = SinglePart::builder().header(content_type);
        match disposition {
            Some(disposition) => builder.header(disposition).body(bytes),
            None => builder.body(bytes),
        }
    };
    MultiPart::mixed()
        .multipart(alternatives.singlepart(part(None)))
        .singlepart(part(Some(ContentDisposition::attachment("invite.ics"))))
}

enum Sender {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Folder(AsyncFileTransport<Tokio1Executor>),
}

impl Sender {
    /// Ok only once the server (or the file system) has accepted the message.
    async fn send(&self, message: Message) -> Result<(), String> {
        match self {
            Sender::Smtp(smtp) => smtp
                .send(message)
                .await
                .map(drop)
                .map_err(|e| e.to_string()),
            Sender::Folder(folder) => folder
                .send(message)
                .await
                .map(drop)
                .map_err(|e| e.to_string()),
        }
    }
}
