//! The `sitrep` command line. Exit codes: 0 = results, 1 = no results, 2 = error.

use crate::config::{Backend, Config};
use crate::export;
use anyhow::{bail, Context, Result};
use clap::{Args, Parser, Subcommand, ValueEnum};
use sitrep_indexer::{Extractor, ReadOptions};
use sitrep_pipeline::{run_index, IndexOptions, Skipped, Summary};
use sitrep_search::{FacetField, Filters, Interval, SearchRequest, SitrepIndex, Sort, Target};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(
    name = "sitrep",
    version,
    about = "Search engine for conflict news: who is in it, what they said, when"
)]
pub struct Cli {
    /// Configuration file (default: ./config.toml when present; env SITREP_CONFIG)
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Index folder (overrides index.path and SITREP_INDEX)
    #[arg(long, global = true, value_name = "DIR")]
    pub index: Option<PathBuf>,
    /// More log output (-v info, -vv debug)
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Index articles (.txt .md .html .json .jsonl .gz) below the given paths
    Index(IndexArgs),
    /// Search articles
    Search(SearchArgs),
    /// Search quotations
    Quotes(SearchArgs),
    /// Show one article: its text, actors and quotations (the id column of `search`)
    Show(ShowArgs),
    /// List actors (with --prefix for autocomplete) or show one actor's profile
    Entities(EntitiesArgs),
    /// Article counts over time
    Timeline(TimelineArgs),
    /// Index statistics
    Stats(FormatArgs),
    /// Print the extraction of articles as JSON Lines, without an index
    Extract(ExtractArgs),
    /// Score extraction against gold files
    Eval(EvalArgs),
    /// Serve the HTTP API and web page (indexes the corpus first when needed)
    Serve(ServeArgs),
}

#[derive(Args, Debug)]
pub struct IndexArgs {
    /// Files or folders (default: index.corpus from the configuration)
    pub paths: Vec<PathBuf>,
    /// Rebuild the index from scratch
    #[arg(long)]
    pub full: bool,
    /// Remove articles whose files no longer exist
    #[arg(long)]
    pub prune: bool,
    /// Exit with an error when any file is skipped
    #[arg(long)]
    pub strict: bool,
    /// Extraction threads, at most the number of cores (default: index.threads, 0 = all cores)
    #[arg(long)]
    pub threads: Option<usize>,
    /// Summary format
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
    /// Then send the articles to a search cluster: `--to quickwit [URL]` (default URL:
    /// quickwit.url); only new and changed articles are sent
    #[arg(long, num_args = 1..=2, value_names = ["ENGINE", "URL"])]
    pub to: Vec<String>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SummaryFormat {
    Text,
    Json,
}

#[derive(Args, Debug)]
pub struct ShowArgs {
    /// Article id
    pub id: String,
    /// Output format (json = the stored record, as `GET /api/articles/{id}` gives it)
    #[arg(long, value_enum, default_value = "table")]
    pub format: OutFormat,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutFormat {
    Table,
    Json,
    Csv,
}

#[derive(Args, Debug)]
pub struct FormatArgs {
    /// Output format (json = JSON Lines)
    #[arg(long, value_enum, default_value_t = OutFormat::Table)]
    pub format: OutFormat,
}

#[derive(Args, Debug, Clone, Default)]
pub struct FilterArgs {
    /// Only articles naming this person (repeat for OR)
    #[arg(long, value_name = "NAME")]
    pub person: Vec<String>,
    /// Only articles naming this organisation (repeat for OR)
    #[arg(long, value_name = "NAME")]
    pub org: Vec<String>,
    /// Only articles naming this location (repeat for OR)
    #[arg(long, value_name = "NAME")]
    pub location: Vec<String>,
    /// Only quotations by (or articles quoting) this speaker (repeat for OR)
    #[arg(long, value_name = "NAME")]
    pub speaker: Vec<String>,
    /// Only articles from this source/site (repeat for OR)
    #[arg(long, value_name = "NAME")]
    pub source: Vec<String>,
    /// Only articles with an actor of this CAMEO country code, e.g. AFG
    #[arg(long, value_name = "CODE")]
    pub country: Vec<String>,
    /// Only articles with an actor of this CAMEO role code, e.g. GOV, REB, IGO
    #[arg(long, value_name = "CODE")]
    pub role: Vec<String>,
    /// Only articles in this language (ISO 639-1 code, e.g. en, de; repeat for OR)
    #[arg(long, value_name = "CODE")]
    pub language: Vec<String>,
    /// Only quotations with this reporting verb, any form (say, warned, told; repeat for OR)
    #[arg(long, value_name = "VERB")]
    pub cue: Vec<String>,
    /// Published on or after (YYYY-MM-DD, YYYY-MM or YYYY)
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Published on or before (YYYY-MM-DD, YYYY-MM or YYYY)
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
}

impl FilterArgs {
    fn filters(&self) -> Result<Filters> {
        Ok(Filters {
            person: self.person.clone(),
            org: self.org.clone(),
            location: self.location.clone(),
            speaker: self.speaker.clone(),
            source: self.source.clone(),
            actor_country: self.country.clone(),
            actor_role: self.role.clone(),
            language: self.language.clone(),
            cue: self.cue.clone(),
            from: self
                .from
                .as_deref()
                .map(sitrep_search::query::parse_date)
                .transpose()?,
            to: self
                .to
                .as_deref()
                .map(sitrep_search::query::parse_date_upper)
                .transpose()?,
        })
    }
}

#[derive(Args, Debug)]
pub struct SearchArgs {
    /// Query: words, "phrases", AND/OR/NOT, (groups), field:value, published:[A TO B]; a query
    /// that starts with "-" goes after "--" (sitrep search -- -word)
    pub query: Vec<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Order: relevance, newest, oldest
    #[arg(long, default_value = "relevance")]
    pub sort: String,
    /// Hits to show
    #[arg(long)]
    pub limit: Option<usize>,
    /// Hits to skip
    #[arg(long, default_value_t = 0)]
    pub offset: usize,
    /// Facets to count, comma separated (people,organisations,locations,speakers,sources,actor_country,actor_role,languages,cues)
    #[arg(long, value_name = "LIST")]
    pub facets: Option<String>,
    /// Values per facet
    #[arg(long)]
    pub facet_limit: Option<usize>,
    /// Leave out near-duplicate copies
    #[arg(long = "collapse-duplicates")]
    pub collapse: bool,
    /// Quotations: also list terms and scare quotes (a word or two nobody is said to have spoken)
    #[arg(long)]
    pub terms: bool,
    /// Quotations: list every copy of a statement that near-duplicate articles carry (default:
    /// each statement once, with the other articles in `also_in`)
    #[arg(long)]
    pub all_copies: bool,
    /// Output format (json = JSON Lines: one hit per line, then one summary line)
    #[arg(long, value_enum, default_value_t = OutFormat::Table)]
    pub format: OutFormat,
    /// With csv or json: export every matching row, not one page
    #[arg(long)]
    pub all: bool,
}

#[derive(Args, Debug)]
pub struct EntitiesArgs {
    /// person, organisation, location, speaker, source, actor_country, actor_role or language
    #[arg(default_value = "person")]
    pub kind: String,
    /// Show this actor's profile instead of a list
    pub name: Option<String>,
    /// Only values with a word starting with this prefix
    #[arg(long)]
    pub prefix: Option<String>,
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[arg(long, value_enum, default_value_t = OutFormat::Table)]
    pub format: OutFormat,
}

#[derive(Args, Debug)]
pub struct TimelineArgs {
    pub query: Vec<String>,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// day, week, month or year
    #[arg(long, default_value = "week")]
    pub interval: String,
    /// Extra series as field:value, e.g. --series "person:Joe Biden" (repeatable)
    #[arg(long)]
    pub series: Vec<String>,
    /// Count quotations instead of articles
    #[arg(long)]
    pub quotes: bool,
    #[arg(long, value_enum, default_value_t = OutFormat::Table)]
    pub format: OutFormat,
}

#[derive(Args, Debug)]
pub struct ExtractArgs {
    /// Article files, or folders read recursively as `sitrep index` reads them (files in path
    /// order; hidden, ignored and unsupported files left out)
    #[arg(value_name = "PATH")]
    pub files: Vec<PathBuf>,
    /// Output format (JSON Lines)
    #[arg(long, default_value = "json")]
    pub format: String,
}

#[derive(Args, Debug)]
pub struct EvalArgs {
    /// Gold files (.jsonl in the gold format)
    #[arg(long, required = true)]
    pub gold: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = SummaryFormat::Text)]
    pub format: SummaryFormat,
}

