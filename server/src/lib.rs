//! The `champions` server: settings, HTTP application, and the commands of the binary.

mod calendar;
pub mod config;
mod cross_site;
mod downloads;
mod error_status;
mod glossary_results;
mod headers;
pub mod mail;
mod nudges;
pub mod ops;
mod oruk;
mod returned_forms;
mod router;
mod uploads;

use app::db::{Db, DbError};
use axum::serve::ListenerExt;
pub use config::{Cli, Command, ConfigError, ServeConfig};
use std::future::Future;
use tokio::net::TcpListener;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
    #[error("{0}")]
    Input(String),
    #[error(transparent)]
    Account(#[from] app::db::accounts::CreateAccountError),
    #[error("cannot create MAIL_DIR {}: {source}", dir.display())]
    MailDir {
        dir: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("cannot listen for shutdown signals: {0}")]
    Signals(std::io::Error),
    #[error("the server stopped: {0}")]
    Serve(std::io::Error),
}

/// Serves the application on `listener` until `shutdown` resolves, then finishes the
/// requests in flight. The database must already be migrated.
pub async fn serve(
    listener: TcpListener,
    config: ServeConfig,
    db: Db,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), Error> {
    if let mail::Delivery::Folder(dir) = &config.mail.delivery {
        std::fs::create_dir_all(dir).map_err(|source| Error::MailDir {
            dir: dir.clone(),
            source,
        })?;
    }
    // The mail worker stops when the server does, after the letter in hand.
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(mail::run(
        db.clone(),
        config.mail.clone(),
        config.postbox.wake.clone(),
        stopped,
    ));
    let nudger = tokio::spawn(nudges::run(
        db.clone(),
        config.postbox.clone(),
        config.site.service_name().to_owned(),
        config.nudge_every,
        config.reminder_days,
        stop.subscribe(),
    ));
    let app = router::build(config, db);
    // Without TCP_NODELAY a response written in two parts (headers, then a file's body) waits
    // for the client's delayed ACK: about 40 ms for every static file after the first on a
    // connection.
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::warn!(error = %e, "cannot set TCP_NODELAY");
        }
    });
    let served = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
    .map_err(Error::Serve);
    let _ = stop.send(true);
    if let Err(e) = worker.await {
        tracing::error!(error = %e, "the mail worker failed");
    }
    if let Err(e) = nudger.await {
        tracing::error!(error = %e, "the stale-profile check failed");
    }
    served
}
