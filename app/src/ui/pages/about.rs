use crate::ui::components::Page;
use leptos::prelude::*;

/// The group's terms of reference, as agreed when the network was set up.
const TERMS_OF_REFERENCE: &[(&str, &str)] = &[
    (
        "Highlighting best practice",
        "in joint working between services.",
    ),
    (
        "Learning lessons",
        "from serious case reviews, linking with the Local Safeguarding Children Board and following lessons through with practitioners.",
    ),
    (
        "Developing mutual understanding",
        "and knowledge across statutory services.",
    ),
    (
        "Furthering information exchange",
        "across agencies about resources, law, eligibility thresholds and practice developments.",
    ),
    (
        "Highlighting unmet need",
        "and identifying services that may be available.",
    ),
    (
        "Discussing specific cases",
        "anonymised, for peer review, to find problems and spread joint working solutions.",
    ),
    (
        "Reviewing implementation",
        "of the joint protocol between children's services and adult mental health, and making sure every relevant team knows it.",
    ),
    (
        "Acting as a link with teams",
        "taking these issues back to their teams and bringing issues to the group from their own service.",
    ),
    (
        "Fostering a Think Family approach",
        "in line with research findings.",
    ),
];

#[component]
pub fn About() -> impl IntoView {
    view! {
        <Page title="About the network" description="What the champions network is for, who is in it, how its bi-monthly meetings work and what a champion does for their team.">
                <p class="govuk-body-l">
                    "Research and serious case reviews have shown that services for adults with mental ill health and services for their children do not always work well together. The champions network brings practitioners from both sides together."
                </p>
                <h2 class="govuk-heading-m">"What the champions do"</h2>
                <ul class="govuk-list govuk-list--bullet">
                    {TERMS_OF_REFERENCE
                        .iter()
                        .map(|(lead, rest)| {
                            view! {
                                <li>
                                    <strong>{*lead}</strong>
                                    " "
                                    {*rest}
                                </li>
                            }
                        })
                        .collect_view()}
                </ul>
                <h2 class="govuk-heading-m">"How the network works"</h2>
                <p class="govuk-body">
                    "Champions meet every two months. Meetings share lessons from case reviews, hear 'a day in the life of' talks about each other's roles, exchange information and discuss anonymised cases."
                </p>
                <p class="govuk-body">
                    "Issues the group cannot solve itself – training needs, unmet need, families who fell through the gap between services – are raised with the Local Safeguarding Children Board."
                </p>
                <div class="govuk-inset-text">
                    "Champions need time from their managers to attend meetings and to share what they learn with their teams."
                </div>
        </Page>
    }
}
