//! When the meetings of a series fall.
//!
//! A series is an RFC 5545 rule plus a first date, a local start time and a zone. Meetings
//! are kept as local date + local time + zone, so what the rule is asked for is *dates*; the
//! zone turns one into an instant only at the end, which keeps 10:00 at 10:00 on both sides
//! of a clock change. The rule is parsed once, in [`Rule::parse`], because meetings are
//! topped up daily and pages ask for dates often: later calls only iterate.

use std::collections::BTreeSet;
use std::str::FromStr;

use chrono::{DateTime, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeDelta, TimeZone};
use chrono::{Timelike, Utc};
use chrono_tz::Tz;
use rrule::ValidationError as V;
use rrule::{NWeekday, ParseError as P, RRule, RRuleError, RRuleSet, Unvalidated};

/// So that a weekly rule over a careless range of decades cannot build thousands of meetings.
const MAX_DATES: usize = 2_000;

const LEAVE_TIME_OUT: &str = "Leave the time out of the rule: set it in Start time";
const NO_DATE_AFTER: &str =
    "The first date must be one the rule gives, and the rule gives no date after it";

/// A series' rule, anchored at its first meeting.
#[derive(Clone, Debug)]
pub struct Rule {
    text: String,
    set: RRuleSet,
}

impl Rule {
    /// Reads a rule for a series whose first meeting is `first` at `start` (local time in
    /// `zone`). The error is a sentence for the person filling in the form.
    pub fn parse(text: &str, first: NaiveDate, start: NaiveTime, zone: Tz) -> Result<Rule, String> {
        let text = normalise(text);
        if text.is_empty() {
            return Err("Enter how the meetings repeat".into());
        }
        if text.contains("DTSTART") {
            return Err(LEAVE_TIME_OUT.into());
        }
        if text.contains(':') {
            return Err("The rule could not be read: enter only the repeat rule".into());
        }
        let mut parts = Vec::new();
        for part in text.split(';') {
            let why = || format!("The rule could not be read: “{part}” is not NAME=VALUE");
            parts.push(part.split_once('=').ok_or_else(why)?);
        }
        let timed = |key: &&str| ["BYHOUR", "BYMINUTE", "BYSECOND"].contains(key);
        if parts.iter().any(|(key, _)| timed(key)) {
            return Err(LEAVE_TIME_OUT.into());
        }
        match parts.iter().find(|(key, _)| *key == "FREQ") {
            Some((_, "WEEKLY" | "MONTHLY" | "YEARLY")) => {}
            Some(_) => return Err("Meetings can repeat weekly, monthly or yearly".into()),
            None => {
                return Err("The rule could not be read: say how often, e.g. FREQ=MONTHLY".into());
            }
        }
        // rrule reads an UNTIL without "Z" in the server's zone, then refuses it; people mean
        // the series' zone, and by a bare date "up to and including that day".
        let rrule_text: Vec<String> = parts
            .iter()
            .map(|&(key, value)| match (key, until_utc(value, zone)) {
                ("UNTIL", Some(utc)) if !value.ends_with('Z') => format!("UNTIL={utc}"),
                _ => format!("{key}={value}"),
            })
            .collect();
        // Whole seconds, as rrule makes: a start a fraction later would lose the first meeting.
        let start = start.with_nanosecond(0).unwrap_or(start);
        let dt_start = instant(first, start, zone).with_timezone(&rrule::Tz::Tz(zone));
        let set = RRule::<Unvalidated>::from_str(&rrule_text.join(";"))
            // Given, not left to rrule, because in a spring-forward gap DTSTART's own hour is
            // not the hour the series meets at.
            .map(|rule| {
                rule.by_hour(vec![start.hour() as u8])
                    .by_minute(vec![start.minute() as u8])
                    .by_second(vec![start.second() as u8])
            })
            .and_then(|rule| rule.build(dt_start))
            .map_err(plain)?
            .limit();
        let rule = Rule { text, set };
        // Were the first meeting not an occurrence, INTERVAL would count from a date the
        // series never meets on.
        let next = rule.occurrences().next();
        match next {
            Some(date) if date == first => Ok(rule),
            Some(next) => Err(format!(
                "The first date must be one the rule gives: the next one is {}",
                next.format("%A %-d %B %Y")
            )),
            None if rule.text.contains("UNTIL=") => Err(NO_DATE_AFTER.into()),
            None => Err("The rule gives no dates".into()),
        }
    }

