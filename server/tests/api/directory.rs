//! The champion directory and the bank of services over HTTP, on the demo network.

use crate::helpers::*;
use app::{
    api::directory::SaveProfile,
    db::entities::{audit_event, profile, record_version},
    domain::account::Role,
};
use leptos::server_fn::ServerFn;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// The demo profile with this work email.
pub(crate) async fn profile_row(app: &TestApp, email: &str) -> profile::Model {
    profile::Entity::find()
        .filter(profile::Column::WorkEmail.eq(email))
        .one(app.db.reader())
        .await
        .unwrap()
        .expect("a demo profile")
}

/// Where each name first appears in the page, in the order given; panics if one is missing.
fn positions(html: &str, names: &[&str]) -> Vec<usize> {
    names
        .iter()
        .map(|name| html.find(name).unwrap_or_else(|| panic!("{name} missing")))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_directory_is_for_signed_in_people_only() {
    let app = spawn_app().await;
    let response = app.get("/people?q=camhs").await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/login?next=%2Fpeople%3Fq%3Dcamhs");
    let (status, _) = page(&app, "/people/1", None).await;
    assert_eq!(status, 303);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_search_ranks_the_team_before_those_who_can_talk_about_it_and_forgives_a_slip() {
    let app = spawn_app().await;
    let cookie = member_as(&app, "reader@example.org", Role::Staff).await;

    let (status, html) = page(&app, "/people?q=camhs", Some(&cookie)).await;
    assert_eq!(status, 200);
    assert!(html.contains("2 people"), "{html}");
    // Both work in the CAMHS team; Amira Khan also lists "CAMHS referrals".
    let found = positions(&html, &["Amira Khan", "Oliver Grant"]);
    assert!(found[0] < found[1], "{found:?}");

    let (_, html) = page(&app, "/people?q=cahms", Some(&cookie)).await;
    assert!(
        html.contains("Amira Khan") && html.contains("Oliver Grant"),
        "{html}"
    );

    let (_, html) = page(&app, "/people?q=%22%3Cscript%3E*NEAR(", Some(&cookie)).await;
    assert!(html.contains("No one matches"), "{html}");
    assert!(!html.contains("<script>*"), "the query is escaped");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn filters_and_who_can_i_shadow() {
    let app = spawn_app().await;
    let cookie = member_as(&app, "reader@example.org", Role::Staff).await;
    let (_, html) = page(&app, "/people?shadowing=yes", Some(&cookie)).await;
    assert!(html.contains("Who can I shadow?"));
    assert!(html.contains("Elena Rossi"), "offers shadowing");
    assert!(!html.contains("Ben Carter"), "does not");

    let group = "Adult+mental+health+%E2%80%93+primary";
    let (_, html) = page(&app, &format!("/people?staff_group={group}"), Some(&cookie)).await;
    assert!(html.contains("2 people"), "{html}");
    assert!(html.contains("James Whitfield") && html.contains("Hannah Cole"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_profile_shows_its_teams_services_with_how_to_refer() {
    let app = spawn_app().await;
    let cookie = member_as(&app, "reader@example.org", Role::Staff).await;
    let amira = profile_row(&app, "amira.khan@example.org").await;
    let (status, html) = page(&app, &format!("/people/{}", amira.id), Some(&cookie)).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Child and Adolescent Mental Health Services (CAMHS)"),
        "{html}"
    );
    assert!(html.contains("How to refer: "));
    assert!(html.contains("single point of access"));
    assert!(!html.contains("Edit profile"), "staff may not edit");

    let (status, _) = page(&app, "/people/9999", Some(&cookie)).await;
    assert_eq!(status, 404);
}

async fn save(app: &TestApp, cookie: &str, id: i32, fields: &[(&str, &str)]) -> (String, String) {
    let id = id.to_string();
    let mut all = vec![("id", id.as_str())];
    all.extend_from_slice(fields);
    let edit = format!("/people/{id}/edit");
    let response = submit(app, &edit, SaveProfile::PATH, &all, Some(cookie)).await;
    let to = location(&response);
    let (_, html) = follow(app, &response, Some(cookie)).await;
    (to, html)
}

fn amira_fields<'a>(team: &'a str, phone: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", "Amira Khan"),
        ("pronouns", "she/her"),
        ("job_title", "Primary Mental Health Worker (CAMHS)"),
        ("team_id", team),
        ("work_email", "amira.khan@example.org"),
        ("phone", phone),
        ("tags", "CAMHS referrals, self-harm, eating disorders, ADHD"),
        ("offers_shadowing", "yes"),
        ("shadowing_note", "Shadow a CAMHS choice appointment."),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_champion_edits_their_own_profile_and_no_one_elses() {
    let app = spawn_app().await;
    // Invited with the address of a demo profile: the profile becomes theirs.
    let cookie = member_as(&app, "amira.khan@example.org", Role::Champion).await;
    let amira = profile_row(&app, "amira.khan@example.org").await;
    let grace = profile_row(&app, "grace.okafor@example.org").await;
    let team = amira.team_id.to_string();

    let (status, html) = page(&app, &format!("/people/{}", amira.id), Some(&cookie)).await;
    assert_eq!(status, 200);
    assert!(html.contains("Your profile is"), "{html}");
    assert!(html.contains("Edit or confirm your profile"));

    // The search's copy of the directory is loaded here, and must notice the edit.
    let (_, before) = page(&app, "/people?q=adhd", Some(&cookie)).await;
    assert!(!before.contains("Amira Khan"), "{before}");
    let (to, html) = save(
        &app,
        &cookie,
        amira.id,
        &amira_fields(&team, "01632 960 999"),
    )
    .await;
    assert!(
        to.ends_with(&format!("/people/{}?done=saved", amira.id)),
        "{to}"
    );
    assert!(
        html.contains("Profile saved") && html.contains("01632 960 999"),
        "{html}"
    );
    let (_, found) = page(&app, "/people?q=adhd", Some(&cookie)).await;
    assert!(found.contains("Amira Khan"), "{found}");
    let after = profile_row(&app, "amira.khan@example.org").await;
    assert_eq!((after.version, after.phone.as_str()), (2, "01632 960 999"));

    // The version before is kept whole; the log says the phone changed, not to what.
    let kept = record_version::Entity::find()
        .filter(record_version::Column::RecordId.eq(amira.id))
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    assert_eq!((kept.record_type.as_str(), kept.version), ("profile", 1));
    assert!(kept.snapshot.contains("01632 960 240"));
    let logged = audit_event::Entity::find()
        .filter(audit_event::Column::RecordType.eq("profile"))
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    let changes = logged.changes.unwrap();
    assert!(
        changes.contains("phone") && changes.contains("ADHD"),
        "{changes}"
    );
    assert!(!changes.contains("960 999"), "{changes}");

    // Someone else's profile: refused, unchanged.
    let (status, html) = page(&app, &format!("/people/{}/edit", grace.id), Some(&cookie)).await;
    assert_eq!(status, 403, "{html}");
    let fields = [
        ("name", "Someone Else"),
        ("job_title", "x"),
        ("team_id", "1"),
        ("work_email", "x@example.org"),
    ];
    let (_, html) = save(&app, &cookie, grace.id, &fields).await;
    assert!(html.contains("You do not have permission"), "{html}");
    assert_eq!(profile_row(&app, "grace.okafor@example.org").await, grace);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_input_is_explained_by_the_field_and_changes_nothing() {
    let app = spawn_app().await;
    let cookie = member_as(&app, "amira.khan@example.org", Role::Champion).await;
    let amira = profile_row(&app, "amira.khan@example.org").await;
    let team = amira.team_id.to_string();

    let mut fields = amira_fields(&team, "ring me");
    fields.retain(|(name, _)| *name != "work_email");
    fields.push(("work_email", "amira at example"));
    let (to, html) = save(&app, &cookie, amira.id, &fields).await;
    assert_eq!(to, format!("/people/{}/edit", amira.id));
    assert!(
        html.contains("Enter a work email address, like name@example.org"),
        "{html}"
    );
    assert!(html.contains("Enter a phone number, like 01632 960 001"));
    assert!(html.contains("id=\"work_email-error\""));

    // Another profile's address.
    let mut fields = amira_fields(&team, "");
    fields.retain(|(name, _)| *name != "work_email");
    fields.push(("work_email", "grace.okafor@example.org"));
    let (_, html) = save(&app, &cookie, amira.id, &fields).await;
    assert!(
        html.contains("Another profile already has this email address"),
        "{html}"
    );

    assert_eq!(profile_row(&app, "amira.khan@example.org").await, amira);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bank_is_public_and_a_service_names_its_champions_and_roles() {
    let app = spawn_app().await;
    let (status, html) = page(&app, "/services", None).await;
    assert_eq!(status, 200);
    assert!(html.contains("11 services"), "{html}");
    assert!(
        html.contains("Review due"),
        "Children's Centres were reviewed 420 days ago"
    );
    assert!(
        html.contains("Services not reviewed for a year (2)"),
        "{html}"
    );
    let (_, due) = page(&app, "/services?review=due", None).await;
    assert!(
        due.contains("2 services") && due.contains("Children's Centres"),
        "{due}"
    );
    assert!(!due.contains("Positive Steps"));

    let camhs = html
        .split("href=\"/services/")
        .skip(1)
        .find(|s| s.contains("(CAMHS)"))
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    let (status, html) = page(&app, &format!("/services/{camhs}"), None).await;
    assert_eq!(status, 200);
    assert!(html.contains("How to refer") && html.contains("single point of access"));
    assert!(
        html.contains("Amira Khan") && html.contains("Oliver Grant"),
        "{html}"
    );
    assert!(html.contains("Primary Mental Health Worker (CAMHS)"));
    assert!(html.contains("Ages 0 to 18"));

    let (status, html) = page(&app, "/roles", None).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("A day in the life") && html.contains("Presented to the group by Sam Patel")
    );
    assert_eq!(page(&app, "/services/9999", None).await.0, 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_owner_of_a_stale_profile_is_asked_once_to_confirm_it() {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    let app =
        spawn_app_with(|config| config.nudge_every = std::time::Duration::from_millis(100)).await;
    let cookie = member_as(&app, "amira.khan@example.org", Role::Champion).await;
    let invitation_letters = files_in(&app.mail_folder()).len();
    let amira = profile_row(&app, "amira.khan@example.org").await;
    let txn = app.db.begin_write().await.unwrap();
    let mut stale: profile::ActiveModel = amira.clone().into();
    stale.confirmed_at = Set(Some(chrono::Utc::now() - chrono::Duration::days(200)));
    stale.update(&txn).await.unwrap();
    txn.commit().await.unwrap();

    let letters = wait_for_files(&app.mail_folder(), invitation_letters + 1).await;
    let nudges: Vec<_> = letters
        .iter()
        .map(|raw| read_letter(raw))
        .filter(|(_, subject, ..)| subject.starts_with("Is your profile"))
        .collect();
    assert_eq!(nudges.len(), 1);
    let (to, subject, text, _) = &nudges[0];
    assert_eq!(to, "amira.khan@example.org");
    assert_eq!(subject, "Is your profile on Champions Network still right?");
    assert!(
        text.contains(&format!("/people/{}/edit", amira.id)),
        "{text}"
    );

    // Several more checks later, still one letter; confirming the profile ends the spell.
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(files_in(&app.mail_folder()).len(), invitation_letters + 1);
    let team = amira.team_id.to_string();
    save(
        &app,
        &cookie,
        amira.id,
        &amira_fields(&team, "01632 960 240"),
    )
    .await;
    let confirmed = profile_row(&app, "amira.khan@example.org").await;
    assert_eq!(confirmed.nudged_at, None);
    assert!(confirmed.confirmed_at.unwrap() > chrono::Utc::now() - chrono::Duration::minutes(1));
}
