//! Opening, reading and writing the sitrep index.

use crate::codec;
use crate::error::{Result, SearchError};
use crate::record::{ArticleRecord, QuoteRecord};
use crate::schema::{
    Fields, KEY_TOKENIZER, KIND_ALIAS, KIND_ARTICLE, KIND_QUOTE, KIND_TERM, TEXT_TOKENIZER,
};
use crate::stem::CachedStemmer;
use chrono::Datelike;
use sitrep_indexer::Article;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tantivy::directory::MmapDirectory;
use tantivy::indexer::UserOperation;
use tantivy::schema::Value;
use tantivy::store::{Compressor, ZstdCompressor};
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
};
use tantivy::Warmer;
use tantivy::{
    DateTime, DocAddress, Index, IndexReader, IndexSettings, IndexWriter, ReloadPolicy,
    TantivyDocument, Term,
};

/// Stored records are compressed with zstd in blocks of this size. Every loaded hit decompresses
/// its whole block (about 0.1 ms for 64 KiB here), so larger blocks, though smaller on disk
/// (128 KiB: -6%, 256 KiB: -10% on 10,000 bench articles), would slow every uncached page of
/// hits. Level 9 would make the index 2% smaller on the 100,000-article bench corpus but cost 8%
/// more indexing CPU (69 against 64 s); decompression is as fast at either level.
const DOCSTORE_BLOCKSIZE: usize = 64 * 1024;
const DOCSTORE_ZSTD_LEVEL: i32 = 3;

fn index_settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: Compressor::Zstd(ZstdCompressor {
            compression_level: Some(DOCSTORE_ZSTD_LEVEL),
        }),
        docstore_blocksize: DOCSTORE_BLOCKSIZE,
        ..IndexSettings::default()
    }
}

/// Memory budget of the index writer (split among its threads). An indexing run writes with one
/// thread: a flush every ~130,000 records of the bench corpus.
const WRITER_MEMORY: usize = 128 * 1024 * 1024;

/// Records a merge may write at most. A merge reads its segments through memory maps, whose
/// pages count in the process's resident memory until it ends; tantivy's log merge policy merges
/// eight segments of any size, so the peak memory of a run grew with the corpus (at a million
/// articles one merge of 1.1M records added 560 MiB of mapped pages). With this bound a merge
/// maps at most about 100 MB of index (records of the bench corpus; longer articles make more),
/// and segments the writer flushes from a full memory budget (about 200,000 records of those)
/// are not merged again: a large index has one segment per such flush (10 at 1M articles).
const MAX_MERGE_RECORDS: u32 = 200_000;

/// tantivy's log merge policy, with each merge cut to its smallest segments whose records add up
/// to at most `max_records` (at least two of them, or no merge).
#[derive(Debug, Default)]
struct BoundedMerges {
    inner: tantivy::indexer::LogMergePolicy,
    max_records: u32,
}

impl tantivy::indexer::MergePolicy for BoundedMerges {
    fn compute_merge_candidates(
        &self,
        segments: &[tantivy::index::SegmentMeta],
    ) -> Vec<tantivy::indexer::MergeCandidate> {
        use tantivy::indexer::MergeCandidate;
        let records: HashMap<tantivy::index::SegmentId, u32> =
            segments.iter().map(|s| (s.id(), s.max_doc())).collect();
        self.inner
            .compute_merge_candidates(segments)
            .into_iter()
            .filter_map(|MergeCandidate(mut ids)| {
                ids.sort_by_key(|id| records.get(id).copied().unwrap_or(u32::MAX));
                let mut total = 0u64;
                let kept: Vec<_> = ids
                    .into_iter()
                    .take_while(|id| {
                        total += u64::from(records.get(id).copied().unwrap_or(u32::MAX));
                        total <= u64::from(self.max_records)
                    })
                    .collect();
                (kept.len() >= 2).then_some(MergeCandidate(kept))
            })
            .collect()
    }
}

/// An open sitrep index with a reader that follows commits.
#[derive(Clone)]
pub struct SitrepIndex {
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    /// Per segment, which records are articles and which quotations (see [`KindFilter`]).
    ///
    /// [`KindFilter`]: crate::kind_filter::KindFilter
    pub(crate) kind_sets: crate::kind_filter::KindSets,
    /// Per segment, a reader of stored records (see [`crate::stored`]).
    pub(crate) stores: crate::stored::Stores,
    /// Global ordinals of the facet columns over the latest segments (see [`crate::global_ords`]).
    pub(crate) global_ords: crate::global_ords::GlobalOrds,
    /// Decoded copies of the counted columns per segment (see [`crate::forward`]).
    pub(crate) forward: crate::forward::Forwards,
    /// Counts over everything of a kind, per committed state (see [`crate::memo`]).
    pub(crate) everything: crate::memo::EverythingCounts,
    pub(crate) statements: crate::statements::StatementSets,
    /// Actor resolution per committed state (see [`crate::resolve`]); builds what searches
    /// derive from a new committed state before searches see it, once
    /// [`SitrepIndex::warm_on_reload`] asked for it (the reader holds it weakly).
    warming: Arc<Warming>,
    path: Option<PathBuf>,
}

/// The reader's warmer (tantivy's [`Warmer`]): a reload makes a new committed state visible only
/// after this has built its actor resolution and (once quotations were searched) its statements,
/// so that searches keep the state before it (and its built values) meanwhile rather than wait
/// for them. Off until a server turns it on: an indexing run commits many times and searches
/// none of its states.
struct Warming {
    on: AtomicBool,
    kind: tantivy::schema::Field,
    global_ords: crate::global_ords::GlobalOrds,
    forward: crate::forward::Forwards,
    resolutions: crate::resolve::Resolutions,
    statements: crate::statements::StatementSets,
}

impl Warming {
    /// The actor resolution of the state `searcher` sees, built by the first caller.
    fn resolution(
        &self,
        searcher: &tantivy::Searcher,
    ) -> Result<Option<Arc<crate::resolve::Resolution>>> {
        self.resolutions
            .get(searcher, self.kind, &self.global_ords, &self.forward)
    }

    fn warm_state(&self, searcher: &tantivy::Searcher) -> Result<()> {
        self.resolution(searcher)?;
        // the statements only once quotations were searched (a third of the work at a million
        // articles, which a server that answers no quotation search would do for nothing)
        if self.statements.in_use() {
            self.statements.get(searcher)?;
        }
        Ok(())
    }
}

impl Warmer for Warming {
    fn warm(&self, searcher: &tantivy::Searcher) -> tantivy::Result<()> {
        if self.on.load(Ordering::Relaxed) {
            // a failure is left to the searches, which report it: failing here would keep every
            // later commit from being seen
            if let Err(e) = self.warm_state(searcher) {
                tracing::warn!(error = %e, "could not prepare a new committed state");
            }
        }
        Ok(())
    }

    fn garbage_collect(&self, _live: &[&tantivy::SearcherGeneration]) {}
}

/// The analyzer of title, body, quotation and name text: words of letters and digits, lower
/// case, folded to ASCII, English stems.
pub fn text_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(64))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(CachedStemmer)
        .build()
}

fn register_tokenizers(index: &Index) {
    index.tokenizers().register(TEXT_TOKENIZER, text_analyzer());
    let key = TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .build();
    index.tokenizers().register(KEY_TOKENIZER, key);
}

