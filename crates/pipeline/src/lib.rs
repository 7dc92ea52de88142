//! sitrep-pipeline: the one path from a file (or a posted article) to the index.
//!
//! scan (walk, hash, near-duplicate signatures) → read (`sitrep_indexer::read_bytes`) →
//! extract (`sitrep_indexer::Extractor`) → deduplicate (exact and near) → write
//! (`sitrep_search::SitrepWriter`). [`run_index`] indexes folders; [`add_documents`] writes
//! documents that have no file (articles posted to the API, test fixtures) through the same
//! duplicate pass; [`posted`] reads and keys posted JSON articles. No HTTP, no CLI: progress is
//! reported through the [`Progress`] callback.

mod compact;
mod error;
pub mod posted;
mod progress;
mod spill;

pub use error::{PipelineError, Result};
pub use posted::{is_posted, POSTED_PREFIX};
pub use progress::{NoProgress, Phase, Progress};

use compact::Key;
use rayon::prelude::*;
use serde::Serialize;
use sitrep_indexer::document::{
    canonical_path, key_path, read_limited, ReadOptions, ReadOutcome, RecordError,
};
use sitrep_indexer::minhash::{self, Signature};
use sitrep_indexer::walk::{walk, Found};
use sitrep_indexer::{Article, Document, Extractor};
use sitrep_search::{ArticleRecord, SitrepIndex};
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Options of an indexing run.
#[derive(Debug, Clone)]
pub struct IndexOptions {
    pub roots: Vec<PathBuf>,
    pub prune: bool,
    pub full: bool,
    pub threads: usize,
    pub commit_every: usize,
    pub read: ReadOptions,
}

/// A file that was not indexed, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
    pub message: String,
}

/// What an indexing run did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Summary {
    /// Files found by the walk (readable article files and skipped paths).
    pub files_seen: usize,
    /// Files read and extracted because they were new or changed.
    pub files_read: usize,
    pub files_unchanged: usize,
    pub articles_indexed: usize,
    pub quotes_indexed: usize,
    pub files_pruned: usize,
    /// Articles whose text was already indexed from another path (stored once, path recorded).
    pub exact_duplicates: usize,
    /// Articles linked to an earlier near-identical article with `duplicate_of`.
    pub near_duplicates: usize,
    pub skipped: Vec<Skipped>,
    /// Extraction threads used: the number asked for, at most one per core.
    pub threads: usize,
    pub commits: usize,
    pub elapsed_secs: f64,
    pub articles_total: usize,
}

/// An extracted article with its MinHash signature (computed beside extraction, in parallel).
struct Prepared {
    article: Article,
    signature: Option<Signature>,
}

enum Outcome {
    Unchanged,
    Extracted {
        file: String,
        hash: u64,
        articles: Vec<Prepared>,
        errors: Vec<Skipped>,
    },
    Failed(Skipped),
}

/// Threads of the first pass (reading, parsing) per extraction thread.
const READERS_PER_THREAD: usize = 4;

/// Files extracted per batch handed from the extraction pool to the writer.
const BATCH: usize = 256;

/// Resident memory of this process in MiB (Linux `/proc/self/status`; 0 elsewhere), for the
/// debug log of the phases of a run.
fn rss_mib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find_map(|l| {
                l.strip_prefix("VmRSS:")
                    .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            })
        })
        .map_or(0, |kb| kb / 1024)
}

fn file_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// What the first pass learnt about a file.
enum Scan {
    /// Unchanged since it was indexed: not read again.
    Unchanged,
    /// The hash of the bytes read and the signature of each article, in file order; the parsed
    /// documents wait in the run's [`Spill`](spill::Spill) (`None`: they could not be spilled, and
    /// the file is read again), with the records that could not be read.
    Read {
        hash: u64,
        signatures: Vec<Option<Signature>>,
        spilled: Option<spill::Entry>,
        skipped: Vec<RecordError>,
    },
    /// Not readable: the second pass says why.
    Unknown,
}

