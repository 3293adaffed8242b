//! Running the service: logs, health, request ids, shutdown.

use crate::config::LogFormat;
use app::db::Db;
use axum::{extract::State, http::StatusCode};
use tracing_subscriber::EnvFilter;

/// Logs go to stderr. `RUST_LOG` filters them; request lines name the path but never the
/// query string, which may carry personal data (an email address in a link, a search term).
pub fn init_tracing(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder.json().flatten_event(true).init(),
    }
}

pub async fn healthz(State(db): State<Db>) -> (StatusCode, &'static str) {
    match db.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check: the database did not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                "the database is not answering",
            )
        }
    }
}

/// Listens for SIGTERM and SIGINT (Ctrl-C) from now on, and returns what resolves when one
/// comes; the server then stops accepting and finishes what it has. Call it before the port
/// opens: a signal that arrives before the handlers exist kills the process outright.
pub fn shutdown_signal() -> std::io::Result<impl std::future::Future<Output = ()>> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut terminate = signal(SignalKind::terminate())?;
    let mut interrupt = signal(SignalKind::interrupt())?;
    Ok(async move {
        tokio::select! {
            _ = terminate.recv() => {},
            _ = interrupt.recv() => {},
        }
        tracing::info!("shutting down: finishing requests in flight");
    })
}
