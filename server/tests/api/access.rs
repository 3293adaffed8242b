//! Who may call each server function. Every registered server function must be in this table:
//! a new one that is not fails the first test, so nobody adds one without deciding.

use crate::helpers::spawn_app;
use app::{
    api::{
        account::{
            AcceptInvitation, Invitation, SignIn, SignOut, SignOutEverywhere, SignedInAccount,
        },
        network::StaffGroups,
    },
    error::AppError,
};
use leptos::server_fn::ServerFn;
use std::collections::BTreeSet;

/// Who may call a server function. Roles arrive with the first area that needs them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Access {
    /// Anyone, signed in or not: public information, and the ways of getting in.
    Anyone,
    /// Anyone signed in, whatever their role: their own account.
    SignedIn,
}

const TABLE: &[(&str, Access)] = &[
    (StaffGroups::PATH, Access::Anyone),
    (SignedInAccount::PATH, Access::Anyone),
    (SignIn::PATH, Access::Anyone),
    (SignOut::PATH, Access::Anyone),
    (Invitation::PATH, Access::Anyone),
    (AcceptInvitation::PATH, Access::Anyone),
    (SignOutEverywhere::PATH, Access::SignedIn),
];

#[test]
fn every_registered_server_function_is_in_the_table() {
    let registered: BTreeSet<&str> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path)
        .collect();
    let listed: BTreeSet<&str> = TABLE.iter().map(|(path, _)| *path).collect();
    assert_eq!(
        registered, listed,
        "server functions missing from, or gone but still in, the table"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_anonymous_caller_is_answered_or_refused_as_the_table_says() {
    let app = spawn_app().await;
    for (path, access) in TABLE {
        let response = app
            .client
            .post(app.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body("")
            .send()
            .await
            .unwrap();
        let body = response.text().await.unwrap();
        let error = serde_json::from_str::<AppError>(&body).ok();
        match access {
            Access::Anyone => assert!(
                !matches!(error, Some(AppError::SignInRequired | AppError::Forbidden)),
                "{path} refused an anonymous caller: {body}"
            ),
            Access::SignedIn => assert_eq!(
                error,
                Some(AppError::SignInRequired),
                "{path} answered an anonymous caller: {body}"
            ),
        }
    }
}
