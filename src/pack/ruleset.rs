//! The compiled rule pack: immutable, validated, `Send + Sync`. One
//! Aho-Corasick automaton over every pattern of every kind, and a table that
//! says what each pattern means and where it was declared.

use aho_corasick::nfa::contiguous::NFA;
use serde::{Deserialize, Serialize};

use crate::text::date::ArticleDate;
pub use crate::text::date::Date;
use crate::text::tokens::Phrases;

/// Identity of a rule pack, stamped on every output.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct PackInfo {
    /// `name@version`, the pack's identity in outputs.
    pub id: String,
    /// Pack name.
    pub name: String,
    /// Semver of the rule data.
    pub version: String,
    /// SHA-256 of the pack's files (paths and contents), hex.
    pub hash: String,
}

impl PackInfo {
    /// `name@version`.
    pub fn label(&self) -> &str {
        &self.id
    }

    /// `name@version (hash)`, with the hash cut to 12 digits: what every
    /// report header shows, so two packs that share a name and version
    /// (a copied pack) can be told apart.
    pub fn stamp(&self) -> String {
        stamp(&self.id, &self.hash)
    }
}

/// `id (hash)`, the hash cut to its first 12 digits.
pub(crate) fn stamp(id: &str, hash: &str) -> String {
    format!("{id} ({})", &hash[..12.min(hash.len())])
}

/// Scoring settings from `pack.toml`.
#[derive(Clone, Debug)]
pub(crate) struct Scoring {
    /// A frame is present in a sentence when its score exceeds this.
    pub threshold: f64,
    /// Dominant frames score at least this share of the top frame's score.
    pub dominant_ratio: f64,
    /// Multiplier for matches inside quotation marks.
    pub quote_factor: f64,
}

/// Terminal colour of a frame in `explain`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Color {
    /// ANSI SGR foreground code (30–37, 90–97).
    pub ansi: u8,
}

/// A frame.
#[derive(Clone, Debug)]
pub struct Frame {
    /// Id (the file stem).
    pub id: String,
    /// Short label.
    pub label: String,
    /// What the frame means.
    pub description: String,
    /// Colour in `explain`.
    pub color: Color,
}

/// What kind of thing an actor is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActorKind {
    /// A state (ISO alpha-3 id).
    State,
    /// A person (rolls up to a state).
    Person,
    /// An international organisation.
    Org,
    /// A state body: ministry, party, parliament.
    Body,
    /// State media.
    Media,
    /// An armed or political group acting in international affairs
    /// (HAMAS, ISIS): not a state, not an organisation of states.
    Group,
}

impl ActorKind {
    /// Every kind, in the order rule files list them.
    pub const ALL: [ActorKind; 6] = [
        ActorKind::State,
        ActorKind::Person,
        ActorKind::Org,
        ActorKind::Group,
        ActorKind::Body,
        ActorKind::Media,
    ];

    /// The name a rule file uses for the kind.
    pub fn name(self) -> &'static str {
        match self {
            ActorKind::State => "state",
            ActorKind::Person => "person",
            ActorKind::Org => "org",
            ActorKind::Group => "group",
            ActorKind::Body => "body",
            ActorKind::Media => "media",
        }
    }

    /// The kind a rule file names `name`, if any.
    pub fn from_name(name: &str) -> Option<ActorKind> {
        Self::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// A list of sense cues (`[[cues]]` in contexts.toml): words such as
/// "league" or "shareholders" that say a text is about sport or business.
#[derive(Clone, Debug)]
pub(crate) struct CueList {
    /// Id, named by contexts.
    pub id: String,
    /// Where it was declared.
    pub origin: Origin,
}

/// Actors a context needs near a term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct ActorCondition {
    /// Kinds that count; any kind when empty. A mention counts when the
    /// entity matched or the actor it rolls up to has one of them.
    pub kinds: Vec<ActorKind>,
    /// At most this many words from the term (within its sentence); the
    /// whole sentence when `None`.
    pub within: Option<usize>,
    /// Distinct rolled-up actors needed.
    pub min: usize,
    /// When set, another actor than those found must be named in the
    /// sentence or within this many sentences of it, as a mention or a
    /// place: the other side of a relation ("the talks" of one government
    /// with another named in the sentence before).
    pub other_side: Option<usize>,
}

/// Cue lists a context needs (or rules out) near a term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CueCondition {
    /// Indices into [`RuleSet::cue_lists`].
    pub lists: Vec<usize>,
    /// At most this many words from the term (within its sentence); the
    /// whole sentence when `None`.
    pub within: Option<usize>,
    /// When set, a cue anywhere in this many sentences before or after the
    /// term's sentence is near too.
    pub sentences: Option<usize>,
}

