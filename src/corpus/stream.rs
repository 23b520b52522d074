//! Parallel, ordered, bounded streaming: worker threads take turns reading
//! the next small chunk of items and map it (no batch barrier, so no worker
//! waits for a slow neighbour), and the calling thread hands results to the
//! sink in input order. At most a fixed window of chunks is in flight (read
//! but not yet handed on), so memory does not grow with the input, and the
//! output is the same whatever the number of threads. With one job
//! everything runs on the calling thread.
//!
//! A worker reads its own chunk, rather than a reader thread reading for
//! all: each document is then made, mapped and dropped on one thread, so
//! the allocator never frees it from another thread's heap, and there is
//! one thread fewer to share the cores with.

use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Mutex, OnceLock};

/// Items handed to a worker at a time: enough to make the hand-over cheap
/// (a few milliseconds of work), few enough to keep workers evenly loaded.
pub(crate) const CHUNK: usize = 16;
/// Chunks in flight per worker: enough to keep workers busy while one slow
/// chunk holds up the output.
pub(crate) const CHUNKS_PER_JOB: usize = 4;

/// The most worker threads a run uses. Each holds up to
/// [`CHUNKS_PER_JOB`] × [`CHUNK`] documents in flight and a stack, so a
/// million threads (`-j 1000000`) would take seconds to start and gigabytes
/// to hold; no machine this runs on needs more than this many.
pub(crate) const MAX_JOBS: usize = 256;

/// What [`ordered_map`] calls before it starts worker threads (see
/// [`before_workers`]).
static BEFORE_WORKERS: OnceLock<fn()> = OnceLock::new();

/// Has the corpus stream (`ordered_map`) call `f`, on the calling thread,
/// each time it is about to start worker threads (never with one job). For
/// the binary, which tunes its allocator for parallel runs there (see
/// `src/main.rs`); only the first call counts.
pub fn before_workers(f: fn()) {
    let _ = BEFORE_WORKERS.set(f);
}

/// The number of threads to use for `--jobs N`: `N`, or every core for 0,
/// never more than [`MAX_JOBS`] (the CLI refuses more with a message).
pub(crate) fn jobs(requested: usize) -> usize {
    let n = if requested > 0 {
        requested
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    };
    n.min(MAX_JOBS)
}

