//! The serde mirror of the rule-pack TOML files: what a user writes, before
//! validation. `load` fills these from TOML; `compile` checks and turns them
//! into a [`RuleSet`](crate::RuleSet).

use serde::Deserialize;
use toml::Spanned;

/// A whole rule pack as written, file by file.
#[derive(Debug, Default)]
pub(crate) struct PackSpec {
    /// `pack.toml`.
    pub pack: Option<SourceFile<PackFile>>,
    /// `frames/*.toml`, sorted by file name.
    pub frames: Vec<SourceFile<FrameFile>>,
    /// `actors.toml` and `actors/*.toml`, sorted by path: one registry
    /// split over as many files as its author likes.
    pub actors: Vec<SourceFile<ActorsFile>>,
    /// `modifiers.toml`.
    pub modifiers: Option<SourceFile<ModifiersFile>>,
    /// `stance.toml` (optional).
    pub stance: Option<SourceFile<StanceFile>>,
    /// `contexts.toml` (optional).
    pub contexts: Option<SourceFile<ContextsFile>>,
    /// `names.toml` (optional): common given names and surnames.
    pub names: Option<SourceFile<NamesFile>>,
    /// Ids of actors and frames whose entry or file failed to load: their
    /// error is reported, and references to them are not reported again.
    pub failed: FailedIds,
}

/// Ids whose declaration failed to load.
#[derive(Debug, Default)]
pub(crate) struct FailedIds {
    /// Actor ids of `[[actor]]` entries with an error.
    pub actors: std::collections::BTreeSet<String>,
    /// Frame ids (file stems) of frame files that are not valid TOML.
    pub frames: std::collections::BTreeSet<String>,
}

/// A parsed file with its path (relative to the pack root) and source text,
/// kept so that later checks can locate their findings.
#[derive(Debug)]
pub(crate) struct SourceFile<T> {
    /// Path relative to the pack root, with `/` separators.
    pub path: String,
    /// The file's text.
    pub src: String,
    /// What was parsed from it.
    pub spec: T,
}

/// `pack.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct PackFile {
    /// Pack name, stamped on every output.
    pub name: Spanned<String>,
    /// Semver of the rule data.
    pub version: Spanned<String>,
    /// Rule-pack schema version the pack is written for.
    pub schema: Spanned<i64>,
    /// Free text.
    #[serde(default)]
    #[expect(
        dead_code,
        reason = "accepted in the TOML for people to read; the engine has no use for it"
    )]
    pub description: Option<String>,
    /// Scoring settings.
    #[serde(default)]
    pub scoring: Option<Spanned<ScoringSpec>>,
}

/// `[scoring]` in `pack.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ScoringSpec {
    /// A frame is present in a sentence when its score exceeds this.
    pub threshold: Option<Spanned<f64>>,
    /// Dominant frames score at least this share of the top frame's score.
    pub dominant_ratio: Option<Spanned<f64>>,
    /// Multiplier for matches inside quotation marks.
    pub quote_factor: Option<Spanned<f64>>,
}

/// One pattern with a weight, as in a frame's `terms`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct TermSpec {
    /// The phrase; a trailing `*` is a wildcard suffix.
    pub pattern: Spanned<String>,
    /// Contribution of one match; defaults to 1.
    pub weight: Option<Spanned<f64>>,
    /// The id of a `[[context]]` (contexts.toml) the term needs in order to
    /// count; overrides the frame's own `context`.
    pub context: Option<Spanned<String>>,
    /// The term counts only where it matches a year (four digits, or a
    /// decade such as `1980s`) at least this many years before the
    /// article's date, and never in an undated article: a pattern such as
    /// `1*` then marks the past ("In March 1990, protests flared").
    pub min_years_ago: Option<Spanned<i64>>,
    /// Free text for the rule's author.
    #[expect(
        dead_code,
        reason = "accepted in the TOML for people to read; the engine has no use for it"
    )]
    pub note: Option<String>,
}

