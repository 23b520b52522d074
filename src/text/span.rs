//! Byte spans of a document's text: where a match, mention, quotation or
//! sentence stands. Results hold them typed; output writes `[start, end]`.

use serde::{Serialize, Serializer};

/// The bytes `start..end` of a text, on character boundaries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The span `start..end`.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end} runs backwards");
        Span { start, end }
    }

    /// Its words in `text`, the text it indexes.
    pub fn of(self, text: &str) -> &str {
        &text[self.start..self.end]
    }

    /// Whether `other` lies within it.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Whether it shares a byte with `other`.
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// The item of `items` whose span (`span_of`) holds `span`, if one does.
/// `items` are in text order and their spans disjoint, so the only
/// candidate is the last that starts at or before `span`: a binary search.
pub(crate) fn holding<T>(items: &[T], span_of: impl Fn(&T) -> Span, span: Span) -> Option<&T> {
    let i = items.partition_point(|x| span_of(x).start <= span.start);
    let item = &items[i.checked_sub(1)?];
    span_of(item).contains(span).then_some(item)
}

/// The items of `items` (sorted by start, `start_of`) that start inside
/// `span`, for a walk over spans in text order: `cursor` is where the
/// previous span's items ended, and moves past those before `span` and then
/// past those inside it. Linear over the whole walk.
pub(crate) fn starting_within<T>(
    items: &[T],
    cursor: &mut usize,
    span: Span,
    start_of: impl Fn(&T) -> usize,
) -> std::ops::Range<usize> {
    while *cursor < items.len() && start_of(&items[*cursor]) < span.start {
        *cursor += 1;
    }
    let first = *cursor;
    while *cursor < items.len() && start_of(&items[*cursor]) < span.end {
        *cursor += 1;
    }
    first..*cursor
}

impl From<Span> for [usize; 2] {
    fn from(s: Span) -> [usize; 2] {
        [s.start, s.end]
    }
}

impl Serialize for Span {
    /// As `[start, end]`.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_is_written_as_a_pair_and_reads_its_words() {
        let s = Span::new(4, 9);
        assert_eq!(serde_json::to_string(&s).unwrap(), "[4,9]");
        assert_eq!(s.of("the quick fox"), "quick");
        assert!(s.contains(Span::new(5, 9)) && !s.contains(Span::new(3, 6)));
        assert!(s.overlaps(Span::new(3, 5)) && s.overlaps(Span::new(8, 12)));
        assert!(!s.overlaps(Span::new(0, 4)) && !s.overlaps(Span::new(9, 10)));
        assert!(Span::new(1, 5) < Span::new(2, 3) && Span::new(1, 3) < Span::new(1, 5));
    }

    #[test]
    fn the_holding_span_is_found_among_disjoint_ones() {
        let spans = [Span::new(0, 5), Span::new(8, 12), Span::new(12, 20)];
        let held = |s, e| holding(&spans, |&x| x, Span::new(s, e)).copied();
        assert_eq!(held(9, 12), Some(Span::new(8, 12)));
        assert_eq!(held(12, 12), Some(Span::new(12, 20)));
        assert_eq!(held(0, 5), Some(Span::new(0, 5)));
        assert_eq!(held(4, 9), None, "across two spans");
        assert_eq!(held(6, 7), None, "between spans");
        assert_eq!(held(18, 21), None, "past the last one's end");
    }
}
