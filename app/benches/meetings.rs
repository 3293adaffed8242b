//! `make bench` (.ci/bench): the meetings' pure work, in-process: generating ten years of a
//! series from its rule, and writing one invitation's calendar object. Prints
//! "dates_p50_us dates_p99_us invitation_p50_us invitation_p99_us".

use app::domain::meetings::{
    DEFAULT_RULE,
    ics::{self, Event, Method, Person},
    recurrence::Rule,
};
use chrono::{Months, NaiveDate, NaiveTime, Utc};
use std::{
    hint::black_box,
    time::{Duration, Instant},
};

const SAMPLES: usize = 2_000;

fn percentile(samples: &mut [Duration], p: f64) -> f64 {
    samples.sort();
    let index = ((samples.len() as f64 * p).ceil() as usize).clamp(1, samples.len()) - 1;
    samples[index].as_secs_f64() * 1e6
}

fn timed(mut work: impl FnMut()) -> Vec<Duration> {
    for _ in 0..SAMPLES / 10 {
        work(); // warm-up
    }
    (0..SAMPLES)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect()
}

fn main() {
    let first = NaiveDate::from_ymd_opt(2027, 1, 12).expect("a date");
    let ten = NaiveTime::from_hms_opt(10, 0, 0).expect("a time");
    let zone = chrono_tz::Europe::London;
    let rule = Rule::parse(DEFAULT_RULE, first, ten, zone).expect("the default rule");
    let until = first + Months::new(120);
    let mut dates = timed(|| {
        let made = rule.dates(black_box(first), black_box(until));
        assert_eq!(made.len(), 60, "a meeting every two months for ten years");
        black_box(made);
    });

    let description = "Standing items; lessons from case reviews; a day in the life of a \
                       CAMHS practitioner; information exchange; any other business.";
    let event = Event {
        uid: "3bee9c13-30c0-466f-94cb-2f894a4965db@champions-network",
        sequence: 2,
        stamp: Utc::now(),
        start: first.and_time(ten),
        end: first.and_hms_opt(12, 0, 0).expect("a time"),
        zone,
        summary: "Think Family champions' network, with the CAMHS team",
        description,
        location: Some("Committee Room 2, Civic Centre; entrance B, by the library"),
        online_link: Some("https://teams.example.org/l/meetup-join/think-family-champions"),
        page: Some("https://champions.example.org/meetings/42"),
        cancelled: false,
        organizer: Person {
            name: "Champions Network",
            email: "champions@example.org",
        },
        attendee: Some(Person {
            name: "Amira Khan",
            email: "amira.khan@example.org",
        }),
    };
    let mut invitations = timed(|| {
        black_box(ics::calendar(
            Method::Request,
            std::slice::from_ref(black_box(&event)),
        ));
    });
    println!(
        "{:.1} {:.1} {:.1} {:.1}",
        percentile(&mut dates, 0.5),
        percentile(&mut dates, 0.99),
        percentile(&mut invitations, 0.5),
        percentile(&mut invitations, 0.99)
    );
}
