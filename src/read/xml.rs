//! XML: the official `officiele-publicatie` of KOOP, and the text of any other XML.
//!
//! Text is taken paragraph by paragraph (block elements such as `al`, `li`, `alinea`); the
//! Kamerstuk's own structure (`dossiernr`, `ondernummer`, `stuk/titel`, `datum/@isodatum`,
//! `<meta>` elements) fills the metadata. The parser is lenient: mismatched end tags are
//! tolerated, and a file that breaks off keeps the text before the break, with a warning.

use std::borrow::Cow;
use std::collections::HashMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use super::RawDocument;
use crate::meta::{
    doc_type_of, find_vergaderjaar, parse_dossier_key, Date, HandelingenId, KamerstukId, Metadata,
    Source,
};

/// Elements that end a paragraph.
const BLOCKS: &[&str] = &[
    "al",
    "titel",
    "tekstregel",
    "alinea",
    "alineaitem",
    "p",
    "li",
    "regel",
    "kop",
    "tussenkop",
    "noot",
    "lid",
    "artikel",
    "tr",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "item",
    "intitule",
    "considerans",
    "wij",
    "onderwerp",
    "stuknr",
    "datumtekst",
    "ondertekening",
    "naam",
];

/// Elements whose text is metadata of the Kamerstuk and not part of its body.
const HEAD: &[&str] = &[
    "metadata",
    "kamerstukkop",
    "dossiernummer",
    "stuknr",
    "datumtekst",
];

/// What the Kamerstuk's structure says, gathered while the text is read.
#[derive(Default)]
struct Captured {
    /// Element texts and attributes by name (`dossiernr`, `ondernummer`, `isodatum`, ...).
    fields: HashMap<&'static str, String>,
    /// `<meta name content scheme>` as (name, scheme, content).
    metas: Vec<(String, String, String)>,
    /// Inside `<tekstregel inhoud="vergaderjaar">`.
    in_vergaderjaar: bool,
    /// The Kamerstukken the publisher linked (`<extref doc="kst-19637-3334">`): its own
    /// record of what the text cites, whatever way the text writes it.
    cites: Vec<KamerstukId>,
    /// Past the first `<dossier>`: a combined Kamerstuk is named by its first dossier.
    dossier_done: bool,
    /// Whether metadata is wanted at all: counting words needs only the text.
    metadata: bool,
}

pub(super) struct Builder {
    pub(super) text: String,
    pub(super) line_map: Vec<u32>,
    pub(super) current: String,
    pub(super) current_line: u32,
}

impl Builder {
    pub(super) fn new() -> Builder {
        Builder {
            text: String::new(),
            line_map: Vec::new(),
            current: String::new(),
            current_line: 1,
        }
    }

    /// Ends the paragraph being gathered: its words, single-spaced, go into the text.
    pub(super) fn flush(&mut self) {
        // Word by word into the text, without a paragraph in between: this runs for every
        // block element of every file, twice a run.
        let start = self.text.len();
        for word in self.current.split_whitespace() {
            if self.text.len() > start {
                self.text.push(' ');
            }
            self.text.push_str(word);
        }
        self.current.clear();
        if self.text.len() == start {
            return;
        }
        self.text.push_str("\n\n");
        self.line_map.push(self.current_line);
        self.line_map.push(self.current_line);
    }
}

/// An element's name without namespace, lowercased.
pub(super) fn local_name(e: &BytesStart<'_>) -> String {
    lowercase_name(e.local_name().as_ref())
}

/// A name as [`local_name`] gives it. Names are nearly always ASCII: one allocation then.
fn lowercase_name(name: &[u8]) -> String {
    if name.is_ascii() {
        String::from_utf8(name.to_ascii_lowercase()).unwrap_or_default()
    } else {
        String::from_utf8_lossy(name).to_lowercase()
    }
}

