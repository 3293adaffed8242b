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
        components::{Done, refusal},
        forms::{ErrorSummary, returned_error},
    },
};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_meta::Title;
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
                let message = error.as_ref().and_then(|e| e.field("file")).map(str::to_owned);
                let title = if error.is_some() { "Error: Import and export" } else { "Import and export" };
                let columns = |kind: ImportKind| kind.columns().join(", ");
                view! {
                    <Title text=title />
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
                            <form method="post" action=UploadImport::PATH enctype="multipart/form-data" novalidate>
                                <div class="govuk-form-group">
                                    <fieldset class="govuk-fieldset">
                                        <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">"What does the file hold?"</legend>
                                        <div class="govuk-radios govuk-radios--small" data-module="govuk-radios">
                                            <div class="govuk-radios__item">
                                                <input class="govuk-radios__input" id="kind" name="kind" type="radio" value="people" checked=true />
                                                <label class="govuk-label govuk-radios__label" for="kind">"Profiles"</label>
                                            </div>
                                            <div class="govuk-radios__item">
                                                <input class="govuk-radios__input" id="kind-services" name="kind" type="radio" value="services" />
                                                <label class="govuk-label govuk-radios__label" for="kind-services">"Services"</label>
                                            </div>
                                            <div class="govuk-radios__item">
                                                <input class="govuk-radios__input" id="kind-glossary" name="kind" type="radio" value="glossary" />
                                                <label class="govuk-label govuk-radios__label" for="kind-glossary">"Glossary terms"</label>
                                            </div>
                                        </div>
                                    </fieldset>
                                </div>
                                <div class="govuk-form-group" class:govuk-form-group--error=message.is_some()>
                                    <label class="govuk-label" for="file">"CSV file"</label>
                                    <div class="govuk-hint" id="file-hint">{format!("UTF-8, {MAX_IMPORT_SIZE} at most")}</div>
                                    {message.clone().map(|m| view! {
                                        <p class="govuk-error-message" id="file-error">
                                            <span class="govuk-visually-hidden">"Error: "</span>{m}
                                        </p>
                                    })}
                                    <input
                                        class="govuk-file-upload"
                                        class:govuk-file-upload--error=message.is_some()
                                        id="file"
                                        name="file"
                                        type="file"
                                        accept=".csv,text/csv"
                                        aria-describedby=if message.is_some() { "file-hint file-error" } else { "file-hint" }
                                    />
                                </div>
                                <button type="submit" class="govuk-button">"Check the file"</button>
                            </form>
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
    let confirm = ServerAction::<ConfirmImport>::new();
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
                    <Title text=title.clone() />
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
                            <ErrorSummary error=confirm.value().get_untracked().and_then(Result::err) />
                            <ActionForm action=confirm>
                                <input type="hidden" name="id" value=id />
                                <div class="govuk-button-group">
                                    <button type="submit" class="govuk-button">{format!("Import {} {}", added + updated, what(added + updated))}</button>
                                    <a class="govuk-link" href="/import">"Cancel"</a>
                                </div>
                            </ActionForm>
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
