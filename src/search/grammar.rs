//! How a query's tokens combine: `OR` joins first, then `AND`; words side by side rank;
//! parentheses group. What comes out is a [`ParsedQuery`]: slots to rank, the slots a document
//! must match, the items it must not, and, for groups that hold operators, the [`Condition`]s a
//! document must satisfy.
//!
//! Inside parentheses words mean what they mean outside: side by side they rank (a document
//! needs one of them), and `AND`, `+`, `NOT` and `-` hold. A group without those ranks like its
//! words (`(asiel OR migratie) Curacao` is `asiel OR migratie Curacao`); a group that holds one,
//! or that `AND`, `+`, `NOT` or `-` applies to, is a condition:
//! `(stikstof AND boeren) OR landbouw`, `klimaat NOT (stikstof OR boeren)`.

use super::item::{Condition, Item, ParsedQuery};
use crate::{Error, Result};

/// A token of the query language.
#[derive(Debug)]
pub(super) enum Tok {
    Or,
    And,
    /// `+` before an item or group: it is required.
    Must,
    /// An item, excluded when the flag is set.
    Item(bool, Item),
    /// `(`, its group excluded when the flag is set.
    Open(bool),
    Close,
}

/// One part of a sequence: alternatives joined by `OR`, and what the operators say of it.
struct Term {
    negated: bool,
    required: bool,
    alternatives: Vec<Part>,
}

enum Part {
    Item(Item),
    Group(Vec<Term>),
}

/// Parses tokens (with balanced parentheses) into a query.
pub(super) fn parse(tokens: &[Tok]) -> Result<ParsedQuery> {
    let mut at = 0;
    let terms = sequence(tokens, &mut at)?;
    let mut query = ParsedQuery::default();
    for term in terms {
        lower(term, &mut query);
    }
    if query.slots.is_empty() {
        return Err(Error::Query(
            "nothing to search for: a query of only exclusions (-word) matches nothing; add a word"
                .into(),
        ));
    }
    Ok(query)
}

/// Drops the parentheses that have no partner: in pasted text they are punctuation
/// ("a) de regering"), not a group.
pub(super) fn balance(tokens: Vec<Tok>) -> Vec<Tok> {
    let mut open = Vec::new();
    let mut keep = vec![true; tokens.len()];
    for (i, tok) in tokens.iter().enumerate() {
        match tok {
            Tok::Open(_) => open.push(i),
            Tok::Close if open.pop().is_none() => keep[i] = false,
            _ => {}
        }
    }
    for i in open {
        keep[i] = false;
    }
    let mut negate_next = false;
    let mut out = Vec::with_capacity(tokens.len());
    for (tok, keep) in tokens.into_iter().zip(keep) {
        match (tok, keep) {
            // A lone "-(" or "NOT (" still excludes what follows.
            (Tok::Open(negated), false) => negate_next |= negated,
            (_, false) => {}
            (Tok::Item(negated, item), true) => {
                out.push(Tok::Item(negated || std::mem::take(&mut negate_next), item))
            }
            (Tok::Open(negated), true) => {
                out.push(Tok::Open(negated || std::mem::take(&mut negate_next)))
            }
            (tok, true) => out.push(tok),
        }
    }
    out
}

