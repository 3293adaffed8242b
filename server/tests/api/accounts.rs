//! Getting in: invitation → choose a password → signed in; signing in and out. Forms are
//! posted as a browser with JavaScript off posts them.

use crate::helpers::*;
use app::{
    api::account::{SignIn, SignOut, SignOutEverywhere},
    db::entities::audit_event,
};
use leptos::server_fn::ServerFn;
use reqwest::header;
use sea_orm::EntityTrait;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_lets_its_owner_choose_a_password_once_and_signs_them_in() {
    let app = spawn_app().await;
    let link = invite(&app, "sam@example.org").await;

    let (status, html) = page(&app, &format!("/invitation?link={link}"), None).await;
    assert_eq!(status, 200);
    assert!(html.contains("Welcome, Sam Patel"), "{html}");

    let response = accept(&app, &link, PASSWORD, PASSWORD).await;
    assert_eq!(response.status(), 302);
    assert_eq!(location(&response), "/");
    let cookie = session_cookie(&response).expect("signed in");
    let set_cookie = response.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
        "{set_cookie}"
    );

    let (_, home) = page(&app, "/", Some(&cookie)).await;
    assert!(
        home.contains("Sam Patel") && home.contains("Sign out"),
        "{home}"
    );

    // The link is used up.
    let again = accept(&app, &link, PASSWORD, PASSWORD).await;
    assert!(session_cookie(&again).is_none());
    let (status, html) = page(&app, &format!("/invitation?link={link}"), None).await;
    assert_eq!(status, 410);
    assert!(html.contains("This link has expired"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_password_is_explained_next_to_its_field_and_changes_nothing() {
    let app = spawn_app().await;
    let link = invite(&app, "sam@example.org").await;

    for (password, confirm, message) in [
        ("short", "short", "Password must be 12 characters or more"),
        (
            "qwertyuiop123",
            "qwertyuiop123",
            "This password is too common",
        ),
        (
            PASSWORD,
            "plum tractor lanterns",
            "Enter the same password twice",
        ),
    ] {
        let response = accept(&app, &link, password, confirm).await;
        assert_eq!(response.status(), 303);
        assert!(session_cookie(&response).is_none());
        let (status, html) = follow(&app, &response, None).await;
        assert_eq!(status, 200, "the link still works");
        assert!(html.contains("govuk-error-summary"), "{html}");
        assert!(html.contains(message), "{message}: {html}");
        assert!(html.contains("<title>Error: Choose a password"), "{html}");
    }
    // Nothing was used up: the right password still works.
    assert!(session_cookie(&accept(&app, &link, PASSWORD, PASSWORD).await).is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    let app = spawn_app().await;
    member(&app, "sam@example.org").await;

    let wrong_password = sign_in(&app, "sam@example.org", "plum tractor lanterns", "/").await;
    let unknown_email = sign_in(&app, "nobody@example.org", PASSWORD, "/").await;
    for response in [&wrong_password, &unknown_email] {
        assert_eq!(response.status(), 303);
        assert!(session_cookie(response).is_none());
    }
    assert_eq!(location(&wrong_password), location(&unknown_email));
    let (_, html) = follow(&app, &wrong_password, None).await;
    assert!(
        html.contains("Enter a correct email address and password"),
        "{html}"
    );

    let failures = audit_event::Entity::find()
        .all(app.db.reader())
        .await
        .unwrap();
    assert_eq!(
        failures
            .iter()
            .filter(|e| e.action == "sign_in_failed")
            .count(),
        2
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_in_goes_on_to_a_local_page_and_signing_out_ends_the_session() {
    let app = spawn_app().await;
    member(&app, "sam@example.org").await;

    let response = sign_in(&app, "SAM@example.org", PASSWORD, "/about").await;
    assert_eq!(location(&response), "/about");
    let cookie = session_cookie(&response).expect("signed in");

    let evil = sign_in(&app, "sam@example.org", PASSWORD, "https://evil.example/").await;
    assert_eq!(location(&evil), "/", "no open redirect");

    // Signing in again from the same browser replaces its session.
    let fields = [
        ("email", "sam@example.org"),
        ("password", PASSWORD),
        ("next", "/"),
    ];
    let again = submit(&app, "/login", SignIn::PATH, &fields, Some(&cookie)).await;
    let replaced = session_cookie(&again).expect("signed in again");
    assert_ne!(replaced, cookie);
    assert!(
        !page(&app, "/", Some(&cookie)).await.1.contains("Sign out"),
        "the old session ended"
    );
    let cookie = replaced;

    let out = submit(&app, "/", SignOut::PATH, &[], Some(&cookie)).await;
    assert_eq!(location(&out), "/");
    let cleared = out.headers()[header::SET_COOKIE].to_str().unwrap();
    assert!(cleared.starts_with("session=; Max-Age=0"), "{cleared}");

    // The old cookie is worth nothing now, even if a browser kept it.
    let (_, home) = page(&app, "/", Some(&cookie)).await;
    assert!(
        !home.contains("Sign out") && home.contains("Sign in"),
        "{home}"
    );
    let actions: Vec<String> = audit_event::Entity::find()
        .all(app.db.reader())
        .await
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    assert!(actions.contains(&"sign_out".to_owned()), "{actions:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn create_user_prints_a_link_that_opens_the_invitation_page() {
    let app = spawn_app().await;
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_champions"))
        .args([
            "create-user",
            "--email",
            "Lee@Example.org",
            "--name",
            "Lee Jones",
            "--role",
            "coordinator",
        ])
        .env("DATABASE_URL", database_url(&app.dir))
        .env("PUBLIC_URL", &app.base)
        .env("RUST_LOG", "error")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.starts_with("Invited lee@example.org as coordinator."),
        "{stdout}"
    );
    let link = stdout.lines().last().unwrap();
    assert!(
        link.starts_with(&format!("{}/invitation?link=", app.base)),
        "{link}"
    );

    let (status, html) = page(&app, link, None).await;
    assert_eq!(status, 200);
    assert!(html.contains("Welcome, Lee Jones"), "{html}");

    let twice = std::process::Command::new(env!("CARGO_BIN_EXE_champions"))
        .args([
            "create-user",
            "--email",
            "lee@example.org",
            "--name",
            "Lee",
            "--role",
            "staff",
        ])
        .env("DATABASE_URL", database_url(&app.dir))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&twice.stderr),
        "champions: an account with this email address already exists\n"
    );
    let bad_role = std::process::Command::new(env!("CARGO_BIN_EXE_champions"))
        .args([
            "create-user",
            "--email",
            "kim@example.org",
            "--name",
            "Kim",
            "--role",
            "admin",
        ])
        .env("DATABASE_URL", database_url(&app.dir))
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&bad_role.stderr),
        "champions: --role: Choose a role: staff, champion, coordinator or board\n"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn repeated_failures_slow_down_known_and_unknown_emails_alike() {
    let app = spawn_app().await;
    member(&app, "sam@example.org").await;
    member(&app, "lee@example.org").await;

    for email in ["sam@example.org", "nobody@example.org"] {
        for _ in 0..5 {
            sign_in(&app, email, "not the password at all", "/").await;
        }
        // Even the right password waits now.
        let throttled = sign_in(&app, email, PASSWORD, "/").await;
        assert!(session_cookie(&throttled).is_none(), "{email}");
        let (_, html) = follow(&app, &throttled, None).await;
        assert!(
            html.contains("You have tried to sign in too many times. Try again in 15 minutes."),
            "{email}: {html}"
        );
    }
    // Someone else is not held up by it.
    assert!(session_cookie(&sign_in(&app, "lee@example.org", PASSWORD, "/").await).is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn many_failures_from_one_address_slow_down_every_email_from_it() {
    let app = spawn_app().await;
    member(&app, "sam@example.org").await;
    for n in 0..10 {
        for _ in 0..5 {
            sign_in(
                &app,
                &format!("guess{n}@example.org"),
                "not the password at all",
                "/",
            )
            .await;
        }
    }
    let throttled = sign_in(&app, "sam@example.org", PASSWORD, "/").await;
    assert!(session_cookie(&throttled).is_none());
    let (_, html) = follow(&app, &throttled, None).await;
    assert!(
        html.contains("You have tried to sign in too many times."),
        "{html}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_ends_after_the_idle_timeout_and_the_absolute_lifetime() {
    use app::db::entities::session;
    use sea_orm::{ColumnTrait, QueryFilter, sea_query::Expr};

    let app = spawn_app().await;
    let cookie = member(&app, "sam@example.org").await;
    let signed_in = |html: &str| html.contains("Sign out");
    assert!(signed_in(&page(&app, "/", Some(&cookie)).await.1));

    let age = |column: session::Column, hours: i64| {
        let db = app.db.clone();
        async move {
            let txn = db.begin_write().await.unwrap();
            session::Entity::update_many()
                .col_expr(
                    column,
                    Expr::value(chrono::Utc::now() - chrono::Duration::hours(hours)),
                )
                .filter(session::Column::Id.gt(0))
                .exec(&txn)
                .await
                .unwrap();
            txn.commit().await.unwrap();
        }
    };
    // Unused for 7 hours: still signed in (the idle timeout is 8 hours).
    age(session::Column::LastSeenAt, 7).await;
    assert!(signed_in(&page(&app, "/", Some(&cookie)).await.1));
    age(session::Column::LastSeenAt, 9).await;
    assert!(
        !signed_in(&page(&app, "/", Some(&cookie)).await.1),
        "idle timeout"
    );

    let fresh = session_cookie(&sign_in(&app, "sam@example.org", PASSWORD, "/").await).unwrap();
    assert!(signed_in(&page(&app, "/", Some(&fresh)).await.1));
    age(session::Column::ExpiresAt, 1).await;
    assert!(
        !signed_in(&page(&app, "/", Some(&fresh)).await.1),
        "absolute lifetime"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_account_page_sends_strangers_to_sign_in_and_back() {
    let app = spawn_app().await;
    let response = app.get("/account").await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/login?next=%2Faccount");

    member(&app, "sam@example.org").await;
    let (_, login) = page(&app, "/login?next=%2Faccount", None).await;
    assert!(login.contains(r#"name="next" value="/account""#), "{login}");
    let signed_in = sign_in(&app, "sam@example.org", PASSWORD, "/account").await;
    assert_eq!(location(&signed_in), "/account");
    let cookie = session_cookie(&signed_in).unwrap();

    let (status, html) = page(&app, "/account", Some(&cookie)).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("sam@example.org") && html.contains("Champion"),
        "{html}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn signing_out_everywhere_ends_every_session_of_the_account_only() {
    let app = spawn_app().await;
    let laptop = member(&app, "sam@example.org").await;
    let phone = session_cookie(&sign_in(&app, "sam@example.org", PASSWORD, "/").await).unwrap();
    let someone_else = member(&app, "lee@example.org").await;

    let out = submit(&app, "/account", SignOutEverywhere::PATH, &[], Some(&phone)).await;
    assert_eq!(location(&out), "/");
    for cookie in [&laptop, &phone] {
        assert!(!page(&app, "/", Some(cookie)).await.1.contains("Sign out"));
    }
    assert!(
        page(&app, "/", Some(&someone_else))
            .await
            .1
            .contains("Sign out")
    );
}

/// Regression: a signed-in page asks twice at once who is signed in (navigation and page),
/// and each recorded the session's use in a write transaction; with one writer connection the
/// render waited on itself until the request timed out. Rendering must never wait for the
/// writer: here another write holds it throughout.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_in_page_renders_while_the_writer_is_busy() {
    use app::db::entities::session;
    use sea_orm::{ColumnTrait, QueryFilter, sea_query::Expr};

    let app = crate::helpers::spawn_app_with(|config| {
        config.request_timeout = std::time::Duration::from_secs(5);
    })
    .await;
    let cookie = member(&app, "sam@example.org").await;
    for last_seen_minutes_ago in [0, 2] {
        let txn = app.db.begin_write().await.unwrap();
        session::Entity::update_many()
            .col_expr(
                session::Column::LastSeenAt,
                Expr::value(chrono::Utc::now() - chrono::Duration::minutes(last_seen_minutes_ago)),
            )
            .filter(session::Column::Id.gt(0))
            .exec(&txn)
            .await
            .unwrap();
        txn.commit().await.unwrap();

        let busy = app.db.begin_write().await.unwrap();
        let (status, html) = page(&app, "/account", Some(&cookie)).await;
        busy.rollback().await.unwrap();
        assert_eq!(
            status, 200,
            "last seen {last_seen_minutes_ago} min ago: {html}"
        );
        assert!(html.contains("Your account"));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scripts_get_the_error_status_and_when_to_try_again() {
    let app = spawn_app().await;
    member(&app, "sam@example.org").await;
    let attempt = || async {
        let response = app
            .client
            .post(app.url(SignIn::PATH))
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body("email=sam%40example.org&password=not+the+password+at+all")
            .send()
            .await
            .unwrap();
        let retry = response.headers().get(header::RETRY_AFTER).cloned();
        (
            response.status().as_u16(),
            retry,
            response.text().await.unwrap(),
        )
    };
    for _ in 0..5 {
        let (status, retry, body) = attempt().await;
        assert_eq!(
            (status, retry, body.as_str()),
            (422, None, "\"SignInFailed\"")
        );
    }
    let (status, retry, body) = attempt().await;
    assert_eq!(status, 429, "{body}");
    assert_eq!(retry.unwrap(), "900");
    assert_eq!(body, r#"{"TooManyAttempts":{"minutes":15}}"#);
}
