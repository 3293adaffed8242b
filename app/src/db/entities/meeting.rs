use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "meeting")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub series_id: i32,
    pub occurrence_date: Option<Date>,
    pub title: String,
    pub date: Date,
    pub start_time: Time,
    pub end_time: Time,
    pub time_zone: String,
    pub venue: String,
    pub online_link: String,
    pub cancelled: bool,
    #[sea_orm(unique)]
    pub uid: String,
    pub sequence: i32,
    pub invited_at: Option<DateTimeUtc>,
    pub reminded_at: Option<DateTimeUtc>,
    pub agenda_sent_at: Option<DateTimeUtc>,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
