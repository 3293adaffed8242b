//! Agendas as stored: a meeting's items, with the champions' proposals among them until a
//! coordinator accepts or declines them; their papers; and the series' standing items, copied
//! into every agenda of the series not yet held. Changes are logged, and the letters they
//! cause queued, in the caller's transaction.

use super::{Reader, invitations::Sender, local_now, members, record};
use crate::db::{
    entities::{
        agenda_item, agenda_paper, job_role, meeting, meeting_guest, paper_file, standing_item,
        user_account,
    },
    outbox,
};
use crate::{
    domain::{
        audit::Action,
        meetings::{
            Guest,
            agenda::{
                Agenda, AgendaItem, ItemKind, ItemStatus, MAX_ITEMS, Paper, Proposal, ProposalDays,
                ValidItem, timetable,
            },
            attendance::Who,
            long_date,
        },
    },
    mail::{Block, write_letter},
};
use chrono::{DateTime, Days, Utc};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait,
    IntoActiveModel, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use std::collections::HashMap;

/// The last day champions may propose items for a meeting on `date`.
pub(super) fn deadline(date: chrono::NaiveDate, days: ProposalDays) -> chrono::NaiveDate {
    date - Days::new(days.0.into())
}

/// Whether proposals for the meeting are still open today.
pub fn proposals_open(row: &meeting::Model, days: ProposalDays, now: DateTime<Utc>) -> bool {
    !row.cancelled && local_now(now).date() <= deadline(row.date, days)
}

