//! The `kamerzoek` command: thin glue over the library.

mod cli;

use std::process::ExitCode;

// Indexing allocates and frees many small strings on several threads at once, which mimalloc
// does faster than the system allocator (BENCHMARKS.md measures the difference).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match cli::run() {
        Ok(exit) => exit.into(),
        Err(err) => {
            // A closed pipe (`kamerzoek export | head`) is not an error worth a message.
            if err
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return cli::Exit::Success.into();
            }
            eprintln!("kamerzoek: {err:#}");
            // A value or query that cannot be used is wrong usage, as clap's own refusals are.
            match err.downcast_ref::<kamerzoek::Error>() {
                Some(kamerzoek::Error::InvalidArgument { .. } | kamerzoek::Error::Query(_)) => {
                    cli::Exit::Usage.into()
                }
                _ => cli::Exit::Failure.into(),
            }
        }
    }
}
