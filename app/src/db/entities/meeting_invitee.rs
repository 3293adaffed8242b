use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting_invitee")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub meeting_id: i32,
    pub account_id: Option<i32>,
    pub guest_id: Option<i32>,
    pub answer: Option<String>,
    pub note: String,
    pub deputy_profile_id: Option<i32>,
    pub answered_at: Option<DateTimeUtc>,
    pub invited_at: Option<DateTimeUtc>,
    pub attendance: Option<String>,
    pub attendance_recorded_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
