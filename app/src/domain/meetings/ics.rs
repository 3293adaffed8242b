//! iCalendar (RFC 5545) text for meeting invitations, written by hand: the `icalendar` crate puts
//! a DTSTAMP and a random UID into every component, VTIMEZONE included, and cannot write a proper
//! VTIMEZONE, which mail clients then mistrust. Output depends only on the input, so an update can
//! be resent byte for byte and tests can compare whole texts.

use std::fmt::Write as _;

use chrono::{DateTime, NaiveDateTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Request,
    Cancel,
    Publish,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
            Method::Publish => "PUBLISH",
        }
    }
}

#[derive(Clone, Copy, Debug)]
pub struct Person<'a> {
    pub name: &'a str,
    pub email: &'a str,
}

#[derive(Clone, Debug)]
pub struct Event<'a> {
    /// Never changes for a meeting, so clients update the copy they hold.
    pub uid: &'a str,
    /// Raised by every change of time, place or status; clients ignore anything not newer.
    pub sequence: u32,
    pub stamp: DateTime<Utc>,
    /// Local wall-clock times in `zone`.
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
    pub zone: Tz,
    pub summary: &'a str,
    pub description: &'a str,
    pub location: Option<&'a str>,
    /// Written as URL and repeated in DESCRIPTION, since many clients show only the latter.
    pub online_link: Option<&'a str>,
    /// The meeting's page in the app, appended to DESCRIPTION.
    pub page: Option<&'a str>,
    pub cancelled: bool,
    pub organizer: Person<'a>,
    /// The one recipient of this invitation.
    pub attendee: Option<Person<'a>>,
}

/// Octets per physical line before the CRLF (RFC 5545 §3.1).
const LINE_LIMIT: usize = 75;

const EUROPE_LONDON: &[&str] = &[
    "TZID:Europe/London",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0000",
    "TZOFFSETTO:+0100",
    "TZNAME:BST",
    "DTSTART:19810329T010000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0000",
    "TZNAME:GMT",
    "DTSTART:19961027T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
];

/// The body of a VTIMEZONE for zones whose rules we spell out. Other zones get UTC times instead,
/// which every client reads correctly, rather than a TZID some clients could not resolve.
fn vtimezone(zone: Tz) -> Option<&'static [&'static str]> {
    match zone {
        Tz::Europe__London => Some(EUROPE_LONDON),
        _ => None,
    }
}

/// One VCALENDAR holding the events (one VEVENT each) and one VTIMEZONE per distinct zone used.
pub fn calendar(method: Method, events: &[Event]) -> String {
    let texts: usize = events
        .iter()
        .map(|e| e.summary.len() + e.description.len() + e.location.map_or(0, str::len))
        .sum();
    let mut out = Out {
        text: String::with_capacity(1024 + 700 * events.len() + 2 * texts),
        col: 0,
    };
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line("PRODID:-//Champions Network//Meetings//EN");
    out.line("CALSCALE:GREGORIAN");
    out.raw("METHOD:");
    out.line(method.as_str());
    for (i, event) in events.iter().enumerate() {
        if events[..i].iter().any(|earlier| earlier.zone == event.zone) {
            continue;
        }
        if let Some(body) = vtimezone(event.zone) {
            out.line("BEGIN:VTIMEZONE");
            body.iter().for_each(|line| out.line(line));
            out.line("END:VTIMEZONE");
        }
    }
    for event in events {
        write_event(&mut out, event);
    }
    out.line("END:VCALENDAR");
    out.text
}

fn write_event(out: &mut Out, e: &Event) {
    out.line("BEGIN:VEVENT");
    out.text_property("UID:", e.uid);
    out.raw("SEQUENCE:");
    out.formatted(format_args!("{}", e.sequence));
    out.end();
    out.raw("DTSTAMP:");
    out.time(e.stamp.naive_utc(), true);
    out.end();
    let with_zone = vtimezone(e.zone).is_some();
    for (name, local) in [("DTSTART", e.start), ("DTEND", e.end)] {
        out.raw(name);
        if with_zone {
            out.raw(";TZID=");
            out.raw(e.zone.name());
            out.raw(":");
            out.time(local, false);
        } else {
            out.raw(":");
            out.time(to_utc(e.zone, local), true);
        }
        out.end();
    }
    out.text_property("SUMMARY:", e.summary);
    out.raw("DESCRIPTION:");
    out.text(e.description);
    let mut empty = e.description.is_empty();
    for (label, link) in [("Join online: ", e.online_link), ("Meeting page: ", e.page)] {
        if let Some(link) = link {
            if !empty {
                out.text("\n\n");
            }
            out.text(label);
            out.text(link);
            empty = false;
        }
    }
    out.end();
    if let Some(location) = e.location {
        out.text_property("LOCATION:", location);
    }
    if let Some(link) = e.online_link {
        out.raw("URL:");
        out.plain(link, "%22");
        out.end();
    }
    out.line(if e.cancelled {
        "STATUS:CANCELLED"
    } else {
        "STATUS:CONFIRMED"
    });
    out.person("ORGANIZER", e.organizer, "");
    if let Some(attendee) = e.attendee {
        out.person(
            "ATTENDEE",
            attendee,
            ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE",
        );
    }
    out.line("END:VEVENT");
}

