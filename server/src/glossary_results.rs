//! `GET /glossary/results?q=`: a glossary search's results as the HTML the glossary page shows
//! under its search box. The box's island asks for it as you type, so the browser needs no
//! code to draw results and the wasm stays small.

use app::db::{Db, glossary::SearchCache};
use axum::{
    Router,
    extract::{Query, State},
    http::StatusCode,
    response::{Html, IntoResponse, Response},
    routing::get,
};
use serde::Deserialize;

pub fn routes<S: Clone + Send + Sync + 'static>(db: Db, kept: SearchCache) -> Router<S> {
    Router::new()
        .route("/glossary/results", get(results))
        .with_state((db, kept))
}

#[derive(Debug, Deserialize)]
struct Search {
    #[serde(default)]
    q: String,
}

async fn results(
    State((db, kept)): State<(Db, SearchCache)>,
    Query(search): Query<Search>,
) -> Response {
    match kept.search(db.reader(), &search.q).await {
        Ok(found) => Html(app::ui::glossary_results_html(&found)).into_response(),
        Err(error) => {
            tracing::error!(context = "searching the glossary", %error, "internal error");
            let sorry = "<p class=\"govuk-error-message\">Sorry, there is a problem with the \
                         service. Try again later.</p>";
            (StatusCode::INTERNAL_SERVER_ERROR, Html(sorry)).into_response()
        }
    }
}
