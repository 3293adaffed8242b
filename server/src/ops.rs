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

/// Option numbers of mimalloc 3's `mi_option_t`, which the Rust bindings do not name.
const ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// mimalloc (the server's allocator) as it comes keeps freed memory for a while, commits its
/// arenas eagerly and uses transparent huge pages: the server held 92 MB after a load of the
/// home page where glibc's malloc held 31 MB. This is `MIMALLOC_PURGE_DELAY=0` and
/// `MIMALLOC_ARENA_EAGER_COMMIT=0`, and huge pages off for the process (33 MB).
pub fn return_freed_memory_at_once() {
    // SAFETY: mimalloc allows setting an option at any time; both values are in range.
    unsafe {
        libmimalloc_sys::mi_option_set(ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 0);
    }
    // mimalloc reads its huge-pages option once, before `main`; the process-wide switch
    // still applies to every page touched from now on. Failing is harmless.
    // SAFETY: PR_SET_THP_DISABLE takes these integer arguments and touches no memory of ours.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(test)]
mod allocator_tests {
    #[test]
    fn the_mimalloc_option_numbers_are_the_ones_meant() {
        // Their defaults (mimalloc 3, src/options.c): a renumbering would show here.
        // SAFETY: reading an option is always allowed.
        unsafe {
            assert_eq!(libmimalloc_sys::mi_option_get(super::PURGE_DELAY), 1000);
            assert_eq!(libmimalloc_sys::mi_option_get(super::ARENA_EAGER_COMMIT), 2);
        }
    }
}
