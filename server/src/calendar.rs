//! Calendar files: `GET /meetings/{id}/invite.ics`, one meeting for a signed-in person to add
//! to their calendar, and `GET /calendar/{token}.ics`, a member's feed of their meetings for a
//! calendar to subscribe to (the secret address is the credential: calendars cannot sign in).
//! The events are the ones invitations carry (`app::domain::meetings::ics`), published rather
//! than sent as requests.

use app::mail::Postbox;
use app::{
    auth::cookie::SessionSettings,
    db::{Db, meetings, sessions},
    domain::meetings::ics::{self, Method, Person},
};
use axum::{
    Router,
    extract::{Path, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
    routing::get,
};

#[derive(Clone)]
struct Calendars {
    db: Db,
    session: SessionSettings,
    postbox: Postbox,
    service: String,
}

pub fn routes<S: Clone + Send + Sync + 'static>(
    db: Db,
    session: SessionSettings,
    postbox: Postbox,
    service: String,
) -> Router<S> {
    Router::new()
        .route("/meetings/{id}/invite.ics", get(invite))
        .route("/calendar/{file}", get(feed))
        .with_state(Calendars {
            db,
            session,
            postbox,
            service,
        })
}

async fn invite(
    State(calendars): State<Calendars>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let here = format!("/meetings/{id}/invite.ics");
    let Ok(id) = id.parse::<i32>() else {
        return not_found();
    };
    match invite_text(&calendars, id, &headers).await {
        Ok(Some(text)) => calendar_file(text, "attachment; filename=\"invite.ics\""),
        Ok(None) => not_found(),
        Err(Refused::SignIn) => {
            let next: String = url::form_urlencoded::byte_serialize(here.as_bytes()).collect();
            Redirect::to(&format!("/login?next={next}")).into_response()
        }
        Err(Refused::Failed(error)) => {
            tracing::error!(context = "writing a meeting's calendar file", %error, "internal error");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Sorry, there is a problem with the service. Try again later.",
            )
                .into_response()
        }
    }
}

enum Refused {
    SignIn,
    Failed(sea_orm::DbErr),
}

async fn invite_text(
    calendars: &Calendars,
    id: i32,
    headers: &HeaderMap,
) -> Result<Option<String>, Refused> {
    let secret = headers
        .get(header::COOKIE)
        .and_then(|h| h.to_str().ok())
        .and_then(|h| calendars.session.read(h))
        .ok_or(Refused::SignIn)?;
    let now = chrono::Utc::now();
    let db = calendars.db.reader();
    sessions::resolve(db, secret, calendars.session.policy, now)
        .await
        .map_err(Refused::Failed)?
        .ok_or(Refused::SignIn)?;
    let Some(row) = meetings::meeting(db, id).await.map_err(Refused::Failed)? else {
        return Ok(None);
    };
    let page = calendars.postbox.page(&format!("/meetings/{id}"));
    let organizer = Person {
        name: &calendars.service,
        email: &calendars.postbox.from,
    };
    let event = meetings::event(&row, organizer, None, &page, now);
    Ok(Some(ics::calendar(Method::Publish, &[event])))
}

async fn feed(State(calendars): State<Calendars>, Path(file): Path<String>) -> Response {
    let Some(token) = file.strip_suffix(".ics") else {
        return not_found();
    };
    let now = chrono::Utc::now();
    let meetings = match meetings::feed(calendars.db.reader(), token, now).await {
        Ok(Some(meetings)) => meetings,
        Ok(None) => return not_found(),
        Err(error) => {
            tracing::error!(context = "writing a calendar feed", %error, "internal error");
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Sorry, there is a problem with the service. Try again later.",
            )
                .into_response();
        }
    };
    let pages: Vec<String> = meetings
        .iter()
        .map(|m| calendars.postbox.page(&format!("/meetings/{}", m.id)))
        .collect();
    let organizer = Person {
        name: &calendars.service,
        email: &calendars.postbox.from,
    };
    let events: Vec<_> = meetings
        .iter()
        .zip(&pages)
        .map(|(m, page)| meetings::event(m, organizer, None, page, now))
        .collect();
    calendar_file(
        ics::calendar(Method::Publish, &events),
        "inline; filename=\"meetings.ics\"",
    )
}

/// `disposition` is `attachment` for a file to save, `inline` for a feed to read.
fn calendar_file(text: String, disposition: &'static str) -> Response {
    let disposition = HeaderValue::from_static(disposition);
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            ),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        text,
    )
        .into_response()
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "Page not found").into_response()
}
