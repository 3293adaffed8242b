//! The glossary over HTTP: the order a search finds terms in, ambiguous acronyms, what any
//! query does, suggesting and deciding terms (and who may), and acronyms linked in other
//! pages.

use crate::helpers::*;
use app::{
    api::glossary::{ApproveSuggestion, GlossarySearch, RejectSuggestion, SaveTerm, SuggestTerm},
    db::entities::{glossary_suggestion, glossary_term, record_version},
    domain::{
        account::Role,
        glossary::{Context, SearchResults, TermStatus},
    },
};
use leptos::server_fn::ServerFn;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

async fn search(app: &TestApp, q: &str) -> SearchResults {
    let response = app
        .client
        .post(app.url(GlossarySearch::PATH))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(serde_urlencoded(&[("q", q)]))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{q:?}");
    serde_json::from_str(&response.text().await.unwrap()).unwrap()
}

fn terms(results: &SearchResults) -> Vec<&str> {
    results.groups.iter().map(|g| g.term.as_str()).collect()
}

async fn term_id(app: &TestApp, term: &str, context: Context) -> i32 {
    glossary_term::Entity::find()
        .filter(glossary_term::Column::Term.eq(term))
        .filter(glossary_term::Column::Context.eq(context.as_str()))
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap_or_else(|| panic!("demo term {term}"))
        .id
}

#[tokio::test]
async fn the_acronym_itself_comes_first_then_longer_ones_then_words() {
    let app = spawn_app().await;
    let found = search(&app, "cp").await;
    assert_eq!(terms(&found)[..5], ["CP", "CPA", "CP-IS", "CPN", "CPP"]);
    for q in ["CPA", "c.p.a", "C P A", " cpa. "] {
        assert_eq!(terms(&search(&app, q).await)[0], "CPA", "{q}");
    }
    let words = search(&app, "care programme").await;
    assert_eq!(terms(&words)[0], "CPA");
    let prefix_of_word = search(&app, "safeguard").await;
    assert!(
        terms(&prefix_of_word).contains(&"LSCB"),
        "{:?}",
        terms(&prefix_of_word)
    );
}

#[tokio::test]
async fn every_meaning_of_an_ambiguous_acronym_is_shown_together_labelled() {
    let app = spawn_app().await;
    let found = search(&app, "cp").await;
    let cp = &found.groups[0];
    let labels: Vec<(Context, &str)> = cp
        .meanings
        .iter()
        .map(|m| (m.meaning.context, m.meaning.expansion.as_str()))
        .collect();
    assert_eq!(
        labels,
        [
            (Context::ChildrensSocialCare, "Child Protection"),
            (Context::Health, "Cerebral Palsy")
        ]
    );
    // A retired meaning is still found, after the one in use, and marked.
    let scr = &search(&app, "SCR").await.groups[0];
    let statuses: Vec<_> = scr.meanings.iter().map(|m| m.meaning.status).collect();
    assert_eq!(statuses, [TermStatus::Approved, TermStatus::Retired]);
    let (_, html) = page(&app, "/glossary?q=scr", None).await;
    assert!(html.contains("Summary Care Record") && html.contains("Serious Case Review"));
    assert!(html.contains(">Retired<"), "{html}");
    assert!(html.contains("2 meanings"));
}

#[tokio::test]
async fn other_names_old_names_and_one_slip_find_the_term() {
    let app = spawn_app().await;
    for (q, expected) in [
        ("cypmhs", "CAMHS"),
        ("YOT", "YJS"),
        ("safeguarding children partnership", "LSCB"),
        ("cahms", "CAMHS"),
        ("care programe approach", "CPA"),
        ("safegaurding children partnership", "LSCB"),
    ] {
        let found = search(&app, q).await;
        assert!(
            terms(&found).contains(&expected),
            "{q}: {:?}",
            terms(&found)
        );
    }
    // Short searches are not stretched: "cq" is not CP or CQC by a slip.
    assert!(search(&app, "cpx").await.groups.is_empty());
}

