//! The JSON API: the command line's JSON over HTTP. Errors are `{"error": "..."}` with the
//! status that fits (see [`Failure`]).

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::Json;

use super::params::SearchParams;
use super::Failure;

/// The API's description, OpenAPI 3.
const OPENAPI: &str = include_str!("openapi.json");

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message() });
        (self.status(), Json(body)).into_response()
    }
}

/// The parameters of a search, or a 400 that says why they cannot be read.
pub(super) fn params(
    query: Result<Query<SearchParams>, QueryRejection>,
) -> Result<SearchParams, Failure> {
    query
        .map(|Query(p)| p)
        .map_err(|e| Failure::BadRequest(format!("the parameters cannot be read: {e}")))
}

/// `GET /api/search`: as `kamerzoek search --json`.
pub(super) async fn search(
    State(state): State<super::State>,
    query: Result<Query<SearchParams>, QueryRejection>,
) -> Result<Json<serde_json::Value>, Failure> {
    let params = params(query)?;
    let options = params.options(state.limits.page)?;
    let text = params.query().to_string();
    let results = state
        .run(move |index| index.search(&text, &options))
        .await?;
    Ok(Json(results.to_json()))
}

/// `GET /api/documents/{id or key}`: as `kamerzoek show --json`; and
/// `GET /api/documents/{id}/cited-by`: as `kamerzoek cited-by --json`, in one list.
pub(super) async fn document(
    State(state): State<super::State>,
    Path(key): Path<String>,
) -> Result<Json<serde_json::Value>, Failure> {
    if let Some(id) = key.strip_suffix("/cited-by") {
        let id = id.to_string();
        let (known, citing) = state
            .run(move |index| Ok((index.get(&id)?.is_some(), index.cited_by(&id)?)))
            .await?;
        if !known && citing.is_empty() {
            return Err(not_found(key.trim_end_matches("/cited-by")));
        }
        return Ok(Json(serde_json::to_value(citing).unwrap_or_default()));
    }
    let wanted = key.clone();
    let doc = state.run(move |index| index.get(&wanted)).await?;
    match doc {
        Some(doc) => Ok(Json(serde_json::to_value(doc).unwrap_or_default())),
        None => Err(not_found(&key)),
    }
}

pub(super) fn not_found(key: &str) -> Failure {
    Failure::NotFound(format!("no document {key:?} in the index"))
}

/// `GET /api/stats`: as `kamerzoek stats --json`.
pub(super) async fn stats(
    State(state): State<super::State>,
) -> Result<Json<serde_json::Value>, Failure> {
    let stats = state.run(|index| index.stats()).await?;
    Ok(Json(serde_json::to_value(stats).unwrap_or_default()))
}

/// `GET /api/openapi.json`: this API's description.
pub(super) async fn openapi() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "application/json")], OPENAPI)
}
