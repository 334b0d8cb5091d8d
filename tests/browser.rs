//! The search page in a real browser: headless Chromium loads `kamerzoek serve` over the sample
//! corpus. `#[ignore]`d: it needs Chromium (Debian's `chromium`), which `.ci/run` installs.
#![cfg(feature = "serve")]

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use common::{bin, index, sample_corpus, stderr};

/// `kamerzoek serve` on a free port, stopped when dropped.
struct Served {
    child: Child,
    base: String,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(idx: &Path) -> Served {
    let mut child = bin()
        .args(["serve", "--addr", "127.0.0.1:0", "--index"])
        .arg(idx)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // "kamerzoek: serving IDX on http://127.0.0.1:PORT/ (Ctrl-C stops)"
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let base = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .trim_end_matches('/')
        .to_string();
    Served { child, base }
}

fn chromium() -> PathBuf {
    let found = ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|c| Command::new(c).arg("--version").output().is_ok());
    PathBuf::from(found.expect("Chromium is missing: apt-get install chromium"))
}

/// Runs headless Chromium on `url` with `what` (`--dump-dom`, `--screenshot=...`); its output.
fn browse(url: &str, what: &str) -> String {
    let out = Command::new(chromium())
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--window-size=1100,1400",
            what,
            url,
        ])
        .output()
        .unwrap();
    assert!(out.status.success(), "{url}: {}", stderr(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The `href` of the first link after `marker` in `dom`.
fn first_link_after<'d>(dom: &'d str, marker: &str) -> &'d str {
    let at = dom
        .find(marker)
        .unwrap_or_else(|| panic!("no {marker:?} in {dom}"));
    let rest = &dom[at..];
    let start = rest.find("href=\"").unwrap() + 6;
    let end = start + rest[start..].find('"').unwrap();
    &rest[start..end]
}

#[test]
#[ignore = "needs Chromium"]
fn the_seed_letter_comes_first_in_the_rendered_page_and_its_motie_links_back_to_it() {
    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("idx");
    let out = index(&[&sample_corpus()], &idx, &["-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let served = serve(&idx);
    let shots = Path::new(env!("CARGO_TARGET_TMPDIR"));

    let search = format!("{}/?q=mensenhandel+Curacao", served.base);
    let dom = browse(&search, "--dump-dom");
    let first = first_link_after(&dom, "<ol class=\"hits\"");
    assert!(first.ends_with("000_4b49ee41d29ace67.txt"), "{first}");
    assert!(dom.contains("<mark>Curaçao</mark>"), "{dom}");
    let shot = shots.join("serve-search.png");
    browse(&search, &format!("--screenshot={}", shot.display()));
    assert!(std::fs::metadata(&shot).unwrap().len() > 10_000);

    // The letter's page links to the motie it answers; the motie's page links back to it.
    let letter = browse(&format!("{}{first}", served.base), "--dump-dom");
    let cited = first_link_after(&letter, "<h2>Verwijst naar</h2>");
    assert_eq!(cited, "/document/kst-33750-IV-16");
    assert!(
        letter.contains("href=\"/document/kst-28638-115\""),
        "{letter}"
    );
    let motie = format!("{}/document/kst-33750-IV-16", served.base);
    let dom = browse(&motie, "--dump-dom");
    let citing = first_link_after(&dom, "<ul class=\"links cited-by\"");
    assert_eq!(citing, first);
    let shot = shots.join("serve-document.png");
    browse(&motie, &format!("--screenshot={}", shot.display()));
    assert!(std::fs::metadata(&shot).unwrap().len() > 10_000);
    println!("screenshots: {}", shots.display());
}