/// A context (`[[context]]` in contexts.toml): what must surround a term
/// for it to count. Every condition present must hold.
#[derive(Clone, Debug)]
pub(crate) struct Context {
    /// Id, named by terms and frames.
    pub id: String,
    /// Actors that must be mentioned near the term.
    pub actors: Option<ActorCondition>,
    /// At least one cue of these lists must stand near the term.
    pub near: Option<CueCondition>,
    /// No cue of these lists may stand near the term.
    pub not_near: Option<CueCondition>,
    /// Where it was declared.
    pub origin: Origin,
}

/// An actor of the registry.
#[derive(Clone, Debug)]
pub(crate) struct Actor {
    /// Canonical id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind.
    pub kind: ActorKind,
    /// The actor this one rolls up to, after following `member-of`
    /// to the top (itself when it has none).
    pub root: ActorId,
    /// Its `member-of` actor.
    pub parent: Option<ActorId>,
    /// Dated roles, in declaration order.
    pub roles: Vec<Role>,
    /// A person's pronoun, when the registry gives it.
    pub pronoun: Option<Pronoun>,
    /// A person's given names, lower-case: the words of each of their
    /// aliases but its last ("joe" of "Joe Biden"), after which their
    /// surname still names them (see [`RuleSet::given_names`]).
    pub given: Vec<String>,
}

/// The pronoun of a person in the registry, which pronoun references
/// ("he", "she") read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pronoun {
    /// "he".
    He,
    /// "she".
    She,
    /// "they".
    They,
}

impl Pronoun {
    /// The pronoun written `name` (`he`, `she`, `they`).
    pub(crate) fn from_name(name: &str) -> Option<Pronoun> {
        match name {
            "he" => Some(Pronoun::He),
            "she" => Some(Pronoun::She),
            "they" => Some(Pronoun::They),
            _ => None,
        }
    }
}

/// A dated role: while it holds, its actor rolls up to `of`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Role {
    /// What the role is ("President of the United States").
    pub title: String,
    /// The actor the role belongs to.
    pub of: ActorId,
    /// First day, inclusive; open when `None`.
    pub from: Option<Date>,
    /// Last day, inclusive; open when `None`.
    pub to: Option<Date>,
}

impl Role {
    /// Whether the role holds for the whole of `period` (a day, a month or
    /// a year): a year-only article date of 2016 falls inside a term that
    /// ends on 2016-12-31, but not inside one that ends on 2016-06-30,
    /// since the article may be from July.
    pub(crate) fn holds_throughout(&self, period: ArticleDate) -> bool {
        !matches!(self.from, Some(f) if f > period.first_day())
            && !matches!(self.to, Some(t) if period.last_day() > t)
    }
}

/// Word-window modifier settings from `modifiers.toml`.
#[derive(Clone, Debug)]
pub struct Modifiers {
    /// Words before a term that a negator reaches.
    pub negation_window: usize,
    /// Factor on a negated frame term (kept positive: a frame never goes below 0).
    pub negation_frame_factor: f64,
    /// Factor on a negated stance cue (negative: flips polarity).
    pub negation_stance_factor: f64,
    /// Intensifier window, increment and decay by distance.
    pub intensifier: Booster,
    /// Dampener window, increment and decay by distance.
    pub dampener: Booster,
    /// Words before a term that a hedge reaches.
    pub hedge_window: usize,
    /// Factor on a hedged term.
    pub hedge_factor: f64,
}

/// VADER-style booster: factor `1 ± increment × decay[distance - 1]`.
#[derive(Clone, Debug)]
pub struct Booster {
    /// Words before a term it reaches.
    pub window: usize,
    /// Increment at distance 1.
    pub increment: f64,
    /// Decay by distance (1-based); the last value repeats.
    pub decay: Vec<f64>,
}

impl Booster {
    /// Decay at `distance` words (1-based).
    pub(crate) fn decay_at(&self, distance: usize) -> f64 {
        let i = distance.saturating_sub(1);
        self.decay
            .get(i)
            .or(self.decay.last())
            .copied()
            .unwrap_or(1.0)
    }
}

/// The kinds of modifier words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ModifierKind {
    /// not, no, never…
    Negator,
    /// very, most…
    Intensifier,
    /// slightly, somewhat…
    Dampener,
    /// reportedly, may…
    Hedge,
}

impl ModifierKind {
    /// What its words do, as rule ids and output name it: `negation`,
    /// `intensifier`, `dampener`, `hedge`.
    pub fn as_str(self) -> &'static str {
        match self {
            ModifierKind::Negator => "negation",
            ModifierKind::Intensifier => "intensifier",
            ModifierKind::Dampener => "dampener",
            ModifierKind::Hedge => "hedge",
        }
    }
}

