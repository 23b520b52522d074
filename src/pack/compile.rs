//! Compiling a loaded [`PackSpec`] into a [`RuleSet`]: validates every value
//! (empty patterns, weights out of range, unknown references, duplicate ids,
//! ids that differ from their file stem), reporting each problem at its
//! `file:line:col`, and builds the single Aho-Corasick automaton.

use std::collections::HashMap;

use aho_corasick::nfa::contiguous;
use aho_corasick::MatchKind;
use toml::Spanned;

use crate::error::{Diagnostic, Error, LineIndex, Lint, Location};
use crate::pack::files;
use crate::pack::load::{load, PackSource};
use crate::pack::ruleset::{
    Actor, ActorCondition, ActorId, ActorKind, Booster, Color, Context, CueCondition, CueList,
    Date, ExcludeScope, Frame, FrameId, ModifierKind, Modifiers, Origin, PackInfo, PatternRule,
    Pronoun, Reference, Resolve, Role, Rule, RuleId, RuleSet, RuleTest, Scoring, StanceSettings,
    Target, WordsBefore,
};
use crate::pack::spec::{
    ActorSpec, ContextsFile, CueConditionSpec, FailedIds, ModifierSpec, PackSpec, ReferenceSpec,
    SourceFile, TermSpec, TestSpec, WordsBeforeSpec,
};
use crate::text::normalize::{is_hyphen, is_word_char, normalize_pattern};
use crate::text::tokens::Phrases;

/// The rule-pack schema this version of framescope reads.
pub(crate) const SCHEMA: i64 = 1;

/// Largest accepted term weight.
const MAX_WEIGHT: f64 = 10.0;

/// Largest accepted `lookback` of a reference, in sentences.
pub(crate) const MAX_LOOKBACK: usize = 20;

/// Where findings go while compiling one file.
struct Site<'a> {
    path: &'a str,
    src: &'a str,
    /// Where each line starts: a pack has thousands of rules, and counting
    /// newlines from the top for each would be quadratic.
    lines: LineIndex,
}

impl Site<'_> {
    fn diag(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        Diagnostic::located(self.path, self.lines.line_col(self.src, offset), message)
    }

    fn line(&self, offset: usize) -> usize {
        self.lines.line(offset)
    }

    fn origin(&self, offset: usize) -> Origin {
        Origin {
            file: self.path.to_string(),
            line: self.line(offset),
        }
    }
}

impl<'a, T> From<&'a SourceFile<T>> for Site<'a> {
    fn from(f: &'a SourceFile<T>) -> Site<'a> {
        Site {
            path: &f.path,
            src: &f.src,
            lines: LineIndex::new(&f.src),
        }
    }
}

struct Builder<'d> {
    diags: &'d mut Vec<Diagnostic>,
    /// Ids whose declaration failed to load: references to them are not
    /// errors of their own (the declaration's error is the cause).
    failed: &'d FailedIds,
    rules: Vec<Rule>,
    /// Normalised, case-folded automaton key of each rule.
    keys: Vec<String>,
}

impl Builder<'_> {
    /// Validates `pattern` and adds it as a rule for `target`; false when
    /// the pattern is invalid (the problem is reported).
    fn add(
        &mut self,
        site: &Site<'_>,
        pattern: &Spanned<String>,
        target: Target,
        exact: bool,
    ) -> bool {
        let raw = pattern.get_ref();
        let at = pattern.span().start;
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            self.diags.push(site.diag(
                at,
                "empty pattern: write a word or phrase, or remove the entry",
            ));
            return false;
        }
        let (base, wildcard) = match trimmed.strip_suffix('*') {
            Some(base) => (base, true),
            None => (trimmed, false),
        };
        if base.contains('*') {
            self.diags.push(site.diag(
                at,
                format!("pattern `{raw}` has `*` before its end: only a trailing `*` (wildcard suffix) is allowed"),
            ));
            return false;
        }
        let key = normalize_pattern(base, true);
        let Some(first) = key.chars().next() else {
            self.diags.push(site.diag(
                at,
                format!("pattern `{raw}` is empty once normalised: use letters or digits"),
            ));
            return false;
        };
        let last = key.chars().next_back().unwrap_or(first);
        if wildcard && !is_word_char(last) {
            self.diags.push(site.diag(
                at,
                format!("pattern `{raw}`: a wildcard `*` must follow a letter or digit"),
            ));
            return false;
        }
        self.rules.push(Rule {
            pattern: trimmed.to_string(),
            target,
            origin: site.origin(at),
            wildcard,
            exact: exact.then(|| normalize_pattern(base, false)),
            bound_end: is_word_char(last),
            key: key.clone(),
            place: false,
            ambiguous: false,
            min_years_ago: None,
        });
        self.keys.push(key);
        true
    }

    fn number(
        &mut self,
        site: &Site<'_>,
        value: &Option<Spanned<f64>>,
        name: &str,
        default: f64,
        range: (f64, f64),
    ) -> f64 {
        let Some(v) = value else { return default };
        let x = *v.get_ref();
        if x.is_finite() && x >= range.0 && x <= range.1 {
            x
        } else {
            self.diags.push(site.diag(
                v.span().start,
                format!(
                    "`{name}` is {x}: use a finite number from {} to {}",
                    range.0, range.1
                ),
            ));
            default
        }
    }

    fn weight(&mut self, site: &Site<'_>, value: &Option<Spanned<f64>>) -> f64 {
        let Some(v) = value else { return 1.0 };
        let x = *v.get_ref();
        if x.is_finite() && x > 0.0 && x <= MAX_WEIGHT {
            x
        } else {
            self.diags.push(site.diag(
                v.span().start,
                format!("weight {x} is out of range: use a finite number greater than 0 and at most {MAX_WEIGHT}"),
            ).with_code(Lint::WeightOutOfRange));
            1.0
        }
    }
}

/// Compiles `spec`, adding every problem to `diags`. Returns `None` when the
/// pack is too broken to build (a missing `pack.toml`, say).
pub(crate) fn compile(
    spec: &PackSpec,
    source: &PackSource,
    diags: &mut Vec<Diagnostic>,
) -> Option<RuleSet> {
    let mut b = Builder {
        diags,
        failed: &spec.failed,
        rules: Vec::new(),
        keys: Vec::new(),
    };
    let (info, scoring) = compile_pack(spec, source, &mut b);
    let (cue_lists, contexts) = compile_contexts(spec, &mut b);
    let frames = compile_frames(spec, &contexts, &mut b);
    let registry = compile_actors(spec, &mut b);
    let actors = registry.actors;
    let modifiers = compile_modifiers(spec, &mut b);
    let stance = compile_stance(spec, &contexts, &mut b);
    let tests = compile_tests(spec, &frames, &actors, &mut b);
    let common_names = common_names(spec, &mut b);
    let info = info?;

    let mut distinct: HashMap<&str, usize> = HashMap::new();
    let mut patterns: Vec<&str> = Vec::new();
    let mut keys: Vec<Vec<RuleId>> = Vec::new();
    let mut speaker_words = Vec::new();
    for (rule, key) in b.keys.iter().enumerate() {
        // Speaker references ("I", "we") are looked for word by word
        // inside attributed quotations only (see
        // `engine::analysis::resolve_speakers`): in the automaton such short
        // words would match inside half the text.
        if let Target::Reference { reference } = b.rules[rule].target {
            if matches!(
                registry.references[reference].resolves,
                Resolve::Speaker | Resolve::Addressee
            ) {
                speaker_words.push(RuleId::new(rule));
                continue;
            }
        }
        let id = *distinct.entry(key.as_str()).or_insert_with(|| {
            patterns.push(key);
            keys.push(Vec::new());
            patterns.len() - 1
        });
        keys[id].push(RuleId::new(rule));
    }
    let mut pattern_rules = Vec::new();
    let mut pattern_starts = vec![0];
    for rules in &keys {
        pattern_rules.extend(
            rules
                .iter()
                .map(|&r| PatternRule::new(r, &b.rules[r.index()])),
        );
        pattern_starts.push(pattern_rules.len() as u32);
    }
    let automaton = contiguous::Builder::new()
        .match_kind(MatchKind::Standard)
        .build(&patterns)
        .map_err(|e| {
            b.diags.push(Diagnostic {
                at: Location::line(files::PACK, 1, Some(1)),
                message: format!("the pack's patterns cannot be compiled: {e}"),
                code: None,
            })
        })
        .ok()?;
    let mut set = RuleSet {
        info,
        scoring,
        frames,
        actors,
        modifiers,
        stance,
        contexts,
        cue_lists,
        resolve_references: registry.resolve_references,
        references: registry.references,
        location: registry.location,
        former: registry.former,
        given_names: registry.given_names,
        place_words: registry.place_words,
        rules: b.rules,
        tests,
        common_names,
        automaton,
        pattern_rules,
        pattern_starts,
        speaker_words,
        actor_ids: HashMap::new(),
        labels: Vec::new(),
    };
    set.actor_ids = actor_index(&set.actors);
    set.label_rules();
    Some(set)
}