impl SitrepIndex {
    /// Opens the index at `path`, creating it when absent.
    pub fn open_or_create(path: &Path) -> Result<SitrepIndex> {
        std::fs::create_dir_all(path)?;
        let fields = Fields::new();
        let dir = MmapDirectory::open(path)
            .map_err(|e| SearchError::Io(std::io::Error::other(e.to_string())))?;
        let index = Index::builder()
            .schema(fields.schema.clone())
            .settings(index_settings())
            .open_or_create(dir)
            .map_err(|e| match e {
                tantivy::TantivyError::SchemaError(_) => SearchError::SchemaMismatch {
                    path: path.display().to_string(),
                },
                other => SearchError::Tantivy(other),
            })?;
        Self::from_index(index, fields, Some(path.to_path_buf()))
    }

    /// Deletes the index at `path` (only files an index consists of) and creates an empty one.
    pub fn recreate(path: &Path) -> Result<SitrepIndex> {
        if path.join("meta.json").exists() {
            for entry in std::fs::read_dir(path)?.flatten() {
                let p = entry.path();
                let name = entry.file_name().to_string_lossy().to_string();
                let index_file = name == "meta.json"
                    || name.starts_with(".tantivy")
                    || name.ends_with(".managed.json")
                    || [
                        ".idx",
                        ".pos",
                        ".term",
                        ".store",
                        ".fast",
                        ".fieldnorm",
                        ".del",
                        ".pos",
                        ".json",
                    ]
                    .iter()
                    .any(|ext| name.ends_with(ext));
                if p.is_file() && index_file {
                    std::fs::remove_file(&p)?;
                }
            }
        }
        Self::open_or_create(path)
    }

    /// Opens an existing index for searching.
    pub fn open(path: &Path) -> Result<SitrepIndex> {
        if !path.join("meta.json").exists() {
            return Err(SearchError::NoIndex {
                path: path.display().to_string(),
            });
        }
        Self::open_or_create(path)
    }

    /// An in-memory index, for tests.
    pub fn in_memory() -> Result<SitrepIndex> {
        let fields = Fields::new();
        let index = Index::builder()
            .schema(fields.schema.clone())
            .settings(index_settings())
            .create_in_ram()?;
        Self::from_index(index, fields, None)
    }

