//! Forgotten passwords: asking for a reset link, and choosing a new password with it.

use crate::{
    api::password::{RequestPasswordReset, ResetPassword, password_reset},
    ui::{
        components::{Page, ProblemPage},
        forms::{ErrorSummary, Form, TextField, form_title, returned_error},
    },
};
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_router::hooks::use_query_map;

#[component]
pub fn ForgottenPasswordPage() -> impl IntoView {
    let error = returned_error::<RequestPasswordReset>();
    let sent = use_query_map().with_untracked(|q| q.get("sent")).is_some();
    let title = form_title("Reset your password", &error);
    if sent {
        return view! {
            <Page title="Check your email" description="A link to choose a new password has been sent, if the address has an account.">
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
        <Page title heading="Reset your password" description="Forgotten your password? Get an email with a link to choose a new one.">
            <ErrorSummary error />
            <p class="govuk-body">"Enter the email address you sign in with. We will email you a link to choose a new password."</p>
            <Form action=RequestPasswordReset::PATH>
                <TextField name="email" label="Email address" input_type="email" autocomplete="username" />
                <button type="submit" class="govuk-button">"Send the link"</button>
            </Form>
        </Page>
    }
    .into_any()
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let link = use_query_map()
        .with_untracked(|q| q.get("link"))
        .unwrap_or_default();
    let error = returned_error::<ResetPassword>();
    let title = form_title("Choose a new password", &error);
    view! {
        <Suspense>
            {Suspend::new(async move {
                let name = match password_reset(link.clone()).await {
                    Ok(name) => name,
                    Err(error) => return view! { <ProblemPage error /> }.into_any(),
                };
                view! {
                    <Page title=title.clone() heading="Choose a new password" description="Choose a new password for your account.">
                        <ErrorSummary error=error.clone() />
                        <p class="govuk-body">{format!("{name}, choose a new password. You will be signed out everywhere else.")}</p>
                        <Form action=ResetPassword::PATH>
                            <input type="hidden" name="link" value=link.clone() />
                            <NewPasswordFields />
                            <button type="submit" class="govuk-button">"Save password and sign in"</button>
                        </Form>
                    </Page>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

/// A new password twice, as every form that sets one asks for it.
#[component]
pub fn NewPasswordFields() -> impl IntoView {
    view! {
        <TextField
            name="password"
            label="New password"
            input_type="password"
            autocomplete="new-password"
            hint="At least 12 characters. A few unrelated words are easy to remember and hard to guess."
        />
        <TextField
            name="confirm_password"
            label="Enter the new password again"
            input_type="password"
            autocomplete="new-password"
        />
    }
}
