"""Two separate servers (gunicorn, as the Procfile runs it, twice: as on two machines) sharing one
PostgreSQL database, and Slack delivering every event to both: each is answered exactly once."""

from __future__ import annotations

import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from bot.store import Store
from tests.postgres import fresh_database
from tests.slack.conftest import SECRET
from tests.slack.fake_slack import FakeSlackApi, SlackSender
from tests.slack.test_processes import free_port, gunicorn

pytestmark = [pytest.mark.slow, pytest.mark.postgres]
EVENTS = 100


def test_every_event_delivered_to_two_servers_is_answered_exactly_once(tmp_path: Path, fake_api: FakeSlackApi) -> None:
    fake = fake_api
    with fresh_database() as url:
        ports = [free_port(), free_port()]
        # Started one right after the other on an empty database: their workers create the schema at
        # about the same moment (taking turns under a lock).
        with (
            gunicorn(tmp_path, fake, ports[0], workers=2, database_url=url),
            gunicorn(tmp_path, fake, ports[1], workers=2, database_url=url),
        ):
            senders = [SlackSender(f"http://127.0.0.1:{port}/slack/events", SECRET, fake) for port in ports]
            envelopes = []
            for n in range(EVENTS):  # a hundred people each saying hi in their DM with the bot
                envelope = senders[0].envelope("event_message_im.json", text="hi", user=f"U0PEOPLE{n:03d}")
                envelope["event"]["channel"] = f"D0PEOPLE{n:03d}"
                envelope["event"].pop("blocks")
                envelopes.append(envelope)
            # Each event to both servers at the same moment, many events at once.
            copies = [(sender, envelope) for envelope in envelopes for sender in senders]
            with ThreadPoolExecutor(16) as pool:
                statuses = list(pool.map(lambda copy: copy[0].event(copy[1]).status, copies))
            assert statuses == [200] * len(copies)
            fake.wait_for("chat.postMessage", EVENTS, timeout=120)
        # Both servers stopped (a worker exits once its listeners are done): nothing more can reach the
        # fake Web API, and what each did is in the database.
        store = Store.open(url)
        assert store.db.execute("select count(*) from handled_events").fetchone()[0] == EVENTS
        assert store.undelivered(time.time() + 2) == [], "every reply posted and marked so"
        store.close()
    answered = Counter(call.params["channel"] for call in fake.calls_to("chat.postMessage"))
    assert answered == Counter({f"D0PEOPLE{n:03d}": 1 for n in range(EVENTS)}), "each event answered once"
    assert all("Stack Advisor" in call.params["text"] for call in fake.calls_to("chat.postMessage"))