#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address to listen on (default: server.bind, 127.0.0.1:7700)
    #[arg(long)]
    pub bind: Option<String>,
    /// Do not index the configured corpus before serving (the index must exist)
    #[arg(long)]
    pub no_index: bool,
    /// Memory for cached API answers in MiB, 0 for none (default: server.cache_mb, 64)
    #[arg(long, value_name = "MIB")]
    pub cache_mb: Option<usize>,
}

/// Runs the CLI; returns the process exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) if e.kind() == clap::error::ErrorKind::UnknownArgument => {
            let _ = e.print();
            eprintln!("\nnote: a query word that starts with '-' (-word excludes it) goes after `--`: sitrep search -- -word");
            return 2;
        }
        Err(e) => e.exit(),
    };
    init_tracing(cli.verbose);
    match run(cli) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => 0,
        Err(e) => {
            eprintln!("sitrep: error: {e:#}{}", hint(&e));
            2
        }
    }
}

/// What to do about an engine error, in terms of this CLI: the engine's messages name no
/// command.
fn hint(e: &anyhow::Error) -> &'static str {
    let search = e.chain().find_map(|c| {
        c.downcast_ref::<sitrep_search::SearchError>().or_else(|| {
            match c.downcast_ref::<sitrep_pipeline::PipelineError>() {
                Some(sitrep_pipeline::PipelineError::Search(s)) => Some(s),
                _ => None,
            }
        })
    });
    match search {
        Some(sitrep_search::SearchError::NoIndex { .. }) => {
            ": create one with `sitrep index PATH`, or point --index (or SITREP_INDEX) at one"
        }
        Some(sitrep_search::SearchError::SchemaMismatch { .. }) => {
            ": rebuild it with `sitrep index --full`"
        }
        _ => "",
    }
}

/// Output piped into a program that stopped reading (`sitrep search … | head`) is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn init_tracing(verbose: u8) {
    let default = match verbose {
        0 => "warn",
        1 => "info",
        _ => "debug",
    };
    // Other crates' warnings (an HTML parser's notes on a page's markup) are not the user's
    // business unless asked for with -vv or SITREP_LOG.
    let ours = ["sitrep", "sitrep_server", "sitrep_indexer", "sitrep_search"]
        .map(|c| format!("{c}={default}"))
        .join(",");
    let others = if verbose >= 2 { default } else { "error" };
    let filter = tracing_subscriber::EnvFilter::try_from_env("SITREP_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(format!("{others},{ours}")));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
}

fn load_config(cli: &Cli) -> Result<Config> {
    let mut cfg = Config::load(cli.config.as_deref())?;
    if let Some(i) = &cli.index {
        cfg.index.path = i.clone();
    }
    Ok(cfg)
}

/// Builds the extractor with the configured aliases.
pub fn extractor(cfg: &Config) -> Result<Extractor> {
    let aliases = cfg
        .aliases
        .iter()
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect();
    Extractor::with_options(sitrep_indexer::ExtractorOptions { aliases })
        .context("invalid [aliases] in the configuration")
}

fn read_options(cfg: &Config) -> ReadOptions {
    ReadOptions {
        max_file_size: cfg.index.max_file_size,
        json_fields: cfg.json_fields.clone(),
    }
}

fn run(cli: Cli) -> Result<i32> {
    let cfg = load_config(&cli)?;
    match cli.command {
        Command::Index(a) => cmd_index(&cfg, a, cli.verbose),
        Command::Search(a) => cmd_search(&cfg, a, Target::Articles),
        Command::Quotes(a) => cmd_search(&cfg, a, Target::Quotes),
        Command::Show(a) => cmd_show(&cfg, a),
        Command::Entities(a) => cmd_entities(&cfg, a),
        Command::Timeline(a) => cmd_timeline(&cfg, a),
        Command::Stats(a) => cmd_stats(&cfg, a),
        Command::Extract(a) => cmd_extract(&cfg, a),
        Command::Eval(a) => cmd_eval(&cfg, a),
        Command::Serve(a) => cmd_serve(cfg, a),
    }
}

