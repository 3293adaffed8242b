//! Agendas: the items of one meeting in order with their start times, the proposals waiting
//! for a coordinator, the item form, and what an uploaded paper may be.

use super::attendance::Who;
use crate::{domain::fields, error::FieldError};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

/// More items than any meeting gets through; an agenda of more is refused.
pub const MAX_ITEMS: usize = 100;
/// The longest one item may be given.
pub const MAX_MINUTES: u32 = 180;
pub const MINUTES_HINT: &str = "A whole number from 1 to 180";
/// The largest paper that may be uploaded, and how the form says it.
pub const MAX_PAPER_BYTES: usize = 10 * 1024 * 1024;
pub const MAX_PAPER_SIZE: &str = "10 MB";
/// Days before a meeting its proposals close unless `AGENDA_PROPOSAL_DAYS` says otherwise.
pub const DEFAULT_PROPOSAL_DAYS: u32 = 10;

/// How many days before a meeting champions may still propose items (a setting, put in each
/// request's context).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ProposalDays(pub u32);

/// What an item is for, as the group's terms of reference list its business.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemKind {
    Standing,
    CaseReviewLessons,
    DayInTheLife,
    CaseDiscussion,
    InformationExchange,
    UnmetNeed,
    ProtocolReview,
    EscalationsUpdate,
    AnyOtherBusiness,
}

impl ItemKind {
    pub const ALL: [ItemKind; 9] = [
        ItemKind::Standing,
        ItemKind::CaseReviewLessons,
        ItemKind::DayInTheLife,
        ItemKind::CaseDiscussion,
        ItemKind::InformationExchange,
        ItemKind::UnmetNeed,
        ItemKind::ProtocolReview,
        ItemKind::EscalationsUpdate,
        ItemKind::AnyOtherBusiness,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Standing => "standing",
            ItemKind::CaseReviewLessons => "case-review-lessons",
            ItemKind::DayInTheLife => "day-in-the-life",
            ItemKind::CaseDiscussion => "case-discussion",
            ItemKind::InformationExchange => "information-exchange",
            ItemKind::UnmetNeed => "unmet-need",
            ItemKind::ProtocolReview => "protocol-review",
            ItemKind::EscalationsUpdate => "escalations-update",
            ItemKind::AnyOtherBusiness => "any-other-business",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            ItemKind::Standing => "Standing item",
            ItemKind::CaseReviewLessons => "Lessons from case reviews",
            ItemKind::DayInTheLife => "A day in the life of",
            ItemKind::CaseDiscussion => "Anonymised case discussion or peer review",
            ItemKind::InformationExchange => {
                "Information exchange: resources, law, eligibility thresholds, practice developments"
            }
            ItemKind::UnmetNeed => "Unmet need",
            ItemKind::ProtocolReview => "Implementation review of the joint protocol",
            ItemKind::EscalationsUpdate => "Escalations update",
            ItemKind::AnyOtherBusiness => "Any other business",
        }
    }
}

/// Where an item is: waiting for a coordinator, on the agenda, or turned down.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ItemStatus {
    Proposed,
    Accepted,
    Declined,
}

impl ItemStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemStatus::Proposed => "proposed",
            ItemStatus::Accepted => "accepted",
            ItemStatus::Declined => "declined",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Proposed, Self::Accepted, Self::Declined]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// A paper for an item: a web link, or a file uploaded to the service.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paper {
    pub id: i32,
    pub title: String,
    /// The link; `None` for a file, which is at `/api/paper?id=…`.
    pub url: Option<String>,
    /// A file's size in bytes.
    pub size: Option<u64>,
}

impl Paper {
    pub fn href(&self) -> String {
        self.url
            .clone()
            .unwrap_or_else(|| format!("/api/paper?id={}", self.id))
    }

    /// "(PDF, 1.2 MB)" for a file, nothing for a link.
    pub fn note(&self) -> String {
        let Some(size) = self.size else {
            return String::new();
        };
        let size = if size >= 1024 * 1024 {
            format!("{:.1} MB", size as f64 / (1024.0 * 1024.0))
        } else {
            format!("{} KB", size.div_ceil(1024))
        };
        format!(" (file, {size})")
    }
}

