//! The bank of services and job roles: what practitioners need to know about another
//! service before they refer a family to it. Field names follow Open Referral UK where the
//! two overlap.

use super::{
    account::Email,
    fields::{self, Problems},
    history::{Field, yes_no},
};
use crate::error::FieldError;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub const MAX_SERVICE_NAME_CHARS: usize = 160;
pub const MAX_ROLE_TITLE_CHARS: usize = 120;
/// Long text fields (description, eligibility, how to refer, a day in the life…).
pub const MAX_TEXT_CHARS: usize = 4000;
const MAX_AGE: i32 = 120;

/// An entry not reviewed for this long is flagged and listed for coordinators.
pub const REVIEW_EVERY_DAYS: i64 = 365;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ServiceStatus {
    #[default]
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
    pub status: ServiceStatus,
    pub published: bool,
    pub review_due: bool,
}

/// Services per page of the list.
pub const SERVICES_PER_PAGE: u64 = 25;

/// Which services a list shows.
#[derive(Clone, Copy, Debug, Default)]
pub struct ServiceFilter {
    /// Only those not reviewed for a year.
    pub due_only: bool,
    /// Unpublished entries too: for those who edit the bank.
    pub drafts: bool,
}

/// Every service by name, as the list of services reads it: a copy kept in memory between
/// requests (see `db::directory::Index`), as reading a page of it from SQLite, row by row,
/// cost more than drawing it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServiceBank(Vec<(ServiceSummary, Option<DateTime<Utc>>)>);

impl ServiceBank {
    /// The services with when each was last reviewed (their `review_due` is worked out again
    /// for each page); any order.
    pub fn new(mut services: Vec<(ServiceSummary, Option<DateTime<Utc>>)>) -> Self {
        services.sort_by(|a, b| a.0.name.cmp(&b.0.name).then(a.0.id.cmp(&b.0.id)));
        Self(services)
    }

    /// Page `page` (from 1, kept within the list) of `size` services by name, with how many
    /// the list holds and how many of those shown are due for review at `now`.
    pub fn page(
        &self,
        filter: ServiceFilter,
        page: u64,
        size: u64,
        now: DateTime<Utc>,
    ) -> ServicesPage {
        let shown = self
            .0
            .iter()
            .filter(|(s, _)| filter.drafts || s.published)
            .map(|(s, reviewed_at)| (s, review_due(*reviewed_at, now)));
        let due = shown.clone().filter(|(_, due)| *due).count() as u64;
        let listed = shown.filter(|(_, due)| *due || !filter.due_only);
        let total = listed.clone().count() as u64;
        let pages = total.div_ceil(size).max(1);
        let page = page.clamp(1, pages);
        let services = listed
            .skip(((page - 1) * size) as usize)
            .take(size as usize)
            .map(|(s, review_due)| ServiceSummary {
                review_due,
                ..s.clone()
            })
            .collect();
        ServicesPage {
            services,
            total,
            due,
            page,
            pages,
        }
    }
}

/// One page of the list of services.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServicesPage {
    pub services: Vec<ServiceSummary>,
    /// How many services the list holds (all, or those due for review).
    pub total: u64,
    /// How many of the services shown (published, or all for editors) are due for review.
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
    pub published: bool,
    pub team_id: Option<i32>,
    pub reviewed_at: Option<DateTime<Utc>>,
    pub reviewer: Option<String>,
    pub champions: Vec<ChampionLink>,
    pub roles: Vec<RoleLink>,
}

impl Service {
    pub fn review_due(&self, now: DateTime<Utc>) -> bool {
        review_due(self.reviewed_at, now)
    }

