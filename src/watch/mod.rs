//! Watches: saved searches that report what is new.
//!
//! A [`Watch`] is a query and the options that choose documents (a dossier, a type, a member,
//! a party, the Kamerstuk its documents cite), with a name. Running it ([`Watches::run`])
//! reports the matching documents that entered the index or changed in it since the watch
//! last ran, each with its best passage; a watch's state moves on only once what it reported
//! was delivered whole, so a run that fails or is killed reports the same documents the next
//! time: nothing missed, nothing twice.
//!
//! That rests on the moments the index keeps per document (see [`crate::Timestamp`]): every
//! document a commit writes gets one moment, later than any moment the index held, and a
//! watch remembers the latest moment it has reported up to (`seen_until`).
//!
//! The watches of an index are kept in its folder, in `watches.json`, which a person can read
//! and edit:
//!
//! ```json
//! {
//!   "format": "kamerzoek watches",
//!   "version": 1,
//!   "watches": [
//!     {
//!       "name": "stikstof",
//!       "query": "stikstof boeren",
//!       "dossier": "35334",
//!       "created": "2026-12-07T09:00:00.000Z",
//!       "seen_until": "2026-12-07T09:00:00.000Z",
//!       "last_run": "2026-12-07T09:00:00.000Z"
//!     }
//!   ]
//! }
//! ```
//!
//! Besides `query` and `dossier`, a watch may have `type`, `indiener`, `partij` and
//! `cited_by`. A file that cannot be read is reported with its path and left as it is.
//!
//! What `kamerzoek index DIR --watch --atom FEEDS` does, through the library:
//!
//! ```
//! use kamerzoek::watch::{write_feed, Watch, Watches};
//! # let dir = tempfile::tempdir()?;
//! # let (idx, feeds) = (dir.path().join("idx"), dir.path().join("feeds"));
//! # std::fs::create_dir(&feeds).unwrap();
//! let index = kamerzoek::Index::open_or_create(&idx)?;
//! let mut watches = Watches::open(&index)?;
//! let mut watch = Watch::new("mensenhandel")?;
//! watch.query = Some("mensenhandel".into());
//! watches.add(&index, watch)?;
//!
//! index.index_paths(&["sample_corpus"], &Default::default())?;
//! let mut reported = Vec::new();
//! watches.run(&index, &[], |news| {
//!     write_feed(&feeds, news)?;
//!     reported.extend(news.results.hits.iter().map(|h| h.key.clone()));
//!     Ok::<(), kamerzoek::Error>(())
//! })?;
//! assert!(reported.iter().any(|k| k == "kst-33750-IV-16"));
//! assert!(feeds.join("mensenhandel.atom").exists());
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod atom;
mod news;
mod store;

use serde::{Deserialize, Serialize};

use crate::search::SearchOptions;
use crate::{Error, Result, Timestamp};

pub use atom::write_feed;
pub use news::News;
pub use store::Watches;

/// A saved search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Watch {
    /// Its name: letters, digits, `-`, `_` and `.`; also the name of its feed file.
    pub name: String,
    /// The query, in the query language of `search`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// Only this dossier (`36600-XVI`, or `36600` for every suffix).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dossier: Option<String>,
    /// Only this type.
    #[serde(default, rename = "type", skip_serializing_if = "Option::is_none")]
    pub doc_type: Option<String>,
    /// Only documents this member submitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indiener: Option<String>,
    /// Only documents of this party.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partij: Option<String>,
    /// Only documents that cite this Kamerstuk: the reactions to a motie, the answers to
    /// questions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cited_by: Option<String>,
    /// When it was made.
    pub created: Timestamp,
    /// Documents that entered or changed in the index up to this moment were reported (or
    /// were there when the watch was made). `None`: nothing yet, the index was empty.
    #[serde(default)]
    pub seen_until: Option<Timestamp>,
    /// When it last ran.
    #[serde(default)]
    pub last_run: Option<Timestamp>,
}

/// The longest name a watch may have.
pub const MAX_NAME: usize = 64;

impl Watch {
    /// A watch named `name` with nothing chosen yet.
    ///
    /// ```
    /// let mut watch = kamerzoek::watch::Watch::new("stikstof").unwrap();
    /// watch.query = Some("stikstof boeren".into());
    /// assert!(kamerzoek::watch::Watch::new("../etc").is_err());
    /// ```
    pub fn new(name: &str) -> Result<Watch> {
        let good = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
        if name.is_empty()
            || name.len() > MAX_NAME
            || name.starts_with('.')
            || !name.chars().all(good)
        {
            return Err(Error::InvalidArgument {
                what: "watch name",
                value: name.to_string(),
                hint: Some(format!(
                    "letters, digits, '-', '_' and '.', not first; at most {MAX_NAME}"
                )),
            });
        }
        Ok(Watch {
            name: name.to_string(),
            query: None,
            dossier: None,
            doc_type: None,
            indiener: None,
            partij: None,
            cited_by: None,
            created: Timestamp::now(),
            seen_until: None,
            last_run: None,
        })
    }

    /// The search options its choices make (and the defaults besides).
    pub fn options(&self) -> SearchOptions {
        SearchOptions {
            dossier: self.dossier.clone(),
            doc_type: self.doc_type.clone(),
            indiener: self.indiener.clone(),
            partij: self.partij.clone(),
            cites: self.cited_by.clone(),
            ..SearchOptions::default()
        }
    }

    /// The query, empty when it has none.
    pub fn query_text(&self) -> &str {
        self.query.as_deref().unwrap_or_default()
    }

    /// What it follows, in a few words: `"stikstof" in dossier 35334, type motie`.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(q) = &self.query {
            parts.push(format!("{q:?}"));
        }
        let mut choose = |what: &str, value: &Option<String>| {
            if let Some(v) = value {
                parts.push(format!("{what} {v}"));
            }
        };
        choose("dossier", &self.dossier);
        choose("type", &self.doc_type);
        choose("indiener", &self.indiener);
        choose("partij", &self.partij);
        choose("citing", &self.cited_by);
        parts.join(", ")
    }

    /// An error unless it chooses something: a query, or an option that chooses documents.
    fn check_chooses(&self) -> Result<()> {
        if self.query_text().trim().is_empty() && !self.options().chooses_documents() {
            return Err(Error::InvalidArgument {
                what: "watch",
                value: self.name.clone(),
                hint: Some(
                    "give it a query or a --dossier, --type, --indiener, --partij or --cited-by"
                        .into(),
                ),
            });
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_safe_as_file_names() {
        for good in ["stikstof", "36600-XVI", "moties_2026", "a.b"] {
            assert!(Watch::new(good).is_ok(), "{good}");
        }
        for bad in ["", ".hidden", "../x", "a/b", "a b", "é", &"x".repeat(65)] {
            assert!(Watch::new(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_watch_says_what_it_follows() {
        let mut w = Watch::new("w").unwrap();
        assert!(w.check_chooses().is_err());
        w.dossier = Some("36600-XVI".into());
        w.cited_by = Some("36600-XVI-12".into());
        assert!(w.check_chooses().is_ok());
        assert_eq!(w.describe(), "dossier 36600-XVI, citing 36600-XVI-12");
        assert_eq!(w.options().cites.as_deref(), Some("36600-XVI-12"));
    }
}