fn compile_pack(
    spec: &PackSpec,
    source: &PackSource,
    b: &mut Builder<'_>,
) -> (Option<PackInfo>, Scoring) {
    let mut scoring = Scoring {
        threshold: 0.0,
        dominant_ratio: 0.75,
        quote_factor: 1.0,
    };
    let Some(file) = &spec.pack else {
        return (None, scoring);
    };
    let site = Site::from(file);
    let p = &file.spec;
    let name = p.name.get_ref().trim();
    if name.is_empty() {
        b.diags
            .push(site.diag(p.name.span().start, "empty `name`: give the pack a name"));
    }
    let version = p.version.get_ref().trim();
    if !is_semver(version) {
        b.diags.push(site.diag(
            p.version.span().start,
            format!("`version` is `{version}`: use semantic versioning, e.g. \"1.2.0\""),
        ));
    }
    let schema = *p.schema.get_ref();
    if schema != SCHEMA {
        b.diags.push(site.diag(
            p.schema.span().start,
            format!("unsupported schema {schema}: this framescope reads schema {SCHEMA}"),
        ));
    }
    if let Some(s) = &p.scoring {
        let s = s.get_ref();
        scoring.threshold = b.number(&site, &s.threshold, "threshold", 0.0, (0.0, 1000.0));
        scoring.dominant_ratio =
            b.number(&site, &s.dominant_ratio, "dominant-ratio", 0.75, (0.0, 1.0));
        scoring.quote_factor = b.number(
            &site,
            &s.quote_factor,
            "quote-factor",
            1.0,
            (0.0, MAX_WEIGHT),
        );
    }
    let hash = source.hash();
    let info = PackInfo {
        id: format!("{name}@{version}"),
        name: name.to_string(),
        version: version.to_string(),
        hash,
    };
    (Some(info), scoring)
}

/// The given names of `names.toml`, lower-case, but those of `except`
/// (lower-case too), with the pronoun they take: "he" for a name of `men`
/// only, "she" for one of `women` only, either (`None`) otherwise. The
/// names after which `[given-names]` reads a surname, and that name an
/// unknown person.
fn given_names(spec: &PackSpec, except: &[String]) -> HashMap<String, Option<Pronoun>> {
    let mut out: HashMap<String, Option<Pronoun>> = HashMap::new();
    let lists = spec.names.iter().flat_map(|file| &file.spec.lists);
    for list in lists {
        let list = list.get_ref();
        for (names, pronoun) in [
            (&list.given, None),
            (&list.men, Some(Pronoun::He)),
            (&list.women, Some(Pronoun::She)),
        ] {
            for name in names {
                let name = name.get_ref().trim().to_lowercase();
                if name.is_empty() || except.contains(&name) {
                    continue;
                }
                out.entry(name)
                    .and_modify(|p| {
                        if *p != pronoun {
                            *p = None;
                        }
                    })
                    .or_insert(pronoun);
            }
        }
    }
    out
}

/// A person's given names (see [`Actor::given`]): the words of each alias
/// but its last, lower-case ("José Manuel Barroso": josé, manuel).
fn given_of(a: &ActorSpec) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for alias in a.aliases.iter().chain(&a.exact) {
        let words: Vec<&str> = alias.get_ref().split_whitespace().collect();
        for word in words.iter().take(words.len().saturating_sub(1)) {
            let word = word.to_lowercase();
            if !out.contains(&word) {
                out.push(word);
            }
        }
    }
    out
}

/// The names of `names.toml`, lower-case; a name that is empty or more than
/// one word is an error.
fn common_names(spec: &PackSpec, b: &mut Builder<'_>) -> std::collections::HashSet<String> {
    let mut out = std::collections::HashSet::new();
    let Some(file) = &spec.names else {
        return out;
    };
    let site = Site::from(file);
    for list in &file.spec.lists {
        let list = list.get_ref();
        for name in list
            .surnames
            .iter()
            .chain(&list.given)
            .chain(&list.men)
            .chain(&list.women)
        {
            let n = name.get_ref().trim();
            if n.is_empty() || n.split_whitespace().count() > 1 {
                b.diags.push(site.diag(
                    name.span().start,
                    format!("name `{n}` is not one word: list given names and surnames one by one"),
                ));
                continue;
            }
            out.insert(n.to_lowercase());
        }
    }
    out
}

fn is_semver(v: &str) -> bool {
    let core = v.split(['-', '+']).next().unwrap_or("");
    let parts: Vec<_> = core.split('.').collect();
    parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()))
}

fn is_id(id: &str) -> bool {
    !id.is_empty()
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// Checks the id of a new cue list or context (a `what`, among `plural`):
/// reports it where written if it is not made of letters, digits, `-` and
/// `_`, or if it is `taken`. Returns false for a taken id, whose entry the
/// caller skips.
fn new_id(
    site: &Site<'_>,
    b: &mut Builder<'_>,
    written: &Spanned<String>,
    what: &str,
    plural: &str,
    taken: bool,
) -> bool {
    let id = written.get_ref().trim();
    let at = written.span().start;
    if !is_id(id) {
        b.diags.push(site.diag(
            at,
            format!("{what} id `{id}` is not valid: use letters, digits, `-` or `_`"),
        ));
    }
    if taken {
        b.diags.push(site.diag(
            at,
            format!("duplicate {what} id `{id}`: ids must be unique; merge the {plural}"),
        ));
    }
    !taken
}

fn parse_color(name: &str) -> Option<Color> {
    const NAMES: [&str; 8] = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
    ];
    let (bright, base) = match name.strip_prefix("bright-") {
        Some(base) => (true, base),
        None => (false, name),
    };
    let i = NAMES.iter().position(|n| *n == base)? as u8;
    Some(Color {
        ansi: if bright { 90 + i } else { 30 + i },
    })
}

/// The id a frame file declares by its name: `frames/<id>.toml`.
fn frame_stem(path: &str) -> &str {
    let name = path.strip_prefix(files::FRAMES_DIR).unwrap_or(path);
    name.strip_suffix(".toml").unwrap_or(name)
}

/// The most years ago a term's `min-years-ago` may ask for.
const MAX_YEARS_AGO: i64 = 1000;

/// A term's `min-years-ago`: a whole number of years from 1 to
/// [`MAX_YEARS_AGO`], on a pattern of digits (which alone can match a
/// year: `1*`, `20*`, `1989`).
fn min_years_ago(site: &Site<'_>, b: &mut Builder<'_>, t: &TermSpec) -> Option<u16> {
    let v = t.min_years_ago.as_ref()?;
    let years = *v.get_ref();
    if !(1..=MAX_YEARS_AGO).contains(&years) {
        b.diags.push(site.diag(
            v.span().start,
            format!(
                "`min-years-ago` is {years}: use a whole number of years from 1 to {MAX_YEARS_AGO}"
            ),
        ));
        return None;
    }
    let base = t.pattern.get_ref().trim();
    let base = base.strip_suffix('*').unwrap_or(base);
    if base.is_empty() || !base.bytes().all(|b| b.is_ascii_digit()) {
        b.diags.push(site.diag(
            t.pattern.span().start,
            format!("pattern `{}` has `min-years-ago` but can never match a year: use digits, such as `1*` or `20*`", t.pattern.get_ref()),
        ));
        return None;
    }
    u16::try_from(years).ok()
}

