//! Champions Network: pages, server functions, domain rules and (server-only) storage.
//!
//! Pages render on the server; only `#[island]` components hydrate in the browser, so every
//! page works with JavaScript off and the wasm stays small.

#![recursion_limit = "256"]

pub mod api;
#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod csv_format;
#[cfg(feature = "ssr")]
pub mod db;
pub mod domain;
pub mod error;
#[cfg(feature = "ssr")]
pub mod mail;
#[cfg(feature = "ssr")]
pub mod photo;
pub mod ui;

pub use ui::{App, shell};

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
