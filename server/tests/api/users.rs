//! Coordinators manage accounts; invitations arrive by email with a working link; roles limit
//! pages; disabling someone signs them out at once. Forms are posted as without JavaScript.

use crate::helpers::*;
use app::{
    api::users::{InviteUser, SetUserAccess},
    db::{accounts, outbox},
    domain::account::{Email, Role},
};
use leptos::server_fn::ServerFn;

async fn invite_by_form(
    app: &TestApp,
    coordinator: &str,
    email: &str,
    role: &str,
) -> reqwest::Response {
    let fields = [("name", "Jo Bloggs"), ("email", email), ("role", role)];
    submit(
        app,
        "/users/invite",
        InviteUser::PATH,
        &fields,
        Some(coordinator),
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_emailed_invitation_lets_the_person_in_to_what_their_role_allows() {
    let app = spawn_app().await;
    let coordinator = member_as(&app, "coordinator@example.org", Role::Coordinator).await;

    let invited = invite_by_form(&app, &coordinator, "Jo@Example.org", "staff").await;
    let person = location(&invited);
    assert!(
        person.starts_with("/users/") && person.ends_with("?done=invited"),
        "{person}"
    );
    let (status, body) = page(&app, &person, Some(&coordinator)).await;
    assert_eq!(status, 200);
    assert!(
        body.contains("Invitation sent") && body.contains("jo@example.org"),
        "{body}"
    );

    let letters = wait_for_files(&app.mail_folder(), 1).await;
    let (to, subject, text, html) = read_letter(&letters[0]);
    assert_eq!(to, "jo@example.org");
    assert_eq!(subject, "You are invited to Champions Network");
    assert!(text.contains("Dear Jo Bloggs,") && html.contains("Dear Jo Bloggs,"));
    let link = link_in(&text, &format!("{}/invitation?link=", app.base));
    assert!(html.contains(&link.replace('&', "&amp;")), "{html}");
    let (status, body) = page(&app, &link, None).await;
    assert_eq!(status, 200);
    assert!(body.contains("Welcome, Jo Bloggs."), "{body}");

    let secret = link.split("link=").nth(1).unwrap();
    let staff = session_cookie(&accept(&app, secret, PASSWORD, PASSWORD).await).expect("signed in");
    let (status, body) = page(&app, "/users", Some(&staff)).await;
    assert_eq!(status, 403);
    assert!(
        body.contains("You do not have permission to see this page"),
        "{body}"
    );
    assert_eq!(page(&app, "/account", Some(&staff)).await.0, 200);
    assert_eq!(page(&app, "/outbox", Some(&staff)).await.0, 403);
    assert_eq!(page(&app, "/users/invite", Some(&staff)).await.0, 403);

    let anonymous = app.get("/users").await;
    assert_eq!(
        (anonymous.status().as_u16(), location(&anonymous).as_str()),
        (303, "/login?next=%2Fusers")
    );

    let (status, body) = page(&app, "/users", Some(&coordinator)).await;
    assert_eq!(status, 200);
    assert!(
        body.contains("jo@example.org") && body.contains("Active"),
        "{body}"
    );
    let (_, outbox_page) = page(&app, "/outbox", Some(&coordinator)).await;
    assert!(
        outbox_page.contains("You are invited to Champions Network")
            && outbox_page.contains("Sent")
    );
    let (_, audit_page) = page(&app, "/audit?action=invite", Some(&coordinator)).await;
    assert!(
        audit_page.contains("Invited") && !audit_page.contains("Signed in</td>"),
        "{audit_page}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_or_duplicate_invitation_is_explained_by_field_and_sends_nothing() {
    let app = spawn_app().await;
    let coordinator = member_as(&app, "coordinator@example.org", Role::Coordinator).await;

    let refused = invite_by_form(&app, &coordinator, "not an email", "wizard").await;
    assert_eq!(location(&refused), "/users/invite");
    let (_, body) = follow(&app, &refused, Some(&coordinator)).await;
    assert!(body.contains("Error: Invite a person"), "{body}");
    assert!(
        body.contains("Choose a role: staff, champion, coordinator or board"),
        "{body}"
    );
    assert!(body.contains("govuk-input--error"), "{body}");

    let taken = invite_by_form(&app, &coordinator, "COORDINATOR@example.org", "staff").await;
    let (_, body) = follow(&app, &taken, Some(&coordinator)).await;
    assert!(
        body.contains("There is already an account with this email address"),
        "{body}"
    );
    assert!(
        outbox::recent(app.db.reader(), 10)
            .await
            .unwrap()
            .is_empty(),
        "nothing queued"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_disabled_person_is_out_at_once_and_can_be_let_back_in() {
    let app = spawn_app().await;
    let coordinator = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    let champion = member(&app, "champion@example.org").await;
    assert_eq!(page(&app, "/account", Some(&champion)).await.0, 200);
    let email = Email::parse("champion@example.org").unwrap();
    let id = accounts::find_by_email(app.db.reader(), &email)
        .await
        .unwrap()
        .unwrap()
        .0
        .id;
    let id_text = id.to_string();
    let disable = [("id", id_text.as_str()), ("allow", "false")];
    let page_path = format!("/users/{id}");
    let done = submit(
        &app,
        &page_path,
        SetUserAccess::PATH,
        &disable,
        Some(&coordinator),
    )
    .await;
    assert_eq!(location(&done), format!("/users/{id}?done=disabled"));
    assert_eq!(
        page(&app, "/account", Some(&champion)).await.0,
        303,
        "signed out at once"
    );
    let refused = sign_in(&app, "champion@example.org", PASSWORD, "/").await;
    assert!(
        session_cookie(&refused).is_none(),
        "a disabled account cannot sign in"
    );

    let enable = [("id", id_text.as_str()), ("allow", "true")];
    submit(
        &app,
        &page_path,
        SetUserAccess::PATH,
        &enable,
        Some(&coordinator),
    )
    .await;
    let back = sign_in(&app, "champion@example.org", PASSWORD, "/").await;
    assert!(session_cookie(&back).is_some(), "enabled again");

    let coordinator_id = accounts::find_by_email(
        app.db.reader(),
        &Email::parse("coordinator@example.org").unwrap(),
    )
    .await
    .unwrap()
    .unwrap()
    .0
    .id
    .to_string();
    let own = [("id", coordinator_id.as_str()), ("allow", "false")];
    let own_page = format!("/users/{coordinator_id}");
    let refused = submit(
        &app,
        &own_page,
        SetUserAccess::PATH,
        &own,
        Some(&coordinator),
    )
    .await;
    let (_, body) = follow(&app, &refused, Some(&coordinator)).await;
    assert!(
        body.contains("You cannot disable your own account"),
        "{body}"
    );
    assert_eq!(page(&app, "/account", Some(&coordinator)).await.0, 200);
}