/// One item as the agenda shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgendaItem {
    pub id: i32,
    pub title: String,
    pub kind: ItemKind,
    /// The job role of the bank a "day in the life of" is about: (id, title).
    pub job_role: Option<(i32, String)>,
    pub presenter: Option<Who>,
    pub presenter_name: Option<String>,
    pub minutes: u32,
    /// When it begins if the items before it keep to their time.
    pub starts: NaiveTime,
    pub papers: Vec<Paper>,
    /// Whether it came from the series' standing items.
    pub standing: bool,
}

/// A champion's proposal, waiting or turned down.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Proposal {
    pub item: AgendaItem,
    pub status: ItemStatus,
    pub reason: String,
    pub proposer: String,
    pub decline_reason: String,
}

/// A meeting's agenda, as the reader may see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agenda {
    pub items: Vec<AgendaItem>,
    pub total_minutes: u32,
    /// How many minutes the items run past the meeting's end, if they do.
    pub overrun: Option<u32>,
    /// Coordinators: every proposal, waiting or declined. A champion: their own.
    pub proposals: Vec<Proposal>,
    /// The last day champions may propose items.
    pub deadline: NaiveDate,
    pub may_propose: bool,
    pub sent_at: Option<DateTime<Utc>>,
    /// For the item forms: presenters (`m12`/`g3`, name) and job roles (id, title).
    pub presenters: Vec<(String, String)>,
    pub job_roles: Vec<(String, String)>,
}

/// One item's own page: for coordinators to accept, decline or edit it, and for adding papers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemView {
    pub meeting: super::MeetingSummary,
    pub item: AgendaItem,
    pub status: ItemStatus,
    pub reason: String,
    pub proposer: String,
    pub decline_reason: String,
    pub may_edit: bool,
    /// Coordinators, and the proposer while the proposal waits.
    pub may_add_papers: bool,
    pub presenters: Vec<(String, String)>,
    pub job_roles: Vec<(String, String)>,
}

/// Start times for items of `minutes` one after another from `start`; the total; and how far
/// past `end` they run, if they do.
pub fn timetable(
    start: NaiveTime,
    end: NaiveTime,
    minutes: &[u32],
) -> (Vec<NaiveTime>, u32, Option<u32>) {
    let mut at = start;
    let starts = minutes
        .iter()
        .map(|&m| {
            let begins = at;
            at = at
                .overflowing_add_signed(chrono::Duration::minutes(m.into()))
                .0;
            begins
        })
        .collect();
    let total: u32 = minutes.iter().sum();
    let room = u32::try_from((end - start).num_minutes()).unwrap_or_default();
    (
        starts,
        total,
        total.checked_sub(room).filter(|&over| over > 0),
    )
}

/// An item as typed: added by a coordinator, proposed by a champion, or a proposal as a
/// coordinator accepts it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemForm {
    #[serde(default)]
    pub item_title: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub job_role: String,
    /// `m12` (a member's account) or `g3` (a guest), or empty for nobody yet.
    #[serde(default)]
    pub presenter: String,
    #[serde(default)]
    pub minutes: String,
    #[serde(default)]
    pub reason: String,
    /// `yes`: also a standing item of the series, copied into each later agenda.
    #[serde(default)]
    pub standing: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidItem {
    pub title: String,
    pub kind: ItemKind,
    pub job_role: Option<i32>,
    pub presenter: Option<Who>,
    pub minutes: u32,
    pub reason: String,
    pub standing: bool,
}

impl ItemForm {
    pub fn from_item(item: &AgendaItem, reason: &str) -> Self {
        Self {
            item_title: item.title.clone(),
            kind: item.kind.as_str().into(),
            job_role: item
                .job_role
                .as_ref()
                .map(|(id, _)| id.to_string())
                .unwrap_or_default(),
            presenter: item.presenter.map(Who::key).unwrap_or_default(),
            minutes: item.minutes.to_string(),
            reason: reason.into(),
            standing: String::new(),
        }
    }