/// A meeting's agenda for `reader`. `members` are the series' members (account id, name),
/// `guests` the meeting's.
pub async fn agenda(
    conn: &impl ConnectionTrait,
    row: &meeting::Model,
    members: &[(i32, String)],
    guests: &[Guest],
    reader: Reader,
    days: ProposalDays,
    now: DateTime<Utc>,
) -> Result<Agenda, DbErr> {
    let mut rows = agenda_item::Entity::find()
        .filter(agenda_item::Column::MeetingId.eq(row.id))
        .order_by_asc(agenda_item::Column::Position)
        .order_by_asc(agenda_item::Column::Id)
        .all(conn)
        .await?;
    // Coordinators see every proposal; a champion their own.
    rows.retain(|item| {
        item.status == ItemStatus::Accepted.as_str()
            || reader.coordinator
            || item.proposed_by == Some(reader.account_id)
    });
    let ids: Vec<i32> = rows.iter().map(|i| i.id).collect();
    let mut papers: HashMap<i32, Vec<Paper>> = HashMap::new();
    if reader.member && !ids.is_empty() {
        for p in agenda_paper::Entity::find()
            .filter(agenda_paper::Column::ItemId.is_in(ids))
            .order_by_asc(agenda_paper::Column::Id)
            .all(conn)
            .await?
        {
            papers.entry(p.item_id).or_default().push(Paper {
                id: p.id,
                title: p.title,
                url: p.url,
                size: p.size.and_then(|s| u64::try_from(s).ok()),
            });
        }
    }
    let may_write = reader.coordinator || (reader.member && proposals_open(row, days, now));
    let roles: Vec<(i32, String)> = if may_write {
        job_role::Entity::find()
            .select_only()
            .columns([job_role::Column::Id, job_role::Column::Title])
            .order_by_asc(job_role::Column::Title)
            .into_tuple()
            .all(conn)
            .await?
    } else {
        let wanted: Vec<i32> = rows.iter().filter_map(|i| i.job_role_id).collect();
        if wanted.is_empty() {
            vec![]
        } else {
            job_role::Entity::find()
                .select_only()
                .columns([job_role::Column::Id, job_role::Column::Title])
                .filter(job_role::Column::Id.is_in(wanted))
                .into_tuple()
                .all(conn)
                .await?
        }
    };
    let role_title: HashMap<i32, &str> = roles.iter().map(|(id, t)| (*id, t.as_str())).collect();
    let member_name: HashMap<i32, &str> = members.iter().map(|(id, n)| (*id, n.as_str())).collect();
    let guest_name: HashMap<i32, &str> = guests.iter().map(|g| (g.id, g.name.as_str())).collect();
    // Presenters and proposers who have since left the members are still named.
    let missing: Vec<i32> = rows
        .iter()
        .flat_map(|i| [i.presenter_account_id, i.proposed_by])
        .flatten()
        .filter(|id| !member_name.contains_key(id))
        .collect();
    let former: HashMap<i32, String> = if missing.is_empty() {
        HashMap::new()
    } else {
        user_account::Entity::find()
            .select_only()
            .columns([user_account::Column::Id, user_account::Column::Name])
            .filter(user_account::Column::Id.is_in(missing))
            .into_tuple::<(i32, String)>()
            .all(conn)
            .await?
            .into_iter()
            .collect()
    };
    let account_name = |id: i32| {
        member_name
            .get(&id)
            .copied()
            .or_else(|| former.get(&id).map(String::as_str))
            .unwrap_or("A former member")
            .to_owned()
    };
    let accepted: Vec<u32> = rows
        .iter()
        .filter(|i| i.status == ItemStatus::Accepted.as_str())
        .map(minutes)
        .collect();
    let (starts, total_minutes, overrun) = timetable(row.start_time, row.end_time, &accepted);
    let mut starts = starts.into_iter();
    let mut items = vec![];
    let mut proposals = vec![];
    for i in rows {
        let presenter = match (i.presenter_account_id, i.presenter_guest_id) {
            (Some(id), _) => Some(Who::Member(id)),
            (_, Some(id)) => Some(Who::Guest(id)),
            _ => None,
        };
        let presenter_name = presenter.map(|who| match who {
            Who::Member(id) => account_name(id),
            Who::Guest(id) => guest_name.get(&id).copied().unwrap_or("A guest").to_owned(),
        });
        let status = ItemStatus::parse(&i.status).unwrap_or(ItemStatus::Proposed);
        let item = AgendaItem {
            id: i.id,
            title: i.title.clone(),
            kind: ItemKind::parse(&i.kind).unwrap_or(ItemKind::AnyOtherBusiness),
            job_role: i
                .job_role_id
                .and_then(|id| Some((id, (*role_title.get(&id)?).to_owned()))),
            presenter,
            presenter_name,
            minutes: minutes(&i),
            starts: if status == ItemStatus::Accepted {
                starts.next().unwrap_or(row.start_time)
            } else {
                row.start_time
            },
            papers: papers.remove(&i.id).unwrap_or_default(),
            standing: i.standing_item_id.is_some(),
        };
        if status == ItemStatus::Accepted {
            items.push(item);
        } else {
            proposals.push(Proposal {
                item,
                status,
                reason: i.reason,
                proposer: i.proposed_by.map(account_name).unwrap_or_default(),
                decline_reason: i.decline_reason,
            });
        }
    }
    let presenters = if may_write {
        members
            .iter()
            .map(|(id, name)| (Who::Member(*id).key(), name.clone()))
            .chain(
                guests
                    .iter()
                    .map(|g| (Who::Guest(g.id).key(), format!("{} (guest)", g.name))),
            )
            .collect()
    } else {
        vec![]
    };
    Ok(Agenda {
        items,
        total_minutes,
        overrun,
        proposals,
        deadline: deadline(row.date, days),
        may_propose: reader.member && !reader.coordinator && proposals_open(row, days, now),
        sent_at: row.agenda_sent_at,
        presenters,
        job_roles: if may_write {
            roles
                .into_iter()
                .map(|(id, t)| (id.to_string(), t))
                .collect()
        } else {
            vec![]
        },
    })
}

fn minutes(item: &agenda_item::Model) -> u32 {
    u32::try_from(item.minutes).unwrap_or_default()
}

/// The bank's job roles, by id.
pub async fn job_role_ids(conn: &impl ConnectionTrait) -> Result<Vec<i32>, DbErr> {
    job_role::Entity::find()
        .select_only()
        .column(job_role::Column::Id)
        .into_tuple()
        .all(conn)
        .await
}

/// The agenda is full: it already holds `MAX_ITEMS` items and proposals.
#[derive(Debug, PartialEq, Eq)]
pub struct Full;

