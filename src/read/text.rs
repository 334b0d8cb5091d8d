//! Bytes to text: UTF-8 as it should be, Windows-1252 as old files are, binary refused.

/// Decodes file content to text. Returns the text and warnings, or why it is not text.
///
/// UTF-8 with or without BOM is taken as it is; anything else that is not binary is decoded as
/// Windows-1252, which is what Dutch files in the wrong encoding nearly always are.
///
/// ```
/// use kamerzoek::read::decode_text;
/// assert_eq!(decode_text("Curaçao".as_bytes()).unwrap().0, "Curaçao");
/// let (text, warnings) = decode_text(b"Cura\xe7ao").unwrap();
/// assert_eq!(text, "Curaçao");
/// assert_eq!(warnings.len(), 1);
/// assert!(decode_text(b"\x00\x01\x02binary").is_err());
/// assert_eq!(decode_text(b"\xFF\xFEC\x00u\x00").unwrap().0, "Cu");
/// ```
pub fn decode_text(bytes: &[u8]) -> Result<(String, Vec<String>), String> {
    // UTF-16 is half NUL bytes in Dutch text: known by its byte order mark, before the test
    // for binary.
    if let Some(text) = utf16(bytes) {
        return Ok((text, Vec::new()));
    }
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err("binary file (contains NUL bytes), not text".to_string());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(match repair_mojibake(text) {
            Some(repaired) => (
                repaired,
                vec![
                    "UTF-8 that had been read as Latin-1 (\"Ã¶\" for \"ö\"); repaired".to_string(),
                ],
            ),
            None => (text.to_string(), Vec::new()),
        }),
        Err(e) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(bytes);
            Ok((
                text.into_owned(),
                vec![format!(
                    "not valid UTF-8 (first bad byte at offset {}); decoded as Windows-1252",
                    e.valid_up_to()
                )],
            ))
        }
    }
}

/// The text of UTF-16 content with a byte order mark (as Windows saves "Unicode" text and
/// XML), `None` for anything else.
pub fn utf16(bytes: &[u8]) -> Option<String> {
    let (encoding, _) = encoding_rs::Encoding::for_bom(bytes)?;
    if encoding == encoding_rs::UTF_8 {
        return None;
    }
    Some(encoding.decode_with_bom_removal(bytes).0.into_owned())
}

/// Text that was UTF-8, read as Windows-1252 and saved as UTF-8 again ("KrÃ¶ger", "cliÃ«nten",
/// a BOM turned into "ï»¿"): encoding it back to Windows-1252 gives the original UTF-8 bytes.
/// Repaired only when the signs of it are there and the round trip is clean.
fn repair_mojibake(text: &str) -> Option<String> {
    // "Ã" or "Â" followed by a character from the second half of Latin-1 is how every accented
    // letter and no-break space of Latin-1 looks after the double encoding.
    let bytes = text.as_bytes();
    let signs = memchr::memchr_iter(0xC3, bytes)
        .filter(|&i| matches!(bytes.get(i + 1..i + 3), Some([0x82 | 0x83, 0xC2 | 0xC3])))
        .count();
    if signs < 2 && !text.starts_with("ï»¿") {
        return None;
    }
    // Back to the bytes the text was read from: Latin-1 for the first 256 code points (which
    // includes the C1 controls that "Ö" and "Ü" turned into), Windows-1252 for its extra
    // characters ("€" in "â€™").
    let mut bytes = Vec::with_capacity(text.len());
    let mut buf = [0u8; 4];
    for c in text.chars() {
        match u8::try_from(u32::from(c)) {
            Ok(b) => bytes.push(b),
            Err(_) => {
                let (encoded, _, unmappable) =
                    encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut buf));
                if unmappable {
                    return None;
                }
                bytes.extend_from_slice(&encoded);
            }
        }
    }
    let repaired = String::from_utf8(bytes).ok()?;
    Some(repaired.trim_start_matches('\u{FEFF}').to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn double_encoded_text_is_repaired() {
        let damaged =
            "ï»¿\n<al>De heer KrÃ¶ger en de cliÃ«nten Ã©n de Ã¢ccenten, Ã\u{96}zil, â€™s</al>";
        let (text, warnings) = decode_text(damaged.as_bytes()).unwrap();
        assert_eq!(
            text,
            "\n<al>De heer Kröger en de cliënten én de âccenten, Özil, ’s</al>"
        );
        assert_eq!(warnings.len(), 1);
    }

    #[test]
    fn correct_text_with_a_capital_a_tilde_is_left_alone() {
        let text = "São Paulo en Ã in een formule; Kröger";
        assert_eq!(
            decode_text(text.as_bytes()).unwrap(),
            (text.to_string(), vec![])
        );
    }

    /// The example of `utf16`.
    #[test]
    fn example_of_utf16() {
        let bytes: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Curaçao".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(crate::read::utf16(&bytes).as_deref(), Some("Curaçao"));
        assert_eq!(crate::read::utf16(b"Curacao"), None);
    }
}
