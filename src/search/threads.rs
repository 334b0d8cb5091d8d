//! How one search uses the machine's cores: on a large index, counting beside ranking, and
//! an index's segments side by side; on a small one, all in the caller's thread, where
//! handing work to other threads costs more than it saves.

use std::sync::{Mutex, OnceLock, PoisonError};

use tantivy::collector::Collector;
use tantivy::query::{EnableScoring, Query};
use tantivy::{Executor, Searcher};

use super::statistics::Statistics;

/// Passages from which a search spreads over threads. Lucene, likewise, gives threads slices
/// of an index only from 250,000 documents; a passage here is a small document.
const PARALLEL_FROM: u64 = 50_000;

/// How a search on one searcher uses threads.
#[derive(Clone, Copy)]
pub(crate) struct Threads<'s> {
    statistics: &'s Statistics<'s>,
    parallel: bool,
}

impl<'s> Threads<'s> {
    /// Side by side on a large index with threads to spare, else in the caller's thread;
    /// `parallel` decides it instead where given (a test searches a small index as a large
    /// one is searched).
    pub(crate) fn new(statistics: &'s Statistics<'s>, parallel: Option<bool>) -> Self {
        let large = statistics.searcher().num_docs() >= PARALLEL_FROM;
        let parallel = parallel.unwrap_or(large) && matches!(executor(), Executor::ThreadPool(_));
        Threads {
            statistics,
            parallel,
        }
    }

    pub(crate) fn searcher(&self) -> &'s Searcher {
        self.statistics.searcher()
    }

    /// The search's statistics, which its weights score by.
    pub(crate) fn statistics(&self) -> &'s Statistics<'s> {
        self.statistics
    }

    /// Runs `a` and `b`, side by side when parallel: `a` in the caller's thread, `b` in a
    /// thread of its own.
    ///
    /// A thread of its own starts `b` at once: handed to a pool, both would wait for a pool
    /// thread to wake and the caller for them.
    pub(crate) fn join<A, B, RA, RB>(&self, a: A, b: B) -> (RA, RB)
    where
        A: FnOnce() -> RA,
        B: FnOnce() -> RB + Send,
        RB: Send,
    {
        join(self.parallel, a, b)
    }

    /// `searcher.search`, with the index's segments side by side when parallel.
    pub(crate) fn search<C: Collector>(
        &self,
        query: &dyn Query,
        collector: &C,
    ) -> tantivy::Result<C::Fruit> {
        let scoring = if collector.requires_scoring() {
            self.statistics.scoring()
        } else {
            EnableScoring::disabled_from_searcher(self.searcher())
        };
        let single = Executor::single_thread();
        let executor = if self.parallel { executor() } else { &single };
        self.searcher()
            .search_with_executor(query, collector, executor, scoring)
    }

    /// `f` of each of `args`, side by side when parallel; the results in the order of `args`.
    pub(crate) fn map<A, R, F>(&self, f: F, args: Vec<A>) -> tantivy::Result<Vec<R>>
    where
        A: Send,
        R: Send,
        F: Fn(A) -> tantivy::Result<R> + Sync,
    {
        if args.len() > 1 && self.parallel {
            executor().map(f, args.into_iter())
        } else {
            args.into_iter().map(f).collect()
        }
    }
}

fn join<A, B, RA, RB>(parallel: bool, a: A, b: B) -> (RA, RB)
where
    A: FnOnce() -> RA,
    B: FnOnce() -> RB + Send,
    RB: Send,
{
    if !parallel {
        return (a(), b());
    }
    // Taken by whichever thread runs it: the new one, or this one if none can be had (`run_b`
    // holds only a reference, so both can have it).
    let b = Mutex::new(Some(b));
    let run_b = || {
        let b = b.lock().unwrap_or_else(PoisonError::into_inner).take();
        b.map(|b| b())
    };
    std::thread::scope(|scope| {
        let spawned = std::thread::Builder::new()
            .name("kamerzoek-beside".into())
            .spawn_scoped(scope, run_b);
        let ra = a();
        let rb = match spawned {
            Ok(other) => other
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            // No thread to be had: here, after `a`.
            Err(_) => run_b(),
        };
        (ra, rb.expect("`b` is taken by one thread only"))
    })
}

/// The threads searches spread segments over, shared by all indexes of the process: one per
/// core, up to four.
fn executor() -> &'static Executor {
    static EXECUTOR: OnceLock<Executor> = OnceLock::new();
    EXECUTOR.get_or_init(|| {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        if threads == 1 {
            return Executor::single_thread();
        }
        // Without threads to spare, a search runs in the caller's thread.
        Executor::multi_thread(threads, "kamerzoek-search-")
            .unwrap_or_else(|_| Executor::single_thread())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_index_is_searched_in_the_callers_thread() {
        let index = crate::Index::create_in_ram().unwrap();
        index
            .index_paths(&["sample_corpus"], &Default::default())
            .unwrap();
        let searcher = index.snapshot().searcher;
        assert!(!Threads::new(&Statistics::new(&searcher), None).parallel);
        let caller = std::thread::current().id();
        let (a, b) = join(false, || std::thread::current().id(), || 1);
        assert_eq!((a, b), (caller, 1));
        let (a, b) = join(true, || 2, || 3);
        assert_eq!((a, b), (2, 3));
        // Side by side: `a` stays in the caller's thread, `b` gets one of its own.
        let (a, b) = join(
            true,
            || std::thread::current().id(),
            || std::thread::current().id(),
        );
        assert_eq!(a, caller);
        assert_ne!(b, caller);
    }
}
