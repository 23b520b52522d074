//! `rules lint`: findings about a rule pack that loads but may not do what its
//! author meant: duplicate or dead patterns, aliases that collide, ambiguous
//! short aliases, exclusions that cancel their own term, frames without
//! tests. Every finding has a stable code and kebab name, documented in
//! [`CODES`] (what, why, example), and a location.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::error::{Diagnostic, Lint, Location};
use crate::pack::files;
use crate::pack::load::PackSource;
use crate::pack::ruleset::{stamp, ActorKind, ExcludeScope, Rule, RuleSet, Target};
use crate::text::normalize::is_word_char;

/// How serious a finding is. Errors make `rules lint` exit 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Level {
    /// The pack is wrong: a rule cannot work as written.
    Error,
    /// Probably a mistake; check it.
    Warning,
}

/// A lint code's documentation.
#[derive(Debug)]
pub struct LintCode {
    /// Stable code, e.g. `FS001`.
    pub code: &'static str,
    /// Stable kebab-case name.
    pub name: &'static str,
    /// The code (its place in [`CODES`]).
    pub lint: Lint,
    /// Severity.
    pub level: Level,
    /// What it finds.
    pub what: &'static str,
    /// Why it matters.
    pub why: &'static str,
    /// A TOML example that triggers it.
    pub example: &'static str,
}

