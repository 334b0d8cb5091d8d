//! The tantivy schema: one tantivy document per passage, each carrying its parent's metadata.

use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST,
    INDEXED, STORED, STRING,
};

use crate::analysis::{EXACT, PARTS, STEMMED};

/// Bump when the schema or the analysis changes in a way old indexes cannot serve.
pub const SCHEMA_VERSION: u32 = 9;

/// Handles to every field of the schema.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// The document key (canonical id, or `path:<path>`); identical on all its passages.
    pub key: Field,
    /// Canonical Kamerstuk id.
    pub id: Field,
    /// Source path.
    pub path: Field,
    /// Date as `YYYYMMDD`, for range filters and sorting.
    pub date: Field,
    /// Normalized type (also a fast field, to count documents by).
    pub doc_type: Field,
    /// Dossier key with suffix (`33750-IV`; also a fast field).
    pub dossier: Field,
    /// Dossier number alone (`33750`), so a filter without suffix finds every chapter.
    pub dossier_number: Field,
    /// Title, stemmed.
    pub title: Field,
    /// Dossier title, stemmed.
    pub dossier_title: Field,
    /// Passage text, stemmed (without positions).
    pub body: Field,
    /// Passage text, unstemmed with positions, for phrases.
    pub body_exact: Field,
    /// Parts of the compounds in the passage, stemmed.
    pub body_parts: Field,
    /// The abbreviations the passage defines, both ways ("NCG" and "nationaal coördinator
    /// Groningen"), as `analysis::definitions` finds them.
    pub abbreviations: Field,
    /// Passage number within the document.
    pub passage: Field,
    /// Source line where the passage starts.
    pub line: Field,
    /// Length of the passage in bytes: ties in score go to the shorter passage, as BM25 with
    /// exact lengths would rank them (tantivy stores lengths in coarse buckets).
    pub length: Field,
    /// A hash of the key, to group passages by document quickly.
    pub doc_hash: Field,
    /// Set on the first passage of each document only: one tantivy document per Kamerstuk.
    pub first: Field,
    /// The full metadata as JSON (first passage only).
    pub meta: Field,
    /// Canonical ids the document cites (on every passage).
    pub cites: Field,
    /// The document's official citation, stored on every passage for the hits that show it.
    pub citation: Field,
    /// The keys of the members who submitted the document (`van der plas`, `plas`), on every
    /// passage.
    pub people: Field,
    /// The members who submitted it, by name (`Van der Plas`), to count documents by.
    pub indiener_names: Field,
    /// The keys of the speakers of a meeting report.
    pub speakers: Field,
    /// The parties its speakers speak for and its submitters' parties, folded
    /// (`groenlinks-pvda`), to filter by.
    pub parties: Field,
    /// The same parties as written (`GroenLinks-PvdA`), to count documents by.
    pub party_names: Field,
    /// When the document entered the index, in milliseconds since 1970.
    pub added: Field,
    /// When it last changed in the index (entered it, or its text or metadata changed), in
    /// milliseconds since 1970: what `--since` and watches filter on. All documents a commit
    /// writes have the same value, and a later commit's is greater.
    pub changed: Field,
}

impl Fields {
    /// Builds the schema and the field handles.
    pub fn build() -> (Schema, Fields) {
        let mut b = Schema::builder();
        // Positions only where phrases are asked of a field: the title (a hyphenated word is a
        // phrase there) and the exact text. The stemmed passage text is the largest field and
        // is only ever scored term by term.
        let stemmed = |stored: bool, positions: bool| {
            let o = TextOptions::default().set_indexing_options(
                TextFieldIndexing::default()
                    .set_tokenizer(STEMMED)
                    .set_index_option(if positions {
                        IndexRecordOption::WithFreqsAndPositions
                    } else {
                        IndexRecordOption::WithFreqs
                    }),
            );
            if stored {
                o.set_stored()
            } else {
                o
            }
        };
        let exact = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(EXACT)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        );
        let parts = TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(PARTS)
                .set_index_option(IndexRecordOption::WithFreqs),
        );
        let u64_fast = NumericOptions::default()
            .set_fast()
            .set_indexed()
            .set_stored();
        let fields = Fields {
            key: b.add_text_field("key", STRING | STORED),
            id: b.add_text_field("id", STRING | STORED),
            path: b.add_text_field("path", STRING | STORED),
            date: b.add_u64_field("date", u64_fast.clone()),
            doc_type: b.add_text_field("type", STRING | STORED | FAST),
            dossier: b.add_text_field("dossier", STRING | STORED | FAST),
            dossier_number: b.add_u64_field("dossier_number", INDEXED),
            title: b.add_text_field("title", stemmed(true, true)),
            dossier_title: b.add_text_field("dossier_title", stemmed(false, false)),
            body: b.add_text_field("body", stemmed(true, false)),
            body_exact: b.add_text_field("body_exact", exact),
            body_parts: b.add_text_field("body_parts", parts),
            abbreviations: b.add_text_field("abbreviations", STRING),
            passage: b.add_u64_field("passage", u64_fast.clone()),
            line: b.add_u64_field("line", STORED),
            length: b.add_u64_field("length", FAST),
            doc_hash: b.add_u64_field("doc_hash", FAST | INDEXED),
            first: b.add_u64_field("first", INDEXED),
            meta: b.add_text_field("meta", STORED),
            cites: b.add_text_field("cites", STRING),
            citation: b.add_text_field("citation", STORED),
            people: b.add_text_field("people", STRING),
            indiener_names: b
                .add_text_field("indiener_names", TextOptions::default().set_fast("raw")),
            speakers: b.add_text_field("speakers", STRING),
            parties: b.add_text_field("parties", STRING),
            party_names: b.add_text_field("party_names", TextOptions::default().set_fast("raw")),
            added: b.add_u64_field("added", FAST | STORED),
            changed: b.add_u64_field("changed", u64_fast),
        };
        (b.build(), fields)
    }

    /// The indexed fields every passage of a document carries with the same value.
    pub(crate) fn whole_document(&self) -> [Field; 7] {
        [
            self.id,
            self.title,
            self.dossier_title,
            self.cites,
            self.people,
            self.speakers,
            self.parties,
        ]
    }

    /// The field handles of an index opened from disk, checked against this version's schema.
    pub fn from_schema(schema: &Schema) -> Option<Fields> {
        let (expected, fields) = Fields::build();
        (schema == &expected).then_some(fields)
    }
}
