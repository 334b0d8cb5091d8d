//! What the commands print: human text (coloured on a terminal) and JSON.

use std::io::Write;
use std::path::Path;

use anyhow::Result;
use kamerzoek::index::{IndexReport, Stats, StoredDocument};
use kamerzoek::search::{excerpt, Explanation, Facet, Hit, SearchOptions, SearchResults};
use kamerzoek::watch::News;

const BOLD: &str = "\x1b[1m";
const HIGHLIGHT: &str = "\x1b[1;31m";
const DIM: &str = "\x1b[2m";
const CYAN: &str = "\x1b[36m";
const RESET: &str = "\x1b[0m";

/// Passages longer than this are shown as an excerpt around the first match.
const EXCERPT_CHARS: usize = 420;

/// A path as one line of output: a control character in a file name (a newline) is written
/// as its escape, so that line-based output stays one line per item.
fn shown(path: &Path) -> String {
    let text = path.display().to_string();
    if !text.contains(char::is_control) {
        return text;
    }
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// What names a document in a list: its id, else its Staten-Generaal Digitaal id, else
/// "(no id)" (its path is shown with it).
fn name_of(id: Option<&str>, key: &str) -> String {
    match id {
        Some(id) => id.to_string(),
        None if key.starts_with("sgd:") => key.to_string(),
        None => "(no id)".to_string(),
    }
}

fn paint(s: &str, style: &str, color: bool) -> String {
    if color {
        format!("{style}{s}{RESET}")
    } else {
        s.to_string()
    }
}

/// Writes `text` with the ranges marked: colour on a terminal, `[...]` otherwise would change
/// the text, so plain output leaves it as it is.
fn marked(text: &str, ranges: &[std::ops::Range<usize>], color: bool) -> String {
    if !color {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + ranges.len() * 12);
    let mut at = 0;
    for r in ranges {
        out.push_str(&text[at..r.start]);
        out.push_str(HIGHLIGHT);
        out.push_str(&text[r.clone()]);
        out.push_str(RESET);
        at = r.end;
    }
    out.push_str(&text[at..]);
    out
}

pub fn results(
    out: &mut impl Write,
    r: &SearchResults,
    o: &SearchOptions,
    color: bool,
) -> Result<()> {
    if r.hits.is_empty() {
        if r.total == 0 {
            writeln!(out, "No documents match {:?}.", r.query)?;
        } else if o.limit == 0 {
            writeln!(out, "{}.", counted(r))?;
        } else {
            writeln!(
                out,
                "{}; none from {} on (--offset {} is past the end).",
                counted(r),
                o.offset.saturating_add(1),
                o.offset
            )?;
        }
        return facets(out, r);
    }
    hits(out, r, color)?;
    let first = o.offset.saturating_add(1);
    let last = r.hits.iter().map(|h| h.rank).max().unwrap_or(0);
    writeln!(out)?;
    writeln!(out, "{}; showing {first}-{last}.", counted(r))?;
    facets(out, r)
}

/// Each hit: its document's heading (once for its passages), the passage, where it is.
fn hits(out: &mut impl Write, r: &SearchResults, color: bool) -> Result<()> {
    let mut last_rank = 0;
    for hit in &r.hits {
        if hit.rank != last_rank {
            if last_rank != 0 {
                writeln!(out)?;
            }
            writeln!(out, "{}", heading(hit, color))?;
            last_rank = hit.rank;
        }
        let (text, marks) = excerpt(&hit.text.replace('\n', " "), &hit.highlights, EXCERPT_CHARS);
        writeln!(out, "   {}", marked(&text, &marks, color))?;
        let mut location = format!("{}:{}", shown(&hit.path), hit.line);
        if let Some(citation) = &hit.citation {
            location.push_str(&format!("  {citation}"));
        }
        writeln!(out, "   {}", paint(&location, DIM, color))?;
        if let Some(explanation) = &hit.explain {
            explain(out, hit.score, explanation)?;
        }
    }
    Ok(())
}

/// Each facet as a table: a value, its number of documents and a bar; every year, the 20
/// most frequent values of the others (`--json` has them all).
fn facets(out: &mut impl Write, r: &SearchResults) -> Result<()> {
    const BAR: usize = 40;
    const ROWS: usize = 20;
    for f in &r.facets {
        writeln!(out, "\n{}", f.facet.name())?;
        let shown = match f.facet {
            Facet::Year => f.counts.len(),
            _ => f.counts.len().min(ROWS),
        };
        let rows = &f.counts[..shown];
        let most = rows.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1);
        let width = rows
            .iter()
            .map(|(v, _)| v.chars().count())
            .max()
            .unwrap_or(0);
        for (value, n) in rows {
            let bar = "█".repeat((n * BAR).div_ceil(most));
            writeln!(out, "  {value:<width$}  {n:>6}  {bar}")?;
        }
        if shown < f.counts.len() {
            writeln!(out, "  ... {} more values", f.counts.len() - shown)?;
        }
    }
    Ok(())
}

