use crate::{
    api::account::{AcceptInvitation, invitation},
    ui::{
        components::{Page, ProblemPage},
        forms::ErrorSummary,
    },
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Where an invitation link leads: the invited person chooses a password and is signed in.
/// The link's secret is in the query string, which request logs leave out.
#[component]
pub fn InvitationPage() -> impl IntoView {
    let link = use_query_map()
        .with_untracked(|q| q.get("link"))
        .unwrap_or_default();
    let action = ServerAction::<AcceptInvitation>::new();
    // With JavaScript off, a refused password comes back here with the error in the address.
    let error = action.value().get_untracked().and_then(Result::err);
    let password_error = error
        .as_ref()
        .and_then(|e| e.field("password"))
        .map(str::to_owned);
    let confirm_error = error
        .as_ref()
        .and_then(|e| e.field("confirm_password"))
        .map(str::to_owned);
    let title = if error.is_some() {
        "Error: Choose a password"
    } else {
        "Choose a password"
    };

    view! {
        <Suspense>
            {Suspend::new(async move {
                let name = match invitation(link.clone()).await {
                    Ok(name) => name,
                    Err(error) => return view! { <ProblemPage error /> }.into_any(),
                };
                view! {
                    <Page title heading="Choose a password">
                        <ErrorSummary error />
                        <p class="govuk-body">
                            {format!("Welcome, {name}. Choose a password to finish setting up your account.")}
                        </p>
                        <ActionForm action attr:novalidate=true>
                            <input type="hidden" name="link" value=link />
                            <super::password::NewPasswordFields password_error=password_error.clone() confirm_error=confirm_error.clone() />
                            <button type="submit" class="govuk-button">
                                "Save password and sign in"
                            </button>
                        </ActionForm>
                    </Page>
                }
                    .into_any()
            })}
        </Suspense>
    }
}
