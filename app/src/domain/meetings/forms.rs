//! The forms that make and change meetings and answer them, as typed and as checked: each
//! check returns the clean value or a message for each bad field, named as the form names it.

use super::{Answer, DEFAULT_RULE, Guest, MeetingDetail};
#[cfg(feature = "ssr")]
use super::{CUSTOM_RULE, recurrence};
use crate::{domain::fields, error::FieldError};
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

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
}
