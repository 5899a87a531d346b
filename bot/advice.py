"""The recommendation: weighing the knowledge's criteria by the user's answers.

Pure functions over `Knowledge` and an answers mapping (step id -> option ids). Every number and
sentence in a `Recommendation` comes from knowledge/ - the code only adds and compares.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from urllib.parse import urlencode

from pydantic import BaseModel, ConfigDict

from bot.knowledge import Criterion, Fact, FrameworkId, Knowledge, Rule, Verdict

Answers = Mapping[str, list[str]]
NAMES: dict[Verdict, str] = {"tensorflow": "TensorFlow", "pytorch": "PyTorch", "either": "Either"}
_MAX_DECIDING = 4


class Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class Source(Model):
    fact_id: str
    title: str
    urls: list[str]
    as_of: str
    judgement: bool


class CriterionResult(Model):
    id: str
    name: str
    tensorflow: int
    pytorch: int
    weight: float
    reason: str
    sources: list[Source]

    def leader(self) -> Verdict:
        if self.tensorflow == self.pytorch:
            return "either"
        return "tensorflow" if self.tensorflow > self.pytorch else "pytorch"


class CaveatResult(Model):
    text: str
    sources: list[Source]


class Flip(Model):
    step_id: str
    from_options: list[str]
    to_options: list[str]
    verdict: Verdict


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

    @property
    def name(self) -> str:
        return NAMES[self.verdict]


def _source(fact: Fact) -> Source:
    return Source(
        fact_id=fact.id,
        title=fact.title,
        urls=fact.urls,
        as_of=fact.as_of,
        judgement=fact.judgement,
    )


def sources_for(knowledge: Knowledge, fact_ids: Iterable[str]) -> list[Source]:
    return [_source(knowledge.fact(fact_id)) for fact_id in fact_ids]


def _matches(rule: Rule, answers: Answers, verdict: Verdict | None) -> bool:
    for step_id, wanted in rule.when.items():
        given = [verdict] if step_id == "winner" else answers.get(step_id, [])
        if not any(value in wanted for value in given):
            return False
    return True


class _Weighing:
    """Weights, scores and reasons for every criterion after the answer rules are applied.

    Built for every alternative answer when looking for a flip, so it keeps to plain dicts and
    tuples and leaves the models to the knowledge's precomputed tables.
    """

    def __init__(self, knowledge: Knowledge, answers: Answers, rules: list[Rule] | None = None) -> None:
        self.criteria: dict[str, Criterion] = knowledge.criteria_by_id
        self.weights = dict(knowledge.base_weights)
        self.scores: dict[str, tuple[int, int]] = dict(knowledge.base_scores)
        self.reasons: dict[str, str] = {}
        # Ascending priority: the highest-priority override lands last.
        if rules is None:
            rules = [r for r in knowledge.weighing_rules if _matches(r, answers, None)]
        self.rules = rules
        for rule in self.rules:
            for criterion_id, extra in rule.weights.items():
                self.weights[criterion_id] = max(0.0, self.weights[criterion_id] + extra)
            for criterion_id, override in rule.scores.items():
                self.scores[criterion_id] = (override.tensorflow, override.pytorch)
                self.reasons[criterion_id] = override.reason
        weight = sum(self.weights.values())
        tf_points = sum(w * self.scores[c][0] for c, w in self.weights.items())
        pt_points = sum(w * self.scores[c][1] for c, w in self.weights.items())
        self._totals = (tf_points / weight, pt_points / weight) if weight else (5.0, 5.0)

    def total(self, framework: FrameworkId) -> float:
        return self._totals[0] if framework == "tensorflow" else self._totals[1]

    def reason(self, criterion_id: str) -> str:
        return self.reasons.get(criterion_id) or self.criteria[criterion_id].reason

    def forced(self) -> Rule | None:
        forcing = [r for r in self.rules if r.verdict is not None]
        return forcing[-1] if forcing else None


def _verdict(knowledge: Knowledge, weighing: _Weighing) -> tuple[Verdict, float]:
    margin = weighing.total("pytorch") - weighing.total("tensorflow")
    forced = weighing.forced()
    if forced is not None and forced.verdict is not None:
        return forced.verdict, margin
    if abs(margin) < knowledge.advice.thresholds.either_below:
        return "either", margin
    return ("pytorch" if margin > 0 else "tensorflow"), margin


def verdict_for(knowledge: Knowledge, answers: Answers) -> Verdict:
    """Only the verdict: cheap enough to try every alternative answer when looking for a flip."""
    return _verdict(knowledge, _Weighing(knowledge, answers))[0]


def recommend(knowledge: Knowledge, answers: Answers, steps: Mapping[str, list[str]]) -> Recommendation:
    """The full recommendation for `answers`; `steps` lists each step's option ids (for flips)."""
    weighing = _Weighing(knowledge, answers)
    verdict, margin = _verdict(knowledge, weighing)
    forced = weighing.forced()
    late_rules = [r for r in knowledge.verdict_rules if _matches(r, answers, verdict)]
    every_rule = sorted([*weighing.rules, *late_rules], key=lambda r: r.priority)
    stacks = [r.stack[verdict] for r in every_rule if verdict in r.stack]
    thresholds = knowledge.advice.thresholds
    if verdict == "either" or forced is not None:
        confidence = "low" if verdict == "either" else "medium"
    else:
        confidence = "high" if abs(margin) >= thresholds.high_from else "medium"
    return Recommendation(
        verdict=verdict,
        confidence=confidence,
        totals={f: round(weighing.total(f), 1) for f in ("tensorflow", "pytorch")},
        margin=round(margin, 2),
        deciding=_deciding(knowledge, weighing, verdict),
        stack=stacks[-1] if stacks else knowledge.advice.default_stack[verdict],
        notes=list(dict.fromkeys(r.note for r in every_rule if r.note)),
        caveats=_caveats(knowledge, every_rule),
        flip=find_flip(knowledge, answers, steps, verdict),
        forced_by=forced.id if forced is not None else None,
    )