/// Opens the configured index; its path is shown whole in errors ("no index at /home/…/index",
/// not "no index at index").
fn open_index(cfg: &Config) -> Result<SitrepIndex> {
    let path = std::path::absolute(&cfg.index.path).unwrap_or_else(|_| cfg.index.path.clone());
    Ok(SitrepIndex::open(&path)?)
}

/// Indexes `roots` with the configuration's settings.
pub fn index_paths(
    cfg: &Config,
    roots: Vec<PathBuf>,
    full: bool,
    prune: bool,
    threads: Option<usize>,
    progress: bool,
) -> Result<Summary> {
    let index = match SitrepIndex::open_or_create(&cfg.index.path) {
        Err(sitrep_search::SearchError::SchemaMismatch { .. }) if full => {
            SitrepIndex::recreate(&cfg.index.path)?
        }
        other => {
            other.with_context(|| format!("cannot open index {}", cfg.index.path.display()))?
        }
    };
    let extractor = extractor(cfg)?;
    let opts = IndexOptions {
        roots,
        prune,
        full,
        threads: threads
            .filter(|t| *t > 0)
            .map(crate::config::thread_count)
            .unwrap_or_else(|| cfg.threads()),
        commit_every: cfg.index.commit_every.max(1),
        read: read_options(cfg),
    };
    Ok(run_index(
        &index,
        &extractor,
        &opts,
        &crate::ingest::ProgressBar::new(progress),
    )?)
}

fn cmd_index(cfg: &Config, a: IndexArgs, verbose: u8) -> Result<i32> {
    // A path given on the command line that does not exist is a mistake, not an empty folder.
    for p in &a.paths {
        if let Err(e) = std::fs::symlink_metadata(p) {
            if e.kind() == std::io::ErrorKind::NotFound {
                bail!("cannot index {}: no such file or directory", p.display());
            }
        }
    }
    // the cluster is checked before any work
    let push_to = match a.to.as_slice() {
        [] => None,
        [engine, url @ ..] if engine == "quickwit" => {
            Some(cfg.quickwit.client(url.first().map(String::as_str))?)
        }
        [engine, ..] => {
            bail!("cannot send articles to '{engine}' (--to quickwit [URL] is the one engine)")
        }
    };
    let roots = if a.paths.is_empty() {
        cfg.index.corpus.clone()
    } else {
        a.paths.clone()
    };
    let progress = std::io::stderr().is_terminal() && a.format == SummaryFormat::Text;
    let s = index_paths(cfg, roots, a.full, a.prune, a.threads, progress)?;
    let pushed = match &push_to {
        Some(client) => {
            let index = open_index(cfg)?;
            let state = sitrep_quickwit::push::state_path(
                &std::path::absolute(&cfg.index.path).unwrap_or_else(|_| cfg.index.path.clone()),
            );
            Some(
                sitrep_quickwit::push(&index, client, &state)
                    .with_context(|| format!("cannot push to quickwit at {}", client.url()))?,
            )
        }
        None => None,
    };
    match a.format {
        SummaryFormat::Json => match &pushed {
            Some(p) => {
                let mut v = serde_json::to_value(&s)?;
                v["quickwit"] = serde_json::to_value(p)?;
                println!("{v}");
            }
            None => println!("{}", serde_json::to_string(&s)?),
        },
        SummaryFormat::Text => {
            print_summary(&s, verbose > 0);
            if let (Some(p), Some(client)) = (&pushed, &push_to) {
                println!(
                    "quickwit {} index {}: {} added, {} replaced, {} deleted, {} unchanged, {} quotations sent{}",
                    client.url(),
                    client.index(),
                    p.added,
                    p.replaced,
                    p.deleted,
                    p.unchanged,
                    p.quotes,
                    if p.created { " (index created)" } else { "" }
                );
            }
        }
    }
    if a.strict && !s.skipped.is_empty() {
        eprintln!(
            "sitrep: error: {} file(s) skipped (--strict)",
            s.skipped.len()
        );
        return Ok(2);
    }
    Ok(0)
}

/// `n` with thousands separators ("12,345").
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `n` and the noun, in the singular for one ("1 article", "2 articles").
fn count(n: usize, singular: &str, plural: &str) -> String {
    format!(
        "{} {}",
        thousands(n),
        if n == 1 { singular } else { plural }
    )
}

/// The file a skipped path belongs to: a JSON Lines or JSON array record is `FILE#N`.
fn skipped_file(path: &str) -> &str {
    match path.rsplit_once('#') {
        Some((file, n)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => file,
        _ => path,
    }
}

/// What a skip message says beyond the path, which the line already shows.
fn skip_detail<'a>(k: &'a Skipped) -> &'a str {
    k.message
        .strip_prefix(k.path.as_str())
        .map(|m| m.trim_start_matches(':').trim_start())
        .filter(|m| !m.is_empty())
        .unwrap_or(&k.message)
}

/// The skip report: counts by reason with a few examples, or (`all`) one line per skipped file
/// or record.
fn skip_report(skipped: &[Skipped], all: bool) -> Vec<String> {
    const EXAMPLES: usize = 3;
    if skipped.is_empty() {
        return Vec::new();
    }
    if all {
        return skipped
            .iter()
            .map(|k| format!("skipped {} [{}]: {}", k.path, k.reason, skip_detail(k)))
            .collect();
    }
    let mut by_reason: std::collections::BTreeMap<&str, Vec<&Skipped>> =
        std::collections::BTreeMap::new();
    for k in skipped {
        by_reason.entry(k.reason.as_str()).or_default().push(k);
    }
    let mut reasons: Vec<_> = by_reason.into_iter().collect();
    reasons.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    let mut lines = vec!["skipped, by reason (`sitrep -v index` lists every one):".to_string()];
    for (reason, ks) in reasons {
        let mut examples: Vec<&str> = Vec::new();
        for k in &ks {
            let f = skipped_file(&k.path);
            if !examples.contains(&f) && examples.len() < EXAMPLES {
                examples.push(f);
            }
        }
        let first = skip_detail(ks[0]);
        lines.push(format!(
            "  {reason}: {} (e.g. {}; {first})",
            thousands(ks.len()),
            examples.join(", ")
        ));
    }
    lines
}

