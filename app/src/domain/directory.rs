//! Champion profiles: what a profile holds, how its form is checked, how complete and how
//! fresh it is, and how the directory finds people (prefix and one-typo matching, ranked).

use super::{
    account::{Email, MAX_NAME_CHARS},
    fields::{self, Problems},
    history::{Field, yes_no},
};
use crate::error::FieldError;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A profile not confirmed for this long is flagged, and its owner asked once to check it.
pub const CONFIRM_EVERY_DAYS: i64 = 183;
pub const MAX_TAGS: usize = 12;
pub const MAX_TAG_CHARS: usize = 60;
pub const PAGE_SIZE: usize = 20;
/// The largest photo upload accepted, and how the limit is named to people.
pub const MAX_PHOTO_BYTES: usize = 5 * 1024 * 1024;
pub const MAX_PHOTO_SIZE: &str = "5 MB";

/// Where someone works: the team, its organisation and its staff group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Placement {
    pub team_id: i32,
    pub team: String,
    pub organisation: String,
    pub staff_group: String,
}

/// A team as offered in the profile form, with what it belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamChoice {
    pub id: i32,
    pub label: String,
}

/// A service a person's team runs, with how to refer to it, for their profile page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamService {
    pub id: i32,
    pub name: String,
    pub referral_route: String,
}

/// One person in the directory's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonCard {
    pub id: i32,
    pub name: String,
    pub pronouns: String,
    pub job_title: String,
    pub placement: Placement,
    pub tags: Vec<String>,
    pub offers_shadowing: bool,
    pub shadowing_note: String,
}

/// A whole profile, as its page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Profile {
    pub id: i32,
    pub account_id: Option<i32>,
    pub name: String,
    pub pronouns: String,
    pub job_title: String,
    pub placement: Placement,
    pub work_email: String,
    pub phone: String,
    pub base: String,
    pub tags: Vec<String>,
    pub champion_since: Option<NaiveDate>,
    pub supporting_manager: String,
    pub offers_shadowing: bool,
    pub shadowing_note: String,
    pub availability: String,
    pub has_photo: bool,
    pub confirmed_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

impl Profile {
    /// What the owner could still add, by the labels the form uses.
    pub fn missing(&self) -> Vec<&'static str> {
        [
            (self.pronouns.is_empty(), "Pronouns"),
            (self.phone.is_empty(), "Phone number"),
            (self.base.is_empty(), "Base"),
            (self.tags.is_empty(), "Ask me about"),
            (self.champion_since.is_none(), "Champion since"),
            (self.supporting_manager.is_empty(), "Supporting manager"),
            (self.availability.is_empty(), "Availability"),
            (!self.has_photo, "Photo"),
        ]
        .into_iter()
        .filter_map(|(missing, label)| missing.then_some(label))
        .collect()
    }

    /// Per cent of the optional parts filled in (the required ones always are).
    pub fn completeness(&self) -> u8 {
        const OPTIONAL: usize = 8;
        (100 * (OPTIONAL - self.missing().len()) / OPTIONAL) as u8
    }

    pub fn is_stale(&self, now: DateTime<Utc>) -> bool {
        is_stale(self.confirmed_at, now)
    }

    /// The profile as its history keeps it. Names, contact details and availability are
    /// personal: the audit log masks them.
    pub fn fields(&self) -> Vec<Field> {
        let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        vec![
            Field::personal("Full name", &self.name),
            Field::personal("Pronouns", &self.pronouns),
            Field::plain("Job title", &self.job_title),
            Field::plain(
                "Team",
                format!("{} ({})", self.placement.team, self.placement.organisation),
            ),
            Field::personal("Work email address", &self.work_email),
            Field::personal("Work phone number", &self.phone),
            Field::plain("Base", &self.base),
            Field::plain("Ask me about", self.tags.join(", ")),
            Field::plain("Champion since", date(self.champion_since)),
            Field::personal("Supporting manager", &self.supporting_manager),
            Field::plain("Offers job shadowing", yes_no(self.offers_shadowing)),
            Field::plain("What could someone shadow?", &self.shadowing_note),
            Field::personal("Availability", &self.availability),
            Field::plain("Photo", yes_no(self.has_photo)),
        ]
    }
}

