use crate::{domain::network::StaffGroup, error::AppError};
use leptos::prelude::*;

/// The staff groups the network draws its champions from. Public: the home page is readable
/// without signing in (DESIGN: "Readable without signing in").
#[server]
pub async fn staff_groups() -> Result<Vec<StaffGroup>, AppError> {
    let db = super::context::db()?;
    crate::db::network::staff_groups(db.reader())
        .await
        .map_err(|e| AppError::internal("listing staff groups", e))
}