/// A `[[test]]` example.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct TestSpec {
    /// The example text.
    pub text: Spanned<String>,
    /// For frame tests: whether the frame must (true) or must not (false) be present.
    pub matches: Option<bool>,
    /// The exact set of frames expected in the text.
    pub frames: Option<Vec<Spanned<String>>>,
    /// The exact set of rolled-up actor ids expected in the text.
    pub actors: Option<Vec<Spanned<String>>>,
    /// The exact set of stance edges expected, as `"SRC->TGT positive"`.
    pub edges: Option<Vec<Spanned<String>>>,
    /// The article date the example is classified at (for dated roles).
    pub date: Option<Spanned<toml::value::Datetime>>,
    /// The exact set of quote speakers expected: actor ids for actors, the
    /// speaker's words for other sources (`["PRK", "Sergey Radchenko"]`).
    pub speakers: Option<Vec<Spanned<String>>>,
}

/// `frames/<id>.toml`.
#[derive(Debug, Default)]
pub(crate) struct FrameFile {
    /// Optional explicit id; must equal the file stem.
    pub id: Option<Spanned<String>>,
    /// Short human label.
    pub label: Option<Spanned<String>>,
    /// What the frame means (from the codebook).
    pub description: Option<String>,
    /// Colour used by `explain`.
    pub color: Option<Spanned<String>>,
    /// The id of a `[[context]]` every term of the frame needs in order to
    /// count, unless the term names its own.
    pub context: Option<Spanned<String>>,
    /// The frame's terms.
    pub terms: Vec<Spanned<TermSpec>>,
    /// Phrases inside which this frame's terms do not count.
    pub exclude: Vec<Spanned<String>>,
    /// Examples that must / must not carry the frame.
    pub tests: Vec<Spanned<TestSpec>>,
}

/// One `[[actor]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ActorSpec {
    /// Canonical id (ISO alpha-3 for states).
    pub id: Spanned<String>,
    /// Display name.
    pub name: Option<String>,
    /// state | person | org | body | media.
    pub kind: Option<Spanned<String>>,
    /// The actor this one rolls up to.
    pub member_of: Option<Spanned<String>>,
    /// Case-insensitive aliases (and exact-case ones, which also go in `exact`).
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    /// Aliases matched with exact case.
    #[serde(default)]
    pub exact: Vec<Spanned<String>>,
    /// Phrases inside which this actor's aliases do not count.
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
    /// Aliases (also listed in `aliases`) that name a place, such as a
    /// capital: they do not count right after a location word ("a summit
    /// in Vienna"), see [`WordsBeforeSpec`].
    #[serde(default)]
    pub places: Vec<Spanned<String>>,
    /// Aliases (also listed in `aliases`) that name other things too
    /// ("Georgia", "Jordan"): they count only in a document that also names
    /// this actor (or one of its members) by an alias that is not ambiguous.
    #[serde(default)]
    pub ambiguous: Vec<Spanned<String>>,
    /// Dated roles (`[[actor.role]]`): while one holds, the actor rolls up
    /// to the role's `of` instead of `member-of`.
    #[serde(default)]
    pub role: Vec<Spanned<RoleSpec>>,
    /// A person's pronoun (`he`, `she`, `they`): a reference with a
    /// `pronoun` resolves only to people with that one.
    pub pronoun: Option<Spanned<String>>,
}

/// A dated role of an actor: `title` of actor `of` from one date to another.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct RoleSpec {
    /// What the role is ("President of the United States").
    pub title: Spanned<String>,
    /// The actor the role belongs to (rolled up to while it holds).
    pub of: Spanned<String>,
    /// First day of the role (a TOML date, `2017-01-20`); open if absent.
    pub from: Option<Spanned<toml::value::Datetime>>,
    /// Last day of the role; open if absent.
    pub to: Option<Spanned<toml::value::Datetime>>,
}

