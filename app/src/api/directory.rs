//! The champion directory: finding people, reading a profile, and editing one (a champion
//! their own, a coordinator anyone's). All of it needs a signed-in user: profiles hold
//! personal data.

use crate::{
    domain::{
        directory::{PeoplePage, Profile, ProfileForm, TeamChoice, TeamService},
        glossary::Acronyms,
    },
    error::AppError,
};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A page of the directory, with the choices its filters offer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Directory {
    pub found: PeoplePage,
    pub staff_groups: Vec<String>,
    pub organisations: Vec<String>,
}

/// Searches the directory. `q` may be anything; filters that match nothing find no one.
#[server(endpoint = "people")]
pub async fn people(
    q: Option<String>,
    staff_group: Option<String>,
    organisation: Option<String>,
    shadowing: Option<String>,
    page: Option<usize>,
) -> Result<Directory, AppError> {
    super::context::signed_in().await?;
    let db = super::context::db()?;
    let loaded = super::context::directory_index()?
        .load(db.reader())
        .await
        .map_err(|e| AppError::internal("loading the directory", e))?;
    let chosen = |v: Option<String>| v.filter(|v| !v.trim().is_empty());
    let filters = crate::domain::directory::Filters {
        staff_group: chosen(staff_group),
        organisation: chosen(organisation),
        shadowing_only: shadowing.as_deref() == Some("yes"),
    };
    let query = q.unwrap_or_default();
    let found =
        crate::domain::directory::search(&loaded.people, &query, &filters, page.unwrap_or(1));
    Ok(Directory {
        found,
        staff_groups: loaded.staff_groups.clone(),
        organisations: loaded.organisations.clone(),
    })
}

/// A profile page: the profile, what the reader may do with it, and the services of the
/// person's team with how to refer to them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileView {
    pub profile: Profile,
    pub services: Vec<TeamService>,
    /// The glossary's meanings of the acronyms the team and its services are described with.
    pub acronyms: Acronyms,
    pub own: bool,
    pub may_edit: bool,
}

#[server(endpoint = "profile")]
pub async fn profile_page(id: i32) -> Result<ProfileView, AppError> {
    use crate::db::directory;
    let me = super::context::signed_in().await?;
    let db = super::context::db()?;
    let found = async {
        let Some(profile) = directory::profile(db.reader(), id).await? else {
            return Ok(None);
        };
        let services = directory::team_services(db.reader(), profile.placement.team_id).await?;
        Ok::<_, sea_orm::DbErr>(Some((profile, services)))
    };
    let (profile, services) = found
        .await
        .map_err(|e| AppError::internal("reading a profile", e))?
        .ok_or(AppError::NotFound)?;
    let own = profile.account_id == Some(me.id);
    let texts = [profile.placement.team.as_str(), profile.job_title.as_str()]
        .into_iter()
        .chain(
            services
                .iter()
                .flat_map(|s| [s.name.as_str(), s.referral_route.as_str()]),
        );
    let acronyms = crate::db::glossary::acronyms_in(db.reader(), texts)
        .await
        .map_err(|e| AppError::internal("finding a profile's acronyms", e))?;
    Ok(ProfileView {
        may_edit: may_edit(&me, &profile),
        own,
        profile,
        services,
        acronyms,
    })
}

/// The profile `id`, if `me` may edit it: `NotFound` or `Forbidden` if not.
#[cfg(feature = "ssr")]
async fn editable(me: &crate::domain::account::Account, id: i32) -> Result<Profile, AppError> {
    let db = super::context::db()?;
    let profile = crate::db::directory::profile(db.reader(), id)
        .await
        .map_err(|e| AppError::internal("loading a profile to change", e))?
        .ok_or(AppError::NotFound)?;
    if may_edit(me, &profile) {
        Ok(profile)
    } else {
        Err(AppError::Forbidden)
    }
}

/// A champion edits their own profile; a coordinator anyone's.
#[cfg(feature = "ssr")]
pub(super) fn may_edit(me: &crate::domain::account::Account, profile: &Profile) -> bool {
    use crate::domain::account::Role;
    me.role == Role::Coordinator
        || (profile.account_id == Some(me.id) && me.role.includes(Role::Champion))
}

/// The edit form filled in, the teams to choose from, and whether the profile has a photo.
/// Only for those who may edit.
#[server(endpoint = "profile-form")]
pub async fn profile_to_edit(id: i32) -> Result<(ProfileForm, Vec<TeamChoice>, bool), AppError> {
    use crate::db::directory;
    let me = super::context::signed_in().await?;
    let db = super::context::db()?;
    let profile = editable(&me, id).await?;
    let teams = directory::team_choices(db.reader())
        .await
        .map_err(|e| AppError::internal("listing teams", e))?;
    Ok((
        ProfileForm::from_profile(&profile),
        teams,
        profile.has_photo,
    ))
}

