//! Meetings. Everything here needs a signed-in user (DESIGN: the group's business is not
//! public); only coordinators schedule, change and cancel.

#[cfg(feature = "ssr")]
use crate::domain::account::Role;
use crate::{
    domain::meetings::{
        AnswerForm, GuestForm, MeetingDetail, MeetingForm, MeetingsOverview, RsvpView, SeriesForm,
    },
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
    let days = super::context::proposal_days();
    crate::db::meetings::detail(db.reader(), id, reader(&me), days, chrono::Utc::now())
        .await
        .map_err(|e| AppError::internal("reading a meeting", e))?
        .ok_or(AppError::NotFound)
}

/// Who is reading, and the revision of what meetings' pages show
/// (`db::meetings::page_revision`): what a kept page is looked up by.
#[cfg(feature = "ssr")]
pub async fn page_revision() -> Result<(i32, i64), AppError> {
    let me = super::context::signed_in().await?;
    let db = super::context::db()?;
    let revision = crate::db::meetings::page_revision(db.reader())
        .await
        .map_err(|e| AppError::internal("reading the meeting pages' revision", e))?;
    Ok((me.id, revision))
}

/// What the caller may see of a meeting.
#[cfg(feature = "ssr")]
fn reader(me: &crate::domain::account::Account) -> crate::db::meetings::Reader {
    crate::db::meetings::Reader {
        account_id: me.id,
        coordinator: me.role.includes(Role::Coordinator),
        member: me.role.includes(Role::Champion),
    }
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
            let db = $crate::api::context::db()?;
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

#[cfg(feature = "ssr")]
use write;

pub mod agenda;

/// A meeting as stored, or `NotFound`.
#[cfg(feature = "ssr")]
async fn meeting_row(id: i32) -> Result<crate::db::entities::meeting::Model, AppError> {
    let db = super::context::db()?;
    crate::db::meetings::meeting(db.reader(), id)
        .await
        .map_err(|e| AppError::internal("reading a meeting", e))?
        .ok_or(AppError::NotFound)
}

/// The service's name and postbox, for the letters a change queues.
#[cfg(feature = "ssr")]
struct Letters {
    postbox: crate::mail::Postbox,
    service: String,
}

#[cfg(feature = "ssr")]
impl Letters {
    fn new() -> Result<Self, AppError> {
        Ok(Self {
            postbox: super::context::postbox()?,
            service: super::context::site()?.service_name().to_owned(),
        })
    }

    fn sender(&self) -> crate::db::meetings::invitations::Sender<'_> {
        crate::db::meetings::invitations::Sender {
            postbox: &self.postbox,
            service: &self.service,
        }
    }

    /// Call once the transaction that queued `count` letters has committed.
    fn sent(&self, count: usize) {
        if count > 0 {
            self.postbox.letters_queued();
        }
    }
}

