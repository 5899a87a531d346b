"""The recommendation: weighing the knowledge's criteria by the user's answers.

Pure functions over `Knowledge` and an answers mapping (step id -> option ids). Every number and
sentence in a `Recommendation` comes from knowledge/ - the code only adds and compares.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from itertools import zip_longest
from urllib.parse import urlencode

from pydantic import BaseModel, ConfigDict

from bot.knowledge import Answered, Criterion, Fact, FrameworkId, Knowledge, Relevance, Rule, Verdict

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
    because: list[tuple[str, str]] = []  # the team's answers (step, option) that made it count


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
    headline: str | None = None  # set when the framework is not the first answer (see Rule.headline)

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


def _holds(condition: Answered, answers: Answers) -> bool:
    return all(any(o in wanted for o in answers.get(s, [])) for s, wanted in condition.any_of.items()) and all(
        bool(answers.get(s)) and all(o in wanted for o in answers[s]) for s, wanted in condition.only.items()
    )


def _irrelevant(relevance: Relevance, answers: Answers) -> bool:
    return any(_holds(c, answers) for c in relevance.irrelevant_when) and not any(
        _holds(c, answers) for c in relevance.relevant_when
    )


def _matches(rule: Rule, answers: Answers, verdict: Verdict | None) -> bool:
    if any(o in unwanted for s, unwanted in rule.unless.items() for o in answers.get(s, [])):
        return False
    for step_id, wanted in rule.when.items():
        given = [verdict] if step_id == "winner" else answers.get(step_id, [])
        if not any(value in wanted for value in given):
            return False
    return all(option in answers.get(step_id, []) for step_id, needed in rule.requires.items() for option in needed)


def _holds_elsewhere(rule: Rule, answers: Answers, step_id: str) -> bool:
    """Whether a weighing rule's conditions on every step but `step_id` hold for `answers`."""
    return (
        not any(o in unwanted for s, unwanted in rule.unless.items() if s != step_id for o in answers.get(s, []))
        and all(any(value in wanted for value in answers.get(s, [])) for s, wanted in rule.when.items() if s != step_id)
        and all(o in answers.get(s, []) for s, needed in rule.requires.items() if s != step_id for o in needed)
    )


def _holds_here(rule: Rule, step_id: str, values: list[str]) -> bool:
    """Whether a weighing rule's conditions on `step_id` hold when its answer is `values`."""
    wanted = rule.when.get(step_id)
    return (
        (wanted is None or any(value in wanted for value in values))
        and not any(value in rule.unless.get(step_id, ()) for value in values)
        and all(option in values for option in rule.requires.get(step_id, ()))
    )


class _Weighing:
    """Weights, scores and reasons for every criterion after the answer rules are applied.

    Built for every alternative answer when looking for a flip, so it keeps to plain dicts and
    tuples and leaves the models to the knowledge's precomputed tables.
    """

    def __init__(
        self, knowledge: Knowledge, answers: Answers, rules: list[Rule] | None = None, explain: bool = True
    ) -> None:
        """`explain`: also note each criterion's reason and the answers behind it (the flip search,
        which needs only the verdict of each alternative, leaves that out)."""
        self.criteria: dict[str, Criterion] = knowledge.criteria_by_id
        self.weights = dict(knowledge.base_weights)
        self.scores: dict[str, tuple[int, int]] = dict(knowledge.base_scores)
        self.reasons: dict[str, str] = {}
        self.because: dict[str, list[tuple[str, str]]] = {}  # criterion -> the answers that made it count
        # Ascending priority: the highest-priority override lands last.
        if rules is None:
            rules = [r for r in knowledge.weighing_rules if _matches(r, answers, None)]
        self.rules = rules
        self.close_call_below = knowledge.advice.thresholds.close_call_below
        for rule in self.rules:
            if explain:
                given = [(s, o) for s, wanted in rule.when.items() for o in answers.get(s, []) if o in wanted]
                for criterion_id in [*(c for c, extra in rule.weights.items() if extra > 0), *rule.scores]:
                    known = self.because.setdefault(criterion_id, [])
                    known.extend(g for g in given if g not in known)
            for criterion_id, extra in rule.weights.items():
                self.weights[criterion_id] = max(0.0, self.weights[criterion_id] + extra)
            for criterion_id, override in rule.scores.items():
                self.scores[criterion_id] = (override.tensorflow, override.pytorch)
                if explain:
                    self.reasons[criterion_id] = override.reason
        # A base criterion the answers leave irrelevant counts for nothing, whatever a rule added:
        # research adoption for a six-week phone app, ease of learning for a team that trains nothing.
        for criterion_id, relevance in knowledge.advice.relevance.items():
            if _irrelevant(relevance, answers):
                self.weights[criterion_id] = 0.0
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
        """The highest-priority rule that settles the verdict. A close call (`either`) settles it only
        while the totals are near: a toss-up announced at 6.2 vs 8.0 would contradict its own numbers."""
        clear = abs(self._totals[1] - self._totals[0]) >= self.close_call_below
        forcing = [r for r in self.rules if r.verdict is not None and not (r.verdict == "either" and clear)]
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
    close_call = any(r.verdict == "either" for r in weighing.rules)
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
        totals=_totals(weighing),
        margin=round(margin, 2),
        deciding=_deciding(knowledge, weighing, verdict),
        stack=stacks[-1] if stacks else knowledge.advice.default_stack[verdict],
        notes=list(dict.fromkeys(r.note for r in every_rule if r.note)),
        caveats=_caveats(knowledge, every_rule),
        flip=known_flip or find_flip(knowledge, answers, steps, verdict),
        forced_by=forced.id if forced is not None else None,
        headline=next(
            (r.headline[verdict].format(name=NAMES[verdict]) for r in reversed(every_rule) if verdict in r.headline),
            None,
        ),
    )


