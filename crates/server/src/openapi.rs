//! The OpenAPI document, generated from the handlers and types (utoipa).

use axum::Json;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{IntoParams, Modify, OpenApi, ToSchema};

/// The query and filters: `/api/search`, `/api/quotes` and `/api/timeline` (documentation
/// only: the handlers parse the raw query string so that repeated parameters and unknown names
/// are handled; `params::FILTER_PARAMS` is what they accept).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct FilterParamsDoc {
    /// query in the sitrep query language
    q: Option<String>,
    /// person filter; repeat for OR; in double quotes, that actor exactly
    person: Option<Vec<String>>,
    /// organisation filter; repeat for OR
    org: Option<Vec<String>>,
    /// location filter; repeat for OR
    location: Option<Vec<String>>,
    /// speaker filter; repeat for OR
    speaker: Option<Vec<String>>,
    /// source filter; repeat for OR
    source: Option<Vec<String>>,
    /// CAMEO actor country code filter
    country: Option<Vec<String>>,
    /// CAMEO actor role code filter
    role: Option<Vec<String>>,
    /// language filter (ISO 639-1 code); repeat for OR
    language: Option<Vec<String>>,
    /// reporting verb of a quotation, any form ("warned" is "warn"); repeat for OR
    cue: Option<Vec<String>>,
    /// published on or after (YYYY[-MM[-DD]])
    from: Option<String>,
    /// published on or before (YYYY[-MM[-DD]])
    to: Option<String>,
}

/// Paging, order, facets and formats: `/api/search` and `/api/quotes` (`params::PAGE_PARAMS`).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct PageParamsDoc {
    /// relevance | newest | oldest
    sort: Option<String>,
    /// hits per page (max 1000); json only
    limit: Option<usize>,
    /// hits to skip; json only
    offset: Option<usize>,
    /// next_cursor of the previous page
    cursor: Option<String>,
    /// comma-separated facets
    facets: Option<String>,
    /// values per facet
    facet_limit: Option<usize>,
    /// leave out near-duplicates
    collapse: Option<bool>,
    /// add a timeline: day | week | month | year
    interval: Option<String>,
    /// json (a page of hits) | ndjson | csv (every matching row, streamed: limit and offset do not apply)
    format: Option<String>,
}

/// Which quotation records count: `/api/quotes` and `/api/timeline` (`params::QUOTE_PARAMS`).
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct QuoteParamsDoc {
    /// also list terms and scare quotes (one- or two-word quotations without a speaker cue)
    terms: Option<bool>,
    /// every copy of a statement that near-duplicate articles repeat, not one
    all_copies: Option<bool>,
}

/// Error body of every endpoint.
#[derive(serde::Serialize, ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// A stable machine-readable code and a human message.
#[derive(serde::Serialize, ToSchema)]
pub struct ErrorDetail {
    /// e.g. invalid_query, invalid_date, not_found, limit_too_large
    pub code: String,
    pub message: String,
}

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "sitrep", description = "Search API for conflict news: articles, actors, quotations, timelines"),
    paths(
        crate::search,
        crate::quotes,
        crate::article,
        crate::entities,
        crate::entity_profile,
        crate::timeline,
        crate::stats,
        crate::healthz,
        crate::metrics_handler,
        crate::ingest::post_articles,
        crate::ingest::delete_article,
    ),
    components(schemas(ErrorBody, ErrorDetail)),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

/// `GET /openapi.json`.
pub async fn serve(
    axum::extract::RawQuery(raw): axum::extract::RawQuery,
) -> Result<Json<utoipa::openapi::OpenApi>, crate::error::ApiError> {
    crate::params::Params::parse(raw.as_deref()).check(&[])?;
    Ok(Json(ApiDoc::openapi()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_lists_every_endpoint() {
        let doc = serde_json::to_value(ApiDoc::openapi()).unwrap();
        assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
        let paths = doc["paths"].as_object().unwrap();
        for p in [
            "/api/search",
            "/api/quotes",
            "/api/articles/{id}",
            "/api/articles",
            "/api/entities",
            "/api/entities/{kind}/{name}",
            "/api/timeline",
            "/api/stats",
            "/healthz",
            "/metrics",
        ] {
            assert!(paths.contains_key(p), "missing {p}");
        }
        // every schema referenced is defined
        let text = doc.to_string();
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        for r in text.split("\"#/components/schemas/").skip(1) {
            let name = &r[..r.find('"').unwrap()];
            assert!(schemas.contains_key(name), "undefined schema {name}");
        }
    }
}
