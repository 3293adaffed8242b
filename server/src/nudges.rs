//! The hourly chores, run every `every` (an hour unless set otherwise): asks the owners of
//! stale profiles to confirm them, each owner emailed once per stale spell through the
//! outbox; makes each meeting series' meetings up to a year ahead as the days go by; and
//! sends each meeting's reminder `reminder_days` before it, once.

use app::{db::Db, mail::Postbox};
use std::time::Duration;
use tokio::sync::watch;

pub async fn run(
    db: Db,
    postbox: Postbox,
    service_name: String,
    every: Duration,
    reminder_days: u32,
    mut stop: watch::Receiver<bool>,
) {
    loop {
        let checked = async {
            let txn = db.begin_write().await?;
            let asked =
                app::db::directory::nudge_stale(&txn, &postbox, &service_name, chrono::Utc::now())
                    .await?;
            txn.commit().await?;
            Ok::<_, sea_orm::DbErr>(asked)
        };
        let meetings = async {
            let now = chrono::Utc::now();
            let txn = db.begin_write().await?;
            let made = app::db::meetings::top_up(&txn, now).await?;
            let sender = app::db::meetings::invitations::Sender {
                postbox: &postbox,
                service: &service_name,
            };
            let reminded =
                app::db::meetings::invitations::send_reminders(&txn, sender, reminder_days, now)
                    .await?;
            txn.commit().await?;
            Ok::<_, sea_orm::DbErr>((made, reminded))
        };
        match meetings.await {
            Ok((made, reminded)) => {
                if made > 0 {
                    tracing::info!(made, "made the meeting series' next meetings");
                }
                if reminded > 0 {
                    tracing::info!(reminded, "sent meeting reminders");
                    postbox.letters_queued();
                }
            }
            Err(e) => tracing::error!(error = %e, "could not look after the meeting series"),
        }
        match checked.await {
            Ok(0) => {}
            Ok(asked) => {
                tracing::info!(asked, "asked owners of stale profiles to confirm them");
                postbox.letters_queued();
            }
            Err(e) => tracing::error!(error = %e, "could not check for stale profiles"),
        }
        tokio::select! {
            _ = tokio::time::sleep(every) => {}
            _ = stop.changed() => return,
        }
    }
}
