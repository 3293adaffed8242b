//! Request bodies are limited (`MAX_BODY_BYTES`), except that a file upload may be as large
//! as the file it may carry, so that a file over its limit reaches the server function and is
//! refused with the limit named next to its field. Uploads reach server functions that read a
//! multipart body, and the server-function library panics on a body that is not one: such
//! requests are answered 415 before they get there.

use axum::{
    body::Body,
    extract::{Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};
use http::{StatusCode, header};
use leptos::server_fn::ServerFn;

/// Room in an upload's body for the form around its file.
const FORM_MARGIN: usize = 64 * 1024;

/// The largest body a server function that takes a file accepts (beyond the configured
/// limit), by its path.
fn file_limit(path: &str) -> Option<usize> {
    if path == app::api::import::UploadImport::PATH {
        Some(app::domain::import::MAX_IMPORT_BYTES)
    } else if path == app::api::directory::UploadPhoto::PATH {
        Some(app::domain::directory::MAX_PHOTO_BYTES)
    } else if path == app::api::meetings::agenda::AddPaper::PATH {
        Some(app::domain::meetings::agenda::MAX_PAPER_BYTES)
    } else {
        None
    }
}

fn is_multipart(request: &Request) -> bool {
    request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            v.starts_with("multipart/form-data") && v.contains("boundary=")
        })
}

pub async fn require_multipart(request: Request, next: Next) -> Response {
    if file_limit(request.uri().path()).is_some() && !is_multipart(&request) {
        return (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "Send the file from the upload form.",
        )
            .into_response();
    }
    next.run(request).await
}

/// Refuses a body over the limit for its path: by its declared length at once, or when it
/// turns out longer while it is read.
pub async fn limit_body(State(limit): State<usize>, request: Request, next: Next) -> Response {
    let limit = match file_limit(request.uri().path()) {
        Some(file) => limit.max(file + FORM_MARGIN),
        None => limit,
    };
    let declared = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok()?.parse::<usize>().ok());
    if declared.is_some_and(|length| length > limit) {
        return (StatusCode::PAYLOAD_TOO_LARGE, "The request is too large.").into_response();
    }
    let request = request.map(|body| Body::new(http_body_util::Limited::new(body, limit)));
    next.run(request).await
}
