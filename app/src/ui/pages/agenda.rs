//! A meeting's agenda on its page (the items with their times, the order buttons, the
//! proposals and the forms that add them), one item's page (accept, decline or edit it, add
//! papers), and `/meetings/{id}/agenda`, the agenda to print.

use crate::{
    api::meetings::{
        agenda::{
            AddAgendaItem, AddPaper, DeclineAgendaItem, MoveAgendaItem, RemoveAgendaItem,
            SaveAgendaItem, SendAgenda, read_agenda_item,
        },
        read_meeting,
    },
    domain::meetings::{
        MeetingDetail,
        agenda::{
            AgendaItem, ItemForm, ItemKind, ItemStatus, ItemView, MAX_PAPER_SIZE, MINUTES_HINT,
            PAPER_ACCEPT, Paper,
        },
        long_date,
    },
    ui::{
        components::{Done, PageMeta, ProblemPage, id_param, refusal, summary_row},
        forms::{
            CheckboxField, ErrorSummary, FileField, Form, SelectField, TextAreaField, TextField,
            form_title, returned_error,
        },
    },
};
use leptos::{prelude::*, server_fn::ServerFn};

/// The agenda forms' errors, for the meeting page's summary.
pub fn returned_agenda_error() -> Option<crate::error::AppError> {
    returned_error::<AddAgendaItem>()
        .or_else(returned_error::<MoveAgendaItem>)
        .or_else(returned_error::<SendAgenda>)
}

