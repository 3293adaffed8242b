//! The names a deployment shows on every page. They come from settings, so they are checked
//! once at start-up and a bad one stops the server with a one-line reason.

use serde::{Deserialize, Serialize};

pub const DEFAULT_SERVICE_NAME: &str = "Champions Network";
pub const DEFAULT_ORGANISATION_NAME: &str = "Think Family Partnership";

/// Longest name the header and footer can show without wrapping badly.
pub const MAX_NAME_CHARS: usize = 80;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteInfo {
    service_name: String,
    organisation_name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SiteNameError {
    #[error("{0} must not be empty")]
    Empty(&'static str),
    #[error("{0} must be at most {MAX_NAME_CHARS} characters")]
    TooLong(&'static str),
    #[error("{0} must not contain control characters")]
    ControlCharacter(&'static str),
}

impl SiteInfo {
    pub fn new(service_name: &str, organisation_name: &str) -> Result<Self, SiteNameError> {
        Ok(Self {
            service_name: parse_name("SERVICE_NAME", service_name)?,
            organisation_name: parse_name("ORGANISATION_NAME", organisation_name)?,
        })
    }

    pub fn service_name(&self) -> &str {
        &self.service_name
    }

    pub fn organisation_name(&self) -> &str {
        &self.organisation_name
    }
}

impl Default for SiteInfo {
    fn default() -> Self {
        Self {
            service_name: DEFAULT_SERVICE_NAME.to_owned(),
            organisation_name: DEFAULT_ORGANISATION_NAME.to_owned(),
        }
    }
}

fn parse_name(setting: &'static str, raw: &str) -> Result<String, SiteNameError> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(SiteNameError::Empty(setting));
    }
    if name.chars().any(char::is_control) {
        return Err(SiteNameError::ControlCharacter(setting));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(SiteNameError::TooLong(setting));
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn trims_surrounding_space() {
        let site = SiteInfo::new("  Champions Network ", "North Somerset Council").unwrap();
        assert_eq!(site.service_name(), "Champions Network");
        assert_eq!(site.organisation_name(), "North Somerset Council");
    }

    #[test]
    fn rejects_blank_names_naming_the_setting() {
        assert_eq!(
            SiteInfo::new("   ", "Org"),
            Err(SiteNameError::Empty("SERVICE_NAME"))
        );
        assert_eq!(
            SiteInfo::new("Service", "").unwrap_err().to_string(),
            "ORGANISATION_NAME must not be empty"
        );
    }

    #[test]
    fn rejects_control_characters() {
        assert_eq!(
            SiteInfo::new("Champions\nNetwork", "Org"),
            Err(SiteNameError::ControlCharacter("SERVICE_NAME"))
        );
    }

    #[test]
    fn counts_characters_not_bytes() {
        let eighty_accented = "é".repeat(MAX_NAME_CHARS);
        assert!(SiteInfo::new(&eighty_accented, "Org").is_ok());
        assert_eq!(
            SiteInfo::new(&format!("{eighty_accented}é"), "Org"),
            Err(SiteNameError::TooLong("SERVICE_NAME"))
        );
    }

    proptest! {
        #[test]
        fn accepted_names_are_trimmed_nonempty_and_short(raw in "(?s).{0,100}") {
            match SiteInfo::new(&raw, "Org") {
                Ok(site) => {
                    let name = site.service_name();
                    prop_assert_eq!(name, raw.trim());
                    prop_assert!(!name.is_empty());
                    prop_assert!(name.chars().count() <= MAX_NAME_CHARS);
                }
                Err(SiteNameError::Empty(_)) => prop_assert!(raw.trim().is_empty()),
                Err(SiteNameError::TooLong(_)) => {
                    prop_assert!(raw.trim().chars().count() > MAX_NAME_CHARS)
                }
                Err(SiteNameError::ControlCharacter(_)) => {
                    prop_assert!(raw.chars().any(char::is_control))
                }
            }
        }
    }
}
