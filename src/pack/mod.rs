//! The rule pack: TOML files in, a validated [`ruleset::RuleSet`] out.
//! [`spec`] mirrors the files, [`load`] reads them, [`compile`] validates and
//! builds the one automaton; [`lint`], [`canonical`] (`rules fmt`),
//! [`import`] and [`ruletest`] are the pack's own tools; [`probe`] matches
//! patterns that are not rules as if they were.

pub(crate) mod canonical;
pub(crate) mod compile;
pub(crate) mod import;
pub(crate) mod lint;
pub(crate) mod load;
pub(crate) mod probe;
pub(crate) mod ruleset;
pub(crate) mod ruletest;
pub(crate) mod spec;

/// The names of a rule pack's files and folders, relative to its root:
/// the one place they are spelled.
pub(crate) mod files {
    /// The pack's name, version, schema and scoring.
    pub(crate) const PACK: &str = "pack.toml";
    /// The actor registry (or the files of [`ACTORS_DIR`]).
    pub(crate) const ACTORS: &str = "actors.toml";
    /// A folder of actor registry files, read as one.
    pub(crate) const ACTORS_DIR: &str = "actors/";
    /// Negation, boosters, hedges and the other word-window modifiers.
    pub(crate) const MODIFIERS: &str = "modifiers.toml";
    /// Stance verbs and patterns.
    pub(crate) const STANCE: &str = "stance.toml";
    /// Contexts and sense cues.
    pub(crate) const CONTEXTS: &str = "contexts.toml";
    /// Common given names and surnames.
    pub(crate) const NAMES: &str = "names.toml";
    /// The folder of frames, one `<id>.toml` each.
    pub(crate) const FRAMES_DIR: &str = "frames/";

    /// The path of the frame `id`'s file.
    pub(crate) fn frame_path(id: &str) -> String {
        format!("{FRAMES_DIR}{id}.toml")
    }

    /// The frame id of a frame file's `path`; `None` for other files.
    pub(crate) fn frame_id(path: &str) -> Option<&str> {
        path.strip_prefix(FRAMES_DIR)?.strip_suffix(".toml")
    }
}
