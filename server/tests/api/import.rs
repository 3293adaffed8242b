//! CSV export and import over HTTP: the dry run, all-or-nothing, limits, who may.

use crate::helpers::*;
use app::{
    api::import::{ConfirmImport, UploadImport},
    db::entities::{profile, service, team},
    domain::account::Role,
};
use leptos::server_fn::ServerFn;
use reqwest::{Response, header};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn upload(app: &TestApp, cookie: &str, kind: &str, name: &str, content: &[u8]) -> Response {
    let page = ("/import", UploadImport::PATH);
    upload_file(
        app,
        cookie,
        page,
        &[("kind", kind)],
        ("file", name, content),
    )
    .await
}

async fn csv(app: &TestApp, path: &str, cookie: Option<&str>) -> (u16, String) {
    page(app, path, cookie).await
}

async fn count_profiles(app: &TestApp) -> u64 {
    profile::Entity::find()
        .count(app.db.reader())
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_exported_file_edited_is_checked_row_by_row_and_imported_whole() {
    let app = spawn_app().await;
    let cookie = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    let (status, exported) = csv(&app, "/api/people.csv", Some(&cookie)).await;
    assert_eq!(status, 200);
    assert_eq!(
        exported.lines().count(),
        21,
        "a header and 20 demo profiles"
    );
    assert!(exported.starts_with("name,pronouns,job_title,team,organisation,work_email"));

    // One profile changed, one added, one wrong twice over.
    let changed = exported.replace(
        "Education Welfare Officer",
        "Senior Education Welfare Officer",
    );
    let grace = exported
        .lines()
        .find(|l| l.contains("grace.okafor@"))
        .unwrap();
    let added = grace
        .replace("Grace Okafor", "Noor Aziz")
        .replace("grace.okafor@", "noor.aziz@");
    let wrong = grace
        .replace("grace.okafor@example.org", "noor at example")
        .replace("Education Welfare Service", "No Such Team");
    let file = format!("{changed}{added}\n{wrong}\n");
    let response = upload(&app, &cookie, "people", "people.csv", file.as_bytes()).await;
    let to = location(&response);
    assert!(to.starts_with("/import/"), "{to}");
    let (status, html) = follow(&app, &response, Some(&cookie)).await;
    assert_eq!(status, 200);
    assert!(html.contains("1 of 22 rows need fixing"), "{html}");
    assert!(html.contains("There is no team \"No Such Team\""), "{html}");
    assert!(
        html.contains("work_email: Enter a work email address"),
        "{html}"
    );
    assert!(
        !html.contains("Import 21"),
        "no way to import a file with a wrong row"
    );
    assert_eq!(count_profiles(&app).await, 20, "a dry run changes nothing");

    let file = format!("{changed}{added}\n");
    let response = upload(&app, &cookie, "people", "people.csv", file.as_bytes()).await;
    let check = location(&response);
    let (_, html) = page(&app, &check, Some(&cookie)).await;
    assert!(
        html.contains("Importing will add 1 and update 20 profiles"),
        "{html}"
    );
    let id = check.trim_start_matches("/import/").to_owned();
    let response = submit(
        &app,
        &check,
        ConfirmImport::PATH,
        &[("id", &id)],
        Some(&cookie),
    )
    .await;
    assert_eq!(location(&response), "/import?added=1&updated=20");
    let (_, html) = page(&app, "/import?added=1&updated=20", Some(&cookie)).await;
    assert!(html.contains("Imported: 1 added, 20 updated"), "{html}");
    assert_eq!(count_profiles(&app).await, 21);
    let grace = profile::Entity::find()
        .filter(profile::Column::WorkEmail.eq("grace.okafor@example.org"))
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(grace.job_title, "Senior Education Welfare Officer");
    assert_eq!(grace.version, 2, "only changed rows get a new version");
    // The directory's search sees the import.
    let (_, found) = page(&app, "/people?q=noor", Some(&cookie)).await;
    assert!(found.contains("Noor Aziz"), "{found}");
    // A confirmed upload is gone: confirming again finds nothing.
    let (status, _) = page(&app, &check, Some(&cookie)).await;
    assert_eq!(status, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_file_that_no_longer_passes_its_check_imports_nothing() {
    let app = spawn_app().await;
    let cookie = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    let (_, exported) = csv(&app, "/api/services.csv", Some(&cookie)).await;
    let header = exported.lines().next().unwrap();
    let camhs = exported
        .lines()
        .find(|l| l.contains("Child and Adolescent"))
        .unwrap();
    let first = camhs.replace(
        "Child and Adolescent Mental Health Services (CAMHS)",
        "CAMHS eating disorders clinic",
    );
    let second = camhs.replace(
        "Child and Adolescent Mental Health Services (CAMHS)",
        "CAMHS crisis line",
    );
    let file = format!("{header}\n{first}\n{second}\n");
    let response = upload(&app, &cookie, "services", "services.csv", file.as_bytes()).await;
    let check = location(&response);
    let (_, html) = page(&app, &check, Some(&cookie)).await;
    assert!(
        html.contains("Importing will add 2 and update 0 services"),
        "{html}"
    );

    // The team both rows name is renamed before the import is confirmed.
    let camhs_team = team::Entity::find()
        .filter(team::Column::Name.eq("CAMHS"))
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    let txn = app.db.begin_write().await.unwrap();
    team::Entity::update_many()
        .col_expr(
            team::Column::Name,
            sea_orm::sea_query::Expr::value("CAMHS South"),
        )
        .filter(team::Column::Id.eq(camhs_team.id))
        .exec(&txn)
        .await
        .unwrap();
    txn.commit().await.unwrap();

    let before = service::Entity::find()
        .count(app.db.reader())
        .await
        .unwrap();
    let id = check.trim_start_matches("/import/").to_owned();
    let response = submit(
        &app,
        &check,
        ConfirmImport::PATH,
        &[("id", &id)],
        Some(&cookie),
    )
    .await;
    let (_, html) = follow(&app, &response, Some(&cookie)).await;
    assert!(
        html.contains("There is no team"),
        "the check, run again: {html}"
    );
    assert_eq!(
        service::Entity::find()
            .count(app.db.reader())
            .await
            .unwrap(),
        before
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_files_are_refused_with_a_reason_and_the_limit_named() {
    let app = spawn_app().await;
    let cookie = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    let big = vec![b'a'; 1024 * 1024 + 1];
    let response = upload(&app, &cookie, "people", "big.csv", &big).await;
    assert_eq!(response.status(), 303, "{:?}", response.text().await);
    let (_, html) = follow(&app, &response, Some(&cookie)).await;
    assert!(html.contains("The file must be 1 MB or smaller"), "{html}");
    assert!(html.contains("id=\"file-error\""));

    let response = upload(&app, &cookie, "people", "latin1.csv", b"name\xe9\n").await;
    let (_, html) = follow(&app, &response, Some(&cookie)).await;
    assert!(
        html.contains("The file must be CSV saved as UTF-8"),
        "{html}"
    );

    let response = upload(
        &app,
        &cookie,
        "services",
        "people.csv",
        b"name,work_email\nA,a@example.org\n",
    )
    .await;
    let (_, html) = follow(&app, &response, Some(&cookie)).await;
    assert!(html.contains("This file cannot be imported"), "{html}");
    assert!(html.contains("does not use"), "{html}");

    // Not a form upload at all: refused before the server function, not a crash.
    let response = app
        .client
        .post(app.url(UploadImport::PATH))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .header(header::COOKIE, &cookie)
        .body("kind=people")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 415);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn services_export_for_anyone_and_people_export_and_import_only_for_coordinators() {
    let app = spawn_app().await;
    let response = app.get("/api/services.csv").await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "content-type"), "text/csv; charset=utf-8");
    let text = response.text().await.unwrap();
    assert!(
        text.starts_with("name,team,organisation,status,published"),
        "{text}"
    );
    assert!(text.contains("Positive Steps"));
    assert_eq!(app.get("/api/people.csv").await.status(), 401);

    let champion = member_as(&app, "amira.khan@example.org", Role::Champion).await;
    let (status, _) = page(&app, "/api/people.csv", Some(&champion)).await;
    assert_eq!(status, 403, "everyone's contact details at once");
    let (status, _) = page(&app, "/import", Some(&champion)).await;
    assert_eq!(status, 403);
    let response = upload(&app, &champion, "people", "people.csv", b"name\n").await;
    let (_, html) = follow(&app, &response, Some(&champion)).await;
    assert!(html.contains("You do not have permission"), "{html}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_browser_following_a_download_link_gets_the_file() {
    let app = spawn_app().await;
    // As a browser sends it: a navigation accepts HTML, and says which page the link was on.
    let response = app
        .client
        .get(app.url("/api/services.csv"))
        .header("accept", "text/html,application/xhtml+xml,*/*;q=0.8")
        .header("referer", app.url("/import"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "not sent back to the page");
    assert_eq!(header(&response, "content-type"), "text/csv; charset=utf-8");
    assert!(response.text().await.unwrap().starts_with("name,"));
}
