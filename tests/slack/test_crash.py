"""Nothing acknowledged is lost, over real processes: a thousand users write to the bot at once, the
whole gunicorn server (master and workers) is killed with SIGKILL while it is acknowledging them, and
a new server on the same database, its sweeper on, answers every event that got its 200 - exactly
once, with the reply that event asks for."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from bot import slack_keys
from bot.dialogue import Said
from bot.service import Service
from bot.settings import load_settings
from bot.slack_sweeper import GRACE
from bot.slack_turns import opening, outbox_for
from bot.store import Store
from tests.conftest import CONSULT
from tests.slack.conftest import SECRET
from tests.slack.fake_slack import BOT_USER, TEAM, FakeSlackApi, SlackSender
from tests.slack.test_processes import free_port, gunicorn

pytestmark = pytest.mark.slow

EVENTS = 1000
KILL_AFTER = 500  # acknowledged events: the server is killed while the other half is still arriving
SENDERS = 24  # concurrent connections, as Slack opens them
SWEEP_SECONDS = "1"
OPENERS = [
    "hi",
    "we are 3 keras devs shipping an android app in 6 weeks",
    "tensorflow or pytorch?",
    "image classification, we know pytorch",
    "greenfield project on nvidia gpus",
    "hello, we need to pick a framework for an LLM fine-tuning project",
]


def events(sender: SlackSender) -> list[dict[str, Any]]:
    """One event per user: a DM to the bot, or (every third) a mention in one of a few channels."""
    made = []
    for n in range(EVENTS):
        user, text = f"U0CRASH{n:04d}", OPENERS[n % len(OPENERS)]
        if n % 3 == 2:
            envelope = sender.envelope("event_app_mention.json", text=f"<@{BOT_USER}> {text}", user=user)
            envelope["event"]["channel"] = f"C0CRASH{n % 5}"
        else:
            envelope = sender.envelope("event_message_im.json", text=text, user=user, channel=f"D0CRASH{n:04d}")
            envelope["event"].pop("blocks", None)
        made.append(envelope)
    return made


def place_of(envelope: dict[str, Any]) -> slack_keys.Place:
    event = envelope["event"]
    if event["type"] == "app_mention":
        return slack_keys.for_mention(event, TEAM)
    place = slack_keys.for_message(event, TEAM)
    assert place is not None
    return place


def expected_reply(service: Service, envelope: dict[str, Any]) -> list[str]:
    """The texts a first message gets, computed by the same core in this process."""
    place = place_of(envelope)
    text = " ".join(envelope["event"]["text"].replace(f"<@{BOT_USER}>", " ").split())
    replies = service.handle(
        place.key, opening(None, text) if envelope["event"]["type"] == "app_mention" else Said(text)
    )
    return [m["text"] for m in outbox_for(place, replies)["messages"]]


def acknowledge_until_killed(sender: SlackSender, envelopes: list[dict[str, Any]], server: Any) -> set[str]:
    """Send every event concurrently; SIGKILL the server's process group once KILL_AFTER are
    acknowledged. Returns the ids of the events that got a 200."""
    acknowledged: set[str] = set()
    enough = threading.Event()
    lock = threading.Lock()

    def send(envelope: dict[str, Any]) -> None:
        try:
            status = sender.event(envelope).status
        except OSError:  # refused or reset: the server is gone, and Slack would deliver it again
            return
        if status == 200:
            with lock:
                acknowledged.add(envelope["event_id"])
                if len(acknowledged) >= KILL_AFTER:
                    enough.set()

    with ThreadPoolExecutor(SENDERS) as pool:
        for envelope in envelopes:
            pool.submit(send, envelope)
        assert enough.wait(120), f"only {len(acknowledged)} events acknowledged"
        os.killpg(server.pid, signal.SIGKILL)  # the master and every worker, mid-stream
        server.wait(timeout=20)
    return acknowledged


def posts_by_place(fake: FakeSlackApi) -> dict[tuple[str, str | None], list[str]]:
    found: dict[tuple[str, str | None], list[str]] = {}
    for call in fake.calls_to("chat.postMessage"):
        found.setdefault((call.params["channel"], call.params.get("thread_ts")), []).append(call.params["text"])
    return found


def pending(where: str) -> dict[str, int]:
    """What the database (a SQLite file, or a PostgreSQL URL) still has to do: requests not yet
    answered, replies not yet posted."""
    store = Store.open(where)
    try:
        waiting = store.db.execute("select count(*) from inbox where id not in (select id from handled_events)")
        unanswered = waiting.fetchone()[0]
        unposted = store.db.execute("select count(*) from handled_events where outbox != 'null'").fetchone()[0]
    finally:
        store.close()
    counts = {"unanswered": unanswered, "unposted": unposted}
    return {k: v for k, v in counts.items() if v}


def wait_for_a_post(fake: FakeSlackApi, timeout: float) -> None:
    """Return when the next chat.postMessage arrives, or after `timeout` seconds (to look again)."""
    with contextlib.suppress(AssertionError):
        fake.wait_for("chat.postMessage", len(fake.calls_to("chat.postMessage")) + 1, timeout=max(timeout, 0.0))


def test_every_acknowledged_event_is_answered_exactly_once_after_the_server_is_killed(
    tmp_path: Path, database_url: str
) -> None:
    """On the SQLite file, or (with `--store postgresql`) on PostgreSQL."""
    fake = FakeSlackApi().start()
    where = database_url or str(tmp_path / "advisor.db")
    try:
        port = free_port()
        with gunicorn(tmp_path, fake, port, workers=2, database_url=database_url) as server:
            sender = SlackSender(f"http://127.0.0.1:{port}/slack/events", SECRET, fake)
            envelopes = events(sender)
            acknowledged = acknowledge_until_killed(sender, envelopes, server)
        killed_at = time.time()
        assert len(acknowledged) < EVENTS, "killed while events were still arriving"
        answered_before = len(fake.calls_to("chat.postMessage"))
        left = pending(where)
        print(f"killed with {len(acknowledged)} acknowledged, {answered_before} answered, left: {left}")

        expected_service = Service(
            load_settings(ADVISOR_DB_PATH=str(tmp_path / "expected.db"), ADVISOR_CONSULT_URL=CONSULT)
        )
        by_id = {e["event_id"]: e for e in envelopes}
        expected = {
            (p.channel, p.thread_ts): expected_reply(expected_service, by_id[i])
            for i in acknowledged
            for p in [place_of(by_id[i])]
        }

        port = free_port()
        with gunicorn(tmp_path, fake, port, workers=2, database_url=database_url, ADVISOR_SWEEP_SECONDS=SWEEP_SECONDS):
            # The sweeper takes up a request GRACE seconds after it arrived, then answers it; done
            # when nothing is left waiting in the database (so a late second answer would be seen).
            deadline = killed_at + GRACE + 60
            while pending(where) or not set(expected) <= set(posts_by_place(fake)):
                assert time.time() < deadline, f"still waiting: {pending(where)}"
                wait_for_a_post(fake, min(1.0, deadline - time.time()))
        posts = posts_by_place(fake)
    finally:
        fake.stop()

    missing = [place for place in expected if place not in posts]
    assert not missing, f"{len(missing)} acknowledged events never answered"
    wrong = {place: posts[place] for place, texts in expected.items() if posts[place] != texts}
    assert not wrong, f"{len(wrong)} acknowledged events answered twice or wrongly, e.g. {next(iter(wrong.items()))}"
    places = {(p.channel, p.thread_ts) for p in map(place_of, envelopes)}
    assert set(posts) <= places, "nothing posted anywhere no event came from"
    doubled = Counter({place: len(texts) for place, texts in posts.items() if len(texts) > 1})
    assert not doubled, f"events answered twice (acknowledged or not): {json.dumps(doubled.most_common(3))}"
    print(f"{len(acknowledged)} acknowledged, {answered_before} answered before the kill, all answered once after")
