//! Server functions read with GET are files a person downloads from a link (the CSV exports,
//! their own data as JSON). The framework treats any request that accepts HTML as a plain
//! form post and answers it with a redirect back to the page it came from: a browser
//! following such a link got that redirect instead of the file. The browser's `Accept` is
//! put aside, so the framework answers with the file.

use axum::{extract::Request, middleware::Next, response::Response};
use http::{HeaderValue, Method, header};

pub async fn serve_as_files(mut request: Request, next: Next) -> Response {
    if request.method() == Method::GET && request.uri().path().starts_with("/api/") {
        request
            .headers_mut()
            .insert(header::ACCEPT, HeaderValue::from_static("*/*"));
    }
    next.run(request).await
}
