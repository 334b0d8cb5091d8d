//! The search page and the document page: server-rendered HTML in Dutch, usable without
//! JavaScript. The query, the filters and the order are form fields sent with GET, so that
//! every state of the page is a URL. maud escapes every value it is given.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};

use super::params::SearchParams;
use super::{api, Failure};
use crate::index::StoredDocument;
use crate::search::{excerpt, SearchOptions};
use crate::{Hit, SearchResults};

/// The stylesheet, small and part of the program.
const STYLE: &str = include_str!("style.css");

/// Characters of a passage shown in a hit, around its first marked word.
const EXCERPT_CHARS: usize = 420;

/// `GET /style.css`.
pub(super) async fn style() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], STYLE)
}

/// Any other path: a page that says so.
pub(super) async fn not_found() -> Response {
    let body = html! {
        h1 { "Niet gevonden" }
        p { "Deze pagina bestaat niet. " a href="/" { "Naar het zoekscherm" } "." }
    };
    (StatusCode::NOT_FOUND, page("Niet gevonden", body)).into_response()
}

/// `GET /?q=...`: the form, and the results when something was asked.
pub(super) async fn search(
    State(state): State<super::State>,
    query: Result<Query<SearchParams>, QueryRejection>,
) -> Response {
    let params = match api::params(query) {
        Ok(p) => p,
        Err(f) => return failed(&SearchParams::default(), f),
    };
    if !params.asks() {
        return page("kamerzoek", html! { (heading()) (form(&params)) }).into_response();
    }
    let options = match params.options(state.limits.page) {
        Ok(o) => o,
        Err(f) => return failed(&params, f),
    };
    let text = params.query().to_string();
    let shown = options.clone();
    match state.run(move |index| index.search(&text, &shown)).await {
        Ok(results) => {
            let title = match params.query() {
                "" => "Zoekresultaten".to_string(),
                q => format!("{q}: zoekresultaten"),
            };
            let body = html! {
                (heading())
                (form(&params))
                (result_list(&results, &params, &options))
            };
            page(&title, body).into_response()
        }
        Err(f) => failed(&params, f),
    }
}

/// The search page with the form as it was filled in and what went wrong.
fn failed(params: &SearchParams, failure: Failure) -> Response {
    let body = html! {
        (heading())
        (form(params))
        p.error role="alert" { (failure.message()) }
    };
    (failure.status(), page("Fout", body)).into_response()
}

fn heading() -> Markup {
    html! { h1 { "Zoeken in Kamerstukken" } }
}

/// The form: every field labelled, every value as it was given.
fn form(p: &SearchParams) -> Markup {
    let value = |v: &Option<String>| v.clone().unwrap_or_default();
    let field = |name: &str, label: &str, v: &Option<String>, hint: &str| {
        html! {
            p.field {
                label for=(name) { (label) }
                input type="text" id=(name) name=(name) value=(value(v)) placeholder=(hint);
            }
        }
    };
    let by_date = p.sort.as_deref() == Some("date");
    html! {
        form method="get" action="/" role="search" {
            p.query {
                label for="q" { "Zoekvraag" }
                input type="search" id="q" name="q" value=(value(&p.q)) maxlength="16384";
                button type="submit" { "Zoeken" }
            }
            details open[has_filters(p)] {
                summary { "Filters en volgorde" }
                fieldset {
                    legend { "Alleen documenten" }
                    (field("dossier", "uit dossier", &p.dossier, "36600-XVI"))
                    (field("type", "van soort", &p.doc_type, "motie"))
                    (field("indiener", "ingediend door", &p.indiener, "Kröger"))
                    (field("partij", "van partij", &p.partij, "VVD"))
                    (field("cites", "die verwijzen naar", &p.cites, "28638-115"))
                    (field("from", "gedateerd vanaf", &p.from, "2015-01-01"))
                    (field("to", "gedateerd tot en met", &p.to, "2015-12-31"))
                    (field("since", "nieuw in de index sinds", &p.since, "7d"))
                }
                p.field {
                    label for="sort" { "Volgorde" }
                    select id="sort" name="sort" {
                        option value="relevance" selected[!by_date] { "beste eerst" }
                        option value="date" selected[by_date] { "nieuwste eerst" }
                    }
                }
            }
        }
    }
}