#[tokio::test]
async fn any_query_gets_results_or_none_never_an_error() {
    let app = spawn_app().await;
    let long = "NEAR(".repeat(2000);
    for q in [
        "\"",
        "*",
        "NEAR(",
        "-",
        ":",
        "cp\"*",
        "\"cpa",
        "a OR b",
        "cpa NOT cp",
        "col:cpa",
        "(",
        ")",
        "^cpa",
        "'; DROP TABLE glossary_term; --",
        "%",
        "_",
        "\u{0}",
        "🙂",
        long.as_str(),
    ] {
        search(&app, q).await;
        for path in ["/glossary", "/glossary/results"] {
            let (status, _) = page(&app, &format!("{path}?q={}", urlencode(q)), None).await;
            assert_eq!(status, 200, "{path} {q:?}");
        }
    }
    assert!(search(&app, &long).await.shortened);
    assert_eq!(terms(&search(&app, "cpa\"").await)[0], "CPA");
    assert!(search(&app, "zzzzqqq").await.groups.is_empty());
}

fn urlencode(q: &str) -> String {
    url::form_urlencoded::byte_serialize(q.as_bytes()).collect()
}

#[tokio::test]
async fn the_page_searches_with_a_plain_form_and_lists_a_letter() {
    let app = spawn_app().await;
    let (status, html) = page(&app, "/glossary?q=cpa", None).await;
    assert_eq!(status, 200);
    assert!(html.contains("Care Programme Approach"), "{html}");
    assert!(html.contains("terms match") || html.contains("term matches"));
    assert!(html.contains(r#"<form method="get" action="/glossary" role="search""#));
    // What the search box puts under itself as you type: the same results, without the page.
    let (status, fragment) = page(&app, "/glossary/results?q=cpa", None).await;
    assert_eq!(status, 200);
    assert!(
        fragment.starts_with(
            "<p class=\"govuk-body govuk-!-font-weight-bold app-results-count\">1 term matches"
        ),
        "{fragment}"
    );
    assert!(fragment.contains("Care Programme Approach") && !fragment.contains("<html"));
    let (_, empty) = page(&app, "/glossary/results?q=", None).await;
    assert_eq!(empty, "");
    let (_, letter) = page(&app, "/glossary?letter=Y", None).await;
    assert!(letter.contains("Youth Justice Service"));
    assert!(!letter.contains("Care Programme Approach"));
    let (status, print) = page(&app, "/glossary/print", None).await;
    assert_eq!(status, 200);
    assert!(print.contains("app-print__letter") && print.contains("Youth Justice Service"));
}

/// The letter about a glossary suggestion, once `count` letters have been written.
async fn decision_letter(app: &TestApp, count: usize) -> (String, String, String) {
    let letters = wait_for_files(&app.mail_folder(), count).await;
    letters
        .iter()
        .map(|raw| read_letter(raw))
        .find(|(_, subject, ..)| subject.contains("glossary suggestion"))
        .map(|(to, subject, text, _)| (to, subject, text))
        .expect("a letter about the suggestion")
}

fn form<'a>(term: &'a str, expansion: &'a str, definition: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("term", term),
        ("expansion", expansion),
        ("definition", definition),
        ("context", "adult-mental-health"),
        ("status", "approved"),
    ]
}

#[tokio::test]
async fn a_suggestion_is_approved_as_a_coordinator_edits_it_and_its_author_told() {
    let app = spawn_app().await;
    let staff = member_as(&app, "staff@example.org", Role::Staff).await;
    let other = member_as(&app, "other@example.org", Role::Staff).await;
    let coordinator = member_as(&app, "lead@example.org", Role::Coordinator).await;

    let mut fields = form(
        "WRAP",
        "Wellness Recovery Action Plan",
        "A plan a person writes.",
    );
    fields.push(("note", "Used by the recovery college"));
    let sent = submit(
        &app,
        "/glossary/suggest",
        SuggestTerm::PATH,
        &fields,
        Some(&staff),
    )
    .await;
    let to = location(&sent);
    assert!(to.starts_with("/glossary/suggestions/"), "{to}");
    let id: i32 = to
        .trim_start_matches("/glossary/suggestions/")
        .split('?')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        search(&app, "wrap").await.groups.is_empty(),
        "not in the glossary yet"
    );

    let (status, own) = page(&app, &format!("/glossary/suggestions/{id}"), Some(&staff)).await;
    assert_eq!(status, 200);
    assert!(own.contains("Used by the recovery college") && !own.contains("Approve"));
    let (status, _) = page(&app, &format!("/glossary/suggestions/{id}"), Some(&other)).await;
    assert_eq!(status, 403, "someone else's suggestion");
    let (_, queue) = page(&app, "/glossary/suggestions", Some(&coordinator)).await;
    assert!(queue.contains("WRAP") && queue.contains("Waiting for a decision"));

    // Staff may not approve, even their own.
    let mut approval = form(
        "WRAP",
        "Wellness Recovery Action Plan (WRAP)",
        "A plan a person writes to stay well.",
    );
    let id_text = id.to_string();
    approval.push(("id", &id_text));
    let here = format!("/glossary/suggestions/{id}");
    let refused = submit(
        &app,
        &here,
        ApproveSuggestion::PATH,
        &approval,
        Some(&staff),
    )
    .await;
    assert!(form_cookie(&refused).is_some(), "{}", location(&refused));
    assert!(search(&app, "wrap").await.groups.is_empty());

    let approved = submit(
        &app,
        &here,
        ApproveSuggestion::PATH,
        &approval,
        Some(&coordinator),
    )
    .await;
    assert!(
        location(&approved).starts_with("/glossary/"),
        "{}",
        location(&approved)
    );
    let found = search(&app, "wrap").await;
    assert_eq!(
        found.groups[0].meanings[0].meaning.expansion,
        "Wellness Recovery Action Plan (WRAP)"
    );

    let (to, subject, text) = decision_letter(&app, 1).await;
    assert_eq!(to, "staff@example.org");
    assert!(subject.contains("\"WRAP\" was approved"), "{subject}");
    assert!(
        text.contains(&format!("/glossary/suggestions/{id}")),
        "{text}"
    );

    // Decided once only.
    let again = submit(
        &app,
        &here,
        RejectSuggestion::PATH,
        &[("id", &id_text), ("reason", "No")],
        Some(&coordinator),
    )
    .await;
    assert!(form_cookie(&again).is_some());
    let row = glossary_suggestion::Entity::find_by_id(id)
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.state, "approved");
}

