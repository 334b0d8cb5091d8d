//! Line joining and dehyphenation: lines wrapped by a PDF become paragraphs again.
//!
//! A word broken at a line end ("op-" / "zichte") is joined; a real compound broken at its own
//! hyphen ("Noord-" / "Holland", "porno-" / "industrie") keeps the hyphen; a suspended compound
//! ("opsporings-" / "en opvangstelsel") keeps hyphen and space. The corpus's own spelling decides
//! first ([`Lexicon`]); rules decide for words it has never seen.

use super::{Lexicon, Line, Paragraph};

/// What to do with a hyphen at the end of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Break {
    /// A word broken in two: remove the hyphen and join.
    Join,
    /// A compound broken at its own hyphen: keep the hyphen, join without space.
    Keep,
    /// A suspended compound ("asiel- en opvangstelsel"): keep hyphen and space.
    Suspended,
}

/// Lowercase abbreviations that Dutch joins to a word with a hyphen ("btw-tarief", "hbo-opleiding").
const ABBREVIATIONS: &[&str] = &[
    "aow", "bsn", "btw", "cao", "ggd", "ggz", "havo", "hbo", "ict", "mbo", "ov", "ozb", "pfas",
    "vmbo", "vwo", "wmo", "wo", "ww", "zzp", "mkb", "ivm", "ngo", "vve", "wlz", "ic", "tbs",
];
/// Prefixes that keep their hyphen before a word ("niet-bekostigde", "oud-minister", "ex-partner").
const HYPHEN_PREFIXES: &[&str] = &["niet", "oud", "ex", "vice", "non", "kinder"];
/// Words that follow a suspended compound's hyphen.
const CONJUNCTIONS: &[&str] = &["en", "of", "en/of", "tot", "noch", "als", "dan", "maar"];
/// Vowel pairs that Dutch spelling separates with a hyphen in compounds ("zee-egel", "auto-industrie").
const VOWEL_CLASHES: &[&str] = &[
    "aa", "ae", "ai", "au", "ee", "ei", "eu", "ie", "ii", "oe", "oi", "oo", "ou", "ui", "uu",
];

/// Decides what a hyphen at a line end means, given the word before it (without the hyphen)
/// and the word that starts the next line.
///
/// ```
/// use kamerzoek::normalize::{decide_break, Break, Lexicon};
/// let lex = Lexicon::default();
/// assert_eq!(decide_break("op", "zichte", &lex), Break::Join);
/// assert_eq!(decide_break("Noord", "Holland", &lex), Break::Keep);
/// assert_eq!(decide_break("opsporings", "en", &lex), Break::Suspended);
/// assert_eq!(decide_break("porno", "industrie", &lex), Break::Keep);
/// ```
pub fn decide_break(left: &str, right: &str, lexicon: &Lexicon) -> Break {
    let right_word = right.trim_end_matches(|c: char| !c.is_alphanumeric());
    if CONJUNCTIONS.contains(&right_word.to_lowercase().as_str()) {
        return Break::Suspended;
    }
    // A capital after the hyphen starts a name or a word of its own ("Noord-" / "Holland",
    // "Nederlandsch-" / "Indië"), whatever spelling the corpus has picked up from glued OCR;
    // only in a word set in capitals ("MINISTE-" / "RIE") does the corpus decide.
    let capital = right_word.chars().next().is_some_and(char::is_uppercase);
    let in_capitals = left
        .chars()
        .rev()
        .find(|c| c.is_alphabetic())
        .is_some_and(char::is_uppercase);
    if capital && !in_capitals {
        return Break::Keep;
    }
    let hyphenated = lexicon.count(&format!("{left}-{right_word}"));
    let joined = lexicon.count(&format!("{left}{right_word}"));
    if hyphenated != joined {
        return if hyphenated > joined {
            Break::Keep
        } else {
            Break::Join
        };
    }
    if keeps_hyphen_by_rule(left, right_word) {
        Break::Keep
    } else {
        Break::Join
    }
}

