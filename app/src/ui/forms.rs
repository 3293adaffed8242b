//! GOV.UK form patterns: the error summary at the top, and fields with their message beside
//! them. Pages render them on the server, so they work with JavaScript off.
//!
//! A form that comes back with a problem (its server function refused it) is shown again with
//! what the person typed in every field but passwords, and each message by its field. The
//! server keeps both for the browser that sent the form (`ReturnedForm`, in the request's
//! context); `Form` hands them to the fields inside it, so a page only lays out its fields.

use crate::{domain::returned_form::ReturnedForm, error::AppError};
use leptos::{context::Provider, prelude::*, server_fn::ServerFn};
use std::sync::Arc;

/// "There is a problem", listing each message as a link to its field. Nothing without errors.
#[component]
pub fn ErrorSummary(error: Option<AppError>) -> impl IntoView {
    let items: Vec<(String, String)> = match error {
        None => return ().into_any(),
        Some(AppError::Invalid(errors)) => {
            errors.into_iter().map(|e| (e.field, e.message)).collect()
        }
        Some(AppError::SignInFailed) => vec![("email".into(), AppError::SignInFailed.to_string())],
        Some(other) => vec![(String::new(), other.to_string())],
    };
    view! {
        <div class="govuk-error-summary" tabindex="-1" role="alert">
            <h2 class="govuk-error-summary__title">"There is a problem"</h2>
            <div class="govuk-error-summary__body">
                <ul class="govuk-list govuk-error-summary__list">
                    {items
                        .into_iter()
                        .map(|(field, message)| {
                            if field.is_empty() {
                                view! { <li>{message}</li> }.into_any()
                            } else {
                                view! { <li><a href=format!("#{field}")>{message}</a></li> }.into_any()
                            }
                        })
                        .collect_view()}
                </ul>
            </div>
        </div>
    }
    .into_any()
}

/// What a form that came back holds for the fields inside one `Form`.
#[derive(Clone)]
struct Returned(Arc<ReturnedForm>);

/// The returned form for the `Form` around the caller, if it came back with a problem.
fn returned() -> Option<Arc<ReturnedForm>> {
    use_context::<Returned>().map(|r| r.0)
}

/// What was sent in field `name` of the `Form` around the caller, if that form came back with
/// a problem: for fields a page lays out itself.
pub fn returned_value(name: &str) -> Option<String> {
    returned().map(|form| form.value(name).to_owned())
}

/// A field's value and message: what was typed and why it was refused when its form came
/// back, otherwise `value` and `error` as the page gives them.
fn field_state(name: &str, value: String, error: Option<String>) -> (String, Option<String>) {
    match returned() {
        Some(form) => (
            form.value(name).to_owned(),
            error.or_else(|| form.error.field(name)),
        ),
        None => (value, error),
    }
}

/// A form that posts to the server function at `action` (`S::PATH`), with JavaScript or
/// without. With `id`, the form is about that record: it sends it, and only a returned form
/// that was about the same record fills it (a page may hold one such form per record).
#[component]
pub fn Form(
    action: &'static str,
    #[prop(default = None)] id: Option<i32>,
    /// Sends files (`multipart/form-data`).
    #[prop(optional)]
    upload: bool,
    #[prop(optional)] class: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let returned = use_context::<ReturnedForm>().filter(|form| {
        form.action == action && id.is_none_or(|id| form.value("id") == id.to_string())
    });
    view! {
        <form
            method="post"
            action=action
            enctype=upload.then_some("multipart/form-data")
            class=class
            novalidate
        >
            {id.map(|id| view! { <input type="hidden" name="id" value=id /> })}
            // Only the form that came back gets a context: forms never nest, so the fields of
            // every other form find none, and a page of many forms pays for one.
            {match returned {
                Some(form) => view! { <Provider value=Returned(Arc::new(form))>{children()}</Provider> }.into_any(),
                None => children().into_any(),
            }}
        </form>
    }
}

/// The error the page's form for server function `S` came back with, for the page's error
/// summary and title. Only the server can have put it there: nothing in the address counts.
pub fn returned_error<S>() -> Option<AppError>
where
    S: ServerFn<Error = AppError>,
{
    use_context::<ReturnedForm>()
        .filter(|form| form.action == S::PATH)
        .map(|form| form.error)
}

/// A labelled input; a message puts the field in its error state with the message above it.
/// A password field never shows a value.
#[component]
pub fn TextField(
    name: &'static str,
    label: &'static str,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = None)] error: Option<String>,
    #[prop(default = String::new())] value: String,
) -> impl IntoView {
    let (value, error) = field_state(name, value, error);
    let value = (input_type != "password" && !value.is_empty()).then_some(value);
    let hint_id = hint.map(|_| format!("{name}-hint"));
    let described_by = described_by(name, hint.is_some(), error.is_some());
    let has_error = error.is_some();
    view! {
        <div class="govuk-form-group" class:govuk-form-group--error=has_error>
            <label class="govuk-label" for=name>{label}</label>
            {hint.map(|hint| view! { <div class="govuk-hint" id=hint_id.clone()>{hint}</div> })}
            <FieldMessage name error />
            <input
                class="govuk-input"
                class:govuk-input--error=has_error
                id=name
                name=name
                type=input_type
                value=value
                autocomplete=autocomplete
                spellcheck=(input_type == "email").then_some("false")
                aria-describedby=described_by
            />
        </div>
    }
}