/// Every lint code, in the order of `Lint`'s variants.
pub const CODES: &[LintCode] = &[
    LintCode {
        code: "FS001",
        name: "duplicate-term",
        lint: Lint::DuplicateTerm,
        level: Level::Error,
        what: "The same pattern listed twice in one frame, one actor or the modifiers.",
        why: "Both copies stay in the pack; the one declared first wins every match, so the other is dead weight and editing it changes nothing.",
        example: "terms = [\n  { pattern = \"ally\", weight = 1.0 },\n  { pattern = \"Ally\", weight = 2.0 },\n]",
    },
    LintCode {
        code: "FS002",
        name: "term-in-two-frames",
        lint: Lint::TermInTwoFrames,
        level: Level::Warning,
        what: "The same pattern is a term of two frames under the same context (or none).",
        why: "Frames do not compete, so every match counts for both; that is sometimes meant (\"military parade\" as military and threat) and often an oversight.",
        example: "# frames/economy.toml\nterms = [{ pattern = \"sanctions\" }]\n# frames/conflict.toml\nterms = [{ pattern = \"sanctions\" }]",
    },
    LintCode {
        code: "FS003",
        name: "alias-in-two-actors",
        lint: Lint::AliasInTwoActors,
        level: Level::Error,
        what: "The same alias belongs to two actors.",
        why: "Actors compete for a match and the actor declared first wins, so the other never gets this alias.",
        example: "[[actor]]\nid = \"PRK\"\naliases = [\"Pyongyang\"]\n\n[[actor]]\nid = \"kcna\"\naliases = [\"Pyongyang\"]",
    },
    LintCode {
        code: "FS004",
        name: "shadowed-pattern",
        lint: Lint::ShadowedPattern,
        level: Level::Error,
        what: "A pattern that can never match because an earlier wildcard of the same frame (or of the actors, or the modifiers) matches every place it would.",
        why: "Matches resolve leftmost-longest within a target; a wildcard declared earlier covers the same span and wins the tie, so the later pattern is dead.",
        example: "terms = [\n  { pattern = \"threat*\" },\n  { pattern = \"threats\", weight = 2.0 },  # never matches\n]",
    },
    LintCode {
        code: "FS005",
        name: "punctuation-edge",
        lint: Lint::PunctuationEdge,
        level: Level::Warning,
        what: "A pattern that begins or ends with punctuation (other than an abbreviation's final dot, as in \"U.S.\", or a leading currency sign, as in \"$1*\").",
        why: "It only matches where the text has that punctuation, e.g. \"threat,\" misses \"threat.\" and \"threat and\".",
        example: "terms = [{ pattern = \"threat,\" }]",
    },
    LintCode {
        code: "FS006",
        name: "ambiguous-alias",
        lint: Lint::AmbiguousAlias,
        level: Level::Warning,
        what: "A short acronym (three letters or fewer) or a common English word used as an alias without exact case.",
        why: "Case-insensitive, \"US\" matches the pronoun \"us\", \"Chad\" the name, \"Turkey\" the bird; list such aliases under `exact` so only the capitalised form counts.",
        example: "[[actor]]\nid = \"USA\"\naliases = [\"US\"]   # add exact = [\"US\"]",
    },
    LintCode {
        code: "FS007",
        name: "self-excluding",
        lint: Lint::SelfExcluding,
        level: Level::Error,
        what: "An exclusion phrase that is the same as one of the terms it excludes.",
        why: "An exclusion drops every match inside it, so a term excluded by itself never counts.",
        example: "terms = [{ pattern = \"partner\" }]\nexclude = [\"partner\"]",
    },
    LintCode {
        code: "FS008",
        name: "weight-out-of-range",
        lint: Lint::WeightOutOfRange,
        level: Level::Error,
        what: "A weight that is not a finite number greater than 0 and at most 10.",
        why: "NaN and infinities poison every score they touch; zero or negative weights are not how to switch a term off (delete it instead).",
        example: "terms = [{ pattern = \"ally\", weight = nan }]",
    },
    LintCode {
        code: "FS009",
        name: "id-not-file-stem",
        lint: Lint::IdNotFileStem,
        level: Level::Error,
        what: "A frame file whose `id` differs from its file name.",
        why: "A frame's id is its file stem; two names for one frame make rules and outputs disagree.",
        example: "# frames/threat.toml\nid = \"danger\"",
    },
    LintCode {
        code: "FS010",
        name: "frame-without-tests",
        lint: Lint::FrameWithoutTests,
        level: Level::Warning,
        what: "A frame without at least one `[[test]]` that must match and one that must not.",
        why: "Tests are how a rule edit is checked; without a must-not-match example nothing guards against a noisy term.",
        example: "[[test]]\ntext = \"China remains North Korea's most significant ally.\"\nmatches = true",
    },
    LintCode {
        code: "FS011",
        name: "invalid-pack",
        lint: Lint::InvalidPack,
        level: Level::Error,
        what: "Any other problem that stops the pack from loading: invalid TOML, unknown keys, wrong types, empty patterns, unknown references.",
        why: "framescope refuses to run with a broken pack; the message says what to fix.",
        example: "terms = [{ pattern = \"ally\", wieght = 1.0 }]",
    },
    LintCode {
        code: "FS012",
        name: "unused-context",
        lint: Lint::UnusedContext,
        level: Level::Warning,
        what: "A `[[context]]` that no term, frame or stance cue names, or a `[[cues]]` list that no context names (contexts.toml).",
        why: "It changes nothing: a context only acts on the terms that name it, a cue list only through a context's `near` or `not-near`. Usually a misspelt id elsewhere, or a leftover.",
        example: "[[cues]]\nid = \"sport\"\nterms = [\"league\"]\n# no context says cues = [\"sport\"]",
    },
    LintCode {
        code: "FS013",
        name: "builtin-name",
        lint: Lint::BuiltinName,
        level: Level::Warning,
        what: "A pack whose files differ from the built-in pack's but that keeps its name and version (a copy of rules/ that was edited).",
        why: "Outputs are stamped with the pack's name and version; two packs under one stamp cannot be told apart afterwards except by the hash.",
        example: "# my-rules/pack.toml, copied from rules/ and then edited\nname = \"framescope-default\"   # name it \"my-rules\"\nversion = \"0.1.0\"",
    },
    LintCode {
        code: "FS014",
        name: "common-name-alias",
        lint: Lint::CommonNameAlias,
        level: Level::Warning,
        what: "A person's alias that is a common given name or surname alone (listed in the pack's names.toml), unless it is exact-case and an `exclude` phrase of the actor (or of all actors) contains it.",
        why: "\"Lee\" for Lee Jae-myung also matches Matthew Lee, Carol E. Lee and Deborah Lee James; exact case keeps out the lower-case word, and exclusions name the other people the bare name is known to hit.",
        example: "[[actor]]\nid = \"lee-jae-myung\"\nkind = \"person\"\naliases = [\"Lee Jae-myung\", \"Lee\"]   # add exact = [\"Lee\"] and exclude = [\"Matthew Lee\"]",
    },
];

