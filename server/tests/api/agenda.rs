//! Agendas: a champion proposes, a coordinator accepts, orders and sends; proposals close at
//! the deadline; a proposal declined is explained to its proposer; papers are checked by
//! their content and served only to members; standing items reach the series' later
//! meetings; bad items are refused and nothing is saved.

use crate::helpers::*;
use app::{
    api::meetings::agenda::{
        AddAgendaItem, AddPaper, DeclineAgendaItem, MoveAgendaItem, SaveAgendaItem, SendAgenda,
    },
    db::{
        entities::{agenda_item, agenda_paper, mail_outbox, meeting, user_account},
        meetings,
    },
    domain::{
        account::Role,
        meetings::agenda::{ItemStatus, MAX_ITEMS, MAX_PAPER_BYTES},
    },
};
use leptos::server_fn::ServerFn;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder,
};

fn today() -> chrono::NaiveDate {
    meetings::local_now(chrono::Utc::now()).date()
}

/// The demo series' first meeting still open for proposals (more than ten days ahead).
async fn open_meeting(app: &TestApp) -> meeting::Model {
    meeting::Entity::find()
        .filter(meeting::Column::Date.gt(today() + chrono::Days::new(11)))
        .order_by_asc(meeting::Column::Date)
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap()
}

async fn items(app: &TestApp, meeting_id: i32) -> Vec<agenda_item::Model> {
    agenda_item::Entity::find()
        .filter(agenda_item::Column::MeetingId.eq(meeting_id))
        .order_by_asc(agenda_item::Column::Position)
        .all(app.db.reader())
        .await
        .unwrap()
}

