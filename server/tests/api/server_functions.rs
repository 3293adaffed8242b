use crate::helpers::spawn_app;
use app::{api::network::StaffGroups, domain::network::StaffGroup};
use leptos::server_fn::ServerFn;

fn post(app: &crate::helpers::TestApp) -> reqwest::RequestBuilder {
    app.client
        .post(app.url(StaffGroups::PATH))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("")
}

async fn post_with(app: &crate::helpers::TestApp, header: (&str, &str)) -> reqwest::Response {
    post(app).header(header.0, header.1).send().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_same_origin_call_is_answered() {
    let app = spawn_app().await;
    let response = post_with(&app, ("sec-fetch-site", "same-origin")).await;
    assert_eq!(response.status(), 200);
    let groups: Vec<StaffGroup> = serde_json::from_str(&response.text().await.unwrap()).unwrap();
    assert_eq!(groups.len(), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cross_site_calls_are_refused_with_403() {
    let app = spawn_app().await;
    let by_fetch_metadata = post_with(&app, ("sec-fetch-site", "cross-site")).await;
    assert_eq!(by_fetch_metadata.status(), 403);

    let by_origin = post_with(&app, ("origin", "https://evil.example")).await;
    assert_eq!(by_origin.status(), 403);

    let host = app.base.trim_start_matches("http://").to_owned();
    let same_origin = post_with(&app, ("origin", &format!("http://{host}"))).await;
    assert_eq!(same_origin.status(), 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_oversized_body_is_refused_with_413() {
    let app = spawn_app().await;
    let response = post(&app).body(vec![b'a'; 65 * 1024]).send().await.unwrap();
    assert_eq!(response.status(), 413);
}