    /// The entry as its history keeps it. A service's contacts are its own, not a person's.
    pub fn fields(&self) -> Vec<Field> {
        let age = |a: Option<i32>| a.map(|a| a.to_string()).unwrap_or_default();
        vec![
            Field::plain("Name", &self.name),
            Field::plain(
                "Team that runs it",
                format!(
                    "{} ({})",
                    self.team.as_deref().unwrap_or_default(),
                    self.organisation
                ),
            ),
            Field::plain("What it offers", &self.description),
            Field::plain("Who it is for", &self.who_for),
            Field::plain("Minimum age", age(self.minimum_age)),
            Field::plain("Maximum age", age(self.maximum_age)),
            Field::plain("How to refer", &self.referral_route),
            Field::plain("Referral form", &self.referral_form_url),
            Field::plain("Phone", &self.phone),
            Field::plain("Email", &self.email),
            Field::plain("Website", &self.url),
            Field::plain("Opening hours", &self.opening_hours),
            Field::plain("Locations", &self.locations),
            Field::plain("Cost", &self.cost),
            Field::plain("Legal basis and duties", &self.legal_basis),
            Field::plain("Status", self.status.label()),
            Field::plain("Published", yes_no(self.published)),
        ]
    }
}

/// The service form as sent: every field a string, as a plain HTML form posts it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServiceForm {
    pub name: String,
    pub team_id: String,
    pub description: String,
    pub who_for: String,
    pub minimum_age: String,
    pub maximum_age: String,
    pub referral_route: String,
    pub referral_form_url: String,
    pub phone: String,
    pub email: String,
    pub url: String,
    pub opening_hours: String,
    pub locations: String,
    pub cost: String,
    pub legal_basis: String,
    pub status: String,
    /// "yes" when the box is ticked; absent otherwise.
    pub published: Option<String>,
}

/// A service form that passed every check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidService {
    pub name: String,
    pub team_id: i32,
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
    pub published: bool,
}

/// An age in whole years, 0 to 120. Empty is allowed.
fn age(raw: &str, label: &str) -> Result<Option<i32>, String> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    match value.parse::<i32>() {
        Ok(age) if (0..=MAX_AGE).contains(&age) => Ok(Some(age)),
        _ => Err(format!(
            "{label} must be a whole number of years from 0 to {MAX_AGE}"
        )),
    }
}

impl ServiceForm {
    /// Checks every field; `teams` are the ids that exist. All messages at once, or the
    /// cleaned entry.
    pub fn validate(&self, teams: &[i32]) -> Result<ValidService, Vec<FieldError>> {
        let mut p = Problems::default();
        let text = |raw: &str, label: &str, required: bool| {
            fields::paragraphs(raw, label, MAX_TEXT_CHARS, required)
        };
        let minimum_age = p.take("minimum_age", age(&self.minimum_age, "Minimum age"));
        let maximum_age = p.take("maximum_age", age(&self.maximum_age, "Maximum age"));
        if let (Some(min), Some(max)) = (minimum_age, maximum_age)
            && min > max
        {
            p.add(
                "maximum_age",
                "Maximum age must be the same as or more than the minimum age",
            );
        }
        let email = self.email.trim();
        let valid = ValidService {
            name: p.take(
                "name",
                fields::line(&self.name, "Name", MAX_SERVICE_NAME_CHARS, true),
            ),
            team_id: p.take(
                "team_id",
                self.team_id
                    .trim()
                    .parse::<i32>()
                    .ok()
                    .filter(|id| teams.contains(id))
                    .ok_or_else(|| "Select the team that runs the service".to_owned()),
            ),
            description: p.take(
                "description",
                text(&self.description, "What it offers", true),
            ),
            who_for: p.take("who_for", text(&self.who_for, "Who it is for", true)),
            minimum_age,
            maximum_age,
            referral_route: p.take(
                "referral_route",
                text(&self.referral_route, "How to refer", true),
            ),
            referral_form_url: p.take(
                "referral_form_url",
                fields::web_address(&self.referral_form_url, "Referral form"),
            ),
            phone: p.take("phone", fields::phone(&self.phone)),
            email: p.take(
                "email",
                if email.is_empty() {
                    Ok(String::new())
                } else {
                    Email::parse(email)
                        .map(|e| e.as_str().to_owned())
                        .map_err(|_| "Enter an email address, like team@example.org".to_owned())
                },
            ),
            url: p.take("url", fields::web_address(&self.url, "Website")),
            opening_hours: p.take(
                "opening_hours",
                text(&self.opening_hours, "Opening hours", false),
            ),
            locations: p.take("locations", text(&self.locations, "Locations", false)),
            cost: p.take("cost", fields::line(&self.cost, "Cost", 200, false)),
            legal_basis: p.take(
                "legal_basis",
                text(&self.legal_basis, "Legal basis and duties", false),
            ),
            status: p.take(
                "status",
                ServiceStatus::parse(self.status.trim())
                    .ok_or_else(|| "Select whether the service is open".to_owned()),
            ),
            published: self.published.as_deref() == Some("yes"),
        };
        p.into_result(valid)
    }

