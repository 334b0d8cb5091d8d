//! HTML: the pages of officiële bekendmakingen (`kst-….html`) and other HTML.
//!
//! The page's `<meta>` elements carry the same metadata as the official XML (`DC.identifier`,
//! `DCTERMS.issued`, `OVERHEIDop.dossiernummer`, ...) and are read the same way. The text is
//! the body's, block by block; the site around it (navigation, header and footer, scripts,
//! forms) is left out. html5gum tokenizes, so entities and broken markup are handled as a
//! browser would.

use std::collections::HashMap;

use html5gum::{DefaultEmitter, Token, Tokenizer};

use super::xml::{metadata, Builder};
use super::RawDocument;
use crate::meta::Source;

/// Elements that end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "tr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "table",
    "dd",
    "dt",
    "blockquote",
    "pre",
    "ul",
    "ol",
    "body",
];

/// Elements whose content is not the document's text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "form", "button", "select",
    "template", "svg", "aside", "head",
];

pub(super) fn read(text: &str) -> Result<RawDocument, String> {
    let mut emitter = DefaultEmitter::default();
    // Script and style content is raw text, not markup, as a browser reads it.
    emitter.naively_switch_states(true);
    let mut b = Builder::new();
    let mut metas = Vec::new();
    let mut skipping: Vec<String> = Vec::new();
    let mut title = String::new();
    let mut in_title = false;
    let mut tags = 0usize;
    for token in Tokenizer::new_with_emitter(text, emitter).flatten() {
        match token {
            Token::StartTag(tag) => {
                tags += 1;
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                let get = |key: &str| {
                    tag.attributes
                        .get(key.as_bytes())
                        .map(|v| String::from_utf8_lossy(v).into_owned())
                };
                match name.as_str() {
                    "meta" => {
                        if let (Some(n), Some(c)) =
                            (get("name").or(get("property")), get("content"))
                        {
                            metas.push((n, get("scheme").unwrap_or_default(), c));
                        }
                    }
                    "title" => in_title = true,
                    "br" => b.current.push(' '),
                    _ => {}
                }
                if BLOCKS.contains(&name.as_str()) {
                    b.flush();
                }
                if SKIP.contains(&name.as_str()) && !tag.self_closing {
                    skipping.push(name);
                }
            }
            Token::EndTag(tag) => {
                let name = String::from_utf8_lossy(&tag.name).to_ascii_lowercase();
                if name == "title" {
                    in_title = false;
                }
                if let Some(at) = skipping.iter().rposition(|n| *n == name) {
                    skipping.truncate(at);
                }
                if BLOCKS.contains(&name.as_str()) {
                    b.flush();
                }
            }
            Token::String(s) => {
                let s = String::from_utf8_lossy(&s);
                if in_title {
                    title.push_str(&s);
                } else if skipping.is_empty() {
                    b.current.push_str(&s);
                }
            }
            _ => {}
        }
    }
    b.flush();
    if tags == 0 {
        return Err("no HTML element in the file".to_string());
    }
    let mut meta = metadata(&HashMap::new(), &metas);
    // The page title is often the site's ("Kamerstuk 36600-XVI, nr. 12 | Overheid.nl"): the
    // part before the site name, and only when the page says nothing better.
    let title = title.split(" | ").next().unwrap_or("").trim();
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    meta.fill_title((!title.is_empty()).then_some(title), Source::Xml);
    Ok(RawDocument {
        text: b.text,
        meta,
        ..RawDocument::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html>
<html lang="nl"><head>
<title>Motie van het lid Bikker | Overheid.nl &gt; Officiële bekendmakingen</title>
<meta name="DC.identifier" content="kst-36600-XVI-12">
<meta name="DCTERMS.issued" scheme="OVERHEID.Datum" content="2025-11-06">
<meta name="OVERHEIDop.documenttitel" content="Motie van het lid Bikker over zorg in de regio">
<meta name="DC.type" scheme="OVERHEIDop.Parlementair" content="Motie">
<script>var x = "<p>geen tekst</p>";</script>
</head><body>
<header><nav><a href="/">Home</a> &gt; Zoeken</nav></header>
<div id="broodtekst"><h1>Motie van het lid Bikker</h1>
<p>De Kamer,</p><p>gehoord de beraadslaging,</p>
<p>constaterende dat ouderen&nbsp;in Curaçao &amp; Aruba langer wachten<br>op zorg;</p>
</div>
<footer>Colofon</footer></body></html>"#;

    #[test]
    fn reads_an_officiele_bekendmaking() {
        let doc = read(PAGE).unwrap();
        assert_eq!(
            doc.meta.id.as_ref().unwrap().to_string(),
            "kst-36600-XVI-12"
        );
        assert_eq!(doc.meta.date.unwrap().to_string(), "2025-11-06");
        assert_eq!(doc.meta.doc_type.as_deref(), Some("motie"));
        assert_eq!(
            doc.meta.title.as_deref(),
            Some("Motie van het lid Bikker over zorg in de regio")
        );
        assert_eq!(
            doc.text,
            "Motie van het lid Bikker\n\nDe Kamer,\n\ngehoord de beraadslaging,\n\nconstaterende dat ouderen in Curaçao & Aruba langer wachten op zorg;\n\n"
        );
    }

    #[test]
    fn the_page_title_when_there_is_nothing_better() {
        let doc = read("<html><title>Verslag | Overheid.nl</title><p>tekst</p></html>").unwrap();
        assert_eq!(doc.meta.title.as_deref(), Some("Verslag"));
        assert_eq!(doc.meta.sources["title"], Source::Xml);
    }

    #[test]
    fn broken_markup_still_gives_text() {
        let doc = read("<html><body><p>open <b>vet <i>schuin</p><div>einde").unwrap();
        assert_eq!(doc.text, "open vet schuin\n\neinde\n\n");
    }
}
