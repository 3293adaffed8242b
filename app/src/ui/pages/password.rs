//! Forgotten passwords: asking for a reset link, and choosing a new password with it.

use crate::{
    api::password::{RequestPasswordReset, ResetPassword, password_reset},
    ui::{
        components::{Page, ProblemPage},
        forms::{ErrorSummary, TextField},
    },
};
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn ForgottenPasswordPage() -> impl IntoView {
    let action = ServerAction::<RequestPasswordReset>::new();
    let error = action.value().get_untracked().and_then(Result::err);
    let email_error = error
        .as_ref()
        .and_then(|e| e.field("email"))
        .map(str::to_owned);
    let sent = use_query_map().with_untracked(|q| q.get("sent")).is_some();
    let title = if error.is_some() {
        "Error: Reset your password"
    } else {
        "Reset your password"
    };
    if sent {
        return view! {
            <Page title="Check your email">
                <p class="govuk-body">
                    "If there is an active account with that email address, we have sent it a link to choose a new password. The link works once, within 30 minutes."
                </p>
                <p class="govuk-body">
                    "No email? Check your junk folder, or ask a coordinator of the network."
                </p>
            </Page>
        }
        .into_any();
    }
    view! {
        <Page title heading="Reset your password">
            <ErrorSummary error />
            <p class="govuk-body">"Enter the email address you sign in with. We will email you a link to choose a new password."</p>
            <ActionForm action attr:novalidate=true>
                <TextField
                    name="email"
                    label="Email address"
                    input_type="email"
                    autocomplete="username"
                    error=email_error
                />
                <button type="submit" class="govuk-button">"Send the link"</button>
            </ActionForm>
        </Page>
    }
    .into_any()
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let link = use_query_map()
        .with_untracked(|q| q.get("link"))
        .unwrap_or_default();
    let action = ServerAction::<ResetPassword>::new();
    let error = action.value().get_untracked().and_then(Result::err);
    let field = |name: &str| {
        error
            .as_ref()
            .and_then(|e| e.field(name))
            .map(str::to_owned)
    };
    let (password_error, confirm_error) = (field("password"), field("confirm_password"));
    let title = if error.is_some() {
        "Error: Choose a new password"
    } else {
        "Choose a new password"
    };
    view! {
        <Suspense>
            {Suspend::new(async move {
                let name = match password_reset(link.clone()).await {
                    Ok(name) => name,
                    Err(error) => return view! { <ProblemPage error /> }.into_any(),
                };
                view! {
                    <Page title heading="Choose a new password">
                        <ErrorSummary error=error.clone() />
                        <p class="govuk-body">{format!("{name}, choose a new password. You will be signed out everywhere else.")}</p>
                        <ActionForm action attr:novalidate=true>
                            <input type="hidden" name="link" value=link.clone() />
                            <NewPasswordFields password_error=password_error.clone() confirm_error=confirm_error.clone() />
                            <button type="submit" class="govuk-button">"Save password and sign in"</button>
                        </ActionForm>
                    </Page>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

/// A new password twice, as every form that sets one asks for it.
#[component]
pub fn NewPasswordFields(
    password_error: Option<String>,
    confirm_error: Option<String>,
) -> impl IntoView {
    view! {
        <TextField
            name="password"
            label="New password"
            input_type="password"
            autocomplete="new-password"
            hint="At least 12 characters. A few unrelated words are easy to remember and hard to guess."
            error=password_error
        />
        <TextField
            name="confirm_password"
            label="Enter the new password again"
            input_type="password"
            autocomplete="new-password"
            error=confirm_error
        />
    }
}
