use crate::helpers::{header, spawn_app, spawn_app_with};
use url::Url;

fn nonce_in(csp: &str) -> &str {
    csp.split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_response_carries_the_security_headers() {
    let app = spawn_app().await;
    for path in ["/", "/healthz", "/no-such-page"] {
        let response = app.get(path).await;
        let csp = header(&response, "content-security-policy");
        assert!(
            csp.contains("'wasm-unsafe-eval'") && !csp.contains("'unsafe-eval'"),
            "{csp}"
        );
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(csp.contains("object-src 'none'") && csp.contains("base-uri 'none'"));
        assert_eq!(header(&response, "x-content-type-options"), "nosniff");
        assert_eq!(header(&response, "referrer-policy"), "same-origin");
        assert!(
            response
                .headers()
                .get("strict-transport-security")
                .is_none(),
            "not over http"
        );
        assert_eq!(header(&response, "cache-control"), "no-store", "{path}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_hydration_script_carries_this_responses_nonce() {
    let app = spawn_app().await;
    let first = app.get("/").await;
    let csp = header(&first, "content-security-policy").to_owned();
    let nonce = nonce_in(&csp).to_owned();
    let html = first.text().await.unwrap();
    let inline_scripts = html.matches("<script").count();
    assert!(inline_scripts >= 1, "{html}");
    assert_eq!(
        html.matches(&format!(r#"<script type="module" nonce="{nonce}""#))
            .count()
            + html.matches(&format!(r#"<script nonce="{nonce}""#)).count(),
        inline_scripts,
        "every script has the nonce: {html}"
    );

    let second = app.get("/").await;
    assert_ne!(nonce_in(header(&second, "content-security-policy")), nonce);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn https_deployments_send_hsts() {
    let app = spawn_app_with(|config| config.https = true).await;
    let response = app.get("/").await;
    assert!(header(&response, "strict-transport-security").starts_with("max-age="));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn responses_carry_a_request_id_and_keep_a_given_one() {
    let app = spawn_app().await;
    let response = app.get("/healthz").await;
    assert_eq!(header(&response, "x-request-id").len(), 36, "a UUID");

    let response = app.get_with("/healthz", ("x-request-id", "abc-123")).await;
    assert_eq!(header(&response, "x-request-id"), "abc-123");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn site_files_are_served_compressed_with_cache_headers() {
    let app = spawn_app().await;
    let pkg = app.site_root().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("champions.js"), "console.log('plain')").unwrap();
    std::fs::write(pkg.join("champions.js.br"), b"brotli bytes").unwrap();
    std::fs::write(pkg.join("champions.js.gz"), b"gzip bytes").unwrap();

    let response = app
        .get_with("/pkg/champions.js", ("accept-encoding", "br, gzip"))
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "content-encoding"), "br");
    assert_eq!(
        header(&response, "cache-control"),
        "no-cache",
        "names are not hashed here"
    );
    assert_eq!(response.bytes().await.unwrap(), "brotli bytes");

    let response = app
        .get_with("/pkg/champions.js", ("accept-encoding", "gzip"))
        .await;
    assert_eq!(header(&response, "content-encoding"), "gzip");

    let response = app.get("/pkg/champions.js").await;
    assert!(response.headers().get("content-encoding").is_none());
    assert_eq!(response.text().await.unwrap(), "console.log('plain')");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hashed_site_files_are_cached_for_a_year() {
    let app = spawn_app_with(|config| config.leptos.hash_files = true).await;
    let pkg = app.site_root().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("champions.0123abcd.css"), "body{}").unwrap();

    let response = app.get("/pkg/champions.0123abcd.css").await;
    assert_eq!(
        header(&response, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    let missing = app.get("/pkg/champions.ffff.css").await;
    assert_eq!(missing.status(), 404);
    assert_eq!(
        header(&missing, "cache-control"),
        "no-store",
        "a miss is not cached"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_public_url_setting_must_be_http_or_https() {
    let mut args = crate::helpers::serve_args(".".into());
    args.public_url = Some(Url::parse("ws://champions.example.org").unwrap());
    assert!(args.check().is_err());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_that_does_not_finish_in_time_is_answered_408() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app =
        spawn_app_with(|config| config.request_timeout = std::time::Duration::from_secs(1)).await;
    let mut stream = tokio::net::TcpStream::connect(app.base.trim_start_matches("http://"))
        .await
        .unwrap();
    // Promise a body and never send it.
    let head = format!(
        "POST {} HTTP/1.1\r\nHost: localhost\r\nContent-Length: 100\r\n\r\n",
        <app::api::network::StaffGroups as leptos::server_fn::ServerFn>::PATH
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = String::new();
    let read = tokio::time::timeout(
        std::time::Duration::from_secs(10),
        stream.read_to_string(&mut answer),
    );
    read.await
        .expect("answered before the test gave up")
        .unwrap();
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
}
