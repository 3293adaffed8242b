//! The demo network `champions seed-demo` loads into an empty database, taken from the
//! practice example in shared/seeds. It grows with each area: so far, the four staff groups,
//! their organisations and teams, twenty champions, the bank of services and job roles,
//! the glossary, and the meeting series.

mod bank;
mod directory;
mod glossary;
mod meetings;

use super::{
    Db, DbError,
    entities::{job_role, organisation, profile, profile_tag, service, staff_group, team},
};
use chrono::{Duration, NaiveDate, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait, PaginatorTrait};

#[derive(Debug, PartialEq, Eq)]
pub enum SeedOutcome {
    Loaded,
    /// The database already holds data: nothing was changed.
    AlreadyHasData,
}

const STAFF_GROUPS: [(&str, &str); 4] = [
    (
        "Children's services locality teams",
        "Education Welfare, Education Family Support, Assistant Locality Leaders, Mental Health \
         Workers, Parenting Co-ordinators and Children's Centre staff.",
    ),
    (
        "Children's services specialist teams",
        "Child and Adolescent Mental Health Services (CAMHS), the Youth Offending Team and \
         Children's Social Care.",
    ),
    (
        "Adult mental health – primary",
        "Positive Steps and Wellness Advisors: early help for adults with common mental health \
         problems.",
    ),
    (
        "Adult mental health – secondary",
        "Community Mental Health Teams, Community Psychiatric Nurses, Mental Health Social \
         Workers, Family Therapists and Lead Professionals.",
    ),
];

/// Loads the demo network in one transaction, only into a database with no staff groups, so
/// running it twice, or against real data, changes nothing.
pub async fn seed(db: &Db) -> Result<SeedOutcome, DbError> {
    let txn = db.begin_write().await?;
    if staff_group::Entity::find().count(&txn).await? > 0 {
        return Ok(SeedOutcome::AlreadyHasData);
    }
    let rows = STAFF_GROUPS
        .iter()
        .zip(1..)
        .map(|((name, description), position)| staff_group::ActiveModel {
            name: Set((*name).to_owned()),
            description: Set((*description).to_owned()),
            position: Set(position),
            ..Default::default()
        });
    staff_group::Entity::insert_many(rows).exec(&txn).await?;
    seed_directory_and_bank(&txn).await?;
    glossary::seed(&txn).await?;
    meetings::seed(&txn).await?;
    txn.commit().await?;
    Ok(SeedOutcome::Loaded)
}

async fn seed_directory_and_bank(txn: &impl ConnectionTrait) -> Result<(), DbErr> {
    let now = Utc::now();
    let mut organisations = Vec::new();
    for (name, description, url) in directory::ORGANISATIONS {
        let row = organisation::ActiveModel {
            name: Set(name.into()),
            description: Set(description.into()),
            url: Set(url.into()),
            ..Default::default()
        };
        organisations.push(
            organisation::Entity::insert(row)
                .exec(txn)
                .await?
                .last_insert_id,
        );
    }
    // Staff groups were inserted in order, so their ids are their positions.
    let mut teams = Vec::new();
    for (name, organisation, group) in directory::TEAMS {
        let row = team::ActiveModel {
            name: Set(name.into()),
            organisation_id: Set(organisations[organisation]),
            staff_group_id: Set(group),
            ..Default::default()
        };
        teams.push(team::Entity::insert(row).exec(txn).await?.last_insert_id);
    }
    for person in &directory::PEOPLE {
        let row = profile::ActiveModel {
            name: Set(person.name.into()),
            pronouns: Set(person.pronouns.into()),
            job_title: Set(person.job_title.into()),
            team_id: Set(teams[person.team]),
            work_email: Set(person.email()),
            phone: Set(person.phone.into()),
            base: Set(person.base.into()),
            champion_since: Set(NaiveDate::from_ymd_opt(person.since.0, person.since.1, 1)),
            supporting_manager: Set(person.manager.into()),
            offers_shadowing: Set(person.shadowing.is_some()),
            shadowing_note: Set(person.shadowing.unwrap_or_default().into()),
            availability: Set(person.availability.into()),
            confirmed_at: Set(Some(now - Duration::days(person.confirmed_days_ago))),
            updated_at: Set(now - Duration::days(person.confirmed_days_ago)),
            version: Set(1),
            ..Default::default()
        };
        let id = profile::Entity::insert(row).exec(txn).await?.last_insert_id;
        let tags = person.tags.iter().map(|tag| profile_tag::ActiveModel {
            profile_id: Set(id),
            tag: Set((*tag).into()),
        });
        profile_tag::Entity::insert_many(tags).exec(txn).await?;
    }
    let mut services = Vec::new();
    for s in &bank::SERVICES {
        let (_, organisation, group) = directory::TEAMS[s.team];
        let status = if s.temporarily_closed {
            "temporarily_closed"
        } else {
            "active"
        };
        let row = service::ActiveModel {
            name: Set(s.name.into()),
            organisation_id: Set(organisations[organisation]),
            staff_group_id: Set(group),
            team_id: Set(Some(teams[s.team])),
            description: Set(s.description.into()),
            who_for: Set(s.who_for.into()),
            minimum_age: Set(s.ages.0),
            maximum_age: Set(s.ages.1),
            referral_route: Set(s.referral_route.into()),
            phone: Set(s.phone.into()),
            email: Set(s.email.into()),
            opening_hours: Set(s.opening_hours.into()),
            locations: Set(s.locations.into()),
            cost: Set("Free".into()),
            legal_basis: Set(s.legal_basis.into()),
            status: Set(status.into()),
            published: Set(true),
            reviewed_at: Set(Some(now - Duration::days(s.reviewed_days_ago))),
            updated_at: Set(now - Duration::days(s.reviewed_days_ago)),
            version: Set(1),
            ..Default::default()
        };
        services.push(service::Entity::insert(row).exec(txn).await?.last_insert_id);
    }
    for r in &bank::ROLES {
        let (day, presenter, presented) = match r.day_in_the_life {
            Some((text, presenter, days_ago)) => (
                text,
                presenter,
                Some((now - Duration::days(days_ago)).date_naive()),
            ),
            None => ("", "", None),
        };
        let row = job_role::ActiveModel {
            title: Set(r.title.into()),
            service_id: Set(Some(services[r.service])),
            what_they_do: Set(r.what_they_do.into()),
            day_in_the_life: Set(day.into()),
            presented_on: Set(presented),
            presenter: Set(presenter.into()),
            typical_caseload: Set(r.typical_caseload.into()),
            when_to_contact: Set(r.when_to_contact.into()),
            thresholds: Set(r.thresholds.into()),
            updated_at: Set(now),
            version: Set(1),
            ..Default::default()
        };
        job_role::Entity::insert(row).exec(txn).await?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{network::staff_groups, testing::temp_db};

    #[tokio::test]
    async fn loads_the_four_staff_groups_in_order_once() {
        let t = temp_db().await;
        assert_eq!(seed(&t.db).await.unwrap(), SeedOutcome::Loaded);
        assert_eq!(seed(&t.db).await.unwrap(), SeedOutcome::AlreadyHasData);

        let names: Vec<_> = staff_groups(t.db.reader())
            .await
            .unwrap()
            .into_iter()
            .map(|g| g.name)
            .collect();
        assert_eq!(names, STAFF_GROUPS.map(|(name, _)| name.to_owned()));
    }
}
