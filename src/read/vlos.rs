//! VLOS 2.0 XML: the verbatim report of a plenary or committee meeting (`vlosCoreDocument`).
//!
//! The meeting gives the metadata (title, date, parliamentary year, plenary or committee),
//! every `spreker` a speaker with party, every `zaak` a related dossier and Kamerstuk. The text
//! is what was said (`tekst/alinea/alineaitem`), with each agenda item's subject as a heading;
//! the speaker records themselves (names, functions, times) are not text.

use quick_xml::events::Event;

use super::xml::{attr, lenient_reader, local_name, resolve_ref, Builder};
use super::RawDocument;
use crate::meta::{find_vergaderjaar, parse_dossier_key, Date, KamerstukId, Metadata, Source};

/// Elements whose text is part of what was said.
const BLOCKS: &[&str] = &["alinea", "alineaitem"];

/// Fills a field of the record being read, if one is open.
fn set<T>(record: &mut Option<T>, fill: impl FnOnce(&mut T)) {
    if let Some(r) = record {
        fill(r);
    }
}

#[derive(Default)]
struct Speaker {
    aanhef: String,
    name: String,
    party: String,
}

#[derive(Default)]
struct Zaak {
    dossier: String,
    number: String,
}

pub(super) fn read(text: &str) -> Result<RawDocument, String> {
    let (mut reader, _, _) = lenient_reader(text)?;

    let mut b = Builder::new();
    let mut stack: Vec<String> = Vec::new();
    let mut meta = Metadata::default();
    let mut warnings = Vec::new();
    let (mut title, mut date, mut year, mut kind) = (None, None, None, None);
    let mut speaker: Option<Speaker> = None;
    let mut zaak: Option<Zaak> = None;
    let mut field = String::new();
    let mut seen_root = false;

    loop {
        let event = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                warnings.push(format!(
                    "XML is broken at byte {} ({e}); kept the text before that point",
                    reader.buffer_position()
                ));
                break;
            }
        };
        match event {
            Event::Start(e) => {
                let name = local_name(&e);
                match name.as_str() {
                    "vloscoredocument" => seen_root = true,
                    "vergadering" => kind = attr(&e, "soort"),
                    "spreker" => speaker = Some(Speaker::default()),
                    "zaak" => zaak = Some(Zaak::default()),
                    _ => {}
                }
                if BLOCKS.contains(&name.as_str()) || name == "onderwerp" {
                    b.flush();
                }
                field.clear();
                stack.push(name);
            }
            Event::Empty(e) if local_name(&e) == "br" => b.current.push(' '),
            Event::End(e) => {
                let name = String::from_utf8_lossy(e.local_name().as_ref()).to_lowercase();
                let parent = stack.iter().rev().nth(1).map(String::as_str);
                let value = field.split_whitespace().collect::<Vec<_>>().join(" ");
                match (name.as_str(), parent) {
                    ("titel", Some("vergadering")) => title = title.or(Some(value)),
                    ("datum", Some("vergadering")) => date = date.or(Date::parse_iso(&value)),
                    ("vergaderjaar", Some("vergadering")) => {
                        year = year.or(find_vergaderjaar(&value));
                    }
                    ("aanhef", Some("spreker")) => set(&mut speaker, |s| s.aanhef = value),
                    ("verslagnaam", Some("spreker")) => set(&mut speaker, |s| s.name = value),
                    ("fractie", Some("spreker")) => set(&mut speaker, |s| s.party = value),
                    ("dossiernummer", Some("zaak")) => set(&mut zaak, |z| z.dossier = value),
                    ("stuknummer", Some("zaak")) => set(&mut zaak, |z| z.number = value),
                    ("spreker", _) => {
                        if let Some(s) = speaker.take().filter(|s| !s.name.is_empty()) {
                            let mut who = format!("{} {}", s.aanhef, s.name).trim().to_string();
                            if !s.party.is_empty() {
                                who.push_str(&format!(" ({})", s.party));
                            }
                            if !meta.speakers.contains(&who) {
                                meta.speakers.push(who);
                            }
                        }
                    }
                    ("zaak", _) => {
                        if let Some(z) = zaak.take() {
                            related(&z, &mut meta);
                        }
                    }
                    _ => {}
                }
                field.clear();
                if let Some(at) = stack.iter().rposition(|n| *n == name) {
                    stack.truncate(at);
                }
                if BLOCKS.contains(&name.as_str()) || name == "onderwerp" {
                    b.flush();
                }
            }
            Event::Text(t) => {
                let s = t.decode().map_err(|e| format!("undecodable text: {e}"))?;
                take_text(&s, &stack, &mut field, &mut b);
            }
            Event::CData(t) => take_text(&String::from_utf8_lossy(&t), &stack, &mut field, &mut b),
            Event::GeneralRef(r) => take_text(&resolve_ref(&r), &stack, &mut field, &mut b),
            Event::Eof => break,
            _ => {}
        }
    }
    b.flush();
    if !seen_root {
        return Err("not a VLOS report (no <vlosCoreDocument>)".to_string());
    }
    if !stack.is_empty() && warnings.is_empty() {
        warnings.push(format!(
            "XML ends inside <{}>: the file looks truncated",
            stack.join("><")
        ));
    }
    meta.fill_title(title.filter(|t| !t.is_empty()), Source::Xml);
    meta.fill_date(date, Source::Xml);
    meta.fill_vergaderjaar(year, Source::Xml);
    // A plenary report becomes the Handelingen; a committee's is a verslag.
    let doc_type = match kind.as_deref() {
        Some(k) if k.eq_ignore_ascii_case("plenair") => "handelingen",
        _ => "verslag",
    };
    meta.fill_type(Some(doc_type.to_string()), Source::Xml);
    for (field, set) in [
        ("speakers", !meta.speakers.is_empty()),
        ("dossiers", !meta.dossiers.is_empty()),
        ("cites", !meta.cites.is_empty()),
    ] {
        if set {
            meta.sources.insert(field.to_string(), Source::Xml);
        }
    }
    Ok(RawDocument {
        text: b.text,
        meta,
        warnings,
        ..RawDocument::default()
    })
}