/// "12 documents match "asiel"", or where fewer contain all of the query than some of it,
/// "12 documents contain all of "mensenhandel Curacao"; 171 more contain some of it".
fn counted(r: &SearchResults) -> String {
    let documents = |n: usize| match n {
        1 => "1 document".to_string(),
        n => format!("{n} documents"),
    };
    let (all, some) = (r.every, r.total.saturating_sub(r.every));
    if some == 0 {
        let verb = if all == 1 { "matches" } else { "match" };
        return format!("{} {verb} {:?}", documents(all), r.query);
    }
    let verb = if all == 1 { "contains" } else { "contain" };
    format!(
        "{} {verb} all of {:?}; {some} more contain{} some of it",
        documents(all),
        r.query,
        if some == 1 { "s" } else { "" }
    )
}

/// A hit's explanation: the score, then a line per query item that matched, with the way it
/// matched and the terms that added to it.
fn explain(out: &mut impl Write, score: f32, e: &Explanation) -> Result<()> {
    let bonus = match e.bonus > 0.0 {
        true => format!(" ({:.2} for matching every part of the query)", e.bonus),
        false => String::new(),
    };
    writeln!(out, "   score {score:.2}{bonus}")?;
    let width = e
        .items
        .iter()
        .map(|i| i.item.chars().count())
        .max()
        .unwrap_or(0);
    for item in &e.items {
        let terms: Vec<String> = item
            .matches
            .iter()
            .map(|m| format!("{} \"{}\" {:.2}", m.field, m.term, m.score))
            .collect();
        writeln!(
            out,
            "     {:<width$}  {:>6.2}  {}: {}",
            item.item,
            item.score,
            item.way,
            terms.join(", ")
        )?;
    }
    Ok(())
}

fn heading(hit: &Hit, color: bool) -> String {
    let id = name_of(hit.id.as_deref(), &hit.key);
    let date = hit
        .date
        .map_or_else(|| "----------".to_string(), |d| d.to_string());
    let kind = hit.doc_type.clone().unwrap_or_default();
    let title = hit.title.clone().unwrap_or_default();
    format!(
        "{:>2}. {}  {}  {}  {}",
        hit.rank,
        paint(&id, BOLD, color),
        paint(&date, CYAN, color),
        kind,
        title
    )
}

pub fn json_results(out: &mut impl Write, r: &SearchResults) -> Result<()> {
    serde_json::to_writer(&mut *out, &r.to_json())?;
    writeln!(out)?;
    Ok(())
}

/// A watch's news: a line that says what it follows and how much is new, then the hits as a
/// search shows them.
pub fn news(out: &mut impl Write, news: &News, feed: Option<&Path>, color: bool) -> Result<()> {
    let w = &news.watch;
    let new = news.results.hits.iter().filter(|h| news.is_new(h)).count();
    let changed = news.results.hits.len() - new;
    let since = news
        .since
        .map_or_else(|| "the start".to_string(), |t| t.to_string());
    let mut line = format!(
        "{}: {new} new, {changed} changed since {since} ({})",
        paint(&w.name, BOLD, color),
        w.describe()
    );
    if let Some(feed) = feed {
        line.push_str(&format!("; feed {}", shown(feed)));
    }
    writeln!(out, "{line}")?;
    if !news.results.hits.is_empty() {
        hits(out, &news.results, color)?;
        writeln!(out)?;
    }
    Ok(())
}

/// A watch's news as one JSON line.
pub fn json_news(out: &mut impl Write, news: &News, feed: Option<&Path>) -> Result<()> {
    let new: Vec<&str> = news
        .results
        .hits
        .iter()
        .filter(|h| news.is_new(h))
        .map(|h| h.key.as_str())
        .collect();
    serde_json::to_writer(
        &mut *out,
        &serde_json::json!({
            "watch": news.watch.name,
            "follows": news.watch.describe(),
            "since": news.since,
            "until": news.until,
            "total": news.results.total,
            "new": new,
            "hits": news.results.to_json()["hits"],
            "feed": feed,
        }),
    )?;
    writeln!(out)?;
    Ok(())
}

