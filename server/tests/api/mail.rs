//! Mail through a real SMTP server on loopback (aiosmtpd, from Debian's python3-aiosmtpd),
//! which the tests stop and start: nothing is lost while it is down, nothing sent twice.

use crate::helpers::*;
use app::{
    api::users::InviteUser,
    db::outbox,
    domain::{account::Role, outbox::DeliveryState},
};
use leptos::server_fn::ServerFn;
use lettre::{AsyncSmtpTransport, Tokio1Executor};
use server::{ServeConfig, mail::Delivery};
use std::{
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::Duration,
};

/// An SMTP server that writes what it accepts into a Maildir.
pub struct Smtp(Child);

impl Smtp {
    pub async fn start(port: u16, maildir: &Path) -> Self {
        let smtp = Self(
            Command::new("/usr/bin/python3")
                .args(["-m", "aiosmtpd", "-n", "-l"])
                .arg(format!("127.0.0.1:{port}"))
                .args(["-c", "aiosmtpd.handlers.Mailbox"])
                .arg(maildir)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("python3 -m aiosmtpd (apt-get install python3-aiosmtpd)"),
        );
        for _ in 0..100 {
            if tokio::net::TcpStream::connect(("127.0.0.1", port))
                .await
                .is_ok()
            {
                return smtp;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("the SMTP server did not start");
    }
}

/// Stopping it is dropping it.
impl Drop for Smtp {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

pub fn through_smtp(port: u16) -> impl FnOnce(&mut ServeConfig) {
    move |config| {
        config.mail.delivery = Delivery::Smtp(
            AsyncSmtpTransport::<Tokio1Executor>::from_url(&format!("smtp://127.0.0.1:{port}"))
                .unwrap()
                .timeout(Some(Duration::from_secs(5)))
                .build(),
        );
    }
}

async fn invite(app: &TestApp, coordinator: &str, email: &str) {
    let fields = [("name", "Jo Bloggs"), ("email", email), ("role", "staff")];
    let response = submit(
        app,
        "/users/invite",
        InviteUser::PATH,
        &fields,
        Some(coordinator),
    )
    .await;
    assert!(location(&response).ends_with("?done=invited"));
}

/// Waits until every letter in the outbox is in `state`, up to fifteen seconds.
async fn wait_until_all(
    app: &TestApp,
    state: DeliveryState,
) -> Vec<app::domain::outbox::OutboxEntry> {
    for _ in 0..150 {
        let letters = outbox::recent(app.db.reader(), 50).await.unwrap();
        if letters.iter().all(|l| l.state == state) {
            return letters;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("the outbox never reached {state:?}");
}

pub fn maildir(dir: &Path) -> PathBuf {
    dir.join("received")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_sent_over_smtp_arrives_with_a_working_link() {
    let port = free_port();
    let app = spawn_app_with(through_smtp(port)).await;
    let received = maildir(app.dir.path());
    let smtp = Smtp::start(port, &received).await;
    let coordinator = member_as(&app, "coordinator@example.org", Role::Coordinator).await;

    invite(&app, &coordinator, "jo@example.org").await;
    let letters = wait_for_files(&received.join("new"), 1).await;
    let (to, subject, text, _) = read_letter(&letters[0]);
    assert_eq!(
        (to.as_str(), subject.as_str()),
        ("jo@example.org", "You are invited to Champions Network")
    );
    let link = link_in(&text, &format!("{}/invitation?link=", app.base));
    let (status, body) = page(&app, &link, None).await;
    assert_eq!(status, 200, "{body}");
    let sent = wait_until_all(&app, DeliveryState::Sent).await;
    assert_eq!(sent[0].attempts, 1);
    drop(smtp);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn mail_waits_while_the_server_is_down_and_goes_exactly_once_when_it_is_back_and_after_a_restart()
 {
    let port = free_port();
    let app = spawn_app_with(through_smtp(port)).await;
    let received = maildir(app.dir.path());
    let coordinator = member_as(&app, "coordinator@example.org", Role::Coordinator).await;

    // Down: the invitation is queued, fails, and is kept with the reason.
    invite(&app, &coordinator, "first@example.org").await;
    let failing = wait_until_all(&app, DeliveryState::Failing).await;
    assert!(
        failing[0]
            .last_error
            .as_deref()
            .is_some_and(|e| !e.is_empty())
    );
    let (_, outbox_page) = page(&app, "/outbox", Some(&coordinator)).await;
    assert!(outbox_page.contains("Failing"), "{outbox_page}");

    // Back: delivered once.
    let smtp = Smtp::start(port, &received).await;
    wait_until_all(&app, DeliveryState::Sent).await;
    assert_eq!(files_in(&received.join("new")).len(), 1);

    // Down again, a second invitation, and the service restarts before the server is back.
    drop(smtp);
    invite(&app, &coordinator, "second@example.org").await;
    for _ in 0..150 {
        let letters = outbox::recent(app.db.reader(), 50).await.unwrap();
        if letters.iter().any(|l| l.state == DeliveryState::Failing) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let app = app.restart(through_smtp(port)).await;
    let smtp = Smtp::start(port, &received).await;
    wait_until_all(&app, DeliveryState::Sent).await;
    // Long enough for any duplicate to have been sent.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let mut recipients: Vec<String> = files_in(&received.join("new"))
        .iter()
        .map(|f| read_letter(&std::fs::read(f).unwrap()).0)
        .collect();
    recipients.sort();
    assert_eq!(recipients, ["first@example.org", "second@example.org"]);
    drop(smtp);
}
