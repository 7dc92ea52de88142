//! A small blocking client of Quickwit's REST API (index management, ingest, delete tasks and
//! the Elasticsearch-compatible search).

use crate::error::{QuickwitError, Result};
use serde_json::Value;
use std::time::Duration;

/// Largest answer read from the cluster.
const MAX_ANSWER_BYTES: u64 = 512 * 1024 * 1024;

/// A Quickwit endpoint (any node's REST address) and one index on it.
#[derive(Clone)]
pub struct Client {
    base: String,
    index: String,
    agent: ureq::Agent,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.base)
            .field("index", &self.index)
            .finish()
    }
}

/// First pause before an ingest request is sent again (see [`Client::ingest`]).
const INGEST_FIRST_PAUSE: Duration = Duration::from_millis(250);
/// How long an ingest request is retried while the cluster answers 429 or 503.
const INGEST_PATIENCE: Duration = Duration::from_secs(60);

impl Client {
    /// A client of `url` (`http://host:port`) for index `index`; requests time out after `timeout`.
    pub fn new(url: &str, index: &str, timeout: Duration) -> Result<Client> {
        let base = url.trim().trim_end_matches('/').to_string();
        let rest = base
            .strip_prefix("http://")
            .or_else(|| base.strip_prefix("https://"));
        if rest.is_none_or(|r| r.is_empty() || r.contains(char::is_whitespace)) {
            return Err(QuickwitError::InvalidUrl(url.to_string()));
        }
        if index.is_empty()
            || !index
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c))
        {
            return Err(QuickwitError::BadAnswer {
                what: "the configuration".into(),
                message: format!("invalid index id '{index}'"),
            });
        }
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout.max(Duration::from_secs(1))))
            .http_status_as_error(false)
            .build()
            .into();
        Ok(Client {
            base,
            index: index.to_string(),
            agent,
        })
    }

    pub fn url(&self) -> &str {
        &self.base
    }

    pub fn index(&self) -> &str {
        &self.index
    }

    fn unreachable(&self, e: ureq::Error) -> QuickwitError {
        QuickwitError::Unreachable {
            url: self.base.clone(),
            message: e.to_string(),
        }
    }

    fn answer(
        &self,
        what: &str,
        res: std::result::Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<(u16, String)> {
        let mut res = res.map_err(|e| self.unreachable(e))?;
        let status = res.status().as_u16();
        let body = res
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER_BYTES)
            .read_to_string()
            .map_err(|e| QuickwitError::BadAnswer {
                what: what.to_string(),
                message: format!("cannot read the answer: {e}"),
            })?;
        Ok((status, body))
    }

    fn post(
        &self,
        what: &str,
        path: &str,
        content_type: &str,
        body: &[u8],
    ) -> Result<(u16, String)> {
        let url = format!("{}{}", self.base, path);
        self.answer(
            what,
            self.agent
                .post(&url)
                .header("content-type", content_type)
                .send(body),
        )
    }

    fn get(&self, what: &str, path: &str) -> Result<(u16, String)> {
        let url = format!("{}{}", self.base, path);
        self.answer(what, self.agent.get(&url).call())
    }

    /// An error status as an error, with the cluster's message.
    fn check(&self, what: &str, (status, body): (u16, String)) -> Result<String> {
        if (200..300).contains(&status) {
            return Ok(body);
        }
        if status == 404 && body.contains("index") && body.contains("not found") {
            return Err(QuickwitError::IndexNotFound(self.index.clone()));
        }
        let message = serde_json::from_str::<Value>(&body)
            .ok()
            .and_then(|v| {
                v.get("message")
                    .or_else(|| v.pointer("/error/reason"))
                    .and_then(Value::as_str)
                    .map(str::to_string)
            })
            .unwrap_or_else(|| body.chars().take(300).collect());
        Err(QuickwitError::Status {
            what: what.to_string(),
            status,
            message,
        })
    }

    fn json(&self, what: &str, body: &str) -> Result<Value> {
        serde_json::from_str(body).map_err(|e| QuickwitError::BadAnswer {
            what: what.to_string(),
            message: e.to_string(),
        })
    }

    /// Whether the node answers at all (`GET /api/v1/version`).
    pub fn ping(&self) -> Result<()> {
        self.check(
            "a version request",
            self.get("a version request", "/api/v1/version")?,
        )
        .map(|_| ())
    }

    /// Whether the index exists.
    pub fn index_exists(&self) -> Result<bool> {
        Ok(self.index_metadata()?.is_some())
    }

    /// The index's metadata (its configuration under `index_config`), `None` when it does not
    /// exist.
    pub fn index_metadata(&self) -> Result<Option<Value>> {
        let what = "an index lookup";
        let (status, body) = self.get(what, &format!("/api/v1/indexes/{}", self.index))?;
        match status {
            200 => self.json(what, &body).map(Some),
            404 => Ok(None),
            _ => self.check(what, (status, body)).map(|_| None),
        }
    }

    /// Creates the index from a YAML index configuration.
    pub fn create_index(&self, yaml: &str) -> Result<()> {
        let what = "the index creation";
        self.check(
            what,
            self.post(what, "/api/v1/indexes", "application/yaml", yaml.as_bytes())?,
        )
        .map(|_| ())
    }

    /// Sends documents (NDJSON); with `force`, returns once they are committed and searchable.
    /// Returns the number of documents ingested; rejected documents are an error.
    ///
    /// A cluster that is busy (429) or has no open shard yet (503: shards are opened and
    /// rate-limited as the load grows) is asked again after a pause that doubles each time, for
    /// up to about a minute in all.
    pub fn ingest(&self, ndjson: &[u8], force: bool) -> Result<u64> {
        let what = "an ingest request";
        let commit = if force { "force" } else { "auto" };
        let path = format!("/api/v1/{}/ingest?commit={commit}", self.index);
        let mut pause = INGEST_FIRST_PAUSE;
        let mut answer = self.post(what, &path, "application/x-ndjson", ndjson)?;
        let mut waited = Duration::ZERO;
        while matches!(answer.0, 429 | 503) && waited < INGEST_PATIENCE {
            tracing::debug!(
                status = answer.0,
                pause_ms = pause.as_millis() as u64,
                "quickwit ingest busy, retrying"
            );
            std::thread::sleep(pause);
            waited += pause;
            pause = (pause * 2).min(Duration::from_secs(8));
            answer = self.post(what, &path, "application/x-ndjson", ndjson)?;
        }
        let body = self.check(what, answer)?;
        let v = self.json(what, &body)?;
        let rejected = v
            .get("num_rejected_docs")
            .and_then(Value::as_u64)
            .unwrap_or(0);
        if rejected > 0 {
            return Err(QuickwitError::BadAnswer {
                what: what.into(),
                message: format!("{rejected} documents rejected: {}", body.trim()),
            });
        }
        Ok(v.get("num_ingested_docs")
            .and_then(Value::as_u64)
            .unwrap_or(0))
    }

    /// Creates a delete task for the documents matching a query (Quickwit's query language).
    pub fn delete(&self, query: &str) -> Result<()> {
        let what = "a delete task";
        let body = serde_json::json!({ "query": query }).to_string();
        self.check(
            what,
            self.post(
                what,
                &format!("/api/v1/{}/delete-tasks", self.index),
                "application/json",
                body.as_bytes(),
            )?,
        )
        .map(|_| ())
    }

    /// A search through the Elasticsearch-compatible API.
    pub fn es_search(&self, request: &Value) -> Result<Value> {
        let what = "a search";
        let body = self.check(
            what,
            self.post(
                what,
                &format!("/api/v1/_elastic/{}/_search", self.index),
                "application/json",
                request.to_string().as_bytes(),
            )?,
        )?;
        self.json(what, &body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_checked() {
        for bad in ["", "localhost:7280", "ftp://x", "http://", "http://a b"] {
            assert!(
                matches!(
                    Client::new(bad, "sitrep", Duration::from_secs(1)),
                    Err(QuickwitError::InvalidUrl(_))
                ),
                "{bad}"
            );
        }
        let c = Client::new("http://127.0.0.1:7280/", "sitrep", Duration::from_secs(1)).unwrap();
        assert_eq!(c.url(), "http://127.0.0.1:7280");
        assert!(Client::new("http://127.0.0.1:7280", "a/b", Duration::from_secs(1)).is_err());
    }

    #[test]
    fn a_down_cluster_is_a_clear_error() {
        // a port nothing listens on (bound, then released)
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let c = Client::new(
            &format!("http://127.0.0.1:{port}"),
            "sitrep",
            Duration::from_secs(2),
        )
        .unwrap();
        let e = c.index_exists().unwrap_err();
        assert!(matches!(e, QuickwitError::Unreachable { .. }), "{e}");
        assert!(
            e.to_string()
                .starts_with("cannot reach quickwit at http://127.0.0.1:"),
            "{e}"
        );
    }
}
