//! Query-string parameters → search requests. Unknown parameters are rejected.

use crate::error::ApiError;
use sitrep_search::query::parse_date;
use sitrep_search::{FacetField, Interval, SearchRequest, Sort, Target, MAX_LIMIT};

/// Parsed `key=value` pairs in order (keys may repeat), and the first parameter that is not
/// valid UTF-8 once percent-decoded (reported by [`Params::check`]).
pub struct Params(pub Vec<(String, String)>, Option<String>);

impl Params {
    /// Decodes `application/x-www-form-urlencoded` pairs. A key or value whose bytes are not
    /// UTF-8 is not read lossily (a query of replacement characters gave a puzzling syntax
    /// error): [`Params::check`] reports it.
    pub fn parse(raw: Option<&str>) -> Params {
        fn decode(s: &str) -> Result<String, String> {
            let bytes: Vec<u8> =
                percent_encoding::percent_decode_str(&s.replace('+', " ")).collect();
            String::from_utf8(bytes).map_err(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
        }
        let mut invalid = None;
        let mut pairs = Vec::new();
        for pair in raw.unwrap_or("").split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let key = decode(k).unwrap_or_else(|lossy| {
                invalid.get_or_insert_with(|| lossy.clone());
                lossy
            });
            let value = decode(v).unwrap_or_else(|lossy| {
                invalid.get_or_insert_with(|| key.clone());
                lossy
            });
            pairs.push((key, value));
        }
        Params(pairs, invalid)
    }

    /// Rejects a parameter that is not valid UTF-8 and any parameter not in `allowed`.
    pub fn check(&self, allowed: &[&str]) -> Result<(), ApiError> {
        if let Some(k) = &self.1 {
            return Err(ApiError::bad_parameter(format!(
                "parameter '{k}' is not valid UTF-8 once percent-decoded"
            )));
        }
        for (k, _) in &self.0 {
            if !allowed.contains(&k.as_str()) {
                return Err(ApiError::unknown_parameter(k, allowed));
            }
        }
        Ok(())
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    pub fn all(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, v)| k == key && !v.trim().is_empty())
            .map(|(_, v)| v.clone())
            .collect()
    }

    pub fn usize(&self, key: &str) -> Result<Option<usize>, ApiError> {
        self.get(key)
            .map(|v| {
                v.trim().parse::<usize>().map_err(|_| {
                    ApiError::bad_parameter(format!(
                        "{key} must be a non-negative integer, not {v:?}"
                    ))
                })
            })
            .transpose()
    }

    pub fn bool(&self, key: &str) -> Result<bool, ApiError> {
        match self.get(key) {
            None => Ok(false),
            Some("" | "true" | "1" | "yes") => Ok(true),
            Some("false" | "0" | "no") => Ok(false),
            Some(v) => Err(ApiError::bad_parameter(format!(
                "{key} must be true or false, not {v:?}"
            ))),
        }
    }
}

/// The query and filters (search, quotes, timeline); documented by `openapi::FilterParamsDoc`.
pub const FILTER_PARAMS: &[&str] = &[
    "q", "person", "org", "location", "speaker", "source", "country", "role", "language", "cue",
    "from", "to",
];
/// Paging, order, facets and formats (search, quotes); documented by `openapi::PageParamsDoc`.
pub const PAGE_PARAMS: &[&str] = &[
    "sort",
    "limit",
    "offset",
    "cursor",
    "facets",
    "facet_limit",
    "collapse",
    "interval",
    "format",
];
/// Which quotation records count (quotes, timeline); documented by `openapi::QuoteParamsDoc`.
pub const QUOTE_PARAMS: &[&str] = &["terms", "all_copies"];
/// What the timeline adds to the filters.
pub const TIMELINE_PARAMS: &[&str] = &["interval", "series", "target"];

