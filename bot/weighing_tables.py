"""What weighing a team's answers needs that depends only on the knowledge, built once at load.

A recommendation weighs the team's answers once, then up to two dozen alternatives that each
change one answer (the flip search). These tables make an alternative cost only what it changes:
the weighing rules indexed by the step and option that turn them on or off, the criteria each
rule touches, and every weight as a whole number of `unit`ths. Integer sums are exact in any
order, so totals adjusted by a difference equal totals summed from scratch; and since every
float is a binary fraction, some power of two always makes the knowledge's weights whole (for
today's weights, in halves, it is 2, and the float sums used before were exact too).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from math import lcm

from bot.conditions import Answers
from bot.knowledge import Answered, Knowledge, Relevance, Rule

Scores = tuple[int, int]  # (tensorflow, pytorch)
_NONE: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class Condition:
    """An `Answered` condition (see `bot.conditions.holds`) with its options as sets."""

    any_of: tuple[tuple[str, frozenset[str]], ...]
    only: tuple[tuple[str, frozenset[str]], ...]

    @classmethod
    def of(cls, answered: Answered) -> Condition:
        return cls(
            tuple((s, frozenset(o)) for s, o in answered.any_of.items()),
            tuple((s, frozenset(o)) for s, o in answered.only.items()),
        )

    def holds(self, answers: Answers) -> bool:
        # Plain loops: the flip search asks this a few times per alternative, and generators cost more.
        for step_id, wanted in self.any_of:
            if wanted.isdisjoint(answers.get(step_id, ())):
                return False
        for step_id, wanted in self.only:
            given = answers.get(step_id)
            if not given or not wanted.issuperset(given):
                return False
        return True


@dataclass(frozen=True, slots=True)
class Relevant:
    """A criterion's `Relevance` (see `bot.conditions.irrelevant`), with its conditions as sets."""

    irrelevant_when: tuple[Condition, ...]
    relevant_when: tuple[Condition, ...]

    @classmethod
    def of(cls, relevance: Relevance) -> Relevant:
        return cls(
            tuple(Condition.of(c) for c in relevance.irrelevant_when),
            tuple(Condition.of(c) for c in relevance.relevant_when),
        )

    @property
    def steps(self) -> set[str]:
        return {s for c in (*self.irrelevant_when, *self.relevant_when) for s, _ in (*c.any_of, *c.only)}

    def leaves_out(self, answers: Answers) -> bool:
        # Plain loops, as in `Condition.holds`: asked for every criterion with a relevance in each
        # weighing and again for those an alternative's step names, generators cost more than the test.
        for condition in self.irrelevant_when:
            if condition.holds(answers):
                break
        else:
            return False
        for condition in self.relevant_when:  # noqa: SIM110 - a loop, not all(), for speed (above)
            if condition.holds(answers):
                return False
        return True


@dataclass(frozen=True, slots=True)
class CriterionProfile:
    """One criterion and every rule that can change it, in the order the rules apply."""

    base_units: int
    base_scores: Scores
    changes: tuple[tuple[int, int | None, Scores | None], ...]  # (rule index, weight added, scores set)
    relevance: Relevant | None

    def state(self, matched: frozenset[int], answers: Answers) -> tuple[int, int, int]:
        """The criterion's weight (in units) and scores when the rules `matched` fire for `answers`."""
        units, (tensorflow, pytorch) = self.base_units, self.base_scores
        for rule_index, extra, scores in self.changes:
            if rule_index in matched:
                if extra is not None:
                    units = max(0, units + extra)  # as each rule applies: a weight never goes below 0
                if scores is not None:
                    tensorflow, pytorch = scores
        if self.relevance is not None and self.relevance.leaves_out(answers):
            units = 0
        return units, tensorflow, pytorch


def _unit(weights: Iterable[float]) -> int:
    """The smallest power of two that makes every weight a whole number."""
    return lcm(1, *(Fraction(w).denominator for w in weights))


def _profiles(knowledge: Knowledge, rules: list[Rule], unit: int) -> list[CriterionProfile]:
    """Every criterion in the knowledge's order, with the rules that change it."""
    position = {c.id: i for i, c in enumerate(knowledge.criteria)}

    def units(weight: float) -> int:
        return int(weight * unit)  # exact: the unit makes every weight whole

    changes: list[list[tuple[int, int | None, Scores | None]]] = [[] for _ in knowledge.criteria]
    for rule_index, rule in enumerate(rules):
        for criterion_id in dict.fromkeys([*rule.weights, *rule.scores]):
            extra = rule.weights.get(criterion_id)
            override = rule.scores.get(criterion_id)
            changes[position[criterion_id]].append(
                (
                    rule_index,
                    None if extra is None else units(extra),
                    None if override is None else (override.tensorflow, override.pytorch),
                )
            )
    relevance = knowledge.advice.relevance
    return [
        CriterionProfile(
            base_units=units(c.base_weight),
            base_scores=(c.current.tensorflow, c.current.pytorch),
            changes=tuple(changes[i]),
            relevance=Relevant.of(relevance[c.id]) if c.id in relevance else None,
        )
        for i, c in enumerate(knowledge.criteria)
    ]


