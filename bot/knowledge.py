"""The consultancy's knowledge: frameworks, criteria with scores, dated facts, weighting rules and
follow-up answers, loaded from knowledge/*.yaml into strict models and cross-checked."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ClassVar, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field, PrivateAttr, ValidationError, field_validator, model_validator

from bot.conversation import UNSURE, Conversation
from bot.datafiles import DataFileError, Sentences, StrictModel, check_placeholders, load_model

if TYPE_CHECKING:
    from bot.sources import Source
    from bot.weighing_tables import WeighingTables

FrameworkId = Literal["tensorflow", "pytorch"]
Verdict = Literal["tensorflow", "pytorch", "either"]
_AS_OF = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_FACT_ID = re.compile(r"^[FJ]\d{2}$")


def as_of_date(as_of: str) -> date:
    """The first day an as-of string ("2025", "2025-10", "2025-10-21") can mean."""
    parts = [int(p) for p in as_of.split("-")] + [1, 1]
    return date(parts[0], parts[1], parts[2])


class Framework(StrictModel):
    id: FrameworkId
    name: str
    aliases: list[str] = Field(min_length=1)


class Scores(StrictModel):
    """Scores out of 10 for each framework."""

    tensorflow: int = Field(ge=0, le=10)
    pytorch: int = Field(ge=0, le=10)


class SeedScores(Scores):
    """The seed comparison's scores and its stated reason."""

    reason: str


class Criterion(StrictModel):
    id: str
    name: str
    group: Literal["seed", "extended"]
    seed: SeedScores | None = None
    current: Scores
    reason: str = Field(min_length=10, description="One line the bot says about today's scores.")
    change_reason: str | None = Field(
        default=None, description="Why today's scores differ from the seed's (required if they do)."
    )
    facts: list[str] = Field(min_length=1)
    base_weight: float = Field(ge=0, description="How much it counts before any answer.")
    from_answers: bool = Field(
        default=False,
        description="Scored from the team's own answers (skills, the stack they run): when a rule sets its "
        "scores, the answer is the evidence and no fact is cited for it.",
    )

    @property
    def changed_from_seed(self) -> bool:
        return self.seed is not None and (
            self.seed.tensorflow != self.current.tensorflow or self.seed.pytorch != self.current.pytorch
        )


class Fact(StrictModel):
    id: str
    title: str = Field(description="A short headline, as the bot would say it.")
    statement: str = Field(min_length=10)
    favours: Literal["tensorflow", "pytorch", "neutral"]
    context: str = Field(description="The situation in which it favours that framework.")
    strength: Literal["strong", "moderate", "weak"]
    judgement: bool = Field(default=False, description="Expert judgement, labelled as such.")
    sources: list[str] = Field(min_length=1, description="URLs, or ids of facts it rests on.")
    as_of: str

    @field_validator("id")
    @classmethod
    def _id_shape(cls, value: str) -> str:
        if not _FACT_ID.match(value):
            raise ValueError("fact ids look like F01 or J1 (two digits: J01)")
        return value

    @field_validator("as_of")
    @classmethod
    def _as_of_shape(cls, value: str) -> str:
        if not _AS_OF.match(value):
            raise ValueError("as_of must be YYYY, YYYY-MM or YYYY-MM-DD")
        as_of_date(value)
        return value

    @field_validator("sources")
    @classmethod
    def _sources_shape(cls, value: list[str]) -> list[str]:
        for source in value:
            if not (source.startswith("https://") or _FACT_ID.match(source)):
                raise ValueError(f"source {source!r} is neither an https URL nor a fact id")
        return value

    @property
    def urls(self) -> list[str]:
        return [s for s in self.sources if s.startswith("https://")]


class ScoreOverride(Scores):
    """Scores a rule sets for a criterion, with the line the bot says about them."""

    reason: str


class Caveat(StrictModel):
    text: str
    facts: list[str] = Field(min_length=1)


