//! Integration tests: the real application on a loopback port, each test with its own
//! database file, driven over HTTP. One test binary, so it is linked once.

mod access;
mod accounts;
mod agenda;
mod attendance;
mod bank;
mod cli;
mod directory;
mod glossary;
mod health;
mod helpers;
mod import;
mod invitations;
mod mail;
mod meetings;
mod openreferral;
mod pages;
mod password;
mod photo;
mod returned_forms;
mod security;
mod server_functions;
mod structure;
mod users;