    /// `presenters` are the meeting's members and guests; `job_roles` the bank's. A proposal
    /// needs its reason.
    pub fn validate(
        &self,
        presenters: &[Who],
        job_roles: &[i32],
        proposing: bool,
    ) -> Result<ValidItem, Vec<FieldError>> {
        let mut problems = fields::Problems::default();
        let title = problems.take(
            "item_title",
            fields::line(&self.item_title, "Title", 150, true),
        );
        let kind = ItemKind::parse(self.kind.trim());
        if kind.is_none() {
            problems.add("kind", "Choose what kind of item it is");
        }
        let job_role = match self.job_role.trim() {
            "" if kind == Some(ItemKind::DayInTheLife) => {
                problems.add(
                    "job_role",
                    "Choose the job role the day in the life is about",
                );
                None
            }
            "" => None,
            raw => match raw.parse::<i32>() {
                Ok(id) if job_roles.contains(&id) => Some(id),
                _ => {
                    problems.add("job_role", "Choose a job role from the list");
                    None
                }
            },
        }
        .filter(|_| kind == Some(ItemKind::DayInTheLife));
        let presenter = match self.presenter.trim() {
            "" => None,
            raw => match Who::parse(raw) {
                Some(who) if presenters.contains(&who) => Some(who),
                _ => {
                    problems.add(
                        "presenter",
                        "Choose a presenter from the meeting's members and guests",
                    );
                    None
                }
            },
        };
        let minutes = match self.minutes.trim().parse::<u32>() {
            Ok(m) if (1..=MAX_MINUTES).contains(&m) => m,
            _ => {
                problems.add(
                    "minutes",
                    format!("Enter the minutes it needs, a whole number from 1 to {MAX_MINUTES}"),
                );
                0
            }
        };
        let reason = problems.take(
            "reason",
            fields::paragraphs(&self.reason, "Reason", 1000, proposing),
        );
        problems.into_result(()).map(|()| ValidItem {
            title,
            kind: kind.expect("checked"),
            job_role,
            presenter,
            minutes,
            reason,
            standing: self.standing == "yes",
        })
    }
}

/// The file types a paper may be, by the name's ending: (ending, what people call it, the
/// type it is served as).
#[cfg(feature = "ssr")]
const PAPER_TYPES: [(&str, &str, &str); 4] = [
    ("pdf", "PDF", "application/pdf"),
    ("doc", "Word", "application/msword"),
    (
        "docx",
        "Word",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    (
        "odt",
        "OpenDocument text",
        "application/vnd.oasis.opendocument.text",
    ),
];

/// What the list of allowed types says on the form.
pub const PAPER_ACCEPT: &str = ".pdf,.doc,.docx,.odt";

/// The type a paper is served as, if its bytes are what its name says (a PDF named `.pdf`,
/// a Word or OpenDocument file named for its kind); otherwise why not.
#[cfg(feature = "ssr")]
pub fn paper_type(file_name: &str, bytes: &[u8]) -> Result<&'static str, String> {
    let ending = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let Some(&(_, called, content_type)) = PAPER_TYPES.iter().find(|(e, ..)| *e == ending) else {
        return Err(
            "The paper must be a PDF, Word (.doc or .docx) or OpenDocument (.odt) file".into(),
        );
    };
    let is = match ending.as_str() {
        "pdf" => infer::archive::is_pdf(bytes),
        "doc" => infer::doc::is_doc(bytes),
        "docx" => infer::doc::is_docx(bytes),
        _ => infer::odf::is_odt(bytes),
    };
    if is {
        Ok(content_type)
    } else {
        Err(format!(
            "The file is named as a {called} file but is not one: choose the file again, or save it as {called}"
        ))
    }
}

/// A name a download may carry: the uploaded name's last part, without characters that
/// break headers or paths.
pub fn download_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or_default();
    let clean: String = base
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | ';'))
        .take(120)
        .collect();
    let clean = clean.trim().to_owned();
    if clean.is_empty() || clean.starts_with('.') {
        format!("paper{clean}")
    } else {
        clean
    }
}

