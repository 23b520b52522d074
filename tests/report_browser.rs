//! The HTML report in real browsers: headless Chromium and Firefox
//! (Debian's /usr/bin/chromium and /usr/bin/firefox-esr, driven by
//! puppeteer-core from tests/browser/) open the seeds' report and the
//! grouped fixture's, and `check.mjs` checks that
//! every chart rendered, the console stayed clean, nothing was requested
//! from the network, a table toggle works, an opened article shows
//! highlighted spans whose tooltip names rule, file:line and weight, Tab
//! reaches those spans, and (Chromium) the print medium hides the
//! controls and keeps every chart. It saves a screenshot (and in Chromium
//! a PDF) of each page in target/report-screenshots/.
//!
//! `.ci/run` installs chromium and firefox-esr and runs `npm ci` in
//! tests/browser/. Without them a test says it is skipped, except under
//! `CI=true`, where a missing browser is a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_framescope");

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// What is missing to run `browser` (`chromium` or `firefox`), if anything.
fn missing(browser: &str) -> Option<String> {
    let (var, default, package) = match browser {
        "chromium" => ("CHROMIUM", "/usr/bin/chromium", "chromium"),
        _ => ("FIREFOX", "/usr/bin/firefox-esr", "firefox-esr"),
    };
    let exe = std::env::var(var).unwrap_or_else(|_| default.into());
    if !Path::new(&exe).exists() {
        return Some(format!("{exe} (apt-get install {package})"));
    }
    if Command::new("node").arg("--version").output().is_err() {
        return Some("node".into());
    }
    if !root()
        .join("tests/browser/node_modules/puppeteer-core")
        .is_dir()
    {
        return Some("tests/browser/node_modules (npm ci --prefix tests/browser)".into());
    }
    None
}

#[test]
fn reports_render_in_headless_chromium() {
    reports_render_in("chromium");
}

#[test]
fn reports_render_in_headless_firefox() {
    reports_render_in("firefox");
}

fn reports_render_in(browser: &str) {
    if let Some(what) = missing(browser) {
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("CI=true and the {browser} test cannot run: missing {what}");
        }
        // Straight to stderr, past the harness's capture: a skip is seen
        // as a skip, not as a bare `ok`.
        use std::io::Write as _;
        let _ = writeln!(
            std::io::stderr(),
            "skipped: reports_render_in_headless_{browser}: missing {what}"
        );
        return;
    }
    // Each browser writes its own pages: the two tests run in parallel.
    let out = root().join("target/report-screenshots").join(browser);
    std::fs::create_dir_all(&out).unwrap();
    let seeds = out.join("seeds.html");
    let grouped = out.join("grouped.html");
    for (args, page) in [
        (vec!["seeds"], &seeds),
        (
            vec![
                "tests/fixtures/report/grouped.jsonl",
                "--by",
                "outlet",
                "--pair-by",
                "event",
                "--min-docs",
                "3",
            ],
            &grouped,
        ),
    ] {
        let o = Command::new(BIN)
            .arg("report")
            .args(&args)
            .args(["-q", "-o", page.to_str().unwrap()])
            .current_dir(root())
            .output()
            .unwrap();
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    let o = Command::new("node")
        .arg(root().join("tests/browser/check.mjs"))
        .arg(browser)
        .arg(&out)
        .arg(&seeds)
        .arg(&grouped)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success(), "check.mjs failed:\n{stdout}\n{stderr}");
    let results: Vec<serde_json::Value> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(results.len(), 2, "{stdout}");
    let sections = |r: &serde_json::Value| -> Vec<(String, u64)> {
        r["perSection"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_u64().unwrap()))
            .collect()
    };
    // The seeds have no groups and no dates: overview and actors charts.
    let s = &results[0];
    assert_eq!(
        sections(s),
        [("actors".to_string(), 2), ("overview".to_string(), 1)]
    );
    // The grouped fixture draws every section.
    let g = &results[1];
    let names: Vec<String> = sections(g).into_iter().map(|(k, _)| k).collect();
    assert_eq!(
        names,
        ["actors", "groups", "overview", "paired", "time"],
        "{g}"
    );
    for r in &results {
        assert!(r["problems"].as_array().unwrap().is_empty(), "{r}");
        assert!(r["highlighted"].as_u64().unwrap() > 0, "{r}");
        assert!(r["tableRows"].as_u64().unwrap() > 0, "{r}");
        // Tab alone reaches a highlight of the opened article.
        assert_eq!(r["tabbedToMark"], true, "{r}");
        // Chromium printed the page: no controls, every chart drawn.
        if browser == "chromium" {
            assert_eq!(r["printed"]["controls"], 0, "{r}");
            assert_eq!(r["printed"]["drawn"], r["charts"], "{r}");
        }
        assert!(
            Path::new(r["screenshot"].as_str().unwrap()).is_file(),
            "{r}"
        );
    }
}
