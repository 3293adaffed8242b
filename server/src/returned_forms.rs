//! A form a browser posts itself (without JavaScript, or with it, as the pages' forms are
//! plain forms) and that its server function refuses comes back to its page showing why, with
//! what was typed in its fields (GOV.UK: everything but passwords).
//!
//! The framework would send the error back in the address (`?__path=…&__err=<base64 JSON>`),
//! and show whatever such an address says: anyone could make a link that puts their words on
//! the real site. Instead the refusal and the typed values are kept here, in memory, for the
//! browser that sent them (a random token in a short-lived cookie), and the page the browser
//! is sent back to takes them once. Nothing of a form travels in an address, so typed
//! personal data stays out of browser history and proxy logs too, and the server's memory is
//! the only place it is kept: a refused form may hold exactly what must not be stored (a
//! name in a case discussion), so it never reaches the database or its backups.
//!
//! Kept in the memory of one server: behind several servers, a proxy must send a browser back
//! to the one it posted to, or the page comes back without the form's values and messages.

use app::{auth::cookie::SiteCookie, domain::returned_form::ReturnedForm, error::AppError};
use axum::{
    body::{Body, Bytes, to_bytes},
    extract::{Request, State},
    middleware::Next,
    response::{IntoResponse, Response},
};
use http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use leptos::server_fn::error::ServerFnUrlError;
use std::{sync::Arc, time::Duration};

/// Long enough for any browser to follow a redirect; the page takes the form at once.
const KEPT_FOR: Duration = Duration::from_secs(10 * 60);
/// The memory all kept forms may take together; the oldest go first when it is full.
const MAX_KEPT_TOTAL: u64 = 64 * 1024 * 1024;

/// The forms that came back, waiting for their browsers' next page. Cloned for every
/// request, so one `Arc` (the cache alone is several).
#[derive(Clone)]
pub struct ReturnedForms(Arc<Store>);

struct Store {
    kept: moka::sync::Cache<String, Arc<Kept>>,
    cookie: SiteCookie,
}

struct Kept {
    /// The path of the page the browser is sent back to, which alone may take it.
    page: String,
    form: ReturnedForm,
}

impl ReturnedForms {
    pub fn new(https: bool) -> Self {
        let kept = moka::sync::Cache::builder()
            .time_to_live(KEPT_FOR)
            .max_capacity(MAX_KEPT_TOTAL)
            .weigher(|token: &String, kept: &Arc<Kept>| {
                let values: usize = kept
                    .form
                    .values()
                    .iter()
                    .map(|(n, v)| n.len() + v.len())
                    .sum();
                u32::try_from(token.len() + kept.page.len() + values + 256).unwrap_or(u32::MAX)
            })
            .build();
        Self(Arc::new(Store {
            kept,
            cookie: SiteCookie::new("form", https),
        }))
    }
}