/// The rules for words the corpus gives no evidence on: a capital or digit after the hyphen,
/// a digit, an abbreviation, a single letter, a known prefix or a vowel clash before it.
fn keeps_hyphen_by_rule(left: &str, right_word: &str) -> bool {
    // The part before the hyphen that the rules look at: "onder" in "WODC-onder-".
    let part = left.rsplit('-').next().unwrap_or(left);
    let lower = part.to_lowercase();
    let letters = part.chars().filter(|c| c.is_alphabetic()).count();
    let first_right = right_word.chars().next();
    first_right.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        || part.chars().any(|c| c.is_ascii_digit())
        || letters <= 1
        || (letters >= 2 && part.chars().all(|c| !c.is_alphabetic() || c.is_uppercase()))
        || !lower.chars().any(|c| "aeiouyáéíóúàèëïöüâêîôû".contains(c))
        || ABBREVIATIONS.contains(&lower.as_str())
        || HYPHEN_PREFIXES.contains(&lower.as_str())
        || vowel_clash(&lower, right_word)
}

/// Heals hyphens that OCR left inside a line where a line break used to be ("economi-sche",
/// "be-treffende"). Unlike a hyphen at a line end, a hyphen inside a line is written on
/// purpose unless the evidence is clear: the word is joined only when the corpus writes it
/// whole five times as often as hyphenated, or writes it whole at all while neither half is a
/// word it uses on its own; and never when a rule says the hyphen belongs.
pub fn heal_inline_hyphens(paragraphs: &mut [Paragraph], lexicon: &Lexicon) {
    for p in paragraphs {
        if !p.text.contains('-') {
            continue;
        }
        // Most words of a paragraph with a hyphen somewhere have none, and most hyphens stay:
        // the paragraph is copied only from its first healed word on.
        let mut healed: Option<String> = None;
        let (mut at, mut copied) = (0, 0);
        for token in p.text.split(' ') {
            let end = at + token.len();
            if let Some(whole) = token
                .contains('-')
                .then(|| heal_token(token, lexicon))
                .flatten()
            {
                let out = healed.get_or_insert_with(|| String::with_capacity(p.text.len()));
                out.push_str(&p.text[copied..at]);
                out.push_str(&whole);
                copied = end;
            }
            at = end + 1;
        }
        if let Some(mut out) = healed {
            out.push_str(&p.text[copied..]);
            p.text = out;
        }
    }
}

fn heal_token(token: &str, lexicon: &Lexicon) -> Option<String> {
    let start = token.find(|c: char| c.is_alphanumeric())?;
    let end = token
        .rfind(|c: char| c.is_alphanumeric())
        .map(|i| i + token[i..].chars().next().map_or(1, char::len_utf8))?;
    let word = &token[start..end];
    let (left, right) = word.split_once('-')?;
    let lowercase_join = left.chars().last().is_some_and(char::is_lowercase)
        && right.chars().next().is_some_and(char::is_lowercase)
        && !right.contains('-');
    if !lowercase_join || keeps_hyphen_by_rule(left, right) || CONJUNCTIONS.contains(&right) {
        return None;
    }
    let joined = format!("{left}{right}");
    let (whole, hyphenated) = (lexicon.count(&joined), lexicon.count(word));
    // Halves that are no words on their own ("gebe-zigd") are a broken word; a compound is
    // made of words ("rechter-commissaris").
    let broken = lexicon.count(left) == 0 && lexicon.count(right) == 0;
    // Modern Dutch has double spellings ("sociaal-economische", "sociaaleconomische"): only a
    // clear majority for the whole word counts as evidence that the hyphen is a leftover.
    let clear_majority = whole >= 5 * hyphenated.max(1);
    if !(clear_majority || broken && whole > 0) {
        return None;
    }
    let respelled = lexicon
        .spelling(&joined)
        .filter(|s| s.chars().count() == joined.chars().count());
    Some(format!(
        "{}{}{}",
        &token[..start],
        respelled.unwrap_or(&joined),
        &token[end..]
    ))
}

