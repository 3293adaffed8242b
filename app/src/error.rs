//! The one error type that crosses from server functions to pages. Its messages are written
//! for the person using the service; the causes of internal errors are logged on the server
//! (see `AppError::internal`) and never sent.

use leptos::server_fn::{
    codec::JsonEncoding,
    error::{FromServerFnError, ServerFnErrorErr},
};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("Page not found")]
    NotFound,
    /// Bad input: a message for each field, shown next to it. Nothing was changed.
    #[error("There is a problem with what was entered")]
    Invalid(Vec<FieldError>),
    /// The same words whether the email address has an account or not.
    #[error("Enter a correct email address and password")]
    SignInFailed,
    #[error(
        "This link has expired or has already been used. Ask a coordinator to send you a new one."
    )]
    LinkExpired,
    #[error(
        "You have tried to sign in too many times. Try again in {minutes} {}.",
        if *minutes == 1 { "minute" } else { "minutes" }
    )]
    TooManyAttempts { minutes: i64 },
    #[error("Sign in to continue")]
    SignInRequired,
    #[error("You do not have permission to do this")]
    Forbidden,
    /// Something failed on the server. The cause has been logged with context.
    #[error("Sorry, there is a problem with the service. Try again later.")]
    Internal,
    /// The request could not reach the server function (network, encoding). Shown plainly
    /// because the framework's text can hold internals.
    #[error("Sorry, the service could not be reached. Check your connection and try again.")]
    Unreachable,
}

impl AppError {
    /// Logs the cause with its context and returns the plain error a user may see.
    #[cfg(feature = "ssr")]
    pub fn internal(context: &str, cause: impl std::fmt::Display) -> Self {
        tracing::error!(context, error = %cause, "internal error");
        Self::Internal
    }

    #[cfg(feature = "ssr")]
    pub fn status_code(&self) -> http::StatusCode {
        match self {
            Self::NotFound => http::StatusCode::NOT_FOUND,
            Self::Invalid(_) | Self::SignInFailed => http::StatusCode::UNPROCESSABLE_ENTITY,
            Self::LinkExpired => http::StatusCode::GONE,
            Self::TooManyAttempts { .. } => http::StatusCode::TOO_MANY_REQUESTS,
            Self::SignInRequired => http::StatusCode::UNAUTHORIZED,
            Self::Forbidden => http::StatusCode::FORBIDDEN,
            Self::Internal | Self::Unreachable => http::StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl AppError {
    pub fn invalid(field: &str, message: impl ToString) -> Self {
        Self::Invalid(vec![FieldError {
            field: field.to_owned(),
            message: message.to_string(),
        }])
    }

    /// The message for one field, if this error has one.
    pub fn field(&self, field: &str) -> Option<String> {
        match self {
            Self::Invalid(errors) => errors
                .iter()
                .find(|e| e.field == field)
                .map(|e| e.message.clone()),
            // The same words for a wrong password and an unknown address, by the address.
            Self::SignInFailed if field == "email" => Some(self.to_string()),
            _ => None,
        }
    }
}

/// A message about one form field, named as the form names it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        #[cfg(feature = "ssr")]
        tracing::warn!(error = %value, "server function failed outside its body");
        #[cfg(not(feature = "ssr"))]
        let _ = value;
        Self::Unreachable
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn framework_errors_never_reach_the_user_verbatim() {
        let raw = ServerFnErrorErr::ServerError("no such table: staff_group".into());
        let shown = AppError::from_server_fn_error(raw).to_string();
        assert!(!shown.contains("staff_group"), "{shown}");
    }
}
