//! sea-orm entities: rows as stored. Pages and server functions use the `domain` types instead.

pub mod account_link;
pub mod audit_event;
pub mod calendar_feed;
pub mod glossary_suggestion;
pub mod glossary_term;
pub mod import_batch;
pub mod job_role;
pub mod mail_outbox;
pub mod meeting;
pub mod meeting_guest;
pub mod meeting_invitee;
pub mod meeting_series;
pub mod organisation;
pub mod profile;
pub mod profile_photo;
pub mod profile_tag;
pub mod record_version;
pub mod rsvp_link;
pub mod service;
pub mod session;
pub mod sign_in_failure;
pub mod staff_group;
pub mod team;
pub mod user_account;