impl Lint {
    /// The code's documentation.
    pub fn doc(self) -> &'static LintCode {
        &CODES[self as usize]
    }
}

/// The documentation of `code`, by code (`FS003`) or name (`alias-in-two-actors`).
pub(crate) fn lookup(code: &str) -> Option<&'static LintCode> {
    CODES
        .iter()
        .find(|c| c.code.eq_ignore_ascii_case(code) || c.name == code)
}

/// Renders a code's documentation for `--explain`.
pub(crate) fn explain_code(c: &LintCode) -> String {
    let level = match c.level {
        Level::Error => "error",
        Level::Warning => "warning",
    };
    format!(
        "{} {} ({level})\n\nWhat it finds\n  {}\n\nWhy it matters\n  {}\n\nExample\n{}\n",
        c.code,
        c.name,
        c.what,
        c.why,
        c.example
            .lines()
            .map(|l| format!("  {l}\n"))
            .collect::<String>()
    )
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Stable code, e.g. `FS003`.
    pub code: &'static str,
    /// Stable name, e.g. `alias-in-two-actors`.
    pub name: &'static str,
    /// Severity.
    pub level: Level,
    /// File relative to the pack root, line, and column when known.
    #[serde(flatten)]
    pub at: Location,
    /// What is wrong and what to do.
    pub message: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let level = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        write!(
            f,
            "{}: {level}[{} {}]: {}",
            self.at, self.code, self.name, self.message
        )
    }
}

fn finding(lint: Lint, file: &str, line: usize, col: Option<usize>, message: String) -> Finding {
    let c = lint.doc();
    Finding {
        code: c.code,
        name: c.name,
        level: c.level,
        at: Location::line(file, line, col),
        message,
    }
}

fn from_diagnostic(d: &Diagnostic) -> Finding {
    finding(
        d.code.unwrap_or(Lint::InvalidPack),
        &d.at.file,
        d.at.line.unwrap_or(1),
        d.at.col,
        d.message.clone(),
    )
}

/// Common English words that are also names of states or leaders: as
/// case-insensitive aliases they match the word.
const COMMON_WORDS: &[&str] = &[
    "bush", "chad", "grant", "guinea", "jordan", "may", "moon", "price", "rice", "trump", "turkey",
    "us",
];

/// Currency signs a pattern may begin with (`$1*`: an amount of money).
const CURRENCY_SIGNS: &[char] = &['$', '€', '£', '¥', '₹', '₽', '₩'];

/// Lints the pack in `source`: load errors first (as findings), then every
/// check on what loaded. Sorted by file, line, code.
pub fn lint(source: &PackSource) -> Vec<Finding> {
    let (rules, diags) = RuleSet::compile_with_diagnostics(source);
    let mut out: Vec<Finding> = diags.iter().map(from_diagnostic).collect();
    if let Some(rules) = rules {
        check(source, &rules, &mut out);
    }
    sorted(out)
}

/// Lints a pack that loaded without errors, `rules` compiled from
/// `source`, without compiling it again: what [`lint`] finds for it.
pub(crate) fn lint_loaded(source: &PackSource, rules: &RuleSet) -> Vec<Finding> {
    let mut out = Vec::new();
    check(source, rules, &mut out);
    sorted(out)
}