/// What a rule's pattern stands for.
#[derive(Clone, Debug)]
pub enum Target {
    /// A frame term with its weight.
    Frame {
        /// The frame.
        frame: FrameId,
        /// Weight of one match.
        weight: f64,
        /// Index into `RuleSet::contexts` of the context the term needs
        /// in order to count; it always counts when `None`.
        context: Option<usize>,
    },
    /// A sense cue of a cue list (contexts.toml).
    Cue {
        /// Index into `RuleSet::cue_lists`.
        list: usize,
    },
    /// An actor alias.
    Actor {
        /// The actor (not rolled up).
        actor: ActorId,
    },
    /// A modifier word.
    Modifier(ModifierKind),
    /// A stance cue: an attitude or action of one actor toward another.
    Stance {
        /// Positive (praise, support) or negative (accusation, sanctions).
        positive: bool,
        /// Weight of one match.
        weight: f64,
        /// The source stands after the cue, as with a passive.
        reverse: bool,
        /// The cue labels the actor before it and takes no object.
        label: bool,
        /// The cue relates the actors of its subject with one another.
        mutual: bool,
        /// Index into `RuleSet::contexts` of the context the cue needs to
        /// count (checked where sentences are scored).
        context: Option<usize>,
    },
    /// A title before a name that marks a person ("Mr", "Sen"), whom the
    /// registry may not know: a pronoun whose nearest person is such a one
    /// refers to them, not to an actor.
    Title {
        /// The pronoun the title takes; `None`: either.
        pronoun: Option<Pronoun>,
    },
    /// A reference back to earlier actors ("he", "both sides").
    Reference {
        /// Index into `RuleSet::references`.
        reference: usize,
    },
    /// A contrastive with its factors before and after it.
    Contrastive {
        /// Factor for terms before it in the sentence.
        before: f64,
        /// Factor for terms after it.
        after: f64,
    },
    /// An exclusion phrase.
    Exclude(ExcludeScope),
}

/// The set of rules among which the scan resolves overlapping matches
/// leftmost-longest: each frame is its own group, all actors form one, all
/// stance cues one, each list of sense cues one, all modifiers and
/// contrastives another.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum OverlapGroup {
    Frame(FrameId),
    Cue(u32),
    Actors,
    References,
    Stance,
    Modifiers,
    Titles,
}

impl Target {
    /// The group whose matches this target's overlap.
    pub(crate) fn overlap_group(&self) -> OverlapGroup {
        match *self {
            Target::Frame { frame, .. } => OverlapGroup::Frame(frame),
            Target::Actor { .. } => OverlapGroup::Actors,
            Target::Stance { .. } => OverlapGroup::Stance,
            Target::Reference { .. } => OverlapGroup::References,
            Target::Cue { list } => OverlapGroup::Cue(list as u32),
            Target::Title { .. } => OverlapGroup::Titles,
            _ => OverlapGroup::Modifiers,
        }
    }
}

/// A rule as the scan reads it at every occurrence of its pattern: what
/// its full [`Rule`] says about where a match counts, packed beside the
/// other rules of the pattern, so that the scan reads a rule's record
/// (which lies anywhere in the rule set) only for the checks that need it.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PatternRule {
    /// The rule.
    pub(crate) rule: RuleId,
    /// Its overlap group.
    pub(crate) group: OverlapGroup,
    /// `Some` for an exclusion, with what it excludes.
    pub(crate) exclude: Option<ExcludeScope>,
    /// [`Rule::wildcard`].
    pub(crate) wildcard: bool,
    /// [`Rule::bound_end`].
    pub(crate) bound_end: bool,
    /// The rule has an exact case or a `min-years-ago` to check.
    pub(crate) checked: bool,
}

impl PatternRule {
    /// The scan's view of rule `rule`, `r`.
    pub(crate) fn new(rule: RuleId, r: &Rule) -> PatternRule {
        PatternRule {
            rule,
            group: r.target.overlap_group(),
            exclude: match r.target {
                Target::Exclude(scope) => Some(scope),
                _ => None,
            },
            wildcard: r.wildcard,
            bound_end: r.bound_end,
            checked: r.exact.is_some() || r.min_years_ago.is_some(),
        }
    }
}

