//! `rules fmt`: rewrites rule files in canonical form, keeping comments.
//!
//! - Frame `terms`, every `exclude` list, the cue lists' `terms`
//!   (contexts.toml) and the modifiers' `terms` and `exact` lists are
//!   sorted by their normalised pattern, a wildcard after
//!   the words it covers (so a specific term keeps winning ties against its
//!   wildcard), and exact duplicates are removed. Actor `aliases` and `exact`
//!   keep their order (the first alias is the name readers look for) and
//!   only lose duplicates.
//! - Term entries are written `{ pattern = …, weight = …, context = …,
//!   min-years-ago = …, note = … }`, one per line; lists wider than 100
//!   columns, or with comments, one item per line; shorter lists on one
//!   line.
//! - Frame files put `id`, `label`, `description`, `color`, `context`,
//!   `terms`, `exclude` first, in that order.
//!
//! A comment on the same line as an item, or on the lines just above it,
//! moves with the item.

use toml_edit::{Array, DocumentMut, Item, Table, Value};

use crate::error::{line_col, Error, Location};
use crate::pack::files;
use crate::text::normalize::normalize_pattern;

/// The widest a one-line list may be (`key = [ … ]`) before it is written
/// one item per line.
const LINE_WIDTH: usize = 100;

/// How a list is canonicalised.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Order {
    /// Sorted by normalised pattern, duplicates removed.
    Sorted,
    /// Declaration order kept, duplicates removed.
    Kept,
}

/// Formats one rule file (`path` is relative to the pack root, which says
/// what kind of file it is). Files that are not part of a pack are returned
/// unchanged.
///
/// # Errors
///
/// [`Error::Input`] at the line and column where `text` stops being TOML.
pub fn format_file(path: &str, text: &str) -> Result<String, Error> {
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| {
        let (line, col) = e.span().map_or((1, 1), |s| line_col(text, s.start));
        Error::Input {
            at: Location::line(path, line, Some(col)),
            message: e.message().trim_end().to_string(),
        }
    })?;
    let root = doc.as_table_mut();
    if path.starts_with(files::FRAMES_DIR) {
        canonical_list(root, "terms", Order::Sorted);
        canonical_list(root, "exclude", Order::Sorted);
        const KEYS: [&str; 7] = [
            "id",
            "label",
            "description",
            "color",
            "context",
            "terms",
            "exclude",
        ];
        let rank = |k: &str| KEYS.iter().position(|x| *x == k).unwrap_or(KEYS.len());
        root.sort_values_by(|a, _, b, _| rank(a.get()).cmp(&rank(b.get())));
    } else if path == files::ACTORS || path.starts_with(files::ACTORS_DIR) {
        canonical_list(root, "exclude", Order::Sorted);
        if let Some(actors) = root.get_mut("actor").and_then(Item::as_array_of_tables_mut) {
            for actor in actors.iter_mut() {
                canonical_list(actor, "aliases", Order::Kept);
                canonical_list(actor, "exact", Order::Kept);
                canonical_list(actor, "places", Order::Kept);
                canonical_list(actor, "exclude", Order::Sorted);
            }
        }
    } else if path == files::NAMES {
        if let Some(lists) = root.get_mut("list").and_then(Item::as_array_of_tables_mut) {
            for list in lists.iter_mut() {
                canonical_list(list, "surnames", Order::Sorted);
                for key in ["given", "men", "women"] {
                    canonical_list(list, key, Order::Sorted);
                }
            }
        }
    } else if path == files::STANCE {
        for key in [
            "positive",
            "negative",
            "exclude",
            "clause-breaks",
            "fronted-openers",
            "compound-agents",
            "conditionals",
            "prepositions",
            "opponent-words",
            "opponent-nouns",
            "object-stops",
            "reflexives",
            "of-complements",
            "topic-nouns",
            "qualifier-prefixes",
            "reporting-verbs",
        ] {
            canonical_list(root, key, Order::Sorted);
        }
        if let Some(table) = root.get_mut("passive").and_then(Item::as_table_mut) {
            canonical_list(table, "auxiliaries", Order::Sorted);
            canonical_list(table, "adjectives", Order::Sorted);
            canonical_list(table, "adverbs", Order::Sorted);
        }
        if let Some(table) = root.get_mut("undoing").and_then(Item::as_table_mut) {
            canonical_list(table, "words", Order::Sorted);
        }
    } else if path == files::CONTEXTS {
        if let Some(lists) = root.get_mut("cues").and_then(Item::as_array_of_tables_mut) {
            for list in lists.iter_mut() {
                canonical_list(list, "terms", Order::Sorted);
                canonical_list(list, "exact", Order::Sorted);
                canonical_list(list, "exclude", Order::Sorted);
            }
        }
    } else if path == files::MODIFIERS {
        for section in ["negation", "intensifier", "dampener", "hedge"] {
            if let Some(table) = root.get_mut(section).and_then(Item::as_table_mut) {
                canonical_list(table, "terms", Order::Sorted);
                canonical_list(table, "exact", Order::Sorted);
            }
        }
    }
    Ok(doc.to_string())
}

