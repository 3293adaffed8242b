//! Adding and editing services and job roles: champions and coordinators.

use crate::ui::{
    components::id_param,
    forms::{Form, form_title, returned_error},
};
use crate::{
    api::bank::{SaveRole, SaveService, role_to_edit, service_to_edit},
    domain::bank::{RoleForm, ServiceForm, ServiceStatus},
    ui::{
        components::{Page, refusal},
        forms::{CheckboxField, ErrorSummary, SelectField, TextAreaField, TextField},
    },
};
use leptos::{prelude::*, server_fn::ServerFn};

/// `/services/new` and `/services/{id}/edit`.
#[component]
pub fn EditService() -> impl IntoView {
    let id = id_param();
    let error = returned_error::<SaveService>();
    view! {
        <Suspense>
            {Suspend::new(async move {
                let here = id.map_or_else(|| "/services/new".to_owned(), |id| format!("/services/{id}/edit"));
                let (form, teams) = match service_to_edit(id).await {
                    Ok(loaded) => loaded,
                    Err(error) => return refusal(error, &here),
                };
                let error = error.clone();
                let heading = if id.is_some() { "Edit service" } else { "Add a service" };
                let title = form_title(heading, &error);
                let teams = std::iter::once((String::new(), "Choose a team".to_owned()))
                    .chain(teams.into_iter().map(|t| (t.id.to_string(), t.label)))
                    .collect::<Vec<_>>();
                let statuses = ServiceStatus::ALL
                    .iter()
                    .map(|s| (s.as_str().to_owned(), s.label().to_owned()))
                    .collect::<Vec<_>>();
                let cancel = id.map_or_else(|| "/services".to_owned(), |id| format!("/services/{id}"));
                let ServiceForm {
                    name, team_id, description, who_for, minimum_age, maximum_age, referral_route,
                    referral_form_url, phone, email, url, opening_hours, locations, cost, legal_basis,
                    status, published,
                } = form;
                view! {
                    <Page title heading description="A service in the bank: what it offers, who it is for, how to refer, and how to contact it.">
                        <ErrorSummary error=error />
                        <p class="govuk-body">"Saving also marks the entry as reviewed today, by you."</p>
                        <Form action=SaveService::PATH id>
                            <TextField name="name" label="Name" value=name />
                            <SelectField name="team_id" label="Team that runs it" options=teams selected=team_id />
                            <SelectField name="status" label="Status" options=statuses selected=status />
                            <TextAreaField name="description" label="What it offers" value=description />
                            <TextAreaField name="who_for" label="Who it is for" hint="Eligibility and thresholds" value=who_for />
                            <TextField name="minimum_age" label="Minimum age (optional)" hint="In whole years" input_type="number" value=minimum_age />
                            <TextField name="maximum_age" label="Maximum age (optional)" hint="In whole years" input_type="number" value=maximum_age />
                            <TextAreaField name="referral_route" label="How to refer" value=referral_route />
                            <TextField name="referral_form_url" label="Referral form (optional)" hint="A web address starting https://" input_type="url" value=referral_form_url />
                            <TextField name="phone" label="Phone (optional)" input_type="tel" value=phone />
                            <TextField name="email" label="Email (optional)" input_type="email" value=email />
                            <TextField name="url" label="Website (optional)" input_type="url" value=url />
                            <TextAreaField name="opening_hours" label="Opening hours (optional)" value=opening_hours />
                            <TextAreaField name="locations" label="Locations (optional)" value=locations />
                            <TextField name="cost" label="Cost (optional)" hint="For example, Free" value=cost />
                            <TextAreaField name="legal_basis" label="Legal basis and duties (optional)" value=legal_basis />
                            <CheckboxField name="published" label="Published: shown to everyone and in the Open Referral feed" checked=published.is_some() />
                            <div class="govuk-button-group">
                                <button type="submit" class="govuk-button">"Save service"</button>
                                <a class="govuk-link" href=cancel>"Cancel"</a>
                            </div>
                        </Form>
                    </Page>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

/// `/roles/new` and `/roles/{id}/edit`.
#[component]
pub fn EditRole() -> impl IntoView {
    let id = id_param();
    let error = returned_error::<SaveRole>();
    view! {
        <Suspense>
            {Suspend::new(async move {
                let here = id.map_or_else(|| "/roles/new".to_owned(), |id| format!("/roles/{id}/edit"));
                let (form, services) = match role_to_edit(id).await {
                    Ok(loaded) => loaded,
                    Err(error) => return refusal(error, &here),
                };
                let error = error.clone();
                let heading = if id.is_some() { "Edit job role" } else { "Add a job role" };
                let title = form_title(heading, &error);
                let services = std::iter::once((String::new(), "No particular service".to_owned()))
                    .chain(services.into_iter().map(|(id, name)| (id.to_string(), name)))
                    .collect::<Vec<_>>();
                let cancel = id.map_or_else(|| "/roles".to_owned(), |id| format!("/roles#role-{id}"));
                let RoleForm {
                    title: role_title, service_id, what_they_do, day_in_the_life, presented_on,
                    presenter, typical_caseload, when_to_contact, thresholds,
                } = form;
                view! {
                    <Page title heading description="A job role: what they do, a day in their life, and when to contact them.">
                        <ErrorSummary error=error />
                        <Form action=SaveRole::PATH id>
                            <TextField name="title" label="Job title" value=role_title />
                            <SelectField name="service_id" label="Service (optional)" options=services selected=service_id />
                            <TextAreaField name="what_they_do" label="What they do" value=what_they_do />
                            <TextAreaField name="typical_caseload" label="Typical caseload (optional)" value=typical_caseload />
                            <TextAreaField name="when_to_contact" label="When to contact them (optional)" value=when_to_contact />
                            <TextAreaField name="thresholds" label="Thresholds they work to (optional)" value=thresholds />
                            <TextAreaField name="day_in_the_life" label="A day in the life (optional)" hint="From the group's \"a day in the life of\" talk" value=day_in_the_life />
                            <TextField name="presented_on" label="Presented on (optional)" hint="For example, 2026-09-16" input_type="date" value=presented_on />
                            <TextField name="presenter" label="Presenter (optional)" value=presenter />
                            <div class="govuk-button-group">
                                <button type="submit" class="govuk-button">"Save job role"</button>
                                <a class="govuk-link" href=cancel>"Cancel"</a>
                            </div>
                        </Form>
                    </Page>
                }
                    .into_any()
            })}
        </Suspense>
    }
}