/// Text goes to the field being read, and also to the body when it is inside `tekst` or is an
/// agenda item's subject.
fn take_text(text: &str, stack: &[String], field: &mut String, b: &mut Builder) {
    field.push_str(text);
    let in_body = stack.iter().any(|s| s == "tekst")
        || (stack.last().is_some_and(|s| s == "onderwerp")
            && stack.iter().rev().nth(1).is_some_and(|s| s == "activiteit"));
    if in_body {
        b.current.push_str(text);
    }
}

fn related(z: &Zaak, meta: &mut Metadata) {
    let Some(dossier) = parse_dossier_key(&z.dossier) else {
        return;
    };
    if !meta.dossiers.contains(&dossier) {
        meta.dossiers.push(dossier.clone());
    }
    let number = z.number.trim();
    if number.is_empty() {
        return;
    }
    if let Some(id) = KamerstukId::parse(&format!("kst-{dossier}-{number}")) {
        if !meta.cites.contains(&id) {
            meta.cites.push(id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const VLOS: &str = "\u{feff}<?xml version=\"1.0\" encoding=\"UTF-8\"?><vlosCoreDocument soort=\"Tussenpublicatie\" xmlns=\"http://www.tweedekamer.nl/ggm/vergaderverslag/v1.0\"><vergadering soort=\"Commissie\" kamer=\"Tweede Kamer\"><titel>Nationale fiscaliteit</titel><vergaderjaar>2024-2025</vergaderjaar><datum>2025-07-02T00:00:00</datum><activiteit soort=\"Commissiedebat\"><titel>Nationale fiscaliteit</titel><onderwerp>Nationale fiscaliteit</onderwerp><zaken><zaak soort=\"Brief regering\"><titel>Brief</titel><dossiernummer>32140</dossiernummer><stuknummer>250</stuknummer></zaak><zaak><dossiernummer>36 600-IX</dossiernummer><stuknummer /></zaak></zaken><activiteithoofd><titel>Woordvoerder - De voorzitter</titel><woordvoerder><spreker soort=\"Tweede Kamerlid\"><fractie>VVD</fractie><aanhef>Mevrouw</aanhef><verslagnaam>Van Eijk</verslagnaam><voornaam>Wendy</voornaam></spreker><markeertijdbegin>2025-07-02T14:58:51</markeertijdbegin><tekst><alinea><alineaitem>Mevrouw <nadruk type=\"Vet\">Van Eijk</nadruk> (VVD):</alineaitem><alineaitem>Dank u wel, voorzitter. De box&#160;3-heffing &amp; het overgangsrecht.</alineaitem></alinea></tekst></woordvoerder></activiteithoofd></activiteit></vergadering></vlosCoreDocument>";

    #[test]
    fn reads_a_meeting() {
        let doc = read(VLOS).unwrap();
        let m = &doc.meta;
        assert_eq!(m.title.as_deref(), Some("Nationale fiscaliteit"));
        assert_eq!(m.date.unwrap().to_string(), "2025-07-02");
        assert_eq!(m.vergaderjaar.as_deref(), Some("2024-2025"));
        assert_eq!(m.doc_type.as_deref(), Some("verslag"));
        assert_eq!(m.speakers, ["Mevrouw Van Eijk (VVD)"]);
        assert_eq!(m.dossiers, ["32140", "36600-IX"]);
        assert_eq!(m.cites[0].to_string(), "kst-32140-250");
        assert_eq!(
            doc.text,
            "Nationale fiscaliteit\n\nMevrouw Van Eijk (VVD):\n\nDank u wel, voorzitter. De box 3-heffing & het overgangsrecht.\n\n"
        );
        assert!(doc.warnings.is_empty(), "{:?}", doc.warnings);
    }

    #[test]
    fn cut_off_keeps_what_was_said() {
        let cut = &VLOS[..VLOS.find("</alinea>").unwrap()];
        let doc = read(cut).unwrap();
        assert!(doc.text.contains("Dank u wel"));
        assert_eq!(doc.warnings.len(), 1);
    }
}