/// Every check on what loaded.
fn check(source: &PackSource, rules: &RuleSet, out: &mut Vec<Finding>) {
    check_rules(rules, out);
    check_common_names(rules, out);
    check_builtin_name(source, rules, out);
}

/// `findings` sorted by file, line, code, without repeats.
fn sorted(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.sort_by(|a, b| (&a.at, a.code).cmp(&(&b.at, b.code)));
    findings.dedup();
    findings
}

/// Warns on a person's alias that is a common name alone, unless it is
/// exact-case and an exclusion that applies to the actor contains it as a
/// word (FS014).
fn check_common_names(rules: &RuleSet, out: &mut Vec<Finding>) {
    let words = |key: &str| -> Vec<String> {
        key.split(|c: char| !is_word_char(c))
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    for r in &rules.rules {
        let Target::Actor { actor } = r.target else {
            continue;
        };
        let a = rules.actor(actor);
        let alias = r.pattern.trim();
        // An actor whose whole name is the word ("The Pope": an office)
        // is not named by a part of a longer name.
        let name = a.name.trim();
        let whole = name.strip_prefix("The ").unwrap_or(name);
        if a.kind != ActorKind::Person
            || whole.eq_ignore_ascii_case(alias)
            || r.wildcard
            || alias.split_whitespace().count() != 1
            || !rules.common_names.contains(&alias.to_lowercase())
        {
            continue;
        }
        let exact = r.exact.is_some();
        let excluded = rules.rules.iter().any(|e| {
            matches!(e.target, Target::Exclude(ExcludeScope::Actor(x)) if x == actor)
                || matches!(e.target, Target::Exclude(ExcludeScope::AllActors))
        } && e.key != r.key
            && words(&e.key).contains(&r.key));
        if exact && excluded {
            continue;
        }
        let others =
            format!("`exclude` phrases for the others it meets (\"… {alias}\", \"{alias} …\")");
        let fix = match (exact, excluded) {
            (false, false) => format!("list it under `exact` and add {others}"),
            (false, true) => "list it under `exact`".to_string(),
            _ => format!("add {others}"),
        };
        out.push(finding(
            Lint::CommonNameAlias,
            &r.origin.file,
            r.origin.line,
            None,
            format!(
                "alias `{alias}` of person `{}` is a common name alone: it matches every other {alias} too; {fix}, or keep only the full name",
                a.id
            ),
        ));
    }
}

/// Warns when `source` is not the built-in pack yet carries its name and
/// version (FS013).
fn check_builtin_name(source: &PackSource, rules: &RuleSet, out: &mut Vec<Finding>) {
    let builtin = PackSource::embedded();
    let Some((name, version)) = name_and_version(&builtin) else {
        return;
    };
    let info = &rules.info;
    if info.name != name || info.version != version || info.hash == builtin.hash() {
        return;
    }
    let line = source
        .files()
        .iter()
        .find(|(p, _)| p == files::PACK)
        .and_then(|(_, text)| {
            text.lines()
                .position(|l| l.trim_start().starts_with("name"))
        })
        .map_or(1, |i| i + 1);
    out.push(finding(
        Lint::BuiltinName,
        files::PACK,
        line,
        None,
        format!(
            "this pack differs from the built-in {} but has its name and version, so outputs stamped `{}` could be either; give it a name of its own, e.g. name = \"my-rules\"",
            stamp(&info.id, &builtin.hash()),
            info.id
        ),
    ));
}

/// The `name` and `version` of a pack's `pack.toml`.
fn name_and_version(source: &PackSource) -> Option<(String, String)> {
    let (_, text) = source.files().iter().find(|(p, _)| p == files::PACK)?;
    let table: toml::Table = text.parse().ok()?;
    let field = |k: &str| table.get(k)?.as_str().map(|s| s.trim().to_string());
    Some((field("name")?, field("version")?))
}

/// The target group a rule competes in (as in `scan`).
fn group(r: &Rule) -> Option<(u8, usize)> {
    match r.target {
        Target::Frame { frame, .. } => Some((0, frame.index())),
        Target::Actor { .. } => Some((1, 0)),
        Target::Modifier(_) | Target::Contrastive { .. } => Some((2, 0)),
        Target::Stance { .. } => Some((3, 0)),
        Target::Reference { .. } => Some((4, 0)),
        Target::Cue { list } => Some((5, list)),
        Target::Title { .. } => Some((6, 0)),
        Target::Exclude(_) => None,
    }
}

fn owner(rules: &RuleSet, r: &Rule) -> String {
    match &r.target {
        Target::Frame { frame, .. } => format!("frame `{}`", rules.frame(*frame).id),
        Target::Actor { actor } => format!("actor `{}`", rules.actor(*actor).id),
        Target::Cue { list } => format!("cue list `{}`", rules.cue_lists[*list].id),
        Target::Title { .. } => "the person titles".to_string(),
        _ => "the modifiers".to_string(),
    }
}

fn check_rules(rules: &RuleSet, out: &mut Vec<Finding>) {
    let rs = &rules.rules;
    // Patterns by key, in declaration order.
    let mut by_key: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, r) in rs.iter().enumerate() {
        by_key.entry(r.key.as_str()).or_default().push(i);
    }
    for ids in by_key.values() {
        for wildcard in [false, true] {
            let same: Vec<usize> = ids
                .iter()
                .copied()
                .filter(|&i| rs[i].wildcard == wildcard && group(&rs[i]).is_some())
                .collect();
            check_copies(rules, &same, out);
        }
    }
    check_shadowing(rules, out);
    // Punctuation at a pattern's edges, ambiguous aliases, self-exclusion.
    for r in rs {
        let first = r.key.chars().next().unwrap_or(' ');
        let last = r.key.chars().next_back().unwrap_or(' ');
        let abbreviation = last == '.'
            && r.key.rsplit(' ').next().is_some_and(|w| {
                w.split('.')
                    .all(|p| p.chars().count() <= 3 && p.chars().all(char::is_alphabetic))
            });
        let edge_ok = |c: char| is_word_char(c) || c == '"' || c == '\'';
        if !matches!(r.target, Target::Exclude(_))
            && (!(is_word_char(first) || CURRENCY_SIGNS.contains(&first))
                || (!edge_ok(last) && !abbreviation))
        {
            out.push(finding(
                Lint::PunctuationEdge,
                &r.origin.file,
                r.origin.line,
                None,
                format!("`{}` begins or ends with punctuation, so it only matches where the text has it; drop the punctuation", r.pattern),
            ));
        }
        if let Target::Actor { actor } = r.target {
            // "US" or "UN" (not "U.S.", which no ordinary word spells).
            let acronym = r.pattern.chars().count() <= 3
                && r.pattern
                    .chars()
                    .all(|c| c.is_alphabetic() && c.is_uppercase());
            if r.exact.is_none() && (acronym || COMMON_WORDS.contains(&r.key.as_str())) {
                out.push(finding(
                    Lint::AmbiguousAlias,
                    &r.origin.file,
                    r.origin.line,
                    None,
                    format!(
                        "alias `{}` of `{}` matches the ordinary word `{}` too; add it to `exact` so only this spelling counts",
                        r.pattern, rules.actor(actor).id, r.key
                    ),
                ));
            }
        }
        if let Target::Exclude(scope) = r.target {
            let same_key = by_key.get(r.key.as_str()).map_or(&[][..], Vec::as_slice);
            for t in same_key.iter().map(|&t| &rs[t]).filter(|t| !t.wildcard) {
                if scope.covers(&t.target) {
                    out.push(finding(
                        Lint::SelfExcluding,
                        &r.origin.file,
                        r.origin.line,
                        None,
                        format!(
                            "exclusion `{}` is the term `{}` itself ({}), which therefore never counts; remove one of them",
                            r.pattern, t.pattern, t.origin
                        ),
                    ));
                }
            }
        }
    }
    // Contexts no term or cue uses, cue lists no context uses.
    for (i, c) in rules.contexts.iter().enumerate() {
        let used = rs.iter().any(|r| {
            matches!(r.target,
                Target::Frame { context: Some(x), .. } | Target::Stance { context: Some(x), .. }
                    if x == i)
        });
        if !used {
            out.push(finding(
                Lint::UnusedContext,
                &c.origin.file,
                c.origin.line,
                None,
                format!("context `{}` is named by no term, frame or stance cue: name it with `context = \"{}\"` or remove it", c.id, c.id),
            ));
        }
    }
    for (i, l) in rules.cue_lists.iter().enumerate() {
        let used = rules.contexts.iter().any(|c| {
            [&c.near, &c.not_near]
                .into_iter()
                .flatten()
                .any(|cond| cond.lists.contains(&i))
        });
        if !used {
            out.push(finding(
                Lint::UnusedContext,
                &l.origin.file,
                l.origin.line,
                None,
                format!("cue list `{}` is named by no context: add it to a context's `near` or `not-near`, or remove it", l.id),
            ));
        }
    }
    // Frames without a must-match and a must-not-match test.
    let mut tested: BTreeMap<&str, (bool, bool)> = BTreeMap::new();
    for (id, matches) in rules.tests.iter().filter_map(|t| t.frame.as_ref()) {
        let seen = tested.entry(id.as_str()).or_default();
        seen.0 |= *matches;
        seen.1 |= !*matches;
    }
    for f in &rules.frames {
        let (has_yes, has_no) = tested.get(f.id.as_str()).copied().unwrap_or_default();
        if !(has_yes && has_no) {
            let missing = match (has_yes, has_no) {
                (false, false) => "no tests",
                (true, false) => "no test that must not match",
                _ => "no test that must match",
            };
            out.push(finding(
                Lint::FrameWithoutTests,
                &files::frame_path(&f.id),
                1,
                None,
                format!("frame `{}` has {missing}; add [[test]] examples with `matches = true` and `matches = false`", f.id),
            ));
        }
    }
}

