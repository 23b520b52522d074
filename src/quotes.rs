//! Quotation spans: where a document quotes someone. Curly quotes pair
//! “…”; straight double quotes toggle. A quote still open at a line break
//! ends there (news paragraphs reopen a continued quote), so an unbalanced
//! quote never swallows the rest of the document.

/// The quoted spans of `text`, including the quote marks, in order.
pub fn quote_spans(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (c, open) {
            ('“', _) => open = Some(i),
            ('”', Some(s)) | ('"', Some(s)) => {
                out.push((s, i + c.len_utf8()));
                open = None;
            }
            ('"', None) => open = Some(i),
            ('\n', Some(s)) => {
                out.push((s, i));
                open = None;
            }
            _ => {}
        }
    }
    if let Some(s) = open {
        out.push((s, text.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        quote_spans(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn curly_and_straight_quotes() {
        assert_eq!(
            quoted("He said “firm support” and \"no\"."),
            ["“firm support”", "\"no\""]
        );
    }

    #[test]
    fn unbalanced_quote_stops_at_line_end() {
        assert_eq!(quoted("“Open quote\nNext paragraph."), ["“Open quote"]);
        assert_eq!(quoted("tail “never closed"), ["“never closed"]);
    }

    #[test]
    fn quote_spans_sentences() {
        assert_eq!(quoted("“One. Two,” he said."), ["“One. Two,”"]);
    }
}
