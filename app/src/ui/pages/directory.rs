//! The champion directory: the searchable list, a person's profile, and the profile form.

use crate::ui::linked::{LinkedText, TermsUsed};
use crate::ui::{components::id_param, forms::form_title};
use crate::{
    api::directory::{
        Photo, RemovePhoto, SaveProfile, UploadPhoto, people, profile_page, profile_to_edit,
    },
    domain::directory::{PersonCard, ProfileForm},
    error::AppError,
    ui::{
        components::{Done, Page, PageMeta, Pagination, refusal, summary_row, utc},
        forms::{
            CheckboxField, ErrorSummary, FileField, Form, SelectField, TextAreaField, TextField,
            returned_error,
        },
    },
};
use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use leptos_router::hooks::use_query_map;

/// `/people?q=&staff_group=&organisation=&shadowing=yes&page=`: a plain GET form, so a search
/// is a link that can be shared and works with JavaScript off.
#[component]
pub fn PeopleList() -> impl IntoView {
    let query = use_query_map().get_untracked();
    let param = |name: &str| query.get(name).unwrap_or_default();
    let (q, group, organisation) = (param("q"), param("staff_group"), param("organisation"));
    let shadowing = param("shadowing") == "yes";
    let page = param("page").parse::<usize>().ok();
    let here = format!("/people{}", query.to_query_string());

    view! {
        <Suspense>
            {Suspend::new(async move {
                let shadowing_arg = shadowing.then(|| "yes".to_owned());
                let directory = match people(
                    Some(q.clone()),
                    Some(group.clone()),
                    Some(organisation.clone()),
                    shadowing_arg,
                    page,
                )
                .await
                {
                    Ok(directory) => directory,
                    Err(error) => return refusal(error, &here),
                };
                let found = directory.found;
                let title = if shadowing && q.is_empty() { "Who can I shadow?" } else { "Find a champion" };
                let options = |names: Vec<String>, all: &str| {
                    std::iter::once((String::new(), all.to_owned()))
                        .chain(names.into_iter().map(|n| (n.clone(), n)))
                        .collect::<Vec<_>>()
                };
                let summary = match found.total {
                    0 => "No one matches. Try fewer words, or clear the filters.".to_owned(),
                    1 => "1 person".to_owned(),
                    n => format!("{n} people"),
                };
                let link = {
                    let (q, group, organisation) = (q.clone(), group.clone(), organisation.clone());
                    move |page: usize| {
                        let mut url = url::form_urlencoded::Serializer::new(String::new());
                        for (name, value) in [("q", &q), ("staff_group", &group), ("organisation", &organisation)] {
                            if !value.is_empty() {
                                url.append_pair(name, value);
                            }
                        }
                        if shadowing {
                            url.append_pair("shadowing", "yes");
                        }
                        url.append_pair("page", &page.to_string());
                        format!("/people?{}", url.finish())
                    }
                };
                view! {
                    <PageMeta title description="Find a champion by name, team, service or topic, and who offers job shadowing or buddying." />
                    <h1 class="govuk-heading-xl">{title}</h1>
                    <form method="get" action="/people" class="app-search" role="search">
                        <div class="govuk-form-group">
                            <label class="govuk-label govuk-label--s" for="q">
                                "Search by name, team, service or topic"
                            </label>
                            <input class="govuk-input" id="q" name="q" type="search" value=q.clone() />
                        </div>
                        <SelectField
                            name="staff_group"
                            label="Staff group"
                            options=options(directory.staff_groups, "All staff groups")
                            selected=group.clone()
                        />
                        <SelectField
                            name="organisation"
                            label="Organisation"
                            options=options(directory.organisations, "All organisations")
                            selected=organisation.clone()
                        />
                        <CheckboxField name="shadowing" label="Only people who offer job shadowing" checked=shadowing />
                        <button type="submit" class="govuk-button">"Search"</button>
                    </form>
                    <p class="govuk-body">
                        <a class="govuk-link" href="/people?shadowing=yes">"Who can I shadow?"</a>
                    </p>
                    <h2 class="govuk-heading-m" id="results">{summary}</h2>
                    <ul class="govuk-list app-people">
                        {found.people.into_iter().map(|person| view! { <Card person /> }).collect_view()}
                    </ul>
                    <Pagination page=found.page pages=found.pages link />
                }
                    .into_any()
            })}
        </Suspense>
    }
}

#[component]
fn Card(person: PersonCard) -> impl IntoView {
    let placement = person.placement;
    view! {
        <li class="app-people__person">
            <h3 class="govuk-heading-s govuk-!-margin-bottom-1">
                <a class="govuk-link" href=format!("/people/{}", person.id)>{person.name}</a>
                {(!person.pronouns.is_empty()).then(|| view! {
                    <span class="govuk-caption-m app-pronouns">{format!(" ({})", person.pronouns)}</span>
                })}
            </h3>
            <p class="govuk-body govuk-!-margin-bottom-1">
                {format!("{}, {} – {}", person.job_title, placement.team, placement.organisation)}
            </p>
            {(!person.tags.is_empty()).then(|| view! {
                <p class="govuk-body-s govuk-!-margin-bottom-1">
                    "Ask me about: " {person.tags.join(", ")}
                </p>
            })}
            {person.offers_shadowing.then(|| view! {
                <p class="govuk-body-s">
                    <strong class="govuk-tag govuk-tag--green">"Offers job shadowing"</strong>
                    " " {person.shadowing_note}
                </p>
            })}
        </li>
    }
}

