//! The directory and the bank: organisations and teams (each team in one of the staff
//! groups), champion profiles with their "ask me about" tags and photo, services and job
//! roles, and the earlier versions of edited records. Service fields follow Open Referral UK
//! where they overlap, so the bank can be published in that shape.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let tables = [
            Table::create()
                .table(Organisation::Table)
                .col(pk_auto(Organisation::Id))
                .col(string_len_uniq(Organisation::Name, 120))
                .col(text(Organisation::Description).default(""))
                .col(string_len(Organisation::Url, 300).default(""))
                .to_owned(),
            Table::create()
                .table(Team::Table)
                .col(pk_auto(Team::Id))
                .col(string_len(Team::Name, 120))
                .col(integer(Team::StaffGroupId))
                .col(integer(Team::OrganisationId))
                .foreign_key(&mut refers(
                    Team::Table,
                    Team::StaffGroupId,
                    StaffGroup::Table,
                ))
                .foreign_key(&mut refers(
                    Team::Table,
                    Team::OrganisationId,
                    Organisation::Table,
                ))
                .index(
                    Index::create()
                        .name("team_name")
                        .col(Team::OrganisationId)
                        .col(Team::Name)
                        .unique(),
                )
                .to_owned(),
            Table::create()
                .table(Profile::Table)
                .col(pk_auto(Profile::Id))
                // The person's account once they have one; an imported profile has none yet.
                .col(integer_null(Profile::AccountId).unique_key())
                .col(string_len(Profile::Name, 120))
                .col(string_len(Profile::Pronouns, 40).default(""))
                .col(string_len(Profile::JobTitle, 120))
                .col(integer(Profile::TeamId))
                .col(string_len_uniq(Profile::WorkEmail, 254))
                .col(string_len(Profile::Phone, 40).default(""))
                .col(string_len(Profile::Base, 120).default(""))
                .col(date_null(Profile::ChampionSince))
                .col(string_len(Profile::SupportingManager, 120).default(""))
                .col(boolean(Profile::OffersShadowing).default(false))
                .col(text(Profile::ShadowingNote).default(""))
                .col(text(Profile::Availability).default(""))
                .col(timestamp_with_time_zone_null(Profile::ConfirmedAt))
                // When the owner was last asked to confirm it: one nudge per stale spell.
                .col(timestamp_with_time_zone_null(Profile::NudgedAt))
                .col(timestamp_with_time_zone(Profile::UpdatedAt))
                .col(integer(Profile::Version).default(1))
                .foreign_key(&mut forgotten_with(
                    Profile::Table,
                    Profile::AccountId,
                    UserAccount::Table,
                ))
                .foreign_key(&mut refers(Profile::Table, Profile::TeamId, Team::Table))
                .to_owned(),
            Table::create()
                .table(ProfileTag::Table)
                .col(integer(ProfileTag::ProfileId))
                .col(string_len(ProfileTag::Tag, 60))
                .primary_key(
                    Index::create()
                        .col(ProfileTag::ProfileId)
                        .col(ProfileTag::Tag),
                )
                .foreign_key(&mut belongs_to_profile(
                    ProfileTag::Table,
                    ProfileTag::ProfileId,
                ))
                .to_owned(),
            Table::create()
                .table(ProfilePhoto::Table)
                .col(integer(ProfilePhoto::ProfileId).primary_key())
                .col(blob(ProfilePhoto::Jpeg))
                .col(timestamp_with_time_zone(ProfilePhoto::UpdatedAt))
                .foreign_key(&mut belongs_to_profile(
                    ProfilePhoto::Table,
                    ProfilePhoto::ProfileId,
                ))
                .to_owned(),
            Table::create()
                .table(Service::Table)
                .col(pk_auto(Service::Id))
                .col(string_len(Service::Name, 160))
                .col(integer(Service::OrganisationId))
                .col(integer(Service::StaffGroupId))
                // The team that runs it: its champions are the service's champions.
                .col(integer_null(Service::TeamId))
                .col(text(Service::Description))
                .col(text(Service::WhoFor).default(""))
                .col(integer_null(Service::MinimumAge))
                .col(integer_null(Service::MaximumAge))
                .col(text(Service::ReferralRoute).default(""))
                .col(string_len(Service::ReferralFormUrl, 300).default(""))
                .col(string_len(Service::Phone, 40).default(""))
                .col(string_len(Service::Email, 254).default(""))
                .col(string_len(Service::Url, 300).default(""))
                .col(text(Service::OpeningHours).default(""))
                .col(text(Service::Locations).default(""))
                .col(text(Service::Cost).default(""))
                .col(text(Service::LegalBasis).default(""))
                .col(string_len(Service::Status, 20).default("active"))
                .col(boolean(Service::Published).default(true))
                .col(timestamp_with_time_zone_null(Service::ReviewedAt))
                .col(integer_null(Service::ReviewedBy))
                .col(timestamp_with_time_zone(Service::UpdatedAt))
                .col(integer(Service::Version).default(1))
                .foreign_key(&mut refers(
                    Service::Table,
                    Service::OrganisationId,
                    Organisation::Table,
                ))
                .foreign_key(&mut refers(
                    Service::Table,
                    Service::StaffGroupId,
                    StaffGroup::Table,
                ))
                .foreign_key(&mut forgotten_with(
                    Service::Table,
                    Service::TeamId,
                    Team::Table,
                ))
                .foreign_key(&mut forgotten_with(
                    Service::Table,
                    Service::ReviewedBy,
                    UserAccount::Table,
                ))
                .index(
                    Index::create()
                        .name("service_name")
                        .col(Service::OrganisationId)
                        .col(Service::Name)
                        .unique(),
                )
                .to_owned(),
            Table::create()
                .table(JobRole::Table)
                .col(pk_auto(JobRole::Id))
                .col(string_len(JobRole::Title, 120))
                .col(integer_null(JobRole::ServiceId))
                .col(text(JobRole::WhatTheyDo))
                .col(text(JobRole::DayInTheLife).default(""))
                .col(date_null(JobRole::PresentedOn))
                .col(string_len(JobRole::Presenter, 120).default(""))
                .col(text(JobRole::TypicalCaseload).default(""))
                .col(text(JobRole::WhenToContact).default(""))
                .col(text(JobRole::Thresholds).default(""))
                .col(timestamp_with_time_zone(JobRole::UpdatedAt))
                .col(integer(JobRole::Version).default(1))
                .foreign_key(&mut forgotten_with(
                    JobRole::Table,
                    JobRole::ServiceId,
                    Service::Table,
                ))
                .to_owned(),
            // What a record looked like before each edit, as JSON.
            Table::create()
                .table(RecordVersion::Table)
                .col(pk_auto(RecordVersion::Id))
                .col(string_len(RecordVersion::RecordType, 40))
                .col(integer(RecordVersion::RecordId))
                .col(integer(RecordVersion::Version))
                .col(text(RecordVersion::Snapshot))
                .col(integer_null(RecordVersion::ChangedBy))
                .col(timestamp_with_time_zone(RecordVersion::ChangedAt))
                .foreign_key(&mut forgotten_with(
                    RecordVersion::Table,
                    RecordVersion::ChangedBy,
                    UserAccount::Table,
                ))
                .index(
                    Index::create()
                        .name("record_version_of")
                        .col(RecordVersion::RecordType)
                        .col(RecordVersion::RecordId)
                        .col(RecordVersion::Version)
                        .unique(),
                )
                .to_owned(),
        ];
        for table in tables {
            manager.create_table(table).await?;
        }
        for (name, table, column) in [
            (
                "team_staff_group",
                Team::Table.into_iden(),
                Team::StaffGroupId.into_iden(),
            ),
            (
                "profile_team",
                Profile::Table.into_iden(),
                Profile::TeamId.into_iden(),
            ),
            (
                "service_team",
                Service::Table.into_iden(),
                Service::TeamId.into_iden(),
            ),
            (
                "job_role_service",
                JobRole::Table.into_iden(),
                JobRole::ServiceId.into_iden(),
            ),
        ] {
            manager
                .create_index(
                    Index::create()
                        .name(name)
                        .table(table)
                        .col(column)
                        .to_owned(),
                )
                .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        for table in [
            RecordVersion::Table.into_iden(),
            JobRole::Table.into_iden(),
            Service::Table.into_iden(),
            ProfilePhoto::Table.into_iden(),
            ProfileTag::Table.into_iden(),
            Profile::Table.into_iden(),
            Team::Table.into_iden(),
            Organisation::Table.into_iden(),
        ] {
            manager
                .drop_table(Table::drop().table(table).to_owned())
                .await?;
        }
        Ok(())
    }
}

