//! Kamerstuk metadata: identifiers, dates, types, titles, dossiers and citations, and where each
//! one was found.
//!
//! Readers fill a [`Metadata`] from the most reliable source they have (XML elements); the text
//! extractor then fills what is still missing from the published header, the page footer, a
//! letterhead and finally the file name. Every field remembers its [`Source`], so `show` can tell
//! a user whether a date came from the XML or was read off a letterhead.

/// Serializes a type as its `Display` text, and deserializes it with its parser.
macro_rules! serde_as_text {
    ($ty:ty, $parse:path, $what:literal) => {
        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <String as serde::Deserialize>::deserialize(deserializer)?;
                $parse(&text).ok_or_else(|| {
                    serde::de::Error::custom(format!(concat!("not a ", $what, ": {}"), text))
                })
            }
        }
    };
}

mod aanhangsel;
mod besluitenlijst;
mod citation;
mod date;
mod doctype;
mod extract;
mod handelingen;
mod id;
mod name;
mod own_date;
mod people;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

pub use aanhangsel::aanhangsel;
pub use besluitenlijst::besluitenlijst;
pub use date::{find_vergaderjaar, Date};
pub use doctype::{doc_type_of, known_types, normalize_type};
pub use extract::extract_from_text;
pub use handelingen::HandelingenId;
pub use id::{parse_dossier_key, KamerstukId};
pub use name::{kamerstuk_named, official_url, DocumentName};
pub use own_date::{settle_date, FIRST_YEAR};
pub use people::{
    members_of_title, party_name, person_keys, person_name, speaker, submitters_of_title, Member,
};

/// Where a metadata field was found, most reliable first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Source {
    /// Given by the caller (a library user, or a sidecar file).
    Given,
    /// An element or attribute of the official XML.
    Xml,
    /// A field of a JSON record (the URL of a Staten-Generaal Digitaal line).
    Record,
    /// The header of a published Kamerstuk (`Vergaderjaar`, dossier, `Nr.`, date line).
    Header,
    /// A page footer (`Tweede Kamer, vergaderjaar 2024–2025, 34 104, nr. 439`, `kst-…`).
    Footer,
    /// The letterhead of a government letter (`Datum`, `Kenmerk`, `Betreft`).
    Letterhead,
    /// Another item of the same sitting of the Handelingen, which states when it was held.
    Sitting,
    /// The running text (citations, a date line in the body).
    Text,
    /// The file name (`kst-34104-439.xml`).
    FileName,
}

impl std::fmt::Display for Source {
    /// The name `show` and the JSON give a source: `xml`, `file_name`, as serialized.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = serde_json::to_value(self)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        f.write_str(&name)
    }
}

/// What kamerzoek knows about one document besides its text.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    /// The canonical Kamerstuk id.
    pub id: Option<KamerstukId>,
    /// The Handelingen or Aanhangsel id, for the record of a sitting or answers to questions.
    #[serde(default)]
    pub handelingen: Option<HandelingenId>,
    /// The date of the document (proposed, received, signed).
    pub date: Option<Date>,
    /// The parliamentary year, `2024-2025`.
    pub vergaderjaar: Option<String>,
    /// The type, from the vocabulary in [`known_types`].
    pub doc_type: Option<String>,
    /// The title: the XML's document title, a letter's `Betreft`, a Kamerstuk's title line.
    pub title: Option<String>,
    /// The dossier key, `33750-IV`.
    pub dossier: Option<String>,
    /// The title of the dossier, `Vaststelling van de begrotingsstaten ...`.
    pub dossier_title: Option<String>,
    /// The members who submitted it (moties, amendementen, written questions).
    pub indieners: Vec<String>,
    /// The parties of the submitters, where the source states them ("Vragen van het lid De
    /// Vries (PvdA) ...").
    #[serde(default)]
    pub parties: Vec<String>,
    /// A ministry's reference (`Kenmerk 2015-0000097371`).
    pub kenmerk: Option<String>,
    /// Who sent a letter: the ministry of a letterhead, the minister of a published letter.
    #[serde(default)]
    pub afzender: Option<String>,
    /// Every Kamerstuk the text cites, canonical, without the document itself.
    pub cites: Vec<KamerstukId>,
    /// Other dossiers the document is about (the agenda of a meeting report), as dossier keys.
    #[serde(default)]
    pub dossiers: Vec<String>,
    /// Who speaks in it (a meeting report): `Mevrouw Van Eijk (VVD)`.
    #[serde(default)]
    pub speakers: Vec<String>,
    /// The Staten-Generaal Digitaal id of a scanned document (`0000142774`): the scan's own
    /// identity, since an id read off OCR text can be wrong.
    #[serde(default)]
    pub sgd_id: Option<String>,
    /// Where each field came from, by field name.
    pub sources: BTreeMap<String, Source>,
    /// What reading the metadata found wrong and how it was settled ("date 1918-06-14
    /// (header) lies outside vergaderjaar 1958-1959; took 1959-02-26 …"). Reported by the
    /// indexing run, not stored.
    #[serde(skip)]
    pub warnings: Vec<String>,
}

