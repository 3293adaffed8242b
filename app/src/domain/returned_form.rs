//! A form that came back with a problem: which server function refused it, why, and what the
//! person had typed, so the page can show the messages beside the fields and put the typed
//! values back in them (GOV.UK: keep everything the person entered, except passwords).
//!
//! The server keeps it for the browser that sent the form and gives it to the next page that
//! browser opens; nothing of it ever travels in the address.

use crate::error::AppError;
use serde::{Deserialize, Serialize};

/// At most this much of what was typed is kept (names and values together). Larger forms
/// keep the fields that fit, in order; a field is kept whole or not at all.
pub const MAX_KEPT_BYTES: usize = 64 * 1024;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReturnedForm {
    /// The path of the server function the form was sent to.
    pub action: String,
    pub error: AppError,
    /// Field by field, in the order sent; a name may come more than once (checkboxes).
    values: Vec<(String, String)>,
}

impl ReturnedForm {
    /// What comes back of a form sent to `action` with `fields`: everything but passwords,
    /// up to `MAX_KEPT_BYTES`.
    pub fn new(
        action: impl Into<String>,
        error: AppError,
        fields: impl IntoIterator<Item = (String, String)>,
    ) -> Self {
        let mut kept = 0;
        let values = fields
            .into_iter()
            .filter(|(name, _)| !is_secret(name))
            .filter(|(name, value)| {
                let size = name.len() + value.len();
                let fits = kept + size <= MAX_KEPT_BYTES;
                if fits {
                    kept += size;
                }
                fits
            })
            .collect();
        Self {
            action: action.into(),
            error,
            values,
        }
    }

    /// What was typed in the field `name` (empty if it was sent empty or not at all, as an
    /// unticked checkbox is not).
    pub fn value(&self, name: &str) -> &str {
        self.values
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, v)| v)
    }

    /// Whether `name` was sent with `value`: a ticked checkbox or a chosen radio button.
    pub fn has(&self, name: &str, value: &str) -> bool {
        self.values.iter().any(|(n, v)| n == name && v == value)
    }

    pub fn values(&self) -> &[(String, String)] {
        &self.values
    }
}

/// A field whose value is never kept or shown again: any whose name says it is a password.
pub fn is_secret(name: &str) -> bool {
    name.to_ascii_lowercase().contains("password")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(n, v)| (n.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn everything_but_passwords_comes_back_in_order() {
        let sent = fields(&[
            ("email", "sam@example.org"),
            ("password", "plum tractor lantern"),
            ("current_password", "x"),
            ("confirm_Password", "y"),
            ("tags", "a"),
            ("tags", "b"),
            ("note", ""),
        ]);
        let form = ReturnedForm::new("/api/sign_in", AppError::SignInFailed, sent);
        assert_eq!(
            form.values(),
            fields(&[
                ("email", "sam@example.org"),
                ("tags", "a"),
                ("tags", "b"),
                ("note", "")
            ])
        );
        assert_eq!(form.value("email"), "sam@example.org");
        assert_eq!(form.value("password"), "");
        assert_eq!(form.value("missing"), "");
        assert!(form.has("tags", "b") && !form.has("tags", "c"));
    }

    #[test]
    fn a_huge_form_keeps_its_first_fields_whole() {
        let big = "x".repeat(MAX_KEPT_BYTES / 2);
        let sent = fields(&[("a", &big), ("b", &big), ("c", "short")]);
        let form = ReturnedForm::new("/api/x", AppError::Internal, sent);
        assert_eq!(form.value("a"), big);
        assert_eq!(form.value("b"), "", "would pass the limit");
        assert_eq!(form.value("c"), "short", "still fits");
    }

    proptest! {
        #[test]
        fn no_password_is_ever_kept_and_the_limit_holds(
            sent in proptest::collection::vec(("[a-zA-Z_]{0,20}", "(?s).{0,3000}"), 0..60)
        ) {
            let form = ReturnedForm::new("/api/x", AppError::Internal, sent.clone());
            let kept: usize = form.values().iter().map(|(n, v)| n.len() + v.len()).sum();
            prop_assert!(kept <= MAX_KEPT_BYTES);
            prop_assert!(form.values().iter().all(|(n, _)| !is_secret(n)));
            // Nothing is made up or reordered: what is kept is a subsequence of what was sent.
            let mut rest = sent.iter();
            prop_assert!(form.values().iter().all(|kept| rest.any(|s| s == kept)));
        }
    }
}