    /// The form filled in with a service, for editing it.
    pub fn from_service(service: &Service) -> Self {
        let age = |a: Option<i32>| a.map(|a| a.to_string()).unwrap_or_default();
        Self {
            name: service.name.clone(),
            team_id: service.team_id.map(|t| t.to_string()).unwrap_or_default(),
            description: service.description.clone(),
            who_for: service.who_for.clone(),
            minimum_age: age(service.minimum_age),
            maximum_age: age(service.maximum_age),
            referral_route: service.referral_route.clone(),
            referral_form_url: service.referral_form_url.clone(),
            phone: service.phone.clone(),
            email: service.email.clone(),
            url: service.url.clone(),
            opening_hours: service.opening_hours.clone(),
            locations: service.locations.clone(),
            cost: service.cost.clone(),
            legal_basis: service.legal_basis.clone(),
            status: service.status.as_str().to_owned(),
            published: service.published.then(|| "yes".to_owned()),
        }
    }

    /// An empty form for a new service: open and published unless the editor says otherwise.
    pub fn new_entry() -> Self {
        Self {
            status: ServiceStatus::Active.as_str().to_owned(),
            published: Some("yes".to_owned()),
            ..Self::default()
        }
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

impl JobRole {
    /// The role as its history keeps it. The presenter is named on the page as the group's
    /// record of its meeting, not as contact data.
    pub fn fields(&self) -> Vec<Field> {
        vec![
            Field::plain("Job title", &self.title),
            Field::plain(
                "Service",
                self.service
                    .as_ref()
                    .map(|(_, n)| n.as_str())
                    .unwrap_or_default(),
            ),
            Field::plain("What they do", &self.what_they_do),
            Field::plain("A day in the life", &self.day_in_the_life),
            Field::plain(
                "Presented on",
                self.presented_on.map(|d| d.to_string()).unwrap_or_default(),
            ),
            Field::plain("Presenter", &self.presenter),
            Field::plain("Typical caseload", &self.typical_caseload),
            Field::plain("When to contact them", &self.when_to_contact),
            Field::plain("Thresholds they work to", &self.thresholds),
        ]
    }
}

/// The job role form as sent.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RoleForm {
    pub title: String,
    pub service_id: String,
    pub what_they_do: String,
    pub day_in_the_life: String,
    pub presented_on: String,
    pub presenter: String,
    pub typical_caseload: String,
    pub when_to_contact: String,
    pub thresholds: String,
}

/// A job role form that passed every check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidRole {
    pub title: String,
    pub service_id: Option<i32>,
    pub what_they_do: String,
    pub day_in_the_life: String,
    pub presented_on: Option<NaiveDate>,
    pub presenter: String,
    pub typical_caseload: String,
    pub when_to_contact: String,
    pub thresholds: String,
}

