use crate::helpers::spawn_app;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthz_answers_200_while_the_database_answers_and_503_after() {
    let app = spawn_app().await;
    assert_eq!(app.get("/healthz").await.status(), 200);

    app.db.clone().close().await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 503);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn shutdown_finishes_cleanly() {
    let app = spawn_app().await;
    assert_eq!(app.get("/healthz").await.status(), 200);
    let base = app.base.clone();
    tokio::time::timeout(std::time::Duration::from_secs(10), app.shut_down())
        .await
        .expect("stops within 10 s")
        .expect("stops without error");
    assert!(
        reqwest::get(format!("{base}/healthz")).await.is_err(),
        "no longer listening"
    );
}
