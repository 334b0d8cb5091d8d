//! `kamerzoek watch`: saved searches and what is new for them.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::{Args, Subcommand};
use kamerzoek::watch::{write_feed, Watch, Watches};
use kamerzoek::Index;

use super::output;

#[derive(Subcommand, Debug)]
pub enum WatchCommand {
    /// Save a search: what enters or changes in the index from now on and matches it is
    /// reported by `watch run`.
    Add {
        /// Its name (letters, digits, - _ .), also its feed's file name.
        name: String,
        /// The query, as for `search`; may be left out when an option chooses documents.
        query: Option<String>,
        #[command(flatten)]
        choice: Choice,
    },
    /// List the watches.
    List {
        /// Print JSON lines instead.
        #[arg(long)]
        json: bool,
    },
    /// Print one watch.
    Show {
        name: String,
        /// Print JSON instead.
        #[arg(long)]
        json: bool,
    },
    /// Change a watch's query or options (an empty value takes an option away); what it
    /// reported stays reported.
    Edit {
        name: String,
        /// The new query.
        #[arg(long)]
        query: Option<String>,
        #[command(flatten)]
        choice: Choice,
    },
    /// Remove a watch.
    Remove { name: String },
    /// Print, per watch, the documents that are new or changed since it last ran, each with
    /// its best passage; then the watch moves on. Without names, every watch.
    Run {
        /// The watches to run.
        names: Vec<String>,
        #[command(flatten)]
        output: RunOutput,
    },
}

/// The options that choose a watch's documents.
#[derive(Args, Debug, Default)]
pub struct Choice {
    /// Only this dossier: 36600-XVI, or 36600 for every suffix.
    #[arg(long)]
    dossier: Option<String>,
    /// Only this type (motie, brief, antwoord, ...).
    #[arg(long = "type")]
    doc_type: Option<String>,
    /// Only documents this member submitted.
    #[arg(long, value_name = "NAME")]
    indiener: Option<String>,
    /// Only documents of this party.
    #[arg(long, value_name = "PARTY")]
    partij: Option<String>,
    /// Only documents that cite this Kamerstuk: the reactions to a motie, the answers to
    /// questions.
    #[arg(long, value_name = "ID")]
    cited_by: Option<String>,
}

/// How `watch run` (and `index --watch`) hands over what is new.
#[derive(Args, Debug, Default)]
pub struct RunOutput {
    /// Print one JSON line per watch instead.
    #[arg(long)]
    pub json: bool,
    /// Also write one Atom feed per watch into DIR (DIR/NAME.atom), keeping the latest
    /// entries of earlier runs.
    #[arg(long, value_name = "DIR")]
    pub atom: Option<PathBuf>,
}

impl Choice {
    /// Sets what was given on `watch`; an empty value takes the option away.
    fn apply(self, watch: &mut Watch) {
        let set = |slot: &mut Option<String>, value: Option<String>| {
            if let Some(v) = value {
                *slot = Some(v).filter(|v| !v.trim().is_empty());
            }
        };
        set(&mut watch.dossier, self.dossier);
        set(&mut watch.doc_type, self.doc_type);
        set(&mut watch.indiener, self.indiener);
        set(&mut watch.partij, self.partij);
        set(&mut watch.cited_by, self.cited_by);
    }
}

pub fn run(index: &Path, command: WatchCommand, color: bool, out: &mut impl Write) -> Result<()> {
    let index = Index::open(index)?;
    let mut watches = Watches::open(&index)?;
    match command {
        WatchCommand::Add {
            name,
            query,
            choice,
        } => {
            let mut watch = Watch::new(&name)?;
            watch.query = query.filter(|q| !q.trim().is_empty());
            choice.apply(&mut watch);
            watches.add(&index, watch)?;
            eprintln!(
                "kamerzoek: watch {name} added to {}; `kamerzoek watch run {name}` reports what is new",
                watches.path().display()
            );
        }
        WatchCommand::List { json } => {
            for w in watches.list() {
                if json {
                    serde_json::to_writer(&mut *out, w)?;
                    writeln!(out)?;
                } else {
                    let last = w.last_run.map_or("never".to_string(), |t| t.to_string());
                    writeln!(out, "{}  {}  (last run: {last})", w.name, w.describe())?;
                }
            }
        }
        WatchCommand::Show { name, json } => {
            let w = watches
                .get(&name)
                .with_context(|| format!("no watch {name:?} in {}", watches.path().display()))?;
            if json {
                serde_json::to_writer_pretty(&mut *out, w)?;
                writeln!(out)?;
            } else {
                let at = |t: Option<kamerzoek::Timestamp>| t.map_or("-".into(), |t| t.to_string());
                writeln!(out, "name        {}", w.name)?;
                writeln!(out, "follows     {}", w.describe())?;
                writeln!(out, "created     {}", w.created)?;
                writeln!(out, "seen until  {}", at(w.seen_until))?;
                writeln!(out, "last run    {}", at(w.last_run))?;
            }
        }
        WatchCommand::Edit {
            name,
            query,
            choice,
        } => {
            watches.edit(&index, &name, |w| {
                if let Some(q) = query {
                    w.query = Some(q).filter(|q| !q.trim().is_empty());
                }
                choice.apply(w);
            })?;
            if let Some(w) = watches.get(&name) {
                eprintln!("kamerzoek: watch {name} follows {}", w.describe());
            }
        }
        WatchCommand::Remove { name } => {
            watches.remove(&name)?;
            eprintln!("kamerzoek: watch {name} removed");
        }
        WatchCommand::Run { names, output } => {
            if watches.list().is_empty() {
                eprintln!(
                    "kamerzoek: no watches in {}; add one with `kamerzoek watch add NAME QUERY`",
                    watches.path().display()
                );
            }
            run_watches(&index, &mut watches, &names, &output, color, out)?;
        }
    }
    Ok(())
}

/// Runs the watches and hands over their news: each watch's feed is written, then its news
/// printed and flushed, before the watch moves on.
pub fn run_watches(
    index: &Index,
    watches: &mut Watches,
    names: &[String],
    how: &RunOutput,
    color: bool,
    out: &mut impl Write,
) -> Result<()> {
    if let Some(dir) = &how.atom {
        std::fs::create_dir_all(dir).with_context(|| format!("{}", dir.display()))?;
    }
    watches.run(index, names, |news| -> Result<()> {
        let feed = match &how.atom {
            Some(dir) => Some(write_feed(dir, news)?),
            None => None,
        };
        match how.json {
            true => output::json_news(out, news, feed.as_deref())?,
            false => output::news(out, news, feed.as_deref(), color)?,
        }
        out.flush()?;
        Ok(())
    })
}
