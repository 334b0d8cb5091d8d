//! Sidecar files: `NAME.json` next to a document supplies or overrides its metadata.
//!
//! A sidecar uses the field names of `kamerzoek export` (`id`, `date`, `type`, `title`,
//! `dossier`, `dossier_title`, `vergaderjaar`, `indieners`, `kenmerk`, `afzender`, `cites`, ...).
//! What it says wins over what the file itself says, and is recorded as given. Both
//! `kst-36600-XVI-12.pdf.json` and `kst-36600-XVI-12.json` belong to `kst-36600-XVI-12.pdf`.

use std::path::{Path, PathBuf};

use serde_json::{Map, Value};

use crate::meta::{
    find_vergaderjaar, normalize_type, parse_dossier_key, Date, HandelingenId, KamerstukId,
    Metadata, Source,
};

/// The sidecar of `path`, if there is one.
pub fn find(path: &Path) -> Option<PathBuf> {
    candidates(path).into_iter().find(|c| c.is_file())
}

fn candidates(path: &Path) -> Vec<PathBuf> {
    let mut with_json = path.as_os_str().to_owned();
    with_json.push(".json");
    let mut out = vec![PathBuf::from(with_json)];
    if path.extension().is_some_and(|e| e != "json") {
        out.push(path.with_extension("json"));
    }
    out
}

/// Whether `json` is the sidecar of one of `files` rather than a document of its own.
pub fn is_sidecar(json: &Path, exists: impl Fn(&Path) -> bool) -> bool {
    if !json
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    {
        return false;
    }
    let owner = json.with_extension("");
    if owner.extension().is_some() && exists(&owner) {
        return true;
    }
    ["txt", "xml", "html", "htm", "pdf", "jsonl"]
        .iter()
        .any(|ext| exists(&json.with_extension(ext)))
}

/// Reads a sidecar's metadata.
pub fn read(path: &Path) -> Result<Metadata, String> {
    let bytes = std::fs::read(path).map_err(|e| e.to_string())?;
    let value: Value = serde_json::from_slice(&bytes).map_err(|e| format!("not JSON: {e}"))?;
    let obj = value.as_object().ok_or("not a JSON object")?;
    metadata_from(obj, Source::Given)
}

/// Puts every field `given` holds into `meta`, replacing what was there.
pub fn apply(given: &Metadata, meta: &mut Metadata) {
    macro_rules! over {
        ($($field:ident),*) => {$(
            if given.$field.is_some() {
                meta.$field = given.$field.clone();
                meta.sources.insert(stringify!($field).to_string(), Source::Given);
            }
        )*};
    }
    macro_rules! over_list {
        ($($field:ident),*) => {$(
            if !given.$field.is_empty() {
                meta.$field = given.$field.clone();
                meta.sources.insert(stringify!($field).to_string(), Source::Given);
            }
        )*};
    }
    over!(
        id,
        handelingen,
        date,
        vergaderjaar,
        doc_type,
        title,
        dossier,
        dossier_title,
        kenmerk,
        afzender,
        sgd_id
    );
    over_list!(indieners, parties, cites, dossiers, speakers);
}

