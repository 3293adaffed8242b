//! Importing people and services from CSV: what a checked file looks like to the coordinator
//! before they confirm it. A file imports whole or not at all.

use serde::{Deserialize, Serialize};

/// The largest file accepted, and how the limit is named to people.
pub const MAX_IMPORT_BYTES: usize = 1024 * 1024;
pub const MAX_IMPORT_SIZE: &str = "1 MB";
pub const MAX_IMPORT_ROWS: usize = 5000;
/// A checked file waits this long for its import to be confirmed.
pub const KEEP_UPLOAD_HOURS: i64 = 24;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportKind {
    People,
    Services,
    Glossary,
}

impl ImportKind {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "people" => Some(Self::People),
            "services" => Some(Self::Services),
            "glossary" => Some(Self::Glossary),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::People => "people",
            Self::Services => "services",
            Self::Glossary => "glossary",
        }
    }

    /// The file's columns, in the order an export writes them. An import needs the same
    /// header (any order): a missing column would blank a field without anyone noticing.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Self::People => &[
                "name",
                "pronouns",
                "job_title",
                "team",
                "organisation",
                "work_email",
                "phone",
                "base",
                "ask_me_about",
                "champion_since",
                "supporting_manager",
                "offers_shadowing",
                "shadowing_note",
                "availability",
            ],
            Self::Services => &[
                "name",
                "team",
                "organisation",
                "status",
                "published",
                "description",
                "who_for",
                "minimum_age",
                "maximum_age",
                "referral_route",
                "referral_form_url",
                "phone",
                "email",
                "url",
                "opening_hours",
                "locations",
                "cost",
                "legal_basis",
            ],
            Self::Glossary => &[
                "term",
                "expansion",
                "context",
                "definition",
                "aliases",
                "see_also",
                "source_url",
                "status",
            ],
        }
    }
}

/// What importing one row would do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RowAction {
    Add,
    Update,
}

/// One row of the file as checked: its line in the file (the header is line 1), who or what
/// it is, and either what importing it would do or what is wrong with it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowCheck {
    pub line: usize,
    pub label: String,
    pub action: Option<RowAction>,
    pub problems: Vec<String>,
}

/// An uploaded file, checked and waiting to be imported.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportPreview {
    pub id: i32,
    pub kind: ImportKind,
    pub file_name: String,
    /// Wrong with the file as a whole (its header, its encoding): no row is checked then.
    pub file_problem: Option<String>,
    pub rows: Vec<RowCheck>,
}

impl ImportPreview {
    /// Every row can be imported.
    pub fn ready(&self) -> bool {
        self.file_problem.is_none()
            && !self.rows.is_empty()
            && self.rows.iter().all(|r| r.problems.is_empty())
    }

    /// How many rows would be added and updated, and how many have problems.
    pub fn counts(&self) -> (usize, usize, usize) {
        let count = |f: &dyn Fn(&RowCheck) -> bool| self.rows.iter().filter(|r| f(r)).count();
        (
            count(&|r| r.problems.is_empty() && r.action == Some(RowAction::Add)),
            count(&|r| r.problems.is_empty() && r.action == Some(RowAction::Update)),
            count(&|r| !r.problems.is_empty()),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(line: usize, action: Option<RowAction>, problems: &[&str]) -> RowCheck {
        RowCheck {
            line,
            label: format!("row {line}"),
            action,
            problems: problems.iter().map(|p| p.to_string()).collect(),
        }
    }

    #[test]
    fn a_file_is_ready_only_when_every_row_is() {
        let mut preview = ImportPreview {
            id: 1,
            kind: ImportKind::People,
            file_name: "people.csv".into(),
            file_problem: None,
            rows: vec![
                row(2, Some(RowAction::Add), &[]),
                row(3, Some(RowAction::Update), &[]),
            ],
        };
        assert!(preview.ready());
        assert_eq!(preview.counts(), (1, 1, 0));
        preview
            .rows
            .push(row(4, None, &["work_email: Enter a work email address"]));
        assert!(!preview.ready());
        assert_eq!(preview.counts(), (1, 1, 1));
        preview.rows.clear();
        assert!(!preview.ready(), "an empty file imports nothing");
    }

    #[test]
    fn kinds_round_trip_and_their_columns_are_distinct() {
        for kind in [
            ImportKind::People,
            ImportKind::Services,
            ImportKind::Glossary,
        ] {
            assert_eq!(ImportKind::parse(kind.as_str()), Some(kind));
            let mut columns = kind.columns().to_vec();
            columns.sort();
            columns.dedup();
            assert_eq!(columns.len(), kind.columns().len());
        }
    }
}
