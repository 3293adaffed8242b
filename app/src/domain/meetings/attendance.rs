//! Attendance: what a coordinator records for each person invited to a meeting, and the
//! figures `/meetings/attendance` compares, per member and per staff group, with the
//! geometry of the bar chart that shows them.

use serde::{Deserialize, Serialize};

/// What happened to one invited person at one meeting.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Attendance {
    Present,
    Online,
    /// A colleague came in their place.
    Deputy,
    Apologies,
    Absent,
}

impl Attendance {
    pub const ALL: [Attendance; 5] = [
        Attendance::Present,
        Attendance::Online,
        Attendance::Deputy,
        Attendance::Apologies,
        Attendance::Absent,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Attendance::Present => "present",
            Attendance::Online => "online",
            Attendance::Deputy => "deputy",
            Attendance::Apologies => "apologies",
            Attendance::Absent => "absent",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Attendance::Present => "Present",
            Attendance::Online => "Present online",
            Attendance::Deputy => "Deputy sent",
            Attendance::Apologies => "Apologies",
            Attendance::Absent => "Absent",
        }
    }

    /// Whether their team was there: in person, online, or through a deputy.
    pub fn attended(self) -> bool {
        matches!(
            self,
            Attendance::Present | Attendance::Online | Attendance::Deputy
        )
    }
}

/// Someone a meeting expects: a member (by account) or one of its guests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Who {
    Member(i32),
    Guest(i32),
}

impl Who {
    /// As the attendance form names them: `m12`, `g3`.
    pub fn key(self) -> String {
        match self {
            Who::Member(id) => format!("m{id}"),
            Who::Guest(id) => format!("g{id}"),
        }
    }

    pub fn parse(key: &str) -> Option<Self> {
        let (kind, id) = key.split_at_checked(1)?;
        let id = id.parse().ok()?;
        match kind {
            "m" => Some(Who::Member(id)),
            "g" => Some(Who::Guest(id)),
            _ => None,
        }
    }
}

/// One person on the coordinator's attendance form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceRow {
    pub who: Who,
    pub name: String,
    /// The guest's organisation; `None` for a member.
    pub guest_of: Option<String>,
    pub answer: Option<super::Answer>,
    pub attendance: Option<Attendance>,
}

/// Reads the attendance form's marks, each `{who}:{attendance}` (an empty attendance leaves
/// the person unrecorded). `known` are the people the meeting expects; anyone else, or a word
/// that is no attendance, is refused.
pub fn read_marks(
    marks: &[String],
    known: &[Who],
) -> Result<Vec<(Who, Option<Attendance>)>, String> {
    let refused = || "Choose what happened for each person from the list".to_owned();
    marks
        .iter()
        .map(|mark| {
            let (who, word) = mark.split_once(':').ok_or_else(refused)?;
            let who = Who::parse(who)
                .filter(|w| known.contains(w))
                .ok_or_else(refused)?;
            match word {
                "" => Ok((who, None)),
                word => Attendance::parse(word)
                    .map(|a| (who, Some(a)))
                    .ok_or_else(refused),
            }
        })
        .collect()
}

/// How often one member, or the members of one staff group, came.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub label: String,
    /// The staff group of a member (empty for a group's own tally).
    pub group: String,
    /// Meetings with their attendance recorded.
    pub recorded: u32,
    pub present: u32,
    pub online: u32,
    pub deputy: u32,
    pub apologies: u32,
    pub absent: u32,
}

impl Tally {
    pub fn add(&mut self, attendance: Attendance) {
        self.recorded += 1;
        *match attendance {
            Attendance::Present => &mut self.present,
            Attendance::Online => &mut self.online,
            Attendance::Deputy => &mut self.deputy,
            Attendance::Apologies => &mut self.apologies,
            Attendance::Absent => &mut self.absent,
        } += 1;
    }

    pub fn attended(&self) -> u32 {
        self.present + self.online + self.deputy
    }

    /// Attended as a whole percentage of the meetings recorded (0 when none were).
    pub fn percent(&self) -> u32 {
        (self.attended() * 100)
            .checked_div(self.recorded)
            .unwrap_or_default()
    }
}

/// `/meetings/attendance`: the last 12 months.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceReport {
    pub since: chrono::NaiveDate,
    /// Meetings held in that time with their attendance recorded.
    pub meetings: u32,
    pub groups: Vec<Tally>,
    pub members: Vec<Tally>,
}

/// One bar of a horizontal bar chart, in the chart's own units: its label above it, its
/// figure after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub percent: u32,
    /// Top of the bar's row.
    pub y: u32,
    /// Length of the bar: `percent` of the chart's bar space.
    pub length: u32,
}

pub const CHART_WIDTH: u32 = 600;
pub const ROW_HEIGHT: u32 = 48;
/// Room at the right for the figure after a full bar.
pub const FIGURE_ROOM: u32 = 56;

pub fn bars(tallies: &[Tally]) -> Vec<Bar> {
    let space = CHART_WIDTH - FIGURE_ROOM;
    tallies
        .iter()
        .zip(0..)
        .map(|(tally, row)| Bar {
            label: tally.label.clone(),
            percent: tally.percent(),
            y: row * ROW_HEIGHT,
            length: space * tally.percent().min(100) / 100,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_deputy_or_online_counts_as_attended_and_apologies_do_not() {
        let mut tally = Tally::default();
        for a in [
            Attendance::Present,
            Attendance::Online,
            Attendance::Deputy,
            Attendance::Apologies,
        ] {
            tally.add(a);
        }
        assert_eq!(
            (tally.attended(), tally.recorded, tally.percent()),
            (3, 4, 75)
        );
        assert_eq!(Tally::default().percent(), 0);
    }

    #[test]
    fn marks_are_read_for_known_people_only() {
        let known = [Who::Member(3), Who::Member(4), Who::Guest(5)];
        let marks = [
            "m3:present".to_owned(),
            "m4:".to_owned(),
            "g5:deputy".to_owned(),
        ];
        assert_eq!(
            read_marks(&marks, &known).unwrap(),
            [
                (Who::Member(3), Some(Attendance::Present)),
                (Who::Member(4), None),
                (Who::Guest(5), Some(Attendance::Deputy))
            ]
        );
        for bad in [
            "m9:present",
            "g3:present",
            "m3:late",
            "present",
            "x3:present",
            "m:present",
        ] {
            assert!(read_marks(&[bad.to_owned()], &known).is_err(), "{bad}");
        }
        for who in known {
            assert_eq!(Who::parse(&who.key()), Some(who));
        }
    }

    proptest! {
        #[test]
        fn bars_stay_in_their_space_and_follow_the_figures(
            counts in proptest::collection::vec((0u32..30, 0u32..30), 0..40)
        ) {
            let tallies: Vec<Tally> = counts
                .iter()
                .map(|&(present, absent)| Tally { present, absent, recorded: present + absent, ..Tally::default() })
                .collect();
            let bars = bars(&tallies);
            prop_assert_eq!(bars.len(), tallies.len());
            for (bar, tally) in bars.iter().zip(&tallies) {
                prop_assert!(bar.percent <= 100);
                prop_assert!(bar.length + FIGURE_ROOM <= CHART_WIDTH);
                prop_assert_eq!(bar.percent, tally.percent());
            }
            for pair in bars.windows(2) {
                prop_assert_eq!(pair[1].y, pair[0].y + ROW_HEIGHT);
            }
        }
    }
}
