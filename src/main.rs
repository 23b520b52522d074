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

/// The place of `mi_option_purge_delay` in mimalloc's `mi_option_t`
/// (mimalloc.h, the same in mimalloc 2 and 3); libmimalloc-sys gives its
/// functions but does not name this option.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Before a parallel run: mimalloc returns freed pages to the system at
/// once instead of after its default second. With several threads, pages
/// freed and not yet returned held 20 MB or more, and the peak they
/// reached grew with the length of the run: 55-65 MB at 1x bench.jsonl,
/// up to 83 MB at 10x (`--jobs 0`, 2 cores); 34-37 and 38-42 MB with
/// this, for 0-4% more time in paired runs. One thread reuses its freed
/// pages itself, so a single-thread run keeps the default: there purging
/// at once saved 3 MB and cost 4-6% of the time. `MIMALLOC_PURGE_DELAY`,
/// when set, is left to rule.
fn purge_freed_pages_at_once() {
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: a plain store to one of mimalloc's options, made before
        // the run starts its threads.
        unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    }
}

fn main() -> ExitCode {
    framescope::internals::corpus::stream::before_workers(purge_freed_pages_at_once);
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

#[cfg(test)]
mod tests {
    use super::MI_OPTION_PURGE_DELAY;

    /// The option at [`MI_OPTION_PURGE_DELAY`] has the purge delay's
    /// default (1000 ms in mimalloc 3), so the constant still names it in
    /// the mimalloc linked in.
    #[test]
    fn the_purge_delay_option_is_where_main_sets_it() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return; // set from outside: the default cannot be seen
        }
        // SAFETY: reads one option.
        let delay = unsafe { libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY) };
        assert_eq!(delay, 1000);
    }
}
