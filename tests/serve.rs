//! `kamerzoek serve` on a free port over the sample corpus: the API gives what `search --json`
//! gives, errors have the status that fits, document text is escaped in HTML, nothing outside
//! the index is served, and new commits are seen without a restart.
#![cfg(feature = "serve")]

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{bin, index, sample_corpus, stderr};
use kamerzoek::serve::{router, Limits};
use serde_json::Value;

/// An HTTP client that hands over every answer, errors included.
fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .build()
        .into()
}

/// A server on a free loopback port, running until the test ends.
struct Server {
    base: String,
    _runtime: tokio::runtime::Runtime,
}

impl Server {
    fn start(idx: &Path, limits: Limits) -> Server {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let index = kamerzoek::Index::open(idx).unwrap();
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        runtime.spawn(async move { axum::serve(listener, router(index, limits)).await });
        Server {
            base,
            _runtime: runtime,
        }
    }

    /// The status and body of `GET path`.
    fn get(&self, path: &str) -> (u16, String) {
        let mut response = agent().get(format!("{}{path}", self.base)).call().unwrap();
        let status = response.status().as_u16();
        let body = response.body_mut().read_to_string().unwrap();
        (status, body)
    }

    fn json(&self, path: &str) -> (u16, Value) {
        let (status, body) = self.get(path);
        (status, serde_json::from_str(&body).unwrap())
    }
}

