//! `/meetings` and one meeting's page, with the coordinator's forms that schedule a series,
//! add a one-off meeting, change or cancel one meeting, invite and add guests; a member's
//! answer; and `/rsvp`, the page an emailed answer link opens.

use crate::{
    api::meetings::{
        AddGuest, AddMeeting, AnswerByLink, AnswerMeeting, CancelMeeting, ChangeMeeting,
        ScheduleSeries, SendInvitations, list_meetings, read_meeting, rsvp, series_choices,
    },
    domain::meetings::{
        Answer, CUSTOM_RULE, MeetingDetail, MeetingForm, MeetingSummary, MyAnswer, PRESETS,
        SeriesForm,
    },
    ui::{
        components::{Done, Page, PageMeta, id_param, refusal, summary_row},
        forms::{
            ErrorSummary, Form, RadiosField, SelectField, TextAreaField, TextField, form_title,
            returned_error,
        },
        kept_pages::RenderedMeeting,
    },
};
use leptos::{prelude::*, server_fn::ServerFn, tachys::view::RenderHtml};
use leptos_router::hooks::use_query_map;
use std::sync::Arc;

fn done_message() -> Option<String> {
    let (done, sent) = use_query_map().with_untracked(|q| (q.get("done"), q.get("sent")));
    let done = done?;
    let sent = sent
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or_default();
    match done.as_str() {
        "invited" if sent == 1 => return Some("1 invitation sent".to_owned()),
        "invited" => return Some(format!("{sent} invitations sent")),
        "agenda-sent" => return Some(format!("The agenda is sent to {sent} people")),
        _ => {}
    }
    let message = match done.as_str() {
        "item" => "The item is on the agenda",
        "proposed" => "Your proposal is sent to the coordinator",
        "accepted" => "The proposal is on the agenda",
        "item-saved" => "The item is changed",
        "declined" => "The proposal is declined and the proposer is told why",
        "moved" => "The item is moved",
        "removed" => "The item is off the agenda",
        "guest" => "The guest is added",
        "attendance" => "Attendance saved",
        "answered" => "Your answer is recorded",
        "scheduled" => "The series is scheduled: its meetings for the next 12 months are below",
        "added" => "The meeting is added",
        "changed" => "The meeting is changed",
        "cancelled" => "The meeting is cancelled",
        "restored" => "The meeting is back on",
        _ => return None,
    };
    Some(message.to_owned())
}

#[component]
pub fn MeetingsPage() -> impl IntoView {
    let done = done_message();
    view! {
        <Suspense>
            {Suspend::new(async move {
                let overview = match list_meetings().await {
                    Ok(overview) => overview,
                    Err(error) => return refusal(error, "/meetings"),
                };
                let actions = overview.may_schedule.then(|| view! {
                    <div class="govuk-button-group">
                        <a class="govuk-button" href="/meetings/series/new">"Schedule a series"</a>
                        <a class="govuk-button govuk-button--secondary" href="/meetings/attendance">"Attendance"</a>
                        {(!overview.series.is_empty()).then(|| view! {
                            <a class="govuk-button govuk-button--secondary" href="/meetings/new">"Add a one-off meeting"</a>
                        })}
                    </div>
                });
                let series = (!overview.series.is_empty()).then(|| {
                    let rows = overview.series.iter().map(|s| view! {
                        <div class="govuk-summary-list__row">
                            <dt class="govuk-summary-list__key">{s.name.clone()}</dt>
                            <dd class="govuk-summary-list__value">
                                {format!(
                                    "{}, {} to {}. {} {}.",
                                    s.repeats,
                                    s.start.format("%H:%M"),
                                    s.end.format("%H:%M"),
                                    s.members,
                                    if s.members == 1 { "member" } else { "members" },
                                )}
                            </dd>
                        </div>
                    }).collect_view();
                    view! {
                        <h2 class="govuk-heading-l">"Series"</h2>
                        <dl class="govuk-summary-list">{rows}</dl>
                    }
                });
                view! {
                    <PageMeta title="Meetings" description="The network's meetings: those coming up and those held." />
                    <Done message=done.clone() />
                    <h1 class="govuk-heading-xl">"Meetings"</h1>
                    {actions}
                    <h2 class="govuk-heading-l">"Coming up"</h2>
                    <MeetingTable meetings=overview.upcoming caption="Meetings coming up" empty="No meetings are scheduled." />
                    <h2 class="govuk-heading-l">"Held"</h2>
                    <MeetingTable meetings=overview.past caption="Meetings held, newest first" empty="No meetings have been held yet." />
                    {series}
                }
                    .into_any()
            })}
        </Suspense>
    }
}

