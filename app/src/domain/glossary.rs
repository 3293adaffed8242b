//! The acronym glossary's rules: what a term holds and how it is checked, how a search is read
//! and its matches ranked, and how acronyms in other pages' text are linked to their meaning.
//! One row per meaning: "CP" is child protection in children's social care and cerebral palsy
//! in the NHS, and a search shows both together, each labelled with where it is used.

use crate::{
    domain::fields::{self, Problems},
    error::FieldError,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Where a meaning is used. A fixed list, so "the same term in the same place" can be
/// refused and every meaning is labelled the same way.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum Context {
    #[default]
    General,
    ChildrensSocialCare,
    AdultMentalHealth,
    Education,
    Health,
    Justice,
}

impl Context {
    pub const ALL: [Self; 6] = [
        Self::General,
        Self::ChildrensSocialCare,
        Self::AdultMentalHealth,
        Self::Education,
        Self::Health,
        Self::Justice,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::General => "general",
            Self::ChildrensSocialCare => "childrens-social-care",
            Self::AdultMentalHealth => "adult-mental-health",
            Self::Education => "education",
            Self::Health => "health",
            Self::Justice => "justice",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::General => "All services",
            Self::ChildrensSocialCare => "Children's social care",
            Self::AdultMentalHealth => "Adult mental health",
            Self::Education => "Education",
            Self::Health => "NHS and health",
            Self::Justice => "Police and justice",
        }
    }

    /// From its code or its label (a CSV file may hold either).
    pub fn parse(s: &str) -> Option<Self> {
        let s = s.trim();
        Self::ALL
            .into_iter()
            .find(|c| c.as_str() == s || c.label().eq_ignore_ascii_case(s))
    }
}

/// Retired terms stay findable, marked, so an old letter or report can still be read.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum TermStatus {
    #[default]
    Approved,
    Retired,
}

impl TermStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Approved => "approved",
            Self::Retired => "retired",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Approved => "In use",
            Self::Retired => "Retired",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "approved" => Some(Self::Approved),
            "retired" => Some(Self::Retired),
            _ => None,
        }
    }
}

/// A term or a search as compared: lower case letters and digits only, so "C.P.A.", "c p a"
/// and "CPA" are the same key.
pub fn normalise(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// The letter a term is filed under in the A–Z: its first letter, or `#` for a digit.
pub fn letter(term: &str) -> char {
    match normalise(term).chars().next() {
        Some(c) if c.is_ascii_alphabetic() => c.to_ascii_uppercase(),
        _ => '#',
    }
}

/// Whether a term is written like an acronym, and so is linked where it appears in other
/// pages' text: one word with at least two capital letters ("CAMHS", "CiC", "A&E"). Words
/// such as "Ofsted" are left alone, as is anything lower case.
pub fn is_acronym(term: &str) -> bool {
    !term.is_empty()
        && !term.chars().any(char::is_whitespace)
        && term.chars().filter(char::is_ascii_uppercase).count() >= 2
        && term
            .chars()
            .all(|c| c.is_alphanumeric() || "&-/".contains(c))
}

/// The longest search read; the rest is dropped and the page says so.
pub const MAX_QUERY_CHARS: usize = 100;
/// How many terms (with all their meanings) a search shows.
pub const MAX_RESULTS: usize = 30;

/// A search as typed, read once.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Query {
    /// The normalised whole query, compared with terms and their other names.
    pub key: String,
    /// Its words of two characters or more (at most eight), compared with what terms say.
    pub words: Vec<String>,
    /// The query was longer than [`MAX_QUERY_CHARS`] and was cut.
    pub shortened: bool,
}