    /// The normalised rule text to store (upper case, no "RRULE:" prefix).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Local dates of the occurrences in [from, until], in order; at most [`MAX_DATES`].
    pub fn dates(&self, from: NaiveDate, until: NaiveDate) -> Vec<NaiveDate> {
        let dates = self.occurrences().skip_while(|date| *date < from);
        dates
            .take_while(|date| *date <= until)
            .take(MAX_DATES)
            .collect()
    }

    /// The dates in [from, until] that have no meeting yet. `have` holds the occurrence dates
    /// already made, moved and cancelled ones included, so that a meeting someone removed on
    /// purpose does not come back at the next top-up.
    pub fn missing(
        &self,
        have: &BTreeSet<NaiveDate>,
        from: NaiveDate,
        until: NaiveDate,
    ) -> Vec<NaiveDate> {
        let mut dates = self.dates(from, until);
        dates.retain(|date| !have.contains(date));
        dates
    }

    fn occurrences(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.set.into_iter().map(|at| at.date_naive())
    }
}

/// The instant a local wall-clock time in `zone` happens. As RFC 5545 §3.3.5 has it, and as
/// rrule generates: when the clocks go back, the earlier; in a spring-forward gap, the time
/// read with the offset before the gap (01:30 on London's last Sunday in March is 01:30 UTC,
/// 02:30 BST).
pub fn instant(date: NaiveDate, time: NaiveTime, zone: Tz) -> DateTime<Utc> {
    let local = date.and_time(time);
    if let Some(at) = zone.from_local_datetime(&local).earliest() {
        return at.to_utc();
    }
    // Gaps are whole quarter hours and never longer than a day (Samoa, 2011).
    let before =
        |quarters: i64| zone.from_local_datetime(&(local - TimeDelta::minutes(15 * quarters)));
    let before = (1..=4 * 48).find_map(|quarters| before(quarters).latest());
    before
        .map_or(local, |at| local - at.offset().fix())
        .and_utc()
}

/// Upper case, no "RRULE:", no spaces and no empty parts, so equal rules are stored equal.
fn normalise(text: &str) -> String {
    let text: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let text = text.to_uppercase();
    let text = text.strip_prefix("RRULE:").unwrap_or(&text);
    text.split(';')
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(";")
}

/// `20271231` (to the end of that day) or `20271231T100000`, local in `zone`, in UTC.
fn until_utc(value: &str, zone: Tz) -> Option<String> {
    let local = (NaiveDate::parse_from_str(value, "%Y%m%d").ok())
        .and_then(|date| date.and_hms_opt(23, 59, 59))
        .or_else(|| NaiveDateTime::parse_from_str(value, "%Y%m%dT%H%M%S").ok())?;
    Some(
        instant(local.date(), local.time(), zone)
            .format("%Y%m%dT%H%M%SZ")
            .to_string(),
    )
}

/// rrule's errors, reworded for someone who has never read RFC 5545.
fn plain(error: RRuleError) -> String {
    let why = match error {
        RRuleError::ValidationError(V::UntilBeforeStart { .. }) => return NO_DATE_AFTER.into(),
        RRuleError::ParserError(P::InvalidWeekday(v)) => {
            format!("“{v}” is not a day: use MO, TU, WE, TH, FR, SA or SU, e.g. 2TU or -1TU")
        }
        RRuleError::ParserError(P::InvalidInterval(v) | P::InvalidCount(v)) => {
            format!("INTERVAL and COUNT are whole numbers, not “{v}”")
        }
        RRuleError::ParserError(P::InvalidByMonthDay(v)) => {
            format!("BYMONTHDAY takes days from 1 to 31, or -1 for the last, not “{v}”")
        }
        RRuleError::ParserError(P::InvalidDateTime { value, .. }) => {
            format!("“{value}” is not a date: write UNTIL as year, month, day, e.g. 20271231")
        }
        RRuleError::ParserError(P::UnrecognizedParameter(v)) => {
            format!("“{v}” is not part of a rule")
        }
        RRuleError::ParserError(P::DuplicateProperty(v)) => format!("{v} is given twice"),
        RRuleError::ValidationError(V::InvalidByRuleAndFrequency { by_rule, freq }) => {
            format!("{by_rule} cannot be used with FREQ={freq}")
        }
        RRuleError::ValidationError(
            V::InvalidFieldValue { field, value }
            | V::InvalidFieldValueRange { field, value, .. }
            | V::InvalidFieldValueRangeWithFreq { field, value, .. },
        ) => format!("{field} cannot be {value}"),
        RRuleError::ParserError(other) => other.to_string(),
        RRuleError::ValidationError(other) => other.to_string(),
        RRuleError::IterError(other) => other,
    };
    format!("The rule could not be read: {why}")
}

