//! Queries are user input: whatever is typed, a search answers or says what is wrong, and never
//! panics; and whatever counts it is given, it asks for no more memory than a fixed bound.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

use kamerzoek::search::{SearchOptions, MAX_LIMIT, MAX_PER_DOC};
use kamerzoek::{Error, Index};
use proptest::prelude::*;

/// The system allocator, noting the largest single allocation asked for.
struct Largest;

static LARGEST: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Largest {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LARGEST.fetch_max(layout.size(), Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LARGEST.fetch_max(new_size, Ordering::Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Largest = Largest;

/// No search of the sample corpus needs a single block larger than this, whatever it is asked.
const BOUND: usize = 16 << 20;

/// Counts as a user may type them: small, at the limits, and far beyond.
fn count() -> impl Strategy<Value = usize> {
    prop_oneof![
        0..50usize,
        Just(MAX_LIMIT),
        Just(MAX_PER_DOC),
        Just(MAX_PER_DOC + 1),
        Just(usize::MAX),
        Just(usize::MAX / 2),
        Just(1_000_000_000),
        any::<usize>(),
    ]
}

fn index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| {
        let index = Index::create_in_ram().unwrap();
        index
            .index_paths(&["sample_corpus"], &Default::default())
            .unwrap();
        index
    })
}

/// Queries made of the pieces the query language and the analysis treat specially.
fn queryish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "mensenhandel",
        "Curaçao",
        "\"",
        "-",
        " ",
        "OR",
        "t.v.v.",
        "(t.v.v. 33750-IV-16)",
        "ter vervanging van",
        "33750-IV-16",
        "kst-",
        "type:",
        "motie",
        "dossier:",
        "id:",
        "en",
        "-reservisten",
        "regeringsinzet",
        "opgesteld",
        "steunt",
        "中文",
        "ﬁ",
        "\u{AD}",
        ",",
        "gestimuleerd",
        "uitgevoerd",
        "zorg",
        ":",
        "é",
        "ß",
        "İ",
        "—",
        "WODC-onderzoek",
        "90",
        "%",
        "€",
    ]);
    prop::collection::vec(pieces, 0..12).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_unicode_query_is_answered_or_refused(q in "\\PC{0,40}") {
        let _ = index().search(&q, &SearchOptions::default());
    }

    #[test]
    fn any_query_of_special_pieces_is_answered_or_refused(q in queryish()) {
        let _ = index().search(&q, &SearchOptions::default());
    }

    #[test]
    fn any_counts_are_answered_or_refused_within_a_fixed_bound(
        limit in count(),
        offset in count(),
        per_doc in count(),
        q in prop::sample::select(vec!["mensenhandel", "Curacao motie", "de", "kst-33750-IV-16", "\"de regering\""]),
    ) {
        let index = index();
        let options = SearchOptions { limit, offset, per_doc, ..Default::default() };
        LARGEST.store(0, Ordering::Relaxed);
        match index.search(q, &options) {
            Ok(results) => {
                prop_assert!(limit <= MAX_LIMIT && per_doc <= MAX_PER_DOC);
                prop_assert!(results.hits.len() <= limit.saturating_mul(per_doc.max(1)));
            }
            Err(Error::InvalidArgument { what, .. }) => {
                prop_assert!(limit > MAX_LIMIT || per_doc > MAX_PER_DOC, "{what}");
            }
            Err(e) => prop_assert!(false, "{e}"),
        }
        let largest = LARGEST.load(Ordering::Relaxed);
        prop_assert!(largest <= BOUND, "{largest} bytes in one block");
    }
}
