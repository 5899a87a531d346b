"""What-ifs after a recommendation: the same answers with some changed, weighed again."""

from __future__ import annotations

from dataclasses import dataclass

from bot.advice import Flip, Recommendation, Weighing, recommend, rounded
from bot.conversation import UNSURE, Conversation
from bot.knowledge import Knowledge, Verdict
from bot.state import effective


@dataclass(frozen=True)
class WhatIf:
    answers: dict[str, list[str]]  # the answers with the change made
    changes: list[str]  # each change as the bot says it: "Timeline: *1-3 months* (instead of 6+ months)"
    original: Verdict
    original_totals: dict[str, float]
    verdict: Verdict
    totals: dict[str, float]
    recommendation: Recommendation | None  # the full new one, only when the verdict changes


def what_if(
    knowledge: Knowledge,
    conversation: Conversation,
    answers: dict[str, list[str]],
    base: dict[str, list[str]],
    found: dict[str, list[str]],
    replace: bool,
    on_record: Recommendation,
    dropped: dict[str, list[str]] | None = None,
    adds: bool = False,
    supposes: bool = False,
) -> WhatIf | None:
    """`base` (the answers, or an earlier what-if's) with what `found` states changed and what
    `dropped` rules out taken away; None if that changes nothing. Several-choice answers are added
    to unless `replace` (an option added takes the place of those it `replaces` unless the message
    `adds`; a what-if, `supposes`, names a step's options instead of its answer where the step says
    so). The verdict to compare with is that of `answers`, the answers on record,
    recommended as `on_record`."""
    dropped = dropped or {}
    changed = {k: list(v) for k, v in base.items()}
    changes: list[str] = []
    for step in conversation.steps:
        if step.id not in found and step.id not in dropped:
            continue
        before = [o for o in base.get(step.id, []) if o != UNSURE]
        values = found.get(step.id, [])
        instead = replace or (supposes and step.supposed_instead and not adds)
        if step.kind == "many" and (not instead or not values):  # (a replacement naming nothing only drops)
            # "what if cost mattered most?" on top of "nothing else": the exclusive answer goes
            exclusive = {o.id for o in step.options if o.exclusive}
            values = step.joined([o for o in before if o not in exclusive], values, told_to_add=adds)
        values = [o for o in values if o not in dropped.get(step.id, [])]
        if step.kind != "many" and len(values) > 1:
            # "what if we just used llama or some ready model as it is, no training": a one-choice
            # answer supposed as the one that takes the others in, or not supposed at all
            best = step.outranking(values)
            values = [best] if best else []
        if not values and set(before) & set(dropped.get(step.id, [])):
            values = [UNSURE]  # "what if they take the A100s away?": the only answer ruled out is not known
        if values == before or not values:
            continue
        changed[step.id] = values
        changes.append(
            f"{step.title}: *{step.describe(values)}* (instead of {step.describe(base.get(step.id, [UNSURE]))})"
        )
    if not changes:
        return None
    # The verdicts and totals decide the wording; the full recommendation (with what would flip it)
    # is only needed when the verdict changes and is shown again. The answers on record were
    # recommended already, and the changed ones are weighed once for both.
    original = on_record.verdict
    weighing = Weighing(knowledge, effective(changed))
    updated: Recommendation | None = None
    if weighing.verdict != original:
        back: Flip | None = None
        moved = [s for s in conversation.step_ids if changed.get(s) != answers.get(s)]
        if len(moved) == 1:
            # Setting the one changed answer back restores the original verdict: that is what would
            # change the hypothetical recommendation, with no need to search for it.
            step_id = moved[0]
            back = Flip(
                step_id=step_id,
                from_options=changed[step_id],
                to_options=answers.get(step_id, [UNSURE]),
                verdict=original,
            )
        updated = recommend(knowledge, effective(changed), conversation.options_by_step, back, weighing)
    return WhatIf(changed, changes, original, on_record.totals, weighing.verdict, rounded(weighing.totals), updated)
