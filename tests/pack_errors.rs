//! A broken rule pack yields every error, each at `file:line:col`, naming the
//! value at fault; the CLI exits 2 and never panics.

mod common;

use common::{assert_one, diagnostics};
use framescope::Error;

const THREE_ERRORS: &str = r#"label = "Threat"
terms = [
  { pattern = "missile", wieght = 1.0 },
  { pattern = "   " },
  { pattern = "nuclear", weight = nan },
]
"#;

#[test]
fn typo_empty_pattern_and_nan_weight_are_three_located_errors() {
    let diags = diagnostics(&[("frames/threat.toml", THREE_ERRORS)]);
    assert_eq!(diags.len(), 3, "{diags:#?}");
    assert!(
        diags[0].starts_with("frames/threat.toml:3:26: unknown field `wieght`"),
        "{}",
        diags[0]
    );
    assert!(
        diags[1].starts_with("frames/threat.toml:4:15: empty pattern"),
        "{}",
        diags[1]
    );
    assert!(
        diags[2].starts_with("frames/threat.toml:5:35: weight NaN is out of range"),
        "{}",
        diags[2]
    );
}

#[test]
fn errors_in_several_files_are_all_reported() {
    let diags = diagnostics(&[
        ("frames/threat.toml", THREE_ERRORS),
        ("pack.toml", "name = \"x\"\nversion = \"1\"\nschema = 1\n"),
    ]);
    assert_eq!(diags.len(), 4, "{diags:#?}");
    assert!(
        diags
            .iter()
            .any(|d| d.starts_with("pack.toml:2:11: `version` is `1`")),
        "{diags:#?}"
    );
}

#[test]
fn unknown_top_level_key() {
    assert_one(
        &[(
            "frames/threat.toml",
            "lable = \"Threat\"\nlabel = \"T\"\nterms = [{ pattern = \"x\" }]\n",
        )],
        "frames/threat.toml:1:1:",
        &["unknown key `lable`", "`label`"],
    );
}

#[test]
fn wrong_type() {
    assert_one(
        &[(
            "frames/threat.toml",
            "label = \"T\"\nterms = [{ pattern = \"x\", weight = \"high\" }]\n",
        )],
        "frames/threat.toml:2:",
        &["invalid type: string \"high\", expected a number"],
    );
}

#[test]
fn weight_out_of_range() {
    assert_one(
        &[(
            "frames/threat.toml",
            "label = \"T\"\nterms = [{ pattern = \"x\", weight = -2.0 }]\n",
        )],
        "frames/threat.toml:2:36:",
        &["weight -2 is out of range"],
    );
}

#[test]
fn infinite_weight() {
    assert_one(
        &[(
            "frames/threat.toml",
            "label = \"T\"\nterms = [{ pattern = \"x\", weight = inf }]\n",
        )],
        "frames/threat.toml:2:36:",
        &["weight inf is out of range"],
    );
}

#[test]
fn id_differs_from_file_stem() {
    assert_one(
        &[(
            "frames/threat.toml",
            "id = \"danger\"\nlabel = \"T\"\nterms = [{ pattern = \"x\" }]\n",
        )],
        "frames/threat.toml:1:6:",
        &["`danger` differs from its file stem `threat`"],
    );
}

#[test]
fn duplicate_actor_id() {
    let actors = format!(
        "{}\n[[actor]]\nid = \"CHN\"\nkind = \"state\"\naliases = [\"PRC\"]\n",
        common::ACTORS
    );
    let line = actors.lines().count() - 2;
    assert_one(
        &[("actors.toml", &actors)],
        &format!("actors.toml:{line}:6:"),
        &["duplicate actor id `CHN`", "first declared on line"],
    );
}

#[test]
fn unknown_member_of() {
    let actors = format!("{}\n[[actor]]\nid = \"xi\"\nkind = \"person\"\nmember-of = \"CHINA\"\naliases = [\"Xi\"]\n", common::ACTORS);
    let diags = diagnostics(&[("actors.toml", &actors)]);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert!(
        diags[0].contains("unknown actor `CHINA` in `member-of`"),
        "{}",
        diags[0]
    );
}

#[test]
fn unknown_frame_in_test() {
    assert_one(
        &[(
            "frames/threat.toml",
            "label = \"T\"\nterms = [{ pattern = \"x\" }]\n[[test]]\ntext = \"x\"\nframes = [\"thret\"]\n",
        )],
        "frames/threat.toml:5:11:",
        &["unknown frame `thret`"],
    );
}

#[test]
fn unknown_actor_in_test() {
    let actors = format!(
        "{}\n[[test]]\ntext = \"Kim\"\nactors = [\"NK\"]\n",
        common::ACTORS
    );
    let diags = diagnostics(&[("actors.toml", &actors)]);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert!(
        diags[0].contains("unknown top-level actor `NK`"),
        "{}",
        diags[0]
    );
}

#[test]
fn invalid_toml_syntax_is_located() {
    assert_one(
        &[("frames/threat.toml", "label = \"T\"\nterms = [\n")],
        "frames/threat.toml:",
        &["invalid TOML"],
    );
}