/// A whole number of words for a context's `within`, from 1 to 100.
fn words_within(
    site: &Site<'_>,
    b: &mut Builder<'_>,
    value: &Option<Spanned<i64>>,
) -> Option<usize> {
    whole_number(
        site,
        b,
        "within",
        value,
        1..=100,
        "a whole number of words from 1 to 100, or leave it out for the whole sentence",
    )
}

/// A whole number of sentences either side of a term's for context key
/// `key` (`other-side`, `sentences`), from 0 to 5.
fn sentences_around(
    site: &Site<'_>,
    b: &mut Builder<'_>,
    key: &str,
    value: &Option<Spanned<i64>>,
) -> Option<usize> {
    whole_number(
        site,
        b,
        key,
        value,
        0..=5,
        "a whole number of sentences from 0 (the sentence itself) to 5",
    )
}

/// The value of context key `key` when it is a whole number in `range`;
/// otherwise a located error that says what to use (`advice`), and `None`.
fn whole_number(
    site: &Site<'_>,
    b: &mut Builder<'_>,
    key: &str,
    value: &Option<Spanned<i64>>,
    range: std::ops::RangeInclusive<i64>,
    advice: &str,
) -> Option<usize> {
    let v = value.as_ref()?;
    if range.contains(v.get_ref()) {
        Some(*v.get_ref() as usize)
    } else {
        b.diags.push(site.diag(
            v.span().start,
            format!("`{key}` is {}: use {advice}", v.get_ref()),
        ));
        None
    }
}

/// Reads `contexts.toml`: cue lists (each term a rule of the one automaton)
/// and contexts, whose cue lists and actor kinds must exist.
fn compile_contexts(spec: &PackSpec, b: &mut Builder<'_>) -> (Vec<CueList>, Vec<Context>) {
    let Some(file) = &spec.contexts else {
        return (Vec::new(), Vec::new());
    };
    let site = Site::from(file);
    let ContextsFile { cues, contexts, .. } = &file.spec;
    let mut lists: Vec<CueList> = Vec::new();
    for entry in cues {
        let c = entry.get_ref();
        let id = c.id.get_ref().trim();
        let taken = lists.iter().any(|l| l.id == id);
        if !new_id(&site, b, &c.id, "cue list", "lists", taken) {
            continue;
        }
        if c.terms.is_empty() && c.exact.is_empty() {
            b.diags.push(site.diag(
                c.id.span().start,
                format!("cue list `{id}` has no `terms`: add the words that signal it"),
            ));
        }
        let list = lists.len();
        for term in &c.terms {
            b.add(&site, term, Target::Cue { list }, false);
        }
        for term in &c.exact {
            b.add(&site, term, Target::Cue { list }, true);
        }
        for phrase in &c.exclude {
            b.add(
                &site,
                phrase,
                Target::Exclude(ExcludeScope::Cues(list)),
                false,
            );
        }
        lists.push(CueList {
            id: id.to_string(),
            origin: site.origin(c.id.span().start),
        });
    }
    let cue_condition = |b: &mut Builder<'_>, cond: &Spanned<CueConditionSpec>| {
        let c = cond.get_ref();
        if c.cues.is_empty() {
            b.diags.push(site.diag(
                cond.span().start,
                "empty `cues`: name at least one [[cues]] list",
            ));
        }
        let lists = checked_entries(
            &site,
            b,
            &c.cues,
            |name| lists.iter().position(|l| l.id == name.trim()),
            |name| {
                format!("unknown cue list `{name}`: declare it as [[cues]] id = \"{name}\" or fix the id")
            },
        );
        CueCondition {
            lists,
            within: words_within(&site, b, &c.within),
            sentences: sentences_around(&site, b, "sentences", &c.sentences),
        }
    };
    let mut out: Vec<Context> = Vec::new();
    for entry in contexts {
        let c = entry.get_ref();
        let id = c.id.get_ref().trim();
        let taken = out.iter().any(|x| x.id == id);
        if !new_id(&site, b, &c.id, "context", "contexts", taken) {
            continue;
        }
        if c.actors.is_none() && c.near.is_none() && c.not_near.is_none() {
            b.diags.push(site.diag(
                entry.span().start,
                format!("context `{id}` sets no condition: add `actors`, `near` or `not-near`"),
            ));
        }
        let actors = c.actors.as_ref().map(|a| {
            let spec = a.get_ref();
            let kinds = checked_entries(
                &site,
                b,
                &spec.kinds,
                |k| ActorKind::from_name(k.trim()),
                |k| {
                    let names: Vec<&str> = ActorKind::ALL.iter().map(|k| k.name()).collect();
                    format!("unknown actor kind `{k}`: use {}", names.join(", "))
                },
            );
            let min = whole_number(
                &site,
                b,
                "min",
                &spec.min,
                1..=10,
                "a whole number of actors from 1 to 10",
            )
            .unwrap_or(1);
            let other_side = sentences_around(&site, b, "other-side", &spec.other_side);
            ActorCondition {
                kinds,
                within: words_within(&site, b, &spec.within),
                min,
                other_side,
            }
        });
        let near = c.near.as_ref().map(|n| cue_condition(b, n));
        let not_near = c.not_near.as_ref().map(|n| cue_condition(b, n));
        out.push(Context {
            id: id.to_string(),
            actors,
            near,
            not_near,
            origin: site.origin(c.id.span().start),
        });
    }
    (lists, out)
}

/// The index of the context `name` names, or an error at its place.
fn context_ref(
    site: &Site<'_>,
    b: &mut Builder<'_>,
    contexts: &[Context],
    name: &Spanned<String>,
) -> Option<usize> {
    let id = name.get_ref().trim();
    let found = contexts.iter().position(|c| c.id == id);
    if found.is_none() {
        b.diags.push(site.diag(
            name.span().start,
            format!("unknown context `{id}`: declare it in contexts.toml as [[context]] id = \"{id}\" or fix the id"),
        ));
    }
    found
}

fn compile_frames(spec: &PackSpec, contexts: &[Context], b: &mut Builder<'_>) -> Vec<Frame> {
    // Frames are numbered in the order of their ids (which file names
    // alone do not give: `a-b.toml` sorts before `a.toml`), so that a
    // sentence's scores, kept by frame number, are in id order too.
    let mut files: Vec<_> = spec.frames.iter().collect();
    files.sort_by(|a, b| frame_stem(&a.path).cmp(frame_stem(&b.path)));
    let mut frames = Vec::new();
    for file in files {
        let site = Site::from(file);
        let f = &file.spec;
        let stem = frame_stem(&file.path).to_string();
        if !is_id(&stem) {
            b.diags.push(site.diag(
                0,
                format!(
                    "frame file name `{stem}` is not a valid id: use letters, digits, `-` or `_`"
                ),
            ));
        }
        if let Some(id) = &f.id {
            if id.get_ref() != &stem {
                b.diags.push(site.diag(
                    id.span().start,
                    format!(
                        "frame id `{}` differs from its file stem `{stem}`: rename the file or fix the id",
                        id.get_ref()
                    ),
                ).with_code(Lint::IdNotFileStem));
            }
        }
        let label = match &f.label {
            Some(l) if !l.get_ref().trim().is_empty() => l.get_ref().trim().to_string(),
            Some(l) => {
                b.diags.push(site.diag(
                    l.span().start,
                    "empty `label`: give the frame a short label",
                ));
                stem.clone()
            }
            None => {
                b.diags
                    .push(site.diag(0, "missing `label`: give the frame a short label"));
                stem.clone()
            }
        };
        let color = match &f.color {
            None => Color { ansi: 37 },
            Some(c) => parse_color(c.get_ref()).unwrap_or_else(|| {
                b.diags.push(site.diag(
                    c.span().start,
                    format!(
                        "unknown color `{}`: use black, red, green, yellow, blue, magenta, cyan, white, or bright-<name>",
                        c.get_ref()
                    ),
                ));
                Color { ansi: 37 }
            }),
        };
        let index = frames.len();
        // A file whose entries failed to load already has errors; "no terms"
        // would only repeat them.
        if f.terms.is_empty() && !b.diags.iter().any(|d| d.at.file == file.path) {
            b.diags.push(site.diag(
                0,
                format!("frame `{stem}` has no `terms`: add at least one"),
            ));
        }
        let frame_context = f
            .context
            .as_ref()
            .and_then(|name| context_ref(&site, b, contexts, name));
        for term in &f.terms {
            let t = term.get_ref();
            let weight = b.weight(&site, &t.weight);
            let context = match &t.context {
                Some(name) => context_ref(&site, b, contexts, name),
                None => frame_context,
            };
            let years = min_years_ago(&site, b, t);
            let added = b.add(
                &site,
                &t.pattern,
                Target::Frame {
                    frame: FrameId::new(index),
                    weight,
                    context,
                },
                false,
            );
            if let (true, Some(rule)) = (added, b.rules.last_mut()) {
                rule.min_years_ago = years;
            }
        }
        for phrase in &f.exclude {
            b.add(
                &site,
                phrase,
                Target::Exclude(ExcludeScope::Frame(FrameId::new(index))),
                false,
            );
        }
        frames.push(Frame {
            id: stem,
            label,
            description: f.description.clone().unwrap_or_default(),
            color,
        });
    }
    frames
}

