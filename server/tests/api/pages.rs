use crate::helpers::{header, location, spawn_app, spawn_app_with};
use app::domain::site::SiteInfo;
use sea_orm::ConnectionTrait;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn home_page_says_what_the_network_is_and_lists_the_staff_groups() {
    let app = spawn_app().await;
    let response = app.get("/").await;
    assert_eq!(response.status(), 200);
    assert!(header(&response, "content-type").starts_with("text/html"));
    let html = response.text().await.unwrap();

    assert!(html.contains(r#"<html lang="en-GB""#), "{html}");
    assert!(
        html.contains("<title>Home – Champions Network</title>"),
        "{html}"
    );
    assert!(html.contains(r##"<a href="#main-content" class="govuk-skip-link">"##));
    assert!(html.contains("families where a parent has mental ill health"));
    for group in [
        "Children's services locality teams",
        "Children's services specialist teams",
        "Adult mental health – primary",
        "Adult mental health – secondary",
    ] {
        assert!(html.contains(group), "missing {group}");
    }
    assert!(
        html.contains(r#"aria-current="page""#),
        "the current area is marked"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn names_come_from_settings() {
    let app = spawn_app_with(|config| {
        config.site = SiteInfo::new("Think Family Champions", "North Somerset Council").unwrap();
    })
    .await;
    let html = app.get("/about").await.text().await.unwrap();
    assert!(html.contains("<title>About the network – Think Family Champions</title>"));
    assert!(html.contains("North Somerset Council"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_linked_page_exists() {
    let app = spawn_app().await;
    let html = app.get("/").await.text().await.unwrap();
    let links: Vec<&str> = html
        .split("<a ")
        .skip(1)
        .filter_map(|tag| tag.split(r#"href=""#).nth(1)?.split('"').next())
        .filter(|href| href.starts_with('/'))
        .collect();
    assert!(links.len() >= 3, "{links:?}");
    for link in links {
        let response = app.get(link).await;
        // The directory is for signed-in people: strangers are sent to sign in first.
        let sign_in_first =
            response.status() == 303 && location(&response).starts_with("/login?next=");
        assert!(response.status() == 200 || sign_in_first, "{link}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unknown_address_gets_the_not_found_page_with_status_404() {
    let app = spawn_app().await;
    let response = app.get("/no-such-page").await;
    assert_eq!(response.status(), 404);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("<h1 class=\"govuk-heading-l\">Page not found</h1>"),
        "{html}"
    );
    assert!(html.contains("<title>Page not found – Champions Network</title>"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_failure_shows_a_plain_sentence_with_status_500() {
    let app = spawn_app().await;
    let txn = app.db.begin_write().await.unwrap();
    // Renamed, not dropped: teams refer to it.
    txn.execute_unprepared("ALTER TABLE staff_group RENAME TO staff_group_gone")
        .await
        .unwrap();
    txn.commit().await.unwrap();

    let response = app.get("/").await;
    assert_eq!(response.status(), 500);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("Sorry, there is a problem with the service"),
        "{html}"
    );
    assert!(
        !html.contains("staff_group"),
        "internal detail leaked: {html}"
    );
    assert!(
        !html.to_lowercase().contains("sql"),
        "internal detail leaked: {html}"
    );
    assert_eq!(
        html.matches("<h1").count(),
        1,
        "the problem replaces the page: {html}"
    );
}

/// Regression: a page that awaited its data through a `OnceResource` under async SSR now and
/// then never finished (a lost wake-up) while other servers in the process were starting and
/// stopping, as the tests' own servers do; the request hung until the timeout.
#[test]
fn renders_finish_while_other_servers_start_and_stop() {
    let threads: Vec<_> = (0..6)
        .map(|_| {
            std::thread::spawn(|| {
                for _ in 0..6 {
                    let runtime = tokio::runtime::Builder::new_multi_thread()
                        .worker_threads(2)
                        .enable_all()
                        .build()
                        .unwrap();
                    runtime.block_on(async {
                        let app = spawn_app_with(|config| {
                            config.request_timeout = std::time::Duration::from_secs(5);
                        })
                        .await;
                        for _ in 0..3 {
                            assert_eq!(app.get("/").await.status(), 200);
                        }
                    });
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().expect("every render finished in time");
    }
}