/// Who owns a rule for duplicate checks: a frame, one actor, or one of the
/// shared groups (modifiers, stance cues, references).
fn owner_key(r: &Rule) -> Option<(u8, usize)> {
    match r.target {
        Target::Actor { actor } => Some((1, actor.index())),
        _ => group(r),
    }
}

/// The context a frame term names, if any.
fn frame_context(r: &Rule) -> Option<usize> {
    match r.target {
        Target::Frame { context, .. } => context,
        _ => None,
    }
}

/// `a, b, c` for up to ten numbers, then how many more.
fn some_lines(lines: &[usize]) -> String {
    const SHOWN: usize = 10;
    let mut text: Vec<String> = lines.iter().take(SHOWN).map(usize::to_string).collect();
    if lines.len() > SHOWN {
        text.push(format!("and {} more", lines.len() - SHOWN));
    }
    text.join(", ")
}

/// Findings for rules `ids` that share one key and wildcard flag (in
/// declaration order): copies within one owner are one `duplicate-term`
/// with their count and lines; a term in several frames, or an alias in
/// several actors, is one finding per later owner naming the first, which
/// wins. Linear in the number of copies: 3,000 copies of one term once made
/// 4.5 million findings, one per pair.
fn check_copies(rules: &RuleSet, ids: &[usize], out: &mut Vec<Finding>) {
    let rs = &rules.rules;
    // Owners in order of first appearance, each with its rules.
    let mut owners: Vec<((u8, usize), Vec<usize>)> = Vec::new();
    let mut slot: BTreeMap<(u8, usize), usize> = BTreeMap::new();
    for &i in ids {
        crate::work::tick(1);
        let Some(key) = owner_key(&rs[i]) else {
            continue;
        };
        let at = *slot.entry(key).or_insert_with(|| {
            owners.push((key, Vec::new()));
            owners.len() - 1
        });
        owners[at].1.push(i);
    }
    for (_, copies) in &owners {
        let [a, b, ..] = copies[..] else { continue };
        let (ra, rb) = (&rs[a], &rs[b]);
        let same_spelling = copies.iter().all(|&c| rs[c].pattern == ra.pattern);
        let message = match (copies.len(), same_spelling) {
            (2, true) => format!(
                "`{}` is listed twice in {} (first on line {}); remove one",
                rb.pattern,
                owner(rules, rb),
                ra.origin.line
            ),
            (2, false) => format!(
                "`{}` is the same pattern as `{}` (line {}) once case, hyphens and quotes are normalised, in {}; remove one",
                rb.pattern,
                ra.pattern,
                ra.origin.line,
                owner(rules, rb)
            ),
            (n, _) => {
                let lines: Vec<usize> = copies.iter().map(|&c| rs[c].origin.line).collect();
                format!(
                    "`{}` is listed {n} times in {}{} (lines {}); keep one",
                    ra.pattern,
                    owner(rules, rb),
                    if same_spelling {
                        ""
                    } else {
                        " once case, hyphens and quotes are normalised"
                    },
                    some_lines(&lines)
                )
            }
        };
        out.push(finding(
            Lint::DuplicateTerm,
            &rb.origin.file,
            rb.origin.line,
            None,
            message,
        ));
    }
    // Frames (and actors) sharing the key: each later one against the first.
    for frames in [true, false] {
        let shared: Vec<usize> = owners
            .iter()
            .filter(|((g, _), _)| *g == if frames { 0 } else { 1 })
            .map(|(_, copies)| copies[0])
            .collect();
        for (n, &b) in shared.iter().enumerate() {
            let rb = &rs[b];
            // Each against the first before it under the same context: under
            // different contexts two frames' terms need not count together.
            let Some(&first) = shared[..n]
                .iter()
                .find(|&&a| frame_context(&rs[a]) == frame_context(rb))
            else {
                continue;
            };
            let ra = &rs[first];
            let message = match (&ra.target, &rb.target) {
                (Target::Frame { frame: fa, .. }, _) => {
                    let all = if shared.len() > 2 {
                        format!(" (it is a term of {} frames)", shared.len())
                    } else {
                        String::new()
                    };
                    format!(
                        "`{}` is also a term of frame `{}` ({}): every match counts for both frames{all}",
                        rb.pattern, rules.frame(*fa).id, ra.origin
                    )
                }
                (Target::Actor { actor: x }, Target::Actor { actor: y }) => format!(
                    "alias `{}` of actor `{}` is also an alias of `{}` ({}), which wins every match (declared first: files are read in name order); keep it in one actor",
                    rb.pattern, rules.actor(*y).id, rules.actor(*x).id, ra.origin
                ),
                _ => continue,
            };
            let name = if frames {
                Lint::TermInTwoFrames
            } else {
                Lint::AliasInTwoActors
            };
            out.push(finding(
                name,
                &rb.origin.file,
                rb.origin.line,
                None,
                message,
            ));
        }
    }
}

