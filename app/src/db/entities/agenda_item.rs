use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "agenda_item")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub meeting_id: i32,
    pub status: String,
    pub position: i32,
    pub title: String,
    pub kind: String,
    pub job_role_id: Option<i32>,
    pub presenter_account_id: Option<i32>,
    pub presenter_guest_id: Option<i32>,
    pub minutes: i32,
    pub reason: String,
    pub decline_reason: String,
    pub proposed_by: Option<i32>,
    pub standing_item_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