/// Saves an edited profile (and counts as confirming it is up to date), then goes back to it.
#[server(endpoint = "save-profile")]
pub async fn save_profile(id: i32, #[server(flatten)] form: ProfileForm) -> Result<(), AppError> {
    use crate::db::directory;
    let me = super::context::signed_in().await?;
    let db = super::context::db()?;
    editable(&me, id).await?;
    let teams: Vec<i32> = directory::placements(db.reader())
        .await
        .map_err(|e| AppError::internal("listing teams", e))?
        .into_keys()
        .collect();
    let now = chrono::Utc::now();
    let valid = form
        .validate(&teams, now.date_naive())
        .map_err(AppError::Invalid)?;
    let saved = async {
        let txn = db.begin_write().await?;
        let saved = directory::update(&txn, id, &valid, me.id, now, true).await?;
        txn.commit().await?;
        Ok::<_, crate::db::SaveError>(saved)
    };
    super::context::saved(saved.await, "saving a profile")?.ok_or(AppError::NotFound)?;
    leptos_axum::redirect(&format!("/people/{id}?done=saved"));
    Ok(())
}

/// The id of the signed-in person's own profile, if they have one.
#[server(endpoint = "my-profile")]
pub async fn my_profile() -> Result<Option<i32>, AppError> {
    let me = super::context::signed_in().await?;
    let db = super::context::db()?;
    crate::db::directory::profile_of_account(db.reader(), me.id)
        .await
        .map_err(|e| AppError::internal("finding someone's profile", e))
}

/// Takes a profile's new photo (`id`, `photo`): checked, re-encoded, kept; then back to the
/// profile.
#[server(endpoint = "profile-photo", input = leptos::server_fn::codec::MultipartFormData)]
pub async fn upload_photo(data: leptos::server_fn::codec::MultipartData) -> Result<(), AppError> {
    use crate::{
        domain::directory::{MAX_PHOTO_BYTES, MAX_PHOTO_SIZE},
        photo::reencode,
    };
    let me = super::context::signed_in().await?;
    let mut data = data
        .into_inner()
        .ok_or_else(|| AppError::internal("reading an upload", "no multipart body"))?;
    let unreadable = || AppError::invalid("photo", "The photo could not be read. Choose it again");
    let (mut id, mut upload) = (None, None);
    while let Some(mut field) = data.next_field().await.map_err(|_| unreadable())? {
        match field.name() {
            Some("id") => id = field.text().await.ok().and_then(|v| v.parse::<i32>().ok()),
            Some("photo") => {
                let mut bytes = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(|_| unreadable())? {
                    bytes.extend_from_slice(&chunk);
                    if bytes.len() > MAX_PHOTO_BYTES {
                        return Err(AppError::invalid(
                            "photo",
                            format!("The photo must be {MAX_PHOTO_SIZE} or smaller"),
                        ));
                    }
                }
                upload = Some(bytes);
            }
            _ => {}
        }
    }
    let id = id.ok_or(AppError::NotFound)?;
    let db = super::context::db()?;
    editable(&me, id).await?;
    let upload = upload
        .filter(|bytes| !bytes.is_empty())
        .ok_or_else(|| AppError::invalid("photo", "Choose a photo"))?;
    // Decoding is CPU work: off the threads that answer requests.
    let jpeg = tokio::task::spawn_blocking(move || reencode(&upload))
        .await
        .map_err(|e| AppError::internal("re-encoding a photo", e))?
        .map_err(|e| AppError::invalid("photo", e.to_string()))?;
    let saved = async {
        let txn = db.begin_write().await?;
        crate::db::directory::set_photo(&txn, id, Some(jpeg), me.id, chrono::Utc::now()).await?;
        txn.commit().await
    };
    saved
        .await
        .map_err(|e| AppError::internal("saving a photo", e))?;
    leptos_axum::redirect(&format!("/people/{id}?done=photo"));
    Ok(())
}

/// Takes a profile's photo away.
#[server(endpoint = "remove-photo")]
pub async fn remove_photo(id: i32) -> Result<(), AppError> {
    let me = super::context::signed_in().await?;
    let db = super::context::db()?;
    editable(&me, id).await?;
    let removed = async {
        let txn = db.begin_write().await?;
        crate::db::directory::set_photo(&txn, id, None, me.id, chrono::Utc::now()).await?;
        txn.commit().await
    };
    removed
        .await
        .map_err(|e| AppError::internal("removing a photo", e))?;
    leptos_axum::redirect(&format!("/people/{id}?done=photo-removed"));
    Ok(())
}

/// A profile's photo, as a JPEG. Signed-in people only, like the profile.
#[server(input = leptos::server_fn::codec::GetUrl, output = leptos::server_fn::codec::Streaming, endpoint = "photo")]
pub async fn photo(id: i32) -> Result<leptos::server_fn::codec::ByteStream<AppError>, AppError> {
    super::context::signed_in().await?;
    let db = super::context::db()?;
    let jpeg = crate::db::directory::photo(db.reader(), id)
        .await
        .map_err(|e| AppError::internal("reading a photo", e))?
        .ok_or(AppError::NotFound)?;
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            http::header::CONTENT_TYPE,
            http::HeaderValue::from_static("image/jpeg"),
        );
        response.insert_header(
            http::header::CACHE_CONTROL,
            // Replaced photos keep their address: always ask again.
            http::HeaderValue::from_static("private, no-cache"),
        );
    }
    Ok(leptos::server_fn::codec::ByteStream::new(
        futures::stream::once(async move { Ok::<_, AppError>(jpeg) }),
    ))
}