#[component]
fn MeetingTable(
    meetings: Vec<MeetingSummary>,
    caption: &'static str,
    empty: &'static str,
) -> impl IntoView {
    if meetings.is_empty() {
        return view! { <p class="govuk-body">{empty}</p> }.into_any();
    }
    view! {
        <table class="govuk-table">
            <caption class="govuk-table__caption govuk-visually-hidden">{caption}</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Meeting"</th>
                    <th scope="col" class="govuk-table__header">"When"</th>
                    <th scope="col" class="govuk-table__header">"Where"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {meetings.into_iter().map(|m| {
                    let when = m.when();
                    let place = m.place();
                    view! {
                        <tr class="govuk-table__row">
                            <td class="govuk-table__cell">
                                <a class="govuk-link" href=format!("/meetings/{}", m.id)>{m.title.clone()}</a>
                                {m.cancelled.then(|| view! { " " <strong class="govuk-tag govuk-tag--red">"Cancelled"</strong> })}
                            </td>
                            <td class="govuk-table__cell">{when}</td>
                            <td class="govuk-table__cell">{place}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// `/meetings/series/new`.
#[component]
pub fn NewSeriesPage() -> impl IntoView {
    let error = returned_error::<ScheduleSeries>();
    view! {
        <Suspense>
            {Suspend::new(async move {
                // Only coordinators may: the same check the form's server function makes.
                if let Err(error) = series_choices().await {
                    return refusal(error, "/meetings/series/new");
                }
                let error = error.clone();
                let heading = "Schedule a series";
                let title = form_title(heading, &error);
                let form = SeriesForm::usual();
                let rules = PRESETS
                    .iter()
                    .map(|(rule, words)| ((*rule).to_owned(), (*words).to_owned()))
                    .chain([(CUSTOM_RULE.to_owned(), "Another rule, typed below".to_owned())])
                    .collect::<Vec<_>>();
                view! {
                    <Page title heading description="A series of meetings: how they repeat, their usual time and place.">
                        <ErrorSummary error=error />
                        <p class="govuk-body">"Its meetings for the next 12 months are made at once; every active champion and coordinator is a member. Each meeting can then be moved or cancelled on its own."</p>
                        <Form action=ScheduleSeries::PATH>
                            <TextField name="name" label="Name" value=form.name />
                            <SelectField name="rule" label="Repeats" options=rules selected=form.rule />
                            <TextField
                                name="custom_rule"
                                label="Another rule (optional)"
                                hint="An iCalendar rule, like FREQ=MONTHLY;INTERVAL=2;BYDAY=-1TU for the last Tuesday of every other month"
                            />
                            <TextField name="first_date" label="First meeting" input_type="date" hint="A date the rule gives, like 2027-01-12" />
                            <TextField name="start_time" label="Start time" input_type="time" value=form.start_time />
                            <TextField name="end_time" label="End time" input_type="time" value=form.end_time />
                            <TextField name="venue" label="Venue (optional)" />
                            <TextField name="online_link" label="Online link (optional)" input_type="url" hint="For example, the Teams meeting's address" />
                            <div class="govuk-button-group">
                                <button type="submit" class="govuk-button">"Schedule the series"</button>
                                <a class="govuk-link" href="/meetings">"Cancel"</a>
                            </div>
                        </Form>
                    </Page>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

/// `/meetings/new`: a one-off meeting in a series.
#[component]
pub fn NewMeetingPage() -> impl IntoView {
    let error = returned_error::<AddMeeting>();
    view! {
        <Suspense>
            {Suspend::new(async move {
                let series = match series_choices().await {
                    Ok(series) => series,
                    Err(error) => return refusal(error, "/meetings/new"),
                };
                let error = error.clone();
                let heading = "Add a one-off meeting";
                let title = form_title(heading, &error);
                let options = series.into_iter().map(|(id, name)| (id.to_string(), name)).collect::<Vec<_>>();
                view! {
                    <Page title heading description="A meeting outside a series' rule: a launch or an extra session.">
                        <ErrorSummary error=error />
                        <Form action=AddMeeting::PATH>
                            <SelectField name="series_id" label="Series" options />
                            <MeetingFields form=MeetingForm { start_time: "10:00".into(), end_time: "12:00".into(), ..MeetingForm::default() } />
                            <div class="govuk-button-group">
                                <button type="submit" class="govuk-button">"Add the meeting"</button>
                                <a class="govuk-link" href="/meetings">"Cancel"</a>
                            </div>
                        </Form>
                    </Page>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

#[component]
fn MeetingFields(form: MeetingForm) -> impl IntoView {
    view! {
        <TextField name="title" label="Title" value=form.title />
        <TextField name="date" label="Date" input_type="date" value=form.date />
        <TextField name="start_time" label="Start time" input_type="time" value=form.start_time />
        <TextField name="end_time" label="End time" input_type="time" value=form.end_time />
        <TextField name="venue" label="Venue (optional)" value=form.venue />
        <TextField name="online_link" label="Online link (optional)" input_type="url" value=form.online_link />
    }
}

/// `/meetings/{id}`.
#[component]
pub fn MeetingPage() -> impl IntoView {
    let id = id_param();
    let done = done_message();
    // The page's forms; at most one came back.
    let error = returned_error::<ChangeMeeting>()
        .or_else(returned_error::<AddGuest>)
        .or_else(returned_error::<AnswerMeeting>)
        .or_else(returned_error::<SendInvitations>)
        .or_else(returned_error::<crate::api::meetings::RecordAttendance>)
        .or_else(returned_error::<crate::api::meetings::MarkAttendingPresent>)
        .or_else(returned_error::<CancelMeeting>)
        .or_else(super::agenda::returned_agenda_error);
    // A page that came back with a problem shows what one person typed: never kept.
    let keep = use_context::<crate::domain::returned_form::ReturnedForm>().is_none();
    view! {
        <Suspense>
            {Suspend::new(async move {
                let here = id.map_or_else(|| "/meetings".to_owned(), |id| format!("/meetings/{id}"));
                let page = match id {
                    Some(id) => rendered_meeting(id, keep).await,
                    None => Err(crate::error::AppError::NotFound),
                };
                let page = match page {
                    Ok(page) => page,
                    Err(error) => return refusal(error, &here),
                };
                let error = error.clone();
                let title = form_title(&page.title, &error);
                view! {
                    <PageMeta title description=page.description.clone() />
                    <Done message=done.clone() />
                    <ErrorSummary error />
                    <div class="govuk-grid-row" inner_html=page.body.clone() />
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// The meeting's page for the reader: kept as rendered (`KeptPages`, on the server) and used
/// again while nothing it shows has changed.
async fn rendered_meeting(
    id: i32,
    keep: bool,
) -> Result<Arc<RenderedMeeting>, crate::error::AppError> {
    #[cfg(feature = "ssr")]
    let (kept, key, revision) = {
        let (reader, revision) = crate::api::meetings::page_revision().await?;
        let kept = use_context::<crate::ui::KeptPages>().filter(|_| keep);
        if let Some(page) = kept
            .as_ref()
            .and_then(|kept| kept.get((id, reader), revision, chrono::Utc::now()))
        {
            return Ok(page);
        }
        (kept, (id, reader), revision)
    };
    #[cfg(not(feature = "ssr"))]
    let _ = keep;
    let detail = read_meeting(id).await?;
    #[cfg(feature = "ssr")]
    let changes_at = detail.changes_at;
    let m = &detail.meeting;
    let page = Arc::new(RenderedMeeting {
        title: m.title.clone(),
        description: format!("{}: {}.", m.title, m.when()),
        body: view! { <MeetingBody detail /> }.to_html().into(),
    });
    #[cfg(feature = "ssr")]
    if let Some(kept) = kept {
        kept.keep(key, revision, changes_at, page.clone());
    }
    Ok(page)
}

/// Everything on a meeting's page below the messages: what it is, its agenda, the reader's
/// answer, and the coordinator's attendance sheet, invitations and forms.
#[component]
fn MeetingBody(detail: MeetingDetail) -> impl IntoView {
    let m = detail.meeting.clone();
    let id = m.id;
    let link = (!detail.online_link.is_empty()).then(|| {
        let href = detail.online_link.clone();
        view! { <a class="govuk-link" href=href.clone() rel="noopener">{href.clone()}</a> }
    });
    let members = detail.members.len();
    let mine = detail
        .mine
        .clone()
        .filter(|_| !detail.ended && !m.cancelled)
        .map(|mine| view! { <YourAnswer id mine /> });
    let invitations = detail
        .may_edit
        .then(|| view! { <Invitations detail=detail.clone() /> });
    let sheet = (!detail.attendance.is_empty()).then(
        || view! { <super::attendance::AttendanceSheet id rows=detail.attendance.clone() /> },
    );
    let edit = detail.may_edit.then(|| {
        let form = MeetingForm::from_detail(&detail);
        let (button, restore) = if m.cancelled {
            ("Put the meeting back on", true)
        } else {
            ("Cancel this meeting", false)
        };
        view! {
            <h2 class="govuk-heading-l" id="change">"Change this meeting"</h2>
            <p class="govuk-body">"Only this meeting changes; the rest of the series stays as it is."</p>
            <Form action=ChangeMeeting::PATH id=Some(id)>
                <MeetingFields form />
                <button type="submit" class="govuk-button">"Save changes"</button>
            </Form>
            <Form action=CancelMeeting::PATH id=Some(id)>
                {restore.then(|| view! { <input type="hidden" name="restore" value="yes" /> })}
                <button type="submit" class=if restore { "govuk-button govuk-button--secondary" } else { "govuk-button govuk-button--warning" }>
                    {button}
                </button>
            </Form>
        }
    });
    view! {
        <div class="govuk-grid-column-two-thirds">
            <span class="govuk-caption-l">{detail.series_name.clone()}</span>
            <h1 class="govuk-heading-xl">
                {m.title.clone()}
                {m.cancelled.then(|| view! { " " <strong class="govuk-tag govuk-tag--red">"Cancelled"</strong> })}
            </h1>
            <dl class="govuk-summary-list">
                {summary_row("When", m.when(), false)}
                {summary_row("Venue", m.venue.clone(), m.venue.is_empty())}
                {summary_row("Online", link, detail.online_link.is_empty())}
                {summary_row("Kind", if detail.from_rule { "One of the series" } else { "A one-off meeting" }, false)}
                {summary_row("Members", format!("{members} {}", if members == 1 { "person" } else { "people" }), false)}
            </dl>
            <p class="govuk-body">
                <a class="govuk-link" href=format!("/meetings/{id}/invite.ics") download=format!("meeting-{id}.ics")>
                    "Add to your calendar (.ics file)"
                </a>
            </p>
            {(!detail.members.is_empty()).then(|| view! {
                <details class="govuk-details">
                    <summary class="govuk-details__summary">
                        <span class="govuk-details__summary-text">"The members"</span>
                    </summary>
                    <div class="govuk-details__text">
                        <ul class="govuk-list">
                            {detail.members.iter().map(|name| view! { <li>{name.clone()}</li> }).collect_view()}
                        </ul>
                    </div>
                </details>
            })}
            <super::agenda::AgendaSection detail=detail.clone() />
            {mine}
            {sheet}
            {invitations}
            {edit}
            <p class="govuk-body"><a class="govuk-link" href="/meetings">"All meetings"</a></p>
        </div>
    }
}

/// A member's own answer, which they may change until the meeting ends.
#[component]
fn YourAnswer(id: i32, mine: MyAnswer) -> impl IntoView {
    let answers = Answer::ALL.map(|a| (a.as_str(), a.choice())).to_vec();
    let deputies = (!mine.colleagues.is_empty()).then(|| {
        let options = std::iter::once((String::new(), "No deputy".to_owned()))
            .chain(mine.colleagues.iter().map(|(id, name)| (id.to_string(), name.clone())))
            .collect::<Vec<_>>();
        let selected = mine.deputy.map(|d| d.to_string()).unwrap_or_default();
        view! { <SelectField name="deputy" label="A deputy from your team, if you send apologies (optional)" options selected /> }
    });
    view! {
        <h2 class="govuk-heading-l">"Your answer"</h2>
        {mine.answer.map(|a| view! { <p class="govuk-body">{format!("You answered: {}.", a.choice())}</p> })}
        <Form action=AnswerMeeting::PATH id=Some(id)>
            <RadiosField name="answer" legend="Will you attend?" options=answers selected=mine.answer.map(|a| a.as_str().to_owned()).unwrap_or_default() />
            <TextAreaField name="note" label="A note for the coordinator (optional)" value=mine.note />
            {deputies}
            <button type="submit" class="govuk-button">"Send my answer"</button>
        </Form>
    }
}

/// For coordinators: sending the invitations, who answered what, and the guests.
#[component]
fn Invitations(detail: MeetingDetail) -> impl IntoView {
    let id = detail.meeting.id;
    let open = !detail.ended && !detail.meeting.cancelled;
    let send = (open && detail.not_yet_invited > 0).then(|| {
        let n = detail.not_yet_invited;
        let people = if n == 1 { "person" } else { "people" };
        let label = if detail.invited {
            format!("Send the invitation to the {n} {people} not yet invited")
        } else {
            format!("Send invitations to {n} {people}")
        };
        view! {
            <Form action=SendInvitations::PATH id=Some(id)>
                <p class="govuk-body">"Each person is emailed the invitation with a calendar file and two links that answer for them without signing in. Changes to the time or place, and a cancellation, are then sent to them too."</p>
                <button type="submit" class="govuk-button" id="invite">{label}</button>
            </Form>
        }
    });
    let answered = detail.answers.iter().filter(|a| a.answer.is_some()).count();
    let rows = detail
        .answers
        .iter()
        .map(|a| {
            let who = match &a.guest_of {
                Some(org) if !org.is_empty() => format!("{} (guest, {org})", a.name),
                Some(_) => format!("{} (guest)", a.name),
                None => a.name.clone(),
            };
            let answer = match (a.answer, a.invited) {
                (Some(answer), _) => answer.label(),
                (None, true) => "No answer yet",
                (None, false) => "Not invited yet",
            };
            view! {
                <tr class="govuk-table__row">
                    <td class="govuk-table__cell">{who}</td>
                    <td class="govuk-table__cell">{answer}</td>
                    <td class="govuk-table__cell">{a.deputy.clone().unwrap_or_default()}</td>
                    <td class="govuk-table__cell app-pre-line">{a.note.clone()}</td>
                </tr>
            }
        })
        .collect_view();
    let table = (!detail.answers.is_empty()).then(|| {
        view! {
            <table class="govuk-table">
                <caption class="govuk-table__caption govuk-table__caption--m">
                    {format!("{answered} of {} answered", detail.answers.len())}
                </caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Name"</th>
                        <th scope="col" class="govuk-table__header">"Answer"</th>
                        <th scope="col" class="govuk-table__header">"Deputy"</th>
                        <th scope="col" class="govuk-table__header">"Note"</th>
                    </tr>
                </thead>
                <tbody class="govuk-table__body">{rows}</tbody>
            </table>
        }
    });
    let guests = (!detail.guests.is_empty()).then(|| view! {
        <h3 class="govuk-heading-m">"Guests"</h3>
        <ul class="govuk-list govuk-list--bullet">
            {detail.guests.iter().map(|g| {
                let from = if g.organisation.is_empty() { String::new() } else { format!(", {}", g.organisation) };
                view! { <li>{format!("{}{from} ({})", g.name, g.email)}</li> }
            }).collect_view()}
        </ul>
    });
    let add_guest = open.then(|| view! {
        <h3 class="govuk-heading-m">"Add a guest"</h3>
        <p class="govuk-body">"Someone from outside the network, such as a presenter. They get the invitation without an account."</p>
        <Form action=AddGuest::PATH id=Some(id)>
            <TextField name="name" label="Guest's name" />
            <TextField name="email" label="Guest's email address" input_type="email" />
            <TextField name="organisation" label="Guest's organisation (optional)" />
            <button type="submit" class="govuk-button govuk-button--secondary">"Add the guest"</button>
        </Form>
    });
    view! {
        <h2 class="govuk-heading-l">"Invitations and answers"</h2>
        {send}
        {table}
        {guests}
        {add_guest}
    }
}

/// `/rsvp?link=…&answer=…`: an emailed answer link's page. Opening it changes nothing; the
/// button posts the answer.
#[component]
pub fn RsvpPage() -> impl IntoView {
    let (link, chosen) = use_query_map().with_untracked(|q| (q.get("link"), q.get("answer")));
    let done = done_message();
    let error = returned_error::<AnswerByLink>();
    view! {
        <Suspense>
            {Suspend::new(async move {
                let link = link.clone().unwrap_or_default();
                let view = match rsvp(link.clone()).await {
                    Ok(view) => view,
                    Err(error) => return refusal(error, "/rsvp"),
                };
                let error = error.clone();
                let title = form_title("Your answer", &error);
                let m = view.meeting;
                let selected = chosen
                    .clone()
                    .filter(|c| Answer::parse(c).is_some())
                    .or_else(|| view.answer.map(|a| a.as_str().to_owned()))
                    .unwrap_or_default();
                let answers = Answer::ALL.map(|a| (a.as_str(), a.choice())).to_vec();
                view! {
                    <Page title heading="Your answer" description="Say whether you will come to a meeting of the network.">
                        <Done message=done.clone() />
                        <ErrorSummary error=error />
                        <dl class="govuk-summary-list">
                            {summary_row("For", view.name, false)}
                            {summary_row("Meeting", m.title.clone(), false)}
                            {summary_row("When", m.when(), false)}
                            {summary_row("Where", m.place(), m.place().is_empty())}
                        </dl>
                        {m.cancelled.then(|| view! { <p class="govuk-body"><strong>"This meeting is cancelled."</strong></p> })}
                        {view.answer.map(|a| view! { <p class="govuk-body">{format!("Your answer now: {}.", a.choice())}</p> })}
                        <Form action=AnswerByLink::PATH>
                            <input type="hidden" name="link" value=link.clone() />
                            <RadiosField name="answer" legend="Will you attend?" options=answers selected />
                            <TextAreaField name="note" label="A note for the coordinator (optional)" value=view.note />
                            <button type="submit" class="govuk-button">"Confirm my answer"</button>
                        </Form>
                    </Page>
                }
                    .into_any()
            })}
        </Suspense>
    }
}