/// "Every 2 months on the second Tuesday" style description of a rule text, for pages; the
/// text itself when the rule has parts this does not put into words.
pub fn describe(text: &str) -> String {
    let text = normalise(text);
    summary(&text).unwrap_or(text)
}

fn summary(text: &str) -> Option<String> {
    let (mut unit, mut interval, mut on, mut ending) = (None, 1_u32, None, String::new());
    let parts: Option<Vec<_>> = text.split(';').map(|part| part.split_once('=')).collect();
    for (key, value) in parts? {
        match key {
            "FREQ" => unit = Some(value),
            "INTERVAL" => interval = value.parse().ok().filter(|n| *n > 0)?,
            "BYDAY" | "BYMONTHDAY" if on.is_none() => on = Some((key, value)),
            "COUNT" => ending = format!(", {} times", value.parse::<u32>().ok()?),
            "UNTIL" => {
                let date = NaiveDate::parse_from_str(value.get(..8)?, "%Y%m%d").ok()?;
                ending = format!(", until {}", date.format("%-d %B %Y"));
            }
            _ => return None,
        }
    }
    let unit = match unit? {
        "WEEKLY" => "week",
        "MONTHLY" => "month",
        "YEARLY" => "year",
        _ => return None,
    };
    let every = match interval {
        1 => format!("Every {unit}"),
        n => format!("Every {n} {unit}s"),
    };
    let on: Vec<String> = match on {
        None => Vec::new(),
        Some(("BYDAY", days)) => days
            .split(',')
            .map(|day| weekday(day, unit))
            .collect::<Option<_>>()?,
        Some((_, days)) if unit == "month" => {
            days.split(',').map(month_day).collect::<Option<_>>()?
        }
        Some(_) => return None,
    };
    let on = match on.as_slice() {
        [] => String::new(),
        [one] => format!(" on {one}"),
        [init @ .., last] => format!(" on {} and {last}", init.join(", ")),
    };
    Some(every + &on + &ending)
}

/// `TU` → "Tuesday" in a weekly rule, "every Tuesday" otherwise; `2TU` → "the second Tuesday"
/// in a monthly one (in a yearly one it would count through the year, which reads badly).
fn weekday(code: &str, unit: &str) -> Option<String> {
    let (nth, day) = match code.parse().ok()? {
        NWeekday::Every(day) => (None, day),
        NWeekday::Nth(n, day) => (Some(n), day),
    };
    let name = NaiveDate::from_isoywd_opt(2026, 1, day)?.format("%A");
    let nths = ["last", "first", "second", "third", "fourth", "fifth"];
    match (nth, unit) {
        (None, "week") => Some(name.to_string()),
        (None, _) => Some(format!("every {name}")),
        (Some(n @ (-1 | 1..=5)), "month") => {
            Some(format!("the {} {name}", nths[n.max(0) as usize]))
        }
        _ => None,
    }
}

/// `15` → "the 15th", `-1` → "the last day".
fn month_day(value: &str) -> Option<String> {
    if value == "-1" {
        return Some("the last day".into());
    }
    let day: u32 = value.parse().ok().filter(|day| (1..=31).contains(day))?;
    let suffix = match (day % 10, day) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    Some(format!("the {day}{suffix}"))
}

#[cfg(test)]
mod tests {
    use super::super::PRESETS;
    use super::*;
    use chrono::{Datelike, Weekday};
    use proptest::prelude::*;

    const LONDON: Tz = chrono_tz::Europe::London;
    const DEFAULT: &str = "FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU";

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn days(text: &str) -> Vec<NaiveDate> {
        text.split_whitespace().map(day).collect()
    }

    fn ten() -> NaiveTime {
        NaiveTime::from_hms_opt(10, 0, 0).unwrap()
    }

    fn rule(text: &str, first: &str) -> Result<Rule, String> {
        Rule::parse(text, day(first), ten(), LONDON)
    }

    /// The dates `text` gives from `first` up to `until`.
    fn gives(text: &str, first: &str, until: &str) -> Vec<NaiveDate> {
        rule(text, first).unwrap().dates(day(first), day(until))
    }