/// `shadowed-pattern`: a rule that an earlier wildcard of its group covers
/// (the wildcard's key is a prefix of the rule's, and the rest is word
/// characters). The wildcards are looked up by key, so each rule costs the
/// length of its last word, not a scan of every rule before it.
fn check_shadowing(rules: &RuleSet, out: &mut Vec<Finding>) {
    let rs = &rules.rules;
    // The first declared case-folding wildcard of each group and key.
    let mut wildcards: BTreeMap<((u8, usize), &str), usize> = BTreeMap::new();
    for (i, w) in rs.iter().enumerate() {
        if let (true, None, Some(g)) = (w.wildcard, &w.exact, group(w)) {
            wildcards.entry((g, w.key.as_str())).or_insert(i);
        }
    }
    for (i, r) in rs.iter().enumerate() {
        let Some(g) = group(r) else { continue };
        if !(r.wildcard || r.bound_end) {
            continue;
        }
        // Prefixes whose rest is all word characters: cuts in the last word.
        let word_start = r
            .key
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(0, |(at, c)| at + c.len_utf8());
        let shadow = r.key[word_start..]
            .char_indices()
            .map(|(at, _)| word_start + at)
            .filter(|&cut| cut > 0)
            .filter_map(|cut| {
                crate::work::tick(1);
                wildcards.get(&(g, &r.key[..cut])).copied()
            })
            .filter(|&w| w < i)
            .min();
        if let Some(w) = shadow {
            let w = &rs[w];
            out.push(finding(
                Lint::ShadowedPattern,
                &r.origin.file,
                r.origin.line,
                None,
                format!(
                    "`{}` can never match: the wildcard `{}` ({}) covers every place it would; remove it or move it before the wildcard",
                    r.pattern, w.pattern, w.origin
                ),
            ));
        }
    }
}

