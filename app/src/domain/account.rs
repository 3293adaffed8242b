//! Who a user is to the service: their role, the state of their account, and the rules for
//! the email address and name they are known by.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What a signed-in person may do. Each role can do everything the one before it can, except
/// `Board`, which reads and answers escalations only.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Role {
    /// Reads everything published, suggests glossary terms.
    Staff,
    /// Also edits their own profile and the service and role bank, proposes agenda items
    /// and escalations.
    Champion,
    /// Everything, including users and roles.
    Coordinator,
    /// Reads and answers escalations addressed to the board.
    Board,
}

impl Role {
    pub const ALL: [Role; 4] = [Role::Staff, Role::Champion, Role::Coordinator, Role::Board];

    /// The word stored in the database and used on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Staff => "staff",
            Role::Champion => "champion",
            Role::Coordinator => "coordinator",
            Role::Board => "board",
        }
    }

    /// How the role is named to people.
    pub fn label(self) -> &'static str {
        match self {
            Role::Staff => "Staff",
            Role::Champion => "Champion",
            Role::Coordinator => "Coordinator",
            Role::Board => "Safeguarding board",
        }
    }

    /// Whether this role includes everything `other` may do.
    pub fn includes(self, other: Role) -> bool {
        matches!(
            (self, other),
            (Role::Coordinator, _)
                | (Role::Champion, Role::Champion | Role::Staff)
                | (Role::Staff, Role::Staff)
                | (Role::Board, Role::Board)
        )
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Choose a role: staff, champion, coordinator or board")]
pub struct UnknownRole;

impl std::str::FromStr for Role {
    type Err = UnknownRole;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|role| role.as_str() == s.trim().to_lowercase())
            .ok_or(UnknownRole)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AccountStatus {
    /// Invited, has not yet chosen a password.
    Invited,
    Active,
    /// May not sign in; their sessions have ended.
    Disabled,
}

impl AccountStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            AccountStatus::Invited => "invited",
            AccountStatus::Active => "active",
            AccountStatus::Disabled => "disabled",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            AccountStatus::Invited,
            AccountStatus::Active,
            AccountStatus::Disabled,
        ]
        .into_iter()
        .find(|status| status.as_str() == s)
    }
}

/// A user as the rest of the service sees them (never with their password hash).
/// A session as a coordinator sees it when checking where someone is signed in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionSummary {
    pub started_at: chrono::DateTime<chrono::Utc>,
    pub last_seen_at: chrono::DateTime<chrono::Utc>,
    pub user_agent: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: i32,
    pub email: Email,
    pub name: PersonName,
    pub role: Role,
    pub status: AccountStatus,
}

/// A work email address, case-folded, so that one person has one account whatever the case
/// they type it in.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

pub const MAX_EMAIL_CHARS: usize = 254;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EmailError {
    #[error("Enter an email address")]
    Empty,
    #[error("Email address must be {MAX_EMAIL_CHARS} characters or fewer")]
    TooLong,
    #[error("Enter an email address in the correct format, like name@example.org")]
    Format,
}

impl Email {
    pub fn parse(raw: &str) -> Result<Self, EmailError> {
        let candidate = raw.trim().to_lowercase();
        if candidate.is_empty() {
            return Err(EmailError::Empty);
        }
        if candidate.chars().count() > MAX_EMAIL_CHARS {
            return Err(EmailError::TooLong);
        }
        // A work address: a domain with a dot, no IP literal, no display name, no quoting.
        let options = email_address::Options {
            minimum_sub_domains: 2,
            allow_domain_literal: false,
            allow_display_text: false,
        };
        let plain = !candidate.contains(['"', '(', ')', ' ']);
        match email_address::EmailAddress::parse_with_options(&candidate, options) {
            Ok(_) if plain => Ok(Email(candidate)),
            _ => Err(EmailError::Format),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A person's full name as they want it shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonName(String);

pub const MAX_NAME_CHARS: usize = 100;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PersonNameError {
    #[error("Enter a full name")]
    Empty,
    #[error("Full name must be {MAX_NAME_CHARS} characters or fewer")]
    TooLong,
    #[error("Full name must not contain control characters")]
    ControlCharacter,
}

impl PersonName {
    pub fn parse(raw: &str) -> Result<Self, PersonNameError> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(PersonNameError::Empty);
        }
        if name.chars().any(char::is_control) {
            return Err(PersonNameError::ControlCharacter);
        }
        if name.chars().count() > MAX_NAME_CHARS {
            return Err(PersonNameError::TooLong);
        }
        Ok(PersonName(name.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn roles_round_trip_through_their_names() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert_eq!(" Coordinator ".parse::<Role>(), Ok(Role::Coordinator));
        assert_eq!("admin".parse::<Role>(), Err(UnknownRole));
    }

    #[test]
    fn coordinators_include_every_role_and_board_only_itself() {
        assert!(Role::ALL.iter().all(|&r| Role::Coordinator.includes(r)));
        assert!(Role::Champion.includes(Role::Staff));
        assert!(!Role::Staff.includes(Role::Champion));
        assert!(!Role::Board.includes(Role::Staff));
        assert!(!Role::Champion.includes(Role::Board));
    }

    #[test]
    fn emails_are_trimmed_and_case_folded() {
        let email = Email::parse("  Jo.Bloggs@NorthSomerset.GOV.uk ").unwrap();
        assert_eq!(email.as_str(), "jo.bloggs@northsomerset.gov.uk");
    }

    #[test]
    fn malformed_emails_get_a_message_with_an_example() {
        for bad in [
            "jo",
            "jo@",
            "@example.org",
            "jo@localhost",
            "jo@[127.0.0.1]",
            "Jo <jo@x.org>",
            "jo bloggs@x.org",
        ] {
            assert_eq!(Email::parse(bad), Err(EmailError::Format), "{bad}");
        }
        assert_eq!(Email::parse("  "), Err(EmailError::Empty));
        assert_eq!(
            EmailError::Format.to_string(),
            "Enter an email address in the correct format, like name@example.org"
        );
    }

    #[test]
    fn overlong_emails_are_refused_by_length() {
        let long = format!("{}@example.org", "a".repeat(250));
        assert_eq!(Email::parse(&long), Err(EmailError::TooLong));
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(
            PersonName::parse("  Sam Patel ").unwrap().as_str(),
            "Sam Patel"
        );
        assert_eq!(PersonName::parse(""), Err(PersonNameError::Empty));
        assert_eq!(
            PersonName::parse(&"a".repeat(101)),
            Err(PersonNameError::TooLong)
        );
        assert_eq!(
            PersonName::parse("Sam\u{0}"),
            Err(PersonNameError::ControlCharacter)
        );
    }

    proptest! {
        #[test]
        fn a_parsed_email_parses_again_to_itself(local in "[a-z0-9._%+-]{1,20}", domain in "[a-z0-9-]{1,20}\\.[a-z]{2,6}") {
            let raw = format!("{local}@{domain}");
            if let Ok(email) = Email::parse(&raw) {
                prop_assert_eq!(Email::parse(email.as_str()), Ok(email.clone()));
                prop_assert_eq!(email.as_str(), raw.to_lowercase());
            }
        }

        #[test]
        fn email_parsing_never_panics_and_accepts_only_what_it_can_store(raw in "(?s).{0,300}") {
            if let Ok(email) = Email::parse(&raw) {
                prop_assert!(email.as_str().chars().count() <= MAX_EMAIL_CHARS);
                prop_assert_eq!(email.as_str(), email.as_str().trim());
                prop_assert!(email.as_str().contains('@'));
            }
        }
    }
}