/// Not confirmed at all, or not within [`CONFIRM_EVERY_DAYS`].
pub fn is_stale(confirmed_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    confirmed_at.is_none_or(|at| now - at > chrono::Duration::days(CONFIRM_EVERY_DAYS))
}

/// The profile form as sent: every field a string, as a plain HTML form posts it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileForm {
    pub name: String,
    pub pronouns: String,
    pub job_title: String,
    pub team_id: String,
    pub work_email: String,
    pub phone: String,
    pub base: String,
    /// Comma-separated.
    pub tags: String,
    pub champion_since: String,
    pub supporting_manager: String,
    /// "yes" when the box is ticked; absent otherwise.
    pub offers_shadowing: Option<String>,
    pub shadowing_note: String,
    pub availability: String,
}

/// A profile form that passed every check.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ValidProfile {
    pub name: String,
    pub pronouns: String,
    pub job_title: String,
    pub team_id: i32,
    pub work_email: String,
    pub phone: String,
    pub base: String,
    pub tags: Vec<String>,
    pub champion_since: Option<NaiveDate>,
    pub supporting_manager: String,
    pub offers_shadowing: bool,
    pub shadowing_note: String,
    pub availability: String,
}

impl ProfileForm {
    /// Checks every field; `teams` are the ids that exist. All messages at once, or the
    /// cleaned profile.
    pub fn validate(
        &self,
        teams: &[i32],
        today: NaiveDate,
    ) -> Result<ValidProfile, Vec<FieldError>> {
        let mut p = Problems::default();
        let name = p.take(
            "name",
            fields::line(&self.name, "Full name", MAX_NAME_CHARS, true),
        );
        let team_id = p.take(
            "team_id",
            self.team_id
                .trim()
                .parse::<i32>()
                .ok()
                .filter(|id| teams.contains(id))
                .ok_or_else(|| "Select a team".to_owned()),
        );
        let work_email = p.take(
            "work_email",
            Email::parse(&self.work_email)
                .map(|e| e.as_str().to_owned())
                .map_err(|_| "Enter a work email address, like name@example.org".to_owned()),
        );
        let offers_shadowing = self.offers_shadowing.as_deref() == Some("yes");
        let valid = ValidProfile {
            name,
            pronouns: p.take(
                "pronouns",
                fields::line(&self.pronouns, "Pronouns", 40, false),
            ),
            job_title: p.take(
                "job_title",
                fields::line(&self.job_title, "Job title", 120, true),
            ),
            team_id,
            work_email,
            phone: p.take("phone", fields::phone(&self.phone)),
            base: p.take("base", fields::line(&self.base, "Base", 120, false)),
            tags: p.take("tags", tags(&self.tags)),
            champion_since: p.take(
                "champion_since",
                fields::past_date(&self.champion_since, "Champion since", today),
            ),
            supporting_manager: p.take(
                "supporting_manager",
                fields::line(
                    &self.supporting_manager,
                    "Supporting manager",
                    MAX_NAME_CHARS,
                    false,
                ),
            ),
            offers_shadowing,
            shadowing_note: p.take(
                "shadowing_note",
                fields::paragraphs(&self.shadowing_note, "Shadowing note", 500, false),
            ),
            availability: p.take(
                "availability",
                fields::paragraphs(&self.availability, "Availability", 500, false),
            ),
        };
        p.into_result(valid)
    }

