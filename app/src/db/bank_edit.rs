//! Adding to and editing the bank: each save keeps the entry's version before it and logs
//! what changed, in the caller's transaction. Saving a service also counts as reviewing it.

use super::{
    SaveError,
    bank::{role, service},
    entities::{job_role, service as service_row, team},
    history,
};
use crate::domain::{
    audit::FieldChange,
    bank::{ValidRole, ValidService},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    sea_query::{Expr, ExprTrait, Func},
};

const SERVICE_NAME_TAKEN: SaveError = SaveError::Taken {
    field: "name",
    message: "Another service in this organisation already has this name",
};
const ROLE_TITLE_TAKEN: SaveError = SaveError::Taken {
    field: "title",
    message: "This service already has a job role with this title",
};

/// Adds a service: from its form, reviewed now by its author (`review`); from an import, not
/// reviewed yet. Returns its id.
pub async fn create_service(
    conn: &impl ConnectionTrait,
    entry: &ValidService,
    actor: i32,
    now: DateTime<Utc>,
    review: bool,
) -> Result<i32, SaveError> {
    let mut row = service_row::ActiveModel {
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    };
    fill_service(conn, &mut row, entry, None).await?;
    if review {
        row.reviewed_at = Set(Some(now));
        row.reviewed_by = Set(Some(actor));
    }
    let id = service_row::Entity::insert(row)
        .exec(conn)
        .await?
        .last_insert_id;
    let created = service(conn, id).await?.ok_or(DbErr::RecordNotInserted)?;
    history::record_creation(conn, "service", id, &created.fields(), actor, now).await?;
    Ok(id)
}

/// Saves an edited service. Saved from its form it also counts as reviewed now by the editor
/// (`review`); an import does not. `Ok(None)`: no such service.
pub async fn update_service(
    conn: &impl ConnectionTrait,
    id: i32,
    entry: &ValidService,
    actor: i32,
    now: DateTime<Utc>,
    review: bool,
) -> Result<Option<()>, SaveError> {
    let Some(before) = service(conn, id).await? else {
        return Ok(None);
    };
    let row = service_row::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("service {id}")))?;
    let version = row.version;
    let mut active = row.into_active_model();
    fill_service(conn, &mut active, entry, Some(id)).await?;
    if review {
        active.reviewed_at = Set(Some(now));
        active.reviewed_by = Set(Some(actor));
    }
    active.update(conn).await?;
    let after = service(conn, id).await?.ok_or(DbErr::RecordNotUpdated)?;
    let edit = history::Edit {
        record_type: "service",
        id,
        version,
        before: &before.fields(),
        after: &after.fields(),
    };
    let reviewed = review.then(|| FieldChange::plain("Reviewed", None, Some("no changes needed")));
    if history::record_edit(conn, edit, reviewed, actor, now).await? {
        // `updated_at` tells the directory's search (which reads service names) to reload.
        service_row::Entity::update_many()
            .col_expr(service_row::Column::UpdatedAt, Expr::value(now))
            .col_expr(service_row::Column::Version, Expr::value(version + 1))
            .filter(service_row::Column::Id.eq(id))
            .exec(conn)
            .await?;
    }
    Ok(Some(()))
}

