//! The hourly chores, run every `every` (an hour unless set otherwise): asks the owners of
//! stale profiles to confirm them, each owner emailed once per stale spell through the
//! outbox; and makes each meeting series' meetings up to a year ahead as the days go by.

use app::{db::Db, mail::Postbox};
use std::time::Duration;
use tokio::sync::watch;

pub async fn run(
    db: Db,
    postbox: Postbox,
    service_name: String,
    every: Duration,
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
        let made = async {
            let txn = db.begin_write().await?;
            let made = app::db::meetings::top_up(&txn, chrono::Utc::now()).await?;
            txn.commit().await?;
            Ok::<_, sea_orm::DbErr>(made)
        };
        match made.await {
            Ok(0) => {}
            Ok(made) => tracing::info!(made, "made the meeting series' next meetings"),
            Err(e) => {
                tracing::error!(error = %e, "could not make the meeting series' next meetings")
            }
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