impl Query {
    pub fn parse(raw: &str) -> Self {
        let shortened = raw.chars().count() > MAX_QUERY_CHARS;
        let text: String = raw.chars().take(MAX_QUERY_CHARS).collect();
        let mut words: Vec<String> = super::directory::words(&text)
            .into_iter()
            .filter(|w| w.chars().count() >= 2)
            .collect();
        words.dedup();
        words.truncate(8);
        Self {
            key: normalise(&text),
            words,
            shortened,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.key.is_empty()
    }

    /// Whether one slip (a wrong, missing, extra or swapped letter) is allowed: shorter
    /// searches would match too much ("cp" is one slip from most two-letter acronyms).
    pub fn tolerates_slip(word: &str) -> bool {
        word.len() >= 4
    }
}

/// Whether `a` becomes `b` by one wrong, missing, extra or swapped letter.
pub fn one_slip_apart(a: &str, b: &str) -> bool {
    super::directory::one_slip_apart(a.as_bytes(), b.as_bytes())
}

/// What a spelling one slip from `key` keeps of it, one or the other at least: its first
/// (n-1)/2 letters, or (spelt backwards) its last (n-1)/2. A slip changes one letter or two
/// neighbours, which cannot reach into both ends at once. The search finds candidates by
/// these two prefixes.
pub fn slip_anchors(key: &str) -> (String, String) {
    let half = key.chars().count().saturating_sub(1) / 2;
    (
        key.chars().take(half).collect(),
        key.chars().rev().take(half).collect(),
    )
}

/// How a term matched a search, best first. Terms are shown in this order, then A–Z.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Tier {
    /// The search is the term ("c.p.a" and CPA).
    Exact,
    /// The search is one of its other names or old names.
    Alias,
    /// The term or another name starts with the search.
    Prefix,
    /// The words searched are in what it stands for, its definition or its other names.
    Words,
    /// As one of the above but for one slip of the keyboard.
    Slip,
}

/// A match as the search module finds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    pub term_key: String,
    pub tier: Tier,
}

/// The terms to show, best match first, each once: a term found several ways counts by its
/// best; ties are in A–Z order of the term.
pub fn rank(hits: impl IntoIterator<Item = Hit>) -> Vec<(String, Tier)> {
    let mut best: HashMap<String, Tier> = HashMap::new();
    for hit in hits {
        best.entry(hit.term_key)
            .and_modify(|t| *t = (*t).min(hit.tier))
            .or_insert(hit.tier);
    }
    let mut ranked: Vec<(String, Tier)> = best.into_iter().collect();
    ranked.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    ranked.truncate(MAX_RESULTS);
    ranked
}

/// A run of text as shown: plain, emphasised, code, a web link, or an acronym linked to its
/// meaning. Built on the server from stored text, so nothing stored is ever sent as HTML.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Span {
    Text(String),
    Strong(String),
    Emphasis(String),
    Code(String),
    Link { text: String, href: String },
    Abbr(Abbr),
}

/// An acronym where it appears: its meaning as the tooltip and a link to the glossary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Abbr {
    pub text: String,
    pub title: String,
    pub href: String,
}

/// A definition as shown: paragraphs and lists of spans (the Markdown subset a definition
/// may use: paragraphs, lists, bold, italics, code and links).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Block {
    Paragraph(Vec<Span>),
    List(Vec<Vec<Span>>),
}

impl Span {
    /// The words a reader sees, without where a link goes.
    pub fn text(&self) -> &str {
        match self {
            Span::Text(t) | Span::Strong(t) | Span::Emphasis(t) | Span::Code(t) => t,
            Span::Link { text, .. } => text,
            Span::Abbr(abbr) => &abbr.text,
        }
    }
}

/// A definition as plain text (for a page's summary): its words, a space between blocks and
/// list items.
pub fn plain_text(blocks: &[Block]) -> String {
    let runs = |spans: &[Span]| spans.iter().map(Span::text).collect::<String>();
    let mut parts = Vec::new();
    for block in blocks {
        match block {
            Block::Paragraph(spans) => parts.push(runs(spans)),
            Block::List(items) => parts.extend(items.iter().map(|item| runs(item))),
        }
    }
    parts.join(" ")
}

