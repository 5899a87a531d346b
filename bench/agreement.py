"""`python -m bench agreement`: do two blind labellings of the corpus agree, and is what the reading
benchmark counts wrong wrong by both?

bench/data/second_labels_*.yaml holds a second labelling of sampled corpus messages, made by helpers
that saw only each message, its pending question and what was on record. For each part (holdout,
dev) this prints, over the sample: how often the two labellings agree, the bot's precision against
each, and the share of the bot's wrong values (by the corpus's labels) that the second labeller
states, i.e. where the corpus label, not the bot, may be wrong. The sample holds every message the
bot read wrong when it was taken and random others, so its precision is far below the corpus's:
compare the columns, not the levels."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

from bench import safe_load
from bench.reading import TODAY, advisor, load, start_state, stored_and_wanted
from bot.state import Said

DATA = Path(__file__).resolve().parent / "data"


def run() -> dict[str, str]:
    the_advisor = advisor()
    one_choice = {step.id for step in the_advisor.conversation.steps if step.kind != "many"}
    exclusive = {(step.id, o.id) for step in the_advisor.conversation.steps for o in step.options if o.exclusive}
    rows: dict[str, str] = {}
    for path in sorted(DATA.glob("second_labels_*.yaml")):
        part = path.stem.removeprefix("second_labels_")
        corpora: dict[str, dict[tuple[str, str], dict[str, Any]]] = {}
        c: Counter[str] = Counter()
        for item in safe_load(path.read_text()):
            entries = corpora.setdefault(item["corpus"], {(e["text"], e["pending"]): e for e in load(item["corpus"])})
            entry = entries[item["text"], item["pending"]]
            state = start_state(entry)
            after, _ = the_advisor.turn(state, Said(entry["text"]), TODAY)
            stored, first = stored_and_wanted(the_advisor, entry, state, after, one_choice, exclusive)
            _, second = stored_and_wanted(
                the_advisor, {**entry, "expect": item["second"]}, state, after, one_choice, exclusive
            )
            c["messages"] += 1
            c["same kind"] += entry["expect"]["kind"] == item["second"]["kind"]
            c["same values"] += first == second
            c["stored"] += len(stored)
            c["right by first"] += len(stored & first)
            c["right by second"] += len(stored & second)
            c["right by either"] += len(stored & (first | second))
            c["wrong by first"] += len(stored - first)
            c["wrong by first, stated in second"] += len((stored - first) & second)
        n, s, w = c["messages"], max(1, c["stored"]), max(1, c["wrong by first"])
        rows[f"agreement {part}: messages labelled twice"] = str(n)
        rows[f"agreement {part}: same kind / same values"] = f"{c['same kind'] / n:.1%} / {c['same values'] / n:.1%}"
        rows[f"agreement {part}: bot precision on the sample, by first / second / either labels"] = (
            f"{c['right by first'] / s:.1%} / {c['right by second'] / s:.1%} / {c['right by either'] / s:.1%}"
        )
        rows[f"agreement {part}: bot's wrong values that the second labeller states"] = (
            f"{c['wrong by first, stated in second']} of {c['wrong by first']} "
            f"({c['wrong by first, stated in second'] / w:.1%})"
        )
    return rows
