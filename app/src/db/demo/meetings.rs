//! The demo's meeting series: every two months on the second Tuesday, begun six months ago,
//! so three or four meetings have been held and the next year's are scheduled; most of the
//! demo champions have accounts, and the meetings held have their answers and attendance.

use super::directory::PEOPLE;
use crate::{
    db::{
        entities::{meeting, meeting_invitee, profile, user_account},
        meetings,
    },
    domain::{
        account::{AccountStatus, Role},
        directory::CONFIRM_EVERY_DAYS,
        meetings::{Answer, DEFAULT_RULE, ValidSeries, attendance::Attendance},
    },
};
use chrono::{Datelike, Months, NaiveDate, NaiveTime, Utc, Weekday};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    IntoActiveModel, QueryFilter, sea_query::Expr,
};

/// The demo champions the tests sign in as, or name, themselves: they get no account here.
const WITHOUT_ACCOUNTS: [&str; 7] = [
    "Grace Okafor",
    "Amira Khan",
    "Lucy Fernandes",
    "Kwame Mensah",
    "Megan Price",
    "Ben Carter",
    "Sam Patel",
];

/// What each account did at the meetings held, in turn: mostly there, in person or online.
const PATTERN: [Attendance; 7] = [
    Attendance::Present,
    Attendance::Present,
    Attendance::Online,
    Attendance::Present,
    Attendance::Apologies,
    Attendance::Deputy,
    Attendance::Absent,
];

pub async fn seed(txn: &impl ConnectionTrait) -> Result<(), DbErr> {
    let now = Utc::now();
    let six_months_ago = meetings::local_now(now).date() - Months::new(6);
    let first = NaiveDate::from_weekday_of_month_opt(
        six_months_ago.year(),
        six_months_ago.month(),
        Weekday::Tue,
        2,
    )
    .ok_or(DbErr::Custom("every month has a second Tuesday".into()))?;
    let series = ValidSeries {
        name: "Think Family champions' network".into(),
        rule: DEFAULT_RULE.into(),
        first_date: first,
        start: NaiveTime::from_hms_opt(10, 0, 0).unwrap_or_default(),
        end: NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default(),
        venue: "Committee Room 2, Civic Centre".into(),
        online_link: "https://teams.example.org/l/meetup-join/think-family-champions".into(),
    };
    meetings::insert_series(txn, &series, now).await?;

    let mut accounts = Vec::new();
    // An owner of a stale profile would be emailed a nudge by the hourly chores.
    let owners = PEOPLE.iter().filter(|p| {
        !WITHOUT_ACCOUNTS.contains(&p.name) && p.confirmed_days_ago < CONFIRM_EVERY_DAYS
    });
    for person in owners {
        let email = person.email();
        let id = user_account::Entity::insert(user_account::ActiveModel {
            email: Set(email.clone()),
            name: Set(person.name.into()),
            role: Set(Role::Champion.as_str().into()),
            status: Set(AccountStatus::Active.as_str().into()),
            password_hash: Set(None),
            created_at: Set(now),
            updated_at: Set(now),
            ..Default::default()
        })
        .exec(txn)
        .await?
        .last_insert_id;
        profile::Entity::update_many()
            .col_expr(profile::Column::AccountId, Expr::value(id))
            .filter(profile::Column::WorkEmail.eq(email))
            .exec(txn)
            .await?;
        accounts.push(id);
    }

    let today = meetings::local_now(now).date();
    let held = meeting::Entity::find()
        .filter(meeting::Column::Date.lt(today))
        .all(txn)
        .await?;
    for (n, row) in held.into_iter().enumerate() {
        for (k, &account) in accounts.iter().enumerate() {
            let attendance = PATTERN[(n + k) % PATTERN.len()];
            let answer = if attendance == Attendance::Apologies {
                Answer::Apologies
            } else {
                Answer::Attending
            };
            meeting_invitee::ActiveModel {
                meeting_id: Set(row.id),
                account_id: Set(Some(account)),
                answer: Set(Some(answer.as_str().into())),
                note: Set(String::new()),
                answered_at: Set(Some(now)),
                invited_at: Set(Some(now)),
                attendance: Set(Some(attendance.as_str().into())),
                attendance_recorded_at: Set(Some(now)),
                ..Default::default()
            }
            .insert(txn)
            .await?;
        }
        let mut invited = row.into_active_model();
        invited.invited_at = Set(Some(now));
        invited.update(txn).await?;
    }
    Ok(())
}