def _deciding(knowledge: Knowledge, weighing: _Weighing, verdict: Verdict) -> list[CriterionResult]:
    """The 2-4 criteria that pulled hardest toward the verdict (both ways when it is a toss-up)."""
    pulls = {
        c: w * (weighing.scores[c][1] - weighing.scores[c][0])
        for c, w in weighing.weights.items()
        if w > 0 and weighing.scores[c][1] != weighing.scores[c][0]
    }
    if verdict == "either":
        toward_pt = sorted((c for c in pulls if pulls[c] > 0), key=lambda c: -pulls[c])[:2]
        toward_tf = sorted((c for c in pulls if pulls[c] < 0), key=lambda c: pulls[c])[:2]
        chosen = toward_tf + toward_pt
    else:
        sign = 1 if verdict == "pytorch" else -1
        ranked = sorted(pulls, key=lambda c: -sign * pulls[c])
        top = sign * pulls[ranked[0]] if ranked else 0
        chosen = [c for c in ranked[:_MAX_DECIDING] if sign * pulls[c] >= 0.25 * top]
        chosen = chosen if len(chosen) >= 2 else ranked[:2]
    return [
        CriterionResult(
            id=c,
            name=weighing.criteria[c].name,
            tensorflow=weighing.scores[c][0],
            pytorch=weighing.scores[c][1],
            weight=round(weighing.weights[c], 2),
            reason=weighing.reason(c),
            sources=sources_for(knowledge, weighing.criteria[c].facts),
        )
        for c in chosen
    ]


def _caveats(knowledge: Knowledge, rules: list[Rule]) -> list[CaveatResult]:
    seen: dict[str, CaveatResult] = {}
    for rule in rules:
        for caveat in rule.caveats:
            seen.setdefault(
                caveat.text,
                CaveatResult(text=caveat.text, sources=sources_for(knowledge, caveat.facts)),
            )
    return list(seen.values())


def find_flip(knowledge: Knowledge, answers: Answers, steps: Mapping[str, list[str]], verdict: Verdict) -> Flip | None:
    """The single change of one answer that changes the verdict most decisively, if any does."""
    best: tuple[float, Flip] | None = None
    # Only rules that name the changed step can match differently, so the rest are reused.
    base = {id(r) for r in knowledge.weighing_rules if _matches(r, answers, None)}
    for step_id, options in steps.items():
        current = list(answers.get(step_id, []))
        for option in options:
            if option in current:
                continue
            changed = {**answers, step_id: [option]}
            rules = [
                r
                for r in knowledge.weighing_rules
                if (_matches(r, changed, None) if step_id in r.when else id(r) in base)
            ]
            weighing = _Weighing(knowledge, changed, rules)
            other, margin = _verdict(knowledge, weighing)
            if other == verdict or (verdict != "either" and other == "either"):
                continue
            strength = abs(margin) + (100 if weighing.forced() is None else 0)
            if best is None or strength > best[0]:
                flip = Flip(step_id=step_id, from_options=current, to_options=[option], verdict=other)
                best = (strength, flip)
    return best[1] if best else None


def consultation_link(base_url: str, summary: str) -> str:
    """The consultation URL carrying a short summary of the answers for the consultant."""
    separator = "&" if "?" in base_url else "?"
    return f"{base_url}{separator}{urlencode({'summary': summary[:1500]})}"
