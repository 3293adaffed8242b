use crate::{
    api::network::staff_groups,
    domain::{network::StaffGroup, site::SiteInfo},
    ui::components::{Page, ProblemPage},
};
use leptos::prelude::*;

#[component]
pub fn Home() -> impl IntoView {
    let service_name = use_context::<SiteInfo>()
        .unwrap_or_default()
        .service_name()
        .to_owned();

    // Server-only (not an island): the query is awaited while rendering, with no resource to
    // serialise for the browser. A failure replaces the whole page.
    view! {
        <Suspense>
            {Suspend::new(async move {
                match staff_groups().await {
                    Ok(groups) => {
                        view! {
                            <Page title="Home" heading=service_name description="Find a Think Family champion, a service and how to refer to it, a job role, or what an acronym means: the network of children's services and adult mental health practitioners.">
                                <p class="govuk-body-l">
                                    "A network of frontline practitioners – champions – from children's services and adult mental health. They meet every two months to help services work together for families where a parent has mental ill health."
                                </p>
                                <form method="get" action="/people" role="search" class="govuk-!-margin-bottom-6">
                                    <div class="govuk-form-group">
                                        <label class="govuk-label govuk-label--m" for="home-q">"Find a champion"</label>
                                        <div class="govuk-hint" id="home-q-hint">
                                            "Search by name, team, service or topic, for example CAMHS"
                                        </div>
                                        <input class="govuk-input govuk-!-width-two-thirds" id="home-q" name="q" type="search" aria-describedby="home-q-hint" />
                                    </div>
                                    <button type="submit" class="govuk-button">"Search"</button>
                                </form>
                                <p class="govuk-body">
                                    <a class="govuk-link" href="/services">"Services and how to refer"</a>
                                    " · "
                                    <a class="govuk-link" href="/roles">"Job roles"</a>
                                    " · "
                                    <a class="govuk-link" href="/glossary">"What does an acronym mean?"</a>
                                    " · "
                                    <a class="govuk-link" href="/people?shadowing=yes">"Who can I shadow?"</a>
                                </p>
                                <StaffGroups groups />
                                <h2 class="govuk-heading-m">"Find out more"</h2>
                                <ul class="govuk-list">
                                    <li>
                                        <a class="govuk-link" href="/about">
                                            "What the champions do and how the network works"
                                        </a>
                                    </li>
                                </ul>
                            </Page>
                        }
                            .into_any()
                    }
                    Err(error) => view! { <ProblemPage error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn StaffGroups(groups: Vec<StaffGroup>) -> impl IntoView {
    if groups.is_empty() {
        return ().into_any();
    }
    view! {
        <h2 class="govuk-heading-m">"Who is in the network"</h2>
        <p class="govuk-body">"Champions come from " {groups.len()} " staff groups:"</p>
        <dl class="govuk-summary-list">
            {groups
                .into_iter()
                .map(|group| {
                    view! {
                        <div class="govuk-summary-list__row">
                            <dt class="govuk-summary-list__key">{group.name}</dt>
                            <dd class="govuk-summary-list__value">{group.description}</dd>
                        </div>
                    }
                })
                .collect_view()}
        </dl>
    }
    .into_any()
}
