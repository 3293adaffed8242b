use app::db::{Db, demo};
use reqwest::{Client, Response, redirect::Policy};
use server::{ServeConfig, config::ServeArgs};
use std::path::PathBuf;
use tempfile::TempDir;
use tokio::{sync::oneshot, task::JoinHandle};

pub struct TestApp {
    pub base: String,
    pub db: Db,
    pub client: Client,
    pub dir: TempDir,
    shutdown: Option<oneshot::Sender<()>>,
    pub handle: JoinHandle<Result<(), server::Error>>,
}

/// Settings as a fresh deployment has them, serving the site from an empty temporary folder.
pub fn serve_args(site_root: PathBuf) -> ServeArgs {
    ServeArgs {
        addr: "127.0.0.1:0".parse().unwrap(),
        site_root,
        service_name: "Champions Network".into(),
        organisation_name: "Think Family Partnership".into(),
        public_url: None,
        request_timeout_secs: 30,
        session_idle_minutes: 8 * 60,
        session_max_hours: 7 * 24,
        max_body_bytes: 64 * 1024,
    }
}

pub fn database_url(dir: &TempDir) -> String {
    format!(
        "sqlite://{}?mode=rwc",
        dir.path().join("champions.db").display()
    )
}

/// A server with the demo network loaded.
pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(adjust: impl FnOnce(&mut ServeConfig)) -> TestApp {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("site")).unwrap();
    let mut config = serve_args(dir.path().join("site")).check().unwrap();
    adjust(&mut config);

    let db = Db::connect(&database_url(&dir)).await.unwrap();
    db.migrate().await.unwrap();
    demo::seed(&db).await.unwrap();

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let (tx, rx) = oneshot::channel::<()>();
    let handle = tokio::spawn(server::serve(listener, config, db.clone(), async {
        let _ = rx.await;
    }));
    let client = Client::builder().redirect(Policy::none()).build().unwrap();
    TestApp {
        base,
        db,
        client,
        dir,
        shutdown: Some(tx),
        handle,
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    pub async fn get_with(&self, path: &str, header: (&str, &str)) -> Response {
        self.client
            .get(self.url(path))
            .header(header.0, header.1)
            .send()
            .await
            .unwrap()
    }

    pub fn site_root(&self) -> PathBuf {
        self.dir.path().join("site")
    }

    /// Asks the server to stop as SIGTERM would, and waits for it.
    pub async fn shut_down(mut self) -> Result<(), server::Error> {
        self.shutdown.take().unwrap().send(()).unwrap();
        self.handle.await.unwrap()
    }
}

pub fn header<'a>(response: &'a Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .unwrap_or_else(|| panic!("no {name} header"))
        .to_str()
        .unwrap()
}
