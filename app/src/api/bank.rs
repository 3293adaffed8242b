//! The bank of services and job roles. Published entries are readable by anyone (DESIGN:
//! "Readable without signing in"); champions and coordinators add and edit entries, and see
//! unpublished ones.

#[cfg(feature = "ssr")]
use crate::domain::account::Role;
use crate::{
    domain::{
        bank::{JobRole, RoleForm, Service, ServiceForm, ServicesPage},
        directory::TeamChoice,
        glossary::Acronyms,
    },
    error::AppError,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Whether the caller edits the bank: champions and coordinators do.
#[cfg(feature = "ssr")]
async fn editor() -> Result<Option<crate::domain::account::Account>, AppError> {
    Ok(super::context::current_user()
        .await?
        .filter(|me| me.role.includes(Role::Champion)))
}

/// A page of the services by name; `review=due` keeps those not reviewed for a year.
#[server(endpoint = "services")]
pub async fn service_list(
    page: Option<u64>,
    review: Option<String>,
) -> Result<(ServicesPage, bool), AppError> {
    let db = super::context::db()?;
    let may_edit = editor().await?.is_some();
    let filter = crate::domain::bank::ServiceFilter {
        due_only: review.as_deref() == Some("due"),
        drafts: may_edit,
    };
    let kept = super::context::directory_index()?
        .load(db.reader())
        .await
        .map_err(|e| AppError::internal("listing services", e))?;
    let list = kept.services.page(
        filter,
        page.unwrap_or(1),
        crate::domain::bank::SERVICES_PER_PAGE,
        chrono::Utc::now(),
    );
    Ok((list, may_edit))
}

/// A service as its page shows it, and whether the reader may edit it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceView {
    pub service: Service,
    /// The glossary's meanings of the acronyms the service is described with.
    pub acronyms: Acronyms,
    pub may_edit: bool,
}

#[server(endpoint = "service")]
pub async fn service_detail(id: i32) -> Result<ServiceView, AppError> {
    let db = super::context::db()?;
    let may_edit = editor().await?.is_some();
    let service = crate::db::bank::service(db.reader(), id)
        .await
        .map_err(|e| AppError::internal("reading a service", e))?
        .filter(|s| s.published || may_edit)
        .ok_or(AppError::NotFound)?;
    let texts = [
        &service.name,
        &service.description,
        &service.who_for,
        &service.referral_route,
        &service.legal_basis,
        &service.cost,
    ];
    let acronyms = crate::db::glossary::acronyms_in(db.reader(), texts.map(String::as_str))
        .await
        .map_err(|e| AppError::internal("finding a service's acronyms", e))?;
    Ok(ServiceView {
        service,
        acronyms,
        may_edit,
    })
}

/// Every job role, the glossary's meanings of the acronyms they are described with, and
/// whether the reader may edit them.
#[server(endpoint = "roles")]
pub async fn role_list() -> Result<(Vec<JobRole>, Acronyms, bool), AppError> {
    let db = super::context::db()?;
    let may_edit = editor().await?.is_some();
    let roles = crate::db::bank::roles(db.reader())
        .await
        .map_err(|e| AppError::internal("listing job roles", e))?;
    let texts = roles.iter().flat_map(|r| {
        [
            &r.title,
            &r.what_they_do,
            &r.day_in_the_life,
            &r.typical_caseload,
            &r.when_to_contact,
            &r.thresholds,
        ]
        .map(String::as_str)
    });
    let acronyms = crate::db::glossary::acronyms_in(db.reader(), texts)
        .await
        .map_err(|e| AppError::internal("finding job roles' acronyms", e))?;
    Ok((roles, acronyms, may_edit))
}