def _index(rules: list[Rule], field: str) -> dict[str, dict[str, frozenset[int]]]:
    """step -> option -> the indices of the rules whose `field` (when or unless) names that option."""
    found: dict[str, dict[str, set[int]]] = {}
    for rule_index, rule in enumerate(rules):
        conditions: dict[str, list[str]] = getattr(rule, field)
        for step_id, options in conditions.items():
            for option_id in options:
                found.setdefault(step_id, {}).setdefault(option_id, set()).add(rule_index)
    return {s: {o: frozenset(i) for o, i in by_option.items()} for s, by_option in found.items()}


class WeighingTables:
    """The knowledge's weighing rules (`rules`, ascending priority) and criteria, indexed."""

    def __init__(self, knowledge: Knowledge) -> None:
        self.rules = knowledge.weighing_rules
        self.criterion_ids = [c.id for c in knowledge.criteria]
        self.unit = _unit(
            [*(c.base_weight for c in knowledge.criteria), *(w for r in self.rules for w in r.weights.values())]
        )
        self.profiles = _profiles(knowledge, self.rules, self.unit)
        self.base_units = [p.base_units for p in self.profiles]
        self.base_tensorflow = [p.base_scores[0] for p in self.profiles]
        self.base_pytorch = [p.base_scores[1] for p in self.profiles]
        # Per rule, (criterion position, weight added, scores set): what firing it does.
        self.effects: list[list[tuple[int, int | None, Scores | None]]] = [[] for _ in self.rules]
        for position, profile in enumerate(self.profiles):
            for rule_index, extra, scores in profile.changes:
                self.effects[rule_index].append((position, extra, scores))
        self._index_additive_criteria()
        self._index_relevance()
        self._index_steps()
        self.forcing = [i for i, r in enumerate(self.rules) if r.verdict is not None]
        # Rules that say something beyond their weights, which a recommendation's wording reads.
        self.explaining = frozenset(
            i for i, r in enumerate(self.rules) if r.stack or r.note or r.caveats or r.headline or r.verdict == "either"
        )

    def _index_additive_criteria(self) -> None:
        # A criterion that rules only weigh up (no scores set, no relevance) weighs its base plus
        # every fired rule's extra, in any order: turning a rule on or off moves the totals by that
        # rule's extras alone, summed here once. The others are weighed again when a rule changes.
        additive = [
            p.relevance is None and all(scores is None and (extra or 0) >= 0 for _, extra, scores in p.changes)
            for p in self.profiles
        ]
        self.additive_effect: list[tuple[int, int, int]] = []
        self.reweighed_criteria_of_rule: list[frozenset[int]] = []
        for effects in self.effects:
            summed = [(extra or 0, p) for p, extra, _ in effects if additive[p]]
            self.additive_effect.append(
                (
                    sum(e for e, _ in summed),
                    sum(e * self.base_tensorflow[p] for e, p in summed),
                    sum(e * self.base_pytorch[p] for e, p in summed),
                )
            )
            self.reweighed_criteria_of_rule.append(frozenset(p for p, _, _ in effects if not additive[p]))

    def _index_relevance(self) -> None:
        self.relevant_criteria = [(i, p.relevance) for i, p in enumerate(self.profiles) if p.relevance is not None]
        self.relevance_on_step: dict[str, frozenset[int]] = {}
        for i, relevance in self.relevant_criteria:
            for step_id in relevance.steps:
                self.relevance_on_step[step_id] = self.relevance_on_step.get(step_id, frozenset()) | {i}
        relevance_of = dict(self.relevant_criteria)
        self.relevance_conditions_on_step: dict[str, tuple[Relevant, ...]] = {
            step_id: tuple(relevance_of[i] for i in sorted(positions))
            for step_id, positions in self.relevance_on_step.items()
        }

    def left_out_on_step(self, step_id: str, answers: Answers) -> tuple[bool, ...]:
        """Which of the criteria whose relevance names `step_id` the answers leave out."""
        return tuple(
            [relevance.leaves_out(answers) for relevance in self.relevance_conditions_on_step.get(step_id, ())]
        )

    def _index_steps(self) -> None:
        rules = self.rules
        self.when_count = [len(r.when) for r in rules]
        self.when_by_option = _index(rules, "when")
        self.unless_by_option = _index(rules, "unless")
        self.guarded = frozenset(i for i, r in enumerate(rules) if r.unless or r.requires)
        # step -> rule -> the options the rule requires on that step
        self.requires_on_step: dict[str, dict[int, frozenset[str]]] = {}
        for rule_index, rule in enumerate(rules):
            for step_id, needed in rule.requires.items():
                self.requires_on_step.setdefault(step_id, {})[rule_index] = frozenset(needed)
        self.on_step: dict[str, frozenset[int]] = {}
        # Rules that name a step only in `unless` or `requires`: on that step they hold unless excluded.
        self.unnamed_in_when: dict[str, frozenset[int]] = {}
        # Rules with conditions on other steps too: whether those hold depends on the team's answers.
        self.entangled_on_step: dict[str, frozenset[int]] = {}
        for rule_index, rule in enumerate(rules):
            named = {*rule.when, *rule.unless, *rule.requires}
            for step_id in named:
                self.on_step[step_id] = self.on_step.get(step_id, frozenset()) | {rule_index}
                if step_id not in rule.when:
                    self.unnamed_in_when[step_id] = self.unnamed_in_when.get(step_id, frozenset()) | {rule_index}
                if len(named) > 1:
                    self.entangled_on_step[step_id] = self.entangled_on_step.get(step_id, frozenset()) | {rule_index}

    def fired_on(self, step_id: str, values: Iterable[str]) -> frozenset[int]:
        """The rules whose `when` condition on `step_id` holds for the answer `values`."""
        by_option = self.when_by_option.get(step_id)
        if not by_option:
            return frozenset()
        return frozenset().union(*(by_option.get(v, ()) for v in values))

    def passes_guards(self, rule_index: int, answers: Answers, skip: str | None = None) -> bool:
        """A rule's `unless` and `requires` hold for `answers` (on every step but `skip`)."""
        rule = self.rules[rule_index]
        if any(o in unwanted for s, unwanted in rule.unless.items() if s != skip for o in answers.get(s, [])):
            return False
        return all(o in answers.get(s, []) for s, needed in rule.requires.items() if s != skip for o in needed)

    def holding_here(self, step_id: str, values: list[str], among: frozenset[int]) -> frozenset[int]:
        """Of `among` (rules that name `step_id`), those whose conditions on that step hold when its
        answer is `values`."""
        # The flip search asks this for every alternative answer: plain set operations per value
        # (most answers are one), no generators, and only rules that require options here checked.
        here = self.unnamed_in_when.get(step_id, _NONE)
        by_option = self.when_by_option.get(step_id, {})
        for value in values:
            here = here | by_option.get(value, _NONE)
        here = here & among
        unless = self.unless_by_option.get(step_id, {})
        for value in values:
            here = here - unless.get(value, _NONE)
        requiring = self.requires_on_step.get(step_id)
        if requiring:
            given = set(values)
            here = here - {i for i in here & requiring.keys() if not requiring[i] <= given}
        return here

    def matching(self, answers: Answers) -> tuple[frozenset[int], dict[int, int]]:
        """The weighing rules that fire for `answers`, and per rule how many of the steps in its
        `when` the answers satisfy (the flip search reads which rules are one step from firing)."""
        satisfied: dict[int, int] = {}
        for step_id, values in answers.items():
            for rule_index in self.fired_on(step_id, values):
                satisfied[rule_index] = satisfied.get(rule_index, 0) + 1
        when_count, guarded = self.when_count, self.guarded
        matched = frozenset(
            i
            for i, count in satisfied.items()
            if count == when_count[i] and (i not in guarded or self.passes_guards(i, answers))
        )
        return matched, satisfied

    def holding_elsewhere(
        self, step_id: str, answers: Answers, satisfied: Mapping[int, int], fired_here: frozenset[int]
    ) -> frozenset[int]:
        """Of the rules that name `step_id`, those whose conditions on every other step hold for
        `answers` (`satisfied` and `fired_here`, from `matching` and `fired_on`, say which of their
        `when` steps hold)."""
        on_step = self.on_step.get(step_id, frozenset())
        entangled = self.entangled_on_step.get(step_id, frozenset())
        failing: set[int] = set()
        for rule_index in entangled:
            rule = self.rules[rule_index]
            named_here = step_id in rule.when
            elsewhere = satisfied.get(rule_index, 0) - (rule_index in fired_here)
            if elsewhere != self.when_count[rule_index] - named_here or (
                rule_index in self.guarded and not self.passes_guards(rule_index, answers, skip=step_id)
            ):
                failing.add(rule_index)
        return on_step - failing