/// Adds an item to a meeting's agenda (`Accepted`, at its end) or a champion's proposal
/// (`Proposed`). An accepted standing item also becomes one of the series', copied into every
/// later meeting of it.
pub async fn add_item(
    conn: &impl ConnectionTrait,
    row: &meeting::Model,
    item: &ValidItem,
    status: ItemStatus,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<Result<i32, Full>, DbErr> {
    let held = agenda_item::Entity::find()
        .filter(agenda_item::Column::MeetingId.eq(row.id))
        .filter(agenda_item::Column::Status.ne(ItemStatus::Declined.as_str()))
        .count(conn)
        .await?;
    if held >= MAX_ITEMS as u64 {
        return Ok(Err(Full));
    }
    let standing = if item.standing && status == ItemStatus::Accepted {
        Some(add_standing(conn, row, item, now).await?)
    } else {
        None
    };
    let (presenter_account, presenter_guest) = presenter_columns(item.presenter);
    let id = agenda_item::Entity::insert(agenda_item::ActiveModel {
        meeting_id: Set(row.id),
        status: Set(status.as_str().into()),
        position: Set(next_position(conn, row.id).await?),
        title: Set(item.title.clone()),
        kind: Set(item.kind.as_str().into()),
        job_role_id: Set(item.job_role),
        presenter_account_id: Set(presenter_account),
        presenter_guest_id: Set(presenter_guest),
        minutes: Set(item.minutes as i32),
        reason: Set(item.reason.clone()),
        decline_reason: Set(String::new()),
        proposed_by: Set((status == ItemStatus::Proposed).then_some(actor)),
        standing_item_id: Set(standing),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(conn)
    .await?
    .last_insert_id;
    record(conn, actor, Action::Create, ("agenda_item", id), now).await?;
    Ok(Ok(id))
}

fn presenter_columns(who: Option<Who>) -> (Option<i32>, Option<i32>) {
    match who {
        Some(Who::Member(id)) => (Some(id), None),
        Some(Who::Guest(id)) => (None, Some(id)),
        None => (None, None),
    }
}

async fn next_position(conn: &impl ConnectionTrait, meeting_id: i32) -> Result<i32, DbErr> {
    let last: Option<i32> = agenda_item::Entity::find()
        .select_only()
        .column_as(agenda_item::Column::Position.max(), "last")
        .filter(agenda_item::Column::MeetingId.eq(meeting_id))
        .into_tuple::<Option<i32>>()
        .one(conn)
        .await?
        .flatten();
    Ok(last.map_or(1, |p| p + 1))
}

/// Makes the item one of the series' standing items and copies it into the agendas of the
/// series' later meetings. Returns the standing item's id.
async fn add_standing(
    conn: &impl ConnectionTrait,
    row: &meeting::Model,
    item: &ValidItem,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let position = standing_item::Entity::find()
        .filter(standing_item::Column::SeriesId.eq(row.series_id))
        .count(conn)
        .await?;
    let standing = standing_item::Entity::insert(standing_item::ActiveModel {
        series_id: Set(row.series_id),
        position: Set(position as i32 + 1),
        title: Set(item.title.clone()),
        kind: Set(item.kind.as_str().into()),
        minutes: Set(item.minutes as i32),
        created_at: Set(now),
        ..Default::default()
    })
    .exec(conn)
    .await?
    .last_insert_id;
    let later: Vec<i32> = meeting::Entity::find()
        .select_only()
        .column(meeting::Column::Id)
        .filter(meeting::Column::SeriesId.eq(row.series_id))
        .filter(meeting::Column::Date.gt(row.date))
        .into_tuple()
        .all(conn)
        .await?;
    let stored = standing_item::Entity::find_by_id(standing)
        .one(conn)
        .await?
        .ok_or(DbErr::RecordNotFound("the standing item just made".into()))?;
    for meeting_id in later {
        insert_standing(conn, meeting_id, &stored, now).await?;
    }
    Ok(standing)
}

async fn insert_standing(
    conn: &impl ConnectionTrait,
    meeting_id: i32,
    standing: &standing_item::Model,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    agenda_item::Entity::insert(agenda_item::ActiveModel {
        meeting_id: Set(meeting_id),
        status: Set(ItemStatus::Accepted.as_str().into()),
        position: Set(next_position(conn, meeting_id).await?),
        title: Set(standing.title.clone()),
        kind: Set(standing.kind.clone()),
        minutes: Set(standing.minutes),
        reason: Set(String::new()),
        decline_reason: Set(String::new()),
        standing_item_id: Set(Some(standing.id)),
        created_at: Set(now),
        updated_at: Set(now),
        ..Default::default()
    })
    .exec(conn)
    .await
    .map(drop)
}

/// Copies the series' standing items into a new meeting's agenda.
pub(super) async fn copy_standing(
    conn: &impl ConnectionTrait,
    series_id: i32,
    meeting_id: i32,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let standing = standing_item::Entity::find()
        .filter(standing_item::Column::SeriesId.eq(series_id))
        .order_by_asc(standing_item::Column::Position)
        .all(conn)
        .await?;
    for item in &standing {
        insert_standing(conn, meeting_id, item, now).await?;
    }
    Ok(())
}

/// One item as stored.
pub async fn item(
    conn: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<agenda_item::Model>, DbErr> {
    agenda_item::Entity::find_by_id(id).one(conn).await
}

/// Turns a proposal down and writes to the proposer why.
pub async fn decline(
    conn: &impl ConnectionTrait,
    sender: Sender<'_>,
    row: &meeting::Model,
    proposal: agenda_item::Model,
    reason: &str,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let (id, proposer) = (proposal.id, proposal.proposed_by);
    let title = proposal.title.clone();
    let mut item = proposal.into_active_model();
    item.status = Set(ItemStatus::Declined.as_str().into());
    item.decline_reason = Set(reason.to_owned());
    item.updated_at = Set(now);
    item.update(conn).await?;
    record(conn, actor, Action::Update, ("agenda_item", id), now).await?;
    let to = match proposer {
        Some(account) => user_account::Entity::find_by_id(account).one(conn).await?,
        None => None,
    };
    let Some(to) = to else {
        return Ok(());
    };
    let page = sender.postbox.page(&format!("/meetings/{}#agenda", row.id));
    let opening = format!(
        "Your proposal \"{title}\" for {} on {} is not on the agenda.",
        row.title,
        long_date(row.date)
    );
    let why = format!("The coordinator's reason: {reason}");
    let blocks = [
        Block::Words(&opening),
        Block::Words(&why),
        Block::Link(Some("The meeting's page"), &page),
    ];
    let letter = write_letter(
        &to.email,
        format!("Agenda proposal not accepted: {title}"),
        &to.name,
        &blocks,
        sender.service,
    );
    outbox::enqueue(conn, letter, now).await.map(drop)
}

/// Moves an item one place up or down the agenda; `false` if it is already at that end.
pub async fn move_item(
    conn: &impl ConnectionTrait,
    item: agenda_item::Model,
    up: bool,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let neighbours = agenda_item::Entity::find()
        .filter(agenda_item::Column::MeetingId.eq(item.meeting_id))
        .filter(agenda_item::Column::Status.eq(ItemStatus::Accepted.as_str()));
    let neighbour = if up {
        neighbours
            .filter(agenda_item::Column::Position.lt(item.position))
            .order_by_desc(agenda_item::Column::Position)
    } else {
        neighbours
            .filter(agenda_item::Column::Position.gt(item.position))
            .order_by_asc(agenda_item::Column::Position)
    }
    .one(conn)
    .await?;
    let Some(neighbour) = neighbour else {
        return Ok(false);
    };
    let (id, mine, theirs) = (item.id, item.position, neighbour.position);
    let mut a = item.into_active_model();
    a.position = Set(theirs);
    a.updated_at = Set(now);
    a.update(conn).await?;
    let mut b = neighbour.into_active_model();
    b.position = Set(mine);
    b.update(conn).await?;
    record(conn, actor, Action::Update, ("agenda_item", id), now).await?;
    Ok(true)
}

/// Takes an item, with its papers, off the agenda.
pub async fn remove_item(
    conn: &impl ConnectionTrait,
    id: i32,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    agenda_item::Entity::delete_by_id(id).exec(conn).await?;
    record(conn, actor, Action::Delete, ("agenda_item", id), now).await
}

/// What a paper is: a link, or a file with its download name and type.
pub enum PaperSource {
    Link(String),
    File {
        name: String,
        content_type: &'static str,
        bytes: Vec<u8>,
    },
}

pub async fn add_paper(
    conn: &impl ConnectionTrait,
    item_id: i32,
    title: &str,
    source: PaperSource,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    let (url, file) = match source {
        PaperSource::Link(url) => (Some(url), None),
        PaperSource::File {
            name,
            content_type,
            bytes,
        } => (None, Some((name, content_type, bytes))),
    };
    let id = agenda_paper::Entity::insert(agenda_paper::ActiveModel {
        item_id: Set(item_id),
        title: Set(title.to_owned()),
        url: Set(url),
        file_name: Set(file.as_ref().map(|(name, ..)| name.clone())),
        content_type: Set(file.as_ref().map(|(_, t, _)| (*t).to_owned())),
        size: Set(file.as_ref().map(|(.., b)| b.len() as i64)),
        added_by: Set(Some(actor)),
        added_at: Set(now),
        ..Default::default()
    })
    .exec(conn)
    .await?
    .last_insert_id;
    if let Some((.., bytes)) = file {
        paper_file::Entity::insert(paper_file::ActiveModel {
            paper_id: Set(id),
            bytes: Set(bytes),
        })
        .exec(conn)
        .await?;
    }
    record(conn, actor, Action::Create, ("agenda_paper", id), now).await?;
    Ok(id)
}

/// An uploaded paper: (download name, type, bytes). `None` for a link or an unknown id.
pub async fn paper_file(
    conn: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<(String, String, Vec<u8>)>, DbErr> {
    let Some(paper) = agenda_paper::Entity::find_by_id(id).one(conn).await? else {
        return Ok(None);
    };
    let (Some(name), Some(content_type)) = (paper.file_name, paper.content_type) else {
        return Ok(None);
    };
    let file = paper_file::Entity::find_by_id(id).one(conn).await?;
    Ok(file.map(|f| (name, content_type, f.bytes)))
}

/// Emails the agenda to every member and guest, with a link to the meeting's page. Returns
/// how many letters were queued.
pub async fn send_agenda(
    conn: &impl ConnectionTrait,
    sender: Sender<'_>,
    row: meeting::Model,
    agenda: &Agenda,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    let people: Vec<(String, String)> = members()
        .select_only()
        .columns([user_account::Column::Name, user_account::Column::Email])
        .into_tuple()
        .all(conn)
        .await?;
    let guests: Vec<(String, String)> = meeting_guest::Entity::find()
        .select_only()
        .columns([meeting_guest::Column::Name, meeting_guest::Column::Email])
        .filter(meeting_guest::Column::MeetingId.eq(row.id))
        .into_tuple()
        .all(conn)
        .await?;
    let summary = super::summary(&row);
    let page = sender.postbox.page(&format!("/meetings/{}", row.id));
    let opening = format!(
        "The agenda for {}, {} (UK time).",
        row.title,
        summary.when()
    );
    let place = summary.place();
    let lines: Vec<String> = agenda
        .items
        .iter()
        .map(|item| {
            let by = item
                .presenter_name
                .as_ref()
                .map(|n| format!(", {n}"))
                .unwrap_or_default();
            format!(
                "{} {} ({} minutes{by})",
                item.starts.format("%H:%M"),
                item.title,
                item.minutes
            )
        })
        .collect();
    let papers: Vec<(String, String)> = agenda
        .items
        .iter()
        .flat_map(|item| &item.papers)
        .map(|p| {
            (
                p.title.clone(),
                p.url
                    .clone()
                    .unwrap_or_else(|| sender.postbox.page(&p.href())),
            )
        })
        .collect();
    let mut blocks = vec![Block::Words(&opening)];
    if !place.is_empty() {
        blocks.push(Block::Words(&place));
    }
    blocks.extend(lines.iter().map(|l| Block::Words(l)));
    blocks.extend(papers.iter().map(|(t, href)| Block::Link(Some(t), href)));
    blocks.push(Block::Link(Some("The meeting's page"), &page));
    let subject = format!("Agenda: {}, {}", row.title, long_date(row.date));
    for (name, email) in people.iter().chain(&guests) {
        let letter = write_letter(email, subject.clone(), name, &blocks, sender.service);
        outbox::enqueue(conn, letter, now).await?;
    }
    let id = row.id;
    let mut sent = row.into_active_model();
    sent.agenda_sent_at = Set(Some(now));
    sent.update(conn).await?;
    record(conn, actor, Action::Update, ("meeting_agenda", id), now).await?;
    Ok(people.len() + guests.len())
}

/// One item of a meeting's agenda, as `reader` may see it; `None` if there is no such item
/// or it is not theirs to see.
pub async fn item_view(
    conn: &impl ConnectionTrait,
    item_id: i32,
    reader: Reader,
    days: ProposalDays,
    now: DateTime<Utc>,
) -> Result<Option<crate::domain::meetings::agenda::ItemView>, DbErr> {
    let Some(stored) = item(conn, item_id).await? else {
        return Ok(None);
    };
    let Some(row) = super::meeting(conn, stored.meeting_id).await? else {
        return Ok(None);
    };
    let members = super::member_names(conn).await?;
    let guests = super::invitations::guests(conn, row.id).await?;
    // As a coordinator would read it, so that the presenters and roles to choose from are there.
    let full = Reader {
        coordinator: true,
        member: true,
        ..reader
    };
    let agenda = agenda(conn, &row, &members, &guests, full, days, now).await?;
    let status = ItemStatus::parse(&stored.status).unwrap_or(ItemStatus::Proposed);
    let mine = stored.proposed_by == Some(reader.account_id);
    if status != ItemStatus::Accepted && !reader.coordinator && !mine {
        return Ok(None);
    }
    let (item, reason, proposer, decline_reason) =
        match agenda.items.iter().find(|i| i.id == item_id) {
            Some(item) => (item.clone(), stored.reason, String::new(), String::new()),
            None => {
                let Some(p) = agenda.proposals.into_iter().find(|p| p.item.id == item_id) else {
                    return Ok(None);
                };
                (p.item, p.reason, p.proposer, p.decline_reason)
            }
        };
    let open = super::invitations::ends_at(&row) > now && !row.cancelled;
    let (presenters, job_roles) = if reader.coordinator {
        (agenda.presenters, agenda.job_roles)
    } else {
        (vec![], vec![])
    };
    Ok(Some(crate::domain::meetings::agenda::ItemView {
        meeting: super::summary(&row),
        item,
        status,
        reason,
        proposer,
        decline_reason,
        may_edit: reader.coordinator && open && status != ItemStatus::Declined,
        may_add_papers: open
            && reader.member
            && (reader.coordinator || (mine && status == ItemStatus::Proposed)),
        presenters,
        job_roles,
    }))
}

/// Saves an item as a coordinator edited it. An accepted item keeps its place; a proposal
/// is accepted, and goes to the end of the agenda.
pub async fn save_item(
    conn: &impl ConnectionTrait,
    stored: agenda_item::Model,
    edited: &ValidItem,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let id = stored.id;
    let accepting = stored.status != ItemStatus::Accepted.as_str();
    let position = if accepting {
        next_position(conn, stored.meeting_id).await?
    } else {
        stored.position
    };
    let (presenter_account, presenter_guest) = presenter_columns(edited.presenter);
    let mut item = stored.into_active_model();
    item.status = Set(ItemStatus::Accepted.as_str().into());
    item.position = Set(position);
    item.title = Set(edited.title.clone());
    item.kind = Set(edited.kind.as_str().into());
    item.job_role_id = Set(edited.job_role);
    item.presenter_account_id = Set(presenter_account);
    item.presenter_guest_id = Set(presenter_guest);
    item.minutes = Set(edited.minutes as i32);
    item.updated_at = Set(now);
    item.update(conn).await?;
    record(conn, actor, Action::Update, ("agenda_item", id), now).await
}
