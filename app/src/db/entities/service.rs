use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "service")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub organisation_id: i32,
    pub staff_group_id: i32,
    pub team_id: Option<i32>,
    pub description: String,
    pub who_for: String,
    pub minimum_age: Option<i32>,
    pub maximum_age: Option<i32>,
    pub referral_route: String,
    pub referral_form_url: String,
    pub phone: String,
    pub email: String,
    pub url: String,
    pub opening_hours: String,
    pub locations: String,
    pub cost: String,
    pub legal_basis: String,
    pub status: String,
    pub published: bool,
    pub reviewed_at: Option<DateTimeUtc>,
    pub reviewed_by: Option<i32>,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