/// First pass over a file: is it unchanged, its articles' near-duplicate signatures, and its
/// parsed documents, spilled for the second pass.
fn scan(
    path: &Path,
    known: &HashMap<String, sitrep_search::IndexedFile>,
    opts: &ReadOptions,
    spill: Option<&spill::Spill>,
) -> Scan {
    let Ok(bytes) = read_limited(path, opts.max_file_size) else {
        return Scan::Unknown;
    };
    let hash = file_hash(&bytes);
    if known
        .get(&canonical_path(path))
        .is_some_and(|k| k.hash == hash)
    {
        return Scan::Unchanged;
    }
    // A bug in a reader must cost this file only: the second pass reports it.
    let Ok(Ok(out)) = std::panic::catch_unwind(|| {
        sitrep_indexer::read_bytes(path, &path.display().to_string(), &bytes, opts)
    }) else {
        return Scan::Unknown;
    };
    let signatures = out
        .documents
        .iter()
        .map(|d| minhash::signature(&d.body()))
        .collect();
    let spilled = spill.and_then(|s| match s.put(&out.documents) {
        Ok(e) => Some(e),
        Err(e) => {
            tracing::debug!(path = %path.display(), error = %e, "not spilled; read again later");
            None
        }
    });
    Scan::Read {
        hash,
        signatures,
        spilled,
        skipped: out.skipped,
    }
}

/// The order to write files in: files whose first articles are near-identical (wire copies,
/// updated versions) are written next to each other, in a group each, so that they share the
/// document store's compression blocks. Groups keep the order of their first file; files keep
/// theirs within a group. Returns (file number, group number) pairs.
fn cluster_order(scans: &[Scan]) -> Vec<(usize, usize)> {
    let mut sim = minhash::SimIndex::new();
    let mut entry_file = Vec::new();
    let mut group: Vec<usize> = (0..scans.len()).collect();
    for (i, s) in scans.iter().enumerate() {
        let Scan::Read { signatures, .. } = s else {
            continue;
        };
        let Some(Some(sig)) = signatures.first() else {
            continue;
        };
        if let Some(j) = sim.nearest(sig) {
            group[i] = group[entry_file[j]];
        }
        sim.insert(*sig);
        entry_file.push(i);
    }
    let mut order: Vec<(usize, usize)> = group.into_iter().enumerate().collect();
    order.sort_by_key(|&(i, g)| (g, i));
    order
}

fn process(
    path: &Path,
    known: &HashMap<String, sitrep_search::IndexedFile>,
    extractor: &Extractor,
    opts: &ReadOptions,
    scanned: Option<Scan>,
    spill: Option<&spill::Spill>,
) -> Outcome {
    let display = path.display().to_string();
    let canonical = canonical_path(path);
    // Read in the first pass: the documents are those of the bytes hashed then.
    let (scanned, first) = match scanned {
        Some(Scan::Unchanged) => return Outcome::Unchanged,
        Some(Scan::Read {
            hash,
            signatures,
            spilled: Some(entry),
            skipped,
        }) => match spill.map(|s| s.get(entry)) {
            Some(Ok(documents)) => (
                None,
                Some((
                    hash,
                    Some(signatures),
                    Ok(ReadOutcome { documents, skipped }),
                )),
            ),
            // the spill failed us: read the file again
            _ => (
                Some(Scan::Read {
                    hash,
                    signatures,
                    spilled: None,
                    skipped,
                }),
                None,
            ),
        },
        scanned => (scanned, None),
    };
    let (hash, known_signatures, read) = match first {
        Some(f) => f,
        None => {
            let bytes = match read_limited(path, opts.max_file_size) {
                Ok(b) => b,
                Err(e) => return Outcome::Failed(skipped(&display, &e)),
            };
            let hash = file_hash(&bytes);
            if known.get(&canonical).is_some_and(|k| k.hash == hash) {
                return Outcome::Unchanged;
            }
            // Signatures from the first pass are reused when the file has not changed since.
            let known_signatures = match scanned {
                Some(Scan::Read {
                    hash: h,
                    signatures,
                    ..
                }) if h == hash => Some(signatures),
                _ => None,
            };
            match std::panic::catch_unwind(|| {
                sitrep_indexer::read_bytes(path, &display, &bytes, opts)
            }) {
                Ok(read) => (hash, known_signatures, read),
                Err(_) => return Outcome::Failed(internal_error(&display)),
            }
        }
    };
    match read {
        Ok(out) => {
            // A bug in extraction must cost this file only, never the run.
            let extracted = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                out.documents
                    .into_iter()
                    .enumerate()
                    .map(|(i, d)| {
                        let signature = match known_signatures.as_ref().and_then(|s| s.get(i)) {
                            Some(s) => *s,
                            None => minhash::signature(&d.body()),
                        };
                        Prepared {
                            article: extractor.extract(d),
                            signature,
                        }
                    })
                    .collect::<Vec<_>>()
            }));
            let Ok(articles) = extracted else {
                return Outcome::Failed(internal_error(&display));
            };
            let errors = out
                .skipped
                .into_iter()
                .map(|r| Skipped {
                    path: r.path,
                    reason: r.error.reason().into(),
                    message: sitrep_indexer::error::full_message(&r.error),
                })
                .collect();
            Outcome::Extracted {
                file: canonical,
                hash,
                articles,
                errors,
            }
        }
        Err(e) => Outcome::Failed(skipped(&display, &e)),
    }
}

