use crate::helpers::spawn_app;
use app::{api::network::StaffGroups, domain::network::StaffGroup};
use leptos::server_fn::ServerFn;

fn post(app: &crate::helpers::TestApp) -> reqwest::RequestBuilder {
    app.client
        .post(app.url(StaffGroups::PATH))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_same_origin_call_is_answered() {
    let app = spawn_app().await;
    let response = post(&app)
        .header("sec-fetch-site", "same-origin")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let groups: Vec<StaffGroup> = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    assert_eq!(groups.len(), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_site_calls_are_refused_with_403() {
    let app = spawn_app().await;
    let by_fetch_metadata = post(&app)
        .header("sec-fetch-site", "cross-site")
        .send()
        .await
        .unwrap();
    assert_eq!(by_fetch_metadata.status(), 403);

    let by_origin = post(&app)
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(by_origin.status(), 403);

    let host = app.base.trim_start_matches("http://").to_owned();
    let same_origin = post(&app)
        .header("origin", format!("http://{host}"))
        .send()
        .await
        .unwrap();
    assert_eq!(same_origin.status(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversized_body_is_refused_with_413() {
    let app = spawn_app().await;
    let response = post(&app).body(vec![b'a'; 65 * 1024]).send().await.unwrap();
    assert_eq!(response.status(), 413);
}