impl RoleForm {
    /// Checks every field; `services` are the ids that exist.
    pub fn validate(
        &self,
        services: &[i32],
        today: NaiveDate,
    ) -> Result<ValidRole, Vec<FieldError>> {
        let mut p = Problems::default();
        let text = |raw: &str, label: &str, required: bool| {
            fields::paragraphs(raw, label, MAX_TEXT_CHARS, required)
        };
        let service = self.service_id.trim();
        let valid = ValidRole {
            title: p.take(
                "title",
                fields::line(&self.title, "Job title", MAX_ROLE_TITLE_CHARS, true),
            ),
            service_id: p.take(
                "service_id",
                if service.is_empty() {
                    Ok(None)
                } else {
                    service
                        .parse::<i32>()
                        .ok()
                        .filter(|id| services.contains(id))
                        .map(Some)
                        .ok_or_else(|| "Select a service from the list".to_owned())
                },
            ),
            what_they_do: p.take(
                "what_they_do",
                text(&self.what_they_do, "What they do", true),
            ),
            day_in_the_life: p.take(
                "day_in_the_life",
                text(&self.day_in_the_life, "A day in the life", false),
            ),
            presented_on: p.take(
                "presented_on",
                fields::past_date(&self.presented_on, "Presented on", today),
            ),
            presenter: p.take(
                "presenter",
                fields::line(&self.presenter, "Presenter", 120, false),
            ),
            typical_caseload: p.take(
                "typical_caseload",
                text(&self.typical_caseload, "Typical caseload", false),
            ),
            when_to_contact: p.take(
                "when_to_contact",
                text(&self.when_to_contact, "When to contact them", false),
            ),
            thresholds: p.take(
                "thresholds",
                text(&self.thresholds, "Thresholds they work to", false),
            ),
        };
        p.into_result(valid)
    }