/// A paper's title: `title`, or for a file without one, its name.
pub fn paper_title(raw: &str, fallback: &str) -> Result<String, String> {
    let title = fields::line(raw, "Title", 150, false)?;
    Ok(if title.is_empty() {
        fallback.to_owned()
    } else {
        title
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn time(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap()
    }

    #[test]
    fn items_start_one_after_another_and_an_overrun_is_counted() {
        let (starts, total, over) = timetable(time(10, 0), time(12, 0), &[10, 45, 30]);
        assert_eq!(starts, vec![time(10, 0), time(10, 10), time(10, 55)]);
        assert_eq!((total, over), (85, None));
        let (_, total, over) = timetable(time(10, 0), time(12, 0), &[60, 45, 30]);
        assert_eq!((total, over), (135, Some(15)));
        let (_, _, over) = timetable(time(10, 0), time(12, 0), &[60, 60]);
        assert_eq!(over, None, "filling the meeting exactly is no overrun");
    }

    proptest! {
        #[test]
        fn each_item_starts_when_the_one_before_ends(minutes in proptest::collection::vec(1u32..=MAX_MINUTES, 0..20)) {
            let (start, end) = (time(9, 30), time(12, 0));
            let (starts, total, over) = timetable(start, end, &minutes);
            prop_assert_eq!(starts.len(), minutes.len());
            prop_assert_eq!(total, minutes.iter().sum::<u32>());
            for (i, at) in starts.iter().enumerate() {
                let before: u32 = minutes[..i].iter().sum();
                let expected = start.overflowing_add_signed(chrono::Duration::minutes(before.into())).0;
                prop_assert_eq!(*at, expected);
            }
            prop_assert_eq!(over.is_some(), total > 150);
            prop_assert_eq!(over.unwrap_or_default(), total.saturating_sub(150));
        }
    }

    fn form(presenter: &str, minutes: &str) -> ItemForm {
        ItemForm {
            item_title: "Young carers' assessments".into(),
            kind: "information-exchange".into(),
            presenter: presenter.into(),
            minutes: minutes.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_presenter_must_be_a_member_or_guest_of_the_meeting() {
        let known = [Who::Member(4), Who::Guest(2)];
        assert_eq!(
            form("g2", "20")
                .validate(&known, &[], false)
                .unwrap()
                .presenter,
            Some(Who::Guest(2))
        );
        for bad in ["m5", "g9", "x1", "4"] {
            let problems = form(bad, "20").validate(&known, &[], false).unwrap_err();
            assert_eq!(problems[0].field, "presenter", "{bad}");
        }
    }

    #[test]
    fn minutes_must_be_a_whole_number_within_reach() {
        for bad in ["0", "181", "ten", "", "-5"] {
            let problems = form("", bad).validate(&[], &[], false).unwrap_err();
            assert_eq!(problems[0].field, "minutes", "{bad}");
        }
    }

    #[test]
    fn a_proposal_says_why_and_a_day_in_the_life_names_its_role() {
        let problems = form("", "20").validate(&[], &[], true).unwrap_err();
        assert_eq!(problems[0].field, "reason");
        let day = ItemForm {
            kind: "day-in-the-life".into(),
            ..form("", "20")
        };
        assert_eq!(
            day.validate(&[], &[7], false).unwrap_err()[0].field,
            "job_role"
        );
        let day = ItemForm {
            job_role: "7".into(),
            ..day
        };
        assert_eq!(day.validate(&[], &[7], false).unwrap().job_role, Some(7));
        // A role given with another kind of item is dropped, not kept unseen.
        let other = ItemForm {
            job_role: "7".into(),
            ..form("", "20")
        };
        assert_eq!(other.validate(&[], &[7], false).unwrap().job_role, None);
    }

    #[test]
    fn a_paper_must_be_what_its_name_says() {
        let pdf = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n";
        assert_eq!(paper_type("Minutes.PDF", pdf), Ok("application/pdf"));
        assert!(
            paper_type("minutes.docx", pdf)
                .unwrap_err()
                .contains("Word")
        );
        assert!(
            paper_type("minutes.pdf", b"<html>not a pdf</html>")
                .unwrap_err()
                .contains("PDF")
        );
        assert!(
            paper_type("minutes.exe", pdf)
                .unwrap_err()
                .contains("must be a PDF")
        );
        assert!(paper_type("minutes", pdf).is_err());
    }

    #[test]
    fn a_download_name_keeps_only_the_file_name() {
        assert_eq!(
            download_name("C:\\Users\\me\\Protocol v2.pdf"),
            "Protocol v2.pdf"
        );
        assert_eq!(download_name("../../etc/\"x\";.pdf"), "x.pdf");
        assert_eq!(download_name(".pdf"), "paper.pdf");
    }
}
