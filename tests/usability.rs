//! What a new user trips over: input read wrongly without a word, flags and
//! keys accepted silently, and small outputs that are wrong (issue 13), and
//! the input options every command that reads articles shares.

mod common;

use std::path::{Path, PathBuf};

use clap::CommandFactory;
use common::run;
use framescope::internals::cli::Args;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A JSON Lines file whose text and id are under other names than
/// `text` and `id`.
fn body_feed(dir: &Path) -> PathBuf {
    let path = dir.join("body.jsonl");
    std::fs::write(
        &path,
        concat!(
            r#"{"uid": "a1", "body": "China and North Korea reaffirmed their alliance.", "outlet": "x"}"#,
            "\n"
        ),
    )
    .unwrap();
    path
}

/// Every command that reads articles, with what else it needs to run on
/// `feed` (and the gold file eval reads beside it).
fn article_commands(feed: &str, gold: &str, rules: &str) -> Vec<Vec<String>> {
    let cmds: Vec<Vec<&str>> = vec![
        vec!["classify", "--format", "json", feed],
        vec!["compare", "--by", "outlet", "--min-docs", "1", feed],
        vec!["explain", feed],
        vec!["actors", "--format", "json", feed],
        vec!["diff", "--rules-a", rules, "--format", "json", feed],
        vec!["rules", "coverage", "--format", "json", feed],
        vec!["eval", gold, "--articles", feed, "--format", "json"],
    ];
    cmds.into_iter()
        .map(|c| c.into_iter().map(String::from).collect())
        .collect()
}

fn gold_for_feed(dir: &Path) -> PathBuf {
    let gold = dir.join("gold.jsonl");
    std::fs::write(
        &gold,
        concat!(
            r#"{"id": "g1", "article": "a1", "text": "China and North Korea reaffirmed their alliance.", "frames": ["alliance"], "actors": ["CHN", "PRK"], "stance": []}"#,
            "\n"
        ),
    )
    .unwrap();
    gold
}

/// Classifies `input` (articles with their text under `body`) into the
/// profile file `out`.
fn classify_body_feed(input: &str, out: &str) {
    let (code, _, err) = run(&[
        "classify",
        "--text-field",
        "body",
        "--format",
        "jsonl",
        "-o",
        out,
        input,
    ]);
    assert_eq!(code, 0, "{err}");
}

fn run_owned(args: &[String]) -> (u8, String, String) {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run(&args)
}

