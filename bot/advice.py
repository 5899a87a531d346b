"""The recommendation: weighing the knowledge's criteria by the user's answers.

Pure functions over `Knowledge` and an answers mapping (step id -> option ids). Every number and
sentence in a `Recommendation` comes from knowledge/ - the code only adds and compares.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
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
        scores = self.scores
        weight = sum(self.weights.values())
        tf_points = sum([w * scores[c][0] for c, w in self.weights.items()])
        pt_points = sum([w * scores[c][1] for c, w in self.weights.items()])
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


def outline(knowledge: Knowledge, answers: Answers) -> tuple[Verdict, dict[str, float]]:
    """The verdict and the rounded weighted totals of a full recommendation, without its
    explanation or the search for what would flip it."""
    weighing = _Weighing(knowledge, answers)
    return _verdict(knowledge, weighing)[0], _totals(weighing)


def _totals(weighing: _Weighing) -> dict[str, float]:
    return {f: round(weighing.total(f), 1) for f in ("tensorflow", "pytorch")}


def recommend(
    knowledge: Knowledge, answers: Answers, steps: Mapping[str, list[str]], known_flip: Flip | None = None
) -> Recommendation:
    """The full recommendation for `answers`; `steps` lists each step's option ids (for flips).

    `known_flip`: a change already known to flip the verdict (a what-if's one changed answer, set
    back), used instead of searching for the most decisive one."""
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
        totals=_totals(weighing),
        margin=round(margin, 2),
        deciding=_deciding(knowledge, weighing, verdict),
        stack=stacks[-1] if stacks else knowledge.advice.default_stack[verdict],
        notes=list(dict.fromkeys(r.note for r in every_rule if r.note)),
        caveats=_caveats(knowledge, every_rule),
        flip=known_flip or find_flip(knowledge, answers, steps, verdict),
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
    """The single change of one answer that changes the verdict most decisively, if any does.

    Every alternative is first placed with a cheap estimate (the base totals plus what its rules
    change); only one that may change the verdict is weighed exactly, as `recommend` would."""
    best: tuple[float, Flip] | None = None
    rules = knowledge.weighing_rules
    matched = [i for i, r in enumerate(rules) if _matches(r, answers, None)]
    naming: dict[str, list[int]] = {}
    for i, rule in enumerate(rules):
        for step_id in rule.when:
            naming.setdefault(step_id, []).append(i)
    estimate = _Estimate(knowledge)
    likely_by_rules: dict[tuple[int, ...], Verdict | None] = {}
    for step_id, options in steps.items():
        current = list(answers.get(step_id, []))
        # Only rules that name the changed step can match differently, so the rest are reused; and
        # such a rule fires for an option when its other conditions hold and it names that option.
        fixed = [i for i in matched if step_id not in rules[i].when]
        firing: dict[str, list[int]] = {}
        for i in naming.get(step_id, []):
            if _matches_except(rules[i], answers, step_id):
                for option in dict.fromkeys(rules[i].when[step_id]):
                    firing.setdefault(option, []).append(i)
        for option in options:
            if option in current:
                continue
            extra = firing.get(option)
            chosen = tuple(sorted([*fixed, *extra]) if extra else fixed)  # in priority order, as weighed
            if chosen not in likely_by_rules:  # options that fire no rule of their own share one
                likely_by_rules[chosen] = estimate.verdict(chosen)
            likely = likely_by_rules[chosen]
            if likely is not None and (likely == verdict or (verdict != "either" and likely == "either")):
                continue
            weighing = _Weighing(knowledge, {**answers, step_id: [option]}, [rules[i] for i in chosen])
            other, margin = _verdict(knowledge, weighing)
            if other == verdict or (verdict != "either" and other == "either"):
                continue
            strength = abs(margin) + (100 if weighing.forced() is None else 0)
            if best is None or strength > best[0]:
                flip = Flip(step_id=step_id, from_options=current, to_options=[option], verdict=other)
                best = (strength, flip)
    return best[1] if best else None


_Effects = tuple[tuple[tuple[str, float], ...], tuple[tuple[str, int, int], ...], "Verdict | None"]


class _Estimate:
    """The verdict under a set of weighing rules, from the base totals plus what the rules change.

    It adds in a different order from `_Weighing`, so its margin may differ in the last bits: it
    answers only when the margin is clear of every boundary between verdicts by far more than
    that, and None otherwise (the caller then weighs exactly). A forced verdict is exact."""

    _CLEARANCE = 1e-6

    def __init__(self, knowledge: Knowledge) -> None:
        self.rules = knowledge.weighing_rules
        self.effects: list[_Effects | None] = [None] * len(self.rules)
        self.weights = knowledge.base_weights
        self.scores = knowledge.base_scores
        self.either_below = knowledge.advice.thresholds.either_below
        self.weight = sum(self.weights.values())
        self.tf_points = sum(w * self.scores[c][0] for c, w in self.weights.items())
        self.pt_points = sum(w * self.scores[c][1] for c, w in self.weights.items())

    def _effects(self, index: int) -> _Effects:
        effects = self.effects[index]
        if effects is None:
            rule = self.rules[index]
            scores = tuple((c, o.tensorflow, o.pytorch) for c, o in rule.scores.items())
            effects = self.effects[index] = (tuple(rule.weights.items()), scores, rule.verdict)
        return effects

    def verdict(self, chosen: Sequence[int]) -> Verdict | None:
        """The verdict of the rules at indices `chosen` (in priority order), or None if unsure."""
        weights, scores = self.weights, self.scores
        touched: dict[str, list[float]] = {}
        forced: Verdict | None = None
        for index in chosen:
            extras, overrides, verdict = self._effects(index)
            for criterion_id, extra in extras:
                if criterion_id not in touched:
                    touched[criterion_id] = [weights[criterion_id], *scores[criterion_id]]
                entry = touched[criterion_id]
                entry[0] = max(0.0, entry[0] + extra)
            for criterion_id, tensorflow, pytorch in overrides:
                if criterion_id not in touched:
                    touched[criterion_id] = [weights[criterion_id], *scores[criterion_id]]
                touched[criterion_id][1:] = (tensorflow, pytorch)
            if verdict is not None:
                forced = verdict
        if forced is not None:
            return forced
        weight, tf_points, pt_points = self.weight, self.tf_points, self.pt_points
        for criterion_id, (w, tf, pt) in touched.items():
            w0, (tf0, pt0) = weights[criterion_id], scores[criterion_id]
            weight += w - w0
            tf_points += w * tf - w0 * tf0
            pt_points += w * pt - w0 * pt0
        if weight < 1.0:
            return None  # a tiny total weight magnifies the rounding; leave it to the exact weighing
        margin = abs(pt_points - tf_points) / weight
        if margin < self._CLEARANCE or abs(margin - self.either_below) < self._CLEARANCE:
            return None
        if margin < self.either_below:
            return "either"
        return "pytorch" if pt_points > tf_points else "tensorflow"


def _matches_except(rule: Rule, answers: Answers, skipped: str) -> bool:
    """Whether every condition of a weighing rule other than the one on step `skipped` holds."""
    return all(
        any(value in wanted for value in answers.get(step_id, []))
        for step_id, wanted in rule.when.items()
        if step_id != skipped
    )


def consultation_link(base_url: str, summary: str) -> str:
    """The consultation URL carrying a short summary of the answers for the consultant."""
    separator = "&" if "?" in base_url else "?"
    return f"{base_url}{separator}{urlencode({'summary': summary[:1500]})}"
