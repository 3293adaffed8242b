//! Every form, sent without JavaScript with one bad field among good ones, comes back with
//! what was typed in its fields (passwords aside) and the bad field marked; and no address can
//! put a message of its own on a form page.

use crate::helpers::*;
use app::{
    api::{
        account::{AcceptInvitation, SignIn},
        bank::{SaveRole, SaveService},
        directory::{SaveProfile, UploadPhoto},
        glossary::{ApproveSuggestion, RejectSuggestion, SaveTerm, SuggestTerm},
        import::UploadImport,
        meetings::{
            AddGuest, AddMeeting, AnswerMeeting, ChangeMeeting, RecordAttendance, ScheduleSeries,
            agenda::{AddAgendaItem, AddPaper, SaveAgendaItem},
        },
        password::{ChangePassword, RequestPasswordReset, ResetPassword},
        structure::{SaveTeam, SaveUnit},
        users::{ChangeRole, InviteUser},
    },
    db::{
        entities::{
            glossary_term, job_role, organisation, profile, service, staff_group, team,
            user_account,
        },
        links,
    },
    domain::account::Role,
    error::AppError,
};
use leptos::server_fn::{ServerFn, error::ServerFnUrlError};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

/// What a field must show when its form comes back.
#[derive(Clone)]
enum Shown {
    /// An input or a text box holding this text.
    Value(&'static str, String),
    /// A drop-down list with this option chosen.
    Chosen(&'static str, String),
    /// A checkbox or radio button (by its id), ticked or not.
    Ticked(&'static str, bool),
    /// A password box, empty.
    NoValue(&'static str),
}

struct Sent {
    page: String,
    action: &'static str,
    cookie: Option<String>,
    fields: Vec<(&'static str, String)>,
    /// A file part after the fields: (name, file name, content).
    file: Option<(&'static str, &'static str, &'static [u8])>,
}

fn owned(fields: &[(&'static str, &str)]) -> Vec<(&'static str, String)> {
    fields.iter().map(|(n, v)| (*n, (*v).to_owned())).collect()
}

/// The tag of the form control with `id` (for a text box or list, up to its closing tag).
fn control<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html
        .find(&format!(" id=\"{id}\""))
        .unwrap_or_else(|| panic!("no control {id} in {html}"));
    let start = html[..at].rfind('<').unwrap();
    let tag = &html[start..];
    let end = if tag.starts_with("<select") {
        tag.find("</select>").unwrap()
    } else if tag.starts_with("<textarea") {
        tag.find("</textarea>").unwrap()
    } else {
        tag.find('>').unwrap()
    };
    &tag[..end]
}

/// Sends the form as a browser without JavaScript does, follows it back, and checks that it
/// came back to its own page by a plain address, with `bad` marked and every field as `shown`.
async fn comes_back(app: &TestApp, sent: Sent, bad: &str, shown: &[Shown]) {
    let form = sent.action;
    let fields: Vec<(&str, &str)> = sent.fields.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let response = match sent.file {
        None => {
            submit(
                app,
                &sent.page,
                sent.action,
                &fields,
                sent.cookie.as_deref(),
            )
            .await
        }
        Some(file) => {
            let cookie = sent.cookie.as_deref().unwrap_or_default();
            upload_file(app, cookie, (&sent.page, sent.action), &fields, file).await
        }
    };
    assert_eq!(response.status(), 303, "{form}");
    assert_eq!(
        location(&response),
        sent.page,
        "{form}: nothing but the page in the address"
    );
    let set = header(&response, "set-cookie").to_owned();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.contains("Max-Age=600"),
        "{form}: {set}"
    );
    let (status, html) = follow(app, &response, sent.cookie.as_deref()).await;
    assert_eq!(status, 200, "{form}: {html}");
    assert!(html.contains("<title>Error: "), "{form}: {html}");
    assert!(html.contains("govuk-error-summary"), "{form}");
    assert!(
        html.contains(&format!("id=\"{bad}-error\"")),
        "{form}: {bad} is not marked: {html}"
    );
    for shown in shown {
        match shown {
            Shown::Value(id, value) => {
                let tag = control(&html, id);
                let holds =
                    tag.contains(&format!("value=\"{value}\"")) || tag.ends_with(value.as_str());
                assert!(holds, "{form}: {id} should hold {value:?}: {tag}");
            }
            Shown::Chosen(id, value) => {
                let tag = control(&html, id);
                assert!(
                    tag.contains(&format!("value=\"{value}\" selected")),
                    "{form}: {id} should have {value:?} chosen: {tag}"
                );
            }
            Shown::Ticked(id, ticked) => {
                let tag = control(&html, id);
                assert_eq!(tag.contains(" checked"), *ticked, "{form}: {id}: {tag}");
            }
            Shown::NoValue(id) => {
                let tag = control(&html, id);
                assert!(
                    !tag.contains("value="),
                    "{form}: {id} must stay empty: {tag}"
                );
            }
        }
    }
    // Once only: the same page again is the form as it was.
    let (_, again) = page(app, &sent.page, sent.cookie.as_deref()).await;
    assert!(
        !again.contains("govuk-error-summary"),
        "{form}: shown twice"
    );
}

async fn profile_of(app: &TestApp, email: &str) -> profile::Model {
    profile::Entity::find()
        .filter(profile::Column::WorkEmail.eq(email))
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap()
}

async fn account_id(app: &TestApp, email: &str) -> i32 {
    user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email))
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap()
        .id
}

/// A link of `purpose` for the account with `email`.
async fn link_for(app: &TestApp, email: &str, purpose: links::Purpose) -> String {
    let id = account_id(app, email).await;
    let txn = app.db.begin_write().await.unwrap();
    let secret = links::issue(&txn, id, purpose, chrono::Utc::now())
        .await
        .unwrap();
    txn.commit().await.unwrap();
    secret
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn account_forms_keep_the_email_and_never_a_password() {
    let app = spawn_app().await;
    let session = member(&app, "sam@example.org").await;

    // A wrong password: the same answer as for an unknown address, by the email box.
    let sent = Sent {
        page: "/login?next=%2Fpeople".into(),
        action: SignIn::PATH,
        cookie: None,
        fields: owned(&[
            ("email", "sam@example.org"),
            ("password", "wrong horse battery"),
            ("next", "/people"),
        ]),
        file: None,
    };
    let shown = [
        Shown::Value("email", "sam@example.org".into()),
        Shown::NoValue("password"),
    ];
    comes_back(&app, sent, "email", &shown).await;

    let sent = Sent {
        page: "/forgotten-password".into(),
        action: RequestPasswordReset::PATH,
        cookie: None,
        fields: owned(&[("email", "sam at example")]),
        file: None,
    };
    comes_back(
        &app,
        sent,
        "email",
        &[Shown::Value("email", "sam at example".into())],
    )
    .await;

    let invited = invite(&app, "new@example.org").await;
    let sent = Sent {
        page: format!("/invitation?link={invited}"),
        action: AcceptInvitation::PATH,
        cookie: None,
        fields: owned(&[
            ("link", &invited),
            ("password", "short"),
            ("confirm_password", "short"),
        ]),
        file: None,
    };
    let shown = [
        Shown::NoValue("password"),
        Shown::NoValue("confirm_password"),
    ];
    comes_back(&app, sent, "password", &shown).await;

    let reset = link_for(&app, "sam@example.org", links::Purpose::PasswordReset).await;
    let sent = Sent {
        page: format!("/reset-password?link={reset}"),
        action: ResetPassword::PATH,
        cookie: None,
        fields: owned(&[
            ("link", &reset),
            ("password", PASSWORD),
            ("confirm_password", "plum tractor"),
        ]),
        file: None,
    };
    comes_back(&app, sent, "confirm_password", &shown).await;

    let sent = Sent {
        page: "/account".into(),
        action: ChangePassword::PATH,
        cookie: Some(session),
        fields: owned(&[
            ("current_password", "not my password"),
            ("password", "a new long passphrase"),
            ("confirm_password", "a new long passphrase"),
        ]),
        file: None,
    };
    let shown = [
        Shown::NoValue("current_password"),
        Shown::NoValue("password"),
        Shown::NoValue("confirm_password"),
    ];
    comes_back(&app, sent, "current_password", &shown).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_profile_keeps_a_new_base_beside_a_bad_phone_number_and_a_bad_photo_keeps_it_unchanged() {
    let app = spawn_app().await;
    let cookie = member_as(&app, "amira.khan@example.org", Role::Champion).await;
    let amira = profile_of(&app, "amira.khan@example.org").await;
    assert!(amira.offers_shadowing, "the demo profile offers shadowing");
    let (id, team) = (amira.id.to_string(), amira.team_id.to_string());
    let edit = format!("/people/{id}/edit");
    let sent = Sent {
        page: edit.clone(),
        action: SaveProfile::PATH,
        cookie: Some(cookie.clone()),
        fields: owned(&[
            ("id", &id),
            ("name", "Amira Khan-Patel"),
            ("job_title", "Senior Mental Health Worker"),
            ("team_id", &team),
            ("work_email", "amira.khan@example.org"),
            ("phone", "ring me"),
            ("base", "Weston Library"),
            ("tags", "CAMHS referrals, ADHD"),
            ("shadowing_note", "Sit in on a clinic."),
        ]),
        file: None,
    };
    let shown = [
        Shown::Value("name", "Amira Khan-Patel".into()),
        Shown::Value("job_title", "Senior Mental Health Worker".into()),
        Shown::Chosen("team_id", team.clone()),
        Shown::Value("phone", "ring me".into()),
        Shown::Value("base", "Weston Library".into()),
        Shown::Value("tags", "CAMHS referrals, ADHD".into()),
        Shown::Value("shadowing_note", "Sit in on a clinic.".into()),
        // Not sent: unticked, as it was left, not as it is stored.
        Shown::Ticked("offers_shadowing", false),
    ];
    comes_back(&app, sent, "phone", &shown).await;
    assert_eq!(
        profile_of(&app, "amira.khan@example.org").await,
        amira,
        "nothing changed"
    );

    let sent = Sent {
        page: edit,
        action: UploadPhoto::PATH,
        cookie: Some(cookie),
        fields: owned(&[("id", &id)]),
        file: Some(("photo", "notes.txt", b"not a picture")),
    };
    // The profile form around it shows what is stored.
    let shown = [
        Shown::Value("name", "Amira Khan".into()),
        Shown::Ticked("offers_shadowing", true),
    ];
    comes_back(&app, sent, "photo", &shown).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn service_and_job_role_forms_keep_what_was_typed() {
    let app = spawn_app().await;
    let cookie = member_as(&app, "amira.khan@example.org", Role::Champion).await;
    let camhs = service::Entity::find()
        .filter(service::Column::Name.eq("Child and Adolescent Mental Health Services (CAMHS)"))
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    let (id, team) = (camhs.id.to_string(), camhs.team_id.unwrap().to_string());
    let sent = Sent {
        page: format!("/services/{id}/edit"),
        action: SaveService::PATH,
        cookie: Some(cookie.clone()),
        fields: owned(&[
            ("id", &id),
            ("name", "CAMHS Riverside"),
            ("team_id", &team),
            ("status", "temporarily_closed"),
            (
                "description",
                "Assessment and treatment, now with a duty line.",
            ),
            ("who_for", "Children up to 18"),
            ("referral_route", "Through the single point of access"),
            ("email", "camhs at nhs"),
        ]),
        file: None,
    };
    let shown = [
        Shown::Value("name", "CAMHS Riverside".into()),
        Shown::Chosen("status", "temporarily_closed".into()),
        Shown::Value(
            "description",
            "Assessment and treatment, now with a duty line.".into(),
        ),
        Shown::Value("email", "camhs at nhs".into()),
        Shown::Ticked("published", false),
    ];
    comes_back(&app, sent, "email", &shown).await;

    let role = job_role::Entity::find()
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    let id = role.id.to_string();
    let sent = Sent {
        page: format!("/roles/{id}/edit"),
        action: SaveRole::PATH,
        cookie: Some(cookie),
        fields: owned(&[
            ("id", &id),
            ("title", "Duty Worker"),
            ("what_they_do", "Takes the day's first calls."),
            ("presented_on", "the 3rd of May"),
            ("presenter", "Ben Carter"),
        ]),
        file: None,
    };
    let shown = [
        Shown::Value("title", "Duty Worker".into()),
        Shown::Value("what_they_do", "Takes the day's first calls.".into()),
        Shown::Value("presented_on", "the 3rd of May".into()),
        Shown::Value("presenter", "Ben Carter".into()),
    ];
    comes_back(&app, sent, "presented_on", &shown).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meeting_forms_keep_what_was_typed() {
    let app = spawn_app().await;
    let cookie = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    let sent = Sent {
        page: "/meetings/series/new".into(),
        action: ScheduleSeries::PATH,
        cookie: Some(cookie.clone()),
        fields: owned(&[
            ("name", "Champions, south"),
            ("rule", "custom"),
            ("custom_rule", "FREQ=MONTHLY;BYDAY=1MO"),
            ("first_date", "2020-01-06"),
            ("start_time", "09:30"),
            ("end_time", "11:00"),
            ("venue", "Room 1"),
            ("online_link", "https://teams.example.org/l/south"),
        ]),
        file: None,
    };
    let shown = [
        Shown::Value("name", "Champions, south".into()),
        Shown::Chosen("rule", "custom".into()),
        Shown::Value("custom_rule", "FREQ=MONTHLY;BYDAY=1MO".into()),
        Shown::Value("start_time", "09:30".into()),
        Shown::Value("end_time", "11:00".into()),
        Shown::Value("venue", "Room 1".into()),
        Shown::Value("online_link", "https://teams.example.org/l/south".into()),
    ];
    comes_back(&app, sent, "first_date", &shown).await;

    let meeting = [
        ("title", "Launch"),
        ("date", "2099-02-30"),
        ("start_time", "14:00"),
        ("end_time", "15:00"),
        ("venue", "Council Chamber"),
        ("online_link", ""),
    ];
    let shown = [
        Shown::Value("title", "Launch".into()),
        Shown::Value("start_time", "14:00".into()),
        Shown::Value("venue", "Council Chamber".into()),
    ];
    let sent = Sent {
        page: "/meetings/new".into(),
        action: AddMeeting::PATH,
        cookie: Some(cookie.clone()),
        fields: owned(&[&[("series_id", "1")][..], &meeting].concat()),
        file: None,
    };
    comes_back(&app, sent, "date", &shown).await;
    let sent = Sent {
        page: "/meetings/1".into(),
        action: ChangeMeeting::PATH,
        cookie: Some(cookie.clone()),
        fields: owned(&[&[("id", "1")][..], &meeting].concat()),
        file: None,
    };
    comes_back(&app, sent, "date", &shown).await;

    // The next meeting's guest and answer forms (a past one has neither).
    let next = app::db::entities::meeting::Entity::find()
        .all(app.db.reader())
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.date > chrono::Utc::now().date_naive() + chrono::Days::new(1))
        .min_by_key(|m| m.date)
        .unwrap();
    let (id, here) = (next.id.to_string(), format!("/meetings/{}", next.id));
    let sent = Sent {
        page: here.clone(),
        action: AddGuest::PATH,
        cookie: Some(cookie.clone()),
        fields: owned(&[
            ("id", &id),
            ("name", "Dr Ola Presenter"),
            ("email", "ola at example"),
            ("organisation", "University"),
        ]),
        file: None,
    };
    let shown = [
        Shown::Value("name", "Dr Ola Presenter".into()),
        Shown::Value("organisation", "University".into()),
    ];
    comes_back(&app, sent, "email", &shown).await;
    let sent = Sent {
        page: here.clone(),
        action: AnswerMeeting::PATH,
        cookie: Some(cookie.clone()),
        fields: owned(&[("id", &id), ("answer", ""), ("note", "Late by ten minutes")]),
        file: None,
    };
    let shown = [Shown::Value("note", "Late by ten minutes".into())];
    comes_back(&app, sent, "answer", &shown).await;

    // An agenda item with a presenter from nowhere, and a paper that is not what it says.
    let item_fields = [
        ("item_title", "Perinatal pathway"),
        ("kind", "information-exchange"),
        ("job_role", ""),
        ("presenter", "g9999"),
        ("minutes", "25"),
    ];
    let shown = [
        Shown::Value("item_title", "Perinatal pathway".into()),
        Shown::Chosen("kind", "information-exchange".into()),
        Shown::Value("minutes", "25".into()),
    ];
    let sent = Sent {
        page: here.clone(),
        action: AddAgendaItem::PATH,
        cookie: Some(cookie.clone()),
        fields: owned(&[&[("id", id.as_str())][..], &item_fields].concat()),
        file: None,
    };
    comes_back(&app, sent, "presenter", &shown).await;
    let item = app::db::entities::agenda_item::Entity::find()
        .filter(app::db::entities::agenda_item::Column::MeetingId.eq(next.id))
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap()
        .id
        .to_string();
    let item_page = format!("/meetings/items/{item}");
    let sent = Sent {
        page: item_page.clone(),
        action: SaveAgendaItem::PATH,
        cookie: Some(cookie.clone()),
        fields: owned(&[&[("id", item.as_str())][..], &item_fields].concat()),
        file: None,
    };
    comes_back(&app, sent, "presenter", &shown).await;
    let sent = Sent {
        page: item_page,
        action: AddPaper::PATH,
        cookie: Some(cookie),
        fields: owned(&[("id", &item), ("paper_title", "Pathway"), ("url", "")]),
        file: Some(("paper", "pathway.docx", b"%PDF-1.4 a PDF named as Word")),
    };
    comes_back(
        &app,
        sent,
        "paper",
        &[Shown::Value("paper_title", "Pathway".into())],
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn team_organisation_and_staff_group_forms_keep_what_was_typed() {
    let app = spawn_app().await;
    let cookie = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    let teams = team::Entity::find().all(app.db.reader()).await.unwrap();
    let first = &teams[0];
    let other = teams
        .iter()
        .find(|t| t.organisation_id != first.organisation_id)
        .unwrap();
    let id = first.id.to_string();
    let (organisation, group) = (
        other.organisation_id.to_string(),
        other.staff_group_id.to_string(),
    );
    let sent = Sent {
        page: format!("/teams/{id}/edit"),
        action: SaveTeam::PATH,
        cookie: Some(cookie.clone()),
        fields: owned(&[
            ("id", &id),
            ("name", ""),
            ("organisation_id", &organisation),
            ("staff_group_id", &group),
        ]),
        file: None,
    };
    let shown = [
        Shown::Chosen("organisation_id", organisation.clone()),
        Shown::Chosen("staff_group_id", group.clone()),
    ];
    comes_back(&app, sent, "name", &shown).await;

    let org = organisation::Entity::find()
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    let id = org.id.to_string();
    let sent = Sent {
        page: format!("/organisations/{id}/edit"),
        action: SaveUnit::PATH,
        cookie: Some(cookie.clone()),
        fields: owned(&[
            ("kind", "organisation"),
            ("id", &id),
            ("name", "North Somerset Children's Services"),
            ("description", "The council's services for children."),
            ("url", "not a web address"),
        ]),
        file: None,
    };
    let shown = [
        Shown::Value("name", "North Somerset Children's Services".into()),
        Shown::Value("description", "The council's services for children.".into()),
        Shown::Value("url", "not a web address".into()),
    ];
    comes_back(&app, sent, "url", &shown).await;

    let group = staff_group::Entity::find()
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    let id = group.id.to_string();
    let sent = Sent {
        page: format!("/staff-groups/{id}/edit"),
        action: SaveUnit::PATH,
        cookie: Some(cookie),
        fields: owned(&[
            ("kind", "staff_group"),
            ("id", &id),
            ("name", " "),
            ("description", "Locality teams and more."),
        ]),
        file: None,
    };
    comes_back(
        &app,
        sent,
        "name",
        &[Shown::Value(
            "description",
            "Locality teams and more.".into(),
        )],
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn glossary_forms_keep_what_was_typed() {
    let app = spawn_app().await;
    let staff = member_as(&app, "staff@example.org", Role::Staff).await;
    let coordinator = member_as(&app, "lead@example.org", Role::Coordinator).await;
    let cpa = glossary_term::Entity::find()
        .filter(glossary_term::Column::Term.eq("CPA"))
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    let id = cpa.id.to_string();
    let term = |source: &'static str| {
        owned(&[
            ("term", "CPA"),
            ("expansion", "Care Programme Approach (revised)"),
            ("context", "health"),
            ("definition", "How care is planned."),
            ("source_url", source),
            ("status", "retired"),
        ])
    };
    let shown = [
        Shown::Value("expansion", "Care Programme Approach (revised)".into()),
        Shown::Chosen("context", "health".into()),
        Shown::Value("definition", "How care is planned.".into()),
        Shown::Value("source_url", "ftp://nowhere".into()),
        Shown::Chosen("status", "retired".into()),
    ];
    let mut fields = term("ftp://nowhere");
    fields.push(("id", id.clone()));
    let sent = Sent {
        page: format!("/glossary/{id}/edit"),
        action: SaveTerm::PATH,
        cookie: Some(coordinator.clone()),
        fields,
        file: None,
    };
    comes_back(&app, sent, "source_url", &shown).await;

    let mut fields = term("ftp://nowhere");
    fields.push(("note", "The name changed in 2024".into()));
    let sent = Sent {
        page: "/glossary/suggest".into(),
        action: SuggestTerm::PATH,
        cookie: Some(staff.clone()),
        fields,
        file: None,
    };
    let mut with_note = shown.to_vec();
    with_note.push(Shown::Value("note", "The name changed in 2024".into()));
    comes_back(&app, sent, "source_url", &with_note).await;

    // A suggestion to decide on.
    let mut fields = term("");
    fields.retain(|(n, _)| *n != "term");
    fields.push(("term", "WRAP".into()));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let sent = submit(
        &app,
        "/glossary/suggest",
        SuggestTerm::PATH,
        &fields,
        Some(&staff),
    )
    .await;
    let suggestion = location(&sent)
        .trim_start_matches("/glossary/suggestions/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let here = format!("/glossary/suggestions/{suggestion}");
    let mut fields = term("ftp://nowhere");
    fields.push(("id", suggestion.clone()));
    let sent = Sent {
        page: here.clone(),
        action: ApproveSuggestion::PATH,
        cookie: Some(coordinator.clone()),
        fields,
        file: None,
    };
    comes_back(&app, sent, "source_url", &shown).await;

    let sent = Sent {
        page: here,
        action: RejectSuggestion::PATH,
        cookie: Some(coordinator),
        fields: owned(&[("id", &suggestion), ("reason", "  ")]),
        file: None,
    };
    comes_back(&app, sent, "reason", &[]).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn user_and_import_forms_keep_what_was_typed() {
    let app = spawn_app().await;
    let cookie = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    let sent = Sent {
        page: "/users/invite".into(),
        action: InviteUser::PATH,
        cookie: Some(cookie.clone()),
        fields: owned(&[
            ("name", "Priya Shah"),
            ("email", "priya at example"),
            ("role", "champion"),
        ]),
        file: None,
    };
    let shown = [
        Shown::Value("name", "Priya Shah".into()),
        Shown::Value("email", "priya at example".into()),
        Shown::Chosen("role", "champion".into()),
    ];
    comes_back(&app, sent, "email", &shown).await;

    // Coordinators cannot change their own role: the choice made is what comes back.
    let me = account_id(&app, "coordinator@example.org")
        .await
        .to_string();
    let sent = Sent {
        page: format!("/users/{me}"),
        action: ChangeRole::PATH,
        cookie: Some(cookie.clone()),
        fields: owned(&[("id", &me), ("role", "board")]),
        file: None,
    };
    comes_back(&app, sent, "role", &[Shown::Chosen("role", "board".into())]).await;

    let sent = Sent {
        page: "/import".into(),
        action: UploadImport::PATH,
        cookie: Some(cookie),
        fields: owned(&[("kind", "services")]),
        file: Some(("file", "services.csv", b"name\xe9\n")),
    };
    let shown = [
        Shown::Ticked("kind", false),
        Shown::Ticked("kind-services", true),
    ];
    comes_back(&app, sent, "file", &shown).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_returned_form_shows_only_on_its_own_page() {
    let app = spawn_app().await;
    let fields = [
        ("email", "sam@example.org"),
        ("password", "wrong horse battery"),
    ];
    let refused = submit(&app, "/login", SignIn::PATH, &fields, None).await;
    let cookie = form_cookie(&refused).unwrap();
    // Another page first: the form is gone, not kept for later.
    let (_, elsewhere) = page(&app, "/about", Some(&cookie)).await;
    assert!(!elsewhere.contains("govuk-error-summary"));
    let (_, login) = page(&app, "/login", Some(&cookie)).await;
    assert!(
        !login.contains("govuk-error-summary") && !login.contains("sam@example.org"),
        "{login}"
    );
    // A made-up token is nothing.
    let (_, login) = page(&app, "/login", Some("form=made-up")).await;
    assert!(!login.contains("govuk-error-summary"));
}

/// Every page with a form, with the crafted link of the report: an error for the page's own
/// form in the address, in the framework's encoding.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_address_puts_a_message_on_a_form_page() {
    let app = spawn_app().await;
    let coordinator = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    member(&app, "sam@example.org").await;
    let invited = invite(&app, "new@example.org").await;
    let reset = link_for(&app, "sam@example.org", links::Purpose::PasswordReset).await;
    let amira = profile_of(&app, "amira.khan@example.org").await.id;
    let term = glossary_term::Entity::find()
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap()
        .id;
    let team = team::Entity::find()
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap()
        .id;
    let org = organisation::Entity::find()
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap()
        .id;
    let group = staff_group::Entity::find()
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap()
        .id;
    let role = job_role::Entity::find()
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap()
        .id;
    let service = service::Entity::find()
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap()
        .id;
    let user = account_id(&app, "sam@example.org").await;
    let fields = [
        ("term", "WRAP"),
        ("expansion", "Wellness Recovery Action Plan"),
        ("context", "health"),
        ("status", "approved"),
    ];
    let sent = submit(
        &app,
        "/glossary/suggest",
        SuggestTerm::PATH,
        &fields,
        Some(&coordinator),
    )
    .await;
    let suggestion = location(&sent);
    let suggestion = suggestion.split('?').next().unwrap();

    let pages: Vec<(String, &str)> = vec![
        ("/login".into(), SignIn::PATH),
        ("/forgotten-password".into(), RequestPasswordReset::PATH),
        (
            format!("/invitation?link={invited}"),
            AcceptInvitation::PATH,
        ),
        (format!("/reset-password?link={reset}"), ResetPassword::PATH),
        ("/account".into(), ChangePassword::PATH),
        (format!("/people/{amira}/edit"), SaveProfile::PATH),
        (format!("/people/{amira}/edit"), UploadPhoto::PATH),
        (format!("/services/{service}/edit"), SaveService::PATH),
        ("/services/new".into(), SaveService::PATH),
        (format!("/roles/{role}/edit"), SaveRole::PATH),
        (format!("/teams/{team}/edit"), SaveTeam::PATH),
        (format!("/organisations/{org}/edit"), SaveUnit::PATH),
        (format!("/staff-groups/{group}/edit"), SaveUnit::PATH),
        (format!("/glossary/{term}/edit"), SaveTerm::PATH),
        ("/glossary/suggest".into(), SuggestTerm::PATH),
        (suggestion.to_owned(), ApproveSuggestion::PATH),
        (suggestion.to_owned(), RejectSuggestion::PATH),
        ("/users/invite".into(), InviteUser::PATH),
        (format!("/users/{user}"), ChangeRole::PATH),
        ("/import".into(), UploadImport::PATH),
        ("/meetings/series/new".into(), ScheduleSeries::PATH),
        ("/meetings/new".into(), AddMeeting::PATH),
        ("/meetings/1".into(), ChangeMeeting::PATH),
        ("/meetings/1".into(), AddGuest::PATH),
        ("/meetings/1".into(), AnswerMeeting::PATH),
        ("/meetings/1".into(), RecordAttendance::PATH),
        ("/meetings/1".into(), AddAgendaItem::PATH),
        ("/meetings/items/1".into(), SaveAgendaItem::PATH),
    ];
    let words = "Your account is suspended. Call 0800 000 000";
    for (form_page, action) in pages {
        let crafted = ServerFnUrlError::new(action, AppError::invalid("email", words))
            .to_url(&app.url(&form_page))
            .unwrap();
        let (status, html) = page(&app, crafted.as_str(), Some(&coordinator)).await;
        assert_eq!(status, 200, "{form_page}: {html}");
        assert!(
            !html.contains("0800 000 000"),
            "{form_page} shows the address's words: {html}"
        );
        assert!(!html.contains("govuk-error-summary"), "{form_page}");
        assert!(!html.contains("Error: "), "{form_page}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_form_that_comes_back_hides_the_success_its_address_still_names() {
    let app = spawn_app().await;
    let cookie = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    let me = account_id(&app, "coordinator@example.org")
        .await
        .to_string();
    let here = format!("/users/{me}?done=role");
    let (_, before) = page(&app, &here, Some(&cookie)).await;
    assert!(before.contains("Role changed"), "{before}");
    let fields = [("id", me.as_str()), ("role", "board")];
    let refused = submit(&app, &here, ChangeRole::PATH, &fields, Some(&cookie)).await;
    assert_eq!(location(&refused), here);
    let (_, html) = follow(&app, &refused, Some(&cookie)).await;
    assert!(html.contains("You cannot change your own role"), "{html}");
    assert!(!html.contains("Role changed"), "{html}");
}
