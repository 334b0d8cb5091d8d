//! `kamerzoek serve`: an index over HTTP, read-only. A JSON API in the shapes of the command
//! line's JSON (`/api/...`, described by `openapi.json`) and a search page that works without
//! JavaScript, in which every state is a URL that can be shared.
//!
//! Safe by default: the command binds to loopback unless told otherwise; every piece of
//! document and query text is escaped in HTML (the pages are built with maud, which escapes
//! what it is given); queries, `limit` and requests are bounded; a search that takes longer
//! than [`Limits::search_time`] is answered with an error rather than waited for; and nothing
//! is read from disk but the index (the stylesheet and the API description are part of the
//! program). New commits of a `kamerzoek index` running beside it are seen within a second.
//!
//! ```no_run
//! # async fn run() -> kamerzoek::Result<()> {
//! let index = kamerzoek::Index::open("kamerzoek-index")?;
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:7700").await.unwrap();
//! kamerzoek::serve::serve(index, listener, Default::default()).await
//! # }
//! ```

mod api;
mod pages;
mod params;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;

use crate::{Error, Index, Result};

/// What one request may ask of the server.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The longest a search may take before it is answered with an error.
    pub search_time: Duration,
    /// Searches at once; more wait their turn (within `search_time`).
    pub searches: usize,
    /// Documents one page of results may hold.
    pub page: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            search_time: Duration::from_secs(10),
            searches: std::thread::available_parallelism().map_or(2, |n| n.get() * 2),
            page: 100,
        }
    }
}

/// How often the server looks for a new commit of the index.
const RELOAD_EVERY: Duration = Duration::from_secs(1);

/// What every handler shares.
#[derive(Clone)]
pub(crate) struct State {
    index: Arc<Index>,
    limits: Limits,
    searches: Arc<tokio::sync::Semaphore>,
    reloaded: Arc<Mutex<Instant>>,
}

impl State {
    /// Makes searches see the index's last commit, when it was last looked for
    /// [`RELOAD_EVERY`] ago or more.
    fn reload_when_due(&self) {
        let mut last = self.reloaded.lock().unwrap_or_else(|e| e.into_inner());
        if last.elapsed() >= RELOAD_EVERY {
            // A commit that cannot be read now is read at the next request.
            let _ = self.index.reload();
            *last = Instant::now();
        }
    }

    /// Runs `work` on the index on a thread for blocking work, within the limits: at most
    /// [`Limits::searches`] at once, and an error after [`Limits::search_time`].
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Index) -> Result<T> + Send + 'static,
    ) -> std::result::Result<T, Failure> {
        let deadline = tokio::time::Instant::now() + self.limits.search_time;
        let too_long = || Failure::TooLong(self.limits.search_time);
        let permit = tokio::time::timeout_at(deadline, self.searches.clone().acquire_owned())
            .await
            .map_err(|_| too_long())?
            .map_err(|_| too_long())?;
        self.reload_when_due();
        let index = self.index.clone();
        let task = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            work(&index)
        });
        // A timeout polls what it waits for once before it looks at the clock: a search that
        // was quick enough to be done by then is still later than a deadline already past.
        let answer = tokio::time::timeout_at(deadline, task).await;
        if tokio::time::Instant::now() > deadline {
            return Err(too_long());
        }
        match answer {
            Err(_) => Err(too_long()),
            Ok(Err(_)) => Err(Failure::Internal("the search stopped unexpectedly".into())),
            Ok(Ok(result)) => result.map_err(Failure::from),
        }
    }
}

/// Why a request could not be answered, and the HTTP status that says so.
#[derive(Debug)]
pub(crate) enum Failure {
    /// The request asks for something that cannot be given (a query that does not parse, a
    /// value out of range): 400.
    BadRequest(String),
    /// No such document: 404.
    NotFound(String),
    /// The search took longer than allowed: 503.
    TooLong(Duration),
    /// The index failed: 500.
    Internal(String),
}

impl Failure {
    fn status(&self) -> StatusCode {
        match self {
            Failure::BadRequest(_) => StatusCode::BAD_REQUEST,
            Failure::NotFound(_) => StatusCode::NOT_FOUND,
            Failure::TooLong(_) => StatusCode::SERVICE_UNAVAILABLE,
            Failure::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn message(&self) -> String {
        match self {
            Failure::BadRequest(m) | Failure::NotFound(m) | Failure::Internal(m) => m.clone(),
            Failure::TooLong(d) => format!(
                "the search took longer than {} s and was stopped; make it narrower",
                d.as_secs()
            ),
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Failure {
        match e {
            Error::Query(_) | Error::InvalidArgument { .. } => Failure::BadRequest(e.to_string()),
            other => Failure::Internal(other.to_string()),
        }
    }
}

/// The routes: the pages, the API and its description.
pub fn router(index: Index, limits: Limits) -> Router {
    let state = State {
        index: Arc::new(index),
        limits,
        searches: Arc::new(tokio::sync::Semaphore::new(limits.searches.max(1))),
        reloaded: Arc::new(Mutex::new(Instant::now())),
    };
    Router::new()
        .route("/", get(pages::search))
        .route("/document/{*key}", get(pages::document))
        .route("/style.css", get(pages::style))
        .route("/api/search", get(api::search))
        .route("/api/documents/{*key}", get(api::document))
        .route("/api/stats", get(api::stats))
        .route("/api/openapi.json", get(api::openapi))
        .fallback(pages::not_found)
        // Only GET requests are served: a body is never read.
        .layer(axum::extract::DefaultBodyLimit::max(0))
        .with_state(state)
}

/// Serves `index` on `listener` until the process ends (or Ctrl-C).
pub async fn serve(index: Index, listener: tokio::net::TcpListener, limits: Limits) -> Result<()> {
    let app = router(index, limits);
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            // Without a signal handler the server runs until it is killed, which is fine too.
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
        .map_err(|e| Error::Index {
            path: "<server>".into(),
            reason: format!("the server stopped: {e}"),
        })
}
