use crate::{
    api::account::{SignOutEverywhere, signed_in_account},
    ui::components::{Page, ProblemPage, redirect_to_sign_in},
};
use leptos::prelude::*;

/// A signed-in person's own account. Anyone else is sent to sign in and brought back.
#[component]
pub fn AccountPage() -> impl IntoView {
    let sign_out_everywhere = ServerAction::<SignOutEverywhere>::new();
    view! {
        <Suspense>
            {Suspend::new(async move {
                let account = match signed_in_account().await {
                    Ok(Some(account)) => account,
                    Ok(None) => {
                        redirect_to_sign_in("/account");
                        return ().into_any();
                    }
                    Err(error) => return view! { <ProblemPage error /> }.into_any(),
                };
                view! {
                    <Page title="Your account">
                        <dl class="govuk-summary-list">
                            <div class="govuk-summary-list__row">
                                <dt class="govuk-summary-list__key">"Name"</dt>
                                <dd class="govuk-summary-list__value">{account.name.as_str().to_owned()}</dd>
                            </div>
                            <div class="govuk-summary-list__row">
                                <dt class="govuk-summary-list__key">"Email address"</dt>
                                <dd class="govuk-summary-list__value">{account.email.to_string()}</dd>
                            </div>
                            <div class="govuk-summary-list__row">
                                <dt class="govuk-summary-list__key">"Role"</dt>
                                <dd class="govuk-summary-list__value">{account.role.label()}</dd>
                            </div>
                        </dl>
                        <h2 class="govuk-heading-m">"Signed in somewhere else?"</h2>
                        <p class="govuk-body">
                            "If you signed in on a computer you no longer use, or think someone else has, sign out on every device at once."
                        </p>
                        <ActionForm action=sign_out_everywhere>
                            <button type="submit" class="govuk-button govuk-button--secondary">
                                "Sign out everywhere"
                            </button>
                        </ActionForm>
                    </Page>
                }
                    .into_any()
            })}
        </Suspense>
    }
}