    #[test]
    fn the_default_rule_gives_second_tuesdays_of_every_other_month() {
        let expected = days("2026-01-13 2026-03-10 2026-05-12 2026-07-14 2026-09-08 2026-11-10");
        assert!(
            expected
                .iter()
                .all(|d| d.weekday() == Weekday::Tue && d.day0() / 7 == 1)
        );
        assert_eq!(gives(DEFAULT, "2026-01-13", "2026-12-31"), expected);
        let last = gives(
            "FREQ=MONTHLY;INTERVAL=2;BYDAY=-1TU",
            "2026-01-27",
            "2026-12-31",
        );
        let expected = days("2026-01-27 2026-03-31 2026-05-26 2026-07-28 2026-09-29 2026-11-24");
        assert_eq!(last, expected);
    }

    #[test]
    fn month_ends_and_fifth_weekdays() {
        let ends = gives("FREQ=MONTHLY;BYMONTHDAY=-1", "2027-01-31", "2028-12-31");
        assert_eq!(ends[..3], days("2027-01-31 2027-02-28 2027-03-31"));
        assert_eq!((ends.len(), ends[13]), (24, day("2028-02-29")));
        assert!(ends.iter().all(|d| d.succ_opt().unwrap().day() == 1));
        let fifth = gives("FREQ=MONTHLY;BYDAY=5TU", "2026-03-31", "2026-12-31");
        assert_eq!(fifth, days("2026-03-31 2026-06-30 2026-09-29 2026-12-29"));
    }

    #[test]
    fn instants_follow_the_clock_changes() {
        let utc = |local: &str| {
            let local = NaiveDateTime::parse_from_str(local, "%Y-%m-%d %H:%M").unwrap();
            instant(local.date(), local.time(), LONDON)
                .format("%Y-%m-%d %H:%M")
                .to_string()
        };
        assert_eq!(utc("2026-01-13 10:00"), "2026-01-13 10:00");
        assert_eq!(utc("2026-07-14 10:00"), "2026-07-14 09:00");
        // 01:30 on 29 March 2026 is never on a London clock: read as GMT, it is 02:30 BST.
        assert_eq!(utc("2026-03-29 01:30"), "2026-03-29 01:30");
        // 01:30 on 25 October 2026 happens twice: the first, in BST.
        assert_eq!(utc("2026-10-25 01:30"), "2026-10-25 00:30");
    }

    #[test]
    fn the_local_start_stays_put_across_the_year() {
        let weekly = rule("FREQ=WEEKLY", "2026-01-06").unwrap();
        let times: Vec<_> = weekly.set.into_iter().take(52).collect();
        assert_eq!(times[51].date_naive(), day("2026-12-29"));
        for time in times {
            assert_eq!(time.time(), ten());
            assert_eq!(time.to_utc(), instant(time.date_naive(), ten(), LONDON));
        }
        // A series in the spring gap keeps its dates, each at the instant `instant` gives.
        let (sunday, half_one) = (
            day("2026-03-29"),
            NaiveTime::from_hms_opt(1, 30, 0).unwrap(),
        );
        let gap =
            Rule::parse("FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", sunday, half_one, LONDON).unwrap();
        assert_eq!(
            gap.dates(sunday, day("2027-12-31")),
            days("2026-03-29 2027-03-28")
        );
        let second = gap.set.into_iter().nth(1).unwrap().to_utc();
        assert_eq!(second, instant(day("2027-03-28"), half_one, LONDON));
    }

    #[test]
    fn missing_leaves_out_moved_and_cancelled_occurrences_and_dates_are_bounded() {
        let have = BTreeSet::from_iter(days("2026-03-10 2026-09-08 2025-11-11"));
        let default = rule(DEFAULT, "2026-01-13").unwrap();
        let missing = default.missing(&have, day("2026-01-01"), day("2026-12-31"));
        assert_eq!(missing, days("2026-01-13 2026-05-12 2026-07-14 2026-11-10"));
        assert_eq!(
            gives("FREQ=WEEKLY", "2026-01-06", "2099-12-31").len(),
            MAX_DATES
        );
    }

    #[test]
    fn any_case_prefix_or_spacing_is_read_and_stored_normalised() {
        for text in [
            " rrule:freq=monthly;interval=2;byday=2tu ",
            "RRULE:FREQ=MONTHLY; INTERVAL=2;",
        ] {
            let text = text.replace("INTERVAL=2;", "INTERVAL=2;BYDAY=2TU");
            assert_eq!(rule(&text, "2026-01-13").unwrap().text(), DEFAULT);
        }
    }