/// The actor registry compiled from `actors.toml` and `actors/*.toml`.
struct Registry {
    actors: Vec<Actor>,
    references: Vec<Reference>,
    location: WordsBefore,
    former: WordsBefore,
    given_names: HashMap<String, Option<Pronoun>>,
    place_words: std::collections::HashSet<String>,
    resolve_references: bool,
}

/// One `[[actor]]` entry with the file it was declared in.
struct Entry<'a> {
    site: usize,
    spec: &'a Spanned<ActorSpec>,
}

/// Reads each actor's `[[actor.role]]`s: `of` must name an actor, dates
/// must be days (`2017-01-20`), and `from` may not come after `to`.
fn compile_roles(
    entries: &[Entry<'_>],
    sites: &[Site<'_>],
    b: &mut Builder<'_>,
    actors: &mut [Actor],
    index: &HashMap<String, ActorId>,
) {
    for (i, entry) in entries.iter().enumerate() {
        let site = &sites[entry.site];
        for role in &entry.spec.get_ref().role {
            let r = role.get_ref();
            let target = r.of.get_ref().trim();
            let Some(&of) = index.get(target) else {
                if b.failed.actors.contains(target) {
                    continue;
                }
                b.diags.push(site.diag(
                    r.of.span().start,
                    format!("unknown actor `{target}` in role `of`: declare it in the actor registry or fix the id"),
                ));
                continue;
            };
            let from = r.from.as_ref().and_then(|d| date(site, b, d));
            let to = r.to.as_ref().and_then(|d| date(site, b, d));
            if let (Some(f), Some(t)) = (from, to) {
                if f > t {
                    b.diags.push(site.diag(
                        role.span().start,
                        format!(
                            "role `{}` ends ({t}) before it starts ({f}): swap `from` and `to`",
                            r.title.get_ref()
                        ),
                    ));
                    continue;
                }
            }
            actors[i].roles.push(Role {
                title: r.title.get_ref().trim().to_string(),
                of,
                from,
                to,
            });
        }
    }
}

/// A TOML date as a [`Date`]; a time or offset is an error.
fn date(site: &Site<'_>, b: &mut Builder<'_>, d: &Spanned<toml::value::Datetime>) -> Option<Date> {
    let v = d.get_ref();
    match (v.date, v.time, v.offset) {
        (Some(day), None, None) => Some(Date {
            year: day.year,
            month: day.month,
            day: day.day,
        }),
        _ => {
            b.diags.push(site.diag(
                d.span().start,
                format!("`{v}` is not a day: write a date such as 2017-01-20"),
            ));
            None
        }
    }
}

fn actor_kind(site: &Site<'_>, b: &mut Builder<'_>, entry: &Spanned<ActorSpec>) -> ActorKind {
    let a = entry.get_ref();
    let id = a.id.get_ref().trim();
    const KINDS: &str = "state, person, org, group, body or media";
    let name = a.kind.as_ref().map(|k| k.get_ref().as_str());
    match name.map(|n| (n, ActorKind::from_name(n))) {
        Some((_, Some(kind))) => kind,
        None => {
            b.diags.push(site.diag(
                entry.span().start,
                format!("actor `{id}` has no `kind`: use {KINDS}"),
            ));
            ActorKind::State
        }
        Some((other, None)) => {
            b.diags.push(site.diag(
                a.kind.as_ref().map_or(0, |k| k.span().start),
                format!("unknown actor kind `{other}`: use {KINDS}"),
            ));
            ActorKind::State
        }
    }
}

/// Adds the aliases of one actor, `actor`, as rules, marking its places; a
/// place must be one of its aliases.
fn actor_aliases(site: &Site<'_>, b: &mut Builder<'_>, a: &ActorSpec, actor: ActorId) {
    let id = a.id.get_ref().trim();
    if a.aliases.is_empty() && a.exact.is_empty() {
        b.diags.push(site.diag(
            a.id.span().start,
            format!("actor `{id}` has no `aliases`: add the names it goes by"),
        ));
    }
    let exact: Vec<&str> = a.exact.iter().map(|e| e.get_ref().trim()).collect();
    let places: Vec<&str> = a.places.iter().map(|e| e.get_ref().trim()).collect();
    let ambiguous: Vec<&str> = a.ambiguous.iter().map(|e| e.get_ref().trim()).collect();
    for (list, what) in [(&a.places, "place"), (&a.ambiguous, "ambiguous alias")] {
        for listed in list {
            let p = listed.get_ref().trim();
            if !a
                .aliases
                .iter()
                .chain(&a.exact)
                .any(|x| x.get_ref().trim() == p)
            {
                b.diags.push(site.diag(
                    listed.span().start,
                    format!("{what} `{p}` of actor `{id}` is not one of its aliases: add it to `aliases` or remove it"),
                ));
            }
        }
    }
    let aliases = a
        .aliases
        .iter()
        .filter(|x| !exact.contains(&x.get_ref().trim()));
    for (alias, is_exact) in aliases
        .map(|x| (x, false))
        .chain(a.exact.iter().map(|x| (x, true)))
    {
        if b.add(site, alias, Target::Actor { actor }, is_exact) {
            let alias = alias.get_ref().trim();
            if let Some(rule) = b.rules.last_mut() {
                rule.place = places.contains(&alias);
                rule.ambiguous = ambiguous.contains(&alias);
            }
        }
    }
    for phrase in &a.exclude {
        b.add(
            site,
            phrase,
            Target::Exclude(ExcludeScope::Actor(actor)),
            false,
        );
    }
}

fn compile_actors(spec: &PackSpec, b: &mut Builder<'_>) -> Registry {
    let sites: Vec<Site<'_>> = spec.actors.iter().map(Site::from).collect();
    let entries: Vec<Entry<'_>> = spec
        .actors
        .iter()
        .enumerate()
        .flat_map(|(site, file)| {
            file.spec
                .actors
                .iter()
                .map(move |spec| Entry { site, spec })
        })
        .collect();
    let mut actors: Vec<Actor> = Vec::new();
    let mut first_seen: HashMap<&str, (usize, usize)> = HashMap::new();
    for entry in &entries {
        let site = &sites[entry.site];
        let a = entry.spec.get_ref();
        let id = a.id.get_ref().trim();
        if !is_id(id) {
            b.diags.push(site.diag(
                a.id.span().start,
                format!("actor id `{id}` is not valid: use letters, digits, `-` or `_` (ISO alpha-3 for states)"),
            ));
        }
        if let Some(&(file, line)) = first_seen.get(id) {
            let at = if file == entry.site {
                format!("line {line}")
            } else {
                format!("{}:{line}", sites[file].path)
            };
            b.diags.push(site.diag(
                a.id.span().start,
                format!("duplicate actor id `{id}` (first declared on {at}): ids must be unique; merge the entries"),
            ));
        } else {
            first_seen.insert(id, (entry.site, site.line(a.id.span().start)));
        }
        let kind = actor_kind(site, b, entry.spec);
        let index = ActorId::new(actors.len());
        actor_aliases(site, b, a, index);
        let pronoun = a.pronoun.as_ref().and_then(|p| {
            let found = pronoun(site, b, p);
            if found.is_some() && kind != ActorKind::Person {
                b.diags.push(site.diag(
                    p.span().start,
                    format!("`pronoun` of actor `{id}`, which is no person: only people have one"),
                ));
            }
            found
        });
        actors.push(Actor {
            id: id.to_string(),
            name: a.name.clone().unwrap_or_else(|| id.to_string()),
            kind,
            root: index,
            parent: None,
            roles: Vec::new(),
            pronoun,
            given: if kind == ActorKind::Person {
                given_of(a)
            } else {
                Vec::new()
            },
        });
    }
    // Resolve member-of to the top of each chain.
    let index = actor_index(&actors);
    let parent: Vec<Option<ActorId>> = entries
        .iter()
        .map(|entry| {
            let m = entry.spec.get_ref().member_of.as_ref()?;
            let target = m.get_ref().trim();
            let found = index.get(target).copied();
            if found.is_none() && !b.failed.actors.contains(target) {
                b.diags.push(sites[entry.site].diag(
                    m.span().start,
                    format!("unknown actor `{target}` in `member-of`: declare it in the actor registry or fix the id"),
                ));
            }
            found
        })
        .collect();
    for (i, p) in parent.iter().enumerate() {
        actors[i].parent = *p;
    }
    compile_roles(&entries, &sites, b, &mut actors, &index);
    for (i, root) in chain_roots(&parent).into_iter().enumerate() {
        actors[i].root = root.unwrap_or_else(|| {
            let span = entries[i]
                .spec
                .get_ref()
                .member_of
                .as_ref()
                .map_or(0, |m| m.span().start);
            b.diags.push(sites[entries[i].site].diag(
                span,
                format!(
                    "`member-of` of `{}` loops back on itself: break the cycle",
                    actors[i].id
                ),
            ));
            ActorId::new(i)
        });
    }
    let mut registry = Registry {
        actors,
        references: Vec::new(),
        location: WordsBefore::default(),
        former: WordsBefore::default(),
        given_names: HashMap::new(),
        place_words: std::collections::HashSet::new(),
        resolve_references: true,
    };
    let mut settings_seen: HashMap<&str, &str> = HashMap::new();
    for (file, site) in spec.actors.iter().zip(&sites) {
        for phrase in &file.spec.exclude {
            b.add(
                site,
                phrase,
                Target::Exclude(ExcludeScope::AllActors),
                false,
            );
        }
        let mut once = |b: &mut Builder<'_>, key: &'static str, at: usize| {
            if let Some(first) = settings_seen.insert(key, site.path) {
                b.diags.push(site.diag(
                    at,
                    format!(
                        "`{key}` is already set in {first}: set it in one file of the registry"
                    ),
                ));
            }
        };
        if let Some(r) = &file.spec.resolve_references {
            once(b, "resolve-references", r.span().start);
            registry.resolve_references = *r.get_ref();
        }
        if let Some(l) = &file.spec.location {
            once(b, "location", l.span().start);
            let mut location = compile_words_before(site, b, l.get_ref());
            location.opposition_stance =
                opposition_stance(site, b, &location.opposition, l.get_ref());
            location.attribute_suffixes = attribute_suffixes(site, b, l.get_ref());
            registry.location = location;
        }
        if let Some(t) = &file.spec.person_titles {
            once(b, "person-titles", t.span().start);
            let t = t.get_ref();
            for (list, pronoun) in [
                (&t.he, Some(Pronoun::He)),
                (&t.she, Some(Pronoun::She)),
                (&t.either, None),
            ] {
                for title in list {
                    b.add(site, title, Target::Title { pronoun }, false);
                }
            }
        }
        if let Some(g) = &file.spec.given_names {
            once(b, "given-names", g.span().start);
            let g = g.get_ref();
            let except = one_words(site, b, &g.except, "given name");
            registry.given_names = given_names(spec, &except);
            registry.place_words = one_words(site, b, &g.place_words, "place word")
                .into_iter()
                .collect();
        }
        if let Some(f) = &file.spec.former {
            once(b, "former", f.span().start);
            registry.former = compile_words_before(site, b, f.get_ref());
            let f = f.get_ref();
            if let Some(e) = f
                .events
                .first()
                .or(f.governments.first())
                .or(f.located.first())
                .or(f.label_prefixes.first())
                .or(f.attributes.first())
                .or(f.attribute_suffixes.first())
                .or(f.places.first())
                .or(f.opposition.first())
                .or(f.opposition_stance.first())
            {
                b.diags.push(site.diag(
                    e.span().start,
                    "`events`, `governments`, `located`, `label-prefixes`, `attributes`, `attribute-suffixes`, `places`, `opposition` and `opposition-stance` apply to `[location]` only: remove them from `[former]`",
                ));
            }
        }
        for entry in &file.spec.references {
            compile_reference(site, b, entry.get_ref(), &mut registry);
        }
    }
    registry
}

/// The words of `list`, normalised as the text is ([`normalize_pattern`],
/// case-folded), to compare with a token's [`core`](crate::text::tokens);
/// an entry that is empty or more than one word is an error, `what` naming
/// what it was meant to be ("cue word").
fn one_words(
    site: &Site<'_>,
    b: &mut Builder<'_>,
    list: &[Spanned<String>],
    what: &str,
) -> Vec<String> {
    checked_entries(
        site,
        b,
        list,
        |written| {
            let n = normalize_pattern(written, true);
            (!n.is_empty() && !n.contains(' ')).then_some(n)
        },
        |written| format!("{what} `{written}`: write one word"),
    )
}

/// The `opposition-stance` phrases of `l` (a `[location]` section), each
/// split into its words: a phrase must open with one of its compiled
/// `opposition` words and go on, or it could never keep a name, or would
/// cancel its opposition word.
fn opposition_stance(
    site: &Site<'_>,
    b: &mut Builder<'_>,
    opposition: &[String],
    l: &WordsBeforeSpec,
) -> Vec<Vec<String>> {
    checked_entries(
        site,
        b,
        &l.opposition_stance,
        |written| {
            let n = normalize_pattern(written, true);
            let words: Vec<String> = n.split(' ').map(str::to_string).collect();
            (words.len() >= 2 && opposition.contains(&words[0])).then_some(words)
        },
        |written| {
            format!("opposition-stance phrase `{written}`: write an `opposition` word and the words after it (\"opposition to\")")
        },
    )
}

/// The words of the `attribute-suffixes` of `l` (a `[location]` section),
/// lower case: each must be written as a hyphen and one word ("-based").
fn attribute_suffixes(site: &Site<'_>, b: &mut Builder<'_>, l: &WordsBeforeSpec) -> Vec<String> {
    checked_entries(
        site,
        b,
        &l.attribute_suffixes,
        |written| {
            let word = written.trim().strip_prefix(is_hyphen).unwrap_or("");
            (!word.is_empty() && word.chars().all(is_word_char)).then(|| word.to_lowercase())
        },
        |written| {
            format!("attribute suffix `{written}`: write a hyphen and the word it joins to the name (\"-based\")")
        },
    )
}

/// The entries of `list` that `keep` accepts, as it returns them; each
/// other one is reported where it is written, with `why(entry)`.
fn checked_entries<T>(
    site: &Site<'_>,
    b: &mut Builder<'_>,
    list: &[Spanned<String>],
    keep: impl Fn(&str) -> Option<T>,
    why: impl Fn(&str) -> String,
) -> Vec<T> {
    list.iter()
        .filter_map(|entry| {
            let kept = keep(entry.get_ref());
            if kept.is_none() {
                b.diags
                    .push(site.diag(entry.span().start, why(entry.get_ref())));
            }
            kept
        })
        .collect()
}

fn compile_words_before(site: &Site<'_>, b: &mut Builder<'_>, l: &WordsBeforeSpec) -> WordsBefore {
    let words =
        |b: &mut Builder<'_>, list: &[Spanned<String>]| one_words(site, b, list, "cue word");
    WordsBefore {
        words: words(b, &l.words),
        skip: words(b, &l.skip),
        events: words(b, &l.events),
        governments: words(b, &l.governments),
        located: words(b, &l.located),
        labels: words(b, &l.labels),
        attributes: words(b, &l.attributes),
        // `[location]`'s alone (see `attribute_suffixes`).
        attribute_suffixes: Vec::new(),
        places: words(b, &l.places),
        opposition: words(b, &l.opposition),
        // `[location]`'s alone (see `opposition_stance`).
        opposition_stance: Vec::new(),
        label_prefixes: checked_entries(
            site,
            b,
            &l.label_prefixes,
            |written| {
                let written = written.trim();
                (!written.is_empty() && !written.contains(char::is_whitespace))
                    .then(|| written.to_string())
            },
            |written| {
                format!("label prefix `{written}`: write the text right before the place, without spaces (\"R-\")")
            },
        ),
    }
}

fn compile_reference(
    site: &Site<'_>,
    b: &mut Builder<'_>,
    r: &ReferenceSpec,
    registry: &mut Registry,
) {
    let actors = &registry.actors;
    let resolves = match r.resolves.get_ref().as_str() {
        "person" => Some(Resolve::Person),
        "state" => Some(Resolve::State),
        "org" => Some(Resolve::Org),
        "group" => Some(Resolve::Group),
        "speaker" => Some(Resolve::Speaker),
        "addressee" => Some(Resolve::Addressee),
        id => actors
            .iter()
            .position(|a| a.id == id)
            .map(|i| Resolve::Actor(ActorId::new(i))),
    };
    let Some(resolves) = resolves else {
        b.diags.push(site.diag(
            r.resolves.span().start,
            format!(
                "`resolves = \"{}\"`: use \"person\", \"state\", \"org\", \"group\", \"speaker\", \"addressee\" or a declared actor id",
                r.resolves.get_ref()
            ),
        ));
        return;
    };
    let mut bounded =
        |value: &Option<Spanned<i64>>, name: &str, range: (i64, i64), default: usize| match value {
            None => default,
            Some(c) if (range.0..=range.1).contains(c.get_ref()) => *c.get_ref() as usize,
            Some(c) => {
                b.diags.push(site.diag(
                    c.span().start,
                    format!(
                        "`{name}` is {}: use a whole number from {} to {}",
                        c.get_ref(),
                        range.0,
                        range.1
                    ),
                ));
                default
            }
        };
    let count = bounded(&r.count, "count", (1, 10), 1);
    let lookback = bounded(&r.lookback, "lookback", (0, MAX_LOOKBACK as i64), 2);
    let among = checked_entries(
        site,
        b,
        &r.among,
        |id| {
            actors
                .iter()
                .position(|a| a.id == id.trim())
                .map(ActorId::new)
        },
        |id| format!("unknown actor `{id}` in `among`: use ids declared in the actor registry"),
    );
    let title = r.title.as_ref().and_then(|t| {
        let n = normalize_pattern(t.get_ref(), true);
        if n.is_empty() {
            b.diags.push(site.diag(
                t.span().start,
                "empty `title`: write the start of a role title, e.g. \"President\"",
            ));
            None
        } else {
            Some(n)
        }
    });
    let pronoun = r.pronoun.as_ref().and_then(|p| {
        let found = pronoun(site, b, p);
        if found.is_some() && resolves != Resolve::Person {
            b.diags.push(site.diag(
                p.span().start,
                "`pronoun` narrows a reference to people: use it with `resolves = \"person\"`",
            ));
        }
        found
    });
    if matches!(resolves, Resolve::Speaker | Resolve::Addressee) {
        let key = normalize_pattern(r.pattern.get_ref(), true);
        if key.is_empty() || !key.chars().all(is_word_char) {
            b.diags.push(site.diag(
                r.pattern.span().start,
                format!(
                    "speaker reference `{}` is not one word: speaker references are matched word by word inside quotations (\"I\", \"we\", \"our\")",
                    r.pattern.get_ref()
                ),
            ));
            return;
        }
    }
    let reference = registry.references.len();
    if b.add(site, &r.pattern, Target::Reference { reference }, r.exact) {
        registry.references.push(Reference {
            resolves,
            count,
            among,
            title,
            pronoun,
            lookback,
            scene: r.scene,
        });
    }
}

/// The pronoun written at `p` (`he`, `she`, `they`), or a diagnostic.
fn pronoun(site: &Site<'_>, b: &mut Builder<'_>, p: &Spanned<String>) -> Option<Pronoun> {
    let found = Pronoun::from_name(p.get_ref().trim());
    if found.is_none() {
        b.diags.push(site.diag(
            p.span().start,
            format!("pronoun `{}`: use \"he\", \"she\" or \"they\"", p.get_ref()),
        ));
    }
    found
}

/// Each actor by id (the first declared, when an id repeats).
fn actor_index(actors: &[Actor]) -> HashMap<String, ActorId> {
    let mut index = HashMap::with_capacity(actors.len());
    for (i, a) in actors.iter().enumerate() {
        index.entry(a.id.clone()).or_insert(ActorId::new(i));
    }
    index
}

/// The top of each actor's `member-of` chain, or `None` when the chain runs
/// into a cycle. Each actor is walked once (later walks stop at an actor
/// already resolved), so a chain of any length costs linear time.
fn chain_roots(parent: &[Option<ActorId>]) -> Vec<Option<ActorId>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnPath,
        Done(Option<ActorId>),
    }
    let mut state = vec![State::New; parent.len()];
    let mut path = Vec::new();
    for start in 0..parent.len() {
        let mut at = start;
        let root = loop {
            crate::work::tick(1);
            match state[at] {
                State::Done(root) => break root,
                State::OnPath => break None,
                State::New => {}
            }
            state[at] = State::OnPath;
            path.push(at);
            match parent[at] {
                Some(p) => at = p.index(),
                None => break Some(ActorId::new(at)),
            }
        };
        for i in path.drain(..) {
            state[i] = State::Done(root);
        }
    }
    state
        .into_iter()
        .map(|s| match s {
            State::Done(root) => root,
            _ => None,
        })
        .collect()
}