/// `names.toml`: lists of common given names and surnames, for `rules
/// lint` to tell when a person's alias is one of them alone.
#[derive(Debug, Default)]
pub(crate) struct NamesFile {
    /// The lists, each with its source.
    pub lists: Vec<Spanned<NameList>>,
}

/// A `[[list]]` of names from one source.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct NameList {
    /// Where the names come from (data set, edition, licence).
    #[expect(
        dead_code,
        reason = "required in the TOML so a list names its source; the engine has no use for it"
    )]
    pub source: Spanned<String>,
    /// Family names.
    #[serde(default)]
    pub surnames: Vec<Spanned<String>>,
    /// Given names, of men and women alike.
    #[serde(default)]
    pub given: Vec<Spanned<String>>,
    /// Given names of men.
    #[serde(default)]
    pub men: Vec<Spanned<String>>,
    /// Given names of women.
    #[serde(default)]
    pub women: Vec<Spanned<String>>,
}

/// A `[[reference]]` in `actors.toml`: an expression that refers back to
/// actors mentioned earlier ("he", "the country", "both sides").
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ReferenceSpec {
    /// The expression.
    pub pattern: Spanned<String>,
    /// What it refers to: `person`, `state`, `org`, `group`, `speaker`,
    /// or an actor id.
    pub resolves: Spanned<String>,
    /// How many distinct actors it stands for ("the three countries": 3).
    pub count: Option<Spanned<i64>>,
    /// Only these top-level actors qualify ("the kingdom": the monarchies).
    #[serde(default)]
    pub among: Vec<Spanned<String>>,
    /// Only a person holding a role whose title starts with these words
    /// ("the president": `President`), preferring a role that holds on the
    /// article's date.
    pub title: Option<Spanned<String>>,
    /// How many sentences back it looks (default 2).
    pub lookback: Option<Spanned<i64>>,
    /// Only a person with this pronoun qualifies (`he`, `she`, `they`;
    /// `resolves = "person"` only): "she" is one of the women.
    pub pronoun: Option<Spanned<String>>,
    /// Match the pattern with exact case ("I", not "i").
    #[serde(default)]
    pub exact: bool,
    /// Prefer the state of the latest place the document has named as a
    /// location (the scene: "an explosion in Bangkok ... police said"),
    /// then the usual antecedents.
    #[serde(default)]
    pub scene: bool,
    /// Free text for the rule's author.
    #[expect(
        dead_code,
        reason = "accepted in the TOML for people to read; the engine has no use for it"
    )]
    pub note: Option<String>,
}

