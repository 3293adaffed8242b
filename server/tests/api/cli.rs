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

#[test]
fn serve_stops_cleanly_on_sigterm() {
    let dir = tempfile::tempdir().unwrap();
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut server = Command::new(env!("CARGO_BIN_EXE_champions"))
        .args([
            "serve",
            "--addr",
            &format!("127.0.0.1:{port}"),
            "--site-root",
            ".",
        ])
        .env("DATABASE_URL", database_url(&dir))
        .env("RUST_LOG", "error")
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            started.elapsed().as_secs() < 20,
            "the server never listened"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }

    let kill = Command::new("kill")
        .args(["-TERM", &server.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let stopped = std::time::Instant::now();
    let status = loop {
        if let Some(status) = server.try_wait().unwrap() {
            break status;
        }
        assert!(
            stopped.elapsed().as_secs() < 20,
            "still running after SIGTERM"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
}
