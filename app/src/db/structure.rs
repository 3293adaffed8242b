//! Staff groups, organisations and teams as coordinators edit them. Every change is logged;
//! renames reach the directory's search through [`super::directory::Index::forget`], which
//! the caller must call after committing.

use super::{
    SaveError,
    audit::{self, AuditRecord},
    entities::{organisation, profile, staff_group, team},
    history,
};
use crate::domain::{
    audit::Action,
    history::Field,
    network::{Structure, TeamRow, Unit, UnitForm, UnitKind, ValidTeam},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
    sea_query::{Expr, ExprTrait, Func},
};
use std::collections::HashMap;

pub async fn structure(conn: &impl ConnectionTrait) -> Result<Structure, DbErr> {
    let staff_groups: Vec<Unit> = staff_group::Entity::find()
        .order_by_asc(staff_group::Column::Position)
        .order_by_asc(staff_group::Column::Name)
        .all(conn)
        .await?
        .into_iter()
        .map(|g| Unit {
            id: g.id,
            name: g.name,
            description: g.description,
            url: String::new(),
        })
        .collect();
    let organisations: Vec<Unit> = organisation::Entity::find()
        .order_by_asc(organisation::Column::Name)
        .all(conn)
        .await?
        .into_iter()
        .map(|o| Unit {
            id: o.id,
            name: o.name,
            description: o.description,
            url: o.url,
        })
        .collect();
    let people: HashMap<i32, i64> = profile::Entity::find()
        .select_only()
        .column(profile::Column::TeamId)
        .column_as(profile::Column::Id.count(), "people")
        .group_by(profile::Column::TeamId)
        .into_tuple::<(i32, i64)>()
        .all(conn)
        .await?
        .into_iter()
        .collect();
    let name_of = |units: &[Unit], id: i32| {
        units
            .iter()
            .find(|u| u.id == id)
            .map(|u| u.name.clone())
            .unwrap_or_default()
    };
    let position = |id: i32| staff_groups.iter().position(|g| g.id == id);
    let mut teams: Vec<TeamRow> = team::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(|t| TeamRow {
            id: t.id,
            organisation: name_of(&organisations, t.organisation_id),
            staff_group: name_of(&staff_groups, t.staff_group_id),
            organisation_id: t.organisation_id,
            staff_group_id: t.staff_group_id,
            people: people.get(&t.id).copied().unwrap_or_default() as u64,
            name: t.name,
        })
        .collect();
    teams.sort_by(|a, b| {
        (position(a.staff_group_id), &a.name).cmp(&(position(b.staff_group_id), &b.name))
    });
    Ok(Structure {
        staff_groups,
        organisations,
        teams,
    })
}

fn unit_fields(unit: &UnitForm) -> Vec<Field> {
    vec![
        Field::plain("Name", &unit.name),
        Field::plain("Description", &unit.description),
        Field::plain("Website", &unit.url),
    ]
}

fn team_fields(team: &ValidTeam, structure: &Structure) -> Vec<Field> {
    let name = |units: &[Unit], id: i32| {
        units
            .iter()
            .find(|u| u.id == id)
            .map(|u| u.name.clone())
            .unwrap_or_default()
    };
    vec![
        Field::plain("Name", &team.name),
        Field::plain(
            "Organisation",
            name(&structure.organisations, team.organisation_id),
        ),
        Field::plain(
            "Staff group",
            name(&structure.staff_groups, team.staff_group_id),
        ),
    ]
}

/// Logs a new record, or what an edit changed (nothing, when it changed nothing).
async fn log(
    conn: &impl ConnectionTrait,
    record_type: &'static str,
    id: i32,
    before: Option<Vec<Field>>,
    after: &[Field],
    actor: i32,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let Some(before) = before else {
        return history::record_creation(conn, record_type, id, after, actor, now).await;
    };
    let changes = crate::domain::history::changes(&before, after);
    if changes.is_empty() {
        return Ok(());
    }
    let entry = AuditRecord {
        actor: Some(actor),
        action: Action::Update,
        record: Some((record_type, id.to_string())),
        changes,
    };
    audit::record(conn, now, entry).await
}

