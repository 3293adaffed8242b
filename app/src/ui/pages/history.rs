//! `/people/{id}/history`, `/services/{id}/history`, `/roles/{id}/history`: a record as it
//! reads now and each earlier version, with what the next one changed.

use crate::ui::components::id_param;
use crate::{
    api::history::record_history,
    domain::history::Field,
    error::AppError,
    ui::components::{PageMeta, refusal, utc},
};
use leptos::prelude::*;

fn fields_list(fields: Vec<Field>, changed: Vec<String>) -> impl IntoView {
    view! {
        <dl class="govuk-summary-list">
            {fields
                .into_iter()
                .map(|f| {
                    let was_changed = changed.contains(&f.label);
                    let value = if f.value.is_empty() { "(empty)".to_owned() } else { f.value };
                    view! {
                        <div class="govuk-summary-list__row">
                            <dt class="govuk-summary-list__key">{f.label}</dt>
                            <dd class="govuk-summary-list__value app-pre-line">{value}</dd>
                            <dd class="govuk-summary-list__actions">
                                {was_changed.then(|| view! { <strong class="govuk-tag govuk-tag--blue">"Changed next"</strong> })}
                            </dd>
                        </div>
                    }
                })
                .collect_view()}
        </dl>
    }
}

/// `kind` is the record type the address is for: `profile`, `service` or `job_role`.
#[component]
pub fn HistoryPage(kind: &'static str) -> impl IntoView {
    let id = id_param();
    view! {
        <Suspense>
            {Suspend::new(async move {
                let area = match kind {
                    "profile" => "people",
                    "service" => "services",
                    _ => "roles",
                };
                let here = id.map_or_else(|| format!("/{area}"), |id| format!("/{area}/{id}/history"));
                let Some(id) = id else { return refusal(AppError::NotFound, &here) };
                let history = match record_history(kind.to_owned(), id).await {
                    Ok(history) => history,
                    Err(error) => return refusal(error, &here),
                };
                let title = format!("History of {}", history.title);
                let count = match history.versions.len() {
                    0 => "It has not been changed since it was added.".to_owned(),
                    1 => "1 earlier version, newest first.".to_owned(),
                    n => format!("{n} earlier versions, newest first."),
                };
                view! {
                    <PageMeta title=title.clone() description=format!("Earlier versions of {}, and what each change was.", history.title) />
                    <div class="govuk-grid-row">
                        <div class="govuk-grid-column-two-thirds">
                            <h1 class="govuk-heading-xl">{title}</h1>
                            <p class="govuk-body">
                                <a class="govuk-link" href=history.href>{format!("Back to {}", history.title)}</a>
                            </p>
                            <h2 class="govuk-heading-l">"Now"</h2>
                            {fields_list(history.current, vec![])}
                            <h2 class="govuk-heading-l">"Earlier versions"</h2>
                            <p class="govuk-body">{count}</p>
                            {history
                                .versions
                                .into_iter()
                                .map(|v| {
                                    let by = v.replaced_by.map(|by| format!(" by {by}")).unwrap_or_default();
                                    view! {
                                        <h3 class="govuk-heading-m">{format!("Version {}", v.number)}</h3>
                                        <p class="govuk-body-s">{format!("Replaced {} UTC{by}", utc(v.replaced_at))}</p>
                                        {fields_list(v.fields, v.changed)}
                                    }
                                })
                                .collect_view()}
                        </div>
                    </div>
                }
                    .into_any()
            })}
        </Suspense>
    }
}
