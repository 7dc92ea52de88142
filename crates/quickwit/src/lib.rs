//! sitrep-quickwit: sitrep served from a Quickwit cluster.
//!
//! - [`push`] sends the articles of a sitrep index (read, extracted, deduplicated and with
//!   their actors resolved by sitrep) to Quickwit's ingest API, creating the index from the
//!   mapping kept in `deploy/quickwit/articles.yaml`, and resends only what changed.
//! - [`QuickwitSearch`] answers sitrep searches and timelines from the cluster through its
//!   Elasticsearch-compatible API: the query language and filters are translated to its query
//!   DSL, facets come from terms aggregations and timelines from daily date histograms.
//!
//! Knows nothing of the sitrep HTTP API; errors are [`QuickwitError`].

pub mod client;
pub mod doc;
pub mod error;
pub mod push;
pub mod search;

pub use client::Client;
pub use error::{QuickwitError, Result};
pub use push::{push, PushSummary};
pub use search::QuickwitSearch;

/// The index configuration (doc mapping) of sitrep articles, as kept in the repository.
pub const INDEX_CONFIG: &str = include_str!("../../../deploy/quickwit/articles.yaml");

/// The index configuration with another index id.
pub fn index_config(index_id: &str) -> String {
    INDEX_CONFIG
        .lines()
        .map(|l| {
            if l.starts_with("index_id:") {
                format!("index_id: {index_id}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The names of the fields of the repository's mapping, in its order.
pub fn mapping_fields() -> Vec<String> {
    INDEX_CONFIG
        .lines()
        .filter_map(|l| {
            let l = l.trim_start();
            let rest = l
                .strip_prefix("- { name: ")
                .or_else(|| l.strip_prefix("- name: "))?;
            Some(rest.split([',', ' ']).next()?.to_string())
        })
        .collect()
}