#[test]
fn wildcard_only_at_the_end() {
    assert_one(
        &[(
            "frames/threat.toml",
            "label = \"T\"\nterms = [{ pattern = \"th*eat\" }]\n",
        )],
        "frames/threat.toml:2:22:",
        &["`*` before its end"],
    );
}

#[test]
fn pattern_of_punctuation_only() {
    assert_one(
        &[(
            "frames/threat.toml",
            "label = \"T\"\nterms = [{ pattern = \"--\" }]\n",
        )],
        "frames/threat.toml:2:22:",
        &["empty once normalised"],
    );
}

#[test]
fn cli_exits_2_and_lists_every_error() {
    let dir = common::write_pack("bad-pack", &[("frames/threat.toml", THREE_ERRORS)]);
    let (code, out, err) = common::run(&["--rules", dir.to_str().unwrap(), "classify", "-"]);
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(code, 2, "{err}");
    assert!(out.is_empty());
    assert!(err.starts_with("error: rule pack has 3 errors\n"), "{err}");
    assert_eq!(err.matches("frames/threat.toml:").count(), 3, "{err}");
}

/// Every prefix of every file of the shipped pack (cut at many points) either
/// compiles or yields located diagnostics: the loader never panics on a
/// half-written file.
#[test]
fn truncated_files_never_panic() {
    let pack = framescope::PackSource::embedded();
    for (path, text) in pack.files() {
        let cuts: Vec<usize> = (0..=16).map(|i| text.len() * i / 16).collect();
        for cut in cuts {
            let mut cut = cut;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let files: Vec<(String, String)> = pack
                .files()
                .iter()
                .map(|(p, t)| {
                    (
                        p.clone(),
                        if p == path {
                            t[..cut].to_string()
                        } else {
                            t.clone()
                        },
                    )
                })
                .collect();
            match framescope::RuleSet::from_source(&framescope::PackSource::from_files(files)) {
                Ok(_) => {}
                Err(Error::Pack(diags)) => {
                    assert!(!diags.is_empty());
                    for d in diags {
                        assert!(
                            d.at.line.is_some_and(|l| l >= 1) && d.at.col.is_some_and(|c| c >= 1),
                            "{d}"
                        );
                    }
                }
                Err(e) => panic!("{path} cut at {cut}: unexpected {e}"),
            }
        }
    }
}

#[test]
fn a_doubled_extension_is_not_a_second_copy_of_the_frame() {
    let diags = diagnostics(&[("frames/alliance.toml.toml", common::ALLIANCE)]);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert!(
        diags[0].contains("frame file name `alliance.toml` is not a valid id"),
        "{}",
        diags[0]
    );
}

/// One typo in an actor (`alias` for `aliases`) drops it; everything that
/// names it would then fail too. Only the typo is reported.
#[test]
fn an_entry_that_fails_to_load_reports_once_not_at_every_reference() {
    let actors = format!(
        "{}{}",
        common::ACTORS,
        r#"
[[actor]]
id = "JPN"
name = "Japan"
kind = "state"
alias = ["Japan", "Tokyo"]

[[actor]]
id = "abe"
name = "Shinzo Abe"
kind = "person"
member-of = "JPN"
aliases = ["Shinzo Abe"]

[[actor.role]]
title = "prime minister"
of = "JPN"
from = 2012-12-26
to = 2020-09-16

[[test]]
text = "Japan and China argued."
actors = ["CHN", "JPN"]
edges = ["JPN->CHN negative"]
"#
    );
    let diags = diagnostics(&[("actors.toml", &actors)]);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert!(diags[0].contains("unknown field `alias`"), "{}", diags[0]);
    // A reference to an actor that never existed is still an error.
    let diags = diagnostics(&[(
        "actors.toml",
        &format!("{}\n[[actor]]\nid = \"x\"\nname = \"X\"\nkind = \"person\"\nmember-of = \"JPN\"\naliases = [\"Mr X\"]\n", common::ACTORS),
    )]);
    assert_eq!(diags.len(), 1, "{diags:#?}");
    assert!(
        diags[0].contains("unknown actor `JPN` in `member-of`"),
        "{}",
        diags[0]
    );
}

#[test]
fn duplicate_and_invalid_cue_list_and_context_ids_are_located() {
    let contexts = "[[cues]]\nid = \"sport\"\nterms = [\"match\"]\n\n\
                    [[cues]]\nid = \"sport\"\nterms = [\"league\"]\n\n\
                    [[context]]\nid = \"no sport\"\nnot-near = { cues = [\"sport\"] }\n\n\
                    [[context]]\nid = \"no sport\"\nnot-near = { cues = [\"sport\"] }\n";
    let diags = diagnostics(&[("contexts.toml", contexts)]);
    assert_eq!(diags.len(), 4, "{diags:#?}");
    let expected = [
        ("contexts.toml:6:6:", "duplicate cue list id `sport`"),
        ("contexts.toml:10:6:", "context id `no sport` is not valid"),
        ("contexts.toml:14:6:", "context id `no sport` is not valid"),
        ("contexts.toml:14:6:", "duplicate context id `no sport`"),
    ];
    for (diag, (at, what)) in diags.iter().zip(expected) {
        assert!(diag.starts_with(at) && diag.contains(what), "{diag}");
    }
}
