//! Profiles as stored: reading them with where their owners work, and saving an edit with
//! its earlier version and audit entry in the same transaction.

use super::{
    SaveError,
    entities::{profile, profile_photo, profile_tag, service, team},
    history,
};
use crate::domain::{
    audit::FieldChange,
    bank::ServiceBank,
    directory::{
        Directory, PersonCard, Placement, Profile, Searchable, TeamChoice, TeamService,
        ValidProfile,
    },
};
use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, Statement,
};
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

/// Every team with its organisation and staff group, by team id.
pub async fn placements(conn: &impl ConnectionTrait) -> Result<HashMap<i32, Placement>, DbErr> {
    let organisations = super::network::organisation_names(conn).await?;
    let groups = super::network::staff_group_names(conn).await?;
    Ok(team::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(|t| {
            let placement = Placement {
                team_id: t.id,
                team: t.name,
                organisation: organisations
                    .get(&t.organisation_id)
                    .cloned()
                    .unwrap_or_default(),
                staff_group: groups.get(&t.staff_group_id).cloned().unwrap_or_default(),
            };
            (t.id, placement)
        })
        .collect())
}

/// The teams a profile can be in, for the form, ordered by staff group and name.
pub async fn team_choices(conn: &impl ConnectionTrait) -> Result<Vec<TeamChoice>, DbErr> {
    let mut placements: Vec<Placement> = placements(conn).await?.into_values().collect();
    placements.sort_by(|a, b| (&a.staff_group, &a.team).cmp(&(&b.staff_group, &b.team)));
    Ok(placements
        .into_iter()
        .map(|p| TeamChoice {
            id: p.team_id,
            label: format!("{} ({})", p.team, p.organisation),
        })
        .collect())
}

async fn tags_by_profile(
    conn: &impl ConnectionTrait,
    only: Option<i32>,
) -> Result<HashMap<i32, Vec<String>>, DbErr> {
    let mut query = profile_tag::Entity::find().order_by_asc(profile_tag::Column::Tag);
    if let Some(id) = only {
        query = query.filter(profile_tag::Column::ProfileId.eq(id));
    }
    let mut tags: HashMap<i32, Vec<String>> = HashMap::new();
    for row in query.all(conn).await? {
        tags.entry(row.profile_id).or_default().push(row.tag);
    }
    Ok(tags)
}

/// The directory as its search sees it, and the services as their list shows them, kept
/// between requests and loaded again only when profiles, services, teams or organisations
/// have changed (loading 500 profiles took 11 ms, most of a search; reading a page of the
/// services row by row, more than drawing it). One per server.
#[derive(Clone, Debug, Default)]
pub struct Index(Arc<Mutex<Option<Arc<Loaded>>>>);

/// Everyone, and the names the directory's filters offer, as they were at `freshness`.
#[derive(Debug)]
pub struct Loaded {
    freshness: Freshness,
    pub people: Directory,
    pub staff_groups: Vec<String>,
    pub organisations: Vec<String>,
    pub services: ServiceBank,
}

/// What changes whenever something a search reads changes: a profile's or service's
/// `updated_at` moves with every edit that changes it, and rows come and go. A rename of a
/// team, organisation or staff group changes none of these, so whatever renames one must call
/// [`Index::forget`].
type Freshness = (i64, Option<String>, i64, Option<String>, i64, i64, i64);

impl Index {
    pub async fn load(&self, conn: &impl ConnectionTrait) -> Result<Arc<Loaded>, DbErr> {
        let fresh = freshness(conn).await?;
        if let Some(loaded) = self.0.lock().expect("not poisoned").as_ref()
            && loaded.freshness == fresh
        {
            return Ok(loaded.clone());
        }
        let loaded = Arc::new(Loaded {
            freshness: fresh,
            people: Directory::new(searchable(conn).await?),
            staff_groups: super::network::staff_groups(conn)
                .await?
                .into_iter()
                .map(|g| g.name)
                .collect(),
            organisations: super::network::organisations(conn).await?,
            services: super::bank::service_bank(conn).await?,
        });
        *self.0.lock().expect("not poisoned") = Some(loaded.clone());
        Ok(loaded)
    }

    pub fn forget(&self) {
        *self.0.lock().expect("not poisoned") = None;
    }
}

/// Read at every search: each part is answered by an index (the newest edits by
/// `profile_updated` and `service_updated`).
const FRESHNESS: &str = "SELECT (SELECT count(*) FROM profile), (SELECT max(updated_at) FROM profile), \
     (SELECT count(*) FROM service), (SELECT max(updated_at) FROM service), \
     (SELECT count(*) FROM team), (SELECT count(*) FROM organisation), \
     (SELECT count(*) FROM staff_group)";

