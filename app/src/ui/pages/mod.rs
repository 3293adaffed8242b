mod about;
mod accessibility;
mod home;

pub use about::About;
pub use accessibility::Accessibility;
pub use home::Home;

use super::components::ProblemPage;
use crate::error::AppError;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    view! { <ProblemPage error=AppError::NotFound /> }
}