/// Parses terms up to the `)` that closes the group (consumed) or the end.
fn sequence(tokens: &[Tok], at: &mut usize) -> Result<Vec<Term>> {
    let mut terms: Vec<Term> = Vec::new();
    let (mut join_next, mut require_next) = (false, false);
    let is_part = |tok: Option<&Tok>| matches!(tok, Some(Tok::Item(..) | Tok::Open(_)));
    let is_negated = |tok: Option<&Tok>| matches!(tok, Some(Tok::Item(true, _) | Tok::Open(true)));
    while let Some(tok) = tokens.get(*at) {
        let i = *at;
        *at += 1;
        match tok {
            Tok::Close => break,
            Tok::And => {
                if terms.is_empty() || join_next || !is_part(tokens.get(i + 1)) {
                    return Err(Error::Query(
                        "AND needs something on both sides, as in: asiel AND migratie".into(),
                    ));
                }
                let last = terms.last_mut().expect("checked above");
                last.required |= !last.negated;
                require_next = true;
            }
            Tok::Must => require_next = true,
            Tok::Or => {
                if terms.is_empty() || join_next || !is_part(tokens.get(i + 1)) {
                    return Err(Error::Query(
                        "OR needs something on both sides, as in: asiel OR migratie".into(),
                    ));
                }
                if is_negated(tokens.get(i + 1)) || terms.last().is_some_and(|t| t.negated) {
                    return Err(Error::Query(
                        "an excluded term (-word) cannot be part of OR".into(),
                    ));
                }
                join_next = true;
            }
            Tok::Item(negated, _) | Tok::Open(negated) => {
                let part = match tok {
                    Tok::Item(_, item) => Part::Item(item.clone()),
                    _ => {
                        let inner = sequence(tokens, at)?;
                        if inner.is_empty() {
                            return Err(Error::Query(
                                "an empty group () searches for nothing".into(),
                            ));
                        }
                        Part::Group(inner)
                    }
                };
                let required = std::mem::take(&mut require_next) && !negated;
                if join_next {
                    terms
                        .last_mut()
                        .expect("checked above")
                        .alternatives
                        .push(part);
                    join_next = false;
                } else {
                    terms.push(Term {
                        negated: *negated,
                        required: false,
                        alternatives: vec![part],
                    });
                }
                terms.last_mut().expect("just pushed").required |= required;
            }
        }
    }
    Ok(terms)
}

/// Adds a top-level term to the query.
fn lower(term: Term, query: &mut ParsedQuery) {
    if let Some(items) = flat_items(&term.alternatives) {
        if term.negated {
            // NOT (a OR b) leaves out the documents with a and those with b.
            query.excluded.extend(items);
        } else {
            query.slots.push(items);
            if term.required {
                query.required.push(query.slots.len() - 1);
            }
        }
        return;
    }
    let strict = term.negated || term.required || term.alternatives.iter().any(Part::is_strict);
    if !term.negated {
        // The words rank; where the group is a condition its metadata filters are in it.
        let mut leaves = Vec::new();
        for part in &term.alternatives {
            part.positive_leaves(&mut leaves);
        }
        for item in leaves {
            if !(strict && item.is_filter()) {
                if strict {
                    query.of_conditions.push(query.slots.len());
                }
                query.slots.push(vec![item]);
            }
        }
    }
    if strict {
        query.conditions.push(term.condition());
    }
}

/// The items of alternatives that are items, or groups of one plain term of items, at any
/// depth: `(a OR (b OR c))` is `a OR b OR c`.
fn flat_items(alternatives: &[Part]) -> Option<Vec<Item>> {
    let mut out = Vec::new();
    for part in alternatives {
        match part {
            Part::Item(item) => out.push(item.clone()),
            Part::Group(terms) => match terms.as_slice() {
                [t] if !t.negated && !t.required => out.extend(flat_items(&t.alternatives)?),
                _ => return None,
            },
        }
    }
    Some(out)
}

impl Part {
    /// Whether an operator inside the part must hold.
    fn is_strict(&self) -> bool {
        match self {
            Part::Item(_) => false,
            Part::Group(terms) => terms
                .iter()
                .any(|t| t.negated || t.required || t.alternatives.iter().any(Part::is_strict)),
        }
    }

    /// The items a matching document may contain, not those it must not.
    fn positive_leaves(&self, out: &mut Vec<Item>) {
        match self {
            Part::Item(item) => out.push(item.clone()),
            Part::Group(terms) => {
                for term in terms.iter().filter(|t| !t.negated) {
                    for part in &term.alternatives {
                        part.positive_leaves(out);
                    }
                }
            }
        }
    }

    fn condition(&self) -> Condition {
        match self {
            Part::Item(item) => Condition::Item(item.clone()),
            Part::Group(terms) => {
                // As at the top: every required term, else one of the ranked ones; none of
                // the excluded.
                let (mut all, mut some) = (Vec::new(), Vec::new());
                for term in terms {
                    match term.negated || term.required {
                        true => all.push(term.condition()),
                        false => some.push(term.condition()),
                    }
                }
                if !terms.iter().any(|t| t.required) && !some.is_empty() {
                    all.push(one_or(some, Condition::Any));
                }
                one_or(all, Condition::All)
            }
        }
    }
}

impl Term {
    fn condition(&self) -> Condition {
        let either = one_or(
            self.alternatives.iter().map(Part::condition).collect(),
            Condition::Any,
        );
        match self.negated {
            true => Condition::Not(Box::new(either)),
            false => either,
        }
    }
}

