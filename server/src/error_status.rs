//! Gives a server function's error its own HTTP status. The framework answers every error
//! with 500, so scripts (and the request log) could not tell "wrong password" or "too many
//! attempts" from a fault. A plain form post is redirected back to its page by the framework
//! and never reaches here as a 500.

use app::error::AppError;
use axum::{
    body::{Body, to_bytes},
    extract::Request,
    middleware::Next,
    response::Response,
};
use http::{HeaderValue, StatusCode, header};

/// Larger than any error's JSON; a bigger 500 body is not one of ours and is left alone.
const LARGEST_ERROR: usize = 64 * 1024;

pub async fn status_from_error(request: Request, next: Next) -> Response {
    let server_function = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if !server_function || response.status() != StatusCode::INTERNAL_SERVER_ERROR {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, LARGEST_ERROR).await else {
        return Response::from_parts(parts, Body::empty());
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = error.status_code();
        if let AppError::TooManyAttempts { minutes } = error {
            parts
                .headers
                .insert(header::RETRY_AFTER, HeaderValue::from(minutes.max(1) * 60));
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}
