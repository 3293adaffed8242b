//! Schema migrations, run at start-up by `champions serve` and by `champions migrate`.

pub use sea_orm_migration::prelude::*;

mod m20261122_000001_staff_groups;
mod m20261122_000002_accounts;
mod m20261122_000003_sign_in_failures;
mod m20261122_000004_mail_outbox;
mod m20261122_000005_directory;
mod m20261122_000006_imports;
mod m20261122_000007_glossary;
mod m20261202_000008_list_indexes;
mod m20261202_000009_meetings;
mod m20261202_000010_invitations;
mod m20261202_000011_agendas;
mod m20261204_000012_page_revision;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261122_000001_staff_groups::Migration),
            Box::new(m20261122_000002_accounts::Migration),
            Box::new(m20261122_000003_sign_in_failures::Migration),
            Box::new(m20261122_000004_mail_outbox::Migration),
            Box::new(m20261122_000005_directory::Migration),
            Box::new(m20261122_000006_imports::Migration),
            Box::new(m20261122_000007_glossary::Migration),
            Box::new(m20261202_000008_list_indexes::Migration),
            Box::new(m20261202_000009_meetings::Migration),
            Box::new(m20261202_000010_invitations::Migration),
            Box::new(m20261202_000011_agendas::Migration),
            Box::new(m20261204_000012_page_revision::Migration),
        ]
    }
}