/// Adds (`id` `None`) or edits a staff group or organisation. `Ok(None)`: no such record.
pub async fn save_unit(
    conn: &impl ConnectionTrait,
    kind: UnitKind,
    id: Option<i32>,
    unit: &UnitForm,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<Option<i32>, SaveError> {
    let current = structure(conn).await?;
    let units = match kind {
        UnitKind::StaffGroup => &current.staff_groups,
        UnitKind::Organisation => &current.organisations,
    };
    let before = match id {
        Some(id) => match units.iter().find(|u| u.id == id) {
            Some(unit) => Some(unit_fields(&UnitForm::from_unit(unit))),
            None => return Ok(None),
        },
        None => None,
    };
    let taken = units
        .iter()
        .any(|u| Some(u.id) != id && u.name.to_lowercase() == unit.name.to_lowercase());
    if taken {
        return Err(SaveError::Taken {
            field: "name",
            message: match kind {
                UnitKind::StaffGroup => "Another staff group already has this name",
                UnitKind::Organisation => "Another organisation already has this name",
            },
        });
    }
    let saved = match (kind, id) {
        (UnitKind::StaffGroup, None) => {
            let row = staff_group::ActiveModel {
                name: Set(unit.name.clone()),
                description: Set(unit.description.clone()),
                position: Set(units.len() as i32 + 1),
                ..Default::default()
            };
            row.insert(conn).await?.id
        }
        (UnitKind::StaffGroup, Some(id)) => {
            let mut row = staff_group::Entity::find_by_id(id)
                .one(conn)
                .await?
                .ok_or_else(|| DbErr::RecordNotFound(format!("staff group {id}")))?
                .into_active_model();
            row.name = Set(unit.name.clone());
            row.description = Set(unit.description.clone());
            row.update(conn).await?.id
        }
        (UnitKind::Organisation, None) => {
            let row = organisation::ActiveModel {
                name: Set(unit.name.clone()),
                description: Set(unit.description.clone()),
                url: Set(unit.url.clone()),
                ..Default::default()
            };
            row.insert(conn).await?.id
        }
        (UnitKind::Organisation, Some(id)) => {
            let mut row = organisation::Entity::find_by_id(id)
                .one(conn)
                .await?
                .ok_or_else(|| DbErr::RecordNotFound(format!("organisation {id}")))?
                .into_active_model();
            row.name = Set(unit.name.clone());
            row.description = Set(unit.description.clone());
            row.url = Set(unit.url.clone());
            row.update(conn).await?.id
        }
    };
    log(
        conn,
        kind.as_str(),
        saved,
        before,
        &unit_fields(unit),
        actor,
        now,
    )
    .await?;
    Ok(Some(saved))
}

/// Adds (`id` `None`) or edits a team. `Ok(None)`: no such team.
pub async fn save_team(
    conn: &impl ConnectionTrait,
    id: Option<i32>,
    edited: &ValidTeam,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<Option<i32>, SaveError> {
    let current = structure(conn).await?;
    let before = match id {
        Some(id) => match current.teams.iter().find(|t| t.id == id) {
            Some(t) => Some(team_fields(
                &ValidTeam {
                    name: t.name.clone(),
                    organisation_id: t.organisation_id,
                    staff_group_id: t.staff_group_id,
                },
                &current,
            )),
            None => return Ok(None),
        },
        None => None,
    };
    let mut same_name = team::Entity::find()
        .filter(team::Column::OrganisationId.eq(edited.organisation_id))
        .filter(
            Expr::expr(Func::lower(Expr::col(team::Column::Name))).eq(edited.name.to_lowercase()),
        );
    if let Some(id) = id {
        same_name = same_name.filter(team::Column::Id.ne(id));
    }
    if same_name.count(conn).await? > 0 {
        return Err(SaveError::Taken {
            field: "name",
            message: "This organisation already has a team with this name",
        });
    }
    let mut row = match id {
        Some(id) => team::Entity::find_by_id(id)
            .one(conn)
            .await?
            .ok_or_else(|| DbErr::RecordNotFound(format!("team {id}")))?
            .into_active_model(),
        None => <team::ActiveModel as Default>::default(),
    };
    row.name = Set(edited.name.clone());
    row.organisation_id = Set(edited.organisation_id);
    row.staff_group_id = Set(edited.staff_group_id);
    let saved = match id {
        Some(_) => row.update(conn).await?.id,
        None => row.insert(conn).await?.id,
    };
    let after = team_fields(edited, &current);
    log(conn, "team", saved, before, &after, actor, now).await?;
    Ok(Some(saved))
}