fn skipped(display: &str, e: &sitrep_indexer::IndexerError) -> Skipped {
    Skipped {
        path: display.to_string(),
        reason: e.reason().into(),
        message: sitrep_indexer::error::full_message(e),
    }
}

/// A file that made the reader or the extractor panic.
fn internal_error(display: &str) -> Skipped {
    Skipped {
        path: display.to_string(),
        reason: "extraction_failed".into(),
        message: format!(
            "{display}: internal error while reading or extracting (please report this file)"
        ),
    }
}

/// Indexes the files below `opts.roots` into `index`, incrementally: unchanged files are not
/// read again, changed files replace their articles, and with `prune` articles of files that no
/// longer exist are removed. Commits every `commit_every` articles, except in a `full` rebuild,
/// which is built beside the old index (tantivy segments not yet committed) and replaces it in
/// one commit at the end. Posted articles (keys starting with [`POSTED_PREFIX`]) are kept.
/// Progress goes to `progress`, which is told when the run is over, with or without an error.
pub fn run_index(
    index: &SitrepIndex,
    extractor: &Extractor,
    opts: &IndexOptions,
    progress: &dyn Progress,
) -> Result<Summary> {
    let out = run(index, extractor, opts, progress);
    progress.finish();
    out
}

/// The walked files are looked up one by one in the index when the index holds more than this
/// many times as many articles; otherwise every indexed file is read in one pass.
const LOOKUP_SHARE: usize = 8;

