//! The `champions` binary as operators use it.

use crate::helpers::{database_url, spawn_app};
use std::process::{Command, Output};

fn champions(database_url: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_champions"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("RUST_LOG", "error")
        .output()
        .unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn seed_demo_loads_once_and_leaves_data_alone_after() {
    let dir = tempfile::tempdir().unwrap();
    let url = database_url(&dir);
    let first = champions(&url, &["seed-demo"]);
    assert!(first.status.success(), "{first:?}");
    assert_eq!(stdout(&first), "Loaded the demo network.\n");
    let second = champions(&url, &["seed-demo"]);
    assert_eq!(
        stdout(&second),
        "The database already has data: demo data not loaded.\n"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn backup_copies_a_database_in_use() {
    let app = spawn_app().await;
    let target = app.dir.path().join("backup.db");
    let url = database_url(&app.dir);
    let output = tokio::task::spawn_blocking({
        let target = target.clone();
        move || champions(&url, &["backup", "--to", target.to_str().unwrap()])
    })
    .await
    .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(
        app.get("/healthz").await.status(),
        200,
        "the server kept serving"
    );

    // The copy is a complete database: seeding it finds the demo data already there.
    let copy = format!("sqlite://{}", target.display());
    assert_eq!(
        stdout(&champions(&copy, &["seed-demo"])),
        "The database already has data: demo data not loaded.\n"
    );
}

#[test]
fn backup_of_a_missing_database_fails_without_creating_it() {
    let dir = tempfile::tempdir().unwrap();
    let url = database_url(&dir);
    let output = champions(
        &url,
        &["backup", "--to", dir.path().join("b.db").to_str().unwrap()],
    );
    assert!(!output.status.success());
    assert!(
        String::from_utf8_lossy(&output.stderr).starts_with("champions: cannot open the database")
    );
    assert!(!dir.path().join("champions.db").exists());
}

#[test]
fn a_bad_setting_stops_the_server_with_a_one_line_reason() {
    let dir = tempfile::tempdir().unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_champions"))
        .env("DATABASE_URL", database_url(&dir))
        .env("SERVICE_NAME", "   ")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "champions: SERVICE_NAME must not be empty\n"
    );
}

#[test]
fn migrate_creates_an_up_to_date_database() {
    let dir = tempfile::tempdir().unwrap();
    let output = champions(&database_url(&dir), &["migrate"]);
    assert!(output.status.success(), "{output:?}");
    assert_eq!(stdout(&output), "The database is up to date.\n");
    assert!(dir.path().join("champions.db").exists());
}

/// Starts `champions serve` on a free port and waits until it listens.
fn start_server(dir: &tempfile::TempDir, envs: &[(&str, &str)]) -> (std::process::Child, u16) {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let server = Command::new(env!("CARGO_BIN_EXE_champions"))
        .args([
            "serve",
            "--addr",
            &format!("127.0.0.1:{port}"),
            "--site-root",
            ".",
        ])
        .env("DATABASE_URL", database_url(dir))
        .env("RUST_LOG", "error")
        .envs(envs.iter().copied())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed().as_secs() < 20,
            "the server never listened"
        );
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    (server, port)
}

/// Sends SIGTERM and returns how the server ended, with what it logged.
fn stop_server(server: std::process::Child) -> Output {
    let kill = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    server.wait_with_output().unwrap()
}

/// Regression: the signal handlers used to be installed only after the port opened, so a
/// SIGTERM arriving just then killed the process (5 of 30 tries) instead of stopping it.
#[test]
fn serve_stops_cleanly_on_sigterm_even_right_after_start() {
    for _ in 0..10 {
        let dir = tempfile::tempdir().unwrap();
        let (server, _) = start_server(&dir, &[]);
        let output = stop_server(server);
        assert!(output.status.success(), "{output:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn request_logs_are_structured_and_leave_out_the_query_string() {
    let dir = tempfile::tempdir().unwrap();
    let (server, port) = start_server(&dir, &[("LOG_FORMAT", "json"), ("RUST_LOG", "info")]);
    let url = format!("http://127.0.0.1:{port}/about?email=jo.bloggs@example.org");
    let response = reqwest::get(url).await.unwrap();
    let id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_owned();
    let output = stop_server(server);

    let logs = String::from_utf8_lossy(&output.stderr);
    let line = logs
        .lines()
        .find(|line| line.contains(&id))
        .unwrap_or_else(|| panic!("no log line has the request id: {logs}"));
    let entry: serde_json::Value = serde_json::from_str(line).unwrap();
    assert_eq!(entry["span"]["path"], "/about");
    assert_eq!(entry["status"], 200);
    assert!(!logs.contains("jo.bloggs"), "personal data logged: {logs}");
}
