//! What the audit log records: who did what to which record, and which fields changed.

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
    fn plain_fields_keep_their_values() {
        let change = FieldChange::plain("role", Some("staff"), Some("champion"));
        assert_eq!(
            (change.old.as_deref(), change.new.as_deref()),
            (Some("staff"), Some("champion"))
        );
    }
}