/// `[location]` and `[former]` in an actors file: cue words that change
/// what the alias right after them means (a place after "in" is a
/// location, a person after "former" is out of office).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct WordsBeforeSpec {
    /// The cue words ("in", "at", "from"; "former").
    pub words: Vec<Spanned<String>>,
    /// Words that may stand between the cue and the alias ("the",
    /// "central": "in central Bangkok").
    #[serde(default)]
    pub skip: Vec<Spanned<String>>,
    /// `[location]` only: words right after a place that make it the name
    /// of an event or agreement held there ("the Singapore summit", "the
    /// Lisbon Treaty").
    #[serde(default)]
    pub events: Vec<Spanned<String>>,
    /// `[location]` only: words that, right before the location word, make
    /// the place stand for its government after all ("officials in
    /// Washington", "the regime in Pyongyang").
    #[serde(default)]
    pub governments: Vec<Spanned<String>>,
    /// `[location]` only: words that, right before the location word, make
    /// even a state's name a location: who or what is there, not what the
    /// state does ("troops in Syria", "an attack in Syria", "a person from
    /// China").
    #[serde(default)]
    pub located: Vec<Spanned<String>>,
    /// Words right after a name that make it a label. In `[location]`: of
    /// a person or group from the place, not a place where something
    /// happens nor its government ("the Ohio Republican", "Texas Sen. Ted
    /// Cruz", "Iowa voters"). In `[former]`: of someone else, whom
    /// "former" describes ("former Trump campaign chairman"), past up to
    /// two capitalised words ("former Obama White House aide").
    #[serde(default)]
    pub labels: Vec<Spanned<String>>,
    /// `[location]` only: text right before a place, after a character
    /// that is no word character, that makes it such a label: a
    /// legislator's party and state, "(R-Ohio)". Compared as written,
    /// case and all.
    #[serde(default)]
    pub label_prefixes: Vec<Spanned<String>>,
    /// `[location]` only: words right after any actor's name (a state's, a
    /// person's, a body's; after an optional possessive) that make it an
    /// attribute of private people or of a campaign, not the actor acting
    /// ("the American people", "Trump supporters", "the Obama campaign").
    #[serde(default)]
    pub attributes: Vec<Spanned<String>>,
    /// `[location]` only: text joined right after any actor's name, as an
    /// attribute's hyphenated ending, that makes the name say where a
    /// company, a group or a person is based or was born, not the actor
    /// acting ("-based": "a Moscow-based lawyer", "the U.S.-based
    /// company"; "-born": "the Indian-born magnate"). Compared without
    /// regard to case; a word character must not follow.
    #[serde(default)]
    pub attribute_suffixes: Vec<Spanned<String>>,
    /// `[location]` only: words right after a state's name or demonym that
    /// make it a place in the state, where something is, not the state
    /// acting ("the Syrian city of Manbij", "the Kenyan capital", "Chinese
    /// soil").
    #[serde(default)]
    pub places: Vec<Spanned<String>>,
    /// `[location]` only: words right after a state's name or demonym
    /// that make it name rebels, separatists or militants, not the state
    /// ("Syrian rebels", "Ukrainian separatists", "pro-Russian
    /// militants").
    #[serde(default)]
    pub opposition: Vec<Spanned<String>>,
    /// `[location]` only: phrases that open with an `opposition` word and
    /// make it the state's own stance, so that its name stays the state
    /// ("opposition to": "U.S. opposition to the resolution").
    #[serde(default)]
    pub opposition_stance: Vec<Spanned<String>>,
}

/// `[person-titles]` in an actors file: titles before a capitalised name
/// that mark a person ("Mr. Clarke", "Sen. Chris Murphy"), by the pronoun
/// they take.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct PersonTitlesSpec {
    /// Titles of men ("Mr").
    #[serde(default)]
    pub he: Vec<Spanned<String>>,
    /// Titles of women ("Mrs", "Ms").
    #[serde(default)]
    pub she: Vec<Spanned<String>>,
    /// Titles of either ("Dr", "Sen").
    #[serde(default)]
    pub either: Vec<Spanned<String>>,
}

/// `[given-names]` in an actors file: a capitalised name right after a
/// given name of `names.toml` is a surname ("Rep. Steve Israel", "Alan
/// He"), an actor only when it is a person's and the given name theirs.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct GivenNamesSpec {
    /// Given names of `names.toml` that stand before a name more often as
    /// something else (a month: "in May Britain voted").
    #[serde(default)]
    pub except: Vec<Spanned<String>>,
    /// Words after a given name that make it the name of a place or an
    /// institution, not a person's ("Rose Garden", "Clinton Foundation").
    #[serde(default)]
    pub place_words: Vec<Spanned<String>>,
}

/// `actors.toml`, or one file of `actors/`.
#[derive(Debug, Default)]
pub(crate) struct ActorsFile {
    /// Phrases inside which no actor alias counts.
    pub exclude: Vec<Spanned<String>>,
    /// The actors.
    pub actors: Vec<Spanned<ActorSpec>>,
    /// Whether references are resolved (default true).
    pub resolve_references: Option<Spanned<bool>>,
    /// When a place alias is a location (at most one file declares it).
    pub location: Option<Spanned<WordsBeforeSpec>>,
    /// When a person is out of office (at most one file declares it).
    pub former: Option<Spanned<WordsBeforeSpec>>,
    /// Titles that mark a person the registry may not know (at most one
    /// file declares them).
    pub person_titles: Option<Spanned<PersonTitlesSpec>>,
    /// When a name after a given name is a surname (at most one file
    /// declares it).
    pub given_names: Option<Spanned<GivenNamesSpec>>,
    /// Expressions that refer back to earlier actors.
    pub references: Vec<Spanned<ReferenceSpec>>,
    /// Examples with their expected actor sets.
    pub tests: Vec<Spanned<TestSpec>>,
}