/// RFC 5545 §3.3.5: a time in a spring-forward gap takes the offset from before the gap (landing
/// just after it, 02:30 becoming 03:30); an ambiguous time means its first occurrence.
fn to_utc(zone: Tz, local: NaiveDateTime) -> NaiveDateTime {
    match zone.from_local_datetime(&local).earliest() {
        Some(time) => time.naive_utc(),
        None => {
            // Transitions are months apart, so a day earlier is still before the gap.
            let before = zone.offset_from_utc_datetime(&(local - TimeDelta::days(1)));
            local - TimeDelta::seconds(before.fix().local_minus_utc().into())
        }
    }
}

/// RFC 5545 §3.3.11 TEXT escaping (backslash, semicolon, comma, newline as \n). CRLF and lone CR
/// become \n first; other control characters except tab are not allowed in TEXT and are dropped.
pub fn escape_text(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + text.len() / 8);
    escape_pieces(text, |piece| escaped.push_str(piece));
    escaped
}

/// Hands over escaped text in pieces that must not be split by folding: one character or one
/// escape pair, so a client that unescapes before unfolding still reads it right.
fn escape_pieces(text: &str, mut emit: impl FnMut(&str)) {
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => emit("\\\\"),
            ';' => emit("\\;"),
            ',' => emit("\\,"),
            '\n' => emit("\\n"),
            '\r' => {
                chars.next_if(|&(_, next)| next == '\n');
                emit("\\n");
            }
            '\t' => emit("\t"),
            c if c.is_control() => {}
            c => emit(&text[i..i + c.len_utf8()]),
        }
    }
}

/// The text being built, with the octets on its current physical line, so lines fold as written.
struct Out {
    text: String,
    col: usize,
}

impl Out {
    /// Appends a piece that stays on one physical line, folding before it if it would not fit.
    fn piece(&mut self, piece: &str) {
        if self.col + piece.len() > LINE_LIMIT {
            self.text.push_str("\r\n ");
            self.col = 1;
        }
        self.text.push_str(piece);
        self.col += piece.len();
    }

    /// Appends text needing no escaping, folding only between characters.
    fn raw(&mut self, s: &str) {
        if self.col + s.len() <= LINE_LIMIT {
            self.text.push_str(s);
            self.col += s.len();
        } else {
            s.char_indices()
                .for_each(|(i, c)| self.piece(&s[i..i + c.len_utf8()]));
        }
    }

    fn text(&mut self, s: &str) {
        escape_pieces(s, |piece| self.piece(piece));
    }

    fn text_property(&mut self, name: &str, value: &str) {
        self.raw(name);
        self.text(value);
        self.end();
    }

    /// Unescaped characters (URIs, parameter values): a control character would break the line
    /// structure and is dropped; DQUOTE is allowed in neither, so it becomes `dquote`.
    fn plain(&mut self, s: &str, dquote: &str) {
        for (i, c) in s.char_indices().filter(|(_, c)| !c.is_control()) {
            self.piece(if c == '"' {
                dquote
            } else {
                &s[i..i + c.len_utf8()]
            });
        }
    }

    /// A parameter value cannot be escaped, so it is quoted when it holds `:` `;` or `,`.
    fn param(&mut self, s: &str) {
        let quote = if s.contains([':', ';', ',']) {
            "\""
        } else {
            ""
        };
        self.piece(quote);
        self.plain(s, "'");
        self.piece(quote);
    }

    fn person(&mut self, property: &str, person: Person, params: &str) {
        self.raw(property);
        if !person.name.trim().is_empty() {
            self.raw(";CN=");
            self.param(person.name);
        }
        self.raw(params);
        self.raw(":mailto:");
        self.plain(person.email, "%22");
        self.end();
    }

