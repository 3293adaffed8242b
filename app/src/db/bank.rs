//! Services and job roles as stored, read with the names of what they belong to.

use super::entities::{job_role, organisation, profile, service, staff_group, team, user_account};
use crate::domain::bank::{
    ChampionLink, JobRole, RoleLink, Service, ServiceBank, ServiceStatus, ServiceSummary,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DbErr, EntityTrait, JoinType, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use std::collections::HashMap;

fn status(stored: &str) -> ServiceStatus {
    // Only this module writes the column; an unknown value reads as closed, the safe side.
    ServiceStatus::parse(stored).unwrap_or(ServiceStatus::Closed)
}

/// Every service with the names of its organisation and staff group, for the list of
/// services (kept in memory by `db::directory::Index`).
pub async fn service_bank(conn: &impl ConnectionTrait) -> Result<ServiceBank, DbErr> {
    type Row = (
        i32,
        String,
        String,
        bool,
        Option<DateTime<Utc>>,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Row> = service::Entity::find()
        .select_only()
        .columns([
            service::Column::Id,
            service::Column::Name,
            service::Column::Status,
            service::Column::Published,
            service::Column::ReviewedAt,
        ])
        .column_as(organisation::Column::Name, "organisation")
        .column_as(staff_group::Column::Name, "staff_group")
        .join(
            JoinType::LeftJoin,
            service::Entity::belongs_to(organisation::Entity)
                .from(service::Column::OrganisationId)
                .to(organisation::Column::Id)
                .into(),
        )
        .join(
            JoinType::LeftJoin,
            service::Entity::belongs_to(staff_group::Entity)
                .from(service::Column::StaffGroupId)
                .to(staff_group::Column::Id)
                .into(),
        )
        .into_tuple()
        .all(conn)
        .await?;
    Ok(ServiceBank::new(
        rows.into_iter()
            .map(
                |(id, name, stored_status, published, reviewed_at, organisation, group)| {
                    let summary = ServiceSummary {
                        id,
                        name,
                        organisation: organisation.unwrap_or_default(),
                        staff_group: group.unwrap_or_default(),
                        status: status(&stored_status),
                        published,
                        review_due: false,
                    };
                    (summary, reviewed_at)
                },
            )
            .collect(),
    ))
}

/// One service, published or not, with its champions (the people in the team that runs it)
/// and its job roles.
pub async fn service(conn: &impl ConnectionTrait, id: i32) -> Result<Option<Service>, DbErr> {
    match service::Entity::find_by_id(id).one(conn).await? {
        Some(row) => read_service(conn, row).await.map(Some),
        None => Ok(None),
    }
}

async fn read_service(conn: &impl ConnectionTrait, row: service::Model) -> Result<Service, DbErr> {
    let id = row.id;
    let champions = match row.team_id {
        Some(team) => profile::Entity::find()
            .filter(profile::Column::TeamId.eq(team))
            .order_by_asc(profile::Column::Name)
            .all(conn)
            .await?
            .into_iter()
            .map(|p| ChampionLink {
                id: p.id,
                name: p.name,
                job_title: p.job_title,
            })
            .collect(),
        None => vec![],
    };
    let roles = job_role::Entity::find()
        .filter(job_role::Column::ServiceId.eq(id))
        .order_by_asc(job_role::Column::Title)
        .all(conn)
        .await?
        .into_iter()
        .map(|r| RoleLink {
            id: r.id,
            title: r.title,
        })
        .collect();
    let reviewer = match row.reviewed_by {
        Some(account) => user_account::Entity::find_by_id(account)
            .one(conn)
            .await?
            .map(|a| a.name),
        None => None,
    };
    let team = match row.team_id {
        Some(team) => team::Entity::find_by_id(team)
            .one(conn)
            .await?
            .map(|t| t.name),
        None => None,
    };
    let organisation = organisation::Entity::find_by_id(row.organisation_id)
        .one(conn)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    let staff_group = staff_group::Entity::find_by_id(row.staff_group_id)
        .one(conn)
        .await?
        .map(|g| g.name)
        .unwrap_or_default();
    Ok(Service {
        id: row.id,
        name: row.name,
        organisation,
        staff_group,
        team,
        description: row.description,
        who_for: row.who_for,
        minimum_age: row.minimum_age,
        maximum_age: row.maximum_age,
        referral_route: row.referral_route,
        referral_form_url: row.referral_form_url,
        phone: row.phone,
        email: row.email,
        url: row.url,
        opening_hours: row.opening_hours,
        locations: row.locations,
        cost: row.cost,
        legal_basis: row.legal_basis,
        status: status(&row.status),
        published: row.published,
        team_id: row.team_id,
        reviewed_at: row.reviewed_at,
        reviewer,
        champions,
        roles,
    })
}

/// Every job role, by title, with the published service it belongs to.
pub async fn roles(conn: &impl ConnectionTrait) -> Result<Vec<JobRole>, DbErr> {
    read_roles(conn, None).await
}

/// One job role.
pub async fn role(conn: &impl ConnectionTrait, id: i32) -> Result<Option<JobRole>, DbErr> {
    Ok(read_roles(conn, Some(id)).await?.pop())
}

async fn read_roles(conn: &impl ConnectionTrait, only: Option<i32>) -> Result<Vec<JobRole>, DbErr> {
    let services: HashMap<i32, String> = service_names(conn).await?.into_iter().collect();
    let mut query = job_role::Entity::find().order_by_asc(job_role::Column::Title);
    if let Some(id) = only {
        query = query.filter(job_role::Column::Id.eq(id));
    }
    Ok(query
        .all(conn)
        .await?
        .into_iter()
        .map(|row| JobRole {
            id: row.id,
            title: row.title,
            service: row
                .service_id
                .and_then(|id| Some((id, services.get(&id)?.clone()))),
            what_they_do: row.what_they_do,
            day_in_the_life: row.day_in_the_life,
            presented_on: row.presented_on,
            presenter: row.presenter,
            typical_caseload: row.typical_caseload,
            when_to_contact: row.when_to_contact,
            thresholds: row.thresholds,
        })
        .collect())
}

/// The published services' ids and names, by name: what a job role can belong to.
pub async fn service_names(conn: &impl ConnectionTrait) -> Result<Vec<(i32, String)>, DbErr> {
    service::Entity::find()
        .select_only()
        .column(service::Column::Id)
        .column(service::Column::Name)
        .filter(service::Column::Published.eq(true))
        .order_by_asc(service::Column::Name)
        .into_tuple()
        .all(conn)
        .await
}

/// One page (from 0) of published services as stored, oldest first, and how many there are:
/// for the Open Referral UK feed, which maps the rows itself.
pub async fn published_rows(
    conn: &impl ConnectionTrait,
    page: u64,
    size: u64,
) -> Result<(u64, Vec<service::Model>), DbErr> {
    let pages = service::Entity::find()
        .filter(service::Column::Published.eq(true))
        .order_by_asc(service::Column::Id)
        .paginate(conn, size);
    Ok((pages.num_items().await?, pages.fetch_page(page).await?))
}

/// One published service as stored.
pub async fn published_row(
    conn: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<service::Model>, DbErr> {
    service::Entity::find_by_id(id)
        .filter(service::Column::Published.eq(true))
        .one(conn)
        .await
}

/// The ids of every published service.
pub async fn published_ids(conn: &impl ConnectionTrait) -> Result<Vec<i32>, DbErr> {
    service::Entity::find()
        .select_only()
        .column(service::Column::Id)
        .filter(service::Column::Published.eq(true))
        .into_tuple()
        .all(conn)
        .await
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        db::testing::temp_db,
        domain::bank::{ServiceFilter, review_due},
    };

    #[tokio::test]
    async fn the_list_holds_every_service_with_its_names_and_counts_as_the_rows_do() {
        let t = temp_db().await;
        crate::db::demo::seed(&t.db).await.unwrap();
        let now = Utc::now();
        let rows = service::Entity::find().all(t.db.reader()).await.unwrap();
        let bank = service_bank(t.db.reader()).await.unwrap();
        for drafts in [false, true] {
            let shown: Vec<_> = rows.iter().filter(|r| drafts || r.published).collect();
            let due = shown
                .iter()
                .filter(|r| review_due(r.reviewed_at, now))
                .count();
            let filter = ServiceFilter {
                due_only: false,
                drafts,
            };
            let page = bank.page(filter, 1, 500, now);
            assert_eq!((page.total, page.due), (shown.len() as u64, due as u64));
            assert!(due > 0 && due < shown.len(), "the demo has both");
            assert!(
                page.services.iter().all(|s| !s.organisation.is_empty()),
                "with their organisations' names"
            );
        }
    }
}
