//! Work counters for the scaling tests: [`tick`] marks steps of the inner
//! loops that once made the cost of one long input quadratic (modifiers
//! per term, mentions per stance cue, contributions per quote, lines per
//! diagnostic, links per `member-of` chain, rules per lint check). Under
//! `cfg(test)` the steps are counted on the current thread, so a unit test
//! can check that four times the input costs about four times the work
//! without timing anything; in other builds [`tick`] is empty.

/// Counts `n` steps of work on this thread (tests only; free otherwise).
#[cfg(not(test))]
#[inline(always)]
pub(crate) fn tick(_n: usize) {}

#[cfg(test)]
pub(crate) use counting::*;

#[cfg(test)]
mod counting {
    use std::cell::Cell;

    thread_local! {
        static STEPS: Cell<u64> = const { Cell::new(0) };
    }

    /// Counts `n` steps of work on this thread.
    pub(crate) fn tick(n: usize) {
        STEPS.with(|s| s.set(s.get() + n as u64));
    }

    /// Runs `f` and returns the steps it counted.
    pub(crate) fn steps(f: impl FnOnce()) -> u64 {
        let before = STEPS.with(Cell::get);
        f();
        STEPS.with(Cell::get) - before
    }

    /// Asserts that the work of `run(4 * n)` is at most five times that of
    /// `run(n)`: linear work gives about 4, quadratic work 16.
    pub(crate) fn assert_near_linear(what: &str, n: usize, run: impl Fn(usize)) {
        let small = steps(|| run(n)).max(1);
        let large = steps(|| run(4 * n));
        let ratio = large as f64 / small as f64;
        assert!(
            ratio <= 5.0,
            "{what}: {large} steps at 4x the input against {small} at 1x (ratio {ratio:.1}, at most 5)"
        );
    }
}
