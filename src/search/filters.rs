//! Metadata filters: ids, citations, types, dossiers, submitters and dates as unscored queries.

use std::ops::Bound;

use tantivy::query::{BooleanQuery, EmptyQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::Term;

use super::item::Item;
use super::options::SearchOptions;
use crate::index::Fields;
use crate::meta::{known_types, normalize_type, parse_dossier_key, Date};
use crate::{Error, Result, Timestamp};

/// Builds filters on the fields of one index.
pub(crate) struct Filters {
    fields: Fields,
}

impl Filters {
    pub(crate) fn new(fields: &Fields) -> Filters {
        Filters { fields: *fields }
    }

    /// The single term an id or citation filter looks up.
    pub(crate) fn term(&self, item: &Item) -> Option<Term> {
        let f = &self.fields;
        match item {
            Item::Id(id) => Some(Term::from_field_text(f.id, &id.to_string())),
            Item::Cites(id) => Some(Term::from_field_text(f.cites, &id.to_string())),
            Item::Indiener(key) => Some(Term::from_field_text(f.people, key)),
            Item::Key(key) => Some(Term::from_field_text(f.key, key)),
            Item::Speaker(key) => Some(Term::from_field_text(f.speakers, key)),
            Item::Party(key) => Some(Term::from_field_text(f.parties, key)),
            _ => None,
        }
    }

    /// A metadata item as an unscored filter. Words, phrases and ids among words are no
    /// filters: they match nothing here.
    pub(crate) fn item(&self, item: &Item) -> Box<dyn Query> {
        let f = &self.fields;
        let basic =
            |t: Term| Box::new(TermQuery::new(t, IndexRecordOption::Basic)) as Box<dyn Query>;
        if let Some(term) = self.term(item) {
            return basic(term);
        }
        match item {
            // A type also takes in its variants: "motie" finds "gewijzigde motie" too.
            Item::Type(t) => {
                let variant = format!(" {t}");
                let mut types: Vec<Box<dyn Query>> = known_types()
                    .into_iter()
                    .filter(|k| k == t || k.ends_with(&variant))
                    .map(|k| basic(Term::from_field_text(f.doc_type, k)))
                    .collect();
                if types.len() == 1 {
                    return types.pop().expect("one type");
                }
                Box::new(BooleanQuery::new(
                    types.into_iter().map(|q| (Occur::Should, q)).collect(),
                ))
            }
            Item::Dates(from, to) => self.dates(*from, *to),
            Item::Dossier(d) => match d.parse::<u64>() {
                Ok(n) => basic(Term::from_field_u64(f.dossier_number, n)),
                Err(_) => basic(Term::from_field_text(f.dossier, d)),
            },
            _ => Box::new(EmptyQuery),
        }
    }

    /// The options' filters (dossier, type, indiener, dates) as queries; an error naming the
    /// option whose value is not valid.
    pub(crate) fn options(&self, o: &SearchOptions) -> Result<Vec<Box<dyn Query>>> {
        let mut out = Vec::new();
        if let Some(d) = &o.dossier {
            let key = parse_dossier_key(d).ok_or_else(|| Error::InvalidArgument {
                what: "dossier",
                value: d.clone(),
                hint: Some("expected a dossier such as 33750, 33750-IV or \"33 750 IV\"".into()),
            })?;
            out.push(self.item(&Item::Dossier(key)));
        }
        if let Some(t) = &o.doc_type {
            let t = normalize_type(t).ok_or_else(|| Error::InvalidArgument {
                what: "type",
                value: t.clone(),
                hint: Some(format!("known types: {}", known_types().join(", "))),
            })?;
            out.push(self.item(&Item::Type(t.to_string())));
        }
        if let Some(name) = &o.indiener {
            let item = super::named::indiener_item(name).ok_or_else(|| Error::InvalidArgument {
                what: "indiener",
                value: name.clone(),
                hint: Some("expected a member's name, such as Kröger or \"van der Plas\"".into()),
            })?;
            out.push(self.item(&item));
        }
        if let Some(party) = &o.partij {
            let item = super::named::party_item(party).ok_or_else(|| Error::InvalidArgument {
                what: "partij",
                value: party.clone(),
                hint: Some("expected a party, such as VVD or GroenLinks-PvdA".into()),
            })?;
            out.push(self.item(&item));
        }
        if o.from.is_some() || o.to.is_some() {
            if let (Some(a), Some(b)) = (o.from, o.to) {
                if a > b {
                    return Err(Error::InvalidArgument {
                        what: "date range",
                        value: format!("{a} to {b}"),
                        hint: Some("--from must not be after --to".into()),
                    });
                }
            }
            out.push(self.dates(o.from, o.to));
        }
        if let Some(id) = &o.cites {
            let id = id.parse().map_err(|_| Error::InvalidArgument {
                what: "cites",
                value: id.clone(),
                hint: Some(
                    "expected a Kamerstuk id, such as 36600-XVI-12 or kst-36600-XVI-12".into(),
                ),
            })?;
            out.push(self.item(&Item::Cites(id)));
        }
        if o.since.is_some() || o.until.is_some() {
            let moment = |t: Timestamp| Term::from_field_u64(self.fields.changed, t.as_millis());
            let lo = o
                .since
                .map_or(Bound::Unbounded, |t| Bound::Included(moment(t)));
            let hi = o
                .until
                .map_or(Bound::Unbounded, |t| Bound::Included(moment(t)));
            out.push(Box::new(RangeQuery::new(lo, hi)));
        }
        Ok(out)
    }

    /// The documents dated from `from` to `to`, both included; an open end is open.
    fn dates(&self, from: Option<Date>, to: Option<Date>) -> Box<dyn Query> {
        let field = self.fields.date;
        let date = |d: Date| Term::from_field_u64(field, d.as_number());
        // Documents without a date (stored as none) stay out of any range.
        let lo = Bound::Included(from.map_or(Term::from_field_u64(field, 1), date));
        let hi = to.map_or(Bound::Unbounded, |d| Bound::Included(date(d)));
        Box::new(RangeQuery::new(lo, hi))
    }
}
