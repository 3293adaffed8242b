//! GOV.UK form patterns: the error summary at the top, and fields with their message beside
//! them. Pages render them on the server, so they work with JavaScript off.

use crate::error::AppError;
use leptos::prelude::*;

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

/// A labelled input; `error` puts the field in its error state with the message above it.
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
                value=(!value.is_empty()).then_some(value)
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

/// The error a plain form (one that is not an `ActionForm`, such as a file upload) came back
/// with from server function `S` when JavaScript was off.
pub fn returned_error<S>() -> Option<AppError>
where
    S: leptos::server_fn::ServerFn<Error = AppError>,
{
    use leptos::{server::ServerActionError, server_fn::error::ServerFnUrlError};
    use_context::<ServerActionError>()
        .filter(|e| e.path() == S::PATH)
        .map(|e| ServerFnUrlError::<AppError>::decode_err(e.err()))
}

/// Looks up the message for a field in a form's error, for the fields' `error` props.
pub fn field_messages(error: &Option<AppError>) -> impl Fn(&str) -> Option<String> + use<> {
    let error = error.clone();
    move |name| {
        error
            .as_ref()
            .and_then(|e| e.field(name))
            .map(str::to_owned)
    }
}

/// A form page's title: "Error: " first while it shows errors, as GOV.UK asks.
pub fn form_title(heading: &str, error: &Option<AppError>) -> String {
    match error {
        Some(_) => format!("Error: {heading}"),
        None => heading.to_owned(),
    }
}
