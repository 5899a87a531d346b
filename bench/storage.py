"""Per-message latency of a full service turn with 1,000 vs 1,000,000 stored conversations.

Both databases are filled first (a bulk load with executemany, keys in index order), then
measured in alternating blocks of turns, so a change in the machine's load falls on both alike.
"""

from __future__ import annotations

import tempfile
import time
from datetime import date
from pathlib import Path

from bench.stats import mean, percentile
from bot.dialogue import Said, State
from bot.service import Service, load_advisor
from bot.settings import load_settings
from bot.store import ConversationKey, Store

_FILLER = State(phase="asking", pending="use_case").model_dump_json()
LINES = ["we are 3 keras devs shipping an android app in 6 weeks", "image classification", "restart"]
_BLOCK = 30


def _fill(store: Store, count: int) -> None:
    """`count` conversations, written as a bulk load: no journal, no syncs and a big cache while it
    runs (this connection only), then back to the store's own settings (WAL, synchronous=NORMAL)."""
    now = time.time()
    rows = ((f"dm:D{i:08d}|U{i:08d}", f"U{i:08d}", f"dm:D{i:08d}", _FILLER, 1, now) for i in range(count))
    db = store.db
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-262144")
    with db.conn:
        db.conn.executemany(
            "insert into conversations (id, user, place, state, version, updated_at) values (?, ?, ?, ?, ?, ?)",
            rows,
        )
    db.execute("PRAGMA cache_size=-2000")  # SQLite's default, as the store runs
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA journal_mode=WAL")


def _turns(service: Service, start: int, count: int, samples: list[float]) -> None:
    for i in range(start, start + count):
        # 50 users at a time; each line is a real turn (answers, then a restart)
        key = ConversationKey(user=f"Ubench{i % 50}", place=f"dm:Dbench{i % 50}")
        started = time.perf_counter()
        service.handle(key, Said(LINES[(i // 50) % len(LINES)]), today=date(2026, 11, 25))
        samples.append(time.perf_counter() - started)


def run(large: int = 1_000_000, small: int = 1_000, turns: int = 900) -> dict[str, str]:
    with tempfile.TemporaryDirectory(prefix="advisor-bench-") as folder:
        services: dict[int, Service] = {}
        advisor = None
        fill_seconds: dict[int, float] = {}
        for count in (small, large):
            settings = load_settings(ADVISOR_DB_PATH=str(Path(folder) / f"bench-{count}.db"))
            store = Store.open(settings.db_path)
            started = time.perf_counter()
            _fill(store, count)
            fill_seconds[count] = time.perf_counter() - started
            advisor = advisor or load_advisor(settings)
            services[count] = Service(settings, advisor=advisor, store=store)
        samples: dict[int, list[float]] = {small: [], large: []}
        for _ in range(2):  # warm both: first connection use, page cache
            for count in (small, large):
                _turns(services[count], 0, _BLOCK, [])
        for block in range(0, turns, _BLOCK):
            for count in (small, large):
                _turns(services[count], block, min(_BLOCK, turns - block), samples[count])
    rows: dict[str, str] = {}
    for count in (small, large):
        values = samples[count]
        rows[f"service turn, {count:,} conversations stored"] = (
            f"mean {mean(values) * 1e3:.2f} ms, p50 {percentile(values, 0.5) * 1e3:.2f} ms,"
            f" p99 {percentile(values, 0.99) * 1e3:.2f} ms (filled in {fill_seconds[count]:.1f} s)"
        )
    ratio = mean(samples[large]) / mean(samples[small])
    p50_ratio = percentile(samples[large], 0.5) / percentile(samples[small], 0.5)
    rows["storage ratio large / small"] = f"mean {ratio:.2f}, p50 {p50_ratio:.2f} (target <= 1.2)"
    return rows