fn vowel_clash(left: &str, right: &str) -> bool {
    match (left.chars().last(), right.chars().next()) {
        (Some(a), Some(b)) => {
            let pair: String = [a, b.to_ascii_lowercase()].iter().collect();
            VOWEL_CLASHES.contains(&pair.as_str())
                // "ij" + vowel and the like are not clashes; only a vowel ending meets a vowel start.
                && !left.ends_with("ij")
        }
        _ => false,
    }
}

/// Groups lines into paragraphs at blank lines, joining the lines of each paragraph and healing
/// the words broken across them.
pub fn assemble(lines: &[Line], lexicon: &Lexicon) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut current: Option<Paragraph> = None;
    for line in lines {
        let text = line.text.trim();
        if text.is_empty() {
            out.extend(current.take());
            continue;
        }
        match current.as_mut() {
            None => {
                current = Some(Paragraph {
                    line: line.number,
                    text: collapse_spaces(text),
                })
            }
            Some(p) => join_line(&mut p.text, text, lexicon),
        }
    }
    out.extend(current);
    out
}

fn join_line(paragraph: &mut String, next: &str, lexicon: &Lexicon) {
    let next = collapse_spaces(next);
    let left_word = paragraph
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    let broken = left_word.len() > 1
        && left_word.ends_with('-')
        && left_word[..left_word.len() - 1]
            .chars()
            .last()
            .is_some_and(char::is_alphanumeric)
        && next.chars().next().is_some_and(char::is_alphanumeric);
    if !broken {
        paragraph.push(' ');
        paragraph.push_str(&next);
        return;
    }
    let left = &left_word[..left_word.len() - 1];
    let right = next.split_whitespace().next().unwrap_or("");
    match decide_break(left, right, lexicon) {
        Break::Join => {
            let right_end = right
                .find(|c: char| !c.is_alphanumeric() && c != '-')
                .unwrap_or(right.len());
            let joined = format!("{left}{}", &right[..right_end]);
            // The corpus may spell the joined word with a diacritic the break had dropped
            // ("be-" / "invloeden" is "beïnvloeden").
            let respelled = lexicon.spelling(&joined).filter(|s| {
                joined.chars().all(|c| !c.is_uppercase())
                    && s.chars().count() == joined.chars().count()
            });
            paragraph.truncate(paragraph.len() - left_word.len());
            match respelled {
                Some(s) => paragraph.push_str(s),
                None => paragraph.push_str(&joined),
            }
            paragraph.push_str(&next[right_end..]);
        }
        Break::Keep => paragraph.push_str(&next),
        Break::Suspended => {
            paragraph.push(' ');
            paragraph.push_str(&next);
        }
    }
}

