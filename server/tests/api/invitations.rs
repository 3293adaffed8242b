//! Invitations to a meeting: one email per person through a real SMTP server, with a
//! calendar object calendars accept; updates and cancellations; answers from the emailed
//! links without signing in, and from the meeting's page; guests; reminders; the feed.

use crate::{
    helpers::*,
    mail::{Smtp, free_port, maildir, through_smtp},
};
use app::{
    api::meetings::{
        AddGuest, AnswerByLink, AnswerMeeting, CancelMeeting, ChangeMeeting, RenewCalendarFeed,
        SendInvitations,
    },
    db::{
        entities::{mail_outbox, meeting, meeting_invitee, profile, user_account},
        meetings::{self, invitations},
    },
    domain::account::Role,
};
use icalendar::{Component, EventLike, parser};
use leptos::server_fn::ServerFn;
use mail_parser::{MessageParser, MimeHeaders};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter,
};

fn today() -> chrono::NaiveDate {
    meetings::local_now(chrono::Utc::now()).date()
}

/// The demo series' next meeting.
async fn next_meeting(app: &TestApp) -> meeting::Model {
    meeting::Entity::find()
        .filter(meeting::Column::Date.gt(today()))
        .all(app.db.reader())
        .await
        .unwrap()
        .into_iter()
        .min_by_key(|m| m.date)
        .unwrap()
}