/// A reference to a row that must not be deleted while referred to.
fn refers<T: IntoIden, C: IntoIden, R: IntoIden>(
    table: T,
    column: C,
    referred: R,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(referred, Alias::new("id"))
        .on_delete(ForeignKeyAction::Restrict)
        .to_owned()
}

/// A reference that is emptied when the row referred to is deleted.
fn forgotten_with<T: IntoIden, C: IntoIden, R: IntoIden>(
    table: T,
    column: C,
    referred: R,
) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(referred, Alias::new("id"))
        .on_delete(ForeignKeyAction::SetNull)
        .to_owned()
}

/// Rows that belong to one profile and go with it.
fn belongs_to_profile<T: IntoIden, C: IntoIden>(table: T, column: C) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(table, column)
        .to(Profile::Table, Profile::Id)
        .on_delete(ForeignKeyAction::Cascade)
        .to_owned()
}

#[derive(DeriveIden)]
enum StaffGroup {
    Table,
}

#[derive(DeriveIden)]
enum UserAccount {
    Table,
}

#[derive(DeriveIden)]
enum Organisation {
    Table,
    Id,
    Name,
    Description,
    Url,
}

#[derive(DeriveIden)]
enum Team {
    Table,
    Id,
    Name,
    StaffGroupId,
    OrganisationId,
}

