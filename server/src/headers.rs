//! Headers every response carries: the security baseline and the cache policy.

use axum::{
    extract::{Request, State},
    middleware::Next,
    response::Response,
};
use http::{HeaderValue, header};
use leptos::nonce::Nonce;

#[derive(Clone, Copy, Debug)]
pub struct HeaderPolicy {
    /// Served over https: browsers are told to use nothing else.
    pub https: bool,
    /// The site's files have content hashes in their names, so they can be cached for good.
    pub hashed_assets: bool,
}

/// Gives each request a fresh CSP nonce (the page renderer reads it from the request's
/// extensions and puts it on the hydration script) and sets the headers on the response.
pub async fn set_headers(
    State(policy): State<HeaderPolicy>,
    mut request: Request,
    next: Next,
) -> Response {
    let nonce = Nonce::new();
    let csp = content_security_policy(&nonce);
    let is_asset = request.uri().path().starts_with("/pkg/");
    request.extensions_mut().insert(nonce);

    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_str(&csp).expect("a nonce is URL-safe base64"),
    );
    for (name, value) in [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (
            header::HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        (
            header::HeaderName::from_static("permissions-policy"),
            "camera=(), microphone=(), geolocation=(), payment=()",
        ),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if policy.https {
        headers.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=63072000; includeSubDomains"),
        );
    }
    let cache = if is_asset && response.status().is_success() {
        if policy.hashed_assets {
            "public, max-age=31536000, immutable"
        } else {
            "no-cache"
        }
    } else {
        // Pages will hold personal data: no browser or proxy keeps a copy.
        "no-store"
    };
    response
        .headers_mut()
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static(cache));
    response
}

/// Scripts run only from this site, plus the one inline module script that starts hydration
/// (by nonce); `'wasm-unsafe-eval'` lets it compile the wasm and nothing else.
pub fn content_security_policy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
         form-action 'self'; frame-ancestors 'none'; object-src 'none'; base-uri 'none'"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_only_the_nonce_and_wasm_compilation() {
        let csp = content_security_policy("abc123");
        assert!(csp.contains("script-src 'self' 'nonce-abc123' 'wasm-unsafe-eval';"));
        assert!(!csp.contains("'unsafe-eval'"));
        assert!(!csp.contains("'unsafe-inline'"));
        for directive in [
            "frame-ancestors 'none'",
            "object-src 'none'",
            "base-uri 'none'",
        ] {
            assert!(csp.contains(directive), "{directive}");
        }
    }

    #[test]
    fn nonces_differ_between_requests() {
        assert_ne!(Nonce::new().to_string(), Nonce::new().to_string());
    }
}