    /// Appends a short ASCII value (a number or a time) as one piece.
    fn formatted(&mut self, args: std::fmt::Arguments) {
        let start = self.text.len();
        // Writing into a String cannot fail.
        let _ = self.text.write_fmt(args);
        let len = self.text.len() - start;
        if self.col + len > LINE_LIMIT {
            self.text.insert_str(start, "\r\n ");
            self.col = 1;
        }
        self.col += len;
    }

    fn time(&mut self, t: NaiveDateTime, utc: bool) {
        let zulu = if utc { "Z" } else { "" };
        self.formatted(format_args!("{}{zulu}", t.format("%Y%m%dT%H%M%S")));
    }

    fn end(&mut self) {
        self.text.push_str("\r\n");
        self.col = 0;
    }

    fn line(&mut self, s: &str) {
        self.raw(s);
        self.end();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;
    use icalendar::parser::{Component, read_calendar, unfold};
    use proptest::prelude::*;

    fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
        date.and_hms_opt(h, min, 0).unwrap()
    }

    fn person(name: &'static str, email: &'static str) -> Person<'static> {
        Person { name, email }
    }

    fn sample() -> Event<'static> {
        Event {
            uid: "meeting-42@champions.example",
            sequence: 1,
            stamp: at(2026, 12, 1, 9, 30).and_utc(),
            start: at(2026, 1, 13, 10, 0),
            end: at(2026, 1, 13, 11, 30),
            zone: Tz::Europe__London,
            summary: "Quarterly review",
            description: "Agenda:\nbudget, plans",
            location: Some("Room 1; Town Hall"),
            online_link: Some("https://teams.example/meet/1"),
            page: Some("https://app.example/m/42"),
            cancelled: false,
            organizer: person("Ann Organiser", "ann@example.org"),
            attendee: Some(person("Bob \"B\", Jr", "bob@example.org")),
        }
    }

    fn request(event: Event) -> String {
        calendar(Method::Request, &[event])
    }

    /// Physical lines without their CRLF, checking each has one, as bytes so a split character
    /// would show.
    fn physical_lines(text: &str) -> Vec<&[u8]> {
        let lines = text.as_bytes().split_inclusive(|&b| b == b'\n');
        lines
            .map(|line| line.strip_suffix(b"\r\n").expect("line ends in CRLF"))
            .collect()
    }

    #[test]
    fn writes_a_request() {
        let head = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//Champions Network//Meetings//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:REQUEST",
            "BEGIN:VTIMEZONE",
        ];
        let event = [
            "END:VTIMEZONE",
            "BEGIN:VEVENT",
            "UID:meeting-42@champions.example",
            "SEQUENCE:1",
            "DTSTAMP:20261201T093000Z",
            "DTSTART;TZID=Europe/London:20260113T100000",
            "DTEND;TZID=Europe/London:20260113T113000",
            "SUMMARY:Quarterly review",
            "DESCRIPTION:Agenda:\\nbudget\\, plans\\n\\nJoin online: https://teams.example/m",
            " eet/1\\n\\nMeeting page: https://app.example/m/42",
            "LOCATION:Room 1\\; Town Hall",
            "URL:https://teams.example/meet/1",
            "STATUS:CONFIRMED",
            "ORGANIZER;CN=Ann Organiser:mailto:ann@example.org",
            "ATTENDEE;CN=\"Bob 'B', Jr\";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=T",
            " RUE:mailto:bob@example.org",
            "END:VEVENT",
            "END:VCALENDAR",
        ];
        let lines = head.iter().chain(EUROPE_LONDON).chain(&event);
        let expected: String = lines.map(|line| format!("{line}\r\n")).collect();
        assert_eq!(request(sample()), expected);
    }

    #[test]
    fn cancel_says_so() {
        let event = Event {
            cancelled: true,
            ..sample()
        };
        let text = calendar(Method::Cancel, &[event]);
        assert!(text.contains("\r\nMETHOD:CANCEL\r\n"));
        assert!(text.contains("\r\nSTATUS:CANCELLED\r\n"));
    }

    #[test]
    fn one_vtimezone_per_zone_and_crlf_everywhere() {
        let text = calendar(Method::Publish, &[sample(), sample()]);
        assert_eq!(text.matches("BEGIN:VTIMEZONE").count(), 1);
        assert_eq!(text.matches("BEGIN:VEVENT").count(), 2);
        assert!(text.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
        assert_eq!(text.matches('\r').count(), text.matches("\r\n").count());
        physical_lines(&text);
    }

    #[test]
    fn folds_long_lines_between_characters() {
        let summary = "Réunion 🎉 annuelle, ".repeat(12);
        let text = request(Event {
            summary: &summary,
            ..sample()
        });
        for line in physical_lines(&text) {
            assert!(line.len() <= LINE_LIMIT, "{} octets", line.len());
            assert!(std::str::from_utf8(line).is_ok());
        }
        let wanted = format!("\r\nSUMMARY:{}\r\n", escape_text(&summary));
        assert!(text.replace("\r\n ", "").contains(&wanted));
    }

    #[test]
    fn escapes_text() {
        assert_eq!(escape_text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        assert_eq!(escape_text("x\r\ny\rz\u{7}"), "x\\ny\\nz");
    }

    #[test]
    fn quotes_names_only_when_needed() {
        let organizer = person("Dr: \"Ann\"\n", "a@x.org");
        let attendee = Some(person("Plain Name", "b@x.org"));
        let text = request(Event {
            organizer,
            attendee,
            ..sample()
        });
        assert!(text.contains("\r\nORGANIZER;CN=\"Dr: 'Ann'\":mailto:a@x.org\r\n"));
        assert!(text.contains("\r\nATTENDEE;CN=Plain Name;ROLE="));
    }

    #[test]
    fn zone_without_table_entry_writes_utc() {
        let zone = Tz::America__New_York;
        let text = request(Event { zone, ..sample() });
        assert!(!text.contains("VTIMEZONE") && !text.contains("TZID"));
        assert!(text.contains("\r\nDTSTART:20260113T150000Z\r\nDTEND:20260113T163000Z\r\n"));
        // 02:30 does not exist on 8 March 2026; 01:30 on 1 November happens twice.
        assert_eq!(to_utc(zone, at(2026, 3, 8, 2, 30)), at(2026, 3, 8, 7, 30));
        assert_eq!(to_utc(zone, at(2026, 11, 1, 1, 30)), at(2026, 11, 1, 5, 30));
    }

    fn value<'c>(component: &'c Component, name: &str) -> &'c icalendar::parser::Property<'c> {
        let mut properties = component.properties.iter();
        properties.find(|p| p.name.as_str() == name).unwrap()
    }

    fn normalised(text: &str) -> String {
        text.replace("\r\n", "\n").replace('\r', "\n")
    }

    const AWKWARD: &str = "[a-zA-Z0-9 é€🎉,;:\\\\\"'\r\n\t]{0,120}";

    proptest! {
        #[test]
        fn lines_stay_within_limits(
            summary in any::<String>(),
            location in any::<String>(),
            description in any::<String>(),
        ) {
            let location = Some(location.as_str());
            let text = request(Event { summary: &summary, location, description: &description, ..sample() });
            prop_assert!(text.ends_with("\r\n"));
            for line in physical_lines(&text) {
                prop_assert!(line.len() <= LINE_LIMIT);
                prop_assert!(std::str::from_utf8(line).is_ok());
            }
        }

        /// Read back by the `icalendar` crate's parser, which unfolds and unescapes on its own.
        #[test]
        fn an_independent_parser_reads_it_back(
            summary in AWKWARD,
            location in AWKWARD,
            description in AWKWARD,
            sequence in 0u32..1000,
        ) {
            let location_value = Some(location.as_str());
            let event = Event { summary: &summary, location: location_value, description: &description, sequence, ..sample() };
            let unfolded = unfold(&request(event));
            let parsed = read_calendar(&unfolded).unwrap();
            let method = parsed.properties.iter().find(|p| p.name.as_str() == "METHOD").unwrap();
            prop_assert_eq!(method.val.as_str(), "REQUEST");
            let vevent = parsed.components.iter().find(|c| c.name.as_str() == "VEVENT").unwrap();
            let text = |name| value(vevent, name).val.as_str().to_owned();
            prop_assert_eq!(text("SUMMARY"), normalised(&summary));
            prop_assert_eq!(text("LOCATION"), normalised(&location));
            prop_assert!(text("DESCRIPTION").starts_with(&normalised(&description)));
            prop_assert_eq!(text("UID"), "meeting-42@champions.example");
            prop_assert_eq!(text("SEQUENCE"), sequence.to_string());
            let tzid = value(vevent, "DTSTART").params.iter().find(|p| p.key.as_str() == "TZID");
            prop_assert_eq!(tzid.and_then(|p| p.val.as_ref()).map(|v| v.as_str()), Some("Europe/London"));
        }
    }
}