    /// The form filled in with a profile, for editing it.
    pub fn from_profile(profile: &Profile) -> Self {
        Self {
            name: profile.name.clone(),
            pronouns: profile.pronouns.clone(),
            job_title: profile.job_title.clone(),
            team_id: profile.placement.team_id.to_string(),
            work_email: profile.work_email.clone(),
            phone: profile.phone.clone(),
            base: profile.base.clone(),
            tags: profile.tags.join(", "),
            champion_since: profile
                .champion_since
                .map(|d| d.to_string())
                .unwrap_or_default(),
            supporting_manager: profile.supporting_manager.clone(),
            offers_shadowing: profile.offers_shadowing.then(|| "yes".to_owned()),
            shadowing_note: profile.shadowing_note.clone(),
            availability: profile.availability.clone(),
        }
    }
}

/// "Ask me about" tags from a comma-separated list: trimmed, duplicates (ignoring case)
/// dropped, in the order given.
pub fn tags(raw: &str) -> Result<Vec<String>, String> {
    let mut tags: Vec<String> = Vec::new();
    for tag in raw.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if tag.chars().any(char::is_control) {
            return Err("Ask me about must be one line of text".into());
        }
        if tag.chars().count() > MAX_TAG_CHARS {
            return Err(format!(
                "Each topic in Ask me about must be {MAX_TAG_CHARS} characters or fewer"
            ));
        }
        if !tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            tags.push(tag.to_owned());
        }
    }
    if tags.len() > MAX_TAGS {
        return Err(format!("Ask me about can list up to {MAX_TAGS} topics"));
    }
    Ok(tags)
}

/// What the directory filters by, besides the words searched for.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Filters {
    pub staff_group: Option<String>,
    pub organisation: Option<String>,
    pub shadowing_only: bool,
}

/// A person as the search sees them: the card, and the words of each searchable field with
/// its weight, split once when the directory is loaded rather than at every search.
#[derive(Clone, Debug)]
pub struct Searchable {
    pub card: PersonCard,
    /// The words of each field, in the order of [`WEIGHTS`].
    fields: [Vec<String>; 7],
    family_name: (String, String),
}

/// How much a match in each field counts: name first, then team and services (someone
/// working in CAMHS before someone who can talk about it), "ask me about", job title,
/// organisation, staff group.
const WEIGHTS: [u32; 7] = [8, 5, 5, 4, 3, 2, 1];

impl Searchable {
    /// `services`: the names of the services the person's team runs.
    pub fn new(card: PersonCard, services: &[String]) -> Self {
        let fields = [
            words(&card.name),
            words(&card.placement.team),
            services.iter().flat_map(|s| words(s)).collect(),
            card.tags.iter().flat_map(|t| words(t)).collect(),
            words(&card.job_title),
            words(&card.placement.organisation),
            words(&card.placement.staff_group),
        ]
        // A word counts once per field: a team's services repeat "family", "support"…
        .map(|mut words: Vec<String>| {
            words.sort_unstable();
            words.dedup();
            words
        });
        let family_name = sort_key(&card.name);
        Self {
            card,
            fields,
            family_name,
        }
    }
}

/// One page of the directory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeoplePage {
    pub people: Vec<PersonCard>,
    pub total: usize,
    pub page: usize,
    pub pages: usize,
}

/// Lower case, with anything that is not a letter or digit as a space: "O'Neil" and "oneil"
/// differ, but "CAMHS," and "camhs" do not.
pub fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// How well one searched word matches one word of a profile: 3 the same, 2 its start, 1 one
/// slip away (a wrong, missing, extra or swapped letter; words of four letters or more).
fn word_match(searched: &str, word: &str) -> u32 {
    if searched == word {
        3
    } else if word.starts_with(searched) {
        2
    } else if searched.len() >= 4 && one_slip_apart(searched.as_bytes(), word.as_bytes()) {
        1
    } else {
        0
    }
}

/// Whether `a` becomes `b` by one wrong, missing, extra or swapped letter (optimal string
/// alignment distance 1, on bytes). Linear and allocation-free: it runs for every word of
/// every profile at each search.
pub fn one_slip_apart(a: &[u8], b: &[u8]) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    if long.len() - short.len() > 1 {
        return false;
    }
    let Some(i) = short.iter().zip(long).position(|(x, y)| x != y) else {
        // One is the other plus a letter at the end, or they are equal.
        return long.len() != short.len();
    };
    if short.len() == long.len() {
        let swapped = i + 1 < short.len()
            && short[i] == long[i + 1]
            && short[i + 1] == long[i]
            && short[i + 2..] == long[i + 2..];
        swapped || short[i + 1..] == long[i + 1..]
    } else {
        short[i..] == long[i + 1..]
    }
}

