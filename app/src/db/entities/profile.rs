use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "profile")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    #[sea_orm(unique)]
    pub account_id: Option<i32>,
    pub name: String,
    pub pronouns: String,
    pub job_title: String,
    pub team_id: i32,
    #[sea_orm(unique)]
    pub work_email: String,
    pub phone: String,
    pub base: String,
    pub champion_since: Option<Date>,
    pub supporting_manager: String,
    pub offers_shadowing: bool,
    pub shadowing_note: String,
    pub availability: String,
    pub confirmed_at: Option<DateTimeUtc>,
    pub nudged_at: Option<DateTimeUtc>,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
