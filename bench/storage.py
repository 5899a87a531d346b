"""Per-message cost of the Slack message path's storage with 1,000 vs 1,000,000 conversations.

What one Slack message does to the store, through the real code (`bot.slack_turns.turn`, with a
stand-in for the Web API that answers at once): keep the request in the inbox and check it was not
handled, load the conversation, commit the turn (state, transcript line, recommendation, handled
event with its outbox), read and replace the open prompt, mark the event delivered, and after a
recommendation read the latest one for the Home tab.

Both databases are filled first with every table the message path writes, at the proportions a
real history has (per conversation: three transcript lines and three handled events, a
recommendation for every second, a live question for every third, an inbox row for every tenth),
under random conversation ids and random event ids - so new keys land all over the indexes, as
they do in production. Then messages are measured in alternating blocks (1k, 1M, 1k, ...) so a
change in the machine's load falls on both alike: each message goes to a random stored
conversation or, one in four, to a new user, answers what that conversation asks (drawn from
`bench.users`), under a new random event id.
"""

from __future__ import annotations

import json
import random
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any, cast

from slack_sdk import WebClient

from bench.machine import engine
from bench.stats import mean, percentile
from bench.users import Phrasebook
from bot.dialogue import Said, State
from bot.service import Service, load_advisor
from bot.settings import load_settings
from bot.slack_keys import Place, dm
from bot.slack_turns import turn
from bot.store import Store

TARGET_RATIO = 1.2
WORKSPACE = "T0BENCH01"
_BLOCK = 30
_NEW_USERS = 0.25  # share of measured messages from users with no conversation yet


class InstantSlack:
    """The Web API calls the message path makes, answered at once (no network in this benchmark)."""

    def __init__(self) -> None:
        self._ts = 0

    def chat_postMessage(self, **_: Any) -> dict[str, Any]:
        self._ts += 1
        return {"ok": True, "ts": f"1763960000.{self._ts:06d}"}

    def chat_update(self, **_: Any) -> dict[str, Any]:
        return {"ok": True}

    def views_publish(self, **_: Any) -> dict[str, Any]:
        return {"ok": True}


def _user(rng: random.Random) -> str:
    return "U" + uuid.UUID(int=rng.getrandbits(128)).hex[:10].upper()


def _fill(store: Store, count: int, rng: random.Random) -> list[str]:
    """`count` conversations and their history in every table; returns the stored Slack user ids.

    A bulk load (no journal, no syncs, a big cache, on this connection only), then back to the
    store's own settings (WAL, synchronous=NORMAL) and a checkpoint."""
    now = time.time()
    users = sorted({_user(rng) for _ in range(count)})
    asking = State(phase="asking", pending="use_case").model_dump_json()
    outbox = json.dumps({"conversation": "x", "channel": "D", "thread_ts": None, "messages": []})
    blocks = json.dumps([{"type": "actions", "elements": [{"type": "button", "action_id": "answer:use_case:vision"}]}])
    db = store.db
    db.execute("PRAGMA journal_mode=OFF")
    db.execute("PRAGMA synchronous=OFF")
    db.execute("PRAGMA cache_size=-262144")
    conn = db.conn
    conn.execute("BEGIN")
    for start in range(0, len(users), 50_000):
        conversations, turns, recommendations, events, prompts, inbox = [], [], [], [], [], []
        for i, slack_user in enumerate(users[start : start + 50_000], start):
            place = dm(slack_user, "D" + slack_user[1:], WORKSPACE)
            key, person = place.key.id, place.key.user
            at = now - rng.random() * 3600
            conversations.append((key, person, place.key.place, asking, 1, at))
            for step in ("use_case", "skills", "deployment"):
                turns.append((key, person, at, "some words about our team", '["Ask"]', step))
                events.append((f"Ev{rng.getrandbits(64):016X}", at, person, "null", 1, 0, at))
            if i % 2 == 0:
                recommendations.append((key, person, at, '{"use_case": ["vision"]}', "pytorch", '{"verdict": "x"}'))
            if i % 3 == 0:
                prompts.append((key, place.channel, f"1763950000.{i:06d}", "What will your models do?", blocks))
            if i % 10 == 0:
                inbox.append((f"Ev{rng.getrandbits(64):016X}", outbox, at, 0, 0))
        conn.executemany(
            "insert or ignore into conversations (id, user, place, state, version, updated_at) values (?,?,?,?,?,?)",
            conversations,
        )
        conn.executemany("insert into turns (conversation, user, at, said, replied, step) values (?,?,?,?,?,?)", turns)
        conn.executemany(
            "insert into recommendations (conversation, user, at, answers, verdict, body) values (?,?,?,?,?,?)",
            recommendations,
        )
        conn.executemany(
            "insert or ignore into handled_events (id, at, user, outbox, delivery, claimed_by, claimed_at)"
            " values (?,?,?,?,?,?,?)",
            events,
        )
        conn.executemany(
            "insert or ignore into open_prompts (conversation, channel, ts, text, blocks) values (?,?,?,?,?)", prompts
        )
        conn.executemany(
            "insert or ignore into inbox (id, body, received_at, attempts, lease_until) values (?,?,?,?,?)", inbox
        )
    conn.execute("COMMIT")
    db.execute("PRAGMA cache_size=-2000")  # SQLite's default, as the store runs
    db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA journal_mode=WAL")
    store.checkpoint()
    return users