async fn freshness(conn: &impl ConnectionTrait) -> Result<Freshness, DbErr> {
    let row = conn
        .query_one_raw(Statement::from_string(
            conn.get_database_backend(),
            FRESHNESS,
        ))
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("directory freshness".into()))?;
    Ok((
        row.try_get_by_index(0)?,
        row.try_get_by_index(1)?,
        row.try_get_by_index(2)?,
        row.try_get_by_index(3)?,
        row.try_get_by_index(4)?,
        row.try_get_by_index(5)?,
        row.try_get_by_index(6)?,
    ))
}

/// Everyone, as the directory's search sees them.
async fn searchable(conn: &impl ConnectionTrait) -> Result<Vec<Searchable>, DbErr> {
    let placements = placements(conn).await?;
    let mut tags = tags_by_profile(conn, None).await?;
    let mut services: HashMap<i32, Vec<String>> = HashMap::new();
    let rows: Vec<(Option<i32>, String)> = service::Entity::find()
        .select_only()
        .column(service::Column::TeamId)
        .column(service::Column::Name)
        .filter(service::Column::Published.eq(true))
        .into_tuple()
        .all(conn)
        .await?;
    for (team, name) in rows {
        if let Some(team) = team {
            services.entry(team).or_default().push(name);
        }
    }
    Ok(profile::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .filter_map(|row| {
            let placement = placements.get(&row.team_id)?.clone();
            let services = services
                .get(&row.team_id)
                .map(Vec::as_slice)
                .unwrap_or_default();
            Some(Searchable::new(
                PersonCard {
                    id: row.id,
                    name: row.name,
                    pronouns: row.pronouns,
                    job_title: row.job_title,
                    placement,
                    tags: tags.remove(&row.id).unwrap_or_default(),
                    offers_shadowing: row.offers_shadowing,
                    shadowing_note: row.shadowing_note,
                },
                services,
            ))
        })
        .collect())
}

/// One whole profile.
pub async fn profile(conn: &impl ConnectionTrait, id: i32) -> Result<Option<Profile>, DbErr> {
    match profile::Entity::find_by_id(id).one(conn).await? {
        Some(row) => read(conn, row).await.map(Some),
        None => Ok(None),
    }
}

/// A stored profile with its team, tags and whether it has a photo.
async fn read(conn: &impl ConnectionTrait, row: profile::Model) -> Result<Profile, DbErr> {
    let id = row.id;
    let placement = team_placement(conn, row.team_id).await?;
    let tags = tags_by_profile(conn, Some(id))
        .await?
        .remove(&id)
        .unwrap_or_default();
    let has_photo = profile_photo::Entity::find_by_id(id).count(conn).await? > 0;
    Ok(to_profile(row, placement, tags, has_photo))
}

/// Every profile, by name (for the CSV export): four queries, however many there are.
pub async fn profiles(conn: &impl ConnectionTrait) -> Result<Vec<Profile>, DbErr> {
    let placements = placements(conn).await?;
    let mut tags = tags_by_profile(conn, None).await?;
    let photos: std::collections::HashSet<i32> = profile_photo::Entity::find()
        .select_only()
        .column(profile_photo::Column::ProfileId)
        .into_tuple()
        .all(conn)
        .await?
        .into_iter()
        .collect();
    let rows = profile::Entity::find()
        .order_by_asc(profile::Column::Name)
        .all(conn)
        .await?;
    rows.into_iter()
        .map(|row| {
            let placement = placements
                .get(&row.team_id)
                .cloned()
                .ok_or_else(|| DbErr::RecordNotFound(format!("team {}", row.team_id)))?;
            let tags = tags.remove(&row.id).unwrap_or_default();
            let has_photo = photos.contains(&row.id);
            Ok(to_profile(row, placement, tags, has_photo))
        })
        .collect()
}

/// Where one team sits.
async fn team_placement(conn: &impl ConnectionTrait, team_id: i32) -> Result<Placement, DbErr> {
    let team = team::Entity::find_by_id(team_id)
        .one(conn)
        .await?
        .ok_or_else(|| DbErr::RecordNotFound(format!("team {team_id}")))?;
    let organisation = super::entities::organisation::Entity::find_by_id(team.organisation_id)
        .one(conn)
        .await?
        .map(|o| o.name)
        .unwrap_or_default();
    let staff_group = super::entities::staff_group::Entity::find_by_id(team.staff_group_id)
        .one(conn)
        .await?
        .map(|g| g.name)
        .unwrap_or_default();
    Ok(Placement {
        team_id,
        team: team.name,
        organisation,
        staff_group,
    })
}

