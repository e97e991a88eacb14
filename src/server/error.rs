//! The one place that turns failures into HTTP status codes. Handlers return [`ApiError`];
//! user faults become 4xx with a message naming the parameter, internal faults become a
//! generic 500 whose details go to the log only.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use super::limits;

/// Everything a request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// A query parameter is missing, malformed or out of range.
    #[error("{message}")]
    BadParam {
        param: String,
        code: &'static str,
        message: String,
    },
    /// The query string is not valid percent-encoded UTF-8.
    #[error("{0}")]
    BadQueryString(String),
    #[error("no {kind} with id `{id}`")]
    NotFound { kind: &'static str, id: String },
    #[error("no such path `{0}`")]
    NoRoute(String),
    #[error("method `{0}` is not allowed here: the API is read-only, use GET")]
    MethodNotAllowed(String),
    #[error("request bodies are not accepted: the API is read-only, use GET without a body")]
    BodyNotAllowed,
    #[error(
        "too many searches at once; retry in {} s",
        limits::RETRY_AFTER_SECONDS
    )]
    Busy,
    #[error("the request took longer than {} s", limits::REQUEST_TIMEOUT.as_secs())]
    Timeout,
    #[error("the index is not ready: {0}")]
    NotReady(String),
    /// The engine failed inside (a panic) or found the index damaged: details are logged,
    /// never sent; retrying does not help until the index is rebuilt.
    #[error("the index is damaged; searches fail until the operator rebuilds it")]
    Damaged(String),
    /// Details are logged, never sent.
    #[error("internal error")]
    Internal(String),
}

impl ApiError {
    /// A bad parameter, with a stable machine-readable `code`.
    pub fn param(param: &str, code: &'static str, message: impl Into<String>) -> ApiError {
        ApiError::BadParam {
            param: param.to_owned(),
            code,
            message: message.into(),
        }
    }

    fn status(&self) -> StatusCode {
        match self {
            ApiError::BadParam { .. } | ApiError::BadQueryString(_) => StatusCode::BAD_REQUEST,
            ApiError::NotFound { .. } | ApiError::NoRoute(_) => StatusCode::NOT_FOUND,
            ApiError::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            ApiError::BodyNotAllowed => StatusCode::PAYLOAD_TOO_LARGE,
            ApiError::Busy | ApiError::Timeout | ApiError::NotReady(_) | ApiError::Damaged(_) => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            ApiError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            ApiError::BadParam { code, .. } => code,
            ApiError::BadQueryString(_) => "invalid_query_string",
            ApiError::NotFound { .. } => "not_found",
            ApiError::NoRoute(_) => "no_route",
            ApiError::MethodNotAllowed(_) => "method_not_allowed",
            ApiError::BodyNotAllowed => "body_not_allowed",
            ApiError::Busy => "busy",
            ApiError::Timeout => "timeout",
            ApiError::NotReady(_) => "not_ready",
            ApiError::Damaged(_) => "index_damaged",
            ApiError::Internal(_) => "internal",
        }
    }

    fn body(&self) -> ErrorBody {
        let param = match self {
            ApiError::BadParam { param, .. } => Some(param.clone()),
            ApiError::NotFound { .. } => Some("id".to_owned()),
            _ => None,
        };
        ErrorBody {
            error: ErrorDetail {
                code: self.code().to_owned(),
                message: self.to_string(),
                param,
            },
        }
    }
}

impl From<crate::Error> for ApiError {
    fn from(err: crate::Error) -> ApiError {
        ApiError::Internal(err.to_string())
    }
}

/// The JSON of every error answer.
#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// What went wrong, for people (`message`) and programs (`code`, `param`).
#[derive(Debug, Serialize, serde::Deserialize, ToSchema)]
pub struct ErrorDetail {
    /// Stable code, e.g. `unknown_parameter`, `invalid_date`, `not_found`, `busy`.
    pub code: String,
    /// One lowercase sentence saying what is wrong, values in backticks.
    pub message: String,
    /// The query parameter at fault, when one is.
    pub param: Option<String>,
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        match &self {
            ApiError::Internal(details) => tracing::error!(%details, "internal error"),
            ApiError::Damaged(details) => tracing::error!(%details, "the index is damaged"),
            _ => {}
        }
        let mut response = (status, Json(self.body())).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(limits::CACHE_CONTROL_NONE),
        );
        if matches!(self, ApiError::Busy) {
            headers.insert(
                header::RETRY_AFTER,
                HeaderValue::from(limits::RETRY_AFTER_SECONDS),
            );
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_errors_hide_their_details() {
        let body = ApiError::Internal("disk on fire at /secret".into()).body();
        assert_eq!(body.error.code, "internal");
        assert!(!body.error.message.contains("secret"));
    }

    #[test]
    fn a_damaged_index_answers_503_without_its_details() {
        let error = ApiError::Damaged("panicked at bitpacker.rs:12 /srv/index/x.fast".into());
        assert_eq!(error.status(), StatusCode::SERVICE_UNAVAILABLE);
        let body = error.body();
        assert_eq!(body.error.code, "index_damaged");
        assert!(!body.error.message.contains("bitpacker") && !body.error.message.contains("/srv"));
    }

    #[test]
    fn busy_answers_503_with_retry_after() {
        let response = ApiError::Busy.into_response();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert!(response.headers().contains_key(header::RETRY_AFTER));
    }

    #[test]
    fn bad_parameters_name_the_parameter() {
        let error = ApiError::param("from", "invalid_date", "`from` must be YYYY-MM-DD");
        assert_eq!(error.status(), StatusCode::BAD_REQUEST);
        assert_eq!(error.body().error.param.as_deref(), Some("from"));
    }
}
