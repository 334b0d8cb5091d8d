//! Character-level stages: each maps text to text and keeps every line break, so that line
//! numbers still point into the source file.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;

/// Composes characters (NFC): NFD input such as `idee\u{308}n` would otherwise split tokens.
pub fn nfc(text: &str) -> Cow<'_, str> {
    if unicode_normalization::is_nfc_quick(text.chars()) == unicode_normalization::IsNormalized::Yes
    {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    }
}

/// Expands the Latin ligatures PDFs emit (`ﬁ` → `fi`), which no tokenizer splits on its own.
pub fn ligatures(text: &str) -> Cow<'_, str> {
    if !text.contains(|c: char| ('\u{FB00}'..='\u{FB06}').contains(&c) || c == 'Ĳ' || c == 'ĳ') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            // The Dutch IJ ligature: users type "ij".
            'Ĳ' => out.push_str("IJ"),
            'ĳ' => out.push_str("ij"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Removes soft hyphens (U+00AD). A soft hyphen at a line end marks a word broken there: the
/// rest of the word is pulled up onto the line, so the break is healed without moving any line.
/// Before a capital the break was a hyphen of the compound, and a hyphen stays.
pub fn soft_hyphens(text: &str) -> Cow<'_, str> {
    if !text.contains('\u{AD}') {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find('\u{AD}') {
        out.push_str(&rest[..pos]);
        rest = &rest[pos + '\u{AD}'.len_utf8()..];
        let after_spaces = rest.trim_start_matches([' ', '\t', '\u{AD}']);
        let next_line = after_spaces.strip_prefix('\n');
        // A capital after the break starts a word of its own, written with a hyphen:
        // "Nederlandsch-Indië", not "NederlandschIndië".
        let next_char = next_line.map_or(rest, |l| l.trim_start_matches([' ', '\t']));
        if out.chars().next_back().is_some_and(char::is_lowercase)
            && next_char.chars().next().is_some_and(char::is_uppercase)
        {
            out.push('-');
        }
        if let Some(next_line) = next_line {
            let next_line = next_line.trim_start_matches([' ', '\t']);
            let word_end = next_line
                .find(|c: char| c.is_whitespace())
                .unwrap_or(next_line.len());
            out.push_str(&next_line[..word_end].replace('\u{AD}', ""));
            out.push('\n');
            rest = &next_line[word_end..];
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Spaces, quotes, hyphens and invisible characters: every space becomes a plain space, the
/// typographic apostrophe a plain one (`’s-Gravenhage`, `risico’s`), Unicode hyphens a plain
/// hyphen so that `Noord‐Holland` stays one compound, zero-width and control characters go,
/// and `\r\n` becomes `\n`. En and em dashes stay: they separate words.
pub fn spaces_and_marks(text: &str) -> Cow<'_, str> {
    let needs_work = text.chars().any(|c| {
        (c.is_control() && c != '\n') || c == '\u{A0}' || (c as u32 >= 0x2000 && matches!(c, '\u{2000}'..='\u{200F}' | '\u{2010}' | '\u{2011}' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2028}'..='\u{202F}' | '\u{205F}'..='\u{2064}' | '\u{3000}' | '\u{FEFF}'))
    });
    if !needs_work {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push('\n'),
            '\t' | '\u{A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                out.push(' ')
            }
            '\u{2028}' | '\u{2029}' => out.push(' '),
            '\u{2010}' | '\u{2011}' => out.push('-'),
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' => out.push('\''),
            '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{FEFF}' => {}
            // Form feeds (page breaks in pdftotext output) and other control characters.
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nfc_composes_diaeresis() {
        assert_eq!(nfc("ideee\u{308}n"), "ideeën");
        assert!(matches!(nfc("ideeën"), Cow::Borrowed(_)));
    }

    #[test]
    fn ligatures_expand() {
        assert_eq!(
            ligatures("de ﬁnanciële ﬂexibiliteit"),
            "de financiële flexibiliteit"
        );
        assert_eq!(ligatures("ĳzer"), "ijzer");
    }

    #[test]
    fn soft_hyphens_inside_a_line_vanish() {
        assert_eq!(soft_hyphens("ont\u{AD}werp"), "ontwerp");
    }

    #[test]
    fn a_soft_hyphen_before_a_capital_is_a_hyphen() {
        assert_eq!(
            soft_hyphens("Nederlandsch\u{AD}Indië"),
            "Nederlandsch-Indië"
        );
        assert_eq!(
            soft_hyphens("in Noord\u{AD}\nHolland ligt"),
            "in Noord-Holland\n ligt"
        );
        assert_eq!(soft_hyphens("MINISTE\u{AD}RIE"), "MINISTERIE");
    }

    #[test]
    fn soft_hyphen_at_line_end_heals_the_word_and_keeps_the_line_count() {
        let out = soft_hyphens("het ont\u{AD}\nwerp van wet\nvolgende regel");
        assert_eq!(out, "het ontwerp\n van wet\nvolgende regel");
        assert_eq!(out.matches('\n').count(), 2);
    }

    #[test]
    fn spaces_quotes_and_invisible_characters() {
        assert_eq!(spaces_and_marks("33\u{A0}750"), "33 750");
        assert_eq!(spaces_and_marks("’s-Gravenhage"), "'s-Gravenhage");
        assert_eq!(spaces_and_marks("Noord\u{2010}Holland"), "Noord-Holland");
        assert_eq!(spaces_and_marks("zero\u{200B}width\r\n"), "zerowidth\n");
        assert_eq!(spaces_and_marks("a\u{C}b"), "ab");
        assert_eq!(spaces_and_marks("2024–2025"), "2024–2025");
    }
}
