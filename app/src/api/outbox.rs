//! The mail outbox as coordinators see it: what is queued, sent or failing, and why.

use crate::{domain::outbox::OutboxEntry, error::AppError};
use leptos::prelude::*;

/// The mail outbox without bodies: what is queued, sent or failing, and why.
#[server]
pub async fn mail_outbox() -> Result<Vec<OutboxEntry>, AppError> {
    use crate::{db::outbox, domain::account::Role};
    super::context::require(Role::Coordinator).await?;
    let db = super::context::db()?;
    outbox::recent(db.reader(), super::audit::PAGE_LIMIT)
        .await
        .map_err(|e| AppError::internal("reading the outbox", e))
}
