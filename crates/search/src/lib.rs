//! sitrep-search: the tantivy index of articles and quotations — schema, writing, queries,
//! facets, aggregations and snippets. Knows nothing of HTTP.

mod agg;
pub mod codec;
pub mod entities;
pub mod error;
pub mod export;
mod forward;
mod global_ords;
pub mod index;
mod kind_filter;
mod memo;
pub mod query;
mod recent;
pub mod record;
pub mod resolve;
pub mod schema;
mod scratch;
pub mod search;
mod segment_cache;
mod statements;
pub mod stem;
mod stored;
mod top;
pub mod types;

pub use error::{Result, SearchError};
pub use index::{AliasRecord, DedupLookup, DedupState, IndexedFile, SitrepIndex, SitrepWriter};
pub use record::{ArticleRecord, QuoteRecord};
pub use schema::FacetField;
pub use search::{
    check_limit, ArticleHit, Bucket, FacetCount, Filters, Interval, QuoteHit, SearchRequest,
    SearchResponse, Sort, Target, MAX_LIMIT,
};
