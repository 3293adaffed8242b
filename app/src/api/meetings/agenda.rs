//! A meeting's agenda. Coordinators add, edit, order and remove items, accept or decline the
//! champions' proposals and send the agenda out; champions propose items until the deadline
//! and add papers to their own proposals. Papers are for members only.

#[cfg(feature = "ssr")]
use crate::domain::{
    account::Role,
    meetings::agenda::{ItemStatus, MAX_ITEMS},
};
use crate::{
    domain::meetings::agenda::{ItemForm, ItemView},
    error::AppError,
};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use crate::api::context;
#[cfg(feature = "ssr")]
use crate::db::meetings::agenda as store;

/// An item with its meeting, for changes to it: refused unless the meeting is still to end.
#[cfg(feature = "ssr")]
async fn open_item(
    item: i32,
) -> Result<
    (
        crate::db::entities::agenda_item::Model,
        crate::db::entities::meeting::Model,
    ),
    AppError,
> {
    let db = context::db()?;
    let stored = store::item(db.reader(), item)
        .await
        .map_err(|e| AppError::internal("reading an agenda item", e))?
        .ok_or(AppError::NotFound)?;
    let row = super::meeting_row(stored.meeting_id).await?;
    if crate::db::meetings::invitations::ends_at(&row) <= chrono::Utc::now() {
        return Err(AppError::invalid("agenda", "The meeting has ended"));
    }
    Ok((stored, row))
}

/// Checks an item form against the meeting's members and guests and the bank's roles.
#[cfg(feature = "ssr")]
async fn check(
    form: &ItemForm,
    meeting_id: i32,
    proposing: bool,
) -> Result<crate::domain::meetings::agenda::ValidItem, AppError> {
    let db = context::db()?;
    let checking = async {
        Ok::<_, sea_orm::DbErr>((
            crate::db::meetings::expected(db.reader(), meeting_id).await?,
            store::job_role_ids(db.reader()).await?,
        ))
    };
    let (presenters, roles) = checking
        .await
        .map_err(|e| AppError::internal("reading who may present", e))?;
    form.validate(&presenters, &roles, proposing)
        .map_err(AppError::Invalid)
}

/// A coordinator's new item goes on the agenda; a champion's is a proposal, until the
/// proposal deadline.
#[server(endpoint = "add-agenda-item")]
pub async fn add_agenda_item(id: i32, #[server(flatten)] form: ItemForm) -> Result<(), AppError> {
    let me = context::require(Role::Champion).await?;
    let coordinator = me.role.includes(Role::Coordinator);
    let row = super::meeting_row(id).await?;
    let now = chrono::Utc::now();
    if crate::db::meetings::invitations::ends_at(&row) <= now || row.cancelled {
        return Err(AppError::invalid(
            "item_title",
            "The meeting is over or cancelled",
        ));
    }
    let days = context::proposal_days();
    if !coordinator && !store::proposals_open(&row, days, now) {
        let closed =
            crate::domain::meetings::long_date(row.date - chrono::Days::new(days.0.into()));
        return Err(AppError::invalid(
            "item_title",
            format!("Proposals for this meeting closed on {closed}: ask the coordinator"),
        ));
    }
    let valid = check(&form, id, !coordinator).await?;
    let status = if coordinator {
        ItemStatus::Accepted
    } else {
        ItemStatus::Proposed
    };
    super::write!("adding an agenda item", |txn| async {
        store::add_item(&txn, &row, &valid, status, me.id, now)
            .await
            .map(Some)
    })?
    .map_err(|store::Full| {
        AppError::invalid(
            "item_title",
            format!("An agenda holds at most {MAX_ITEMS} items: take one off first"),
        )
    })?;
    let done = if coordinator { "item" } else { "proposed" };
    leptos_axum::redirect(&format!("/meetings/{id}?done={done}#agenda"));
    Ok(())
}

#[server(endpoint = "agenda-item")]
pub async fn read_agenda_item(id: i32) -> Result<ItemView, AppError> {
    let me = context::signed_in().await?;
    let db = context::db()?;
    store::item_view(
        db.reader(),
        id,
        super::reader(&me),
        context::proposal_days(),
        chrono::Utc::now(),
    )
    .await
    .map_err(|e| AppError::internal("reading an agenda item", e))?
    .ok_or(AppError::NotFound)
}