/// One list item with the comments that belong to it.
struct Entry {
    value: Value,
    /// Comment lines just above the item.
    above: Vec<String>,
    /// Comment on the item's own line.
    trailing: Option<String>,
}

/// The comment lines in `raw`, trimmed.
fn comment_lines(raw: &str) -> Vec<String> {
    raw.lines()
        .map(str::trim)
        .filter(|l| l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// Splits a decor at its first line break: (same line, following lines).
fn split_first_line(raw: &str) -> (&str, &str) {
    raw.split_once('\n').unwrap_or((raw, ""))
}

/// The text of an item that decides its place and identity: the string, or
/// a term's `pattern`.
fn pattern_of(value: &Value) -> &str {
    match value {
        Value::String(s) => s.value(),
        Value::InlineTable(t) => t.get("pattern").and_then(Value::as_str).unwrap_or(""),
        _ => "",
    }
}

fn sort_key(pattern: &str) -> (String, bool) {
    let trimmed = pattern.trim();
    match trimmed.strip_suffix('*') {
        Some(base) => (normalize_pattern(base, true) + "\u{10FFFF}", true),
        None => (normalize_pattern(trimmed, true), false),
    }
}

/// Two items are duplicates when they normalise to the same pattern and,
/// for terms, carry the same weight, context, `min-years-ago` and note.
fn same_entry(a: &Value, b: &Value) -> bool {
    if sort_key(pattern_of(a)) != sort_key(pattern_of(b)) {
        return false;
    }
    match (a, b) {
        (Value::InlineTable(x), Value::InlineTable(y)) => {
            let weight = |t: &toml_edit::InlineTable| {
                t.get("weight")
                    .and_then(|w| w.as_float().or_else(|| w.as_integer().map(|i| i as f64)))
                    .unwrap_or(1.0)
            };
            let text = |t: &toml_edit::InlineTable, key: &str| {
                t.get(key).and_then(Value::as_str).map(str::to_string)
            };
            weight(x) == weight(y)
                && text(x, "note") == text(y, "note")
                && text(x, "context") == text(y, "context")
                && x.get("min-years-ago").and_then(Value::as_integer)
                    == y.get("min-years-ago").and_then(Value::as_integer)
        }
        _ => true,
    }
}

fn canonical_list(table: &mut Table, key: &str, order: Order) {
    let Some(array) = table.get_mut(key).and_then(Item::as_array_mut) else {
        return;
    };
    // Collect items with their comments.
    let mut entries: Vec<Entry> = Vec::new();
    let mut pending_trailing: Option<String> = None;
    for (i, value) in array.iter().enumerate() {
        let prefix = value
            .decor()
            .prefix()
            .and_then(|p| p.as_str())
            .unwrap_or("");
        let (same_line, rest) = split_first_line(prefix);
        let mut above = Vec::new();
        if i == 0 {
            above.extend(comment_lines(prefix));
        } else {
            let same = same_line.trim();
            if same.starts_with('#') {
                pending_trailing = Some(same.to_string());
            }
            if let Some(prev) = entries.last_mut() {
                prev.trailing = pending_trailing.take();
            }
            above.extend(comment_lines(rest));
        }
        let mut value = value.clone();
        value.decor_mut().clear();
        if let Value::InlineTable(t) = &mut value {
            const KEYS: [&str; 5] = ["pattern", "weight", "context", "min-years-ago", "note"];
            let rank = |k: &str| KEYS.iter().position(|x| *x == k).unwrap_or(KEYS.len());
            t.sort_values_by(|a, _, b, _| rank(a.get()).cmp(&rank(b.get())));
            t.fmt();
        }
        entries.push(Entry {
            value,
            above,
            trailing: None,
        });
    }
    let tail = array.trailing().as_str().unwrap_or("").to_string();
    let (tail_same, tail_rest) = split_first_line(&tail);
    if let Some(last) = entries.last_mut() {
        if tail_same.trim().starts_with('#') {
            last.trailing = Some(tail_same.trim().to_string());
        }
    }
    let closing_comments = comment_lines(if entries.is_empty() { &tail } else { tail_rest });

    if order == Order::Sorted {
        // Stable: among patterns equal once normalised, declaration order
        // decides which rule wins ties, so it is kept.
        entries.sort_by_key(|e| sort_key(pattern_of(&e.value)));
    }
    // Remove duplicates, keeping the first and its comments plus the dropped ones'.
    let mut kept: Vec<Entry> = Vec::new();
    for e in entries {
        match kept.iter_mut().find(|k| same_entry(&k.value, &e.value)) {
            Some(k) => {
                k.above.extend(e.above);
                if k.trailing.is_none() {
                    k.trailing = e.trailing;
                } else if let Some(t) = e.trailing {
                    k.above.push(t);
                }
            }
            None => kept.push(e),
        }
    }

    let one_line_width = key.len()
        + "  = []".len()
        + kept
            .iter()
            .map(|e| e.value.to_string().trim().len() + 2)
            .sum::<usize>();
    let multiline = kept
        .iter()
        .any(|e| matches!(e.value, Value::InlineTable(_)))
        || one_line_width > LINE_WIDTH
        || kept
            .iter()
            .any(|e| !e.above.is_empty() || e.trailing.is_some())
        || !closing_comments.is_empty();
    let mut out = Array::new();
    let mut previous_trailing: Option<String> = None;
    for (i, e) in kept.into_iter().enumerate() {
        let mut value = e.value;
        let prefix = if multiline {
            let mut p = previous_trailing
                .take()
                .map(|t| format!(" {t}"))
                .unwrap_or_default();
            p.push('\n');
            for c in &e.above {
                p.push_str("  ");
                p.push_str(c);
                p.push('\n');
            }
            p.push_str("  ");
            p
        } else if i == 0 {
            String::new()
        } else {
            " ".to_string()
        };
        value.decor_mut().set_prefix(prefix);
        value.decor_mut().set_suffix("");
        previous_trailing = e.trailing;
        out.push_formatted(value);
    }
    if multiline {
        let mut trailing = previous_trailing
            .map(|t| format!(" {t}"))
            .unwrap_or_default();
        trailing.push('\n');
        for c in &closing_comments {
            trailing.push_str("  ");
            trailing.push_str(c);
            trailing.push('\n');
        }
        out.set_trailing(trailing);
        out.set_trailing_comma(true);
    }
    let decor = array.decor().clone();
    *out.decor_mut() = decor;
    *array = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_terms_keeps_comments_and_drops_exact_duplicates() {
        let text = r#"label = "A"
# terms of the frame
terms = [
  { weight = 2.0, pattern = "threat*" },
  # the noun
  { pattern = "threats", weight = 1.0 }, # beats the wildcard on ties
  { pattern = "ally" },
  { pattern = "Ally" },
]
color = "red"
"#;
        let want = r#"label = "A"
color = "red"
# terms of the frame
terms = [
  { pattern = "ally" },
  # the noun
  { pattern = "threats", weight = 1.0 }, # beats the wildcard on ties
  { pattern = "threat*", weight = 2.0 },
]
"#;
        let got = format_file("frames/a.toml", text).unwrap();
        assert_eq!(got, want);
        assert_eq!(
            format_file("frames/a.toml", &got).unwrap(),
            got,
            "idempotent"
        );
    }

    #[test]
    fn terms_with_different_weights_are_both_kept() {
        let text = "label = \"A\"\nterms = [{ pattern = \"ally\" }, { pattern = \"ally\", weight = 2.0 }]\n";
        let got = format_file("frames/a.toml", text).unwrap();
        assert_eq!(got.matches("pattern = \"ally\"").count(), 2, "{got}");
    }

    #[test]
    fn min_years_ago_is_written_before_the_note_and_tells_terms_apart() {
        let text = "label = \"A\"\nterms = [{ note = \"n\", min-years-ago = 5, pattern = \"19*\" }, { pattern = \"19*\", note = \"n\" }, { pattern = \"19*\", min-years-ago = 5, note = \"n\" }]\n";
        let got = format_file("frames/a.toml", text).unwrap();
        assert_eq!(
            got,
            "label = \"A\"\nterms = [\n  { pattern = \"19*\", min-years-ago = 5, note = \"n\" },\n  { pattern = \"19*\", note = \"n\" },\n]\n"
        );
    }

    #[test]
    fn aliases_keep_their_order_and_short_lists_stay_on_one_line() {
        let text =
            "[[actor]]\nid = \"USA\"\naliases = [\"United States\",\"US\", \"United States\"]\n";
        let got = format_file("actors.toml", text).unwrap();
        assert_eq!(
            got,
            "[[actor]]\nid = \"USA\"\naliases = [\"United States\", \"US\"]\n"
        );
    }

    #[test]
    fn long_lists_go_one_per_line() {
        let text = "[hedge]\nterms = [\"may\", \"could\", \"might\", \"possibly\", \"reportedly\", \"allegedly\", \"likely\", \"apparently\", \"seemingly\", \"probably\"]\n";
        let got = format_file("modifiers.toml", text).unwrap();
        assert!(
            got.starts_with("[hedge]\nterms = [\n  \"allegedly\",\n  \"apparently\",\n"),
            "{got}"
        );
        assert!(got.ends_with("  \"seemingly\",\n]\n"), "{got}");
    }

    #[test]
    fn invalid_toml_is_located() {
        let err = format_file("frames/a.toml", "label = \"A\"\nterms = [\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("frames/a.toml:2:10: unclosed array"),
            "{err}"
        );
    }
}
