"""Weighing a team's answers: which rules fire, each criterion's weight and scores, the totals and
the verdict; and the same for an alternative that changes one answer, adjusted by what it changes.

Weights are whole numbers of `WeighingTables.unit`ths (see `bot.weighing_tables`), so totals
adjusted by a difference are exactly the totals summed from scratch.
"""

from __future__ import annotations

from dataclasses import dataclass
from operator import mul

from bot.conditions import Answers
from bot.knowledge import Rule, Thresholds, Verdict
from bot.weighing_tables import WeighingTables

Totals = tuple[float, float]  # (tensorflow, pytorch), each 0-10


@dataclass(frozen=True, slots=True)
class Weighed:
    """One set of answers weighed; lists are per criterion, in the knowledge's order."""

    matched: frozenset[int]  # the weighing rules that fired (indices into `WeighingTables.rules`)
    satisfied: dict[int, int]  # per rule, how many of the steps in its `when` hold
    touched: set[int]  # criteria a fired rule weighs up or scores: the ones the answers made count
    units: list[int]
    tensorflow: list[int]
    pytorch: list[int]
    weight: int
    tensorflow_points: int
    pytorch_points: int

    @property
    def totals(self) -> Totals:
        return _totals(self.weight, self.tensorflow_points, self.pytorch_points)

    def with_one_answer_changed(
        self, tables: WeighingTables, answers: Answers, matched: frozenset[int], step_id: str, turned: frozenset[int]
    ) -> Totals:
        """The totals for `answers`, which differ from these only on `step_id`, when the rules
        `matched` fire, `turned` on or off (`matched ^ self.matched`, which the caller knows from
        the few rules naming the step, cheaper than from every rule that fires): those rules move
        the totals by their extras, and only the criteria they set scores on, or whose relevance
        names that step, are weighed again."""
        weight, tensorflow_points, pytorch_points = self.weight, self.tensorflow_points, self.pytorch_points
        affected = set(tables.relevance_on_step.get(step_id, ()))
        for rule_index in turned:
            sign = 1 if rule_index in matched else -1
            extra, tensorflow_extra, pytorch_extra = tables.additive_effect[rule_index]
            weight += sign * extra
            tensorflow_points += sign * tensorflow_extra
            pytorch_points += sign * pytorch_extra
            affected |= tables.reweighed_criteria_of_rule[rule_index]
        for position in affected:
            units, tensorflow, pytorch = tables.profiles[position].state(matched, answers)
            before = self.units[position]
            weight += units - before
            tensorflow_points += units * tensorflow - before * self.tensorflow[position]
            pytorch_points += units * pytorch - before * self.pytorch[position]
        return _totals(weight, tensorflow_points, pytorch_points)


def _totals(weight: int, tensorflow_points: int, pytorch_points: int) -> Totals:
    # int / int is the correctly rounded quotient: what dividing the exact float sums gave.
    return (tensorflow_points / weight, pytorch_points / weight) if weight else (5.0, 5.0)


def weigh(tables: WeighingTables, answers: Answers) -> Weighed:
    matched, satisfied = tables.matching(answers)
    units, tensorflow, pytorch = list(tables.base_units), list(tables.base_tensorflow), list(tables.base_pytorch)
    touched: set[int] = set()
    for rule_index in sorted(matched):  # ascending priority: the highest-priority override lands last
        for position, extra, scores in tables.effects[rule_index]:
            if extra is not None:
                units[position] = max(0, units[position] + extra)
            if scores is not None:
                tensorflow[position], pytorch[position] = scores
            if scores is not None or (extra is not None and extra > 0):
                touched.add(position)
    # A base criterion the answers leave irrelevant counts for nothing, whatever a rule added:
    # research adoption for a six-week phone app, ease of learning for a team that trains nothing.
    for position, relevance in tables.relevant_criteria:
        if relevance.leaves_out(answers):
            units[position] = 0
    return Weighed(
        matched=matched,
        satisfied=satisfied,
        touched=touched,
        units=units,
        tensorflow=tensorflow,
        pytorch=pytorch,
        weight=sum(units),
        tensorflow_points=sum(map(mul, units, tensorflow)),
        pytorch_points=sum(map(mul, units, pytorch)),
    )


def forcing_rule(
    tables: WeighingTables, matched: frozenset[int], totals: Totals, thresholds: Thresholds
) -> Rule | None:
    """The highest-priority rule among `matched` that settles the verdict. A close call (`either`)
    settles it only while the totals are near: a toss-up announced at 6.2 vs 8.0 would contradict
    its own numbers."""
    clear = abs(totals[1] - totals[0]) >= thresholds.close_call_below
    for rule_index in reversed(tables.forcing):
        rule = tables.rules[rule_index]
        if rule_index in matched and not (rule.verdict == "either" and clear):
            return rule
    return None


def decide(thresholds: Thresholds, totals: Totals, forced: Rule | None) -> tuple[Verdict, float]:
    """The verdict and the margin (PyTorch's total minus TensorFlow's)."""
    margin = totals[1] - totals[0]
    if forced is not None and forced.verdict is not None:
        return forced.verdict, margin
    if abs(margin) < thresholds.either_below:
        return "either", margin
    return ("pytorch" if margin > 0 else "tensorflow"), margin