/// A word-list modifier section (`[negation]`, `[intensifier]`, …).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ModifierSpec {
    /// How many words before a term the modifier reaches.
    pub window: Option<Spanned<i64>>,
    /// Negation: factor on a negated frame term.
    pub frame_factor: Option<Spanned<f64>>,
    /// Negation: factor on a negated stance cue.
    pub stance_factor: Option<Spanned<f64>>,
    /// Intensifier / dampener: VADER's booster increment.
    pub increment: Option<Spanned<f64>>,
    /// Intensifier / dampener: decay of the increment by distance.
    pub decay: Option<Vec<Spanned<f64>>>,
    /// Hedge: factor on a hedged term.
    pub factor: Option<Spanned<f64>>,
    /// The modifier words, case-insensitive.
    #[serde(default)]
    pub terms: Vec<Spanned<String>>,
    /// The modifier words matched with exact case (e.g. "may", not "May").
    #[serde(default)]
    pub exact: Vec<Spanned<String>>,
}

/// One `[[contrastive]]` entry.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ContrastiveSpec {
    /// The word or phrase ("but", "even though").
    pub pattern: Spanned<String>,
    /// Factor on terms before it in the sentence.
    pub before: Spanned<f64>,
    /// Factor on terms after it in the sentence.
    pub after: Spanned<f64>,
}

/// `modifiers.toml`.
#[derive(Debug, Default)]
pub(crate) struct ModifiersFile {
    /// `[negation]`.
    pub negation: Option<Spanned<ModifierSpec>>,
    /// `[intensifier]`.
    pub intensifier: Option<Spanned<ModifierSpec>>,
    /// `[dampener]`.
    pub dampener: Option<Spanned<ModifierSpec>>,
    /// `[hedge]`.
    pub hedge: Option<Spanned<ModifierSpec>>,
    /// `[[contrastive]]`.
    pub contrastive: Vec<Spanned<ContrastiveSpec>>,
}

/// A stance cue in `stance.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct CueSpec {
    /// The phrase; a trailing `*` is a wildcard suffix.
    pub pattern: Spanned<String>,
    /// Strength of one match; defaults to 1.
    pub weight: Option<Spanned<f64>>,
    /// The source stands after the cue ("backing *from* the Kremlin").
    #[serde(default)]
    pub reverse: bool,
    /// The cue labels the actor before it ("a provocateur", "vital allies")
    /// and takes no object: the stance is toward that actor.
    #[serde(default)]
    pub label: bool,
    /// The cue states a relation of the actors of its subject with one
    /// another ("China and Russia pledged to deepen cooperation", "India
    /// and Pakistan exchanged fire"): an edge each way between each two of
    /// them, no object.
    #[serde(default)]
    pub mutual: bool,
    /// The id of a `[[context]]` (contexts.toml) the cue needs in order to
    /// count; overrides the file's own `context`.
    pub context: Option<Spanned<String>>,
    /// Free text for the rule's author.
    #[expect(
        dead_code,
        reason = "accepted in the TOML for people to read; the engine has no use for it"
    )]
    pub note: Option<String>,
}

