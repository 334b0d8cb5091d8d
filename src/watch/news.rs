//! What is new for a watch: the documents that match it and entered or changed in the index
//! after the moment it had reported up to, and no later than the index's last change.

use super::Watch;
use crate::search::{Hit, SearchOptions, Sort, MAX_LIMIT};
use crate::{Index, Result, SearchResults, Timestamp};

/// What one run of a watch found.
#[derive(Debug, Clone)]
pub struct News {
    /// The watch, as it was before this run.
    pub watch: Watch,
    /// What it had reported up to: the news is what came after.
    pub since: Option<Timestamp>,
    /// The index's last change when the run looked: the news is what came up to it, and the
    /// watch's state moves to it once the news is delivered.
    pub until: Option<Timestamp>,
    /// Every new or changed document that matches, newest first, with its best passage
    /// (`total` counts them; the hits are all of them).
    pub results: SearchResults,
}

/// How often the news is gathered again when the index changed while its pages were read.
const ATTEMPTS: usize = 5;

impl News {
    /// What is new in `index` for `watch`.
    pub fn of(index: &Index, watch: &Watch) -> Result<News> {
        for _ in 0..ATTEMPTS {
            let generation = index.generation();
            let news = News::gather(index, watch)?;
            // Pages read from two commits could skip a document between them.
            if index.generation() == generation {
                return Ok(news);
            }
        }
        News::gather(index, watch)
    }

    fn gather(index: &Index, watch: &Watch) -> Result<News> {
        let since = watch.seen_until;
        let until = index.last_change()?;
        let mut news = News {
            watch: watch.clone(),
            since,
            until,
            results: SearchResults {
                query: watch.query_text().to_string(),
                total: 0,
                every: 0,
                hits: Vec::new(),
                facets: Vec::new(),
            },
        };
        let Some(until) = until.filter(|u| since.is_none_or(|s| s < *u)) else {
            return Ok(news);
        };
        let mut options = SearchOptions {
            since: since.map(Timestamp::next),
            until: Some(until),
            sort: Sort::Date,
            limit: MAX_LIMIT,
            ..watch.options()
        };
        loop {
            let page = index.search(watch.query_text(), &options)?;
            let got = page.hits.len();
            news.results.total = page.total;
            news.results.every = page.every;
            news.results.hits.extend(page.hits);
            options.offset += got;
            if got == 0 || options.offset >= page.total {
                break;
            }
        }
        Ok(news)
    }

    /// Whether a hit's document is new (entered the index since the watch last looked) rather
    /// than changed.
    pub fn is_new(&self, hit: &Hit) -> bool {
        self.since.is_none_or(|s| hit.added > s)
    }
}
