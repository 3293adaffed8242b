//! Forgotten and changed passwords, and what a person or a coordinator can download.

use crate::helpers::*;
use app::{
    api::password::{ChangePassword, RequestPasswordReset, ResetPassword},
    domain::account::Role,
};
use leptos::server_fn::ServerFn;
use reqwest::header;

const NEW_PASSWORD: &str = "harbour violet kettle";

async fn ask_for_reset(app: &TestApp, email: &str) -> String {
    let fields = [("email", email)];
    let response = submit(
        app,
        "/forgotten-password",
        RequestPasswordReset::PATH,
        &fields,
        None,
    )
    .await;
    location(&response)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reset_link_goes_only_to_a_real_account_works_once_and_ends_other_sessions() {
    let app = spawn_app().await;
    let elsewhere = member(&app, "sam@example.org").await;

    assert_eq!(
        ask_for_reset(&app, "nobody@example.org").await,
        "/forgotten-password?sent=1"
    );
    assert_eq!(
        ask_for_reset(&app, "SAM@example.org").await,
        "/forgotten-password?sent=1"
    );
    let (_, body) = page(&app, "/forgotten-password?sent=1", None).await;
    assert!(
        body.contains("If there is an active account with that email address"),
        "{body}"
    );
    let letters = wait_for_files(&app.mail_folder(), 1).await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    assert_eq!(
        files_in(&app.mail_folder()).len(),
        1,
        "nothing for an unknown address"
    );
    let (to, subject, text, _) = read_letter(&letters[0]);
    assert_eq!(
        (to.as_str(), subject.as_str()),
        (
            "sam@example.org",
            "Reset your password for Champions Network"
        )
    );
    let link = link_in(&text, &format!("{}/reset-password?link=", app.base));
    let secret = link.split("link=").nth(1).unwrap().to_owned();
    let link = link.strip_prefix(&app.base).unwrap().to_owned();
    assert_eq!(page(&app, &link, None).await.0, 200);

    let fields = [
        ("link", secret.as_str()),
        ("password", NEW_PASSWORD),
        ("confirm_password", NEW_PASSWORD),
    ];
    let reset = submit(&app, &link, ResetPassword::PATH, &fields, None).await;
    assert_eq!(location(&reset), "/account?done=password");
    assert!(session_cookie(&reset).is_some(), "signed in");
    assert_eq!(
        page(&app, "/account", Some(&elsewhere)).await.0,
        303,
        "other sessions ended"
    );
    assert!(session_cookie(&sign_in(&app, "sam@example.org", PASSWORD, "/").await).is_none());
    assert!(session_cookie(&sign_in(&app, "sam@example.org", NEW_PASSWORD, "/").await).is_some());

    let again = submit(&app, &link, ResetPassword::PATH, &fields, None).await;
    let (status, body) = follow(&app, &again, None).await;
    assert_eq!(status, 410, "the link works once");
    assert!(body.contains("This link has expired"), "{body}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changing_a_password_needs_the_current_one_and_ends_other_sessions() {
    let app = spawn_app().await;
    let here = member(&app, "sam@example.org").await;
    let elsewhere = session_cookie(&sign_in(&app, "sam@example.org", PASSWORD, "/").await).unwrap();

    let wrong = [
        ("current_password", "not it at all"),
        ("password", NEW_PASSWORD),
        ("confirm_password", NEW_PASSWORD),
    ];
    let refused = submit(&app, "/account", ChangePassword::PATH, &wrong, Some(&here)).await;
    let (_, body) = follow(&app, &refused, Some(&here)).await;
    assert!(
        body.contains("Your current password is not right"),
        "{body}"
    );
    assert_eq!(
        page(&app, "/account", Some(&elsewhere)).await.0,
        200,
        "nothing changed"
    );

    let right = [
        ("current_password", PASSWORD),
        ("password", NEW_PASSWORD),
        ("confirm_password", NEW_PASSWORD),
    ];
    let changed = submit(&app, "/account", ChangePassword::PATH, &right, Some(&here)).await;
    assert_eq!(location(&changed), "/account?done=password");
    let now = session_cookie(&changed).expect("a new session for this browser");
    assert_eq!(page(&app, "/account", Some(&now)).await.0, 200);
    assert_eq!(page(&app, "/account", Some(&elsewhere)).await.0, 303);
    assert!(session_cookie(&sign_in(&app, "sam@example.org", NEW_PASSWORD, "/").await).is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_downloads_their_data_and_a_coordinator_the_audit_log_as_csv() {
    let app = spawn_app().await;
    let sam = member(&app, "sam@example.org").await;
    let mine = app
        .client
        .get(app.url("/api/my-data"))
        .header(header::COOKIE, &sam)
        .send()
        .await
        .unwrap();
    assert_eq!(mine.status().as_u16(), 200);
    assert!(header(&mine, "content-disposition").contains("my-data.json"));
    let data: serde_json::Value = serde_json::from_str(&mine.text().await.unwrap()).unwrap();
    assert_eq!(data["account"]["email"], "sam@example.org");
    assert_eq!(data["sessions"].as_array().unwrap().len(), 1);
    let actions: Vec<&str> = data["activity"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert!(
        actions.contains(&"SignIn") && actions.contains(&"Invite"),
        "{actions:?}"
    );

    let coordinator = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    let csv = app
        .client
        .get(app.url("/api/audit-log.csv?action=sign_in&from=&to="))
        .header(header::COOKIE, &coordinator)
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status().as_u16(), 200);
    assert!(header(&csv, "content-type").starts_with("text/csv"));
    let text = csv.text().await.unwrap();
    let mut lines = text.lines();
    assert_eq!(lines.next(), Some("time_utc,who,action,record,changes"));
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 2, "two sign-ins: {text}");
    assert!(rows.iter().all(|r| r.contains(",sign_in,")), "{text}");
    assert!(
        !text.contains("sam@example.org"),
        "no email addresses in the log"
    );

    let bad = page(&app, "/audit?from=yesterday", Some(&coordinator))
        .await
        .1;
    assert!(
        bad.contains("Enter a real date, for example 2026-11-22"),
        "{bad}"
    );
}