fn run(
    index: &SitrepIndex,
    extractor: &Extractor,
    opts: &IndexOptions,
    progress: &dyn Progress,
) -> Result<Summary> {
    let t0 = Instant::now();
    let threads = thread_count(opts.threads.max(1));
    // One indexing thread with the writer's whole memory budget: larger segments (fewer to
    // search; they are not merged again, see sitrep_search's merge bound), one flush at a time (a
    // lower peak), and on two cores a faster run (1M: 320.6 s and 16 segments with two threads
    // and a 256 MiB budget, 296.5 s and 10 segments with one and 192 MiB).
    let mut writer = index.writer(1)?;
    let mut summary = Summary {
        threads,
        ..Summary::default()
    };
    // whether this run removed articles of the index (a full run replaces them all)
    let mut removed = opts.full;
    let known = if opts.full {
        // Every file is read again; posted articles have no file and are kept.
        let files = index.indexed_files()?;
        if files.keys().any(|f| is_posted(f)) {
            for file in files.keys().filter(|f| !is_posted(f)) {
                writer.delete_file(file)?;
            }
        } else {
            writer.delete_all()?;
        }
        Some(HashMap::new())
    } else {
        None
    };
    let found = walk(&opts.roots);
    summary.files_seen = found.len();
    let mut files = Vec::new();
    for f in found {
        match f {
            Found::File(p) => files.push(p),
            Found::Skipped { path, error } => summary.skipped.push(Skipped {
                path: path.display().to_string(),
                reason: error.reason().into(),
                message: sitrep_indexer::error::full_message(&error),
            }),
        }
    }
    // What the index knows of the walked files: looked up file by file when they are few next to
    // the index (adding a folder to a large index), else read in one pass; `--prune` needs every
    // indexed file.
    let known = match known {
        Some(k) => k,
        None if !opts.prune
            && files.len().saturating_mul(LOOKUP_SHARE)
                < index.count(sitrep_search::schema::KIND_ARTICLE)? =>
        {
            index
                .indexed_files_among(&files.iter().map(|p| canonical_path(p)).collect::<Vec<_>>())?
        }
        None => index.indexed_files()?,
    };
    tracing::debug!(
        files = known.len(),
        secs = t0.elapsed().as_secs_f64(),
        "indexed files known"
    );
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .map_err(|e| PipelineError::Threads(e.to_string()))?;
    progress.phase(Phase::Compare, files.len());
    // Without a temporary file the second pass reads and parses every file again.
    let spill = spill::Spill::new().map_err(|e| tracing::warn!(error = %e, "no temporary file for parsed files; each file is read twice")).ok();
    let spill = spill.as_ref();
    // The first pass waits on the disk as much as it parses when the files are not in the page
    // cache (a large corpus): more threads than cores keep more reads in flight.
    let readers = rayon::ThreadPoolBuilder::new()
        .num_threads(threads * READERS_PER_THREAD)
        .build()
        .map_err(|e| PipelineError::Threads(e.to_string()))?;
    let scans: Vec<Scan> = readers.install(|| {
        files
            .par_iter()
            .map(|p| {
                let s = scan(p, &known, &opts.read, spill);
                progress.file_done();
                s
            })
            .collect()
    });
    drop(readers);
    if let Some(Err(e)) = spill.map(spill::Spill::flush) {
        // every entry is then read back in vain, and its file read again
        tracing::warn!(error = %e, "parsed files could not be written out; each file is read twice");
    }
    tracing::debug!(
        files = files.len(),
        rss_mib = rss_mib(),
        secs = t0.elapsed().as_secs_f64(),
        "first pass done (read, parse, signatures)"
    );
    let order = cluster_order(&scans);
    tracing::debug!(
        rss_mib = rss_mib(),
        secs = t0.elapsed().as_secs_f64(),
        "files ordered by similarity"
    );
    // Loaded after the comparison, whose own signature index is gone by now.
    let mut dedup = Dedup::load(index, opts.full)?;
    tracing::debug!(
        rss_mib = rss_mib(),
        secs = t0.elapsed().as_secs_f64(),
        signatures = dedup.near.len(),
        exact = dedup.content.len(),
        "duplicate state loaded"
    );
    progress.phase(Phase::Extract, files.len());
    // the files of this run, for `--prune` only (a path each: kept only when asked for)
    let mut seen: Option<HashSet<String>> = opts.prune.then(HashSet::new);
    let mut see = |file: String| {
        if let Some(s) = seen.as_mut() {
            s.insert(file);
        }
    };
    let mut pending = 0usize;
    let mut last_group = None;
    // Extraction of the next batch (on the pool) overlaps the writing of the current one (here).
    let (tx, rx) = std::sync::mpsc::sync_channel::<Vec<(usize, PathBuf, Outcome)>>(1);
    let (known_ref, files_ref, pool_ref) = (&known, &files, &pool);
    let mut scans: Vec<Option<Scan>> = scans.into_iter().map(Some).collect();
    std::thread::scope(|scope| -> Result<(), PipelineError> {
        scope.spawn(move || {
            for batch in order.chunks(BATCH) {
                // Each file's scan moves to its extraction (its documents wait in the spill).
                let work: Vec<(usize, usize, Option<Scan>)> = batch
                    .iter()
                    .map(|&(i, g)| (i, g, scans[i].take()))
                    .collect();
                let outcomes = pool_ref.install(|| {
                    work.into_par_iter()
                        .map(|(i, g, s)| {
                            (
                                g,
                                files_ref[i].clone(),
                                process(&files_ref[i], known_ref, extractor, &opts.read, s, spill),
                            )
                        })
                        .collect()
                });
                if tx.send(outcomes).is_err() {
                    break; // the writer stopped on an error
                }
            }
        });
        for outcomes in rx {
            for (group, path, outcome) in outcomes {
                progress.file_done();
                if last_group.replace(group) != Some(group) {
                    writer.flush()?;
                }
                match outcome {
                    Outcome::Unchanged => {
                        see(canonical_path(&path));
                        summary.files_unchanged += 1;
                    }
                    Outcome::Extracted {
                        file,
                        hash,
                        articles,
                        errors,
                    } => {
                        if known.contains_key(&file) {
                            writer.delete_file(&file)?;
                            removed = true;
                        }
                        for a in articles {
                            dedup.write(&mut writer, a, &file, hash, &mut summary)?;
                            pending += 1;
                        }
                        summary.skipped.extend(errors);
                        see(file);
                        summary.files_read += 1;
                    }
                    Outcome::Failed(s) => {
                        // A file that became unreadable keeps no stale articles.
                        let canonical = canonical_path(&path);
                        if known.contains_key(&canonical) {
                            writer.delete_file(&canonical)?;
                            removed = true;
                        }
                        see(canonical);
                        summary.skipped.push(s);
                    }
                }
            }
            // A full rebuild commits once, at the end: until then searches (a running server
            // too) see the old index whole, and a rebuild killed midway leaves it as it was.
            if !opts.full && pending >= opts.commit_every {
                writer.commit()?;
                summary.commits += 1;
                pending = 0;
            }
        }
        Ok(())
    })?;
    tracing::debug!(
        rss_mib = rss_mib(),
        secs = t0.elapsed().as_secs_f64(),
        near_duplicate_lookup_secs = dedup.near_secs,
        "second pass done (extract, write)"
    );
    if let Some(seen) = seen {
        for file in known.keys() {
            if !seen.contains(file) && !is_posted(file) && !key_path(file).exists() {
                writer.delete_file(file)?;
                removed = true;
                summary.files_pruned += 1;
            }
        }
    }
    writer.commit()?;
    summary.commits += 1;
    tracing::debug!(
        rss_mib = rss_mib(),
        secs = t0.elapsed().as_secs_f64(),
        "committed"
    );
    index.reload()?;
    // Duplicates whose original article is gone (file deleted or changed) are indexed again,
    // against what the index holds now. A run that removed no article of the index (new files
    // only) cannot orphan one, and skips this scan of the whole index.
    let orphans = if removed {
        Dedup::orphans(index)?
    } else {
        Vec::new()
    };
    if !orphans.is_empty() {
        for file in &orphans {
            writer.delete_file(file)?;
        }
        writer.commit()?;
        index.reload()?;
        dedup = Dedup::load(index, false)?;
        let none = HashMap::new();
        for file in orphans {
            if let Outcome::Extracted {
                file,
                hash,
                articles,
                ..
            } = process(&key_path(&file), &none, extractor, &opts.read, None, None)
            {
                for a in articles {
                    dedup.write(&mut writer, a, &file, hash, &mut summary)?;
                }
            }
        }
        writer.commit()?;
        summary.commits += 1;
    }
    writer.finish()?;
    index.reload()?;
    summary.articles_total = index.count(sitrep_search::schema::KIND_ARTICLE)?;
    summary.elapsed_secs = t0.elapsed().as_secs_f64();
    Ok(summary)
}