    fn from_index(index: Index, fields: Fields, path: Option<PathBuf>) -> Result<SitrepIndex> {
        register_tokenizers(&index);
        let warming = Arc::new(Warming {
            on: AtomicBool::new(false),
            kind: fields.kind,
            global_ords: Default::default(),
            forward: Default::default(),
            resolutions: Default::default(),
            statements: Default::default(),
        });
        let warmer: Arc<dyn Warmer> = warming.clone();
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::OnCommitWithDelay)
            .warmers(vec![Arc::downgrade(&warmer)])
            .try_into()?;
        Ok(SitrepIndex {
            index,
            reader,
            fields,
            kind_sets: Default::default(),
            stores: Default::default(),
            global_ords: warming.global_ords.clone(),
            forward: warming.forward.clone(),
            everything: Default::default(),
            statements: warming.statements.clone(),
            warming,
            path,
        })
    }

    /// From now on, a reload builds what searches derive from the new committed state (the
    /// actor resolution; the statements of quotations once a quotation search has needed them)
    /// before searches see it, and the state searches see now is prepared at once. A server
    /// turns this on: a commit then costs the writer (who waits for the reload) rather than the
    /// next searches. Errors are those of preparing the current state.
    pub fn warm_on_reload(&self) -> Result<()> {
        self.warming.on.store(true, Ordering::Relaxed);
        self.warming.warm_state(&self.reader.searcher())
    }

    /// A counter of matches only, to fill in with facets and a histogram; facet values are
    /// resolved to actors as the reader's committed state resolves them.
    pub(crate) fn counter(&self) -> crate::agg::Counter {
        let resolution = self.resolution().ok().flatten();
        crate::agg::Counter {
            resolution,
            ..crate::agg::Counter::new(&self.global_ords, &self.forward)
        }
    }

    /// The actor resolution of the committed state searches see (`None` when no value is
    /// resolved to another).
    pub(crate) fn resolution(&self) -> Result<Option<std::sync::Arc<crate::resolve::Resolution>>> {
        self.warming.resolution(&self.reader.searcher())
    }

    pub fn fields(&self) -> &Fields {
        &self.fields
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Identifies the committed state the reader sees: a hash of its segments and their
    /// deletes, so it changes whenever a commit changes what searches see (and not on a reload
    /// that finds nothing new).
    pub fn generation(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let searcher = self.reader.searcher();
        let mut h = std::collections::hash_map::DefaultHasher::new();
        searcher.generation().segments().hash(&mut h);
        h.finish()
    }

    /// Makes the latest commit visible to searches now (instead of after the reload delay).
    pub fn reload(&self) -> Result<()> {
        self.reader.reload()?;
        Ok(())
    }

    /// Opens the single writer. A second writer on the same index fails at once.
    pub fn writer(&self, threads: usize) -> Result<SitrepWriter> {
        let threads = threads.clamp(1, 8);
        let writer = self
            .index
            .writer_with_num_threads(threads, WRITER_MEMORY.max(threads * 32 * 1024 * 1024))
            .map_err(|e| match e {
                tantivy::TantivyError::LockFailure(..) => SearchError::Locked {
                    path: self
                        .path
                        .as_ref()
                        .map(|p| p.display().to_string())
                        .unwrap_or_else(|| "(in memory)".into()),
                },
                other => SearchError::Tantivy(other),
            })?;
        writer.set_merge_policy(Box::new(BoundedMerges {
            max_records: MAX_MERGE_RECORDS,
            ..BoundedMerges::default()
        }));
        // Files that no commit refers to are left by a run that was killed or ran out of disk
        // space (for instance the new segments of an unfinished `--full` rebuild): remove them
        // before writing more, so that they neither fill the disk nor outlive the run.
        if let Err(e) = writer.garbage_collect_files().wait() {
            tracing::warn!(error = %e, "could not remove unused index files");
        }
        Ok(SitrepWriter {
            writer,
            fields: self.fields.clone(),
            pending: Vec::new(),
            keys: KeyMaker {
                analyzer: text_analyzer(),
                words: Vec::new(),
                keys: Vec::new(),
            },
        })
    }

    /// Per source file: the content hash recorded at indexing time and the ids of its articles.
    pub fn indexed_files(&self) -> Result<HashMap<String, IndexedFile>> {
        let searcher = self.reader.searcher();
        let mut out: HashMap<String, IndexedFile> = HashMap::new();
        for seg in searcher.segment_readers() {
            let ff = seg.fast_fields();
            let (Some(kind), Ok(hash)) = (ff.str("kind")?, ff.u64("file_hash")) else {
                continue;
            };
            let kind = KindOrds::new(kind)?;
            for_each_term_doc(seg, self.fields.file, |file, doc| {
                if !kind.is_article(doc) && !kind.is_alias(doc) {
                    return Ok(());
                }
                let entry = out.entry(file.to_string()).or_default();
                entry.hash = hash.first(doc).unwrap_or(0);
                entry.articles += 1;
                Ok(())
            })?;
        }
        Ok(out)
    }

    /// [`SitrepIndex::indexed_files`] for the given files only, by a lookup per file: for a run
    /// that walks a few files (a new folder) into a large index.
    pub fn indexed_files_among(&self, files: &[String]) -> Result<HashMap<String, IndexedFile>> {
        let searcher = self.reader.searcher();
        let mut columns = Vec::with_capacity(searcher.segment_readers().len());
        for seg in searcher.segment_readers() {
            let ff = seg.fast_fields();
            columns.push(match (ff.str("kind")?, ff.u64("file_hash").ok()) {
                (Some(kind), Some(hash)) => Some((kind, hash)),
                _ => None,
            });
        }
        let mut out: HashMap<String, IndexedFile> = HashMap::new();
        let mut buf = String::new();
        for file in files {
            let q = tantivy::query::TermQuery::new(
                Term::from_field_text(self.fields.file, file),
                tantivy::schema::IndexRecordOption::Basic,
            );
            for doc in searcher.search(&q, &tantivy::collector::DocSetCollector)? {
                let Some(Some((kind, hash))) = columns.get(doc.segment_ord as usize) else {
                    continue;
                };
                if !first_str(kind, doc.doc_id, &mut buf)?
                    || buf != KIND_ARTICLE && buf != KIND_ALIAS
                {
                    continue;
                }
                let entry = out.entry(file.clone()).or_default();
                entry.hash = hash.first(doc.doc_id).unwrap_or(0);
                entry.articles += 1;
            }
        }
        Ok(out)
    }

    /// The duplicates of the indexed articles, to find those whose original is gone: content
    /// hash → article id, the exact-duplicate aliases and the linked near-duplicates as
    /// (file, article id). Reads every record (see [`SitrepIndex::dedup_lookup`] for the
    /// lookups of an indexing run).
    pub fn dedup_state(&self) -> Result<DedupState> {
        let searcher = self.reader.searcher();
        let mut out = DedupState::default();
        let mut buf = String::new();
        for seg in searcher.segment_readers() {
            let ff = seg.fast_fields();
            let (Some(kind), Some(ids), Some(dups)) = (
                ff.str("kind")?,
                ff.str("article_id")?,
                ff.str("duplicate_of")?,
            ) else {
                continue;
            };
            let kind = KindOrds::new(kind)?;
            // Files and content hashes are terms only (no columns of their own): each term's
            // documents are visited in order, so a later article of one hash still wins.
            for_each_term_doc(seg, self.fields.file, |file, doc| {
                let (article, alias) = (kind.is_article(doc), kind.is_alias(doc));
                if (article || alias) && first_str(&dups, doc, &mut buf)? {
                    let pair = (file.to_string(), buf.clone());
                    if article {
                        out.linked.push(pair);
                    } else {
                        out.aliases.push(pair);
                    }
                }
                Ok(())
            })?;
            for_each_term_doc(seg, self.fields.content_hash, |hash, doc| {
                if kind.is_article(doc) && first_str(&ids, doc, &mut buf)? {
                    out.content.insert(hash.to_string(), buf.clone());
                }
                Ok(())
            })?;
        }
        Ok(out)
    }

    /// Duplicate detection by lookups: what an indexing run asks of the articles already
    /// indexed, one new article at a time, without loading them all (a run that adds a few
    /// articles to a large index costs what the few articles cost). It sees the index as it was
    /// when it was made.
    pub fn dedup_lookup(&self) -> Result<DedupLookup> {
        let searcher = self.reader.searcher();
        let mut columns = Vec::with_capacity(searcher.segment_readers().len());
        for seg in searcher.segment_readers() {
            let ff = seg.fast_fields();
            columns.push(match (ff.bytes("minhash")?, ff.str("article_id")?) {
                (Some(sig), Some(id)) => Some((sig, id)),
                _ => None,
            });
        }
        Ok(DedupLookup {
            searcher,
            fields: self.fields.clone(),
            columns,
        })
    }

    /// Paths of the exact duplicates of an article.
    pub fn alias_paths(&self, id: &str) -> Result<Vec<String>> {
        let searcher = self.reader.searcher();
        let q = tantivy::query::BooleanQuery::new(vec![
            (
                tantivy::query::Occur::Must,
                Box::new(tantivy::query::TermQuery::new(
                    Term::from_field_text(self.fields.kind, KIND_ALIAS),
                    tantivy::schema::IndexRecordOption::Basic,
                )) as Box<dyn tantivy::query::Query>,
            ),
            (
                tantivy::query::Occur::Must,
                Box::new(tantivy::query::TermQuery::new(
                    Term::from_field_text(self.fields.duplicate_of, id),
                    tantivy::schema::IndexRecordOption::Basic,
                )),
            ),
        ]);
        let top = searcher.search(
            &q,
            &tantivy::collector::TopDocs::with_limit(10_000).order_by_score(),
        )?;
        let mut out = Vec::new();
        for (_, addr) in top {
            let doc: TantivyDocument = searcher.doc(addr)?;
            if let Some(bytes) = doc.get_first(self.fields.stored).and_then(|v| v.as_bytes()) {
                if let Ok(a) = serde_json::from_slice::<AliasRecord>(bytes) {
                    out.push(a.path);
                }
            }
        }
        out.sort();
        Ok(out)
    }

    /// Total number of records of a kind.
    pub fn count(&self, kind: &str) -> Result<usize> {
        let searcher = self.reader.searcher();
        let q = tantivy::query::TermQuery::new(
            Term::from_field_text(self.fields.kind, kind),
            tantivy::schema::IndexRecordOption::Basic,
        );
        Ok(searcher.search(&q, &tantivy::collector::Count)?)
    }

    /// Whether any live record came from `file` (a path, or the key of a posted article).
    pub fn has_file(&self, file: &str) -> Result<bool> {
        let searcher = self.reader.searcher();
        let q = tantivy::query::TermQuery::new(
            Term::from_field_text(self.fields.file, file),
            tantivy::schema::IndexRecordOption::Basic,
        );
        Ok(searcher.search(&q, &tantivy::collector::Count)? > 0)
    }

    /// Loads a stored article by id.
    pub fn article(&self, id: &str) -> Result<ArticleRecord> {
        let searcher = self.reader.searcher();
        let addr =
            find_article(&searcher, &self.fields, id)?.ok_or_else(|| SearchError::NotFound {
                what: "article",
                id: id.to_string(),
            })?;
        let mut rec = load_article(&searcher, self, addr)?;
        if let Some(r) = self.resolution()? {
            r.apply(&mut rec.article);
        }
        for p in self.alias_paths(id)? {
            if !rec.paths.contains(&p) {
                rec.paths.push(p);
            }
        }
        Ok(rec)
    }

    /// Disk size of the index in bytes (0 for an in-memory index).
    pub fn size_on_disk(&self) -> u64 {
        fn dir_size(p: &Path) -> u64 {
            std::fs::read_dir(p)
                .map(|rd| {
                    rd.flatten()
                        .map(|e| match e.metadata() {
                            Ok(m) if m.is_dir() => dir_size(&e.path()),
                            Ok(m) => m.len(),
                            Err(_) => 0,
                        })
                        .sum()
                })
                .unwrap_or(0)
        }
        self.path.as_deref().map(dir_size).unwrap_or(0)
    }
}

/// A segment's kind column, read by ordinal: no string is decoded per document.
struct KindOrds {
    column: tantivy::columnar::StrColumn,
    article: Option<u64>,
    alias: Option<u64>,
}

