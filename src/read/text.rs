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
/// ```
pub fn decode_text(bytes: &[u8]) -> Result<(String, Vec<String>), String> {
    let head = &bytes[..bytes.len().min(8192)];
    if head.contains(&0) {
        return Err("binary file (contains NUL bytes), not text".to_string());
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_string(), Vec::new())),
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