/// The parameters one endpoint accepts: the union of `groups`.
pub fn accepted(groups: &[&[&'static str]]) -> Vec<&'static str> {
    groups.iter().flat_map(|g| g.iter().copied()).collect()
}

/// Builds a search request from parameters.
pub fn search_request(
    p: &Params,
    target: Target,
    default_limit: usize,
    default_facet_limit: usize,
) -> Result<SearchRequest, ApiError> {
    let mut req = SearchRequest {
        target,
        limit: default_limit,
        facet_limit: default_facet_limit,
        ..Default::default()
    };
    req.q = p.get("q").unwrap_or("").to_string();
    req.filters.person = p.all("person");
    req.filters.org = p.all("org");
    req.filters.location = p.all("location");
    req.filters.speaker = p.all("speaker");
    req.filters.source = p.all("source");
    req.filters.actor_country = p.all("country");
    req.filters.actor_role = p.all("role");
    req.filters.language = p.all("language");
    req.filters.cue = p.all("cue");
    let date = |k: &str| -> Result<Option<chrono::NaiveDate>, ApiError> {
        match p.get(k).filter(|v| !v.trim().is_empty()) {
            None => Ok(None),
            Some(v) => {
                let parsed = if k == "to" {
                    sitrep_search::query::parse_date_upper(v.trim())
                } else {
                    parse_date(v.trim())
                };
                parsed.map(Some).map_err(ApiError::from)
            }
        }
    };
    req.filters.from = date("from")?;
    req.filters.to = date("to")?;
    if let Some(s) = p.get("sort") {
        req.sort = s.parse::<Sort>()?;
    }
    if let Some(l) = p.usize("limit")? {
        sitrep_search::check_limit("limit", l, MAX_LIMIT)?;
        req.limit = l;
    }
    req.offset = p.usize("offset")?.unwrap_or(0);
    req.cursor = p
        .get("cursor")
        .filter(|c| !c.is_empty())
        .map(str::to_string);
    if let Some(fl) = p.usize("facet_limit")? {
        req.facet_limit = fl;
    }
    for list in p.all("facets") {
        for name in list.split(',').map(str::trim).filter(|s| !s.is_empty()) {
            let f = FacetField::from_api_name(name).ok_or_else(|| {
                let facets: Vec<&str> = FacetField::ALL.iter().map(|f| f.api_name()).collect();
                ApiError::bad_parameter(format!(
                    "unknown facet '{name}' (facets: {})",
                    facets.join(", ")
                ))
            })?;
            if !req.facets.contains(&f) {
                req.facets.push(f);
            }
        }
    }
    req.collapse = p.bool("collapse")?;
    req.terms = p.bool("terms")?;
    req.all_copies = p.bool("all_copies")?;
    if let Some(i) = p.get("interval").filter(|s| !s.is_empty()) {
        req.histogram = Some(i.parse::<Interval>()?);
    }
    Ok(req)
}

/// Output format of list endpoints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    Ndjson,
    Csv,
}

pub fn format(p: &Params) -> Result<Format, ApiError> {
    match p.get("format").unwrap_or("json") {
        "json" | "" => Ok(Format::Json),
        "ndjson" | "jsonl" => Ok(Format::Ndjson),
        "csv" => Ok(Format::Csv),
        other => Err(ApiError::bad_parameter(format!(
            "unknown format '{other}' (expected json, ndjson or csv)"
        ))),
    }
}

/// Path parameters (like axum's `Path`) whose rejection is an API error, not a plain-text body.
pub struct PathParams<T>(pub T);

impl<S, T> axum::extract::FromRequestParts<S> for PathParams<T>
where
    T: serde::de::DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, ApiError> {
        use axum::extract::path::ErrorKind;
        use axum::extract::rejection::PathRejection;
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(PathParams(v)),
            Err(PathRejection::FailedToDeserializePathParams(e)) => match e.kind() {
                ErrorKind::InvalidUtf8InPathParam { key } => Err(ApiError::bad_parameter(format!(
                    "path parameter '{key}' is not valid UTF-8 once percent-decoded"
                ))),
                _ => Err(ApiError::bad_parameter(format!(
                    "invalid path: {}",
                    e.body_text().to_lowercase()
                ))),
            },
            Err(e) => Err(ApiError::internal(format!(
                "path parameters unavailable: {}",
                e.body_text().to_lowercase()
            ))),
        }
    }
}