fn has_filters(p: &SearchParams) -> bool {
    [
        &p.dossier,
        &p.doc_type,
        &p.indiener,
        &p.partij,
        &p.cites,
        &p.from,
        &p.to,
        &p.since,
    ]
    .iter()
    .any(|v| v.as_deref().is_some_and(|v| !v.trim().is_empty()))
        || p.sort.as_deref() == Some("date")
}

/// The hits of one page, as the command line shows them, and the links to the other pages.
fn result_list(r: &SearchResults, p: &SearchParams, o: &SearchOptions) -> Markup {
    let first = o.offset + 1;
    let last = (o.offset + o.limit).min(r.total);
    let count = match r.total {
        1 => "1 document".to_string(),
        n => format!("{n} documenten"),
    };
    html! {
        h2 { (count) @if r.total > 0 && first <= last { ", " (first) "–" (last) " getoond" } }
        @if r.total > r.every && r.every > 0 {
            p.note { (r.every) " bevatten de hele zoekvraag; de andere een deel ervan." }
        }
        @if r.hits.is_empty() && r.total == 0 {
            p { "Geen documenten gevonden." }
        }
        ol.hits start=(first) {
            @for passages in r.hits.chunk_by(|a, b| a.rank == b.rank) {
                li { (hit_card(passages)) }
            }
        }
        (pages(r.total, p, o))
    }
}

/// One document of the results with its passages (one or more hits of one rank).
fn hit_card(passages: &[Hit]) -> Markup {
    let hit = &passages[0];
    let name = hit
        .id
        .clone()
        .unwrap_or_else(|| file_name(&hit.path, &hit.key));
    let meta: Vec<String> = [
        hit.date.map(|d| d.to_string()),
        hit.doc_type.clone(),
        hit.dossier.as_ref().map(|d| format!("dossier {d}")),
    ]
    .into_iter()
    .flatten()
    .collect();
    html! {
        article {
            h3 {
                a href=(document_link(&hit.key)) { (name) }
                @if let Some(t) = &hit.title { " " span.title { (t) } }
            }
            p.meta { (meta.join(" · ")) }
            @for passage in passages {
                p.passage { (marked(passage)) }
            }
            @if let Some(c) = &hit.citation { p.citation { (c) } }
        }
    }
}

/// A file name to call a document without an id by.
fn file_name(path: &std::path::Path, key: &str) -> String {
    path.file_name()
        .map_or_else(|| key.to_string(), |n| n.to_string_lossy().into_owned())
}

/// A passage, cut around its first match, with the matched words marked.
fn marked(hit: &Hit) -> Markup {
    let (text, marks) = excerpt(&hit.text.replace('\n', " "), &hit.highlights, EXCERPT_CHARS);
    // Plain and marked stretches in turn.
    let mut pieces: Vec<(&str, bool)> = Vec::new();
    let mut at = 0;
    for m in marks.iter().filter(|m| m.end <= text.len()) {
        if m.start >= at {
            pieces.push((&text[at..m.start], false));
            pieces.push((&text[m.clone()], true));
            at = m.end;
        }
    }
    pieces.push((&text[at..], false));
    html! {
        @for (piece, is_match) in pieces {
            @if is_match { mark { (piece) } } @else { (piece) }
        }
    }
}

/// The links to the previous and next pages.
fn pages(total: usize, p: &SearchParams, o: &SearchOptions) -> Markup {
    let limit = o.limit.max(1);
    let page = o.offset / limit + 1;
    let count = total.div_ceil(limit).max(1);
    html! {
        @if count > 1 {
            nav.pages aria-label="Pagina's" {
                @if o.offset > 0 {
                    a rel="prev" href={ "/?" (p.with_offset(o.offset.saturating_sub(limit))) } { "← Vorige" }
                }
                span { "Pagina " (page) " van " (count) }
                @if o.offset + limit < total {
                    a rel="next" href={ "/?" (p.with_offset(o.offset + limit)) } { "Volgende →" }
                }
            }
        }
    }
}

/// The page of a document, by its key (as the links of the results give it) or its id.
pub(super) fn document_link(key: &str) -> String {
    let encoded: String = url::form_urlencoded::byte_serialize(key.as_bytes()).collect();
    format!("/document/{}", encoded.replace('+', "%20"))
}

