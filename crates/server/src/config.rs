//! Configuration: `config.toml` < environment (`SITREP_*`) < command-line flags.

use anyhow::{Context, Result};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    pub index: IndexConfig,
    pub server: ServerConfig,
    pub search: SearchConfig,
    pub quickwit: QuickwitConfig,
    pub aliases: BTreeMap<String, String>,
    pub json_fields: sitrep_indexer::JsonFieldMap,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct IndexConfig {
    pub path: PathBuf,
    pub corpus: Vec<PathBuf>,
    pub commit_every: usize,
    pub threads: usize,
    pub max_file_size: u64,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServerConfig {
    pub bind: String,
    pub cors_origins: Vec<String>,
    pub api_token: String,
    pub request_timeout_secs: u64,
    pub max_body_bytes: usize,
    pub cache_mb: usize,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SearchConfig {
    pub default_limit: usize,
    pub facet_limit: usize,
    /// Which engine answers searches: the embedded index or a Quickwit cluster.
    pub backend: Backend,
}

/// The engine that answers searches.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Backend {
    #[default]
    Embedded,
    Quickwit,
}

impl std::str::FromStr for Backend {
    type Err = anyhow::Error;
    fn from_str(s: &str) -> Result<Backend> {
        match s.trim() {
            "embedded" => Ok(Backend::Embedded),
            "quickwit" => Ok(Backend::Quickwit),
            other => {
                anyhow::bail!("unknown search backend '{other}' (expected embedded or quickwit)")
            }
        }
    }
}

/// The Quickwit cluster that `sitrep index --to quickwit` pushes to and that answers searches
/// with `search.backend = "quickwit"`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct QuickwitConfig {
    pub url: String,
    pub index: String,
    pub timeout_secs: u64,
}

impl Default for QuickwitConfig {
    fn default() -> Self {
        QuickwitConfig {
            url: "http://127.0.0.1:7280".into(),
            index: "sitrep".into(),
            timeout_secs: 30,
        }
    }
}

impl QuickwitConfig {
    /// A client of the configured cluster (`url` overrides the configured endpoint).
    pub fn client(&self, url: Option<&str>) -> Result<sitrep_quickwit::Client> {
        let url = url.unwrap_or(&self.url);
        Ok(sitrep_quickwit::Client::new(
            url,
            &self.index,
            std::time::Duration::from_secs(self.timeout_secs),
        )?)
    }
}

impl Default for IndexConfig {
    fn default() -> Self {
        IndexConfig {
            path: PathBuf::from("index"),
            corpus: vec![PathBuf::from("corpus")],
            commit_every: 20_000,
            threads: 0,
            max_file_size: 50 * 1024 * 1024,
        }
    }
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            bind: "127.0.0.1:7700".into(),
            cors_origins: Vec::new(),
            api_token: String::new(),
            request_timeout_secs: 30,
            max_body_bytes: 10 * 1024 * 1024,
            cache_mb: 64,
        }
    }
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig {
            default_limit: 10,
            facet_limit: 10,
            backend: Backend::Embedded,
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            index: IndexConfig::default(),
            server: ServerConfig::default(),
            search: SearchConfig::default(),
            quickwit: QuickwitConfig::default(),
            aliases: BTreeMap::new(),
            json_fields: sitrep_indexer::JsonFieldMap::default(),
        }
    }
}

impl Config {
    /// Parses a TOML configuration.
    pub fn parse(text: &str) -> Result<Config> {
        Ok(toml::from_str(text)?)
    }

    /// Loads the configuration: the file given (or `SITREP_CONFIG`, or `./config.toml` when it
    /// exists), then environment overrides.
    pub fn load(explicit: Option<&Path>) -> Result<Config> {
        let env_path = std::env::var_os("SITREP_CONFIG").map(PathBuf::from);
        let path = explicit.map(Path::to_path_buf).or(env_path);
        let mut cfg = match path {
            Some(p) => {
                let text = std::fs::read_to_string(&p)
                    .with_context(|| format!("cannot read config file {}", p.display()))?;
                Config::parse(&text)
                    .with_context(|| format!("invalid config file {}", p.display()))?
            }
            None if Path::new("config.toml").is_file() => {
                let text =
                    std::fs::read_to_string("config.toml").context("cannot read config.toml")?;
                Config::parse(&text).context("invalid config.toml")?
            }
            None => Config::default(),
        };
        cfg.apply_env(|k| std::env::var(k).ok())?;
        Ok(cfg)
    }