fn print_summary(s: &Summary, verbose: bool) {
    let skipped_files: std::collections::HashSet<&str> = s
        .skipped
        .iter()
        .filter(|k| skipped_file(&k.path) == k.path)
        .map(|k| k.path.as_str())
        .collect();
    let skipped_records = s.skipped.len() - skipped_files.len();
    println!(
        "files: {} found, {} read, {} unchanged, {} skipped, {} pruned",
        thousands(s.files_seen),
        thousands(s.files_read),
        thousands(s.files_unchanged),
        thousands(skipped_files.len()),
        thousands(s.files_pruned)
    );
    let mut articles = format!(
        "articles: {} indexed ({}), {} in the index",
        thousands(s.articles_indexed),
        count(s.quotes_indexed, "quotation", "quotations"),
        thousands(s.articles_total)
    );
    if skipped_records > 0 {
        articles.push_str(&format!(
            "; {} skipped within files that were read",
            count(skipped_records, "record", "records")
        ));
    }
    println!("{articles}");
    let rate = if s.elapsed_secs > 0.0 {
        s.articles_indexed as f64 / s.elapsed_secs
    } else {
        0.0
    };
    println!(
        "time: {:.2}s ({} articles/s), {}",
        s.elapsed_secs,
        thousands(rate.round() as usize),
        count(s.commits, "commit", "commits")
    );
    for line in skip_report(&s.skipped, verbose) {
        println!("{line}");
    }
}

fn search_request(cfg: &Config, a: &SearchArgs, target: Target) -> Result<SearchRequest> {
    let mut facets = Vec::new();
    let default_facets = match target {
        Target::Articles => "people,organisations,locations",
        Target::Quotes => "speakers",
    };
    for name in a
        .facets
        .as_deref()
        .unwrap_or(default_facets)
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        facets.push(
            FacetField::from_api_name(name).with_context(|| format!("unknown facet '{name}'"))?,
        );
    }
    Ok(SearchRequest {
        q: a.query.join(" "),
        target,
        filters: a.filters.filters()?,
        sort: a.sort.parse::<Sort>()?,
        limit: a.limit.unwrap_or(cfg.search.default_limit),
        offset: a.offset,
        cursor: None,
        facets,
        facet_limit: a.facet_limit.unwrap_or(cfg.search.facet_limit),
        collapse: a.collapse,
        histogram: None,
        snippets: true,
        terms: a.terms,
        all_copies: a.all_copies,
        disjunctive: true,
    })
}

/// The terminal's width; `COLUMNS` when the output is not a terminal (a pipe), else 100.
fn term_width() -> u16 {
    let columns = || {
        std::env::var("COLUMNS")
            .ok()
            .and_then(|c| c.trim().parse::<u16>().ok())
    };
    comfy_table::Table::new()
        .width()
        .or_else(columns)
        .unwrap_or(100)
        .max(60)
}

fn table(header: &[&str]) -> comfy_table::Table {
    let mut t = comfy_table::Table::new();
    t.load_preset(comfy_table::presets::UTF8_BORDERS_ONLY)
        .set_content_arrangement(comfy_table::ContentArrangement::Dynamic)
        .set_width(term_width())
        .set_header(header.to_vec());
    t
}

/// Longest snippet or quotation shown in a table cell, in characters (about three lines).
const SNIPPET_CHARS: usize = 240;

/// `s` cut at a word boundary to at most `max` characters, with "…" when cut.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let cut: String = s.chars().take(max).collect();
    let head = match cut.rfind(char::is_whitespace) {
        Some(i) if i > max / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!(
        "{}…",
        head.trim_end_matches(|c: char| c.is_whitespace() || c == ',')
    )
}

/// Removes `<mark>` tags and decodes the few escapes the snippets use, for terminal output.
fn plain_snippet(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    s.replace("<mark>", "")
        .replace("</mark>", "")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn cmd_search(cfg: &Config, a: SearchArgs, target: Target) -> Result<i32> {
    if cfg.search.backend == Backend::Quickwit {
        let req = search_request(cfg, &a, target)?;
        if a.all {
            return Err(sitrep_quickwit::QuickwitError::Unsupported(
                "--all (every matching row)".into(),
            )
            .into());
        }
        let qw = sitrep_quickwit::QuickwitSearch::new(cfg.quickwit.client(None)?);
        let total = if target == Target::Quotes {
            let res = qw.search_quotes(&req)?;
            print_page(&mut std::io::stdout().lock(), &res, a.format, &QUOTE_HITS)?;
            res.total
        } else {
            let res = qw.search(&req)?;
            print_page(&mut std::io::stdout().lock(), &res, a.format, &ARTICLE_HITS)?;
            res.total
        };
        return Ok(if total == 0 { 1 } else { 0 });
    }
    let index = open_index(cfg)?;
    let req = search_request(cfg, &a, target)?;
    let mut out = std::io::stdout().lock();
    if a.all && a.format != OutFormat::Table {
        let (searcher, docs) = index.matching(&req)?;
        let n = docs.len();
        if a.format == OutFormat::Csv {
            write!(
                out,
                "{}",
                export::csv_header(if target == Target::Quotes {
                    export::QUOTE_COLUMNS
                } else {
                    export::ARTICLE_COLUMNS
                })
            )?;
        }
        for (score, addr) in docs {
            if target == Target::Quotes {
                let q = index.quote_at(&searcher, addr)?;
                let hit = sitrep_search::QuoteHit {
                    highlight: String::new(),
                    quote: q,
                    score,
                };
                match a.format {
                    OutFormat::Csv => {
                        write!(out, "{}", export::csv_line(&export::quote_row(&hit)))?
                    }
                    _ => writeln!(
                        out,
                        "{}",
                        serde_json::to_string(&export::QuoteLine::of(&hit))?
                    )?,
                }
            } else {
                let hit = index.hit_from_record(index.article_at(&searcher, addr)?, score);
                match a.format {
                    OutFormat::Csv => {
                        write!(out, "{}", export::csv_line(&export::article_row(&hit)))?
                    }
                    _ => writeln!(out, "{}", serde_json::to_string(&hit)?)?,
                }
            }
        }
        return Ok(if n == 0 { 1 } else { 0 });
    }
    let total = if target == Target::Quotes {
        let res = index.search_quotes(&req)?;
        print_page(&mut out, &res, a.format, &QUOTE_HITS)?;
        res.total
    } else {
        let res = index.search(&req)?;
        print_page(&mut out, &res, a.format, &ARTICLE_HITS)?;
        res.total
    };
    Ok(if total == 0 { 1 } else { 0 })
}

/// How one kind of hit is printed: its JSON Lines `type`, its nouns, its CSV columns and row,
/// and its table header and cells.
struct HitFormat<H> {
    json_type: &'static str,
    singular: &'static str,
    plural: &'static str,
    columns: &'static [&'static str],
    row: fn(&H) -> Vec<String>,
    header: &'static [&'static str],
    cells: fn(&H) -> Vec<String>,
    /// Said after the count in a table.
    hint: &'static str,
}