/// Everyone, as the search reads them: with every distinct word and where it occurs, so that
/// a searched word is compared with each distinct word once, not once for every person who
/// has it (500 profiles share about a tenth as many distinct words as they hold).
#[derive(Clone, Debug, Default)]
pub struct Directory {
    /// In staff-list order (family name, then whole name), so a search sorts only by score.
    people: Vec<Searchable>,
    /// Each distinct word, with the (person, field) places it occurs in.
    vocabulary: Vec<(String, Vec<(u32, u8)>)>,
}

impl Directory {
    pub fn new(mut people: Vec<Searchable>) -> Self {
        people.sort_by(|a, b| a.family_name.cmp(&b.family_name));
        let mut places: std::collections::BTreeMap<&str, Vec<(u32, u8)>> = Default::default();
        for (person, searchable) in people.iter().enumerate() {
            for (field, words) in searchable.fields.iter().enumerate() {
                for word in words {
                    places
                        .entry(word)
                        .or_default()
                        .push((person as u32, field as u8));
                }
            }
        }
        let vocabulary = places
            .into_iter()
            .map(|(word, places)| (word.to_owned(), places))
            .collect();
        Self { people, vocabulary }
    }

    /// Each person's score for the searched words, or `None` if some word matches nothing
    /// of theirs. Each word counts its best match in each field, weighted by the field, and
    /// the fields add up: someone in the CAMHS team who also lists "CAMHS referrals" comes
    /// first. Nothing searched: everyone, at 0.
    fn scores(&self, searched: &[String]) -> Vec<Option<u32>> {
        let fields = WEIGHTS.len();
        let mut totals = vec![Some(0); self.people.len()];
        let mut best = vec![0u8; self.people.len() * fields];
        for searched in searched {
            best.fill(0);
            for (word, places) in &self.vocabulary {
                let found = word_match(searched, word) as u8;
                if found == 0 {
                    continue;
                }
                for &(person, field) in places {
                    let slot = &mut best[person as usize * fields + field as usize];
                    *slot = (*slot).max(found);
                }
            }
            for (person, total) in totals.iter_mut().enumerate() {
                let row = &best[person * fields..(person + 1) * fields];
                let score: u32 = row.iter().zip(WEIGHTS).map(|(&b, w)| w * b as u32).sum();
                *total = total.filter(|_| score > 0).map(|t| t + score);
            }
        }
        totals
    }
}

/// Family name first, then the whole name: how a staff list is read.
fn sort_key(name: &str) -> (String, String) {
    let lower = name.to_lowercase();
    let family = lower
        .split_whitespace()
        .last()
        .unwrap_or_default()
        .to_owned();
    (family, lower)
}

