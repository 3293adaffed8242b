//! Meetings: the bi-monthly series, its meetings, and the forms that make and change them.
//! The rule arithmetic (`recurrence`) and the calendar text (`ics`) are server-only: the
//! browser is only ever sent their results.

pub mod attendance;
#[cfg(feature = "ssr")]
pub mod ics;
#[cfg(feature = "ssr")]
pub mod recurrence;

use crate::{domain::fields, error::FieldError};
use chrono::{NaiveDate, NaiveTime};
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
    pub may_edit: bool,
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

/// An answer as sent: from the meeting page (with a deputy) or an emailed link (without).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    pub answer: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub deputy: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidAnswer {
    pub answer: Answer,
    pub note: String,
    pub deputy: Option<i32>,
}

impl AnswerForm {
    /// `colleagues` are the profiles that may deputise (none for an emailed link).
    pub fn validate(&self, colleagues: &[i32]) -> Result<ValidAnswer, Vec<FieldError>> {
        let mut problems = fields::Problems::default();
        let answer = Answer::parse(self.answer.trim());
        if answer.is_none() {
            problems.add("answer", "Choose whether you will attend");
        }
        let note = problems.take("note", fields::paragraphs(&self.note, "Note", 500, false));
        let deputy = match self.deputy.trim() {
            "" => None,
            raw => match raw.parse::<i32>() {
                Ok(id) if colleagues.contains(&id) && answer == Some(Answer::Apologies) => Some(id),
                Ok(id) if colleagues.contains(&id) => {
                    problems.add(
                        "deputy",
                        "A deputy comes in your place: choose Send apologies, or no deputy",
                    );
                    Some(id)
                }
                _ => {
                    problems.add("deputy", "Choose a deputy from your own team");
                    None
                }
            },
        };
        problems.into_result(()).map(|()| ValidAnswer {
            answer: answer.expect("checked"),
            note,
            deputy,
        })
    }
}

/// A guest as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuestForm {
    pub name: String,
    pub email: String,
    #[serde(default)]
    pub organisation: String,
}

impl GuestForm {
    pub fn validate(&self) -> Result<Guest, Vec<FieldError>> {
        let mut problems = fields::Problems::default();
        let name = problems.take("name", fields::line(&self.name, "Name", 100, true));
        let email = match crate::domain::account::Email::parse(&self.email) {
            Ok(email) => email.as_str().to_owned(),
            Err(message) => {
                problems.add("email", message.to_string());
                String::new()
            }
        };
        let organisation = problems.take(
            "organisation",
            fields::line(&self.organisation, "Organisation", 120, false),
        );
        problems.into_result(()).map(|()| Guest {
            id: 0,
            name,
            email,
            organisation,
        })
    }
}

/// The series form as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeriesForm {
    pub name: String,
    /// One of `PRESETS`, or `custom` for `custom_rule`.
    pub rule: String,
    #[serde(default)]
    pub custom_rule: String,
    pub first_date: String,
    pub start_time: String,
    pub end_time: String,
    #[serde(default)]
    pub venue: String,
    #[serde(default)]
    pub online_link: String,
}

impl SeriesForm {
    /// The form a coordinator starts from: the network's usual meeting.
    pub fn usual() -> Self {
        Self {
            name: "Think Family champions' network".into(),
            rule: DEFAULT_RULE.into(),
            start_time: "10:00".into(),
            end_time: "12:00".into(),
            ..Self::default()
        }
    }
}

/// A series that passed every check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidSeries {
    pub name: String,
    /// The rule as stored (normalised by `recurrence::Rule`).
    pub rule: String,
    pub first_date: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub venue: String,
    pub online_link: String,
}

#[cfg(feature = "ssr")]
impl SeriesForm {
    /// Checks every field; `today` is the local date, as no new meeting may be in the past.
    pub fn validate(&self, today: NaiveDate) -> Result<ValidSeries, Vec<FieldError>> {
        let mut problems = fields::Problems::default();
        let name = problems.take("name", fields::line(&self.name, "Name", 120, true));
        let first_date = problems.take(
            "first_date",
            new_date(&self.first_date, "First meeting", today),
        );
        let (start, end) = times(&mut problems, &self.start_time, &self.end_time);
        let place = place(&mut problems, &self.venue, &self.online_link);
        let (field, text) = if self.rule == CUSTOM_RULE {
            ("custom_rule", self.custom_rule.as_str())
        } else {
            ("rule", self.rule.as_str())
        };
        let mut rule = String::new();
        if let (Some(first), Some(start)) = (first_date, start) {
            match recurrence::Rule::parse(text, first, start, chrono_tz::Europe::London) {
                Ok(parsed) => rule = parsed.text().to_owned(),
                Err(message) => problems.add(field, message),
            }
        } else if text.trim().is_empty() {
            problems.add(field, "Enter how the meetings repeat");
        }
        problems.into_result(()).map(|()| ValidSeries {
            name,
            rule,
            first_date: first_date.expect("checked"),
            start: start.expect("checked"),
            end: end.expect("checked"),
            venue: place.0,
            online_link: place.1,
        })
    }
}