/// `GET /document/{key}`: metadata, where each field came from, what it cites and what
/// cites it, and the clean text.
pub(super) async fn document(
    State(state): State<super::State>,
    Path(key): Path<String>,
) -> Response {
    let wanted = key.clone();
    let found = state
        .run(move |index| {
            let Some(doc) = index.get(&wanted)? else {
                return Ok(None);
            };
            let citing = match &doc.id {
                Some(id) => index.cited_by(id).unwrap_or_default(),
                None => Vec::new(),
            };
            Ok(Some((doc, citing)))
        })
        .await;
    match found {
        Ok(Some((doc, citing))) => {
            let title = doc.title.clone().or(doc.id.clone()).unwrap_or(key);
            page(&title, document_body(&doc, &citing)).into_response()
        }
        Ok(None) => {
            let body = html! {
                h1 { "Niet gevonden" }
                p { "Er is geen document " q { (key) } " in de index. " a href="/" { "Zoeken" } }
            };
            (StatusCode::NOT_FOUND, page("Niet gevonden", body)).into_response()
        }
        Err(f) => failed(&SearchParams::default(), f),
    }
}

fn document_body(d: &StoredDocument, citing: &[StoredDocument]) -> Markup {
    let source = |field: &str| d.sources.get(field).map(|s| s.to_string());
    let rows: Vec<(&str, Option<String>, &str)> = vec![
        ("Kamerstuk", d.id.clone(), "id"),
        ("Datum", d.date.map(|x| x.to_string()), "date"),
        ("Soort", d.doc_type.clone(), "type"),
        ("Dossier", d.dossier.clone(), "dossier"),
        (
            "Titel van het dossier",
            d.dossier_title.clone(),
            "dossier_title",
        ),
        ("Vergaderjaar", d.vergaderjaar.clone(), "vergaderjaar"),
        ("Indieners", Some(d.indieners.join(", ")), "indieners"),
        ("Partijen", Some(d.parties.join(", ")), "parties"),
        ("Kenmerk", d.kenmerk.clone(), "kenmerk"),
        ("Afzender", d.afzender.clone(), "afzender"),
        ("Vindplaats", d.citation.clone(), "citation"),
        ("SGD-id", d.sgd_id.clone(), "sgd_id"),
    ];
    let paragraphs: Vec<&str> = d
        .text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect();
    html! {
        p.back { a href="/" { "← Zoeken" } }
        h1 { (d.title.clone().or(d.id.clone()).unwrap_or(d.key.clone())) }
        h2 { "Gegevens" }
        dl.fields {
            @for (label, value, field) in rows {
                @if let Some(v) = value.filter(|v| !v.is_empty()) {
                    dt { (label) }
                    dd {
                        (v)
                        @if let Some(s) = source(field) { " " span.source { "(bron: " (s) ")" } }
                    }
                }
            }
            @if let Some(id) = &d.id {
                dt { "Officiële publicatie" }
                dd { a href=(crate::meta::official_url(id)) { (crate::meta::official_url(id)) } }
            }
            dt { "Bestand" }
            dd { code { (d.path.display()) } }
        }
        h2 { "Verwijst naar" }
        @if d.cites.is_empty() {
            p { "Geen Kamerstukken." }
        } @else {
            ul.links { @for id in &d.cites { li { a href=(document_link(id)) { (id) } } } }
        }
        h2 { "Wordt geciteerd door" }
        @if citing.is_empty() {
            p { "Geen documenten in de index." }
        } @else {
            ul.links.cited-by {
                @for c in citing {
                    li {
                        a href=(document_link(&c.key)) { (c.id.clone().unwrap_or_else(|| file_name(&c.path, &c.key))) }
                        @if let Some(t) = &c.title { " " (t) }
                    }
                }
            }
        }
        h2 { "Tekst" }
        section.text { @for p in paragraphs { p { (p) } } }
    }
}

/// A whole page around `body`.
fn page(title: &str, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="nl" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " – kamerzoek" }
                link rel="stylesheet" href="/style.css";
            }
            body {
                header { a.home href="/" { "kamerzoek" } }
                main { (body) }
            }
        }
    }
}