fn compile_modifiers(spec: &PackSpec, b: &mut Builder<'_>) -> Modifiers {
    let mut m = Modifiers {
        negation_window: 3,
        negation_frame_factor: 0.74,
        negation_stance_factor: -0.74,
        intensifier: Booster {
            window: 3,
            increment: 0.293,
            decay: vec![1.0, 0.95, 0.9],
        },
        dampener: Booster {
            window: 3,
            increment: 0.293,
            decay: vec![1.0, 0.95, 0.9],
        },
        hedge_window: 6,
        hedge_factor: 0.7,
    };
    let Some(file) = &spec.modifiers else {
        return m;
    };
    let site = Site::from(file);
    let f = &file.spec;
    let words =
        |b: &mut Builder<'_>, section: &Option<Spanned<ModifierSpec>>, kind: ModifierKind| {
            let Some(s) = section else { return };
            let s = s.get_ref();
            let exact: Vec<&str> = s.exact.iter().map(|e| e.get_ref().trim()).collect();
            for t in &s.terms {
                if !exact.contains(&t.get_ref().trim()) {
                    b.add(&site, t, Target::Modifier(kind), false);
                }
            }
            for t in &s.exact {
                b.add(&site, t, Target::Modifier(kind), true);
            }
        };
    words(b, &f.negation, ModifierKind::Negator);
    words(b, &f.intensifier, ModifierKind::Intensifier);
    words(b, &f.dampener, ModifierKind::Dampener);
    words(b, &f.hedge, ModifierKind::Hedge);

    let window = |b: &mut Builder<'_>, s: &ModifierSpec, default: usize| -> usize {
        window_of(b, &site, s.window.as_ref(), default)
    };
    if let Some(s) = &f.negation {
        let s = s.get_ref();
        m.negation_window = window(b, s, 3);
        m.negation_frame_factor = b.number(
            &site,
            &s.frame_factor,
            "frame-factor",
            0.74,
            (0.0, MAX_WEIGHT),
        );
        m.negation_stance_factor = b.number(
            &site,
            &s.stance_factor,
            "stance-factor",
            -0.74,
            (-MAX_WEIGHT, MAX_WEIGHT),
        );
    }
    for (section, booster) in [
        (&f.intensifier, &mut m.intensifier),
        (&f.dampener, &mut m.dampener),
    ] {
        let Some(s) = section else { continue };
        let s = s.get_ref();
        booster.window = window(b, s, 3);
        booster.increment = b.number(&site, &s.increment, "increment", 0.293, (0.0, 1.0));
        if let Some(decay) = &s.decay {
            booster.decay = decay
                .iter()
                .map(|d| b.number(&site, &Some(d.clone()), "decay", 1.0, (0.0, 1.0)))
                .collect();
        }
    }
    if let Some(s) = &f.hedge {
        let s = s.get_ref();
        m.hedge_window = window(b, s, 6);
        m.hedge_factor = b.number(&site, &s.factor, "factor", 0.7, (0.0, MAX_WEIGHT));
    }
    for c in &f.contrastive {
        let c = c.get_ref();
        let before = b.number(
            &site,
            &Some(c.before.clone()),
            "before",
            1.0,
            (0.0, MAX_WEIGHT),
        );
        let after = b.number(
            &site,
            &Some(c.after.clone()),
            "after",
            1.0,
            (0.0, MAX_WEIGHT),
        );
        b.add(
            &site,
            &c.pattern,
            Target::Contrastive { before, after },
            false,
        );
    }
    m
}