/// `[passive]` in `stance.toml`: how a passive cue is recognised.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct PassiveSpec {
    /// Forms of "to be" (and "got") that may stand just before a cue.
    pub auxiliaries: Vec<Spanned<String>>,
    /// The word that introduces the agent ("by").
    pub agent: Spanned<String>,
    /// Participles that after an auxiliary and without an agent say how
    /// the subject stands ("Germany is opposed to the plan"), not what was done
    /// to it.
    #[serde(default)]
    pub adjectives: Vec<Spanned<String>>,
    /// Adverbs that may stand between an auxiliary and a cue ("was
    /// further angered"), besides any word in "-ly".
    #[serde(default)]
    pub adverbs: Vec<Spanned<String>>,
}

/// `[undoing]` in `stance.toml`: words that undo the act a cue names
/// ("lifted sanctions on Iran", "condemned the attack on Israel").
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct UndoingSpec {
    /// How many words before the cue one of them reaches.
    pub window: Spanned<i64>,
    /// Factor on an undone positive cue (default 0: no edge).
    pub positive_factor: Option<Spanned<f64>>,
    /// Factor on an undone negative cue (default 0: no edge).
    pub negative_factor: Option<Spanned<f64>>,
    /// The words, matched whole and case-insensitive.
    pub words: Vec<Spanned<String>>,
}

/// `stance.toml`.
#[derive(Debug, Default)]
pub(crate) struct StanceFile {
    /// The id of a `[[context]]` (contexts.toml) every cue needs in order
    /// to count, unless the cue names its own.
    pub context: Option<Spanned<String>>,
    /// Cues of a positive attitude or action (praise, support, thanks).
    pub positive: Vec<Spanned<CueSpec>>,
    /// Cues of a negative attitude or action (accusation, criticism, sanctions).
    pub negative: Vec<Spanned<CueSpec>>,
    /// Phrases whose inner matches of a cue are no cue ("thanks to" its
    /// size, "backed out of" a deal).
    pub exclude: Vec<Spanned<String>>,
    /// Words that end a clause for stance purposes (";", "while").
    pub clause_breaks: Vec<Spanned<String>>,
    /// Words that, opening a sentence, open a fronted clause that ends at
    /// its first comma ("after", "as", "if").
    pub fronted_openers: Vec<Spanned<String>>,
    /// Words that, joined by a hyphen to an actor's name, leave the actor
    /// acting through the noun after it ("led": "the U.S.-led
    /// coalition"); any other word in lower case so joined makes the name
    /// a premodifier that is no subject ("Iran-backed militias").
    pub compound_agents: Vec<Spanned<String>>,
    /// Words that open a condition or an open question ("if", "whether"):
    /// a cue after one, with no separator between, states no stance.
    pub conditionals: Vec<Spanned<String>>,
    /// Prepositions: an actor right after one is not a subject.
    pub prepositions: Vec<Spanned<String>>,
    /// Words after which an actor is the one an act is against ("against"):
    /// never the object of a positive cue.
    pub opponent_words: Vec<Spanned<String>>,
    /// Nouns for an actor's opponents ("rebels", "adversaries"): an actor
    /// that is their possessor is neither subject nor object of a cue.
    pub opponent_nouns: Vec<Spanned<String>>,
    /// Words past which no actor is the object of a cue before them: a
    /// comparison ("than").
    pub object_stops: Vec<Spanned<String>>,
    /// Reflexive pronouns: one right after a cue is its only object.
    pub reflexives: Vec<Spanned<String>>,
    /// Cue words whose object stands before a complement that "of" opens
    /// ("accused Russia of meddling").
    pub of_complements: Vec<Spanned<String>>,
    /// Nouns or phrases that an actor named right before them is the topic
    /// of ("the Russia probe", "the Iran nuclear deal"): such an actor is
    /// no party to a stance edge.
    pub topic_nouns: Vec<Spanned<String>>,
    /// Words that, joined by a hyphen before an actor's name ("anti-",
    /// "pro-"), make it describe someone else: no party to an edge.
    pub qualifier_prefixes: Vec<Spanned<String>>,
    /// Passive voice.
    pub passive: Option<Spanned<PassiveSpec>>,
    /// Words that undo the act of a cue after them.
    pub undoing: Option<Spanned<UndoingSpec>>,
    /// Verbs that report speech ("said", "declared"); "according to" too.
    pub reporting_verbs: Vec<Spanned<String>>,
    /// Examples with their expected edges.
    pub tests: Vec<Spanned<TestSpec>>,
}

