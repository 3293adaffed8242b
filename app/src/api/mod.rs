//! Server functions: thin shells that find out who is asking, decide whether they may, call
//! `db`/`domain`, and return `domain` types or an `AppError`.

pub mod account;
pub mod audit;
pub mod bank;
#[cfg(feature = "ssr")]
mod context;
#[cfg(feature = "ssr")]
pub use context::RequestUser;
pub mod directory;
pub mod glossary;
pub mod history;
pub mod import;
pub mod meetings;
pub mod network;
pub mod outbox;
pub mod password;
pub mod structure;
pub mod users;