fn to_profile(
    row: profile::Model,
    placement: Placement,
    tags: Vec<String>,
    has_photo: bool,
) -> Profile {
    Profile {
        id: row.id,
        account_id: row.account_id,
        name: row.name,
        pronouns: row.pronouns,
        job_title: row.job_title,
        placement,
        work_email: row.work_email,
        phone: row.phone,
        base: row.base,
        tags,
        champion_since: row.champion_since,
        supporting_manager: row.supporting_manager,
        offers_shadowing: row.offers_shadowing,
        shadowing_note: row.shadowing_note,
        availability: row.availability,
        has_photo,
        confirmed_at: row.confirmed_at,
        updated_at: row.updated_at,
    }
}

/// The profile that belongs to an account, if it has one.
pub async fn profile_of_account(
    conn: &impl ConnectionTrait,
    account_id: i32,
) -> Result<Option<i32>, DbErr> {
    profile::Entity::find()
        .select_only()
        .column(profile::Column::Id)
        .filter(profile::Column::AccountId.eq(account_id))
        .into_tuple()
        .one(conn)
        .await
}

/// Gives the profile with this work email, if it has no account yet, to the account.
pub async fn link_account(
    conn: &impl ConnectionTrait,
    account_id: i32,
    email: &str,
) -> Result<(), DbErr> {
    profile::Entity::update_many()
        .col_expr(profile::Column::AccountId, Expr::value(account_id))
        .filter(profile::Column::WorkEmail.eq(email))
        .filter(profile::Column::AccountId.is_null())
        .exec(conn)
        .await?;
    Ok(())
}

/// The published services a team runs, with how to refer to each, by name.
pub async fn team_services(
    conn: &impl ConnectionTrait,
    team_id: i32,
) -> Result<Vec<TeamService>, DbErr> {
    let rows: Vec<(i32, String, String)> = service::Entity::find()
        .select_only()
        .column(service::Column::Id)
        .column(service::Column::Name)
        .column(service::Column::ReferralRoute)
        .filter(service::Column::TeamId.eq(team_id))
        .filter(service::Column::Published.eq(true))
        .order_by_asc(service::Column::Name)
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, referral_route)| TeamService {
            id,
            name,
            referral_route,
        })
        .collect())
}

/// Saves an edited profile: keeps the version before and records what changed (personal
/// fields masked). Saved from its form, it also counts as confirmed now (`confirm`); an
/// import does not confirm anything. `Ok(None)`: no such profile.
pub async fn update(
    conn: &impl ConnectionTrait,
    id: i32,
    edited: &ValidProfile,
    actor: i32,
    now: DateTime<Utc>,
    confirm: bool,
) -> Result<Option<()>, SaveError> {
    let Some(row) = profile::Entity::find_by_id(id).one(conn).await? else {
        return Ok(None);
    };
    email_free(conn, &edited.work_email, Some(id)).await?;
    let before = read(conn, row.clone()).await?;
    let version = row.version;
    let mut active = row.into_active_model();
    fill(&mut active, edited);
    if confirm {
        active.confirmed_at = Set(Some(now));
        active.nudged_at = Set(None);
    }
    let row = active.update(conn).await?;
    replace_tags(conn, id, &edited.tags).await?;
    let after = read(conn, row.clone()).await?;
    let edit = history::Edit {
        record_type: "profile",
        id,
        version,
        before: &before.fields(),
        after: &after.fields(),
    };
    let confirmed = confirm.then(|| FieldChange::plain("Confirmed", None, Some("up to date")));
    if history::record_edit(conn, edit, confirmed, actor, now).await? {
        moved_on(conn, row, now).await?;
    }
    Ok(Some(()))
}