fn duration(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m} minutes"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// The agenda on the meeting's page.
#[component]
pub fn AgendaSection(detail: MeetingDetail) -> impl IntoView {
    let id = detail.meeting.id;
    let agenda = detail.agenda.clone();
    let open = !detail.ended && !detail.meeting.cancelled;
    let order = detail.may_edit && open;
    let length = (detail.meeting.end - detail.meeting.start)
        .num_minutes()
        .max(0) as u32;
    let sent = agenda.sent_at.map(|at| {
        view! { <p class="govuk-body">{format!("The agenda was sent to everyone on {}.", long_date(at.date_naive()))}</p> }
    });
    let overrun = agenda.overrun.map(|over| {
        view! {
            <div class="govuk-warning-text" id="overrun">
                <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                <strong class="govuk-warning-text__text">
                    <span class="govuk-visually-hidden">"Warning"</span>
                    {format!("The items take {} and run {over} minutes past the meeting's end.", duration(agenda.total_minutes))}
                </strong>
            </div>
        }
    });
    let table = (!agenda.items.is_empty()).then(|| {
        let last = agenda.items.len() - 1;
        let rows = agenda
            .items
            .iter()
            .enumerate()
            .map(|(i, item)| view! { <ItemRow item=item.clone() order first=i == 0 last=i == last /> })
            .collect_view();
        view! {
            <table class="govuk-table">
                <caption class="govuk-table__caption govuk-table__caption--s">
                    {format!("{} items, {} of the meeting's {}", agenda.items.len(), duration(agenda.total_minutes), duration(length))}
                </caption>
                <thead class="govuk-table__head">
                    <tr class="govuk-table__row">
                        <th scope="col" class="govuk-table__header">"Time"</th>
                        <th scope="col" class="govuk-table__header">"Item"</th>
                        <th scope="col" class="govuk-table__header">"Presenter"</th>
                        <th scope="col" class="govuk-table__header govuk-table__header--numeric">"Minutes"</th>
                        {order.then(|| view! { <th scope="col" class="govuk-table__header app-no-print">"Order"</th> })}
                    </tr>
                </thead>
                <tbody class="govuk-table__body">{rows}</tbody>
            </table>
        }
    });
    let empty = agenda
        .items
        .is_empty()
        .then(|| view! { <p class="govuk-body">"No items yet."</p> });
    let send = (order && !agenda.items.is_empty()).then(|| {
        let label = if agenda.sent_at.is_some() { "Send the agenda again" } else { "Send the agenda to everyone" };
        view! {
            <Form action=SendAgenda::PATH id=Some(id)>
                <p class="govuk-body" id="send-agenda">"Every member and guest is emailed the agenda, with a link to this page."</p>
                <button type="submit" class="govuk-button">{label}</button>
            </Form>
        }
    });
    let proposals = (!agenda.proposals.is_empty()).then(|| {
        let heading = if detail.may_edit { "Proposals" } else { "Your proposals" };
        view! {
            <h3 class="govuk-heading-m">{heading}</h3>
            <ul class="govuk-list govuk-list--spaced">
                {agenda.proposals.iter().map(|p| {
                    let status = match p.status {
                        ItemStatus::Declined => format!("declined: {}", p.decline_reason),
                        _ => "waiting for the coordinator".to_owned(),
                    };
                    let by = if detail.may_edit { format!(", proposed by {}", p.proposer) } else { String::new() };
                    view! {
                        <li>
                            <a class="govuk-link" href=format!("/meetings/items/{}", p.item.id)>{p.item.title.clone()}</a>
                            {format!(" ({} minutes{by}) — {status}", p.item.minutes)}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
    });
    let add = (order || agenda.may_propose).then(|| {
        let proposing = !detail.may_edit;
        let (heading, button) = if proposing {
            ("Propose an item", "Send the proposal")
        } else {
            ("Add an item", "Add the item")
        };
        let note = if proposing {
            format!(
                "The coordinator accepts or declines each proposal. Proposals close on {}.",
                long_date(agenda.deadline)
            )
        } else {
            "It goes at the end of the agenda; move it with the order buttons.".to_owned()
        };
        view! {
            <h3 class="govuk-heading-m">{heading}</h3>
            <p class="govuk-body">{note}</p>
            <Form action=AddAgendaItem::PATH id=Some(id)>
                <ItemFields
                    form=ItemForm { minutes: "15".into(), ..Default::default() }
                    presenters=agenda.presenters.clone()
                    job_roles=agenda.job_roles.clone()
                    proposing
                    standing=!proposing
                />
                <button type="submit" class="govuk-button govuk-button--secondary">{button}</button>
            </Form>
        }
    });
    let closed = (!agenda.may_propose && !detail.may_edit && open && detail.mine.is_some()).then(|| {
        view! { <p class="govuk-body">{format!("Proposals for this meeting closed on {}.", long_date(agenda.deadline))}</p> }
    });
    view! {
        <h2 class="govuk-heading-l" id="agenda">"Agenda"</h2>
        {sent}
        <p class="govuk-body app-no-print">
            <a class="govuk-link" href=format!("/meetings/{id}/agenda")>"The agenda to print"</a>
        </p>
        {table}
        {empty}
        {overrun}
        {send}
        {proposals}
        {add}
        {closed}
    }
}

#[component]
fn ItemRow(item: AgendaItem, order: bool, first: bool, last: bool) -> impl IntoView {
    let id = item.id;
    let title = item.title.clone();
    let buttons = order.then(|| {
        let button = move |direction: &'static str, label: &'static str, disabled: bool| {
            let title = title.clone();
            (!disabled).then(|| view! {
                <Form action=MoveAgendaItem::PATH id=Some(id) class="app-inline-form">
                    <input type="hidden" name="direction" value=direction />
                    <button type="submit" class="govuk-button govuk-button--secondary app-button--small" aria-label=format!("{label}: {title}")>
                        {label}
                    </button>
                </Form>
            })
        };
        view! {
            <td class="govuk-table__cell app-no-print">
                {button("up", "Up", first)}
                {button("down", "Down", last)}
            </td>
        }
    });
    view! {
        <tr class="govuk-table__row" id=format!("item-{id}")>
            <td class="govuk-table__cell">{item.starts.format("%H:%M").to_string()}</td>
            <td class="govuk-table__cell">
                <a class="govuk-link" href=format!("/meetings/items/{id}")>{item.title.clone()}</a>
                <br />
                <span class="govuk-body-s">{item.kind.label()}{item.job_role.as_ref().map(|(_, role)| format!(": {role}"))}</span>
                <Papers papers=item.papers.clone() />
            </td>
            <td class="govuk-table__cell">{item.presenter_name.clone().unwrap_or_default()}</td>
            <td class="govuk-table__cell govuk-table__cell--numeric">{item.minutes}</td>
            {buttons}
        </tr>
    }
}

#[component]
fn Papers(papers: Vec<Paper>) -> impl IntoView {
    (!papers.is_empty()).then(|| {
        view! {
            <ul class="govuk-list govuk-body-s">
                {papers.into_iter().map(|p| view! {
                    <li><a class="govuk-link" href=p.href() rel="noopener">{p.title.clone()}</a>{p.note()}</li>
                }).collect_view()}
            </ul>
        }
    })
}

/// The item form's fields. `proposing`: a champion's proposal, which says why; `standing`:
/// offer to make it one of the series' standing items.
#[component]
fn ItemFields(
    form: ItemForm,
    presenters: Vec<(String, String)>,
    job_roles: Vec<(String, String)>,
    proposing: bool,
    standing: bool,
) -> impl IntoView {
    let kinds: Vec<(String, String)> = std::iter::once((String::new(), "Choose a kind".to_owned()))
        .chain(ItemKind::ALL.map(|k| (k.as_str().to_owned(), k.label().to_owned())))
        .collect();
    let roles = std::iter::once((String::new(), "None".to_owned()))
        .chain(job_roles)
        .collect::<Vec<_>>();
    let presenters = std::iter::once((String::new(), "Not decided yet".to_owned()))
        .chain(presenters)
        .collect::<Vec<_>>();
    let reason = proposing.then(|| {
        view! { <TextAreaField name="reason" label="Why the group should discuss it" value=form.reason.clone() /> }
    });
    view! {
        <TextField name="item_title" label="Title" value=form.item_title />
        <SelectField name="kind" label="Kind of item" options=kinds selected=form.kind />
        <SelectField name="job_role" label="Job role, for a day in the life of" options=roles selected=form.job_role />
        <SelectField name="presenter" label="Presenter" options=presenters selected=form.presenter />
        <TextField name="minutes" label="Minutes" input_type="number" hint=MINUTES_HINT value=form.minutes />
        {reason}
        {standing.then(|| view! { <CheckboxField name="standing" label="A standing item: add it to every later meeting of the series too" checked=false /> })}
    }
}

/// `/meetings/items/{id}`.
#[component]
pub fn AgendaItemPage() -> impl IntoView {
    let id = id_param();
    let done = (leptos_router::hooks::use_query_map()
        .with_untracked(|q| q.get("done"))
        .as_deref()
        == Some("paper"))
    .then(|| "The paper is added".to_owned());
    let error = returned_error::<SaveAgendaItem>()
        .or_else(returned_error::<DeclineAgendaItem>)
        .or_else(returned_error::<RemoveAgendaItem>)
        .or_else(returned_error::<AddPaper>);
    view! {
        <Suspense>
            {Suspend::new(async move {
                let here = id.map_or_else(|| "/meetings".to_owned(), |id| format!("/meetings/items/{id}"));
                let view = match id {
                    Some(id) => read_agenda_item(id).await,
                    None => Err(crate::error::AppError::NotFound),
                };
                match view {
                    Ok(view) => view! { <ItemPageView view done=done.clone() error=error.clone() /> }.into_any(),
                    Err(error) => refusal(error, &here),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ItemPageView(
    view: ItemView,
    done: Option<String>,
    error: Option<crate::error::AppError>,
) -> impl IntoView {
    let item = view.item.clone();
    let id = item.id;
    let meeting_id = view.meeting.id;
    let title = form_title(&item.title, &error);
    let status = match view.status {
        ItemStatus::Accepted => "On the agenda".to_owned(),
        ItemStatus::Proposed => {
            format!("Proposed by {}, waiting for the coordinator", view.proposer)
        }
        ItemStatus::Declined => format!("Declined: {}", view.decline_reason),
    };
    let proposal = view.status == ItemStatus::Proposed;
    let edit = view.may_edit.then(|| {
        let button = if proposal { "Accept and add to the agenda" } else { "Save changes" };
        let form = ItemForm::from_item(&item, &view.reason);
        view! {
            <h2 class="govuk-heading-l">{if proposal { "Accept the proposal" } else { "Change the item" }}</h2>
            {proposal.then(|| view! { <p class="govuk-body">"Edit it first if it needs it. Accepted, it goes at the end of the agenda."</p> })}
            <Form action=SaveAgendaItem::PATH id=Some(id)>
                <ItemFields form presenters=view.presenters.clone() job_roles=view.job_roles.clone() proposing=false standing=false />
                <button type="submit" class="govuk-button">{button}</button>
            </Form>
        }
    });
    let decline = (view.may_edit && proposal).then(|| view! {
        <h2 class="govuk-heading-l">"Decline the proposal"</h2>
        <Form action=DeclineAgendaItem::PATH id=Some(id)>
            <TextAreaField name="decline_reason" label="Why it is not on the agenda (emailed to the proposer)" />
            <button type="submit" class="govuk-button govuk-button--warning">"Decline the proposal"</button>
        </Form>
    });
    let remove = view.may_edit.then(|| view! {
        <Form action=RemoveAgendaItem::PATH id=Some(id)>
            <button type="submit" class="govuk-button govuk-button--secondary">"Take this item off the agenda"</button>
        </Form>
    });
    let add_paper = view.may_add_papers.then(|| view! {
        <h2 class="govuk-heading-l" id="papers">"Add a paper"</h2>
        <Form action=AddPaper::PATH id=Some(id) upload=true>
            <TextField name="paper_title" label="Title (optional for a file: its name is used)" />
            <TextField name="url" label="Web address of the paper" input_type="url" hint="Or upload the file below" />
            <FileField
                name="paper"
                label="Upload a file".to_owned()
                hint=format!("PDF, Word or OpenDocument text, {MAX_PAPER_SIZE} at most. Only signed-in members can open it.")
                accept=PAPER_ACCEPT
            />
            <button type="submit" class="govuk-button govuk-button--secondary">"Add the paper"</button>
        </Form>
    });
    view! {
        <PageMeta title description=format!("An agenda item of {}.", view.meeting.title) />
        <Done message=done />
        <ErrorSummary error />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <span class="govuk-caption-l">{format!("{}, {}", view.meeting.title, long_date(view.meeting.date))}</span>
                <h1 class="govuk-heading-xl">{item.title.clone()}</h1>
                <dl class="govuk-summary-list">
                    {summary_row("Kind", item.kind.label(), false)}
                    {summary_row("Job role", item.job_role.clone().map(|(_, r)| r).unwrap_or_default(), item.job_role.is_none())}
                    {summary_row("Presenter", item.presenter_name.clone().unwrap_or_default(), item.presenter_name.is_none())}
                    {summary_row("Minutes", item.minutes.to_string(), false)}
                    {summary_row("Starts", item.starts.format("%H:%M").to_string(), view.status != ItemStatus::Accepted)}
                    {summary_row("Status", status, false)}
                    {summary_row("Why", view.reason.clone(), view.reason.is_empty())}
                </dl>
                {(!item.papers.is_empty()).then(|| view! { <h2 class="govuk-heading-m">"Papers"</h2> })}
                <Papers papers=item.papers.clone() />
                {add_paper}
                {edit}
                {decline}
                {remove}
                <p class="govuk-body"><a class="govuk-link" href=format!("/meetings/{meeting_id}#agenda")>"Back to the meeting"</a></p>
            </div>
        </div>
    }
}

/// `/meetings/{id}/agenda`: the agenda alone, to print.
#[component]
pub fn AgendaPrintPage() -> impl IntoView {
    let id = id_param();
    view! {
        <Suspense>
            {Suspend::new(async move {
                let detail = match id {
                    Some(id) => read_meeting(id).await,
                    None => Err(crate::error::AppError::NotFound),
                };
                let detail = match detail {
                    Ok(detail) => detail,
                    Err(crate::error::AppError::SignInRequired) => {
                        return refusal(crate::error::AppError::SignInRequired, &format!("/meetings/{}/agenda", id.unwrap_or_default()));
                    }
                    Err(error) => return view! { <ProblemPage error /> }.into_any(),
                };
                let m = detail.meeting.clone();
                let agenda = detail.agenda.clone();
                let place = m.place();
                view! {
                    <PageMeta title=format!("Agenda: {}", m.title) description=format!("The agenda of {}, {}.", m.title, m.when()) />
                    <div class="app-print">
                        <span class="govuk-caption-l">{detail.series_name.clone()}</span>
                        <h1 class="govuk-heading-xl">{format!("Agenda: {}", m.title)}</h1>
                        <p class="govuk-body-l">{m.when()}</p>
                        {(!place.is_empty()).then(|| view! { <p class="govuk-body">{place}</p> })}
                        {(!detail.online_link.is_empty()).then(|| view! { <p class="govuk-body">{format!("Online: {}", detail.online_link)}</p> })}
                        <p class="govuk-body app-no-print">"Print this page for a clean agenda. "<a class="govuk-link" href=format!("/meetings/{}", m.id)>"Back to the meeting"</a></p>
                        <ol class="app-agenda">
                            {agenda.items.iter().map(|item| view! {
                                <li class="app-agenda__item">
                                    <span class="app-agenda__time">{item.starts.format("%H:%M").to_string()}</span>
                                    <span class="app-agenda__title">
                                        <strong>{item.title.clone()}</strong>
                                        {item.presenter_name.clone().map(|n| format!(" — {n}"))}
                                        {format!(" ({} minutes)", item.minutes)}
                                        {(!item.papers.is_empty()).then(|| view! {
                                            <span class="app-agenda__papers">
                                                {format!("Papers: {}", item.papers.iter().map(|p| p.title.as_str()).collect::<Vec<_>>().join("; "))}
                                            </span>
                                        })}
                                    </span>
                                </li>
                            }).collect_view()}
                        </ol>
                        <p class="govuk-body">{format!("Total: {}.", duration(agenda.total_minutes))}</p>
                        {agenda.overrun.map(|over| view! { <p class="govuk-body"><strong>{format!("The items run {over} minutes past the meeting's end.")}</strong></p> })}
                    </div>
                }
                .into_any()
            })}
        </Suspense>
    }
}