/// Metadata from a JSON object with the field names of `kamerzoek export`. Fields are recorded
/// with the object's own `sources` where it has them, else with `source`.
pub(crate) fn metadata_from(obj: &Map<String, Value>, source: Source) -> Result<Metadata, String> {
    let text = |name: &str| -> Result<Option<String>, String> {
        match obj.get(name) {
            None | Some(Value::Null) => Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.trim().to_string())),
            Some(Value::Number(n)) => Ok(Some(n.to_string())),
            Some(other) => Err(format!("\"{name}\" should be text, not {other}")),
        }
    };
    let list = |name: &str| -> Result<Vec<String>, String> {
        match obj.get(name) {
            None | Some(Value::Null) => Ok(Vec::new()),
            Some(Value::String(s)) => Ok(vec![s.trim().to_string()]),
            Some(Value::Array(items)) => items
                .iter()
                .map(|v| {
                    v.as_str()
                        .map(|s| s.trim().to_string())
                        .ok_or_else(|| format!("\"{name}\" should be a list of texts"))
                })
                .collect(),
            Some(other) => Err(format!("\"{name}\" should be a list, not {other}")),
        }
    };
    let mut m = Metadata::default();
    if let Some(id) = text("id")? {
        if let Some(k) = KamerstukId::parse(&id) {
            m.id = Some(k);
        } else if let Some(h) = HandelingenId::parse(&id) {
            m.handelingen = Some(h);
        } else {
            return Err(format!(
                "\"id\" {id:?} is not a Kamerstuk or Handelingen id"
            ));
        }
    }
    if let Some(d) = text("date")? {
        let date = Date::parse_iso(&d)
            .or_else(|| Date::find_dutch(&d))
            .ok_or_else(|| format!("\"date\" {d:?} is not a date (YYYY-MM-DD)"))?;
        m.date = Some(date);
    }
    if let Some(v) = text("vergaderjaar")? {
        m.vergaderjaar = Some(
            find_vergaderjaar(&v)
                .ok_or_else(|| format!("\"vergaderjaar\" {v:?} is not a parliamentary year"))?,
        );
    }
    if let Some(t) = text("type")?.or(text("doc_type")?) {
        // A type outside the vocabulary is kept as the user wrote it.
        m.doc_type = Some(normalize_type(&t).map_or_else(|| t.to_lowercase(), str::to_string));
    }
    m.title = text("title")?;
    if let Some(d) = text("dossier")? {
        m.dossier = Some(
            parse_dossier_key(&d)
                .ok_or_else(|| format!("\"dossier\" {d:?} is not a dossier number"))?,
        );
    }
    m.dossier_title = text("dossier_title")?;
    m.kenmerk = text("kenmerk")?;
    m.afzender = text("afzender")?;
    m.sgd_id = text("sgd_id")?;
    m.indieners = list("indieners")?;
    m.parties = list("parties")?;
    m.speakers = list("speakers")?;
    m.dossiers = list("dossiers")?
        .iter()
        .map(|d| {
            parse_dossier_key(d)
                .ok_or_else(|| format!("\"dossiers\": {d:?} is not a dossier number"))
        })
        .collect::<Result<_, _>>()?;
    m.cites = list("cites")?
        .iter()
        .map(|c| {
            KamerstukId::parse(c).ok_or_else(|| format!("\"cites\": {c:?} is not a Kamerstuk id"))
        })
        .collect::<Result<_, _>>()?;
    let recorded: Option<std::collections::BTreeMap<String, Source>> = obj
        .get("sources")
        .and_then(|s| serde_json::from_value(s.clone()).ok());
    // An export says where each field was found; keep that, and only that.
    for field in m.set_fields() {
        let s = match &recorded {
            Some(r) => r.get(field).copied(),
            None => Some(source),
        };
        if let Some(s) = s {
            m.sources.insert(field.to_string(), s);
        }
    }
    Ok(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(json: &str) -> Result<Metadata, String> {
        let v: Value = serde_json::from_str(json).unwrap();
        metadata_from(v.as_object().unwrap(), Source::Given)
    }

    #[test]
    fn reads_the_export_field_names() {
        let m = meta(
            r#"{"id": "33 750 IV, nr. 16", "date": "2015-02-24", "type": "Brief", "title": "Mensenhandel",
                "dossier": "33750-IV", "cites": ["kst-28638-115"], "indieners": "Jansen"}"#,
        )
        .unwrap();
        assert_eq!(m.id.unwrap().to_string(), "kst-33750-IV-16");
        assert_eq!(m.date.unwrap().to_string(), "2015-02-24");
        assert_eq!(m.doc_type.as_deref(), Some("brief"));
        assert_eq!(m.dossier.as_deref(), Some("33750-IV"));
        assert_eq!(m.cites[0].to_string(), "kst-28638-115");
        assert_eq!(m.indieners, ["Jansen"]);
        assert_eq!(m.sources["date"], Source::Given);
    }

    #[test]
    fn says_which_field_is_wrong() {
        assert!(meta(r#"{"date": "gisteren"}"#)
            .unwrap_err()
            .contains("\"date\""));
        assert!(meta(r#"{"id": "geen id"}"#).unwrap_err().contains("\"id\""));
        assert!(meta(r#"{"title": ["a"]}"#)
            .unwrap_err()
            .contains("\"title\""));
    }

    #[test]
    fn what_a_sidecar_says_wins() {
        let mut m = Metadata::default();
        m.fill_title(Some("Uit de XML".into()), Source::Xml);
        m.fill_type(Some("motie".into()), Source::Xml);
        let given = meta(r#"{"title": "Gegeven titel"}"#).unwrap();
        apply(&given, &mut m);
        assert_eq!(m.title.as_deref(), Some("Gegeven titel"));
        assert_eq!(m.sources["title"], Source::Given);
        assert_eq!(m.doc_type.as_deref(), Some("motie"));
    }

    /// The example of `find`.
    #[test]
    fn example_of_find() {
        let side = crate::read::sidecar::find("sample_corpus/besluitenlijst-bzk-2009.pdf".as_ref());
        assert!(side.unwrap().ends_with("besluitenlijst-bzk-2009.pdf.json"));
    }

    /// The example of `is_sidecar`.
    #[test]
    fn example_of_is_sidecar() {
        use std::path::PathBuf;
        let files = [
            PathBuf::from("a/kst-1-2.pdf"),
            PathBuf::from("a/kst-1-2.json"),
            PathBuf::from("a/sgd.json"),
        ];
        let is = |p: &str| {
            crate::read::sidecar::is_sidecar(p.as_ref(), |f| files.iter().any(|x| x == f))
        };
        assert!(is("a/kst-1-2.json"));
        assert!(!is("a/sgd.json"));
    }
}
