//! What the audit log records: who did what to which record, and which fields changed.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    SignIn,
    SignInFailed,
    SignOut,
    Invite,
    RoleChange,
    Create,
    Update,
    Delete,
}

impl Action {
    pub const ALL: [Action; 8] = [
        Action::SignIn,
        Action::SignInFailed,
        Action::SignOut,
        Action::Invite,
        Action::RoleChange,
        Action::Create,
        Action::Update,
        Action::Delete,
    ];

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Action::SignIn => "Signed in",
            Action::SignInFailed => "Sign-in failed",
            Action::SignOut => "Signed out",
            Action::Invite => "Invited",
            Action::RoleChange => "Role changed",
            Action::Create => "Created",
            Action::Update => "Updated",
            Action::Delete => "Deleted",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Action::SignIn => "sign_in",
            Action::SignInFailed => "sign_in_failed",
            Action::SignOut => "sign_out",
            Action::Invite => "invite",
            Action::RoleChange => "role_change",
            Action::Create => "create",
            Action::Update => "update",
            Action::Delete => "delete",
        }
    }
}

/// Shown instead of personal data: the log says a field changed, not what it held.
pub const MASKED: &str = "(personal data)";

/// One changed field, old → new (`None`: the field had, or now has, no value).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

impl FieldChange {
    pub fn plain(field: &str, old: Option<&str>, new: Option<&str>) -> Self {
        Self {
            field: field.to_owned(),
            old: old.map(str::to_owned),
            new: new.map(str::to_owned),
        }
    }

    /// A field holding personal data (a name, an email address, a phone number).
    pub fn personal(field: &str, old: Option<&str>, new: Option<&str>) -> Self {
        let mask = |v: Option<&str>| v.map(|_| MASKED.to_owned());
        Self {
            field: field.to_owned(),
            old: mask(old),
            new: mask(new),
        }
    }
}

/// One line of the audit log as coordinators read it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub id: i32,
    pub occurred_at: DateTime<Utc>,
    /// The actor's name, or `None` for someone not signed in or the command line.
    pub actor: Option<String>,
    pub action: Action,
    pub record: Option<String>,
    pub changes: Vec<FieldChange>,
}

impl AuditEntry {
    /// The changes in one line: `role: staff → champion; name: (personal data) → …`.
    pub fn changes_line(&self) -> String {
        let side = |v: &Option<String>| v.clone().unwrap_or_else(|| "(none)".into());
        self.changes
            .iter()
            .map(|c| format!("{}: {} → {}", c.field, side(&c.old), side(&c.new)))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Which entries to show: all of them when empty. Dates are whole UTC days, both included.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub action: Option<Action>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl AuditFilter {
    /// Reads the filter form. A blank field means "any"; a bad date is a message for its field.
    pub fn parse(action: &str, from: &str, to: &str) -> Result<Self, Vec<(&'static str, String)>> {
        let mut problems = Vec::new();
        let action = match action.trim() {
            "" => None,
            other => Action::parse(other).or_else(|| {
                problems.push(("action", "Choose an action from the list".to_owned()));
                None
            }),
        };
        let mut date = |field: &'static str, raw: &str| match raw.trim() {
            "" => None,
            raw => NaiveDate::parse_from_str(raw, "%Y-%m-%d").ok().or_else(|| {
                problems.push((
                    field,
                    "Enter a real date, for example 2026-11-22".to_owned(),
                ));
                None
            }),
        };
        let (from, to) = (date("from", from), date("to", to));
        if let (Some(from), Some(to)) = (from, to)
            && to < from
        {
            problems.push((
                "to",
                "The end date must be the same as or after the start date".to_owned(),
            ));
        }
        if problems.is_empty() {
            Ok(Self { action, from, to })
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_fields_keep_only_whether_they_had_a_value() {
        let change = FieldChange::personal("email", None, Some("jo@example.org"));
        assert_eq!(change.old, None);
        assert_eq!(change.new.as_deref(), Some(MASKED));
        let serialised = serde_json::to_string(&change).unwrap();
        assert!(!serialised.contains("jo@"), "{serialised}");
    }

    #[test]
    fn a_filter_reads_blank_as_any_and_explains_bad_dates_by_field() {
        assert_eq!(AuditFilter::parse("", " ", ""), Ok(AuditFilter::default()));
        let f = AuditFilter::parse("role_change", "2026-11-01", "2026-11-22").unwrap();
        assert_eq!(f.action, Some(Action::RoleChange));
        assert_eq!(f.to, NaiveDate::from_ymd_opt(2026, 11, 22));
        let bad = AuditFilter::parse("nonsense", "2026-13-01", "").unwrap_err();
        let fields: Vec<_> = bad.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, ["action", "from"]);
        let reversed = AuditFilter::parse("", "2026-11-22", "2026-11-01").unwrap_err();
        assert_eq!(reversed[0].0, "to");
    }

    #[test]
    fn every_action_parses_back_from_its_stored_word() {
        for action in Action::ALL {
            assert_eq!(Action::parse(action.as_str()), Some(action));
        }
    }

    #[test]
    fn plain_fields_keep_their_values() {
        let change = FieldChange::plain("role", Some("staff"), Some("champion"));
        assert_eq!(
            (change.old.as_deref(), change.new.as_deref()),
            (Some("staff"), Some("champion"))
        );
    }
}