    #[test]
    fn until_and_count_end_the_series() {
        let ending = |end| gives(&format!("{DEFAULT};{end}"), "2026-01-13", "2030-01-01");
        assert_eq!(
            ending("UNTIL=20260512"),
            days("2026-01-13 2026-03-10 2026-05-12")
        );
        assert_eq!(ending("UNTIL=20260310T095959Z"), days("2026-01-13"));
        assert_eq!(ending("COUNT=2"), days("2026-01-13 2026-03-10"));
    }

    /// Rule text (first meeting Tuesday 13 January 2026) => the message.
    const ERRORS: &str = "
         => Enter how the meetings repeat
        FREQ=SECONDLY => Meetings can repeat weekly, monthly or yearly
        FREQ=MINUTELY => Meetings can repeat weekly, monthly or yearly
        freq=hourly => Meetings can repeat weekly, monthly or yearly
        FREQ=DAILY;COUNT=3 => Meetings can repeat weekly, monthly or yearly
        FREQ=MONTHLY;BYHOUR=10 => Leave the time out of the rule: set it in Start time
        FREQ=WEEKLY;BYMINUTE=0 => Leave the time out of the rule: set it in Start time
        FREQ=WEEKLY;BYSECOND=0 => Leave the time out of the rule: set it in Start time
        DTSTART:20260113T100000 => Leave the time out of the rule: set it in Start time
        FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30 => The rule gives no dates
        FREQ=MONTHLY;BYDAY=2TU;UNTIL=20251231 => The first date must be one the rule gives, and the rule gives no date after it
        FREQ=MONTHLY;INTERVAL=2;BYDAY=2WE => The first date must be one the rule gives: the next one is Wednesday 14 January 2026
        FREQ=MONTHLY;BYDAY=2XX => The rule could not be read: “2XX” is not a day: use MO, TU, WE, TH, FR, SA or SU, e.g. 2TU or -1TU
        FREQ=MONTHLY;BYDAY=6TU => The rule could not be read: BYDAY cannot be 6
        FREQ=MONTHLY;INTERVAL=TWO => The rule could not be read: INTERVAL and COUNT are whole numbers, not “TWO”
        FREQ=MONTHLY;UNTIL=2027 => The rule could not be read: “2027” is not a date: write UNTIL as year, month, day, e.g. 20271231
        FREQ=MONTHLY;COLOUR=RED => The rule could not be read: “COLOUR” is not part of a rule
        MONTHLY => The rule could not be read: “MONTHLY” is not NAME=VALUE
        BYDAY=2TU => The rule could not be read: say how often, e.g. FREQ=MONTHLY
        FREQ=WEEKLY;BYMONTHDAY=1 => The rule could not be read: BYMONTHDAY cannot be used with FREQ=WEEKLY
        FREQ=MONTHLY;EXDATE:20260310 => The rule could not be read: enter only the repeat rule";

    #[test]
    fn errors_say_what_is_wrong() {
        for (text, message) in ERRORS
            .trim_start_matches('\n')
            .lines()
            .map(|l| l.split_once(" => ").unwrap())
        {
            assert_eq!(rule(text, "2026-01-13").unwrap_err(), message, "{text}");
        }
        let pasted = "DTSTART;TZID=Europe/London:20260113T100000\nRRULE:FREQ=MONTHLY";
        assert_eq!(rule(pasted, "2026-01-13").unwrap_err(), LEAVE_TIME_OUT);
        let next =
            "The first date must be one the rule gives: the next one is Tuesday 10 March 2026";
        assert_eq!(rule(DEFAULT, "2026-01-14").unwrap_err(), next);
        let ended = rule("FREQ=MONTHLY;BYDAY=2TU;UNTIL=20260201", "2026-01-14");
        assert_eq!(ended.unwrap_err(), NO_DATE_AFTER);
    }

