//! The weights of the scoring model: how much each kind of match counts, each with why and
//! what it was measured to do. Written once here, so that the model, the bound and the
//! candidate search that rely on them cannot disagree.

use tantivy::Score;

/// How much a match in each field counts, relative to the passage text.
pub(crate) const TITLE_BOOST: Score = 0.6;
pub(crate) const DOSSIER_TITLE_BOOST: Score = 0.3;
pub(crate) const EXACT_FORM_BOOST: Score = 0.25;
/// Parts of compounds count little: "zorg" should reach "ouderenzorg", not outrank "zorg".
/// Measured on the development set: paraphrased queries gain up to 0.25, and above 0.3
/// known-item precision is lost.
pub(crate) const PARTS_BOOST: Score = 0.25;
/// The parts of a hyphenated word on their own: "WODC-onderzoek" also means "onderzoek door
/// het WODC". They are the words the user typed, so they weigh as words; a text that joins
/// them as written gets its phrase besides. Measured on the development set, 0.5 to 1.0 takes
/// paraphrased queries from 0.583 to 0.590 with the known-item lines unchanged.
pub(crate) const PART_OF_HYPHENATED_BOOST: Score = 1.0;
/// A query's compound matched by its parts apart ("inzet van de regering" for
/// "regeringsinzet"): a paraphrase, weaker evidence than the word itself. A reader who
/// remembers a motie's gist names it in compounds of their own making: measured on the
/// development set, paraphrased queries gain from 0.4 up to 0.6, and above it words hyphenated
/// across line ends are found less well.
pub(crate) const COMPOUND_PARTS_BOOST: Score = 0.6;
/// One part of a query's compound without the other ("draaideurregels" in a text about a
/// "draaideurverbod"): weaker evidence still, and no match of the word for the bonus of every
/// part. At most [`COMPOUND_PARTS_BOOST`], which the bound counts the parts at.
pub(crate) const COMPOUND_PART_ALONE_BOOST: Score = 0.55;
/// A related form of a query word ("compenseren" for "compensatie", `related.rs`): nearly
/// the word, yet less than what the user typed. Measured on the development set, 0.4 to 0.85
/// do about as well on paraphrased queries; known-item queries lose nothing up to 0.7.
pub(crate) const RELATED_FORM_BOOST: Score = 0.7;
/// Only a word at most this share of the passages use has its related forms looked up, or one
/// that fewer than [`RELATED_FORMS_ALWAYS`] passages use (in a small index, a few passages are
/// a large share). The related forms of a common word add little to a page that its own passages
/// fill, and cost the most: they are common too, and each is one more term in every shape of
/// the query. Measured on the development set, a limit of 1 % leaves paraphrased queries at
/// 0.601 (0.602 without one) and known-item queries as they were, and takes 12 to 14 % off the
/// long queries' median at 300 MB (`benches/compare`); 5 % takes 7 % off.
pub(crate) const RELATED_FORMS_MAX_SHARE: f64 = 0.01;
/// A word fewer passages than this use has its related forms looked up, whatever its share.
pub(crate) const RELATED_FORMS_ALWAYS: u64 = 10;
/// A synonym of a query word (`synonyms.rs`): another word for it in one of its senses.
/// Measured on the development set, 0.5 to 1.0 do alike on paraphrased queries; above 0.7 words
/// hyphenated across line ends are found less well.
pub(crate) const SYNONYM_BOOST: Score = 0.7;
/// Only a word at most this share of the passages use has its synonyms looked up. A word the
/// texts use often is their word for the thing, and its synonyms add mostly its other senses
/// ("stoppen" for "beëindigen" and for "halthouden"); a word they seldom use is likelier the
/// reader's own ("vuilnisbelt" for "vuilstortplaats"). Measured on the development set, the
/// synonyms of words in at most 0.3 % of the passages take paraphrased queries from 0.593 to
/// 0.598; every word's take them to 0.600 but cost the everyday-wording style 0.009 and look up
/// more terms for long queries.
pub(crate) const SYNONYM_MAX_SHARE: f64 = 0.003;
/// An abbreviation for what the query spells out, or the long form of one it uses
/// (`expansions.rs`): the same thing named otherwise, yet less than what the user typed.
/// Measured on the development set, 0.7 and 1.0 do alike on paraphrased queries.
pub(crate) const ABBREVIATION_BOOST: Score = 0.7;
/// A query's compound is split only into words this many passages use. One is enough: the
/// parts of a rare compound are often rare themselves ("suiker" and "gehalte" of
/// "suikergehalte", each in one motie of thousands), and `split_compound` asks of the parts
/// that they be about as common as the compound, so a fragment that OCR or a line break left
/// once ("ische") is no part of a word in common use. Measured on the development set, 3 to 1
/// takes paraphrased queries from 0.568 to 0.583 with the known-item lines unchanged.
pub(crate) const MIN_PART_PASSAGES: u32 = 1;
/// Added to passages that match every part of the query, to rank them above the rest.
pub(crate) const ALL_PARTS_BONUS: Score = 1000.0;
/// For an id among words: the documents that cite it (a gewijzigde motie "ter vervanging van"
/// it, a letter answering it) and the document itself rank above any passage with only the
/// other words; those that cite it first, as the gewijzigde motie that replaced it is what
/// words plus the id of a motie most often ask for.
pub(crate) const REFERS_CITING: Score = 2.0 * ALL_PARTS_BONUS + 8.0;
pub(crate) const REFERS_SELF: Score = 2.0 * ALL_PARTS_BONUS + 4.0;
/// For a dossier number among words: the dossier's documents first, ranked by the words.
pub(crate) const IN_DOSSIER: Score = 2.0 * ALL_PARTS_BONUS;
/// Score of a document that cites the id a query names after "t.v.v.": the documents replacing
/// a Kamerstuk are few and are what such a query asks for, so this outweighs a difference in
/// wording between the amended text and the original (whose words the query often carries).
pub(crate) const REPLACING: Score = 24.0;
