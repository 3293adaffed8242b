use sea_orm::entity::prelude::*;

/// One meaning of a term. `aliases` and `see_also` hold one name a line; the search reads
/// them through `glossary_key` and `glossary_fts`, which the migration defines.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "glossary_term")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub term: String,
    pub term_key: String,
    pub expansion: String,
    pub definition: String,
    pub context: String,
    pub aliases: String,
    pub see_also: String,
    pub source_url: String,
    pub status: String,
    pub updated_at: DateTimeUtc,
    pub version: i32,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