/// Maps `items` through `map` on `jobs` threads and hands each result to
/// `sink` in input order. The first error from `sink` stops the stream and
/// is returned.
///
/// # Errors
///
/// Whatever `sink` returns.
pub(crate) fn ordered_map<I, U, T, E>(
    items: I,
    jobs: usize,
    map: impl Fn(U) -> T + Sync,
    mut sink: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E>
where
    I: Iterator<Item = U> + Send,
    U: Send,
    T: Send,
{
    let jobs = jobs.min(MAX_JOBS);
    if jobs <= 1 {
        for item in items {
            sink(map(item))?;
        }
        return Ok(());
    }
    let window = CHUNKS_PER_JOB * jobs;
    // Tokens bound the chunks in flight: a worker takes one per chunk it
    // reads, the sink gives it back once the chunk is handed on.
    let (token_tx, token_rx) = sync_channel::<()>(window);
    for _ in 0..window {
        token_tx.send(()).expect("the window fits the channel");
    }
    let (done_tx, done_rx) = sync_channel::<(usize, std::thread::Result<Vec<T>>)>(window);
    // The workers take turns reading the next chunk under this lock, so
    // that a document is made, mapped and dropped on one thread.
    let source = Mutex::new(Source {
        items: items.peekable(),
        index: 0,
        tokens: token_rx,
    });
    let (map, source) = (&map, &source);
    if let Some(f) = BEFORE_WORKERS.get() {
        f();
    }
    std::thread::scope(move |scope| {
        for _ in 0..jobs {
            let done_tx = done_tx.clone();
            scope.spawn(move || loop {
                // A reader that panicked poisoned the lock: the others stop
                // and the scope re-raises its panic.
                let Ok(mut source) = source.lock() else {
                    return;
                };
                let Some((i, chunk)) = source.next_chunk() else {
                    return;
                };
                drop(source);
                // A panic in `map` is caught and handed to the caller's
                // thread, which re-raises it: a worker that just died would
                // keep its chunk's token and stall everyone.
                let mapped = std::panic::catch_unwind(AssertUnwindSafe(|| {
                    chunk.into_iter().map(map).collect::<Vec<T>>()
                }));
                if done_tx.send((i, mapped)).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);
        // On an early return these drop before the threads are joined: a
        // worker's next send (or, once the tokens left are taken, its wait
        // for one) fails, so each stops after the chunk in hand.
        let (token_tx, done_rx) = (token_tx, done_rx);
        let mut pending: BTreeMap<usize, Vec<T>> = BTreeMap::new();
        let mut next = 0;
        for (i, chunk) in done_rx {
            let chunk = match chunk {
                Ok(chunk) => chunk,
                // Channels drop as this unwinds, so the threads stop.
                Err(panic) => std::panic::resume_unwind(panic),
            };
            pending.insert(i, chunk);
            while let Some(chunk) = pending.remove(&next) {
                for t in chunk {
                    sink(t)?;
                }
                next += 1;
                let _ = token_tx.send(());
            }
        }
        Ok(())
    })
}

/// The items still to read, shared by the workers.
struct Source<I: Iterator> {
    items: std::iter::Peekable<I>,
    /// The index of the next chunk.
    index: usize,
    tokens: Receiver<()>,
}

impl<I: Iterator> Source<I> {
    /// The next chunk and its index, once a token is free; `None` at the
    /// end of the items or when the sink has stopped.
    fn next_chunk(&mut self) -> Option<(usize, Vec<I::Item>)> {
        self.items.peek()?;
        self.tokens.recv().ok()?;
        let chunk: Vec<I::Item> = self.items.by_ref().take(CHUNK).collect();
        self.index += 1;
        Some((self.index - 1, chunk))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_whatever_the_jobs() {
        let n = 5_000;
        for jobs in [1, 2, 3, 8] {
            let mut out = Vec::new();
            ordered_map(
                0..n,
                jobs,
                |i: usize| {
                    // Uneven work, so that later items often finish first.
                    let spins = (n - i) % 97;
                    (0..spins).fold(i, |a, b| std::hint::black_box(a ^ b))
                        ^ (0..spins).fold(0, |a, b| a ^ b)
                },
                |x| {
                    out.push(x);
                    Ok::<(), ()>(())
                },
            )
            .unwrap();
            assert_eq!(out, (0..n).collect::<Vec<_>>(), "jobs {jobs}");
        }
    }

    #[test]
    fn a_sink_error_stops_the_stream() {
        for jobs in [1, 2] {
            let mut seen = 0;
            let r = ordered_map(
                0..100_000usize,
                jobs,
                |i| i,
                |i| {
                    seen += 1;
                    if i == 10 {
                        Err(i)
                    } else {
                        Ok(())
                    }
                },
            );
            assert_eq!(r, Err(10));
            assert_eq!(seen, 11, "jobs {jobs}");
        }
    }

    #[test]
    fn a_panic_while_reading_reaches_the_caller_instead_of_hanging() {
        for jobs in [2, 3] {
            let result = std::panic::catch_unwind(|| {
                let items =
                    (0..10_000usize).inspect(|&i| assert!(i != 50, "item 50 is unreadable"));
                ordered_map(items, jobs, |i| i, |_| Ok::<(), ()>(()))
            });
            assert!(result.is_err(), "jobs {jobs}: the panic propagates");
        }
    }

    #[test]
    fn the_hook_runs_before_workers_start_and_never_for_one_job() {
        thread_local! {
            static CALLS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
        }
        // The hook runs on the calling thread: other tests' runs, on
        // their own threads, do not count here.
        before_workers(|| CALLS.with(|c| c.set(c.get() + 1)));
        let run = |jobs| {
            let before = CALLS.with(std::cell::Cell::get);
            ordered_map(0..100usize, jobs, |i| i, |_| Ok::<(), ()>(())).unwrap();
            CALLS.with(std::cell::Cell::get) - before
        };
        assert_eq!(run(1), 0);
        assert_eq!(run(2), 1);
        assert_eq!(run(3), 1);
    }

    #[test]
    fn jobs_zero_means_every_core() {
        assert!(jobs(0) >= 1);
        assert_eq!(jobs(3), 3);
        assert_eq!(jobs(usize::MAX), MAX_JOBS);
    }

    #[test]
    fn a_panic_in_map_reaches_the_caller_instead_of_hanging() {
        for n in [5usize, 10_000] {
            let result = std::panic::catch_unwind(|| {
                ordered_map(
                    0..n,
                    2,
                    |i| {
                        assert!(i != 3, "item 3 is broken");
                        i
                    },
                    |_| Ok::<(), ()>(()),
                )
            });
            assert!(result.is_err(), "{n} items: the panic propagates");
        }
    }
}