macro_rules! fill_fn {
    ($(#[$doc:meta])* $name:ident, $field:ident, $ty:ty) => {
        $(#[$doc])*
        pub fn $name(&mut self, value: Option<$ty>, source: Source) {
            if self.$field.is_none() {
                if let Some(v) = value {
                    self.$field = Some(v);
                    self.sources.insert(stringify!($field).to_string(), source);
                }
            }
        }
    };
}

impl Metadata {
    fill_fn!(
        /// Sets the id unless a more reliable source set it already.
        fill_id, id, KamerstukId
    );
    fill_fn!(
        /// Sets the date unless a more reliable source set it already.
        fill_date, date, Date
    );
    fill_fn!(
        /// Sets the vergaderjaar unless a more reliable source set it already.
        fill_vergaderjaar, vergaderjaar, String
    );
    fill_fn!(
        /// Sets the type unless a more reliable source set it already.
        fill_type, doc_type, String
    );
    fill_fn!(
        /// Sets the title unless a more reliable source set it already.
        fill_title, title, String
    );
    fill_fn!(
        /// Sets the dossier unless a more reliable source set it already.
        fill_dossier, dossier, String
    );
    fill_fn!(
        /// Sets the dossier title unless a more reliable source set it already.
        fill_dossier_title, dossier_title, String
    );
    fill_fn!(
        /// Sets the kenmerk unless a more reliable source set it already.
        fill_kenmerk, kenmerk, String
    );
    fill_fn!(
        /// Sets the Handelingen id unless a more reliable source set it already.
        fill_handelingen, handelingen, HandelingenId
    );
    fill_fn!(
        /// Sets the sender unless a more reliable source set it already.
        fill_afzender, afzender, String
    );
    fill_fn!(
        /// Sets the Staten-Generaal Digitaal id unless a more reliable source set it already.
        fill_sgd_id, sgd_id, String
    );

    /// Fields that can be derived from others: the dossier from the id, the vergaderjaar from
    /// the date. Called once all sources have been read.
    pub fn complete(&mut self) {
        let dossier = self.id.as_ref().map(KamerstukId::dossier_key);
        let source = self.sources.get("id").copied().unwrap_or(Source::Text);
        self.fill_dossier(dossier, source);
        let year = self.date.map(|d| d.vergaderjaar());
        let source = self.sources.get("date").copied().unwrap_or(Source::Text);
        self.fill_vergaderjaar(year, source);
        self.complete_indieners();
        if let Some(id) = &self.id {
            let id = id.clone();
            self.cites.retain(|c| *c != id);
            // A document that named only itself cites nothing, and its sources must say so.
            if self.cites.is_empty() {
                self.sources.remove("cites");
            }
        }
    }

    /// The submitters in one form each ([`person_name`]); a motie or amendement whose source
    /// names none has them from its title ("MOTIE VAN DE LEDEN KRÖGER EN THIJSSEN").
    fn complete_indieners(&mut self) {
        let members = self
            .title
            .as_deref()
            .map(members_of_title)
            .unwrap_or_default();
        let title_source = self.sources.get("title").copied().unwrap_or(Source::Text);
        if self.parties.is_empty() {
            for party in members.iter().filter_map(|m| m.party.clone()) {
                if !self.parties.contains(&party) {
                    self.parties.push(party);
                }
            }
            if !self.parties.is_empty() {
                self.sources.insert("parties".to_string(), title_source);
            }
        }
        let titled: Vec<String> = members.into_iter().map(|m| m.name).collect();
        if self.indieners.is_empty() {
            if !titled.is_empty() {
                self.indieners = titled;
                self.sources.insert("indieners".to_string(), title_source);
            }
            return;
        }
        // The title spells a name as the member does ("Kostić"); metadata at times without
        // its accents ("A. Kostic"): the title's spelling is the one form.
        let mut names: Vec<String> = Vec::new();
        for name in self.indieners.iter().filter_map(|n| person_name(n)) {
            let key = person_keys(&name);
            let name = titled
                .iter()
                .find(|t| person_keys(t)[0] == key[0])
                .cloned()
                .unwrap_or(name);
            if !names.contains(&name) {
                names.push(name);
            }
        }
        self.indieners = names;
    }

    /// The names of the fields that hold a value, as [`Metadata::sources`] names them.
    pub fn set_fields(&self) -> Vec<&'static str> {
        let set = [
            ("id", self.id.is_some()),
            ("handelingen", self.handelingen.is_some()),
            ("date", self.date.is_some()),
            ("vergaderjaar", self.vergaderjaar.is_some()),
            ("doc_type", self.doc_type.is_some()),
            ("title", self.title.is_some()),
            ("dossier", self.dossier.is_some()),
            ("dossier_title", self.dossier_title.is_some()),
            ("indieners", !self.indieners.is_empty()),
            ("parties", !self.parties.is_empty()),
            ("kenmerk", self.kenmerk.is_some()),
            ("afzender", self.afzender.is_some()),
            ("cites", !self.cites.is_empty()),
            ("dossiers", !self.dossiers.is_empty()),
            ("speakers", !self.speakers.is_empty()),
            ("sgd_id", self.sgd_id.is_some()),
        ];
        set.into_iter()
            .filter(|(_, is)| *is)
            .map(|(name, _)| name)
            .collect()
    }

    /// The official citation (`Kamerstukken II 2013/14, 33 750 IV, nr. 16`, `Handelingen II
    /// 2017/18, nr. 70, item 6`), if the id is known.
    pub fn citation(&self) -> Option<String> {
        self.id
            .as_ref()
            .map(|id| id.citation(self.vergaderjaar.as_deref()))
            .or_else(|| self.handelingen.map(|h| h.citation()))
    }

    /// The document's identifier as text: the Kamerstuk id, else the Handelingen id.
    pub fn id_text(&self) -> Option<String> {
        self.id
            .as_ref()
            .map(ToString::to_string)
            .or_else(|| self.handelingen.map(|h| h.to_string()))
    }
}