impl KindOrds {
    fn new(column: tantivy::columnar::StrColumn) -> Result<KindOrds> {
        let dictionary = column.dictionary();
        Ok(KindOrds {
            article: dictionary.term_ord(KIND_ARTICLE)?,
            alias: dictionary.term_ord(KIND_ALIAS)?,
            column,
        })
    }

    fn is(&self, doc: tantivy::DocId, ord: Option<u64>) -> bool {
        ord.is_some() && self.column.term_ords(doc).next() == ord
    }

    fn is_article(&self, doc: tantivy::DocId) -> bool {
        self.is(doc, self.article)
    }

    fn is_alias(&self, doc: tantivy::DocId) -> bool {
        self.is(doc, self.alias)
    }
}

/// Calls `f` with every text term of `field` in the segment and each live document holding it,
/// terms in order and each term's documents in order.
fn for_each_term_doc(
    seg: &tantivy::SegmentReader,
    field: tantivy::schema::Field,
    mut f: impl FnMut(&str, tantivy::DocId) -> Result<()>,
) -> Result<()> {
    use tantivy::DocSet;
    let inverted = seg.inverted_index(field)?;
    let mut terms = inverted.terms().stream()?;
    while terms.advance() {
        let Ok(text) = std::str::from_utf8(terms.key()) else {
            continue;
        };
        let mut postings = inverted.read_postings_from_terminfo(
            terms.value(),
            tantivy::schema::IndexRecordOption::Basic,
        )?;
        let mut doc = postings.doc();
        while doc != tantivy::TERMINATED {
            if !seg.is_deleted(doc) {
                f(text, doc)?;
            }
            doc = postings.advance();
        }
    }
    Ok(())
}

/// The first value of a string column for a document into `out`; false when it has none.
fn first_str(
    col: &tantivy::columnar::StrColumn,
    doc: tantivy::DocId,
    out: &mut String,
) -> Result<bool> {
    out.clear();
    match col.term_ords(doc).next() {
        Some(o) => Ok(col.ord_to_str(o, out)?),
        None => Ok(false),
    }
}

/// The indexed form of a band key: its bucket (high 32 bits, as the run's own
/// [`SimIndex`](sitrep_indexer::minhash::SimIndex) keeps it). Small values share their leading
/// bytes in the term dictionary (about half the bytes of full keys).
fn band_term(key: u64) -> u64 {
    u64::from(sitrep_indexer::minhash::bucket(key))
}

/// Looks up, for a new article, the indexed article with the same content and the indexed
/// articles that share a MinHash band with it (see [`SitrepIndex::dedup_lookup`]).
pub struct DedupLookup {
    searcher: tantivy::Searcher,
    fields: Fields,
    /// Per segment: the signature and article id columns.
    columns: Vec<Option<(tantivy::columnar::BytesColumn, tantivy::columnar::StrColumn)>>,
}

impl DedupLookup {
    fn docs(&self, query: &dyn tantivy::query::Query) -> Result<Vec<tantivy::DocAddress>> {
        let mut docs: Vec<tantivy::DocAddress> = self
            .searcher
            .search(query, &tantivy::collector::DocSetCollector)?
            .into_iter()
            .collect();
        // the order the records were written in: segment, then document
        docs.sort_unstable();
        Ok(docs)
    }

    fn article_id(&self, doc: tantivy::DocAddress, out: &mut String) -> Result<bool> {
        out.clear();
        let Some(Some((_, ids))) = self.columns.get(doc.segment_ord as usize) else {
            return Ok(false);
        };
        first_str(ids, doc.doc_id, out)
    }

    /// The id of the indexed article whose text has this content hash (the latest written,
    /// when several have).
    pub fn article_with_content(&self, content_hash: &str) -> Result<Option<String>> {
        use tantivy::query::{BooleanQuery, Occur, TermQuery};
        use tantivy::schema::IndexRecordOption::Basic;
        let q = BooleanQuery::new(vec![
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(self.fields.content_hash, content_hash),
                    Basic,
                )) as Box<dyn tantivy::query::Query>,
            ),
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(self.fields.kind, KIND_ARTICLE),
                    Basic,
                )),
            ),
        ]);
        let mut id = String::new();
        for doc in self.docs(&q)?.into_iter().rev() {
            if self.article_id(doc, &mut id)? {
                return Ok(Some(id));
            }
        }
        Ok(None)
    }

    /// The indexed articles that share a bucket with one of these band keys, as (signature
    /// bytes, article id), in the order they were written.
    pub fn near_candidates(&self, band_keys: &[u64]) -> Result<Vec<(Vec<u8>, String)>> {
        use tantivy::query::{BooleanQuery, Occur, TermQuery};
        let q = BooleanQuery::new(
            band_keys
                .iter()
                .map(|&k| {
                    let t = TermQuery::new(
                        Term::from_field_u64(self.fields.minhash_band, band_term(k)),
                        tantivy::schema::IndexRecordOption::Basic,
                    );
                    (Occur::Should, Box::new(t) as Box<dyn tantivy::query::Query>)
                })
                .collect(),
        );
        let mut out = Vec::new();
        let mut id = String::new();
        for doc in self.docs(&q)? {
            let Some(Some((sigs, _))) = self.columns.get(doc.segment_ord as usize) else {
                continue;
            };
            let Some(ord) = sigs.term_ords(doc.doc_id).next() else {
                continue;
            };
            let mut bytes = Vec::new();
            if sigs.ord_to_bytes(ord, &mut bytes)? && self.article_id(doc, &mut id)? {
                out.push((bytes, id.clone()));
            }
        }
        Ok(out)
    }
}

/// Duplicate-detection state read from the index.
#[derive(Debug, Clone, Default)]
pub struct DedupState {
    pub content: HashMap<String, String>,
    /// Exact duplicates as (file, id of the article they duplicate).
    pub aliases: Vec<(String, String)>,
    /// Near-duplicates as (file, id of the article they are linked to).
    pub linked: Vec<(String, String)>,
}

/// The stored part of an exact-duplicate record.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct AliasRecord {
    pub id: String,
    pub path: String,
    pub duplicate_of: String,
}

/// What the index knows of one source file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IndexedFile {
    pub hash: u64,
    pub articles: usize,
}

pub(crate) fn with_stored<T>(
    searcher: &tantivy::Searcher,
    index: &SitrepIndex,
    addr: DocAddress,
    decode: impl FnOnce(&[u8]) -> Result<T>,
) -> Result<T> {
    if let Some(bytes) = index
        .stores
        .single_bytes(searcher, addr, index.fields.stored)?
    {
        return decode(bytes.as_slice());
    }
    let doc: TantivyDocument = searcher.doc(addr)?;
    let bytes = doc
        .get_first(index.fields.stored)
        .and_then(|v| v.as_bytes())
        .ok_or_else(|| SearchError::Corrupt("missing stored record".into()))?;
    decode(bytes)
}

pub(crate) fn load_article(
    searcher: &tantivy::Searcher,
    index: &SitrepIndex,
    addr: DocAddress,
) -> Result<ArticleRecord> {
    with_stored(searcher, index, addr, codec::decode_article)
}

pub(crate) fn load_quote(
    searcher: &tantivy::Searcher,
    index: &SitrepIndex,
    addr: DocAddress,
) -> Result<QuoteRecord> {
    let r = with_stored(searcher, index, addr, codec::decode_quote)?;
    let article = article_of_quote(searcher, index, addr, &r)?;
    r.number
        .checked_sub(1)
        .and_then(|i| QuoteRecord::of(&article, i))
        .ok_or_else(|| {
            SearchError::Corrupt(format!(
                "article {} has no quotation {}",
                r.article_id, r.number
            ))
        })
}

