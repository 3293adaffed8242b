//! Queries behind the home page's picture of the network.

use super::entities::{organisation, staff_group};
use crate::domain::network::StaffGroup;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QueryOrder};
use std::collections::HashMap;

pub async fn staff_groups(conn: &impl ConnectionTrait) -> Result<Vec<StaffGroup>, DbErr> {
    let rows = staff_group::Entity::find()
        .order_by_asc(staff_group::Column::Position)
        .order_by_asc(staff_group::Column::Name)
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| StaffGroup {
            name: row.name,
            description: row.description,
        })
        .collect())
}

/// The organisations' names, alphabetically.
pub async fn organisations(conn: &impl ConnectionTrait) -> Result<Vec<String>, DbErr> {
    Ok(organisation::Entity::find()
        .order_by_asc(organisation::Column::Name)
        .all(conn)
        .await?
        .into_iter()
        .map(|o| o.name)
        .collect())
}

/// Organisation names by id.
pub async fn organisation_names(
    conn: &impl ConnectionTrait,
) -> Result<HashMap<i32, String>, DbErr> {
    let rows = organisation::Entity::find().all(conn).await?;
    Ok(rows.into_iter().map(|o| (o.id, o.name)).collect())
}

/// Staff group names by id.
pub async fn staff_group_names(conn: &impl ConnectionTrait) -> Result<HashMap<i32, String>, DbErr> {
    let rows = staff_group::Entity::find().all(conn).await?;
    Ok(rows.into_iter().map(|g| (g.id, g.name)).collect())
}
