//! The frame of every page: skip link, header, service navigation, main, footer.

use super::nav::{AccountItem, NavItem, NavMenu};
use crate::domain::site::SiteInfo;
use leptos::prelude::*;

/// The areas in the navigation. An area is listed only once its pages exist.
const AREAS: &[(&str, &str)] = &[
    ("/", "Home"),
    ("/people", "People"),
    ("/services", "Services"),
    ("/roles", "Job roles"),
    ("/glossary", "Glossary"),
    ("/meetings", "Meetings"),
    ("/about", "About the network"),
];

#[component]
pub fn Layout(site: SiteInfo, children: Children) -> impl IntoView {
    let service_name = site.service_name().to_owned();
    let organisation_name = site.organisation_name().to_owned();

    view! {
        <a href="#main-content" class="govuk-skip-link">
            "Skip to main content"
        </a>
        <header class="govuk-generic-header">
            <div class="govuk-generic-header__container govuk-width-container">
                <div class="govuk-generic-header__logo">
                    <a href="/" class="govuk-generic-header__homepage-link">
                        {organisation_name.clone()}
                    </a>
                </div>
            </div>
        </header>
        <section aria-label="Service information" class="govuk-service-navigation">
            <div class="govuk-width-container">
                <div class="govuk-service-navigation__container">
                    <span class="govuk-service-navigation__service-name">
                        <a href="/" class="govuk-service-navigation__link">
                            {service_name}
                        </a>
                    </span>
                    <NavMenu>
                        <ul class="govuk-service-navigation__list" id="navigation">
                            {AREAS
                                .iter()
                                .map(|(href, label)| view! { <NavItem href label /> })
                                .collect_view()}
                            <AccountItem />
                        </ul>
                    </NavMenu>
                </div>
            </div>
        </section>
        <div class="govuk-width-container">
            <main class="govuk-main-wrapper" id="main-content" tabindex="-1">
                {children()}
            </main>
        </div>
        <footer class="govuk-footer">
            <div class="govuk-width-container">
                <div class="govuk-footer__meta">
                    <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
                        <h2 class="govuk-visually-hidden">"Support links"</h2>
                        <ul class="govuk-footer__inline-list">
                            <li class="govuk-footer__inline-list-item">
                                <a class="govuk-footer__link" href="/accessibility">
                                    "Accessibility statement"
                                </a>
                            </li>
                        </ul>
                        <p class="govuk-body-s">"Run by " {organisation_name}</p>
                    </div>
                </div>
            </div>
        </footer>
    }
}
