//! PDF: the text `pdftotext` (poppler-utils) extracts, when it is installed.
//!
//! Extracting text from PDF well is poppler's life's work; kamerzoek runs it rather than
//! reimplementing it, the way the corpus's own `.txt` files were made. Page breaks become line
//! breaks, so that a word hyphenated across pages is healed like one across lines.

use std::io::{Read, Write};
use std::process::{Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// A PDF that takes longer than this is given up on (a damaged file can make poppler spin).
const TIMEOUT: Duration = Duration::from_secs(120);

/// What to tell a user who has PDFs but not pdftotext.
pub const INSTALL_HINT: &str =
    "PDF needs pdftotext to be read: install poppler-utils (apt install poppler-utils, brew install poppler)";

/// Whether `pdftotext` can be run on this machine.
///
/// ```
/// // On a machine with poppler-utils installed this is true.
/// let _ = kamerzoek::read::pdftotext_available();
/// ```
pub fn pdftotext_available() -> bool {
    static AVAILABLE: OnceLock<bool> = OnceLock::new();
    *AVAILABLE.get_or_init(|| {
        Command::new("pdftotext")
            .arg("-v")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok()
    })
}

pub(super) fn extract(bytes: &[u8]) -> Result<String, String> {
    let mut child = Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-q", "-", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => INSTALL_HINT.to_string(),
            _ => format!("cannot run pdftotext: {e}"),
        })?;
    let (Some(mut stdin), Some(mut stdout), Some(mut stderr)) =
        (child.stdin.take(), child.stdout.take(), child.stderr.take())
    else {
        return Err("cannot talk to pdftotext".to_string());
    };
    // Feeding and draining on their own threads: pdftotext may write before it has read all.
    let (text, errors, status) = std::thread::scope(|s| {
        s.spawn(move || {
            // pdftotext stops reading a file it rejects; the error it reports says why.
            let _ = stdin.write_all(bytes);
        });
        let out = s.spawn(move || {
            let mut buf = Vec::new();
            stdout.read_to_end(&mut buf).map(|_| buf)
        });
        let err = s.spawn(move || {
            let mut buf = String::new();
            let _ = stderr.read_to_string(&mut buf);
            buf
        });
        let started = Instant::now();
        let status = loop {
            match child.try_wait() {
                Ok(Some(status)) => break Ok(status),
                Ok(None) if started.elapsed() > TIMEOUT => {
                    let _ = child.kill();
                    let _ = child.wait();
                    break Err(format!(
                        "pdftotext took more than {} s; given up",
                        TIMEOUT.as_secs()
                    ));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(5)),
                Err(e) => break Err(format!("pdftotext: {e}")),
            }
        };
        (
            out.join().unwrap_or_else(|_| Ok(Vec::new())),
            err.join().unwrap_or_default(),
            status,
        )
    });
    let status = status?;
    if !status.success() {
        let why = errors.lines().next().unwrap_or("no reason given").trim();
        return Err(format!("not a readable PDF (pdftotext: {why})"));
    }
    let text = text.map_err(|e| format!("reading pdftotext's output: {e}"))?;
    let text = String::from_utf8_lossy(&text).replace('\u{c}', "\n");
    if text.trim().is_empty() {
        return Err("the PDF has no text layer (a scan without OCR?)".to_string());
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn not_a_pdf_is_a_clear_error() {
        if !pdftotext_available() {
            assert_eq!(extract(b"%PDF-1.4 kapot").unwrap_err(), INSTALL_HINT);
            return;
        }
        let e = extract(b"%PDF-1.4 kapot").unwrap_err();
        assert!(e.contains("not a readable PDF"), "{e}");
    }
}