/// The service form, filled in with the service `id` or empty for a new one, and the teams
/// that can run it.
#[server(endpoint = "service-form")]
pub async fn service_to_edit(id: Option<i32>) -> Result<(ServiceForm, Vec<TeamChoice>), AppError> {
    super::context::require(Role::Champion).await?;
    let db = super::context::db()?;
    let teams = crate::db::directory::team_choices(db.reader())
        .await
        .map_err(|e| AppError::internal("listing teams", e))?;
    let form = match id {
        None => ServiceForm::new_entry(),
        Some(id) => crate::db::bank::service(db.reader(), id)
            .await
            .map_err(|e| AppError::internal("loading a service to edit", e))?
            .map(|s| ServiceForm::from_service(&s))
            .ok_or(AppError::NotFound)?,
    };
    Ok((form, teams))
}

/// Saves a new (no `id`) or edited service, which counts as reviewing it, then shows it.
#[server(endpoint = "save-service")]
pub async fn save_service(
    id: Option<i32>,
    #[server(flatten)] form: ServiceForm,
) -> Result<(), AppError> {
    use crate::db::bank_edit;
    let me = super::context::require(Role::Champion).await?;
    let db = super::context::db()?;
    let teams: Vec<i32> = crate::db::directory::team_choices(db.reader())
        .await
        .map_err(|e| AppError::internal("listing teams", e))?
        .into_iter()
        .map(|t| t.id)
        .collect();
    let valid = form.validate(&teams).map_err(AppError::Invalid)?;
    let now = chrono::Utc::now();
    let saved = async {
        let txn = db.begin_write().await?;
        let saved = match id {
            None => Some(bank_edit::create_service(&txn, &valid, me.id, now, true).await?),
            Some(id) => bank_edit::update_service(&txn, id, &valid, me.id, now, true)
                .await?
                .map(|()| id),
        };
        txn.commit().await?;
        Ok::<_, crate::db::SaveError>(saved)
    };
    let id = super::context::saved(saved.await, "saving a service")?.ok_or(AppError::NotFound)?;
    leptos_axum::redirect(&format!("/services/{id}?done=saved"));
    Ok(())
}

/// The job role form, filled in with the role `id` or empty for a new one, and the services
/// a role can belong to.
#[server(endpoint = "role-form")]
pub async fn role_to_edit(id: Option<i32>) -> Result<(RoleForm, Vec<(i32, String)>), AppError> {
    super::context::require(Role::Champion).await?;
    let db = super::context::db()?;
    let services = crate::db::bank::service_names(db.reader())
        .await
        .map_err(|e| AppError::internal("listing services", e))?;
    let form = match id {
        None => RoleForm::default(),
        Some(id) => crate::db::bank::role(db.reader(), id)
            .await
            .map_err(|e| AppError::internal("loading a job role to edit", e))?
            .map(|r| RoleForm::from_role(&r))
            .ok_or(AppError::NotFound)?,
    };
    Ok((form, services))
}

/// Saves a new (no `id`) or edited job role, then shows it in the list.
#[server(endpoint = "save-role")]
pub async fn save_role(id: Option<i32>, #[server(flatten)] form: RoleForm) -> Result<(), AppError> {
    use crate::db::bank_edit;
    let me = super::context::require(Role::Champion).await?;
    let db = super::context::db()?;
    let services: Vec<i32> = crate::db::bank::service_names(db.reader())
        .await
        .map_err(|e| AppError::internal("listing services", e))?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let now = chrono::Utc::now();
    let valid = form
        .validate(&services, now.date_naive())
        .map_err(AppError::Invalid)?;
    let saved = async {
        let txn = db.begin_write().await?;
        let saved = match id {
            None => Some(bank_edit::create_role(&txn, &valid, me.id, now).await?),
            Some(id) => bank_edit::update_role(&txn, id, &valid, me.id, now)
                .await?
                .map(|()| id),
        };
        txn.commit().await?;
        Ok::<_, crate::db::SaveError>(saved)
    };
    let id = super::context::saved(saved.await, "saving a job role")?.ok_or(AppError::NotFound)?;
    leptos_axum::redirect(&format!("/roles?done=saved#role-{id}"));
    Ok(())
}
