//! The demo's meeting series: every two months on the second Tuesday, begun six months ago,
//! so three or four meetings have been held and the next year's are scheduled; most of the
//! demo champions have accounts, and the meetings held have their answers and attendance.
//! Every meeting has the series' standing items; those held had agendas with papers (as
//! links), and the next one has two champions' proposals waiting.

use super::directory::PEOPLE;
use crate::{
    db::{
        entities::{
            agenda_item, agenda_paper, job_role, meeting, meeting_invitee, profile, standing_item,
            user_account,
        },
        meetings,
    },
    domain::{
        account::{AccountStatus, Role},
        directory::CONFIRM_EVERY_DAYS,
        meetings::{
            Answer, DEFAULT_RULE, ValidSeries,
            agenda::{ItemKind, ItemStatus},
            attendance::Attendance,
        },
    },
};
use chrono::{DateTime, Datelike, Months, NaiveDate, NaiveTime, Utc, Weekday};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, sea_query::Expr,
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
    let series_id = meetings::insert_series(txn, &series, now).await?;

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

    let standing = standing_items(txn, series_id, now).await?;
    let all = meeting::Entity::find()
        .filter(meeting::Column::SeriesId.eq(series_id))
        .order_by_asc(meeting::Column::Date)
        .all(txn)
        .await?;
    let today = meetings::local_now(now).date();
    for row in &all {
        for (i, (id, s)) in standing.iter().enumerate() {
            let position = if i == 0 { 1 } else { 90 + i as i32 };
            let mut item = accepted(row.id, position, s.title, s.kind, s.minutes, now);
            item.standing_item_id = Set(Some(*id));
            item.insert(txn).await?;
        }
    }
    if let Some(next) = all.iter().find(|m| m.date >= today) {
        for (k, proposal) in PROPOSALS.iter().enumerate() {
            let mut item = accepted(
                next.id,
                50 + k as i32,
                proposal.title,
                proposal.kind,
                proposal.minutes,
                now,
            );
            item.status = Set(ItemStatus::Proposed.as_str().into());
            item.reason = Set(proposal.reason.into());
            item.proposed_by = Set(accounts.get(k + 2).copied());
            item.insert(txn).await?;
        }
    }
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
        held_agenda(txn, &row, &accounts, n, now).await?;
        let mut invited = row.into_active_model();
        invited.invited_at = Set(Some(now));
        invited.update(txn).await?;
    }
    Ok(())
}

struct Standing {
    title: &'static str,
    kind: ItemKind,
    minutes: i32,
}

/// The series' standing items: the first opens every meeting, the others close it.
const STANDING: [Standing; 3] = [
    Standing {
        title: "Welcome, introductions and apologies",
        kind: ItemKind::Standing,
        minutes: 10,
    },
    Standing {
        title: "Escalations to the safeguarding board: update",
        kind: ItemKind::EscalationsUpdate,
        minutes: 15,
    },
    Standing {
        title: "Any other business",
        kind: ItemKind::AnyOtherBusiness,
        minutes: 10,
    },
];

async fn standing_items(
    txn: &impl ConnectionTrait,
    series_id: i32,
    now: DateTime<Utc>,
) -> Result<Vec<(i32, &'static Standing)>, DbErr> {
    let mut made = vec![];
    for (i, s) in STANDING.iter().enumerate() {
        let id = standing_item::Entity::insert(standing_item::ActiveModel {
            series_id: Set(series_id),
            position: Set(i as i32 + 1),
            title: Set(s.title.into()),
            kind: Set(s.kind.as_str().into()),
            minutes: Set(s.minutes),
            created_at: Set(now),
            ..Default::default()
        })
        .exec(txn)
        .await?
        .last_insert_id;
        made.push((id, s));
    }
    Ok(made)
}

struct DemoProposal {
    title: &'static str,
    kind: ItemKind,
    minutes: i32,
    reason: &'static str,
}

const PROPOSALS: [DemoProposal; 2] = [
    DemoProposal {
        title: "Young carers: who assesses when a parent is in hospital?",
        kind: ItemKind::UnmetNeed,
        minutes: 20,
        reason: "Twice this term a young carer was left without support while their mother was an inpatient: neither team thought the assessment was theirs.",
    },
    DemoProposal {
        title: "New perinatal mental health pathway",
        kind: ItemKind::InformationExchange,
        minutes: 15,
        reason: "The pathway changed in the spring; children's teams have not yet been told who to refer to.",
    },
];

/// An accepted agenda item, to be filled in further.
fn accepted(
    meeting_id: i32,
    position: i32,
    title: &str,
    kind: ItemKind,
    minutes: i32,
    now: DateTime<Utc>,
) -> agenda_item::ActiveModel {
    agenda_item::ActiveModel {
        meeting_id: Set(meeting_id),
        status: Set(ItemStatus::Accepted.as_str().into()),
        position: Set(position),
        title: Set(title.into()),
        kind: Set(kind.as_str().into()),
        minutes: Set(minutes),
        reason: Set(String::new()),
        decline_reason: Set(String::new()),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    }
}

/// The business of a meeting held (the `n`th), with its papers as links.
async fn held_agenda(
    txn: &impl ConnectionTrait,
    row: &meeting::Model,
    accounts: &[i32],
    n: usize,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let roles = [
        "Community Psychiatric Nurse",
        "Education Welfare Officer",
        "Family Therapist",
    ];
    let role = job_role::Entity::find()
        .filter(job_role::Column::Title.eq(roles[n % roles.len()]))
        .one(txn)
        .await?;
    let mut day = accepted(
        row.id,
        10,
        &format!("A day in the life of a {}", roles[n % roles.len()]),
        ItemKind::DayInTheLife,
        30,
        now,
    );
    day.job_role_id = Set(role.map(|r| r.id));
    day.presenter_account_id = Set(accounts.get(n % accounts.len().max(1)).copied());
    day.insert(txn).await?;
    let lessons = accepted(
        row.id,
        20,
        "Lessons from a local child safeguarding practice review",
        ItemKind::CaseReviewLessons,
        30,
        now,
    )
    .insert(txn)
    .await?;
    paper(
        txn,
        lessons.id,
        "Working Together to Safeguard Children",
        "https://www.gov.uk/government/publications/working-together-to-safeguard-children--2",
        now,
    )
    .await?;
    let exchange = accepted(
        row.id,
        30,
        "Information exchange: carers' assessments and the Care Act",
        ItemKind::InformationExchange,
        20,
        now,
    )
    .insert(txn)
    .await?;
    paper(
        txn,
        exchange.id,
        "Care and support statutory guidance",
        "https://www.gov.uk/government/publications/care-act-statutory-guidance/care-and-support-statutory-guidance",
        now,
    )
    .await
}

async fn paper(
    txn: &impl ConnectionTrait,
    item_id: i32,
    title: &str,
    url: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    agenda_paper::ActiveModel {
        item_id: Set(item_id),
        title: Set(title.into()),
        url: Set(Some(url.into())),
        added_at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await
    .map(drop)
}
