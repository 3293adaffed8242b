use sea_orm::entity::prelude::*;

/// A suggested new term (`term_id` empty) or change to one, and what a coordinator decided.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "glossary_suggestion")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub term_id: Option<i32>,
    pub term: String,
    pub expansion: String,
    pub definition: String,
    pub context: String,
    pub aliases: String,
    pub see_also: String,
    pub source_url: String,
    pub status: String,
    pub note: String,
    pub suggested_by: i32,
    pub suggested_at: DateTimeUtc,
    pub state: String,
    pub reason: String,
    pub decided_by: Option<i32>,
    pub decided_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
