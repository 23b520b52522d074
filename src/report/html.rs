//! The page: one HTML file with the report's stylesheet, script, data and
//! the vendored chart libraries inline, so it opens offline and can be
//! mailed as it is.

use std::fmt::Write as _;

use crate::report::data::ReportData;

/// The chart libraries, from `assets/vendor/` (see its README): name,
/// version, source and licence.
pub(crate) const VENDORED: [(&str, &str, &str, &str); 3] = [
    (
        "vega",
        "6.4.0",
        include_str!("../../assets/vendor/vega.min.js"),
        include_str!("../../assets/vendor/LICENSE-vega.txt"),
    ),
    (
        "vega-lite",
        "6.5.0",
        include_str!("../../assets/vendor/vega-lite.min.js"),
        include_str!("../../assets/vendor/LICENSE-vega-lite.txt"),
    ),
    (
        "vega-embed",
        "7.3.0",
        include_str!("../../assets/vendor/vega-embed.min.js"),
        include_str!("../../assets/vendor/LICENSE-vega-embed.txt"),
    ),
];

const CSS: &str = include_str!("../../assets/report/report.css");
const SCRIPT: &str = include_str!("../../assets/report/report.js");

/// `text` escaped for HTML text and attribute values.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// JSON safe inside a `<script>` element: `<`, `>` and `&` as `\u` escapes
/// (valid JSON, and no `</script>` or `<!--` can appear), and the line
/// separators U+2028/U+2029 escaped too.
pub(crate) fn script_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len() + json.len() / 64);
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The data as embedded in the page (compact JSON, script-safe).
pub(crate) fn data_json(data: &ReportData) -> String {
    script_json(&serde_json::to_string(data).expect("report data serializes"))
}

/// The whole page for `data`.
pub(crate) fn page(data: &ReportData) -> String {
    let title = escape(&data.title);
    let json = data_json(data);
    let vendor_size: usize = VENDORED.iter().map(|v| v.2.len()).sum();
    let mut out =
        String::with_capacity(json.len() + vendor_size + CSS.len() + SCRIPT.len() + 16_384);
    let o = &data.overview;
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"framescope {version}\">\n\
         <title>{title}</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n\
         <a class=\"skip\" href=\"#articles\">Skip to the articles</a>\n\
         <header>\n<h1>{title}</h1>\n<p class=\"stamp\">{docs} · rules {rules} · hash {hash}</p>\n\
         <nav aria-label=\"Sections\"><ul>\
         <li><a href=\"#overview\">Overview</a></li>\
         <li><a href=\"#groups\">Groups</a></li>\
         <li><a href=\"#paired\">Same events</a></li>\
         <li><a href=\"#time\">Over time</a></li>\
         <li><a href=\"#actors\">Actors</a></li>\
         <li><a href=\"#articles\">Articles</a></li>\
         </ul></nav>\n</header>\n<main>\n\
         <noscript><p>This report draws its charts and its article list with JavaScript, which is off: turn it on to read it (nothing is loaded from the network).</p></noscript>\n",
        version = env!("CARGO_PKG_VERSION"),
        docs = crate::render::count(o.documents as u64, "article"),
        rules = escape(&data.rules.id),
        hash = escape(&data.rules.hash),
    );
    for (id, heading) in [
        ("overview", "Overview"),
        ("groups", "Groups"),
        ("paired", "Same events"),
        ("time", "Over time"),
        ("actors", "Actors"),
        ("articles", "Articles"),
    ] {
        let _ = writeln!(
            out,
            "<section id=\"{id}\" aria-labelledby=\"{id}-h\"><h2 id=\"{id}-h\">{heading}</h2></section>"
        );
    }
    out.push_str("</main>\n<footer>\n<p>Made by framescope ");
    out.push_str(env!("CARGO_PKG_VERSION"));
    out.push_str(" from the rules and the articles named above; every number can be traced to the words and rules that made it. Charts: ");
    let names: Vec<String> = VENDORED
        .iter()
        .map(|(name, version, _, _)| format!("{name} {version}"))
        .collect();
    out.push_str(&names.join(", "));
    out.push_str(" (BSD-3-Clause), embedded in this file.</p>\n<details><summary>Software licences</summary>\n");
    for (name, version, _, licence) in VENDORED {
        let _ = write!(
            out,
            "<h3>{name} {version}</h3>\n<pre>{}</pre>\n",
            escape(licence.trim())
        );
    }
    out.push_str("</details>\n</footer>\n<div id=\"tip\" role=\"tooltip\" hidden></div>\n");
    out.push_str("<script type=\"application/json\" id=\"framescope-data\">");
    out.push_str(&json);
    out.push_str("</script>\n");
    for (name, _, source, _) in VENDORED {
        let _ = write!(
            out,
            "<script data-library=\"{name}\">\n{source}\n</script>\n"
        );
    }
    out.push_str("<script>\n");
    out.push_str(SCRIPT);
    out.push_str("</script>\n</body>\n</html>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_json_cannot_close_the_script_element() {
        let s = script_json(r#"{"t":"</script><!-- a & b \u2028"}"#);
        assert!(
            !s.contains('<') && !s.contains('>') && !s.contains('&'),
            "{s}"
        );
        let back: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(back["t"], "</script><!-- a & b \u{2028}");
    }

    #[test]
    fn inline_assets_cannot_close_their_elements() {
        for (name, _, source, _) in VENDORED {
            assert!(!source.to_ascii_lowercase().contains("</script"), "{name}");
        }
        assert!(!SCRIPT.to_ascii_lowercase().contains("</script"));
        assert!(!CSS.to_ascii_lowercase().contains("</style"));
    }

    #[test]
    fn vendored_files_are_the_pinned_upstream_builds() {
        use sha2::{Digest, Sha256};
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/vendor");
        let sums = std::fs::read_to_string(dir.join("SHA256SUMS")).unwrap();
        let package: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(dir.join("package.json")).unwrap())
                .unwrap();
        for (name, version, source, licence) in VENDORED {
            // The embedded copy is the file update.sh wrote, unchanged.
            let digest = format!("{:x}", Sha256::digest(source.as_bytes()));
            let line = format!("{digest}  {name}.min.js");
            assert!(
                sums.lines().any(|l| l == line),
                "{name}: {line} not in SHA256SUMS"
            );
            // The version it announces is the one pinned.
            assert_eq!(package["dependencies"][name], version, "{name}");
            let announced = [format!("version=\"{version}\""), format!("=\"{version}\"")];
            assert!(
                announced.iter().any(|a| source.contains(a.as_str())),
                "{name} is not {version}"
            );
            assert!(licence.contains("Redistribution and use"), "{name}");
        }
    }

    #[test]
    fn escape_covers_markup() {
        assert_eq!(
            escape(r#"<a href="x">&'"#),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
