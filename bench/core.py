"""One dialogue step in process: matching, the transition and (on the last step) the advice."""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path

from bench.stats import percentile
from bot.conversation import load_conversation
from bot.dialogue import Advisor, Said, State
from bot.knowledge import load_knowledge

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = [
    "we are 3 keras devs shipping an android app in 6 weeks",
    "image classification",
    "no, greenfield",
    "nvidia gpus",
    "nothing else",
    "yes",
    "why not tensorflow?",
    "what if we had to run on a microcontroller instead?",
]


def run(rounds: int = 300) -> dict[str, str]:
    advisor = Advisor(load_conversation(ROOT / "conversations"), load_knowledge(ROOT / "knowledge"), "https://x")
    today = date(2026, 11, 25)
    steps: list[float] = []
    advice: list[float] = []
    for _ in range(rounds):
        state = State()
        for line in SCRIPT:
            started = time.perf_counter()
            state, _replies = advisor.turn(state, Said(line), today)
            elapsed = time.perf_counter() - started
            (advice if line in ("yes", SCRIPT[-1]) else steps).append(elapsed)
    return {
        "core step (match + transition)": _fmt(steps),
        "core step with recommendation": _fmt(advice),
        "target": "p99 < 1 ms",
    }


def _fmt(samples: list[float]) -> str:
    return f"p50 {percentile(samples, 0.5) * 1e3:.3f} ms, p99 {percentile(samples, 0.99) * 1e3:.3f} ms"
