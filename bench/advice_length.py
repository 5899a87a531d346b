"""How long the recommendation a team reads is: words, characters and source lines of the Slack
summary, over generated answer sets (every step answered with one or two options, fresh each)."""

from __future__ import annotations

import random
import re
import statistics
from datetime import date

from bench.reading import advisor
from bot import render_blocks
from bot.replies import Advise
from bot.state import Pressed, State

_LINK = re.compile(r"<[^|>]*\|([^>]*)>")


def run(teams: int = 200, seed: int = 11) -> dict[str, str]:
    the_advisor = advisor()
    rng = random.Random(seed)
    words: list[int] = []
    characters: list[int] = []
    sources: list[int] = []
    for _ in range(teams):
        answers = {}
        for step in the_advisor.conversation.steps:
            ids = [o.id for o in step.options]
            answers[step.id] = sorted(set(rng.sample(ids, 2 if step.kind == "many" else 1)))
        _, replies = the_advisor.turn(
            State(phase="confirming", answers=answers), Pressed("confirm"), date(2026, 11, 25)
        )
        advice = next(r for r in replies if isinstance(r, Advise))
        blocks = render_blocks.blocks_for(advice)
        text = _LINK.sub(r"\1", " ".join(b["text"]["text"] for b in blocks if b["type"] in ("section", "header")))
        words.append(len(text.split()))
        characters.append(len(text))
        sources.append(sum(len(b["elements"]) for b in blocks if b["type"] == "context") - 1)  # minus the hint

    def spread(values: list[int]) -> str:
        ordered = sorted(values)
        return f"median {statistics.median(ordered):g}, p90 {ordered[int(0.9 * len(ordered))]}, max {ordered[-1]}"

    return {
        f"recommendation summary words ({teams} teams)": spread(words),
        "recommendation summary characters": spread(characters),
        "recommendation summary source lines": spread(sources),
    }
