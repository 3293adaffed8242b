//! Coordinators' read-only views: the audit log (filtered, and as CSV) and the mail outbox.

use crate::{
    api::{
        audit::{PAGE_LIMIT, audit_log},
        outbox::mail_outbox,
    },
    domain::{audit::Action, outbox::DeliveryState},
    ui::{
        components::{PageMeta, refusal, utc},
        forms::{ErrorSummary, SelectField, TextField},
    },
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn AuditPage() -> impl IntoView {
    let query = use_query_map();
    let param = |name: &str| query.with_untracked(|q| q.get(name)).unwrap_or_default();
    let (action, from, to) = (param("action"), param("from"), param("to"));
    view! {
        <Suspense>
            {Suspend::new(async move {
                let here = "/audit";
                let result = audit_log(Some(action.clone()), Some(from.clone()), Some(to.clone())).await;
                let (entries, error) = match result {
                    Ok(entries) => (entries, None),
                    Err(error @ crate::error::AppError::Invalid(_)) => (vec![], Some(error)),
                    Err(error) => return refusal(error, here),
                };
                let field = |name: &str| error.as_ref().and_then(|e| e.field(name));
                let csv = format!(
                    "/api/audit-log.csv?{}",
                    url::form_urlencoded::Serializer::new(String::new())
                        .extend_pairs([("action", &action), ("from", &from), ("to", &to)])
                        .finish()
                );
                let mut actions = vec![(String::new(), "Any action".to_owned())];
                actions.extend(Action::ALL.iter().map(|a| (a.as_str().to_owned(), a.label().to_owned())));
                let title = if error.is_some() { "Error: Audit log" } else { "Audit log" };
                view! {
                    <PageMeta title description="Every sign-in, sign-out, invitation, role change and change to a record, with personal data masked." />
                    <h1 class="govuk-heading-xl">"Audit log"</h1>
                    <ErrorSummary error=error.clone() />
                    <p class="govuk-body">
                        "Every sign-in, sign-out, invitation, role change and change to a record. Personal data is masked. Nobody can change this log."
                    </p>
                    <form method="get" action=here novalidate>
                        <SelectField name="action" label="Action" options=actions selected=action.clone() error=field("action") />
                        <TextField name="from" label="From (UTC date)" hint="For example, 2026-11-01" value=from.clone() error=field("from") />
                        <TextField name="to" label="To (UTC date)" hint="For example, 2026-11-30" value=to.clone() error=field("to") />
                        <button type="submit" class="govuk-button govuk-button--secondary">"Filter"</button>
                    </form>
                    <p class="govuk-body">
                        <a class="govuk-link" href=csv download="audit-log.csv">"Download these entries as CSV"</a>
                    </p>
                    <table class="govuk-table">
                        <caption class="govuk-table__caption govuk-table__caption--m">
                            {if entries.len() as u64 == PAGE_LIMIT {
                                format!("The newest {PAGE_LIMIT} entries (the CSV has them all)")
                            } else {
                                format!("{} entries", entries.len())
                            }}
                        </caption>
                        <thead class="govuk-table__head">
                            <tr class="govuk-table__row">
                                <th scope="col" class="govuk-table__header">"When (UTC)"</th>
                                <th scope="col" class="govuk-table__header">"Who"</th>
                                <th scope="col" class="govuk-table__header">"Action"</th>
                                <th scope="col" class="govuk-table__header">"Record"</th>
                                <th scope="col" class="govuk-table__header">"Changes"</th>
                            </tr>
                        </thead>
                        <tbody class="govuk-table__body">
                            {entries.into_iter().map(|e| view! {
                                <tr class="govuk-table__row">
                                    <td class="govuk-table__cell">{utc(e.occurred_at)}</td>
                                    <td class="govuk-table__cell">{e.actor.clone().unwrap_or_else(|| "Not signed in".into())}</td>
                                    <td class="govuk-table__cell">{e.action.label()}</td>
                                    <td class="govuk-table__cell">{e.record.clone().unwrap_or_default()}</td>
                                    <td class="govuk-table__cell">{e.changes_line()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn OutboxPage() -> impl IntoView {
    view! {
        <Suspense>
            {Suspend::new(async move {
                let letters = match mail_outbox().await {
                    Ok(letters) => letters,
                    Err(error) => return refusal(error, "/outbox"),
                };
                view! {
                    <PageMeta title="Mail outbox" description="Every email the service sends, newest first, and whether it has been delivered." />
                    <h1 class="govuk-heading-xl">"Mail outbox"</h1>
                    <p class="govuk-body">
                        "Every email the service sends, newest first. A failing email is tried again, waiting longer each time (up to an hour). Message text is deleted once sent."
                    </p>
                    <table class="govuk-table">
                        <caption class="govuk-table__caption govuk-table__caption--m">{format!("{} emails", letters.len())}</caption>
                        <thead class="govuk-table__head">
                            <tr class="govuk-table__row">
                                <th scope="col" class="govuk-table__header">"Queued (UTC)"</th>
                                <th scope="col" class="govuk-table__header">"To"</th>
                                <th scope="col" class="govuk-table__header">"Subject"</th>
                                <th scope="col" class="govuk-table__header">"State"</th>
                                <th scope="col" class="govuk-table__header">"Attempts"</th>
                                <th scope="col" class="govuk-table__header">"Last error"</th>
                            </tr>
                        </thead>
                        <tbody class="govuk-table__body">
                            {letters.into_iter().map(|l| {
                                let class = match l.state {
                                    DeliveryState::Queued => "govuk-tag govuk-tag--blue",
                                    DeliveryState::Failing => "govuk-tag govuk-tag--red",
                                    DeliveryState::Sent => "govuk-tag govuk-tag--green",
                                };
                                let when = match (l.sent_at, l.next_attempt_at) {
                                    (Some(sent), _) => format!("sent {}", utc(sent)),
                                    (None, Some(next)) if l.attempts > 0 => format!("next try {}", utc(next)),
                                    _ => String::new(),
                                };
                                view! {
                                    <tr class="govuk-table__row">
                                        <td class="govuk-table__cell">{utc(l.created_at)}</td>
                                        <td class="govuk-table__cell">{l.recipient}</td>
                                        <td class="govuk-table__cell">{l.subject}</td>
                                        <td class="govuk-table__cell">
                                            <strong class=class>{l.state.label()}</strong>
                                            <span class="govuk-body-s">{format!(" {when}")}</span>
                                        </td>
                                        <td class="govuk-table__cell">{l.attempts}</td>
                                        <td class="govuk-table__cell">{l.last_error.unwrap_or_default()}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }
                    .into_any()
            })}
        </Suspense>
    }
}
