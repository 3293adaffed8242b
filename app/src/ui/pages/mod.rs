mod about;
mod accessibility;
mod account;
mod agenda;
mod attendance;
mod bank;
mod bank_edit;
mod directory;
mod glossary;
mod history;
mod home;
mod import;
mod invitation;
mod meetings;
pub(super) mod password;
mod records;
mod sign_in;
mod structure;
mod users;

pub use about::About;
pub use accessibility::Accessibility;
pub use account::AccountPage;
pub use agenda::{AgendaItemPage, AgendaPrintPage};
pub use attendance::AttendancePage;
pub use bank::{RolesPage, ServicePage, ServicesPage};
pub use bank_edit::{EditRole, EditService};
pub use directory::{EditProfile, PeopleList, PersonProfile};
#[cfg(feature = "ssr")]
pub use glossary::glossary_results_html;
pub use glossary::{
    EditTermPage, GlossaryPage, GlossaryPrintPage, GlossaryTermPage, SuggestTermPage,
    SuggestionPage, SuggestionsPage,
};
pub use history::HistoryPage;
pub use home::Home;
pub use import::{ImportCheckPage, ImportPage};
pub use invitation::InvitationPage;
pub use meetings::{MeetingPage, MeetingsPage, NewMeetingPage, NewSeriesPage, RsvpPage};
pub use password::{ForgottenPasswordPage, ResetPasswordPage};
pub use records::{AuditPage, OutboxPage};
pub use sign_in::SignInPage;
pub use structure::{EditTeam, EditUnit, TeamsPage};
pub use users::{InvitePage, PersonPage, UsersPage};

use super::components::ProblemPage;
use crate::error::AppError;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! { <ProblemPage error=AppError::NotFound /> }
}
