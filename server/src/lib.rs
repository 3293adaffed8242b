//! The `champions` server: settings, HTTP application, and the commands of the binary.

pub mod config;
mod cross_site;
mod headers;
pub mod ops;
mod router;

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
    let app = router::build(config, db);
    // Without TCP_NODELAY a response written in two parts (headers, then a file's body) waits
    // for the client's delayed ACK: about 40 ms for every static file after the first on a
    // connection.
    let listener = listener.tap_io(|tcp| {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::warn!(error = %e, "cannot set TCP_NODELAY");
        }
    });
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
    .map_err(Error::Serve)
}