/// The approved acronyms other pages' text is linked with: each as written, with what it
/// stands for and where its entry is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Acronyms(HashMap<String, (String, String)>);

/// One meaning, for [`Acronyms::new`].
pub struct Known<'a> {
    pub written: &'a str,
    pub term_key: &'a str,
    pub id: i32,
    pub expansion: &'a str,
    pub context: Context,
}

impl Acronyms {
    /// Each acronym with its meanings: one meaning links to its entry, several to the search
    /// that shows them all, with every meaning in the tooltip.
    pub fn new<'a>(known: impl IntoIterator<Item = Known<'a>>) -> Self {
        let mut by_written: HashMap<&str, Vec<Known>> = HashMap::new();
        for k in known {
            if is_acronym(k.written) {
                by_written.entry(k.written).or_default().push(k);
            }
        }
        let map = by_written
            .into_iter()
            .map(|(written, mut meanings)| {
                meanings.sort_by_key(|m| (m.context, m.id));
                meanings.dedup_by_key(|m| m.id);
                let value = match meanings.as_slice() {
                    [one] => (one.expansion.to_owned(), format!("/glossary/{}", one.id)),
                    many => (
                        many.iter()
                            .map(|m| format!("{} ({})", m.expansion, m.context.label()))
                            .collect::<Vec<_>>()
                            .join(" or "),
                        format!("/glossary?q={}", many[0].term_key),
                    ),
                };
                (written.to_owned(), value)
            })
            .collect();
        Self(map)
    }

    /// The acronym a word is, as written or with a plural "s" ("CPNs").
    fn find<'s>(&'s self, token: &str) -> Option<(&'s str, &'s (String, String))> {
        let singular = token.strip_suffix('s').filter(|s| !s.is_empty());
        std::iter::once(token)
            .chain(singular)
            .find_map(|t| self.0.get_key_value(t))
            .map(|(k, v)| (k.as_str(), v))
    }

    /// Every acronym these texts use with its meaning, A–Z: the "terms used here" list.
    pub fn listed(&self) -> Vec<Abbr> {
        let mut list: Vec<Abbr> = self
            .0
            .iter()
            .map(|(text, (title, href))| Abbr {
                text: text.clone(),
                title: title.clone(),
                href: href.clone(),
            })
            .collect();
        list.sort_by(|a, b| a.text.cmp(&b.text));
        list
    }

    /// The text as spans, each acronym in it linked. Matching is by whole word and exactly as
    /// the acronym is written, so "CIN" is linked and the "cin" of "cinema" is not.
    pub fn link(&self, text: &str) -> Vec<Span> {
        let mut spans = Vec::new();
        let mut plain_from = 0;
        for (at, token) in tokens(text) {
            if let Some((_, (title, href))) = self.find(token) {
                if plain_from < at {
                    spans.push(Span::Text(text[plain_from..at].to_owned()));
                }
                spans.push(Span::Abbr(Abbr {
                    text: token.to_owned(),
                    title: title.clone(),
                    href: href.clone(),
                }));
                plain_from = at + token.len();
            }
        }
        if plain_from < text.len() {
            spans.push(Span::Text(text[plain_from..].to_owned()));
        }
        spans
    }
}

/// Adds a span, joining it to the one before when both are plain text.
#[cfg(feature = "ssr")]
fn push(spans: &mut Vec<Span>, span: Span) {
    match (spans.last_mut(), span) {
        (Some(Span::Text(before)), Span::Text(t)) => before.push_str(&t),
        (_, span) => spans.push(span),
    }
}

