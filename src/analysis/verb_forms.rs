//! Dutch verb forms the stemmer leaves apart from their infinitive: "steunt", "rapporteert",
//! "gestimuleerd", "opgesteld", "uitgevoerd", "steunde".
//!
//! The Snowball stemmer takes "steunen" to "steun" but leaves "steunt" (third person),
//! "gesteund" (past participle) and "steunde" (past tense) as they are. A motie "steunt de inzet
//! van de regering" or says that something "gestimuleerd kan worden"; a person searches
//! "steunen", "stimuleren", or asks which motie "steunde" it. For a word ending in -t, for a
//! participle (ge-...-d/-t, or be-/ver-/ont-/her-...-d) and for a past tense (-de, -te), this
//! filter works out the infinitive by Dutch spelling (drop the ending and ge-, undouble a long
//! vowel, double the consonant after a short one, v for f and z for s) and, when the corpus uses
//! that infinitive as a word, emits it as one more token at the same place; a particle before
//! ge- ("opgesteld", "uitgevoerd") comes back in front ("opstellen", "uitvoeren"). The word
//! itself stays, so nothing that matched before is lost.
//!
//! The corpus's own vocabulary is the check: a spelling rule that misfires gives a word the
//! corpus does not use, and nothing is added. The word plus -en is never taken: for a noun that
//! is its plural ("kracht", "krachten"), which the stemmer already brings together; a ge- word
//! with such a plural is a noun ("gebied", "gebieden"), not a participle of "bieden".

use compact_str::CompactString;
use rustc_hash::FxHashMap as HashMap;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use super::compounds::CompoundDictionary;
use super::separable::is_particle;

/// Prefixes whose participles take no ge- ("verbeterd", "besteed", "ontwikkeld").
const PREFIXES: &[&str] = &["be", "her", "ont", "ver"];

/// Distinct words whose infinitive a filter remembers; the cache starts over when it is full.
const CACHE_WORDS: usize = 100_000;

/// The infinitive of a Dutch finite verb form or participle, if `is_word` knows it; expects a
/// lowercase word without diacritics.
///
/// ```
/// use kamerzoek::analysis::infinitive_of;
/// let known = |w: &str| ["steunen", "stimuleren", "stellen", "voeren", "melden", "vragen", "verbeteren"].contains(&w);
/// assert_eq!(infinitive_of("steunt", known).as_deref(), Some("steunen"));
/// assert_eq!(infinitive_of("vraagt", known).as_deref(), Some("vragen"));
/// assert_eq!(infinitive_of("gestimuleerd", known).as_deref(), Some("stimuleren"));
/// assert_eq!(infinitive_of("opgesteld", known).as_deref(), Some("opstellen"));
/// assert_eq!(infinitive_of("uitgevoerd", known).as_deref(), Some("uitvoeren"));
/// assert_eq!(infinitive_of("gemeld", known).as_deref(), Some("melden"));
/// assert_eq!(infinitive_of("verbeterd", known).as_deref(), Some("verbeteren"));
/// assert_eq!(infinitive_of("kracht", known), None);
/// ```
pub fn infinitive_of(word: &str, is_word: impl Fn(&str) -> bool) -> Option<String> {
    if word.len() < 4 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    if let Some(infinitive) = past_tense(word, &is_word) {
        return Some(infinitive);
    }
    let last = *word.as_bytes().last()?;
    if last != b't' && last != b'd' {
        return None;
    }
    // "opgesteld": a particle, ge-, the participle.
    for split in 2..=word.len().saturating_sub(5) {
        let (particle, rest) = word.split_at(split);
        if is_particle(particle) {
            if let Some(core) = rest.strip_prefix("ge") {
                // The corpus may use the verb with its particle only ("opstellen").
                let known = |c: &str| is_word(&format!("{particle}{c}")) || is_word(c);
                if let Some(infinitive) = from_stem_and_ending(core, word, &known) {
                    return Some(format!("{particle}{infinitive}"));
                }
            }
        }
    }
    if let Some(core) = word.strip_prefix("ge").filter(|c| c.len() >= 3) {
        // "gebied" and "gedicht" are nouns with plurals ("gebieden"); "gesteunden" is no word.
        if is_word(&format!("{word}en")) {
            return None;
        }
        // "geeft" starts with ge- too.
        if let Some(infinitive) = from_stem_and_ending(core, word, &is_word) {
            return Some(infinitive);
        }
    }
    if last == b'd' && !PREFIXES.iter().any(|p| word.starts_with(p)) {
        // "band", "held", "land": a -d is a participle's only after a prefix.
        return None;
    }
    from_stem_and_ending(word, word, &is_word)
}