/// Saves a coordinator's edit of an item; a proposal so saved is accepted. A champion cannot
/// accept anything, their own proposals included.
#[server(endpoint = "save-agenda-item")]
pub async fn save_agenda_item(id: i32, #[server(flatten)] form: ItemForm) -> Result<(), AppError> {
    let me = context::require(Role::Coordinator).await?;
    let (stored, row) = open_item(id).await?;
    if stored.status == ItemStatus::Declined.as_str() {
        return Err(AppError::invalid(
            "item_title",
            "This proposal was declined",
        ));
    }
    let valid = check(&form, row.id, false).await?;
    let accepted = stored.status == ItemStatus::Proposed.as_str();
    let now = chrono::Utc::now();
    super::write!("saving an agenda item", |txn| async {
        store::save_item(&txn, stored, &valid, me.id, now)
            .await
            .map(Some)
    })?;
    let done = if accepted { "accepted" } else { "item-saved" };
    leptos_axum::redirect(&format!("/meetings/{}?done={done}#agenda", row.id));
    Ok(())
}

/// Declines a proposal; the proposer is emailed the reason.
#[server(endpoint = "decline-agenda-item")]
pub async fn decline_agenda_item(id: i32, decline_reason: String) -> Result<(), AppError> {
    let me = context::require(Role::Coordinator).await?;
    let (stored, row) = open_item(id).await?;
    if stored.status != ItemStatus::Proposed.as_str() {
        return Err(AppError::invalid(
            "decline_reason",
            "Only a proposal waiting for a decision can be declined",
        ));
    }
    let reason = crate::domain::fields::paragraphs(&decline_reason, "Reason", 1000, true)
        .map_err(|message| AppError::invalid("decline_reason", message))?;
    let letters = super::Letters::new()?;
    let now = chrono::Utc::now();
    super::write!("declining a proposal", |txn| async {
        store::decline(&txn, letters.sender(), &row, stored, &reason, me.id, now)
            .await
            .map(Some)
    })?;
    letters.sent(1);
    leptos_axum::redirect(&format!("/meetings/{}?done=declined#agenda", row.id));
    Ok(())
}

/// Moves an item one place (`direction` is `up` or `down`).
#[server(endpoint = "move-agenda-item")]
pub async fn move_agenda_item(id: i32, direction: String) -> Result<(), AppError> {
    let me = context::require(Role::Coordinator).await?;
    let (stored, row) = open_item(id).await?;
    let up = match direction.as_str() {
        "up" => true,
        "down" => false,
        _ => return Err(AppError::invalid("agenda", "Choose up or down")),
    };
    if stored.status != ItemStatus::Accepted.as_str() {
        return Err(AppError::invalid(
            "agenda",
            "Only items on the agenda have a place",
        ));
    }
    let now = chrono::Utc::now();
    super::write!("moving an agenda item", |txn| async {
        store::move_item(&txn, stored, up, me.id, now)
            .await
            .map(Some)
    })?;
    leptos_axum::redirect(&format!("/meetings/{}?done=moved#item-{id}", row.id));
    Ok(())
}

#[server(endpoint = "remove-agenda-item")]
pub async fn remove_agenda_item(id: i32) -> Result<(), AppError> {
    let me = context::require(Role::Coordinator).await?;
    let (_, row) = open_item(id).await?;
    let now = chrono::Utc::now();
    super::write!("removing an agenda item", |txn| async {
        store::remove_item(&txn, id, me.id, now).await.map(Some)
    })?;
    leptos_axum::redirect(&format!("/meetings/{}?done=removed#agenda", row.id));
    Ok(())
}