/// The words of a text with their byte offsets: runs of letters, digits and the `&`, `-` and
/// `/` inside acronyms ("A&E", "CP-IS"), without punctuation at either end.
pub fn tokens(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let inside = |c: char| c.is_alphanumeric() || "&-/".contains(c);
    let mut rest = text.char_indices().peekable();
    std::iter::from_fn(move || {
        loop {
            let (start, c) = rest.next()?;
            if !c.is_alphanumeric() {
                continue;
            }
            let mut end = start + c.len_utf8();
            while let Some(&(i, c)) = rest.peek() {
                if !inside(c) {
                    break;
                }
                end = i + c.len_utf8();
                rest.next();
            }
            let token = text[start..end].trim_end_matches(|c: char| !c.is_alphanumeric());
            return Some((start, token));
        }
    })
}

/// A definition's Markdown read into blocks, acronyms in its text linked (not inside links or
/// code). Anything else Markdown can say, raw HTML above all, is shown as the text it is.
#[cfg(feature = "ssr")]
pub fn definition_blocks(markdown: &str, acronyms: &Acronyms) -> Vec<Block> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};

    #[derive(Default)]
    struct Style {
        strong: u32,
        emphasis: u32,
        link: Option<(String, String)>,
    }
    let mut blocks = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    let mut items: Option<Vec<Vec<Span>>> = None;
    let mut style = Style::default();
    let text = |t: &str, style: &mut Style, spans: &mut Vec<Span>| {
        if let Some((_, link_text)) = style.link.as_mut() {
            link_text.push_str(t);
        } else if style.strong > 0 {
            spans.push(Span::Strong(t.to_owned()));
        } else if style.emphasis > 0 {
            spans.push(Span::Emphasis(t.to_owned()));
        } else {
            for span in acronyms.link(t) {
                push(spans, span);
            }
        }
    };
    let flush = |spans: &mut Vec<Span>, items: &mut Option<Vec<Vec<Span>>>, blocks: &mut Vec<_>| {
        if spans.is_empty() {
            return;
        }
        let done = std::mem::take(spans);
        match items {
            Some(items) => items.push(done),
            None => blocks.push(Block::Paragraph(done)),
        }
    };
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => {
                text(&t, &mut style, &mut spans)
            }
            Event::Code(t) => spans.push(Span::Code(t.to_string())),
            Event::SoftBreak | Event::HardBreak => text(" ", &mut style, &mut spans),
            Event::Start(Tag::Strong) => style.strong += 1,
            Event::End(TagEnd::Strong) => style.strong = style.strong.saturating_sub(1),
            Event::Start(Tag::Emphasis) => style.emphasis += 1,
            Event::End(TagEnd::Emphasis) => style.emphasis = style.emphasis.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. }) => {
                style.link = Some((dest_url.to_string(), String::new()));
            }
            Event::End(TagEnd::Link) => {
                if let Some((href, link_text)) = style.link.take() {
                    // Only web links: a `javascript:` address is shown as its text.
                    match fields::web_address(&href, "Link") {
                        Ok(href) if !href.is_empty() => spans.push(Span::Link {
                            text: link_text,
                            href,
                        }),
                        _ => push(&mut spans, Span::Text(link_text)),
                    }
                }
            }
            Event::Start(Tag::List(_)) => {
                flush(&mut spans, &mut items, &mut blocks);
                items.get_or_insert_with(Vec::new);
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut spans, &mut items, &mut blocks);
                if let Some(list) = items.take().filter(|l| !l.is_empty()) {
                    blocks.push(Block::List(list));
                }
            }
            Event::End(TagEnd::Item | TagEnd::Paragraph | TagEnd::Heading(_))
            | Event::End(TagEnd::BlockQuote(_) | TagEnd::CodeBlock) => {
                flush(&mut spans, &mut items, &mut blocks);
            }
            _ => {}
        }
    }
    flush(&mut spans, &mut items, &mut blocks);
    blocks
}

/// The longest term, and the most other names and see-also terms one may have.
pub const MAX_TERM_CHARS: usize = 30;
pub const MAX_NAMES: usize = 10;

