//! Earlier versions of edited records. A version is kept as the fields a reader sees, by
//! label, so any of them can be shown again however the tables change later; comparing two
//! versions gives the audit log's field-by-field changes.

use super::audit::FieldChange;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One field of a record as a person reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    pub label: String,
    pub value: String,
    /// Names and contact details of people: the audit log says they changed, not to what.
    #[serde(default)]
    pub personal: bool,
}

impl Field {
    pub fn plain(label: &str, value: impl Into<String>) -> Self {
        Self {
            label: label.to_owned(),
            value: value.into(),
            personal: false,
        }
    }

    pub fn personal(label: &str, value: impl Into<String>) -> Self {
        Self {
            personal: true,
            ..Self::plain(label, value)
        }
    }
}

/// "Yes" or "No", as a field shows a flag.
pub fn yes_no(flag: bool) -> &'static str {
    if flag { "Yes" } else { "No" }
}

/// What changed from `before` to `after`, field by field in `after`'s order (a field only one
/// side has counts as emptied or filled in).
pub fn changes(before: &[Field], after: &[Field]) -> Vec<FieldChange> {
    let value = |fields: &[Field], label: &str| {
        fields
            .iter()
            .find(|f| f.label == label)
            .map(|f| f.value.clone())
            .filter(|v| !v.is_empty())
    };
    let labels = after.iter().chain(
        before
            .iter()
            .filter(|b| after.iter().all(|a| a.label != b.label)),
    );
    labels
        .filter_map(|field| {
            let (old, new) = (value(before, &field.label), value(after, &field.label));
            (old != new).then(|| {
                if field.personal {
                    FieldChange::personal(&field.label, old.as_deref(), new.as_deref())
                } else {
                    FieldChange::plain(&field.label, old.as_deref(), new.as_deref())
                }
            })
        })
        .collect()
}

/// An earlier version of a record: what it held until `replaced_at`, when `replaced_by`
/// saved the next one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    pub number: i32,
    pub replaced_at: DateTime<Utc>,
    pub replaced_by: Option<String>,
    pub fields: Vec<Field>,
    /// Labels of the fields the next version changed.
    pub changed: Vec<String>,
}

/// A record's history: how it reads now, and its earlier versions, newest first.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct History {
    pub title: String,
    /// Where the record itself is shown.
    pub href: String,
    pub current: Vec<Field>,
    pub versions: Vec<Version>,
}

impl History {
    /// Builds the history from the current fields and the kept versions (newest first),
    /// marking in each version what the one after it changed.
    pub fn new(
        title: String,
        href: String,
        current: Vec<Field>,
        mut versions: Vec<Version>,
    ) -> Self {
        for i in 0..versions.len() {
            let next = if i == 0 {
                &current
            } else {
                &versions[i - 1].fields
            };
            let changed = changes(&versions[i].fields, next)
                .into_iter()
                .map(|c| c.field)
                .collect();
            versions[i].changed = changed;
        }
        Self {
            title,
            href,
            current,
            versions,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::audit::MASKED;
    use proptest::prelude::*;

    #[test]
    fn changed_fields_are_listed_and_personal_ones_masked() {
        let before = [
            Field::personal("Name", "Ann"),
            Field::plain("Job title", "Nurse"),
            Field::plain("Base", ""),
        ];
        let after = [
            Field::personal("Name", "Anne"),
            Field::plain("Job title", "Nurse"),
            Field::plain("Base", "Clevedon"),
        ];
        let changes = changes(&before, &after);
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0].field, "Name");
        assert_eq!(changes[0].new.as_deref(), Some(MASKED));
        assert_eq!(
            changes[1],
            FieldChange::plain("Base", None, Some("Clevedon"))
        );
    }

    #[test]
    fn a_field_only_one_version_has_counts_as_emptied() {
        let changes = changes(&[Field::plain("Cost", "Free")], &[]);
        assert_eq!(changes, [FieldChange::plain("Cost", Some("Free"), None)]);
    }

    fn version(number: i32, fields: Vec<Field>) -> Version {
        Version {
            number,
            replaced_at: Utc::now(),
            replaced_by: None,
            fields,
            changed: vec![],
        }
    }

    #[test]
    fn each_version_is_marked_with_what_the_next_changed() {
        let history = History::new(
            "CAMHS".into(),
            "/services/1".into(),
            vec![Field::plain("Name", "CAMHS"), Field::plain("Cost", "Free")],
            vec![
                version(
                    2,
                    vec![Field::plain("Name", "CAMHS"), Field::plain("Cost", "")],
                ),
                version(
                    1,
                    vec![Field::plain("Name", "Camhs"), Field::plain("Cost", "")],
                ),
            ],
        );
        assert_eq!(history.versions[0].changed, ["Cost"]);
        assert_eq!(history.versions[1].changed, ["Name"]);
    }

    proptest! {
        #[test]
        fn a_record_compared_with_itself_has_no_changes(
            values in proptest::collection::vec(".{0,12}", 0..8)
        ) {
            let fields: Vec<Field> = values
                .iter()
                .enumerate()
                .map(|(i, v)| Field::plain(&format!("f{i}"), v.clone()))
                .collect();
            prop_assert!(changes(&fields, &fields).is_empty());
        }
    }
}
