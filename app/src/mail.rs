//! The emails the service sends, and how a change asks for one to go out. Every email is
//! plain text with a simple HTML twin, names the service, and holds only what its recipient
//! needs: their name and one link.

use crate::{
    db::{links, outbox},
    domain::{account::Account, meetings::ics::Method},
};
use chrono::{DateTime, Utc};
use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use sea_orm::{ConnectionTrait, DbErr};
use std::sync::Arc;
use tokio::sync::Notify;
use url::Url;

/// An email ready for the outbox.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// A meeting's calendar object, for mail clients to add to the calendar.
    pub calendar: Option<CalendarPart>,
}

/// A calendar object a letter carries, as a part beside the text and HTML and as an
/// `invite.ics` attachment: clients differ in which one they read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarPart {
    pub method: Method,
    pub text: String,
}

/// What server functions need to write emails: the address people reach the service at,
/// and a way to wake the worker once a letter is committed to the outbox.
#[derive(Clone, Debug)]
pub struct Postbox {
    pub public_url: Url,
    /// The sender's address (`MAIL_FROM`): a calendar invitation's organiser.
    pub from: String,
    pub wake: Arc<Notify>,
}

impl Postbox {
    pub fn new(public_url: Url, from: String) -> Self {
        Self {
            public_url,
            from,
            wake: Arc::new(Notify::new()),
        }
    }

    /// A link to `path` carrying a one-time secret. The secret goes in the query string,
    /// which request logs leave out.
    pub fn link(&self, path: &str, secret: &str) -> String {
        let mut url = self.public_url.clone();
        url.set_path(path);
        url.query_pairs_mut().clear().append_pair("link", secret);
        url.to_string()
    }

    /// The address of a page of the service, for a letter.
    pub fn page(&self, path: &str) -> String {
        let mut url = self.public_url.clone();
        url.set_path(path);
        url.to_string()
    }

    /// Call after the transaction that queued a letter has committed.
    pub fn letters_queued(&self) {
        self.wake.notify_one();
    }
}

/// Issues a fresh link of `purpose` for `account` and queues the email carrying it, in the
/// caller's transaction.
pub async fn queue_link(
    conn: &impl ConnectionTrait,
    postbox: &Postbox,
    service: &str,
    account: &Account,
    purpose: links::Purpose,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let secret = links::issue(conn, account.id, purpose, now).await?;
    let (to, name) = (account.email.as_str(), account.name.as_str());
    let letter = match purpose {
        links::Purpose::Invitation => {
            invitation(service, to, name, &postbox.link("/invitation", &secret))
        }
        links::Purpose::PasswordReset => {
            password_reset(service, to, name, &postbox.link("/reset-password", &secret))
        }
    };
    outbox::enqueue(conn, letter, now).await.map(drop)
}

pub fn invitation(service: &str, to: &str, name: &str, link: &str) -> Letter {
    compose(
        to,
        format!("You are invited to {service}"),
        name,
        &[
            &format!("You have been invited to {service}."),
            "Choose a password to finish setting up your account:",
        ],
        link,
        &[
            "This link works once, within 72 hours. If it has expired, ask a coordinator of the network to send you a new one.",
            "If you did not expect this email, you can ignore it.",
        ],
        service,
    )
}

pub fn password_reset(service: &str, to: &str, name: &str, link: &str) -> Letter {
    compose(
        to,
        format!("Reset your password for {service}"),
        name,
        &["Someone asked to reset the password of your account. Choose a new password here:"],
        link,
        &[
            "This link works once, within 30 minutes.",
            "If you did not ask for this, you can ignore this email: your password has not changed.",
        ],
        service,
    )
}

/// Asked once when a profile has gone 6 months without being confirmed.
pub fn profile_nudge(service: &str, to: &str, name: &str, link: &str) -> Letter {
    compose(
        to,
        format!("Is your profile on {service} still right?"),
        name,
        &[
            "Your champion profile has not been confirmed for six months. Colleagues in other services use it to find you, so please check it.",
            "Sign in, then confirm it or change what is out of date:",
        ],
        link,
        &["Until then, your profile shows a note that it may be out of date."],
        service,
    )
}