#[test]
fn every_article_command_takes_the_same_input_options() {
    let dir = tempfile::tempdir().unwrap();
    let feed = body_feed(dir.path());
    let gold = gold_for_feed(dir.path());
    let rules = root().join("rules");
    let input = [
        "--text-field",
        "body",
        "--id-field",
        "uid",
        "--title-field",
        "headline",
        "--input-format",
        "jsonl",
        "--strict",
    ];
    for mut cmd in article_commands(
        &feed.display().to_string(),
        &gold.display().to_string(),
        &rules.display().to_string(),
    ) {
        cmd.extend(input.iter().map(|s| s.to_string()));
        if cmd[0] != "explain" && cmd[0] != "eval" {
            cmd.extend(["--jobs", "2", "--quiet"].map(String::from));
        }
        let (code, out, err) = run_owned(&cmd);
        assert_eq!(code, 0, "{cmd:?}: {err}");
        // The article was read from `body`, under the id `a1`.
        let read = match cmd[0].as_str() {
            "classify" => out.contains(r#""id": "a1""#) && out.contains(r#""alliance""#),
            "compare" => out.contains("x") && out.contains("alliance"),
            "explain" => out.contains("[alliance]"),
            "actors" => out.contains(r#""CHN""#),
            "diff" | "rules" => out.contains(r#""documents": 1"#),
            "eval" => out.contains(r#""in_context": 1"#),
            other => panic!("unexpected command {other}"),
        };
        assert!(read, "{cmd:?} did not read the article:\n{out}\n{err}");
    }
}

#[test]
fn strict_stops_every_article_command_at_invalid_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("body.jsonl");
    std::fs::write(
        &feed,
        b"{\"uid\": \"a1\", \"body\": \"China and North Korea \xff reaffirmed their alliance.\", \"outlet\": \"x\"}\n",
    )
    .unwrap();
    let gold = gold_for_feed(dir.path());
    let rules = root().join("rules");
    for mut cmd in article_commands(
        &feed.display().to_string(),
        &gold.display().to_string(),
        &rules.display().to_string(),
    ) {
        cmd.extend(["--text-field", "body", "--id-field", "uid"].map(String::from));
        let (code, _, err) = run_owned(&cmd);
        assert_eq!(code, 0, "{cmd:?} without --strict reads it: {err}");
        assert!(err.contains("invalid UTF-8"), "{cmd:?}: {err}");
        cmd.push("--strict".into());
        let (code, _, err) = run_owned(&cmd);
        assert_eq!(code, 2, "{cmd:?}: {err}");
        assert!(err.contains("--strict: stopped at"), "{cmd:?}: {err}");
    }
    // Articles of which none can be read (a file that is not there, one
    // whose every line is broken) stop eval as they stop classify.
    let none = dir.path().join("none.jsonl").display().to_string();
    let broken = dir.path().join("broken.jsonl");
    std::fs::write(&broken, "{\"uid\": \"a1\", \"body\": \n{not json\n").unwrap();
    let broken = broken.display().to_string();
    let gold = gold.display().to_string();
    for cmd in [
        vec!["eval", gold.as_str(), "--articles", none.as_str()],
        vec!["classify", none.as_str()],
        vec!["eval", gold.as_str(), "--articles", broken.as_str()],
        vec!["classify", broken.as_str()],
    ] {
        let (code, _, err) = run(&cmd);
        assert_eq!(code, 2, "{cmd:?}: {err}");
        assert!(
            err.contains("error: no document could be read"),
            "{cmd:?}: {err}"
        );
    }
}

/// The `--long` flags a text names.
fn flags_named(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("--") {
        let name: String = rest[i + 2..]
            .chars()
            .take_while(|c| c.is_ascii_lowercase() || *c == '-')
            .collect();
        if !name.is_empty() && !name.starts_with('-') {
            out.push(name.trim_end_matches('-').to_string());
        }
        rest = &rest[i + 2..];
    }
    out
}

/// The long flags `path` (e.g. `["rules", "coverage"]`) accepts, with the
/// global ones.
fn accepted(path: &[&str]) -> Vec<String> {
    let mut cmd = Args::command();
    let mut flags: Vec<String> = cmd
        .get_arguments()
        .filter_map(|a| a.get_long().map(String::from))
        .collect();
    for name in path {
        cmd = cmd
            .find_subcommand(name)
            .unwrap_or_else(|| panic!("no subcommand {name}"))
            .clone();
        flags.extend(
            cmd.get_arguments()
                .filter_map(|a| a.get_long().map(String::from)),
        );
    }
    flags.extend(["help", "version"].map(String::from));
    flags
}

#[test]
fn every_hint_names_a_flag_the_same_command_accepts() {
    let dir = tempfile::tempdir().unwrap();
    // Inputs that draw hints: a line without `text`, a bad line, a missing
    // file, binary content, and JSON Lines in a file whose name does not
    // say so (the note on the guess names --input-format).
    let feed = dir.path().join("hints.jsonl");
    std::fs::write(
        &feed,
        "{\"body\": \"China.\"}\n{oops\n{\"text\": \"China and Russia.\"}\n",
    )
    .unwrap();
    let binary = dir.path().join("binary.txt");
    std::fs::write(&binary, b"\x7fELF\0\0\0China.").unwrap();
    let unnamed = dir.path().join("xaa");
    std::fs::write(&unnamed, "{\"text\": \"Japan and Russia.\"}\n").unwrap();
    let gold = gold_for_feed(dir.path());
    let rules = root().join("rules");
    let mut checked = 0;
    let feed = feed.display().to_string();
    let page = dir.path().join("report.html").display().to_string();
    // kwic and report read articles too, with other arguments around them.
    let others: Vec<Vec<String>> = [
        vec!["kwic", "China", feed.as_str()],
        vec!["report", "-o", page.as_str(), feed.as_str()],
    ]
    .into_iter()
    .map(|c| c.into_iter().map(String::from).collect())
    .collect();
    for mut cmd in article_commands(
        &feed,
        &gold.display().to_string(),
        &rules.display().to_string(),
    )
    .into_iter()
    .chain(others)
    {
        if cmd[0] != "eval" {
            for path in [
                dir.path().join("missing.txt"),
                binary.clone(),
                unnamed.clone(),
            ] {
                cmd.push(path.display().to_string());
            }
        }
        if cmd[0] == "explain" {
            cmd.extend(["--id", "nope"].map(String::from));
        }
        let (_, out, err) = run_owned(&cmd);
        let path: Vec<&str> = if cmd[0] == "rules" {
            vec!["rules", "coverage"]
        } else {
            vec![cmd[0].as_str()]
        };
        let ok = accepted(&path);
        let named = flags_named(&err);
        // eval reads its one --articles file only.
        let hints: &[&str] = if cmd[0] == "eval" {
            &["text-field"]
        } else {
            &["text-field", "binary", "input-format"]
        };
        for hint in hints {
            assert!(
                named.iter().any(|f| f == hint),
                "{cmd:?} gave no hint naming --{hint}: {err}"
            );
        }
        for flag in named {
            assert!(
                ok.contains(&flag),
                "{cmd:?} names --{flag}, which it rejects:\n{err}\n{out}"
            );
            checked += 1;
        }
    }
    assert!(checked >= 25);
}

#[test]
fn explain_reads_jsonl_articles_and_picks_one_by_id() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("two.jsonl");
    std::fs::write(
        &feed,
        concat!(
            r#"{"id": "one", "text": "Russia warned Ukraine."}"#,
            "\n",
            r#"{"id": "two", "text": "China and North Korea reaffirmed their alliance."}"#,
            "\n"
        ),
    )
    .unwrap();
    let feed = feed.display().to_string();
    let (code, out, err) = run(&["explain", &feed, "--id", "two"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("[alliance]"), "{out}");
    assert!(!out.contains(r#"{"id""#), "explained the raw JSON: {out}");
    assert!(
        !out.contains("Russia"),
        "explained the wrong article: {out}"
    );
    // Several articles and no id: say so, naming them.
    let (code, out, err) = run(&["explain", &feed]);
    assert_eq!(code, 2, "{out}");
    assert!(
        err.contains("more than one article (`one`, `two`, …): pick one with --id ID"),
        "{err}"
    );
    // An id that no article has.
    let (code, _, err) = run(&["explain", &feed, "--id", "three"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no article has the id `three` (2 read; ids such as `one`, `two`)"),
        "{err}"
    );
}

/// The lines of the README's CLI reference block.
fn readme_reference() -> (Vec<String>, String) {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let section = readme
        .split("## CLI reference")
        .nth(1)
        .expect("README has a CLI reference");
    let block = section.split("```").nth(1).expect("a code block");
    let lines = block
        .lines()
        .filter(|l| l.starts_with("framescope"))
        .map(String::from)
        .collect();
    (lines, section.to_string())
}

#[test]
fn readme_cli_reference_lists_every_command_and_flag() {
    let (lines, section) = readme_reference();
    let top = Args::command();
    let mut commands: Vec<(Vec<String>, clap::Command)> = Vec::new();
    for sub in top.get_subcommands() {
        if sub.has_subcommands() {
            for inner in sub.get_subcommands() {
                commands.push((
                    vec![sub.get_name().into(), inner.get_name().into()],
                    inner.clone(),
                ));
            }
        } else {
            commands.push((vec![sub.get_name().into()], sub.clone()));
        }
    }
    for (path, cmd) in commands {
        let words = format!("{} ", path.join(" "));
        let line = lines
            .iter()
            .find(|l| {
                // `framescope [--rules DIR] rules lint …`: the command
                // words follow the global options.
                let rest = l.trim_start_matches("framescope ");
                let rest = rest.trim_start_matches("[--rules DIR] ");
                rest.starts_with(&words)
            })
            .unwrap_or_else(|| panic!("README's CLI reference lacks `{}`", path.join(" ")));
        let abbreviated = |flag: &str| {
            (line.contains("[RUN]") || line.contains("[INPUT]"))
                && section.contains(&format!("`--{flag}"))
        };
        for arg in cmd.get_arguments() {
            let Some(long) = arg.get_long() else { continue };
            if arg.is_hide_set() || long == "help" {
                continue;
            }
            let short = arg
                .get_short()
                .is_some_and(|c| line.contains(&format!("[-{c} ")));
            assert!(
                line.contains(&format!("--{long}")) || short || abbreviated(long),
                "README's `{}` line lacks --{long}: {line}",
                path.join(" ")
            );
        }
    }
}

#[test]
fn rules_help_names_every_rules_subcommand() {
    let (code, out, _) = run(&["--help"]);
    assert_eq!(code, 0);
    let line = out
        .lines()
        .find(|l| l.trim_start().starts_with("rules "))
        .expect("--help lists `rules`");
    let rules = Args::command();
    let rules = rules.find_subcommand("rules").unwrap();
    for sub in rules.get_subcommands() {
        assert!(
            line.contains(sub.get_name()),
            "`rules` is described as {line:?}, without `{}`",
            sub.get_name()
        );
    }
}

#[test]
fn a_missing_tool_fails_under_ci_and_is_a_skip_elsewhere() {
    let missing = "framescope-no-such-tool";
    assert!(common::tool_here(missing, "--version", true).is_err());
    assert_eq!(common::tool_here(missing, "--version", false), Ok(false));
    // `true --help` runs and exits 0 wherever coreutils is.
    assert_eq!(common::tool_here("true", "--help", true), Ok(true));
}

/// A one-sentence article in a fresh directory.
fn one_article(dir: &Path) -> String {
    let path = dir.join("one.txt");
    std::fs::write(&path, "China warned Japan.\n").unwrap();
    path.display().to_string()
}

#[test]
fn dot_labels_break_lines_once_and_graphviz_draws_them() {
    let dir = tempfile::tempdir().unwrap();
    let article = one_article(dir.path());
    let (code, dot, err) = run(&["actors", "--format", "dot", "--quiet", &article]);
    assert_eq!(code, 0, "{err}");
    // One backslash: DOT's line break, not a literal backslash and `n`.
    assert!(dot.contains(r#"label="CHN\nChina\n1 mention""#), "{dot}");
    assert!(!dot.contains(r"\\n"), "{dot}");
    if !common::require_tool("dot", "-V", "rendering actors --format dot") {
        return;
    }
    let mut child = std::process::Command::new("dot")
        .arg("-Tsvg")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write as _;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(dot.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let svg = String::from_utf8(out.stdout).unwrap();
    // Each line of the label is a text element of its own.
    for line in [">CHN</text>", ">China</text>", ">1 mention</text>"] {
        assert!(svg.contains(line), "no {line} in\n{svg}");
    }
    assert!(!svg.contains(r"\n"), "a literal \\n in the drawing:\n{svg}");
}

/// Whether `text` counts one of something in the plural ("1 documents"),
/// not counting "21 documents".
fn one_in_plural(text: &str) -> Option<String> {
    let nouns = [
        "documents",
        "sentences",
        "words",
        "mentions",
        "warnings",
        "groups",
        "times",
        "matches",
        "articles",
        "gold sentences",
        "article labels",
    ];
    for noun in nouns {
        let needle = format!("1 {noun}");
        for (i, _) in text.match_indices(&needle) {
            let before = text[..i].chars().next_back();
            if !before.is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',') {
                return Some(
                    text[i.saturating_sub(30)..(i + needle.len() + 10).min(text.len())].into(),
                );
            }
        }
    }
    None
}

#[test]
fn one_of_a_thing_is_singular() {
    let dir = tempfile::tempdir().unwrap();
    let article = one_article(dir.path());
    let profiles = dir.path().join("p.jsonl").display().to_string();
    let with_outlet = dir.path().join("one.jsonl");
    std::fs::write(
        &with_outlet,
        "{\"id\": \"a1\", \"outlet\": \"A\", \"text\": \"China warned Japan.\"}\n",
    )
    .unwrap();
    let with_outlet = with_outlet.display().to_string();
    let gold = dir.path().join("gold.jsonl");
    std::fs::write(
        &gold,
        "{\"id\": \"g1\", \"article\": \"a1\", \"text\": \"China warned Japan.\", \"frames\": [\"threat\"], \"actors\": [\"CHN\", \"JPN\"], \"stance\": []}\n",
    )
    .unwrap();
    let gold = gold.display().to_string();
    let page = dir.path().join("report.html").display().to_string();
    let (code, _, err) = run(&["classify", "--format", "jsonl", "-o", &profiles, &article]);
    assert_eq!(code, 0, "{err}");
    let runs: Vec<Vec<&str>> = vec![
        vec!["classify", &article],
        vec!["actors", &article],
        vec!["rules", "coverage", &article],
        vec!["diff", "--rules-a", "rules", &article],
        vec!["compare", "--by", "outlet", "--min-docs", "1", &with_outlet],
        vec!["merge", "--format", "table", &profiles],
        vec!["kwic", "China", &article],
        vec!["kwic", "China", "--by", "outlet", &with_outlet],
        vec!["kwic", "China", "--top-articles", "5", &article],
        vec!["eval", &gold, "--articles", &with_outlet],
        vec!["report", "-o", &page, &with_outlet],
    ];
    for mut args in runs {
        let rules = root().join("rules").display().to_string();
        if args[0] == "diff" {
            args[2] = &rules;
        }
        let (code, out, err) = run(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        let mut all = format!("{out}{err}");
        if args[0] == "report" {
            // The page's header, where the count is written in HTML.
            let html = std::fs::read_to_string(&page).unwrap();
            let stamp = html.split("class=\"stamp\">").nth(1).unwrap();
            assert!(stamp.starts_with("1 article ·"), "{stamp:.80}");
            all.push_str(stamp.split("</p>").next().unwrap());
        }
        assert_eq!(one_in_plural(&all), None, "{args:?}:\n{all}");
    }
}

#[test]
fn a_skipped_line_says_skipped_once() {
    let dir = tempfile::tempdir().unwrap();
    let feed = dir.path().join("bad.jsonl");
    std::fs::write(&feed, "[1]\n{oops\n{\"text\": \"China.\"}\n").unwrap();
    let (code, _, err) = run(&["classify", &feed.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(err.matches("warning: skipped").count(), 2, "{err}");
    // The two warnings and the summary's `2 skipped`, no `(skipped)` after
    // a warning that already begins with it.
    assert!(err.contains("· 2 skipped ·"), "{err}");
    assert_eq!(err.matches("skipped").count(), 3, "{err}");
}

fn readme() -> String {
    std::fs::read_to_string(root().join("README.md")).unwrap()
}

#[test]
fn readme_states_the_rust_version_cargo_toml_declares() {
    let manifest = std::fs::read_to_string(root().join("Cargo.toml")).unwrap();
    let declared = manifest
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = "))
        .expect("Cargo.toml declares rust-version")
        .trim_matches('"');
    assert!(
        readme().contains(&format!("Rust {declared} or newer")),
        "the README's set-up must say Rust {declared} or newer"
    );
}

#[test]
fn readme_says_how_to_put_framescope_on_the_path() {
    let readme = readme();
    let setup = readme
        .split("## Set-up")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .expect("a Set-up section");
    // The README's commands say `framescope …`; the set-up gets it there.
    assert!(
        readme.contains("\nframescope "),
        "the README runs framescope"
    );
    assert!(setup.contains("cargo install --path ."), "{setup}");
}

/// `n` JSON Lines articles with an `outlet`, as `split` leaves them: in a
/// file without an extension.
fn jsonl_lines(n: usize, outlet: &str) -> String {
    (0..n)
        .map(|i| {
            format!(
                "{{\"id\": \"{outlet}-{i}\", \"outlet\": \"{outlet}\", \"text\": \"China warned Japan.\"}}\n"
            )
        })
        .collect()
}

#[test]
fn files_without_a_telling_name_are_read_by_content_and_the_guess_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let xaa = dir.path().join("xaa");
    let xab = dir.path().join("xab");
    std::fs::write(&xaa, jsonl_lines(3, "A")).unwrap();
    std::fs::write(&xab, jsonl_lines(2, "B")).unwrap();
    let (xaa, xab) = (xaa.display().to_string(), xab.display().to_string());
    let (code, out, err) = run(&["classify", "--format", "jsonl", &xaa]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 3, "three articles, not one: {err}");
    assert!(
        err.contains(&format!("note: {xaa}: read as JSON Lines")),
        "{err}"
    );
    let (code, out, err) = run(&[
        "compare",
        "--by",
        "outlet",
        "--min-docs",
        "1",
        "--format",
        "json",
        &xaa,
        &xab,
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let groups: Vec<(&str, u64)> = v["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["group"].as_str().unwrap(),
                g["documents"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(groups, [("A", 3), ("B", 2)]);
    // Text without a telling name is one article, and that is said too.
    let notes = dir.path().join("NOTES");
    std::fs::write(&notes, "China warned Japan. Russia praised China.").unwrap();
    let notes = notes.display().to_string();
    let (code, out, err) = run(&["classify", "--format", "jsonl", &notes]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 1);
    assert!(
        err.contains(&format!("note: {notes}: read as one text article")),
        "{err}"
    );
    // --input-format settles it: no guess, no note.
    let (_, _, err) = run(&["classify", "--input-format", "jsonl", &xaa]);
    assert!(!err.contains("note:"), "{err}");
}

#[test]
fn binary_content_is_skipped_with_a_warning_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let binary = dir.path().join("binary.txt");
    let mut bytes = b"\x7fELF\x02\x01\x01\0\0\0China warned Japan.".to_vec();
    bytes.extend(std::iter::repeat_n(0u8, 64));
    std::fs::write(&binary, &bytes).unwrap();
    let good = one_article(dir.path());
    let binary = binary.display().to_string();
    let (code, out, err) = run(&["classify", "--format", "jsonl", &binary, &good]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 1, "only the text article: {out}");
    assert!(
        err.contains(&format!(
            "warning: skipped {binary}: binary data (a NUL byte at byte 7), not read; --binary reads it as text"
        )),
        "{err}"
    );
    let (code, _, err) = run(&["classify", &binary]);
    assert_eq!(code, 2, "nothing readable: {err}");
    let (code, out, err) = run(&["classify", "--format", "jsonl", "--binary", &binary]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 1);
    // A binary file named like JSON Lines is one problem, not one a line.
    let jsonl = dir.path().join("blob.jsonl");
    let mut blob = Vec::new();
    for _ in 0..50 {
        blob.extend_from_slice(b"\0\x01\x02 junk\n");
    }
    std::fs::write(&jsonl, &blob).unwrap();
    let (_, _, err) = run(&["classify", &jsonl.display().to_string(), &good]);
    assert_eq!(err.matches("warning: skipped").count(), 1, "{err}");
    assert!(err.contains("binary data (a NUL byte at byte 0)"), "{err}");
    // A NUL in one line of good JSON Lines costs that line alone, near the
    // start of the file as anywhere else.
    let feed = dir.path().join("nul.jsonl");
    std::fs::write(
        &feed,
        b"{\"id\":\"a\",\"text\":\"China allies.\"}\n{\"id\":\"b\",\"text\":\"x\0\"}\n{\"id\":\"c\",\"text\":\"Russia threatens.\"}\n",
    )
    .unwrap();
    let feed = feed.display().to_string();
    let (code, out, err) = run(&["classify", "--format", "jsonl", &feed]);
    assert_eq!(code, 0, "{err}");
    let ids: Vec<String> = out
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["id"].to_string())
        .collect();
    assert_eq!(ids, [r#""a""#, r#""c""#], "{err}");
    assert_eq!(err.matches("warning: skipped").count(), 1, "{err}");
    assert!(err.contains(&format!("skipped {feed}:2:")), "{err}");
}

#[test]
fn ids_are_unique_within_a_run_and_csv_names_the_source() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["x", "y"] {
        std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        std::fs::write(dir.path().join(sub).join("a.txt"), "China warned Japan.").unwrap();
    }
    let (x, y) = (dir.path().join("x/a.txt"), dir.path().join("y/a.txt"));
    let (x, y) = (x.display().to_string(), y.display().to_string());
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["classify", "--format", "jsonl", "-q"];
        all.extend_from_slice(args);
        let (code, out, err) = run(&all);
        assert_eq!(code, 0, "{err}");
        out.lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["id"].as_str().unwrap().to_string()
            })
            .collect()
    };
    // Two files named alike: each is named by its path.
    let strip = |p: &str| p.trim_end_matches(".txt").to_string();
    assert_eq!(ids(&[&x, &y]), [strip(&x), strip(&y)]);
    // Under a directory: by the path below it.
    let root_dir = dir.path().display().to_string();
    assert_eq!(ids(&[&root_dir]), ["x/a", "y/a"]);
    // A single file keeps its plain name.
    assert_eq!(ids(&[&x]), ["a"]);
    // Ids repeated in the data are renamed, with a warning.
    let feed = dir.path().join("dup.jsonl");
    std::fs::write(
        &feed,
        "{\"id\": \"d\", \"text\": \"One.\"}\n{\"id\": \"d\", \"text\": \"Two.\"}\n",
    )
    .unwrap();
    let feed = feed.display().to_string();
    let (_, _, err) = run(&["classify", &feed]);
    assert!(
        err.contains(&format!(
            "warning: {feed}:2: id `d` is taken by an earlier article: this one is `d~2`"
        )),
        "{err}"
    );
    assert_eq!(ids(&[&feed]), ["d", "d~2"]);
    // A feed that repeats every id (a corpus concatenated with itself)
    // names the first 20 renames and counts the rest at the end.
    let many = dir.path().join("many.jsonl");
    std::fs::write(&many, "{\"id\": \"d\", \"text\": \"One.\"}\n".repeat(31)).unwrap();
    let many = many.display().to_string();
    let (code, _, err) = run(&["classify", "--format", "jsonl", &many]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        err.matches("is taken by an earlier article").count(),
        20,
        "{err}"
    );
    assert!(
        err.contains("this one is `d~21` (further repeated ids"),
        "{err}"
    );
    assert!(
        err.contains("note: 30 articles had an id an earlier article had taken"),
        "{err}"
    );
    assert_eq!(ids(&[&many]).last().map(String::as_str), Some("d~31"));
    // CSV rows say where each article came from.
    let (code, out, err) = run(&["classify", "--format", "csv", &x, &y]);
    assert_eq!(code, 0, "{err}");
    let mut rows = csv::Reader::from_reader(out.as_bytes());
    assert_eq!(&rows.headers().unwrap()[1], "source");
    let sources: std::collections::BTreeSet<String> =
        rows.records().map(|r| r.unwrap()[1].to_string()).collect();
    assert_eq!(sources, [x.clone(), y.clone()].into_iter().collect());
}

/// Articles from outlets A and B (3 each, on events e1–e3) and C (1, on
/// no event).
fn outlets_feed(dir: &Path) -> String {
    let mut lines = String::new();
    for outlet in ["A", "B"] {
        for e in 1..=3 {
            lines.push_str(&format!(
                "{{\"id\": \"{outlet}{e}\", \"outlet\": \"{outlet}\", \"event\": \"e{e}\", \"text\": \"China warned Japan. Russia praised China.\"}}\n"
            ));
        }
    }
    lines.push_str(
        "{\"id\": \"C1\", \"outlet\": \"C\", \"text\": \"North Korea fired a missile.\"}\n",
    );
    let path = dir.join("outlets.jsonl");
    std::fs::write(&path, lines).unwrap();
    path.display().to_string()
}

#[test]
fn a_key_no_article_has_is_an_error_and_one_some_lack_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let feed = outlets_feed(dir.path());
    let (code, out, err) = run(&["compare", "--by", "outlett", "-q", &feed]);
    assert_eq!(code, 2, "{out}");
    assert!(
        err.contains(
            "error: no article has the metadata key `outlett`; the keys are: event, outlet"
        ),
        "{err}"
    );
    let (code, out, err) = run(&[
        "compare",
        "--by",
        "outlet",
        "--pair-by",
        "evnt",
        "-q",
        &feed,
    ]);
    assert_eq!(code, 2, "{out}");
    assert!(err.contains("`evnt`"), "{err}");
    // A key some articles lack: a warning with the count, and it goes on.
    let (code, out, err) = run(&[
        "compare",
        "--by",
        "outlet",
        "--pair-by",
        "event",
        "--min-docs",
        "1",
        "-q",
        &feed,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: `event`: 1 of 7 articles lacks it"),
        "{err}"
    );
    assert!(out.contains("within-event differences (3 events"), "{out}");
    // A CSV column no article has.
    let o = dir.path().join("o.csv");
    let (code, _, err) = run(&[
        "classify",
        "--format",
        "csv",
        "--meta",
        "outlet,nonexistent",
        "-q",
        "-o",
        &o.display().to_string(),
        &feed,
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("no article has the metadata key `nonexistent`; the keys are: event, outlet"),
        "{err}"
    );
    assert!(!o.exists(), "the output file is not written");
    let (code, _, err) = run(&[
        "classify", "--format", "csv", "--meta", "event", "-q", &feed,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: `event`: 1 of 7 articles lacks it"),
        "{err}"
    );
    // --meta shapes CSV only.
    let (code, _, err) = run(&["classify", "--meta", "outlet", &feed]);
    assert_eq!(code, 2);
    assert!(err.contains("--format csv"), "{err}");
}

#[test]
fn pairing_on_events_no_two_groups_share_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("apart.jsonl");
    std::fs::write(
        &path,
        "{\"outlet\": \"A\", \"event\": \"e1\", \"text\": \"China warned Japan.\"}\n\
         {\"outlet\": \"B\", \"event\": \"e2\", \"text\": \"China warned Japan.\"}\n",
    )
    .unwrap();
    let (code, out, err) = run(&[
        "compare",
        "--by",
        "outlet",
        "--pair-by",
        "event",
        "--min-docs",
        "1",
        "-q",
        &path.display().to_string(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains(
            "within-event differences: no event (by event) is covered by two or more groups"
        ),
        "{out}"
    );
    assert!(!out.contains("the interval excludes 0"), "{out}");
}

#[test]
fn compare_hides_small_groups_and_names_its_counts() {
    let dir = tempfile::tempdir().unwrap();
    let feed = outlets_feed(dir.path());
    let (code, out, err) = run(&[
        "compare",
        "--by",
        "outlet",
        "--min-docs",
        "2",
        "--resamples",
        "50",
        "-q",
        &feed,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("1 group with fewer than 2 articles (1 article) hidden"),
        "{out}"
    );
    let rows: Vec<&str> = out
        .lines()
        .filter(|l| {
            let mut words = l.split_whitespace();
            ["A", "B", "C", "C*"].contains(&words.next().unwrap_or(""))
                && words.next().is_some_and(|w| w.parse::<u32>().is_ok())
        })
        .collect();
    assert_eq!(rows.len(), 2, "only A and B are shown: {out}");
    // CSV keeps every group; each count says what it counts.
    let (_, csv_text, _) = run(&[
        "compare",
        "--by",
        "outlet",
        "--min-docs",
        "2",
        "--resamples",
        "50",
        "--format",
        "csv",
        "-q",
        &feed,
    ]);
    let mut rows = csv::Reader::from_reader(csv_text.as_bytes());
    let header: Vec<String> = rows.headers().unwrap().iter().map(String::from).collect();
    assert!(!header.contains(&"n".to_string()), "{header:?}");
    for column in ["documents", "frame_score", "term_matches", "events"] {
        assert!(header.contains(&column.to_string()), "{header:?}");
    }
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    assert!(records.iter().any(|r| &r[0] == "C"), "C is in the CSV");
    for r in &records {
        let filled = |c: &str| !r[at(c)].is_empty();
        match &r[at("measure")] {
            "density" | "share" => assert!(!filled("frame_score") && !filled("term_matches")),
            "frame_log_odds" => assert!(filled("frame_score") && !filled("term_matches")),
            "term_log_odds" | "term_articles" | "term_top3_share" => {
                assert!(!filled("frame_score") && filled("term_matches"));
                // Matches are whole numbers.
                assert_eq!(r[at("term_matches")].parse::<f64>().unwrap().fract(), 0.0);
            }
            other => panic!("unexpected measure {other}"),
        }
    }
}

#[test]
fn every_report_header_shows_the_pack_hash() {
    let dir = tempfile::tempdir().unwrap();
    let feed = outlets_feed(dir.path());
    let rules = framescope::RuleSet::embedded().unwrap();
    let stamp = format!("{} ({})", rules.info().id, &rules.info().hash[..12]);
    let profiles = dir.path().join("p.jsonl").display().to_string();
    run(&[
        "classify", "--format", "jsonl", "-q", "-o", &profiles, &feed,
    ]);
    let rules_dir = root().join("rules").display().to_string();
    let gold = dir.path().join("gold.jsonl");
    std::fs::write(
        &gold,
        "{\"id\": \"g1\", \"article\": \"A1\", \"text\": \"China warned Japan.\", \"frames\": [\"threat\"], \"actors\": [\"CHN\", \"JPN\"], \"stance\": []}\n",
    )
    .unwrap();
    let gold = gold.display().to_string();
    for args in [
        vec!["explain", "--id", "A1", &feed],
        vec!["classify", &feed],
        vec!["actors", &feed],
        vec!["rules", "coverage", &feed],
        vec![
            "compare",
            "--by",
            "outlet",
            "--min-docs",
            "1",
            "--resamples",
            "20",
            &feed,
        ],
        vec!["merge", "--format", "table", &profiles],
        vec!["kwic", "China", &feed],
        vec!["diff", "--rules-a", &rules_dir, &feed],
        vec!["eval", &gold],
    ] {
        let (code, out, err) = run(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        let head: String = out.lines().take(3).collect::<Vec<_>>().join("\n");
        assert!(
            head.contains(&stamp),
            "{args:?} header lacks {stamp}:\n{head}"
        );
    }
}

#[test]
fn lint_warns_when_a_changed_pack_keeps_the_builtin_name() {
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("my-rules");
    for (path, text) in framescope::PackSource::embedded().files() {
        let path = copy.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let copy_s = copy.display().to_string();
    // An unchanged copy is the built-in pack: nothing to say.
    let (code, out, _) = run(&["--rules", &copy_s, "rules", "lint"]);
    assert_eq!(
        (code, out.as_str()),
        (
            0,
            format!("pack: {copy_s}\n0 errors, 0 warnings\n").as_str()
        )
    );
    // Edited, under the same name and version: a warning.
    let threat = copy.join("frames/threat.toml");
    let text = std::fs::read_to_string(&threat).unwrap();
    std::fs::write(
        &threat,
        text.replacen(
            "terms = [",
            "terms = [\n  { pattern = \"doomsday clock\" },",
            1,
        ),
    )
    .unwrap();
    let (code, out, _) = run(&["--rules", &copy_s, "rules", "lint"]);
    assert_eq!(code, 0, "a warning, not an error");
    assert!(out.contains("warning[FS013 builtin-name]"), "{out}");
    // Renamed: fine again.
    let pack = copy.join("pack.toml");
    let text = std::fs::read_to_string(&pack).unwrap();
    std::fs::write(&pack, text.replacen("framescope-default", "my-rules", 1)).unwrap();
    let (_, out, _) = run(&["--rules", &copy_s, "rules", "lint"]);
    assert!(!out.contains("FS013"), "{out}");
}

/// The modifiers applied to each frame contribution of `text`'s first
/// sentence, as "frame:matched text <- modifier kinds".
fn contributions(text: &str) -> Vec<String> {
    let rules = framescope::RuleSet::embedded().unwrap();
    let doc = framescope::Document {
        id: "t".into(),
        text: text.into(),
        ..framescope::Document::default()
    };
    let p = framescope::profile(&rules, &doc);
    p.sentences[0]
        .contributions
        .iter()
        .map(|c| {
            let kinds: Vec<&str> = c.modifiers.iter().map(|m| m.kind.as_str()).collect();
            format!(
                "{}:{} <- {}",
                rules.frame_name(c.frame),
                c.span.of(&p.text),
                kinds.join(",")
            )
        })
        .collect()
}

#[test]
fn a_negator_inside_a_name_negates_nothing() {
    // A Title Case run: the capitalised "Without" between capitalised words.
    assert_eq!(
        contributions("Doctors Without Borders warned of a growing threat in the region."),
        ["threat:warned <- ", "threat:threat <- "]
    );
    // The same word in a sentence still negates.
    let negated = contributions("It came without a threat to anyone.");
    assert_eq!(negated, ["threat:threat <- negation"]);
    // At the start of a sentence a capitalised negator is a word, not a name.
    let negated = contributions("No one warned Japan.");
    assert_eq!(negated, ["threat:warned <- negation"]);
}

#[test]
fn explain_marks_only_the_modifiers_that_modify() {
    let rules = framescope::RuleSet::embedded().unwrap();
    let doc = framescope::Document {
        id: "t".into(),
        text: "Doctors Without Borders said Japan did not warn Seoul.".into(),
        ..framescope::Document::default()
    };
    let out = framescope::internals::render::explain_document(
        &rules,
        &doc,
        framescope::internals::render::Style::Plain,
    );
    // "Without" in the name is plain text; "not" is still marked.
    assert!(out.contains("Doctors Without Borders"), "{out}");
    assert!(out.contains("<not>"), "{out}");
}

#[test]
fn a_negator_inside_an_actor_alias_negates_nothing() {
    let actors = format!(
        "{}\n[[actor]]\nid = \"nlg\"\nname = \"No Limit Group\"\nkind = \"org\"\naliases = [\"No Limit Group\"]\n",
        common::ACTORS
    );
    let rules = common::compile(&[("actors.toml", &actors)]).unwrap();
    let doc = framescope::Document {
        id: "t".into(),
        // Lower case, so only the alias says it is a name.
        text: "Then the no limit group weapons were seized.".into(),
        ..framescope::Document::default()
    };
    let p = framescope::profile(&rules, &doc);
    let c = &p.sentences[0].contributions;
    assert_eq!(c.len(), 1, "{c:?}");
    assert!(c[0].modifiers.is_empty(), "{:?}", c[0].modifiers);
    let doc = framescope::Document {
        text: "Then no group weapons were seized.".into(),
        ..doc
    };
    let p = framescope::profile(&rules, &doc);
    assert_eq!(
        p.sentences[0].contributions[0].modifiers[0].kind.as_str(),
        "negation"
    );
}

#[test]
fn an_output_file_the_run_reads_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let feed = body_feed(dir.path());
    let before = std::fs::read_to_string(&feed).unwrap();
    let f = feed.to_str().unwrap();
    let d = dir.path().to_str().unwrap();
    // A folder whose one article is a symlink to the feed: the walk reads
    // the feed through it.
    let linked = dir.path().join("linked");
    std::fs::create_dir_all(&linked).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&feed, linked.join("a.jsonl")).unwrap();
    let l = linked.to_str().unwrap();
    // The same file named twice, a path to it another way, a file a walk
    // of an input directory reads, and one it reads through a symlink.
    let dotted = format!("{d}/./body.jsonl");
    let mut cases: Vec<Vec<&str>> = vec![
        vec!["classify", "--format", "jsonl", "-o", f, f],
        vec!["classify", "--format", "jsonl", "-o", &dotted, f],
        vec!["classify", "--format", "jsonl", "-o", f, d],
        vec!["compare", "--by", "outlet", "-o", f, f],
        vec!["kwic", "China", "-o", f, f],
        vec!["report", "-o", f, f],
        vec!["actors", "-o", f, f],
        vec!["diff", "--rules-a", "rules", "-o", f, f],
        vec!["rules", "coverage", "-o", f, f],
    ];
    if cfg!(unix) {
        cases.push(vec!["classify", "--format", "jsonl", "-o", f, l]);
    }
    for args in cases {
        let (code, out, err) = run(&args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(
            err.contains("the output file is read by this run"),
            "{args:?}: {err}"
        );
        assert_eq!(std::fs::read_to_string(&feed).unwrap(), before, "{args:?}");
    }
    // A new file in an input directory is no input yet: written.
    let fresh = dir.path().join("fresh.jsonl");
    classify_body_feed(d, fresh.to_str().unwrap());
    assert!(fresh.exists());
    // merge adds to an aggregate in place: every input is read before the
    // output is written.
    let all = dir.path().join("all.json");
    let a = all.to_str().unwrap();
    let fresh = fresh.to_str().unwrap();
    let documents = |path: &Path| {
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        v["corpus"]["documents"].as_u64().unwrap()
    };
    let (code, _, err) = run(&["merge", "-o", a, fresh]);
    assert_eq!(code, 0, "{err}");
    let once = documents(&all);
    assert!(once > 0);
    let (code, _, err) = run(&["merge", "-o", a, a, fresh]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        documents(&all),
        2 * once,
        "the aggregate and the profiles again"
    );
    // But never over profiles, nor an aggregate with a table; and a folder
    // of profiles is read whatever the names (Spark's `.json` parts).
    let spark = dir.path().join("spark");
    std::fs::create_dir_all(&spark).unwrap();
    let part = spark.join("part-00000-abc-c000.json");
    std::fs::copy(fresh, &part).unwrap();
    let part = part.to_str().unwrap();
    let s = spark.to_str().unwrap();
    for args in [
        vec!["merge", "-o", fresh, fresh],
        vec!["merge", "--format", "table", "-o", a, a],
        vec!["compare", "--by", "outlet", "-o", part, s],
        vec!["report", "-o", part, s],
    ] {
        let kept = std::fs::read(args[args.len() - 2]).unwrap();
        let (code, out, err) = run(&args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(
            err.contains("the output file is read by this run"),
            "{args:?}: {err}"
        );
        assert_eq!(
            std::fs::read(args[args.len() - 2]).unwrap(),
            kept,
            "{args:?}"
        );
    }
}

#[test]
fn a_grouping_key_no_article_has_is_an_error_in_every_command() {
    let dir = tempfile::tempdir().unwrap();
    let feed = body_feed(dir.path());
    let f = feed.to_str().unwrap();
    let profiles = dir.path().join("p.jsonl");
    let p = profiles.to_str().unwrap();
    classify_body_feed(f, p);
    let html = dir.path().join("r.html");
    let h = html.to_str().unwrap();
    for (args, good) in [
        (vec!["compare", f, "--text-field", "body"], "outlet"),
        (vec!["kwic", "China", f, "--text-field", "body"], "outlet"),
        (vec!["report", f, "--text-field", "body", "-o", h], "outlet"),
        (vec!["merge", p], "outlet"),
    ] {
        let mut typo = args.clone();
        typo.extend(["--by", "outlett"]);
        let (code, _, err) = run(&typo);
        assert_eq!(code, 2, "{typo:?}: {err}");
        assert!(
            err.contains("no article has the metadata key `outlett`"),
            "{typo:?}: {err}"
        );
        let mut right = args.clone();
        right.extend(["--by", good]);
        let (code, _, err) = run(&right);
        assert_eq!(code, 0, "{right:?}: {err}");
    }
}

#[test]
fn a_line_bound_of_zero_bytes_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let feed = body_feed(dir.path());
    let (code, _, err) = run(&["classify", "--max-line-bytes", "0", feed.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--max-line-bytes"), "{err}");
    let (code, _, err) = run(&[
        "classify",
        "--max-line-bytes",
        "1000",
        "--text-field",
        "body",
        feed.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn actors_diff_and_coverage_write_to_o_what_they_print() {
    let dir = tempfile::tempdir().unwrap();
    let feed = body_feed(dir.path());
    let f = feed.to_str().unwrap();
    let rules = root().join("rules");
    let r = rules.to_str().unwrap();
    for args in [
        vec!["actors", "--format", "json", "--text-field", "body", f],
        vec![
            "diff",
            "--rules-a",
            r,
            "--format",
            "json",
            "--text-field",
            "body",
            f,
        ],
        vec![
            "rules",
            "coverage",
            "--format",
            "json",
            "--text-field",
            "body",
            f,
        ],
    ] {
        let (code, printed, err) = run(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert!(printed.starts_with('{'), "{args:?}: {printed}");
        let file = dir.path().join("out.json");
        let mut to_file = args.clone();
        to_file.extend(["-o", file.to_str().unwrap()]);
        let (code, out, err) = run(&to_file);
        assert_eq!(code, 0, "{to_file:?}: {err}");
        assert_eq!(out, "", "{to_file:?}: nothing on stdout");
        assert_eq!(
            std::fs::read_to_string(&file).unwrap(),
            printed,
            "{to_file:?}"
        );
    }
}

/// `explain` says why a word did not count when an exclusion dropped it,
/// naming both rules; a match that would have lost to a longer one of its
/// frame anyway is not listed.
#[test]
fn explain_shows_the_matches_an_exclusion_dropped() {
    let threat = "label = \"Threat\"\nterms = [\n  { pattern = \"terror\" },\n  { pattern = \"terror attack\", weight = 2.0 },\n]\nexclude = [\"war on terror\", \"terror attack drill\"]\n";
    let rules = common::compile(&[("frames/threat.toml", threat)]).unwrap();
    let explain = |text: &str| explain_text(&rules, text);
    let out = explain("The war on terror went on. Seoul condemned the terror attack.");
    let lines: Vec<&str> = out.lines().filter(|l| l.contains("excluded")).collect();
    assert_eq!(
        lines,
        ["      - threat     excluded  \"terror\"  threat:terror  (frames/threat.toml:3)  inside \"war on terror\"  (frames/threat.toml:6)"],
        "{out}"
    );
    // Both threat terms fall inside the drill; only the one that would
    // have won ("terror attack", the longer) is listed.
    let out = explain("It was a terror attack drill.");
    let lines: Vec<&str> = out.lines().filter(|l| l.contains("excluded")).collect();
    assert_eq!(lines.len(), 1, "{out}");
    assert!(
        lines[0].contains("\"terror attack\"  threat:terror attack"),
        "{out}"
    );
    // An actor alias inside an exclusion of the registry.
    let out = explain("He studied at the University of North Korean Studies.");
    assert!(
        out.contains("    excluded: \"North Korean\"  PRK:North Korean"),
        "{out}"
    );
}

/// `explain` lists the actor aliases the registry's readings set aside, each
/// with its reason, and none of them counts for its actor; an alias those
/// readings keep is not listed.
#[test]
fn explain_says_why_an_actor_alias_was_set_aside() {
    let rules = framescope::RuleSet::embedded().unwrap();
    let out = explain_text(
        &rules,
        "Rep. Steve Israel met Alan He in Vienna on Monday.\n\
         BEIJING - A person from China spoke after the Singapore summit. Georgia voted.\n\
         Donald John Trump spoke.",
    );
    let excluded: Vec<&str> = out
        .lines()
        .filter_map(|l| l.strip_prefix("    excluded: "))
        .collect();
    let want = [
        (
            "\"Israel\"  ISR:Israel  (",
            "a surname, after the given name \"Steve\"  ([given-names])",
        ),
        (
            "\"He\"  reference:he  (",
            "a surname, after the given name \"Alan\"  ([given-names])",
        ),
        (
            "\"Vienna\"  AUT:Vienna  (",
            "a location, where something happens  ([location])",
        ),
        (
            "\"BEIJING\"  CHN:Beijing  (",
            "a dateline, where the reporter was  ([location])",
        ),
        (
            "\"China\"  CHN:China  (",
            "an origin, where someone comes from  ([location])",
        ),
        (
            "\"Singapore\"  SGP:Singapore  (",
            "a place naming an event  ([location])",
        ),
        (
            "\"Georgia\"  GEO:Georgia  (",
            "ambiguous, and the article names its actor by no other alias",
        ),
    ];
    assert_eq!(excluded.len(), want.len(), "{out}");
    for (line, (head, why)) in excluded.iter().zip(want) {
        assert!(
            line.starts_with(head) && line.ends_with(why),
            "{line:?} in\n{out}"
        );
    }
    // None of them counts: the only actor left is Trump's state, named by
    // his own given names.
    let actors: Vec<&str> = out.lines().filter(|l| l.contains("actors:")).collect();
    assert_eq!(
        actors,
        ["    actors: USA ← \"Trump\" (donald-trump)"],
        "{out}"
    );
    // A body noun that a state's name qualifies is that state's.
    let out = explain_text(
        &rules,
        "Obama thanked the government of the United Kingdom.",
    );
    assert!(
        out.contains(
            "    excluded: \"the government\"  reference:the government  (actors/registry.toml:"
        ) && out.contains(")  named right after it: of \"United Kingdom\"\n"),
        "{out}"
    );
}

/// `explain` of `text` as one undated document, plain.
fn explain_text(rules: &framescope::RuleSet, text: &str) -> String {
    let doc = framescope::Document {
        id: "t".into(),
        text: text.into(),
        ..framescope::Document::default()
    };
    framescope::internals::render::explain_document(
        rules,
        &doc,
        framescope::internals::render::Style::Plain,
    )
}

/// `explain` says why a pronoun counts for no actor when it refers to a
/// person the registry does not know, or to one who is no actor there.
#[test]
fn explain_names_the_unknown_person_a_pronoun_refers_to() {
    let rules = framescope::RuleSet::embedded().unwrap();
    let out = explain_text(
        &rules,
        "Tony Blair spoke on Monday. Mr Clarke says he does not intend to use the powers.",
    );
    assert!(
        out.contains("    no actor: \"he\" is \"Mr Clarke\", a person the registry does not know  reference:he  (actors/registry.toml:"),
        "{out}"
    );
    // A person of the registry who is out of office in the article.
    let out = explain_text(
        &rules,
        "Former Vice President Dick Cheney spoke on Monday. He said the tactics worked.",
    );
    assert!(
        out.contains("    no actor: \"He\" is dick-cheney, no actor here (called former, or holding no role on the article's date)  reference:he"),
        "{out}"
    );
}
