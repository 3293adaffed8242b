//! Refuses state-changing requests that a browser sent on behalf of another site (CSRF).
//! Server functions do no such check themselves. The rule follows Go's
//! `http.CrossOriginProtection`: trust `Sec-Fetch-Site` when the browser sends it, otherwise
//! compare `Origin` with `Host`; a request with neither did not come from a browser page.

use axum::{
    extract::Request,
    middleware::Next,
    response::{IntoResponse, Response},
};
use http::{HeaderMap, Method, StatusCode, header};

pub async fn refuse_cross_site(request: Request, next: Next) -> Response {
    if is_cross_site_write(request.method(), request.headers()) {
        tracing::warn!(path = request.uri().path(), "refused a cross-site request");
        return (
            StatusCode::FORBIDDEN,
            "This request came from another site and was refused.",
        )
            .into_response();
    }
    next.run(request).await
}

pub fn is_cross_site_write(method: &Method, headers: &HeaderMap) -> bool {
    if matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS) {
        return false;
    }
    if let Some(site) = headers.get("sec-fetch-site") {
        return !matches!(site.as_bytes(), b"same-origin" | b"none");
    }
    let Some(origin) = headers.get(header::ORIGIN) else {
        return false;
    };
    let authority = origin
        .to_str()
        .ok()
        .and_then(|o| o.split_once("://"))
        .map(|(_, a)| a);
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    authority.is_none() || authority != host
}

#[cfg(test)]
mod tests {
    use super::*;
    use http::HeaderValue;
    use proptest::prelude::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        pairs
            .iter()
            .map(|(k, v)| {
                (
                    header::HeaderName::from_static(k),
                    HeaderValue::from_str(v).unwrap(),
                )
            })
            .collect()
    }

    #[test]
    fn fetch_metadata_decides_when_present() {
        let post = Method::POST;
        assert!(is_cross_site_write(
            &post,
            &headers(&[("sec-fetch-site", "cross-site")])
        ));
        assert!(is_cross_site_write(
            &post,
            &headers(&[("sec-fetch-site", "same-site")])
        ));
        assert!(!is_cross_site_write(
            &post,
            &headers(&[("sec-fetch-site", "same-origin")])
        ));
        assert!(!is_cross_site_write(
            &post,
            &headers(&[("sec-fetch-site", "none")])
        ));
        // Fetch metadata wins over a matching Origin.
        assert!(is_cross_site_write(
            &post,
            &headers(&[
                ("sec-fetch-site", "cross-site"),
                ("origin", "http://a.test"),
                ("host", "a.test")
            ])
        ));
    }

    #[test]
    fn without_fetch_metadata_origin_must_match_host() {
        let post = Method::POST;
        let same = headers(&[
            ("origin", "http://127.0.0.1:3000"),
            ("host", "127.0.0.1:3000"),
        ]);
        assert!(!is_cross_site_write(&post, &same));
        let other = headers(&[
            ("origin", "https://evil.example"),
            ("host", "127.0.0.1:3000"),
        ]);
        assert!(is_cross_site_write(&post, &other));
        assert!(is_cross_site_write(
            &post,
            &headers(&[("origin", "null"), ("host", "a.test")])
        ));
    }

    #[test]
    fn requests_without_browser_headers_pass() {
        assert!(!is_cross_site_write(&Method::POST, &HeaderMap::new()));
    }

    proptest! {
        #[test]
        fn reads_are_never_refused(site in "[a-z-]{0,12}", origin in "[a-z:/.]{0,20}") {
            let h = headers(&[("sec-fetch-site", &site), ("origin", &origin), ("host", "a.test")]);
            for method in [Method::GET, Method::HEAD, Method::OPTIONS] {
                prop_assert!(!is_cross_site_write(&method, &h));
            }
        }
    }
}
