use crate::{
    api::{
        account::{SignOutEverywhere, signed_in_account},
        password::ChangePassword,
    },
    domain::account::Role,
    ui::{
        components::{Done, Page, ProblemPage, redirect_to_sign_in},
        forms::{ErrorSummary, Form, TextField, form_title, returned_error},
        pages::password::NewPasswordFields,
    },
};
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_router::hooks::use_query_map;

/// A signed-in person's own account. Anyone else is sent to sign in and brought back.
#[component]
pub fn AccountPage() -> impl IntoView {
    let error = returned_error::<ChangePassword>().or_else(returned_error::<SignOutEverywhere>);
    let done = use_query_map()
        .with_untracked(|q| q.get("done"))
        .and_then(|d| match d.as_str() {
            "password" => Some("Password changed. You have been signed out everywhere else."),
            "calendar" => Some("Your calendar has a new address. The old one no longer works."),
            _ => None,
        })
        .map(str::to_owned);
    let title = form_title("Your account", &error);
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
                // Not fatal: the rest of the account page is still useful.
                let profile = crate::api::directory::my_profile().await.ok().flatten();
                view! {
                    <Page title=title.clone() heading="Your account" description="Your account: your role, your profile, your password, where you are signed in and the data the service holds about you.">
                        <Done message=done.clone() />
                        <ErrorSummary error=error.clone() />
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
                        {profile.map(|id| view! {
                            <h2 class="govuk-heading-m">"Your directory profile"</h2>
                            <p class="govuk-body">
                                <a class="govuk-link" href=format!("/people/{id}")>"See your profile"</a>
                                " – check it every few months, so colleagues can rely on it."
                            </p>
                        })}
                        {(account.role == Role::Coordinator).then(|| view! {
                            <h2 class="govuk-heading-m">"Coordinating the network"</h2>
                            <ul class="govuk-list">
                                <li><a class="govuk-link" href="/users">"Users"</a></li>
                                <li><a class="govuk-link" href="/teams">"Staff groups, organisations and teams"</a></li>
                                <li><a class="govuk-link" href="/services?review=due">"Services due for review"</a></li>
                                <li><a class="govuk-link" href="/import">"Import and export"</a></li>
                                <li><a class="govuk-link" href="/audit">"Audit log"</a></li>
                                <li><a class="govuk-link" href="/outbox">"Mail outbox"</a></li>
                            </ul>
                        })}
                        {account.role.includes(Role::Champion).then(|| view! { <CalendarFeed /> })}
                        <h2 class="govuk-heading-m">"Change your password"</h2>
                        <Form action=ChangePassword::PATH>
                            <TextField
                                name="current_password"
                                label="Current password"
                                input_type="password"
                                autocomplete="current-password"
                            />
                            <NewPasswordFields />
                            <button type="submit" class="govuk-button govuk-button--secondary">"Change password"</button>
                        </Form>
                        <h2 class="govuk-heading-m">"Your data"</h2>
                        <p class="govuk-body">
                            "Download everything the service holds about you: your account, where you are signed in, and what you have done."
                        </p>
                        <p class="govuk-body">
                            <a class="govuk-link" href="/api/my-data" download="my-data.json">"Download your data (JSON)"</a>
                        </p>
                        <h2 class="govuk-heading-m">"Signed in somewhere else?"</h2>
                        <p class="govuk-body">
                            "If you signed in on a computer you no longer use, or think someone else has, sign out on every device at once."
                        </p>
                        <Form action=SignOutEverywhere::PATH>
                            <button type="submit" class="govuk-button govuk-button--secondary">
                                "Sign out everywhere"
                            </button>
                        </Form>
                    </Page>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

/// A member's calendar feed: the address a calendar subscribes to, and a way to change it.
#[component]
fn CalendarFeed() -> impl IntoView {
    use crate::api::meetings::{RenewCalendarFeed, calendar_feed};
    view! {
        <Suspense>
            {Suspend::new(async move {
                let address = calendar_feed().await.ok().flatten();
                let button = if address.is_some() {
                    "Make a new address"
                } else {
                    "Make my calendar address"
                };
                view! {
                    <h2 class="govuk-heading-m" id="calendar">"Meetings in your calendar"</h2>
                    <p class="govuk-body">"Subscribe to this address in Outlook, Google or Apple Calendar to see the network's meetings there, kept up to date. Keep it to yourself: anyone with it can see when and where the meetings are."</p>
                    {address.map(|address| view! {
                        <p class="govuk-body"><code class="app-break">{address}</code></p>
                        <p class="govuk-body">"If someone else may have it, make a new one: this one then stops working."</p>
                    })}
                    <Form action=RenewCalendarFeed::PATH>
                        <button type="submit" class="govuk-button govuk-button--secondary">{button}</button>
                    </Form>
                }
            })}
        </Suspense>
    }
}