/// The infinitive of a past tense in the singular, a stem plus -te after a voiceless consonant
/// ("eiste", "zette") and -de after any other sound ("steunde", "veroordeelde", "meldde"),
/// where the corpus also uses the present tense of that stem ("steunt", "eist", "zet"): a noun
/// in -te has none ("ziekte"), and -te after a voiced sound is no past tense ("gemeente").
fn past_tense(word: &str, is_word: &impl Fn(&str) -> bool) -> Option<String> {
    let voiceless = |stem: &str| stem.ends_with(['t', 'k', 'f', 's', 'p']) || stem.ends_with("ch");
    let stem = match word.strip_suffix("te") {
        Some(stem) if voiceless(stem) => stem,
        Some(_) => return None,
        None => word.strip_suffix("de").filter(|stem| !voiceless(stem))?,
    };
    if stem.len() < 3 {
        return None;
    }
    let present = match stem.ends_with('t') {
        true => stem.to_string(),
        false => format!("{stem}t"),
    };
    if !is_word(&present) {
        return None;
    }
    // "eis" gives "eisen", not the "eizen" of "reis", "reizen": the corpus says which.
    let unvoiced = stem.ends_with(['s', 'f']).then(|| format!("{stem}en"));
    std::iter::once(infinitive_of_stem(stem))
        .chain(unvoiced)
        .find(|infinitive| is_word(infinitive))
}

/// The infinitive of a verb form that is a stem plus -t or -d (or a stem ending in one of
/// them: "meld", "laat"), the first candidate the corpus knows. The whole word plus -en is no
/// candidate: for a noun it is the plural ("krachten"), which stems like the noun.
fn from_stem_and_ending(form: &str, word: &str, is_word: &impl Fn(&str) -> bool) -> Option<String> {
    let plural = format!("{word}en");
    [&form[..form.len() - 1], form]
        .into_iter()
        .filter(|stem| stem.len() >= 2)
        .flat_map(|stem| [infinitive_of_stem(stem), format!("{stem}en")])
        .find(|c| c.len() > 4 && *c != plural && is_word(c))
}

/// The infinitive Dutch spelling gives a stem: "maak" → "maken", "stel" → "stellen", "geef" →
/// "geven", "reis" → "reizen", "verbeter" → "verbeteren", "steun" → "steunen".
fn infinitive_of_stem(stem: &str) -> String {
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u');
    let b = stem.as_bytes();
    let last = b[b.len() - 1];
    if vowel(last) {
        return format!("{stem}en");
    }
    let voiced = match last {
        b'f' => 'v',
        b's' => 'z',
        c => c as char,
    };
    let before = &stem[..stem.len() - 1];
    let pair = before.get(before.len().saturating_sub(2)..).unwrap_or("");
    if matches!(pair, "aa" | "ee" | "oo" | "uu") {
        // A long vowel written double in a closed syllable is single in an open one.
        return format!("{}{voiced}en", &before[..before.len() - 1]);
    }
    if matches!(pair, "ei" | "ij" | "ie" | "ui" | "ou" | "eu" | "oe" | "au") {
        return format!("{before}{voiced}en");
    }
    let single_vowel = !before.is_empty()
        && vowel(before.as_bytes()[before.len() - 1])
        && (before.len() == 1 || !vowel(before.as_bytes()[before.len() - 2]));
    if single_vowel && !matches!(last, b'w' | b'j' | b'x') {
        // An unstressed e ("verbeter", "regel", "ontwikkel") keeps a single consonant; a
        // short vowel under stress doubles it ("stel", "herstel", "schaf").
        let root = PREFIXES
            .iter()
            .find_map(|p| before.strip_prefix(p).filter(|r| r.len() >= 2))
            .unwrap_or(before);
        let syllables = root
            .as_bytes()
            .windows(2)
            .filter(|w| vowel(w[0]) && !vowel(w[1]))
            .count()
            + 1;
        let schwa =
            syllables > 1 && before.ends_with('e') && matches!(last, b'l' | b'r' | b'n' | b'm');
        if !schwa {
            return format!("{stem}{}en", last as char);
        }
    }
    format!("{stem}en")
}

