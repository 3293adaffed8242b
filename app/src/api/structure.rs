//! Coordinators edit the network's make-up: staff groups, organisations and teams.

#[cfg(feature = "ssr")]
use crate::domain::{account::Role, network::UnitKind};
use crate::{
    domain::network::{Structure, TeamForm, UnitForm},
    error::AppError,
};
use leptos::prelude::*;

#[server(endpoint = "structure")]
pub async fn network_structure() -> Result<Structure, AppError> {
    super::context::require(Role::Coordinator).await?;
    let db = super::context::db()?;
    crate::db::structure::structure(db.reader())
        .await
        .map_err(|e| AppError::internal("reading the network's teams", e))
}

/// Adds (no `id`) or edits a staff group (`kind=staff_group`) or organisation
/// (`kind=organisation`), then goes back to the list.
#[server(endpoint = "save-unit")]
pub async fn save_unit(
    kind: String,
    id: Option<i32>,
    #[server(flatten)] form: UnitForm,
) -> Result<(), AppError> {
    let me = super::context::require(Role::Coordinator).await?;
    let kind = UnitKind::parse(&kind).ok_or(AppError::NotFound)?;
    let valid = form.validate(kind).map_err(AppError::Invalid)?;
    let db = super::context::db()?;
    let saved = async {
        let txn = db.begin_write().await?;
        let saved =
            crate::db::structure::save_unit(&txn, kind, id, &valid, me.id, chrono::Utc::now())
                .await?;
        txn.commit().await?;
        Ok::<_, crate::db::SaveError>(saved)
    };
    super::context::saved(saved.await, "saving a staff group or organisation")?
        .ok_or(AppError::NotFound)?;
    // The directory's search shows these names.
    super::context::directory_index()?.forget();
    leptos_axum::redirect("/teams?done=saved");
    Ok(())
}

/// Adds (no `id`) or edits a team, then goes back to the list.
#[server(endpoint = "save-team")]
pub async fn save_team(id: Option<i32>, #[server(flatten)] form: TeamForm) -> Result<(), AppError> {
    let me = super::context::require(Role::Coordinator).await?;
    let db = super::context::db()?;
    let current = crate::db::structure::structure(db.reader())
        .await
        .map_err(|e| AppError::internal("reading the network's teams", e))?;
    let ids =
        |units: &[crate::domain::network::Unit]| units.iter().map(|u| u.id).collect::<Vec<_>>();
    let valid = form
        .validate(&ids(&current.organisations), &ids(&current.staff_groups))
        .map_err(AppError::Invalid)?;
    let saved = async {
        let txn = db.begin_write().await?;
        let saved =
            crate::db::structure::save_team(&txn, id, &valid, me.id, chrono::Utc::now()).await?;
        txn.commit().await?;
        Ok::<_, crate::db::SaveError>(saved)
    };
    super::context::saved(saved.await, "saving a team")?.ok_or(AppError::NotFound)?;
    super::context::directory_index()?.forget();
    leptos_axum::redirect("/teams?done=saved");
    Ok(())
}