/// The article a quotation's record is rebuilt from. Quotations are added right after their
/// article and segments keep that order when they merge, so the article is `number` documents
/// before the quotation; the id confirms it, and a lookup by id is the fallback.
fn article_of_quote(
    searcher: &tantivy::Searcher,
    index: &SitrepIndex,
    addr: DocAddress,
    r: &codec::QuoteRef,
) -> Result<ArticleRecord> {
    let before = u32::try_from(r.number)
        .ok()
        .and_then(|n| addr.doc_id.checked_sub(n));
    if let Some(doc) = before {
        if let Ok(rec) = load_article(searcher, index, DocAddress::new(addr.segment_ord, doc)) {
            if rec.article.id == r.article_id {
                return Ok(rec);
            }
        }
    }
    let at = find_article(searcher, &index.fields, &r.article_id)?.ok_or_else(|| {
        SearchError::Corrupt(format!("quotation of missing article {}", r.article_id))
    })?;
    load_article(searcher, index, at)
}

/// The address of the article with this id.
fn find_article(
    searcher: &tantivy::Searcher,
    fields: &Fields,
    id: &str,
) -> Result<Option<DocAddress>> {
    let q = crate::query::kind_and_id(fields, KIND_ARTICLE, id);
    let top = searcher.search(
        &q,
        &tantivy::collector::TopDocs::with_limit(1).order_by_score(),
    )?;
    Ok(top.into_iter().next().map(|(_, addr)| addr))
}

/// The index writer. Add articles, then `commit` to make them durable and visible.
///
/// Documents are handed to tantivy in groups ([`SitrepWriter::flush`]): each group goes to one
/// indexing thread and so stays contiguous in one segment. An article and its quotations form
/// at least one group (quotations are rebuilt from the document before them), and the indexing
/// pipeline makes a group of each cluster of near-identical articles, so that they share
/// compression blocks of the document store.
pub struct SitrepWriter {
    writer: IndexWriter,
    fields: Fields,
    pending: Vec<UserOperation>,
    keys: KeyMaker,
}

/// Adds the keys of actor names: the whole name, and its word runs (see
/// [`crate::schema::word_run_keys`]).
struct KeyMaker {
    analyzer: TextAnalyzer,
    words: Vec<String>,
    keys: Vec<String>,
}

impl KeyMaker {
    fn add(&mut self, doc: &mut TantivyDocument, field: tantivy::schema::Field, name: &str) {
        doc.add_text(field, name);
        self.words.clear();
        let mut stream = self.analyzer.token_stream(name);
        while let Some(t) = stream.next() {
            self.words.push(t.text.clone());
        }
        self.keys.clear();
        crate::schema::word_run_keys(&self.words, &mut self.keys);
        for k in &self.keys {
            doc.add_text(field, k);
        }
    }
}

/// Documents held before a group is handed over regardless of its end.
const MAX_PENDING: usize = 4096;

/// The indexed value of a publication date: midnight UTC, the date clamped to the range of
/// tantivy's nanosecond timestamps (see [`crate::query::index_date`]).
fn date_of(d: chrono::NaiveDate) -> DateTime {
    crate::query::index_date(d)
}

/// Months since year 0 for a date: the bucket key of monthly histograms.
pub fn month_key(d: chrono::NaiveDate) -> u64 {
    (d.year().max(0) as u64) * 12 + d.month0() as u64
}

impl SitrepWriter {
    /// Removes every record (for `--full` rebuilds).
    pub fn delete_all(&mut self) -> Result<()> {
        self.flush()?;
        self.writer.delete_all_documents()?;
        Ok(())
    }

    /// Removes every record that came from `file`.
    pub fn delete_file(&mut self, file: &str) -> Result<()> {
        self.flush()?;
        self.writer
            .delete_term(Term::from_field_text(self.fields.file, file));
        Ok(())
    }

    /// Removes an article and its quotes by article id.
    pub fn delete_article(&mut self, id: &str) -> Result<()> {
        self.flush()?;
        self.writer
            .delete_term(Term::from_field_text(self.fields.article_id, id));
        Ok(())
    }

    /// Hands the documents added since the last flush to tantivy as one group: they end up
    /// next to each other, in the order they were added.
    pub fn flush(&mut self) -> Result<()> {
        if !self.pending.is_empty() {
            self.writer.run(std::mem::take(&mut self.pending))?;
        }
        Ok(())
    }

    fn push(&mut self, doc: TantivyDocument) -> Result<()> {
        self.pending.push(UserOperation::Add(doc));
        if self.pending.len() >= MAX_PENDING {
            self.flush()?;
        }
        Ok(())
    }

    /// Records `path` (from `file`) as an exact duplicate of the indexed article `of`.
    pub fn add_alias(
        &mut self,
        id: &str,
        path: &str,
        of: &str,
        file: &str,
        file_hash: u64,
    ) -> Result<()> {
        let f = &self.fields;
        let mut doc = TantivyDocument::new();
        doc.add_text(f.kind, KIND_ALIAS);
        doc.add_text(f.article_id, id);
        doc.add_text(f.file, file);
        doc.add_u64(f.file_hash, file_hash);
        doc.add_text(f.duplicate_of, of);
        let rec = AliasRecord {
            id: id.to_string(),
            path: path.to_string(),
            duplicate_of: of.to_string(),
        };
        doc.add_bytes(
            f.stored,
            &serde_json::to_vec(&rec).map_err(|e| SearchError::Corrupt(e.to_string()))?,
        );
        self.push(doc)
    }