/// After a meeting changed (`Some(true)`): everyone invited is sent the update or the
/// cancellation, in the change's transaction. `None`: there was no such meeting.
#[cfg(feature = "ssr")]
async fn tell_invited(
    txn: &sea_orm::DatabaseTransaction,
    sender: crate::db::meetings::invitations::Sender<'_>,
    id: i32,
    changed: Option<bool>,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<Option<usize>, sea_orm::DbErr> {
    match changed {
        None => Ok(None),
        Some(false) => Ok(Some(0)),
        Some(true) => crate::db::meetings::invitations::send_change(txn, sender, id, now)
            .await
            .map(Some),
    }
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
    let current = meeting_row(id).await?;
    let now = chrono::Utc::now();
    let today = crate::db::meetings::local_now(now).date();
    let valid = form
        .validate(today, Some(current.date))
        .map_err(AppError::Invalid)?;
    let letters = Letters::new()?;
    let told = write!("changing a meeting", |txn| async {
        let moved = crate::db::meetings::change_meeting(&txn, id, &valid, me.id, now).await?;
        tell_invited(&txn, letters.sender(), id, moved, now).await
    })?;
    letters.sent(told);
    leptos_axum::redirect(&format!("/meetings/{id}?done=changed"));
    Ok(())
}

/// Cancels a meeting (`restore` puts it back).
#[server(endpoint = "cancel-meeting")]
pub async fn cancel_meeting(id: i32, restore: Option<String>) -> Result<(), AppError> {
    let me = super::context::require(Role::Coordinator).await?;
    let cancelled = restore.is_none();
    let letters = Letters::new()?;
    let now = chrono::Utc::now();
    let told = write!("cancelling a meeting", |txn| async {
        let changed = crate::db::meetings::set_cancelled(&txn, id, cancelled, me.id, now).await?;
        tell_invited(&txn, letters.sender(), id, changed, now).await
    })?;
    letters.sent(told);
    let done = if cancelled { "cancelled" } else { "restored" };
    leptos_axum::redirect(&format!("/meetings/{id}?done={done}"));
    Ok(())
}

/// Emails the invitation, with its calendar object, to every member and guest not yet sent
/// one.
#[server(endpoint = "send-invitations")]
pub async fn send_invitations(id: i32) -> Result<(), AppError> {
    let me = super::context::require(Role::Coordinator).await?;
    let now = chrono::Utc::now();
    let row = meeting_row(id).await?;
    if row.cancelled {
        return Err(AppError::invalid(
            "invite",
            "The meeting is cancelled: put it back on first",
        ));
    }
    if crate::db::meetings::invitations::ends_at(&row) <= now {
        return Err(AppError::invalid("invite", "The meeting has ended"));
    }
    let letters = Letters::new()?;
    let sent = write!("sending invitations", |txn| {
        crate::db::meetings::invitations::send_invitations(&txn, letters.sender(), id, me.id, now)
    })?;
    letters.sent(sent);
    leptos_axum::redirect(&format!("/meetings/{id}?done=invited&sent={sent}"));
    Ok(())
}

/// Adds a guest (an outside presenter) to one meeting.
#[server(endpoint = "add-guest")]
pub async fn add_guest(id: i32, #[server(flatten)] form: GuestForm) -> Result<(), AppError> {
    let me = super::context::require(Role::Coordinator).await?;
    let guest = form.validate().map_err(AppError::Invalid)?;
    let letters = Letters::new()?;
    let now = chrono::Utc::now();
    let added = write!("adding a guest", |txn| {
        crate::db::meetings::invitations::add_guest(&txn, letters.sender(), id, &guest, me.id, now)
    })?;
    if !added {
        return Err(AppError::invalid(
            "email",
            "This person is already a guest of the meeting",
        ));
    }
    letters.sent(1);
    leptos_axum::redirect(&format!("/meetings/{id}?done=guest"));
    Ok(())
}

/// A member's answer from the meeting's page, with a deputy from their team if they send
/// apologies.
#[server(endpoint = "answer-meeting")]
pub async fn answer_meeting(id: i32, #[server(flatten)] form: AnswerForm) -> Result<(), AppError> {
    let me = super::context::require(Role::Champion).await?;
    let db = super::context::db()?;
    let now = chrono::Utc::now();
    let row = meeting_row(id).await?;
    if crate::db::meetings::invitations::ends_at(&row) <= now {
        return Err(AppError::invalid("answer", "The meeting has ended"));
    }
    let colleagues: Vec<i32> = crate::db::meetings::invitations::colleagues(db.reader(), me.id)
        .await
        .map_err(|e| AppError::internal("reading a member's team", e))?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let answer = form.validate(&colleagues).map_err(AppError::Invalid)?;
    write!("recording an answer", |txn| async {
        let invitee = crate::db::meetings::invitations::member_row(&txn, id, me.id).await?;
        crate::db::meetings::invitations::record_answer(&txn, invitee, &answer, now)
            .await
            .map(Some)
    })?;
    leptos_axum::redirect(&format!("/meetings/{id}?done=answered"));
    Ok(())
}

/// What an emailed answer link is for. Anyone holding the link: it is the credential.
#[server(endpoint = "rsvp")]
pub async fn rsvp(link: String) -> Result<RsvpView, AppError> {
    let db = super::context::db()?;
    let (invitee, row, name) =
        crate::db::meetings::invitations::by_link(db.reader(), &link, chrono::Utc::now())
            .await
            .map_err(|e| AppError::internal("reading an answer link", e))?
            .ok_or(AppError::LinkExpired)?;
    Ok(RsvpView {
        meeting: crate::db::meetings::summary(&row),
        name,
        answer: invitee
            .answer
            .as_deref()
            .and_then(crate::domain::meetings::Answer::parse),
        note: invitee.note,
    })
}

/// Records the answer an emailed link's page confirms (a POST: mail scanners that follow
/// the link record nothing). Using it again, or the other link, changes the one answer.
#[server(endpoint = "answer-by-link")]
pub async fn answer_by_link(
    link: String,
    #[server(flatten)] form: AnswerForm,
) -> Result<(), AppError> {
    let db = super::context::db()?;
    let now = chrono::Utc::now();
    let answer = AnswerForm {
        deputy: String::new(),
        ..form
    }
    .validate(&[])
    .map_err(AppError::Invalid)?;
    let done = async {
        let txn = db.begin_write().await?;
        let Some((invitee, ..)) =
            crate::db::meetings::invitations::by_link(&txn, &link, now).await?
        else {
            return Ok(None);
        };
        crate::db::meetings::invitations::record_answer(&txn, invitee, &answer, now).await?;
        txn.commit().await?;
        Ok::<_, sea_orm::DbErr>(Some(()))
    };
    done.await
        .map_err(|e| AppError::internal("recording an answer", e))?
        .ok_or(AppError::LinkExpired)?;
    let next = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("link", &link)
        .append_pair("done", "answered")
        .finish();
    leptos_axum::redirect(&format!("/rsvp?{next}"));
    Ok(())
}

/// The address of the member's calendar feed, if they have made one.
#[server(endpoint = "calendar-feed")]
pub async fn calendar_feed() -> Result<Option<String>, AppError> {
    let me = super::context::require(Role::Champion).await?;
    let db = super::context::db()?;
    let token = crate::db::meetings::feed_token(db.reader(), me.id)
        .await
        .map_err(|e| AppError::internal("reading a calendar feed", e))?;
    let postbox = super::context::postbox()?;
    Ok(token.map(|token| postbox.page(&format!("/calendar/{token}.ics"))))
}

/// Makes the member a new calendar feed address; the old one stops working.
#[server(endpoint = "renew-calendar-feed")]
pub async fn renew_calendar_feed() -> Result<(), AppError> {
    let me = super::context::require(Role::Champion).await?;
    write!("renewing a calendar feed", |txn| async {
        crate::db::meetings::renew_feed(&txn, me.id, chrono::Utc::now())
            .await
            .map(Some)
    })?;
    leptos_axum::redirect("/account?done=calendar#calendar");
    Ok(())
}

/// Whether a meeting has begun, for recording its attendance.
#[cfg(feature = "ssr")]
async fn begun(id: i32) -> Result<(), AppError> {
    let row = meeting_row(id).await?;
    let start = crate::db::meetings::invitations::starts_at(&row);
    if row.cancelled {
        return Err(AppError::invalid("attendance", "The meeting was cancelled"));
    }
    if start > chrono::Utc::now() {
        return Err(AppError::invalid(
            "attendance",
            "Attendance is recorded once the meeting has begun",
        ));
    }
    Ok(())
}

/// Records who came: one mark per person, `{who}:{attendance}` (`m12:present`).
#[server(endpoint = "record-attendance")]
pub async fn record_attendance(
    id: i32,
    #[server(default)] mark: Vec<String>,
) -> Result<(), AppError> {
    use crate::domain::meetings::attendance::read_marks;
    let me = super::context::require(Role::Coordinator).await?;
    begun(id).await?;
    let db = super::context::db()?;
    let expected: Vec<_> = crate::db::meetings::attendance::sheet(db.reader(), id)
        .await
        .map_err(|e| AppError::internal("reading who a meeting expects", e))?
        .into_iter()
        .map(|row| row.who)
        .collect();
    let marks =
        read_marks(&mark, &expected).map_err(|message| AppError::invalid("attendance", message))?;
    write!("recording attendance", |txn| async {
        crate::db::meetings::attendance::record(&txn, id, &marks, me.id, chrono::Utc::now())
            .await
            .map(Some)
    })?;
    leptos_axum::redirect(&format!("/meetings/{id}?done=attendance#attendance"));
    Ok(())
}

/// Marks everyone who said they would attend, with nothing recorded yet, as present.
#[server(endpoint = "mark-attending-present")]
pub async fn mark_attending_present(id: i32) -> Result<(), AppError> {
    let me = super::context::require(Role::Coordinator).await?;
    begun(id).await?;
    write!("marking attendance", |txn| async {
        crate::db::meetings::attendance::mark_attending_present(&txn, id, me.id, chrono::Utc::now())
            .await
            .map(Some)
    })?;
    leptos_axum::redirect(&format!("/meetings/{id}?done=attendance#attendance"));
    Ok(())
}

#[server(endpoint = "attendance")]
pub async fn attendance_report()
-> Result<crate::domain::meetings::attendance::AttendanceReport, AppError> {
    super::context::require(Role::Coordinator).await?;
    let db = super::context::db()?;
    crate::db::meetings::attendance::report(db.reader(), chrono::Utc::now())
        .await
        .map_err(|e| AppError::internal("reading attendance", e))
}

/// The same figures per member, as CSV.
#[server(input = leptos::server_fn::codec::GetUrl, output = leptos::server_fn::codec::StreamingText, endpoint = "attendance.csv")]
pub async fn attendance_csv() -> Result<leptos::server_fn::codec::TextStream<AppError>, AppError> {
    super::context::require(Role::Coordinator).await?;
    let db = super::context::db()?;
    let report = crate::db::meetings::attendance::report(db.reader(), chrono::Utc::now())
        .await
        .map_err(|e| AppError::internal("reading attendance", e))?;
    let text = crate::csv_format::attendance(&report.members)
        .map_err(|e| AppError::internal("writing attendance as CSV", e))?;
    Ok(super::context::csv_download(text, "attendance.csv"))
}
