//! kamerzoek: full-text search for Dutch parliamentary papers (Kamerstukken).
//!
//! It reads folders of Kamerstukken (text extracted from PDFs, the official XML), repairs and
//! normalizes the Dutch text, finds each document's Kamerstuk id, date, title, type, dossier and
//! citations, and builds a tantivy index of passages that ranks the paragraph that answers.
//!
//! The modules follow the data: [`walk`] finds files, [`read`] reads formats, [`normalize`]
//! cleans the text, [`meta`] finds metadata, [`passage`] splits, [`analysis`] makes index terms,
//! [`index`] stores, [`search`] ranks, [`watch`] reports what is new for saved searches. The
//! library never prints; the `kamerzoek` binary is thin glue over it.
//!
//! ```
//! use kamerzoek::{Index, search::SearchOptions};
//!
//! let index = Index::create_in_ram()?;
//! let report = index.index_paths(&["sample_corpus"], &Default::default())?;
//! assert!(report.skipped.iter().all(|s| !s.path.ends_with("000_4b49ee41d29ace67.txt")));
//!
//! let results = index.search("mensenhandel Curacao", &SearchOptions::default())?;
//! let best = &results.hits[0];
//! assert!(best.path.ends_with("000_4b49ee41d29ace67.txt"));
//! assert_eq!(best.date.unwrap().to_string(), "2015-02-24");
//! # Ok::<(), kamerzoek::Error>(())
//! ```

#![warn(missing_docs)]

pub mod analysis;
mod document;
mod error;
pub mod index;
pub mod meta;
pub mod normalize;
pub mod passage;
pub mod read;
pub mod search;
#[cfg(feature = "serve")]
pub mod serve;
mod time;
pub mod walk;
pub mod watch;

pub use document::Document;
pub use error::{Error, Result};
pub use index::Index;
pub use meta::{Date, KamerstukId};
pub use search::{Hit, SearchOptions, SearchResults, Sort};
pub use time::Timestamp;
