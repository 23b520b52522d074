//! Rendering profiles for people and programs: the at-a-glance table, the
//! sentence-by-sentence `explain` view, and JSON. Renderers return strings;
//! only the CLI writes them.

mod csv;
mod explain;
mod table;

pub(crate) use csv::CsvProfiles;
pub use explain::{explain, explain_document, Style};
pub(crate) use table::{table_entry, table_header};

use crate::profile::article::ArticleProfile;

/// One profile as an element of a pretty JSON array (`classify --format
/// json`): pretty JSON indented by two spaces, without a separator.
pub(crate) fn json_element(p: &ArticleProfile) -> String {
    let pretty = serde_json::to_string_pretty(p).expect("profiles serialize");
    let mut out = String::with_capacity(pretty.len() + pretty.len() / 8);
    for (i, line) in pretty.lines().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str("  ");
        out.push_str(line);
    }
    out
}

/// Formats a score compactly: two decimals.
pub(crate) fn num(x: f64) -> String {
    format!("{x:.2}")
}

/// `noun`, or its plural unless `n` is one: "1 document", "2 documents",
/// "0 documents"; `es` after a sibilant ("2 matches").
pub(crate) fn plural(n: u64, noun: &str) -> String {
    if n == 1 {
        noun.to_string()
    } else if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|end| noun.ends_with(end))
    {
        format!("{noun}es")
    } else {
        format!("{noun}s")
    }
}

/// `n` and its noun: "1 document", "3 documents".
pub(crate) fn count(n: u64, noun: &str) -> String {
    format!("{n} {}", plural(n, noun))
}