/// Threads for a request of `requested` (0 = one per core): never more than the machine's cores
/// (`std::thread::available_parallelism`), as more only cost memory and switching.
pub fn thread_count(requested: usize) -> usize {
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    if requested == 0 {
        cores
    } else {
        requested.min(cores)
    }
}

/// Exact and near-duplicate detection across the index and the current run: the articles of
/// the run are held in memory; those already indexed are looked up in the index, article by
/// article (nothing proportional to the index is loaded).
struct Dedup {
    /// Content hash -> id of the run's article with that text.
    content: HashMap<Key, Key>,
    near: sitrep_indexer::minhash::SimIndex,
    /// The article id of each entry of `near`.
    near_ids: Vec<Key>,
    /// The index as it was when the run started (none for a full rebuild).
    indexed: Option<sitrep_search::DedupLookup>,
    /// Seconds spent looking up and adding near-duplicate signatures (logged at debug level).
    near_secs: f64,
}

impl Dedup {
    fn load(index: &SitrepIndex, full: bool) -> Result<Dedup, PipelineError> {
        let indexed = if full {
            None
        } else {
            Some(index.dedup_lookup()?)
        };
        Ok(Dedup {
            content: HashMap::new(),
            near: sitrep_indexer::minhash::SimIndex::new(),
            near_ids: Vec::new(),
            indexed,
            near_secs: 0.0,
        })
    }