/// Adds a paper to an item: a web link (`url`), or an uploaded PDF, Word or OpenDocument
/// file (`paper`), checked by its content.
#[server(input = leptos::server_fn::codec::MultipartFormData, endpoint = "add-paper")]
pub async fn add_paper(data: leptos::server_fn::codec::MultipartData) -> Result<(), AppError> {
    use crate::domain::meetings::agenda::{
        MAX_PAPER_BYTES, MAX_PAPER_SIZE, download_name, paper_title, paper_type,
    };
    let me = context::require(Role::Champion).await?;
    let mut data = data
        .into_inner()
        .ok_or_else(|| AppError::internal("reading an upload", "no multipart body"))?;
    let unreadable = || AppError::invalid("paper", "The file could not be read. Choose it again");
    let (mut id, mut title, mut url, mut file) = (None, String::new(), String::new(), None);
    while let Some(mut field) = data.next_field().await.map_err(|_| unreadable())? {
        match field.name() {
            Some("id") => id = field.text().await.ok().and_then(|v| v.parse::<i32>().ok()),
            Some("paper_title") => title = field.text().await.unwrap_or_default(),
            Some("url") => url = field.text().await.unwrap_or_default(),
            Some("paper") => {
                let name = field.file_name().map(download_name).unwrap_or_default();
                let mut bytes = Vec::new();
                while let Some(chunk) = field.chunk().await.map_err(|_| unreadable())? {
                    bytes.extend_from_slice(&chunk);
                    if bytes.len() > MAX_PAPER_BYTES {
                        return Err(AppError::invalid(
                            "paper",
                            format!("The file must be {MAX_PAPER_SIZE} or smaller"),
                        ));
                    }
                }
                file = Some((name, bytes)).filter(|(_, b)| !b.is_empty());
            }
            _ => {}
        }
    }
    let (stored, _) = open_item(id.ok_or(AppError::NotFound)?).await?;
    let coordinator = me.role.includes(Role::Coordinator);
    let own_proposal =
        stored.proposed_by == Some(me.id) && stored.status == ItemStatus::Proposed.as_str();
    if !coordinator && !own_proposal {
        return Err(AppError::Forbidden);
    }
    let link = crate::domain::fields::web_address(&url, "The web address")
        .map_err(|message| AppError::invalid("url", message))?;
    let (fallback, source) = match (file, link.is_empty()) {
        (Some((name, bytes)), _) => {
            let content_type =
                paper_type(&name, &bytes).map_err(|message| AppError::invalid("paper", message))?;
            (
                name.clone(),
                store::PaperSource::File {
                    name,
                    content_type,
                    bytes,
                },
            )
        }
        (None, false) => (link.clone(), store::PaperSource::Link(link)),
        (None, true) => {
            return Err(AppError::invalid(
                "paper",
                "Choose a file, or enter the paper's web address",
            ));
        }
    };
    let title = paper_title(&title, &fallback)
        .map_err(|message| AppError::invalid("paper_title", message))?;
    let now = chrono::Utc::now();
    let item_id = stored.id;
    super::write!("adding a paper", |txn| async {
        store::add_paper(&txn, item_id, &title, source, me.id, now)
            .await
            .map(Some)
    })?;
    leptos_axum::redirect(&format!("/meetings/items/{item_id}?done=paper"));
    Ok(())
}

/// An uploaded paper, for members, under its own name.
#[server(input = leptos::server_fn::codec::GetUrl, output = leptos::server_fn::codec::Streaming, endpoint = "paper")]
pub async fn paper(id: i32) -> Result<leptos::server_fn::codec::ByteStream<AppError>, AppError> {
    context::require(Role::Champion).await?;
    let db = context::db()?;
    let (name, content_type, bytes) = store::paper_file(db.reader(), id)
        .await
        .map_err(|e| AppError::internal("reading a paper", e))?
        .ok_or(AppError::NotFound)?;
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(value) = http::HeaderValue::from_str(&content_type) {
            response.insert_header(http::header::CONTENT_TYPE, value);
        }
        let ascii: String = name
            .chars()
            .map(|c| if c.is_ascii() { c } else { '_' })
            .collect();
        let encoded: String = url::form_urlencoded::byte_serialize(name.as_bytes()).collect();
        let disposition = format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}");
        if let Ok(value) = http::HeaderValue::from_str(&disposition) {
            response.insert_header(http::header::CONTENT_DISPOSITION, value);
        }
        response.insert_header(
            http::header::CACHE_CONTROL,
            http::HeaderValue::from_static("private, no-store"),
        );
    }
    Ok(leptos::server_fn::codec::ByteStream::new(
        futures::stream::once(async move { Ok::<_, AppError>(bytes) }),
    ))
}

/// Emails the agenda to every member and guest.
#[server(endpoint = "send-agenda")]
pub async fn send_agenda(id: i32) -> Result<(), AppError> {
    let me = context::require(Role::Coordinator).await?;
    let row = super::meeting_row(id).await?;
    let now = chrono::Utc::now();
    if crate::db::meetings::invitations::ends_at(&row) <= now || row.cancelled {
        return Err(AppError::invalid(
            "send-agenda",
            "The meeting is over or cancelled",
        ));
    }
    let db = context::db()?;
    let detail = crate::db::meetings::detail(
        db.reader(),
        id,
        super::reader(&me),
        context::proposal_days(),
        now,
    )
    .await
    .map_err(|e| AppError::internal("reading an agenda", e))?
    .ok_or(AppError::NotFound)?;
    if detail.agenda.items.is_empty() {
        return Err(AppError::invalid(
            "send-agenda",
            "The agenda has no items yet",
        ));
    }
    let letters = super::Letters::new()?;
    let sent = super::write!("sending an agenda", |txn| async {
        store::send_agenda(&txn, letters.sender(), row, &detail.agenda, me.id, now)
            .await
            .map(Some)
    })?;
    letters.sent(sent);
    leptos_axum::redirect(&format!(
        "/meetings/{id}?done=agenda-sent&sent={sent}#agenda"
    ));
    Ok(())
}
