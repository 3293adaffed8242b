//! Meetings. Everything here needs a signed-in user (DESIGN: the group's business is not
//! public); only coordinators schedule, change and cancel.

#[cfg(feature = "ssr")]
use crate::domain::account::Role;
use crate::{
    domain::meetings::{MeetingDetail, MeetingForm, MeetingsOverview, SeriesForm},
    error::AppError,
};
use leptos::prelude::*;

#[server(endpoint = "meetings")]
pub async fn list_meetings() -> Result<MeetingsOverview, AppError> {
    let me = super::context::signed_in().await?;
    let db = super::context::db()?;
    let may_schedule = me.role.includes(Role::Coordinator);
    crate::db::meetings::overview(db.reader(), chrono::Utc::now(), may_schedule)
        .await
        .map_err(|e| AppError::internal("listing meetings", e))
}

#[server(endpoint = "meeting")]
pub async fn read_meeting(id: i32) -> Result<MeetingDetail, AppError> {
    let me = super::context::signed_in().await?;
    let db = super::context::db()?;
    crate::db::meetings::detail(db.reader(), id, me.role.includes(Role::Coordinator))
        .await
        .map_err(|e| AppError::internal("reading a meeting", e))?
        .ok_or(AppError::NotFound)
}

/// The series to add a one-off meeting to: (id, name).
#[server(endpoint = "meeting-series")]
pub async fn series_choices() -> Result<Vec<(i32, String)>, AppError> {
    super::context::require(Role::Coordinator).await?;
    let db = super::context::db()?;
    crate::db::meetings::series_choices(db.reader())
        .await
        .map_err(|e| AppError::internal("listing meeting series", e))
}

/// Runs `$change` (a call given the open transaction as `$txn`) in one write transaction;
/// `None` from it is an unknown record.
#[cfg(feature = "ssr")]
macro_rules! write {
    ($context:literal, |$txn:ident| $change:expr) => {
        async {
            let db = super::context::db()?;
            let done = async {
                let $txn = db.begin_write().await?;
                let done = $change.await?;
                $txn.commit().await?;
                Ok::<_, sea_orm::DbErr>(done)
            };
            done.await
                .map_err(|e| AppError::internal($context, e))?
                .ok_or(AppError::NotFound)
        }
        .await
    };
}

#[server(endpoint = "schedule-series")]
pub async fn schedule_series(#[server(flatten)] form: SeriesForm) -> Result<(), AppError> {
    let me = super::context::require(Role::Coordinator).await?;
    let now = chrono::Utc::now();
    let today = crate::db::meetings::local_now(now).date();
    let valid = form.validate(today).map_err(AppError::Invalid)?;
    write!("scheduling a series", |txn| async {
        crate::db::meetings::create_series(&txn, &valid, me.id, now)
            .await
            .map(Some)
    })?;
    leptos_axum::redirect("/meetings?done=scheduled");
    Ok(())
}

#[server(endpoint = "add-meeting")]
pub async fn add_meeting(
    series_id: i32,
    #[server(flatten)] form: MeetingForm,
) -> Result<(), AppError> {
    let me = super::context::require(Role::Coordinator).await?;
    let now = chrono::Utc::now();
    let today = crate::db::meetings::local_now(now).date();
    let valid = form.validate(today, None).map_err(AppError::Invalid)?;
    let id = write!("adding a meeting", |txn| crate::db::meetings::add_meeting(
        &txn, series_id, &valid, me.id, now
    ))
    .map_err(|e| match e {
        AppError::NotFound => AppError::invalid("series_id", "Choose the series it belongs to"),
        other => other,
    })?;
    leptos_axum::redirect(&format!("/meetings/{id}?done=added"));
    Ok(())
}

#[server(endpoint = "change-meeting")]
pub async fn change_meeting(id: i32, #[server(flatten)] form: MeetingForm) -> Result<(), AppError> {
    let me = super::context::require(Role::Coordinator).await?;
    let db = super::context::db()?;
    let current = crate::db::meetings::meeting(db.reader(), id)
        .await
        .map_err(|e| AppError::internal("reading a meeting", e))?
        .ok_or(AppError::NotFound)?;
    let now = chrono::Utc::now();
    let today = crate::db::meetings::local_now(now).date();
    let valid = form
        .validate(today, Some(current.date))
        .map_err(AppError::Invalid)?;
    write!("changing a meeting", |txn| {
        crate::db::meetings::change_meeting(&txn, id, &valid, me.id, now)
    })?;
    leptos_axum::redirect(&format!("/meetings/{id}?done=changed"));
    Ok(())
}

/// Cancels a meeting (`restore` puts it back).
#[server(endpoint = "cancel-meeting")]
pub async fn cancel_meeting(id: i32, restore: Option<String>) -> Result<(), AppError> {
    let me = super::context::require(Role::Coordinator).await?;
    let cancelled = restore.is_none();
    write!("cancelling a meeting", |txn| {
        crate::db::meetings::set_cancelled(&txn, id, cancelled, me.id, chrono::Utc::now())
    })?;
    let done = if cancelled { "cancelled" } else { "restored" };
    leptos_axum::redirect(&format!("/meetings/{id}?done={done}"));
    Ok(())
}