    /// Adds an article and its quotations. `file` is the canonical source path (the key for
    /// incremental updates), `file_hash` the hash of the file's bytes.
    pub fn add_article(
        &mut self,
        record: &ArticleRecord,
        file: &str,
        file_hash: u64,
        minhash: Option<&[u8]>,
    ) -> Result<()> {
        let f = &self.fields;
        let keys = &mut self.keys;
        let a: &Article = &record.article;
        let mut doc = TantivyDocument::new();
        doc.add_text(f.kind, KIND_ARTICLE);
        doc.add_text(f.article_id, &a.id);
        doc.add_text(f.file, file);
        doc.add_u64(f.file_hash, file_hash);
        doc.add_text(f.content_hash, &a.content_hash);
        if let Some(m) = minhash {
            doc.add_bytes(f.minhash, m);
            if let Some(sig) = sitrep_indexer::minhash::from_bytes(m) {
                for k in sitrep_indexer::minhash::band_keys(&sig) {
                    doc.add_u64(f.minhash_band, band_term(k));
                }
            }
        }
        if let Some(d) = &record.duplicate_of {
            doc.add_text(f.duplicate_of, d);
        }
        if let Some(t) = &a.title {
            doc.add_text(f.title, t);
        }
        doc.add_text(f.body, a.body());
        if let Some(p) = a.published {
            doc.add_date(f.published, date_of(p));
            doc.add_u64(f.published_month, month_key(p));
        }
        let mut countries = Vec::new();
        let mut roles = Vec::new();
        for v in crate::resolve::article_values(a) {
            doc.add_text(f.entity_facet, &v);
        }
        for (ents, text_f, key_f) in [
            (&a.people, f.person, f.person_key),
            (&a.organisations, f.org, f.org_key),
            (&a.locations, f.location, f.location_key),
        ] {
            for e in ents {
                doc.add_text(text_f, &e.name);
                keys.add(&mut doc, key_f, &e.name);
                if let Some(c) = &e.country {
                    countries.push(c.clone());
                }
                if let Some(r) = &e.role {
                    roles.push(r.clone());
                }
            }
        }
        let mut speakers: Vec<&str> = a
            .quotes
            .iter()
            .filter_map(|q| q.speaker.as_deref())
            .collect();
        speakers.sort();
        speakers.dedup();
        for s in &speakers {
            doc.add_text(f.speaker, s);
            doc.add_text(f.speaker_facet, s);
            keys.add(&mut doc, f.speaker_key, s);
        }
        countries.sort();
        countries.dedup();
        roles.sort();
        roles.dedup();
        for c in &countries {
            doc.add_text(f.actor_country, c);
        }
        for r in &roles {
            doc.add_text(f.actor_role, r);
        }
        if let Some(s) = &a.source {
            doc.add_text(f.source, s);
            doc.add_text(f.source_facet, s);
            keys.add(&mut doc, f.source_key, s);
        }
        if let Some(l) = &a.language {
            doc.add_text(f.language, l.to_lowercase());
        }
        doc.add_bytes(f.stored, &codec::encode_article(record)?);
        let mut docs = vec![doc];

        let mut cues: Vec<&str> = a
            .quotes
            .iter()
            .filter(|q| q.kind.is_statement())
            .filter_map(|q| q.cue_lemma.as_deref())
            .collect();
        cues.sort();
        cues.dedup();
        for c in &cues {
            docs[0].add_text(f.cue, c);
        }

        for (i, q) in QuoteRecord::all_from(record).into_iter().enumerate() {
            let mut qd = TantivyDocument::new();
            let statement = q.kind.is_statement();
            qd.add_text(f.kind, if statement { KIND_QUOTE } else { KIND_TERM });
            if let Some(c) = &q.cue_lemma {
                qd.add_text(f.cue, c);
            }
            if statement {
                let root = record.duplicate_of.as_deref().unwrap_or(&a.id);
                qd.add_text(
                    f.statement,
                    crate::statements::key(root, q.speaker.as_deref(), &q.display),
                );
            }
            // Quotations are found through their article; their ids live in the stored record.
            qd.add_text(f.article_id, &a.id);
            qd.add_text(f.file, file);
            qd.add_text(f.body, &q.text);
            if let Some(t) = &a.title {
                qd.add_text(f.title, t);
            }
            if let Some(d) = &record.duplicate_of {
                qd.add_text(f.duplicate_of, d);
            }
            if let Some(p) = a.published {
                qd.add_date(f.published, date_of(p));
                qd.add_u64(f.published_month, month_key(p));
            }
            if let Some(s) = &q.speaker {
                qd.add_text(f.speaker, s);
                qd.add_text(f.speaker_facet, s);
                keys.add(&mut qd, f.speaker_key, s);
            }
            if let Some(c) = &q.speaker_country {
                qd.add_text(f.actor_country, c);
            }
            if let Some(r) = &q.speaker_role {
                qd.add_text(f.actor_role, r);
            }
            if let Some(s) = &a.source {
                qd.add_text(f.source, s);
                qd.add_text(f.source_facet, s);
                keys.add(&mut qd, f.source_key, s);
            }
            qd.add_bytes(f.stored, &codec::encode_quote_ref(&a.id, i + 1)?);
            docs.push(qd);
        }
        // An article and its quotations are never split between two groups.
        if self.pending.len() + docs.len() > MAX_PENDING {
            self.flush()?;
        }
        self.pending
            .extend(docs.into_iter().map(UserOperation::Add));
        Ok(())
    }

    /// Makes all changes so far durable and visible. Returns the commit's opstamp.
    pub fn commit(&mut self) -> Result<u64> {
        self.flush()?;
        Ok(self.writer.commit()?)
    }

