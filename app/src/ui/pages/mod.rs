mod about;
mod accessibility;
mod account;
mod home;
mod invitation;
mod sign_in;

pub use about::About;
pub use accessibility::Accessibility;
pub use account::AccountPage;
pub use home::Home;
pub use invitation::InvitationPage;
pub use sign_in::SignInPage;

use super::components::ProblemPage;
use crate::error::AppError;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! { <ProblemPage error=AppError::NotFound /> }
}