class Rule(StrictModel):
    """How an answer (or a combination of answers) changes the weighing.

    `when` maps a conversation step id to the option id(s) that trigger the rule; all listed steps
    must match (a list means any of those options). The pseudo-step `winner` matches the
    verdict; such rules only add stacks, notes and caveats, since they run after the weighing.
    """

    id: str
    when: dict[str, list[str]] = Field(min_length=1)
    requires: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Options that must all be among the answers (an Android *and* iOS app); only for rules "
        "that also name `winner`, which add stacks, notes and caveats after the weighing.",
    )
    unless: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Answers that keep the rule from firing: any one of these options, on any step named "
        "(a TF estate's migration cost, unless the work is an LLM or the team must hire).",
    )
    weights: dict[str, float] = Field(default_factory=dict)
    scores: dict[str, ScoreOverride] = Field(default_factory=dict)
    stack: dict[Verdict, str] = Field(default_factory=dict)
    verdict: Verdict | None = Field(default=None, description="Forces the verdict when it fires.")
    note: str | None = None
    headline: dict[Verdict, str] = Field(
        default_factory=dict,
        description="Per verdict, what the recommendation's headline says instead of the framework alone, when the "
        "framework is not the first answer (tabular data: trees first). Placeholder: {name}.",
    )
    caveats: list[Caveat] = Field(default_factory=list)
    priority: int = 0

    @field_validator("headline")
    @classmethod
    def _headline_placeholders(cls, value: dict[Verdict, str]) -> dict[Verdict, str]:
        for verdict, sentence in value.items():
            check_placeholders(f"headline.{verdict}", sentence, {"name"})
        return value

    @field_validator("when", "unless", mode="before")
    @classmethod
    def _lists(cls, value: object) -> object:
        if isinstance(value, dict):
            return {k: v if isinstance(v, list) else [v] for k, v in value.items()}
        return value


class Thresholds(StrictModel):
    either_below: float = Field(gt=0, description="Margin (0-10 scale) under which it is a toss-up.")
    high_from: float = Field(gt=0, description="Margin from which confidence is high.")
    close_call_below: float = Field(
        gt=0,
        description="A rule's close call (verdict: either) holds only under this margin; past it the leader stands.",
    )

    @model_validator(mode="after")
    def _ordered(self) -> Thresholds:
        if not self.either_below <= self.close_call_below <= self.high_from:
            raise ValueError("thresholds must satisfy either_below <= close_call_below <= high_from")
        return self


class Flips(StrictModel):
    """Which changes "what would change it" may name: the nearest plausible ones for this team."""

    steps: list[str] = Field(
        min_length=1, description="Questions whose answer may change, most plausible first (never hardware)."
    )
    drop_only: list[str] = Field(
        default_factory=list, description="Several-choice questions where a flip may only drop one of their answers."
    )
    only_to: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Questions whose answer a flip may only change to one of these options (an existing stack "
        "is history: the plausible change is that the new work need not fit it, not a different past).",
    )


class Answered(StrictModel):
    """A condition on the answers: every step named in `any_of` has at least one of its options among
    the answers, and every step named in `only` is answered with none but its options (a team that
    ships only to phones). A step answered "not sure" holds neither."""

    any_of: dict[str, list[str]] = Field(default_factory=dict)
    only: dict[str, list[str]] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _says_something(self) -> Answered:
        if not self.any_of and not self.only:
            raise ValueError("a condition needs `any_of` or `only`")
        return self


class Relevance(StrictModel):
    """When a base criterion (base_weight > 0) stops counting for a team: it weighs nothing, whatever
    the rules add, when one of `irrelevant_when` holds and none of `relevant_when` does."""

    irrelevant_when: list[Answered] = Field(min_length=1)
    relevant_when: list[Answered] = Field(default_factory=list)


class Advice(StrictModel):
    thresholds: Thresholds
    flips: Flips
    min_answers_for_confidence: int = Field(
        ge=0, description="With fewer answered questions (not 'not sure') confidence is low, whatever the totals."
    )
    default_stack: dict[Verdict, str]
    neutral: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Options that deliberately tilt nothing (so every option is accounted for).",
    )
    relevance: dict[str, Relevance] = Field(
        default_factory=dict,
        description="Per base criterion, the answers that leave it out (research adoption for a six-week app).",
    )
    rules: list[Rule]


class FollowUp(StrictModel):
    id: str
    topic: str
    questions: list[str] = Field(min_length=1)
    keywords: list[str] = Field(default_factory=list, description="Words that name this topic alone.")
    answer: str
    facts: list[str] = Field(min_length=1)


