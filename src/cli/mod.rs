//! Command-line options (clap derive), validated into library calls in one place.

mod output;
mod progress;
mod watch;

use std::io::{BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use kamerzoek::search::{parse_query, Facet, SearchOptions, Sort, MAX_LIMIT, MAX_PER_DOC};
use kamerzoek::{Date, Index};

/// How `kamerzoek` ends: its exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything asked was done.
    Success = 0,
    /// An error stopped the work.
    Failure = 1,
    /// Wrong usage: an option, a query or a value that cannot be used (as clap's refusals).
    Usage = 2,
    /// Some of the work could not be done (files skipped, queries that failed); the rest was.
    Partial = 3,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}

/// Full-text search for Dutch parliamentary papers (Kamerstukken).
#[derive(Parser, Debug)]
#[command(name = "kamerzoek", version, about, long_about = None)]
struct Cli {
    /// The index folder.
    #[arg(
        long,
        global = true,
        env = "KAMERZOEK_INDEX",
        default_value = "kamerzoek-index"
    )]
    index: PathBuf,
    /// When to colour the output: auto (on a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Index the documents below the given folders (or the given files): new and changed files
    /// are read, documents of files that are gone are removed.
    Index {
        /// Folders or files to index.
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// No progress bar and no summary.
        #[arg(long, short)]
        quiet: bool,
        /// Fail (exit status 1) and commit nothing if any file cannot be read. Without it, the
        /// files that can be read are indexed and the exit status is 3.
        #[arg(long)]
        strict: bool,
        /// Follow symbolic links that lead out of the folders given (by default they are
        /// passed over and listed).
        #[arg(long)]
        follow_links: bool,
        /// After the commit, run every watch and print what is new for each (as `watch run`).
        #[arg(long)]
        watch: bool,
        #[command(flatten)]
        news: watch::RunOutput,
    },
    /// Saved searches that report what is new: add, list, show, edit, remove, run.
    Watch {
        #[command(subcommand)]
        command: watch::WatchCommand,
    },
    /// Search the index and print ranked passages.
    Search(SearchArgs),
    /// Print one document: its metadata (and where each field came from) and its clean text.
    Show {
        /// A Kamerstuk id in any common form, or a file path as indexed.
        id: String,
        /// Print JSON (the export format) instead.
        #[arg(long)]
        json: bool,
    },
    /// Print every document as JSON lines: metadata and clean text.
    Export,
    /// Print what the index holds.
    Stats {
        /// Print JSON instead.
        #[arg(long)]
        json: bool,
    },
    /// Print the documents that cite a Kamerstuk, newest first.
    CitedBy {
        /// A Kamerstuk id in any common form.
        id: String,
        /// Print JSON lines instead.
        #[arg(long)]
        json: bool,
    },
    /// Serve the index over HTTP, read-only: a JSON API (/api/search, /api/documents/ID,
    /// /api/stats, /api/openapi.json) and a search page. New commits are seen without a restart.
    #[cfg(feature = "serve")]
    Serve {
        /// The address to listen on; loopback unless told otherwise (0.0.0.0:7700 for every
        /// network the machine is on).
        #[arg(long, default_value = "127.0.0.1:7700")]
        addr: std::net::SocketAddr,
    },
    /// Print the clean text kamerzoek would index for a file (or standard input: -).
    Normalize {
        /// The file, or - for standard input.
        #[arg(default_value = "-")]
        file: PathBuf,
    },
}

