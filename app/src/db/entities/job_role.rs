use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "job_role")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub title: String,
    pub service_id: Option<i32>,
    pub what_they_do: String,
    pub day_in_the_life: String,
    pub presented_on: Option<Date>,
    pub presenter: String,
    pub typical_caseload: String,
    pub when_to_contact: String,
    pub thresholds: String,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