/// Human-readable findings and a summary line.
pub fn report(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        out.push_str(&f.to_string());
        out.push('\n');
    }
    let errors = findings.iter().filter(|f| f.level == Level::Error).count();
    let warnings = findings.len() - errors;
    out.push_str(&format!(
        "{errors} error{}, {warnings} warning{}\n",
        if errors == 1 { "" } else { "s" },
        if warnings == 1 { "" } else { "s" }
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::work::assert_near_linear;

    #[test]
    fn codes_are_in_the_order_of_the_enum() {
        for (i, c) in CODES.iter().enumerate() {
            assert_eq!(c.lint as usize, i, "{}", c.name);
            assert_eq!(c.code, format!("FS{:03}", i + 1));
            assert_eq!(c.lint.doc().name, c.name);
        }
    }

    /// A pack whose one frame has `terms`.
    fn pack(terms: &str) -> PackSource {
        PackSource::from_files(vec![
            (
                "pack.toml".into(),
                "name = \"big\"\nversion = \"0.1.0\"\nschema = 1\n".into(),
            ),
            ("actors.toml".into(), String::new()),
            ("modifiers.toml".into(), String::new()),
            (
                "frames/f.toml".into(),
                format!("label = \"F\"\nterms = [\n{terms}]\n"),
            ),
        ])
    }

    #[test]
    fn shadowing_checks_scale_linearly_and_still_find_the_shadowed() {
        assert_near_linear("wildcard terms", 300, |n| {
            // n wildcards that shadow nothing, then one term they shadow.
            let mut terms: String = (0..n)
                .map(|i| format!("  {{ pattern = \"w{i}x*\" }},\n"))
                .collect();
            terms.push_str("  { pattern = \"w0xyz\" },\n");
            let shadowed: Vec<Finding> = lint(&pack(&terms))
                .into_iter()
                .filter(|f| f.name == "shadowed-pattern")
                .collect();
            assert_eq!(shadowed.len(), 1, "{shadowed:?}");
            assert!(shadowed[0].message.contains("`w0xyz`"), "{shadowed:?}");
        });
    }

    #[test]
    fn duplicate_checks_scale_linearly() {
        assert_near_linear("copies of one term", 100, |n| {
            let terms: String = (0..n).map(|_| "  { pattern = \"ally\" },\n").collect();
            let found = lint(&pack(&terms));
            assert_eq!(
                found.iter().filter(|f| f.name == "duplicate-term").count(),
                1,
                "one finding for all the copies"
            );
        });
    }
}