/// What a reference expression refers back to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Resolve {
    /// The most recently mentioned person ("he").
    Person,
    /// The most recently mentioned states ("the country", "both sides").
    State,
    /// The most recently mentioned international organisation ("the bloc").
    Org,
    /// The most recently mentioned armed or political group ("the group").
    Group,
    /// The speaker of the quotation it stands in ("we", "our"), when the
    /// speaker is an actor; outside an attributed quotation, nothing.
    Speaker,
    /// Whom the speaker of the quotation it stands in addresses ("you",
    /// "your"): the latest other actor named before it, within its
    /// `lookback`, when the speaker is an actor; otherwise nothing.
    Addressee,
    /// A given actor, if it was mentioned before ("the North").
    Actor(ActorId),
}

/// A `[[reference]]`: what an expression refers back to, and how far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Reference {
    /// The kind of antecedent.
    pub resolves: Resolve,
    /// How many distinct actors it stands for.
    pub count: usize,
    /// When not empty, only mentions rolling up to one of these actors
    /// qualify.
    pub among: Vec<ActorId>,
    /// When set, only a mention of an actor holding a role whose title
    /// starts with these words (normalised, lower case) qualifies.
    pub title: Option<String>,
    /// When set, only a person with this pronoun qualifies.
    pub pronoun: Option<Pronoun>,
    /// How many sentences before its own it looks in.
    pub lookback: usize,
    /// Prefer the state of the latest place named as a location.
    pub scene: bool,
}

/// Cue words that change what the alias right after them means, with the
/// words that may stand between: a location preposition before a place
/// ("in central Bangkok": no actor), "former" before a person ("former
/// President Barack Obama": out of office).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct WordsBefore {
    /// The cue words, normalised ("in", "at", "from"; "former").
    pub words: Vec<String>,
    /// Words that may stand between the cue and the alias.
    pub skip: Vec<String>,
    /// Words right after a place that make it the name of an event or
    /// agreement held there ("summit", "treaty"); locations only.
    pub events: Vec<String>,
    /// Words before the location word that make the place its government
    /// ("officials in Washington"); locations only.
    pub governments: Vec<String>,
    /// Words before the location word that make even a state's name a
    /// location ("troops in Syria", "a person from China"); locations only.
    pub located: Vec<String>,
    /// Words right after a place that make it a label of a person or
    /// group from there ("Republican", "Sen", "voters"); locations only.
    pub labels: Vec<String>,
    /// Text right before a place that makes it such a label ("R-" in
    /// "(R-Ohio)"), as written; locations only.
    pub label_prefixes: Vec<String>,
    /// Words right after any actor's name that make it an attribute of
    /// private people or a campaign ("people", "supporters", "campaign");
    /// locations only.
    pub attributes: Vec<String>,
    /// The words of hyphenated endings joined right after any actor's name
    /// that make it such an attribute ("based" of "-based"), lower case;
    /// locations only.
    pub attribute_suffixes: Vec<String>,
    /// Words right after a state's name or demonym that make it a place in
    /// the state ("city", "capital", "soil"); locations only.
    pub places: Vec<String>,
    /// Words right after a state's name or demonym that make it name
    /// rebels, separatists or militants, not the state ("rebels",
    /// "separatists"); locations only.
    pub opposition: Vec<String>,
    /// Phrases that open with an `opposition` word and make it the
    /// state's own stance ("opposition to"), each split into its words;
    /// locations only.
    pub opposition_stance: Vec<Vec<String>>,
}

/// Which matches an exclusion suppresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExcludeScope {
    /// That frame's terms.
    Frame(FrameId),
    /// That actor's aliases.
    Actor(ActorId),
    /// Every actor alias, and every reference.
    AllActors,
    /// That cue list's terms (an index into `RuleSet::cue_lists`).
    Cues(usize),
    /// Every stance cue.
    Stance,
}

impl ExcludeScope {
    /// Whether an exclusion of this scope drops a match of `target`.
    pub(crate) fn covers(self, target: &Target) -> bool {
        match (self, target) {
            (ExcludeScope::Frame(f), Target::Frame { frame, .. }) => f == *frame,
            (ExcludeScope::Actor(a), Target::Actor { actor }) => a == *actor,
            (ExcludeScope::AllActors, Target::Actor { .. } | Target::Reference { .. }) => true,
            (ExcludeScope::Cues(l), Target::Cue { list }) => l == *list,
            (ExcludeScope::Stance, Target::Stance { .. }) => true,
            _ => false,
        }
    }
}

/// Where a rule was declared.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Origin {
    /// File relative to the pack root.
    pub file: String,
    /// 1-based line.
    pub line: usize,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// One rule: a pattern, what it means, and where it was declared.
