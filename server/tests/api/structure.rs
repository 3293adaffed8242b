//! Coordinators edit the network's staff groups, organisations and teams.

use crate::helpers::*;
use app::{
    api::structure::{SaveTeam, SaveUnit},
    db::entities::{audit_event, organisation, team},
    domain::account::Role,
};
use leptos::server_fn::ServerFn;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

async fn team_row(app: &TestApp, name: &str) -> team::Model {
    team::Entity::find()
        .filter(team::Column::Name.eq(name))
        .one(app.db.reader())
        .await
        .unwrap()
        .expect("a demo team")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coordinator_renames_a_team_and_the_directory_finds_it_by_the_new_name() {
    let app = spawn_app().await;
    let cookie = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    let (status, html) = page(&app, "/teams", Some(&cookie)).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("12 teams") && html.contains("Family Therapy Service"),
        "{html}"
    );

    let camhs = team_row(&app, "CAMHS").await;
    // The search index is loaded here; a rename changes no profile, so it must be told.
    let (_, found) = page(&app, "/people?q=riverside", Some(&cookie)).await;
    assert!(found.contains("No one matches"), "{found}");
    let edit = format!("/teams/{}/edit", camhs.id);
    let fields = [
        ("id", camhs.id.to_string()),
        ("name", "CAMHS Riverside".to_owned()),
        ("organisation_id", camhs.organisation_id.to_string()),
        ("staff_group_id", camhs.staff_group_id.to_string()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let response = submit(&app, &edit, SaveTeam::PATH, &fields, Some(&cookie)).await;
    assert_eq!(location(&response), "/teams?done=saved");
    let (_, found) = page(&app, "/people?q=riverside", Some(&cookie)).await;
    assert!(found.contains("Amira Khan"), "{found}");
    let logged = audit_event::Entity::find()
        .filter(audit_event::Column::RecordType.eq("team"))
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    assert!(logged.changes.unwrap().contains("CAMHS Riverside"));

    // A second team of that name in the same organisation is refused by the field.
    let (_, html) = {
        let fields: Vec<(&str, &str)> =
            fields.iter().filter(|(n, _)| *n != "id").copied().collect();
        let response = submit(&app, "/teams/new", SaveTeam::PATH, &fields, Some(&cookie)).await;
        follow(&app, &response, Some(&cookie)).await
    };
    assert!(
        html.contains("This organisation already has a team with this name"),
        "{html}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn organisations_are_added_with_checked_fields_and_only_by_coordinators() {
    let app = spawn_app().await;
    let coordinator = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    let fields = [
        ("kind", "organisation"),
        ("name", "Barnardo's"),
        ("url", "not a web address"),
    ];
    let response = submit(
        &app,
        "/organisations/new",
        SaveUnit::PATH,
        &fields,
        Some(&coordinator),
    )
    .await;
    let (_, html) = follow(&app, &response, Some(&coordinator)).await;
    assert!(
        html.contains("Website must be a web address starting https://"),
        "{html}"
    );
    let count = || async {
        organisation::Entity::find()
            .all(app.db.reader())
            .await
            .unwrap()
            .len()
    };
    assert_eq!(count().await, 3);
    let fields = [
        ("kind", "organisation"),
        ("name", "Barnardo's"),
        ("url", "https://www.barnardos.org.uk"),
    ];
    let response = submit(
        &app,
        "/organisations/new",
        SaveUnit::PATH,
        &fields,
        Some(&coordinator),
    )
    .await;
    assert_eq!(location(&response), "/teams?done=saved");
    assert_eq!(count().await, 4);

    let champion = member_as(&app, "amira.khan@example.org", Role::Champion).await;
    let (status, _) = page(&app, "/teams", Some(&champion)).await;
    assert_eq!(status, 403);
    let fields = [("kind", "organisation"), ("name", "Someone else's")];
    submit(
        &app,
        "/organisations/new",
        SaveUnit::PATH,
        &fields,
        Some(&champion),
    )
    .await;
    assert_eq!(count().await, 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn renaming_an_organisation_reaches_a_list_of_services_already_read() {
    let app = spawn_app().await;
    let cookie = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    let org = organisation::Entity::find()
        .filter(organisation::Column::Name.eq("North Somerset Council"))
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    // The list comes from the directory's copy in memory, loaded here; a rename changes no
    // service, so the copy must be told.
    let (_, before) = page(&app, "/services", None).await;
    assert!(before.contains("North Somerset Council"), "{before}");
    let id = org.id.to_string();
    let fields = [
        ("kind", "organisation"),
        ("id", id.as_str()),
        ("name", "North Somerset Unitary Council"),
        ("description", org.description.as_str()),
        ("url", org.url.as_str()),
    ];
    let edit = format!("/organisations/{id}/edit");
    let response = submit(&app, &edit, SaveUnit::PATH, &fields, Some(&cookie)).await;
    assert_eq!(location(&response), "/teams?done=saved");
    let (_, after) = page(&app, "/services", None).await;
    assert!(
        after.contains("North Somerset Unitary Council")
            && !after.contains("North Somerset Council<"),
        "{after}"
    );
}
