"""The weighing's fast path (indexed rules, integer weights, alternatives weighed by what they
change) gives exactly what weighing plainly gives: every rule matched again, every criterion
summed again, for today's knowledge and for the benchmark's ten-times knowledge."""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from bench import big_knowledge
from bot.advice import Weighing, recommend
from bot.conditions import irrelevant, matches
from bot.flips import Flip, _alternatives, find_flip
from bot.knowledge import Knowledge, Relevance, Rule, Verdict
from bot.weighing_tables import _unit
from tests.test_advice_properties import KNOWLEDGE, STEPS, answer_sets

with tempfile.TemporaryDirectory(prefix="advisor-test-") as _folder:
    KNOWLEDGE_10X: Knowledge = big_knowledge.load(Path(_folder))
BOTH = pytest.mark.parametrize("knowledge", [KNOWLEDGE, KNOWLEDGE_10X], ids=["today", "10x"])
# Each property is checked on 75 teams in the fast suite, and again on 200 in the slow suite
# (python -m pytest -m slow) by its twin, `..._thoroughly`, just below it.
SETTINGS = settings(max_examples=75, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
THOROUGH = settings(SETTINGS, max_examples=200)


class PlainWeighing:
    """The weighing as first written: float weights, every rule and every criterion, in order."""

    def __init__(self, knowledge: Knowledge, answers: Mapping[str, list[str]]) -> None:
        self.weights = {c.id: c.base_weight for c in knowledge.criteria}
        self.scores = {c.id: (c.current.tensorflow, c.current.pytorch) for c in knowledge.criteria}
        self.rules = [r for r in knowledge.weighing_rules if matches(r, answers, None)]
        for rule in self.rules:
            for criterion_id, extra in rule.weights.items():
                self.weights[criterion_id] = max(0.0, self.weights[criterion_id] + extra)
            for criterion_id, override in rule.scores.items():
                self.scores[criterion_id] = (override.tensorflow, override.pytorch)
        for criterion_id, relevance in knowledge.advice.relevance.items():
            if irrelevant(relevance, answers):
                self.weights[criterion_id] = 0.0
        weight = sum(self.weights.values())
        tensorflow = sum(w * self.scores[c][0] for c, w in self.weights.items())
        pytorch = sum(w * self.scores[c][1] for c, w in self.weights.items())
        self.totals = (tensorflow / weight, pytorch / weight) if weight else (5.0, 5.0)
        clear = abs(self.totals[1] - self.totals[0]) >= knowledge.advice.thresholds.close_call_below
        forcing = [r for r in self.rules if r.verdict is not None and not (r.verdict == "either" and clear)]
        self.forced: Rule | None = forcing[-1] if forcing else None
        margin = self.totals[1] - self.totals[0]
        self.verdict: Verdict
        if self.forced is not None and self.forced.verdict is not None:
            self.verdict = self.forced.verdict
        elif abs(margin) < knowledge.advice.thresholds.either_below:
            self.verdict = "either"
        else:
            self.verdict = "pytorch" if margin > 0 else "tensorflow"


def plain_flip(knowledge: Knowledge, answers: dict[str, list[str]], verdict: Verdict) -> Flip | None:
    """find_flip as written plainly: every alternative weighed from scratch."""
    policy = knowledge.advice.flips
    for step_id in policy.steps:
        current = list(answers.get(step_id, []))
        if not current or step_id not in STEPS:
            continue
        if step_id in policy.only_to:
            alternatives = [[o] for o in policy.only_to[step_id] if [o] != current]
        else:
            alternatives = _alternatives(current, STEPS[step_id], step_id in policy.drop_only)
        for changed in alternatives:
            weighing = PlainWeighing(knowledge, {**answers, step_id: changed})
            other = weighing.verdict
            if other != verdict and not (verdict != "either" and other == "either" and weighing.forced is None):
                return Flip(step_id=step_id, from_options=current, to_options=changed, verdict=other)
    return None


@BOTH
@SETTINGS
@given(answers=answer_sets())
def test_the_weighing_gives_the_plain_weights_scores_totals_and_forcing_rule(
    knowledge: Knowledge, answers: dict[str, list[str]]
) -> None:
    plain = PlainWeighing(knowledge, answers)
    fast = Weighing(knowledge, answers)
    assert [fast.tables.rules[i] for i in sorted(fast.weighed.matched)] == plain.rules
    # What the recommendation's wording reads: every fired rule with a stack, note, caveat,
    # headline or close call, in order; the rules that only weigh are left out.
    telling = [r for r in plain.rules if r.stack or r.note or r.caveats or r.headline or r.verdict == "either"]
    assert fast.explaining == telling
    assert fast.totals == plain.totals  # exactly, not approximately
    assert fast.forced == plain.forced
    weighed, ids = fast.weighed, fast.tables.criterion_ids
    assert {c: weighed.units[i] / fast.tables.unit for i, c in enumerate(ids)} == plain.weights
    assert {c: (weighed.tensorflow[i], weighed.pytorch[i]) for i, c in enumerate(ids)} == plain.scores
    assert fast.verdict == plain.verdict


@pytest.mark.slow
@BOTH
@THOROUGH
@given(answers=answer_sets())
def test_the_weighing_gives_the_plain_weights_scores_totals_and_forcing_rule_thoroughly(
    knowledge: Knowledge, answers: dict[str, list[str]]
) -> None:
    test_the_weighing_gives_the_plain_weights_scores_totals_and_forcing_rule.hypothesis.inner_test(knowledge, answers)


@BOTH
@SETTINGS
@given(answers=answer_sets())
def test_the_flip_search_finds_what_weighing_every_alternative_plainly_finds(
    knowledge: Knowledge, answers: dict[str, list[str]]
) -> None:
    verdict = PlainWeighing(knowledge, answers).verdict
    assert recommend(knowledge, answers, STEPS).verdict == verdict
    assert find_flip(knowledge, answers, STEPS, verdict) == plain_flip(knowledge, answers, verdict)


@pytest.mark.slow
@BOTH
@THOROUGH
@given(answers=answer_sets())
def test_the_flip_search_finds_what_weighing_every_alternative_plainly_finds_thoroughly(
    knowledge: Knowledge, answers: dict[str, list[str]]
) -> None:
    test_the_flip_search_finds_what_weighing_every_alternative_plainly_finds.hypothesis.inner_test(knowledge, answers)


def _alternatives_by_weighing(
    knowledge: Knowledge, answers: dict[str, list[str]], step_id: str
) -> dict[tuple[frozenset[str], tuple[bool, ...]], list[PlainWeighing]]:
    """The team's own answer on `step_id` and every alternative the flip search tries there,
    weighed plainly and grouped by what the search takes them to weigh alike: the rules naming the
    step that fire, and which criteria whose relevance names the step are left out."""
    policy = knowledge.advice.flips
    current = answers[step_id]
    if step_id in policy.only_to:
        alternatives = [[o] for o in policy.only_to[step_id] if [o] != current]
    else:
        alternatives = _alternatives(current, STEPS[step_id], step_id in policy.drop_only)
    named = {r.id for r in knowledge.weighing_rules if step_id in {*r.when, *r.unless, *r.requires}}
    relevances = [r for r in knowledge.advice.relevance.values() if step_id in _steps_of(r)]
    groups: dict[tuple[frozenset[str], tuple[bool, ...]], list[PlainWeighing]] = {}
    for changed in [current, *alternatives]:
        alternative = {**answers, step_id: changed}
        plain = PlainWeighing(knowledge, alternative)
        key = (
            frozenset(r.id for r in plain.rules if r.id in named),
            tuple(irrelevant(r, alternative) for r in relevances),
        )
        groups.setdefault(key, []).append(plain)
    return groups


def _steps_of(relevance: Relevance) -> set[str]:
    return {s for c in (*relevance.irrelevant_when, *relevance.relevant_when) for s in (*c.any_of, *c.only)}


@BOTH
@SETTINGS
@given(answers=answer_sets())
def test_alternatives_the_flip_search_skips_as_weighed_alike_weigh_the_same(
    knowledge: Knowledge, answers: dict[str, list[str]]
) -> None:
    # The search weighs only the first alternative (or the team's own answer) of each group; the
    # test above checks what it finds against the full search, this one why skipping is exact.
    for step_id in knowledge.advice.flips.steps:
        if not answers.get(step_id):
            continue
        for alike in _alternatives_by_weighing(knowledge, answers, step_id).values():
            outcomes = {(w.totals, w.verdict, w.forced and w.forced.id) for w in alike}
            assert len(outcomes) == 1, (step_id, outcomes)


@pytest.mark.slow
@BOTH
@THOROUGH
@given(answers=answer_sets())
def test_alternatives_the_flip_search_skips_as_weighed_alike_weigh_the_same_thoroughly(
    knowledge: Knowledge, answers: dict[str, list[str]]
) -> None:
    test_alternatives_the_flip_search_skips_as_weighed_alike_weigh_the_same.hypothesis.inner_test(knowledge, answers)


def test_the_flip_search_skips_alternatives_on_todays_and_the_10x_knowledge() -> None:
    # Otherwise the test above would hold vacuously: "python" and "beginners" weigh alike.
    for knowledge in (KNOWLEDGE, KNOWLEDGE_10X):
        groups = _alternatives_by_weighing(knowledge, _examples()[0], "skills")
        assert any(len(alike) > 1 for alike in groups.values())


def test_the_flip_search_is_checked_on_answers_where_a_flip_exists_and_where_none_does() -> None:
    # The property tests above would pass vacuously if no generated team ever had a flip.
    flips = [find_flip(KNOWLEDGE_10X, a, STEPS, PlainWeighing(KNOWLEDGE_10X, a).verdict) for a in _examples()]
    assert any(f is not None for f in flips) and any(f is None for f in flips)


def _examples() -> list[dict[str, list[str]]]:
    return [
        {"use_case": ["vision"], "skills": ["keras"], "deployment": ["android"], "timeline": ["quarter"]},
        {"use_case": ["audio"], "deployment": ["microcontroller"]},
        {"use_case": ["llm"], "skills": ["pytorch"], "deployment": ["server"], "hardware": ["nvidia"]},
        {"use_case": ["vision"], "skills": ["tensorflow"], "existing_stack": ["tf_production"]},
    ]


def test_weights_become_whole_units_whatever_binary_fraction_they_are() -> None:
    assert _unit([0.0, 1.0, 1.5, 30.0]) == 2
    assert _unit([1.0, 0.125, 0.5]) == 8
    unit = _unit([0.1, 0.3])  # not binary fractions in decimal, but floats are
    assert all((w * unit).is_integer() for w in (0.1, 0.3))
    assert KNOWLEDGE.weighing_tables.unit == 2  # today's weights are in halves
