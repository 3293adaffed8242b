use crate::{api::network::staff_groups, domain::site::SiteInfo, ui::components::ProblemPage};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn Home() -> impl IntoView {
    let site = use_context::<SiteInfo>().unwrap_or_default();

    view! {
        <Title text="Home" />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <h1 class="govuk-heading-xl">{site.service_name().to_owned()}</h1>
                <p class="govuk-body-l">
                    "A network of frontline practitioners – champions – from children's services and adult mental health. They meet every two months to help services work together for families where a parent has mental ill health."
                </p>
                // Server-only (not an island): the query is awaited while rendering, with no
                // resource to serialise for the browser.
                <Suspense>
                    {Suspend::new(async move {
                        match staff_groups().await {
                            Ok(groups) => view! { <StaffGroups groups /> }.into_any(),
                            Err(error) => view! { <ProblemPage error /> }.into_any(),
                        }
                    })}
                </Suspense>
                <h2 class="govuk-heading-m">"Find out more"</h2>
                <ul class="govuk-list">
                    <li>
                        <a class="govuk-link" href="/about">
                            "What the champions do and how the network works"
                        </a>
                    </li>
                </ul>
            </div>
        </div>
    }
}

#[component]
fn StaffGroups(groups: Vec<crate::domain::network::StaffGroup>) -> impl IntoView {
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
