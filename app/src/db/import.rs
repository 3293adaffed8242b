//! Importing people and services from CSV. An uploaded file is kept and checked row by row
//! (a dry run that changes nothing); confirming checks it again against the data as it is
//! then and imports every row in one transaction, so a file never half-imports.

use super::{
    SaveError, bank, bank_edit, directory,
    entities::{glossary_term, import_batch, profile, service},
    glossary,
};
use crate::{
    csv_format,
    domain::{
        bank::ValidService,
        directory::ValidProfile,
        glossary::ValidTerm,
        import::{ImportKind, ImportPreview, KEEP_UPLOAD_HOURS, RowAction, RowCheck},
    },
};
use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter};
use std::collections::HashMap;

/// Keeps an uploaded file for checking and importing. Returns its id.
pub async fn keep(
    conn: &impl ConnectionTrait,
    kind: ImportKind,
    file_name: &str,
    content: String,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<i32, DbErr> {
    // Files nobody confirmed are of no more use.
    import_batch::Entity::delete_many()
        .filter(
            import_batch::Column::CreatedAt.lt(now - chrono::Duration::hours(KEEP_UPLOAD_HOURS)),
        )
        .exec(conn)
        .await?;
    let row = import_batch::ActiveModel {
        kind: Set(kind.as_str().to_owned()),
        file_name: Set(file_name.chars().take(200).collect()),
        content: Set(content),
        created_by: Set(actor),
        created_at: Set(now),
        ..Default::default()
    };
    Ok(import_batch::Entity::insert(row)
        .exec(conn)
        .await?
        .last_insert_id)
}

/// An uploaded file of `actor`'s that has not expired.
async fn batch(
    conn: &impl ConnectionTrait,
    id: i32,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<Option<(ImportKind, import_batch::Model)>, DbErr> {
    let found = import_batch::Entity::find_by_id(id)
        .filter(import_batch::Column::CreatedBy.eq(actor))
        .filter(
            import_batch::Column::CreatedAt.gte(now - chrono::Duration::hours(KEEP_UPLOAD_HOURS)),
        )
        .one(conn)
        .await?;
    Ok(found.and_then(|b| Some((ImportKind::parse(&b.kind)?, b))))
}

/// What importing one checked row does.
enum Planned {
    Person(Option<i32>, ValidProfile),
    Service(Option<i32>, ValidService),
    Term(Option<i32>, ValidTerm),
}

/// Teams by (name, organisation name), both in lower case.
async fn teams_by_name(
    conn: &impl ConnectionTrait,
) -> Result<(HashMap<(String, String), i32>, Vec<i32>), DbErr> {
    let placements = directory::placements(conn).await?;
    let ids = placements.keys().copied().collect();
    let by_name = placements
        .into_values()
        .map(|p| {
            (
                (p.team.to_lowercase(), p.organisation.to_lowercase()),
                p.team_id,
            )
        })
        .collect();
    Ok((by_name, ids))
}

/// Checks every row of a file against the data as it is now.
async fn check(
    conn: &impl ConnectionTrait,
    kind: ImportKind,
    content: &str,
    now: DateTime<Utc>,
) -> Result<Result<Vec<(RowCheck, Option<Planned>)>, String>, DbErr> {
    let rows = match csv_format::read(kind, content) {
        Ok(rows) => rows,
        Err(problem) => return Ok(Err(problem)),
    };
    let (teams, team_ids) = teams_by_name(conn).await?;
    let people: HashMap<String, i32> = profile::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(|p| (p.work_email, p.id))
        .collect();
    let services: HashMap<(i32, String), i32> = service::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(|s| ((s.organisation_id, s.name.to_lowercase()), s.id))
        .collect();
    let organisation_of: HashMap<i32, i32> = super::entities::team::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(|t| (t.id, t.organisation_id))
        .collect();
    let terms: HashMap<(String, String), i32> = glossary_term::Entity::find()
        .all(conn)
        .await?
        .into_iter()
        .map(|t| ((t.term_key, t.context), t.id))
        .collect();
    // What earlier rows of the file already claim, by line: a file must not say two things.
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut checked = Vec::with_capacity(rows.len());
    for row in rows {
        let mut problems = Vec::new();
        let team_name = row.get("team").trim().to_lowercase();
        let organisation = row.get("organisation").trim().to_lowercase();
        let team_id = teams.get(&(team_name, organisation)).copied();
        if team_id.is_none() && kind != ImportKind::Glossary {
            problems.push(format!(
                "team: There is no team \"{}\" in \"{}\". Add it on the teams page first",
                row.get("team").trim(),
                row.get("organisation").trim()
            ));
        }
        let label_column = if kind == ImportKind::Glossary {
            "term"
        } else {
            "name"
        };
        let mut label = row.get(label_column).trim().to_owned();
        let mut planned = None;
        let add_field_problems =
            |problems: &mut Vec<String>, errors: Vec<crate::error::FieldError>| {
                problems.extend(
                    errors
                        .into_iter()
                        // An unknown team is explained once, above.
                        .filter(|e| !(team_id.is_none() && e.field == "team_id"))
                        .map(|e| format!("{}: {}", column_of(&e.field), e.message)),
                );
            };
        match kind {
            ImportKind::People => match csv_format::profile_form(&row, team_id) {
                Err(problem) => problems.push(problem),
                Ok(form) => match form.validate(&team_ids, now.date_naive()) {
                    Err(errors) => add_field_problems(&mut problems, errors),
                    Ok(valid) => {
                        let key = valid.work_email.clone();
                        if let Some(line) = seen.insert(key.clone(), row.line) {
                            problems.push(format!(
                                "work_email: Line {line} has the same email address"
                            ));
                        }
                        if label.is_empty() {
                            label = key.clone();
                        }
                        planned = Some(Planned::Person(people.get(&key).copied(), valid));
                    }
                },
            },
            ImportKind::Glossary => match csv_format::term_form(&row).validate() {
                Err(errors) => add_field_problems(&mut problems, errors),
                Ok(valid) => {
                    let key = (valid.key.clone(), valid.context.as_str().to_owned());
                    if let Some(line) = seen.insert(format!("{}/{}", key.0, key.1), row.line) {
                        problems.push(format!(
                            "term: Line {line} has the same term for the same context"
                        ));
                    }
                    planned = Some(Planned::Term(terms.get(&key).copied(), valid));
                }
            },
            ImportKind::Services => match csv_format::service_form(&row, team_id) {
                Err(problem) => problems.push(problem),
                Ok(form) => match form.validate(&team_ids) {
                    Err(errors) => add_field_problems(&mut problems, errors),
                    Ok(valid) => {
                        let organisation = organisation_of
                            .get(&valid.team_id)
                            .copied()
                            .unwrap_or_default();
                        let key = (organisation, valid.name.to_lowercase());
                        if let Some(line) = seen.insert(format!("{}/{}", key.0, key.1), row.line) {
                            problems.push(format!(
                                "name: Line {line} has a service of the same name and organisation"
                            ));
                        }
                        planned = Some(Planned::Service(services.get(&key).copied(), valid));
                    }
                },
            },
        }
        let action = planned.as_ref().map(|p| match p {
            Planned::Person(Some(_), _)
            | Planned::Service(Some(_), _)
            | Planned::Term(Some(_), _) => RowAction::Update,
            _ => RowAction::Add,
        });
        if !problems.is_empty() {
            planned = None;
        }
        checked.push((
            RowCheck {
                line: row.line,
                label,
                action,
                problems,
            },
            planned,
        ));
    }
    Ok(Ok(checked))
}

/// The CSV column a form field is read from.
fn column_of(field: &str) -> &str {
    match field {
        "team_id" => "team",
        "tags" => "ask_me_about",
        other => other,
    }
}

/// The dry run: an uploaded file of `actor`'s, checked. `None`: no such file, or expired.
pub async fn preview(
    conn: &impl ConnectionTrait,
    id: i32,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<Option<ImportPreview>, DbErr> {
    let Some((kind, batch)) = batch(conn, id, actor, now).await? else {
        return Ok(None);
    };
    let (file_problem, rows) = match check(conn, kind, &batch.content, now).await? {
        Ok(checked) => (None, checked.into_iter().map(|(row, _)| row).collect()),
        Err(problem) => (Some(problem), vec![]),
    };
    Ok(Some(ImportPreview {
        id,
        kind,
        file_name: batch.file_name,
        file_problem,
        rows,
    }))
}

/// Why an import did not happen.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("no such upload, or it has expired")]
    Gone,
    #[error("the file no longer passes its check")]
    NotReady,
    #[error(transparent)]
    Save(#[from] SaveError),
}

impl From<DbErr> for ImportError {
    fn from(e: DbErr) -> Self {
        Self::Save(SaveError::Db(e))
    }
}

/// Imports an uploaded file, checked again first. Every row or none: the caller commits the
/// transaction `conn` is only if this returns `Ok`. Returns (added, updated).
pub async fn apply(
    conn: &impl ConnectionTrait,
    id: i32,
    actor: i32,
    now: DateTime<Utc>,
) -> Result<(usize, usize), ImportError> {
    let (kind, batch) = batch(conn, id, actor, now)
        .await?
        .ok_or(ImportError::Gone)?;
    let checked = check(conn, kind, &batch.content, now)
        .await?
        .map_err(|_| ImportError::NotReady)?;
    if checked.is_empty() || checked.iter().any(|(row, _)| !row.problems.is_empty()) {
        return Err(ImportError::NotReady);
    }
    let (mut added, mut updated) = (0, 0);
    for (_, planned) in checked {
        match planned {
            Some(Planned::Person(Some(id), valid)) => {
                directory::update(conn, id, &valid, actor, now, false).await?;
                updated += 1;
            }
            Some(Planned::Person(None, valid)) => {
                directory::create(conn, &valid, actor, now).await?;
                added += 1;
            }
            Some(Planned::Service(Some(id), valid)) => {
                bank_edit::update_service(conn, id, &valid, actor, now, false).await?;
                updated += 1;
            }
            Some(Planned::Service(None, valid)) => {
                bank_edit::create_service(conn, &valid, actor, now, false).await?;
                added += 1;
            }
            Some(Planned::Term(Some(id), valid)) => {
                glossary::update(conn, id, &valid, actor, now).await?;
                updated += 1;
            }
            Some(Planned::Term(None, valid)) => {
                glossary::create(conn, &valid, Some(actor), now).await?;
                added += 1;
            }
            None => return Err(ImportError::NotReady),
        }
    }
    import_batch::Entity::delete_by_id(id).exec(conn).await?;
    Ok((added, updated))
}

/// Every service (published only, unless `drafts`), for the export: by name.
pub async fn all_services(
    conn: &impl ConnectionTrait,
    drafts: bool,
) -> Result<Vec<crate::domain::bank::Service>, DbErr> {
    let mut services = Vec::new();
    for row in service::Entity::find().all(conn).await? {
        if (row.published || drafts)
            && let Some(s) = bank::service(conn, row.id).await?
        {
            services.push(s);
        }
    }
    services.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(services)
}
