//! Calendar files: `GET /meetings/{id}/invite.ics`, one meeting for a signed-in person to add
//! to their calendar. The text is the one invitations carry (`app::domain::meetings::ics`),
//! published rather than sent as a request.

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
use lettre::message::Mailbox;
use url::Url;

#[derive(Clone)]
struct Calendars {
    db: Db,
    session: SessionSettings,
    organizer: Mailbox,
    public_url: Url,
}

pub fn routes<S: Clone + Send + Sync + 'static>(
    db: Db,
    session: SessionSettings,
    organizer: Mailbox,
    public_url: Url,
) -> Router<S> {
    Router::new()
        .route("/meetings/{id}/invite.ics", get(invite))
        .with_state(Calendars {
            db,
            session,
            organizer,
            public_url,
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
        Ok(Some(text)) => (
            [
                (
                    header::CONTENT_TYPE,
                    HeaderValue::from_static("text/calendar; charset=utf-8"),
                ),
                (
                    header::CONTENT_DISPOSITION,
                    HeaderValue::from_static("attachment; filename=\"invite.ics\""),
                ),
            ],
            text,
        )
            .into_response(),
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
    let mut page = calendars.public_url.clone();
    page.set_path(&format!("/meetings/{id}"));
    let name = calendars.organizer.name.clone().unwrap_or_default();
    let email = calendars.organizer.email.to_string();
    let organizer = Person {
        name: &name,
        email: &email,
    };
    let event = meetings::event(&row, organizer, None, page.as_str(), now);
    Ok(Some(ics::calendar(Method::Publish, &[event])))
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, "Page not found").into_response()
}
