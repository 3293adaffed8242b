//! Attendance: recorded by a coordinator at or after a meeting, and compared over the last 12
//! months by member and staff group, as a chart with its table and as CSV.

use crate::helpers::*;
use app::{
    api::meetings::{AnswerMeeting, MarkAttendingPresent, RecordAttendance},
    db::{
        entities::{meeting, meeting_invitee, profile, staff_group, team},
        meetings,
    },
    domain::account::Role,
};
use leptos::server_fn::ServerFn;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, IntoActiveModel, QueryFilter,
};

fn today() -> chrono::NaiveDate {
    meetings::local_now(chrono::Utc::now()).date()
}

async fn meetings_by_date(app: &TestApp) -> Vec<meeting::Model> {
    let mut all = meeting::Entity::find().all(app.db.reader()).await.unwrap();
    all.sort_by_key(|m| m.date);
    all
}

async fn account(app: &TestApp, email: &str) -> i32 {
    app::db::entities::user_account::Entity::find()
        .filter(app::db::entities::user_account::Column::Email.eq(email))
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap()
        .id
}

async fn attendance_of(app: &TestApp, meeting_id: i32, account_id: i32) -> Option<String> {
    meeting_invitee::Entity::find()
        .filter(meeting_invitee::Column::MeetingId.eq(meeting_id))
        .filter(meeting_invitee::Column::AccountId.eq(account_id))
        .one(app.db.reader())
        .await
        .unwrap()
        .and_then(|row| row.attendance)
}

