//! Invitations to a meeting and the answers to them. Everyone invited has one
//! `meeting_invitee` row, made when invitations go out or when a member answers first; each
//! email sent them carries answer links with a secret of their own (only its digest is kept),
//! good until the meeting ends. Every letter is queued in the caller's transaction.

use super::event;
use crate::db::{
    entities::{meeting, meeting_guest, meeting_invitee, profile, rsvp_link, user_account},
    outbox,
};
use crate::domain::meetings::attendance::Who;
use crate::{
    auth::secret,
    domain::{
        audit::Action,
        meetings::{
            Answer, AnswerRow, Guest, MyAnswer, ValidAnswer,
            ics::{self, Method, Person},
            long_date, recurrence,
        },
    },
    mail::{Block, CalendarPart, Letter, Postbox, write_letter},
};
use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveModelTrait,
    ActiveValue::Set,
    ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, IntoActiveModel, QueryFilter,
    QueryOrder, QuerySelect,
    sea_query::{Expr, Query},
};
use std::collections::HashMap;

/// What a letter about a meeting needs from the request: where the service is and what it
/// is called.
#[derive(Clone, Copy)]
pub struct Sender<'a> {
    pub postbox: &'a Postbox,
    pub service: &'a str,
}

/// Why a letter about a meeting is sent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Occasion {
    Invitation,
    /// Its time or place changed, or it is back on after a cancellation.
    Update,
    Cancellation,
    Reminder,
}

/// When the meeting begins, as an instant.
pub fn starts_at(row: &meeting::Model) -> DateTime<Utc> {
    recurrence::instant(row.date, row.start_time, super::zone(&row.time_zone))
}

/// When the meeting ends, as an instant.
pub fn ends_at(row: &meeting::Model) -> DateTime<Utc> {
    recurrence::instant(row.date, row.end_time, super::zone(&row.time_zone))
}

/// One person invited, with where to write to them.
struct Recipient {
    invitee: meeting_invitee::Model,
    name: String,
    email: String,
}

