//! Accessors for what the server puts into each request's context. They return an error
//! instead of panicking, so a wiring mistake shows as a logged internal error, not a crash.

use crate::{db::Db, error::AppError};
use leptos::prelude::use_context;

pub fn db() -> Result<Db, AppError> {
    use_context::<Db>().ok_or_else(|| AppError::internal("request context", "no database"))
}