const ARTICLE_HITS: HitFormat<sitrep_search::ArticleHit> = HitFormat {
    json_type: "article",
    singular: "article",
    plural: "articles",
    columns: export::ARTICLE_COLUMNS,
    row: export::article_row,
    header: &["id", "date", "title", "snippet", "people"],
    cells: |h| {
        vec![
            h.id.clone(),
            h.published.map(|d| d.to_string()).unwrap_or_default(),
            clip(h.title.as_deref().unwrap_or(&h.path), 100),
            clip(&plain_snippet(&h.snippet), SNIPPET_CHARS),
            h.people
                .iter()
                .take(4)
                .cloned()
                .collect::<Vec<_>>()
                .join(", "),
        ]
    },
    hint: " (`sitrep show ID` shows one)",
};

const QUOTE_HITS: HitFormat<sitrep_search::QuoteHit> = HitFormat {
    json_type: "quote",
    singular: "quotation",
    plural: "quotations",
    columns: export::QUOTE_COLUMNS,
    row: export::quote_row,
    header: &["date", "speaker", "quote", "article"],
    cells: |h| {
        let q = &h.quote;
        vec![
            q.published.map(|d| d.to_string()).unwrap_or_default(),
            q.speaker
                .clone()
                .or_else(|| q.speaker_mention.clone())
                .unwrap_or_else(|| "?".into()),
            format!("“{}”", clip(&q.display, SNIPPET_CHARS)),
            format!(
                "{}\n{}",
                clip(q.title.as_deref().unwrap_or_default(), 80),
                q.article_id
            ),
        ]
    },
    hint: "",
};

/// Prints a page of hits (and the facets) in the requested format.
fn print_page<H: serde::Serialize>(
    out: &mut impl Write,
    res: &sitrep_search::SearchResponse<H>,
    format: OutFormat,
    how: &HitFormat<H>,
) -> Result<()> {
    match format {
        OutFormat::Json => {
            for h in &res.hits {
                writeln!(
                    out,
                    "{}",
                    serde_json::to_string(&serde_json::json!({"type": how.json_type, "hit": h}))?
                )?;
            }
            writeln!(
                out,
                "{}",
                serde_json::to_string(
                    &serde_json::json!({"type": "summary", "total": res.total, "facets": res.facets, "took_ms": res.took_ms})
                )?
            )?;
        }
        OutFormat::Csv => {
            write!(out, "{}", export::csv_header(how.columns))?;
            for h in &res.hits {
                write!(out, "{}", export::csv_line(&(how.row)(h)))?;
            }
        }
        OutFormat::Table => {
            if res.hits.is_empty() {
                writeln!(out, "no {} match ({:.1} ms)", how.plural, res.took_ms)?;
            } else {
                let mut t = table(how.header);
                for h in &res.hits {
                    t.add_row((how.cells)(h));
                }
                writeln!(out, "{t}")?;
                print_facets_table(out, &res.facets)?;
                writeln!(
                    out,
                    "{}, {:.1} ms{}",
                    count(res.total, how.singular, how.plural),
                    res.took_ms,
                    how.hint
                )?;
            }
        }
    }
    Ok(())
}

fn print_facets_table(
    out: &mut impl Write,
    facets: &std::collections::BTreeMap<String, Vec<sitrep_search::FacetCount>>,
) -> Result<()> {
    for (name, vals) in facets {
        if vals.is_empty() {
            continue;
        }
        let list: Vec<String> = vals
            .iter()
            .map(|v| format!("{} ({})", v.value, v.count))
            .collect();
        writeln!(out, "{name}: {}", list.join(", "))?;
    }
    Ok(())
}

fn cmd_show(cfg: &Config, a: ShowArgs) -> Result<i32> {
    let index = open_index(cfg)?;
    let rec = match index.article(&a.id) {
        Ok(r) => r,
        Err(sitrep_search::SearchError::NotFound { .. }) => {
            eprintln!(
                "sitrep: no article with id {:?} (ids are in the first column of `sitrep search`)",
                a.id
            );
            return Ok(1);
        }
        Err(e) => return Err(e.into()),
    };
    let mut out = std::io::stdout().lock();
    if a.format != OutFormat::Table {
        writeln!(out, "{}", serde_json::to_string(&rec)?)?;
        return Ok(0);
    }
    write!(out, "{}", show_text(&rec, term_width() as usize))?;
    Ok(0)
}

