"""Store.forget_workspace: a workspace's rows go, by the workspace-first user ids, and no other's."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bot.state import State
from bot.store import ConversationKey, Store, TurnRecord

USERS = ["T1:U1", "T12:U1", "E1/T1:U1", "E1/T2:U2", "E2/T1:U1"]


@pytest.fixture
def store(store_location: str) -> Iterator[Store]:
    """On each engine: a SQLite file, then PostgreSQL when one is offered."""
    opened = Store.open(store_location)
    yield opened
    opened.close()


def seeded(store: Store) -> Store:
    for n, user in enumerate(USERS):
        key = ConversationKey(user=user, place=f"dm:D{n}")
        record = TurnRecord(
            said="hi", replied=["Ask"], event_id=f"Ev{n}", outbox={"messages": []}, unanswered=[f"question {n}"]
        )
        store.save(key, State(phase="asking", pending="use_case"), 0, record=record)
        store.record_consultation_request(user, key.id)
        store.delivered(None, key.id, None, {"channel": f"D{n}", "ts": "1.0", "text": "q", "blocks": []})
    return store


def users(store: Store, table: str) -> list[str]:
    return sorted(r[0] for r in store.db.execute(f'select "user" from {table}').fetchall())


def test_a_team_goes_and_a_team_whose_id_it_begins_does_not(store: Store) -> None:
    seeded(store)
    assert store.forget_workspace("T1") > 0
    for table in ("conversations", "turns", "consultation_requests", "unanswered_questions"):
        assert users(store, table) == ["E1/T1:U1", "E1/T2:U2", "E2/T1:U1", "T12:U1"]
    assert sorted(q["workspace"] for q in store.unanswered_questions(0)) == ["E1/T1", "E1/T2", "E2/T1", "T12"]
    assert "" in users(store, "handled_events"), "the event id stays, emptied"
    prompts = [r[0] for r in store.db.execute("select conversation from open_prompts").fetchall()]
    assert not any(p.endswith("|T1:U1") for p in prompts) and len(prompts) == 4


def test_an_org_goes_whole_and_a_workspace_in_it_alone(store: Store) -> None:
    seeded(store)
    store.forget_workspace("E1/T2")
    assert users(store, "conversations") == ["E1/T1:U1", "E2/T1:U1", "T12:U1", "T1:U1"]
    store.forget_workspace("E1")
    assert users(store, "conversations") == ["E2/T1:U1", "T12:U1", "T1:U1"]
