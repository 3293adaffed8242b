//! Meeting series and their meetings as stored. A series makes its meetings from its rule
//! `MONTHS_AHEAD` months ahead, when it is made and again every day (`top_up`); a meeting
//! remembers the rule's date it was made for, so one moved or cancelled is never made again.
//! Every change is logged in the audit log, in the transaction of the change.

pub mod agenda;
pub mod attendance;
pub mod invitations;

use super::{
    audit::{self, AuditRecord},
    entities::{calendar_feed, meeting, meeting_guest, meeting_series, user_account},
};
use crate::domain::meetings::attendance::Who;
use crate::domain::{
    account::{AccountStatus, Role},
    audit::Action,
    meetings::{
        MONTHS_AHEAD, MeetingDetail, MeetingSummary, MeetingsOverview, SeriesSummary, ValidMeeting,
        ValidSeries, ZONE,
        agenda::ProposalDays,
        ics::{Event, Person},
        recurrence::{self, Rule},
    },
};
use chrono::{DateTime, Months, NaiveDate, NaiveDateTime, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::BTreeSet;

/// The wall-clock time now where the network meets.
pub fn local_now(now: DateTime<Utc>) -> NaiveDateTime {
    now.with_timezone(&zone(ZONE)).naive_local()
}

fn zone(name: &str) -> chrono_tz::Tz {
    // Zones are written by this code only (`ZONE`); an unknown one would be a bug, and the
    // network's own zone is the right reading of it.
    name.parse().unwrap_or(chrono_tz::Europe::London)
}

/// Makes a series and its meetings up to `MONTHS_AHEAD` months from today, and logs it.
/// Returns the series' id.
pub async fn create_series(
    conn: &impl ConnectionTrait,
    series: &ValidSeries,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let id = insert_series(conn, series, now).await?;
    record(conn, actor, Action::Create, ("meeting_series", id), now).await?;
    Ok(id)
}

/// Makes a series and its meetings from its first date up to `MONTHS_AHEAD` months from
/// today (the demo's begins in the past).
pub(super) async fn insert_series(
    conn: &impl ConnectionTrait,
    series: &ValidSeries,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let until = local_now(now).date() + Months::new(MONTHS_AHEAD);
    let id = meeting_series::Entity::insert(meeting_series::ActiveModel {
        name: Set(series.name.clone()),
        rule: Set(series.rule.clone()),
        first_date: Set(series.first_date),
        start_time: Set(series.start),
        end_time: Set(series.end),
        time_zone: Set(ZONE.into()),
        venue: Set(series.venue.clone()),
        online_link: Set(series.online_link.clone()),
        generated_until: Set(series.first_date),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(conn)
    .await?
    .last_insert_id;
    let stored = meeting_series::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or(DbErr::RecordNotFound("the series just made".into()))?;
    extend(conn, &stored, until, now).await?;
    Ok(id)
}

/// A series' members: every active champion and coordinator.
pub(super) fn members() -> sea_orm::Select<user_account::Entity> {
    user_account::Entity::find()
        .filter(user_account::Column::Status.eq(AccountStatus::Active.as_str()))
        .filter(
            user_account::Column::Role.is_in([Role::Champion.as_str(), Role::Coordinator.as_str()]),
        )
}

/// Everyone a meeting expects: its series' members and its guests.
pub async fn expected(conn: &impl ConnectionTrait, meeting_id: i32) -> Result<Vec<Who>, DbErr> {
    let accounts: Vec<i32> = members()
        .select_only()
        .column(user_account::Column::Id)
        .into_tuple()
        .all(conn)
        .await?;
    let guests: Vec<i32> = meeting_guest::Entity::find()
        .select_only()
        .column(meeting_guest::Column::Id)
        .filter(meeting_guest::Column::MeetingId.eq(meeting_id))
        .into_tuple()
        .all(conn)
        .await?;
    Ok(accounts
        .into_iter()
        .map(Who::Member)
        .chain(guests.into_iter().map(Who::Guest))
        .collect())
}

/// The members by name: (account id, name).
pub(super) async fn member_names(conn: &impl ConnectionTrait) -> Result<Vec<(i32, String)>, DbErr> {
    members()
        .select_only()
        .columns([user_account::Column::Id, user_account::Column::Name])
        .order_by_asc(user_account::Column::Name)
        .into_tuple()
        .all(conn)
        .await
}

/// Makes every series' meetings up to `MONTHS_AHEAD` months from today; run daily. Returns how
/// many meetings were made.
pub async fn top_up(conn: &impl ConnectionTrait, now: DateTime<Utc>) -> Result<usize, DbErr> {
    let until = local_now(now).date() + Months::new(MONTHS_AHEAD);
    let due = meeting_series::Entity::find()
        .filter(meeting_series::Column::GeneratedUntil.lt(until))
        .all(conn)
        .await?;
    let mut made = 0;
    for series in due {
        made += extend(conn, &series, until, now).await?;
    }
    Ok(made)
}

/// Makes the series' meetings from the rule's dates up to `until` that it has none for yet.
async fn extend(
    conn: &impl ConnectionTrait,
    series: &meeting_series::Model,
    until: NaiveDate,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    let rule = Rule::parse(
        &series.rule,
        series.first_date,
        series.start_time,
        zone(&series.time_zone),
    )
    .map_err(|message| DbErr::Custom(format!("series {}: stored rule: {message}", series.id)))?;
    let have: BTreeSet<NaiveDate> = meeting::Entity::find()
        .select_only()
        .column(meeting::Column::OccurrenceDate)
        .filter(meeting::Column::SeriesId.eq(series.id))
        .filter(meeting::Column::OccurrenceDate.is_not_null())
        .into_tuple::<NaiveDate>()
        .all(conn)
        .await?
        .into_iter()
        .collect();
    let from = series.generated_until.max(series.first_date);
    let dates = rule.missing(&have, from, until);
    for &date in &dates {
        let valid = ValidMeeting {
            title: series.name.clone(),
            date,
            start: series.start_time,
            end: series.end_time,
            venue: series.venue.clone(),
            online_link: series.online_link.clone(),
        };
        insert_meeting(conn, series, Some(date), &valid, now).await?;
    }
    let mut stored = series.clone().into_active_model();
    stored.generated_until = Set(until);
    stored.update(conn).await?;
    Ok(dates.len())
}

async fn insert_meeting(
    conn: &impl ConnectionTrait,
    series: &meeting_series::Model,
    occurrence: Option<NaiveDate>,
    valid: &ValidMeeting,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let id = meeting::Entity::insert(meeting::ActiveModel {
        series_id: Set(series.id),
        occurrence_date: Set(occurrence),
        title: Set(valid.title.clone()),
        date: Set(valid.date),
        start_time: Set(valid.start),
        end_time: Set(valid.end),
        time_zone: Set(series.time_zone.clone()),
        venue: Set(valid.venue.clone()),
        online_link: Set(valid.online_link.clone()),
        cancelled: Set(false),
        uid: Set(format!("{}@champions-network", uuid::Uuid::new_v4())),
        sequence: Set(0),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(conn)
    .await?
    .last_insert_id;
    agenda::copy_standing(conn, series.id, id, now).await?;
    Ok(id)
}

/// Adds a one-off meeting to a series (a launch, an extra session).
/// `Ok(None)`: no such series.
pub async fn add_meeting(
    conn: &impl ConnectionTrait,
    series_id: i32,
    valid: &ValidMeeting,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<Option<i32>, DbErr> {
    let Some(series) = meeting_series::Entity::find_by_id(series_id)
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let id = insert_meeting(conn, &series, None, valid, now).await?;
    record(conn, actor, Action::Create, ("meeting", id), now).await?;
    Ok(Some(id))
}

/// Changes one meeting, leaving the rest of its series alone. A change of time or place
/// raises its calendar sequence; returns whether there was one. `Ok(None)`: no such meeting.
pub async fn change_meeting(
    conn: &impl ConnectionTrait,
    id: i32,
    next: &ValidMeeting,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<Option<bool>, DbErr> {
    let Some(row) = meeting::Entity::find_by_id(id).one(conn).await? else {
        return Ok(None);
    };
    let moved = valid_of(&row).moves(next);
    let sequence = row.sequence + i32::from(moved);
    let mut changed = row.into_active_model();
    changed.title = Set(next.title.clone());
    changed.date = Set(next.date);
    changed.start_time = Set(next.start);
    changed.end_time = Set(next.end);
    changed.venue = Set(next.venue.clone());
    changed.online_link = Set(next.online_link.clone());
    changed.sequence = Set(sequence);
    changed.updated_at = Set(now);
    changed.update(conn).await?;
    record(conn, actor, Action::Update, ("meeting", id), now).await?;
    Ok(Some(moved))
}

/// Cancels one meeting (or restores it, with `cancelled` false); returns whether that was a
/// change. `Ok(None)`: no such meeting.
pub async fn set_cancelled(
    conn: &impl ConnectionTrait,
    id: i32,
    cancelled: bool,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<Option<bool>, DbErr> {
    let Some(row) = meeting::Entity::find_by_id(id).one(conn).await? else {
        return Ok(None);
    };
    if row.cancelled == cancelled {
        return Ok(Some(false));
    }
    let sequence = row.sequence + 1;
    let mut changed = row.into_active_model();
    changed.cancelled = Set(cancelled);
    changed.sequence = Set(sequence);
    changed.updated_at = Set(now);
    changed.update(conn).await?;
    record(conn, actor, Action::Update, ("meeting", id), now).await?;
    Ok(Some(true))
}

/// Logs a change to a meeting's record: (table, id).
pub(super) async fn record(
    conn: &impl ConnectionTrait,
    actor: i32,
    action: Action,
    (table, id): (&'static str, i32),
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let entry = AuditRecord {
        actor: Some(actor),
        action,
        record: Some((table, id.to_string())),
        changes: vec![],
    };
    audit::record(conn, now, entry).await
}

fn valid_of(row: &meeting::Model) -> ValidMeeting {
    ValidMeeting {
        title: row.title.clone(),
        date: row.date,
        start: row.start_time,
        end: row.end_time,
        venue: row.venue.clone(),
        online_link: row.online_link.clone(),
    }
}

pub fn summary(row: &meeting::Model) -> MeetingSummary {
    MeetingSummary {
        id: row.id,
        title: row.title.clone(),
        date: row.date,
        start: row.start_time,
        end: row.end_time,
        venue: row.venue.clone(),
        online: !row.online_link.is_empty(),
        cancelled: row.cancelled,
    }
}

/// How many past meetings `/meetings` lists.
const PAST_SHOWN: usize = 12;

/// The meetings still to end, soonest first; the last `PAST_SHOWN` that have, newest first;
/// and the series.
pub async fn overview(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
    may_schedule: bool,
) -> Result<MeetingsOverview, DbErr> {
    let local = local_now(now);
    let rows = meeting::Entity::find()
        .order_by_asc(meeting::Column::Date)
        .order_by_asc(meeting::Column::StartTime)
        .all(conn)
        .await?;
    let (past, upcoming): (Vec<_>, Vec<_>) = rows
        .iter()
        .map(summary)
        .partition(|m| m.date.and_time(m.end) < local);
    let members = members().count(conn).await?;
    let series = meeting_series::Entity::find()
        .order_by_asc(meeting_series::Column::Name)
        .all(conn)
        .await?
        .into_iter()
        .map(|s| SeriesSummary {
            id: s.id,
            name: s.name,
            repeats: recurrence::describe(&s.rule),
            start: s.start_time,
            end: s.end_time,
            members,
        })
        .collect();
    Ok(MeetingsOverview {
        upcoming,
        past: past.into_iter().rev().take(PAST_SHOWN).collect(),
        series,
        may_schedule,
    })
}

/// Who is reading a meeting's page: coordinators see everyone's answers, members their own.
#[derive(Clone, Copy, Debug)]
pub struct Reader {
    pub account_id: i32,
    pub coordinator: bool,
    pub member: bool,
}

/// One meeting with its series, its members (by name) and guests, and the answers the reader
/// may see.
pub async fn detail(
    conn: &impl ConnectionTrait,
    id: i32,
    reader: Reader,
    days: ProposalDays,
    now: DateTime<Utc>,
) -> Result<Option<MeetingDetail>, DbErr> {
    let Some(row) = meeting::Entity::find_by_id(id).one(conn).await? else {
        return Ok(None);
    };
    let series = meeting_series::Entity::find_by_id(row.series_id)
        .one(conn)
        .await?
        .ok_or(DbErr::RecordNotFound("a meeting's series".into()))?;
    let members = member_names(conn).await?;
    let guests = invitations::guests(conn, id).await?;
    let agenda = agenda::agenda(conn, &row, &members, &guests, reader, days, now).await?;
    let answers = invitations::answers(conn, id).await?;
    let not_yet_invited =
        (members.len() + guests.len()).saturating_sub(answers.iter().filter(|a| a.invited).count());
    let started = invitations::starts_at(&row) <= now;
    let attendance = if reader.coordinator && started && !row.cancelled {
        attendance::sheet(conn, id).await?
    } else {
        vec![]
    };
    let mine = if reader.member {
        Some(invitations::my_answer(conn, id, reader.account_id).await?)
    } else {
        None
    };
    Ok(Some(MeetingDetail {
        meeting: summary(&row),
        series_id: series.id,
        series_name: series.name,
        online_link: row.online_link.clone(),
        from_rule: row.occurrence_date.is_some(),
        started,
        ended: invitations::ends_at(&row) <= now,
        members: members.into_iter().map(|(_, name)| name).collect(),
        guests,
        invited: row.invited_at.is_some(),
        not_yet_invited,
        answers: if reader.coordinator { answers } else { vec![] },
        mine,
        attendance,
        agenda,
        may_edit: reader.coordinator,
        changes_at: next_change(&row, days, now),
    }))
}

/// The number every change to what a meeting's page shows raises (triggers of the
/// `page_revision` migration): a page rendered at one revision is current while it stays.
pub async fn page_revision(conn: &impl ConnectionTrait) -> Result<i64, DbErr> {
    conn.query_one_raw(sea_orm::Statement::from_string(
        conn.get_database_backend(),
        "SELECT n FROM page_revision",
    ))
    .await?
    .ok_or_else(|| DbErr::RecordNotFound("page_revision".into()))?
    .try_get_by_index(0)
}

/// The next time after `now` at which a meeting's page changes by the clock alone: proposals
/// close at the end of their last day, and the meeting starts and ends.
fn next_change(
    row: &meeting::Model,
    days: ProposalDays,
    now: DateTime<Utc>,
) -> Option<DateTime<Utc>> {
    let proposals_close = recurrence::instant(
        agenda::deadline(row.date, days) + chrono::Days::new(1),
        chrono::NaiveTime::MIN,
        zone(&row.time_zone),
    );
    [
        proposals_close,
        invitations::starts_at(row),
        invitations::ends_at(row),
    ]
    .into_iter()
    .filter(|at| *at > now)
    .min()
}

/// A meeting as stored, for its calendar text.
pub async fn meeting(
    conn: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<meeting::Model>, DbErr> {
    meeting::Entity::find_by_id(id).one(conn).await
}

/// The series, for the one-off meeting form: (id, name).
pub async fn series_choices(conn: &impl ConnectionTrait) -> Result<Vec<(i32, String)>, DbErr> {
    meeting_series::Entity::find()
        .select_only()
        .column(meeting_series::Column::Id)
        .column(meeting_series::Column::Name)
        .order_by_asc(meeting_series::Column::Name)
        .into_tuple()
        .all(conn)
        .await
}

/// A stored meeting as a calendar event. `page` is the meeting's address in the service.
pub fn event<'a>(
    row: &'a meeting::Model,
    organizer: Person<'a>,
    attendee: Option<Person<'a>>,
    page: &'a str,
    stamp: DateTime<Utc>,
) -> Event<'a> {
    let optional = |text: &'a str| (!text.is_empty()).then_some(text);
    Event {
        uid: &row.uid,
        sequence: u32::try_from(row.sequence).unwrap_or_default(),
        stamp,
        start: row.date.and_time(row.start_time),
        end: row.date.and_time(row.end_time),
        zone: zone(&row.time_zone),
        summary: &row.title,
        description: "",
        location: optional(&row.venue),
        online_link: optional(&row.online_link),
        page: Some(page),
        cancelled: row.cancelled,
        organizer,
        attendee,
    }
}

/// A person's calendar feed address (its secret), if they have made one.
pub async fn feed_token(
    conn: &impl ConnectionTrait,
    account_id: i32,
) -> Result<Option<String>, DbErr> {
    Ok(calendar_feed::Entity::find_by_id(account_id)
        .one(conn)
        .await?
        .map(|feed| feed.token))
}

/// Gives the person a new feed address; the old one stops working.
pub async fn renew_feed(
    conn: &impl ConnectionTrait,
    account_id: i32,
    now: DateTime<Utc>,
) -> Result<String, DbErr> {
    let token = crate::auth::secret::generate(crate::auth::secret::LINK_BYTES);
    calendar_feed::Entity::delete_by_id(account_id)
        .exec(conn)
        .await?;
    calendar_feed::Entity::insert(calendar_feed::ActiveModel {
        account_id: Set(account_id),
        token: Set(token.clone()),
        created_at: Set(now),
    })
    .exec(conn)
    .await?;
    Ok(token)
}

/// How far back a feed reaches.
const FEED_DAYS_BACK: u64 = 92;

/// The meetings a feed address lists: those of a member's series from three months ago on;
/// `None` for an unknown address, or one whose person is no longer a member.
pub async fn feed(
    conn: &impl ConnectionTrait,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<Vec<meeting::Model>>, DbErr> {
    let Some(feed) = calendar_feed::Entity::find()
        .filter(calendar_feed::Column::Token.eq(token))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let member = members()
        .filter(user_account::Column::Id.eq(feed.account_id))
        .count(conn)
        .await?
        > 0;
    if !member {
        return Ok(None);
    }
    let since = local_now(now).date() - chrono::Days::new(FEED_DAYS_BACK);
    meeting::Entity::find()
        .filter(meeting::Column::Date.gte(since))
        .order_by_asc(meeting::Column::Date)
        .all(conn)
        .await
        .map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{demo, testing::temp_db};
    use chrono::{NaiveTime, TimeZone};

    fn utc(month: u32, day: u32, hour: u32) -> DateTime<Utc> {
        let year = if month == 12 { 2026 } else { 2027 };
        Utc.with_ymd_and_hms(year, month, day, hour, 0, 0).unwrap()
    }

    #[test]
    fn a_meetings_page_next_changes_when_proposals_close_and_it_starts_and_ends() {
        let at = |h| NaiveTime::from_hms_opt(h, 0, 0).unwrap();
        let row = meeting::Model {
            id: 1,
            series_id: 1,
            occurrence_date: None,
            title: "Champions".into(),
            date: NaiveDate::from_ymd_opt(2027, 1, 12).unwrap(),
            start_time: at(10),
            end_time: at(12),
            time_zone: ZONE.into(),
            venue: String::new(),
            online_link: String::new(),
            cancelled: false,
            uid: "uid".into(),
            sequence: 0,
            invited_at: None,
            reminded_at: None,
            agenda_sent_at: None,
            created_at: utc(12, 1, 0),
            updated_at: utc(12, 1, 0),
        };
        let next = |now| next_change(&row, ProposalDays(10), now);
        // Proposals may be made until 2 January, so they close at its end (London is on UTC
        // in winter); the meeting runs from 10:00 to 12:00 on 12 January.
        assert_eq!(next(utc(12, 20, 9)), Some(utc(1, 3, 0)));
        assert_eq!(next(utc(1, 3, 0)), Some(utc(1, 12, 10)));
        assert_eq!(next(utc(1, 12, 11)), Some(utc(1, 12, 12)));
        assert_eq!(next(utc(1, 12, 12)), None);
    }

    #[tokio::test]
    async fn a_change_to_what_a_meetings_page_shows_raises_the_revision_and_others_do_not() {
        let t = temp_db().await;
        demo::seed(&t.db).await.unwrap();
        let revision = || async { page_revision(t.db.reader()).await.unwrap() };
        let change = |sql: &'static str| async {
            let txn = t.db.begin_write().await.unwrap();
            txn.execute_unprepared(sql).await.unwrap();
            txn.commit().await.unwrap();
        };
        let mut last = revision().await;
        for sql in [
            "UPDATE meeting SET venue = 'Room 3' WHERE id = (SELECT min(id) FROM meeting)",
            "UPDATE user_account SET name = name || ' K.' WHERE id = (SELECT min(id) FROM user_account)",
            "UPDATE job_role SET title = title || ' (new)' WHERE id = (SELECT min(id) FROM job_role)",
            "DELETE FROM agenda_paper WHERE id = (SELECT min(id) FROM agenda_paper)",
            "UPDATE meeting_invitee SET note = 'Late' WHERE rowid = (SELECT min(rowid) FROM meeting_invitee)",
        ] {
            change(sql).await;
            let now = revision().await;
            assert!(now > last, "{sql}");
            last = now;
        }
        change("UPDATE glossary_term SET expansion = expansion || '.' WHERE id = 1").await;
        assert_eq!(
            revision().await,
            last,
            "the glossary is not on a meeting's page"
        );
    }
}
