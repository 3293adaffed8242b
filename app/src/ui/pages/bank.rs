//! The bank of services and job roles, readable by anyone.

use crate::ui::components::id_param;
use crate::{
    api::bank::{role_list, service_detail, service_list},
    domain::bank::{ServiceStatus, age_range},
    domain::glossary::Acronyms,
    error::AppError,
    ui::components::{
        Done, PageMeta, Pagination, ProblemPage, refusal, summary_of, summary_row, utc,
    },
    ui::linked::{LinkedText, TermsUsed},
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

fn status_tag(status: ServiceStatus) -> impl IntoView {
    let class = match status {
        ServiceStatus::Active => "govuk-tag govuk-tag--green",
        ServiceStatus::TemporarilyClosed => "govuk-tag govuk-tag--yellow",
        ServiceStatus::Closed => "govuk-tag govuk-tag--grey",
    };
    view! { <strong class=class>{status.label()}</strong> }
}

fn review_due_tag() -> impl IntoView {
    view! { <strong class="govuk-tag govuk-tag--orange">"Review due"</strong> }
}

fn draft_tag() -> impl IntoView {
    view! { <strong class="govuk-tag govuk-tag--grey">"Not published"</strong> }
}

/// "Service saved" and the like, from `?done=saved` after a form.
fn done_message(what: &str) -> Option<String> {
    use_query_map()
        .with_untracked(|q| q.get("done"))
        .filter(|d| d == "saved")
        .map(|_| format!("{what} saved"))
}

/// `/services`, or with `?review=due` only the entries not reviewed for a year (the
/// coordinators' list of what to check next).
#[component]
pub fn ServicesPage() -> impl IntoView {
    let (due_only, page) = use_query_map().with_untracked(|q| {
        let page = q.get("page").and_then(|p| p.parse::<u64>().ok());
        (q.get("review").as_deref() == Some("due"), page)
    });
    view! {
        <Suspense>
            {Suspend::new(async move {
                let review = due_only.then(|| "due".to_owned());
                let (list, may_edit) = match service_list(page, review).await {
                    Ok(found) => found,
                    Err(error) => return view! { <ProblemPage error /> }.into_any(),
                };
                let title = if due_only { "Services due for review" } else { "Services" };
                let link = move |page: usize| {
                    let review = if due_only { "review=due&" } else { "" };
                    format!("/services?{review}page={page}")
                };
                let services = list.services;
                let due = list.due;
                view! {
                    <PageMeta title description="The services in the bank: what each offers, who it is for and how to refer, across children's services and adult mental health." />
                    <h1 class="govuk-heading-xl">{title}</h1>
                    <p class="govuk-body">
                        "What each service offers, who it is for and how to refer. See also "
                        <a class="govuk-link" href="/roles">"job roles"</a> "."
                    </p>
                    {may_edit.then(|| view! {
                        <a class="govuk-button govuk-button--secondary" href="/services/new">"Add a service"</a>
                    })}
                    <p class="govuk-body">
                        {if due_only {
                            view! { <a class="govuk-link" href="/services">"All services"</a> }.into_any()
                        } else {
                            view! {
                                <a class="govuk-link" href="/services?review=due">
                                    {format!("Services not reviewed for a year ({due})")}
                                </a>
                            }
                                .into_any()
                        }}
                    </p>
                    <table class="govuk-table">
                        <caption class="govuk-table__caption govuk-table__caption--m">
                            {format!("{} services", list.total)}
                        </caption>
                        <thead class="govuk-table__head">
                            <tr class="govuk-table__row">
                                <th scope="col" class="govuk-table__header">"Service"</th>
                                <th scope="col" class="govuk-table__header">"Organisation"</th>
                                <th scope="col" class="govuk-table__header">"Staff group"</th>
                                <th scope="col" class="govuk-table__header">"Status"</th>
                            </tr>
                        </thead>
                        <tbody class="govuk-table__body">
                            {services
                                .into_iter()
                                .map(|s| view! {
                                    <tr class="govuk-table__row">
                                        <td class="govuk-table__cell">
                                            <a class="govuk-link" href=format!("/services/{}", s.id)>{s.name}</a>
                                        </td>
                                        <td class="govuk-table__cell">{s.organisation}</td>
                                        <td class="govuk-table__cell">{s.staff_group}</td>
                                        <td class="govuk-table__cell">
                                            {status_tag(s.status)} " " {s.review_due.then(review_due_tag)}
                                            " " {(!s.published).then(draft_tag)}
                                        </td>
                                    </tr>
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                    <Pagination page=list.page as usize pages=list.pages as usize link />
                }
                    .into_any()
            })}
        </Suspense>
    }
}

/// A row for a text that may be empty.
fn row(key: &'static str, text: String) -> impl IntoView {
    let empty = text.is_empty();
    summary_row(key, text, empty)
}

/// A row of descriptive text, its acronyms linked to the glossary.
fn linked_row(key: &'static str, text: String, acronyms: &Acronyms) -> impl IntoView {
    let empty = text.is_empty();
    let acronyms = acronyms.clone();
    summary_row(key, view! { <LinkedText text acronyms /> }, empty)
}

#[component]
pub fn ServicePage() -> impl IntoView {
    let id = id_param();
    view! {
        <Suspense>
            {Suspend::new(async move {
                let here = id.map_or_else(|| "/services".to_owned(), |id| format!("/services/{id}"));
                let Some(id) = id else { return refusal(AppError::NotFound, &here) };
                let (s, acronyms, may_edit) = match service_detail(id).await {
                    Ok(view) => (view.service, view.acronyms, view.may_edit),
                    Err(error) => return refusal(error, &here),
                };
                let review_due = s.review_due(chrono::Utc::now());
                let reviewed = match (s.reviewed_at, s.reviewer.clone()) {
                    (Some(at), Some(by)) => format!("{} UTC by {by}", utc(at)),
                    (Some(at), None) => format!("{} UTC", utc(at)),
                    (None, _) => "Never".to_owned(),
                };
                let ages = age_range(s.minimum_age, s.maximum_age).unwrap_or_default();
                view! {
                    <PageMeta title=s.name.clone() description=summary_of(&format!("{}. {}", s.organisation, s.description)) />
                    <div class="govuk-grid-row">
                        <div class="govuk-grid-column-two-thirds">
                            <Done message=done_message("Service") />
                            <span class="govuk-caption-l">{s.organisation.clone()}</span>
                            <h1 class="govuk-heading-xl">{s.name.clone()}</h1>
                            <p class="govuk-body">
                                {status_tag(s.status)} " " {review_due.then(review_due_tag)}
                                " " {(!s.published).then(draft_tag)}
                            </p>
                            {may_edit.then(|| view! {
                                <div class="govuk-button-group">
                                    <a class="govuk-button govuk-button--secondary" href=format!("/services/{id}/edit")>"Edit or review this service"</a>
                                    <a class="govuk-link" href=format!("/services/{id}/history")>"Earlier versions"</a>
                                </div>
                            })}
                            <p class="govuk-body-l">
                                <LinkedText text=s.description.clone() acronyms=acronyms.clone() />
                            </p>
                            <h2 class="govuk-heading-m">"How to refer"</h2>
                            <p class="govuk-body app-pre-line">
                                <LinkedText text=s.referral_route.clone() acronyms=acronyms.clone() />
                            </p>
                            <dl class="govuk-summary-list">
                                {row("Phone", s.phone.clone())}
                                {row("Email", s.email.clone())}
                                {row("Referral form", s.referral_form_url.clone())}
                                {row("Website", s.url.clone())}
                            </dl>
                            <h2 class="govuk-heading-m">"Who it is for"</h2>
                            <dl class="govuk-summary-list">
                                {linked_row("Eligibility", s.who_for.clone(), &acronyms)}
                                {row("Ages", ages)}
                                {row("Staff group", s.staff_group.clone())}
                                {row("Team", s.team.clone().unwrap_or_default())}
                                {row("Opening hours", s.opening_hours.clone())}
                                {row("Where", s.locations.clone())}
                                {row("Cost", s.cost.clone())}
                                {linked_row("Legal basis and duties", s.legal_basis.clone(), &acronyms)}
                                {row("Last reviewed", reviewed)}
                            </dl>
                            <h2 class="govuk-heading-m">"Champions in this service"</h2>
                            {if s.champions.is_empty() {
                                view! { <p class="govuk-body">"No champions listed yet."</p> }.into_any()
                            } else {
                                view! {
                                    <ul class="govuk-list">
                                        {s.champions.into_iter().map(|c| view! {
                                            <li>
                                                <a class="govuk-link" href=format!("/people/{}", c.id)>{c.name}</a>
                                                {format!(", {}", c.job_title)}
                                            </li>
                                        }).collect_view()}
                                    </ul>
                                }.into_any()
                            }}
                            {(!s.roles.is_empty()).then(|| view! {
                                <h2 class="govuk-heading-m">"Job roles"</h2>
                                <ul class="govuk-list">
                                    {s.roles.into_iter().map(|r| view! {
                                        <li><a class="govuk-link" href=format!("/roles#role-{}", r.id)>{r.title}</a></li>
                                    }).collect_view()}
                                </ul>
                            })}
                            <TermsUsed acronyms=acronyms.clone() />
                        </div>
                    </div>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn RolesPage() -> impl IntoView {
    view! {
        <Suspense>
            {Suspend::new(async move {
                let (roles, acronyms, may_edit) = match role_list().await {
                    Ok(found) => found,
                    Err(error) => return view! { <ProblemPage error /> }.into_any(),
                };
                view! {
                    <PageMeta title="Job roles" description="Job roles across children's services and adult mental health: what they do, a day in their life, and when to contact them." />
                    <div class="govuk-grid-row">
                        <div class="govuk-grid-column-two-thirds">
                            <Done message=done_message("Job role") />
                            <h1 class="govuk-heading-xl">"Job roles"</h1>
                            <p class="govuk-body">
                                "What people in other services do, when to contact them, and the thresholds they work to – with the group's \"a day in the life of\" talks."
                            </p>
                            {may_edit.then(|| view! {
                                <a class="govuk-button govuk-button--secondary" href="/roles/new">"Add a job role"</a>
                            })}
                            {roles.into_iter().map(|r| {
                                let presented = match (r.presented_on, r.presenter.is_empty()) {
                                    (Some(on), false) => format!("Presented to the group by {} on {}", r.presenter, on.format("%-d %B %Y")),
                                    (Some(on), true) => format!("Presented to the group on {}", on.format("%-d %B %Y")),
                                    (None, _) => String::new(),
                                };
                                view! {
                                    <section class="app-role" id=format!("role-{}", r.id)>
                                        <h2 class="govuk-heading-m">{r.title.clone()}</h2>
                                        {r.service.map(|(id, name)| view! {
                                            <p class="govuk-body">
                                                <a class="govuk-link" href=format!("/services/{id}")>{name}</a>
                                            </p>
                                        })}
                                        <p class="govuk-body">
                                            <LinkedText text=r.what_they_do acronyms=acronyms.clone() />
                                        </p>
                                        <dl class="govuk-summary-list">
                                            {linked_row("Typical caseload", r.typical_caseload, &acronyms)}
                                            {linked_row("When to contact them", r.when_to_contact, &acronyms)}
                                            {linked_row("Thresholds", r.thresholds, &acronyms)}
                                        </dl>
                                        {(!r.day_in_the_life.is_empty()).then(|| view! {
                                            <h3 class="govuk-heading-s">"A day in the life"</h3>
                                            <p class="govuk-body">
                                                <LinkedText text=r.day_in_the_life acronyms=acronyms.clone() />
                                            </p>
                                            <p class="govuk-body-s">{presented}</p>
                                        })}
                                        {may_edit.then(|| view! {
                                            <p class="govuk-body">
                                                <a class="govuk-link" href=format!("/roles/{}/edit", r.id)>
                                                    "Edit" <span class="govuk-visually-hidden">{format!(" {}", r.title)}</span>
                                                </a>
                                                " · "
                                                <a class="govuk-link" href=format!("/roles/{}/history", r.id)>
                                                    "Earlier versions" <span class="govuk-visually-hidden">{format!(" of {}", r.title)}</span>
                                                </a>
                                            </p>
                                        })}
                                    </section>
                                }
                            }).collect_view()}
                        </div>
                    </div>
                }
                    .into_any()
            })}
        </Suspense>
    }
}
