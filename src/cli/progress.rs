//! The progress bar of `kamerzoek index`: files, MB/s and ETA on a terminal, nothing elsewhere.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use kamerzoek::index::{IndexOptions, Phase, Progress};

type Update = Box<dyn Fn(Progress) + Sync>;

pub struct Bar {
    bar: Option<ProgressBar>,
    update: Option<Update>,
}

impl Bar {
    pub fn new(quiet: bool) -> Bar {
        if quiet || !std::io::stderr().is_terminal() {
            return Bar {
                bar: None,
                update: None,
            };
        }
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template(
                "{prefix:>9} [{bar:30}] {msg}  {binary_bytes_per_sec}  ETA {eta}",
            )
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        let b = bar.clone();
        let indexing = AtomicBool::new(false);
        let update: Update = Box::new(move |p: Progress| {
            // The second pass starts the bar over, so that its rate and ETA are its own.
            if p.phase == Phase::Indexing && !indexing.swap(true, Ordering::Relaxed) {
                b.reset();
            }
            b.set_prefix(match p.phase {
                Phase::Scanning => "scanning",
                Phase::Indexing => "indexing",
            });
            b.set_length(p.bytes_total);
            b.set_position(p.bytes_done);
            b.set_message(format!("{}/{} files", p.files_done, p.files_total));
        });
        Bar {
            bar: Some(bar),
            update: Some(update),
        }
    }

    pub fn options(&self, strict: bool, follow_links: bool) -> IndexOptions<'_> {
        IndexOptions {
            progress: self.update.as_deref(),
            strict,
            follow_links,
        }
    }

    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}
