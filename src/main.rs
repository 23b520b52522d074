//! The `framescope` binary: a thin shell over [`framescope::internals::cli::run`].

use std::io::IsTerminal;
use std::process::ExitCode;

/// mimalloc instead of the system allocator: a classify run makes many
/// small, short-lived allocations per sentence, and with glibc's allocator
/// single-thread classify ran at about 0.8 of mimalloc's speed (see the
/// commit that added it). `no_thp`: without it mimalloc asks for
/// transparent huge pages, which doubled peak RSS with `--jobs 0`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // An interrupted `-o` run removes its temporary file (and the target
    // is left as it was). Without the handlers the run still works.
    let _ = framescope::internals::corpus::output::remove_temporaries_on_signals();
    let terminal = framescope::internals::cli::Terminal {
        stdout_is_tty: std::io::stdout().is_terminal(),
        stderr_is_tty: std::io::stderr().is_terminal(),
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
    };
    let code = framescope::internals::cli::run(
        std::env::args_os(),
        terminal,
        &mut std::io::stdout().lock(),
        &mut std::io::stderr().lock(),
    );
    ExitCode::from(code)
}
