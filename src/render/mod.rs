//! Rendering profiles for people and programs: the at-a-glance table, the
//! sentence-by-sentence `explain` view, and JSON. Renderers return strings;
//! only the CLI writes them.

mod explain;
mod table;

pub use explain::{explain, Style};
pub use table::table;

use crate::profile::ArticleProfile;

/// Pretty JSON for a list of profiles.
pub fn json(profiles: &[ArticleProfile]) -> String {
    let mut out = serde_json::to_string_pretty(profiles).expect("profiles serialize");
    out.push('\n');
    out
}

/// Formats a score compactly: two decimals.
pub(crate) fn num(x: f64) -> String {
    format!("{x:.2}")
}