/// One article for the terminal: heading, actors, text wrapped to `width`, quotations.
fn show_text(rec: &sitrep_search::ArticleRecord, width: usize) -> String {
    let a = &rec.article;
    let wrap = |s: &str, indent: &str| -> String {
        let opts = textwrap::Options::new(width.max(40))
            .initial_indent(indent)
            .subsequent_indent(indent);
        textwrap::fill(s, opts)
    };
    let mut s = String::new();
    s.push_str(&wrap(a.title.as_deref().unwrap_or("(no title)"), ""));
    s.push('\n');
    let meta: Vec<String> = [
        a.published.map(|d| d.to_string()),
        a.source.clone(),
        a.language.clone(),
        Some(a.path.clone()),
    ]
    .into_iter()
    .flatten()
    .collect();
    s.push_str(&meta.join(" · "));
    s.push('\n');
    if let Some(d) = &rec.duplicate_of {
        s.push_str(&format!("near-duplicate of {d}\n"));
    }
    for (label, list) in [
        ("people", &a.people),
        ("organisations", &a.organisations),
        ("locations", &a.locations),
    ] {
        if !list.is_empty() {
            let names: Vec<&str> = list.iter().map(|e| e.name.as_str()).collect();
            s.push_str(&wrap(&format!("{label}: {}", names.join(", ")), ""));
            s.push('\n');
        }
    }
    let body = a.body();
    let body = body
        .strip_prefix(a.title.as_deref().unwrap_or_default())
        .unwrap_or(&body)
        .trim_start();
    for para in body.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
        s.push('\n');
        s.push_str(&wrap(para, ""));
        s.push('\n');
    }
    let statements: Vec<_> = a
        .quotes
        .iter()
        .filter(|q| q.kind == sitrep_indexer::QuoteKind::Statement)
        .collect();
    if !statements.is_empty() {
        s.push_str(&format!(
            "\n{}:\n",
            count(statements.len(), "quotation", "quotations")
        ));
        for q in statements {
            let who = q.speaker.as_deref().unwrap_or("?");
            let cue = q
                .cue
                .as_deref()
                .map(|c| format!(", {c}"))
                .unwrap_or_default();
            s.push_str(&wrap(&format!("“{}” ({who}{cue})", q.display), "  "));
            s.push('\n');
        }
    }
    s
}

fn cmd_entities(cfg: &Config, a: EntitiesArgs) -> Result<i32> {
    let index = open_index(cfg)?;
    let facet = crate::facet_from_type(&a.kind).map_err(|e| anyhow::anyhow!(e.message))?;
    let mut out = std::io::stdout().lock();
    if let Some(name) = &a.name {
        let Some(p) = index.profile(facet, name, Interval::Month, a.limit.min(100))? else {
            eprintln!(
                "sitrep: no {} named {name:?} in the index",
                facet.api_name()
            );
            return Ok(1);
        };
        match a.format {
            OutFormat::Json | OutFormat::Csv => writeln!(out, "{}", serde_json::to_string(&p)?)?,
            OutFormat::Table => {
                writeln!(
                    out,
                    "{} ({}): {}, {}",
                    p.name,
                    p.kind,
                    count(p.articles, "article", "articles"),
                    count(p.quotes, "quotation", "quotations")
                )?;
                writeln!(
                    out,
                    "first seen {}, last seen {}",
                    p.first_seen.map(|d| d.to_string()).unwrap_or("-".into()),
                    p.last_seen.map(|d| d.to_string()).unwrap_or("-".into())
                )?;
                print_facets_table(&mut out, &p.co_occurring)?;
                for q in &p.latest_quotes {
                    writeln!(
                        out,
                        "{}  “{}”",
                        q.quote.published.map(|d| d.to_string()).unwrap_or_default(),
                        q.quote.text
                    )?;
                }
            }
        }
        return Ok(0);
    }
    let values = index.facet_values(facet, a.prefix.as_deref(), a.limit)?;
    match a.format {
        OutFormat::Json => {
            for v in &values {
                writeln!(out, "{}", serde_json::to_string(v)?)?;
            }
        }
        OutFormat::Csv => {
            write!(out, "{}", export::csv_header(&["value", "count"]))?;
            for v in &values {
                write!(
                    out,
                    "{}",
                    export::csv_line(&[v.value.clone(), v.count.to_string()])
                )?;
            }
        }
        OutFormat::Table => {
            let mut t = table(&[
                facet.api_name(),
                if facet == FacetField::Speaker {
                    "quotations"
                } else {
                    "articles"
                },
            ]);
            for v in &values {
                t.add_row(vec![v.value.clone(), v.count.to_string()]);
            }
            writeln!(out, "{t}")?;
        }
    }
    Ok(if values.is_empty() { 1 } else { 0 })
}

fn cmd_timeline(cfg: &Config, a: TimelineArgs) -> Result<i32> {
    let interval: Interval = a.interval.parse()?;
    let series = crate::parse_series(&a.series).map_err(|e| anyhow::anyhow!(e.message))?;
    let target = if a.quotes {
        Target::Quotes
    } else {
        Target::Articles
    };
    let out_series = if cfg.search.backend == Backend::Quickwit {
        let qw = sitrep_quickwit::QuickwitSearch::new(cfg.quickwit.client(None)?);
        qw.timeline(
            &a.query.join(" "),
            target,
            &a.filters.filters()?,
            interval,
            &series,
        )?
    } else {
        open_index(cfg)?.timeline(
            &a.query.join(" "),
            target,
            &a.filters.filters()?,
            interval,
            &series,
        )?
    };
    let mut out = std::io::stdout().lock();
    let mut any = false;
    match a.format {
        OutFormat::Json => {
            for (name, buckets) in &out_series {
                for b in buckets {
                    any |= b.count > 0;
                    writeln!(
                        out,
                        "{}",
                        serde_json::json!({"series": name, "date": b.date, "count": b.count})
                    )?;
                }
            }
        }
        OutFormat::Csv => {
            write!(out, "{}", export::csv_header(&["series", "date", "count"]))?;
            for (name, buckets) in &out_series {
                for b in buckets {
                    any |= b.count > 0;
                    write!(
                        out,
                        "{}",
                        export::csv_line(&[name.clone(), b.date.to_string(), b.count.to_string()])
                    )?;
                }
            }
        }
        OutFormat::Table => {
            let max = out_series
                .iter()
                .flat_map(|(_, b)| b.iter().map(|x| x.count))
                .max()
                .unwrap_or(0)
                .max(1);
            for (name, buckets) in &out_series {
                writeln!(out, "{name}")?;
                for b in buckets {
                    any |= b.count > 0;
                    let bar = "█".repeat(((b.count * 40) / max) as usize);
                    writeln!(out, "  {}  {:>6}  {bar}", b.date, b.count)?;
                }
            }
        }
    }
    Ok(if any { 0 } else { 1 })
}

