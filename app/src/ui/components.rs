//! Pieces several pages use.

use crate::error::AppError;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// A page's title, and its summary for search results and link previews (its meta
/// description).
#[component]
pub fn PageMeta(#[prop(into)] title: String, #[prop(into)] description: String) -> impl IntoView {
    view! {
        <Title text=title />
        <Meta name="description" content=description />
    }
}

/// The first sentences of `text` that fit in a summary of about 160 characters (as search
/// results show), cut at a word with "…" if even the first sentence is longer.
pub fn summary_of(text: &str) -> String {
    const MAX: usize = 160;
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= MAX {
        return text;
    }
    let cut = text.char_indices().nth(MAX).map_or(text.len(), |(i, _)| i);
    let head = &text[..cut];
    if let Some(end) = head.rfind(". ") {
        return head[..=end].to_owned();
    }
    let words = head.rsplit_once(' ').map_or(head, |(words, _)| words);
    format!("{}…", words.trim_end_matches([',', ';', ':']))
}

/// The frame of an ordinary page: its title and summary, and its content in the two-thirds
/// column under a large heading, as GOV.UK lays pages out. The heading is the title unless
/// given.
#[component]
pub fn Page(
    #[prop(into)] title: String,
    #[prop(into)] description: String,
    #[prop(optional, into)] heading: Option<String>,
    children: Children,
) -> impl IntoView {
    let heading = heading.unwrap_or_else(|| title.clone());
    view! {
        <PageMeta title description />
        <div class="govuk-grid-row">
            <div class="govuk-grid-column-two-thirds">
                <h1 class="govuk-heading-xl">{heading}</h1>
                {children()}
            </div>
        </div>
    }
}

/// Sends someone who is not signed in to the sign-in page (303), which brings them back to
/// `next` afterwards. Only on the server: pages are rendered there.
pub fn redirect_to_sign_in(next: &str) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        let target = format!(
            "/login?next={}",
            url::form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>()
        );
        if let Ok(location) = http::HeaderValue::from_str(&target) {
            response.set_status(http::StatusCode::SEE_OTHER);
            response.insert_header(http::header::LOCATION, location);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = next;
}

/// What a page shows when its server function refused or failed: someone not signed in is
/// sent to sign in and back to `here`; anyone else sees the problem.
pub fn refusal(error: AppError, here: &str) -> AnyView {
    if error == AppError::SignInRequired {
        redirect_to_sign_in(here);
        ().into_any()
    } else {
        view! { <ProblemPage error /> }.into_any()
    }
}

/// A green banner confirming what was just done; nothing when `message` is `None`, or when a
/// form on the page has just come back with a problem (its address still says what was done
/// before).
#[component]
pub fn Done(message: Option<String>) -> impl IntoView {
    let returned = use_context::<crate::domain::returned_form::ReturnedForm>().is_some();
    message.filter(|_| !returned).map(|message| {
        view! {
            <div
                class="govuk-notification-banner govuk-notification-banner--success"
                role="alert"
                aria-labelledby="done-title"
            >
                <div class="govuk-notification-banner__header">
                    <h2 class="govuk-notification-banner__title" id="done-title">"Success"</h2>
                </div>
                <div class="govuk-notification-banner__content">
                    <p class="govuk-notification-banner__heading">{message}</p>
                </div>
            </div>
        }
    })
}

/// One row of a GOV.UK summary list; nothing when `empty`. Line breaks in text are kept.
pub fn summary_row(
    key: &'static str,
    value: impl IntoView + 'static,
    empty: bool,
) -> impl IntoView {
    (!empty).then(|| {
        view! {
            <div class="govuk-summary-list__row">
                <dt class="govuk-summary-list__key">{key}</dt>
                <dd class="govuk-summary-list__value app-pre-line">{value}</dd>
            </div>
        }
    })
}

/// A date and time as people here read it, in UTC (which the page says).
pub fn utc(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%-d %b %Y %H:%M").to_string()
}

/// What a person sees instead of a page that failed: a plain sentence and what to do next,
/// with the HTTP status that matches.
#[component]
pub fn ProblemPage(error: AppError) -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(error.status_code());
    }
    let (title, advice) = match error {
        AppError::NotFound => (
            "Page not found",
            "If you typed the web address, check it is correct. If you pasted the web address, \
             check you copied the entire address.",
        ),
        AppError::Forbidden => (
            "You do not have permission to see this page",
            "Your role does not include this page. If you need it, ask a coordinator.",
        ),
        AppError::LinkExpired => (
            "This link has expired",
            "Links in emails work for a limited time: one to set a password works once, and one to answer an invitation until the meeting ends. Ask a coordinator to send you a new one.",
        ),
        AppError::SignInRequired => ("Sign in to continue", "This page is for signed-in users."),
        AppError::Internal
        | AppError::Unreachable
        | AppError::Invalid(_)
        | AppError::SignInFailed
        | AppError::TooManyAttempts { .. } => (
            "Sorry, there is a problem with the service",
            "Try again later.",
        ),
    };

    view! {
        <PageMeta title description=advice />
        <h1 class="govuk-heading-l">{title}</h1>
        <p class="govuk-body">{advice}</p>
        <p class="govuk-body">
            <a class="govuk-link" href="/">
                "Go to the home page"
            </a>
        </p>
    }
}

/// GOV.UK pagination: previous, page n of m, next; nothing for a single page.
#[component]
pub fn Pagination(
    page: usize,
    pages: usize,
    link: impl Fn(usize) -> String + 'static,
) -> impl IntoView {
    (pages > 1).then(|| {
        view! {
            <nav class="govuk-pagination" aria-label="Pages of results">
                {(page > 1).then(|| view! {
                    <div class="govuk-pagination__prev">
                        <a class="govuk-link govuk-pagination__link" href=link(page - 1) rel="prev">
                            "Previous page"
                        </a>
                    </div>
                })}
                <p class="govuk-body govuk-!-margin-bottom-0">{format!("Page {page} of {pages}")}</p>
                {(page < pages).then(|| view! {
                    <div class="govuk-pagination__next">
                        <a class="govuk-link govuk-pagination__link" href=link(page + 1) rel="next">
                            "Next page"
                        </a>
                    </div>
                })}
            </nav>
        }
    })
}

/// The `:id` of the page's address, if it is a number (the "new" pages have none).
pub fn id_param() -> Option<i32> {
    leptos_router::hooks::use_params_map()
        .with_untracked(|p| p.get("id"))
        .and_then(|id| id.parse::<i32>().ok())
}

#[cfg(test)]
mod tests {
    use super::summary_of;
    use proptest::prelude::*;

    #[test]
    fn a_summary_keeps_whole_sentences_or_whole_words() {
        assert_eq!(summary_of("Short.\n  Two  lines."), "Short. Two lines.");
        let sentences = format!("First sentence. Second sentence {}", "x ".repeat(90));
        assert_eq!(summary_of(&sentences), "First sentence.");
        let words = "word ".repeat(50);
        let cut = summary_of(&words);
        assert!(
            cut.ends_with("word…") && cut.chars().count() <= 161,
            "{cut}"
        );
    }

    proptest! {
        #[test]
        fn a_summary_is_short_and_taken_from_the_text(text in "(?s).{0,400}") {
            let summary = summary_of(&text);
            prop_assert!(summary.chars().count() <= 161);
            let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert!(flat.starts_with(summary.trim_end_matches('…')));
        }
    }
}