/// A coordinator's decision on a suggested term: approved, or not with their reason.
pub fn glossary_decision(
    service: &str,
    to: &str,
    name: &str,
    term: &str,
    rejected_because: Option<&str>,
    link: &str,
) -> Letter {
    let (subject, first) = match rejected_because {
        None => (
            format!("Your glossary suggestion \"{term}\" was approved"),
            format!(
                "Thank you for suggesting \"{term}\" for the glossary. A coordinator has approved it, and it is in the glossary now."
            ),
        ),
        Some(_) => (
            format!("Your glossary suggestion \"{term}\" was not accepted"),
            format!(
                "Thank you for suggesting \"{term}\" for the glossary. A coordinator has decided not to accept it."
            ),
        ),
    };
    let reason = rejected_because.map(|r| format!("Their reason: {r}"));
    let mut before = vec![first.as_str()];
    before.extend(reason.as_deref());
    compose(
        to,
        subject,
        name,
        &before,
        link,
        &["You can see your suggestion and the decision at the link above once signed in."],
        service,
    )
}

/// A letter whose one link sits between the paragraphs before and after it.
fn compose(
    to: &str,
    subject: String,
    name: &str,
    before: &[&str],
    link: &str,
    after: &[&str],
    service: &str,
) -> Letter {
    let blocks: Vec<Block> = before
        .iter()
        .map(|p| Block::Words(p))
        .chain([Block::Link(None, link)])
        .chain(after.iter().map(|p| Block::Words(p)))
        .collect();
    write_letter(to, subject, name, &blocks, service)
}

/// One paragraph of a letter.
pub(crate) enum Block<'a> {
    Words(&'a str),
    /// A link, shown as its address in the text; with a label, the label is the HTML's link
    /// text and comes before the address in the text.
    Link(Option<&'a str>, &'a str),
}

/// "Dear …", the blocks, and the service's name, as text and as simple HTML.
pub(crate) fn write_letter(
    to: &str,
    subject: String,
    name: &str,
    blocks: &[Block],
    service: &str,
) -> Letter {
    let greeting = format!("Dear {name},");
    let mut plain = vec![greeting.clone()];
    let paragraph = |p: &str| format!("<p>{}</p>", text(p));
    let mut html = vec![paragraph(&greeting)];
    for block in blocks {
        match block {
            Block::Words(words) => {
                plain.push((*words).to_owned());
                html.push(paragraph(words));
            }
            Block::Link(label, link) => {
                plain.push(label.map_or_else(|| (*link).to_owned(), |l| format!("{l}:\n{link}")));
                html.push(format!(
                    "<p><a href=\"{}\">{}</a></p>",
                    attr(link),
                    text(label.unwrap_or(link))
                ));
            }
        }
    }
    plain.push(service.to_owned());
    html.push(paragraph(service));

    Letter {
        to: to.to_owned(),
        subject,
        calendar: None,
        text: plain.join("\n\n") + "\n",
        html: format!(
            "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{}</title></head>\
             <body style=\"font-family: Arial, sans-serif; font-size: 16px; line-height: 1.5\">{}</body></html>",
            text(service),
            html.join("")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_carry_the_secret_in_the_query_under_the_public_address() {
        let postbox = Postbox::new(
            Url::parse("https://champions.example.org/").unwrap(),
            "champions@example.org".into(),
        );
        assert_eq!(
            postbox.link("/invitation", "a+b/c"),
            "https://champions.example.org/invitation?link=a%2Bb%2Fc"
        );
    }

    #[test]
    fn an_invitation_names_the_service_and_escapes_what_it_quotes_in_html() {
        let letter = invitation(
            "Champions <Network>",
            "sam@example.org",
            "Sam \"O'Neil\"",
            "https://x.example/invitation?link=a&b",
        );
        assert_eq!(letter.subject, "You are invited to Champions <Network>");
        assert!(letter.text.contains("Dear Sam \"O'Neil\","));
        assert!(
            letter
                .text
                .contains("https://x.example/invitation?link=a&b\n")
        );
        assert!(
            letter.html.contains("Champions &lt;Network&gt;"),
            "{}",
            letter.html
        );
        assert!(
            letter
                .html
                .contains("href=\"https://x.example/invitation?link=a&amp;b\"")
        );
        assert!(!letter.html.contains("<Network>"));
    }
}