fn cmd_stats(cfg: &Config, a: FormatArgs) -> Result<i32> {
    let index = open_index(cfg)?;
    let s = index.stats()?;
    let mut out = std::io::stdout().lock();
    match a.format {
        OutFormat::Json => writeln!(out, "{}", serde_json::to_string(&s)?)?,
        OutFormat::Csv | OutFormat::Table => {
            let v = serde_json::to_value(&s)?;
            let rows: Vec<(String, String)> = v
                .as_object()
                .map(|o| {
                    o.iter()
                        .map(|(k, v)| {
                            (
                                k.clone(),
                                v.as_str()
                                    .map(str::to_string)
                                    .unwrap_or_else(|| v.to_string()),
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            if a.format == OutFormat::Csv {
                write!(out, "{}", export::csv_header(&["key", "value"]))?;
                for (k, v) in rows {
                    write!(out, "{}", export::csv_line(&[k, v]))?;
                }
            } else {
                let mut t = table(&["statistic", "value"]);
                for (k, v) in rows {
                    t.add_row(vec![k, v]);
                }
                writeln!(out, "{t}")?;
            }
        }
    }
    Ok(if s.articles == 0 { 1 } else { 0 })
}

fn cmd_extract(cfg: &Config, a: ExtractArgs) -> Result<i32> {
    if a.format != "json" {
        bail!(
            "unknown format '{}' (extract prints JSON Lines: --format json)",
            a.format
        );
    }
    if a.files.is_empty() {
        bail!("no files given");
    }
    let extractor = extractor(cfg)?;
    let opts = read_options(cfg);
    let mut out = std::io::stdout().lock();
    let mut failed = false;
    let mut printed = 0;
    // Files as given, in the order given; a folder stands for the files below it.
    let mut files = Vec::new();
    for f in &a.files {
        if !f.is_dir() {
            files.push(f.clone());
            continue;
        }
        for found in sitrep_indexer::walk::walk(std::slice::from_ref(f)) {
            match found {
                sitrep_indexer::walk::Found::File(p) => files.push(p),
                sitrep_indexer::walk::Found::Skipped { path, error } => {
                    eprintln!("sitrep: skipped {}: {error}", path.display());
                    failed = true;
                }
            }
        }
    }
    for f in &files {
        let display = f.display().to_string();
        let read = || {
            let outcome = sitrep_indexer::read_file(f, &display, &opts)
                .map_err(|e| sitrep_indexer::error::full_message(&e))?;
            let articles: Vec<_> = outcome
                .documents
                .into_iter()
                .map(|d| extractor.extract(d))
                .collect();
            Ok((outcome.skipped, articles))
        };
        match isolated(read) {
            Ok((skipped, articles)) => {
                for r in &skipped {
                    eprintln!("sitrep: skipped {}: {}", r.path, r.error);
                    failed = true;
                }
                for art in articles {
                    serde_json::to_writer(&mut out, &extract_json(art)?)?;
                    writeln!(out)?;
                    printed += 1;
                }
            }
            Err(message) => {
                eprintln!("sitrep: skipped {display}: {message}");
                failed = true;
            }
        }
    }
    Ok(if failed {
        2
    } else if printed == 0 {
        1
    } else {
        0
    })
}

/// An article as `sitrep extract` prints it (docs/extract-format.md): `quotes` holds the
/// statements, and the terms (scare quotes, a word or two nobody is said to have spoken) are
/// listed apart under `terms`.
fn extract_json(mut art: sitrep_indexer::Article) -> Result<serde_json::Value> {
    let (statements, terms): (Vec<_>, Vec<_>) = std::mem::take(&mut art.quotes)
        .into_iter()
        .partition(|q| q.kind.is_statement());
    art.quotes = statements;
    let mut v = serde_json::to_value(&art)?;
    if let Some(o) = v.as_object_mut() {
        o.insert("terms".to_string(), serde_json::to_value(&terms)?);
    }
    Ok(v)
}

/// Runs the reading and extraction of one file so that a failure, even a panic (a bug), costs
/// that file only, as in `sitrep index`.
fn isolated<T>(
    work: impl FnOnce() -> std::result::Result<T, String>,
) -> std::result::Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).unwrap_or_else(|_| {
        Err("internal error while reading or extracting (please report this file)".into())
    })
}

#[cfg(test)]
mod isolation_tests {
    use super::isolated;

    #[test]
    fn a_panic_costs_one_file_only() {
        let results: Vec<Result<u32, String>> = (0..3u32)
            .map(|i| {
                isolated(move || {
                    if i == 1 {
                        panic!("invented bug")
                    } else if i == 2 {
                        Err("empty file".into())
                    } else {
                        Ok(i)
                    }
                })
            })
            .collect();
        assert_eq!(results[0], Ok(0));
        assert!(
            results[1].as_ref().unwrap_err().contains("internal error"),
            "{results:?}"
        );
        assert_eq!(results[2], Err("empty file".into()));
    }
}

fn cmd_eval(cfg: &Config, a: EvalArgs) -> Result<i32> {
    let extractor = extractor(cfg)?;
    let mut out = std::io::stdout().lock();
    for gold in &a.gold {
        let text = std::fs::read_to_string(gold)
            .with_context(|| format!("cannot read {}", gold.display()))?;
        let has = |key: &str| {
            text.lines().any(|l| {
                l.contains(&format!("\"{key}\"")) && !l.contains(&format!("\"{key}\": []"))
            })
        };
        let entities = if has("entities") || has("doc_entities") {
            Some(
                sitrep_indexer::eval::eval_entities(gold, &extractor)
                    .with_context(|| format!("cannot score {}", gold.display()))?,
            )
        } else {
            None
        };
        let quotes = if has("quotes") {
            Some(
                sitrep_indexer::quote_eval::eval_quotes(gold, &extractor)
                    .with_context(|| format!("cannot score {}", gold.display()))?,
            )
        } else {
            None
        };
        match a.format {
            SummaryFormat::Json => writeln!(
                out,
                "{}",
                serde_json::json!({"gold": gold.display().to_string(), "entities": entities, "quotes": quotes})
            )?,
            SummaryFormat::Text => {
                writeln!(out, "== {}", gold.display())?;
                if let Some(e) = &entities {
                    writeln!(out, "{e}")?;
                }
                if let Some(q) = &quotes {
                    writeln!(out, "{q}")?;
                }
            }
        }
    }
    Ok(0)
}

fn cmd_serve(cfg: Config, a: ServeArgs) -> Result<i32> {
    let mut cfg = cfg;
    if let Some(b) = a.bind {
        cfg.server.bind = b;
    }
    if let Some(m) = a.cache_mb {
        cfg.server.cache_mb = m;
    }
    if cfg.search.backend == Backend::Quickwit {
        // The cluster answers: no local index is read or written.
        let qw = sitrep_quickwit::QuickwitSearch::new(cfg.quickwit.client(None)?);
        match qw.count() {
            Ok(n) => eprintln!(
                "sitrep: searches are answered by quickwit at {} (index {}, {n} articles)",
                cfg.quickwit.url, cfg.quickwit.index
            ),
            Err(e) => eprintln!("sitrep: warning: {e}"),
        }
        let state = crate::AppState::with_quickwit(SitrepIndex::in_memory()?, cfg.clone(), qw);
        return serve_state(&cfg, state);
    }
    if !a.no_index {
        let roots: Vec<PathBuf> = cfg
            .index
            .corpus
            .iter()
            .filter(|p| p.exists())
            .cloned()
            .collect();
        if !roots.is_empty() {
            let outdated = matches!(
                SitrepIndex::open(&cfg.index.path),
                Err(sitrep_search::SearchError::SchemaMismatch { .. })
            );
            if outdated {
                eprintln!("sitrep: the index was built by another version of sitrep; rebuilding it from the corpus");
            }
            let s = index_paths(
                &cfg,
                roots,
                outdated,
                true,
                None,
                std::io::stderr().is_terminal(),
            )?;
            eprintln!(
                "sitrep: indexed {} new or changed article(s), {} unchanged file(s), {} in index ({:.2}s)",
                s.articles_indexed, s.files_unchanged, s.articles_total, s.elapsed_secs
            );
        }
    }
    // Without indexing, a missing index is a mistyped path: never serve an empty one made up.
    let index = if a.no_index {
        open_index(&cfg)?
    } else {
        SitrepIndex::open_or_create(&cfg.index.path)?
    };
    if index.stats().is_ok_and(|s| s.articles == 0) {
        let corpus: Vec<String> = cfg
            .index
            .corpus
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        eprintln!(
            "sitrep: the index at {} is empty: index a folder with `sitrep index PATH`, or put articles in {} and start again",
            cfg.index.path.display(),
            if corpus.is_empty() { "a folder named in index.corpus".to_string() } else { corpus.join(", ") }
        );
    }
    let mut state = crate::AppState::new(index, cfg.clone());
    if !cfg.server.api_token.is_empty() {
        state.extractor = Some(std::sync::Arc::new(extractor(&cfg)?));
    }
    serve_state(&cfg, state)
}

/// Serves the API on `server.bind` until Ctrl-C.
fn serve_state(cfg: &Config, state: crate::AppState) -> Result<i32> {
    let cfg = cfg.clone();
    // Searches run on tokio's blocking pool. They are CPU-bound, so more threads than a few per
    // core only add memory (each thread keeps allocator caches), not throughput: requests beyond
    // the bound wait in the pool's queue.
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads((cores * 4).max(8))
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(&cfg.server.bind)
            .await
            .with_context(|| format!("cannot listen on {}", cfg.server.bind))?;
        let addr = listener.local_addr()?;
        eprintln!("sitrep: serving on http://{addr}/ (Ctrl-C to stop)");
        crate::serve::serve(
            listener,
            crate::app(state),
            crate::serve::HEADER_READ_TIMEOUT,
            async {
                let _ = tokio::signal::ctrl_c().await;
            },
        )
        .await?;
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skip(path: &str, reason: &str) -> Skipped {
        Skipped {
            path: path.into(),
            reason: reason.into(),
            message: format!("{path}: could not read it"),
        }
    }

    #[test]
    fn numbers_read_as_numbers() {
        for (n, want) in [
            (0, "0"),
            (7, "7"),
            (999, "999"),
            (1000, "1,000"),
            (2569, "2,569"),
            (1234567, "1,234,567"),
        ] {
            assert_eq!(thousands(n), want);
        }
        assert_eq!(count(1, "article", "articles"), "1 article");
        assert_eq!(count(0, "article", "articles"), "0 articles");
        assert_eq!(count(1200, "article", "articles"), "1,200 articles");
    }

    #[test]
    fn records_belong_to_their_file() {
        assert_eq!(skipped_file("a/feed.jsonl#12"), "a/feed.jsonl");
        assert_eq!(skipped_file("a/issue#3.txt"), "a/issue#3.txt");
        assert_eq!(skipped_file("a/page.html"), "a/page.html");
        assert_eq!(skipped_file("a/odd#"), "a/odd#");
    }

    #[test]
    fn skips_are_summed_by_reason_with_a_few_examples() {
        let mut skipped: Vec<Skipped> = (0..40)
            .map(|i| skip(&format!("feed.jsonl#{i}"), "no_text"))
            .collect();
        skipped.push(skip("x.bin", "binary"));
        skipped.push(skip("y.html", "no_text"));
        let lines = skip_report(&skipped, false);
        assert_eq!(lines.len(), 3, "{lines:#?}");
        assert!(
            lines[1].starts_with("  no_text: 41 (e.g. feed.jsonl, y.html; could not read it)"),
            "{lines:#?}"
        );
        assert!(
            lines[2].starts_with("  binary: 1 (e.g. x.bin;"),
            "{lines:#?}"
        );
        // Every one when asked, each path once.
        let all = skip_report(&skipped, true);
        assert_eq!(all.len(), 42);
        assert_eq!(all[41], "skipped y.html [no_text]: could not read it");
        assert!(skip_report(&[], false).is_empty());
    }
}
