""" "Forget me" over HTTP, completely: once, for good, and nowhere left on disk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.settings import Settings
from tests.slack.conftest import Running

ALICE, DM, PERSON = "U0ALICE01", "dm:D0DMCHAN1", "T0TEAM001:U0ALICE01"
SECRET_WORDS = "zebracorn-7431 is our codename"  # typed once; must be gone after the forget


def dm_event(running: Running, text: str) -> dict[str, Any]:
    envelope = running.slack.envelope("event_message_im.json", text=text, user=ALICE, channel="D0DMCHAN1")
    envelope["event"].pop("blocks", None)
    return envelope


def talk_then_forget(running: Running) -> tuple[dict[str, Any], dict[str, Any]]:
    """A conversation, "forget me", "yes": returns the first event and the confirming one."""
    first = dm_event(running, SECRET_WORDS)
    assert running.slack.event(first).status == 200
    running.api.wait_for("chat.postMessage", 1)
    running.slack.dm("we are 3 keras devs")
    running.api.wait_for("chat.postMessage", 2)
    running.slack.dm("forget me")
    assert "for good" in running.api.wait_for("chat.postMessage", 3)[-1].params["text"]
    yes = dm_event(running, "yes")
    assert running.slack.event(yes).status == 200
    assert "deleted" in running.api.wait_for("chat.postMessage", 4)[-1].params["text"]
    assert running.state(ALICE, DM) is None
    return first, yes


def test_a_redelivered_yes_does_not_confirm_or_answer_again(running: Running) -> None:
    _, yes = talk_then_forget(running)
    for retry in (1, 2, 3):
        assert running.slack.event(yes, retry=retry).status == 200
    running.drain()
    assert len(running.api.calls_to("chat.postMessage")) == 4
    assert running.state(ALICE, DM) is None, "the redelivery did not start a new conversation"


def test_an_older_event_redelivered_after_the_forget_does_not_bring_the_conversation_back(running: Running) -> None:
    first, _ = talk_then_forget(running)
    assert running.slack.event(first, retry=3).status == 200
    running.drain()
    assert len(running.api.calls_to("chat.postMessage")) == 4
    assert running.state(ALICE, DM) is None
    db = running.service.store.db
    assert db.execute("select count(*) from turns").fetchone()[0] == 0


def test_the_retry_records_stay_but_say_nothing_about_the_user(running: Running) -> None:
    first, yes = talk_then_forget(running)
    running.drain()
    rows = running.service.store.db.execute('select id, "user", outbox from handled_events').fetchall()
    assert {first["event_id"], yes["event_id"]} <= {row[0] for row in rows}
    for _id, user, outbox in rows:
        assert user in ("", None) and outbox in ("null", None), "ids only: no user, no replies"


@pytest.mark.sqlite_only
def test_the_forgotten_words_are_nowhere_in_the_database_files(running: Running, slack_settings: Settings) -> None:
    talk_then_forget(running)
    running.drain()
    files = [p for p in Path(slack_settings.db_path).parent.iterdir() if p.name.startswith("advisor.db")]
    assert any(p.name.endswith("-wal") for p in files), "WAL mode: the log file is there"
    for path in files:
        data = path.read_bytes()
        assert b"zebracorn" not in data, f"the forgotten words survive in {path.name}"
        assert PERSON.encode() not in data or path.name.endswith("-shm"), f"the user's id survives in {path.name}"