/// The people matching `query` and `filters`, best first (alphabetical by family name when
/// nothing is searched for), cut to page `page` (from 1).
pub fn search(directory: &Directory, query: &str, filters: &Filters, page: usize) -> PeoplePage {
    let scores = directory.scores(&words(query));
    let mut found: Vec<(u32, &PersonCard)> = directory
        .people
        .iter()
        .zip(scores)
        .filter(|(p, _)| {
            let placement = &p.card.placement;
            filters
                .staff_group
                .as_ref()
                .is_none_or(|g| *g == placement.staff_group)
                && filters
                    .organisation
                    .as_ref()
                    .is_none_or(|o| *o == placement.organisation)
                && (!filters.shadowing_only || p.card.offers_shadowing)
        })
        .filter_map(|(p, score)| Some((score?, &p.card)))
        .collect();
    // Stable: people with the same score stay in staff-list order.
    found.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    let total = found.len();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = page.clamp(1, pages);
    let people = found
        .into_iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|(_, card)| card.clone())
        .collect();
    PeoplePage {
        people,
        total,
        page,
        pages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn person(id: i32, name: &str, team: &str, tags: &[&str], services: &[&str]) -> Searchable {
        let services: Vec<String> = services.iter().map(|s| (*s).to_owned()).collect();
        Searchable::new(
            PersonCard {
                id,
                name: name.into(),
                pronouns: String::new(),
                job_title: "Practitioner".into(),
                placement: Placement {
                    team_id: 1,
                    team: team.into(),
                    organisation: "North Somerset Council".into(),
                    staff_group: "Children's services specialist teams".into(),
                },
                tags: tags.iter().map(|t| (*t).to_owned()).collect(),
                offers_shadowing: id % 2 == 0,
                shadowing_note: String::new(),
            },
            &services,
        )
    }

    fn network() -> Vec<Searchable> {
        vec![
            person(1, "Amira Khan", "CAMHS North", &["self-harm"], &["CAMHS"]),
            person(
                2,
                "Tom Camber",
                "Youth Offending Team",
                &[],
                &["Youth Offending Service"],
            ),
            person(
                3,
                "Jo Reid",
                "Children's Social Care",
                &["camhs referrals"],
                &[],
            ),
            person(
                4,
                "Sam Patel",
                "Community Mental Health Team",
                &["safeguarding"],
                &[],
            ),
        ]
    }

    /// The plain way to score, person by person and word by word: what the vocabulary's
    /// shortcut must agree with.
    fn reference_score(searched: &[String], person: &Searchable) -> Option<u32> {
        searched.iter().try_fold(0, |total, searched| {
            let score: u32 = person
                .fields
                .iter()
                .zip(WEIGHTS)
                .map(|(words, weight)| {
                    weight
                        * words
                            .iter()
                            .map(|w| word_match(searched, w))
                            .max()
                            .unwrap_or(0)
                })
                .sum();
            (score > 0).then_some(total + score)
        })
    }

    fn ids(page: &PeoplePage) -> Vec<i32> {
        page.people.iter().map(|p| p.id).collect()
    }

    /// Who a search of the small network finds, best first.
    fn found(query: &str) -> Vec<i32> {
        ids(&search(
            &Directory::new(network()),
            query,
            &Filters::default(),
            1,
        ))
    }

    #[test]
    fn a_team_or_service_match_outranks_a_tag_and_matches_add_up() {
        assert_eq!(found("camhs"), [1, 3]);
        // "cam" starts "Camber" (the name weighs most) but also Amira's team and service.
        assert_eq!(found("cam"), [1, 2, 3]);
        assert_eq!(found("camber"), [2]);
    }

    #[test]
    fn one_slip_is_forgiven_in_longer_words() {
        assert_eq!(found("cahms"), [1, 3]);
        assert_eq!(found("safegaurding"), [4]);
        assert_eq!(found("patle"), [4]);
        // Short words must be exact or a start: "jo" is not "to".
        assert_eq!(found("to"), [2]);
    }

    #[test]
    fn every_word_must_match_and_punctuation_is_ignored() {
        assert_eq!(found("Amira, CAMHS!"), [1]);
        assert!(found("amira youth").is_empty());
    }

    #[test]
    fn with_nothing_searched_people_are_listed_by_family_name() {
        assert_eq!(found(""), [2, 1, 4, 3]);
    }

    #[test]
    fn filters_narrow_the_list() {
        let shadowing = Filters {
            shadowing_only: true,
            ..Filters::default()
        };
        assert_eq!(
            ids(&search(&Directory::new(network()), "", &shadowing, 1)),
            [2, 4]
        );
        let elsewhere = Filters {
            organisation: Some("Avon and Wiltshire Mental Health Partnership".into()),
            ..Filters::default()
        };
        assert_eq!(
            search(&Directory::new(network()), "", &elsewhere, 1).total,
            0
        );
    }

    #[test]
    fn pages_hold_twenty_and_a_page_past_the_end_shows_the_last() {
        let many: Vec<_> = (1..=45)
            .map(|i| person(i, &format!("Person {i:02}"), "Team", &[], &[]))
            .collect();
        let last = search(&Directory::new(many.clone()), "", &Filters::default(), 9);
        assert_eq!(
            (last.total, last.page, last.pages, last.people.len()),
            (45, 3, 3, 5)
        );
        assert_eq!(
            search(&Directory::new(many.clone()), "", &Filters::default(), 0).page,
            1
        );
    }

    fn form() -> ProfileForm {
        ProfileForm {
            name: "Amira Khan".into(),
            job_title: "Primary mental health worker".into(),
            team_id: "3".into(),
            work_email: "Amira.Khan@Example.org".into(),
            tags: "self-harm, Eating disorders,  self-harm ,".into(),
            champion_since: "2024-01-15".into(),
            offers_shadowing: Some("yes".into()),
            ..ProfileForm::default()
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
    }

    #[test]
    fn a_good_form_is_cleaned() {
        let valid = form().validate(&[1, 3], today()).unwrap();
        assert_eq!(valid.work_email, "amira.khan@example.org");
        assert_eq!(valid.tags, ["self-harm", "Eating disorders"]);
        assert!(valid.offers_shadowing);
        assert_eq!(valid.team_id, 3);
    }

    #[test]
    fn every_bad_field_gets_its_own_message() {
        let bad = ProfileForm {
            name: " ".into(),
            team_id: "99".into(),
            work_email: "amira at example".into(),
            phone: "ring me".into(),
            champion_since: "2030-01-01".into(),
            ..form()
        };
        let messages: Vec<(String, String)> = bad
            .validate(&[1, 3], today())
            .unwrap_err()
            .into_iter()
            .map(|e| (e.field, e.message))
            .collect();
        let expected = [
            ("name", "Enter a full name"),
            ("team_id", "Select a team"),
            (
                "work_email",
                "Enter a work email address, like name@example.org",
            ),
            (
                "phone",
                "Enter a phone number, like 01632 960 001 or +44 7700 900 982",
            ),
            (
                "champion_since",
                "Champion since must be today or in the past",
            ),
        ];
        assert_eq!(
            messages,
            expected.map(|(f, m)| (f.to_owned(), m.to_owned()))
        );
    }

    #[test]
    fn a_profile_round_trips_through_its_form() {
        let valid = form().validate(&[3], today()).unwrap();
        let profile = Profile {
            id: 1,
            account_id: None,
            name: valid.name.clone(),
            pronouns: valid.pronouns.clone(),
            job_title: valid.job_title.clone(),
            placement: Placement {
                team_id: 3,
                team: "CAMHS".into(),
                organisation: "NHS".into(),
                staff_group: "Specialist".into(),
            },
            work_email: valid.work_email.clone(),
            phone: valid.phone.clone(),
            base: valid.base.clone(),
            tags: valid.tags.clone(),
            champion_since: valid.champion_since,
            supporting_manager: valid.supporting_manager.clone(),
            offers_shadowing: valid.offers_shadowing,
            shadowing_note: valid.shadowing_note.clone(),
            availability: valid.availability.clone(),
            has_photo: false,
            confirmed_at: None,
            updated_at: Utc::now(),
        };
        let again = ProfileForm::from_profile(&profile)
            .validate(&[3], today())
            .unwrap();
        assert_eq!(again, valid);
        assert_eq!(
            profile.missing(),
            [
                "Pronouns",
                "Phone number",
                "Base",
                "Supporting manager",
                "Availability",
                "Photo"
            ]
        );
        assert_eq!(profile.completeness(), 25);
        assert!(profile.is_stale(Utc::now()));
    }

    #[test]
    fn a_profile_goes_stale_six_months_after_it_was_confirmed() {
        let now = Utc::now();
        assert!(!is_stale(
            Some(now - chrono::Duration::days(CONFIRM_EVERY_DAYS)),
            now
        ));
        assert!(is_stale(
            Some(now - chrono::Duration::days(CONFIRM_EVERY_DAYS + 1)),
            now
        ));
        assert!(is_stale(None, now));
    }

    proptest! {
        /// The fast check agrees with strsim's optimal string alignment distance.
        #[test]
        fn one_slip_means_an_osa_distance_of_one(a in "[abc]{0,6}", b in "[abc]{0,6}") {
            prop_assert_eq!(
                one_slip_apart(a.as_bytes(), b.as_bytes()),
                strsim::osa_distance(&a, &b) == 1
            );
        }

        #[test]
        fn tags_that_pass_are_few_short_and_distinct(raw in "[a-zA-Z ,-]{0,300}") {
            if let Ok(tags) = tags(&raw) {
                prop_assert!(tags.len() <= MAX_TAGS);
                let mut lower: Vec<_> = tags.iter().map(|t| t.to_lowercase()).collect();
                lower.sort();
                lower.dedup();
                prop_assert_eq!(lower.len(), tags.len());
                prop_assert!(tags.iter().all(|t| !t.is_empty() && t.chars().count() <= MAX_TAG_CHARS));
            }
        }

        #[test]
        fn the_vocabulary_scores_as_comparing_every_word_of_every_person_would(
            people in proptest::collection::vec(
                ("[a-d]{1,5}( [a-d]{1,5}){0,2}", "[a-d]{2,6}", proptest::collection::vec("[a-d]{3,6}", 0..3)),
                0..12,
            ),
            query in "[a-e]{1,6}( [a-e]{1,6}){0,2}",
        ) {
            let mut people: Vec<Searchable> = people
                .iter()
                .enumerate()
                .map(|(i, (name, team, tags))| {
                    let tags: Vec<&str> = tags.iter().map(String::as_str).collect();
                    person(i as i32, name, team, &tags, &[team.as_str()])
                })
                .collect();
            // The directory holds people in staff-list order; its scores come in that order.
            people.sort_by(|a, b| a.family_name.cmp(&b.family_name));
            let searched = words(&query);
            let expected: Vec<Option<u32>> =
                people.iter().map(|p| reference_score(&searched, p)).collect();
            prop_assert_eq!(Directory::new(people).scores(&searched), expected);
        }

        #[test]
        fn a_search_lists_the_best_scores_first_then_by_family_name(
            people in proptest::collection::vec(("[a-c]{1,3} [a-c]{1,3}", "[a-c]{2,4}"), 0..40),
            query in "[a-c]{1,3}",
        ) {
            let people: Vec<Searchable> = people
                .iter()
                .enumerate()
                .map(|(i, (name, team))| person(i as i32, name, team, &[], &[]))
                .collect();
            let searched = words(&query);
            let mut expected: Vec<(u32, (String, String), i32)> = people
                .iter()
                .filter_map(|p| Some((reference_score(&searched, p)?, p.family_name.clone(), p.card.id)))
                .collect();
            expected.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            let found = search(&Directory::new(people), &query, &Filters::default(), 1);
            prop_assert_eq!(found.total, expected.len());
            // People with the same score and name may come in either order: compare those.
            let key = |id: i32| expected.iter().find(|e| e.2 == id).map(|e| (e.0, e.1.clone()));
            let shown: Vec<_> = found.people.iter().map(|c| key(c.id)).collect();
            let wanted: Vec<_> = expected.iter().take(PAGE_SIZE).map(|e| key(e.2)).collect();
            prop_assert_eq!(shown, wanted);
        }

        #[test]
        fn a_persons_own_name_always_finds_them(first in "[A-Z][a-z]{2,8}", family in "[A-Z][a-z]{2,10}") {
            let name = format!("{first} {family}");
            let mut people = network();
            people.push(person(99, &name, "Team", &[], &[]));
            let found = search(&Directory::new(people), &name, &Filters::default(), 1);
            prop_assert_eq!(found.people.first().map(|p| p.id), Some(99));
        }
    }
}
