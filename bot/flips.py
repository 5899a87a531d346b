"""What would change the verdict: the nearest plausible change to one of the team's own answers.

The search weighs up to two dozen alternatives per recommendation, so each is weighed by what
it changes (`Weighed.with_one_answer_changed`): the rules that name the changed step are checked
on that step alone, and only the criteria they touch are weighed again. A property test checks it
against weighing every alternative from scratch.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict

from bot.conditions import Answers
from bot.knowledge import Knowledge, Verdict
from bot.weighing import Weighed, decide, forcing_rule, weigh
from bot.weighing_tables import WeighingTables


class Flip(BaseModel):
    model_config = ConfigDict(frozen=True)

    step_id: str
    from_options: list[str]
    to_options: list[str]
    verdict: Verdict


def find_flip(
    knowledge: Knowledge,
    answers: Answers,
    steps: Mapping[str, list[str]],
    verdict: Verdict,
    team: Weighed | None = None,
) -> Flip | None:
    """The nearest plausible change to the team's own answers that changes the verdict, if any.

    Only questions the team answered, in the knowledge's order of plausibility (`advice.flips`):
    a deadline moves to the next bucket before a far one, a skill is added or swapped, a target is
    only ever dropped, an existing stack only becomes "starting fresh", and hardware is never
    suggested. `team`: the answers already weighed, if they are."""
    tables = knowledge.weighing_tables
    thresholds = knowledge.advice.thresholds
    policy = knowledge.advice.flips
    team = team or weigh(tables, answers)
    for step_id in policy.steps:
        current = list(answers.get(step_id, []))
        if not current or step_id not in steps:
            continue
        if step_id in policy.only_to:
            alternatives = [[o] for o in policy.only_to[step_id] if [o] != current]
        else:
            alternatives = _alternatives(current, steps[step_id], step_id in policy.drop_only)
        on_step = tables.on_step.get(step_id, frozenset())
        # A change to this answer turns on or off only the rules that name the step, and of those
        # only the ones whose conditions elsewhere hold: each by its conditions on this step alone.
        kept = team.matched - on_step
        candidates = tables.holding_elsewhere(step_id, answers, team.satisfied, tables.fired_on(step_id, current))
        # An alternative that fires the same rules and leaves out the same criteria as one already
        # weighed (or as the team's own answer) weighs the same, so it cannot flip where that one
        # did not: "python" and "beginners", or a priority with and without "nothing else". Which
        # criteria are left out is asked only when the rules are the same: it costs as much again.
        team_here = team.matched & on_step
        weighed_alike: dict[frozenset[int], list[Answers]] = {team_here: [answers]}
        for changed in alternatives:
            alternative = {**answers, step_id: changed}
            here = tables.holding_here(step_id, changed, candidates)
            same_rules = weighed_alike.setdefault(here, [])
            if same_rules and _leaves_out_alike(tables, step_id, alternative, same_rules):
                continue
            same_rules.append(alternative)
            matched = kept | here
            totals = team.with_one_answer_changed(tables, alternative, matched, step_id, here ^ team_here)
            forced = forcing_rule(tables, matched, totals, thresholds)
            other, _ = decide(thresholds, totals, forced)
            if other != verdict and not (verdict != "either" and other == "either" and forced is None):
                return Flip(step_id=step_id, from_options=current, to_options=changed, verdict=other)
    return None


def _leaves_out_alike(tables: WeighingTables, step_id: str, alternative: Answers, others: list[Answers]) -> bool:
    """Whether `alternative` leaves out the criteria whose relevance names `step_id` as one of
    `others` does."""
    left_out = tables.left_out_on_step(step_id, alternative)
    return any(tables.left_out_on_step(step_id, other) == left_out for other in others)


def _alternatives(current: list[str], options: list[str], drop_only: bool) -> list[list[str]]:
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