/// Token filter: adds the infinitive of finite verb forms and participles (see the module
/// docs), checked against the corpus's words.
#[derive(Clone)]
pub struct VerbForms {
    words: CompoundDictionary,
}

impl VerbForms {
    /// A filter checking infinitives against the words of `words`.
    pub fn new(words: CompoundDictionary) -> VerbForms {
        VerbForms { words }
    }
}

impl TokenFilter for VerbForms {
    type Tokenizer<T: Tokenizer> = VerbFormsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> VerbFormsFilter<T> {
        VerbFormsFilter {
            inner: tokenizer,
            words: self.words,
            cache: HashMap::default(),
        }
    }
}

/// The tokenizer [`VerbForms`] wraps around another.
#[derive(Clone)]
pub struct VerbFormsFilter<T> {
    inner: T,
    words: CompoundDictionary,
    // Most words recur and most are no verb form: one cache per filter, as with stems.
    cache: HashMap<CompactString, Option<CompactString>>,
}

impl<T: Tokenizer> Tokenizer for VerbFormsFilter<T> {
    type TokenStream<'a> = VerbFormsStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        VerbFormsStream {
            tail: self.inner.token_stream(text),
            words: &self.words,
            cache: &mut self.cache,
            pending: None,
            token: Token::default(),
        }
    }
}

/// The token stream of [`VerbFormsFilter`].
pub struct VerbFormsStream<'a, T> {
    tail: T,
    words: &'a CompoundDictionary,
    cache: &'a mut HashMap<CompactString, Option<CompactString>>,
    /// The infinitive to emit after the current token.
    pending: Option<CompactString>,
    /// The infinitive's token, while it is the current one.
    token: Token,
}