/// Collapses runs of spaces into one and trims.
pub(super) fn collapse_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn para(text: &str, lex: &Lexicon) -> Vec<String> {
        let lines: Vec<Line> = text
            .lines()
            .enumerate()
            .map(|(i, t)| Line {
                number: i as u32 + 1,
                text: t.to_string(),
            })
            .collect();
        assemble(&lines, lex).into_iter().map(|p| p.text).collect()
    }

    #[test]
    fn broken_words_join() {
        let lex = Lexicon::default();
        assert_eq!(
            para(
                "ten op-\nzichte van de\nmoge-\nlijkheden voor kwets-\nbare groepen.",
                &lex
            ),
            ["ten opzichte van de mogelijkheden voor kwetsbare groepen."]
        );
    }

    #[test]
    fn compounds_keep_their_hyphen() {
        let lex = Lexicon::default();
        for (text, want) in [
            ("in Noord-\nHolland", "in Noord-Holland"),
            ("lid Rikkers-\nOosterkamp", "lid Rikkers-Oosterkamp"),
            ("de porno-\nindustrie", "de porno-industrie"),
            ("een zee-\negel", "een zee-egel"),
            ("het EU-\nverband", "het EU-verband"),
            ("het btw-\ntarief", "het btw-tarief"),
            ("CO2-\nreductie", "CO2-reductie"),
            ("de niet-\nbekostigde", "de niet-bekostigde"),
        ] {
            assert_eq!(para(text, &lex), [want], "{text}");
        }
    }

    #[test]
    fn suspended_compounds_keep_hyphen_and_space() {
        let lex = Lexicon::default();
        assert_eq!(
            para("het opsporings-\nen opvangstelsel", &lex),
            ["het opsporings- en opvangstelsel"]
        );
    }

    #[test]
    fn corpus_evidence_beats_rules() {
        let mut lex = Lexicon::default();
        lex.add_text("de rechter-commissaris en de rechter-commissaris; beïnvloeden");
        assert_eq!(
            para("de rechter-\ncommissaris", &lex),
            ["de rechter-commissaris"]
        );
        // Without evidence the rule for unseen words would join: "rechtercommissaris".
        assert_eq!(
            para("de rechter-\ncommissaris", &Lexicon::default()),
            ["de rechtercommissaris"]
        );
        // The vowel clash rule would keep "be-invloeden"; the corpus knows better, and has the trema.
        assert_eq!(para("te be-\ninvloeden.", &lex), ["te beïnvloeden."]);
    }

    #[test]
    fn a_capital_after_the_hyphen_keeps_it_whatever_the_corpus_glued() {
        let mut lex = Lexicon::default();
        lex.add_text("NoordHolland NoordHolland NederlandschIndië MINISTERIE ministerie");
        assert_eq!(para("in Noord-\nHolland", &lex), ["in Noord-Holland"]);
        assert_eq!(
            para("naar Nederlandsch-\nIndië", &lex),
            ["naar Nederlandsch-Indië"]
        );
        // A word set in capitals is broken like any other.
        assert_eq!(para("HET MINISTE-\nRIE", &lex), ["HET MINISTERIE"]);
    }

    #[test]
    fn blank_lines_separate_paragraphs_and_remember_their_line() {
        let lines: Vec<Line> = ["eerste", "regel", "", "  ", "tweede"]
            .iter()
            .enumerate()
            .map(|(i, t)| Line {
                number: i as u32 + 1,
                text: t.to_string(),
            })
            .collect();
        let ps = assemble(&lines, &Lexicon::default());
        assert_eq!(ps.len(), 2);
        assert_eq!((ps[0].line, ps[0].text.as_str()), (1, "eerste regel"));
        assert_eq!((ps[1].line, ps[1].text.as_str()), (5, "tweede"));
    }

    #[test]
    fn ocr_hyphens_inside_a_line_heal_only_on_clear_evidence() {
        let mut lex = Lexicon::default();
        lex.add_text("economische economische economische economische economische gebezigd de betreffende betreffende betreffende betreffende betreffende betreffende betreffende betreffende betreffende betreffende rechter commissaris rechter-commissaris sociaal-economische sociaaleconomische");
        let mut ps = vec![Paragraph {
            line: 1,
            text: "de economi-sche en be-treffende (economi-sche) zaken; rechter-commissaris, sociaal-economische, EU-verband, zee-egel, gebe-zigd".into(),
        }];
        heal_inline_hyphens(&mut ps, &lex);
        assert_eq!(
            ps[0].text,
            "de economische en betreffende (economische) zaken; rechter-commissaris, sociaal-economische, EU-verband, zee-egel, gebezigd"
        );
    }

    #[test]
    fn dashes_and_punctuation_are_not_breaks() {
        let lex = Lexicon::default();
        assert_eq!(para("kosten -\nbaten", &lex), ["kosten - baten"]);
        assert_eq!(para("zie (a)-\n(b)", &lex), ["zie (a)- (b)"]);
    }
}