/// The term form as sent: adding, editing or suggesting a term.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TermForm {
    pub term: String,
    pub expansion: String,
    pub definition: String,
    pub context: String,
    /// Other names and old names, one a line.
    pub aliases: String,
    /// Related terms, one a line.
    pub see_also: String,
    pub source_url: String,
    pub status: String,
    /// Why (suggestions only).
    pub note: String,
}

/// A term form that passed every check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidTerm {
    pub term: String,
    pub key: String,
    pub expansion: String,
    pub definition: String,
    pub context: Context,
    pub aliases: Vec<String>,
    pub see_also: Vec<String>,
    pub source_url: String,
    pub status: TermStatus,
    pub note: String,
}

/// One name a line: each checked, blank lines and repeats dropped.
fn names(raw: &str, label: &str, max_chars: usize) -> Result<Vec<String>, String> {
    let mut seen = Vec::new();
    let mut list = Vec::new();
    for line in raw.lines() {
        let name = fields::line(line, label, max_chars, false)?;
        let key = normalise(&name);
        if !key.is_empty() && !seen.contains(&key) {
            seen.push(key);
            list.push(name);
        }
    }
    if list.len() > MAX_NAMES {
        return Err(format!("Give at most {MAX_NAMES}, one a line"));
    }
    Ok(list)
}

impl TermForm {
    pub fn validate(&self) -> Result<ValidTerm, Vec<FieldError>> {
        let mut p = Problems::default();
        let term = p.take(
            "term",
            fields::line(&self.term, "Term", MAX_TERM_CHARS, true).and_then(|t| {
                if normalise(&t).is_empty() {
                    Err("The term must contain a letter or a number".to_owned())
                } else {
                    Ok(t)
                }
            }),
        );
        let key = normalise(&term);
        let aliases: Vec<String> = p
            .take("aliases", names(&self.aliases, "Each other name", 120))
            .into_iter()
            .filter(|a| normalise(a) != key)
            .collect();
        let valid = ValidTerm {
            key,
            expansion: p.take(
                "expansion",
                if self.expansion.trim().is_empty() {
                    Err("Enter what the term stands for".to_owned())
                } else {
                    fields::line(&self.expansion, "What it stands for", 200, true)
                },
            ),
            definition: p.take(
                "definition",
                fields::paragraphs(&self.definition, "Definition", 2000, false),
            ),
            context: p.take(
                "context",
                Context::parse(&self.context)
                    .ok_or_else(|| "Select where the term is used".to_owned()),
            ),
            aliases,
            see_also: p.take(
                "see_also",
                names(&self.see_also, "Each related term", MAX_TERM_CHARS),
            ),
            source_url: p.take(
                "source_url",
                fields::web_address(&self.source_url, "Source"),
            ),
            status: p.take(
                "status",
                TermStatus::parse(&self.status)
                    .ok_or_else(|| "Select whether the term is in use or retired".to_owned()),
            ),
            note: p.take("note", fields::paragraphs(&self.note, "Why", 1000, false)),
            term,
        };
        p.into_result(valid)
    }

    pub fn from_meaning(m: &Meaning) -> Self {
        Self {
            term: m.term.clone(),
            expansion: m.expansion.clone(),
            definition: m.definition.clone(),
            context: m.context.as_str().to_owned(),
            aliases: m.aliases.join("\n"),
            see_also: m.see_also.join("\n"),
            source_url: m.source_url.clone(),
            status: m.status.as_str().to_owned(),
            note: String::new(),
        }
    }

    /// An empty form for a new term: in use, for all services.
    pub fn new_entry() -> Self {
        Self {
            context: Context::General.as_str().to_owned(),
            status: TermStatus::Approved.as_str().to_owned(),
            ..Self::default()
        }
    }
}

/// One meaning of a term, as stored.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meaning {
    pub id: i32,
    pub term: String,
    pub expansion: String,
    /// Markdown, as written.
    pub definition: String,
    pub context: Context,
    pub aliases: Vec<String>,
    pub see_also: Vec<String>,
    pub source_url: String,
    pub status: TermStatus,
}

