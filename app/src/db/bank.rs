//! Services and job roles as stored, read with the names of what they belong to.

use super::entities::{job_role, organisation, profile, service, staff_group, team, user_account};
use crate::domain::bank::{
    self, ChampionLink, JobRole, RoleLink, Service, ServiceStatus, ServiceSummary, ServicesPage,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, QuerySelect,
};
use std::collections::HashMap;

fn status(stored: &str) -> ServiceStatus {
    // Only this module writes the column; an unknown value reads as closed, the safe side.
    ServiceStatus::parse(stored).unwrap_or(ServiceStatus::Closed)
}

/// Which services a list shows.
#[derive(Clone, Copy, Debug)]
pub struct ServiceFilter {
    /// Only those not reviewed for a year.
    pub due_only: bool,
    /// Unpublished entries too: for those who edit the bank.
    pub drafts: bool,
}

/// One page (from 1) of the services by name, with how many there are in all and how many
/// are due for review.
pub async fn services(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    filter: ServiceFilter,
    page: u64,
    size: u64,
) -> Result<ServicesPage, DbErr> {
    let cutoff = now - chrono::Duration::days(bank::REVIEW_EVERY_DAYS);
    let due_filter = Condition::any()
        .add(service::Column::ReviewedAt.is_null())
        .add(service::Column::ReviewedAt.lt(cutoff));
    let published = || {
        let all = service::Entity::find();
        if filter.drafts {
            all
        } else {
            all.filter(service::Column::Published.eq(true))
        }
    };
    let due = published().filter(due_filter.clone()).count(conn).await?;
    let due_only = filter.due_only;
    let mut query = published().order_by_asc(service::Column::Name);
    if due_only {
        query = query.filter(due_filter);
    }
    let pages = query.paginate(conn, size);
    let total = pages.num_items().await?;
    let last = total.div_ceil(size).max(1);
    let page = page.clamp(1, last);
    let rows = pages.fetch_page(page - 1).await?;
    let organisations = super::network::organisation_names(conn).await?;
    let groups = super::network::staff_group_names(conn).await?;
    let services = rows
        .into_iter()
        .map(|row| ServiceSummary {
            id: row.id,
            organisation: organisations
                .get(&row.organisation_id)
                .cloned()
                .unwrap_or_default(),
            staff_group: groups.get(&row.staff_group_id).cloned().unwrap_or_default(),
            description: row.description,
            status: status(&row.status),
            published: row.published,
            review_due: bank::review_due(row.reviewed_at, now),
            name: row.name,
        })
        .collect();
    Ok(ServicesPage {
        services,
        total,
        due,
        page,
        pages: last,
    })
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