/// One meeting's own details: a one-off meeting, or a change to one of a series.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingForm {
    pub title: String,
    pub date: String,
    pub start_time: String,
    pub end_time: String,
    #[serde(default)]
    pub venue: String,
    #[serde(default)]
    pub online_link: String,
}

impl MeetingForm {
    pub fn from_detail(detail: &MeetingDetail) -> Self {
        let m = &detail.meeting;
        Self {
            title: m.title.clone(),
            date: m.date.to_string(),
            start_time: m.start.format("%H:%M").to_string(),
            end_time: m.end.format("%H:%M").to_string(),
            venue: m.venue.clone(),
            online_link: detail.online_link.clone(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidMeeting {
    pub title: String,
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    pub venue: String,
    pub online_link: String,
}

impl ValidMeeting {
    /// Whether going from `self` to `next` changes what a calendar holds (time or place), so
    /// invitations need an update.
    pub fn moves(&self, next: &ValidMeeting) -> bool {
        (
            self.date,
            self.start,
            self.end,
            &self.venue,
            &self.online_link,
        ) != (
            next.date,
            next.start,
            next.end,
            &next.venue,
            &next.online_link,
        )
    }
}

impl MeetingForm {
    /// `current` is the meeting's date before the change (`None` for a new meeting): a meeting
    /// may keep a past date, but none is put into the past.
    pub fn validate(
        &self,
        today: NaiveDate,
        current: Option<NaiveDate>,
    ) -> Result<ValidMeeting, Vec<FieldError>> {
        let mut problems = fields::Problems::default();
        let title = problems.take("title", fields::line(&self.title, "Title", 120, true));
        let date = match current {
            Some(current) if self.date.trim() == current.to_string() => Some(current),
            _ => problems.take("date", new_date(&self.date, "Date", today)),
        };
        let (start, end) = times(&mut problems, &self.start_time, &self.end_time);
        let place = place(&mut problems, &self.venue, &self.online_link);
        problems.into_result(()).map(|()| ValidMeeting {
            title,
            date: date.expect("checked"),
            start: start.expect("checked"),
            end: end.expect("checked"),
            venue: place.0,
            online_link: place.1,
        })
    }
}

/// A date (`YYYY-MM-DD`, as a date input sends it) today or later.
fn new_date(raw: &str, label: &str, today: NaiveDate) -> Result<Option<NaiveDate>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(format!("Enter the date of the {}", label.to_lowercase()));
    }
    let date = NaiveDate::parse_from_str(raw, "%Y-%m-%d")
        .map_err(|_| format!("{label} must be a real date, like 2027-01-12"))?;
    if date < today {
        return Err(format!("{label} must be today or in the future"));
    }
    if date > today + chrono::Months::new(60) {
        return Err(format!("{label} must be within the next five years"));
    }
    Ok(Some(date))
}

/// Start and end times (`HH:MM`); the end must come after the start, on the same day.
fn times(
    problems: &mut fields::Problems,
    start: &str,
    end: &str,
) -> (Option<NaiveTime>, Option<NaiveTime>) {
    let start = problems.take("start_time", time(start, "start"));
    let end = problems.take("end_time", time(end, "end"));
    if let (Some(s), Some(e)) = (start, end)
        && e <= s
    {
        problems.add("end_time", "End time must be after the start time");
    }
    (start, end)
}

fn time(raw: &str, which: &str) -> Result<Option<NaiveTime>, String> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(format!("Enter the {which} time"));
    }
    NaiveTime::parse_from_str(raw, "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(raw, "%H:%M:%S"))
        .map(Some)
        .map_err(|_| format!("Enter the {which} time as hours and minutes, like 10:00"))
}

/// The venue and online link (either may be empty).
fn place(problems: &mut fields::Problems, venue: &str, link: &str) -> (String, String) {
    let venue = problems.take("venue", fields::line(venue, "Venue", 200, false));
    let link = problems.take("online_link", fields::web_address(link, "Online link"));
    (venue, link)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn fields_of(errors: Vec<FieldError>) -> Vec<(String, String)> {
        errors.into_iter().map(|e| (e.field, e.message)).collect()
    }

    fn meeting_form() -> MeetingForm {
        MeetingForm {
            title: "Launch of the joint protocol".into(),
            date: "2027-03-02".into(),
            start_time: "14:00".into(),
            end_time: "15:30".into(),
            venue: "Council Chamber".into(),
            online_link: "https://teams.example.org/l/launch".into(),
        }
    }

    #[test]
    fn a_good_meeting_passes() {
        let valid = meeting_form().validate(day(2026, 12, 1), None).unwrap();
        assert_eq!(valid.date, day(2027, 3, 2));
        assert_eq!(valid.start, NaiveTime::from_hms_opt(14, 0, 0).unwrap());
        assert_eq!(valid.online_link, "https://teams.example.org/l/launch");
    }

    #[test]
    fn end_before_start_and_a_past_date_are_refused_by_their_fields() {
        let form = MeetingForm {
            date: "2026-11-30".into(),
            end_time: "13:00".into(),
            ..meeting_form()
        };
        assert_eq!(
            fields_of(form.validate(day(2026, 12, 1), None).unwrap_err()),
            [
                ("date".into(), "Date must be today or in the future".into()),
                (
                    "end_time".into(),
                    "End time must be after the start time".into()
                ),
            ]
        );
    }

    #[test]
    fn a_past_meeting_may_keep_its_date_but_not_move_into_the_past() {
        let held = day(2026, 9, 8);
        let keep = MeetingForm {
            date: "2026-09-08".into(),
            ..meeting_form()
        };
        assert_eq!(
            keep.validate(day(2026, 12, 1), Some(held)).unwrap().date,
            held
        );
        let earlier = MeetingForm {
            date: "2026-09-01".into(),
            ..meeting_form()
        };
        assert!(earlier.validate(day(2026, 12, 1), Some(held)).is_err());
    }

    #[test]
    fn times_and_dates_must_be_real() {
        let form = MeetingForm {
            date: "2027-02-30".into(),
            start_time: "25:00".into(),
            end_time: "".into(),
            online_link: "teams".into(),
            ..meeting_form()
        };
        let fields: Vec<_> = fields_of(form.validate(day(2026, 12, 1), None).unwrap_err())
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(fields, ["date", "start_time", "end_time", "online_link"]);
    }

    #[test]
    fn only_a_change_of_time_or_place_moves_a_meeting() {
        let before = meeting_form().validate(day(2026, 12, 1), None).unwrap();
        let retitled = ValidMeeting {
            title: "Launch".into(),
            ..before.clone()
        };
        assert!(!before.moves(&retitled));
        let elsewhere = ValidMeeting {
            venue: "Room 2".into(),
            ..before.clone()
        };
        assert!(before.moves(&elsewhere));
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_series_needs_a_first_date_the_rule_gives() {
        let form = SeriesForm {
            first_date: "2027-01-12".into(),
            ..SeriesForm::usual()
        };
        let valid = form.validate(day(2026, 12, 1)).unwrap();
        assert_eq!(valid.rule, DEFAULT_RULE);
        let wrong_day = SeriesForm {
            first_date: "2027-01-13".into(),
            ..form.clone()
        };
        let errors = fields_of(wrong_day.validate(day(2026, 12, 1)).unwrap_err());
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].0, "rule");
        assert!(
            errors[0].1.contains("12 January 2027") || errors[0].1.contains("March 2027"),
            "{errors:?}"
        );
        let no_rule = SeriesForm {
            rule: CUSTOM_RULE.into(),
            ..form.clone()
        };
        assert_eq!(
            fields_of(no_rule.validate(day(2026, 12, 1)).unwrap_err())[0].0,
            "custom_rule"
        );
        let last_tuesday = SeriesForm {
            rule: CUSTOM_RULE.into(),
            custom_rule: "rrule:freq=monthly;interval=2;byday=-1tu".into(),
            first_date: "2027-01-26".into(),
            ..form
        };
        assert_eq!(
            last_tuesday.validate(day(2026, 12, 1)).unwrap().rule,
            "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1TU"
        );
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