/// Sends an invitation to every member and guest not yet sent one. `Ok(None)`: no such
/// meeting. Returns how many were sent.
pub async fn send_invitations(
    conn: &impl ConnectionTrait,
    sender: Sender<'_>,
    meeting_id: i32,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<Option<usize>, DbErr> {
    let Some(row) = meeting::Entity::find_by_id(meeting_id).one(conn).await? else {
        return Ok(None);
    };
    let expected = super::expected(conn, meeting_id).await?;
    let have: Vec<(Option<i32>, Option<i32>)> = meeting_invitee::Entity::find()
        .select_only()
        .columns([
            meeting_invitee::Column::AccountId,
            meeting_invitee::Column::GuestId,
        ])
        .filter(meeting_invitee::Column::MeetingId.eq(meeting_id))
        .into_tuple()
        .all(conn)
        .await?;
    let rows = expected
        .into_iter()
        .map(|who| match who {
            Who::Member(id) => (Some(id), None),
            Who::Guest(id) => (None, Some(id)),
        })
        .filter(|person| !have.contains(person))
        .map(|(account_id, guest_id)| meeting_invitee::ActiveModel {
            meeting_id: Set(meeting_id),
            account_id: Set(account_id),
            guest_id: Set(guest_id),
            note: Set(String::new()),
            ..Default::default()
        })
        .collect::<Vec<_>>();
    if !rows.is_empty() {
        meeting_invitee::Entity::insert_many(rows)
            .exec(conn)
            .await?;
    }
    let waiting: Vec<Recipient> = recipients(conn, meeting_id)
        .await?
        .into_iter()
        .filter(|r| r.invitee.invited_at.is_none())
        .collect();
    for recipient in &waiting {
        queue(conn, sender, &row, recipient, Occasion::Invitation, now).await?;
    }
    meeting_invitee::Entity::update_many()
        .col_expr(meeting_invitee::Column::InvitedAt, Expr::value(now))
        .filter(meeting_invitee::Column::MeetingId.eq(meeting_id))
        .filter(meeting_invitee::Column::InvitedAt.is_null())
        .exec(conn)
        .await?;
    if row.invited_at.is_none() {
        let mut invited = row.into_active_model();
        invited.invited_at = Set(Some(now));
        invited.update(conn).await?;
    }
    super::record(conn, actor, Action::Invite, ("meeting", meeting_id), now).await?;
    Ok(Some(waiting.len()))
}

/// After a change of time, place or status: everyone already invited is sent the update or
/// the cancellation. Nothing before invitations have gone out.
pub async fn send_change(
    conn: &impl ConnectionTrait,
    sender: Sender<'_>,
    meeting_id: i32,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    let Some(row) = meeting::Entity::find_by_id(meeting_id).one(conn).await? else {
        return Ok(0);
    };
    if row.invited_at.is_none() {
        return Ok(0);
    }
    let occasion = if row.cancelled {
        Occasion::Cancellation
    } else {
        Occasion::Update
    };
    let invited: Vec<Recipient> = recipients(conn, meeting_id)
        .await?
        .into_iter()
        .filter(|r| r.invitee.invited_at.is_some())
        .collect();
    for recipient in &invited {
        queue(conn, sender, &row, recipient, occasion, now).await?;
    }
    Ok(invited.len())
}

/// Sends the reminder of every meeting starting within `days` days that has not had one:
/// once a meeting, to everyone invited who has not sent apologies. Returns how many letters.
pub async fn send_reminders(
    conn: &impl ConnectionTrait,
    sender: Sender<'_>,
    days: u32,
    now: DateTime<Utc>,
) -> Result<usize, DbErr> {
    let today = super::local_now(now).date();
    let due = meeting::Entity::find()
        .filter(meeting::Column::InvitedAt.is_not_null())
        .filter(meeting::Column::RemindedAt.is_null())
        .filter(meeting::Column::Cancelled.eq(false))
        .filter(meeting::Column::Date.gte(today))
        .filter(meeting::Column::Date.lte(today + chrono::Days::new(u64::from(days))))
        .all(conn)
        .await?;
    let mut sent = 0;
    for row in due {
        if ends_at(&row) <= now {
            continue;
        }
        for recipient in recipients(conn, row.id).await? {
            let apologised =
                recipient.invitee.answer.as_deref() == Some(Answer::Apologies.as_str());
            if recipient.invitee.invited_at.is_some() && !apologised {
                queue(conn, sender, &row, &recipient, Occasion::Reminder, now).await?;
                sent += 1;
            }
        }
        let mut reminded = row.into_active_model();
        reminded.reminded_at = Set(Some(now));
        reminded.update(conn).await?;
    }
    Ok(sent)
}

async fn recipients(conn: &impl ConnectionTrait, meeting_id: i32) -> Result<Vec<Recipient>, DbErr> {
    let invitees = meeting_invitee::Entity::find()
        .filter(meeting_invitee::Column::MeetingId.eq(meeting_id))
        .order_by_asc(meeting_invitee::Column::Id)
        .all(conn)
        .await?;
    let names = names_of(conn, meeting_id, &invitees).await?;
    Ok(invitees
        .into_iter()
        .filter_map(|invitee| {
            let (name, email, _) = names.get(&(invitee.account_id, invitee.guest_id))?.clone();
            Some(Recipient {
                invitee,
                name,
                email,
            })
        })
        .collect())
}

type Names = HashMap<(Option<i32>, Option<i32>), (String, String, Option<String>)>;

/// (name, email, the organisation of a guest) of the accounts of `invitees` and of the
/// meeting's guests, by (account id, guest id).
async fn names_of(
    conn: &impl ConnectionTrait,
    meeting_id: i32,
    invitees: &[meeting_invitee::Model],
) -> Result<Names, DbErr> {
    let ids: Vec<i32> = invitees.iter().filter_map(|i| i.account_id).collect();
    let accounts: Vec<(i32, String, String)> = user_account::Entity::find()
        .select_only()
        .columns([
            user_account::Column::Id,
            user_account::Column::Name,
            user_account::Column::Email,
        ])
        .filter(user_account::Column::Id.is_in(ids))
        .into_tuple()
        .all(conn)
        .await?;
    let guests = meeting_guest::Entity::find()
        .filter(meeting_guest::Column::MeetingId.eq(meeting_id))
        .all(conn)
        .await?;
    Ok(accounts
        .into_iter()
        .map(|(id, name, email)| ((Some(id), None), (name, email, None)))
        .chain(
            guests
                .into_iter()
                .map(|g| ((None, Some(g.id)), (g.name, g.email, Some(g.organisation)))),
        )
        .collect())
}

/// Writes one letter about the meeting to one person and queues it.
async fn queue(
    conn: &impl ConnectionTrait,
    sender: Sender<'_>,
    row: &meeting::Model,
    to: &Recipient,
    occasion: Occasion,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let page = sender.postbox.page(&format!("/meetings/{}", row.id));
    let links = if occasion == Occasion::Cancellation {
        None
    } else {
        let secret = secret::generate(secret::LINK_BYTES);
        rsvp_link::Entity::insert(rsvp_link::ActiveModel {
            digest: Set(secret::digest(&secret)),
            invitee_id: Set(to.invitee.id),
            created_at: Set(now),
        })
        .exec(conn)
        .await?;
        let link = sender.postbox.link("/rsvp", &secret);
        Some([
            format!("{link}&answer={}", Answer::Attending.as_str()),
            format!("{link}&answer={}", Answer::Apologies.as_str()),
        ])
    };
    let mut letter = meeting_letter(sender.service, row, to, occasion, &page, links.as_ref());
    let method = match occasion {
        Occasion::Invitation | Occasion::Update => Some(Method::Request),
        Occasion::Cancellation => Some(Method::Cancel),
        Occasion::Reminder => None,
    };
    letter.calendar = method.map(|method| {
        let organizer = Person {
            name: sender.service,
            email: &sender.postbox.from,
        };
        let attendee = Person {
            name: &to.name,
            email: &to.email,
        };
        let event = event(row, organizer, Some(attendee), &page, now);
        CalendarPart {
            method,
            text: ics::calendar(method, &[event]),
        }
    });
    outbox::enqueue(conn, letter, now).await.map(drop)
}

fn meeting_letter(
    service: &str,
    row: &meeting::Model,
    to: &Recipient,
    occasion: Occasion,
    page: &str,
    links: Option<&[String; 2]>,
) -> Letter {
    let summary = super::summary(row);
    let title = &row.title;
    let date = long_date(row.date);
    let (subject, opening) = match occasion {
        Occasion::Invitation => (
            format!("Invitation: {title}, {date}"),
            format!("You are invited to {title}."),
        ),
        Occasion::Update => (
            format!("Changed: {title}, {date}"),
            format!("{title} has changed. It is now as below."),
        ),
        Occasion::Cancellation => (
            format!("Cancelled: {title}, {date}"),
            format!(
                "{title} on {date} is cancelled. The attached cancellation takes it out of your calendar."
            ),
        ),
        Occasion::Reminder => (
            format!("Reminder: {title}, {date}"),
            format!("A reminder that {title} is coming up."),
        ),
    };
    let when = format!("When: {} (UK time)", summary.when());
    let place = format!("Where: {}", row.venue);
    let mut blocks = vec![Block::Words(&opening)];
    if occasion != Occasion::Cancellation {
        blocks.push(Block::Words(&when));
        if !row.venue.is_empty() {
            blocks.push(Block::Words(&place));
        }
        if !row.online_link.is_empty() {
            blocks.push(Block::Link(Some("Join online"), &row.online_link));
        }
    }
    let answered = to.invitee.answer.as_deref().and_then(Answer::parse);
    let asked = match answered {
        Some(answer) => format!(
            "You answered \"{}\". To change your answer, without signing in:",
            answer.choice()
        ),
        None => "Please say whether you will come. These links answer for you, without signing in:"
            .to_owned(),
    };
    if let Some([attend, apologies]) = links {
        blocks.push(Block::Words(&asked));
        blocks.push(Block::Link(Some(Answer::Attending.choice()), attend));
        blocks.push(Block::Link(Some(Answer::Apologies.choice()), apologies));
    }
    blocks.push(Block::Link(Some("The meeting's page"), page));
    if matches!(occasion, Occasion::Invitation | Occasion::Update) {
        blocks.push(Block::Words(
            "The attached invitation adds the meeting to your calendar.",
        ));
    }
    write_letter(&to.email, subject, &to.name, &blocks, service)
}

/// The invitation an emailed answer link is for, and its meeting, while the meeting has not
/// ended; `None` for an unknown, altered or expired link.
pub async fn by_link(
    conn: &impl ConnectionTrait,
    link: &str,
    now: DateTime<Utc>,
) -> Result<Option<(meeting_invitee::Model, meeting::Model, String)>, DbErr> {
    let Some(found) = rsvp_link::Entity::find_by_id(secret::digest(link))
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let Some(invitee) = meeting_invitee::Entity::find_by_id(found.invitee_id)
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    let Some(row) = meeting::Entity::find_by_id(invitee.meeting_id)
        .one(conn)
        .await?
    else {
        return Ok(None);
    };
    if ends_at(&row) <= now {
        return Ok(None);
    }
    let names = names_of(conn, row.id, std::slice::from_ref(&invitee)).await?;
    let name = names
        .get(&(invitee.account_id, invitee.guest_id))
        .map(|(name, ..)| name.clone())
        .unwrap_or_default();
    Ok(Some((invitee, row, name)))
}

/// Records an answer, replacing any earlier one.
pub async fn record_answer(
    conn: &impl ConnectionTrait,
    invitee: meeting_invitee::Model,
    answer: &ValidAnswer,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let mut row = invitee.into_active_model();
    row.answer = Set(Some(answer.answer.as_str().to_owned()));
    row.note = Set(answer.note.clone());
    row.deputy_profile_id = Set(answer.deputy);
    row.answered_at = Set(Some(now));
    row.update(conn).await.map(drop)
}

/// A member's row for the meeting, made if they have none yet (they may answer before the
/// invitations go out).
pub async fn member_row(
    conn: &impl ConnectionTrait,
    meeting_id: i32,
    account_id: i32,
) -> Result<meeting_invitee::Model, DbErr> {
    let find = || {
        meeting_invitee::Entity::find()
            .filter(meeting_invitee::Column::MeetingId.eq(meeting_id))
            .filter(meeting_invitee::Column::AccountId.eq(account_id))
    };
    if let Some(row) = find().one(conn).await? {
        return Ok(row);
    }
    meeting_invitee::ActiveModel {
        meeting_id: Set(meeting_id),
        account_id: Set(Some(account_id)),
        note: Set(String::new()),
        ..Default::default()
    }
    .insert(conn)
    .await
}

/// The other profiles in the team of the account's own profile: who may deputise for them.
pub async fn colleagues(
    conn: &impl ConnectionTrait,
    account_id: i32,
) -> Result<Vec<(i32, String)>, DbErr> {
    // One query: the meeting page runs this on every view.
    let own_team = Query::select()
        .column(profile::Column::TeamId)
        .from(profile::Entity)
        .and_where(profile::Column::AccountId.eq(account_id))
        .to_owned();
    profile::Entity::find()
        .select_only()
        .columns([profile::Column::Id, profile::Column::Name])
        .filter(profile::Column::TeamId.in_subquery(own_team))
        .filter(
            Condition::any()
                .add(profile::Column::AccountId.is_null())
                .add(profile::Column::AccountId.ne(account_id)),
        )
        .order_by_asc(profile::Column::Name)
        .into_tuple()
        .all(conn)
        .await
}

/// Everyone invited or who answered, with their answers, by name.
pub async fn answers(
    conn: &impl ConnectionTrait,
    meeting_id: i32,
) -> Result<Vec<AnswerRow>, DbErr> {
    let invitees = meeting_invitee::Entity::find()
        .filter(meeting_invitee::Column::MeetingId.eq(meeting_id))
        .all(conn)
        .await?;
    let names = names_of(conn, meeting_id, &invitees).await?;
    let deputy_ids: Vec<i32> = invitees
        .iter()
        .filter_map(|i| i.deputy_profile_id)
        .collect();
    let deputies: HashMap<i32, String> = if deputy_ids.is_empty() {
        HashMap::new()
    } else {
        profile::Entity::find()
            .select_only()
            .columns([profile::Column::Id, profile::Column::Name])
            .filter(profile::Column::Id.is_in(deputy_ids))
            .into_tuple()
            .all(conn)
            .await?
            .into_iter()
            .collect()
    };
    let mut rows: Vec<AnswerRow> = invitees
        .into_iter()
        .filter_map(|i| {
            let (name, _, guest_of) = names.get(&(i.account_id, i.guest_id))?.clone();
            Some(AnswerRow {
                name,
                guest_of,
                answer: i.answer.as_deref().and_then(Answer::parse),
                note: i.note,
                deputy: i.deputy_profile_id.and_then(|d| deputies.get(&d).cloned()),
                invited: i.invited_at.is_some(),
            })
        })
        .collect();
    rows.sort_by(|a, b| (a.guest_of.is_some(), &a.name).cmp(&(b.guest_of.is_some(), &b.name)));
    Ok(rows)
}

/// The member's own answer, with the colleagues they may name as deputy.
pub async fn my_answer(
    conn: &impl ConnectionTrait,
    meeting_id: i32,
    account_id: i32,
) -> Result<MyAnswer, DbErr> {
    let row = meeting_invitee::Entity::find()
        .filter(meeting_invitee::Column::MeetingId.eq(meeting_id))
        .filter(meeting_invitee::Column::AccountId.eq(account_id))
        .one(conn)
        .await?;
    Ok(MyAnswer {
        answer: row
            .as_ref()
            .and_then(|r| r.answer.as_deref())
            .and_then(Answer::parse),
        note: row.as_ref().map(|r| r.note.clone()).unwrap_or_default(),
        deputy: row.and_then(|r| r.deputy_profile_id),
        colleagues: colleagues(conn, account_id).await?,
    })
}

/// The meeting's guests.
pub async fn guests(conn: &impl ConnectionTrait, meeting_id: i32) -> Result<Vec<Guest>, DbErr> {
    Ok(meeting_guest::Entity::find()
        .filter(meeting_guest::Column::MeetingId.eq(meeting_id))
        .order_by_asc(meeting_guest::Column::Name)
        .all(conn)
        .await?
        .into_iter()
        .map(|g| Guest {
            id: g.id,
            name: g.name,
            email: g.email,
            organisation: g.organisation,
        })
        .collect())
}

/// Adds a guest to one meeting; once its invitations have gone out, the guest's goes at once.
/// `Ok(None)`: no such meeting; `Ok(Some(false))`: the guest was already invited.
pub async fn add_guest(
    conn: &impl ConnectionTrait,
    sender: Sender<'_>,
    meeting_id: i32,
    guest: &Guest,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<Option<bool>, DbErr> {
    let Some(row) = meeting::Entity::find_by_id(meeting_id).one(conn).await? else {
        return Ok(None);
    };
    let taken = meeting_guest::Entity::find()
        .filter(meeting_guest::Column::MeetingId.eq(meeting_id))
        .filter(meeting_guest::Column::Email.eq(&guest.email))
        .one(conn)
        .await?
        .is_some();
    if taken {
        return Ok(Some(false));
    }
    meeting_guest::Entity::insert(meeting_guest::ActiveModel {
        meeting_id: Set(meeting_id),
        name: Set(guest.name.clone()),
        email: Set(guest.email.clone()),
        organisation: Set(guest.organisation.clone()),
        added_at: Set(now),
        ..Default::default()
    })
    .exec(conn)
    .await?;
    if row.invited_at.is_some() && !row.cancelled && ends_at(&row) > now {
        send_invitations(conn, sender, meeting_id, actor, now).await?;
    } else {
        super::record(conn, actor, Action::Invite, ("meeting", meeting_id), now).await?;
    }
    Ok(Some(true))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{
        db::{accounts, demo, testing::temp_db},
        domain::account::{Email, PersonName, Role},
    };

    #[tokio::test]
    async fn invitations_guests_and_answers_keep_one_row_per_person() {
        let t = temp_db().await;
        demo::seed(&t.db).await.unwrap();
        let now = Utc::now();
        let txn = t.db.begin_write().await.unwrap();
        let new = accounts::NewAccount {
            email: Email::parse("lee@example.org").unwrap(),
            name: PersonName::parse("Lee Coordinator").unwrap(),
            role: Role::Coordinator,
        };
        let lee = accounts::create_invited(&txn, new, None, now)
            .await
            .unwrap();
        accounts::set_password(&txn, lee.id, "unused".into(), now)
            .await
            .unwrap();
        accounts::set_access(&txn, lee.id, lee.id, true, now)
            .await
            .unwrap();
        let next = meeting::Entity::find()
            .filter(meeting::Column::Date.gt(super::super::local_now(now).date()))
            .order_by_asc(meeting::Column::Date)
            .one(&txn)
            .await
            .unwrap()
            .unwrap();
        let postbox = Postbox::new("http://localhost/".parse().unwrap(), "c@example.org".into());
        let sender = Sender {
            postbox: &postbox,
            service: "Champions Network",
        };
        let sent = send_invitations(&txn, sender, next.id, lee.id, now)
            .await
            .unwrap();
        use sea_orm::PaginatorTrait;
        let members = super::super::members().count(&txn).await.unwrap() as usize;
        assert!(members > 1, "the demo champions and Lee");
        assert_eq!(sent, Some(members));
        let guest = Guest {
            id: 0,
            name: "Ola".into(),
            email: "ola@example.org".into(),
            organisation: String::new(),
        };
        assert_eq!(
            add_guest(&txn, sender, next.id, &guest, lee.id, now)
                .await
                .unwrap(),
            Some(true)
        );
        assert_eq!(
            add_guest(&txn, sender, next.id, &guest, lee.id, now)
                .await
                .unwrap(),
            Some(false)
        );
        let row = member_row(&txn, next.id, lee.id).await.unwrap();
        let answer = ValidAnswer {
            answer: Answer::Apologies,
            note: "Away".into(),
            deputy: None,
        };
        record_answer(&txn, row, &answer, now).await.unwrap();
        let moved = crate::domain::meetings::ValidMeeting {
            title: next.title.clone(),
            date: next.date,
            start: next.start_time,
            end: next.end_time,
            venue: "Room 9".into(),
            online_link: next.online_link.clone(),
        };
        let changed = super::super::change_meeting(&txn, next.id, &moved, lee.id, now)
            .await
            .unwrap();
        assert_eq!(changed, Some(true));
        assert_eq!(
            send_change(&txn, sender, next.id, now).await.unwrap(),
            members + 1,
            "every member and the guest"
        );
        let rows = answers(&txn, next.id).await.unwrap();
        assert_eq!(rows.len(), members + 1, "one row a person: {rows:?}");
        let lee = rows.iter().find(|r| r.name == "Lee Coordinator").unwrap();
        assert_eq!(
            (lee.answer, lee.note.as_str()),
            (Some(Answer::Apologies), "Away")
        );
        assert!(rows.iter().all(|r| r.invited));
        assert_eq!(
            rows.last().map(|r| r.guest_of.is_some()),
            Some(true),
            "guests last"
        );
    }
}
