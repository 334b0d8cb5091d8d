//! The names a person gives one document: a Kamerstuk id or citation, its official URL or file
//! name, a Handelingen id or citation, a scan's Staten-Generaal Digitaal id. `show` and a search
//! that is only a name read them the same way, here.

use super::{HandelingenId, KamerstukId};

/// A document as a person names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DocumentName {
    /// A Kamerstuk: `kst-36600-XVI-100`, `36 600 XVI, nr. 100`, its URL or file name.
    Kamerstuk(KamerstukId),
    /// An item of the Handelingen: `h-tk-20172018-70-6`, `Handelingen II 2017/18, nr. 70, item 6`.
    Handelingen(HandelingenId),
    /// A scan by its Staten-Generaal Digitaal id (ten digits), with or without `sgd:`.
    Scan(String),
}

impl DocumentName {
    /// The document `text` names, if it is a name and nothing else.
    ///
    /// ```
    /// use kamerzoek::meta::DocumentName;
    /// for form in ["kst-36600-XVI-100", "36 600 XVI, nr. 100",
    ///     "https://zoek.officielebekendmakingen.nl/kst-36600-XVI-100.html", "kst-36600-XVI-100.pdf"] {
    ///     let Some(DocumentName::Kamerstuk(id)) = DocumentName::parse(form) else { panic!("{form}") };
    ///     assert_eq!(id.to_string(), "kst-36600-XVI-100");
    /// }
    /// assert_eq!(DocumentName::parse("sgd:0000142774"), Some(DocumentName::Scan("0000142774".into())));
    /// assert!(matches!(DocumentName::parse("Handelingen II 2017/18, nr. 70, item 6"), Some(DocumentName::Handelingen(_))));
    /// assert_eq!(DocumentName::parse("mensenhandel"), None);
    /// ```
    pub fn parse(text: &str) -> Option<DocumentName> {
        let text = text.trim();
        if let Some(id) = kamerstuk_named(text) {
            return Some(DocumentName::Kamerstuk(id));
        }
        if let Some(h) = HandelingenId::parse(text) {
            return Some(DocumentName::Handelingen(h));
        }
        let sgd = text.strip_prefix("sgd:").unwrap_or(text);
        (sgd.len() == 10 && sgd.bytes().all(|b| b.is_ascii_digit()))
            .then(|| DocumentName::Scan(sgd.to_string()))
    }
}

/// Where the official publication of a document with id `id` (a Kamerstuk's or the
/// Handelingen's canonical id) is read: the form of URL [`DocumentName::parse`] reads back.
///
/// ```
/// use kamerzoek::meta::{official_url, DocumentName};
/// let url = official_url("kst-33750-IV-16");
/// assert_eq!(url, "https://zoek.officielebekendmakingen.nl/kst-33750-IV-16.html");
/// assert!(matches!(DocumentName::parse(&url), Some(DocumentName::Kamerstuk(_))));
/// ```
pub fn official_url(id: &str) -> String {
    format!("https://zoek.officielebekendmakingen.nl/{id}.html")
}

/// A Kamerstuk id as written, or as the last part of a URL or a file name.
///
/// ```
/// use kamerzoek::meta::kamerstuk_named;
/// assert_eq!(kamerstuk_named("kst-33750-IV-16.xml").unwrap().to_string(), "kst-33750-IV-16");
/// assert!(kamerstuk_named("mensenhandel").is_none());
/// ```
pub fn kamerstuk_named(word: &str) -> Option<KamerstukId> {
    let name = match word.split_once("://") {
        Some((_, rest)) => rest.trim_end_matches('/').rsplit('/').next()?,
        None => word,
    };
    let stem = [".html", ".htm", ".pdf", ".xml", ".txt", ".odt", ".docx"]
        .iter()
        .find_map(|ext| name.strip_suffix(ext))
        .unwrap_or(name);
    KamerstukId::parse(stem)
}
