//! A watch's news as an Atom 1.0 feed (RFC 4287), one file per watch.
//!
//! A feed keeps its latest entries across runs, so that a reader that polls less often than
//! the watch runs misses nothing: each run's entries are put in front of the feed's, a
//! document's entry replacing its earlier one (an entry's id is its document's, the same in
//! every run), and the newest [`FEED_ENTRIES`] are kept.

use std::path::{Path, PathBuf};

use atom_syndication::{
    Category, Entry, Feed, FixedDateTime, Generator, Link, Person, Text, WriteConfig,
};

use super::news::News;
use super::store::replace_file;
use crate::document::key_file;
use crate::{Error, Hit, Result, Timestamp};

/// Entries a feed keeps.
pub const FEED_ENTRIES: usize = 200;

/// Writes the news of a watch into its feed, `DIR/NAME.atom`, on top of what the feed held;
/// returns the feed's path. A feed file that cannot be read as Atom is reported with its
/// path and left as it is.
///
/// The feed is written whole under a new name and then moved over the old one: a reader
/// never sees half a feed, and a run that fails leaves the last one.
pub fn write_feed(dir: &Path, news: &News) -> Result<PathBuf> {
    let path = dir.join(format!("{}.atom", news.watch.name));
    let earlier = match std::fs::read(&path) {
        Ok(bytes) => Some(Feed::read_from(&bytes[..]).map_err(|e| Error::Damaged {
            path: path.clone(),
            reason: format!("is not an Atom feed kamerzoek can add to ({e}); it is left as it is"),
        })?),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Error::io(&path, e)),
    };
    if news.results.hits.is_empty() && earlier.is_some() {
        return Ok(path);
    }
    let mut entries: Vec<Entry> = news.results.hits.iter().map(entry).collect();
    let fresh: std::collections::HashSet<String> = entries.iter().map(|e| e.id.clone()).collect();
    if let Some(earlier) = earlier {
        entries.extend(
            earlier
                .entries
                .into_iter()
                .filter(|e| !fresh.contains(&e.id)),
        );
    }
    entries.sort_by(|a, b| b.updated.cmp(&a.updated).then_with(|| a.id.cmp(&b.id)));
    entries.truncate(FEED_ENTRIES);
    let updated = entries
        .first()
        .map(|e| e.updated)
        .unwrap_or_else(|| moment(news.until.or(news.watch.seen_until).unwrap_or_default()));
    let feed = Feed {
        title: Text::plain(format!("kamerzoek: {}", news.watch.name)),
        id: format!("urn:kamerzoek:watch:{}", news.watch.name),
        updated,
        authors: vec![Person {
            name: "kamerzoek".into(),
            ..Person::default()
        }],
        generator: Some(Generator {
            value: "kamerzoek".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
            ..Generator::default()
        }),
        subtitle: Some(Text::plain(format!(
            "New and changed Kamerstukken: {}",
            news.watch.describe()
        ))),
        entries,
        ..Feed::default()
    };
    // Indented: a person reads it too.
    let config = WriteConfig {
        indent_size: Some(2),
        ..WriteConfig::default()
    };
    let mut bytes = feed
        .write_with_config(Vec::new(), config)
        .map_err(|e| Error::Index {
            path: path.clone(),
            reason: format!("cannot write the feed: {e}"),
        })?;
    bytes.push(b'\n');
    replace_file(&path, &bytes)?;
    Ok(path)
}

/// The entry of one hit: its document's id, title and link, its passage as the summary.
fn entry(hit: &Hit) -> Entry {
    let file_name = || {
        hit.path
            .file_name()
            .map_or_else(|| hit.key.clone(), |n| n.to_string_lossy().into_owned())
    };
    let title = match (&hit.id, &hit.title) {
        (Some(id), Some(t)) => format!("{id}: {t}"),
        (Some(id), None) => id.clone(),
        (None, Some(t)) => t.clone(),
        (None, None) => file_name(),
    };
    let mut categories: Vec<Category> = Vec::new();
    for (scheme, value) in [("type", &hit.doc_type), ("dossier", &hit.dossier)] {
        if let Some(v) = value {
            categories.push(Category {
                term: v.clone(),
                scheme: Some(format!("urn:kamerzoek:{scheme}")),
                ..Category::default()
            });
        }
    }
    let mut summary = hit.text.clone();
    if let Some(citation) = &hit.citation {
        summary = format!("{summary}\n\n{citation}");
    }
    Entry {
        title: Text::plain(title),
        id: entry_id(&hit.key),
        updated: moment(hit.changed),
        published: Some(moment(hit.added)),
        links: vec![Link {
            href: link(hit),
            ..Link::default()
        }],
        summary: Some(Text::plain(summary)),
        categories,
        ..Entry::default()
    }
}

/// A document's entry id: the same in every run and every feed.
fn entry_id(key: &str) -> String {
    let key: String = url::form_urlencoded::byte_serialize(key.as_bytes()).collect();
    format!("urn:kamerzoek:document:{key}")
}

/// The document's official publication where it has an id, else its file.
fn link(hit: &Hit) -> String {
    if let Some(id) = &hit.id {
        return crate::meta::official_url(id);
    }
    let path = match key_file(&hit.key) {
        Some(file) => file.to_path_buf(),
        _ => std::fs::canonicalize(&hit.path).unwrap_or_else(|_| hit.path.clone()),
    };
    let absolute = std::path::absolute(&path).unwrap_or(path);
    url::Url::from_file_path(&absolute)
        .map(String::from)
        .unwrap_or_else(|()| format!("file://{}", absolute.display()))
}

fn moment(t: Timestamp) -> FixedDateTime {
    t.to_chrono().fixed_offset()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entry_ids_are_uris_whatever_the_key() {
        assert_eq!(
            entry_id("kst-36600-XVI-12"),
            "urn:kamerzoek:document:kst-36600-XVI-12"
        );
        let id = entry_id("path:/data/brief van 3 mei.txt");
        assert!(!id.contains(' ') && id.starts_with("urn:kamerzoek:document:path"));
    }

    #[test]
    fn a_record_of_a_file_of_many_links_to_its_file() {
        let hit = |key: &str| Hit {
            rank: 1,
            id: None,
            key: key.into(),
            path: "sgd.jsonl".into(),
            line: 12,
            date: None,
            doc_type: None,
            title: None,
            dossier: None,
            citation: None,
            added: Timestamp::default(),
            changed: Timestamp::default(),
            score: 0.0,
            passage: 0,
            text: String::new(),
            highlights: Vec::new(),
            explain: None,
        };
        assert_eq!(
            link(&hit("path:/data/sgd.jsonl#12")),
            "file:///data/sgd.jsonl"
        );
        assert_eq!(link(&hit("path:/data/a#b.txt")), "file:///data/a%23b.txt");
    }
}