async fn staff_group_of(app: &TestApp, email: &str) -> String {
    let profile = profile::Entity::find()
        .filter(profile::Column::WorkEmail.eq(email))
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    let team = team::Entity::find_by_id(profile.team_id)
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    staff_group::Entity::find_by_id(team.staff_group_id)
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap()
        .name
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_coordinator_records_attendance_after_a_meeting_and_compares_it() {
    let app = spawn_app().await;
    let coordinator = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    member_as(&app, "amira.khan@example.org", Role::Champion).await;
    let (lead, amira) = (
        account(&app, "coordinator@example.org").await,
        account(&app, "amira.khan@example.org").await,
    );
    let all = meetings_by_date(&app).await;
    let held = all.iter().rfind(|m| m.date < today()).unwrap().clone();
    let coming = all.iter().find(|m| m.date > today()).unwrap().clone();
    let here = format!("/meetings/{}", held.id);
    let id = held.id.to_string();

    let (_, html) = page(&app, &here, Some(&coordinator)).await;
    assert!(html.contains("Save attendance"), "{html}");
    let marks = |lead: &str, amira_mark: &str| {
        vec![
            ("id".to_owned(), id.clone()),
            ("mark[0]".to_owned(), lead.to_owned()),
            ("mark[1]".to_owned(), amira_mark.to_owned()),
        ]
    };
    let send = |fields: Vec<(String, String)>, page_path: String| {
        let (app, coordinator) = (&app, coordinator.clone());
        async move {
            let fields: Vec<(&str, &str)> = fields
                .iter()
                .map(|(n, v)| (n.as_str(), v.as_str()))
                .collect();
            submit(
                app,
                &page_path,
                RecordAttendance::PATH,
                &fields,
                Some(&coordinator),
            )
            .await
        }
    };

    // Someone the meeting does not expect is refused, nothing is saved, and the sheet comes
    // back with what was chosen for the others.
    let row_of = |who: i32| -> String {
        let option = html.find(&format!("value=\"m{who}:\"")).unwrap();
        let select = html[..option].rfind("name=\"mark[").unwrap() + "name=\"".len();
        html[select..].split('"').next().unwrap().to_owned()
    };
    let refused = vec![
        ("id".to_owned(), id.clone()),
        (row_of(lead), format!("m{lead}:absent")),
        (row_of(amira), "m99999:present".to_owned()),
    ];
    let response = send(refused, here.clone()).await;
    let (_, html) = follow(&app, &response, Some(&coordinator)).await;
    assert!(
        html.contains("Choose what happened for each person from the list"),
        "{html}"
    );
    assert!(
        html.contains(&format!("value=\"m{lead}:absent\" selected")),
        "the choice kept: {html}"
    );
    assert_eq!(attendance_of(&app, held.id, lead).await, None);

    let response = send(
        marks(&format!("m{lead}:absent"), &format!("m{amira}:online")),
        here.clone(),
    )
    .await;
    assert_eq!(
        location(&response),
        format!("{here}?done=attendance#attendance")
    );
    assert_eq!(
        attendance_of(&app, held.id, lead).await.as_deref(),
        Some("absent")
    );
    assert_eq!(
        attendance_of(&app, held.id, amira).await.as_deref(),
        Some("online")
    );

    // Not before the meeting has begun.
    let early = vec![
        ("id".to_owned(), coming.id.to_string()),
        ("mark[0]".to_owned(), format!("m{amira}:present")),
    ];
    let response = send(early, format!("/meetings/{}", coming.id)).await;
    let (_, html) = follow(&app, &response, Some(&coordinator)).await;
    assert!(
        html.contains("Attendance is recorded once the meeting has begun"),
        "{html}"
    );
    assert_eq!(attendance_of(&app, coming.id, amira).await, None);

    // The figures: Amira's staff group 1 of 1; the coordinator has no profile.
    let (status, html) = page(&app, "/meetings/attendance", Some(&coordinator)).await;
    assert_eq!(status, 200);
    let group = staff_group_of(&app, "amira.khan@example.org").await;
    assert!(
        html.contains("<svg") && html.contains("role=\"img\""),
        "{html}"
    );
    assert!(html.contains(" held since "), "{html}");
    let escaped = group.replace('\'', "&#39;");
    assert!(html.contains(&group) || html.contains(&escaped), "{html}");
    assert!(html.contains("100%") && html.contains("0%"), "{html}");
    let csv = app
        .get_with("/api/attendance.csv", ("cookie", &coordinator))
        .await
        .text()
        .await
        .unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "member,staff_group,meetings,attended,present,online,deputy,apologies,absent,percent"
    );
    assert!(
        lines.contains(&format!("Sam Patel,{group},1,1,0,1,0,0,0,100").as_str()),
        "{csv}"
    );
    assert!(
        lines.contains(&"Sam Patel,No profile,1,0,0,0,0,0,1,0"),
        "{csv}"
    );

    let staff = member_as(&app, "staff@example.org", Role::Staff).await;
    let (status, _) = page(&app, "/meetings/attendance", Some(&staff)).await;
    assert_eq!(status, 403);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn everyone_who_said_they_would_attend_is_marked_present_in_one_go() {
    let app = spawn_app().await;
    let coordinator = member_as(&app, "coordinator@example.org", Role::Coordinator).await;
    let amira_cookie = member_as(&app, "amira.khan@example.org", Role::Champion).await;
    let amira = account(&app, "amira.khan@example.org").await;
    let lead = account(&app, "coordinator@example.org").await;
    // Today's meeting, which has begun: moved to this morning.
    let coming = meetings_by_date(&app)
        .await
        .into_iter()
        .find(|m| m.date > today())
        .unwrap();
    let id = coming.id.to_string();
    let here = format!("/meetings/{id}");
    let fields = [
        ("id", id.as_str()),
        ("answer", "attending"),
        ("note", ""),
        ("deputy", ""),
    ];
    submit(
        &app,
        &here,
        AnswerMeeting::PATH,
        &fields,
        Some(&amira_cookie),
    )
    .await;
    let mut today_row = coming.clone().into_active_model();
    today_row.date = Set(today());
    today_row.start_time = Set(chrono::NaiveTime::from_hms_opt(0, 0, 0).unwrap());
    today_row.end_time = Set(chrono::NaiveTime::from_hms_opt(23, 59, 0).unwrap());
    let txn = app.db.begin_write().await.unwrap();
    today_row.update(&txn).await.unwrap();
    txn.commit().await.unwrap();

    let (_, html) = page(&app, &here, Some(&coordinator)).await;
    assert!(
        html.contains("Mark the 1 who said they would attend as present"),
        "{html}"
    );
    let response = submit(
        &app,
        &here,
        MarkAttendingPresent::PATH,
        &[("id", &id)],
        Some(&coordinator),
    )
    .await;
    assert_eq!(
        location(&response),
        format!("{here}?done=attendance#attendance")
    );
    assert_eq!(
        attendance_of(&app, coming.id, amira).await.as_deref(),
        Some("present")
    );
    assert_eq!(
        attendance_of(&app, coming.id, lead).await,
        None,
        "no answer, nothing marked"
    );
}