def _deciding(knowledge: Knowledge, weighing: _Weighing, verdict: Verdict) -> list[CriterionResult]:
    """The criteria the team's answers made weigh and that pull toward the verdict (both ways for
    a toss-up), strongest first. A criterion no answer touched counts only when no answer touched
    any: "research adoption" is a reason for a research team, not for a six-week app. Nothing is
    padded with a criterion that pulls the other way."""
    pulls = {
        c: w * (weighing.scores[c][1] - weighing.scores[c][0])
        for c, w in weighing.weights.items()
        if w > 0 and weighing.scores[c][1] != weighing.scores[c][0]
    }
    relevant = {c: p for c, p in pulls.items() if c in weighing.because}

    def strongest(sign: int, limit: int) -> list[str]:
        ranked = sorted((c for c in pulls if sign * pulls[c] > 0), key=lambda c: -sign * pulls[c])
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
    return [
        CriterionResult(
            id=c,
            name=weighing.criteria[c].name,
            tensorflow=weighing.scores[c][0],
            pytorch=weighing.scores[c][1],
            weight=round(weighing.weights[c], 2),
            reason=weighing.reason(c),
            sources=_evidence(knowledge, weighing, c),
            because=weighing.because.get(c, []),
        )
        for c in chosen
    ]


def _evidence(knowledge: Knowledge, weighing: _Weighing, criterion_id: str) -> list[Source]:
    """The facts behind a criterion's line: none when the team's own answer is the evidence ("your
    team already knows PyTorch" needs no citation, and "both are free" would not fit it)."""
    criterion = weighing.criteria[criterion_id]
    if criterion.from_answers and criterion_id in weighing.reasons:
        return []
    return sources_for(knowledge, criterion.facts)


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
    """The nearest plausible change to the team's own answers that changes the verdict, if any.

    Only questions the team answered, in the knowledge's order of plausibility (`advice.flips`):
    a deadline moves to the next bucket before a far one, a skill is added or swapped, a target is
    only ever dropped, an existing stack only becomes "starting fresh", and hardware is never
    suggested."""
    policy = knowledge.advice.flips
    rules = knowledge.weighing_rules
    # A change to one answer can turn on or off only the rules whose conditions name its step: the
    # others keep what they are for the team's own answers, matched once here rather than for every
    # alternative (ten times today's knowledge stays well under a millisecond per alternative).
    matching = [_matches(rule, answers, None) for rule in rules]
    for step_id in policy.steps:
        current = list(answers.get(step_id, []))
        options = steps.get(step_id, [])
        if not current or step_id not in steps:
            continue
        if step_id in policy.only_to:
            alternatives = [[o] for o in policy.only_to[step_id] if [o] != current]
        else:
            alternatives = _alternatives(step_id, current, options, step_id in policy.drop_only)
        on_step = knowledge.weighing_rules_on_step.get(step_id, frozenset())
        fixed = [index for index, matched in enumerate(matching) if matched and index not in on_step]
        # The rules on this step whose other conditions hold: an alternative turns each on or off
        # by its conditions on this step alone.
        candidates = [index for index in sorted(on_step) if _holds_elsewhere(rules[index], answers, step_id)]
        for changed in alternatives:
            added = [index for index in candidates if _holds_here(rules[index], step_id, changed)]
            chosen = [rules[index] for index in sorted([*fixed, *added])]
            weighing = _Weighing(knowledge, {**answers, step_id: changed}, chosen, explain=False)
            other, _ = _verdict(knowledge, weighing)
            if other != verdict and not (verdict != "either" and other == "either" and weighing.forced() is None):
                return Flip(step_id=step_id, from_options=current, to_options=changed, verdict=other)
    return None


def _alternatives(step_id: str, current: list[str], options: list[str], drop_only: bool) -> list[list[str]]:
    """The changes to one answer, nearest first."""
    if drop_only:
        return [[o for o in current if o != dropped] for dropped in current] if len(current) > 1 else []
    others = [o for o in options if o not in current]
    if len(current) == 1 and current[0] in options:
        # Nearest first in the option order ("1-3 months" is nearer "within a month" than "6+").
        here = options.index(current[0])
        others.sort(key=lambda o: abs(options.index(o) - here))
    swaps = [[o] for o in others]
    additions = [[*current, o] for o in others] if len(current) >= 1 and len(options) > 4 else []
    return [*swaps, *additions]


def consultation_link(base_url: str, summary: str) -> str:
    """The consultation URL carrying a short summary of the answers for the consultant."""
    separator = "&" if "?" in base_url else "?"
    return f"{base_url}{separator}{urlencode({'summary': summary[:1500]})}"