impl Meaning {
    /// The meaning as its history keeps it.
    pub fn fields(&self) -> Vec<super::history::Field> {
        use super::history::Field;
        vec![
            Field::plain("Term", &self.term),
            Field::plain("What it stands for", &self.expansion),
            Field::plain("Definition", &self.definition),
            Field::plain("Used in", self.context.label()),
            Field::plain("Other names", self.aliases.join("; ")),
            Field::plain("See also", self.see_also.join("; ")),
            Field::plain("Source", &self.source_url),
            Field::plain("Status", self.status.label()),
        ]
    }
}

/// A meaning as a page shows it: the definition read into blocks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShownMeaning {
    pub meaning: Meaning,
    pub definition: Vec<Block>,
}

/// A term with every meaning it has, as a search or the A–Z shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermGroup {
    pub term: String,
    pub meanings: Vec<ShownMeaning>,
}

/// What a search found.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchResults {
    pub query: String,
    pub groups: Vec<TermGroup>,
    pub shortened: bool,
}

/// Where a suggestion has got to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SuggestionState {
    Pending,
    Approved,
    Rejected,
}

impl SuggestionState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "Suggested",
            Self::Approved => "Approved",
            Self::Rejected => "Not accepted",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Pending, Self::Approved, Self::Rejected]
            .into_iter()
            .find(|x| x.as_str() == s)
    }
}

/// A suggested new term (no `term_id`) or change to a term, and what was decided.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub id: i32,
    pub term_id: Option<i32>,
    /// What was suggested, as the form that a coordinator may edit before approving it.
    pub proposed: TermForm,
    pub suggested_by: String,
    pub suggested_at: chrono::DateTime<chrono::Utc>,
    pub state: SuggestionState,
    pub reason: String,
    pub decided_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The term as it is now, for a suggested change.
    pub current: Option<Meaning>,
}

/// The longest reason for not accepting a suggestion.
pub const MAX_REASON_CHARS: usize = 1000;

/// The reason a coordinator gives for not accepting a suggestion, which its author is sent.
pub fn rejection_reason(raw: &str) -> Result<String, String> {
    fields::paragraphs(raw, "Reason", MAX_REASON_CHARS, true)
}