#[tokio::test]
async fn a_suggestion_not_accepted_needs_a_reason_which_its_author_is_sent() {
    let app = spawn_app().await;
    let staff = member_as(&app, "staff@example.org", Role::Staff).await;
    let coordinator = member_as(&app, "lead@example.org", Role::Coordinator).await;
    let cpa = term_id(&app, "CPA", Context::AdultMentalHealth)
        .await
        .to_string();
    let mut change = form("CPA", "Care Plan Approach", "");
    change.push(("term_id", &cpa));
    let sent = submit(
        &app,
        "/glossary/suggest",
        SuggestTerm::PATH,
        &change,
        Some(&staff),
    )
    .await;
    let id = location(&sent)
        .trim_start_matches("/glossary/suggestions/")
        .split('?')
        .next()
        .unwrap()
        .to_owned();
    let here = format!("/glossary/suggestions/{id}");

    let empty = submit(
        &app,
        &here,
        RejectSuggestion::PATH,
        &[("id", &id), ("reason", "  ")],
        Some(&coordinator),
    )
    .await;
    let (_, html) = follow(&app, &empty, Some(&coordinator)).await;
    assert!(html.contains("Enter a reason"), "{html}");
    let row = glossary_suggestion::Entity::find_by_id(id.parse::<i32>().unwrap())
        .one(app.db.reader())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(row.state, "pending", "nothing changed");

    let reason = "It is the Care Programme Approach: see the NHS England position statement";
    let rejected = submit(
        &app,
        &here,
        RejectSuggestion::PATH,
        &[("id", &id), ("reason", reason)],
        Some(&coordinator),
    )
    .await;
    assert_eq!(location(&rejected), "/glossary/suggestions?done=rejected");
    assert_eq!(
        terms(&search(&app, "care programme approach").await)[0],
        "CPA",
        "unchanged"
    );
    let (to, subject, text) = decision_letter(&app, 1).await;
    assert_eq!(to, "staff@example.org");
    assert!(subject.contains("was not accepted"));
    assert!(text.contains(reason), "{text}");
    let (_, own) = page(&app, &here, Some(&staff)).await;
    assert!(own.contains("Not accepted because") && own.contains("NHS England position statement"));
}

