//! Meetings: a coordinator schedules a series and changes one meeting of it; everyone signed
//! in reads them and takes a meeting into their calendar.

use crate::helpers::*;
use app::{
    api::meetings::{AddMeeting, CancelMeeting, ChangeMeeting, ScheduleSeries},
    db::{entities::meeting, meetings},
    domain::account::Role,
};
use chrono::{Datelike, Months, NaiveDate, Weekday};
use icalendar::{Component, EventLike, parser};
use leptos::server_fn::ServerFn;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

async fn meetings_of(app: &TestApp, series_id: i32) -> Vec<meeting::Model> {
    meeting::Entity::find()
        .filter(meeting::Column::SeriesId.eq(series_id))
        .order_by_asc(meeting::Column::Date)
        .all(app.db.reader())
        .await
        .unwrap()
}

fn today() -> NaiveDate {
    meetings::local_now(chrono::Utc::now()).date()
}

/// The second Tuesday of the month `months` from now.
fn second_tuesday(months: u32) -> NaiveDate {
    let month = today() + Months::new(months);
    NaiveDate::from_weekday_of_month_opt(month.year(), month.month(), Weekday::Tue, 2).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meetings_need_a_signed_in_person_and_show_the_demo_series() {
    let app = spawn_app().await;
    let (status, _) = page(&app, "/meetings", None).await;
    assert_eq!(status, 303, "the group's business is not public");
    let response = app.get("/meetings/1/invite.ics").await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        location(&response),
        "/login?next=%2Fmeetings%2F1%2Finvite.ics"
    );

    let staff = member_as(&app, "staff@example.org", Role::Staff).await;
    let (status, html) = page(&app, "/meetings", Some(&staff)).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Coming up") && html.contains("Held"),
        "{html}"
    );
    assert!(
        html.contains("Think Family champions&#39;") || html.contains("Think Family champions'")
    );
    assert!(
        html.contains("Every 2 months on the second Tuesday"),
        "{html}"
    );
    assert!(!html.contains("Schedule a series"), "staff do not schedule");
    let demo = meetings_of(&app, 1).await;
    let held = demo.iter().filter(|m| m.date < today()).count();
    assert!(held >= 3, "three meetings held, {held}");
    assert!(
        demo.last().unwrap().date > today() + Months::new(9),
        "a year ahead"
    );

    let (status, _) = page(&app, "/meetings/9999", Some(&staff)).await;
    assert_eq!(status, 404);
    let missing = app
        .get_with("/meetings/9999/invite.ics", ("cookie", &staff))
        .await;
    assert_eq!(missing.status(), 404);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coordinator_schedules_a_series_and_a_year_of_its_meetings_is_made() {
    let app = spawn_app().await;
    let coordinator = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    let first = second_tuesday(1);
    let first_text = first.to_string();
    let fields = [
        ("name", "Champions' network, north"),
        ("rule", "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU"),
        ("custom_rule", ""),
        ("first_date", first_text.as_str()),
        ("start_time", "10:00"),
        ("end_time", "12:00"),
        ("venue", "Room 4"),
        ("online_link", "https://teams.example.org/l/north"),
    ];
    let response = submit(
        &app,
        "/meetings/series/new",
        ScheduleSeries::PATH,
        &fields,
        Some(&coordinator),
    )
    .await;
    assert_eq!(location(&response), "/meetings?done=scheduled");
    let made = meetings_of(&app, 2).await;
    let horizon = today() + Months::new(12);
    let expected: Vec<NaiveDate> = (0..7)
        .map(|n| second_tuesday(1 + 2 * n))
        .filter(|d| *d <= horizon)
        .collect();
    assert_eq!(made.iter().map(|m| m.date).collect::<Vec<_>>(), expected);
    assert!(
        made.iter()
            .all(|m| m.time_zone == "Europe/London" && m.sequence == 0)
    );
    let uids: std::collections::BTreeSet<_> = made.iter().map(|m| &m.uid).collect();
    assert_eq!(uids.len(), made.len(), "a UID per meeting");

    // Running the daily top-up again makes nothing new.
    let txn = app.db.begin_write().await.unwrap();
    assert_eq!(meetings::top_up(&txn, chrono::Utc::now()).await.unwrap(), 0);
    txn.commit().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_series_is_refused_by_its_fields_and_nothing_is_made() {
    let app = spawn_app().await;
    let coordinator = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    let wednesday = (second_tuesday(1) + chrono::Days::new(1)).to_string();
    let fields = [
        ("name", "Extra series"),
        ("rule", "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU"),
        ("custom_rule", ""),
        ("first_date", wednesday.as_str()),
        ("start_time", "12:00"),
        ("end_time", "11:00"),
        ("venue", "Room 4"),
        ("online_link", ""),
    ];
    let response = submit(
        &app,
        "/meetings/series/new",
        ScheduleSeries::PATH,
        &fields,
        Some(&coordinator),
    )
    .await;
    let (_, html) = follow(&app, &response, Some(&coordinator)).await;
    assert!(
        html.contains("The first date must be one the rule gives"),
        "{html}"
    );
    assert!(
        html.contains("End time must be after the start time"),
        "{html}"
    );
    assert!(
        html.contains("value=\"Extra series\""),
        "what was typed is kept: {html}"
    );

    let unreadable = [("rule", "custom"), ("custom_rule", "FREQ=SOMETIMES")];
    let fields: Vec<_> = fields
        .iter()
        .filter(|(n, _)| !["rule", "custom_rule", "end_time"].contains(n))
        .copied()
        .chain(unreadable)
        .chain([("end_time", "13:00")])
        .collect();
    let response = submit(
        &app,
        "/meetings/series/new",
        ScheduleSeries::PATH,
        &fields,
        Some(&coordinator),
    )
    .await;
    let (_, html) = follow(&app, &response, Some(&coordinator)).await;
    assert!(html.contains("id=\"custom_rule-error\""), "{html}");
    assert!(meetings_of(&app, 2).await.is_empty(), "nothing was made");

    let champion = member_as(&app, "champion@example.org", Role::Champion).await;
    let (status, _) = page(&app, "/meetings/series/new", Some(&champion)).await;
    assert_eq!(status, 403);
    let good = [
        ("name", "Champion's own"),
        ("rule", "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU"),
        ("first_date", &second_tuesday(1).to_string()),
        ("start_time", "10:00"),
        ("end_time", "12:00"),
    ];
    let response = submit(
        &app,
        "/meetings/series/new",
        ScheduleSeries::PATH,
        &good,
        Some(&champion),
    )
    .await;
    let (_, html) = follow(&app, &response, Some(&champion)).await;
    assert!(
        html.contains("You do not have permission to see this page"),
        "{html}"
    );
    assert!(
        meetings_of(&app, 2).await.is_empty(),
        "a champion schedules nothing"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_meeting_is_moved_or_cancelled_without_touching_the_rest() {
    let app = spawn_app().await;
    let coordinator = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    let before = meetings_of(&app, 1).await;
    let next = before.iter().find(|m| m.date > today()).unwrap().clone();
    let moved_to = (next.date + chrono::Days::new(1)).to_string();
    let id = next.id.to_string();
    let here = format!("/meetings/{id}");
    let change = |date: &str, title: &str| {
        vec![
            ("id".to_owned(), id.clone()),
            ("title".to_owned(), title.to_owned()),
            ("date".to_owned(), date.to_owned()),
            ("start_time".to_owned(), "13:30".to_owned()),
            ("end_time".to_owned(), "15:30".to_owned()),
            (
                "venue".to_owned(),
                "Library, 2nd floor; room \"B\", Civic\\Centre".to_owned(),
            ),
            ("online_link".to_owned(), "".to_owned()),
        ]
    };
    let send = |fields: Vec<(String, String)>| {
        let app = &app;
        let here = here.clone();
        let coordinator = coordinator.clone();
        async move {
            let fields: Vec<(&str, &str)> = fields
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .collect();
            submit(app, &here, ChangeMeeting::PATH, &fields, Some(&coordinator)).await
        }
    };
    let response = send(change(&moved_to, "Champions' meeting, with the CAMHS team")).await;
    assert_eq!(location(&response), format!("/meetings/{id}?done=changed"));
    let after = meetings_of(&app, 1).await;
    let changed = after.iter().find(|m| m.id == next.id).unwrap();
    assert_eq!(changed.date.to_string(), moved_to);
    assert_eq!(changed.sequence, 1, "a move raises the sequence");
    assert_eq!(changed.uid, next.uid, "the UID never changes");
    assert_eq!(changed.occurrence_date, next.occurrence_date);
    let others = |list: &[meeting::Model]| {
        list.iter()
            .filter(|m| m.id != next.id)
            .cloned()
            .collect::<Vec<_>>()
    };
    assert_eq!(
        others(&after),
        others(&before),
        "the rest of the series is untouched"
    );

    // A new title alone is no change to a calendar.
    send(change(&moved_to, "Champions' meeting")).await;
    let retitled = meeting::Entity::find_by_id(next.id)
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (retitled.title.as_str(), retitled.sequence),
        ("Champions' meeting", 1)
    );

    // Not into the past.
    let response = send(change(&(today() - chrono::Days::new(1)).to_string(), "x")).await;
    let (_, html) = follow(&app, &response, Some(&coordinator)).await;
    assert!(
        html.contains("Date must be today or in the future"),
        "{html}"
    );

    let cancel = [("id", id.as_str())];
    let response = submit(
        &app,
        &here,
        CancelMeeting::PATH,
        &cancel,
        Some(&coordinator),
    )
    .await;
    assert_eq!(
        location(&response),
        format!("/meetings/{id}?done=cancelled")
    );
    let cancelled = meeting::Entity::find_by_id(next.id)
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    assert!(cancelled.cancelled);
    assert_eq!(cancelled.sequence, 2);

    // The daily top-up does not make the moved, cancelled meeting again.
    let txn = app.db.begin_write().await.unwrap();
    meetings::top_up(&txn, chrono::Utc::now()).await.unwrap();
    txn.commit().await.unwrap();
    assert_eq!(meetings_of(&app, 1).await.len(), before.len());

    // Its calendar file says so, with the venue's punctuation escaped and read back whole.
    let response = app
        .get_with(
            &format!("/meetings/{id}/invite.ics"),
            ("cookie", &coordinator),
        )
        .await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        header(&response, "content-type"),
        "text/calendar; charset=utf-8"
    );
    let text = response.text().await.unwrap();
    assert!(text.lines().all(|l| l.len() <= 75), "{text}");
    assert!(text.contains("\r\nDTSTART;TZID=Europe/London:"), "{text}");
    let unfolded = parser::unfold(&text);
    let calendar: icalendar::Calendar = parser::read_calendar(&unfolded).unwrap().into();
    assert_eq!(calendar.property_value("METHOD"), Some("PUBLISH"));
    let event = calendar.events().next().expect("one event");
    assert_eq!(event.get_uid(), Some(next.uid.as_str()));
    assert_eq!(
        event.get_location(),
        Some("Library, 2nd floor; room \"B\", Civic\\Centre")
    );
    assert_eq!(event.property_value("STATUS"), Some("CANCELLED"));
    assert_eq!(event.property_value("SEQUENCE"), Some("2"));

    let (_, html) = page(&app, &here, Some(&coordinator)).await;
    assert!(
        html.contains("Cancelled") && html.contains("Put the meeting back on"),
        "{html}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_one_off_meeting_is_added_to_a_series_but_never_in_the_past() {
    let app = spawn_app().await;
    let coordinator = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    let before = meetings_of(&app, 1).await.len();
    let yesterday = (today() - chrono::Days::new(1)).to_string();
    let launch = (today() + chrono::Days::new(20)).to_string();
    let form = |date: &str| {
        vec![
            ("series_id", "1".to_owned()),
            ("title", "Launch of the joint protocol".to_owned()),
            ("date", date.to_owned()),
            ("start_time", "14:00".to_owned()),
            ("end_time", "15:00".to_owned()),
            ("venue", "Council Chamber".to_owned()),
            ("online_link", String::new()),
        ]
    };
    let past = form(&yesterday);
    let past: Vec<(&str, &str)> = past.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let response = submit(
        &app,
        "/meetings/new",
        AddMeeting::PATH,
        &past,
        Some(&coordinator),
    )
    .await;
    let (_, html) = follow(&app, &response, Some(&coordinator)).await;
    assert!(
        html.contains("Date must be today or in the future"),
        "{html}"
    );
    assert!(
        html.contains("value=\"Launch of the joint protocol\""),
        "{html}"
    );
    assert_eq!(meetings_of(&app, 1).await.len(), before);

    let good = form(&launch);
    let good: Vec<(&str, &str)> = good.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let response = submit(
        &app,
        "/meetings/new",
        AddMeeting::PATH,
        &good,
        Some(&coordinator),
    )
    .await;
    let added = meetings_of(&app, 1).await;
    let one_off = added
        .iter()
        .find(|m| m.occurrence_date.is_none())
        .expect("the one-off");
    assert_eq!(
        location(&response),
        format!("/meetings/{}?done=added", one_off.id)
    );
    let (_, html) = page(
        &app,
        &format!("/meetings/{}", one_off.id),
        Some(&coordinator),
    )
    .await;
    assert!(
        html.contains("A one-off meeting") && html.contains("Council Chamber"),
        "{html}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kept_meeting_page_is_its_readers_own_and_follows_a_change_by_another_program() {
    let app = spawn_app().await;
    let coordinator = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    let champion = member_as(&app, "kept.champion@example.org", Role::Champion).await;
    let next = meeting::Entity::find()
        .filter(meeting::Column::Date.gt(today()))
        .order_by_asc(meeting::Column::Date)
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    let here = format!("/meetings/{}", next.id);
    let (_, first) = page(&app, &here, Some(&coordinator)).await;
    let (_, kept) = page(&app, &here, Some(&coordinator)).await;
    let order_button = "aria-label=\"Up: ";
    assert!(
        first.contains(order_button) && kept.contains(order_button),
        "{kept}"
    );
    assert!(!kept.contains("The Old Library"));

    // The coordinator's page, kept, is not the champion's: no order buttons there.
    let (_, theirs) = page(&app, &here, Some(&champion)).await;
    assert!(
        theirs.contains("Agenda") && !theirs.contains(order_button),
        "{theirs}"
    );

    // Another program changes the database file: the next reading shows it.
    let other = sea_orm::Database::connect(database_url(&app.dir))
        .await
        .unwrap();
    sea_orm::ConnectionTrait::execute_unprepared(
        &other,
        &format!(
            "UPDATE meeting SET venue = 'The Old Library' WHERE id = {}",
            next.id
        ),
    )
    .await
    .unwrap();
    let (_, changed) = page(&app, &here, Some(&coordinator)).await;
    assert!(changed.contains("The Old Library"), "{changed}");
}
