//! The rule pack: TOML files in, a validated [`ruleset::RuleSet`] out.
//! [`spec`] mirrors the files, [`load`] reads them, [`compile`] validates and
//! builds the one automaton; [`lint`], [`canonical`] (`rules fmt`),
//! [`import`] and [`ruletest`] are the pack's own tools; [`probe`] matches
//! patterns that are not rules as if they were.

pub mod canonical;
pub mod compile;
pub mod import;
pub mod lint;
pub mod load;
pub mod probe;
pub mod ruleset;
pub mod ruletest;
pub mod spec;

/// The names of a rule pack's files and folders, relative to its root:
/// the one place they are spelled.
pub mod files {
    /// The pack's name, version, schema and scoring.
    pub const PACK: &str = "pack.toml";
    /// The actor registry (or the files of [`ACTORS_DIR`]).
    pub const ACTORS: &str = "actors.toml";
    /// A folder of actor registry files, read as one.
    pub const ACTORS_DIR: &str = "actors/";
    /// Negation, boosters, hedges and the other word-window modifiers.
    pub const MODIFIERS: &str = "modifiers.toml";
    /// Stance verbs and patterns.
    pub const STANCE: &str = "stance.toml";
    /// Contexts and sense cues.
    pub const CONTEXTS: &str = "contexts.toml";
    /// Common given names and surnames.
    pub const NAMES: &str = "names.toml";
    /// The folder of frames, one `<id>.toml` each.
    pub const FRAMES_DIR: &str = "frames/";

    /// The path of the frame `id`'s file.
    pub fn frame_path(id: &str) -> String {
        format!("{FRAMES_DIR}{id}.toml")
    }

    /// The frame id of a frame file's `path`; `None` for other files.
    pub fn frame_id(path: &str) -> Option<&str> {
        path.strip_prefix(FRAMES_DIR)?.strip_suffix(".toml")
    }
}
