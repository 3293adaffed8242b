//! Services and job roles as stored, read with the names of what they belong to.

use super::entities::{job_role, organisation, profile, service, staff_group, team, user_account};
use crate::domain::bank::{
    self, ChampionLink, JobRole, RoleLink, Service, ServiceStatus, ServiceSummary, ServicesPage,
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DbBackend, DbErr, EntityTrait, JoinType,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Select, Statement,
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

/// The services a list shows, unordered.
fn listed(filter: ServiceFilter) -> Select<service::Entity> {
    let all = service::Entity::find();
    if filter.drafts {
        all
    } else {
        all.filter(service::Column::Published.eq(true))
    }
}

/// How many services a list shows, how many were never reviewed, and how many were last
/// reviewed before `cutoff`. Each count is a range of the index `service_review_due`
/// (counting the due ones row by row over the whole list read every entry and cost more
/// than the rest of the query).
fn counts(filter: ServiceFilter, cutoff: DateTime<Utc>) -> Statement {
    let (shown, values): (&str, &[bool]) = if filter.drafts {
        ("published IN (?, ?)", &[false, true])
    } else {
        ("published = ?", &[true])
    };
    let mut bound: Vec<sea_orm::Value> = Vec::new();
    for _ in 0..3 {
        bound.extend(values.iter().map(|&v| v.into()));
    }
    bound.push(cutoff.into());
    Statement::from_sql_and_values(
        DbBackend::Sqlite,
        format!(
            "SELECT (SELECT count(*) FROM service WHERE {shown}), \
             (SELECT count(*) FROM service WHERE {shown} AND reviewed_at IS NULL), \
             (SELECT count(*) FROM service WHERE {shown} AND reviewed_at < ?)"
        ),
        bound,
    )
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
    // Two queries: both counts, then the page with its names. Each query costs a round trip
    // to SQLite's thread, which was most of this list's time (it took five); counting with
    // window functions in the page's query was slower still, as SQLite then sorts every row.
    let counted = conn
        .query_one_raw(counts(filter, cutoff))
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("service counts".into()))?;
    let all: i64 = counted.try_get_by_index(0)?;
    let due: i64 = counted.try_get_by_index::<i64>(1)? + counted.try_get_by_index::<i64>(2)?;
    let total = if filter.due_only { due } else { all } as u64;
    let last = total.div_ceil(size).max(1);
    let page = page.clamp(1, last);
    let mut query = listed(filter);
    if filter.due_only {
        query = query.filter(due_filter);
    }
    type Row = (
        i32,
        String,
        String,
        bool,
        Option<DateTime<Utc>>,
        Option<String>,
        Option<String>,
    );
    let rows: Vec<Row> = query
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
        .order_by_asc(service::Column::Name)
        .limit(size)
        .offset((page - 1) * size)
        .into_tuple()
        .all(conn)
        .await?;
    let services = rows
        .into_iter()
        .map(
            |(id, name, stored_status, published, reviewed_at, organisation, group, ..)| {
                ServiceSummary {
                    id,
                    name,
                    organisation: organisation.unwrap_or_default(),
                    staff_group: group.unwrap_or_default(),
                    status: status(&stored_status),
                    published,
                    review_due: bank::review_due(reviewed_at, now),
                }
            },
        )
        .collect();
    Ok(ServicesPage {
        services,
        total,
        due: due as u64,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::testing::{query_plan, temp_db};

    #[tokio::test]
    async fn the_counts_are_those_of_the_rows() {
        let t = temp_db().await;
        crate::db::demo::seed(&t.db).await.unwrap();
        let now = Utc::now();
        let cutoff = now - chrono::Duration::days(bank::REVIEW_EVERY_DAYS);
        let rows = service::Entity::find().all(t.db.reader()).await.unwrap();
        for drafts in [false, true] {
            let shown: Vec<_> = rows.iter().filter(|r| drafts || r.published).collect();
            let due = shown
                .iter()
                .filter(|r| r.reviewed_at.is_none_or(|at| at < cutoff))
                .count();
            let filter = ServiceFilter {
                due_only: false,
                drafts,
            };
            let page = services(t.db.reader(), now, filter, 1, 5).await.unwrap();
            assert_eq!((page.total, page.due), (shown.len() as u64, due as u64));
            assert!(due > 0 && due < shown.len(), "the demo has both");
        }
    }

    #[tokio::test]
    async fn the_lists_counts_read_only_an_index() {
        let t = temp_db().await;
        for drafts in [false, true] {
            let filter = ServiceFilter {
                due_only: false,
                drafts,
            };
            let counted = counts(filter, Utc::now());
            let values = counted.values.map(|v| v.0).unwrap_or_default();
            let plan = query_plan(&t.db, &counted.sql, values).await;
            assert_eq!(
                plan.matches("USING COVERING INDEX service_review_due (published")
                    .count(),
                3,
                "{plan}"
            );
        }
    }
}
