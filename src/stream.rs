//! Parallel, ordered, bounded streaming: items are read on one thread,
//! gathered into small batches (by text bytes), mapped on a pool of worker
//! threads, and handed to the sink in input order. At most two batches are
//! in memory at a time (one being mapped, one read ahead), so memory does
//! not grow with the input, and the output is the same whatever the number
//! of threads. With one job everything runs on the calling thread.

use std::sync::mpsc::sync_channel;

use rayon::prelude::*;

/// Text bytes gathered into one batch before it is mapped.
pub const BATCH_BYTES: usize = 1 << 20;
/// Items in one batch at most (many tiny documents).
pub const BATCH_ITEMS: usize = 512;

/// The number of threads to use for `--jobs N`: `N`, or every core for 0.
pub fn jobs(requested: usize) -> usize {
    if requested > 0 {
        requested
    } else {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    }
}

/// Maps `items` through `map` on `jobs` threads and hands each result to
/// `sink` in input order. `weight` tells an item's size in bytes, for
/// batching. The first error from `sink` stops the stream and is returned.
///
/// # Errors
///
/// Whatever `sink` returns.
pub fn ordered_map<I, U, T, E>(
    items: I,
    jobs: usize,
    weight: impl Fn(&U) -> usize + Send,
    map: impl Fn(U) -> T + Sync,
    mut sink: impl FnMut(T) -> Result<(), E>,
) -> Result<(), E>
where
    I: Iterator<Item = U> + Send,
    U: Send,
    T: Send,
{
    if jobs <= 1 {
        for item in items {
            sink(map(item))?;
        }
        return Ok(());
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .expect("a thread pool");
    std::thread::scope(|scope| {
        let (tx, rx) = sync_channel::<Vec<U>>(1);
        scope.spawn(move || {
            let mut batch = Vec::new();
            let mut bytes = 0;
            for item in items {
                bytes += weight(&item);
                batch.push(item);
                if bytes >= BATCH_BYTES || batch.len() >= BATCH_ITEMS {
                    if tx.send(std::mem::take(&mut batch)).is_err() {
                        return;
                    }
                    bytes = 0;
                }
            }
            if !batch.is_empty() {
                let _ = tx.send(batch);
            }
        });
        for batch in rx {
            let mapped: Vec<T> = pool.install(|| batch.into_par_iter().map(&map).collect());
            for t in mapped {
                sink(t)?;
            }
        }
        Ok(())
    })
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
                |i| (*i % 7) * 300,
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
                |_| 1,
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
    fn jobs_zero_means_every_core() {
        assert!(jobs(0) >= 1);
        assert_eq!(jobs(3), 3);
    }
}