/// A `window` of words (1 to 50), or `default` where it is missing or out
/// of range (with a diagnostic).
fn window_of(
    b: &mut Builder<'_>,
    site: &Site<'_>,
    w: Option<&Spanned<i64>>,
    default: usize,
) -> usize {
    match w {
        None => default,
        Some(w) if (1..=50).contains(w.get_ref()) => *w.get_ref() as usize,
        Some(w) => {
            b.diags.push(site.diag(
                w.span().start,
                format!(
                    "`window` is {}: use a whole number of words from 1 to 50",
                    w.get_ref()
                ),
            ));
            default
        }
    }
}

/// Each of `phrases` (normalised) split into its words, indexed.
fn split_words(phrases: Vec<String>) -> Phrases {
    Phrases::new(
        phrases
            .iter()
            .map(|p| p.split(' ').map(str::to_string).collect())
            .collect(),
    )
}

fn compile_stance(spec: &PackSpec, contexts: &[Context], b: &mut Builder<'_>) -> StanceSettings {
    let Some(file) = &spec.stance else {
        return StanceSettings::default();
    };
    let site = Site::from(file);
    let f = &file.spec;
    let file_context = f
        .context
        .as_ref()
        .and_then(|name| context_ref(&site, b, contexts, name));
    for (list, positive) in [(&f.positive, true), (&f.negative, false)] {
        for term in list {
            let t = term.get_ref();
            let weight = b.weight(&site, &t.weight);
            if t.mutual && (t.reverse || t.label) {
                b.diags.push(site.diag(
                    t.pattern.span().start,
                    format!(
                        "stance cue `{}` is `mutual` and `{}`: a mutual cue has no direction and no object; keep one",
                        t.pattern.get_ref(),
                        if t.reverse { "reverse" } else { "label" }
                    ),
                ));
            }
            let context = match &t.context {
                Some(name) => context_ref(&site, b, contexts, name),
                None => file_context,
            };
            let target = Target::Stance {
                positive,
                weight,
                reverse: t.reverse,
                label: t.label,
                mutual: t.mutual,
                context,
            };
            b.add(&site, &t.pattern, target, false);
        }
    }
    for phrase in &f.exclude {
        b.add(&site, phrase, Target::Exclude(ExcludeScope::Stance), false);
    }
    let words = |b: &mut Builder<'_>, list: &[Spanned<String>], what: &str| -> Vec<String> {
        checked_entries(
            &site,
            b,
            list,
            |written| Some(normalize_pattern(written, true)).filter(|n| !n.is_empty()),
            |_| format!("empty {what}: remove it"),
        )
    };
    // Words the engine compares with one word of the text: an entry of
    // several words could never match, so it is a located error.
    let single_words = |b: &mut Builder<'_>,
                        list: &[Spanned<String>],
                        what: &str,
                        examples: &str|
     -> Vec<String> {
        for w in list {
            if w.get_ref().trim().contains(char::is_whitespace) {
                b.diags.push(site.diag(
                    w.span().start,
                    format!(
                        "{what} `{}` has several words: each {what} is one word ({examples})",
                        w.get_ref(),
                    ),
                ));
            }
        }
        words(b, list, what)
    };
    let mut settings = StanceSettings {
        clause_breaks: words(b, &f.clause_breaks, "clause break"),
        fronted_openers: single_words(b, &f.fronted_openers, "fronted opener", "\"after\""),
        compound_agents: single_words(b, &f.compound_agents, "compound agent", "\"led\""),
        conditionals: single_words(b, &f.conditionals, "conditional", "\"if\""),
        prepositions: words(b, &f.prepositions, "preposition"),
        opponent_words: single_words(b, &f.opponent_words, "opponent word", "\"against\""),
        opponent_nouns: single_words(b, &f.opponent_nouns, "opponent noun", "\"rebels\""),
        object_stops: single_words(b, &f.object_stops, "object stop", "\"than\""),
        reflexives: single_words(b, &f.reflexives, "reflexive", "\"himself\", \"itself\""),
        of_complements: single_words(b, &f.of_complements, "of-complement cue", "\"accused\""),
        // Split into words once, as the engine compares them with the
        // text's words, not once per document.
        topic_nouns: split_words(words(b, &f.topic_nouns, "topic noun")),
        qualifier_prefixes: single_words(
            b,
            &f.qualifier_prefixes,
            "qualifier prefix",
            "\"anti\", \"pro\"",
        ),
        reporting_verbs: split_words(words(b, &f.reporting_verbs, "reporting verb")),
        ..StanceSettings::default()
    };
    if let Some(p) = &f.passive {
        let p = p.get_ref();
        settings.auxiliaries = words(b, &p.auxiliaries, "auxiliary");
        settings.agent = words(b, std::slice::from_ref(&p.agent), "agent word")
            .pop()
            .unwrap_or_default();
        settings.passive_adjectives =
            single_words(b, &p.adjectives, "passive adjective", "\"opposed\"");
        settings.passive_adverbs =
            single_words(b, &p.adverbs, "passive adverb", "\"further\", \"not\"");
    }
    if let Some(u) = &f.undoing {
        let u = u.get_ref();
        settings.undoing = single_words(b, &u.words, "undoing word", "\"lifted\", \"withholding\"");
        settings.undoing_window = window_of(b, &site, Some(&u.window), 4);
        settings.undoing_positive_factor = b.number(
            &site,
            &u.positive_factor,
            "positive-factor",
            0.0,
            (-1.0, 1.0),
        );
        settings.undoing_negative_factor = b.number(
            &site,
            &u.negative_factor,
            "negative-factor",
            0.0,
            (-1.0, 1.0),
        );
    }
    settings
}