#[derive(clap::Args, Debug)]
struct SearchArgs {
    /// The query: words, "phrases", -exclude or NOT, +required, AND, OR, (groups), id:/dossier:/
    /// type:/cites:/indiener:/sgd:, or a document's id, citation, URL or file name. Without
    /// one, the options that choose documents (--dossier, --type, --since, ...) list theirs.
    query: Option<String>,
    /// Documents to show (at most 10000; page with --offset).
    #[arg(long, short = 'n', default_value_t = 10, value_parser = at_most::<MAX_LIMIT>)]
    limit: usize,
    /// Documents to skip (for paging).
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Print JSON: one object with the query, the total and the hits.
    #[arg(long)]
    json: bool,
    /// Run one query per line of FILE (- for standard input); prints one JSON line per query.
    #[arg(long, value_name = "FILE", conflicts_with = "query")]
    queries: Option<PathBuf>,
    /// Only this dossier: 33750-IV, or 33750 for every suffix.
    #[arg(long)]
    dossier: Option<String>,
    /// Only documents dated on or after this date (YYYY-MM-DD, YYYY or "24 februari 2015").
    #[arg(long, value_parser = parse_date)]
    from: Option<Date>,
    /// Only documents dated on or before this date; a bare year means its last day.
    #[arg(long, value_parser = parse_date_end)]
    to: Option<Date>,
    /// Only this type (motie, amendement, brief, verslag, ...).
    #[arg(long = "type")]
    doc_type: Option<String>,
    /// Only documents that cite this Kamerstuk (36600-XVI-12, "36 600 XVI, nr. 12").
    #[arg(long, value_name = "ID")]
    cites: Option<String>,
    /// Only documents that entered the index or changed in it since then: a day (2026-12-01),
    /// a time (2026-12-01T09:30:00+01:00) or a time ago (30m, 12h, 7d, 2w). --from and --to
    /// are the document's own date.
    #[arg(long, value_name = "WHEN", value_parser = parse_since)]
    since: Option<kamerzoek::Timestamp>,
    /// Only documents this member submitted: Kröger, "van der Plas", or the surname alone.
    #[arg(long, value_name = "NAME")]
    indiener: Option<String>,
    /// Only documents of this party (VVD, GroenLinks-PvdA): meeting reports in which a member
    /// spoke, and documents whose title gives the submitters' party.
    #[arg(long, value_name = "PARTY")]
    partij: Option<String>,
    /// Order: relevance, or date (newest first).
    #[arg(long, value_enum, default_value_t = SortArg::Relevance)]
    sort: SortArg,
    /// Best passages to show per document (1 to 100).
    #[arg(long, default_value_t = 1, value_parser = passages_per_doc)]
    per_doc: usize,
    /// Show why each hit scored what it did: per query word, how it matched (as typed, by a
    /// compound's parts, by a related form), in which field, and what each added.
    #[arg(long)]
    explain: bool,
    /// Count the matching documents by year, type, dossier, indiener and/or partij (comma-separated):
    /// over the whole result, not the page.
    #[arg(long, value_name = "LIST", value_parser = parse_facets)]
    facets: Option<FacetList>,
}

/// The facets of `--facets`, as clap takes one value.
#[derive(Clone, Debug)]
struct FacetList(Vec<Facet>);

fn parse_facets(s: &str) -> Result<FacetList, String> {
    Facet::parse_list(s)
        .map(FacetList)
        .map_err(|e| e.to_string())
}

#[derive(Clone, Copy, Debug, ValueEnum)]
enum SortArg {
    Relevance,
    Date,
}

#[derive(Clone, Copy, Debug, ValueEnum, PartialEq, Eq)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// A count of at most `MAX`.
fn at_most<const MAX: usize>(s: &str) -> Result<usize, String> {
    let n: usize = s
        .trim()
        .parse()
        .map_err(|_| format!("{s:?} is not a whole number from 0 to {MAX}"))?;
    if n > MAX {
        return Err(format!("{n} is more than {MAX}"));
    }
    Ok(n)
}

fn passages_per_doc(s: &str) -> Result<usize, String> {
    match at_most::<MAX_PER_DOC>(s)? {
        0 => Err(format!("at least 1 passage (at most {MAX_PER_DOC})")),
        n => Ok(n),
    }
}

fn parse_date(s: &str) -> Result<Date, String> {
    s.parse::<Date>().map_err(|e| e.to_string())
}

fn parse_since(s: &str) -> Result<kamerzoek::Timestamp, String> {
    kamerzoek::Timestamp::parse_relative(s, kamerzoek::Timestamp::now()).map_err(|e| e.to_string())
}

fn parse_date_end(s: &str) -> Result<Date, String> {
    Date::parse_end(s).map_err(|e| e.to_string())
}

