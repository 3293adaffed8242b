//! Coordinators' pages for people's accounts: the list, inviting someone, and one person's
//! account with what can be done to it.

use crate::ui::components::id_param;
use crate::{
    api::account::signed_in_account,
    api::users::{
        ChangeRole, EndUserSessions, InviteUser, ResendInvitation, SetUserAccess, person, user_list,
    },
    domain::account::{AccountStatus, Role},
    error::AppError,
    ui::{
        components::{Done, Page, PageMeta, refusal, utc},
        forms::{ErrorSummary, Form, SelectField, TextField, form_title, returned_error},
    },
};
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_router::hooks::use_query_map;

fn role_options() -> Vec<(String, String)> {
    Role::ALL
        .iter()
        .map(|r| (r.as_str().to_owned(), r.label().to_owned()))
        .collect()
}

fn status_tag(status: AccountStatus) -> impl IntoView {
    let (text, class) = match status {
        AccountStatus::Invited => ("Invited", "govuk-tag govuk-tag--blue"),
        AccountStatus::Active => ("Active", "govuk-tag govuk-tag--green"),
        AccountStatus::Disabled => ("Disabled", "govuk-tag govuk-tag--grey"),
    };
    view! { <strong class=class>{text}</strong> }
}

#[component]
pub fn UsersPage() -> impl IntoView {
    view! {
        <Suspense>
            {Suspend::new(async move {
                let people = match user_list().await {
                    Ok(people) => people,
                    Err(error) => return refusal(error, "/users"),
                };
                view! {
                    <PageMeta title="Users" description="Everyone with an account, with their role and whether they have joined." />
                    <h1 class="govuk-heading-xl">"Users"</h1>
                    <a class="govuk-button" href="/users/invite">"Invite a person"</a>
                    <table class="govuk-table">
                        <caption class="govuk-table__caption govuk-table__caption--m">
                            {format!("{} accounts", people.len())}
                        </caption>
                        <thead class="govuk-table__head">
                            <tr class="govuk-table__row">
                                <th scope="col" class="govuk-table__header">"Name"</th>
                                <th scope="col" class="govuk-table__header">"Email address"</th>
                                <th scope="col" class="govuk-table__header">"Role"</th>
                                <th scope="col" class="govuk-table__header">"Status"</th>
                            </tr>
                        </thead>
                        <tbody class="govuk-table__body">
                            {people
                                .into_iter()
                                .map(|a| {
                                    view! {
                                        <tr class="govuk-table__row">
                                            <td class="govuk-table__cell">
                                                <a class="govuk-link" href=format!("/users/{}", a.id)>
                                                    {a.name.as_str().to_owned()}
                                                </a>
                                            </td>
                                            <td class="govuk-table__cell">{a.email.to_string()}</td>
                                            <td class="govuk-table__cell">{a.role.label()}</td>
                                            <td class="govuk-table__cell">{status_tag(a.status)}</td>
                                        </tr>
                                    }
                                })
                                .collect_view()}
                        </tbody>
                    </table>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn InvitePage() -> impl IntoView {
    let error = returned_error::<InviteUser>();
    let title = form_title("Invite a person", &error);
    view! {
        <Suspense>
            {Suspend::new(async move {
                // Only coordinators see the form (invite_user checks again when it is sent).
                match signed_in_account().await {
                    Ok(Some(me)) if me.role == Role::Coordinator => {}
                    Ok(Some(_)) => return refusal(AppError::Forbidden, "/users/invite"),
                    Ok(None) => return refusal(AppError::SignInRequired, "/users/invite"),
                    Err(error) => return refusal(error, "/users/invite"),
                }
                view! {
                    <Page title=title.clone() heading="Invite a person" description="Invite a person to the champions network by email, with the role they will have.">
                        <ErrorSummary error=error.clone() />
                        <p class="govuk-body">
                            "They get an email with a link to choose a password. The link works once, within 72 hours."
                        </p>
                        <Form action=InviteUser::PATH>
                            <TextField name="name" label="Full name" autocomplete="off" />
                            <TextField name="email" label="Work email address" input_type="email" autocomplete="off" />
                            <SelectField name="role" label="Role" options=role_options() selected="staff".to_owned() />
                            <button type="submit" class="govuk-button">"Send invitation"</button>
                        </Form>
                    </Page>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn PersonPage() -> impl IntoView {
    let id = id_param();
    let done = use_query_map()
        .with_untracked(|q| q.get("done"))
        .and_then(|d| {
            Some(
                match d.as_str() {
                    "invited" => "Invitation sent",
                    "resent" => "A new invitation has been sent",
                    "role" => "Role changed",
                    "disabled" => "Account disabled: they have been signed out everywhere",
                    "enabled" => "Account enabled",
                    "sessions" => "Signed out on every device",
                    _ => return None,
                }
                .to_owned(),
            )
        });
    let error = returned_error::<ChangeRole>()
        .or_else(returned_error::<SetUserAccess>)
        .or_else(returned_error::<ResendInvitation>)
        .or_else(returned_error::<EndUserSessions>);

    view! {
        <Suspense>
            {Suspend::new(async move {
                let here = id.map_or_else(|| "/users".to_owned(), |id| format!("/users/{id}"));
                let Some(id) = id else {
                    return refusal(AppError::NotFound, &here);
                };
                let detail = match person(id).await {
                    Ok(detail) => detail,
                    Err(error) => return refusal(error, &here),
                };
                let account = detail.account;
                let name = account.name.as_str().to_owned();
                let title = form_title(&name, &error);
                view! {
                    <Page title heading=name.clone() description=format!("The account of {name}: its role, where it is signed in, and access.")>
                        <Done message=done.clone() />
                        <ErrorSummary error=error.clone() />
                        <dl class="govuk-summary-list">
                            <div class="govuk-summary-list__row">
                                <dt class="govuk-summary-list__key">"Email address"</dt>
                                <dd class="govuk-summary-list__value">{account.email.to_string()}</dd>
                            </div>
                            <div class="govuk-summary-list__row">
                                <dt class="govuk-summary-list__key">"Role"</dt>
                                <dd class="govuk-summary-list__value">{account.role.label()}</dd>
                            </div>
                            <div class="govuk-summary-list__row">
                                <dt class="govuk-summary-list__key">"Status"</dt>
                                <dd class="govuk-summary-list__value">{status_tag(account.status)}</dd>
                            </div>
                        </dl>

                        <h2 class="govuk-heading-m">"Role"</h2>
                        <Form action=ChangeRole::PATH id=Some(id)>
                            <SelectField name="role" label="New role" options=role_options() selected=account.role.as_str().to_owned() />
                            <button type="submit" class="govuk-button govuk-button--secondary">"Change role"</button>
                        </Form>

                        {(account.status == AccountStatus::Invited).then(|| view! {
                            <h2 class="govuk-heading-m">"Invitation"</h2>
                            <p class="govuk-body">"They have not chosen a password yet."</p>
                            <Form action=ResendInvitation::PATH id=Some(id)>
                                <button type="submit" class="govuk-button govuk-button--secondary">"Send a new invitation"</button>
                            </Form>
                        })}

                        <h2 class="govuk-heading-m">"Where they are signed in"</h2>
                        {if detail.sessions.is_empty() {
                            view! { <p class="govuk-body">"Not signed in anywhere."</p> }.into_any()
                        } else {
                            view! {
                                <table class="govuk-table">
                                    <caption class="govuk-table__caption govuk-table__caption--s">"Sessions (times in UTC)"</caption>
                                    <thead class="govuk-table__head">
                                        <tr class="govuk-table__row">
                                            <th scope="col" class="govuk-table__header">"Signed in"</th>
                                            <th scope="col" class="govuk-table__header">"Last used"</th>
                                            <th scope="col" class="govuk-table__header">"Browser"</th>
                                        </tr>
                                    </thead>
                                    <tbody class="govuk-table__body">
                                        {detail.sessions.iter().map(|s| view! {
                                            <tr class="govuk-table__row">
                                                <td class="govuk-table__cell">{utc(s.started_at)}</td>
                                                <td class="govuk-table__cell">{utc(s.last_seen_at)}</td>
                                                <td class="govuk-table__cell">{s.user_agent.clone().unwrap_or_default()}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                <Form action=EndUserSessions::PATH id=Some(id)>
                                    <button type="submit" class="govuk-button govuk-button--warning">"Sign them out everywhere"</button>
                                </Form>
                            }.into_any()
                        }}

                        <h2 class="govuk-heading-m">"Access"</h2>
                        {if account.status == AccountStatus::Disabled {
                            view! {
                                <p class="govuk-body">"This account is disabled: they cannot sign in."</p>
                                <Form action=SetUserAccess::PATH id=Some(id)>
                                    <input type="hidden" name="allow" value="true" />
                                    <button type="submit" class="govuk-button govuk-button--secondary">"Enable account"</button>
                                </Form>
                            }.into_any()
                        } else {
                            view! {
                                <p class="govuk-body">"Disabling the account signs them out everywhere at once. It can be enabled again."</p>
                                <Form action=SetUserAccess::PATH id=Some(id)>
                                    <input type="hidden" name="allow" value="false" />
                                    <button type="submit" class="govuk-button govuk-button--warning">"Disable account"</button>
                                </Form>
                            }.into_any()
                        }}
                        <p class="govuk-body"><a class="govuk-link" href="/users">"Back to users"</a></p>
                    </Page>
                }
                    .into_any()
            })}
        </Suspense>
    }
}