/// A `[[cues]]` list in `contexts.toml`: words that signal one sense of a
/// text (sport, business, technology), which a context can require or rule
/// out near a term.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct CueListSpec {
    /// The list's id, named by contexts (`not-near = { cues = ["sport"] }`).
    pub id: Spanned<String>,
    /// Free text: what the cues signal. For people reading the pack; the
    /// engine accepts it and does not use it.
    #[allow(dead_code)]
    pub description: Option<String>,
    /// The cue words and phrases; a trailing `*` is a wildcard suffix.
    #[serde(default)]
    pub terms: Vec<Spanned<String>>,
    /// Cue words matched with exact case ("Democratic", a party's name, not
    /// "democratic allies").
    #[serde(default)]
    pub exact: Vec<Spanned<String>>,
    /// Phrases whose inner matches of these terms are no cue ("Irish
    /// Republican Army" holds no party's "Republican").
    #[serde(default)]
    pub exclude: Vec<Spanned<String>>,
}

/// `actors = { … }` of a context: actors that must be mentioned near a term.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ActorConditionSpec {
    /// Actor kinds that count (state, person, org, group, body, media); an actor
    /// counts when it or the actor it rolls up to has one. Any kind if absent.
    #[serde(default)]
    pub kinds: Vec<Spanned<String>>,
    /// At most this many words from the term, within its sentence; the whole
    /// sentence if absent.
    pub within: Option<Spanned<i64>>,
    /// How many distinct (rolled-up) actors are needed; 1 if absent.
    pub min: Option<Spanned<i64>>,
    /// The other side of a relation: besides the actors found, another
    /// actor must be named in the sentence or within this many sentences
    /// before or after it (as a mention, or as the place where something
    /// happens). Not needed if absent.
    pub other_side: Option<Spanned<i64>>,
}

/// `near = { … }` or `not-near = { … }` of a context: cue lists whose words
/// must (or must not) stand near a term.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct CueConditionSpec {
    /// Ids of `[[cues]]` lists.
    pub cues: Vec<Spanned<String>>,
    /// At most this many words from the term, within its sentence; the whole
    /// sentence if absent.
    pub within: Option<Spanned<i64>>,
    /// Also anywhere in this many sentences before or after the term's
    /// (the scene of a story: "The bomb went off at noon. Six were
    /// killed."); the term's sentence alone if absent.
    pub sentences: Option<Spanned<i64>>,
}

/// A `[[context]]` in `contexts.toml`: what must surround a term for it to
/// count. Every condition given must hold.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(crate) struct ContextSpec {
    /// The context's id, named by terms and frames (`context = "…"`).
    pub id: Spanned<String>,
    /// Free text: when the context holds, and why terms need it. For people
    /// reading the pack; the engine accepts it and does not use it.
    #[allow(dead_code)]
    pub description: Option<String>,
    /// Actors that must be mentioned near the term.
    pub actors: Option<Spanned<ActorConditionSpec>>,
    /// Cues of which at least one must stand near the term.
    pub near: Option<Spanned<CueConditionSpec>>,
    /// Cues of which none may stand near the term.
    pub not_near: Option<Spanned<CueConditionSpec>>,
}

/// `contexts.toml`.
#[derive(Debug, Default)]
pub(crate) struct ContextsFile {
    /// Cue lists.
    pub cues: Vec<Spanned<CueListSpec>>,
    /// Contexts.
    pub contexts: Vec<Spanned<ContextSpec>>,
    /// Examples with their expected frames.
    pub tests: Vec<Spanned<TestSpec>>,
}