/// The MIME tree of an email, as `type[child,child]`.
fn shape(raw: &[u8]) -> String {
    let message = MessageParser::default().parse(raw).unwrap();
    fn part(message: &mail_parser::Message, id: usize) -> String {
        let p = &message.parts[id];
        let ct = p.content_type().unwrap();
        let mut name = format!("{}/{}", ct.ctype(), ct.subtype().unwrap_or_default());
        if let Some(method) = ct.attribute("method") {
            name.push_str(&format!(";method={method}"));
        }
        if let Some(file) = p.attachment_name() {
            name.push_str(&format!(";{file}"));
        }
        match p.sub_parts() {
            Some(children) => format!(
                "{name}[{}]",
                children
                    .iter()
                    .map(|&c| part(message, c as usize))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
            None => name,
        }
    }
    part(&message, 0)
}

/// The calendar objects an email carries (the part and the attachment), as text.
fn calendars(raw: &[u8]) -> Vec<String> {
    let message = MessageParser::default().parse(raw).unwrap();
    message
        .parts
        .iter()
        .filter(|p| {
            p.content_type()
                .is_some_and(|ct| ct.ctype() == "text" && ct.subtype() == Some("calendar"))
        })
        .map(|p| String::from_utf8(p.contents().to_vec()).unwrap())
        .collect()
}

fn event(text: &str) -> (icalendar::Calendar, icalendar::Event) {
    let unfolded = parser::unfold(text);
    let calendar: icalendar::Calendar = parser::read_calendar(&unfolded).unwrap().into();
    let event = calendar.events().next().expect("an event").clone();
    (calendar, event)
}

async fn letters_to(received: &std::path::Path, to: &str, count: usize) -> Vec<Vec<u8>> {
    for _ in 0..150 {
        let letters: Vec<Vec<u8>> = files_in(received)
            .iter()
            .map(|f| std::fs::read(f).unwrap())
            .filter(|raw| MessageParser::default().parse(raw).is_some())
            .filter(|raw| read_letter(raw).0 == to)
            .collect();
        if letters.len() >= count {
            return letters;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("fewer than {count} letters to {to}");
}

/// The newest letter to `to` whose subject starts with `subject`.
async fn letter(received: &std::path::Path, to: &str, subject: &str) -> Vec<u8> {
    for _ in 0..150 {
        let found = files_in(received)
            .iter()
            .map(|f| std::fs::read(f).unwrap())
            // A file still being written does not parse yet.
            .filter(|raw| MessageParser::default().parse(raw).is_some())
            .find(|raw| {
                let (who, about, ..) = read_letter(raw);
                who == to && about.starts_with(subject)
            });
        if let Some(found) = found {
            return found;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("no letter to {to} about {subject}");
}

async fn send_invitations(app: &TestApp, coordinator: &str, id: i32) -> String {
    let id = id.to_string();
    let response = submit(
        app,
        &format!("/meetings/{id}"),
        SendInvitations::PATH,
        &[("id", &id)],
        Some(coordinator),
    )
    .await;
    location(&response)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invitation_reaches_an_smtp_server_as_a_calendar_invitation_then_its_update_and_cancellation()
 {
    let port = free_port();
    let app = spawn_app_with(through_smtp(port)).await;
    let _smtp = Smtp::start(port, &maildir(app.dir.path())).await;
    // Only `new/` holds whole messages: aiosmtpd writes each into `tmp/` first.
    let received = maildir(app.dir.path()).join("new");
    let coordinator = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    member_as(&app, "amira.khan@example.org", Role::Champion).await;
    let staff = member_as(&app, "staff@example.org", Role::Staff).await;
    let next = next_meeting(&app).await;

    let done = send_invitations(&app, &coordinator, next.id).await;
    // Every active champion and coordinator: the demo's and these two, but not staff.
    let members = user_account::Entity::find()
        .filter(user_account::Column::Status.eq("active"))
        .filter(user_account::Column::Role.is_in(["champion", "coordinator"]))
        .all(app.db.reader())
        .await
        .unwrap()
        .len();
    assert!(members >= 2);
    assert_eq!(
        done,
        format!("/meetings/{}?done=invited&sent={members}", next.id)
    );
    let raw = letter(&received, "amira.khan@example.org", "Invitation: ").await;
    assert_eq!(
        shape(&raw),
        "multipart/mixed[multipart/alternative[text/plain,text/html,text/calendar;method=REQUEST],text/calendar;method=REQUEST;invite.ics]"
    );
    let objects = calendars(&raw);
    assert_eq!(objects.len(), 2);
    assert_eq!(
        objects[0], objects[1],
        "the part and the attachment are the same bytes"
    );
    let text = &objects[0];
    assert!(
        text.split_inclusive('\n')
            .all(|l| l.ends_with("\r\n") && l.len() <= 77),
        "{text:?}"
    );
    assert!(
        text.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n"),
        "{text}"
    );
    assert!(
        text.contains("RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"),
        "{text}"
    );
    let (calendar, ev) = event(text);
    assert_eq!(calendar.property_value("METHOD"), Some("REQUEST"));
    assert_eq!(ev.get_uid(), Some(next.uid.as_str()));
    assert_eq!(ev.property_value("SEQUENCE"), Some("0"));
    let start = ev.properties().get("DTSTART").unwrap();
    assert_eq!(
        start.params().get("TZID").map(|p| p.value()),
        Some("Europe/London")
    );
    assert_eq!(
        start.value(),
        format!("{}T100000", next.date.format("%Y%m%d"))
    );
    assert!(ev.property_value("DTSTAMP").unwrap().ends_with('Z'));
    let organizer = ev.properties().get("ORGANIZER").unwrap().value().to_owned();
    assert_eq!(
        organizer, "mailto:champions@example.org",
        "MAIL_FROM, never the recipient"
    );
    let attendees = ev
        .multi_properties()
        .get("ATTENDEE")
        .cloned()
        .unwrap_or_default();
    let attendee = attendees
        .first()
        .or_else(|| ev.properties().get("ATTENDEE"))
        .expect("the recipient as attendee");
    assert_eq!(attendee.value(), "mailto:amira.khan@example.org");
    for (param, value) in [
        ("ROLE", "REQ-PARTICIPANT"),
        ("PARTSTAT", "NEEDS-ACTION"),
        ("RSVP", "TRUE"),
    ] {
        assert_eq!(attendee.params().get(param).map(|p| p.value()), Some(value));
    }
    assert_eq!(ev.property_value("URL"), Some(next.online_link.as_str()));
    assert!(ev.get_description().unwrap().contains(&next.online_link));
    let (_, _, plain, html) = read_letter(&raw);
    assert!(
        plain.contains(&format!("{}/rsvp?link=", app.base)),
        "{plain}"
    );
    assert!(
        html.contains(">I will attend</a>") && html.contains(">Send apologies</a>"),
        "{html}"
    );
    assert!(
        files_in(&received)
            .iter()
            .all(|f| read_letter(&std::fs::read(f).unwrap()).0 != "staff@example.org"),
        "staff are not members"
    );

    // A move raises the sequence; the UID stays.
    let id = next.id.to_string();
    let moved = (next.date + chrono::Days::new(1)).to_string();
    let fields = [
        ("id", id.as_str()),
        ("title", next.title.as_str()),
        ("date", moved.as_str()),
        ("start_time", "10:00"),
        ("end_time", "12:00"),
        ("venue", "Room 9"),
        ("online_link", next.online_link.as_str()),
    ];
    let response = submit(
        &app,
        &format!("/meetings/{id}"),
        ChangeMeeting::PATH,
        &fields,
        Some(&coordinator),
    )
    .await;
    assert_eq!(location(&response), format!("/meetings/{id}?done=changed"));

    let raw = letter(&received, "amira.khan@example.org", "Changed: ").await;
    let (calendar, ev) = event(&calendars(&raw)[0]);
    assert_eq!(calendar.property_value("METHOD"), Some("REQUEST"));
    assert_eq!(ev.get_uid(), Some(next.uid.as_str()));
    assert_eq!(ev.property_value("SEQUENCE"), Some("1"));
    assert_eq!(ev.get_location(), Some("Room 9"));

    // A cancellation is METHOD:CANCEL in the part's header and in the object.
    submit(
        &app,
        &format!("/meetings/{id}"),
        CancelMeeting::PATH,
        &[("id", &id)],
        Some(&coordinator),
    )
    .await;
    let raw = letter(&received, "amira.khan@example.org", "Cancelled: ").await;
    assert!(
        shape(&raw).contains("text/calendar;method=CANCEL"),
        "{}",
        shape(&raw)
    );
    let (calendar, ev) = event(&calendars(&raw)[0]);
    assert_eq!(calendar.property_value("METHOD"), Some("CANCEL"));
    assert_eq!(ev.property_value("STATUS"), Some("CANCELLED"));
    assert_eq!(ev.property_value("SEQUENCE"), Some("2"));
    let (_, _, plain, _) = read_letter(&raw);
    assert!(!plain.contains("/rsvp?link="), "nothing to answer: {plain}");
    assert_eq!(
        letters_to(&received, "coordinator@example.org", 3)
            .await
            .len(),
        3
    );

    // Staff read the meeting but do not send invitations.
    let (status, _) = page(&app, &format!("/meetings/{id}"), Some(&staff)).await;
    assert_eq!(status, 200);
    let response = submit(
        &app,
        &format!("/meetings/{id}"),
        SendInvitations::PATH,
        &[("id", &id)],
        Some(&staff),
    )
    .await;
    let (_, html) = follow(&app, &response, Some(&staff)).await;
    assert!(html.contains("You do not have permission"), "{html}");
}

/// The two answer links of the newest invitation to `to` in the mail folder.
async fn answer_links(app: &TestApp, to: &str) -> (String, String) {
    let raw = letter(&app.dir.path().join("mail"), to, "Invitation: ").await;
    let (_, _, plain, _) = read_letter(&raw);
    let prefix = format!("{}/rsvp?link=", app.base);
    let links: Vec<&str> = plain
        .split_whitespace()
        .filter(|w| w.starts_with(&prefix))
        .collect();
    assert_eq!(links.len(), 2, "{plain}");
    (links[0].to_owned(), links[1].to_owned())
}

fn secret_of(link: &str) -> String {
    let url = url::Url::parse(link).unwrap();
    url.query_pairs()
        .find(|(k, _)| k == "link")
        .unwrap()
        .1
        .into_owned()
}

async fn answer_by_link(app: &TestApp, link: &str, answer: &str, note: &str) -> reqwest::Response {
    let secret = secret_of(link);
    let fields = [
        ("link", secret.as_str()),
        ("answer", answer),
        ("note", note),
    ];
    let page = link.strip_prefix(&app.base).unwrap();
    submit(app, page, AnswerByLink::PATH, &fields, None).await
}

async fn invitee_rows(app: &TestApp, meeting_id: i32) -> Vec<meeting_invitee::Model> {
    meeting_invitee::Entity::find()
        .filter(meeting_invitee::Column::MeetingId.eq(meeting_id))
        .all(app.db.reader())
        .await
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_emailed_link_answers_once_per_person_and_only_when_confirmed() {
    let app = spawn_app().await;
    let coordinator = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    member_as(&app, "amira.khan@example.org", Role::Champion).await;
    let next = next_meeting(&app).await;
    send_invitations(&app, &coordinator, next.id).await;
    let (attend, apologies) = answer_links(&app, "amira.khan@example.org").await;
    assert!(attend.ends_with("&answer=attending") && apologies.ends_with("&answer=apologies"));

    // Opening the link (as a mail scanner does) records nothing.
    let (status, html) = page(&app, &attend, None).await;
    assert_eq!(status, 200, "{html}");
    assert!(
        // The test accounts are all called Sam Patel.
        html.contains("Confirm my answer") && html.contains("Sam Patel"),
        "{html}"
    );
    let amira = |rows: Vec<meeting_invitee::Model>| {
        rows.into_iter()
            .filter(|r| r.account_id.is_some())
            .collect::<Vec<_>>()
    };
    assert!(
        invitee_rows(&app, next.id)
            .await
            .iter()
            .all(|r| r.answer.is_none())
    );

    let response = answer_by_link(&app, &attend, "attending", "").await;
    assert!(
        location(&response).starts_with("/rsvp?link="),
        "{}",
        location(&response)
    );
    let (_, html) = follow(&app, &response, None).await;
    assert!(html.contains("Your answer is recorded"), "{html}");
    let answered: Vec<_> = amira(invitee_rows(&app, next.id).await)
        .into_iter()
        .filter(|r| r.answer.is_some())
        .collect();
    assert_eq!(answered.len(), 1);
    assert_eq!(answered[0].answer.as_deref(), Some("attending"));

    // The other link, then the first again: still one answer, the latest.
    answer_by_link(&app, &apologies, "apologies", "On leave that week").await;
    answer_by_link(&app, &apologies, "apologies", "On leave that week").await;
    let rows = invitee_rows(&app, next.id).await;
    let with_answers: Vec<_> = rows.iter().filter(|r| r.answer.is_some()).collect();
    assert_eq!(with_answers.len(), 1);
    assert_eq!(with_answers[0].answer.as_deref(), Some("apologies"));
    assert_eq!(with_answers[0].note, "On leave that week");
    let (_, html) = page(&app, &format!("/meetings/{}", next.id), Some(&coordinator)).await;
    assert!(
        html.contains("1 of ") && html.contains(" answered") && html.contains("On leave that week"),
        "{html}"
    );

    // An altered secret is refused and changes nothing.
    let altered = attend.replace("link=", "link=x");
    let (status, _) = page(&app, &altered, None).await;
    assert_eq!(status, 410);
    let response = answer_by_link(&app, &altered, "attending", "").await;
    let (status, _) = follow(&app, &response, None).await;
    assert_eq!(status, 410);
    // A bad answer is explained by its field.
    let response = answer_by_link(&app, &attend, "maybe", "").await;
    let (_, html) = follow(&app, &response, None).await;
    assert!(html.contains("Choose whether you will attend"), "{html}");
    assert_eq!(
        invitee_rows(&app, next.id)
            .await
            .iter()
            .filter(|r| r.answer.as_deref() == Some("apologies"))
            .count(),
        1
    );

    // Once the meeting has ended, the link has expired.
    let mut ended = meeting::Entity::find_by_id(next.id)
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap()
        .into_active_model();
    ended.date = Set(today() - chrono::Days::new(1));
    let txn = app.db.begin_write().await.unwrap();
    ended.update(&txn).await.unwrap();
    txn.commit().await.unwrap();
    let (status, html) = page(&app, &attend, None).await;
    assert_eq!(status, 410, "{html}");
    let response = answer_by_link(&app, &attend, "attending", "").await;
    let (status, _) = follow(&app, &response, None).await;
    assert_eq!(status, 410);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_guest_is_invited_without_an_account_and_their_link_is_for_that_meeting_only() {
    let app = spawn_app().await;
    let coordinator = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    let next = next_meeting(&app).await;
    let id = next.id.to_string();
    let here = format!("/meetings/{id}");
    send_invitations(&app, &coordinator, next.id).await;

    let bad = [
        ("id", id.as_str()),
        ("name", "Dr Ola Presenter"),
        ("email", "ola at example"),
        ("organisation", "University"),
    ];
    let response = submit(&app, &here, AddGuest::PATH, &bad, Some(&coordinator)).await;
    let (_, html) = follow(&app, &response, Some(&coordinator)).await;
    assert!(
        html.contains("Enter an email address in the correct format"),
        "{html}"
    );
    assert!(html.contains("value=\"Dr Ola Presenter\""), "{html}");

    let good = [
        ("id", id.as_str()),
        ("name", "Dr Ola Presenter"),
        ("email", "ola@university.example"),
        ("organisation", "University"),
    ];
    let response = submit(&app, &here, AddGuest::PATH, &good, Some(&coordinator)).await;
    assert_eq!(location(&response), format!("{here}?done=guest"));
    // Invitations went out already, so the guest's goes at once.
    let (attend, _) = answer_links(&app, "ola@university.example").await;
    answer_by_link(&app, &attend, "attending", "").await;
    let guest_rows: Vec<_> = meeting_invitee::Entity::find()
        .filter(meeting_invitee::Column::GuestId.is_not_null())
        .all(app.db.reader())
        .await
        .unwrap();
    assert_eq!(guest_rows.len(), 1);
    assert_eq!(
        (guest_rows[0].meeting_id, guest_rows[0].answer.as_deref()),
        (next.id, Some("attending"))
    );
    // The link is no key to anything else.
    let (status, _) = page(&app, &here, None).await;
    assert_eq!(status, 303);
    let response = submit(&app, &here, AddGuest::PATH, &good, Some(&coordinator)).await;
    let (_, html) = follow(&app, &response, Some(&coordinator)).await;
    assert!(html.contains("already a guest"), "{html}");
    let (_, html) = page(&app, &here, Some(&coordinator)).await;
    assert!(
        html.contains("Dr Ola Presenter (guest, University)"),
        "{html}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_answers_on_the_page_and_may_name_a_deputy_from_their_own_team() {
    let app = spawn_app().await;
    let amira = member_as(&app, "amira.khan@example.org", Role::Champion).await;
    let next = next_meeting(&app).await;
    let id = next.id.to_string();
    let here = format!("/meetings/{id}");
    let own = profile::Entity::find()
        .filter(profile::Column::WorkEmail.eq("amira.khan@example.org"))
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    let colleague = profile::Entity::find()
        .filter(profile::Column::TeamId.eq(own.team_id))
        .filter(profile::Column::Id.ne(own.id))
        .one(app.db.reader())
        .await
        .unwrap()
        .expect("a colleague in the demo team");
    let stranger = profile::Entity::find()
        .filter(profile::Column::TeamId.ne(own.team_id))
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    let (_, html) = page(&app, &here, Some(&amira)).await;
    assert!(
        html.contains("Your answer") && html.contains(&colleague.name),
        "{html}"
    );

    let stranger_id = stranger.id.to_string();
    let fields = [
        ("id", id.as_str()),
        ("answer", "apologies"),
        ("note", ""),
        ("deputy", stranger_id.as_str()),
    ];
    let response = submit(&app, &here, AnswerMeeting::PATH, &fields, Some(&amira)).await;
    let (_, html) = follow(&app, &response, Some(&amira)).await;
    assert!(
        html.contains("Choose a deputy from your own team"),
        "{html}"
    );
    assert!(
        invitee_rows(&app, next.id).await.is_empty(),
        "nothing saved"
    );

    let colleague_id = colleague.id.to_string();
    let fields = [
        ("id", id.as_str()),
        ("answer", "apologies"),
        ("note", "Clinic that day"),
        ("deputy", colleague_id.as_str()),
    ];
    let response = submit(&app, &here, AnswerMeeting::PATH, &fields, Some(&amira)).await;
    assert_eq!(location(&response), format!("{here}?done=answered"));
    let rows = invitee_rows(&app, next.id).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].answer.as_deref(), rows[0].deputy_profile_id),
        (Some("apologies"), Some(colleague.id))
    );

    // Changed later: the same row.
    let fields = [
        ("id", id.as_str()),
        ("answer", "attending"),
        ("note", ""),
        ("deputy", ""),
    ];
    submit(&app, &here, AnswerMeeting::PATH, &fields, Some(&amira)).await;
    let rows = invitee_rows(&app, next.id).await;
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].answer.as_deref(), rows[0].deputy_profile_id),
        (Some("attending"), None)
    );

    let coordinator = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    let (_, html) = page(&app, &here, Some(&coordinator)).await;
    assert!(
        html.contains("Sam Patel") && html.contains("Attending"),
        "{html}"
    );
    let staff = member_as(&app, "staff@example.org", Role::Staff).await;
    let response = submit(&app, &here, AnswerMeeting::PATH, &fields, Some(&staff)).await;
    let (_, html) = follow(&app, &response, Some(&staff)).await;
    assert!(
        html.contains("You do not have permission"),
        "staff are not members: {html}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reminders_go_once_to_everyone_invited_who_has_not_sent_apologies() {
    let app = spawn_app().await;
    let coordinator = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    member_as(&app, "amira.khan@example.org", Role::Champion).await;
    let next = next_meeting(&app).await;
    send_invitations(&app, &coordinator, next.id).await;
    let (_, apologies) = answer_links(&app, "amira.khan@example.org").await;
    answer_by_link(&app, &apologies, "apologies", "").await;

    let postbox = app::mail::Postbox::new(app.base.parse().unwrap(), "champions@localhost".into());
    let sender = invitations::Sender {
        postbox: &postbox,
        service: "Champions Network",
    };
    let days = u32::try_from((next.date - today()).num_days()).unwrap() + 1;
    let invited = meeting_invitee::Entity::find()
        .filter(meeting_invitee::Column::MeetingId.eq(next.id))
        .all(app.db.reader())
        .await
        .unwrap()
        .len();
    let txn = app.db.begin_write().await.unwrap();
    assert_eq!(
        invitations::send_reminders(&txn, sender, days, chrono::Utc::now())
            .await
            .unwrap(),
        invited - 1,
        "everyone invited but Amira, who sent apologies"
    );
    assert_eq!(
        invitations::send_reminders(&txn, sender, days, chrono::Utc::now())
            .await
            .unwrap(),
        0,
        "once"
    );
    txn.commit().await.unwrap();
    let reminder = mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Subject.starts_with("Reminder: "))
        .all(app.db.reader())
        .await
        .unwrap();
    assert_eq!(reminder.len(), invited - 1);
    assert!(
        reminder
            .iter()
            .all(|r| r.recipient != "amira.khan@example.org")
    );
    assert!(
        reminder[0]
            .text_body
            .contains("Please say whether you will come"),
        "{}",
        reminder[0].text_body
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_member_subscribes_to_their_calendar_feed_and_can_renew_its_address() {
    let app = spawn_app().await;
    let amira = member_as(&app, "amira.khan@example.org", Role::Champion).await;
    let response = submit(&app, "/account", RenewCalendarFeed::PATH, &[], Some(&amira)).await;
    assert_eq!(location(&response), "/account?done=calendar#calendar");
    let (_, html) = page(&app, "/account", Some(&amira)).await;
    let prefix = format!("{}/calendar/", app.base);
    let start = html.find(&prefix).expect("the feed's address");
    let address = html[start..].split('<').next().unwrap().to_owned();
    assert!(address.ends_with(".ics"), "{address}");

    let feed = app.client.get(&address).send().await.unwrap();
    assert_eq!(feed.status(), 200);
    let text = feed.text().await.unwrap();
    let unfolded = parser::unfold(&text);
    let calendar: icalendar::Calendar = parser::read_calendar(&unfolded).unwrap().into();
    assert_eq!(calendar.property_value("METHOD"), Some("PUBLISH"));
    let all = meeting::Entity::find().all(app.db.reader()).await.unwrap();
    let recent = all
        .iter()
        .filter(|m| m.date >= today() - chrono::Days::new(92))
        .count();
    assert_eq!(calendar.events().count(), recent);

    submit(&app, "/account", RenewCalendarFeed::PATH, &[], Some(&amira)).await;
    assert_eq!(
        app.client.get(&address).send().await.unwrap().status(),
        404,
        "the old address stops working"
    );

    // Someone no longer a member has no feed.
    let (_, html) = page(&app, "/account", Some(&amira)).await;
    let start = html.find(&prefix).unwrap();
    let renewed = html[start..].split('<').next().unwrap().to_owned();
    let account = user_account::Entity::find()
        .filter(user_account::Column::Email.eq("amira.khan@example.org"))
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    let mut staff = account.into_active_model();
    staff.role = Set("staff".into());
    let txn = app.db.begin_write().await.unwrap();
    staff.update(&txn).await.unwrap();
    txn.commit().await.unwrap();
    assert_eq!(app.client.get(&renewed).send().await.unwrap().status(), 404);
}