async fn account_id(app: &TestApp, email: &str) -> i32 {
    user_account::Entity::find()
        .filter(user_account::Column::Email.eq(email))
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn letters_to(app: &TestApp, email: &str) -> Vec<mail_outbox::Model> {
    mail_outbox::Entity::find()
        .filter(mail_outbox::Column::Recipient.eq(email))
        .all(app.db.reader())
        .await
        .unwrap()
}

/// The email to `to` whose subject starts `subject`, once the mail worker has written it to
/// the mail folder: (text, HTML).
async fn letter(app: &TestApp, to: &str, subject: &str) -> (String, String) {
    for _ in 0..100 {
        for file in files_in(&app.dir.path().join("mail")) {
            let (recipient, title, text, html) = read_letter(&std::fs::read(file).unwrap());
            if recipient == to && title.starts_with(subject) {
                return (text, html);
            }
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("no letter to {to} about {subject}");
}

fn item_fields<'a>(
    id: &'a str,
    title: &'a str,
    presenter: &'a str,
    minutes: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("id", id),
        ("item_title", title),
        ("kind", "information-exchange"),
        ("job_role", ""),
        ("presenter", presenter),
        ("minutes", minutes),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_champion_proposes_and_a_coordinator_accepts_orders_and_sends_the_agenda() {
    let app = spawn_app().await;
    let champion = member_as(&app, "amira.khan@example.org", Role::Champion).await;
    let coordinator = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    let row = open_meeting(&app).await;
    let (id, here) = (row.id.to_string(), format!("/meetings/{}", row.id));
    let standing = items(&app, row.id).await.len();
    assert!(
        standing >= 3,
        "the demo's standing items are on every agenda"
    );

    let mut fields = item_fields(
        &id,
        "Parents' mental health and school attendance",
        "",
        "20",
    );
    fields.push(("reason", "Three families in my school this term."));
    let response = submit(&app, &here, AddAgendaItem::PATH, &fields, Some(&champion)).await;
    assert_eq!(location(&response), format!("{here}?done=proposed#agenda"));
    let proposal = items(&app, row.id)
        .await
        .into_iter()
        .find(|i| i.title.starts_with("Parents' mental health"))
        .unwrap();
    assert_eq!(proposal.status, ItemStatus::Proposed.as_str());
    let champion_id = account_id(&app, "amira.khan@example.org").await;
    assert_eq!(proposal.proposed_by, Some(champion_id));

    // Not even their own: a champion accepts nothing.
    let item_id = proposal.id.to_string();
    let presenter = format!("m{champion_id}");
    let accept = item_fields(
        &item_id,
        "Parents' mental health and school attendance",
        &presenter,
        "25",
    );
    let response = app
        .client
        .post(app.url(SaveAgendaItem::PATH))
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", &champion)
        .body(serde_urlencoded(&accept))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(
        items(&app, row.id)
            .await
            .iter()
            .find(|i| i.id == proposal.id)
            .unwrap()
            .status,
        "proposed"
    );

    // The coordinator sees it waiting, accepts it with a presenter and more time.
    let (_, html) = page(&app, &here, Some(&coordinator)).await;
    assert!(
        html.contains("waiting for the coordinator") && html.contains("proposed by Sam Patel"),
        "{html}"
    );
    let page_of_item = format!("/meetings/items/{item_id}");
    let response = submit(
        &app,
        &page_of_item,
        SaveAgendaItem::PATH,
        &accept,
        Some(&coordinator),
    )
    .await;
    assert_eq!(location(&response), format!("{here}?done=accepted#agenda"));
    let order = items(&app, row.id).await;
    let last = order.last().unwrap();
    assert_eq!(
        (last.id, last.status.as_str(), last.minutes),
        (proposal.id, "accepted", 25)
    );
    assert_eq!(last.presenter_account_id, Some(champion_id));

    // Up one place: it swaps with the item before it, and the times follow.
    let before = order[order.len() - 2].id;
    let response = submit(
        &app,
        &here,
        MoveAgendaItem::PATH,
        &[("id", &item_id), ("direction", "up")],
        Some(&coordinator),
    )
    .await;
    assert_eq!(
        location(&response),
        format!("{here}?done=moved#item-{item_id}")
    );
    let moved: Vec<i32> = items(&app, row.id).await.iter().map(|i| i.id).collect();
    assert_eq!(&moved[moved.len() - 2..], &[proposal.id, before]);
    let (_, html) = page(&app, &here, Some(&coordinator)).await;
    let minutes_before: i64 = order[..order.len() - 2]
        .iter()
        .map(|i| i64::from(i.minutes))
        .sum();
    let starts = row.start_time + chrono::Duration::minutes(minutes_before);
    let row_html = &html[html.find(&format!("id=\"item-{item_id}\"")).unwrap()..];
    assert!(
        row_html.contains(&format!(">{}<", starts.format("%H:%M"))),
        "starts at {starts}: {row_html}"
    );

    // Sending the agenda writes to every member and guest, with the items and the page.
    let before_send = mail_outbox::Entity::find()
        .count(app.db.reader())
        .await
        .unwrap();
    let response = submit(
        &app,
        &here,
        SendAgenda::PATH,
        &[("id", &id)],
        Some(&coordinator),
    )
    .await;
    assert!(location(&response).starts_with(&format!("{here}?done=agenda-sent&sent=")));
    let members = user_account::Entity::find()
        .filter(user_account::Column::Status.eq("active"))
        .filter(user_account::Column::Role.is_in(["champion", "coordinator"]))
        .count(app.db.reader())
        .await
        .unwrap();
    let after_send = mail_outbox::Entity::find()
        .count(app.db.reader())
        .await
        .unwrap();
    assert_eq!(after_send - before_send, members);
    let (text, html) = letter(&app, "amira.khan@example.org", "Agenda: ").await;
    assert!(
        text.contains("Parents' mental health and school attendance (25 minutes, Sam Patel)"),
        "{text}"
    );
    assert!(text.contains(&format!("{}{here}", app.base)), "{text}");
    assert!(
        html.contains("Parents&#39; mental health") || html.contains("Parents' mental health"),
        "{html}"
    );
    assert!(
        meeting::Entity::find_by_id(row.id)
            .one(app.db.reader())
            .await
            .unwrap()
            .unwrap()
            .agenda_sent_at
            .is_some()
    );

    // The agenda to print has the item at its time.
    let (status, html) = page(&app, &format!("{here}/agenda"), Some(&champion)).await;
    assert_eq!(status, 200);
    assert!(html.contains("app-agenda") && html.contains(&starts.format("%H:%M").to_string()));
    let (status, _) = page(&app, &format!("{here}/agenda"), None).await;
    assert_eq!(status, 303, "members only");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_declined_proposal_is_explained_to_its_proposer() {
    let app = spawn_app().await;
    let champion = member_as(&app, "amira.khan@example.org", Role::Champion).await;
    let coordinator = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    let row = open_meeting(&app).await;
    let (id, here) = (row.id.to_string(), format!("/meetings/{}", row.id));
    let mut fields = item_fields(&id, "Thresholds for early help", "", "15");
    fields.push(("reason", "Teams read them differently."));
    submit(&app, &here, AddAgendaItem::PATH, &fields, Some(&champion)).await;
    let proposal = items(&app, row.id)
        .await
        .into_iter()
        .find(|i| i.status == "proposed" && i.title == "Thresholds for early help")
        .unwrap();
    let item_id = proposal.id.to_string();

    let response = submit(
        &app,
        &format!("/meetings/items/{item_id}"),
        DeclineAgendaItem::PATH,
        &[("id", &item_id), ("decline_reason", "  ")],
        Some(&coordinator),
    )
    .await;
    let (_, html) = follow(&app, &response, Some(&coordinator)).await;
    assert!(
        html.contains("id=\"decline_reason-error\""),
        "a reason is needed: {html}"
    );
    assert!(letters_to(&app, "amira.khan@example.org").await.is_empty());

    let reason = "It is on the board's agenda in March; bring it there.";
    let response = submit(
        &app,
        &format!("/meetings/items/{item_id}"),
        DeclineAgendaItem::PATH,
        &[("id", &item_id), ("decline_reason", reason)],
        Some(&coordinator),
    )
    .await;
    assert_eq!(location(&response), format!("{here}?done=declined#agenda"));
    let stored = items(&app, row.id)
        .await
        .into_iter()
        .find(|i| i.id == proposal.id)
        .unwrap();
    assert_eq!(
        (stored.status.as_str(), stored.decline_reason.as_str()),
        ("declined", reason)
    );
    assert_eq!(letters_to(&app, "amira.khan@example.org").await.len(), 1);
    let (text, _) = letter(
        &app,
        "amira.khan@example.org",
        "Agenda proposal not accepted: Thresholds for early help",
    )
    .await;
    assert!(text.contains(reason), "{text}");

    // The proposer sees why on the meeting's page; nobody can accept it now.
    let (_, html) = page(&app, &here, Some(&champion)).await;
    assert!(html.contains("declined: It is on the board"), "{html}");
    let accept = item_fields(&item_id, "Thresholds for early help", "", "15");
    let response = submit(
        &app,
        &format!("/meetings/items/{item_id}"),
        SaveAgendaItem::PATH,
        &accept,
        Some(&coordinator),
    )
    .await;
    let (_, html) = follow(&app, &response, Some(&coordinator)).await;
    assert!(html.contains("This proposal was declined"), "{html}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_items_are_refused_and_nothing_is_saved() {
    let app = spawn_app().await;
    let champion = member_as(&app, "amira.khan@example.org", Role::Champion).await;
    let coordinator = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    let row = open_meeting(&app).await;
    let (id, here) = (row.id.to_string(), format!("/meetings/{}", row.id));
    let held = items(&app, row.id).await.len();

    // A presenter who is neither a member nor a guest of the meeting.
    let fields = item_fields(&id, "Perinatal pathway", "g9999", "15");
    let response = submit(
        &app,
        &here,
        AddAgendaItem::PATH,
        &fields,
        Some(&coordinator),
    )
    .await;
    let (_, html) = follow(&app, &response, Some(&coordinator)).await;
    assert!(
        html.contains("Choose a presenter from the meeting"),
        "{html}"
    );
    assert!(
        html.contains("value=\"Perinatal pathway\""),
        "what was typed is kept"
    );
    // A proposal without its reason.
    let fields = item_fields(&id, "Perinatal pathway", "", "15");
    let response = submit(&app, &here, AddAgendaItem::PATH, &fields, Some(&champion)).await;
    let (_, html) = follow(&app, &response, Some(&champion)).await;
    assert!(html.contains("id=\"reason-error\""), "{html}");
    assert_eq!(items(&app, row.id).await.len(), held);

    // A proposal after the deadline: a meeting in five days.
    let soon = meeting::Entity::find()
        .filter(meeting::Column::Date.gt(today()))
        .order_by_asc(meeting::Column::Date)
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    let mut moved: meeting::ActiveModel = soon.clone().into();
    moved.date = Set(today() + chrono::Days::new(5));
    let txn = app.db.begin_write().await.unwrap();
    moved.update(&txn).await.unwrap();
    txn.commit().await.unwrap();
    let soon_id = soon.id.to_string();
    let mut fields = item_fields(&soon_id, "Late idea", "", "15");
    fields.push(("reason", "It came up yesterday."));
    let response = submit(
        &app,
        &format!("/meetings/{soon_id}"),
        AddAgendaItem::PATH,
        &fields,
        Some(&champion),
    )
    .await;
    let (_, html) = follow(&app, &response, Some(&champion)).await;
    assert!(
        html.contains("Proposals for this meeting closed on"),
        "{html}"
    );
    assert!(
        items(&app, soon.id)
            .await
            .iter()
            .all(|i| i.title != "Late idea")
    );

    // More than the meeting can hold is warned of; more than MAX_ITEMS is refused.
    let now = chrono::Utc::now();
    let txn = app.db.begin_write().await.unwrap();
    for n in held..MAX_ITEMS {
        agenda_item::ActiveModel {
            meeting_id: Set(row.id),
            status: Set("accepted".into()),
            position: Set(1000 + n as i32),
            title: Set(format!("Item {n}")),
            kind: Set("any-other-business".into()),
            minutes: Set(5),
            reason: Set(String::new()),
            decline_reason: Set(String::new()),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        }
        .insert(&txn)
        .await
        .unwrap();
    }
    txn.commit().await.unwrap();
    let (_, html) = page(&app, &here, Some(&coordinator)).await;
    assert!(html.contains("id=\"overrun\""), "{html}");
    let fields = item_fields(&id, "One too many", "", "5");
    let response = submit(
        &app,
        &here,
        AddAgendaItem::PATH,
        &fields,
        Some(&coordinator),
    )
    .await;
    let (_, html) = follow(&app, &response, Some(&coordinator)).await;
    assert!(html.contains("An agenda holds at most 100 items"), "{html}");
    assert_eq!(items(&app, row.id).await.len(), MAX_ITEMS);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_standing_item_reaches_every_later_meeting_of_the_series() {
    let app = spawn_app().await;
    let coordinator = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    let row = open_meeting(&app).await;
    let (id, here) = (row.id.to_string(), format!("/meetings/{}", row.id));
    let mut fields = item_fields(&id, "Joint protocol: what changed", "", "15");
    fields.push(("standing", "yes"));
    submit(
        &app,
        &here,
        AddAgendaItem::PATH,
        &fields,
        Some(&coordinator),
    )
    .await;
    let later = meeting::Entity::find()
        .filter(meeting::Column::SeriesId.eq(row.series_id))
        .filter(meeting::Column::Date.gte(row.date))
        .all(app.db.reader())
        .await
        .unwrap();
    assert!(later.len() > 2);
    for m in &later {
        let copies = items(&app, m.id)
            .await
            .into_iter()
            .filter(|i| i.title == "Joint protocol: what changed")
            .count();
        assert_eq!(copies, 1, "meeting on {}", m.date);
    }
    let earlier = meeting::Entity::find()
        .filter(meeting::Column::SeriesId.eq(row.series_id))
        .filter(meeting::Column::Date.lt(row.date))
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    assert!(
        items(&app, earlier.id)
            .await
            .iter()
            .all(|i| i.title != "Joint protocol: what changed")
    );
}

/// A PDF's first bytes: what `infer` reads a PDF by.
const PDF: &[u8] =
    b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn papers_are_checked_by_content_and_only_members_open_them() {
    let app = spawn_app().await;
    let coordinator = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    let champion = member_as(&app, "amira.khan@example.org", Role::Champion).await;
    let staff = member_as(&app, "staff@example.org", Role::Staff).await;
    let row = open_meeting(&app).await;
    let item = items(&app, row.id).await[0].id.to_string();
    let here = format!("/meetings/items/{item}");
    let upload = |file: (&'static str, &'static str, Vec<u8>), title: &'static str| {
        let (app, coordinator, here, item) = (&app, &coordinator, &here, &item);
        async move {
            upload_file(
                app,
                coordinator,
                (here, AddPaper::PATH),
                &[("id", item), ("paper_title", title), ("url", "")],
                (file.0, file.1, &file.2),
            )
            .await
        }
    };
    let papers = || async {
        agenda_paper::Entity::find()
            .all(app.db.reader())
            .await
            .unwrap()
            .into_iter()
            .filter(|p| p.url.is_none())
            .count()
    };

    // An HTML page named as a PDF, and a file over 10 MB, are refused.
    let response = upload(
        ("paper", "protocol.pdf", b"<html>a web page</html>".to_vec()),
        "Protocol",
    )
    .await;
    let (_, html) = follow(&app, &response, Some(&coordinator)).await;
    assert!(
        html.contains("is named as a PDF file but is not one"),
        "{html}"
    );
    assert!(
        html.contains("value=\"Protocol\""),
        "the title typed is kept"
    );
    let mut big = PDF.to_vec();
    big.resize(MAX_PAPER_BYTES + 1, b' ');
    let response = upload(("paper", "big.pdf", big), "").await;
    let (_, html) = follow(&app, &response, Some(&coordinator)).await;
    assert!(html.contains("The file must be 10 MB or smaller"), "{html}");
    assert_eq!(papers().await, 0);

    let response = upload(("paper", "Joint protocol v2.pdf", PDF.to_vec()), "").await;
    assert_eq!(location(&response), format!("{here}?done=paper"));
    let stored = agenda_paper::Entity::find()
        .filter(agenda_paper::Column::Url.is_null())
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        stored.title, "Joint protocol v2.pdf",
        "a file's name is its title by default"
    );
    let download = format!("/api/paper?id={}", stored.id);

    let response = app.get_with(&download, ("cookie", &champion)).await;
    assert_eq!(response.status(), 200);
    assert_eq!(header(&response, "content-type"), "application/pdf");
    assert!(
        header(&response, "content-disposition").contains("filename=\"Joint protocol v2.pdf\"")
    );
    assert_eq!(response.bytes().await.unwrap().as_ref(), PDF);
    assert_eq!(
        app.get_with(&download, ("cookie", &staff)).await.status(),
        403
    );
    assert_eq!(app.get(&download).await.status(), 401);

    // A link is a paper too; the meeting's page lists both for members.
    upload_file(
        &app,
        &coordinator,
        (&here, AddPaper::PATH),
        &[
            ("id", &item),
            ("paper_title", "Guidance"),
            ("url", "https://www.gov.uk/guidance"),
        ],
        ("paper", "", b""),
    )
    .await;
    let (_, html) = page(&app, &format!("/meetings/{}", row.id), Some(&champion)).await;
    assert!(
        html.contains(&format!("href=\"{download}\""))
            && html.contains("href=\"https://www.gov.uk/guidance\""),
        "{html}"
    );
    let (_, html) = page(&app, &format!("/meetings/{}", row.id), Some(&staff)).await;
    assert!(
        !html.contains(&download),
        "staff do not see members' papers"
    );

    // A champion adds papers only to their own proposal.
    let response = upload_file(
        &app,
        &champion,
        (&here, AddPaper::PATH),
        &[("id", &item), ("paper_title", ""), ("url", "")],
        ("paper", "mine.pdf", PDF),
    )
    .await;
    let (_, html) = follow(&app, &response, Some(&champion)).await;
    assert!(html.contains("govuk-error-summary"), "{html}");
    assert_eq!(papers().await, 1, "nothing added");
}
