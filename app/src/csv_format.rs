//! People and services as CSV files: what an export writes and an import reads (the same
//! columns, so an exported file can be edited and imported back).

use crate::domain::{
    bank::{Service, ServiceForm, ServiceStatus},
    directory::{Profile, ProfileForm},
    glossary::{Meaning, TermForm},
    import::{ImportKind, MAX_IMPORT_ROWS},
    meetings::attendance::Tally,
};
use std::collections::HashMap;

/// One row of an imported file, by column.
#[derive(Debug)]
pub struct Row {
    /// Its line in the file; the header is line 1.
    pub line: usize,
    values: HashMap<String, String>,
}

impl Row {
    pub fn get(&self, column: &str) -> String {
        self.values
            .get(column)
            .map(|v| cell_in(v))
            .unwrap_or_default()
    }
}

/// Reads a file of `kind`: its header must name exactly the export's columns (in any order).
/// `Err` says what is wrong with the file as a whole.
pub fn read(kind: ImportKind, text: &str) -> Result<Vec<Row>, String> {
    // Spreadsheet programs often start a UTF-8 file with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|_| "The file's first line could not be read as CSV column names".to_owned())?
        .iter()
        .map(|h| h.trim().to_lowercase())
        .collect();
    let expected = kind.columns();
    if let Some(unknown) = header.iter().find(|h| !expected.contains(&h.as_str())) {
        return Err(format!(
            "The file has a column \"{unknown}\" that a {} import does not use. The columns are: {}",
            kind.as_str(),
            expected.join(", ")
        ));
    }
    if let Some(missing) = expected.iter().find(|c| !header.iter().any(|h| h == *c)) {
        return Err(format!(
            "The file has no \"{missing}\" column. The columns are: {}",
            expected.join(", ")
        ));
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line());
            format!(
                "Line {line} could not be read: it needs one value for each of the {} columns",
                header.len()
            )
        })?;
        if record.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        if rows.len() == MAX_IMPORT_ROWS {
            return Err(format!(
                "The file has more than {MAX_IMPORT_ROWS} rows: split it into smaller files"
            ));
        }
        rows.push(Row {
            line: record.position().map_or(0, |p| p.line() as usize),
            values: header
                .iter()
                .cloned()
                .zip(record.iter().map(str::to_owned))
                .collect(),
        });
    }
    Ok(rows)
}

/// A cell a spreadsheet would run as a formula gets a leading apostrophe on the way out
/// (phone numbers like +44… are left alone), and loses it on the way back in.
fn cell_out(value: &str) -> String {
    let mut chars = value.chars();
    let risky = match chars.next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => !chars.next().is_some_and(|c| c.is_ascii_digit() || c == ' '),
        _ => false,
    };
    if risky {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

fn cell_in(value: &str) -> String {
    match value.strip_prefix('\'') {
        Some(rest) if cell_out(rest) != rest => rest.to_owned(),
        _ => value.to_owned(),
    }
}

fn yes_no(flag: bool) -> &'static str {
    if flag { "yes" } else { "no" }
}

/// `yes`/`no` as a form's checkbox sends it; `Err` for anything else.
pub fn flag(row: &Row, column: &str) -> Result<Option<String>, String> {
    match row.get(column).trim().to_lowercase().as_str() {
        "yes" | "y" | "true" => Ok(Some("yes".to_owned())),
        "no" | "n" | "false" | "" => Ok(None),
        _ => Err(format!("{column}: Write yes or no")),
    }
}

fn write(kind: ImportKind, rows: impl Iterator<Item = Vec<String>>) -> Result<String, csv::Error> {
    write_with(kind.columns(), rows)
}