    /// The article whose text is the same as this one's, in the run or else in the index.
    fn same_content(&self, content_hash: &str) -> Result<Option<String>, PipelineError> {
        if let Some(of) = self.content.get(&Key::new(content_hash)) {
            return Ok(Some(of.to_string()));
        }
        match &self.indexed {
            Some(ix) => Ok(ix.article_with_content(content_hash)?),
            None => Ok(None),
        }
    }

    /// The most similar other article at or above the near-duplicate threshold: the indexed
    /// articles count as written before the run's, so on a tie the indexed one is kept, and
    /// among indexed ones the earliest written. Of the run's own articles, a lookup meets the
    /// newest [`MAX_WALK`](sitrep_indexer::minhash::MAX_WALK) of each of its buckets.
    fn near_duplicate(
        &mut self,
        sig: &sitrep_indexer::minhash::Signature,
        own_id: &str,
    ) -> Result<Option<String>, PipelineError> {
        use sitrep_indexer::minhash::{self, NEAR_DUPLICATE_SIMILARITY};
        let mut best: Option<(f64, String)> = None;
        if let Some(ix) = &self.indexed {
            let keys = minhash::band_keys(sig);
            for (bytes, id) in ix.near_candidates(&keys)? {
                // a candidate shares a bucket, as in the run's own index
                let Some(other) = minhash::from_bytes(&bytes).filter(|_| id != own_id) else {
                    continue;
                };
                let s = minhash::similarity(sig, &other);
                if s >= NEAR_DUPLICATE_SIMILARITY && best.as_ref().is_none_or(|(bs, _)| s > *bs) {
                    best = Some((s, id));
                }
            }
        }
        let own = Key::new(own_id);
        let ids = &self.near_ids;
        if let Some((i, s)) = self.near.nearest_except(sig, |i| ids[i] == own) {
            if best.as_ref().is_none_or(|(bs, _)| s > *bs) {
                best = Some((s, self.near_ids[i].to_string()));
            }
        }
        Ok(best.map(|(_, id)| id))
    }

    /// Writes an article: as an alias when its text is already indexed under another id,
    /// otherwise as an article, linked to a near-duplicate when there is one.
    fn write(
        &mut self,
        writer: &mut sitrep_search::SitrepWriter,
        p: Prepared,
        file: &str,
        hash: u64,
        summary: &mut Summary,
    ) -> Result<(), PipelineError> {
        let Prepared {
            article: a,
            signature: sig,
        } = p;
        if let Some(of) = self.same_content(&a.content_hash)?.filter(|of| *of != a.id) {
            writer.add_alias(&a.id, &a.path, &of, file, hash)?;
            summary.exact_duplicates += 1;
            return Ok(());
        }
        self.content
            .insert(Key::new(&a.content_hash), Key::new(&a.id));
        let mut rec = ArticleRecord::new(a);
        if let Some(sig) = sig {
            let t = Instant::now();
            if let Some(of) = self.near_duplicate(&sig, &rec.article.id)? {
                rec.duplicate_of = Some(of);
                summary.near_duplicates += 1;
            }
            self.near.insert(sig);
            self.near_ids.push(Key::new(&rec.article.id));
            self.near_secs += t.elapsed().as_secs_f64();
        }
        summary.quotes_indexed += rec.article.quotes.len();
        summary.articles_indexed += 1;
        writer.add_article(
            &rec,
            file,
            hash,
            sig.as_ref()
                .map(|s| sitrep_indexer::minhash::to_bytes(s))
                .as_deref(),
        )?;
        Ok(())
    }

    /// Files of duplicates (exact or near) whose original article no longer exists.
    fn orphans(index: &SitrepIndex) -> Result<Vec<String>, PipelineError> {
        let state = index.dedup_state()?;
        let live: HashSet<&String> = state.content.values().collect();
        let mut out: Vec<String> = state
            .aliases
            .iter()
            .chain(&state.linked)
            .filter(|(f, of)| !live.contains(of) && !is_posted(f))
            .map(|(f, _)| f.clone())
            .collect();
        out.sort();
        out.dedup();
        Ok(out)
    }
}

/// A document that comes from no walked file, with the key it is stored under (in place of a
/// file path) and the hash of its source (in place of a file hash).
#[derive(Debug, Clone)]
pub struct Keyed {
    pub file: String,
    pub hash: u64,
    pub document: Document,
}

