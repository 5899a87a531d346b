"""What only the PostgreSQL engine has to get right: its claimant lock outliving a lost session."""

from __future__ import annotations

import time
from collections.abc import Iterator

import psycopg
import pytest

from bot.state import State
from bot.store import ConversationKey, Store, TurnRecord
from tests.postgres import fresh_database

pytestmark = pytest.mark.postgres


@pytest.fixture
def url() -> Iterator[str]:
    with fresh_database() as url:
        yield url


def test_a_process_whose_lock_session_was_ended_takes_a_new_one_before_claiming(url: str) -> None:
    worker, other = Store.open(url), Store.open(url)
    key = ConversationKey("T1:U1", "dm:D1")
    first = worker.engine.claimant()
    with psycopg.connect(url, autocommit=True) as admin:  # as a failover or a restart of the server would
        ended = admin.execute(  # (waiting up to 5 s for the session to be gone)
            "select pg_terminate_backend(pid, 5000) from pg_locks where locktype = 'advisory' and objid = %s",
            [first],
        ).fetchall()
    assert ended == [(True,)]
    record = TurnRecord(said="hi", replied=["Hello"], event_id="Ev1", outbox={"post": ["Hello"]})
    worker.save(key, State(), 0, record=record)
    assert worker.engine.claimant() != first, "a new lock, on a new session"
    assert other.claim_delivery("Ev1") is None, "the claim is held by a live process: not posted twice"
    lock = worker.engine.claimant()
    worker.close()
    # The server drops a closed session's advisory locks as that backend exits, a moment after the
    # client has let go: wait (with a deadline) until it has, then the claim lapses at once.
    with psycopg.connect(url, autocommit=True) as admin:
        deadline = time.monotonic() + 10
        while admin.execute("select 1 from pg_locks where locktype = 'advisory' and objid = %s", [lock]).fetchone():
            assert time.monotonic() < deadline, "the closed session still holds its lock"
    assert other.claim_delivery("Ev1") == {"post": ["Hello"]}, "its process gone, the claim lapses"
    other.close()
