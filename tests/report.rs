//! `framescope report`: the data embedded in the page (snapshots for the
//! seeds and for a small invented grouped corpus), determinism, the same
//! report from articles and from their `classify` output, the cap on
//! article bodies, and the errors a user can make.

mod common;

use common::{framescope, text, TempDir};

use std::path::Path;

const FIXTURE: &str = "tests/fixtures/report/grouped.jsonl";

/// Writes the report of `args` to `out` and returns the page.
fn report(args: &[&str], out: &Path) -> String {
    let mut all = vec!["report"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-q", "-o", out.to_str().unwrap()]);
    let o = framescope(&all);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    std::fs::read_to_string(out).unwrap()
}

/// The JSON embedded in the page.
fn embedded(page: &str) -> serde_json::Value {
    let start = page
        .find(r#"<script type="application/json" id="framescope-data">"#)
        .expect("the page embeds its data");
    let rest = &page[start..];
    let json = &rest[rest.find('>').unwrap() + 1..rest.find("</script>").unwrap()];
    serde_json::from_str(json).unwrap()
}

/// `frames/threat.toml:16` as `frames/threat.toml:N`: declaration lines
/// move with every rule edit, and a reviewer cannot judge them.
fn redact_lines(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::String(s) => {
            if let Some((file, line)) = s.rsplit_once(':') {
                if file.ends_with(".toml") && line.chars().all(|c| c.is_ascii_digit()) {
                    *s = format!("{file}:N");
                }
            }
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(redact_lines),
        serde_json::Value::Object(o) => o.values_mut().for_each(redact_lines),
        _ => {}
    }
}

/// The data with each article body cut to its first `keep` sentences (the
/// sentence and contribution counts stay), to keep the snapshot readable.
fn for_snapshot(mut data: serde_json::Value, keep: usize) -> serde_json::Value {
    redact_lines(&mut data);
    // The pack's hash changes with every edit of the pack; the page carries
    // it, the snapshot need not.
    if let Some(hash) = data.pointer_mut("/rules/hash") {
        *hash = "[hash]".into();
    }
    for body in data["bodies"].as_array_mut().unwrap() {
        let sentences = body["sentences"].as_array_mut().unwrap();
        let contributions: usize = sentences
            .iter()
            .map(|s| s.get("c").and_then(|c| c.as_array()).map_or(0, Vec::len))
            .sum();
        let n = sentences.len();
        sentences.truncate(keep);
        body["sentence_count"] = n.into();
        body["contribution_count"] = contributions.into();
    }
    data
}

/// Pretty JSON with every array or object of scalars (an interval, a
/// frame's densities, a sentence's contribution) on one line, so that the
/// snapshot reads as a table rather than a column of numbers.
fn compact(v: &serde_json::Value, indent: usize, out: &mut String) {
    use serde_json::Value;
    let flat = |v: &Value| match v {
        Value::Array(a) => a
            .iter()
            .all(|x| !x.is_array() && !x.is_object() || is_small(x)),
        Value::Object(o) => o
            .values()
            .all(|x| !x.is_array() && !x.is_object() || is_small(x)),
        _ => true,
    };
    fn is_small(v: &serde_json::Value) -> bool {
        v.to_string().len() <= 60 && !v.to_string().contains('{')
    }
    let pad = "  ".repeat(indent + 1);
    match v {
        Value::Array(a) if !a.is_empty() && !flat(v) => {
            out.push_str("[\n");
            for (i, x) in a.iter().enumerate() {
                out.push_str(&pad);
                compact(x, indent + 1, out);
                out.push_str(if i + 1 < a.len() { ",\n" } else { "\n" });
            }
            out.push_str(&"  ".repeat(indent));
            out.push(']');
        }
        Value::Object(o) if !o.is_empty() && !flat(v) => {
            out.push_str("{\n");
            for (i, (k, x)) in o.iter().enumerate() {
                out.push_str(&pad);
                out.push_str(&serde_json::to_string(k).unwrap());
                out.push_str(": ");
                compact(x, indent + 1, out);
                out.push_str(if i + 1 < o.len() { ",\n" } else { "\n" });
            }
            out.push_str(&"  ".repeat(indent));
            out.push('}');
        }
        _ => out.push_str(&serde_json::to_string(v).unwrap()),
    }
}

fn snapshot_text(v: &serde_json::Value) -> String {
    let mut out = String::new();
    compact(v, 0, &mut out);
    out.push('\n');
    out
}

#[test]
fn seeds_report_data() {
    let dir = TempDir::new("seeds");
    let page = report(&["seeds"], &dir.path("seeds.html"));
    let data = embedded(&page);
    // Every seed is included with all its sentences; no groups without --by.
    assert_eq!(data["overview"]["documents"], 4);
    assert_eq!(data["bodies"].as_array().unwrap().len(), 4);
    assert_eq!(data["overview"]["sentences"], 85);
    assert!(data["groups"].is_null() && data["paired"].is_null());
    insta::assert_snapshot!("report_seeds", snapshot_text(&for_snapshot(data, 2)));
}

#[test]
fn grouped_report_data() {
    let dir = TempDir::new("grouped");
    let page = report(
        &[
            FIXTURE,
            "--by",
            "outlet",
            "--pair-by",
            "event",
            "--min-docs",
            "3",
        ],
        &dir.path("grouped.html"),
    );
    let data = embedded(&page);
    let groups = data["groups"]["rows"].as_array().unwrap();
    assert_eq!(groups.len(), 4);
    // The one-article outlet is marked as a small group.
    let small = groups.iter().find(|g| g["group"] == "Small Post").unwrap();
    assert_eq!(small["few"], true);
    // Four events, each covered by the three regular outlets.
    assert_eq!(data["paired"]["events"], 4);
    // Dated by month (Jan-Apr 2024); the undated article is counted.
    assert_eq!(data["time"]["unit"], "month");
    assert_eq!(data["overview"]["undated"], 1);
    insta::assert_snapshot!("report_grouped", snapshot_text(&for_snapshot(data, 3)));
}

#[test]
fn highlights_point_at_the_matched_words() {
    let dir = TempDir::new("spans");
    let data = embedded(&report(&[FIXTURE], &dir.path("r.html")));
    let rules = data["rule_table"].as_array().unwrap();
    let mut checked = 0;
    for body in data["bodies"].as_array().unwrap() {
        for s in body["sentences"].as_array().unwrap() {
            let t: Vec<u16> = s["t"].as_str().unwrap().encode_utf16().collect();
            for c in s.get("c").and_then(|c| c.as_array()).into_iter().flatten() {
                let (a, b) = (
                    c["a"].as_u64().unwrap() as usize,
                    c["b"].as_u64().unwrap() as usize,
                );
                let word = String::from_utf16(&t[a..b]).unwrap().to_lowercase();
                let rule = rules[c["r"].as_u64().unwrap() as usize]["id"]
                    .as_str()
                    .unwrap();
                // The span holds the rule's pattern (a wildcard's stem).
                let pattern = rule.split_once(':').unwrap().1.trim_end_matches('*');
                let first = pattern.split(' ').next().unwrap();
                assert!(word.starts_with(first), "{word:?} for {rule}");
                checked += 1;
            }
        }
    }
    assert!(checked > 50, "{checked}");
}

#[test]
fn the_same_input_gives_the_same_bytes_from_articles_or_profiles() {
    let dir = TempDir::new("same");
    let args = [
        "--by",
        "outlet",
        "--pair-by",
        "event",
        "--min-docs",
        "3",
        "--title",
        "t",
    ];
    let with = |input: &str, extra: &[&str], out: &str| {
        let mut all = vec![input];
        all.extend_from_slice(&args);
        all.extend_from_slice(extra);
        report(&all, &dir.path(out))
    };
    let a = with(FIXTURE, &["--jobs", "1"], "a.html");
    let b = with(FIXTURE, &["--jobs", "2"], "b.html");
    assert!(a == b, "the report differs between 1 and 2 threads");
    // From classify's output, not classified again: the same page.
    let profiles = dir.path("profiles.jsonl");
    let o = framescope(&[
        "classify",
        FIXTURE,
        "--format",
        "jsonl",
        "-q",
        "-o",
        profiles.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    let c = with(profiles.to_str().unwrap(), &[], "c.html");
    assert!(
        a == c,
        "the report of the profiles differs from the report of the articles"
    );
}

#[test]
fn bodies_are_capped_reproducibly_and_the_rest_listed() {
    let dir = TempDir::new("cap");
    let data = embedded(&report(
        &[FIXTURE, "--max-articles", "5"],
        &dir.path("a.html"),
    ));
    let articles = data["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 13, "every article is listed");
    let with_body: Vec<&str> = articles
        .iter()
        .filter(|a| !a["body"].is_null())
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(with_body.len(), 5);
    assert_eq!(data["overview"]["bodies"], 5);
    // Bodies follow the list order and point back at their article.
    for (i, body) in data["bodies"].as_array().unwrap().iter().enumerate() {
        let a = &articles[body["article"].as_u64().unwrap() as usize];
        assert_eq!(a["body"], i);
    }
    // The choice depends on the ids, not on the order they come in.
    let reversed = dir.path("reversed.jsonl");
    let lines: Vec<String> =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(FIXTURE))
            .unwrap()
            .lines()
            .rev()
            .map(String::from)
            .collect();
    std::fs::write(&reversed, lines.join("\n") + "\n").unwrap();
    let data = embedded(&report(
        &[reversed.to_str().unwrap(), "--max-articles", "5"],
        &dir.path("b.html"),
    ));
    let mut again: Vec<&str> = data["articles"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| !a["body"].is_null())
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    let mut first = with_body.clone();
    first.sort_unstable();
    again.sort_unstable();
    assert_eq!(first, again);
}

#[test]
fn the_page_is_self_contained_and_titled() {
    let dir = TempDir::new("page");
    let page = report(&["seeds", "--title", "Seeds <b>& co"], &dir.path("p.html"));
    assert!(page.starts_with("<!doctype html>"));
    assert!(page.contains("<title>Seeds &lt;b&gt;&amp; co</title>"));
    // The markup loads nothing from elsewhere: no `src`, and links are
    // in-page anchors (the browser test also fails on any request).
    let mut markup = String::new();
    let mut rest = page.as_str();
    while let Some(at) = rest.find("<script") {
        markup.push_str(&rest[..at]);
        rest = &rest[at + rest[at..].find("</script>").unwrap()..];
    }
    markup.push_str(rest);
    for attr in [" src=", "href=\"http", "href=\"//", "@import", "url("] {
        assert!(
            !markup.contains(attr),
            "the page refers outside itself: {attr}"
        );
    }
    assert!(markup.matches("href=\"#").count() >= 7);
    // The chart libraries and their licences are inline.
    for library in ["vega", "vega-lite", "vega-embed"] {
        assert!(
            page.contains(&format!("<script data-library=\"{library}\">")),
            "{library}"
        );
    }
    assert!(page.contains("University of Washington Interactive Data Lab"));
    // The default title names the inputs.
    let page = report(&["seeds"], &dir.path("q.html"));
    assert!(page.contains("<title>framescope report: seeds</title>"));
}

#[test]
fn usage_errors() {
    let o = framescope(&["report", "seeds", "--pair-by", "event"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("--by"), "{}", text(&o.stderr));

    // Profiles of two rule packs are not mixed.
    let dir = TempDir::new("mixed");
    let profiles = dir.path("p.jsonl");
    let o = framescope(&[
        "classify",
        "seeds",
        "--format",
        "jsonl",
        "-q",
        "-o",
        profiles.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(0));
    let text_in = std::fs::read_to_string(&profiles).unwrap();
    let other = text_in
        .replacen("framescope-default@", "other-pack@", 1)
        .replacen("\"hash\":\"", "\"hash\":\"0", 1);
    let mixed = dir.path("mixed.jsonl");
    std::fs::write(&mixed, other).unwrap();
    let out = dir.path("m.html");
    let o = framescope(&[
        "report",
        mixed.to_str().unwrap(),
        "-q",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o.stderr));
    assert!(
        text(&o.stderr).contains("one rule pack"),
        "{}",
        text(&o.stderr)
    );
    assert!(!out.exists(), "no page is written on an error");
}

/// Actor ids and edges as (source, target, polarity, label), sorted.
type Graph = (Vec<String>, Vec<(String, String, String, String)>);

/// The nodes and edges of `actors --format dot`: actor ids, and each edge
/// as (source, target, polarity, label), polarity read from how DOT draws
/// it (undirected grey for co-mention, green, red or gold arrows).
fn dot_network(dot: &str) -> Graph {
    fn quoted(s: &str) -> (String, &str) {
        let s = s.strip_prefix('"').expect("a quoted DOT id");
        let end = s.find('"').unwrap();
        (s[..end].to_string(), &s[end + 1..])
    }
    let attr = |line: &str, key: &str| -> Option<String> {
        let at = line.find(&format!("{key}=\""))? + key.len() + 2;
        Some(line[at..at + line[at..].find('"').unwrap()].to_string())
    };
    let (mut nodes, mut edges) = (Vec::new(), Vec::new());
    for line in dot.lines().map(str::trim).filter(|l| l.starts_with('"')) {
        let (source, rest) = quoted(line);
        match rest.strip_prefix(" -> ") {
            Some(rest) => {
                let (target, _) = quoted(rest);
                let polarity = if line.contains("dir=none") {
                    "co-mention"
                } else {
                    match attr(line, "color").unwrap().as_str() {
                        "forestgreen" => "positive",
                        "firebrick" => "negative",
                        "goldenrod" => "mixed",
                        other => panic!("edge colour {other} in {line}"),
                    }
                };
                let label = attr(line, "label").unwrap();
                edges.push((source, target, polarity.to_string(), label));
            }
            None => nodes.push(source),
        }
    }
    nodes.sort();
    edges.sort();
    (nodes, edges)
}

/// The network embedded in a report, in [`dot_network`]'s terms; the
/// label is the one `actors --format dot` writes (frame, then net stance).
fn report_network(data: &serde_json::Value) -> Graph {
    let n = &data["network"];
    let mut nodes: Vec<String> = n["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap().to_string())
        .collect();
    let mut edges: Vec<_> = n["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let polarity = e["polarity"].as_str().unwrap().to_string();
            let frame = e["frame"].as_str().unwrap_or("");
            let label = if polarity == "co-mention" {
                frame.to_string()
            } else {
                format!("{frame} {:+.1}", e["net"].as_f64().unwrap())
            };
            let end = |k: &str| e[k].as_str().unwrap().to_string();
            (end("source"), end("target"), polarity, label)
        })
        .collect();
    nodes.sort();
    edges.sort();
    (nodes, edges)
}

#[test]
fn the_report_draws_the_network_actors_dot_draws() {
    let dir = TempDir::new("network");
    for (args, out) in [
        (vec!["seeds"], "seeds.html"),
        (vec![FIXTURE, "--by", "outlet"], "grouped.html"),
    ] {
        let data = embedded(&report(&args, &dir.path(out)));
        let mut actors = vec!["actors", "--format", "dot", "-q"];
        actors.extend_from_slice(&args[..1]);
        let o = framescope(&actors);
        assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
        let (dot_nodes, dot_edges) = dot_network(&text(&o.stdout));
        // Below the report's legibility limits nothing is left out, so
        // the page draws exactly the DOT graph: actors, edges, polarity
        // and each edge's frame label.
        let n = &data["network"];
        assert_eq!(n["nodes_total"], n["nodes"].as_array().unwrap().len());
        assert_eq!(n["edges_total"], n["edges"].as_array().unwrap().len());
        let (nodes, edges) = report_network(&data);
        assert!(nodes.len() >= 3 && edges.len() >= 3, "{out}: {edges:?}");
        assert!(
            edges.iter().any(|e| e.2 != "co-mention"),
            "{out}: no stance edge to compare"
        );
        assert_eq!(nodes, dot_nodes, "{out}");
        assert_eq!(edges, dot_edges, "{out}");
    }
}