fn compile_tests(
    spec: &PackSpec,
    frames: &[Frame],
    actors: &[Actor],
    b: &mut Builder<'_>,
) -> Vec<RuleTest> {
    let mut out = Vec::new();
    let mut one = |b: &mut Builder<'_>,
                   site: &Site<'_>,
                   test: &Spanned<TestSpec>,
                   frame: Option<&str>| {
        let t = test.get_ref();
        let at = test.span().start;
        if t.text.get_ref().trim().is_empty() {
            b.diags.push(site.diag(
                t.text.span().start,
                "empty test `text`: write an example sentence",
            ));
        }
        let frame_expect = match (frame, t.matches) {
            (Some(id), Some(m)) => Some((id.to_string(), m)),
            (None, Some(_)) => {
                b.diags.push(site.diag(
                    at,
                    "`matches` only applies to tests in a frame file; use `frames = [...]` here",
                ));
                None
            }
            _ => None,
        };
        if frame_expect.is_none()
            && t.frames.is_none()
            && t.actors.is_none()
            && t.edges.is_none()
            && t.speakers.is_none()
        {
            b.diags.push(site.diag(
                at,
                "this test expects nothing: add `matches = true|false`, `frames = [...]`, `actors = [...]`, `edges = [...]` or `speakers = [...]`",
            ));
        }
        let mut ids =
            |list: &Option<Vec<Spanned<String>>>, known: &dyn Fn(&str) -> bool, what: &str| {
                list.as_ref().map(|list| {
                    let mut ids: Vec<String> = list
                        .iter()
                        .filter_map(|id| {
                            if known(id.get_ref()) {
                                Some(id.get_ref().clone())
                            } else if b.failed.actors.contains(id.get_ref())
                                || b.failed.frames.contains(id.get_ref())
                            {
                                None
                            } else {
                                b.diags.push(site.diag(
                                    id.span().start,
                                    format!(
                                    "unknown {what} `{}` in test: use an id declared in the pack",
                                    id.get_ref()
                                ),
                                ));
                                None
                            }
                        })
                        .collect();
                    ids.sort();
                    ids.dedup();
                    ids
                })
            };
        let frames_expected = ids(&t.frames, &|id| frames.iter().any(|f| f.id == id), "frame");
        let is_root = |id: &str| {
            actors
                .iter()
                .enumerate()
                .any(|(i, a)| a.id == id && a.root == ActorId::new(i))
        };
        let actors_expected = ids(&t.actors, &is_root, "top-level actor");
        let edges_expected = t.edges.as_ref().map(|list| {
            let mut edges: Vec<String> = list
                .iter()
                .filter_map(|e| {
                    let text = e.get_ref().trim();
                    let parsed = text.split_once("->").and_then(|(src, rest)| {
                        let (tgt, pol) = rest.trim().split_once(' ')?;
                        Some((src.trim(), tgt.trim(), pol.trim()))
                    });
                    match parsed {
                        Some((src, tgt, pol))
                            if is_root(src) && is_root(tgt) && matches!(pol, "positive" | "negative") =>
                        {
                            Some(format!("{src}->{tgt} {pol}"))
                        }
                        // An edge with an actor that failed to load: its
                        // declaration's error says what to fix.
                        Some((src, tgt, _)) if b.failed.actors.contains(src) || b.failed.actors.contains(tgt) => None,
                        _ => {
                            b.diags.push(site.diag(
                                e.span().start,
                                format!("edge `{text}` in test: write \"SOURCE->TARGET positive\" (or negative) with top-level actor ids"),
                            ));
                            None
                        }
                    }
                })
                .collect();
            edges.sort();
            edges.dedup();
            edges
        });
        out.push(RuleTest {
            origin: site.origin(at),
            text: t.text.get_ref().clone(),
            frame: frame_expect,
            frames: frames_expected,
            actors: actors_expected,
            edges: edges_expected,
            date: t.date.as_ref().and_then(|d| date(site, b, d)),
            speakers: t.speakers.as_ref().map(|list| {
                let mut names: Vec<String> = list
                    .iter()
                    .map(|s| s.get_ref().trim().to_string())
                    .collect();
                names.sort();
                names.dedup();
                names
            }),
        });
    };
    for file in &spec.frames {
        let site = Site::from(file);
        let stem = frame_stem(&file.path);
        for t in &file.spec.tests {
            one(b, &site, t, Some(stem));
        }
    }
    for file in &spec.actors {
        let site = Site::from(file);
        for t in &file.spec.tests {
            one(b, &site, t, None);
        }
    }
    if let Some(file) = &spec.stance {
        let site = Site::from(file);
        for t in &file.spec.tests {
            one(b, &site, t, None);
        }
    }
    if let Some(file) = &spec.contexts {
        let site = Site::from(file);
        for t in &file.spec.tests {
            one(b, &site, t, None);
        }
    }
    out
}