/// The one condition, or several joined by `join`.
fn one_or(mut conditions: Vec<Condition>, join: fn(Vec<Condition>) -> Condition) -> Condition {
    match conditions.len() {
        1 => conditions.pop().expect("one"),
        _ => join(conditions),
    }
}

#[cfg(test)]
mod tests {
    use super::super::query::parse_query;
    use super::*;

    fn word(w: &str) -> Item {
        Item::Word(w.into())
    }

    fn has(w: &str) -> Condition {
        Condition::Item(word(w))
    }

    #[test]
    fn a_group_without_operators_ranks_like_its_words() {
        for (grouped, plain) in [
            ("(asiel OR migratie) Curacao", "asiel OR migratie Curacao"),
            ("(asiel migratie) Curacao", "asiel migratie Curacao"),
            (
                "(asiel OR (migratie OR vluchtelingen))",
                "asiel OR migratie OR vluchtelingen",
            ),
            (
                "klimaat NOT (stikstof OR boeren)",
                "klimaat -stikstof -boeren",
            ),
            (
                "+(type:motie OR type:brief) stikstof",
                "+type:motie OR type:brief stikstof",
            ),
            ("(Joodse) studenten", "Joodse studenten"),
        ] {
            assert_eq!(
                parse_query(grouped).unwrap(),
                parse_query(plain).unwrap(),
                "{grouped}"
            );
        }
    }

    #[test]
    fn a_group_with_operators_is_a_condition() {
        let q = parse_query("(stikstof AND boeren) OR landbouw").unwrap();
        assert_eq!(
            q.conditions,
            [Condition::Any(vec![
                Condition::All(vec![has("stikstof"), has("boeren")]),
                has("landbouw")
            ])]
        );
        // Every word ranks, but the condition says what a document must have.
        assert_eq!(
            q.slots,
            [
                vec![word("stikstof")],
                vec![word("boeren")],
                vec![word("landbouw")]
            ]
        );
        assert_eq!(q.of_conditions, [0, 1, 2]);
        assert!(q.required.is_empty() && q.excluded.is_empty());

        let q = parse_query("-(asiel AND migratie) opvang").unwrap();
        assert_eq!(
            q.conditions,
            [Condition::Not(Box::new(Condition::All(vec![
                has("asiel"),
                has("migratie")
            ])))]
        );
        assert_eq!(q.slots, [vec![word("opvang")]]);

        // Words side by side in a group need one of them, as at the top; NOT holds.
        let q = parse_query("(asiel opvang NOT migratie)").unwrap();
        assert_eq!(
            q.conditions,
            [Condition::All(vec![
                Condition::Not(Box::new(has("migratie"))),
                Condition::Any(vec![has("asiel"), has("opvang")]),
            ])]
        );
        // A required group's metadata filters are in its condition, not in a slot.
        let q = parse_query("+(type:motie asiel) opvang").unwrap();
        assert_eq!(q.slots, [vec![word("asiel")], vec![word("opvang")]]);
        assert_eq!(q.conditions.len(), 1);
    }

    #[test]
    fn a_parenthesis_without_a_partner_is_punctuation() {
        let words = |q: &str| parse_query(q).unwrap().slots.concat();
        assert_eq!(
            words("a) de regering"),
            [word("a"), word("de"), word("regering")]
        );
        assert_eq!(
            words("(lid 2 stikstof"),
            [word("lid"), word("2"), word("stikstof")]
        );
        assert_eq!(
            words("elektr(on)ische apparaten"),
            [word("elektr(on)ische"), word("apparaten")]
        );
        // A dangling "-(" still excludes what follows.
        assert_eq!(
            parse_query("asiel -(migratie").unwrap().excluded,
            [word("migratie")]
        );
    }

    #[test]
    fn groups_refused_with_a_reason() {
        for (q, needle) in [
            ("() asiel", "empty group"),
            ("(OR asiel) migratie", "both sides"),
            ("asiel OR -(migratie)", "cannot be part of OR"),
            ("-(asiel AND migratie)", "nothing to search for"),
        ] {
            let err = parse_query(q).unwrap_err().to_string();
            assert!(err.contains(needle), "{q}: {err}");
        }
    }
}