impl<T: TokenStream> TokenStream for VerbFormsStream<'_, T> {
    fn advance(&mut self) -> bool {
        if let Some(infinitive) = self.pending.take() {
            self.token.clone_from(self.tail.token());
            self.token.text.clear();
            self.token.text.push_str(&infinitive);
            return true;
        }
        self.token.text.clear();
        if !self.tail.advance() {
            return false;
        }
        let word = &self.tail.token().text;
        let verb_like = word.ends_with(['t', 'd']) || word.ends_with("te") || word.ends_with("de");
        if word.len() >= 4 && verb_like {
            self.pending = match self.cache.get(word.as_str()) {
                Some(known) => known.clone(),
                None => {
                    if self.cache.len() >= CACHE_WORDS {
                        self.cache.clear();
                    }
                    let found =
                        infinitive_of(word, |w| self.words.contains(w)).map(CompactString::from);
                    self.cache.insert(word.as_str().into(), found.clone());
                    found
                }
            };
        }
        true
    }

    fn token(&self) -> &Token {
        if self.token.text.is_empty() {
            self.tail.token()
        } else {
            &self.token
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        if self.token.text.is_empty() {
            self.tail.token_mut()
        } else {
            &mut self.token
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{LowerCaser, SimpleTokenizer, TextAnalyzer};

    const WORDS: &[&str] = &[
        "steunen",
        "stimuleren",
        "stellen",
        "stelen",
        "voeren",
        "melden",
        "vragen",
        "maken",
        "geven",
        "reizen",
        "verbeteren",
        "ontwikkelen",
        "zetten",
        "schaffen",
        "rapporteren",
        "werken",
        "vinden",
        "gebieden",
        "krachten",
        "banen",
        "helen",
        "herstellen",
        "regelen",
    ];

    fn known(w: &str) -> bool {
        WORDS.contains(&w)
    }

    fn inf(w: &str) -> Option<String> {
        infinitive_of(w, known)
    }

    #[test]
    fn third_person_singular() {
        for (form, infinitive) in [
            ("steunt", "steunen"),
            ("vraagt", "vragen"),
            ("maakt", "maken"),
            ("geeft", "geven"),
            ("reist", "reizen"),
            ("rapporteert", "rapporteren"),
            ("werkt", "werken"),
            ("vindt", "vinden"),
            ("stelt", "stellen"),
            ("herstelt", "herstellen"),
            ("regelt", "regelen"),
        ] {
            assert_eq!(inf(form).as_deref(), Some(infinitive), "{form}");
        }
    }

    #[test]
    fn past_tense_where_the_corpus_has_the_present_too() {
        let known = |w: &str| {
            WORDS.contains(&w)
                || [
                    "steunt",
                    "eist",
                    "eisen",
                    "meldt",
                    "zet",
                    "veroordeelt",
                    "veroordelen",
                    "zieken",
                ]
                .contains(&w)
        };
        for (form, infinitive) in [
            ("steunde", "steunen"),
            ("eiste", "eisen"),
            ("meldde", "melden"),
            ("zette", "zetten"),
            ("veroordeelde", "veroordelen"),
        ] {
            assert_eq!(
                infinitive_of(form, known).as_deref(),
                Some(infinitive),
                "{form}"
            );
        }
        // No present tense "ziekt": a noun. -de after a voiceless sound is no past tense.
        assert_eq!(infinitive_of("ziekte", known), None);
        assert_eq!(infinitive_of("eisde", known), None);
        // Without the infinitive in the corpus, nothing.
        assert_eq!(infinitive_of("steunde", |w| w == "steunt"), None);
    }

    #[test]
    fn participles_with_and_without_ge_and_particles() {
        for (form, infinitive) in [
            ("gesteund", "steunen"),
            ("gestimuleerd", "stimuleren"),
            ("gemeld", "melden"),
            ("gezet", "zetten"),
            ("verbeterd", "verbeteren"),
            ("ontwikkeld", "ontwikkelen"),
            ("opgesteld", "opstellen"),
            ("afgeschaft", "afschaffen"),
            ("ingezet", "inzetten"),
            ("uitgevoerd", "uitvoeren"),
        ] {
            assert_eq!(inf(form).as_deref(), Some(infinitive), "{form}");
        }
    }

    #[test]
    fn nouns_and_unknown_words_get_nothing_or_their_plural() {
        // "gebied" has the plural "gebieden": a noun, not "bieden".
        assert_eq!(inf("gebied"), None);
        // A -d without a prefix is no participle: "band" is not "banen", "held" not "helen".
        assert_eq!(inf("band"), None);
        assert_eq!(inf("held"), None);
        // A noun's plural is no infinitive to add: it stems like the noun.
        assert_eq!(inf("kracht"), None);
        assert_eq!(inf("onbekendt"), None);
        assert_eq!(inf("cafe"), None);
        assert_eq!(inf("ét"), None);
    }

    #[test]
    fn the_filter_adds_the_infinitive_at_the_same_place() {
        let words = CompoundDictionary::from_words(WORDS.iter().copied());
        let mut a = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(VerbForms::new(words))
            .build();
        let text = "De Kamer steunt het plan";
        let mut stream = a.token_stream(text);
        let mut got = Vec::new();
        while stream.advance() {
            let t = stream.token();
            got.push((
                t.text.clone(),
                t.position,
                &text[t.offset_from..t.offset_to],
            ));
        }
        assert_eq!(
            got,
            [
                ("de".to_string(), 0, "De"),
                ("kamer".to_string(), 1, "Kamer"),
                ("steunt".to_string(), 2, "steunt"),
                ("steunen".to_string(), 2, "steunt"),
                ("het".to_string(), 3, "het"),
                ("plan".to_string(), 4, "plan"),
            ]
        );
    }
}
