//! The lookup tables of a manifest: sorted (hash, offset of the record) pairs by path, by
//! document key, by text and by shadowed key, written after the records and read whole.

use std::io::Write;

use super::{key_id, path_id, SourceFile};

/// What a tables file begins with.
const MAGIC: &[u8; 8] = b"KZMANIF1";

/// Sorted (hash, offset of the record) pairs.
#[derive(Debug, Default)]
pub(super) struct Tables {
    pub(super) paths: Vec<(u128, u64)>,
    pub(super) keys: Vec<(u64, u64)>,
    pub(super) texts: Vec<(u64, u64)>,
    pub(super) shadows: Vec<(u64, u64)>,
}

/// A lookup by the hash of a document's key or of its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lookup {
    Key,
    Text,
}

impl Tables {
    pub(super) fn of(&self, lookup: Lookup) -> &[(u64, u64)] {
        match lookup {
            Lookup::Key => &self.keys,
            Lookup::Text => &self.texts,
        }
    }

    pub(super) fn add(&mut self, source: &SourceFile, offset: u64) {
        self.paths.push((path_id(&source.path), offset));
        for d in &source.documents {
            self.keys.push((key_id(&d.key), offset));
            if d.text_hash != 0 {
                self.texts.push((d.text_hash, offset));
            }
        }
        for k in &source.shadowed {
            self.shadows.push((key_id(k), offset));
        }
    }

    pub(super) fn sort(&mut self) {
        self.paths.sort_unstable();
        self.keys.sort_unstable();
        self.texts.sort_unstable();
        self.shadows.sort_unstable();
    }

    pub(super) fn write(&self, out: &mut impl Write) -> std::io::Result<()> {
        out.write_all(MAGIC)?;
        for n in [
            self.paths.len(),
            self.keys.len(),
            self.texts.len(),
            self.shadows.len(),
        ] {
            out.write_all(&(n as u64).to_le_bytes())?;
        }
        for (id, off) in &self.paths {
            out.write_all(&id.to_le_bytes())?;
            out.write_all(&off.to_le_bytes())?;
        }
        for table in [&self.keys, &self.texts, &self.shadows] {
            for (id, off) in table {
                out.write_all(&id.to_le_bytes())?;
                out.write_all(&off.to_le_bytes())?;
            }
        }
        Ok(())
    }

    pub(super) fn read(bytes: &[u8]) -> Option<Tables> {
        let rest = bytes.strip_prefix(MAGIC)?;
        let word = |i: usize| -> Option<u64> {
            let b = rest.get(i * 8..i * 8 + 8)?;
            Some(u64::from_le_bytes(b.try_into().ok()?))
        };
        let count = |i| word(i).and_then(|n| usize::try_from(n).ok());
        let (paths, keys, texts, shadows) = (count(0)?, count(1)?, count(2)?, count(3)?);
        let pairs = keys.checked_add(texts)?.checked_add(shadows)?;
        let words = paths.checked_mul(3)?.checked_add(pairs.checked_mul(2)?)?;
        if rest.len() != words.checked_add(4)?.checked_mul(8)? {
            return None;
        }
        let mut at = 4;
        let mut next = || {
            at += 1;
            word(at - 1).unwrap_or_default()
        };
        let paths = (0..paths)
            .map(|_| {
                let (lo, hi) = (next(), next());
                ((u128::from(hi) << 64) | u128::from(lo), next())
            })
            .collect();
        let mut pairs = |n: usize| (0..n).map(|_| (next(), next())).collect::<Vec<_>>();
        let (keys, texts, shadows) = (pairs(keys), pairs(texts), pairs(shadows));
        Some(Tables {
            paths,
            keys,
            texts,
            shadows,
        })
    }
}

/// The offsets `table` has for `id`.
pub(super) fn offsets<T: Ord + Copy>(table: &[(T, u64)], id: T) -> impl Iterator<Item = u64> + '_ {
    let start = table.partition_point(|(k, _)| *k < id);
    table[start..]
        .iter()
        .take_while(move |(k, _)| *k == id)
        .map(|(_, off)| *off)
}