#[derive(Clone, Debug)]
pub struct Rule {
    /// The pattern as written in the file.
    pub pattern: String,
    /// What a match means.
    pub target: Target,
    /// Declaration site.
    pub origin: Origin,
    /// Trailing `*`: the match extends to the end of the word.
    pub(crate) wildcard: bool,
    /// For exact-case rules, the pattern normalised without case folding.
    pub(crate) exact: Option<String>,
    /// The pattern ends with a word character, so the text must have a
    /// word boundary there. (At the start, the scan only looks for matches
    /// where a word or a non-word character begins: see
    /// [`crate::engine::scan`].)
    pub(crate) bound_end: bool,
    /// The normalised, case-folded pattern (without the wildcard `*`).
    pub(crate) key: String,
    /// An actor alias that names a place: it does not count right after a
    /// location word (see [`WordsBefore`]).
    pub(crate) place: bool,
    /// An actor alias that names other things too: it counts only in a
    /// document that also names the actor's top-level actor otherwise.
    pub(crate) ambiguous: bool,
    /// A frame term's `min-years-ago`: the match counts only as a year at
    /// least this many years before the article's date (see
    /// [`Rule::years_ago`]).
    pub(crate) min_years_ago: Option<u16>,
}

impl Rule {
    /// How many years before the year of `date` the year `matched` is:
    /// four ASCII digits with an optional `s` (a decade: `1980s`). `None`
    /// for anything else, for a year after `date`'s, and without a date:
    /// how long ago a year was depends on when the article was written.
    pub(crate) fn years_ago(matched: &str, date: Option<ArticleDate>) -> Option<u16> {
        let digits = matched.strip_suffix('s').unwrap_or(matched);
        if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        date?.year().checked_sub(digits.parse::<u16>().ok()?)
    }
}

/// How stance edges are found (from `stance.toml`): all words normalised.
#[derive(Clone, Debug, Default)]
pub(crate) struct StanceSettings {
    /// Words or marks that end a clause (";", "while"): edges stay within one.
    pub clause_breaks: Vec<String>,
    /// Words that open a fronted clause when they open a sentence, as the
    /// clause-break words do there, though elsewhere they end no clause:
    /// the clause ends at the sentence's first comma ("After Russia
    /// invaded Ukraine, Germany and France imposed sanctions": Germany and
    /// France are no objects of "invaded").
    pub fronted_openers: Vec<String>,
    /// An actor joined by a hyphen to a participle in lower case (in "-ed", or "made") premodifies the
    /// noun after it and is no subject of a cue after it ("Iran-backed
    /// militias threatened …", "Russian-made jets attacked …"), unless the
    /// word is one of these: the actor acts through what it leads ("the
    /// U.S.-led coalition attacked …"). Single words, lower case.
    pub compound_agents: Vec<String>,
    /// A cue after one of these in its sentence, with no comma, semicolon,
    /// colon or dash between, stands in a condition or an open question
    /// and states no stance ("if the U.S. put sanctions on Hong Kong",
    /// "unclear whether the government supported the release"). Single
    /// words, lower case.
    pub conditionals: Vec<String>,
    /// An actor right after one of these is inside a prepositional phrase
    /// ("relationship with China") and is not taken as the subject when an
    /// earlier actor stands in the clause.
    pub prepositions: Vec<String>,
    /// Words after which an actor is the one an act is against, never the
    /// object of a positive cue: in "Israel defended itself against Hamas"
    /// and "bases to support operations against ISIS" no one backs Hamas or
    /// ISIS.
    pub opponent_words: Vec<String>,
    /// Nouns for an actor's opponents: an actor in the possessive before
    /// one, a few words on, names whose opponents they are and takes no
    /// part in a cue's edge ("support for Ukraine's rebels", "Mr. Trump's
    /// former opponent, Hillary Clinton, blaming Russia"): the opponents
    /// act or are acted on, not the actor.
    pub opponent_nouns: Vec<String>,
    /// Words past which no actor is a cue's object: in "praised the
    /// former reality star as a stronger leader than Obama" Obama is
    /// compared.
    pub object_stops: Vec<String>,
    /// Reflexive pronouns: one right after a cue is its object, the subject
    /// itself, and the cue has no other ("Trump defended himself, saying
    /// it came from China").
    pub reflexives: Vec<String>,
    /// Cue words whose object stands before a complement that "of" opens:
    /// in "accused the West of wanting to seize Ukraine" the West is
    /// accused, and Ukraine is no object. A government word before "of"
    /// keeps the object going ("accused the government of Syria of …").
    pub of_complements: Vec<String>,
    /// Nouns (or phrases: "nuclear deal"), each split into its words, that
    /// an actor named right before them is the topic of, not a party:
    /// "criticized the Russia probe", "praised the Iran nuclear deal" state
    /// no stance toward Russia or Iran. Such a mention is no source or
    /// target of an edge.
    pub topic_nouns: Phrases,
    /// Words that, joined by a hyphen right before an actor's name, make
    /// the name describe someone else: "anti-American leaders",
    /// "pro-Russian rebels" are no stance of or toward the United States
    /// or Russia. Such a mention is no source or target of an edge.
    pub qualifier_prefixes: Vec<String>,
    /// Forms of "to be" that, just before a cue with the agent word after it,
    /// make it passive ("was praised by").
    pub auxiliaries: Vec<String>,
    /// The agent word ("by").
    pub agent: String,
    /// Participle cues that after an auxiliary, with no agent, say how the
    /// subject stands ("Germany is opposed to the Russian plan"): they
    /// keep their subject as source. Any other participle cue there is a
    /// passive with its agent unnamed ("Iran was condemned over …"), and
    /// yields no edge.
    pub passive_adjectives: Vec<String>,
    /// Adverbs that may stand between an auxiliary and the cue after it
    /// ("was further angered"), besides any word in "-ly" ("was widely
    /// condemned").
    pub passive_adverbs: Vec<String>,
    /// Verbs and phrases that report speech, normalised, each split into
    /// its words (`["said"]`, `["according", "to"]`).
    pub reporting_verbs: Phrases,
    /// Words that undo the act a cue after them names, within
    /// `undoing_window` words and with no actor between: "lifted sanctions
    /// on Iran", "condemned the attack on Israel" state no stance toward
    /// Iran or Israel.
    pub undoing: Vec<String>,
    /// How many words before a cue an undoing word reaches.
    pub undoing_window: usize,
    /// Factor on an undone positive cue ("withholding aid to Ukraine"): −1
    /// makes it hostile, 0 takes the edge away.
    pub undoing_positive_factor: f64,
    /// Factor on an undone negative cue ("lifted sanctions on Iran").
    pub undoing_negative_factor: f64,
}

