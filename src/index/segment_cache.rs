//! What searches compute from a segment and keep for the next ones: a segment never changes
//! once written, so what is computed from it stays valid as long as it exists. Kept within a
//! memory budget; when full, everything is dropped and comes back with the searches that use
//! it (`doc_sets.rs`, `kept_values.rs`).

use std::hash::Hash;
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;
use tantivy::index::SegmentId;

/// Values computed per segment and key, shared by the threads that search an index.
pub(crate) struct SegmentCache<K, V: ?Sized> {
    budget: usize,
    /// The bytes a value takes, as the budget counts them.
    weigh: fn(&V) -> usize,
    inner: Mutex<Kept<K, V>>,
}

struct Kept<K, V: ?Sized> {
    values: FxHashMap<(SegmentId, K), Arc<V>>,
    bytes: usize,
}

impl<K, V: ?Sized> std::fmt::Debug for SegmentCache<K, V> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SegmentCache")
            .field("budget", &self.budget)
            .finish_non_exhaustive()
    }
}

impl<K: Hash + Eq + Clone, V: ?Sized> SegmentCache<K, V> {
    /// A cache whose values may take `budget` bytes together, each weighed by `weigh`.
    pub(crate) fn new(budget: usize, weigh: fn(&V) -> usize) -> Self {
        SegmentCache {
            budget,
            weigh,
            inner: Mutex::new(Kept {
                values: FxHashMap::default(),
                bytes: 0,
            }),
        }
    }

    /// The value kept for `key` in `segment`, or the one `compute` makes (then kept, unless
    /// it alone is over the budget). `compute` runs without the lock held: two threads may
    /// both compute a value, and the first kept wins.
    pub(crate) fn get_or_compute(
        &self,
        segment: SegmentId,
        key: &K,
        compute: impl FnOnce() -> tantivy::Result<Arc<V>>,
    ) -> tantivy::Result<Arc<V>> {
        let key = (segment, key.clone());
        if let Some(value) = self.lock().values.get(&key) {
            return Ok(value.clone());
        }
        let value = compute()?;
        let size = (self.weigh)(&value);
        if size > self.budget {
            return Ok(value);
        }
        let mut kept = self.lock();
        if let Some(first) = kept.values.get(&key) {
            return Ok(first.clone());
        }
        if kept.bytes + size > self.budget {
            kept.values.clear();
            kept.bytes = 0;
        }
        kept.bytes += size;
        kept.values.insert(key, value.clone());
        Ok(value)
    }

    /// How many values are kept.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.lock().values.len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Kept<K, V>> {
        // The values are plain data: what a panicking thread left behind is still whole.
        self.inner
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
