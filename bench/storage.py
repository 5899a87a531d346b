"""Per-message latency of a full service turn with 1,000 vs 1,000,000 stored conversations."""

from __future__ import annotations

import tempfile
import time
from datetime import date
from pathlib import Path

from bench.stats import percentile
from bot.dialogue import Advisor, Said, State
from bot.service import Service, load_advisor
from bot.settings import load_settings
from bot.store import ConversationKey, Store

_FILLER = State(phase="asking", pending="use_case").model_dump_json()


def _fill(store: Store, count: int) -> None:
    now = time.time()
    rows = ((f"dm:D{i}|U{i}", f"U{i}", f"dm:D{i}", _FILLER, 1, now) for i in range(count))
    with store.db.conn:
        store.db.conn.executemany(
            "insert into conversations (id, user, place, state, version, updated_at) values (?, ?, ?, ?, ?, ?)",
            rows,
        )


def _measure(service: Service, turns: int) -> list[float]:
    lines = ["we are 3 keras devs shipping an android app in 6 weeks", "image classification", "restart"]
    samples = []
    for i in range(turns):
        key = ConversationKey(user=f"Ubench{i % 50}", place=f"dm:Dbench{i % 50}")
        started = time.perf_counter()
        service.handle(key, Said(lines[i % len(lines)]), today=date(2026, 11, 25))
        samples.append(time.perf_counter() - started)
    return samples


def run(large: int = 1_000_000, small: int = 1_000, turns: int = 600) -> dict[str, str]:
    results: dict[str, str] = {}
    figures: dict[int, float] = {}
    advisor: Advisor | None = None
    for count in (small, large):
        with tempfile.TemporaryDirectory() as folder:
            settings = load_settings(ADVISOR_DB_PATH=str(Path(folder) / "bench.db"))
            store = Store.open(settings.db_path)
            _fill(store, count)
            advisor = advisor or load_advisor(settings)
            service = Service(settings, advisor=advisor, store=store)
            samples = _measure(service, turns)
            figures[count] = percentile(samples, 0.5)
            results[f"service turn, {count:,} conversations stored"] = (
                f"p50 {percentile(samples, 0.5) * 1e3:.2f} ms, p99 {percentile(samples, 0.99) * 1e3:.2f} ms"
            )
    results["ratio p50 large / small"] = f"{figures[large] / figures[small]:.2f} (target <= 1.2)"
    return results
