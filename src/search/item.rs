//! What a parsed query is made of: its items, in slots of alternatives, and which of them a
//! document must or must not match.

use crate::meta::{Date, KamerstukId};

/// One thing a query asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A word, analyzed like the text.
    Word(String),
    /// An exact phrase.
    Phrase(String),
    /// The words that begin with a prefix: `stikstof*`.
    Prefix(String),
    /// The words of a phrase within this many positions of where the phrase has them:
    /// `"stikstof boeren"~3`.
    Near(String, u32),
    /// A document by id.
    Id(KamerstukId),
    /// Documents in a dossier (key as in `33750-IV`, or a number alone for every suffix).
    Dossier(String),
    /// Documents of a type.
    Type(String),
    /// Documents that cite an id.
    Cites(KamerstukId),
    /// A document by the key it is stored under: a scan's `sgd:0000142774`, a Handelingen
    /// item's `h-tk-20172018-70-6`.
    Key(String),
    /// Meeting reports in which a member spoke, by one of the member's keys.
    Speaker(String),
    /// Documents of a party (a member spoke in it, or submitted it as its title says), by the
    /// party's folded name (`vvd`).
    Party(String),
    /// Documents dated in a range (either end open): `datum:2015..2016`.
    Dates(Option<Date>, Option<Date>),
    /// Documents a member submitted, by one of the member's keys ([`crate::meta::person_keys`]:
    /// `kroger`, `van der plas`, `plas`).
    Indiener(String),
    /// An id among other words: documents that cite it or are it rank higher.
    Refers(KamerstukId),
    /// A dossier number among words (`36410`): the dossier's documents rank higher.
    InDossier(String),
    /// An id after "t.v.v." ("ter vervanging van"): the documents that replace it (and so cite
    /// it) rank higher; the replaced document itself does not.
    Replaces(KamerstukId),
}

impl Item {
    /// Whether the item selects by metadata instead of ranking by text.
    pub fn is_filter(&self) -> bool {
        !matches!(
            self,
            Item::Word(_)
                | Item::Phrase(_)
                | Item::Near(..)
                | Item::Prefix(_)
                | Item::Refers(_)
                | Item::Replaces(_)
                | Item::InDossier(_)
        )
    }
}

/// A condition on whole documents, from a group in parentheses that holds operators:
/// `(stikstof AND boeren) OR landbouw`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    /// The documents an item matches, as written.
    Item(Item),
    /// The documents that satisfy any of the conditions.
    Any(Vec<Condition>),
    /// The documents that satisfy every one of the conditions.
    All(Vec<Condition>),
    /// The documents that do not satisfy the condition.
    Not(Box<Condition>),
}

impl Condition {
    /// Every item the condition looks up.
    pub fn items(&self) -> Vec<&Item> {
        match self {
            Condition::Item(item) => vec![item],
            Condition::Any(all) | Condition::All(all) => {
                all.iter().flat_map(Condition::items).collect()
            }
            Condition::Not(inner) => inner.items(),
        }
    }
}

/// A parsed query: its slots rank the documents that match any of them, those with every
/// slot first; a document must match every required slot (one of its alternatives), satisfy
/// every condition and match no excluded item.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// The parts of the query; a slot with several items came from `a OR b`.
    pub slots: Vec<Vec<Item>>,
    /// Items whose documents are left out.
    pub excluded: Vec<Item>,
    /// The slots (indexes into `slots`) a document must match: `+word`, either side of `AND`.
    pub required: Vec<usize>,
    /// What groups in parentheses ask of a document.
    pub conditions: Vec<Condition>,
    /// The slots that rank the words of a condition: the condition, not the slot, says which
    /// of them a document must have.
    pub of_conditions: Vec<usize>,
}

impl std::fmt::Display for Item {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Item::Word(w) => write!(f, "{w}"),
            Item::Phrase(p) => write!(f, "\"{p}\""),
            Item::Near(p, n) => write!(f, "\"{p}\"~{n}"),
            Item::Prefix(p) => write!(f, "{p}*"),
            Item::Id(id) => write!(f, "id:{id}"),
            Item::Dossier(d) => write!(f, "dossier:{d}"),
            Item::Type(t) => write!(f, "type:{t}"),
            Item::Cites(id) => write!(f, "cites:{id}"),
            Item::Dates(from, to) => {
                let end = |d: &Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
                write!(f, "datum:{}..{}", end(from), end(to))
            }
            Item::Key(k) => write!(f, "{k}"),
            Item::Speaker(k) | Item::Party(k) => {
                let field = if matches!(self, Item::Speaker(_)) {
                    "spreker"
                } else {
                    "partij"
                };
                match k.contains(' ') {
                    true => write!(f, "{field}:\"{k}\""),
                    false => write!(f, "{field}:{k}"),
                }
            }
            Item::Indiener(k) if k.contains(' ') => write!(f, "indiener:\"{k}\""),
            Item::Indiener(k) => write!(f, "indiener:{k}"),
            Item::Refers(id) => write!(f, "{id}"),
            Item::InDossier(d) => write!(f, "{d}"),
            Item::Replaces(id) => write!(f, "t.v.v. {id}"),
        }
    }
}
