//! Checks for the free-text, phone, web address and date fields that profiles and the bank
//! share. Each returns the cleaned value or a message written for the person filling in the
//! form, naming the field as its label does.

use crate::error::FieldError;
use chrono::{Datelike, NaiveDate};

/// Collects the messages of one form, so every bad field is reported at once.
#[derive(Debug, Default)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    pub fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError {
            field: field.to_owned(),
            message: message.into(),
        });
    }

    /// The value, or `T::default()` after noting the message (the form fails anyway).
    pub fn take<T: Default>(&mut self, field: &str, checked: Result<T, String>) -> T {
        checked.unwrap_or_else(|message| {
            self.add(field, message);
            T::default()
        })
    }

    pub fn into_result<T>(self, value: T) -> Result<T, Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(value)
        } else {
            Err(self.0)
        }
    }
}

/// One line of text: trimmed, at most `max` characters, no control characters. `label` is
/// how the message names the field ("Job title").
pub fn line(raw: &str, label: &str, max: usize, required: bool) -> Result<String, String> {
    let value = raw.trim();
    if value.is_empty() && required {
        return Err(format!("Enter {}", with_article(label)));
    }
    if value.chars().any(char::is_control) {
        return Err(format!("{label} must be one line of text"));
    }
    if value.chars().count() > max {
        return Err(format!("{label} must be {max} characters or fewer"));
    }
    Ok(value.to_owned())
}

/// Text that may run over several lines (line breaks kept, written as `\n`).
pub fn paragraphs(raw: &str, label: &str, max: usize, required: bool) -> Result<String, String> {
    let value = raw.trim().replace("\r\n", "\n");
    if value.is_empty() && required {
        return Err(format!("Enter {}", with_article(label)));
    }
    if value
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(format!("{label} must not contain control characters"));
    }
    if value.chars().count() > max {
        return Err(format!("{label} must be {max} characters or fewer"));
    }
    Ok(value)
}

/// "a job title", "an email address": GOV.UK's "Enter a …" messages.
fn with_article(label: &str) -> String {
    let lower = label.to_lowercase();
    let article = if lower.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {lower}")
}

/// A UK phone number as people write it: digits with spaces, brackets, hyphens, and an
/// optional leading +. Empty is allowed. Kept as written.
pub fn phone(raw: &str) -> Result<String, String> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(String::new());
    }
    let digits = value.chars().filter(char::is_ascii_digit).count();
    let allowed = value
        .char_indices()
        .all(|(i, c)| c.is_ascii_digit() || " ()-".contains(c) || (c == '+' && i == 0));
    if !allowed || !(10..=15).contains(&digits) {
        return Err("Enter a phone number, like 01632 960 001 or +44 7700 900 982".into());
    }
    Ok(value.to_owned())
}

/// An https or http address. Empty is allowed.
pub fn web_address(raw: &str, label: &str) -> Result<String, String> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(String::new());
    }
    let message = || format!("{label} must be a web address starting https://");
    if value.chars().count() > 300 {
        return Err(format!("{label} must be 300 characters or fewer"));
    }
    match url::Url::parse(value) {
        Ok(url) if matches!(url.scheme(), "https" | "http") && url.host().is_some() => {
            Ok(url.to_string())
        }
        _ => Err(message()),
    }
}

/// A date as `YYYY-MM-DD` (what a date input sends), not after `latest`. Empty is allowed.
pub fn past_date(raw: &str, label: &str, latest: NaiveDate) -> Result<Option<NaiveDate>, String> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let date = NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .map_err(|_| format!("{label} must be a real date, like 2024-03-27"))?;
    if date > latest {
        return Err(format!("{label} must be today or in the past"));
    }
    if date.year() < 1950 {
        return Err(format!("{label} must be after 1950"));
    }
    Ok(Some(date))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn lines_are_trimmed_limited_and_single() {
        assert_eq!(
            line("  Social worker ", "Job title", 20, true).unwrap(),
            "Social worker"
        );
        assert_eq!(
            line(" ", "Job title", 20, true).unwrap_err(),
            "Enter a job title"
        );
        assert_eq!(
            line("", "Email address", 20, true).unwrap_err(),
            "Enter an email address"
        );
        assert_eq!(line("", "Base", 20, false).unwrap(), "");
        assert_eq!(
            line("a\nb", "Base", 20, false).unwrap_err(),
            "Base must be one line of text"
        );
        assert_eq!(
            line(&"x".repeat(21), "Base", 20, false).unwrap_err(),
            "Base must be 20 characters or fewer"
        );
    }

    #[test]
    fn phone_numbers_as_people_write_them() {
        for good in ["01632 960 001", "+44 7700 900982", "(01632) 960-001", ""] {
            assert!(phone(good).is_ok(), "{good}");
        }
        for bad in ["call me", "12345", "01632 960 001 ext 4", "44+ 7700 900982"] {
            assert!(phone(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn web_addresses_need_a_scheme_and_host() {
        assert_eq!(
            web_address("https://example.org/refer", "Referral form").unwrap(),
            "https://example.org/refer"
        );
        for bad in [
            "example.org",
            "javascript:alert(1)",
            "ftp://example.org",
            "https://",
        ] {
            assert_eq!(
                web_address(bad, "Referral form").unwrap_err(),
                "Referral form must be a web address starting https://",
                "{bad}"
            );
        }
    }

    #[test]
    fn dates_are_real_and_not_in_the_future() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert_eq!(
            past_date("2024-03-27", "Champion since", today).unwrap(),
            NaiveDate::from_ymd_opt(2024, 3, 27)
        );
        assert_eq!(past_date("", "Champion since", today).unwrap(), None);
        assert_eq!(
            past_date("2024-02-30", "Champion since", today).unwrap_err(),
            "Champion since must be a real date, like 2024-03-27"
        );
        assert_eq!(
            past_date("2026-11-23", "Champion since", today).unwrap_err(),
            "Champion since must be today or in the past"
        );
    }

    proptest! {
        #[test]
        fn a_line_that_passes_fits_its_limit(raw in "\\PC{0,40}", max in 1usize..30) {
            if let Ok(value) = line(&raw, "Base", max, false) {
                prop_assert!(value.chars().count() <= max);
                prop_assert_eq!(value.trim(), value.as_str());
            }
        }

        #[test]
        fn a_phone_that_passes_has_ten_to_fifteen_digits(raw in "[0-9 +()a-z-]{0,24}") {
            if let Ok(value) = phone(&raw) {
                let digits = value.chars().filter(char::is_ascii_digit).count();
                prop_assert!(value.is_empty() || (10..=15).contains(&digits));
            }
        }
    }
}