/// Building a rule set: the constructors live beside the compiler, so the
/// rule set itself is data and queries only.
impl RuleSet {
    /// Compiles the default pack embedded in the binary.
    ///
    /// # Errors
    ///
    /// Never for a released binary (a test checks the shipped pack), but a
    /// locally edited `rules/` can be broken: then [`Error::Pack`].
    pub fn embedded() -> Result<RuleSet, Error> {
        RuleSet::from_source(&PackSource::embedded())
    }

    /// Loads and compiles the pack in `dir`.
    ///
    /// # Errors
    ///
    /// [`Error::Io`] when files cannot be read; [`Error::Pack`] listing every
    /// problem found in the pack.
    pub fn from_dir(dir: &std::path::Path) -> Result<RuleSet, Error> {
        RuleSet::from_source(&PackSource::from_dir(dir)?)
    }

    /// Loads and compiles a pack from its files.
    ///
    /// # Errors
    ///
    /// [`Error::Pack`] listing every problem found.
    pub fn from_source(source: &PackSource) -> Result<RuleSet, Error> {
        match RuleSet::compile_with_diagnostics(source) {
            (Some(rules), diags) if diags.is_empty() => Ok(rules),
            (_, diags) => Err(Error::Pack(diags)),
        }
    }

    /// Compiles as much of a pack as is valid, with every problem found:
    /// the rule set is `None` only when the pack is too broken to build (no
    /// `pack.toml`, say). Used by `rules lint`, which reports problems and
    /// keeps checking what loaded.
    pub fn compile_with_diagnostics(
        source: &PackSource,
    ) -> (Option<RuleSet>, Vec<crate::Diagnostic>) {
        let (spec, mut diags) = load(source);
        let compiled = compile(&spec, source, &mut diags);
        diags.sort_by(|a, b| a.at.cmp(&b.at));
        (compiled, diags)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::work::assert_near_linear;

    /// A pack of `n` actors; with `chain`, each a member of the one before.
    fn actors_pack(n: usize, chain: bool) -> PackSource {
        let mut actors = String::new();
        for i in 0..n {
            actors.push_str(&format!(
                "[[actor]]\nid = \"a{i}\"\nname = \"Actor {i}\"\nkind = \"{}\"\naliases = [\"Name{i}\"]\n",
                if chain && i > 0 { "person" } else { "state" }
            ));
            if chain && i > 0 {
                actors.push_str(&format!("member-of = \"a{}\"\n", i - 1));
            }
            actors.push('\n');
        }
        PackSource::from_files(vec![
            (
                "pack.toml".into(),
                "name = \"big\"\nversion = \"0.1.0\"\nschema = 1\n".into(),
            ),
            ("actors.toml".into(), actors),
            ("modifiers.toml".into(), String::new()),
            (
                "frames/f.toml".into(),
                "label = \"F\"\nterms = [{ pattern = \"word\" }]\n".into(),
            ),
        ])
    }

    #[test]
    fn loading_many_actors_scales_linearly() {
        assert_near_linear("actors", 300, |n| {
            let (rules, diags) = RuleSet::compile_with_diagnostics(&actors_pack(n, false));
            assert!(diags.is_empty(), "{diags:?}");
            assert_eq!(rules.expect("compiles").actors.len(), n);
        });
    }

    #[test]
    fn a_long_member_of_chain_scales_linearly_and_rolls_up() {
        assert_near_linear("member-of chain", 300, |n| {
            let (rules, diags) = RuleSet::compile_with_diagnostics(&actors_pack(n, true));
            assert!(diags.is_empty(), "{diags:?}");
            let rules = rules.expect("compiles");
            assert!(
                rules.actors.iter().all(|a| a.root == ActorId::new(0)),
                "all roll up to a0"
            );
        });
    }
    #[test]
    fn frames_are_numbered_in_id_order_and_sentences_list_them_so() {
        // File names sort `a-b.toml` before `a.toml`; ids sort "a" first.
        let frame = |term: &str| format!("label = \"L\"\nterms = [{{ pattern = \"{term}\" }}]\n");
        let source = PackSource::from_files(vec![
            (
                "pack.toml".into(),
                "name = \"order\"\nversion = \"0.1.0\"\nschema = 1\n".into(),
            ),
            ("actors.toml".into(), String::new()),
            ("modifiers.toml".into(), String::new()),
            ("frames/a-b.toml".into(), frame("second")),
            ("frames/a.toml".into(), frame("first")),
        ]);
        let (rules, diags) = RuleSet::compile_with_diagnostics(&source);
        assert!(diags.is_empty(), "{diags:?}");
        let rules = rules.expect("compiles");
        let ids: Vec<&str> = rules.frames.iter().map(|f| f.id.as_str()).collect();
        assert_eq!(ids, ["a", "a-b"]);
        let analysis = crate::engine::analysis::analyze_text(&rules, "second and first", None);
        let named: Vec<String> = analysis.sentences[0]
            .frames
            .named(&rules)
            .into_keys()
            .collect();
        let in_order: Vec<&str> = analysis.sentences[0].frames.names(&rules).collect();
        assert_eq!(in_order, named, "frame order is id order");
        assert_eq!(in_order, ["a", "a-b"]);
    }
}