#[tokio::test]
async fn coordinators_edit_terms_keeping_versions_and_bad_input_changes_nothing() {
    let app = spawn_app().await;
    let champion = member_as(&app, "champion@example.org", Role::Champion).await;
    let coordinator = member_as(&app, "lead@example.org", Role::Coordinator).await;
    let cmht = term_id(&app, "CMHT", Context::AdultMentalHealth).await;
    let id = cmht.to_string();
    let here = format!("/glossary/{id}/edit");
    let script =
        "Adults with **severe** illness <script>alert('x')</script> [NICE](javascript:alert(1))";
    let mut fields = form("CMHT", "Community Mental Health Team", script);
    fields.push(("id", &id));

    let refused = submit(&app, &here, SaveTerm::PATH, &fields, Some(&champion)).await;
    assert!(form_cookie(&refused).is_some());
    let saved = submit(&app, &here, SaveTerm::PATH, &fields, Some(&coordinator)).await;
    assert_eq!(location(&saved), format!("/glossary/{id}?done=saved"));
    let (_, html) = page(&app, &format!("/glossary/{id}"), None).await;
    assert!(html.contains("<strong>severe</strong>"), "{html}");
    assert!(html.contains("&lt;script&gt;alert"), "shown as text");
    assert!(!html.contains("<script>alert") && !html.contains("javascript:alert"));
    let kept = record_version::Entity::find()
        .filter(record_version::Column::RecordType.eq("glossary_term"))
        .filter(record_version::Column::RecordId.eq(cmht))
        .count(app.db.reader())
        .await
        .unwrap();
    assert_eq!(kept, 1);

    // A second meaning for the same place, an empty term and an over-long one: refused.
    let before = glossary_term::Entity::find()
        .count(app.db.reader())
        .await
        .unwrap();
    for (bad, field_message) in [
        (form("cmht", "Another team", ""), "already has a meaning"),
        (form("  ", "Something", ""), "Enter a term"),
        (
            form(&"X".repeat(31), "Something", ""),
            "30 characters or fewer",
        ),
        (form("NEW", "", ""), "Enter what the term stands for"),
    ] {
        let response = submit(
            &app,
            "/glossary/new",
            SaveTerm::PATH,
            &bad,
            Some(&coordinator),
        )
        .await;
        let (_, html) = follow(&app, &response, Some(&coordinator)).await;
        assert!(html.contains(field_message), "{field_message}: {html}");
    }
    let after = glossary_term::Entity::find()
        .count(app.db.reader())
        .await
        .unwrap();
    assert_eq!(before, after);
}

#[tokio::test]
async fn acronyms_in_service_and_role_text_link_to_their_meaning() {
    let app = spawn_app().await;
    let camhs = term_id(&app, "CAMHS", Context::ChildrensSocialCare).await;
    let (_, services) = page(&app, "/services", None).await;
    let service = services
        .split("href=\"/services/")
        .skip(1)
        .find(|s| s.contains("(CAMHS)"))
        .and_then(|s| s.split('"').next())
        .unwrap()
        .to_owned();
    let (_, html) = page(&app, &format!("/services/{service}"), None).await;
    let linked = format!(
        r#"href="/glossary/{camhs}" class="govuk-link app-abbr"><abbr title="Child and Adolescent Mental Health Services">CAMHS</abbr></a>"#
    );
    assert!(html.contains(&linked), "{html}");
    assert!(html.contains("Terms used here"));
    // In the page's title and in links, the text stays as it is.
    assert!(html.contains(
        "<h1 class=\"govuk-heading-xl\">Child and Adolescent Mental Health Services (CAMHS)</h1>"
    ));
}

#[tokio::test]
async fn the_glossary_exports_and_imports_through_a_dry_run() {
    let app = spawn_app().await;
    let coordinator = member_as(&app, "lead@example.org", Role::Coordinator).await;
    let (status, csv) = page(&app, "/api/glossary.csv", None).await;
    assert_eq!(status, 200);
    let header = "term,expansion,context,definition,aliases,see_also,source_url,status";
    assert!(csv.starts_with(header), "{csv}");
    let count = glossary_term::Entity::find()
        .count(app.db.reader())
        .await
        .unwrap();
    assert_eq!(
        csv.lines()
            .filter(|l| l.contains(",approved") || l.contains(",retired"))
            .count() as u64,
        count
    );

    let file = format!(
        "{header}\nWRAP,Wellness Recovery Action Plan,adult-mental-health,,,,,approved\nCPA,,adult-mental-health,,,,,approved\n"
    );
    let checked = upload_file(
        &app,
        &coordinator,
        ("/import", app::api::import::UploadImport::PATH),
        &[("kind", "glossary")],
        ("file", "glossary.csv", file.as_bytes()),
    )
    .await;
    let (_, preview) = follow(&app, &checked, Some(&coordinator)).await;
    assert!(
        preview.contains("expansion: Enter what the term stands for"),
        "{preview}"
    );
    assert_eq!(
        glossary_term::Entity::find()
            .count(app.db.reader())
            .await
            .unwrap(),
        count,
        "a dry run changes nothing"
    );
}