_PRIMARY_PREFIX = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+(/[^\s?#]*)?$", re.IGNORECASE)
_ARCHIVED = re.compile(r"^/web/\d{1,14}[a-z_]*/(https?://.+)$")


def _primary_prefix_shape(value: str) -> str:
    if not _PRIMARY_PREFIX.match(value):
        raise ValueError(f"{value!r} is not a host or a host/path prefix (no https://, e.g. github.com/pytorch/)")
    return value


PrimaryPrefix = Annotated[str, AfterValidator(_primary_prefix_shape)]


def _bare_host(host: str) -> str:
    host = host.lower()
    return host.removeprefix("www.")


def url_is_primary(url: str, prefixes: Iterable[str]) -> bool:
    """Whether `url` lives under one of `prefixes` (knowledge/sources.yaml). A bare host matches that
    host only, not its subdomains (forums.developer.nvidia.com is not developer.nvidia.com); a
    host/path prefix matches that host and whole path segments under it (github.com/pytorch/ is not
    github.com/pytorch-labs/). Case and a leading "www." do not matter. An archived copy
    (web.archive.org/web/<when>/<url>) counts as the page it archives."""
    parts = urlsplit(url)
    host, path = _bare_host(parts.hostname or ""), parts.path.lower()
    if host == "web.archive.org":
        archived = _ARCHIVED.match(parts.path + (f"?{parts.query}" if parts.query else ""))
        if archived:
            return url_is_primary(archived.group(1), prefixes)
    for prefix in prefixes:
        prefix_host, _, prefix_path = prefix.lower().partition("/")
        if _bare_host(prefix_host) != host:
            continue
        prefix_path = "/" + prefix_path.strip("/")
        if prefix_path == "/" or path == prefix_path or path.startswith(prefix_path + "/"):
            return True
    return False


class SourcesFile(StrictModel):
    """knowledge/sources.yaml: the hosts and URL prefixes whose pages are primary sources."""

    primary: list[PrimaryPrefix] = Field(
        min_length=1, description="Hosts (pytorch.org) or host/path prefixes (github.com/pytorch/)."
    )

    @field_validator("primary")
    @classmethod
    def _listed_once(cls, value: list[str]) -> list[str]:
        seen: set[str] = set()
        for prefix in value:
            key = _bare_host(prefix).rstrip("/")
            if key in seen:
                raise ValueError(f"{prefix!r} is listed twice")
            seen.add(key)
        return value


class FrameworksFile(StrictModel):
    frameworks: list[Framework]


class CriteriaFile(StrictModel):
    criteria: list[Criterion]


class FactsFile(StrictModel):
    facts: list[Fact]


ComputedIntent = Literal[
    "why",
    "why_not",
    "how_sure",
    "scores",
    "sources",
    "comparison",
    "change_mind",
    "consultant",
    "summary",
    "method",
    "details",
]


class ComputedQuestion(StrictModel):
    """Question forms whose answer is computed from the recommendation, not written out."""

    id: ComputedIntent
    questions: list[str] = Field(min_length=1)


DESK_PLACEHOLDERS: dict[str, set[str]] = {
    "unknown_again": {"url"},
    "consultant": {"url"},
    "criterion_line": {"name", "tensorflow", "pytorch", "reason"},
    "why": {"name"},
    "why_not": {"other", "name"},
    "why_did": {"name"},
    "would_change": {"flip"},
    "how_sure": {"confidence", "tensorflow", "pytorch", "gap", "toss_up_below", "confident_from"},
    "forced": {"close_call_below"},
    "score_line": {"name", "weight", "tensorflow", "pytorch"},
    "score_total": {"tensorflow", "pytorch"},
    "comparison_new": {"name", "now", "reason"},
    "comparison_changed": {"name", "seed", "now", "why"},
    "comparison_same": {"name", "now"},
    "summary_verdict": {"name", "confidence"},
    "summary_reasons": {"reasons"},
}


class DeskWording(Sentences):
    """What the desk says that is not a topic's answer."""

    placeholders: ClassVar[dict[str, set[str]]] = DESK_PLACEHOLDERS

    unknown: str = Field(description="A question nothing in the knowledge answers (one line).")
    suggestions: list[str] = Field(min_length=3, max_length=3, description="Three questions it can answer.")
    unknown_again: str = Field(description="The second unknown in a row: offer the consultant. Placeholders: {url}.")
    consultant: str = Field(description="Asked for a human. Placeholders: {url}.")
    method: str = Field(description="Asked about bias or how it decides.")
    no_flip: str
    criterion_line: str = Field(description="Placeholders: {name}, {tensorflow}, {pytorch}, {reason}.")
    why: str = Field(description="Placeholders: {name}.")
    why_not: str = Field(description="Placeholders: {other}, {name}.")
    why_did: str = Field(description="Placeholders: {name}.")
    why_toss_up: str
    would_change: str = Field(description="Placeholders: {flip}.")
    how_sure: str = Field(
        description="Placeholders: {confidence}, {tensorflow}, {pytorch}, {gap}, {toss_up_below}, {confident_from}."
    )
    forced: str = Field(description="Placeholders: {close_call_below}.")
    score_line: str = Field(description="Placeholders: {name}, {weight}, {tensorflow}, {pytorch}.")
    score_total: str = Field(description="Placeholders: {tensorflow}, {pytorch}.")
    sources_intro: str
    comparison_intro: str
    comparison_new: str = Field(description="Placeholders: {name}, {now}, {reason}.")
    comparison_changed: str = Field(description="Placeholders: {name}, {seed}, {now}, {why}.")
    comparison_same: str = Field(description="Placeholders: {name}, {now}.")
    summary_verdict: str = Field(description="Placeholders: {name}, {confidence}.")
    summary_reasons: str = Field(description="Placeholders: {reasons}.")
    summary_no_reasons: str


class FollowUpsFile(StrictModel):
    computed: list[ComputedQuestion] = Field(default_factory=list)
    desk: DeskWording
    followups: list[FollowUp]


class Knowledge(StrictModel):
    frameworks: list[Framework]
    criteria: list[Criterion]
    facts: list[Fact]
    advice: Advice
    followups: list[FollowUp]
    computed: list[ComputedQuestion] = Field(default_factory=list)
    desk: DeskWording
    primary_sources: list[PrimaryPrefix] = Field(
        default_factory=list, description="From sources.yaml: where a fact's first source must live."
    )
    _directory: Path = PrivateAttr(default=Path("knowledge"))

    def file(self, name: str) -> Path:
        """Where one of the knowledge files was read from, for error messages."""
        return self._directory / name

    @model_validator(mode="after")
    def _cross_references(self) -> Knowledge:
        _unique([f.id for f in self.frameworks], "frameworks.yaml", "frameworks", "framework")
        _unique([c.id for c in self.criteria], "criteria.yaml", "criteria", "criterion")
        _unique([f.id for f in self.facts], "facts.yaml", "facts", "fact")
        _unique([r.id for r in self.advice.rules], "advice.yaml", "rules", "rule")
        _unique([f.id for f in self.followups], "followups.yaml", "followups", "follow-up")
        fact_ids = {f.id for f in self.facts}
        criterion_ids = {c.id for c in self.criteria}
        for i, fact in enumerate(self.facts):
            for source in fact.sources:
                if not source.startswith("https://") and source not in fact_ids:
                    raise ReferenceProblem(
                        "facts.yaml", f"facts.{i}.sources", f"fact {fact.id} cites unknown fact {source!r}"
                    )
        for i, criterion in enumerate(self.criteria):
            where = ("criteria.yaml", f"criteria.{i}")
            _known(criterion.facts, fact_ids, where, "facts", f"criterion {criterion.id}", "fact")
            if criterion.changed_from_seed and not criterion.change_reason:
                raise ReferenceProblem(
                    "criteria.yaml",
                    f"criteria.{i}.change_reason",
                    f"criterion {criterion.id} differs from the seed: give change_reason",
                )
        for i, rule in enumerate(self.advice.rules):
            where, owner = ("advice.yaml", f"rules.{i}"), f"rule {rule.id}"
            _known(list(rule.weights), criterion_ids, where, "weights", owner, "criterion")
            _known(list(rule.scores), criterion_ids, where, "scores", owner, "criterion")
            for j, caveat in enumerate(rule.caveats):
                _known(caveat.facts, fact_ids, where, f"caveats.{j}.facts", owner, "fact")
        base = {c.id: c.base_weight for c in self.criteria}
        for criterion_id in self.advice.relevance:
            if criterion_id not in base:
                raise ReferenceProblem(
                    "advice.yaml", f"relevance.{criterion_id}", f"relevance names unknown criterion {criterion_id!r}"
                )
            if base[criterion_id] == 0:
                # A criterion at base weight 0 counts only when a rule weighs it: nothing to drop.
                raise ReferenceProblem(
                    "advice.yaml",
                    f"relevance.{criterion_id}",
                    f"criterion {criterion_id!r} has base_weight 0 in criteria.yaml, so relevance cannot apply",
                )
        for i, followup in enumerate(self.followups):
            where = ("followups.yaml", f"followups.{i}")
            _known(followup.facts, fact_ids, where, "facts", f"follow-up {followup.id}", "fact")
        return self

    # Tables the advice precomputes once per knowledge (cached on the frozen model).
    @cached_property
    def criteria_by_id(self) -> dict[str, Criterion]:
        return {c.id: c for c in self.criteria}

    @cached_property
    def weighing_rules(self) -> list[Rule]:
        """Rules that weigh answers, in ascending priority."""
        return sorted((r for r in self.advice.rules if "winner" not in r.when), key=lambda r: r.priority)

    @cached_property
    def weighing_tables(self) -> WeighingTables:
        """The weighing rules and criteria indexed for the advice (built by `load_knowledge`)."""
        from bot.weighing_tables import WeighingTables  # it reads this module's models

        return WeighingTables(self)

    @cached_property
    def verdict_rules(self) -> list[Rule]:
        """Rules that depend on the verdict (stacks, notes, caveats), in ascending priority."""
        return sorted((r for r in self.advice.rules if "winner" in r.when), key=lambda r: r.priority)

    @cached_property
    def sources(self) -> dict[str, Source]:
        """Each fact as the advice cites it, made once (built by `load_knowledge`): a
        recommendation cites a dozen, and making them took a quarter of its time."""
        from bot.sources import source_of  # it reads this module's models

        return {fact.id: source_of(fact) for fact in self.facts}

    @cached_property
    def facts_by_id(self) -> dict[str, Fact]:
        return {f.id: f for f in self.facts}

    def fact(self, fact_id: str) -> Fact:
        return self.facts_by_id[fact_id]

    def criterion(self, criterion_id: str) -> Criterion:
        return next(c for c in self.criteria if c.id == criterion_id)

    def is_primary(self, url: str) -> bool:
        """Whether `url` is under a host or prefix sources.yaml lists as primary."""
        return url_is_primary(url, self.primary_sources)


class ReferenceProblem(ValueError):
    """A reference between data files that does not resolve, with the file and field it is in."""

    def __init__(self, file: str, field: str, message: str) -> None:
        super().__init__(f"{file}: field '{field}': {message}")
        self.file = file
        self.field = field
        self.message = message


def _known(ids: list[str], known: set[str], where: tuple[str, str], field: str, owner: str, kind: str) -> None:
    for item in ids:
        if item not in known:
            file, prefix = where
            raise ReferenceProblem(file, f"{prefix}.{field}", f"{owner} names unknown {kind} {item!r}")


def _unique(ids: list[str], file: str, field: str, kind: str) -> None:
    seen: set[str] = set()
    for i, item in enumerate(ids):
        if item in seen:
            raise ReferenceProblem(file, f"{field}.{i}.id", f"{kind} id {item!r} is used twice")
        seen.add(item)


def check_advice_against(knowledge: Knowledge, conversation: Conversation) -> None:
    """Raise DataFileError (naming advice.yaml, the rule and the field) unless the rules and the
    conversation agree: every step and option a rule's `when` names exists (`winner` names a
    verdict), `neutral` names real options, and every option means something to the advice -
    it appears in some rule's `when` or in `neutral`."""
    advice_file = knowledge.file("advice.yaml")
    options = {step_id: set(ids) for step_id, ids in conversation.options_by_step.items()}
    options["winner"] = {"tensorflow", "pytorch", "either"}
    used: set[tuple[str, str]] = set()

    def fail(field: str, message: str) -> None:
        raise DataFileError(f"{advice_file}: field '{field}': {message}")

    for i, rule in enumerate(knowledge.advice.rules):
        if rule.requires and "winner" not in rule.when:
            fail(f"rules.{i}.requires", f"rule {rule.id}: 'requires' needs a 'winner' condition too")
        for step_id, wanted in rule.requires.items():
            for option_id in wanted:
                if option_id not in options.get(step_id, set()):
                    fail(f"rules.{i}.requires.{step_id}", f"rule {rule.id} requires unknown option {option_id!r}")
        for step_id, unwanted in rule.unless.items():
            for option_id in unwanted:
                if step_id == "winner" or option_id not in options.get(step_id, set()):
                    fail(f"rules.{i}.unless.{step_id}", f"rule {rule.id}: unknown step or option {step_id}/{option_id}")
        for step_id, wanted in rule.when.items():
            if step_id not in options:
                fail(f"rules.{i}.when.{step_id}", f"rule {rule.id} names unknown step {step_id!r}")
            for option_id in wanted:
                if option_id not in options[step_id]:
                    hint = " ('not sure' answers never reach the rules)" if option_id == UNSURE else ""
                    fail(
                        f"rules.{i}.when.{step_id}",
                        f"rule {rule.id} names unknown option {option_id!r} of step {step_id!r}{hint}",
                    )
                used.add((step_id, option_id))
    flips = knowledge.advice.flips
    in_policy = [("steps", s) for s in flips.steps] + [("drop_only", s) for s in flips.drop_only]
    for field, step_id in [*in_policy, *(("only_to", s) for s in flips.only_to)]:
        if step_id not in options or step_id == "winner":
            fail(f"flips.{field}", f"unknown step {step_id!r}")
    for step_id, targets in flips.only_to.items():
        for option_id in targets:
            if option_id not in options[step_id]:
                fail(f"flips.only_to.{step_id}", f"unknown option {option_id!r} of step {step_id!r}")
    for criterion_id, relevance in knowledge.advice.relevance.items():
        conditions = [("irrelevant_when", relevance.irrelevant_when), ("relevant_when", relevance.relevant_when)]
        for kind, answered in conditions:
            for j, condition in enumerate(answered):
                for part, named in (("any_of", condition.any_of), ("only", condition.only)):
                    for step_id, wanted in named.items():
                        field = f"relevance.{criterion_id}.{kind}.{j}.{part}.{step_id}"
                        if step_id not in options or step_id == "winner":
                            fail(field, f"unknown step {step_id!r}")
                        for option_id in wanted:
                            if option_id not in options[step_id]:
                                fail(field, f"unknown option {option_id!r} of step {step_id!r}")
    for step_id, neutral in knowledge.advice.neutral.items():
        if step_id not in options or step_id == "winner":
            fail(f"neutral.{step_id}", f"unknown step {step_id!r}")
        for option_id in neutral:
            if option_id not in options[step_id]:
                fail(f"neutral.{step_id}", f"unknown option {option_id!r} of step {step_id!r}")
            used.add((step_id, option_id))
    for step in conversation.steps:
        for option in step.options:
            if (step.id, option.id) not in used:
                fail(
                    "neutral",
                    f"option {option.id!r} of step {step.id!r} is in no rule's `when`: add a rule or"
                    " list it under `neutral`",
                )


def load_knowledge(directory: Path) -> Knowledge:
    """Load and cross-check every file in `directory` (knowledge/)."""
    frameworks = load_model(directory / "frameworks.yaml", FrameworksFile)
    criteria = load_model(directory / "criteria.yaml", CriteriaFile)
    facts = load_model(directory / "facts.yaml", FactsFile)
    advice = load_model(directory / "advice.yaml", Advice)
    followups = load_model(directory / "followups.yaml", FollowUpsFile)
    sources = load_model(directory / "sources.yaml", SourcesFile)
    try:
        knowledge = Knowledge(
            frameworks=frameworks.frameworks,
            criteria=criteria.criteria,
            facts=facts.facts,
            advice=advice,
            followups=followups.followups,
            computed=followups.computed,
            desk=followups.desk,
            primary_sources=sources.primary,
        )
    except ValidationError as error:
        first = error.errors()[0]
        problem = first.get("ctx", {}).get("error")
        if isinstance(problem, ReferenceProblem):
            raise DataFileError(f"{directory / problem.file}: field '{problem.field}': {problem.message}") from None
        message = str(first["msg"]).removeprefix("Value error, ")
        raise DataFileError(f"{directory}: {message}") from None
    knowledge._directory = directory
    # Built at load, not in the first recommendation.
    knowledge.weighing_tables  # noqa: B018
    knowledge.sources  # noqa: B018
    return knowledge
