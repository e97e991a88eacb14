//! HTTP: the JSON API under `/api/v1` (`api`) and the HTML search page (`page`), built by
//! [`router`] over one shared [`AppState`]. Knows the engine's types, never tantivy's, and
//! never how a referat is laid out.

use std::sync::Arc;

use axum::Router;

use crate::engine::Engine;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub engine: Arc<Engine>,
}

/// Every route of the service.
pub fn router(state: AppState) -> Router {
    Router::new().with_state(state)
}