/// Adds a profile (not yet confirmed by its owner, who has no account yet). Returns its id.
pub async fn create(
    conn: &impl ConnectionTrait,
    edited: &ValidProfile,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<i32, SaveError> {
    email_free(conn, &edited.work_email, None).await?;
    let mut active = profile::ActiveModel {
        updated_at: Set(now),
        version: Set(1),
        ..Default::default()
    };
    fill(&mut active, edited);
    let id = profile::Entity::insert(active)
        .exec(conn)
        .await?
        .last_insert_id;
    replace_tags(conn, id, &edited.tags).await?;
    let created = profile(conn, id).await?.ok_or(DbErr::RecordNotInserted)?;
    history::record_creation(conn, "profile", id, &created.fields(), actor, now).await?;
    Ok(id)
}

async fn email_free(
    conn: &impl ConnectionTrait,
    email: &str,
    except: Option<i32>,
) -> Result<(), SaveError> {
    let mut query = profile::Entity::find().filter(profile::Column::WorkEmail.eq(email));
    if let Some(id) = except {
        query = query.filter(profile::Column::Id.ne(id));
    }
    if query.count(conn).await? > 0 {
        return Err(SaveError::Taken {
            field: "work_email",
            message: "Another profile already has this email address",
        });
    }
    Ok(())
}

fn fill(active: &mut profile::ActiveModel, edited: &ValidProfile) {
    active.name = Set(edited.name.clone());
    active.pronouns = Set(edited.pronouns.clone());
    active.job_title = Set(edited.job_title.clone());
    active.team_id = Set(edited.team_id);
    active.work_email = Set(edited.work_email.clone());
    active.phone = Set(edited.phone.clone());
    active.base = Set(edited.base.clone());
    active.champion_since = Set(edited.champion_since);
    active.supporting_manager = Set(edited.supporting_manager.clone());
    active.offers_shadowing = Set(edited.offers_shadowing);
    active.shadowing_note = Set(edited.shadowing_note.clone());
    active.availability = Set(edited.availability.clone());
}

/// A changed profile's next version: `updated_at` tells the search index to reload.
async fn moved_on(
    conn: &impl ConnectionTrait,
    row: profile::Model,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let version = row.version;
    let mut active = row.into_active_model();
    active.updated_at = Set(now);
    active.version = Set(version + 1);
    active.update(conn).await.map(drop)
}

async fn replace_tags(conn: &impl ConnectionTrait, id: i32, tags: &[String]) -> Result<(), DbErr> {
    profile_tag::Entity::delete_many()
        .filter(profile_tag::Column::ProfileId.eq(id))
        .exec(conn)
        .await?;
    if !tags.is_empty() {
        let rows = tags.iter().map(|tag| profile_tag::ActiveModel {
            profile_id: Set(id),
            tag: Set(tag.clone()),
        });
        profile_tag::Entity::insert_many(rows).exec(conn).await?;
    }
    Ok(())
}

/// Emails the owner of every profile that has gone stale since it was last confirmed (and
/// has not been asked yet), through the outbox, and notes that they were asked. Returns how
/// many were asked.
pub async fn nudge_stale(
    conn: &impl ConnectionTrait,
    postbox: &crate::mail::Postbox,
    service_name: &str,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    use super::entities::user_account;
    use crate::domain::{account::AccountStatus, directory::is_stale};
    let due: Vec<profile::Model> = profile::Entity::find()
        .filter(profile::Column::AccountId.is_not_null())
        .filter(profile::Column::NudgedAt.is_null())
        .all(conn)
        .await?
        .into_iter()
        .filter(|p| is_stale(p.confirmed_at, now))
        .collect();
    let mut asked = 0;
    for row in due {
        let Some(account) = user_account::Entity::find_by_id(row.account_id.unwrap_or_default())
            .one(conn)
            .await?
            .filter(|a| a.status == AccountStatus::Active.as_str())
        else {
            continue;
        };
        let link = postbox.page(&format!("/people/{}/edit", row.id));
        let letter = crate::mail::profile_nudge(service_name, &account.email, &account.name, &link);
        super::outbox::enqueue(conn, letter, now).await?;
        let mut active = row.into_active_model();
        active.nudged_at = Set(Some(now));
        active.update(conn).await?;
        asked += 1;
    }
    Ok(asked)
}

/// A profile's photo as stored (a JPEG), if it has one.
pub async fn photo(conn: &impl ConnectionTrait, id: i32) -> Result<Option<Vec<u8>>, DbErr> {
    Ok(profile_photo::Entity::find_by_id(id)
        .one(conn)
        .await?
        .map(|p| p.jpeg))
}

/// Puts in (`Some`) or takes out (`None`) a profile's photo, and logs that it did.
pub async fn set_photo(
    conn: &impl ConnectionTrait,
    id: i32,
    jpeg: Option<Vec<u8>>,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    use super::audit::{self, AuditRecord};
    use crate::domain::audit::Action;
    profile_photo::Entity::delete_by_id(id).exec(conn).await?;
    let change = match jpeg {
        Some(jpeg) => {
            profile_photo::Entity::insert(profile_photo::ActiveModel {
                profile_id: Set(id),
                jpeg: Set(jpeg),
                updated_at: Set(now),
            })
            .exec(conn)
            .await?;
            FieldChange::personal("Photo", None, Some("new photo"))
        }
        None => FieldChange::personal("Photo", Some("photo"), None),
    };
    let entry = AuditRecord {
        actor: Some(actor),
        action: Action::Update,
        record: Some(("profile", id.to_string())),
        changes: vec![change],
    };
    audit::record(conn, now, entry).await
}

#[cfg(test)]
mod tests {
    use super::FRESHNESS;
    use crate::db::testing::{query_plan, temp_db};

    #[tokio::test]
    async fn knowing_the_copy_is_current_reads_only_indexes() {
        let t = temp_db().await;
        let plan = query_plan(&t.db, FRESHNESS, vec![]).await;
        assert!(
            plan.contains("COVERING INDEX profile_updated")
                && plan.contains("COVERING INDEX service_updated"),
            "{plan}"
        );
    }
}