/// Runs the command line; returns the exit code for a run that did not fail outright.
pub fn run() -> Result<Exit> {
    let cli = Cli::parse();
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            use std::io::IsTerminal;
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let code = match cli.command {
        Command::Index {
            paths,
            quiet,
            strict,
            follow_links,
            watch,
            news,
        } => {
            if !watch && (news.json || news.atom.is_some()) {
                bail!("--json and --atom are what --watch prints and writes: add --watch");
            }
            for p in &paths {
                if !p.exists() {
                    bail!("{}: no such file or folder", p.display());
                }
            }
            let index = Index::open_or_create(&cli.index)?;
            let bar = progress::Bar::new(quiet);
            let report = index.index_paths(&paths, &bar.options(strict, follow_links));
            bar.finish();
            let report = report?;
            if !quiet {
                output::index_summary(&report, &cli.index)?;
            }
            if watch {
                let mut watches = kamerzoek::watch::Watches::open(&index)?;
                watch::run_watches(&index, &mut watches, &[], &news, color, &mut out)?;
            }
            // Some files could not be read; the rest is indexed and committed.
            if report.skipped.is_empty() {
                Exit::Success
            } else {
                Exit::Partial
            }
        }
        Command::Search(args) => search(&cli.index, args, color, &mut out)?,
        Command::Watch { command } => {
            watch::run(&cli.index, command, color, &mut out)?;
            Exit::Success
        }
        Command::Show { id, json } => {
            let index = open(&cli.index)?;
            const LISTED: usize = 5;
            let found = index.lookup(&id, 1 + LISTED)?;
            let doc = found
                .documents
                .first()
                .with_context(|| format!("no document {id:?} in {}", cli.index.display()))?;
            if found.total > 1 {
                let keys: Vec<&str> = found.documents[1..]
                    .iter()
                    .map(|d| d.key.as_str())
                    .collect();
                eprintln!(
                    "kamerzoek: {id} holds {} documents; this is the first. The others: {}{}",
                    found.total,
                    keys.join(", "),
                    if found.total > found.documents.len() {
                        ", ..."
                    } else {
                        ""
                    }
                );
            }
            if json {
                serde_json::to_writer(&mut out, doc)?;
                writeln!(out)?;
            } else {
                output::show(&mut out, doc, color)?;
            }
            Exit::Success
        }
        Command::Export => {
            let index = open(&cli.index)?;
            for doc in index.documents()? {
                serde_json::to_writer(&mut out, &doc?)?;
                writeln!(out)?;
            }
            Exit::Success
        }
        Command::Stats { json } => {
            let index = open(&cli.index)?;
            let stats = index.stats()?;
            if json {
                serde_json::to_writer(&mut out, &stats)?;
                writeln!(out)?;
            } else {
                output::stats(&mut out, &stats, &cli.index)?;
            }
            Exit::Success
        }
        Command::CitedBy { id, json } => {
            let index = open(&cli.index)?;
            let docs = index.cited_by(&id)?;
            if json {
                for d in &docs {
                    serde_json::to_writer(&mut out, d)?;
                    writeln!(out)?;
                }
            } else {
                output::cited_by(&mut out, &id, &docs, color)?;
            }
            Exit::Success
        }
        #[cfg(feature = "serve")]
        Command::Serve { addr } => {
            let index = open(&cli.index)?;
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .context("starting the server's threads")?;
            runtime.block_on(async {
                let listener = tokio::net::TcpListener::bind(addr)
                    .await
                    .with_context(|| format!("cannot listen on {addr}"))?;
                eprintln!(
                    "kamerzoek: serving {} on http://{}/ (Ctrl-C stops)",
                    cli.index.display(),
                    listener.local_addr()?
                );
                kamerzoek::serve::serve(index, listener, Default::default()).await?;
                anyhow::Ok(())
            })?;
            Exit::Success
        }
        Command::Normalize { file } => {
            let (name, bytes) = if file.as_os_str() == "-" {
                let mut buf = Vec::new();
                std::io::Read::read_to_end(&mut std::io::stdin(), &mut buf)
                    .context("reading standard input")?;
                (PathBuf::from("stdin.txt"), buf)
            } else {
                let bytes = std::fs::read(&file).with_context(|| format!("{}", file.display()))?;
                (file.clone(), bytes)
            };
            let name = if kamerzoek::read::Format::is_supported(&name) {
                name
            } else {
                name.with_extension("txt")
            };
            let raws = kamerzoek::read::read_bytes(&name, &bytes)?;
            // The index's lexicon, where there is one, is the evidence its documents were cleaned with.
            let mut lexicon = Index::open(&cli.index)
                .map(|i| i.lexicon())
                .unwrap_or_default();
            for raw in &raws {
                for w in &raw.warnings {
                    eprintln!("kamerzoek: {}: {w}", file.display());
                }
                lexicon.add_text(&kamerzoek::normalize::normalize_chars(&raw.text));
            }
            let texts: Vec<String> = raws
                .into_iter()
                .map(|raw| kamerzoek::Document::from_raw(raw, &lexicon).text())
                .collect();
            writeln!(out, "{}", texts.join("\n\n"))?;
            Exit::Success
        }
    };
    out.flush()?;
    Ok(code)
}