#[component]
pub fn PersonProfile() -> impl IntoView {
    let id = id_param();
    let done = use_query_map()
        .with_untracked(|q| q.get("done"))
        .and_then(|d| match d.as_str() {
            "saved" => Some("Profile saved"),
            "photo" => Some("Photo saved"),
            "photo-removed" => Some("Photo removed"),
            _ => None,
        })
        .map(str::to_owned);
    view! {
        <Suspense>
            {Suspend::new(async move {
                let here = id.map_or_else(|| "/people".to_owned(), |id| format!("/people/{id}"));
                let Some(id) = id else { return refusal(AppError::NotFound, &here) };
                let view = match profile_page(id).await {
                    Ok(view) => view,
                    Err(error) => return refusal(error, &here),
                };
                let p = view.profile;
                let now = chrono::Utc::now();
                let stale = p.is_stale(now);
                let (missing, completeness) = (p.missing(), p.completeness());
                let placement = p.placement.clone();
                let email = p.work_email.clone();
                let phone = p.phone.clone();
                let shadowing = if p.offers_shadowing {
                    format!("Yes. {}", p.shadowing_note)
                } else {
                    "No".to_owned()
                };
                view! {
                    <PageMeta title=p.name.clone() description=format!("{}, {} – {}: how to contact them and what to ask them about.", p.name, p.job_title, p.placement.team) />
                    <div class="govuk-grid-row">
                        <div class="govuk-grid-column-two-thirds">
                            <Done message=done.clone() />
                            {p.has_photo.then(|| view! {
                                <img class="app-photo" src=format!("{}?id={id}", Photo::PATH) alt=format!("Photo of {}", p.name) width="200" />
                            })}
                            <span class="govuk-caption-l">{p.job_title.clone()}</span>
                            <h1 class="govuk-heading-xl">
                                {p.name.clone()}
                                {(!p.pronouns.is_empty()).then(|| view! {
                                    <span class="govuk-caption-m app-pronouns">{format!(" ({})", p.pronouns)}</span>
                                })}
                            </h1>
                            {stale.then(|| view! {
                                <div class="govuk-warning-text">
                                    <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                                    <strong class="govuk-warning-text__text">
                                        <span class="govuk-visually-hidden">"Warning"</span>
                                        "This profile has not been confirmed in the last 6 months: some details may be out of date."
                                    </strong>
                                </div>
                            })}
                            {view.own.then(|| view! {
                                <div class="govuk-inset-text">
                                    <p class="govuk-body">{format!("Your profile is {completeness}% complete.")}</p>
                                    {(!missing.is_empty()).then(|| view! {
                                        <p class="govuk-body">"You could add: " {missing.join(", ")} "."</p>
                                    })}
                                </div>
                            })}
                            <dl class="govuk-summary-list">
                                {summary_row("Team", placement.team.clone(), false)}
                                {summary_row("Organisation", placement.organisation.clone(), false)}
                                {summary_row("Staff group", placement.staff_group.clone(), false)}
                                {summary_row("Work email", view! { <a class="govuk-link" href=format!("mailto:{email}")>{email.clone()}</a> }, false)}
                                {summary_row("Phone", view! { <a class="govuk-link" href=format!("tel:{}", phone.replace(' ', ""))>{phone.clone()}</a> }, phone.is_empty())}
                                {summary_row("Base", p.base.clone(), p.base.is_empty())}
                                {summary_row("Ask me about", p.tags.join(", "), p.tags.is_empty())}
                                {summary_row("Champion since", p.champion_since.map(|d| d.format("%B %Y").to_string()).unwrap_or_default(), p.champion_since.is_none())}
                                {summary_row("Supporting manager", p.supporting_manager.clone(), p.supporting_manager.is_empty())}
                                {summary_row("Job shadowing", shadowing, false)}
                                {summary_row("Availability", p.availability.clone(), p.availability.is_empty())}
                                {summary_row("Last confirmed", p.confirmed_at.map(utc).map(|t| format!("{t} UTC")).unwrap_or_else(|| "Never".into()), false)}
                            </dl>
                            {view.may_edit.then(|| view! {
                                <div class="govuk-button-group">
                                    <a class="govuk-button govuk-button--secondary" href=format!("/people/{id}/edit")>
                                        {if view.own { "Edit or confirm your profile" } else { "Edit profile" }}
                                    </a>
                                    <a class="govuk-link" href=format!("/people/{id}/history")>"Earlier versions"</a>
                                </div>
                            })}
                            <h2 class="govuk-heading-m">{format!("Services of {}", placement.team)}</h2>
                            {if view.services.is_empty() {
                                view! { <p class="govuk-body">"No services are listed for this team yet."</p> }.into_any()
                            } else {
                                view.services
                                    .into_iter()
                                    .map(|s| view! {
                                        <h3 class="govuk-heading-s govuk-!-margin-bottom-1">
                                            <a class="govuk-link" href=format!("/services/{}", s.id)>{s.name}</a>
                                        </h3>
                                        <p class="govuk-body">
                                            <strong>"How to refer: "</strong>
                                            <LinkedText text=s.referral_route acronyms=view.acronyms.clone() />
                                        </p>
                                    })
                                    .collect_view()
                                    .into_any()
                            }}
                            <TermsUsed acronyms=view.acronyms.clone() />
                        </div>
                    </div>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn EditProfile() -> impl IntoView {
    let id = id_param();
    let error = returned_error::<SaveProfile>();
    // The photo form below has its own summary; the title says either came back.
    let photo_error = returned_error::<UploadPhoto>();
    view! {
        <Suspense>
            {Suspend::new(async move {
                let here = id.map_or_else(|| "/people".to_owned(), |id| format!("/people/{id}/edit"));
                let Some(id) = id else { return refusal(AppError::NotFound, &here) };
                let (form, teams, has_photo) = match profile_to_edit(id).await {
                    Ok(loaded) => loaded,
                    Err(error) => return refusal(error, &here),
                };
                let error = error.clone();
                let title = form_title("Edit profile", &error.clone().or(photo_error.clone()));
                let teams = std::iter::once((String::new(), "Choose a team".to_owned()))
                    .chain(teams.into_iter().map(|t| (t.id.to_string(), t.label)))
                    .collect::<Vec<_>>();
                let ProfileForm {
                    name, pronouns, job_title, team_id, work_email, phone, base, tags,
                    champion_since, supporting_manager, offers_shadowing, shadowing_note, availability,
                } = form;
                view! {
                    <Page title heading="Edit profile" description="Edit a champion's profile: their team, contact details, what to ask them about and whether they offer job shadowing.">
                        <ErrorSummary error=error />
                        <p class="govuk-body">"Saving also confirms the profile is up to date."</p>
                        <Form action=SaveProfile::PATH id=Some(id)>
                            <TextField name="name" label="Full name" autocomplete="name" value=name />
                            <TextField name="pronouns" label="Pronouns (optional)" hint="For example, she/her or they/them" value=pronouns />
                            <TextField name="job_title" label="Job title" autocomplete="organization-title" value=job_title />
                            <SelectField name="team_id" label="Team" options=teams selected=team_id />
                            <TextField name="work_email" label="Work email address" input_type="email" autocomplete="email" value=work_email />
                            <TextField name="phone" label="Work phone number (optional)" input_type="tel" autocomplete="tel" value=phone />
                            <TextField name="base" label="Base (optional)" hint="Where you usually work from" value=base />
                            <TextField name="tags" label="Ask me about (optional)" hint="Topics others can ask you about, separated by commas" value=tags />
                            <TextField name="champion_since" label="Champion since (optional)" hint="For example, 2024-03-27" input_type="date" value=champion_since />
                            <TextField name="supporting_manager" label="Supporting manager (optional)" hint="The manager who supports your champion role" value=supporting_manager />
                            <CheckboxField name="offers_shadowing" label="I offer job shadowing or buddying" checked=offers_shadowing.is_some() />
                            <TextAreaField name="shadowing_note" label="What could someone shadow? (optional)" value=shadowing_note />
                            <TextAreaField name="availability" label="Availability (optional)" hint="For example, part time: Tuesday to Thursday" value=availability />
                            <div class="govuk-button-group">
                                <button type="submit" class="govuk-button">"Save profile"</button>
                                <a class="govuk-link" href=format!("/people/{id}")>"Cancel"</a>
                            </div>
                        </Form>
                        <PhotoForm id has_photo />
                    </Page>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

/// Uploading or removing a profile's photo: a plain form, as a file needs.
#[component]
fn PhotoForm(id: i32, has_photo: bool) -> impl IntoView {
    use crate::domain::directory::MAX_PHOTO_SIZE;
    let label = if has_photo {
        "Choose a new photo"
    } else {
        "Choose a photo"
    };
    let error = returned_error::<UploadPhoto>();
    view! {
        <h2 class="govuk-heading-m" id="photo-heading">"Photo (optional)"</h2>
        <ErrorSummary error />
        <Form action=UploadPhoto::PATH id=Some(id) upload=true>
            <FileField
                name="photo"
                label=label.to_owned()
                hint=format!("A JPG, PNG or WebP image, {MAX_PHOTO_SIZE} at most. Colleagues who are signed in see it.")
                accept="image/jpeg,image/png,image/webp"
            />
            <button type="submit" class="govuk-button govuk-button--secondary">"Upload photo"</button>
        </Form>
        {has_photo.then(|| view! {
            <Form action=RemovePhoto::PATH id=Some(id)>
                <button type="submit" class="govuk-button govuk-button--warning">"Remove photo"</button>
            </Form>
        })}
    }
}