/// The sample corpus and a document whose text and title hold markup, indexed.
fn indexed() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let extra = dir.path().join("extra");
    std::fs::create_dir(&extra).unwrap();
    std::fs::write(
        extra.join("kst-36999-7.txt"),
        "Tweede Kamer der Staten-Generaal\n\nMOTIE VAN HET LID <B>VAN DIJK</B>\n\n\
         De Kamer verzoekt de regering <script>alert('xss')</script> de kwelders te \
         beschermen.\n",
    )
    .unwrap();
    let idx = dir.path().join("idx");
    let out = index(&[&sample_corpus(), &extra], &idx, &["-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    (dir, idx, extra)
}

/// `kamerzoek search --json ARGS` on `idx`.
fn cli_json(idx: &Path, args: &[&str]) -> Value {
    let out = bin()
        .arg("search")
        .arg("--json")
        .arg("--index")
        .arg(idx)
        .args(args)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn the_api_answers_as_the_command_line_does() {
    let (_dir, idx, _) = indexed();
    let server = Server::start(&idx, Limits::default());
    for (query, cli) in [
        (
            "q=mensenhandel+Curacao",
            &["--", "mensenhandel Curacao"][..],
        ),
        (
            "q=motie&type=motie&sort=date&limit=2&offset=1",
            &[
                "--type", "motie", "--sort", "date", "--limit", "2", "--offset", "1", "motie",
            ],
        ),
        (
            "q=zorg+OR+mensenhandel&facets=year,type&per_doc=2",
            &[
                "--facets",
                "year,type",
                "--per-doc",
                "2",
                "zorg OR mensenhandel",
            ],
        ),
        (
            "cites=28638-115&sort=date",
            &["--cites", "28638-115", "--sort", "date"],
        ),
        (
            "q=%22regeldruk+in+de+zorg%22&from=2014&to=2025&explain=true",
            &[
                "--from",
                "2014",
                "--to",
                "2025",
                "--explain",
                "\"regeldruk in de zorg\"",
            ],
        ),
    ] {
        let (status, api) = server.json(&format!("/api/search?{query}"));
        assert_eq!(status, 200, "{query}: {api}");
        assert_eq!(api, cli_json(&idx, cli), "{query}");
    }
    let (status, first) = server.json("/api/search?q=mensenhandel+Curacao");
    assert_eq!(status, 200);
    assert!(first["hits"][0]["path"]
        .as_str()
        .unwrap()
        .ends_with("000_4b49ee41d29ace67.txt"));

    let (status, doc) = server.json("/api/documents/33%20750%20IV,%20nr.%2016");
    assert_eq!((status, doc["id"].as_str()), (200, Some("kst-33750-IV-16")));
    let (status, citing) = server.json("/api/documents/kst-33750-IV-16/cited-by");
    assert_eq!(status, 200);
    assert!(citing.as_array().unwrap().iter().any(|d| d["path"]
        .as_str()
        .unwrap()
        .ends_with("000_4b49ee41d29ace67.txt")));
    let (status, stats) = server.json("/api/stats");
    assert_eq!(status, 200);
    // The sample corpus and the motie written here; the besluitenlijst where its PDF can be read.
    let pdf = u64::from(kamerzoek::read::pdftotext_available());
    assert_eq!(stats["documents"].as_u64(), Some(15 + pdf), "{stats}");
    let (status, openapi) = server.json("/api/openapi.json");
    assert_eq!(status, 200);
    assert_eq!(openapi["openapi"], "3.0.3");
    assert!(openapi["paths"]["/api/search"]["get"].is_object());
}

#[test]
fn errors_have_the_status_that_fits_and_say_why() {
    let (_dir, idx, _) = indexed();
    let server = Server::start(&idx, Limits::default());
    for (path, status, says) in [
        ("/api/search?q=%22open", 400, "phrase is not closed"),
        ("/api/search?q=stikstof&limit=1000", 400, "limit"),
        ("/api/search?q=stikstof&sort=titel", 400, "sort"),
        ("/api/search?q=stikstof&type=geen", 400, "known types"),
        ("/api/search?q=stikstof&since=ooit", 400, "moment"),
        ("/api/search", 400, "empty"),
        (&format!("/api/search?q={}", "a".repeat(20_000)), 400, "kB"),
        ("/api/documents/kst-1-2", 404, "no document"),
        ("/api/documents/kst-1-2/cited-by", 404, "no document"),
        ("/api/documents/geen-id/cited-by", 400, "geen-id"),
    ] {
        let (got, body) = server.json(path);
        assert_eq!(got, status, "{path}: {body}");
        let message = body["error"].as_str().unwrap();
        assert!(message.contains(says), "{path}: {message}");
    }
    // The search page says it too, in the page, with the form filled in as it was.
    let (status, page) = server.get("/?q=%22open&dossier=33750");
    assert_eq!(status, 400);
    assert!(
        page.contains("role=\"alert\"") && page.contains("value=\"33750\""),
        "{page}"
    );
    let (status, _) = server.get("/document/kst-1-2");
    assert_eq!(status, 404);
}

#[test]
fn a_search_that_takes_too_long_is_answered_with_an_error() {
    let (_dir, idx, _) = indexed();
    let limits = Limits {
        search_time: Duration::ZERO,
        ..Limits::default()
    };
    let server = Server::start(&idx, limits);
    let (status, body) = server.json("/api/search?q=mensenhandel");
    assert_eq!(status, 503, "{body}");
    assert!(body["error"].as_str().unwrap().contains("longer than"));
}

#[test]
fn document_text_and_query_text_are_escaped_in_html() {
    let (_dir, idx, _) = indexed();
    let server = Server::start(&idx, Limits::default());
    let (status, page) = server.get("/?q=kwelders+%3Cscript%3Ealert(1)%3C/script%3E");
    assert_eq!(status, 200);
    assert!(page.contains("kst-36999-7"), "{page}");
    assert!(!page.contains("<script") && !page.contains("<B>"), "{page}");
    assert!(page.contains("&lt;script&gt;"), "{page}");
    let (status, page) = server.get("/document/kst-36999-7");
    assert_eq!(status, 200);
    assert!(!page.contains("<script") && !page.contains("<B>"), "{page}");
    assert!(
        page.contains("&lt;script&gt;alert('xss')&lt;/script&gt;"),
        "{page}"
    );
}

#[test]
fn nothing_outside_the_index_is_served() {
    let (_dir, idx, extra) = indexed();
    let secret = extra.parent().unwrap().join("geheim.txt");
    std::fs::write(&secret, "wachtwoord: hunter2").unwrap();
    let server = Server::start(&idx, Limits::default());
    let secret = secret.display().to_string();
    for path in [
        "/../geheim.txt".to_string(),
        "/document/..%2F..%2Fgeheim.txt".to_string(),
        format!("/document/{}", secret.replace('/', "%2F")),
        format!("/api/documents/{}", secret.replace('/', "%2F")),
        "/api/documents/%2Fetc%2Fpasswd".to_string(),
        "/style.css/../../Cargo.toml".to_string(),
    ] {
        let (status, body) = server.get(&path);
        assert_eq!(status, 404, "{path}");
        assert!(
            !body.contains("hunter2") && !body.contains("root:"),
            "{path}"
        );
    }
    // Only GET: a request with a body is refused, whatever it carries.
    let response = agent()
        .post(format!("{}/api/search", server.base))
        .send("q=mensenhandel")
        .unwrap();
    assert_eq!(response.status().as_u16(), 405);
}

#[test]
fn a_commit_of_an_indexer_beside_the_server_is_seen_without_a_restart() {
    let (_dir, idx, extra) = indexed();
    let server = Server::start(&idx, Limits::default());
    let (_, before) = server.json("/api/search?q=dijkversterking");
    assert_eq!(before["total"], 0);
    std::fs::write(
        extra.join("kst-36999-8.txt"),
        "MOTIE VAN HET LID DE GROOT\n\nDe Kamer verzoekt de regering de dijkversterking te versnellen.\n",
    )
    .unwrap();
    let out = index(&[&sample_corpus(), &extra], &idx, &["-q"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let (status, after) = server.json("/api/search?q=dijkversterking");
        assert_eq!(status, 200);
        if after["total"] == 1 {
            assert_eq!(after["hits"][0]["id"], "kst-36999-8");
            break;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the commit was not seen"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

#[test]
fn the_search_page_pages_and_keeps_its_filters_in_the_links() {
    let (_dir, idx, _) = indexed();
    let server = Server::start(&idx, Limits::default());
    let (status, page) = server.get("/?q=motie&type=motie&limit=1");
    assert_eq!(status, 200);
    assert!(page.contains("Pagina 1 van"), "{page}");
    assert!(
        page.contains("href=\"/?q=motie&amp;type=motie&amp;limit=1&amp;offset=1\""),
        "{page}"
    );
    assert!(page.contains("<label for=\"q\">Zoekvraag</label>"));
    let (_, second) = server.get("/?q=motie&type=motie&limit=1&offset=1");
    assert!(
        second.contains("rel=\"prev\"") && second.contains("Pagina 2 van"),
        "{second}"
    );
    // Without a question: only the form.
    let (status, empty) = server.get("/");
    assert_eq!(status, 200);
    assert!(empty.contains("<form") && !empty.contains("<ol"), "{empty}");
}