fn open(path: &std::path::Path) -> Result<Index> {
    Ok(Index::open(path)?)
}

fn search(
    index_path: &std::path::Path,
    args: SearchArgs,
    color: bool,
    out: &mut impl Write,
) -> Result<Exit> {
    let index = open(index_path)?;
    let options = SearchOptions {
        limit: args.limit,
        offset: args.offset,
        per_doc: args.per_doc,
        dossier: args.dossier,
        doc_type: args.doc_type,
        indiener: args.indiener,
        partij: args.partij,
        from: args.from,
        to: args.to,
        cites: args.cites,
        since: args.since,
        until: None,
        sort: match args.sort {
            SortArg::Relevance => Sort::Relevance,
            SortArg::Date => Sort::Date,
        },
        explain: args.explain,
        facets: args.facets.map(|f| f.0).unwrap_or_default(),
    };
    if let Some(file) = args.queries {
        let mut reader: Box<dyn BufRead> = if file.as_os_str() == "-" {
            Box::new(std::io::BufReader::new(std::io::stdin()))
        } else {
            Box::new(std::io::BufReader::new(
                std::fs::File::open(&file).with_context(|| format!("{}", file.display()))?,
            ))
        };
        let mut failed = 0usize;
        let mut line = Vec::new();
        let mut number = 0usize;
        loop {
            line.clear();
            let read = reader
                .read_until(b'\n', &mut line)
                .with_context(|| format!("{}", file.display()))?;
            if read == 0 {
                break;
            }
            number += 1;
            // One answer per line, in order, also for a query that fails: batch callers count lines.
            let (query, result) = match std::str::from_utf8(&line) {
                Ok(text) => {
                    let query = text.trim_end_matches(['\n', '\r']);
                    let result =
                        parse_query(query).and_then(|p| index.search_parsed(query, &p, &options));
                    (query.to_string(), result)
                }
                Err(e) => (
                    String::from_utf8_lossy(&line).trim_end().to_string(),
                    Err(kamerzoek::Error::Query(format!(
                        "line {number} is not valid UTF-8 (first bad byte at {})",
                        e.valid_up_to()
                    ))),
                ),
            };
            match result {
                Ok(results) => output::json_results(out, &results)?,
                Err(e) => {
                    failed += 1;
                    serde_json::to_writer(
                        &mut *out,
                        &serde_json::json!({"query": query, "error": e.to_string(), "total": 0, "hits": []}),
                    )?;
                    writeln!(out)?;
                }
            }
        }
        if failed > 0 {
            eprintln!("kamerzoek: {failed} of the queries could not be run; their lines carry an \"error\"");
            return Ok(Exit::Partial);
        }
        return Ok(Exit::Success);
    }
    let query = args.query.unwrap_or_default();
    let results = index.search(&query, &options)?;
    if results.total == 0 && index.is_being_built() {
        bail!(
            "{}: the index is being built and has no documents yet; search again when \
             `kamerzoek index` has finished",
            index_path.display()
        );
    }
    if args.json {
        output::json_results(out, &results)?;
    } else {
        output::results(out, &results, &options, color)?;
    }
    Ok(Exit::Success)
}