    /// Rule text => its description.
    const DESCRIPTIONS: &str = "
        FREQ=MONTHLY;INTERVAL=2;BYDAY=2TU => Every 2 months on the second Tuesday
        FREQ=MONTHLY;INTERVAL=2;BYDAY=-1TU => Every 2 months on the last Tuesday
        FREQ=MONTHLY;BYDAY=2TU => Every month on the second Tuesday
        FREQ=MONTHLY;INTERVAL=2;BYDAY=2WE => Every 2 months on the second Wednesday
        FREQ=MONTHLY;INTERVAL=2;BYDAY=1TH => Every 2 months on the first Thursday
        FREQ=MONTHLY;INTERVAL=3;BYDAY=2TU => Every 3 months on the second Tuesday
        rrule:freq=weekly;byday=tu,th => Every week on Tuesday and Thursday
        FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE,FR => Every 2 weeks on Monday, Wednesday and Friday
        FREQ=MONTHLY;BYDAY=5TU;COUNT=4 => Every month on the fifth Tuesday, 4 times
        FREQ=MONTHLY;BYMONTHDAY=-1 => Every month on the last day
        FREQ=MONTHLY;BYMONTHDAY=1,22,13 => Every month on the 1st, the 22nd and the 13th
        FREQ=YEARLY;UNTIL=20301231T235959Z => Every year, until 31 December 2030
        FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU => FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU
        FREQ=MONTHLY;BYDAY=-2TU => FREQ=MONTHLY;BYDAY=-2TU
        FREQ=YEARLY;BYDAY=2TU => FREQ=YEARLY;BYDAY=2TU
        FREQ=YEARLY;BYDAY=TU => Every year on every Tuesday
        FREQ=DAILY => FREQ=DAILY";

    #[test]
    fn descriptions_cover_the_presets() {
        let table: Vec<_> = DESCRIPTIONS
            .trim()
            .lines()
            .map(|l| l.trim().split_once(" => ").unwrap())
            .collect();
        assert!(
            PRESETS
                .iter()
                .all(|(text, _)| table.iter().any(|(t, _)| t == text))
        );
        for (text, description) in table {
            assert_eq!(describe(text), description);
        }
    }

    /// The dates a "FREQ=MONTHLY;INTERVAL=n;BYDAY=kDD" preset gives, worked out without rrule.
    fn oracle(text: &str, first: NaiveDate, from: NaiveDate, until: NaiveDate) -> Vec<NaiveDate> {
        let value = |key| text.split(';').find_map(|part| part.strip_prefix(key));
        let interval = value("INTERVAL=").map_or(1, |n| n.parse().unwrap());
        let NWeekday::Nth(nth, weekday) = value("BYDAY=").unwrap().parse().unwrap() else {
            panic!()
        };
        let in_month = |month: i32| {
            let month_days = (1..=31)
                .filter_map(|d| NaiveDate::from_ymd_opt(month / 12, month as u32 % 12 + 1, d));
            let matching: Vec<_> = month_days.filter(|d| d.weekday() == weekday).collect();
            matching
                .get(if nth < 0 {
                    matching.len() - 1
                } else {
                    nth as usize - 1
                })
                .copied()
        };
        let month = |d: NaiveDate| d.year() * 12 + d.month0() as i32;
        let dates = (month(first)..=month(until))
            .step_by(interval)
            .filter_map(in_month);
        dates.filter(|d| (from..=until).contains(d)).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]
        #[test]
        fn presets_give_what_they_say(
            preset in 0..PRESETS.len(),
            near in 0..(21 * 365_i64),
            from in 0..(3 * 366_i64),
            span in 0..(4 * 366_i64),
            kept in proptest::collection::vec(any::<bool>(), 40),
        ) {
            let text = PRESETS[preset].0;
            let near = day("2020-01-01") + TimeDelta::days(near);
            let first = oracle(text, near, near, near + TimeDelta::days(100))[0];
            if near != first {
                let offered = Rule::parse(text, near, ten(), LONDON).unwrap_err();
                prop_assert!(offered.ends_with(&first.format("%A %-d %B %Y").to_string()));
            }
            let rule = Rule::parse(text, first, ten(), LONDON).unwrap();
            let from = first + TimeDelta::days(from);
            let until = from + TimeDelta::days(span);
            let dates = rule.dates(from, until);

            prop_assert!(dates.iter().all(|d| (from..=until).contains(d)));
            prop_assert!(dates.windows(2).all(|w| w[0] < w[1]));
            prop_assert_eq!(&dates, &oracle(text, first, from, until));

            let have: BTreeSet<_> = dates.iter().zip(&kept).filter(|(_, k)| **k).map(|(d, _)| *d).collect();
            let mut rebuilt = rule.missing(&have, from, until);
            rebuilt.extend(have.iter().filter(|d| (from..=until).contains(*d)));
            rebuilt.sort();
            prop_assert_eq!(&rebuilt, &dates);

            for d in dates {
                prop_assert!([9, 10].contains(&instant(d, ten(), LONDON).hour()));
            }
        }
    }
}