/// Extracts and writes documents that no indexing run reads (articles posted to the API,
/// documents built by tests): each replaces what was stored under its key, and all go through
/// the exact and near duplicate pass of an indexing run, then one commit. Returns the article
/// ids, in order (an exact duplicate is stored as an alias of the article it copies, under its
/// own id).
pub fn add_documents(
    index: &SitrepIndex,
    extractor: &Extractor,
    docs: Vec<Keyed>,
) -> Result<Vec<String>> {
    let mut writer = index.writer(1)?;
    let mut dedup = Dedup::load(index, false)?;
    let mut summary = Summary::default();
    let mut ids = Vec::with_capacity(docs.len());
    for Keyed {
        file,
        hash,
        document,
    } in docs
    {
        writer.delete_file(&file)?;
        let signature = minhash::signature(&document.body());
        let article = extractor.extract(document);
        ids.push(article.id.clone());
        dedup.write(
            &mut writer,
            Prepared { article, signature },
            &file,
            hash,
            &mut summary,
        )?;
    }
    writer.commit()?;
    writer.finish()?;
    index.reload()?;
    Ok(ids)
}

/// Removes what is stored under `file` (a posted article's key); false when nothing is.
pub fn delete_file(index: &SitrepIndex, file: &str) -> Result<bool> {
    if !index.has_file(file)? {
        return Ok(false);
    }
    let mut writer = index.writer(1)?;
    writer.delete_file(file)?;
    writer.commit()?;
    writer.finish()?;
    index.reload()?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story(topic: &str, variant: usize) -> String {
        let mut words: Vec<String> = (0..120)
            .map(|i| format!("{topic}{}", i % 40 + i / 40))
            .collect();
        // An edited copy: a few words changed, as in an updated version of a wire story.
        for w in words.iter_mut().skip(variant * 7).step_by(50) {
            w.push_str("x");
        }
        words.join(" ")
    }

    fn read(text: &str) -> Scan {
        Scan::Read {
            hash: 0,
            signatures: vec![minhash::signature(text)],
            spilled: None,
            skipped: Vec::new(),
        }
    }

    #[test]
    fn near_identical_files_are_written_next_to_each_other() {
        let scans = vec![
            read(&story("alpha", 0)),
            read(&story("beta", 0)),
            Scan::Unchanged,
            read(&story("alpha", 1)),
            Scan::Unknown,
            read(&story("gamma", 0)),
            read(&story("beta", 2)),
            read("too short"),
            read(&story("alpha", 3)),
        ];
        let order = cluster_order(&scans);
        let files: Vec<usize> = order.iter().map(|&(i, _)| i).collect();
        assert_eq!(files, vec![0, 3, 8, 1, 6, 2, 4, 5, 7]);
        // One group per cluster, numbered by its first file.
        let groups: Vec<usize> = order.iter().map(|&(_, g)| g).collect();
        assert_eq!(groups, vec![0, 0, 0, 1, 1, 2, 4, 5, 7]);
    }

    /// Names that are not UTF-8 once shared one id (and key): a second run lost articles.
    #[cfg(unix)]
    #[test]
    fn files_whose_names_are_not_utf8_are_indexed_apart_and_kept() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        for (i, name) in [&b"bad\xff.txt"[..], b"bad\xfe.txt", b"bad\xfd.txt"]
            .into_iter()
            .enumerate()
        {
            let text = format!("Talks resume in city number {i}\n\nTalks resume in city number {i}\n\nDelegates met on day {i} of the talks, officials said on day {i}.\n");
            std::fs::write(dir.path().join(std::ffi::OsStr::from_bytes(name)), text).unwrap();
        }
        let index = SitrepIndex::in_memory().unwrap();
        let extractor = Extractor::new();
        let opts = IndexOptions {
            roots: vec![dir.path().to_path_buf()],
            prune: true,
            full: false,
            threads: 2,
            commit_every: 1000,
            read: ReadOptions::default(),
        };
        let first = run_index(&index, &extractor, &opts, &NoProgress).unwrap();
        assert_eq!(
            (
                first.files_read,
                first.articles_indexed,
                first.articles_total
            ),
            (3, 3, 3),
            "{first:?}"
        );
        let second = run_index(&index, &extractor, &opts, &NoProgress).unwrap();
        assert_eq!(
            (
                second.files_unchanged,
                second.files_pruned,
                second.articles_total
            ),
            (3, 0, 3),
            "{second:?}"
        );
        assert_eq!(index.indexed_files().unwrap().len(), 3);
    }

    /// A full rebuild used to delete everything and commit every `commit_every` articles, so a
    /// running server saw a part of the index until the end (and a killed rebuild left that
    /// part). Another reader of the index now sees the old count until the one commit at the end.
    #[test]
    fn a_full_rebuild_is_invisible_until_it_is_done() {
        let corpus = tempfile::tempdir().unwrap();
        let files = 600;
        for i in 0..files {
            let text = format!("Harbour report {i}\n\nHarbour report {i}\n\nThe ferry number {i} left the harbour at dawn, the port office said on day {i}.\n");
            std::fs::write(corpus.path().join(format!("r{i}.txt")), text).unwrap();
        }
        let dir = tempfile::tempdir().unwrap();
        let index = SitrepIndex::open_or_create(dir.path()).unwrap();
        let extractor = Extractor::new();
        let mut opts = IndexOptions {
            roots: vec![corpus.path().to_path_buf()],
            prune: false,
            full: false,
            threads: 2,
            commit_every: 100_000,
            read: ReadOptions::default(),
        };
        assert_eq!(
            run_index(&index, &extractor, &opts, &NoProgress)
                .unwrap()
                .articles_total,
            files
        );
        let observer = SitrepIndex::open(dir.path()).unwrap();
        let done = std::sync::atomic::AtomicBool::new(false);
        let seen = std::thread::scope(|s| {
            let watch = s.spawn(|| {
                let mut seen = std::collections::BTreeSet::new();
                while !done.load(std::sync::atomic::Ordering::Acquire) {
                    observer.reload().unwrap();
                    seen.insert(observer.count(sitrep_search::schema::KIND_ARTICLE).unwrap());
                    std::thread::sleep(std::time::Duration::from_millis(2));
                }
                seen
            });
            opts.full = true;
            opts.commit_every = 1;
            let s = run_index(&index, &extractor, &opts, &NoProgress);
            done.store(true, std::sync::atomic::Ordering::Release);
            assert_eq!(s.unwrap().articles_total, files);
            watch.join().unwrap()
        });
        assert_eq!(
            seen.into_iter().collect::<Vec<_>>(),
            vec![files],
            "a reader saw a partial index during the rebuild"
        );
    }

    /// The second pass takes a file's documents from the spill; when they cannot be read back
    /// it reads the file again rather than losing it.
    #[test]
    fn spilled_documents_are_extracted_and_a_lost_entry_reads_the_file_again() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(
            &path,
            format!(
                "Harbour talks\n\nHarbour talks\n\n{}\n",
                story("harbour", 0)
            ),
        )
        .unwrap();
        let (opts, known, extractor) = (ReadOptions::default(), HashMap::new(), Extractor::new());
        let spill = spill::Spill::new().unwrap();
        let scanned = scan(&path, &known, &opts, Some(&spill));
        assert!(matches!(
            scanned,
            Scan::Read {
                spilled: Some(_),
                ..
            }
        ));
        spill.flush().unwrap();
        // the file changes after the first pass: the spilled documents are those first read
        std::fs::write(
            &path,
            "Other text\n\nOther text\n\nSomething else entirely.\n",
        )
        .unwrap();
        let Outcome::Extracted { articles, .. } = process(
            &path,
            &known,
            &extractor,
            &opts,
            Some(scanned),
            Some(&spill),
        ) else {
            panic!("not extracted")
        };
        assert_eq!(articles[0].article.title.as_deref(), Some("Harbour talks"));
        // an entry another spill cannot read back: the file is read again (as it is now)
        std::fs::write(
            &path,
            format!(
                "Harbour talks\n\nHarbour talks\n\n{}\n",
                story("harbour", 0)
            ),
        )
        .unwrap();
        let scanned = scan(&path, &known, &opts, Some(&spill));
        let empty = spill::Spill::new().unwrap();
        let Outcome::Extracted { articles, .. } = process(
            &path,
            &known,
            &extractor,
            &opts,
            Some(scanned),
            Some(&empty),
        ) else {
            panic!("not extracted")
        };
        assert_eq!(articles[0].article.title.as_deref(), Some("Harbour talks"));
        assert!(articles[0].signature.is_some());
    }
}