class Workload:
    """Messages to one database: random stored conversations and new users, varied answers."""

    def __init__(self, service: Service, users: list[str], book: Phrasebook, seed: int) -> None:
        self.service, self.users, self.book = service, users, book
        self.rng = random.Random(seed)
        self.slack: WebClient = cast(WebClient, InstantSlack())

    def message(self) -> tuple[Place, str, str, str]:
        """A place, the text, its event id and its inbox body - chosen outside the timed part."""
        rng = self.rng
        slack_user = _user(rng) if rng.random() < _NEW_USERS else rng.choice(self.users)
        place = dm(slack_user, "D" + slack_user[1:], WORKSPACE)
        state = self.service.state(place.key)
        pending = state.pending if state is not None else None
        if state is not None and state.phase == "advised":
            text = rng.choice(self.book.follow_up)
        elif pending == "recap":
            text = rng.choice(self.book.confirm)
        else:
            text = rng.choice(self.book.answers.get(pending or "use_case") or self.book.answers["use_case"])
        event_id = f"Ev{rng.getrandbits(64):016X}"
        body = json.dumps({"type": "event_callback", "event_id": event_id, "event": {"text": text}})
        return place, text, event_id, body

    def run(self, count: int, samples: list[float]) -> None:
        store = self.service.store
        for _ in range(count):
            place, text, event_id, body = self.message()
            started = time.perf_counter()
            # bot.slack_app's inbox middleware, its dedup middleware, then the listener's turn.
            if not store.was_handled(event_id):
                store.keep(event_id, body)
            store.was_handled(event_id)
            turn(self.service, self.slack, place, Said(text), event_id)
            samples.append(time.perf_counter() - started)


def run(large: int = 1_000_000, small: int = 1_000, turns: int = 900) -> dict[str, str]:
    label = engine()
    if label != "sqlite":
        return {f"storage ({label})": "skipped: the bulk fill is SQLite's; add one for the PostgreSQL engine"}
    book = Phrasebook.load()
    rng = random.Random(2026)
    with tempfile.TemporaryDirectory(prefix="advisor-bench-") as folder:
        loads: dict[int, Workload] = {}
        advisor = None
        fill_seconds: dict[int, float] = {}
        for count in (small, large):
            settings = load_settings(ADVISOR_DB_PATH=str(Path(folder) / f"bench-{count}.db"))
            store = Store.open(settings.db_path)
            started = time.perf_counter()
            users = _fill(store, count, rng)
            fill_seconds[count] = time.perf_counter() - started
            advisor = advisor or load_advisor(settings)
            loads[count] = Workload(Service(settings, advisor=advisor, store=store), users, book, seed=count)
        samples: dict[int, list[float]] = {small: [], large: []}
        for _ in range(2):  # warm both: first connection use, page cache
            for count in (small, large):
                loads[count].run(_BLOCK, [])
        for block in range(0, turns, _BLOCK):
            for count in (small, large):
                loads[count].run(min(_BLOCK, turns - block), samples[count])
    rows: dict[str, str] = {}
    for count in (small, large):
        values = samples[count]
        rows[f"storage {label}: message path, {count:,} conversations stored"] = (
            f"mean {mean(values) * 1e3:.2f} ms, p50 {percentile(values, 0.5) * 1e3:.2f} ms,"
            f" p99 {percentile(values, 0.99) * 1e3:.2f} ms (filled in {fill_seconds[count]:.1f} s)"
        )
    ratio = mean(samples[large]) / mean(samples[small])
    p50_ratio = percentile(samples[large], 0.5) / percentile(samples[small], 0.5)
    rows[f"storage {label}: per-message cost {large:,} / {small:,}"] = (
        f"mean {ratio:.2f}, p50 {p50_ratio:.2f} (target <= {TARGET_RATIO:g})"
    )
    return rows
