use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "standing_item")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub series_id: i32,
    pub position: i32,
    pub title: String,
    pub kind: String,
    pub minutes: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
