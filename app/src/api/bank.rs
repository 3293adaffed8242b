//! The bank of services and job roles. Published entries are readable by anyone (DESIGN:
//! "Readable without signing in").

use crate::{
    domain::bank::{JobRole, Service, ServicesPage},
    error::AppError,
};
use leptos::prelude::*;

/// A page of the services by name; `review=due` keeps those not reviewed for a year.
#[server(endpoint = "services")]
pub async fn service_list(
    page: Option<u64>,
    review: Option<String>,
) -> Result<ServicesPage, AppError> {
    let db = super::context::db()?;
    let due_only = review.as_deref() == Some("due");
    let page = page.unwrap_or(1);
    let size = crate::domain::bank::SERVICES_PER_PAGE;
    crate::db::bank::services(db.reader(), chrono::Utc::now(), due_only, page, size)
        .await
        .map_err(|e| AppError::internal("listing services", e))
}

#[server(endpoint = "service")]
pub async fn service_detail(id: i32) -> Result<Service, AppError> {
    let db = super::context::db()?;
    crate::db::bank::service(db.reader(), id)
        .await
        .map_err(|e| AppError::internal("reading a service", e))?
        .ok_or(AppError::NotFound)
}

#[server(endpoint = "roles")]
pub async fn role_list() -> Result<Vec<JobRole>, AppError> {
    let db = super::context::db()?;
    crate::db::bank::roles(db.reader())
        .await
        .map_err(|e| AppError::internal("listing job roles", e))
}
