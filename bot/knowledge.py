"""The consultancy's knowledge: frameworks, criteria with scores, dated facts, weighting rules and
follow-up answers, loaded from knowledge/*.yaml into strict models and cross-checked."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator, model_validator

from bot.datafiles import DataFileError, StrictModel, load_model

FrameworkId = Literal["tensorflow", "pytorch"]
Verdict = Literal["tensorflow", "pytorch", "either"]
FRAMEWORKS: tuple[FrameworkId, FrameworkId] = ("tensorflow", "pytorch")
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

    def of(self, framework: FrameworkId) -> int:
        return self.tensorflow if framework == "tensorflow" else self.pytorch


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
    weights: dict[str, float] = Field(default_factory=dict)
    scores: dict[str, ScoreOverride] = Field(default_factory=dict)
    stack: dict[Verdict, str] = Field(default_factory=dict)
    verdict: Verdict | None = Field(default=None, description="Forces the verdict when it fires.")
    note: str | None = None
    caveats: list[Caveat] = Field(default_factory=list)
    priority: int = 0

    @field_validator("when", mode="before")
    @classmethod
    def _lists(cls, value: object) -> object:
        if isinstance(value, dict):
            return {k: v if isinstance(v, list) else [v] for k, v in value.items()}
        return value


class Thresholds(StrictModel):
    either_below: float = Field(gt=0, description="Margin (0-10 scale) under which it is a toss-up.")
    high_from: float = Field(gt=0, description="Margin from which confidence is high.")


class Advice(StrictModel):
    thresholds: Thresholds
    default_stack: dict[Verdict, str]
    neutral: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Options that deliberately tilt nothing (so every option is accounted for).",
    )
    rules: list[Rule]


class FollowUp(StrictModel):
    id: str
    topic: str
    questions: list[str] = Field(min_length=1)
    answer: str
    facts: list[str] = Field(min_length=1)


class FrameworksFile(StrictModel):
    frameworks: list[Framework]


class CriteriaFile(StrictModel):
    criteria: list[Criterion]


class FactsFile(StrictModel):
    facts: list[Fact]


class FollowUpsFile(StrictModel):
    followups: list[FollowUp]


class Knowledge(StrictModel):
    frameworks: list[Framework]
    criteria: list[Criterion]
    facts: list[Fact]
    advice: Advice
    followups: list[FollowUp]

    @model_validator(mode="after")
    def _cross_references(self) -> Knowledge:
        fact_ids = {f.id for f in self.facts}
        criterion_ids = {c.id for c in self.criteria}
        for fact in self.facts:
            for source in fact.sources:
                if not source.startswith("https://") and source not in fact_ids:
                    raise ValueError(f"fact {fact.id} cites unknown fact {source}")
        for criterion in self.criteria:
            _known(criterion.facts, fact_ids, f"criterion {criterion.id}", "fact")
            if criterion.changed_from_seed and not criterion.change_reason:
                raise ValueError(f"criterion {criterion.id} differs from the seed: give change_reason")
        for rule in self.advice.rules:
            _known(list(rule.weights), criterion_ids, f"rule {rule.id}", "criterion")
            _known(list(rule.scores), criterion_ids, f"rule {rule.id}", "criterion")
            for caveat in rule.caveats:
                _known(caveat.facts, fact_ids, f"rule {rule.id}", "fact")
        for followup in self.followups:
            _known(followup.facts, fact_ids, f"follow-up {followup.id}", "fact")
        return self

    def fact(self, fact_id: str) -> Fact:
        return next(f for f in self.facts if f.id == fact_id)

    def criterion(self, criterion_id: str) -> Criterion:
        return next(c for c in self.criteria if c.id == criterion_id)


def _known(ids: list[str], known: set[str], owner: str, kind: str) -> None:
    for item in ids:
        if item not in known:
            raise ValueError(f"{owner} names unknown {kind} {item!r}")


def load_knowledge(directory: Path) -> Knowledge:
    """Load and cross-check every file in `directory` (knowledge/)."""
    frameworks = load_model(directory / "frameworks.yaml", FrameworksFile)
    criteria = load_model(directory / "criteria.yaml", CriteriaFile)
    facts = load_model(directory / "facts.yaml", FactsFile)
    advice = load_model(directory / "advice.yaml", Advice)
    followups = load_model(directory / "followups.yaml", FollowUpsFile)
    try:
        return Knowledge(
            frameworks=frameworks.frameworks,
            criteria=criteria.criteria,
            facts=facts.facts,
            advice=advice,
            followups=followups.followups,
        )
    except ValueError as error:
        raise DataFileError(f"{directory}: {_first_message(error)}") from None


def _first_message(error: ValueError) -> str:
    errors = getattr(error, "errors", None)
    if callable(errors):
        return str(errors()[0]["msg"]).removeprefix("Value error, ")
    return str(error)