    /// Waits for merges to finish and releases the writer lock.
    pub fn finish(self) -> Result<()> {
        self.writer.wait_merging_threads()?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{SearchRequest, Target};
    use sitrep_indexer::{Quote, Span};

    #[test]
    fn merges_are_cut_to_their_smallest_segments_within_the_bound() {
        use tantivy::indexer::MergePolicy;
        let ix = tantivy::Index::create_in_ram(tantivy::schema::Schema::builder().build());
        let metas = |sizes: &[u32]| -> Vec<tantivy::index::SegmentMeta> {
            sizes
                .iter()
                .map(|&n| ix.new_segment_meta(tantivy::index::SegmentId::generate_random(), n))
                .collect()
        };
        let policy = BoundedMerges {
            max_records: 1_000,
            ..BoundedMerges::default()
        };
        let merged = |segs: &[tantivy::index::SegmentMeta]| -> Vec<Vec<u32>> {
            let size = |id: &tantivy::index::SegmentId| {
                segs.iter()
                    .find(|s| s.id() == *id)
                    .map(|s| s.max_doc())
                    .unwrap()
            };
            let mut out: Vec<Vec<u32>> = policy
                .compute_merge_candidates(segs)
                .into_iter()
                .map(|c| c.0.iter().map(size).collect())
                .collect();
            out.iter_mut().for_each(|c| c.sort_unstable());
            out
        };
        // eight small segments of one level: merged whole, as the log policy would
        assert_eq!(merged(&metas(&[100; 8])), vec![vec![100; 8]]);
        // eight of 300 records: the smallest three fit the bound
        assert_eq!(
            merged(&metas(&[300, 310, 320, 330, 300, 305, 315, 325])),
            vec![vec![300, 300, 305]]
        );
        // eight segments too large to pair: none merged
        assert!(merged(&metas(&[600; 8])).is_empty());
        // fewer segments than the log policy merges: none merged
        assert!(merged(&metas(&[100; 3])).is_empty());
    }

    fn article(id: &str, quotes: &[&str]) -> ArticleRecord {
        let mut text = format!("Report {id}.");
        let mut qs = Vec::new();
        for q in quotes {
            text.push_str(" \u{201c}");
            let start = text.len();
            text.push_str(q);
            qs.push(Quote {
                speaker: Some(format!("Speaker {id}")),
                cue: Some("said".into()),
                cue_lemma: Some("say".into()),
                ..Quote::new(start, text.len(), q)
            });
            text.push_str("\u{201d} said the speaker.");
        }
        let article = Article {
            path: format!("{id}.txt"),
            id: id.to_string(),
            title: Some(format!("Report {id}")),
            published: None,
            dateline: None,
            people: vec![sitrep_indexer::Entity {
                name: format!("Speaker {id}"),
                mentions: vec![Span::new(0, 6)],
                country: None,
                role: None,
            }],
            organisations: Vec::new(),
            locations: Vec::new(),
            quotes: qs,
            blocks: Vec::new(),
            url: None,
            source: None,
            authors: Vec::new(),
            language: None,
            content_hash: format!("{id}-hash"),
            text,
        };
        ArticleRecord::new(article)
    }

    fn all_quotes(index: &SitrepIndex) -> Vec<QuoteRecord> {
        let req = SearchRequest {
            target: Target::Quotes,
            limit: 100,
            ..SearchRequest::default()
        };
        let mut quotes: Vec<QuoteRecord> = index
            .search_quotes(&req)
            .unwrap()
            .hits
            .into_iter()
            .map(|h| h.quote)
            .collect();
        quotes.sort_by(|a, b| a.id.cmp(&b.id));
        quotes
    }

    /// With warming on, a reload builds the new state's resolution (and, once a quotation search
    /// needed them, its statements) before searches see the state; with it off, nothing.
    #[test]
    fn a_reload_prepares_the_new_state_only_once_warming_is_on() {
        let index = SitrepIndex::in_memory().unwrap();
        let mut w = index.writer(1).unwrap();
        let mut commit = |id: &str| {
            w.add_article(
                &article(id, &["the ferry to Velbury runs again"]),
                &format!("{id}.txt"),
                1,
                None,
            )
            .unwrap();
            w.commit().unwrap();
            index.reload().unwrap();
            let searcher = index.reader.searcher();
            (
                index.warming.resolutions.is_built(&searcher),
                index.statements.is_built(&searcher),
            )
        };
        // an indexing run's commits prepare nothing: no search may come
        assert_eq!(commit("a1"), (false, false));
        index.warm_on_reload().unwrap();
        // the statements once a quotation search needed them
        assert_eq!(commit("b2"), (true, false));
        let quotes = SearchRequest {
            target: Target::Quotes,
            limit: 10,
            ..SearchRequest::default()
        };
        assert_eq!(index.search_quotes(&quotes).unwrap().hits.len(), 2);
        assert_eq!(commit("c3"), (true, true));
        w.finish().unwrap();
    }

    /// A statement carried by several articles in two segments is listed once: from the
    /// original article of the smallest id, with the other articles, originals before copies.
    #[test]
    fn a_statement_in_several_segments_is_kept_once_with_its_copies() {
        let index = SitrepIndex::in_memory().unwrap();
        let mut w = index.writer(1).unwrap();
        let words = "the harbour of Velbury will stay closed until the storm has passed";
        let record = |id: &str, of: Option<&str>| {
            let mut r = article(id, &[words]);
            r.article.quotes[0].speaker = Some("Ada Quorve".into());
            r.duplicate_of = of.map(str::to_string);
            r
        };
        for (id, of) in [("b2", None), ("k9", Some("b2"))] {
            w.add_article(&record(id, of), &format!("{id}.txt"), 1, None)
                .unwrap();
        }
        w.commit().unwrap();
        for (id, of) in [("z8", Some("a1")), ("c3", None), ("a1", None)] {
            w.add_article(&record(id, of), &format!("{id}.txt"), 1, None)
                .unwrap();
        }
        w.commit().unwrap();
        w.finish().unwrap();
        index.reload().unwrap();
        let req = SearchRequest {
            target: Target::Quotes,
            limit: 10,
            ..SearchRequest::default()
        };
        let hits = index.search_quotes(&req).unwrap().hits;
        let got: Vec<(&str, &[String])> = hits
            .iter()
            .map(|h| (h.quote.article_id.as_str(), h.quote.also_in.as_slice()))
            .collect();
        assert_eq!(
            got,
            [(
                "a1",
                &["b2".to_string(), "c3".into(), "k9".into(), "z8".into()][..]
            )]
        );
    }

    /// Files and content hashes are read back from their terms (they have no columns): per file
    /// its hash and article count, and the duplicate state of live records only.
    #[test]
    fn files_and_duplicates_are_read_back_from_their_terms() {
        let index = SitrepIndex::in_memory().unwrap();
        let mut w = index.writer(1).unwrap();
        w.add_article(&article("a1", &["calm"]), "dir/a1.txt", 11, None)
            .unwrap();
        w.commit().unwrap();
        let mut near = article("b2", &[]);
        near.duplicate_of = Some("a1".into());
        w.add_article(&near, "dir/b2.txt", 22, None).unwrap();
        w.add_alias("c3", "dir/c3.txt", "a1", "dir/c3.txt", 33)
            .unwrap();
        w.add_article(&article("d4", &["storm", "rain"]), "dir/d4.txt", 44, None)
            .unwrap();
        w.commit().unwrap();
        index.reload().unwrap();
        let files = index.indexed_files().unwrap();
        let mut seen: Vec<(&str, u64, usize)> = files
            .iter()
            .map(|(f, i)| (f.as_str(), i.hash, i.articles))
            .collect();
        seen.sort();
        assert_eq!(
            seen,
            [
                ("dir/a1.txt", 11, 1),
                ("dir/b2.txt", 22, 1),
                ("dir/c3.txt", 33, 1),
                ("dir/d4.txt", 44, 1)
            ]
        );
        let state = index.dedup_state().unwrap();
        let mut content: Vec<(&str, &str)> = state
            .content
            .iter()
            .map(|(h, id)| (h.as_str(), id.as_str()))
            .collect();
        content.sort();
        assert_eq!(
            content,
            [("a1-hash", "a1"), ("b2-hash", "b2"), ("d4-hash", "d4")]
        );
        assert_eq!(state.linked, [("dir/b2.txt".to_string(), "a1".to_string())]);
        assert_eq!(
            state.aliases,
            [("dir/c3.txt".to_string(), "a1".to_string())]
        );

        // deleted records are not read back
        w.delete_file("dir/b2.txt").unwrap();
        w.delete_file("dir/a1.txt").unwrap();
        w.commit().unwrap();
        w.finish().unwrap();
        index.reload().unwrap();
        let mut left: Vec<String> = index.indexed_files().unwrap().into_keys().collect();
        left.sort();
        assert_eq!(left, ["dir/c3.txt", "dir/d4.txt"]);
        let state = index.dedup_state().unwrap();
        assert!(state.linked.is_empty());
        assert_eq!(state.content.len(), 1);
        assert_eq!(state.aliases.len(), 1);
    }

    /// The segment files of a run that never committed (killed, or out of disk space midway)
    /// once stayed until some later commit, so a full disk stayed full: the next writer removes
    /// them when it opens, and keeps every committed record.
    #[test]
    fn files_of_an_unfinished_run_are_removed_when_the_next_writer_opens() {
        let dir = tempfile::tempdir().unwrap();
        let files = || -> std::collections::BTreeSet<String> {
            std::fs::read_dir(dir.path())
                .unwrap()
                .flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| !n.starts_with('.') && n != "meta.json")
                .collect()
        };
        let index = SitrepIndex::open_or_create(dir.path()).unwrap();
        let mut w = index.writer(1).unwrap();
        w.add_article(&article("kept", &["we stay"]), "kept.txt", 1, None)
            .unwrap();
        w.commit().unwrap();
        w.finish().unwrap();
        let committed = files();
        let mut w = index.writer(1).unwrap();
        for i in 0..50 {
            w.add_article(
                &article(&format!("lost{i}"), &["we go"]),
                &format!("lost{i}.txt"),
                1,
                None,
            )
            .unwrap();
        }
        w.flush().unwrap();
        drop(w); // like a run killed before its commit: its segment is written, never committed
        assert!(
            files().len() > committed.len(),
            "the unfinished run left no files: {:?}",
            files()
        );
        let w = index.writer(1).unwrap();
        assert_eq!(files(), committed);
        w.finish().unwrap();
        index.reload().unwrap();
        assert_eq!(index.count(KIND_ARTICLE).unwrap(), 1);
    }