/// `name` lowercased as [`lowercase_name`] gives it, in `buf` when it is short ASCII: end
/// tags are compared by name, and allocating a name for each one showed in the profile.
fn lowercase_in<'a>(name: &[u8], buf: &'a mut [u8; 32]) -> Cow<'a, str> {
    if name.len() <= buf.len() && name.is_ascii() {
        let out = &mut buf[..name.len()];
        out.copy_from_slice(name);
        out.make_ascii_lowercase();
        // ASCII is UTF-8.
        Cow::Borrowed(std::str::from_utf8(out).unwrap_or_default())
    } else {
        Cow::Owned(lowercase_name(name))
    }
}

pub(super) fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    let [value] = attrs(e, [name]);
    value
}

/// The values of several attributes, in one pass over the element's attributes.
pub(super) fn attrs<const N: usize>(e: &BytesStart<'_>, names: [&str; N]) -> [Option<String>; N] {
    let mut values = [const { None }; N];
    for a in e.attributes().flatten() {
        let key = a.key.local_name();
        let Some(i) = names
            .iter()
            .position(|n| key.as_ref().eq_ignore_ascii_case(n.as_bytes()))
        else {
            continue;
        };
        if values[i].is_none() {
            values[i] = Some(
                a.unescape_value()
                    .map(|v| v.into_owned())
                    .unwrap_or_else(|_| String::from_utf8_lossy(&a.value).into_owned()),
            );
        }
    }
    values
}

/// A reader that tolerates what real files do: text before the first element (a stray newline
/// or byte order mark before the declaration, common in re-saved files), end tags that do not
/// match. Returns it with the XML it reads and the number of lines skipped before it.
pub(super) fn lenient_reader(text: &str) -> Result<(Reader<&[u8]>, &str, u32), String> {
    let start = text.find('<').ok_or("no XML element in the file")?;
    let skipped_lines = text[..start].matches('\n').count() as u32;
    let body = &text[start..];
    let mut reader = Reader::from_str(body);
    let config = reader.config_mut();
    config.check_end_names = false;
    config.allow_unmatched_ends = true;
    Ok((reader, body, skipped_lines))
}