/// Copies the form into a row; the organisation and staff group are the team's.
async fn fill_service(
    conn: &impl ConnectionTrait,
    row: &mut service_row::ActiveModel,
    entry: &ValidService,
    id: Option<i32>,
) -> Result<(), SaveError> {
    let team = team::Entity::find_by_id(entry.team_id)
        .one(conn)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("team {}", entry.team_id)))?;
    let mut same_name = service_row::Entity::find()
        .filter(service_row::Column::OrganisationId.eq(team.organisation_id))
        .filter(
            Expr::expr(Func::lower(Expr::col(service_row::Column::Name)))
                .eq(entry.name.to_lowercase()),
        );
    if let Some(id) = id {
        same_name = same_name.filter(service_row::Column::Id.ne(id));
    }
    if same_name.count(conn).await? > 0 {
        return Err(SERVICE_NAME_TAKEN);
    }
    row.name = Set(entry.name.clone());
    row.organisation_id = Set(team.organisation_id);
    row.staff_group_id = Set(team.staff_group_id);
    row.team_id = Set(Some(team.id));
    row.description = Set(entry.description.clone());
    row.who_for = Set(entry.who_for.clone());
    row.minimum_age = Set(entry.minimum_age);
    row.maximum_age = Set(entry.maximum_age);
    row.referral_route = Set(entry.referral_route.clone());
    row.referral_form_url = Set(entry.referral_form_url.clone());
    row.phone = Set(entry.phone.clone());
    row.email = Set(entry.email.clone());
    row.url = Set(entry.url.clone());
    row.opening_hours = Set(entry.opening_hours.clone());
    row.locations = Set(entry.locations.clone());
    row.cost = Set(entry.cost.clone());
    row.legal_basis = Set(entry.legal_basis.clone());
    row.status = Set(entry.status.as_str().to_owned());
    row.published = Set(entry.published);
    Ok(())
}

/// Adds a job role. Returns its id.
pub async fn create_role(
    conn: &impl ConnectionTrait,
    entry: &ValidRole,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<i32, SaveError> {
    let mut row = job_role::ActiveModel {
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    };
    fill_role(conn, &mut row, entry, None).await?;
    let id = job_role::Entity::insert(row)
        .exec(conn)
        .await?
        .last_insert_id;
    let created = role(conn, id).await?.ok_or(DbErr::RecordNotInserted)?;
    history::record_creation(conn, "job_role", id, &created.fields(), actor, now).await?;
    Ok(id)
}

/// Saves an edited job role. `Ok(None)`: no such role.
pub async fn update_role(
    conn: &impl ConnectionTrait,
    id: i32,
    entry: &ValidRole,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<Option<()>, SaveError> {
    let Some(before) = role(conn, id).await? else {
        return Ok(None);
    };
    let row = job_role::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("job role {id}")))?;
    let version = row.version;
    let mut active = row.into_active_model();
    fill_role(conn, &mut active, entry, Some(id)).await?;
    let updated = active.update(conn).await?;
    let after = role(conn, id).await?.ok_or(DbErr::RecordNotUpdated)?;
    let edit = history::Edit {
        record_type: "job_role",
        id,
        version,
        before: &before.fields(),
        after: &after.fields(),
    };
    if history::record_edit(conn, edit, None, actor, now).await? {
        let mut active = updated.into_active_model();
        active.updated_at = Set(now);
        active.version = Set(version + 1);
        active.update(conn).await?;
    }
    Ok(Some(()))
}

async fn fill_role(
    conn: &impl ConnectionTrait,
    row: &mut job_role::ActiveModel,
    entry: &ValidRole,
    id: Option<i32>,
) -> Result<(), SaveError> {
    let mut same_title = job_role::Entity::find().filter(
        Expr::expr(Func::lower(Expr::col(job_role::Column::Title))).eq(entry.title.to_lowercase()),
    );
    same_title = match entry.service_id {
        Some(service) => same_title.filter(job_role::Column::ServiceId.eq(service)),
        None => same_title.filter(job_role::Column::ServiceId.is_null()),
    };
    if let Some(id) = id {
        same_title = same_title.filter(job_role::Column::Id.ne(id));
    }
    if same_title.count(conn).await? > 0 {
        return Err(ROLE_TITLE_TAKEN);
    }
    row.title = Set(entry.title.clone());
    row.service_id = Set(entry.service_id);
    row.what_they_do = Set(entry.what_they_do.clone());
    row.day_in_the_life = Set(entry.day_in_the_life.clone());
    row.presented_on = Set(entry.presented_on);
    row.presenter = Set(entry.presenter.clone());
    row.typical_caseload = Set(entry.typical_caseload.clone());
    row.when_to_contact = Set(entry.when_to_contact.clone());
    row.thresholds = Set(entry.thresholds.clone());
    Ok(())
}