    /// Applies `SITREP_*` environment overrides, read through `get`.
    pub fn apply_env(&mut self, get: impl Fn(&str) -> Option<String>) -> Result<()> {
        if let Some(v) = get("SITREP_INDEX") {
            self.index.path = v.into();
        }
        if let Some(v) = get("SITREP_CORPUS") {
            self.index.corpus = std::env::split_paths(&v).collect();
        }
        if let Some(v) = get("SITREP_THREADS") {
            self.index.threads = v
                .parse()
                .with_context(|| format!("SITREP_THREADS must be a number, not {v:?}"))?;
        }
        if let Some(v) = get("SITREP_BIND") {
            self.server.bind = v;
        }
        if let Some(v) = get("SITREP_API_TOKEN") {
            self.server.api_token = v;
        }
        if let Some(v) = get("SITREP_SEARCH_BACKEND") {
            self.search.backend = v.parse().context("SITREP_SEARCH_BACKEND")?;
        }
        if let Some(v) = get("SITREP_QUICKWIT_URL") {
            self.quickwit.url = v;
        }
        if let Some(v) = get("SITREP_QUICKWIT_INDEX") {
            self.quickwit.index = v;
        }
        Ok(())
    }

    /// Extraction threads to use: `index.threads`, at most one per core (0 = one per core).
    pub fn threads(&self) -> usize {
        thread_count(self.index.threads)
    }
}

pub use sitrep_pipeline::thread_count;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_config_lists_every_key_with_its_default() {
        let text = include_str!("../../../config.toml");
        let cfg = Config::parse(text).expect("config.toml parses");
        assert_eq!(cfg, Config::default(), "config.toml must show the defaults");
    }

    #[test]
    fn threads_never_exceed_the_cores() {
        let cores = std::thread::available_parallelism().unwrap().get();
        let mut cfg = Config::default();
        assert_eq!(cfg.threads(), cores);
        cfg.index.threads = 100_000;
        assert_eq!(cfg.threads(), cores);
        cfg.index.threads = 1;
        assert_eq!(cfg.threads(), 1);
        assert_eq!(thread_count(usize::MAX), cores);
    }

    #[test]
    fn unknown_keys_are_rejected() {
        let err = Config::parse("[index]\npaht = \"x\"\n").unwrap_err();
        assert!(err.to_string().contains("unknown field"), "{err}");
    }

    #[test]
    fn environment_overrides_file() {
        let mut cfg =
            Config::parse("[index]\npath = \"from-file\"\n[server]\nbind = \"127.0.0.1:1\"\n")
                .unwrap();
        cfg.apply_env(|k| match k {
            "SITREP_INDEX" => Some("from-env".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(cfg.index.path, PathBuf::from("from-env"));
        assert_eq!(cfg.server.bind, "127.0.0.1:1");
        let bad = cfg.apply_env(|k| (k == "SITREP_THREADS").then(|| "many".into()));
        assert!(bad.is_err());
    }

    #[test]
    fn quickwit_keys_follow_the_precedence() {
        let mut cfg = Config::parse("[search]\nbackend = \"quickwit\"\n[quickwit]\nurl = \"http://10.0.0.5:7280\"\nindex = \"news\"\n").unwrap();
        assert_eq!(cfg.search.backend, Backend::Quickwit);
        assert_eq!(cfg.quickwit.index, "news");
        cfg.apply_env(|k| match k {
            "SITREP_QUICKWIT_URL" => Some("http://127.0.0.1:9".into()),
            "SITREP_SEARCH_BACKEND" => Some("embedded".into()),
            _ => None,
        })
        .unwrap();
        assert_eq!(cfg.quickwit.url, "http://127.0.0.1:9");
        assert_eq!(cfg.search.backend, Backend::Embedded);
        assert!(cfg
            .apply_env(|k| (k == "SITREP_SEARCH_BACKEND").then(|| "solr".into()))
            .is_err());
        assert!(Config::parse("[search]\nbackend = \"solr\"\n").is_err());
    }

    #[test]
    fn aliases_section() {
        let cfg = Config::parse("[aliases]\n\"Daesh\" = \"Islamic State\"\n").unwrap();
        assert_eq!(
            cfg.aliases.get("Daesh").map(String::as_str),
            Some("Islamic State")
        );
    }
}
