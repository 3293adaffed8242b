//! sea-orm entities: rows as stored. Pages and server functions use the `domain` types instead.

pub mod account_link;
pub mod audit_event;
pub mod mail_outbox;
pub mod session;
pub mod sign_in_failure;
pub mod staff_group;
pub mod user_account;
