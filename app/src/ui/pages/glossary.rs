//! The acronym glossary: search and the A–Z (anyone), a term's page, suggesting a term or a
//! change (anyone signed in), adding, editing and deciding suggestions (coordinators), and
//! the printable A–Z.

use crate::{
    api::glossary::{
        ApproveSuggestion, RejectSuggestion, SaveTerm, SuggestTerm, glossary_all, glossary_letter,
        glossary_search, glossary_term, suggestion_detail, suggestion_list, term_to_edit,
    },
    domain::glossary::{
        Context, SearchResults, Suggestion, SuggestionState, TermForm, TermGroup, TermStatus,
        letter, plain_text,
    },
    error::AppError,
    ui::{
        components::{
            Done, Page, PageMeta, ProblemPage, id_param, refusal, summary_of, summary_row, utc,
        },
        forms::{
            ErrorSummary, Form, SelectField, TextAreaField, TextField, form_title, returned_error,
        },
        linked::{TermMeanings, encode},
    },
};
use leptos::{prelude::*, server_fn::ServerFn};
use leptos_router::hooks::use_query_map;

/// The letters of the A–Z, and `#` for terms starting with a digit.
const LETTERS: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ#";

#[component]
fn AtoZ(#[prop(default = None)] current: Option<char>) -> impl IntoView {
    view! {
        <nav class="app-a-to-z" aria-label="A to Z">
            <ul class="app-a-to-z__list">
                {LETTERS.chars().map(|l| {
                    let href = format!("/glossary?letter={}", encode(&l.to_string()));
                    let here = current == Some(l);
                    let label = if l == '#' { "0–9".to_owned() } else { l.to_string() };
                    view! {
                        <li>
                            <a class="govuk-link app-a-to-z__link" href=href aria-current=here.then_some("page")>{label}</a>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </nav>
    }
}

/// What a search shows: how many terms match, then the terms. The island copies the count
/// into its live region, so screen readers hear it as results change.
fn results_view(results: &SearchResults) -> AnyView {
    if results.query.trim().is_empty() {
        return ().into_any();
    }
    let count = results.groups.len();
    let status = match count {
        0 => format!("No terms match \u{201c}{}\u{201d}", results.query.trim()),
        1 => format!("1 term matches \u{201c}{}\u{201d}", results.query.trim()),
        n => format!("{n} terms match \u{201c}{}\u{201d}", results.query.trim()),
    };
    view! {
        <p class="govuk-body govuk-!-font-weight-bold app-results-count">{status}</p>
        {results.shortened.then(|| view! {
            <p class="govuk-body">{format!("Only the first {} characters were searched.", crate::domain::glossary::MAX_QUERY_CHARS)}</p>
        })}
        {(count == 0).then(|| view! {
            <p class="govuk-body">
                "Check the spelling or try fewer words. If the term is missing, "
                <a class="govuk-link" href="/glossary/suggest">"suggest it"</a> "."
            </p>
        })}
        {results.groups.iter().cloned().map(|group| view! { <TermMeanings group /> }).collect_view()}
    }
    .into_any()
}

/// The results of a search as the HTML the glossary page shows under its search box, for
/// the box to put there as you type (`GET /glossary/results?q=`).
#[cfg(feature = "ssr")]
pub fn glossary_results_html(results: &SearchResults) -> String {
    use leptos::tachys::view::RenderHtml;
    if results.query.trim().is_empty() {
        return String::new();
    }
    Owner::new().with(|| results_view(results).to_html())
}

/// The glossary's search box; `children` are the results the server rendered. Without
/// JavaScript it is a GET form; hydrated, it searches as you type, a moment after the last
/// key, and puts in the results of the latest query only, whatever order answers come back
/// in. The results come as HTML rendered by the server, so the browser needs no code to draw
/// them.
#[island]
pub fn GlossarySearch(query: String, children: Children) -> impl IntoView {
    let results = NodeRef::<leptos::html::Div>::new();
    let count = RwSignal::new(String::new());
    let failed = RwSignal::new(false);
    // Effects run only in the browser: marks the form as searching as you type.
    let enhanced = RwSignal::new(false);
    Effect::new(move |_| enhanced.set(true));
    // Each query typed gets the next number; an answer is shown only if its number is still
    // the latest.
    let latest = StoredValue::new(0u64);
    let waiting = StoredValue::new(None::<leptos::prelude::TimeoutHandle>);
    let on_input = move |ev: leptos::ev::Event| {
        let q = event_target_value(&ev);
        if let Some(handle) = waiting.get_value() {
            handle.clear();
        }
        latest.update_value(|n| *n += 1);
        let ticket = latest.get_value();
        let search = move || {
            leptos::task::spawn_local(async move {
                let answer = fetch_results(&q).await;
                if latest.get_value() != ticket {
                    return;
                }
                match (answer, results.get_untracked()) {
                    (Some(html), Some(list)) => {
                        failed.set(false);
                        list.set_inner_html(&html);
                        count.set(
                            list.query_selector(".app-results-count")
                                .ok()
                                .flatten()
                                .and_then(|p| p.text_content())
                                .unwrap_or_default(),
                        );
                        show_query_in_address(&q);
                    }
                    _ => failed.set(true),
                }
            });
        };
        let handle = set_timeout_with_handle(search, std::time::Duration::from_millis(150)).ok();
        waiting.set_value(handle);
    };
    view! {
        <form
            method="get"
            action="/glossary"
            role="search"
            class="app-search"
            novalidate
            data-enhanced=move || enhanced.get().then_some("true")
        >
            <div class="govuk-form-group">
                <label class="govuk-label govuk-label--m" for="q">"Search the glossary"</label>
                <div class="govuk-hint" id="q-hint">"An acronym or words, for example CPA or care plan"</div>
                <div class="app-search__row">
                    <input
                        class="govuk-input app-search__input"
                        id="q"
                        name="q"
                        type="search"
                        autocomplete="off"
                        spellcheck="false"
                        aria-describedby="q-hint"
                        aria-controls="glossary-results"
                        value=query
                        on:input=on_input
                    />
                    <button type="submit" class="govuk-button app-search__button">"Search"</button>
                </div>
            </div>
        </form>
        <p class="govuk-visually-hidden" role="status">{move || count.get()}</p>
        {move || failed.get().then(|| view! {
            <p class="govuk-error-message">"Sorry, the search could not be reached. Press Search to try again."</p>
        })}
        <div id="glossary-results" node_ref=results>{children()}</div>
    }
}

/// The results of `q` as HTML, from the server; `None` if they could not be fetched.
#[cfg(feature = "hydrate")]
async fn fetch_results(q: &str) -> Option<String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let url = format!("/glossary/results?q={}", encode(q));
    let response: web_sys::Response = JsFuture::from(window().fetch_with_str(&url))
        .await
        .ok()?
        .dyn_into()
        .ok()?;
    if !response.ok() {
        return None;
    }
    JsFuture::from(response.text().ok()?)
        .await
        .ok()?
        .as_string()
}

#[cfg(not(feature = "hydrate"))]
async fn fetch_results(_: &str) -> Option<String> {
    None
}

/// Keeps the address in step with the search, so going back to the page shows it again.
#[cfg(feature = "hydrate")]
fn show_query_in_address(q: &str) {
    let url = format!("/glossary?q={}", encode(q));
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

#[cfg(not(feature = "hydrate"))]
fn show_query_in_address(_: &str) {}

/// `/glossary`, `/glossary?q=` (a search) and `/glossary?letter=C` (the A–Z).
#[component]
pub fn GlossaryPage() -> impl IntoView {
    let (q, letter_asked) = use_query_map().with_untracked(|m| (m.get("q"), m.get("letter")));
    view! {
        <Suspense>
            {Suspend::new(async move {
                let q = q.clone().unwrap_or_default();
                let results = if q.trim().is_empty() {
                    SearchResults::default()
                } else {
                    match glossary_search(q.clone()).await {
                        Ok(found) => found,
                        Err(error) => return view! { <ProblemPage error /> }.into_any(),
                    }
                };
                let chosen = letter_asked
                    .as_deref()
                    .and_then(|l| l.chars().next())
                    .filter(|_| q.trim().is_empty());
                let listed = match chosen {
                    Some(l) => match glossary_letter(l.to_ascii_uppercase()).await {
                        Ok(groups) => Some((l.to_ascii_uppercase(), groups)),
                        Err(error) => return view! { <ProblemPage error /> }.into_any(),
                    },
                    None => None,
                };
                let (title, description) = if q.trim().is_empty() {
                    ("Glossary".to_owned(), "What the acronyms and terms used across children's services and adult mental health mean, and where each is used.".to_owned())
                } else {
                    (format!("{} – Glossary", q.trim()), format!("What {} means in children's services and adult mental health: every meaning, and where each is used.", q.trim()))
                };
                view! {
                    <PageMeta title description />
                    <div class="govuk-grid-row">
                        <div class="govuk-grid-column-two-thirds">
                            <h1 class="govuk-heading-xl">"Glossary"</h1>
                            <p class="govuk-body">
                                "What the acronyms and terms of children's services, adult mental health, education, the NHS and the police mean – and, where one means different things in different services, every meaning."
                            </p>
                            <GlossarySearch query=q.clone()>{results_view(&results)}</GlossarySearch>
                            <h2 class="govuk-heading-m">"A to Z"</h2>
                            <AtoZ current=listed.as_ref().map(|(l, _)| *l) />
                            {listed.map(|(l, groups)| {
                                let heading = if l == '#' { "0–9".to_owned() } else { l.to_string() };
                                view! {
                                    <h2 class="govuk-heading-l">{heading}</h2>
                                    {if groups.is_empty() {
                                        view! { <p class="govuk-body">"No terms start with this letter."</p> }.into_any()
                                    } else {
                                        groups.into_iter().map(|group| view! { <TermMeanings group under_letter=true /> }).collect_view().into_any()
                                    }}
                                }
                            })}
                            <h2 class="govuk-heading-m">"More"</h2>
                            <ul class="govuk-list">
                                <li><a class="govuk-link" href="/glossary/suggest">"Suggest a term"</a></li>
                                <li><a class="govuk-link" href="/glossary/suggestions">"Suggestions"</a></li>
                                <li><a class="govuk-link" href="/glossary/print">"The whole glossary, to print"</a></li>
                                <li><a class="govuk-link" href="/api/glossary.csv" download="glossary.csv">"Download the glossary (CSV)"</a></li>
                            </ul>
                        </div>
                    </div>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

/// `/glossary/{id}`: a term, this meaning first, then its others.
#[component]
pub fn GlossaryTermPage() -> impl IntoView {
    let id = id_param();
    let done = use_query_map().with_untracked(|m| m.get("done"));
    view! {
        <Suspense>
            {Suspend::new(async move {
                let here = id.map_or_else(|| "/glossary".to_owned(), |id| format!("/glossary/{id}"));
                let Some(id) = id else { return refusal(AppError::NotFound, &here) };
                let view_of = match glossary_term(id).await {
                    Ok(found) => found,
                    Err(error) => return refusal(error, &here),
                };
                let done = done.as_deref().map(|d| match d {
                    "approved" => "Suggestion approved: its author has been told".to_owned(),
                    _ => "Term saved".to_owned(),
                });
                let term = view_of.group.term.clone();
                let first = &view_of.group.meanings[0];
                let title = format!("{term}: {}", first.meaning.expansion);
                let description =
                    summary_of(&format!("{title}. {}", plain_text(&first.definition)));
                view! {
                    <PageMeta title description />
                    <div class="govuk-grid-row">
                        <div class="govuk-grid-column-two-thirds">
                            <Done message=done />
                            <a class="govuk-back-link" href="/glossary">"Glossary"</a>
                            <h1 class="govuk-heading-xl">{term}</h1>
                            <TermMeanings group=view_of.group.clone() linked=false />
                            <ul class="govuk-list">
                                {view_of.signed_in.then(|| view! {
                                    <li><a class="govuk-link" href=format!("/glossary/suggest?term={id}")>"Suggest a change to this meaning"</a></li>
                                    <li><a class="govuk-link" href=format!("/glossary/{id}/history")>"Earlier versions"</a></li>
                                })}
                                {view_of.may_edit.then(|| view! {
                                    <li><a class="govuk-link" href=format!("/glossary/{id}/edit")>"Edit this meaning"</a></li>
                                    <li><a class="govuk-link" href="/glossary/new">"Add a term"</a></li>
                                })}
                            </ul>
                        </div>
                    </div>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

/// The term form's fields, filled in with `form`.
#[component]
fn TermFields(form: TermForm, #[prop(default = false)] note: bool) -> impl IntoView {
    let contexts = Context::ALL
        .iter()
        .map(|c| (c.as_str().to_owned(), c.label().to_owned()))
        .collect::<Vec<_>>();
    let statuses = [TermStatus::Approved, TermStatus::Retired]
        .iter()
        .map(|s| (s.as_str().to_owned(), s.label().to_owned()))
        .collect::<Vec<_>>();
    view! {
        <TextField name="term" label="Term" hint="As it is written, for example CPA" value=form.term />
        <TextField name="expansion" label="What it stands for" hint="For example, Care Programme Approach" value=form.expansion />
        <SelectField name="context" label="Where it is used" options=contexts selected=form.context />
        <TextAreaField name="definition" label="What it means (optional)" hint="In plain English. You can use **bold**, *italics*, lists with a - at the start of each line, and [links](https://…)." value=form.definition />
        <TextAreaField name="aliases" label="Other names and old names (optional)" hint="One a line" value=form.aliases />
        <TextAreaField name="see_also" label="Related terms (optional)" hint="One a line, for example CMHT" value=form.see_also />
        <TextField name="source_url" label="Source (optional)" hint="A web address starting https://" input_type="url" value=form.source_url />
        <SelectField name="status" label="Status" options=statuses selected=form.status />
        {note.then(|| view! {
            <TextAreaField name="note" label="Why (optional)" hint="Anything the coordinators should know" value=form.note />
        })}
    }
}

/// `/glossary/new` and `/glossary/{id}/edit`: coordinators.
#[component]
pub fn EditTermPage() -> impl IntoView {
    let id = id_param();
    let error = returned_error::<SaveTerm>();
    view! {
        <Suspense>
            {Suspend::new(async move {
                let here = id.map_or_else(|| "/glossary/new".to_owned(), |id| format!("/glossary/{id}/edit"));
                let form = match term_to_edit(id).await {
                    Ok(form) => form,
                    Err(error) => return refusal(error, &here),
                };
                let error = error.clone();
                let heading = if id.is_some() { "Edit a glossary term" } else { "Add a glossary term" };
                let title = form_title(heading, &error);
                let cancel = id.map_or_else(|| "/glossary".to_owned(), |id| format!("/glossary/{id}"));
                view! {
                    <Page title heading description="A glossary term: what it stands for, what it means, where it is used, and its other names.">
                        <ErrorSummary error=error.clone() />
                        <Form action=SaveTerm::PATH id>
                            <TermFields form />
                            <div class="govuk-button-group">
                                <button type="submit" class="govuk-button">"Save term"</button>
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

/// `/glossary/suggest` (a new term) and `/glossary/suggest?term={id}` (a change): anyone
/// signed in.
#[component]
pub fn SuggestTermPage() -> impl IntoView {
    let term =
        use_query_map().with_untracked(|m| m.get("term").and_then(|t| t.parse::<i32>().ok()));
    let error = returned_error::<SuggestTerm>();
    view! {
        <Suspense>
            {Suspend::new(async move {
                let here = term.map_or_else(|| "/glossary/suggest".to_owned(), |t| format!("/glossary/suggest?term={t}"));
                let form = match term_to_edit(term).await {
                    Ok(form) => form,
                    Err(error) => return refusal(error, &here),
                };
                let error = error.clone();
                let heading = if term.is_some() { format!("Suggest a change to {}", form.term) } else { "Suggest a term".to_owned() };
                let title = form_title(&heading, &error);
                view! {
                    <Page title heading description="Suggest a term for the glossary, or a change to one: a coordinator decides, and you are told.">
                        <ErrorSummary error=error.clone() />
                        <p class="govuk-body">"A coordinator will read your suggestion. You will get an email when they have decided."</p>
                        <Form action=SuggestTerm::PATH>
                            {term.map(|t| view! { <input type="hidden" name="term_id" value=t /> })}
                            <TermFields form note=true />
                            <div class="govuk-button-group">
                                <button type="submit" class="govuk-button">"Send suggestion"</button>
                                <a class="govuk-link" href="/glossary">"Cancel"</a>
                            </div>
                        </Form>
                    </Page>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

fn state_tag(state: SuggestionState) -> impl IntoView {
    let class = match state {
        SuggestionState::Pending => "govuk-tag govuk-tag--yellow",
        SuggestionState::Approved => "govuk-tag govuk-tag--green",
        SuggestionState::Rejected => "govuk-tag govuk-tag--red",
    };
    view! { <strong class=class>{state.label()}</strong> }
}

fn suggestion_table(caption: &'static str, list: Vec<Suggestion>) -> impl IntoView {
    view! {
        <table class="govuk-table">
            <caption class="govuk-table__caption govuk-table__caption--m">{caption}</caption>
            <thead class="govuk-table__head">
                <tr class="govuk-table__row">
                    <th scope="col" class="govuk-table__header">"Term"</th>
                    <th scope="col" class="govuk-table__header">"Suggested"</th>
                    <th scope="col" class="govuk-table__header">"Status"</th>
                </tr>
            </thead>
            <tbody class="govuk-table__body">
                {list.into_iter().map(|s| {
                    let kind = if s.term_id.is_some() { "A change" } else { "A new term" };
                    view! {
                        <tr class="govuk-table__row">
                            <td class="govuk-table__cell">
                                <a class="govuk-link" href=format!("/glossary/suggestions/{}", s.id)>{s.proposed.term.clone()}</a>
                                <span class="govuk-body-s">{format!(" – {kind}")}</span>
                            </td>
                            <td class="govuk-table__cell">{format!("{} by {}", utc(s.suggested_at), s.suggested_by)}</td>
                            <td class="govuk-table__cell">{state_tag(s.state)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// `/glossary/suggestions`: what waits for a decision (coordinators) and one's own.
#[component]
pub fn SuggestionsPage() -> impl IntoView {
    let done = use_query_map().with_untracked(|m| m.get("done"));
    view! {
        <Suspense>
            {Suspend::new(async move {
                let lists = match suggestion_list().await {
                    Ok(lists) => lists,
                    Err(error) => return refusal(error, "/glossary/suggestions"),
                };
                let done = done.as_deref().map(|_| "Suggestion not accepted: its author has been told why".to_owned());
                view! {
                    <Page title="Glossary suggestions" description="Suggested glossary terms and changes, and what was decided.">
                        <Done message=done />
                        <p class="govuk-body"><a class="govuk-link" href="/glossary/suggest">"Suggest a term"</a></p>
                        {lists.pending.map(|pending| if pending.is_empty() {
                            view! { <p class="govuk-body">"No suggestions are waiting for a decision."</p> }.into_any()
                        } else {
                            suggestion_table("Waiting for a decision", pending).into_any()
                        })}
                        {if lists.mine.is_empty() {
                            view! { <p class="govuk-body">"You have not suggested anything yet."</p> }.into_any()
                        } else {
                            suggestion_table("Your suggestions", lists.mine).into_any()
                        }}
                    </Page>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

/// `/glossary/suggestions/{id}`: the suggestion, its decision, and for coordinators while it
/// waits, the forms to approve it (as edited) or say why not.
#[component]
pub fn SuggestionPage() -> impl IntoView {
    let id = id_param();
    let done = use_query_map().with_untracked(|m| m.get("done"));
    let error = returned_error::<ApproveSuggestion>().or_else(returned_error::<RejectSuggestion>);
    view! {
        <Suspense>
            {Suspend::new(async move {
                let here = id.map_or_else(|| "/glossary/suggestions".to_owned(), |id| format!("/glossary/suggestions/{id}"));
                let Some(id) = id else { return refusal(AppError::NotFound, &here) };
                let found = match suggestion_detail(id).await {
                    Ok(found) => found,
                    Err(error) => return refusal(error, &here),
                };
                let s = found.suggestion;
                let error = error.clone();
                let heading = match s.term_id {
                    Some(_) => format!("Suggested change to {}", s.current.as_ref().map_or(s.proposed.term.as_str(), |c| c.term.as_str())),
                    None => format!("Suggested term: {}", s.proposed.term),
                };
                let title = form_title(&heading, &error);
                let done = done.as_deref().map(|_| "Suggestion sent. A coordinator will decide on it.".to_owned());
                let p = s.proposed.clone();
                let context = Context::parse(&p.context).map(|c| c.label()).unwrap_or_default();
                let status = TermStatus::parse(&p.status).map(|s| s.label()).unwrap_or_default();
                view! {
                    <Page title heading description="A suggested glossary term or change, and its decision.">
                        <Done message=done />
                        <ErrorSummary error=error />
                        <p class="govuk-body">{state_tag(s.state)} {format!(" Suggested by {} on {} UTC", s.suggested_by, utc(s.suggested_at))}</p>
                        {(s.state == SuggestionState::Rejected).then(|| view! {
                            <div class="govuk-inset-text">"Not accepted because: " {s.reason.clone()}</div>
                        })}
                        <h2 class="govuk-heading-m">"What was suggested"</h2>
                        <dl class="govuk-summary-list">
                            {summary_row("Term", p.term.clone(), false)}
                            {summary_row("What it stands for", p.expansion.clone(), false)}
                            {summary_row("Where it is used", context.to_owned(), false)}
                            {summary_row("What it means", p.definition.clone(), p.definition.is_empty())}
                            {summary_row("Other names", p.aliases.replace('\n', ", "), p.aliases.is_empty())}
                            {summary_row("Related terms", p.see_also.replace('\n', ", "), p.see_also.is_empty())}
                            {summary_row("Source", p.source_url.clone(), p.source_url.is_empty())}
                            {summary_row("Status", status.to_owned(), false)}
                            {summary_row("Why", p.note.clone(), p.note.is_empty())}
                        </dl>
                        {s.current.clone().map(|c| view! {
                            <p class="govuk-body">
                                "The term as it is now: "
                                <a class="govuk-link" href=format!("/glossary/{}", c.id)>{format!("{} – {}", c.term, c.expansion)}</a>
                            </p>
                        })}
                        {found.may_decide.then(|| view! {
                            <h2 class="govuk-heading-l">"Approve"</h2>
                            <p class="govuk-body">"Correct anything that needs it, then approve. The term goes into the glossary as it is below."</p>
                            <Form action=ApproveSuggestion::PATH id=Some(id)>
                                <TermFields form=s.proposed.clone() />
                                <button type="submit" class="govuk-button">"Approve"</button>
                            </Form>
                            <h2 class="govuk-heading-l">"Do not accept"</h2>
                            <Form action=RejectSuggestion::PATH id=Some(id)>
                                <TextAreaField name="reason" label="Why not" hint="The person who suggested it is sent this" />
                                <button type="submit" class="govuk-button govuk-button--warning">"Do not accept"</button>
                            </Form>
                        })}
                    </Page>
                }
                    .into_any()
            })}
        </Suspense>
    }
}

/// `/glossary/print`: every term, A–Z, each letter starting a new printed page.
#[component]
pub fn GlossaryPrintPage() -> impl IntoView {
    view! {
        <Suspense>
            {Suspend::new(async move {
                let groups = match glossary_all().await {
                    Ok(groups) => groups,
                    Err(error) => return view! { <ProblemPage error /> }.into_any(),
                };
                let mut by_letter: Vec<(char, Vec<TermGroup>)> = Vec::new();
                for group in groups {
                    let l = letter(&group.term);
                    match by_letter.iter_mut().find(|(x, _)| *x == l) {
                        Some((_, list)) => list.push(group),
                        None => by_letter.push((l, vec![group])),
                    }
                }
                by_letter.sort_by_key(|(l, _)| if *l == '#' { '~' } else { *l });
                view! {
                    <PageMeta title="Glossary A to Z" description="Every acronym and term in the glossary, A to Z, to print." />
                    <div class="app-print">
                        <h1 class="govuk-heading-xl">"Glossary A to Z"</h1>
                        <p class="govuk-body app-no-print">"Print this page: each letter starts on a new page."</p>
                        {by_letter.into_iter().map(|(l, groups)| {
                            let heading = if l == '#' { "0–9".to_owned() } else { l.to_string() };
                            view! {
                                <section class="app-print__letter">
                                    <h2 class="govuk-heading-l">{heading}</h2>
                                    {groups.into_iter().map(|group| view! { <TermMeanings group linked=false under_letter=true /> }).collect_view()}
                                </section>
                            }
                        }).collect_view()}
                    </div>
                }
                    .into_any()
            })}
        </Suspense>
    }
}
