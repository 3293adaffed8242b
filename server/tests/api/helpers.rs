use app::{
    api::account::{AcceptInvitation, SignIn},
    db::{
        Db,
        accounts::{self, NewAccount},
        demo, links,
    },
    domain::account::{Email, PersonName, Role},
    mail::Postbox,
};
use leptos::server_fn::ServerFn;
use reqwest::header;
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
        site_root: site_root.clone(),
        service_name: "Champions Network".into(),
        organisation_name: "Think Family Partnership".into(),
        public_url: None,
        request_timeout_secs: 30,
        session_idle_minutes: 8 * 60,
        session_max_hours: 7 * 24,
        max_body_bytes: 64 * 1024,
        smtp_url: None,
        mail_dir: site_root.with_file_name("mail"),
        mail_from: "champions@example.org".into(),
        mail_retry_secs: 1,
        meeting_reminder_days: 3,
        agenda_proposal_days: 10,
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
    start(dir, adjust).await
}

/// A server on the database (and mail folder) in `dir`, migrated and with the demo data.
async fn start(dir: TempDir, adjust: impl FnOnce(&mut ServeConfig)) -> TestApp {
    let mut config = serve_args(dir.path().join("site")).check().unwrap();

    let db = Db::connect(&database_url(&dir)).await.unwrap();
    db.migrate().await.unwrap();
    demo::seed(&db).await.unwrap();

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    // Emailed links point at this server; failed deliveries are retried within a second or so.
    config.postbox = Postbox::new(base.parse().unwrap(), config.postbox.from.clone());
    config.mail.retry_base = chrono::Duration::milliseconds(200);
    adjust(&mut config);
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

    /// Stops the server as SIGTERM would and starts a new one on the same database.
    pub async fn restart(mut self, adjust: impl FnOnce(&mut ServeConfig)) -> TestApp {
        self.shutdown.take().unwrap().send(()).unwrap();
        (&mut self.handle).await.unwrap().unwrap();
        self.db.clone().close().await;
        start(self.dir, adjust).await
    }

    /// The emails written to the mail folder so far.
    pub fn mail_folder(&self) -> PathBuf {
        self.dir.path().join("mail")
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

pub const PASSWORD: &str = "plum tractor lantern";

pub async fn invite(app: &TestApp, email: &str) -> String {
    invite_as(app, email, Role::Champion).await
}

/// Invites `email` as the command line does; returns the link's secret.
pub async fn invite_as(app: &TestApp, email: &str, role: Role) -> String {
    let now = chrono::Utc::now();
    let txn = app.db.begin_write().await.unwrap();
    let new = NewAccount {
        email: Email::parse(email).unwrap(),
        name: PersonName::parse("Sam Patel").unwrap(),
        role,
    };
    let account = accounts::create_invited(&txn, new, None, now)
        .await
        .unwrap();
    let secret = links::issue(&txn, account.id, links::Purpose::Invitation, now)
        .await
        .unwrap();
    txn.commit().await.unwrap();
    secret
}

/// Posts a form from `page` as a browser without JavaScript does.
pub async fn submit(
    app: &TestApp,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
    cookie: Option<&str>,
) -> Response {
    let mut request = app
        .client
        .post(app.url(action))
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, app.url(page))
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(serde_urlencoded(fields));
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    request.send().await.unwrap()
}

pub fn serde_urlencoded(fields: &[(&str, &str)]) -> String {
    url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(fields)
        .finish()
}

pub fn location(response: &Response) -> String {
    response.headers()[header::LOCATION]
        .to_str()
        .unwrap()
        .to_owned()
}

/// The `name=value` of the session cookie a response sets, if any.
pub fn session_cookie(response: &Response) -> Option<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("session=") && !v.starts_with("session=;"))
        .map(|v| v.split(';').next().unwrap().to_owned())
}