/// Orders one term's meanings: in use before retired, then by where they are used.
pub fn order_meanings(meanings: &mut [Meaning]) {
    meanings.sort_by_key(|m| (m.status, m.context, m.id));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acronyms() -> Acronyms {
        Acronyms::new([
            Known {
                written: "CPA",
                term_key: "cpa",
                id: 1,
                expansion: "Care Programme Approach",
                context: Context::AdultMentalHealth,
            },
            Known {
                written: "CP",
                term_key: "cp",
                id: 2,
                expansion: "Child protection",
                context: Context::ChildrensSocialCare,
            },
            Known {
                written: "CP",
                term_key: "cp",
                id: 3,
                expansion: "Cerebral palsy",
                context: Context::Health,
            },
            Known {
                written: "A&E",
                term_key: "ae",
                id: 4,
                expansion: "Accident and emergency",
                context: Context::Health,
            },
            Known {
                written: "Ofsted",
                term_key: "ofsted",
                id: 5,
                expansion: "Office for Standards in Education",
                context: Context::Education,
            },
        ])
    }

    #[test]
    fn punctuation_spaces_and_case_do_not_change_a_key() {
        for written in ["CPA", "c.p.a", "C P A", " cpa. ", "C-P-A"] {
            assert_eq!(normalise(written), "cpa", "{written}");
        }
        assert_eq!(normalise("A&E"), "ae");
        assert_eq!(normalise("Ofsted"), "ofsted");
    }

    #[test]
    fn a_query_keeps_its_words_and_cuts_what_is_too_long() {
        let q = Query::parse("Care  programme, a");
        assert_eq!(q.key, "careprogrammea");
        assert_eq!(q.words, ["care", "programme"]);
        assert!(!q.shortened);
        let long = Query::parse(&"x".repeat(MAX_QUERY_CHARS + 1));
        assert!(long.shortened);
        assert_eq!(long.key.len(), MAX_QUERY_CHARS);
        assert!(Query::parse(" \"*:-( ").is_empty());
    }

    #[test]
    fn acronyms_are_words_with_two_capitals() {
        for yes in ["CPA", "CiC", "A&E", "CP-IS", "SENDCo"] {
            assert!(is_acronym(yes), "{yes}");
        }
        for no in ["Ofsted", "cpa", "Care plan", "s47", "C"] {
            assert!(!is_acronym(no), "{no}");
        }
    }

    #[test]
    fn a_term_ranks_by_its_best_match_then_alphabetically() {
        let hit = |k: &str, tier| Hit {
            term_key: k.into(),
            tier,
        };
        let ranked = rank([
            hit("cpn", Tier::Prefix),
            hit("cpa", Tier::Words),
            hit("cpa", Tier::Exact),
            hit("cp", Tier::Slip),
            hit("cpd", Tier::Prefix),
        ]);
        let keys: Vec<_> = ranked.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["cpa", "cpd", "cpn", "cp"]);
        assert_eq!(ranked[0].1, Tier::Exact);
    }

    #[test]
    fn ranking_keeps_at_most_a_page_of_terms() {
        let hits = (0..MAX_RESULTS + 5).map(|i| Hit {
            term_key: format!("t{i:03}"),
            tier: Tier::Prefix,
        });
        assert_eq!(rank(hits).len(), MAX_RESULTS);
    }

    #[test]
    fn acronyms_are_linked_as_whole_words_exactly_as_written() {
        let spans = acronyms().link("Ask about CPA, CPAs and cpa; not CPAX or ACPA.");
        let linked: Vec<_> = spans
            .iter()
            .filter_map(|s| match s {
                Span::Abbr(a) => Some(a.text.as_str()),
                _ => None,
            })
            .collect();
        assert_eq!(linked, ["CPA", "CPAs"]);
        let text: String = spans
            .iter()
            .map(|s| match s {
                Span::Text(t) => t.as_str(),
                Span::Abbr(a) => a.text.as_str(),
                _ => "",
            })
            .collect();
        assert_eq!(text, "Ask about CPA, CPAs and cpa; not CPAX or ACPA.");
    }

    #[test]
    fn one_meaning_links_to_its_entry_and_several_to_all_of_them() {
        let a = acronyms();
        let abbr = |text| match &a.link(text)[0] {
            Span::Abbr(abbr) => abbr.clone(),
            other => panic!("{other:?}"),
        };
        let cpa = abbr("CPA");
        assert_eq!(cpa.title, "Care Programme Approach");
        assert_eq!(cpa.href, "/glossary/1");
        let cp = abbr("CP");
        assert_eq!(
            cp.title,
            "Child protection (Children's social care) or Cerebral palsy (NHS and health)"
        );
        assert_eq!(cp.href, "/glossary?q=cp");
        assert_eq!(abbr("A&E").href, "/glossary/4");
        assert!(
            matches!(&a.link("Ofsted")[0], Span::Text(_)),
            "not an acronym"
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn definitions_keep_their_markdown_and_lose_their_html() {
        let blocks = definition_blocks(
            "The **CPA** is reviewed by CP staff.\n\n- one <script>alert(1)</script>\n- see [NICE](https://www.nice.org.uk) or [x](javascript:alert(1))\n\n`CPA` in code",
            &acronyms(),
        );
        assert_eq!(blocks.len(), 3, "{blocks:?}");
        let Block::Paragraph(first) = &blocks[0] else {
            panic!("{blocks:?}")
        };
        assert_eq!(first[0], Span::Text("The ".into()));
        assert_eq!(
            first[1],
            Span::Strong("CPA".into()),
            "not linked inside bold"
        );
        assert!(matches!(&first[3], Span::Abbr(a) if a.text == "CP"));
        let Block::List(items) = &blocks[1] else {
            panic!("{blocks:?}")
        };
        assert_eq!(
            items[0],
            [Span::Text("one <script>alert(1)</script>".into())],
            "as text"
        );
        assert!(items[1].contains(&Span::Link {
            text: "NICE".into(),
            href: "https://www.nice.org.uk/".into()
        }));
        assert_eq!(
            items[1].last(),
            Some(&Span::Text(" or x".into())),
            "no javascript: link"
        );
        let Block::Paragraph(last) = &blocks[2] else {
            panic!("{blocks:?}")
        };
        assert_eq!(last[0], Span::Code("CPA".into()), "not linked inside code");
        assert_eq!(
            plain_text(&blocks),
            "The CPA is reviewed by CP staff. one <script>alert(1)</script> see NICE or x CPA in code",
            "the words only, no addresses"
        );
    }

    #[test]
    fn a_term_form_names_each_problem() {
        let form = TermForm {
            term: "  ".into(),
            expansion: "x".repeat(201),
            context: "nowhere".into(),
            aliases: (0..11).map(|i| format!("Name {i}\n")).collect(),
            source_url: "javascript:alert(1)".into(),
            status: "approved".into(),
            ..TermForm::default()
        };
        let errors = form.validate().unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["term", "aliases", "expansion", "context", "source_url"]
        );
        assert_eq!(errors[0].message, "Enter a term");
    }

    #[test]
    fn a_valid_term_drops_repeated_names_and_its_own() {
        let form = TermForm {
            term: "LSCB".into(),
            expansion: "Local Safeguarding Children Board".into(),
            context: "Children's social care".into(),
            aliases:
                "L.S.C.B.\nSafeguarding children partnership\n\nsafeguarding children partnership"
                    .into(),
            status: "approved".into(),
            ..TermForm::default()
        };
        let valid = form.validate().unwrap();
        assert_eq!(valid.key, "lscb");
        assert_eq!(valid.context, Context::ChildrensSocialCare);
        assert_eq!(valid.aliases, ["Safeguarding children partnership"]);
    }

    proptest::proptest! {
        #[test]
        fn linking_never_loses_or_changes_text(text in "[A-Za-z&., -]{0,60}") {
            let spans = acronyms().link(&text);
            let back: String = spans.iter().map(|s| match s {
                Span::Text(t) => t.clone(),
                Span::Abbr(a) => a.text.clone(),
                other => panic!("{other:?}"),
            }).collect();
            proptest::prop_assert_eq!(back, text);
        }

        #[test]
        fn a_spelling_one_slip_away_keeps_one_anchor(
            key in "[a-e]{4,12}",
            at in 0usize..12,
            letter in "[a-e]",
            kind in 0u8..4,
        ) {
            let mut chars: Vec<char> = key.chars().collect();
            let at = at % chars.len();
            let letter = letter.chars().next().unwrap();
            match kind {
                0 => chars[at] = letter,
                1 => { chars.remove(at); }
                2 => chars.insert(at, letter),
                _ => { let next = (at + 1) % chars.len(); chars.swap(at, next.max(at)); }
            }
            let slipped: String = chars.iter().collect();
            proptest::prop_assume!(one_slip_apart(&key, &slipped));
            let (start, end) = slip_anchors(&key);
            let backwards: String = slipped.chars().rev().collect();
            proptest::prop_assert!(
                slipped.starts_with(&start) || backwards.starts_with(&end),
                "{} -> {}", key, slipped
            );
        }

        #[test]
        fn a_key_is_letters_and_digits_and_normalising_it_again_changes_nothing(text in "\\PC{0,40}") {
            let key = normalise(&text);
            proptest::prop_assert!(key.chars().all(char::is_alphanumeric));
            proptest::prop_assert_eq!(normalise(&key), key.clone());
        }
    }
}