/// A labelled drop-down list; `selected` is the value chosen at first.
#[component]
pub fn SelectField(
    name: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    #[prop(default = String::new())] selected: String,
    #[prop(default = None)] error: Option<String>,
) -> impl IntoView {
    let (selected, error) = field_state(name, selected, error);
    let has_error = error.is_some();
    view! {
        <div class="govuk-form-group" class:govuk-form-group--error=has_error>
            <label class="govuk-label" for=name>{label}</label>
            <FieldMessage name error />
            <select
                class="govuk-select"
                class:govuk-select--error=has_error
                id=name
                name=name
                aria-describedby=has_error.then(|| format!("{name}-error"))
            >
                {options
                    .into_iter()
                    .map(|(value, text)| {
                        let chosen = value == selected;
                        view! { <option value=value selected=chosen>{text}</option> }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}

/// A labelled box for a few lines of text.
#[component]
pub fn TextAreaField(
    name: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(default = None)] error: Option<String>,
    #[prop(default = String::new())] value: String,
) -> impl IntoView {
    let (value, error) = field_state(name, value, error);
    let hint_id = hint.map(|_| format!("{name}-hint"));
    let described_by = described_by(name, hint.is_some(), error.is_some());
    let has_error = error.is_some();
    view! {
        <div class="govuk-form-group" class:govuk-form-group--error=has_error>
            <label class="govuk-label" for=name>{label}</label>
            {hint.map(|hint| view! { <div class="govuk-hint" id=hint_id.clone()>{hint}</div> })}
            <FieldMessage name error />
            <textarea
                class="govuk-textarea"
                class:govuk-textarea--error=has_error
                id=name
                name=name
                rows="3"
                aria-describedby=described_by
            >
                {value}
            </textarea>
        </div>
    }
}

/// One checkbox that sends `yes` when ticked (and nothing when not, as HTML forms do).
#[component]
pub fn CheckboxField(name: &'static str, label: &'static str, checked: bool) -> impl IntoView {
    let checked = returned().map_or(checked, |form| form.has(name, "yes"));
    view! {
        <div class="govuk-form-group">
            <div class="govuk-checkboxes govuk-checkboxes--small">
                <div class="govuk-checkboxes__item">
                    <input class="govuk-checkboxes__input" id=name name=name type="checkbox" value="yes" checked=checked />
                    <label class="govuk-label govuk-checkboxes__label" for=name>{label}</label>
                </div>
            </div>
        </div>
    }
}

/// Radio buttons under a legend, one of `options` (value, label) chosen; `selected` at first.
/// The first button's id is `name`, so the error summary's link reaches the group.
#[component]
pub fn RadiosField(
    name: &'static str,
    legend: &'static str,
    options: Vec<(&'static str, &'static str)>,
    #[prop(default = String::new())] selected: String,
) -> impl IntoView {
    let (selected, error) = field_state(name, selected, None);
    let has_error = error.is_some();
    view! {
        <div class="govuk-form-group" class:govuk-form-group--error=has_error>
            <fieldset
                class="govuk-fieldset"
                aria-describedby=has_error.then(|| format!("{name}-error"))
            >
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
                <FieldMessage name error />
                <div class="govuk-radios govuk-radios--small">
                    {options
                        .into_iter()
                        .enumerate()
                        .map(|(i, (value, label))| {
                            let id = if i == 0 { name.to_owned() } else { format!("{name}-{value}") };
                            view! {
                                <div class="govuk-radios__item">
                                    <input class="govuk-radios__input" id=id.clone() name=name type="radio" value=value checked=value == selected />
                                    <label class="govuk-label govuk-radios__label" for=id>{label}</label>
                                </div>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
        </div>
    }
}

/// A file to upload. A browser cannot be given a file back, so a returned form shows only the
/// message.
#[component]
pub fn FileField(
    name: &'static str,
    label: String,
    hint: String,
    accept: &'static str,
) -> impl IntoView {
    let (_, error) = field_state(name, String::new(), None);
    let described_by = described_by(name, true, error.is_some());
    let has_error = error.is_some();
    view! {
        <div class="govuk-form-group" class:govuk-form-group--error=has_error>
            <label class="govuk-label" for=name>{label}</label>
            <div class="govuk-hint" id=format!("{name}-hint")>{hint}</div>
            <FieldMessage name error />
            <input
                class="govuk-file-upload"
                class:govuk-file-upload--error=has_error
                id=name
                name=name
                type="file"
                accept=accept
                aria-describedby=described_by
            />
        </div>
    }
}

/// The ids of a field's hint and error message, for `aria-describedby`.
fn described_by(name: &str, hint: bool, error: bool) -> Option<String> {
    let ids = [(hint, "hint"), (error, "error")]
        .into_iter()
        .filter(|(present, _)| *present)
        .map(|(_, what)| format!("{name}-{what}"))
        .collect::<Vec<_>>();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// The message above a field in its error state, named `{name}-error` for `aria-describedby`.
#[component]
fn FieldMessage(name: &'static str, error: Option<String>) -> impl IntoView {
    error.map(|message| {
        view! {
            <p class="govuk-error-message" id=format!("{name}-error")>
                <span class="govuk-visually-hidden">"Error: "</span>
                {message}
            </p>
        }
    })
}

/// A form page's title: "Error: " first while it shows errors, as GOV.UK asks.
pub fn form_title(heading: &str, error: &Option<AppError>) -> String {
    match error {
        Some(_) => format!("Error: {heading}"),
        None => heading.to_owned(),
    }
}
