//! Plain Rust shared by server and browser: types, validation and rules. No I/O here.

pub mod account;
pub mod audit;
pub mod bank;
pub mod directory;
pub mod fields;
pub mod glossary;
pub mod history;
pub mod import;
pub mod meetings;
pub mod navigation;
pub mod network;
pub mod outbox;
pub mod password;
pub mod returned_form;
pub mod site;
pub mod throttle;
