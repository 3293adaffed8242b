//! Attendance as recorded at or after a meeting, on each invited person's row (made here for
//! anyone expected who was never sent an invitation), and the figures of the last 12 months
//! by member and by staff group.

use super::local_now;
use crate::db::entities::{meeting, meeting_invitee, profile, staff_group, team, user_account};
use crate::domain::{
    audit::Action,
    meetings::{
        Answer,
        attendance::{Attendance, AttendanceReport, AttendanceRow, Tally, Who},
    },
};
use chrono::{DateTime, Months, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    IntoActiveModel, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::{BTreeMap, HashMap};

/// Everyone the meeting expects, members by name and then guests, with their answers and
/// what was recorded for them.
pub async fn sheet(
    conn: &impl ConnectionTrait,
    meeting_id: i32,
) -> Result<Vec<AttendanceRow>, DbErr> {
    let rows: HashMap<Who, meeting_invitee::Model> = invitees(conn, meeting_id)
        .await?
        .into_iter()
        .filter_map(|row| Some((who_of(&row)?, row)))
        .collect();
    let members = super::member_names(conn).await?;
    let guests = super::invitations::guests(conn, meeting_id).await?;
    let people = members
        .into_iter()
        .map(|(id, name)| (Who::Member(id), name, None))
        .chain(
            guests
                .into_iter()
                .map(|g| (Who::Guest(g.id), g.name, Some(g.organisation))),
        );
    Ok(people
        .map(|(who, name, guest_of)| {
            let row = rows.get(&who);
            AttendanceRow {
                who,
                name,
                guest_of,
                answer: row
                    .and_then(|r| r.answer.as_deref())
                    .and_then(Answer::parse),
                attendance: row
                    .and_then(|r| r.attendance.as_deref())
                    .and_then(Attendance::parse),
            }
        })
        .collect())
}

async fn invitees(
    conn: &impl ConnectionTrait,
    meeting_id: i32,
) -> Result<Vec<meeting_invitee::Model>, DbErr> {
    meeting_invitee::Entity::find()
        .filter(meeting_invitee::Column::MeetingId.eq(meeting_id))
        .all(conn)
        .await
}

fn who_of(row: &meeting_invitee::Model) -> Option<Who> {
    match (row.account_id, row.guest_id) {
        (Some(id), None) => Some(Who::Member(id)),
        (None, Some(id)) => Some(Who::Guest(id)),
        _ => None,
    }
}

/// Records what happened for each person marked (`None` clears it), and logs it.
pub async fn record(
    conn: &impl ConnectionTrait,
    meeting_id: i32,
    marks: &[(Who, Option<Attendance>)],
    actor: i32,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mut rows: HashMap<Who, meeting_invitee::Model> = invitees(conn, meeting_id)
        .await?
        .into_iter()
        .filter_map(|row| Some((who_of(&row)?, row)))
        .collect();
    for &(who, attendance) in marks {
        let value = attendance.map(|a| a.as_str().to_owned());
        let mut row = match rows.remove(&who) {
            Some(row) if row.attendance == value => continue,
            Some(row) => row.into_active_model(),
            None if value.is_none() => continue,
            None => {
                let (account_id, guest_id) = match who {
                    Who::Member(id) => (Some(id), None),
                    Who::Guest(id) => (None, Some(id)),
                };
                meeting_invitee::ActiveModel {
                    meeting_id: Set(meeting_id),
                    account_id: Set(account_id),
                    guest_id: Set(guest_id),
                    note: Set(String::new()),
                    ..Default::default()
                }
            }
        };
        row.attendance = Set(value);
        row.attendance_recorded_at = Set(Some(now));
        row.save(conn).await?;
    }
    super::record(
        conn,
        actor,
        Action::Update,
        ("meeting_attendance", meeting_id),
        now,
    )
    .await
}

/// Marks everyone who said they would attend, and has nothing recorded yet, as present.
/// Returns how many.
pub async fn mark_attending_present(
    conn: &impl ConnectionTrait,
    meeting_id: i32,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let marked = meeting_invitee::Entity::update_many()
        .col_expr(
            meeting_invitee::Column::Attendance,
            Attendance::Present.as_str().into(),
        )
        .col_expr(
            meeting_invitee::Column::AttendanceRecordedAt,
            Some(now).into(),
        )
        .filter(meeting_invitee::Column::MeetingId.eq(meeting_id))
        .filter(meeting_invitee::Column::Answer.eq(Answer::Attending.as_str()))
        .filter(meeting_invitee::Column::Attendance.is_null())
        .exec(conn)
        .await?
        .rows_affected;
    super::record(
        conn,
        actor,
        Action::Update,
        ("meeting_attendance", meeting_id),
        now,
    )
    .await?;
    Ok(marked)
}

/// Attendance at the meetings of the last 12 months that were held and recorded: each
/// member's (by name) and each staff group's (in the groups' order; members without a
/// profile under "No profile").
pub async fn report(
    conn: &impl ConnectionTrait,
    now: DateTime<Utc>,
) -> Result<AttendanceReport, DbErr> {
    let today = local_now(now).date();
    let since = today - Months::new(12);
    let held: Vec<i32> = meeting::Entity::find()
        .select_only()
        .column(meeting::Column::Id)
        .filter(meeting::Column::Cancelled.eq(false))
        .filter(meeting::Column::Date.gte(since))
        .filter(meeting::Column::Date.lte(today))
        .into_tuple()
        .all(conn)
        .await?;
    let marks: Vec<(i32, i32, String)> = meeting_invitee::Entity::find()
        .select_only()
        .columns([
            meeting_invitee::Column::MeetingId,
            meeting_invitee::Column::AccountId,
            meeting_invitee::Column::Attendance,
        ])
        .filter(meeting_invitee::Column::MeetingId.is_in(held))
        .filter(meeting_invitee::Column::AccountId.is_not_null())
        .filter(meeting_invitee::Column::Attendance.is_not_null())
        .into_tuple()
        .all(conn)
        .await?;
    let names: HashMap<i32, String> = user_account::Entity::find()
        .select_only()
        .columns([user_account::Column::Id, user_account::Column::Name])
        .into_tuple()
        .all(conn)
        .await?
        .into_iter()
        .collect();
    let groups = staff_groups_of_accounts(conn).await?;
    let order: Vec<String> = staff_group::Entity::find()
        .order_by_asc(staff_group::Column::Position)
        .all(conn)
        .await?
        .into_iter()
        .map(|g| g.name)
        .collect();
    let no_profile = "No profile".to_owned();
    let mut members: BTreeMap<(String, i32), Tally> = BTreeMap::new();
    let mut meetings = std::collections::BTreeSet::new();
    for (meeting_id, account, word) in marks {
        let Some(attendance) = Attendance::parse(&word) else {
            continue;
        };
        meetings.insert(meeting_id);
        let name = names.get(&account).cloned().unwrap_or_default();
        let group = groups.get(&account).unwrap_or(&no_profile);
        members
            .entry((name.clone(), account))
            .or_insert_with(|| Tally {
                label: name,
                group: group.clone(),
                ..Tally::default()
            })
            .add(attendance);
    }
    let members: Vec<Tally> = members.into_values().collect();
    let mut by_group: Vec<Tally> = order
        .iter()
        .chain([&no_profile])
        .map(|name| {
            let mut group = Tally {
                label: name.clone(),
                ..Tally::default()
            };
            for m in members.iter().filter(|m| &m.group == name) {
                group.recorded += m.recorded;
                group.present += m.present;
                group.online += m.online;
                group.deputy += m.deputy;
                group.apologies += m.apologies;
                group.absent += m.absent;
            }
            group
        })
        .collect();
    by_group.retain(|g| g.recorded > 0 || g.label != no_profile);
    Ok(AttendanceReport {
        since,
        meetings: u32::try_from(meetings.len()).unwrap_or(u32::MAX),
        groups: by_group,
        members,
    })
}

/// Each account's staff group, through its directory profile's team.
async fn staff_groups_of_accounts(
    conn: &impl ConnectionTrait,
) -> Result<HashMap<i32, String>, DbErr> {
    let profiles: Vec<(Option<i32>, i32)> = profile::Entity::find()
        .select_only()
        .columns([profile::Column::AccountId, profile::Column::TeamId])
        .filter(profile::Column::AccountId.is_not_null())
        .into_tuple()
        .all(conn)
        .await?;
    let teams: HashMap<i32, i32> = team::Entity::find()
        .select_only()
        .columns([team::Column::Id, team::Column::StaffGroupId])
        .into_tuple()
        .all(conn)
        .await?
        .into_iter()
        .collect();
    let groups: HashMap<i32, String> = staff_group::Entity::find()
        .select_only()
        .columns([staff_group::Column::Id, staff_group::Column::Name])
        .into_tuple()
        .all(conn)
        .await?
        .into_iter()
        .collect();
    Ok(profiles
        .into_iter()
        .filter_map(|(account, team)| {
            let group = groups.get(teams.get(&team)?)?;
            Some((account?, group.clone()))
        })
        .collect())
}