pub fn index_summary(r: &IndexReport, index: &Path) -> Result<()> {
    let mut err = std::io::stderr().lock();
    let mb = r.bytes as f64 / 1e6;
    writeln!(
        err,
        "Indexed {} ({}) from {}, {:.1} MB in {:.1} s ({:.1} MB/s) into {}.",
        count(r.documents, "document"),
        count(r.passages, "passage"),
        count(r.files, "file"),
        mb,
        r.seconds,
        mb / r.seconds.max(1e-9),
        index.display()
    )?;
    writeln!(
        err,
        "Files: {} new, {} changed, {} removed, {} unchanged.",
        r.added, r.changed, r.removed, r.unchanged
    )?;
    if let Some(first) = r.pdf_without_pdftotext.first() {
        writeln!(
            err,
            "Passed over {} ({}{}): {}.",
            count(r.pdf_without_pdftotext.len(), "PDF"),
            shown(first),
            if r.pdf_without_pdftotext.len() > 1 {
                ", ..."
            } else {
                ""
            },
            kamerzoek::read::PDF_HINT
        )?;
    }
    if !r.ignored.is_empty() {
        const LISTED: usize = 5;
        let names: Vec<String> = r.ignored.iter().take(LISTED).map(|p| shown(p)).collect();
        let more = r.ignored.len().saturating_sub(LISTED);
        writeln!(
            err,
            "Passed over {} of other formats: {}{}",
            count(r.ignored.len(), "file"),
            names.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        )?;
    }
    for l in &r.outside_links {
        writeln!(err, "not followed: {}: {}", shown(&l.path), l.reason)?;
    }
    for w in &r.warnings {
        writeln!(err, "warning: {}: {}", shown(&w.path), w.reason)?;
    }
    for d in &r.duplicates {
        writeln!(err, "duplicate: {}: {}", shown(&d.path), d.reason)?;
    }
    if !r.skipped.is_empty() {
        writeln!(err, "Skipped {}:", count(r.skipped.len(), "file"))?;
        for s in &r.skipped {
            writeln!(err, "skipped: {}: {}", shown(&s.path), s.reason)?;
        }
    }
    Ok(())
}

/// "1 file", "2 files".
fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

pub fn show(out: &mut impl Write, d: &StoredDocument, color: bool) -> Result<()> {
    let src = |field: &str| {
        d.sources
            .get(field)
            .map(|s| format!("  ({s})"))
            .unwrap_or_default()
    };
    let mut row = |label: &str, value: Option<String>, field: &str| -> Result<()> {
        if let Some(v) = value.filter(|v| !v.is_empty()) {
            writeln!(
                out,
                "{}  {v}{}",
                paint(&format!("{label:<13}"), BOLD, color),
                paint(&src(field), DIM, color)
            )?;
        }
        Ok(())
    };
    row("id", d.id.clone(), "id")?;
    row("citation", d.citation.clone(), "id")?;
    row("date", d.date.map(|x| x.to_string()), "date")?;
    row("vergaderjaar", d.vergaderjaar.clone(), "vergaderjaar")?;
    row("type", d.doc_type.clone(), "doc_type")?;
    row("title", d.title.clone(), "title")?;
    row("dossier", d.dossier.clone(), "dossier")?;
    row("dossier title", d.dossier_title.clone(), "dossier_title")?;
    row("indieners", Some(d.indieners.join(", ")), "indieners")?;
    row("parties", Some(d.parties.join(", ")), "parties")?;
    row("kenmerk", d.kenmerk.clone(), "kenmerk")?;
    row("afzender", d.afzender.clone(), "afzender")?;
    row("cites", Some(d.cites.join(", ")), "cites")?;
    row("dossiers", Some(d.dossiers.join(", ")), "dossiers")?;
    row("speakers", Some(d.speakers.join(", ")), "speakers")?;
    row("sgd id", d.sgd_id.clone(), "sgd_id")?;
    row("path", Some(shown(&d.path)), "path")?;
    row("passages", Some(d.passages.to_string()), "passages")?;
    writeln!(out)?;
    writeln!(out, "{}", d.text)?;
    Ok(())
}

pub fn stats(out: &mut impl Write, s: &Stats, index: &Path) -> Result<()> {
    writeln!(out, "index         {}", index.display())?;
    writeln!(out, "documents     {}", s.documents)?;
    writeln!(out, "passages      {}", s.passages)?;
    writeln!(out, "with id       {}", s.with_id)?;
    writeln!(out, "with date     {}", s.with_date)?;
    if let Some((lo, hi)) = s.date_range {
        writeln!(out, "dates         {lo} to {hi}")?;
    }
    let size = s.index_bytes as f64;
    if size >= 1e6 {
        writeln!(out, "index size    {:.1} MB", size / 1e6)?;
    } else {
        writeln!(out, "index size    {:.0} kB", size / 1e3)?;
    }
    writeln!(out, "lexicon       {} word forms", s.lexicon_words)?;
    if let Some(t) = s.last_change {
        writeln!(out, "last change   {t}")?;
    }
    writeln!(out, "types")?;
    for (t, n) in &s.types {
        writeln!(out, "  {n:>8}  {t}")?;
    }
    Ok(())
}

pub fn cited_by(
    out: &mut impl Write,
    id: &str,
    docs: &[StoredDocument],
    color: bool,
) -> Result<()> {
    if docs.is_empty() {
        writeln!(out, "No indexed document cites {id}.")?;
        return Ok(());
    }
    for d in docs {
        let date = d
            .date
            .map_or_else(|| "----------".to_string(), |x| x.to_string());
        writeln!(
            out,
            "{}  {}  {}  {}",
            paint(&date, CYAN, color),
            paint(&name_of(d.id.as_deref(), &d.key), BOLD, color),
            d.doc_type.as_deref().unwrap_or(""),
            d.title.as_deref().unwrap_or("")
        )?;
        writeln!(out, "            {}", paint(&shown(&d.path), DIM, color))?;
    }
    Ok(())
}
