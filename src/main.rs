//! The `kamerzoek` command: thin glue over the library.

mod cli;

use std::process::ExitCode;

// Indexing allocates and frees many small strings on several threads at once; with mimalloc
// instead of the system allocator, indexing 300 MB took 40 s instead of 49 (BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`kamerzoek export | head`) is not an error worth a message.
            if err
                .downcast_ref::<std::io::Error>()
                .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("kamerzoek: {err:#}");
            // A value or query that cannot be used is wrong usage, as clap's own refusals are.
            match err.downcast_ref::<kamerzoek::Error>() {
                Some(kamerzoek::Error::InvalidArgument { .. } | kamerzoek::Error::Query(_)) => {
                    ExitCode::from(cli::USAGE)
                }
                _ => ExitCode::FAILURE,
            }
        }
    }
}
