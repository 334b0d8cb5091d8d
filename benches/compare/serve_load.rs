//! A bounded load test of `kamerzoek serve`: many clients on loopback send a fixed number of
//! searches while an indexer commits to the same index, and every request must succeed.
//!
//! ```text
//! cargo run --release --example serve_load -- INDEX QUERIES [CLIENTS] [REQUESTS]
//! ```
//!
//! QUERIES has one query per line. Without arguments it runs on an index of `sample_corpus/`.
//! It prints the latency per request (p50, p99, max) and the commits made during the load; the
//! exit status is 1 if any request failed.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use kamerzoek::serve::{router, Limits};
use kamerzoek::Index;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let scratch = tempfile::tempdir().expect("a temporary folder");
    let (index_dir, queries) = match args.as_slice() {
        [index, queries, ..] => (PathBuf::from(index), read_queries(Path::new(queries))),
        _ => {
            let dir = scratch.path().join("index");
            let index = Index::open_or_create(&dir).expect("an index");
            index
                .index_paths(&["sample_corpus"], &Default::default())
                .expect("the sample corpus indexed");
            let queries = [
                "mensenhandel Curacao",
                "zorg OR wonen",
                "motie kwelders",
                "\"regeldruk in de zorg\"",
            ];
            (dir, queries.iter().map(|q| q.to_string()).collect())
        }
    };
    let clients: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(8);
    let requests: usize = args.get(3).and_then(|a| a.parse().ok()).unwrap_or(400);

    let runtime = tokio::runtime::Runtime::new().expect("a runtime");
    let index = Index::open(&index_dir).expect("the index");
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("a free port");
    let base = format!("http://{}", listener.local_addr().expect("an address"));
    runtime.spawn(async move { axum::serve(listener, router(index, Limits::default())).await });

    // The indexer beside the server: a small document and a commit, again and again.
    let done = Arc::new(AtomicBool::new(false));
    let indexer = {
        let (done, dir) = (done.clone(), index_dir.clone());
        std::thread::spawn(move || -> usize {
            let index = Index::open(&dir).expect("the index, for writing");
            let mut writer = index.writer().expect("the writer");
            let mut commits = 0;
            while !done.load(Ordering::Relaxed) {
                let text = format!("De Kamer verzoekt de regering de belastingdienst te verbeteren, keer {commits}.");
                let name = format!("kst-99999-{}.txt", commits + 1);
                writer
                    .add_text(&text, name, Default::default())
                    .expect("a document");
                writer.commit().expect("a commit");
                commits += 1;
                std::thread::sleep(Duration::from_millis(250));
            }
            commits
        })
    };

    let next = Arc::new(AtomicUsize::new(0));
    let latencies = Arc::new(Mutex::new(Vec::with_capacity(requests)));
    let failures = Arc::new(Mutex::new(Vec::new()));
    let queries = Arc::new(queries);
    let started = Instant::now();
    let workers: Vec<_> = (0..clients)
        .map(|_| {
            let (next, latencies, failures) = (next.clone(), latencies.clone(), failures.clone());
            let (queries, base) = (queries.clone(), base.clone());
            std::thread::spawn(move || {
                let agent: ureq::Agent = ureq::Agent::config_builder()
                    .http_status_as_error(false)
                    .build()
                    .into();
                loop {
                    let n = next.fetch_add(1, Ordering::Relaxed);
                    if n >= requests {
                        break;
                    }
                    let query = &queries[n % queries.len()];
                    let url = format!("{base}/api/search?q={}", encode(query));
                    let sent = Instant::now();
                    let outcome = agent.get(&url).call().map(|mut r| {
                        let ok = r.status().as_u16() == 200;
                        let _ = r.body_mut().read_to_string();
                        ok
                    });
                    let took = sent.elapsed();
                    match outcome {
                        Ok(true) => latencies.lock().unwrap().push(took),
                        Ok(false) => failures.lock().unwrap().push(format!("{query}: not 200")),
                        Err(e) => failures.lock().unwrap().push(format!("{query}: {e}")),
                    }
                }
            })
        })
        .collect();
    for w in workers {
        w.join().expect("a client");
    }
    let wall = started.elapsed();
    done.store(true, Ordering::Relaxed);
    let commits = indexer.join().expect("the indexer");

    let mut l = latencies.lock().unwrap().clone();
    l.sort();
    let at = |q: f64| l.get(((l.len() as f64 * q) as usize).min(l.len().saturating_sub(1)));
    let ms = |d: Option<&Duration>| d.map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    let failures = failures.lock().unwrap();
    println!(
        "{requests} requests from {clients} clients in {:.1} s ({:.0}/s), {} commits meanwhile: \
         {} failed; latency p50 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
        wall.as_secs_f64(),
        requests as f64 / wall.as_secs_f64(),
        commits,
        failures.len(),
        ms(at(0.5)),
        ms(at(0.99)),
        ms(l.last()),
    );
    for f in failures.iter().take(5) {
        eprintln!("failed: {f}");
    }
    if !failures.is_empty() {
        std::process::exit(1);
    }
}

fn read_queries(path: &Path) -> Vec<String> {
    let text = std::fs::read_to_string(path).expect("the queries file");
    text.lines()
        .map(|l| l.split('\t').next().unwrap_or_default().trim().to_string())
        .filter(|q| !q.is_empty())
        .collect()
}

fn encode(query: &str) -> String {
    url::form_urlencoded::byte_serialize(query.as_bytes()).collect()
}
