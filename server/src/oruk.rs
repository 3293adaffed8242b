//! The bank's published services as an Open Referral UK / HSDS 3 feed:
//! `GET /openreferral/services` (paginated) and `GET /openreferral/services/{id}`. Public and
//! read-only, with `Access-Control-Allow-Origin: *` so directories elsewhere can read it.
//! Ids are UUIDs derived from ours (version 5), so they stay the same from one read to the next.

use app::db::{
    Db,
    bank::{published_ids, published_row, published_rows},
    entities::{organisation, service},
};
use axum::{
    Json, Router,
    extract::{Path, Query, State},
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use sea_orm::EntityTrait;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use uuid::Uuid;

const DEFAULT_SIZE: u64 = 50;
const LARGEST_SIZE: u64 = 200;

/// Our namespace for the feed's UUIDs (itself a v5 UUID of the project's name).
const NAMESPACE: Uuid = Uuid::from_u128(0x3d1c_9b7e_6f0a_5c2e_9a41_7b3e_0c5d_8f12);

fn uuid_of(kind: &str, id: i32) -> String {
    Uuid::new_v5(&NAMESPACE, format!("{kind}/{id}").as_bytes()).to_string()
}

pub fn routes<S: Clone + Send + Sync + 'static>(db: Db) -> Router<S> {
    Router::new()
        .route("/openreferral/services", get(list))
        .route("/openreferral/services/{id}", get(one))
        .with_state(db)
}

#[derive(Debug, Deserialize)]
struct PageQuery {
    page: Option<u64>,
    per_page: Option<u64>,
}

/// HSDS 3's page of results.
#[derive(Debug, Serialize)]
struct Page {
    total_items: u64,
    total_pages: u64,
    page_number: u64,
    size: u64,
    first_page: bool,
    last_page: bool,
    empty: bool,
    contents: Vec<OrukService>,
}

#[derive(Debug, Serialize)]
struct OrukService {
    id: String,
    organization_id: String,
    name: String,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
    status: &'static str,
    application_process: String,
    fees_description: String,
    eligibility_description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    minimum_age: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    maximum_age: Option<i32>,
    last_modified: String,
    organization: Organization,
    contacts: Vec<Contact>,
    phones: Vec<Phone>,
    schedules: Vec<Schedule>,
}

#[derive(Debug, Serialize)]
struct Organization {
    id: String,
    name: String,
    description: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    website: Option<String>,
}

#[derive(Debug, Serialize)]
struct Contact {
    id: String,
    service_id: String,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    email: Option<String>,
}

#[derive(Debug, Serialize)]
struct Phone {
    id: String,
    service_id: String,
    number: String,
}

#[derive(Debug, Serialize)]
struct Schedule {
    id: String,
    service_id: String,
    description: String,
}

fn non_empty(text: &str) -> Option<String> {
    (!text.is_empty()).then(|| text.to_owned())
}

fn to_oruk(row: service::Model, organisations: &HashMap<i32, organisation::Model>) -> OrukService {
    let id = uuid_of("service", row.id);
    let organisation = organisations.get(&row.organisation_id);
    let organization = Organization {
        id: uuid_of("organisation", row.organisation_id),
        name: organisation.map(|o| o.name.clone()).unwrap_or_default(),
        description: organisation
            .map(|o| o.description.clone())
            .unwrap_or_default(),
        website: organisation.and_then(|o| non_empty(&o.url)),
    };
    let status = match row.status.as_str() {
        "active" => "active",
        "temporarily_closed" => "temporarily closed",
        _ => "inactive",
    };
    let email = non_empty(&row.email);
    let contacts = email
        .iter()
        .map(|email| Contact {
            id: uuid_of("service-contact", row.id),
            service_id: id.clone(),
            name: format!("{} referrals", row.name),
            email: Some(email.clone()),
        })
        .collect();
    let phones = non_empty(&row.phone)
        .map(|number| Phone {
            id: uuid_of("service-phone", row.id),
            service_id: id.clone(),
            number,
        })
        .into_iter()
        .collect();
    let schedules = non_empty(&row.opening_hours)
        .map(|description| Schedule {
            id: uuid_of("service-schedule", row.id),
            service_id: id.clone(),
            description,
        })
        .into_iter()
        .collect();
    OrukService {
        organization_id: organization.id.clone(),
        name: row.name,
        description: row.description,
        url: non_empty(&row.url),
        email,
        status,
        application_process: row.referral_route,
        fees_description: row.cost,
        eligibility_description: row.who_for,
        minimum_age: row.minimum_age,
        maximum_age: row.maximum_age,
        last_modified: row
            .updated_at
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        organization,
        contacts,
        phones,
        schedules,
        id,
    }
}

async fn organisations(db: &Db) -> Result<HashMap<i32, organisation::Model>, sea_orm::DbErr> {
    let rows = organisation::Entity::find().all(db.reader()).await?;
    Ok(rows.into_iter().map(|o| (o.id, o)).collect())
}

/// Anyone anywhere may read the feed.
fn shared(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::ACCESS_CONTROL_ALLOW_ORIGIN,
        HeaderValue::from_static("*"),
    );
    response
}

fn failed(context: &str, error: impl std::fmt::Display) -> Response {
    tracing::error!(context, error = %error, "internal error");
    let body = Json(serde_json::json!({ "error": "Sorry, there is a problem with the service." }));
    shared((StatusCode::INTERNAL_SERVER_ERROR, body).into_response())
}

async fn list(State(db): State<Db>, Query(query): Query<PageQuery>) -> Response {
    let size = query
        .per_page
        .unwrap_or(DEFAULT_SIZE)
        .clamp(1, LARGEST_SIZE);
    let page_number = query.page.unwrap_or(1).max(1);
    let loaded = async {
        let organisations = organisations(&db).await?;
        let (total, rows) = published_rows(db.reader(), page_number - 1, size).await?;
        Ok::<_, sea_orm::DbErr>((organisations, total, rows))
    };
    let (organisations, total_items, rows) = match loaded.await {
        Ok(loaded) => loaded,
        Err(e) => return failed("reading the Open Referral feed", e),
    };
    let total_pages = total_items.div_ceil(size);
    let contents: Vec<_> = rows
        .into_iter()
        .map(|r| to_oruk(r, &organisations))
        .collect();
    shared(
        Json(Page {
            total_items,
            total_pages,
            page_number,
            size,
            first_page: page_number == 1,
            last_page: page_number >= total_pages,
            empty: contents.is_empty(),
            contents,
        })
        .into_response(),
    )
}

async fn one(State(db): State<Db>, Path(id): Path<String>) -> Response {
    let not_found = || {
        let body =
            Json(serde_json::json!({ "error": "There is no published service with this id." }));
        shared((StatusCode::NOT_FOUND, body).into_response())
    };
    // Both our number and the feed's UUID find a service.
    let ours = match id.parse::<i32>() {
        Ok(number) => Some(number),
        Err(_) => match published_ids(db.reader()).await {
            Ok(ids) => ids.into_iter().find(|&ours| uuid_of("service", ours) == id),
            Err(e) => return failed("finding a service in the Open Referral feed", e),
        },
    };
    let Some(ours) = ours else { return not_found() };
    let loaded = async {
        let organisations = organisations(&db).await?;
        let row = published_row(db.reader(), ours).await?;
        Ok::<_, sea_orm::DbErr>((organisations, row))
    };
    match loaded.await {
        Ok((organisations, Some(row))) => {
            shared(Json(to_oruk(row, &organisations)).into_response())
        }
        Ok((_, None)) => not_found(),
        Err(e) => failed("reading a service for the Open Referral feed", e),
    }
}
