//! Meetings: the bi-monthly series, its meetings, and the forms that make and change them.
//! The rule arithmetic (`recurrence`) and the calendar text (`ics`) are server-only: the
//! browser is only ever sent their results.

pub mod agenda;
pub mod attendance;
mod forms;
#[cfg(feature = "ssr")]
pub mod ics;
#[cfg(feature = "ssr")]
pub mod recurrence;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

/// How far ahead a series' meetings exist: made when the series is, topped up every day.
pub const MONTHS_AHEAD: u32 = 12;
/// The rule a new series starts with: every two months on the second Tuesday.
pub const DEFAULT_RULE: &str = "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU";
/// The rules the series form offers: (rule, how people say it).
pub const PRESETS: [(&str, &str); 6] = [
    (
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU",
        "Every two months on the second Tuesday",
    ),
    (
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1TU",
        "Every two months on the last Tuesday",
    ),
    (
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=2WE",
        "Every two months on the second Wednesday",
    ),
    (
        "FREQ=MONTHLY;INTERVAL=2;BYDAY=1TH",
        "Every two months on the first Thursday",
    ),
    (
        "FREQ=MONTHLY;BYDAY=2TU",
        "Every month on the second Tuesday",
    ),
    (
        "FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU",
        "Every three months on the second Tuesday",
    ),
];
/// The series form's choice of a rule typed in full.
pub const CUSTOM_RULE: &str = "custom";
/// The zone new series keep their times in. The network is local, and the calendar text
/// carries this zone's rules (`ics`).
pub const ZONE: &str = "Europe/London";

/// A meeting in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingSummary {
    pub id: i32,
    pub title: String,
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub venue: String,
    pub online: bool,
    pub cancelled: bool,
}

impl MeetingSummary {
    /// "Tuesday 13 January 2026, 10:00 to 12:00".
    pub fn when(&self) -> String {
        format!(
            "{}, {} to {}",
            long_date(self.date),
            self.start.format("%H:%M"),
            self.end.format("%H:%M")
        )
    }

    /// "Room 2, Civic Centre, and online", "Online", or "" when neither is set.
    pub fn place(&self) -> String {
        match (self.venue.is_empty(), self.online) {
            (false, true) => format!("{}, and online", self.venue),
            (false, false) => self.venue.clone(),
            (true, true) => "Online".into(),
            (true, false) => String::new(),
        }
    }
}

/// "Tuesday 13 January 2026".
pub fn long_date(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

/// A series as the meetings page lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesSummary {
    pub id: i32,
    pub name: String,
    /// The rule in words: "Every 2 months on the second Tuesday".
    pub repeats: String,
    pub start: NaiveTime,
    pub end: NaiveTime,
    /// Every active champion and coordinator.
    pub members: u64,
}

/// `/meetings`: what is coming, what has been, and the series they belong to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingsOverview {
    pub upcoming: Vec<MeetingSummary>,
    pub past: Vec<MeetingSummary>,
    pub series: Vec<SeriesSummary>,
    pub may_schedule: bool,
}

/// One meeting as its page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingDetail {
    pub meeting: MeetingSummary,
    pub series_id: i32,
    pub series_name: String,
    pub online_link: String,
    /// Whether the meeting was made by the series' rule (rather than added as a one-off).
    pub from_rule: bool,
    /// Whether it has begun (attendance may then be recorded) and ended (invitations and
    /// answers are then closed).
    pub started: bool,
    pub ended: bool,
    /// The series' members, by name.
    pub members: Vec<String>,
    pub guests: Vec<Guest>,
    /// Whether invitations have gone out, and to how many people not yet.
    pub invited: bool,
    pub not_yet_invited: usize,
    /// Everyone's answers: for coordinators only, otherwise empty.
    pub answers: Vec<AnswerRow>,
    /// The reader's own answer, if they are a member.
    pub mine: Option<MyAnswer>,
    /// Who came, for coordinators once the meeting has begun; otherwise empty.
    pub attendance: Vec<attendance::AttendanceRow>,
    pub agenda: agenda::Agenda,
    pub may_edit: bool,
    /// When the page next changes by the clock alone (proposals close, the meeting starts or
    /// ends), if it still will.
    pub changes_at: Option<DateTime<Utc>>,
}

/// Someone from outside the network invited to one meeting, such as a presenter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Guest {
    pub id: i32,
    pub name: String,
    pub email: String,
    pub organisation: String,
}

/// What an invited person said.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    Attending,
    Apologies,
}

impl Answer {
    pub const ALL: [Answer; 2] = [Answer::Attending, Answer::Apologies];

    pub fn as_str(self) -> &'static str {
        match self {
            Answer::Attending => "attending",
            Answer::Apologies => "apologies",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// As the person chooses it.
    pub fn choice(self) -> &'static str {
        match self {
            Answer::Attending => "I will attend",
            Answer::Apologies => "Send apologies",
        }
    }

    /// As the coordinator reads it.
    pub fn label(self) -> &'static str {
        match self {
            Answer::Attending => "Attending",
            Answer::Apologies => "Apologies",
        }
    }
}

/// One invited person's answer, as the coordinator sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerRow {
    pub name: String,
    /// The guest's organisation; `None` for a member.
    pub guest_of: Option<String>,
    pub answer: Option<Answer>,
    pub note: String,
    pub deputy: Option<String>,
    pub invited: bool,
}

/// A member's own answer and the colleagues they may send in their place.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyAnswer {
    pub answer: Option<Answer>,
    pub note: String,
    pub deputy: Option<i32>,
    /// (profile id, name) of the others in their team.
    pub colleagues: Vec<(i32, String)>,
}

/// The page an emailed answer link opens: which meeting, and for whom.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RsvpView {
    pub meeting: MeetingSummary,
    pub name: String,
    pub answer: Option<Answer>,
    pub note: String,
}

pub use forms::{
    AnswerForm, GuestForm, MeetingForm, SeriesForm, ValidAnswer, ValidMeeting, ValidSeries,
};

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn a_meeting_says_when_and_where() {
        let m = MeetingSummary {
            id: 1,
            title: "Champions' meeting".into(),
            date: day(2026, 1, 13),
            start: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            end: NaiveTime::from_hms_opt(12, 0, 0).unwrap(),
            venue: "Room 2".into(),
            online: true,
            cancelled: false,
        };
        assert_eq!(m.when(), "Tuesday 13 January 2026, 10:00 to 12:00");
        assert_eq!(m.place(), "Room 2, and online");
    }
}
