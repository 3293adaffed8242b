//! The whole HTTP application: pages, server functions, static files, health, and the layers
//! around them.

use crate::{
    config::ServeConfig,
    cross_site::refuse_cross_site,
    error_status::status_from_error,
    headers::{HeaderPolicy, set_headers},
    ops::healthz,
    returned_forms::{self, ReturnedForms},
};
use app::{App, db::Db, domain::returned_form::ReturnedForm, shell};
use axum::{
    Router,
    body::Body,
    extract::Request,
    middleware,
    response::{IntoResponse, Response},
    routing::get,
};
use http::{StatusCode, request::Parts};
use leptos::{nonce::Nonce, prelude::*};
use leptos_axum::{LeptosRoutes, file_and_error_handler_with_context, generate_route_list};
use std::any::Any;
use tower_http::{
    LatencyUnit,
    catch_panic::CatchPanicLayer,
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    timeout::TimeoutLayer,
    trace::{DefaultOnResponse, TraceLayer},
};
use tracing::Level;

pub fn build(config: ServeConfig, db: Db) -> Router {
    let options = config.leptos.clone();
    let glossary = app::db::glossary::SearchCache::default();
    let context = {
        let (db, site, session) = (db.clone(), config.site.clone(), config.session);
        let postbox = config.postbox.clone();
        let proposal_days = config.proposal_days;
        let directory = app::db::directory::Index::default();
        let glossary = glossary.clone();
        let meeting_pages = app::ui::KeptPages::default();
        move || {
            provide_context(db.clone());
            provide_context(postbox.clone());
            provide_context(directory.clone());
            provide_context(glossary.clone());
            provide_context(meeting_pages.clone());
            provide_context(app::api::RequestUser::default());
            provide_context(site.clone());
            provide_context(session);
            provide_context(proposal_days);
            // The nonce the header middleware put in the CSP, for the hydration script.
            let parts = use_context::<Parts>();
            if let Some(nonce) = parts.as_ref().and_then(|p| p.extensions.get::<Nonce>()) {
                provide_context(nonce.clone());
            }
            // A form this browser was sent back with (`returned_forms`), for its page.
            if let Some(form) = parts
                .as_ref()
                .and_then(|p| p.extensions.get::<ReturnedForm>())
            {
                provide_context(form.clone());
            }
        }
    };
    let returned = ReturnedForms::new(config.https);
    let policy = HeaderPolicy {
        https: config.https,
        hashed_assets: options.hash_files,
    };

    let trace = TraceLayer::new_for_http()
        .make_span_with(|request: &Request<Body>| {
            let id = request
                .headers()
                .get("x-request-id")
                .and_then(|v| v.to_str().ok());
            tracing::info_span!(
                "request",
                method = %request.method(),
                path = request.uri().path(),
                request_id = id.unwrap_or("-"),
            )
        })
        .on_response(
            DefaultOnResponse::new()
                .level(Level::INFO)
                .latency_unit(LatencyUnit::Micros),
        );

    // The last layer added is the outermost: a request meets them bottom to top.
    Router::new()
        .route("/healthz", get(healthz).with_state(db.clone()))
        .merge(crate::oruk::routes(db.clone()))
        .merge(crate::calendar::routes(
            db.clone(),
            config.session,
            config.postbox.clone(),
            config.site.service_name().to_owned(),
        ))
        .merge(crate::glossary_results::routes(db, glossary))
        .leptos_routes_with_context(&options, generate_route_list(App), context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(file_and_error_handler_with_context(context, shell))
        .with_state(options)
        .layer(middleware::from_fn(status_from_error))
        .layer(middleware::from_fn(crate::uploads::require_multipart))
        .layer(middleware::from_fn(crate::downloads::serve_as_files))
        .layer(middleware::from_fn_with_state(
            returned.clone(),
            returned_forms::keep,
        ))
        .layer(middleware::from_fn_with_state(
            returned,
            returned_forms::give_back,
        ))
        .layer(middleware::from_fn(refuse_cross_site))
        .layer(middleware::from_fn_with_state(
            config.max_body_bytes,
            crate::uploads::limit_body,
        ))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            config.request_timeout,
        ))
        .layer(CatchPanicLayer::custom(panic_response))
        .layer(middleware::from_fn_with_state(policy, set_headers))
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(trace)
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
}

fn panic_response(cause: Box<dyn Any + Send + 'static>) -> Response {
    let detail = cause
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| cause.downcast_ref::<&str>().copied())
        .unwrap_or("unknown panic");
    tracing::error!(panic = detail, "request handler panicked");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        "Sorry, there is a problem with the service. Try again later.",
    )
        .into_response()
}
