use crate::domain::site::SiteInfo;
use crate::ui::components::Page;
use leptos::prelude::*;

#[component]
pub fn Accessibility() -> impl IntoView {
    let site = use_context::<SiteInfo>().unwrap_or_default();
    let service = site.service_name().to_owned();
    let organisation = site.organisation_name().to_owned();

    view! {
        <Page title="Accessibility statement" description="How accessible this service is, what to do if you cannot use part of it, and how to report a problem.">
                <p class="govuk-body">
                    "This statement applies to " {service.clone()} ", run by "
                    {organisation.clone()} "."
                </p>
                <p class="govuk-body">
                    "We want as many people as possible to be able to use this service. You should be able to:"
                </p>
                <ul class="govuk-list govuk-list--bullet">
                    <li>"zoom in up to 400% without the text spilling off the screen"</li>
                    <li>"navigate the whole service using just a keyboard"</li>
                    <li>"use every page and form with JavaScript turned off"</li>
                    <li>"listen to the service using a screen reader"</li>
                </ul>
                <h2 class="govuk-heading-m">"How we test this service"</h2>
                <p class="govuk-body">
                    "Every page is checked against the Web Content Accessibility Guidelines (WCAG) version 2.2, levels A and AA, by automated tests that run on every change, both with JavaScript on and with it off."
                </p>
                <h2 class="govuk-heading-m">"Reporting accessibility problems"</h2>
                <p class="govuk-body">
                    "If you find a problem with " {service} " that is not listed here, tell "
                    {organisation} " and we will look into it."
                </p>
        </Page>
    }
}