/// Keeps a refused form post for the browser and sends it back to its page by a plain address.
pub async fn keep(State(store): State<ReturnedForms>, request: Request, next: Next) -> Response {
    let form_post = request.method() == Method::POST
        && request.uri().path().starts_with("/api/")
        && accepts_html(request.headers());
    if !form_post {
        return next.run(request).await;
    }
    // The body is needed again if the form is refused: it is read whole (within the body
    // limit, which applies here) and handed on.
    let (parts, body) = request.into_parts();
    let Ok(body) = to_bytes(body, usize::MAX).await else {
        return (StatusCode::PAYLOAD_TOO_LARGE, "The request is too large.").into_response();
    };
    let content_type = parts.headers.get(header::CONTENT_TYPE).cloned();
    let response = next
        .run(Request::from_parts(parts, Body::from(body.clone())))
        .await;
    let Some((page, action, error)) = refusal(&response) else {
        return response;
    };
    let fields = submitted_fields(content_type.as_ref(), body).await;
    let token = app::auth::secret::generate(app::auth::secret::SESSION_BYTES);
    let form = ReturnedForm::new(action, error, fields);
    let page_path = page.split('?').next().unwrap_or("/").to_owned();
    store.0.kept.insert(
        token.clone(),
        Arc::new(Kept {
            page: page_path,
            form,
        }),
    );
    let mut back = Response::new(Body::empty());
    *back.status_mut() = StatusCode::SEE_OTHER;
    let headers = back.headers_mut();
    if let Ok(location) = HeaderValue::from_str(&page) {
        headers.insert(header::LOCATION, location);
    }
    let max_age = u32::try_from(KEPT_FOR.as_secs()).unwrap_or(u32::MAX);
    if let Ok(cookie) = HeaderValue::from_str(&store.0.cookie.set(&token, Some(max_age))) {
        headers.insert(header::SET_COOKIE, cookie);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    back
}

/// Gives a page the form its browser was sent back with, once; and makes sure no address can
/// bring an error of its own (`__path`, `__err` are taken out before the page sees them).
pub async fn give_back(
    State(store): State<ReturnedForms>,
    mut request: Request,
    next: Next,
) -> Response {
    if request.method() != Method::GET {
        return next.run(request).await;
    }
    if let Some(clean) = without_error_params(request.uri()) {
        *request.uri_mut() = clean;
    }
    let token = request
        .headers()
        .get(header::COOKIE)
        .and_then(|h| store.0.cookie.read(h.to_str().ok()?))
        .map(str::to_owned);
    let Some(token) = token.filter(|_| accepts_html(request.headers())) else {
        return next.run(request).await;
    };
    // Taken whether or not this is its page: a form shows once, on the page it was sent back
    // to, and never later on another.
    if let Some(kept) = store.0.kept.remove(&token)
        && kept.page == request.uri().path()
    {
        request.extensions_mut().insert(kept.form.clone());
    }
    let mut response = next.run(request).await;
    if let Ok(clear) = HeaderValue::from_str(&store.0.cookie.clear()) {
        response.headers_mut().append(header::SET_COOKIE, clear);
    }
    response
}

/// A browser's own navigation or form post, as opposed to a script's call.
fn accepts_html(headers: &HeaderMap) -> bool {
    headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/html"))
}

/// What the framework's redirect after a refused form says: the page to go back to (path and
/// query, without the error), the server function, and its error.
fn refusal(response: &Response) -> Option<(String, String, AppError)> {
    if !response.status().is_redirection() {
        return None;
    }
    let location = response.headers().get(header::LOCATION)?.to_str().ok()?;
    let url = url::Url::parse("http://site.invalid/")
        .ok()?
        .join(location)
        .ok()?;
    // The last pair is the framework's own: a page whose address already had some (say, a
    // crafted link) appends to them.
    let last = |key: &str| {
        url.query_pairs()
            .filter(|(k, _)| k == key)
            .last()
            .map(|(_, v)| v.into_owned())
    };
    let (action, encoded) = (last("__path")?, last("__err")?);
    let error = ServerFnUrlError::<AppError>::decode_err(&encoded);
    let rest = url
        .query_pairs()
        .filter(|(k, _)| k != "__path" && k != "__err")
        .collect::<Vec<_>>();
    let mut page = url.path().to_owned();
    if !rest.is_empty() {
        page.push('?');
        page.push_str(
            &url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(rest)
                .finish(),
        );
    }
    Some((page, action, error))
}

/// The text fields of a form body, urlencoded or multipart (whose files are left out).
async fn submitted_fields(
    content_type: Option<&HeaderValue>,
    body: Bytes,
) -> Vec<(String, String)> {
    let content_type = content_type
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let Ok(boundary) = multer::parse_boundary(content_type) else {
        return url::form_urlencoded::parse(&body).into_owned().collect();
    };
    let stream = futures::stream::once(async move { Ok::<_, std::convert::Infallible>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut fields = Vec::new();
    while let Ok(Some(field)) = multipart.next_field().await {
        if field.file_name().is_some() {
            continue;
        }
        let name = field.name().unwrap_or_default().to_owned();
        match field.text().await {
            Ok(value) => fields.push((name, value)),
            Err(_) => break,
        }
    }
    fields
}

/// The address without `__path` and `__err`, if it had either.
fn without_error_params(uri: &Uri) -> Option<Uri> {
    let query = uri.query()?;
    let is_error_param = |k: &str| k == "__path" || k == "__err";
    let pairs = url::form_urlencoded::parse(query.as_bytes()).collect::<Vec<_>>();
    if !pairs.iter().any(|(k, _)| is_error_param(k)) {
        return None;
    }
    let rest = url::form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs.iter().filter(|(k, _)| !is_error_param(k)))
        .finish();
    let path_and_query = if rest.is_empty() {
        uri.path().to_owned()
    } else {
        format!("{}?{rest}", uri.path())
    };
    path_and_query.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_params_are_taken_out_of_an_address_and_nothing_else() {
        let clean = |uri: &str| without_error_params(&uri.parse().unwrap()).map(|u| u.to_string());
        assert_eq!(
            clean("/login?next=%2Fpeople&__path=/api/sign_in&__err=eyJ9").as_deref(),
            Some("/login?next=%2Fpeople")
        );
        assert_eq!(clean("/login?__err=x").as_deref(), Some("/login"));
        assert_eq!(clean("/glossary?q=cp"), None);
        assert_eq!(clean("/"), None);
    }

    #[test]
    fn the_frameworks_redirect_is_read_from_its_last_pair() {
        let crafted = ServerFnUrlError::new("/api/sign_in", AppError::invalid("email", "Call us"))
            .to_url("http://127.0.0.1:3000/login?next=%2Fpeople")
            .unwrap();
        let ours = ServerFnUrlError::new("/api/sign_in", AppError::SignInFailed)
            .to_url(crafted.as_str())
            .unwrap();
        let mut response = Response::new(Body::empty());
        *response.status_mut() = StatusCode::FOUND;
        response.headers_mut().insert(
            header::LOCATION,
            HeaderValue::from_str(ours.as_str()).unwrap(),
        );
        let (page, action, error) = refusal(&response).unwrap();
        assert_eq!(page, "/login?next=%2Fpeople");
        assert_eq!(action, "/api/sign_in");
        assert_eq!(error, AppError::SignInFailed);

        *response.status_mut() = StatusCode::OK;
        assert!(refusal(&response).is_none(), "not a redirect");
    }

    #[tokio::test]
    async fn fields_are_read_from_either_kind_of_form_body_without_files() {
        let urlencoded = HeaderValue::from_static("application/x-www-form-urlencoded");
        let fields = submitted_fields(Some(&urlencoded), Bytes::from("a=1&b=x+y&a=2")).await;
        assert_eq!(
            fields,
            [("a", "1"), ("b", "x y"), ("a", "2")].map(|(n, v)| (n.to_owned(), v.to_owned()))
        );

        let multipart = HeaderValue::from_static("multipart/form-data; boundary=XX");
        let body = "--XX\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nservices\r\n\
                    --XX\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\
                    Content-Type: text/csv\r\n\r\nname\r\n--XX--\r\n";
        let fields = submitted_fields(Some(&multipart), Bytes::from(body)).await;
        assert_eq!(fields, [("kind".to_owned(), "services".to_owned())]);
    }
}
