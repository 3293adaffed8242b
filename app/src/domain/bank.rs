//! The bank of services and job roles: what practitioners need to know about another
//! service before they refer a family to it. Field names follow Open Referral UK where the
//! two overlap.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// An entry not reviewed for this long is flagged and listed for coordinators.
pub const REVIEW_EVERY_DAYS: i64 = 365;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ServiceStatus {
    Active,
    TemporarilyClosed,
    Closed,
}

impl ServiceStatus {
    pub const ALL: [ServiceStatus; 3] = [Self::Active, Self::TemporarilyClosed, Self::Closed];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Active => "active",
            Self::TemporarilyClosed => "temporarily_closed",
            Self::Closed => "closed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Active => "Open",
            Self::TemporarilyClosed => "Temporarily closed",
            Self::Closed => "Closed",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == s)
    }
}

/// A service in the list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceSummary {
    pub id: i32,
    pub name: String,
    pub organisation: String,
    pub staff_group: String,
    pub description: String,
    pub status: ServiceStatus,
    pub review_due: bool,
}

/// Services per page of the list.
pub const SERVICES_PER_PAGE: u64 = 25;

/// One page of the list of services.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServicesPage {
    pub services: Vec<ServiceSummary>,
    /// How many services the list holds (all, or those due for review).
    pub total: u64,
    /// How many published services are due for review.
    pub due: u64,
    pub page: u64,
    pub pages: u64,
}

/// A person shown with a service: one of its champions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChampionLink {
    pub id: i32,
    pub name: String,
    pub job_title: String,
}

/// A job role, briefly, as a link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleLink {
    pub id: i32,
    pub title: String,
}

/// A whole service, as its page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Service {
    pub id: i32,
    pub name: String,
    pub organisation: String,
    pub staff_group: String,
    pub team: Option<String>,
    pub description: String,
    pub who_for: String,
    pub minimum_age: Option<i32>,
    pub maximum_age: Option<i32>,
    pub referral_route: String,
    pub referral_form_url: String,
    pub phone: String,
    pub email: String,
    pub url: String,
    pub opening_hours: String,
    pub locations: String,
    pub cost: String,
    pub legal_basis: String,
    pub status: ServiceStatus,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub reviewer: Option<String>,
    pub champions: Vec<ChampionLink>,
    pub roles: Vec<RoleLink>,
}

impl Service {
    pub fn review_due(&self, now: DateTime<Utc>) -> bool {
        review_due(self.reviewed_at, now)
    }
}

/// Never reviewed, or not within [`REVIEW_EVERY_DAYS`].
pub fn review_due(reviewed_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    reviewed_at.is_none_or(|at| now - at > chrono::Duration::days(REVIEW_EVERY_DAYS))
}

/// "Ages 0 to 18", "Ages 18 and over", "Ages up to 25", or nothing when both are open.
pub fn age_range(minimum: Option<i32>, maximum: Option<i32>) -> Option<String> {
    match (minimum, maximum) {
        (Some(min), Some(max)) => Some(format!("Ages {min} to {max}")),
        (Some(min), None) => Some(format!("Ages {min} and over")),
        (None, Some(max)) => Some(format!("Ages up to {max}")),
        (None, None) => None,
    }
}

/// A job role, with its "day in the life of" presentation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct JobRole {
    pub id: i32,
    pub title: String,
    pub service: Option<(i32, String)>,
    pub what_they_do: String,
    pub day_in_the_life: String,
    pub presented_on: Option<NaiveDate>,
    pub presenter: String,
    pub typical_caseload: String,
    pub when_to_contact: String,
    pub thresholds: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_round_trip_through_their_stored_names() {
        for status in ServiceStatus::ALL {
            assert_eq!(ServiceStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(ServiceStatus::parse("open"), None);
    }

    #[test]
    fn age_ranges_read_naturally() {
        assert_eq!(age_range(Some(0), Some(18)).unwrap(), "Ages 0 to 18");
        assert_eq!(age_range(Some(18), None).unwrap(), "Ages 18 and over");
        assert_eq!(age_range(None, Some(25)).unwrap(), "Ages up to 25");
        assert_eq!(age_range(None, None), None);
    }

    #[test]
    fn a_review_falls_due_after_a_year() {
        let now = Utc::now();
        assert!(!review_due(
            Some(now - chrono::Duration::days(REVIEW_EVERY_DAYS)),
            now
        ));
        assert!(review_due(
            Some(now - chrono::Duration::days(REVIEW_EVERY_DAYS + 1)),
            now
        ));
        assert!(review_due(None, now));
    }
}
