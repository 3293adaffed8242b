//! Server-only credentials: password hashes and the random secrets behind sessions and links.

pub mod cookie;
pub mod password_hash;
pub mod secret;
