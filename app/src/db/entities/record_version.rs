use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "record_version")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub record_type: String,
    pub record_id: i32,
    pub version: i32,
    pub snapshot: String,
    pub changed_by: Option<i32>,
    pub changed_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
