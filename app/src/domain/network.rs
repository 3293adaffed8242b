//! The network's make-up: its staff groups, organisations and teams, as the home page shows
//! them and as coordinators edit them.

use super::fields::{self, Problems};
use crate::error::FieldError;
use serde::{Deserialize, Serialize};

/// One of the staff groups champions come from, as shown to anyone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffGroup {
    pub name: String,
    pub description: String,
}

/// The network's make-up as coordinators edit it: staff groups, organisations and teams.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Structure {
    pub staff_groups: Vec<Unit>,
    pub organisations: Vec<Unit>,
    pub teams: Vec<TeamRow>,
}

/// A staff group or an organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    pub id: i32,
    pub name: String,
    pub description: String,
    /// An organisation's website; staff groups have none.
    pub url: String,
}

/// A team, with the names of what it belongs to and how many profiles are in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamRow {
    pub id: i32,
    pub name: String,
    pub organisation_id: i32,
    pub organisation: String,
    pub staff_group_id: i32,
    pub staff_group: String,
    pub people: u64,
}

/// Which of the two a [`UnitForm`] is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum UnitKind {
    StaffGroup,
    Organisation,
}

impl UnitKind {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "staff_group" => Some(Self::StaffGroup),
            "organisation" => Some(Self::Organisation),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::StaffGroup => "staff_group",
            Self::Organisation => "organisation",
        }
    }

    /// Its pages' address: `/staff-groups`, `/organisations`.
    pub fn path(self) -> &'static str {
        match self {
            Self::StaffGroup => "/staff-groups",
            Self::Organisation => "/organisations",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::StaffGroup => "staff group",
            Self::Organisation => "organisation",
        }
    }
}

/// A staff group or organisation as its form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct UnitForm {
    pub name: String,
    pub description: String,
    pub url: String,
}

/// A team as its form sends it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TeamForm {
    pub name: String,
    pub organisation_id: String,
    pub staff_group_id: String,
}

/// A checked team: its name and the ids it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidTeam {
    pub name: String,
    pub organisation_id: i32,
    pub staff_group_id: i32,
}

impl UnitForm {
    pub fn validate(&self, kind: UnitKind) -> Result<UnitForm, Vec<FieldError>> {
        let mut p = Problems::default();
        let valid = UnitForm {
            name: p.take("name", fields::line(&self.name, "Name", 120, true)),
            description: p.take(
                "description",
                fields::paragraphs(&self.description, "Description", 1000, false),
            ),
            url: match kind {
                UnitKind::Organisation => p.take("url", fields::web_address(&self.url, "Website")),
                UnitKind::StaffGroup => String::new(),
            },
        };
        p.into_result(valid)
    }

    pub fn from_unit(unit: &Unit) -> Self {
        Self {
            name: unit.name.clone(),
            description: unit.description.clone(),
            url: unit.url.clone(),
        }
    }
}

impl TeamForm {
    /// `organisations` and `staff_groups` are the ids that exist.
    pub fn validate(
        &self,
        organisations: &[i32],
        staff_groups: &[i32],
    ) -> Result<ValidTeam, Vec<FieldError>> {
        let mut p = Problems::default();
        let choice = |raw: &str, ids: &[i32], message: &str| {
            raw.trim()
                .parse::<i32>()
                .ok()
                .filter(|id| ids.contains(id))
                .ok_or_else(|| message.to_owned())
        };
        let valid = ValidTeam {
            name: p.take("name", fields::line(&self.name, "Team name", 120, true)),
            organisation_id: p.take(
                "organisation_id",
                choice(
                    &self.organisation_id,
                    organisations,
                    "Select the organisation the team is part of",
                ),
            ),
            staff_group_id: p.take(
                "staff_group_id",
                choice(
                    &self.staff_group_id,
                    staff_groups,
                    "Select the team's staff group",
                ),
            ),
        };
        p.into_result(valid)
    }

    pub fn from_team(team: &TeamRow) -> Self {
        Self {
            name: team.name.clone(),
            organisation_id: team.organisation_id.to_string(),
            staff_group_id: team.staff_group_id.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_team_needs_a_name_and_an_organisation_and_group_that_exist() {
        let form = TeamForm {
            name: " CAMHS ".into(),
            organisation_id: "2".into(),
            staff_group_id: "1".into(),
        };
        let valid = form.validate(&[2], &[1]).unwrap();
        assert_eq!((valid.name.as_str(), valid.organisation_id), ("CAMHS", 2));
        let errors = TeamForm::default().validate(&[2], &[1]).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "organisation_id", "staff_group_id"]);
        assert!(
            form.validate(&[3], &[1]).is_err(),
            "an organisation that is gone"
        );
    }

    #[test]
    fn only_an_organisation_has_a_website() {
        let form = UnitForm {
            name: "North Somerset Council".into(),
            description: String::new(),
            url: "ftp://example.org".into(),
        };
        assert!(form.validate(UnitKind::Organisation).is_err());
        assert_eq!(form.validate(UnitKind::StaffGroup).unwrap().url, "");
    }
}
