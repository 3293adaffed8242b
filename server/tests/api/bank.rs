//! Editing the bank of services and job roles over HTTP: who may, what is kept of the version
//! before, and what bad input does.

use crate::helpers::*;
use app::{
    api::bank::{SaveRole, SaveService},
    db::entities::{audit_event, job_role, record_version, service},
    domain::account::Role,
};
use leptos::server_fn::ServerFn;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

const CAMHS: &str = "Child and Adolescent Mental Health Services (CAMHS)";

async fn service_row(app: &TestApp, name: &str) -> service::Model {
    service::Entity::find()
        .filter(service::Column::Name.eq(name))
        .one(app.db.reader())
        .await
        .unwrap()
        .expect("a demo service")
}

/// The whole form for a service as it is stored, with `changes` over it.
fn service_fields(
    row: &service::Model,
    changes: &[(&'static str, &str)],
) -> Vec<(&'static str, String)> {
    let age = |a: Option<i32>| a.map(|a| a.to_string()).unwrap_or_default();
    let mut fields = vec![
        ("id", row.id.to_string()),
        ("name", row.name.clone()),
        ("team_id", row.team_id.unwrap().to_string()),
        ("description", row.description.clone()),
        ("who_for", row.who_for.clone()),
        ("minimum_age", age(row.minimum_age)),
        ("maximum_age", age(row.maximum_age)),
        ("referral_route", row.referral_route.clone()),
        ("phone", row.phone.clone()),
        ("email", row.email.clone()),
        ("opening_hours", row.opening_hours.clone()),
        ("locations", row.locations.clone()),
        ("cost", row.cost.clone()),
        ("legal_basis", row.legal_basis.clone()),
        ("status", row.status.clone()),
        ("published", "yes".to_owned()),
    ];
    for (name, value) in changes {
        fields.retain(|(n, _)| n != name);
        if !value.is_empty() {
            fields.push((name, (*value).to_owned()));
        }
    }
    fields
}

async fn post(
    app: &TestApp,
    cookie: &str,
    from: &str,
    path: &str,
    fields: &[(&'static str, String)],
) -> (String, u16, String) {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let response = submit(app, from, path, &fields, Some(cookie)).await;
    let to = location(&response);
    let (status, html) = follow(app, &response, Some(cookie)).await;
    (to, status, html)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_champion_edits_a_service_and_anyone_signed_in_can_see_the_version_before() {
    let app = spawn_app().await;
    let cookie = member_as(&app, "amira.khan@example.org", Role::Champion).await;
    let before = service_row(&app, CAMHS).await;
    let edit = format!("/services/{}/edit", before.id);
    let (status, html) = page(&app, &edit, Some(&cookie)).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Edit service") && html.contains("Drove Road"),
        "{html}"
    );

    // The directory's search index is loaded before the rename and must notice it.
    let (_, found) = page(&app, "/people?q=kooth", Some(&cookie)).await;
    assert!(!found.contains("Amira Khan"), "{found}");
    let fields = service_fields(
        &before,
        &[("name", "CAMHS and Kooth"), ("cost", "No charge")],
    );
    let (to, _, html) = post(&app, &cookie, &edit, SaveService::PATH, &fields).await;
    assert!(
        to.ends_with(&format!("/services/{}?done=saved", before.id)),
        "{to}"
    );
    assert!(
        html.contains("Service saved") && html.contains("CAMHS and Kooth"),
        "{html}"
    );
    assert!(
        html.contains("UTC by Sam Patel"),
        "reviewed by the editor: {html}"
    );
    let (_, found) = page(&app, "/people?q=kooth", Some(&cookie)).await;
    assert!(found.contains("Amira Khan"), "{found}");

    let after = service_row(&app, "CAMHS and Kooth").await;
    assert_eq!((after.version, after.cost.as_str()), (2, "No charge"));
    let kept = record_version::Entity::find()
        .filter(record_version::Column::RecordType.eq("service"))
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((kept.record_id, kept.version), (before.id, 1));
    let logged = audit_event::Entity::find()
        .filter(audit_event::Column::RecordType.eq("service"))
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    let changes = logged.changes.unwrap();
    assert!(
        changes.contains("CAMHS and Kooth") && changes.contains("Cost"),
        "{changes}"
    );

    let reader = member_as(&app, "reader@example.org", Role::Staff).await;
    let (status, html) = page(
        &app,
        &format!("/services/{}/history", before.id),
        Some(&reader),
    )
    .await;
    assert_eq!(status, 200);
    assert!(html.contains("1 earlier version"), "{html}");
    assert!(
        html.contains("Version 1") && html.contains(CAMHS),
        "the old name: {html}"
    );
    assert!(html.contains("Changed next"));

    // Saving with no change is a review: logged, no new version.
    let fields = service_fields(&after, &[]);
    post(&app, &cookie, &edit, SaveService::PATH, &fields).await;
    assert_eq!(service_row(&app, "CAMHS and Kooth").await.version, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn staff_may_read_the_bank_but_not_edit_it() {
    let app = spawn_app().await;
    let cookie = member_as(&app, "reader@example.org", Role::Staff).await;
    let before = service_row(&app, CAMHS).await;
    let (status, html) = page(&app, &format!("/services/{}", before.id), Some(&cookie)).await;
    assert_eq!(status, 200);
    assert!(!html.contains("Edit or review this service"), "{html}");
    let edit = format!("/services/{}/edit", before.id);
    let (status, _) = page(&app, &edit, Some(&cookie)).await;
    assert_eq!(status, 403);
    let fields = service_fields(&before, &[("cost", "£5")]);
    let (_, _, html) = post(&app, &cookie, &edit, SaveService::PATH, &fields).await;
    assert!(html.contains("You do not have permission"), "{html}");
    assert_eq!(service_row(&app, CAMHS).await, before);
    // Not signed in: to the sign-in page and back.
    let response = app.get(&edit).await;
    assert_eq!(response.status(), 303);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_service_input_is_explained_by_the_field_and_changes_nothing() {
    let app = spawn_app().await;
    let cookie = member_as(&app, "amira.khan@example.org", Role::Champion).await;
    let before = service_row(&app, CAMHS).await;
    let edit = format!("/services/{}/edit", before.id);
    let fields = service_fields(
        &before,
        &[
            ("minimum_age", "19"),
            ("referral_form_url", "javascript:alert(1)"),
            ("email", "camhs at nhs"),
        ],
    );
    let (to, _, html) = post(&app, &cookie, &edit, SaveService::PATH, &fields).await;
    assert_eq!(to, format!("/services/{}/edit", before.id));
    assert!(
        html.contains("Maximum age must be the same as or more than the minimum age"),
        "{html}"
    );
    assert!(html.contains("Referral form must be a web address starting https://"));
    assert!(html.contains("Enter an email address, like team@example.org"));
    // Another service of the same organisation already has the name (in other letter case).
    let other = service_row(&app, "Community Mental Health Team").await;
    let fields = service_fields(
        &before,
        &[
            ("name", &other.name.to_uppercase()),
            ("team_id", &other.team_id.unwrap().to_string()),
        ],
    );
    let (_, _, html) = post(&app, &cookie, &edit, SaveService::PATH, &fields).await;
    assert!(
        html.contains("Another service in this organisation already has this name"),
        "{html}"
    );
    assert_eq!(service_row(&app, CAMHS).await, before);
    let versions = record_version::Entity::find()
        .all(app.db.reader())
        .await
        .unwrap();
    assert!(versions.is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_unpublished_service_is_seen_only_by_those_who_edit_the_bank() {
    let app = spawn_app().await;
    let cookie = member_as(&app, "amira.khan@example.org", Role::Champion).await;
    let camhs = service_row(&app, CAMHS).await;
    let fields = vec![
        ("name", "Young carers' drop-in".to_owned()),
        ("team_id", camhs.team_id.unwrap().to_string()),
        ("status", "active".to_owned()),
        (
            "description",
            "A weekly drop-in for young carers.".to_owned(),
        ),
        ("who_for", "Young carers aged 8 to 18.".to_owned()),
        ("referral_route", "Just come along.".to_owned()),
        ("minimum_age", "8".to_owned()),
        ("maximum_age", "18".to_owned()),
    ];
    let (to, status, html) = post(&app, &cookie, "/services/new", SaveService::PATH, &fields).await;
    assert_eq!(status, 200, "{to}");
    assert!(
        html.contains("Service saved") && html.contains("Not published"),
        "{html}"
    );
    let path = to.split('?').next().unwrap().to_owned();
    let (status, _) = page(&app, &path, None).await;
    assert_eq!(status, 404, "the public does not see a draft");
    let (_, list) = page(&app, "/services", None).await;
    assert!(!list.contains("Young carers"));
    let (_, list) = page(&app, "/services", Some(&cookie)).await;
    assert!(
        list.contains("Young carers") && list.contains("12 services"),
        "{list}"
    );
    let feed = app
        .get("/openreferral/services")
        .await
        .text()
        .await
        .unwrap();
    assert!(!feed.contains("Young carers"));
    let created = audit_event::Entity::find()
        .filter(audit_event::Column::RecordType.eq("service"))
        .filter(audit_event::Column::Action.eq("create"))
        .count(app.db.reader())
        .await
        .unwrap();
    assert_eq!(created, 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_role_is_added_and_edited_with_its_history() {
    let app = spawn_app().await;
    let cookie = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    let camhs = service_row(&app, CAMHS).await;
    let mut fields = vec![
        ("title", "CAMHS nurse".to_owned()),
        ("service_id", camhs.id.to_string()),
        (
            "what_they_do",
            "Assessments and care coordination.".to_owned(),
        ),
        ("presented_on", "2026-09-16".to_owned()),
    ];
    let (to, _, html) = post(&app, &cookie, "/roles/new", SaveRole::PATH, &fields).await;
    assert!(to.contains("/roles?done=saved#role-"), "{to}");
    assert!(
        html.contains("Job role saved") && html.contains("CAMHS nurse"),
        "{html}"
    );
    let role = job_role::Entity::find()
        .filter(job_role::Column::Title.eq("CAMHS nurse"))
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();

    // The same title again for the same service is refused by the field.
    let (_, _, html) = post(&app, &cookie, "/roles/new", SaveRole::PATH, &fields).await;
    assert!(
        html.contains("This service already has a job role with this title"),
        "{html}"
    );

    fields.push(("id", role.id.to_string()));
    fields.push(("typical_caseload", "About 25 young people".to_owned()));
    let edit = format!("/roles/{}/edit", role.id);
    post(&app, &cookie, &edit, SaveRole::PATH, &fields).await;
    let (status, html) = page(&app, &format!("/roles/{}/history", role.id), Some(&cookie)).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("History of CAMHS nurse") && html.contains("Version 1"),
        "{html}"
    );
    assert!(
        html.contains("About 25 young people"),
        "the current version: {html}"
    );

    let (status, _) = page(&app, "/roles/9999/history", Some(&cookie)).await;
    assert_eq!(status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_profiles_history_is_for_those_who_may_edit_it() {
    let app = spawn_app().await;
    let owner = member_as(&app, "amira.khan@example.org", Role::Champion).await;
    let other = member_as(&app, "reader@example.org", Role::Staff).await;
    let id = crate::directory::profile_row(&app, "amira.khan@example.org")
        .await
        .id;
    let history = format!("/people/{id}/history");
    let (status, html) = page(&app, &history, Some(&owner)).await;
    assert_eq!(status, 200);
    assert!(html.contains("not been changed since"), "{html}");
    let (status, _) = page(&app, &history, Some(&other)).await;
    assert_eq!(status, 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_past_the_end_of_the_services_shows_the_last_one_with_the_counts() {
    let app = spawn_app().await;
    let (status, html) = page(&app, "/services?page=9", None).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("11 services") && html.contains(CAMHS),
        "{html}"
    );
    assert!(
        html.contains("Services not reviewed for a year (2)"),
        "{html}"
    );
    let (_, due) = page(&app, "/services?review=due&page=3", None).await;
    assert!(
        due.contains("2 services") && due.contains("Centres"),
        "{due}"
    );
    assert!(!due.contains(CAMHS), "reviewed 15 days ago: {due}");
}
