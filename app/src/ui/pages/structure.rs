//! `/teams`: the network's staff groups, organisations and teams, and their forms.
//! Coordinators only.

use crate::ui::{
    components::id_param,
    forms::{Form, form_title, returned_error},
};
use crate::{
    api::structure::{SaveTeam, SaveUnit, network_structure},
    domain::network::{TeamForm, UnitForm, UnitKind},
    error::AppError,
    ui::{
        components::{Done, Page, PageMeta, refusal},
        forms::{ErrorSummary, SelectField, TextAreaField, TextField},
    },
};
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_router::hooks::use_query_map;

#[component]
pub fn TeamsPage() -> impl IntoView {
    let done = use_query_map()
        .with_untracked(|q| q.get("done"))
        .map(|_| "Saved".to_owned());
    view! {
        <Suspense>
            {Suspend::new(async move {
                let structure = match network_structure().await {
                    Ok(structure) => structure,
                    Err(error) => return refusal(error, "/teams"),
                };
                let title = "Staff groups, organisations and teams";
                let units = |kind: UnitKind, units: Vec<crate::domain::network::Unit>| {
                    units
                        .into_iter()
                        .map(|u| view! {
                            <div class="govuk-summary-list__row">
                                <dt class="govuk-summary-list__key">{u.name.clone()}</dt>
                                <dd class="govuk-summary-list__value app-pre-line">{u.description}</dd>
                                <dd class="govuk-summary-list__actions">
                                    <a class="govuk-link" href=format!("{}/{}/edit", kind.path(), u.id)>
                                        "Edit" <span class="govuk-visually-hidden">{format!(" {}", u.name)}</span>
                                    </a>
                                </dd>
                            </div>
                        })
                        .collect_view()
                };
                view! {
                    <PageMeta title description="The network's staff groups, the organisations its teams belong to, and its teams." />
                    <Done message=done.clone() />
                    <h1 class="govuk-heading-xl">{title}</h1>
                    <p class="govuk-body">"Profiles and services belong to a team; a team is part of an organisation and one staff group."</p>
                    <h2 class="govuk-heading-l">"Teams"</h2>
                    <a class="govuk-button govuk-button--secondary" href="/teams/new">"Add a team"</a>
                    <table class="govuk-table">
                        <caption class="govuk-table__caption govuk-table__caption--m">{format!("{} teams", structure.teams.len())}</caption>
                        <thead class="govuk-table__head">
                            <tr class="govuk-table__row">
                                <th scope="col" class="govuk-table__header">"Team"</th>
                                <th scope="col" class="govuk-table__header">"Organisation"</th>
                                <th scope="col" class="govuk-table__header">"Staff group"</th>
                                <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Profiles"</th>
                                <th scope="col" class="govuk-table__header"><span class="govuk-visually-hidden">"Actions"</span></th>
                            </tr>
                        </thead>
                        <tbody class="govuk-table__body">
                            {structure.teams.into_iter().map(|t| view! {
                                <tr class="govuk-table__row">
                                    <td class="govuk-table__cell">{t.name.clone()}</td>
                                    <td class="govuk-table__cell">{t.organisation}</td>
                                    <td class="govuk-table__cell">{t.staff_group}</td>
                                    <td class="govuk-table__cell govuk-table__cell--numeric">{t.people}</td>
                                    <td class="govuk-table__cell">
                                        <a class="govuk-link" href=format!("/teams/{}/edit", t.id)>
                                            "Edit" <span class="govuk-visually-hidden">{format!(" {}", t.name)}</span>
                                        </a>
                                    </td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <h2 class="govuk-heading-l">"Organisations"</h2>
                    <a class="govuk-button govuk-button--secondary" href="/organisations/new">"Add an organisation"</a>
                    <dl class="govuk-summary-list">{units(UnitKind::Organisation, structure.organisations)}</dl>
                    <h2 class="govuk-heading-l">"Staff groups"</h2>
                    <a class="govuk-button govuk-button--secondary" href="/staff-groups/new">"Add a staff group"</a>
                    <dl class="govuk-summary-list">{units(UnitKind::StaffGroup, structure.staff_groups)}</dl>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

/// `/teams/new` and `/teams/{id}/edit`.
#[component]
pub fn EditTeam() -> impl IntoView {
    let id = id_param();
    let error = returned_error::<SaveTeam>();
    view! {
        <Suspense>
            {Suspend::new(async move {
                let here = id.map_or_else(|| "/teams/new".to_owned(), |id| format!("/teams/{id}/edit"));
                let structure = match network_structure().await {
                    Ok(structure) => structure,
                    Err(error) => return refusal(error, &here),
                };
                let form = match id {
                    None => TeamForm::default(),
                    Some(id) => match structure.teams.iter().find(|t| t.id == id) {
                        Some(team) => TeamForm::from_team(team),
                        None => return refusal(AppError::NotFound, &here),
                    },
                };
                let error = error.clone();
                let heading = if id.is_some() { "Edit team" } else { "Add a team" };
                let title = form_title(heading, &error);
                let choices = |units: Vec<crate::domain::network::Unit>, none: &str| {
                    std::iter::once((String::new(), none.to_owned()))
                        .chain(units.into_iter().map(|u| (u.id.to_string(), u.name)))
                        .collect::<Vec<_>>()
                };
                let organisations = choices(structure.organisations, "Choose an organisation");
                let groups = choices(structure.staff_groups, "Choose a staff group");
                view! {
                    <Page title heading description="A team: its name, its organisation and its staff group.">
                        <ErrorSummary error=error />
                        <Form action=SaveTeam::PATH id>
                            <TextField name="name" label="Team name" value=form.name />
                            <SelectField name="organisation_id" label="Organisation" options=organisations selected=form.organisation_id />
                            <SelectField name="staff_group_id" label="Staff group" options=groups selected=form.staff_group_id />
                            <div class="govuk-button-group">
                                <button type="submit" class="govuk-button">"Save team"</button>
                                <a class="govuk-link" href="/teams">"Cancel"</a>
                            </div>
                        </Form>
                    </Page>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

/// `/organisations/new`, `/organisations/{id}/edit`, `/staff-groups/new`,
/// `/staff-groups/{id}/edit`.
#[component]
pub fn EditUnit(kind: UnitKind) -> impl IntoView {
    let id = id_param();
    let error = returned_error::<SaveUnit>();
    view! {
        <Suspense>
            {Suspend::new(async move {
                let here = id.map_or_else(|| format!("{}/new", kind.path()), |id| format!("{}/{id}/edit", kind.path()));
                let structure = match network_structure().await {
                    Ok(structure) => structure,
                    Err(error) => return refusal(error, &here),
                };
                let units = match kind {
                    UnitKind::StaffGroup => structure.staff_groups,
                    UnitKind::Organisation => structure.organisations,
                };
                let form = match id {
                    None => UnitForm::default(),
                    Some(id) => match units.iter().find(|u| u.id == id) {
                        Some(unit) => UnitForm::from_unit(unit),
                        None => return refusal(AppError::NotFound, &here),
                    },
                };
                let error = error.clone();
                let heading = match id {
                    Some(_) => format!("Edit {}", kind.label()),
                    None => format!("Add {} {}", if kind == UnitKind::Organisation { "an" } else { "a" }, kind.label()),
                };
                let title = form_title(&heading, &error);
                view! {
                    <Page title heading description=format!("A {}: its name and what it is.", kind.label())>
                        <ErrorSummary error=error />
                        <Form action=SaveUnit::PATH id>
                            <input type="hidden" name="kind" value=kind.as_str() />
                            <TextField name="name" label="Name" value=form.name />
                            <TextAreaField name="description" label="Description (optional)" value=form.description />
                            {(kind == UnitKind::Organisation).then(|| view! {
                                <TextField name="url" label="Website (optional)" input_type="url" value=form.url.clone() />
                            })}
                            <div class="govuk-button-group">
                                <button type="submit" class="govuk-button">"Save"</button>
                                <a class="govuk-link" href="/teams">"Cancel"</a>
                            </div>
                        </Form>
                    </Page>
                }
                    .into_any()
            })}
        </Suspense>
    }
}