fn write_with(
    header: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<String, csv::Error> {
    let mut csv = csv::Writer::from_writer(Vec::new());
    csv.write_record(header)?;
    for row in rows {
        csv.write_record(row.iter().map(|v| cell_out(v)))?;
    }
    let bytes = csv.into_inner().map_err(|e| e.into_error())?;
    Ok(String::from_utf8(bytes).expect("written from strings"))
}

/// Each member's attendance, as `/meetings/attendance` shows it.
pub fn attendance(members: &[Tally]) -> Result<String, csv::Error> {
    let header = [
        "member",
        "staff_group",
        "meetings",
        "attended",
        "present",
        "online",
        "deputy",
        "apologies",
        "absent",
        "percent",
    ];
    write_with(
        &header,
        members.iter().map(|t| {
            [t.label.clone(), t.group.clone()]
                .into_iter()
                .chain(
                    [
                        t.recorded,
                        t.attended(),
                        t.present,
                        t.online,
                        t.deputy,
                        t.apologies,
                        t.absent,
                        t.percent(),
                    ]
                    .map(|n| n.to_string()),
                )
                .collect()
        }),
    )
}

pub fn people(profiles: &[Profile]) -> Result<String, csv::Error> {
    write(
        ImportKind::People,
        profiles.iter().map(|p| {
            vec![
                p.name.clone(),
                p.pronouns.clone(),
                p.job_title.clone(),
                p.placement.team.clone(),
                p.placement.organisation.clone(),
                p.work_email.clone(),
                p.phone.clone(),
                p.base.clone(),
                p.tags.join(", "),
                p.champion_since.map(|d| d.to_string()).unwrap_or_default(),
                p.supporting_manager.clone(),
                yes_no(p.offers_shadowing).to_owned(),
                p.shadowing_note.clone(),
                p.availability.clone(),
            ]
        }),
    )
}

pub fn services(services: &[Service]) -> Result<String, csv::Error> {
    let age = |a: Option<i32>| a.map(|a| a.to_string()).unwrap_or_default();
    write(
        ImportKind::Services,
        services.iter().map(|s| {
            vec![
                s.name.clone(),
                s.team.clone().unwrap_or_default(),
                s.organisation.clone(),
                s.status.as_str().to_owned(),
                yes_no(s.published).to_owned(),
                s.description.clone(),
                s.who_for.clone(),
                age(s.minimum_age),
                age(s.maximum_age),
                s.referral_route.clone(),
                s.referral_form_url.clone(),
                s.phone.clone(),
                s.email.clone(),
                s.url.clone(),
                s.opening_hours.clone(),
                s.locations.clone(),
                s.cost.clone(),
                s.legal_basis.clone(),
            ]
        }),
    )
}

/// Several names in one cell, as the export writes them.
const NAMES_APART: &str = "; ";

/// Every meaning of every term, its other names and related terms each in one cell.
pub fn glossary(meanings: &[Meaning]) -> Result<String, csv::Error> {
    write(
        ImportKind::Glossary,
        meanings.iter().map(|m| {
            vec![
                m.term.clone(),
                m.expansion.clone(),
                m.context.as_str().to_owned(),
                m.definition.clone(),
                m.aliases.join(NAMES_APART),
                m.see_also.join(NAMES_APART),
                m.source_url.clone(),
                m.status.as_str().to_owned(),
            ]
        }),
    )
}

/// A row as the term form: names in a cell are apart by semicolons.
pub fn term_form(row: &Row) -> TermForm {
    let names = |column| {
        row.get(column)
            .split(';')
            .map(str::trim)
            .collect::<Vec<_>>()
            .join("\n")
    };
    TermForm {
        term: row.get("term"),
        expansion: row.get("expansion"),
        definition: row.get("definition"),
        context: row.get("context"),
        aliases: names("aliases"),
        see_also: names("see_also"),
        source_url: row.get("source_url"),
        status: row.get("status").trim().to_lowercase(),
        note: String::new(),
    }
}

/// A row as the profile form; `team_id` is the team its `team` and `organisation` name.
pub fn profile_form(row: &Row, team_id: Option<i32>) -> Result<ProfileForm, String> {
    Ok(ProfileForm {
        name: row.get("name"),
        pronouns: row.get("pronouns"),
        job_title: row.get("job_title"),
        team_id: team_id.map(|t| t.to_string()).unwrap_or_default(),
        work_email: row.get("work_email"),
        phone: row.get("phone"),
        base: row.get("base"),
        tags: row.get("ask_me_about"),
        champion_since: row.get("champion_since"),
        supporting_manager: row.get("supporting_manager"),
        offers_shadowing: flag(row, "offers_shadowing")?,
        shadowing_note: row.get("shadowing_note"),
        availability: row.get("availability"),
    })
}

/// A row as the service form. The status may be written as stored (`temporarily_closed`) or
/// as shown (`Temporarily closed`).
pub fn service_form(row: &Row, team_id: Option<i32>) -> Result<ServiceForm, String> {
    let written = row.get("status").trim().to_lowercase();
    let status = ServiceStatus::ALL
        .into_iter()
        .find(|s| s.as_str() == written || s.label().to_lowercase() == written)
        .ok_or_else(|| "status: Write active, temporarily_closed or closed".to_owned())?;
    Ok(ServiceForm {
        name: row.get("name"),
        team_id: team_id.map(|t| t.to_string()).unwrap_or_default(),
        description: row.get("description"),
        who_for: row.get("who_for"),
        minimum_age: row.get("minimum_age"),
        maximum_age: row.get("maximum_age"),
        referral_route: row.get("referral_route"),
        referral_form_url: row.get("referral_form_url"),
        phone: row.get("phone"),
        email: row.get("email"),
        url: row.get("url"),
        opening_hours: row.get("opening_hours"),
        locations: row.get("locations"),
        cost: row.get("cost"),
        legal_basis: row.get("legal_basis"),
        status: status.as_str().to_owned(),
        published: flag(row, "published")?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_must_have_exactly_the_columns() {
        let people = ImportKind::People.columns().join(",");
        assert!(
            read(ImportKind::People, &format!("\u{feff}{people}\n"))
                .unwrap()
                .is_empty()
        );
        let missing = people.replace(",work_email", "");
        assert!(
            read(ImportKind::People, &missing)
                .unwrap_err()
                .contains("no \"work_email\"")
        );
        let extra = format!("{people},salary");
        assert!(
            read(ImportKind::People, &extra)
                .unwrap_err()
                .contains("\"salary\"")
        );
    }

    #[test]
    fn rows_are_read_by_column_with_their_line_and_blank_lines_skipped() {
        let text = "work_email,name,pronouns,job_title,team,organisation,phone,base,ask_me_about,\
                    champion_since,supporting_manager,offers_shadowing,shadowing_note,availability\n\
                    a@example.org,\"Khan, Amira\",,,,,,,,,,yes,,\n,,,,,,,,,,,,,\nb@example.org,Ben,,,,,,,,,,no,,\n";
        let rows = read(ImportKind::People, text).unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(
            (rows[0].line, rows[0].get("name").as_str()),
            (2, "Khan, Amira")
        );
        assert_eq!(rows[1].line, 4);
        assert_eq!(flag(&rows[0], "offers_shadowing"), Ok(Some("yes".into())));
        let short = format!(
            "{}\nonly,three,cells\n",
            ImportKind::People.columns().join(",")
        );
        assert!(
            read(ImportKind::People, &short)
                .unwrap_err()
                .starts_with("Line 2")
        );
    }

    #[test]
    fn formulas_are_defused_on_export_and_restored_on_import() {
        for (stored, written) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("-cmd", "'-cmd"),
            ("+44 7700 900 982", "+44 7700 900 982"),
            ("01632 960 100", "01632 960 100"),
            ("'quoted'", "'quoted'"),
        ] {
            assert_eq!(cell_out(stored), written);
            assert_eq!(cell_in(written), stored);
        }
    }
}
