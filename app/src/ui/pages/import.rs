//! `/import`: CSV export of people and services, and import (upload, dry run, confirm).
//! Coordinators only.

use crate::ui::components::id_param;
use crate::{
    api::{
        account::signed_in_account,
        import::{ConfirmImport, UploadImport, checked_upload},
    },
    domain::{
        account::Role,
        import::{ImportKind, MAX_IMPORT_SIZE, RowAction},
    },
    error::AppError,
    ui::{
        components::{Done, PageMeta, refusal},
        forms::{ErrorSummary, FileField, Form, RadiosField, form_title, returned_error},
    },
};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ImportPage() -> impl IntoView {
    let done = use_query_map().with_untracked(|q| {
        let count = |name: &str| q.get(name)?.parse::<usize>().ok();
        Some(format!(
            "Imported: {} added, {} updated",
            count("added")?,
            count("updated")?
        ))
    });
    let error = returned_error::<UploadImport>().or_else(returned_error::<ConfirmImport>);
    view! {
        <Suspense>
            {Suspend::new(async move {
                match signed_in_account().await {
                    Ok(Some(me)) if me.role == Role::Coordinator => {}
                    Ok(Some(_)) => return refusal(AppError::Forbidden, "/import"),
                    Ok(None) => return refusal(AppError::SignInRequired, "/import"),
                    Err(error) => return refusal(error, "/import"),
                }
                let error = error.clone();
                let title = form_title("Import and export", &error);
                let columns = |kind: ImportKind| kind.columns().join(", ");
                view! {
                    <PageMeta title description="Export profiles, services and the glossary as CSV files, and import them back after a dry run." />
                    <div class="govuk-grid-row">
                        <div class="govuk-grid-column-two-thirds">
                            <Done message=done.clone() />
                            <ErrorSummary error=error.clone() />
                            <h1 class="govuk-heading-xl">"Import and export"</h1>
                            <h2 class="govuk-heading-l">"Export"</h2>
                            <ul class="govuk-list">
                                <li><a class="govuk-link" href="/api/people.csv" download="people.csv">"Download everyone's profiles (CSV)"</a></li>
                                <li><a class="govuk-link" href="/api/services.csv" download="services.csv">"Download the services (CSV)"</a></li>
                                <li><a class="govuk-link" href="/api/glossary.csv" download="glossary.csv">"Download the glossary (CSV)"</a></li>
                            </ul>
                            <h2 class="govuk-heading-l">"Import"</h2>
                            <p class="govuk-body">
                                "Upload a CSV file with the same columns as the export. You will see what it would change, row by row, before anything is changed. A profile with a work email address already in the directory is updated; so is a service with the same name in the same organisation, and a glossary term with the same term used in the same place. Everything else is added."
                            </p>
                            <details class="govuk-details">
                                <summary class="govuk-details__summary"><span class="govuk-details__summary-text">"The columns"</span></summary>
                                <div class="govuk-details__text">
                                    <p class="govuk-body">"People: " {columns(ImportKind::People)}</p>
                                    <p class="govuk-body">"Services: " {columns(ImportKind::Services)}</p>
                                    <p class="govuk-body">"Glossary: " {columns(ImportKind::Glossary)} ". Several other names or related terms in one cell are separated by semicolons."</p>
                                </div>
                            </details>
                            <Form action=UploadImport::PATH upload=true>
                                <RadiosField
                                    name="kind"
                                    legend="What does the file hold?"
                                    options=vec![("people", "Profiles"), ("services", "Services"), ("glossary", "Glossary terms")]
                                    selected="people".to_owned()
                                />
                                <FileField name="file" label="CSV file".to_owned() hint=format!("UTF-8, {MAX_IMPORT_SIZE} at most") accept=".csv,text/csv" />
                                <button type="submit" class="govuk-button">"Check the file"</button>
                            </Form>
                        </div>
                    </div>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

/// `/import/{id}`: the dry run of an upload, and the button that imports it.
#[component]
pub fn ImportCheckPage() -> impl IntoView {
    let id = id_param();
    let error = returned_error::<ConfirmImport>();
    view! {
        <Suspense>
            {Suspend::new(async move {
                let here = id.map_or_else(|| "/import".to_owned(), |id| format!("/import/{id}"));
                let Some(id) = id else { return refusal(AppError::NotFound, &here) };
                let preview = match checked_upload(id).await {
                    Ok(preview) => preview,
                    Err(error) => return refusal(error, &here),
                };
                let (added, updated, wrong) = preview.counts();
                let ready = preview.ready();
                let kind = preview.kind;
                let what = move |n: usize| match (kind, n) {
                    (ImportKind::People, 1) => "profile",
                    (ImportKind::People, _) => "profiles",
                    (ImportKind::Services, 1) => "service",
                    (ImportKind::Services, _) => "services",
                    (ImportKind::Glossary, 1) => "glossary term",
                    (ImportKind::Glossary, _) => "glossary terms",
                };
                let title = format!("Check the import of {}", preview.file_name);
                view! {
                    <PageMeta title=title.clone() description="What importing this file would change, row by row, before anything is changed." />
                    <h1 class="govuk-heading-xl">{title}</h1>
                    {match (&preview.file_problem, ready) {
                        (Some(problem), _) => view! {
                            <div class="govuk-error-summary" data-module="govuk-error-summary">
                                <div role="alert">
                                    <h2 class="govuk-error-summary__title">"This file cannot be imported"</h2>
                                    <div class="govuk-error-summary__body"><p class="govuk-body">{problem.clone()}</p></div>
                                </div>
                            </div>
                            <p class="govuk-body"><a class="govuk-link" href="/import">"Upload another file"</a></p>
                        }.into_any(),
                        (None, false) => view! {
                            <div class="govuk-error-summary" data-module="govuk-error-summary">
                                <div role="alert">
                                    <h2 class="govuk-error-summary__title">{format!("{wrong} of {} rows need fixing", preview.rows.len())}</h2>
                                    <div class="govuk-error-summary__body">
                                        <p class="govuk-body">"Nothing has been changed. Fix these rows in the file and upload it again: a file is imported whole or not at all."</p>
                                    </div>
                                </div>
                            </div>
                            <p class="govuk-body"><a class="govuk-link" href="/import">"Upload the corrected file"</a></p>
                        }.into_any(),
                        (None, true) => view! {
                            <p class="govuk-body-l">{format!("Importing will add {added} and update {updated} {}. Nothing has been changed yet.", what(2))}</p>
                            <ErrorSummary error=error.clone() />
                            <Form action=ConfirmImport::PATH id=Some(id)>
                                <div class="govuk-button-group">
                                    <button type="submit" class="govuk-button">{format!("Import {} {}", added + updated, what(added + updated))}</button>
                                    <a class="govuk-link" href="/import">"Cancel"</a>
                                </div>
                            </Form>
                        }.into_any(),
                    }}
                    {(!preview.rows.is_empty()).then(|| view! {
                        <table class="govuk-table">
                            <caption class="govuk-table__caption govuk-table__caption--m">"Row by row"</caption>
                            <thead class="govuk-table__head">
                                <tr class="govuk-table__row">
                                    <th scope="col" class="govuk-table__header">"Line"</th>
                                    <th scope="col" class="govuk-table__header">"Row"</th>
                                    <th scope="col" class="govuk-table__header">"What would happen"</th>
                                </tr>
                            </thead>
                            <tbody class="govuk-table__body">
                                {preview.rows.into_iter().map(|row| {
                                    let outcome = if row.problems.is_empty() {
                                        match row.action {
                                            Some(RowAction::Update) => view! { <strong class="govuk-tag govuk-tag--blue">"Update"</strong> }.into_any(),
                                            _ => view! { <strong class="govuk-tag govuk-tag--green">"Add"</strong> }.into_any(),
                                        }
                                    } else {
                                        view! {
                                            <ul class="govuk-list govuk-error-message">
                                                {row.problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                                            </ul>
                                        }.into_any()
                                    };
                                    view! {
                                        <tr class="govuk-table__row">
                                            <td class="govuk-table__cell">{row.line}</td>
                                            <td class="govuk-table__cell">{row.label}</td>
                                            <td class="govuk-table__cell">{outcome}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    })}
                }
                    .into_any()
            })}
        </Suspense>
    }
}
