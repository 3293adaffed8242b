//! Reading the audit log: coordinators only, filtered, on a page or as CSV. Nothing here (or
//! anywhere) changes it; the database refuses updates and deletes as well.

use crate::{domain::audit::AuditEntry, error::AppError};
use leptos::{
    prelude::*,
    server_fn::codec::{GetUrl, StreamingText, TextStream},
};

/// The newest entries shown on the page; the CSV has up to `CSV_LIMIT`.
pub const PAGE_LIMIT: u64 = 500;
#[cfg(feature = "ssr")]
const CSV_LIMIT: u64 = 100_000;

#[server]
pub async fn audit_log(
    action: Option<String>,
    from: Option<String>,
    to: Option<String>,
) -> Result<Vec<AuditEntry>, AppError> {
    super::context::require(crate::domain::account::Role::Coordinator).await?;
    let filter = filter(action, from, to)?;
    search(&filter, PAGE_LIMIT, "reading the audit log").await
}

/// The same entries as CSV, for a download: UTC time, who, action, record, changes.
#[server(input = GetUrl, output = StreamingText, endpoint = "audit-log.csv")]
pub async fn audit_csv(
    action: Option<String>,
    from: Option<String>,
    to: Option<String>,
) -> Result<TextStream<AppError>, AppError> {
    super::context::require(crate::domain::account::Role::Coordinator).await?;
    let filter = filter(action, from, to)?;
    let entries = search(&filter, CSV_LIMIT, "exporting the audit log").await?;
    let mut csv = csv::Writer::from_writer(Vec::new());
    let written = (|| {
        csv.write_record(["time_utc", "who", "action", "record", "changes"])?;
        for e in &entries {
            csv.write_record([
                e.occurred_at.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
                e.actor.clone().unwrap_or_default(),
                e.action.as_str().to_owned(),
                e.record.clone().unwrap_or_default(),
                e.changes_line(),
            ])?;
        }
        csv.into_inner().map_err(|e| e.into_error().into())
    })();
    let bytes: Vec<u8> = written.map_err(|e: csv::Error| AppError::internal("writing CSV", e))?;
    let text = String::from_utf8(bytes).map_err(|e| AppError::internal("writing CSV", e))?;
    Ok(super::context::csv_download(text, "audit-log.csv"))
}

#[cfg(feature = "ssr")]
fn filter(
    action: Option<String>,
    from: Option<String>,
    to: Option<String>,
) -> Result<crate::domain::audit::AuditFilter, AppError> {
    use crate::{domain::audit::AuditFilter, error::FieldError};
    let text = |v: Option<String>| v.unwrap_or_default();
    AuditFilter::parse(&text(action), &text(from), &text(to)).map_err(|problems| {
        AppError::Invalid(
            problems
                .into_iter()
                .map(|(field, message)| FieldError {
                    field: field.into(),
                    message,
                })
                .collect(),
        )
    })
}

#[cfg(feature = "ssr")]
async fn search(
    filter: &crate::domain::audit::AuditFilter,
    limit: u64,
    context: &str,
) -> Result<Vec<AuditEntry>, AppError> {
    let db = super::context::db()?;
    crate::db::audit::search(db.reader(), filter, limit)
        .await
        .map_err(|e| AppError::internal(context, e))
}
