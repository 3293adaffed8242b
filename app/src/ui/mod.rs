//! Pages and the components they share.

mod components;
mod forms;
mod kept_pages;
mod layout;
mod linked;
mod nav;
mod pages;

#[cfg(feature = "ssr")]
pub use kept_pages::KeptPages;
#[cfg(feature = "ssr")]
pub use pages::glossary_results_html;

use crate::domain::{network::UnitKind, site::SiteInfo};
use layout::Layout;
use leptos::prelude::*;
use leptos_meta::{HashedStylesheet, MetaTags, Title, provide_meta_context};
use leptos_router::{
    SsrMode,
    components::{Route, Router, Routes},
    path,
};

/// The HTML document around every page. Runs only on the server.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en-GB" class="govuk-template">
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="theme-color" content="#0b0c0c" />
                <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
                // Before the page is drawn: a browser that will run the islands is marked, so
                // the stylesheet lays the page out as it is once they hydrate (the navigation
                // folded on a phone) and nothing moves when they do.
                <script nonce=leptos::nonce::use_nonce()>
                    "if (typeof WebAssembly === 'object') document.documentElement.classList.add('app-js')"
                </script>
                <HashedStylesheet options=options.clone() id="leptos" />
                <HydrationScripts options islands=true />
                <MetaTags />
            </head>
            <body class="govuk-template__body">
                <App />
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let site = use_context::<SiteInfo>().unwrap_or_default();
    let service_name = site.service_name().to_owned();

    view! {
        <Title formatter=move |page: String| format!("{page} – {service_name}") />
        <Router>
            <Layout site>
                <Routes fallback=pages::NotFound>
                    // Async: the page is complete before the status line goes out, so a
                    // failed query can still answer 500.
                    <Route path=path!("") view=pages::Home ssr=SsrMode::Async />
                    <Route path=path!("people") view=pages::PeopleList ssr=SsrMode::Async />
                    <Route path=path!("people/:id") view=pages::PersonProfile ssr=SsrMode::Async />
                    <Route path=path!("people/:id/edit") view=pages::EditProfile ssr=SsrMode::Async />
                    <Route path=path!("people/:id/history") view=|| view! { <pages::HistoryPage kind="profile" /> } ssr=SsrMode::Async />
                    <Route path=path!("services") view=pages::ServicesPage ssr=SsrMode::Async />
                    <Route path=path!("services/new") view=pages::EditService ssr=SsrMode::Async />
                    <Route path=path!("services/:id") view=pages::ServicePage ssr=SsrMode::Async />
                    <Route path=path!("services/:id/edit") view=pages::EditService ssr=SsrMode::Async />
                    <Route path=path!("services/:id/history") view=|| view! { <pages::HistoryPage kind="service" /> } ssr=SsrMode::Async />
                    <Route path=path!("roles") view=pages::RolesPage ssr=SsrMode::Async />
                    <Route path=path!("roles/new") view=pages::EditRole ssr=SsrMode::Async />
                    <Route path=path!("roles/:id/edit") view=pages::EditRole ssr=SsrMode::Async />
                    <Route path=path!("roles/:id/history") view=|| view! { <pages::HistoryPage kind="job_role" /> } ssr=SsrMode::Async />
                    <Route path=path!("glossary") view=pages::GlossaryPage ssr=SsrMode::Async />
                    <Route path=path!("glossary/new") view=pages::EditTermPage ssr=SsrMode::Async />
                    <Route path=path!("glossary/print") view=pages::GlossaryPrintPage ssr=SsrMode::Async />
                    <Route path=path!("glossary/suggest") view=pages::SuggestTermPage ssr=SsrMode::Async />
                    <Route path=path!("glossary/suggestions") view=pages::SuggestionsPage ssr=SsrMode::Async />
                    <Route path=path!("glossary/suggestions/:id") view=pages::SuggestionPage ssr=SsrMode::Async />
                    <Route path=path!("glossary/:id") view=pages::GlossaryTermPage ssr=SsrMode::Async />
                    <Route path=path!("glossary/:id/edit") view=pages::EditTermPage ssr=SsrMode::Async />
                    <Route path=path!("glossary/:id/history") view=|| view! { <pages::HistoryPage kind="glossary_term" /> } ssr=SsrMode::Async />
                    <Route path=path!("meetings") view=pages::MeetingsPage ssr=SsrMode::Async />
                    <Route path=path!("meetings/new") view=pages::NewMeetingPage ssr=SsrMode::Async />
                    <Route path=path!("meetings/attendance") view=pages::AttendancePage ssr=SsrMode::Async />
                    <Route path=path!("meetings/series/new") view=pages::NewSeriesPage ssr=SsrMode::Async />
                    <Route path=path!("meetings/items/:id") view=pages::AgendaItemPage ssr=SsrMode::Async />
                    <Route path=path!("meetings/:id") view=pages::MeetingPage ssr=SsrMode::Async />
                    <Route path=path!("meetings/:id/agenda") view=pages::AgendaPrintPage ssr=SsrMode::Async />
                    <Route path=path!("rsvp") view=pages::RsvpPage ssr=SsrMode::Async />
                    <Route path=path!("about") view=pages::About />
                    <Route path=path!("accessibility") view=pages::Accessibility />
                    <Route path=path!("login") view=pages::SignInPage />
                    <Route path=path!("account") view=pages::AccountPage ssr=SsrMode::Async />
                    <Route path=path!("invitation") view=pages::InvitationPage ssr=SsrMode::Async />
                    <Route path=path!("forgotten-password") view=pages::ForgottenPasswordPage />
                    <Route path=path!("reset-password") view=pages::ResetPasswordPage ssr=SsrMode::Async />
                    <Route path=path!("users") view=pages::UsersPage ssr=SsrMode::Async />
                    <Route path=path!("users/invite") view=pages::InvitePage ssr=SsrMode::Async />
                    <Route path=path!("users/:id") view=pages::PersonPage ssr=SsrMode::Async />
                    <Route path=path!("audit") view=pages::AuditPage ssr=SsrMode::Async />
                    <Route path=path!("teams") view=pages::TeamsPage ssr=SsrMode::Async />
                    <Route path=path!("import") view=pages::ImportPage ssr=SsrMode::Async />
                    <Route path=path!("import/:id") view=pages::ImportCheckPage ssr=SsrMode::Async />
                    <Route path=path!("teams/new") view=pages::EditTeam ssr=SsrMode::Async />
                    <Route path=path!("teams/:id/edit") view=pages::EditTeam ssr=SsrMode::Async />
                    <Route path=path!("organisations/new") view=|| view! { <pages::EditUnit kind=UnitKind::Organisation /> } ssr=SsrMode::Async />
                    <Route path=path!("organisations/:id/edit") view=|| view! { <pages::EditUnit kind=UnitKind::Organisation /> } ssr=SsrMode::Async />
                    <Route path=path!("staff-groups/new") view=|| view! { <pages::EditUnit kind=UnitKind::StaffGroup /> } ssr=SsrMode::Async />
                    <Route path=path!("staff-groups/:id/edit") view=|| view! { <pages::EditUnit kind=UnitKind::StaffGroup /> } ssr=SsrMode::Async />
                    <Route path=path!("outbox") view=pages::OutboxPage ssr=SsrMode::Async />
                </Routes>
            </Layout>
        </Router>
    }
}
