//! The demo network `champions seed-demo` loads into an empty database, taken from the
//! practice example in shared/seeds. It grows with each area: so far, the four staff groups.

use super::{Db, DbError, entities::staff_group};
use sea_orm::{ActiveValue::Set, EntityTrait, PaginatorTrait};

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
    txn.commit().await?;
    Ok(SeedOutcome::Loaded)
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