/// A `[[test]]` example from the pack.
#[derive(Clone, Debug)]
pub(crate) struct RuleTest {
    /// Where it was declared.
    pub origin: Origin,
    /// The example text.
    pub text: String,
    /// A frame that must (`true`) or must not (`false`) be present.
    pub frame: Option<(String, bool)>,
    /// The exact set of frames expected.
    pub frames: Option<Vec<String>>,
    /// The exact set of rolled-up actors expected.
    pub actors: Option<Vec<String>>,
    /// The exact set of stance edges expected, as `SRC->TGT polarity`.
    pub edges: Option<Vec<String>>,
    /// The article date the example is classified at.
    pub date: Option<Date>,
    /// The exact set of quote speakers expected (actor ids or names).
    pub speakers: Option<Vec<String>>,
}

/// Index of a rule in [`RuleSet::rules`]: results refer to rules by it and
/// name them ([`RuleSet::rule_label`], [`RuleSet::origin_label`]) only when
/// they are written out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RuleId(u32);

/// Index of an actor in [`RuleSet::actors`] (see [`RuleSet::actor_name`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ActorId(u32);

/// Index of a frame in [`RuleSet::frames`] (see [`RuleSet::frame_name`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FrameId(u32);

macro_rules! index_id {
    ($t:ident) => {
        impl $t {
            /// The id of index `i`.
            pub fn new(i: usize) -> $t {
                $t(u32::try_from(i).expect("a pack holds fewer than 2^32 items"))
            }

            /// The index it stands for.
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}
index_id!(RuleId);
index_id!(ActorId);
index_id!(FrameId);

/// A compiled, validated rule pack.
#[derive(Debug)]
pub struct RuleSet {
    /// Name, version, content hash.
    pub(crate) info: PackInfo,
    /// Scoring settings.
    pub(crate) scoring: Scoring,
    /// Frames, sorted by id.
    pub(crate) frames: Vec<Frame>,
    /// Actors, in declaration order.
    pub(crate) actors: Vec<Actor>,
    /// Modifier settings.
    pub(crate) modifiers: Modifiers,
    /// Stance edge settings.
    pub(crate) stance: StanceSettings,
    /// Contexts terms may need (contexts.toml), in declaration order.
    pub(crate) contexts: Vec<Context>,
    /// Sense cue lists (contexts.toml), in declaration order.
    pub(crate) cue_lists: Vec<CueList>,
    /// Resolve reference expressions to earlier actors (`resolve-references`
    /// in actors.toml; the CLI's `--no-references` turns it off).
    pub(crate) resolve_references: bool,
    /// The `[[reference]]` entries, indexed by [`Target::Reference`].
    pub(crate) references: Vec<Reference>,
    /// When a place alias is a location (`[location]` in the actors files).
    pub(crate) location: WordsBefore,
    /// When a person is out of office in a document (`[former]`).
    pub(crate) former: WordsBefore,
    /// The given names (lower-case) after which a capitalised name is a
    /// surname, and which name an unknown person (`[given-names]`: those
    /// of `names.toml` but its `except`), with the pronoun each takes
    /// (`None`: either); empty when the registry does not declare it.
    pub(crate) given_names: std::collections::HashMap<String, Option<Pronoun>>,
    /// The words (lower-case) after which a given name names a place or
    /// an institution, not a person (`[given-names] place-words`).
    pub(crate) place_words: std::collections::HashSet<String>,
    /// Every rule; indexed by [`Hit::rule`](crate::engine::scan::Hit).
    pub(crate) rules: Vec<Rule>,
    /// The pack's `[[test]]` examples.
    pub(crate) tests: Vec<RuleTest>,
    /// Common given names and surnames (`names.toml`), lower-case: a
    /// person's alias that is one of them alone is ambiguous.
    pub(crate) common_names: std::collections::HashSet<String>,
    /// One automaton over the distinct normalised patterns, searched
    /// anchored at each place a match can start (see
    /// [`crate::engine::scan`]).
    pub(crate) automaton: NFA,
    /// The rules of each automaton pattern, pattern after pattern: those
    /// of pattern `p` run from `pattern_starts` at `p` to `pattern_starts`
    /// at `p + 1` (see [`RuleSet::rules_of_pattern`]).
    pub(crate) pattern_rules: Vec<PatternRule>,
    /// Where each pattern's rules start in `pattern_rules`, and their end.
    pub(crate) pattern_starts: Vec<u32>,
    /// The rules of the speaker and addressee references ("I", "we",
    /// "you"), which the automaton leaves out: they are matched word by
    /// word inside attributed quotations only.
    pub(crate) speaker_words: Vec<RuleId>,
    /// Actors by id.
    pub(crate) actor_ids: std::collections::HashMap<String, ActorId>,
    /// For each rule, its id and its origin as text, made once by
    /// [`RuleSet::label_rules`] when the pack is compiled (evidence repeats
    /// them for every match).
    pub(crate) labels: Vec<(String, String)>,
}

impl RuleSet {
    /// The pack's name, version and content hash.
    pub fn info(&self) -> &PackInfo {
        &self.info
    }

    /// Whether reference expressions ("the president", "he") are resolved
    /// to earlier actors: on when the pack says `resolve-references`; the
    /// CLI's `--no-references` turns it off.
    pub fn set_resolve_references(&mut self, on: bool) {
        self.resolve_references = on;
    }

    /// The frame whose id is `id`.
    pub(crate) fn frame_index(&self, id: &str) -> Option<FrameId> {
        self.frames
            .iter()
            .position(|f| f.id == id)
            .map(FrameId::new)
    }

    /// The actor whose id is `id`.
    pub(crate) fn actor_index(&self, id: &str) -> Option<ActorId> {
        self.actor_ids.get(id).copied()
    }

    /// Whether actor `i` is one of `ids` or rolls up to one of them through
    /// `member-of` (the CIA is in a list that names the US intelligence
    /// community, and in one that names the United States).
    pub(crate) fn in_chain(&self, i: ActorId, ids: &[ActorId]) -> bool {
        let mut at = Some(i);
        for _ in 0..=self.actors.len() {
            match at {
                Some(a) if ids.contains(&a) => return true,
                Some(a) => at = self.actor(a).parent,
                None => return false,
            }
        }
        false
    }

    /// How many sentences back the farthest-looking reference looks.
    pub(crate) fn max_lookback(&self) -> usize {
        self.references
            .iter()
            .map(|r| r.lookback)
            .max()
            .unwrap_or(0)
    }

    /// The actor that actor `i` rolls up to on `date`, and the role of `i`
    /// that holds then, as its index among the roles of `i` (see
    /// [`RuleSet::role_title`]): at each step up the chain a role holding
    /// throughout `date` (the whole year or month of a partial date) leads
    /// to its `of`, otherwise `member-of` does. Without a date, or when no
    /// role holds, this is the pack's default (`member-of`); but a date
    /// that ends before the first of the roles of `i` began is before
    /// `i` held any office the registry knows (a candidate, a private
    /// citizen), and `i` rolls up to nobody but itself.
    pub(crate) fn root_and_role_at(
        &self,
        i: ActorId,
        date: Option<ArticleDate>,
    ) -> (ActorId, Option<u32>) {
        let Some(date) = date else {
            return (self.actor(i).root, None);
        };
        let roles = &self.actor(i).roles;
        if !roles.is_empty()
            && roles
                .iter()
                .all(|r| r.from.is_some_and(|from| date.last_day() < from))
        {
            return (i, None);
        }
        let active = |at: ActorId| {
            self.actor(at)
                .roles
                .iter()
                .find(|r| r.holds_throughout(date))
        };
        let role = self
            .actor(i)
            .roles
            .iter()
            .position(|r| r.holds_throughout(date))
            .map(|r| r as u32);
        let mut at = i;
        for _ in 0..=self.actors.len() {
            match active(at).map(|r| r.of).or(self.actor(at).parent) {
                Some(next) => at = next,
                None => return (at, role),
            }
        }
        // Roles and member-of loop on this date: keep the default.
        (self.actor(i).root, role)
    }

    /// The pronoun of `word` as a given name of `[given-names]` (`None`:
    /// either), or `None` when it is none; any case. A short ASCII word is
    /// lower-cased on the stack: the engine asks this of most capitalised
    /// words.
    pub(crate) fn given_name(&self, word: &str) -> Option<Option<Pronoun>> {
        if self.given_names.is_empty() {
            return None;
        }
        let mut buf = [0u8; 24];
        if word.len() <= buf.len() && word.is_ascii() {
            let lower = &mut buf[..word.len()];
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            let lower = std::str::from_utf8(lower).expect("ASCII is UTF-8");
            self.given_names.get(lower).copied()
        } else {
            self.given_names.get(&word.to_lowercase()).copied()
        }
    }

    /// The rules that automaton pattern `pattern` stands for.
    pub(crate) fn rules_of_pattern(&self, pattern: usize) -> &[PatternRule] {
        let from = self.pattern_starts[pattern] as usize;
        let to = self.pattern_starts[pattern + 1] as usize;
        &self.pattern_rules[from..to]
    }

    /// Rule `rule`.
    pub(crate) fn rule(&self, rule: RuleId) -> &Rule {
        &self.rules[rule.index()]
    }

    /// Actor `actor`.
    pub(crate) fn actor(&self, actor: ActorId) -> &Actor {
        &self.actors[actor.index()]
    }

    /// Frame `frame`.
    pub(crate) fn frame(&self, frame: FrameId) -> &Frame {
        &self.frames[frame.index()]
    }

    /// Every frame with its id, sorted by id.
    pub(crate) fn frames_by_id(&self) -> impl Iterator<Item = (FrameId, &Frame)> {
        self.frames
            .iter()
            .enumerate()
            .map(|(i, f)| (FrameId::new(i), f))
    }

    /// The id of `rule` for explanations: `<frame or actor id>:<pattern>`.
    pub fn rule_label(&self, rule: RuleId) -> &str {
        &self.labels[rule.index()].0
    }

    /// Where `rule` was declared, `file:line`, borrowed.
    pub fn origin_label(&self, rule: RuleId) -> &str {
        &self.labels[rule.index()].1
    }

    /// The id of actor `actor` (`USA`, `kim-jong-un`).
    pub fn actor_name(&self, actor: ActorId) -> &str {
        &self.actor(actor).id
    }

    /// The id of frame `frame`.
    pub fn frame_name(&self, frame: FrameId) -> &str {
        &self.frame(frame).id
    }

    /// The title of dated role `role` of actor `entity`.
    pub fn role_title(&self, entity: ActorId, role: u32) -> &str {
        &self.actor(entity).roles[role as usize].title
    }

    /// Fills the cache behind [`RuleSet::rule_label`] and
    /// [`RuleSet::origin_label`].
    pub(crate) fn label_rules(&mut self) {
        self.labels = (0..self.rules.len())
            .map(|i| (self.make_rule_id(i), self.rules[i].origin.to_string()))
            .collect();
    }

    fn make_rule_id(&self, rule: usize) -> String {
        let r = &self.rules[rule];
        let owner = match &r.target {
            Target::Frame { frame, .. } => self.frame(*frame).id.as_str(),
            Target::Actor { actor } => self.actor(*actor).id.as_str(),
            Target::Modifier(kind) => kind.as_str(),
            Target::Contrastive { .. } => "contrastive",
            Target::Reference { .. } => "reference",
            Target::Stance { positive: true, .. } => "positive",
            Target::Stance {
                positive: false, ..
            } => "negative",
            Target::Exclude(_) => "exclude",
            Target::Title { .. } => "title",
            Target::Cue { list } => {
                return format!("cue:{}:{}", self.cue_lists[*list].id, r.pattern)
            }
        };
        format!("{owner}:{}", r.pattern)
    }
}