    /// Every random query either runs or is refused as `invalid_query`: none overflows the stack,
    /// in the parser or in tantivy's weight building (the test thread has the 2 MiB stack of a
    /// server worker).
    #[test]
    fn fuzzed_queries_run_or_are_refused() {
        let index = SitrepIndex::in_memory().unwrap();
        let mut w = index.writer(1).unwrap();
        for r in [article("a1", &["peace talks"]), article("b2", &["war"])] {
            w.add_article(&r, &r.article.path, 1, None).unwrap();
        }
        w.commit().unwrap();
        w.finish().unwrap();
        index.reload().unwrap();
        let mut cases = crate::query::tests::random_queries(7, 1500);
        let deepest = |open: &str, close: &str| {
            format!(
                "{}peace{}",
                open.repeat(crate::query::MAX_DEPTH),
                close.repeat(crate::query::MAX_DEPTH)
            )
        };
        cases.extend([
            deepest("(", ")"),
            deepest("(a -", ")"),
            deepest("(a OR -(b ", "))"),
            deepest("NOT (", ")"),
        ]);
        cases.extend([
            format!("{}peace", "-".repeat(300)),
            format!("{}peace", "NOT ".repeat(300)),
            "(".repeat(5000),
        ]);
        cases.push("NOT \"war talks\" peace".into());
        let mut ran = 0;
        let mut tantivy_debug_assertions = 0;
        for q in cases {
            for target in [Target::Articles, Target::Quotes] {
                let req = SearchRequest {
                    q: q.clone(),
                    target,
                    ..SearchRequest::default()
                };
                let res = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    if target == Target::Articles {
                        index.search(&req).map(|_| ())
                    } else {
                        index.search_quotes(&req).map(|_| ())
                    }
                }));
                match res {
                    Ok(Ok(())) => ran += 1,
                    Ok(Err(e)) => assert_eq!(e.code(), "invalid_query", "{q:?}: {e}"),
                    // A `debug_assert!` of tantivy's phrase scorer (compiled out of release builds)
                    // trips on an excluded phrase: `NOT "war talks" peace`. Nothing else may panic.
                    Err(p) => {
                        let m = p.downcast_ref::<String>().cloned().unwrap_or_default();
                        assert!(
                            m.contains("should be greater than or equal to doc"),
                            "{q:?}: panicked: {m}"
                        );
                        tantivy_debug_assertions += 1;
                    }
                }
            }
        }
        assert!(ran > 100, "{ran}");
        eprintln!("{ran} queries ran, {tantivy_debug_assertions} tripped tantivy's phrase debug assertion");
    }

    /// Dates outside tantivy's nanosecond range (1677–2262) once overflowed: `to=9999` found
    /// nothing and `from=1400&to=1600` found a 2020 article.
    #[test]
    fn dates_outside_the_nanosecond_range_are_clamped_consistently() {
        use crate::search::{Filters, Sort};
        let index = SitrepIndex::in_memory().unwrap();
        let mut w = index.writer(1).unwrap();
        let dated = [
            ("y1500", 1500),
            ("y2020", 2020),
            ("y2300", 2300),
            ("y9999", 9999),
        ];
        for (id, year) in dated {
            let mut r = article(id, &["words"]);
            r.article.published = chrono::NaiveDate::from_ymd_opt(year, 3, 15);
            w.add_article(&r, &r.article.path, 1, None).unwrap();
        }
        w.commit().unwrap();
        w.finish().unwrap();
        index.reload().unwrap();
        let d = |s: &str| crate::query::parse_date(s).unwrap();
        let du = |s: &str| crate::query::parse_date_upper(s).unwrap();
        let ids = |q: &str, from: Option<&str>, to: Option<&str>, sort: Sort| -> Vec<String> {
            let filters = Filters {
                from: from.map(d),
                to: to.map(du),
                ..Filters::default()
            };
            let req = SearchRequest {
                q: q.into(),
                filters,
                sort,
                limit: 10,
                ..SearchRequest::default()
            };
            let mut hits: Vec<String> = index
                .search(&req)
                .unwrap()
                .hits
                .into_iter()
                .map(|h| h.id)
                .collect();
            if sort == Sort::Relevance {
                hits.sort();
            }
            hits
        };
        let all = vec!["y1500", "y2020", "y2300", "y9999"];
        assert_eq!(ids("", None, Some("9999"), Sort::Relevance), all);
        assert_eq!(ids("", None, Some("2262"), Sort::Relevance), all);
        assert_eq!(ids("", Some("1400"), None, Sort::Relevance), all);
        assert_eq!(
            ids("", Some("1400"), Some("1600"), Sort::Relevance),
            vec!["y1500"]
        );
        assert_eq!(
            ids("", Some("2000"), Some("2100"), Sort::Relevance),
            vec!["y2020"]
        );
        assert_eq!(
            ids("", Some("2263"), Some("9999"), Sort::Relevance),
            vec!["y2300", "y9999"]
        );
        assert_eq!(
            ids("", Some("1000"), Some("2262-04-10"), Sort::Relevance),
            vec!["y1500", "y2020"]
        );
        // The same in the query language.
        assert_eq!(
            ids("published:[* TO 9999]", None, None, Sort::Relevance),
            all
        );
        assert_eq!(
            ids("published:[1400 TO 1600]", None, None, Sort::Relevance),
            vec!["y1500"]
        );
        assert_eq!(
            ids("date:>=2263", None, None, Sort::Relevance),
            vec!["y2300", "y9999"]
        );
        assert_eq!(
            ids("date:<1600", None, None, Sort::Relevance),
            vec!["y1500"]
        );
        // Sorted by date, the early article comes first and the late ones last.
        let oldest = ids("", None, None, Sort::Oldest);
        assert_eq!(&oldest[..2], ["y1500", "y2020"]);
        let newest = ids("", None, None, Sort::Newest);
        assert_eq!(&newest[2..], ["y2020", "y1500"]);
        // Hits keep their real dates.
        let req = SearchRequest {
            q: "".into(),
            sort: Sort::Oldest,
            ..SearchRequest::default()
        };
        assert_eq!(
            index.search(&req).unwrap().hits[0].published,
            chrono::NaiveDate::from_ymd_opt(1500, 3, 15)
        );
    }

    #[test]
    fn quotations_are_rebuilt_from_their_articles_after_merges_and_deletes() {
        let index = SitrepIndex::in_memory().unwrap();
        let records = [
            article("a1", &["first words", "second words"]),
            article("b2", &["gone"]),
            article("c3", &["third", "fourth", "fifth"]),
        ];
        let mut w = index.writer(1).unwrap();
        for r in &records {
            w.add_article(r, &r.article.path, 1, None).unwrap();
            w.commit().unwrap();
        }
        w.delete_article("b2").unwrap();
        w.commit().unwrap();
        let segments = index.index.searchable_segment_ids().unwrap();
        assert!(segments.len() > 1);
        w.writer.merge(&segments).wait().unwrap();
        w.finish().unwrap();
        index.reload().unwrap();
        assert_eq!(index.reader.searcher().segment_readers().len(), 1);

        let expected: Vec<QuoteRecord> = [&records[0], &records[2]]
            .into_iter()
            .flat_map(QuoteRecord::all_from)
            .collect();
        assert_eq!(all_quotes(&index), expected);

        // Without the neighbouring article the record is found by its article's id.
        let searcher = index.reader.searcher();
        let r = codec::QuoteRef {
            article_id: "c3".into(),
            number: 99,
        };
        let found = article_of_quote(&searcher, &index, DocAddress::new(0, 1), &r).unwrap();
        assert_eq!(found, records[2]);
    }
}
