use crate::{
    api::account::SignIn,
    error::AppError,
    ui::{
        components::Page,
        forms::{ErrorSummary, TextField},
    },
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    // With JavaScript off, a failed attempt comes back here with the error in the address.
    let error = action.value().get_untracked().and_then(Result::err);
    let email_error = match &error {
        Some(AppError::SignInFailed) => Some(AppError::SignInFailed.to_string()),
        other => other
            .as_ref()
            .and_then(|e| e.field("email"))
            .map(str::to_owned),
    };
    let password_error = error
        .as_ref()
        .and_then(|e| e.field("password"))
        .map(str::to_owned);
    let title = if error.is_some() {
        "Error: Sign in"
    } else {
        "Sign in"
    };
    let next = use_query_map()
        .with_untracked(|q| q.get("next"))
        .unwrap_or_default();

    view! {
        <Page title heading="Sign in">
            <ErrorSummary error />
            <ActionForm action attr:novalidate=true>
                <input type="hidden" name="next" value=next />
                <TextField
                    name="email"
                    label="Email address"
                    input_type="email"
                    autocomplete="username"
                    error=email_error
                />
                <TextField
                    name="password"
                    label="Password"
                    input_type="password"
                    autocomplete="current-password"
                    error=password_error
                />
                <button type="submit" class="govuk-button">
                    "Sign in"
                </button>
            </ActionForm>
            <p class="govuk-body">
                <a class="govuk-link" href="/forgotten-password">"Forgotten your password?"</a>
            </p>
            <p class="govuk-body">
                "No account yet? Ask a coordinator of the network to invite you."
            </p>
        </Page>
    }
}
