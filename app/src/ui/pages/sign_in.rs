use crate::{
    api::account::SignIn,
    ui::{
        components::Page,
        forms::{ErrorSummary, Form, TextField, form_title, returned_error},
    },
};
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    let error = returned_error::<SignIn>();
    let title = form_title("Sign in", &error);
    let next = use_query_map()
        .with_untracked(|q| q.get("next"))
        .unwrap_or_default();

    view! {
        <Page title heading="Sign in" description="Sign in to the champions network with the email address you were invited with.">
            <ErrorSummary error />
            <Form action=SignIn::PATH>
                <input type="hidden" name="next" value=next />
                <TextField name="email" label="Email address" input_type="email" autocomplete="username" />
                <TextField name="password" label="Password" input_type="password" autocomplete="current-password" />
                <button type="submit" class="govuk-button">
                    "Sign in"
                </button>
            </Form>
            <p class="govuk-body">
                <a class="govuk-link" href="/forgotten-password">"Forgotten your password?"</a>
            </p>
            <p class="govuk-body">
                "No account yet? Ask a coordinator of the network to invite you."
            </p>
        </Page>
    }
}
