//! Queries behind the home page's picture of the network.

use super::entities::staff_group;
use crate::domain::network::StaffGroup;
use sea_orm::{ConnectionTrait, DbErr, EntityTrait, QueryOrder};

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
