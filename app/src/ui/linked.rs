//! Text with its acronyms linked to the glossary, and glossary definitions, as the server read
//! them into spans: nothing stored is ever put into the page as HTML.

use crate::domain::glossary::{Abbr, Acronyms, Block, Span, TermGroup, TermStatus};
use leptos::prelude::*;

fn abbr(a: Abbr) -> impl IntoView {
    view! {
        <a class="govuk-link app-abbr" href=a.href>
            <abbr title=a.title>{a.text}</abbr>
        </a>
    }
}

fn spans(spans: Vec<Span>) -> impl IntoView {
    spans
        .into_iter()
        .map(|span| match span {
            Span::Text(t) => t.into_any(),
            Span::Strong(t) => view! { <strong>{t}</strong> }.into_any(),
            Span::Emphasis(t) => view! { <em>{t}</em> }.into_any(),
            Span::Code(t) => view! { <code>{t}</code> }.into_any(),
            Span::Link { text, href } => {
                view! { <a class="govuk-link" href=href rel="noopener noreferrer">{text}</a> }
                    .into_any()
            }
            Span::Abbr(a) => abbr(a).into_any(),
        })
        .collect_view()
}

/// Plain text (line breaks kept by the `app-pre-line` class where wanted) with the acronyms
/// in it linked.
#[component]
pub fn LinkedText(#[prop(into)] text: String, acronyms: Acronyms) -> impl IntoView {
    spans(acronyms.link(&text))
}

/// "Terms used here": the acronyms a page's text uses, with what each stands for.
#[component]
pub fn TermsUsed(acronyms: Acronyms) -> impl IntoView {
    let list = acronyms.listed();
    (!list.is_empty()).then(|| {
        view! {
            <h2 class="govuk-heading-m">"Terms used here"</h2>
            <dl class="govuk-summary-list app-terms-used">
                {list.into_iter().map(|a| view! {
                    <div class="govuk-summary-list__row">
                        <dt class="govuk-summary-list__key">
                            <a class="govuk-link" href=a.href>{a.text}</a>
                        </dt>
                        <dd class="govuk-summary-list__value">{a.title}</dd>
                    </div>
                }).collect_view()}
            </dl>
        }
    })
}

#[component]
pub fn Definition(blocks: Vec<Block>) -> impl IntoView {
    blocks
        .into_iter()
        .map(|block| match block {
            Block::Paragraph(s) => view! { <p class="govuk-body">{spans(s)}</p> }.into_any(),
            Block::List(items) => view! {
                <ul class="govuk-list govuk-list--bullet">
                    {items.into_iter().map(|s| view! { <li>{spans(s)}</li> }).collect_view()}
                </ul>
            }
            .into_any(),
        })
        .collect_view()
}

/// A term and every meaning it has, each labelled with where it is used. `linked`: the
/// meaning's expansion links to its own page (not on that page itself). `under_letter`: the
/// term's heading sits under a letter's heading, one level down.
#[component]
pub fn TermMeanings(
    group: TermGroup,
    #[prop(default = true)] linked: bool,
    #[prop(default = false)] under_letter: bool,
) -> impl IntoView {
    let count = group.meanings.len();
    let name = view! {
        {group.term}
        {(count > 1).then(|| view! {
            <span class="govuk-caption-m">{format!("{count} meanings")}</span>
        })}
    };
    view! {
        <section class="app-term">
            {if under_letter {
                view! { <h3 class="govuk-heading-m app-term__name">{name}</h3> }.into_any()
            } else {
                view! { <h2 class="govuk-heading-m app-term__name">{name}</h2> }.into_any()
            }}
            {group.meanings.into_iter().map(|shown| {
                let m = shown.meaning;
                let see_also = m.see_also.clone();
                view! {
                    <div class="app-meaning">
                        <p class="govuk-body-l app-meaning__expansion">
                            {if linked {
                                view! { <a class="govuk-link" href=format!("/glossary/{}", m.id)>{m.expansion.clone()}</a> }.into_any()
                            } else {
                                m.expansion.clone().into_any()
                            }}
                        </p>
                        <p class="govuk-body-s">
                            <strong class="govuk-tag govuk-tag--blue">{m.context.label()}</strong>
                            {(m.status == TermStatus::Retired).then(|| view! {
                                " " <strong class="govuk-tag govuk-tag--grey">"Retired"</strong>
                            })}
                        </p>
                        <Definition blocks=shown.definition />
                        {(!m.aliases.is_empty()).then(|| view! {
                            <p class="govuk-body-s">"Also called: " {m.aliases.join(", ")}</p>
                        })}
                        {(!see_also.is_empty()).then(|| view! {
                            <p class="govuk-body-s">
                                "See also: "
                                {see_also.into_iter().enumerate().map(|(i, term)| {
                                    let href = format!("/glossary?q={}", encode(&term));
                                    view! {
                                        {(i > 0).then_some(", ")}
                                        <a class="govuk-link" href=href>{term}</a>
                                    }
                                }).collect_view()}
                            </p>
                        })}
                        {(!m.source_url.is_empty()).then(|| view! {
                            <p class="govuk-body-s">
                                <a class="govuk-link" href=m.source_url.clone() rel="noopener noreferrer">
                                    "Source" <span class="govuk-visually-hidden">{format!(" for {}", m.expansion)}</span>
                                </a>
                            </p>
                        })}
                    </div>
                }
            }).collect_view()}
        </section>
    }
}

/// A term as a query string value.
pub fn encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