/// Opens a page as a browser does (a navigation, which accepts HTML).
pub async fn page(app: &TestApp, location: &str, cookie: Option<&str>) -> (u16, String) {
    let path = location.strip_prefix(&app.base).unwrap_or(location);
    let mut request = app
        .client
        .get(app.url(path))
        .header(header::ACCEPT, "text/html");
    if let Some(cookie) = cookie {
        request = request.header(header::COOKIE, cookie);
    }
    let response = request.send().await.unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

/// Follows a form's redirect as a browser does: to where it points, with the cookies it sets
/// (the one that brings back a refused form) beside `cookie`.
pub async fn follow(app: &TestApp, response: &Response, cookie: Option<&str>) -> (u16, String) {
    let cookies = cookie
        .map(str::to_owned)
        .into_iter()
        .chain(form_cookie(response))
        .collect::<Vec<_>>()
        .join("; ");
    page(
        app,
        &location(response),
        Some(cookies.as_str()).filter(|c| !c.is_empty()),
    )
    .await
}

/// The `name=value` of the cookie a refused form's redirect sets, if any.
pub fn form_cookie(response: &Response) -> Option<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("form=") && !v.starts_with("form=;"))
        .map(|v| v.split(';').next().unwrap().to_owned())
}

pub async fn accept(app: &TestApp, link: &str, password: &str, confirm: &str) -> Response {
    let page = format!("/invitation?link={link}");
    let fields = [
        ("link", link),
        ("password", password),
        ("confirm_password", confirm),
    ];
    submit(app, &page, AcceptInvitation::PATH, &fields, None).await
}

/// An invited person who has chosen `PASSWORD`; returns their session cookie.
pub async fn member(app: &TestApp, email: &str) -> String {
    member_as(app, email, Role::Champion).await
}

/// A signed-in person with `role`; returns their session cookie.
pub async fn member_as(app: &TestApp, email: &str, role: Role) -> String {
    let link = invite_as(app, email, role).await;
    session_cookie(&accept(app, &link, PASSWORD, PASSWORD).await).expect("signed in")
}

pub async fn sign_in(app: &TestApp, email: &str, password: &str, next: &str) -> Response {
    let fields = [("email", email), ("password", password), ("next", next)];
    submit(app, "/login", SignIn::PATH, &fields, None).await
}

/// A file-system email, parsed: (to, subject, plain text, HTML).
pub fn read_letter(raw: &[u8]) -> (String, String, String, String) {
    let message = mail_parser::MessageParser::default()
        .parse(raw)
        .expect("an email");
    let to = message
        .to()
        .and_then(|to| to.first())
        .and_then(|a| a.address())
        .unwrap_or_default()
        .to_owned();
    (
        to,
        message.subject().unwrap_or_default().to_owned(),
        message.body_text(0).unwrap_or_default().into_owned(),
        message.body_html(0).unwrap_or_default().into_owned(),
    )
}

/// The files in `dir` (recursively: a Maildir keeps them in `new/`), waiting up to ten
/// seconds for there to be at least `count`.
pub async fn wait_for_files(dir: &std::path::Path, count: usize) -> Vec<Vec<u8>> {
    for _ in 0..100 {
        let files = files_in(dir);
        if files.len() >= count {
            return files.iter().map(|f| std::fs::read(f).unwrap()).collect();
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("fewer than {count} emails arrived in {}", dir.display());
}

pub fn files_in(dir: &std::path::Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return vec![];
    };
    let mut files = vec![];
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(files_in(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// The link in an email's text that starts with `prefix`.
pub fn link_in(text: &str, prefix: &str) -> String {
    let start = text
        .find(prefix)
        .unwrap_or_else(|| panic!("no {prefix} link in {text}"));
    text[start..].split_whitespace().next().unwrap().to_owned()
}

/// Posts a form with a file from `page`, as a browser without JavaScript does: `fields` as
/// text parts, then the file as the part named `file.0`.
pub async fn upload_file(
    app: &TestApp,
    cookie: &str,
    (page, action): (&str, &str),
    fields: &[(&str, &str)],
    file: (&str, &str, &[u8]),
) -> Response {
    let boundary = "x-champions-test-boundary";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    let (name, file_name, content) = file;
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file_name}\"\r\n\
             Content-Type: application/octet-stream\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    app.client
        .post(app.url(action))
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, app.url(page))
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::COOKIE, cookie)
        .body(body)
        .send()
        .await
        .unwrap()
}