    pub fn from_role(role: &JobRole) -> Self {
        Self {
            title: role.title.clone(),
            service_id: role
                .service
                .as_ref()
                .map(|(id, _)| id.to_string())
                .unwrap_or_default(),
            what_they_do: role.what_they_do.clone(),
            day_in_the_life: role.day_in_the_life.clone(),
            presented_on: role.presented_on.map(|d| d.to_string()).unwrap_or_default(),
            presenter: role.presenter.clone(),
            typical_caseload: role.typical_caseload.clone(),
            when_to_contact: role.when_to_contact.clone(),
            thresholds: role.thresholds.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service_form() -> ServiceForm {
        ServiceForm {
            name: " CAMHS ".into(),
            team_id: "4".into(),
            description: "Mental health care for children.".into(),
            who_for: "Children with moderate to severe needs.".into(),
            minimum_age: "0".into(),
            maximum_age: "18".into(),
            referral_route: "Through the single point of access.".into(),
            email: "CAMHS@Example.org".into(),
            ..ServiceForm::new_entry()
        }
    }

    #[test]
    fn a_good_service_form_is_cleaned() {
        let valid = service_form().validate(&[4]).unwrap();
        assert_eq!(valid.name, "CAMHS");
        assert_eq!((valid.minimum_age, valid.maximum_age), (Some(0), Some(18)));
        assert_eq!(valid.email, "camhs@example.org");
        assert_eq!(valid.status, ServiceStatus::Active);
        assert!(valid.published);
    }

    #[test]
    fn a_bad_service_form_names_each_field() {
        let form = ServiceForm {
            name: String::new(),
            team_id: "99".into(),
            minimum_age: "19".into(),
            maximum_age: "18".into(),
            referral_form_url: "javascript:alert(1)".into(),
            email: "camhs at example".into(),
            status: "open".into(),
            ..service_form()
        };
        let errors = form.validate(&[4]).unwrap_err();
        let message = |field: &str| {
            errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.as_str())
                .unwrap_or_else(|| panic!("no message for {field}: {errors:?}"))
        };
        assert_eq!(message("name"), "Enter a name");
        assert_eq!(message("team_id"), "Select the team that runs the service");
        assert!(message("maximum_age").contains("same as or more than"));
        assert!(message("referral_form_url").contains("https://"));
        assert!(message("email").contains("team@example.org"));
        assert_eq!(message("status"), "Select whether the service is open");
    }

    #[test]
    fn ages_are_whole_years_in_a_human_range() {
        assert_eq!(age("", "Minimum age"), Ok(None));
        assert_eq!(age(" 16 ", "Minimum age"), Ok(Some(16)));
        for bad in ["-1", "121", "2.5", "ten"] {
            assert!(age(bad, "Minimum age").is_err(), "{bad}");
        }
    }

    #[test]
    fn a_role_needs_a_title_and_what_they_do_and_a_real_service() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let form = RoleForm {
            title: "Family therapist".into(),
            service_id: "7".into(),
            what_they_do: "Systemic family therapy.".into(),
            presented_on: "2026-09-16".into(),
            ..RoleForm::default()
        };
        let valid = form.validate(&[7], today).unwrap();
        assert_eq!(valid.service_id, Some(7));
        let errors = RoleForm {
            title: " ".into(),
            service_id: "8".into(),
            presented_on: "2027-01-01".into(),
            ..form
        }
        .validate(&[7], today)
        .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["title", "service_id", "presented_on"]);
    }

    proptest::proptest! {
        #[test]
        fn a_service_form_never_panics_and_a_valid_one_round_trips(
            name in ".{0,200}", min in ".{0,4}", max in ".{0,4}", text in ".{0,300}"
        ) {
            let form = ServiceForm {
                name, minimum_age: min, maximum_age: max, description: text.clone(),
                who_for: text.clone(), referral_route: text,
                ..service_form()
            };
            if let Ok(valid) = form.validate(&[4]) {
                proptest::prop_assert!(valid.name.chars().count() <= MAX_SERVICE_NAME_CHARS);
                if let (Some(a), Some(b)) = (valid.minimum_age, valid.maximum_age) {
                    proptest::prop_assert!(a <= b);
                }
            }
        }
    }

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

    fn bank_of(rows: &[(bool, Option<i64>)], now: DateTime<Utc>) -> ServiceBank {
        ServiceBank::new(
            rows.iter()
                .enumerate()
                .rev()
                .map(|(i, &(published, reviewed_days_ago))| {
                    let summary = ServiceSummary {
                        id: i as i32,
                        name: format!("Service {i:03}"),
                        organisation: String::new(),
                        staff_group: String::new(),
                        status: ServiceStatus::Active,
                        published,
                        review_due: false,
                    };
                    let reviewed = reviewed_days_ago.map(|d| now - chrono::Duration::days(d));
                    (summary, reviewed)
                })
                .collect(),
        )
    }

    proptest::proptest! {
        #[test]
        fn a_page_of_services_is_the_slice_of_those_the_filter_keeps_by_name(
            rows in proptest::collection::vec(
                (proptest::bool::ANY, proptest::option::of(0i64..800)),
                0..80,
            ),
            due_only in proptest::bool::ANY,
            drafts in proptest::bool::ANY,
            page in 0u64..6,
        ) {
            let now = Utc::now();
            let filter = ServiceFilter { due_only, drafts };
            let got = bank_of(&rows, now).page(filter, page, 10, now);
            let shown: Vec<(usize, bool)> = rows
                .iter()
                .enumerate()
                .filter(|(_, (published, _))| drafts || *published)
                .map(|(i, (_, days))| (i, days.is_none_or(|d| d > REVIEW_EVERY_DAYS)))
                .collect();
            let listed: Vec<usize> = shown
                .iter()
                .filter(|(_, due)| *due || !due_only)
                .map(|(i, _)| *i)
                .collect();
            proptest::prop_assert_eq!(got.due, shown.iter().filter(|(_, due)| *due).count() as u64);
            proptest::prop_assert_eq!(got.total, listed.len() as u64);
            proptest::prop_assert_eq!(got.pages, (listed.len() as u64).div_ceil(10).max(1));
            proptest::prop_assert_eq!(got.page, page.clamp(1, got.pages));
            let start = ((got.page - 1) * 10) as usize;
            let expected: Vec<i32> =
                listed.iter().skip(start).take(10).map(|&i| i as i32).collect();
            let ids: Vec<i32> = got.services.iter().map(|s| s.id).collect();
            proptest::prop_assert_eq!(ids, expected);
            for s in &got.services {
                let due = rows[s.id as usize].1.is_none_or(|d| d > REVIEW_EVERY_DAYS);
                proptest::prop_assert_eq!(s.review_due, due);
            }
        }
    }
}