#[derive(DeriveIden)]
enum Profile {
    Table,
    Id,
    AccountId,
    Name,
    Pronouns,
    JobTitle,
    TeamId,
    WorkEmail,
    Phone,
    Base,
    ChampionSince,
    SupportingManager,
    OffersShadowing,
    ShadowingNote,
    Availability,
    ConfirmedAt,
    NudgedAt,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum ProfileTag {
    Table,
    ProfileId,
    Tag,
}

#[derive(DeriveIden)]
enum ProfilePhoto {
    Table,
    ProfileId,
    Jpeg,
    UpdatedAt,
}

#[derive(DeriveIden)]
enum Service {
    Table,
    Id,
    Name,
    OrganisationId,
    StaffGroupId,
    TeamId,
    Description,
    WhoFor,
    MinimumAge,
    MaximumAge,
    ReferralRoute,
    ReferralFormUrl,
    Phone,
    Email,
    Url,
    OpeningHours,
    Locations,
    Cost,
    LegalBasis,
    Status,
    Published,
    ReviewedAt,
    ReviewedBy,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum JobRole {
    Table,
    Id,
    Title,
    ServiceId,
    WhatTheyDo,
    DayInTheLife,
    PresentedOn,
    Presenter,
    TypicalCaseload,
    WhenToContact,
    Thresholds,
    UpdatedAt,
    Version,
}

#[derive(DeriveIden)]
enum RecordVersion {
    Table,
    Id,
    RecordType,
    RecordId,
    Version,
    Snapshot,
    ChangedBy,
    ChangedAt,
}
