//! Related forms of a query word: the derivations a stemmer leaves apart.
//!
//! A stemmer takes off inflections ("moties", "motie"), not derivations: "compensatie" and
//! "compenseren", "concurrentie" and "concurreren", "boycot" and "boycotten", "betaalbaar" and
//! "betaalbaarheid" keep stems of their own, and a reader who remembers the one finds the
//! motie that says the other only through them. Dutch derivations share their beginning and
//! differ in a suffix of a few letters, so the related forms of a stem are the stems in the
//! index that begin as it does and end in a different suffix: truncation, the oldest of
//! stemmers, kept to endings of a few letters so that the compounds a word begins
//! ("woningbouwcorporaties" for "woning") stay out. They weigh less than the word itself
//! (`RELATED_FORM_BOOST` in the model).

use tantivy::schema::Field;
use tantivy::{Score, Searcher};

use super::prefix::terms_beginning;

/// Stems shorter than this have no related forms: "wet" and "weten" are not one word.
const MIN_STEM: usize = 6;
/// How long the shared beginning is at least, and how much of the stem it is at least.
const MIN_PREFIX: usize = 6;
const PREFIX_SHARE: f32 = 0.6;
/// How many letters a related form and the stem may each have after their shared beginning:
/// a suffix ("-ing", "-atie", "-isch"), not a word ("kust" and "eiland" of "waddenkust" and
/// "waddeneiland").
const MAX_SUFFIX: usize = 4;
/// The related forms of a stem are at most this many, the most used first.
const MAX_FORMS: usize = 8;

/// The beginning a related form of `stem` shares with it; `None` for a stem too short (or not
/// plain letters) to have related forms.
fn shared_beginning(stem: &str) -> Option<&str> {
    if stem.len() < MIN_STEM || !stem.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let share = (stem.len() as f32 * PREFIX_SHARE).ceil() as usize;
    Some(&stem[..share.max(MIN_PREFIX).min(stem.len())])
}

/// The stems in `field` that are related forms of `stem` (never `stem` itself, which `used`
/// passages hold), the most used first, each with a weight that keeps it from saying more
/// than `stem` would: the ratio of their inverse document frequencies where the form is the
/// rarer (at most 1). A rare form found in a passage then does not outweigh the common word a
/// user typed.
///
/// `derived` says whether a form that begins as the stem does is a derivation of it, not a
/// compound that begins with the same word ("waddeneiland" for "waddenkust").
pub(crate) fn related_forms(
    searcher: &Searcher,
    field: Field,
    stem: &str,
    used: u64,
    derived: impl Fn(&str) -> bool,
) -> Vec<(String, Score)> {
    let forms = forms_used(searcher, field, stem, derived);
    if forms.is_empty() {
        return Vec::new();
    }
    let passages = searcher.num_docs();
    forms
        .into_iter()
        .map(|(form, n)| (form, capped(used, u64::from(n), passages)))
        .collect()
}

/// The weight that keeps an expansion that `form` passages hold from saying more than the
/// word `word` passages hold: the ratio of their inverse document frequencies where the
/// expansion is the rarer, else 1.
pub(crate) fn capped(word: u64, form: u64, passages: u64) -> Score {
    (idf(word, passages) / idf(form, passages)).min(1.0)
}

/// How many bytes `a` and `b` begin with alike.
pub(crate) fn common_prefix(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

/// BM25's inverse document frequency, as tantivy computes it.
pub(crate) fn idf(used: u64, passages: u64) -> Score {
    let (used, passages) = (used as Score, passages as Score);
    (1.0 + (passages - used + 0.5) / (used + 0.5)).ln()
}

/// The related forms of `stem` in `field`, the most used first, with how many passages use each.
fn forms_used(
    searcher: &Searcher,
    field: Field,
    stem: &str,
    derived: impl Fn(&str) -> bool,
) -> Vec<(String, u32)> {
    let Some(beginning) = shared_beginning(stem) else {
        return Vec::new();
    };
    let mut forms: Vec<(String, u32)> =
        terms_beginning(searcher, field, beginning, stem.len() + MAX_SUFFIX)
            .into_iter()
            .filter(|(form, _)| {
                let shared = common_prefix(form, stem);
                form != stem
                    && form.len() - shared <= MAX_SUFFIX
                    && stem.len() - shared <= MAX_SUFFIX
            })
            .collect();
    forms.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    forms
        .into_iter()
        .filter(|(form, _)| derived(form))
        .take(MAX_FORMS)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::Tuning;
    use crate::{Index, SearchOptions};

    #[test]
    fn related_forms_share_most_of_the_stem() {
        assert_eq!(shared_beginning("compensatie"), Some("compens"));
        assert_eq!(shared_beginning("concurrer"), Some("concur"));
        assert_eq!(shared_beginning("boycot"), Some("boycot"));
        assert_eq!(shared_beginning("wet"), None);
        assert_eq!(shared_beginning("israël"), None);
    }

    /// A related form finds what the word alone misses, below every passage that says the word
    /// as typed, though the form is the rarer; the compound a word begins is no related form.
    #[test]
    fn a_related_form_is_found_below_the_word_as_typed() {
        let index = Index::create_in_ram().unwrap();
        let mut writer = index.writer().unwrap();
        let texts = [
            (
                "kst-46000-1.txt",
                "De compensatie voor boeren bij Texel is te laag.",
            ),
            (
                "kst-46000-2.txt",
                "Een compensatie voor vissers, en voor boeren in Drenthe.",
            ),
            (
                "kst-46000-3.txt",
                "De compensatie van de gemeenten voor de opvang.",
            ),
            ("kst-46000-4.txt", "De regering moet de boeren compenseren."),
            (
                "kst-46000-5.txt",
                "Een compensatieregelingenfonds voor boeren.",
            ),
            ("kst-46000-6.txt", "Over boeren in Drenthe."),
        ];
        for (name, text) in texts {
            writer.add_text(text, name, Default::default()).unwrap();
        }
        writer.commit().unwrap();
        drop(writer);
        for q in ["compensatie", "compensatie boeren"] {
            let parsed = crate::search::parse_query(q).unwrap();
            let options = SearchOptions::default();
            let keys = |prune| -> Vec<String> {
                let tuning = Tuning {
                    prune,
                    ..Default::default()
                };
                let results = index.search_tuned(q, &parsed, &options, tuning).unwrap();
                results.hits.iter().map(|h| h.key.clone()).collect()
            };
            let all = keys(false);
            assert_eq!(keys(true), all, "{q}");
            let rank = |key: &str| all.iter().position(|k| k == key);
            let related = rank("kst-46000-4").expect("the related form is found");
            // The passages that say every word as typed come first.
            let typed: &[&str] = match q {
                "compensatie" => &["kst-46000-1", "kst-46000-2", "kst-46000-3"],
                _ => &["kst-46000-1", "kst-46000-2"],
            };
            for key in typed {
                assert!(rank(key) < Some(related), "{q}: {all:?}");
            }
            if q == "compensatie" {
                assert_eq!(rank("kst-46000-5"), None, "{all:?}");
            } else {
                // "Boeren" and a form of "compensatie" say more than "boeren" alone.
                assert!(Some(related) < rank("kst-46000-6"), "{q}: {all:?}");
            }
        }
    }
}
