use crate::{
    api::account::{AcceptInvitation, invitation},
    ui::{
        components::{Page, ProblemPage},
        forms::{ErrorSummary, Form, form_title, returned_error},
    },
};
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_router::hooks::use_query_map;

/// Where an invitation link leads: the invited person chooses a password and is signed in.
/// The link's secret is in the query string, which request logs leave out.
#[component]
pub fn InvitationPage() -> impl IntoView {
    let link = use_query_map()
        .with_untracked(|q| q.get("link"))
        .unwrap_or_default();
    let error = returned_error::<AcceptInvitation>();
    let title = form_title("Choose a password", &error);

    view! {
        <Suspense>
            {Suspend::new(async move {
                let name = match invitation(link.clone()).await {
                    Ok(name) => name,
                    Err(error) => return view! { <ProblemPage error /> }.into_any(),
                };
                view! {
                    <Page title=title.clone() heading="Choose a password" description="You have been invited to the champions network: choose a password to finish setting up your account.">
                        <ErrorSummary error=error.clone() />
                        <p class="govuk-body">
                            {format!("Welcome, {name}. Choose a password to finish setting up your account.")}
                        </p>
                        <Form action=AcceptInvitation::PATH>
                            <input type="hidden" name="link" value=link.clone() />
                            <super::password::NewPasswordFields />
                            <button type="submit" class="govuk-button">
                                "Save password and sign in"
                            </button>
                        </Form>
                    </Page>
                }
                    .into_any()
            })}
        </Suspense>
    }
}
