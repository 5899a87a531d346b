"""The recommendation: weighing the knowledge's criteria by the user's answers.

Pure functions over `Knowledge` and an answers mapping (step id -> option ids). Every number and
sentence in a `Recommendation` comes from knowledge/ - the code only adds and compares.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import zip_longest
from operator import attrgetter
from urllib.parse import urlencode

from pydantic import BaseModel, ConfigDict

from bot.conditions import Answers, matches
from bot.flips import Flip, find_flip
from bot.knowledge import Criterion, Knowledge, Rule, Verdict
from bot.sources import Source
from bot.weighing import Totals, decide, forcing_rule, weigh

__all__ = ["Flip", "Recommendation", "Source", "Weighing", "find_flip", "recommend", "rounded"]
NAMES: dict[Verdict, str] = {"tensorflow": "TensorFlow", "pytorch": "PyTorch", "either": "Either"}
_MAX_DECIDING = 4


class Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class CriterionResult(Model):
    id: str
    name: str
    tensorflow: int
    pytorch: int
    weight: float
    reason: str
    sources: list[Source]
    because: list[tuple[str, str]] = []  # the team's answers (step, option) that made it count


class CaveatResult(Model):
    text: str
    sources: list[Source]


class Recommendation(Model):
    verdict: Verdict
    confidence: str  # "high", "medium" or "low"
    totals: dict[str, float]
    margin: float
    deciding: list[CriterionResult]
    stack: str
    notes: list[str]
    caveats: list[CaveatResult]
    flip: Flip | None
    forced_by: str | None
    headline: str | None = None  # set when the framework is not the first answer (see Rule.headline)

    @property
    def name(self) -> str:
        return NAMES[self.verdict]


def sources_for(knowledge: Knowledge, fact_ids: Iterable[str]) -> list[Source]:
    return [knowledge.sources[fact_id] for fact_id in fact_ids]


class Weighing:
    """The team's answers weighed, and what the recommendation says about a criterion: the reason
    for its scores and the answers that made it count (asked for the few criteria it names)."""

    def __init__(self, knowledge: Knowledge, answers: Answers) -> None:
        self.tables = tables = knowledge.weighing_tables
        self.answers = answers
        self.weighed = weigh(tables, answers)
        # The fired rules whose wording the recommendation reads (a stack, a note, caveats, a
        # headline, a close call), in ascending priority; most rules only weigh criteria.
        self.explaining = [tables.rules[index] for index in sorted(self.weighed.matched & tables.explaining)]
        self.totals = self.weighed.totals
        self.forced = forcing_rule(tables, self.weighed.matched, self.totals, knowledge.advice.thresholds)
        self.verdict, self.margin = decide(knowledge.advice.thresholds, self.totals, self.forced)

    def _fired(self, position: int) -> list[tuple[Rule, bool, bool]]:
        """The fired rules that change a criterion, in order: (rule, weighs it up, sets its scores)."""
        changes = self.tables.profiles[position].changes
        matched = self.weighed.matched
        return [
            (self.tables.rules[i], extra is not None and extra > 0, scores is not None)
            for i, extra, scores in changes
            if i in matched
        ]

    def because(self, position: int) -> list[tuple[str, str]]:
        """The team's answers (step, option) behind the rules that weigh the criterion up or score it:
        those of the rules that score it first (they say why the scores are what they are), then
        those that only make it count more (a close deadline makes the team's skills count)."""
        found: list[tuple[str, str]] = []
        for rule, weighs_up, scores in sorted(self._fired(position), key=lambda fired: not fired[2]):
            if weighs_up or scores:
                given = ((s, o) for s, wanted in rule.when.items() for o in self.answers.get(s, []) if o in wanted)
                found.extend(g for g in given if g not in found)
        return found

    def reason(self, criterion: Criterion, position: int) -> tuple[str, bool]:
        """What is said about the criterion's scores, and whether a rule (not the knowledge's
        criterion itself) says it: the last fired rule that sets them."""
        setting = [rule for rule, _, scores in self._fired(position) if scores]
        return (setting[-1].scores[criterion.id].reason, True) if setting else (criterion.reason, False)


def rounded(totals: Totals) -> dict[str, float]:
    return {"tensorflow": round(totals[0], 1), "pytorch": round(totals[1], 1)}


def recommend(
    knowledge: Knowledge,
    answers: Answers,
    steps: Mapping[str, list[str]],
    known_flip: Flip | None = None,
    weighing: Weighing | None = None,
) -> Recommendation:
    """The full recommendation for `answers`; `steps` lists each step's option ids (for flips).

    `known_flip`: a change already known to flip the verdict (a what-if's one changed answer, set
    back), used instead of searching for the most decisive one. `weighing`: `answers` weighed
    already (a what-if weighs them to see whether the verdict changes)."""
    weighing = weighing or Weighing(knowledge, answers)
    forced, verdict, margin = weighing.forced, weighing.verdict, weighing.margin
    late_rules = [r for r in knowledge.verdict_rules if matches(r, answers, verdict)]
    every_rule = sorted([*weighing.explaining, *late_rules], key=attrgetter("priority"))
    stacks = [r.stack[verdict] for r in every_rule if verdict in r.stack]
    thresholds = knowledge.advice.thresholds
    close_call = any(r.verdict == "either" for r in weighing.explaining)
    if verdict == "either" or forced is not None or close_call:
        # A close call the totals overruled is still not a confident one (an inherited TF1 codebase).
        confidence = "low" if verdict == "either" else "medium"
    else:
        confidence = "high" if abs(margin) >= thresholds.high_from else "medium"
    if len(answers) < knowledge.advice.min_answers_for_confidence and forced is None:
        confidence = "low"  # mostly "not sure": the totals rest on defaults, not on this team
    return Recommendation(
        verdict=verdict,
        confidence=confidence,
        totals=rounded(weighing.totals),
        margin=round(margin, 2),
        deciding=_deciding(knowledge, weighing, verdict),
        stack=stacks[-1] if stacks else knowledge.advice.default_stack[verdict],
        notes=list(dict.fromkeys(r.note for r in every_rule if r.note)),
        caveats=_caveats(knowledge, every_rule),
        flip=known_flip or find_flip(knowledge, answers, steps, verdict, weighing.weighed),
        forced_by=forced.id if forced is not None else None,
        headline=next(
            (r.headline[verdict].format(name=NAMES[verdict]) for r in reversed(every_rule) if verdict in r.headline),
            None,
        ),
    )


def _deciding(knowledge: Knowledge, weighing: Weighing, verdict: Verdict) -> list[CriterionResult]:
    """The criteria the team's answers made weigh and that pull toward the verdict (both ways for
    a toss-up), strongest first. A criterion no answer touched counts only when no answer touched
    any: "research adoption" is a reason for a research team, not for a six-week app. Nothing is
    padded with a criterion that pulls the other way."""
    weighed = weighing.weighed
    # Per criterion position, in weight units: every pull scaled alike, so the order and the
    # proportions below are what they are in weights.
    pulls = {
        i: units * (pytorch - tensorflow)
        for i, (units, tensorflow, pytorch) in enumerate(
            zip(weighed.units, weighed.tensorflow, weighed.pytorch, strict=True)
        )
        if units > 0 and pytorch != tensorflow
    }
    relevant = weighed.touched

    def strongest(sign: int, limit: int) -> list[int]:
        # Strongest first; equal pulls keep the knowledge's order (a sort is stable, reversed too).
        ranked = sorted([c for c, p in pulls.items() if sign * p > 0], key=pulls.__getitem__, reverse=sign > 0)
        if not ranked:
            return []
        floor = 0.25 * sign * pulls[ranked[0]]
        mine = [c for c in ranked if c in relevant and sign * pulls[c] >= floor]
        # A criterion no answer touched is named only when it outweighs every one the answers did
        # (then it is what really decided it, and saying otherwise would mislead).
        strongest_mine = sign * pulls[mine[0]] if mine else 0.0
        base = [c for c in ranked if c not in relevant and sign * pulls[c] > strongest_mine][:2]
        return sorted([*mine, *base], key=lambda c: -sign * pulls[c])[:limit]

    if verdict == "either":
        # Alternate the sides, so a summary that shows the first two or three reasons shows both.
        tensorflow_side, pytorch_side = strongest(-1, 2), strongest(1, 2)
        chosen = [c for pair in zip_longest(tensorflow_side, pytorch_side) for c in pair if c is not None]
    else:
        chosen = strongest(1 if verdict == "pytorch" else -1, _MAX_DECIDING)
    return [_criterion_result(knowledge, weighing, position) for position in chosen]


def _criterion_result(knowledge: Knowledge, weighing: Weighing, position: int) -> CriterionResult:
    weighed = weighing.weighed
    criterion = knowledge.criteria[position]
    reason, from_rule = weighing.reason(criterion, position)
    # No facts when the team's own answer is the evidence ("your team already knows PyTorch"
    # needs no citation, and "both are free" would not fit it).
    evidence = [] if criterion.from_answers and from_rule else sources_for(knowledge, criterion.facts)
    return CriterionResult(
        id=criterion.id,
        name=criterion.name,
        tensorflow=weighed.tensorflow[position],
        pytorch=weighed.pytorch[position],
        weight=round(weighed.units[position] / weighing.tables.unit, 2),
        reason=reason,
        sources=evidence,
        because=weighing.because(position),
    )


def _caveats(knowledge: Knowledge, rules: list[Rule]) -> list[CaveatResult]:
    seen: dict[str, CaveatResult] = {}
    for rule in rules:
        for caveat in rule.caveats:
            seen.setdefault(
                caveat.text,
                CaveatResult(text=caveat.text, sources=sources_for(knowledge, caveat.facts)),
            )
    return list(seen.values())


def consultation_link(base_url: str, summary: str) -> str:
    """The consultation URL carrying a short summary of the answers for the consultant."""
    separator = "&" if "?" in base_url else "?"
    return f"{base_url}{separator}{urlencode({'summary': summary[:1500]})}"
