"""One dialogue step in process: matching, the transition and (where the step gives one) the advice."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from bench.stats import summary_ms
from bot.conversation import load_conversation
from bot.dialogue import Advisor, Said, State
from bot.knowledge import Knowledge, load_knowledge

ROOT = Path(__file__).resolve().parent.parent
# A whole conversation, and what kind of step each line is.
SCRIPT = [
    ("we are 3 keras devs shipping an android app in 6 weeks", "answer"),
    ("image classification", "answer"),
    ("no, greenfield", "answer"),
    ("nvidia gpus", "answer"),
    ("nothing else", "answer"),
    ("yes", "recommendation"),
    ("why not tensorflow?", "follow-up question"),
    ("what if we had to run on a microcontroller instead?", "what-if"),
]
TARGET_MS = 1.0


def run(rounds: int = 300, knowledge: Knowledge | None = None, label: str = "core step") -> dict[str, str]:
    """p50/p99 of `Advisor.turn` per kind of step, over `rounds` whole conversations, with today's
    knowledge or `knowledge` (see `bench.big_knowledge`); rows are named `label: <kind>`."""
    knowledge = knowledge or load_knowledge(ROOT / "knowledge")
    advisor = Advisor(load_conversation(ROOT / "conversations"), knowledge, "https://x")
    today = date(2026, 11, 25)
    samples: dict[str, list[float]] = {kind: [] for _, kind in SCRIPT}
    every: list[float] = []
    # The thread's CPU time as well: on a shared machine a sub-millisecond step's wall-clock p99 is
    # mostly the time the scheduler gave another process; its CPU time is the step's own work.
    cpu: list[float] = []
    for _ in range(rounds):
        # Every round plays the same answers; without this the advisor's per-answers cache would
        # make every recommendation after the first a lookup. Within a round, follow-ups do reuse
        # the recommendation they follow, as they do for a real user.
        advisor._recommend.cache_clear()
        # Nor read the same lines from memory: each round's messages are read as new text.
        advisor.reader.forget_seen()
        state = State()
        for line, kind in SCRIPT:
            used = time.thread_time()
            started = time.perf_counter()
            state, _replies = advisor.turn(state, Said(line), today)
            elapsed = time.perf_counter() - started
            cpu.append(time.thread_time() - used)
            samples[kind].append(elapsed)
            every.append(elapsed)
    rows = {f"{label}: {kind}": summary_ms(values) for kind, values in samples.items()}
    rows[f"{label}: every step"] = summary_ms(every) + f" (target p99 < {TARGET_MS:g} ms)"
    rows[f"{label}: every step, thread CPU time"] = summary_ms(cpu)
    return rows