/// Reads an XML file's text, and unless `metadata` is false its metadata.
pub(super) fn read(text: &str, metadata: bool) -> Result<RawDocument, String> {
    let (mut reader, body, skipped_lines) = lenient_reader(text)?;

    let mut b = Builder::new();
    let mut stack: Vec<String> = Vec::new();
    let mut captured = Captured {
        metadata,
        ..Captured::default()
    };
    let mut warnings = Vec::new();
    let mut line = 1 + skipped_lines;
    let mut counted = 0usize;
    let mut elements = 0usize;

    loop {
        let pos = reader.buffer_position() as usize;
        line += memchr::memchr_iter(b'\n', &body.as_bytes()[counted..pos.min(body.len())]).count()
            as u32;
        counted = pos.min(body.len());
        let event = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                warnings.push(format!(
                    "XML is broken near line {line} ({e}); kept the text before that point"
                ));
                break;
            }
        };
        match event {
            Event::Start(e) => {
                elements += 1;
                let name = local_name(&e);
                start_element(&e, &name, &stack, &mut captured);
                if BLOCKS.contains(&&*name) {
                    b.flush();
                    b.current_line = line;
                }
                stack.push(name);
            }
            Event::Empty(e) => {
                elements += 1;
                let name = local_name(&e);
                start_element(&e, &name, &stack, &mut captured);
                if name == "br" {
                    b.current.push(' ');
                }
            }
            Event::End(e) => {
                let mut buf = [0; 32];
                let name = lowercase_in(e.local_name().as_ref(), &mut buf);
                if let Some(at) = stack.iter().rposition(|n| *n == name) {
                    stack.truncate(at);
                }
                match name.as_ref() {
                    "dossier" => captured.dossier_done = true,
                    "tekstregel" => captured.in_vergaderjaar = false,
                    _ => {}
                }
                if BLOCKS.contains(&&*name) {
                    b.flush();
                }
            }
            Event::Text(t) => {
                let s = t
                    .decode()
                    .map_err(|e| format!("undecodable text near line {line}: {e}"))?;
                route_text(&s, &stack, &mut captured, &mut b, line);
            }
            Event::CData(t) => {
                let s = String::from_utf8_lossy(&t).into_owned();
                route_text(&s, &stack, &mut captured, &mut b, line);
            }
            Event::GeneralRef(r) => {
                route_text(&resolve_ref(&r), &stack, &mut captured, &mut b, line);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    b.flush();
    if elements == 0 {
        return Err("no XML element could be read".to_string());
    }
    if !stack.is_empty() && warnings.is_empty() {
        warnings.push(format!(
            "XML ends inside <{}>: the file looks truncated",
            stack.join("><")
        ));
    }
    Ok(RawDocument {
        text: b.text,
        meta: if metadata {
            let mut meta = self::metadata(&captured.fields, &captured.metas);
            if !captured.cites.is_empty() {
                meta.cites = captured.cites;
                meta.sources.insert("cites".to_string(), Source::Xml);
            }
            meta
        } else {
            Metadata::default()
        },
        line_map: Some(b.line_map),
        warnings,
        ..RawDocument::default()
    })
}

/// The text an entity or character reference stands for. HTML's `&nbsp;` is common in XML
/// written by hand; other unknown entities are kept as written.
pub(super) fn resolve_ref(r: &quick_xml::events::BytesRef<'_>) -> String {
    match r.resolve_char_ref() {
        Ok(Some(c)) => c.to_string(),
        _ => {
            let name = String::from_utf8_lossy(r);
            quick_xml::escape::resolve_predefined_entity(&name)
                .map(str::to_string)
                .unwrap_or_else(|| {
                    if name == "nbsp" {
                        " ".to_string()
                    } else {
                        format!("&{name};")
                    }
                })
        }
    }
}

fn parent(stack: &[String]) -> Option<&str> {
    stack.iter().rev().nth(1).map(String::as_str)
}

fn start_element(e: &BytesStart<'_>, name: &str, stack: &[String], captured: &mut Captured) {
    match name {
        "meta" if captured.metadata => {
            if let [Some(n), Some(c), scheme] = attrs(e, ["name", "content", "scheme"]) {
                captured.metas.push((n, scheme.unwrap_or_default(), c));
            }
        }
        "datum" if captured.metadata && stack.iter().any(|s| s == "datumtekst") => {
            if let Some(iso) = attr(e, "isodatum") {
                captured.fields.entry("isodatum").or_insert(iso);
            }
        }
        "extref" if captured.metadata => {
            if let [Some(doc), soort] = attrs(e, ["doc", "soort"]) {
                let linked = KamerstukId::parse(&doc).filter(|id| !captured.cites.contains(id));
                if let Some(id) = linked.filter(|_| soort.is_none_or(|s| s == "document")) {
                    captured.cites.push(id);
                }
            }
        }
        // The record of a sitting: `<officiele-publicatie><handelingen>`.
        "handelingen" if stack.len() <= 1 => {
            captured.fields.insert("handelingen", String::new());
        }
        "tekstregel" if attr(e, "inhoud").as_deref() == Some("vergaderjaar") => {
            captured.in_vergaderjaar = true;
        }
        _ => {}
    }
}

fn route_text(text: &str, stack: &[String], captured: &mut Captured, b: &mut Builder, line: u32) {
    let here = stack.last().map(String::as_str).unwrap_or("");
    let capture = match (here, parent(stack)) {
        ("dossiernr", _) => Some("dossiernr"),
        ("begrotingshoofdstuk", _) | ("raadnr", _) => Some("suffix"),
        ("ondernummer", _) => Some("ondernummer"),
        ("titel", Some("dossier")) => Some("dossier_title"),
        ("titel", Some("stuk")) => Some("stuk_title"),
        ("tekstregel", _) if captured.in_vergaderjaar => Some("vergaderjaar"),
        ("vergaderdatum", _) => Some("vergaderdatum"),
        ("item-titel", _) => Some("item_title"),
        ("vergadering-nummer", _) => Some("sitting"),
        _ => None,
    };
    if let Some(key) = capture {
        let later_dossier =
            captured.dossier_done && matches!(key, "dossiernr" | "suffix" | "dossier_title");
        if !later_dossier {
            captured.fields.entry(key).or_default().push_str(text);
        }
        return;
    }
    if stack.iter().any(|s| HEAD.contains(&s.as_str()))
        || (here == "titel" && matches!(parent(stack), Some("dossier" | "stuk")))
    {
        return;
    }
    if b.current.trim().is_empty() {
        b.current_line = line;
    }
    b.current.push_str(text);
}

pub(super) fn metadata(
    fields: &HashMap<&'static str, String>,
    metas: &[(String, String, String)],
) -> Metadata {
    let meta_value = |name: &str| {
        metas
            .iter()
            .find(|(n, _, c)| n == name && !c.trim().is_empty())
            .map(|(_, _, c)| c.trim().to_string())
    };
    let field = |k: &str| {
        fields
            .get(k)
            .map(|v| v.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|v| !v.is_empty())
    };
    let mut m = Metadata::default();

    m.fill_id(
        meta_value("DC.identifier").and_then(|v| KamerstukId::parse(&v)),
        Source::Xml,
    );
    m.fill_handelingen(
        meta_value("DC.identifier").and_then(|v| HandelingenId::parse(&v)),
        Source::Xml,
    );
    // The next sources are looked at only while there is no id: parsing ids is not free.
    if m.id.is_none() {
        let from_parts = match (field("dossiernr"), field("ondernummer")) {
            (Some(d), Some(n)) => {
                let dossier = parse_dossier_key(&d).and_then(|k| k.parse::<u32>().ok());
                dossier.map(|d| KamerstukId::new(d, field("suffix").as_deref(), &n))
            }
            _ => None,
        };
        m.fill_id(from_parts, Source::Xml);
    }
    if m.id.is_none() {
        let record = meta_value("OVERHEIDop.externMetadataRecord").unwrap_or_default();
        let parts = || record.split('/');
        m.fill_id(
            parts()
                .filter(|p| p.starts_with("kst-"))
                .find_map(KamerstukId::parse),
            Source::Xml,
        );
        m.fill_handelingen(parts().find_map(HandelingenId::parse), Source::Xml);
    }
    // A sitting's record: the date the meeting was held ("Donderdag 5 april 2018"), the
    // agenda item's title, and the parliamentary year its id names.
    if fields.contains_key("handelingen") {
        m.fill_date(
            field("vergaderdatum").and_then(|d| Date::find_dutch(&d)),
            Source::Xml,
        );
        m.fill_title(field("item_title"), Source::Xml);
        // The opening item has no title of its own: "70e vergadering, Donderdag 5 april 2018".
        let sitting = [field("sitting"), field("vergaderdatum")];
        let sitting: Vec<String> = sitting.into_iter().flatten().collect();
        m.fill_title(
            (!sitting.is_empty()).then(|| sitting.join(", ")),
            Source::Xml,
        );
        m.fill_type(Some("handelingen".to_string()), Source::Xml);
        m.fill_vergaderjaar(m.handelingen.map(|h| h.vergaderjaar()), Source::Xml);
    }

    m.fill_date(
        field("isodatum").and_then(|d| Date::parse_iso(&d)),
        Source::Xml,
    );
    m.fill_date(
        meta_value("DCTERMS.issued").and_then(|d| Date::parse_iso(&d)),
        Source::Xml,
    );

    m.fill_title(meta_value("OVERHEIDop.documenttitel"), Source::Xml);
    m.fill_title(field("stuk_title"), Source::Xml);

    // The title line is more specific than DC.type: "GEWIJZIGDE MOTIE ..." has DC.type "Motie".
    m.fill_type(
        field("stuk_title")
            .and_then(|t| doc_type_of(&t))
            .map(str::to_string),
        Source::Xml,
    );
    let xml_type = metas
        .iter()
        .filter(|(n, _, _)| n == "DC.type")
        .find_map(|(_, _, c)| doc_type_of(c));
    m.fill_type(xml_type.map(str::to_string), Source::Xml);

    m.fill_dossier_title(field("dossier_title"), Source::Xml);
    m.fill_dossier_title(meta_value("OVERHEIDop.dossiertitel"), Source::Xml);
    m.fill_vergaderjaar(
        meta_value("OVERHEIDop.vergaderjaar").and_then(|v| find_vergaderjaar(&v)),
        Source::Xml,
    );
    m.fill_vergaderjaar(
        field("vergaderjaar").and_then(|v| find_vergaderjaar(&v)),
        Source::Xml,
    );
    m.indieners = metas
        .iter()
        .filter(|(n, _, c)| n == "OVERHEIDop.indiener" && !c.trim().is_empty())
        .map(|(_, _, c)| c.trim().to_string())
        .collect();
    if !m.indieners.is_empty() {
        m.sources.insert("indieners".to_string(), Source::Xml);
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    const MOTIE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<officiele-publicatie>
  <metadata>
    <meta name="OVERHEIDop.externMetadataRecord" scheme="" content="https://zoek.officielebekendmakingen.nl/kst-36410-XIV-67/metadata.xml"/>
  </metadata>
  <kamerstuk>
    <kamerstukkop>
      <tekstregel inhoud="vergaderjaar">Vergaderjaar 2023-2024</tekstregel>
      <tekstregel inhoud="kameraanduiding">Tweede Kamer der Staten-Generaal</tekstregel>
    </kamerstukkop>
    <dossier>
      <dossiernummer><dossiernr>36 410</dossiernr><begrotingshoofdstuk>XIV</begrotingshoofdstuk></dossiernummer>
      <titel>Vaststelling van de begrotingsstaten (XIV)</titel>
    </dossier>
    <stuk>
      <stuknr>Nr. <ondernummer kamer="2">67</ondernummer></stuknr>
      <titel>MOTIE VAN DE LEDEN OUWEHAND EN GRINWIS</titel>
      <datumtekst>Voorgesteld <datum isodatum="2024-02-01">1 februari 2024</datum></datumtekst>
      <algemeen><vrije-tekst><tekst>
        <al>De Kamer,</al>
        <al>constaterende dat het EU-Mercosur-verdrag &amp; de
            landbouw &#233;&#233;n zaak zijn;</al>
        <al-groep><al>Ouwehand</al><al>Grinwis</al></al-groep>
      </tekst></vrije-tekst></algemeen>
    </stuk>
  </kamerstuk>
</officiele-publicatie>"#;

    #[test]
    fn reads_a_motie() {
        let doc = read(MOTIE, true).unwrap();
        let m = &doc.meta;
        assert_eq!(m.id.as_ref().unwrap().to_string(), "kst-36410-XIV-67");
        assert_eq!(m.date.unwrap().to_string(), "2024-02-01");
        assert_eq!(m.doc_type.as_deref(), Some("motie"));
        assert_eq!(
            m.title.as_deref(),
            Some("MOTIE VAN DE LEDEN OUWEHAND EN GRINWIS")
        );
        assert_eq!(
            m.dossier_title.as_deref(),
            Some("Vaststelling van de begrotingsstaten (XIV)")
        );
        assert_eq!(m.vergaderjaar.as_deref(), Some("2023-2024"));
        assert_eq!(
            doc.text,
            "De Kamer,\n\nconstaterende dat het EU-Mercosur-verdrag & de landbouw één zaak zijn;\n\nOuwehand\n\nGrinwis\n\n"
        );
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    }

    #[test]
    fn the_publishers_links_are_citations() {
        let xml = MOTIE.replace(
            "<al>De Kamer,</al>",
            r#"<al>De Kamer, gezien de motie op stuk nr. <extref doc="kst-36410-VI-37" soort="document">37 (36 410 VI)</extref>
               en <extref doc="kst-CCD-II" soort="document">CCD II</extref>
               (<extref doc="https://example.org/kst-1-2" soort="URL">site</extref>),</al>"#,
        );
        let doc = read(&xml, true).unwrap();
        let cites: Vec<String> = doc.meta.cites.iter().map(ToString::to_string).collect();
        assert_eq!(cites, ["kst-36410-VI-37"]);
        assert_eq!(doc.meta.sources.get("cites"), Some(&Source::Xml));
        assert!(doc
            .text
            .starts_with("De Kamer, gezien de motie op stuk nr. 37 (36 410 VI) en CCD II (site),"));
    }

    #[test]
    fn paragraphs_know_their_line_in_the_xml() {
        let doc = read(MOTIE, true).unwrap();
        let map = doc.line_map.unwrap();
        let para = doc
            .text
            .split('\n')
            .position(|l| l.starts_with("constaterende"))
            .unwrap();
        assert_eq!(
            MOTIE.lines().nth(map[para] as usize - 1).unwrap().trim(),
            "<al>constaterende dat het EU-Mercosur-verdrag &amp; de"
        );
    }

    #[test]
    fn truncated_xml_keeps_what_it_has_and_says_so() {
        let cut = &MOTIE[..MOTIE.find("<al>Ouwehand").unwrap() + 6];
        let doc = read(cut, true).unwrap();
        assert!(doc.text.contains("constaterende dat"));
        assert_eq!(doc.meta.id.unwrap().to_string(), "kst-36410-XIV-67");
        assert_eq!(doc.warnings.len(), 1, "{:?}", doc.warnings);
    }

    #[test]
    fn a_dossier_title_with_an_entity_and_a_second_dossier() {
        let xml = r#"<kamerstuk><dossier><dossiernummer><dossiernr>21 501</dossiernr>-<raadnr>02</raadnr></dossiernummer>
          <titel>Raad Algemene Zaken &amp; Raad Buitenlandse Zaken</titel></dossier>
          <dossier><dossiernummer><dossiernr>36 600</dossiernr></dossiernummer><titel>Tweede titel</titel></dossier>
          <stuk><stuknr>Nr. <ondernummer>3166</ondernummer></stuknr><titel>MOTIE</titel><al>tekst</al></stuk></kamerstuk>"#;
        let m = read(xml, true).unwrap().meta;
        assert_eq!(
            m.dossier_title.as_deref(),
            Some("Raad Algemene Zaken & Raad Buitenlandse Zaken")
        );
        assert_eq!(m.id.unwrap().to_string(), "kst-21501-02-3166");
    }

    #[test]
    fn not_xml_at_all() {
        assert!(read("gewoon tekst", true).is_err());
    }

    #[test]
    fn sub_series_in_raadnr() {
        let xml = r#"<kamerstuk><dossier><dossiernummer><dossiernr>21 501</dossiernr>-<raadnr>02</raadnr></dossiernummer>
          <titel>Raad Algemene Zaken</titel></dossier><stuk><stuknr>Nr. <ondernummer>3166</ondernummer></stuknr>
          <titel>MOTIE VAN HET LID X</titel><al>tekst</al></stuk></kamerstuk>"#;
        let doc = read(xml, true).unwrap();
        assert_eq!(doc.meta.id.unwrap().to_string(), "kst-21501-02-3166");
    }
}
