"""Button clicks over HTTP: the next question goes out before the old one is closed, a click decides
"still open" inside its turn's transaction, and a click on an expired conversation is an expired turn."""

from __future__ import annotations

import json
import logging
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

import pytest

from bot.dialogue import Said
from bot.store import ConversationKey
from tests.slack.conftest import TEAM, Running

ALICE, DM = "U0ALICE01", "dm:D0DMCHAN1"
EXPIRED_NOTICE = "Your earlier conversation expired"


def action_ids(message: dict[str, Any]) -> list[str]:
    return [e["action_id"] for b in message.get("blocks", []) if b["type"] == "actions" for e in b["elements"]]


def ts_of(running: Running, params: dict[str, Any]) -> str:
    """The ts the fake API gave a posted message (the latest, if the same text went out twice)."""
    return [
        ts
        for ts, m in running.api.messages.items()
        if m.get("text") == params["text"] and m["channel"] == params["channel"]
    ][-1]


@pytest.mark.parametrize("error", ["message_not_found", "cant_update_message"])
def test_a_click_posts_the_next_question_even_when_the_old_one_cannot_be_closed(
    running: Running, error: str, caplog: pytest.LogCaptureFixture
) -> None:
    slack, api = running.slack, running.api
    slack.dm("hi")
    question = api.wait_for("chat.postMessage", 1)[-1].params
    api.fail("chat.update", status=200, error=error)  # deleted by the user, or too old to edit

    with caplog.at_level(logging.INFO):
        assert slack.click(ts_of(running, question), "answer:use_case:vision").status == 200
        following = api.wait_for("chat.postMessage", 2)[-1].params
        running.drain()
    assert "Use case: Computer vision" in following["text"] and "done:skills" in action_ids(following)
    assert api.calls_to("chat.postEphemeral") == [], "no apology: nothing the user needs went wrong"
    assert error in caplog.text, "the failed close is logged"
    state = running.state(ALICE, DM)
    assert state is not None and state.answers["use_case"] == ["vision"] and state.pending == "skills"


def test_a_click_whose_question_is_answered_before_it_commits_is_stale(running: Running) -> None:
    """The click passes every check, then another worker commits a typed answer to the same question
    before the click's turn commits: the click must be rejected as stale, not taken as a change.

    The other worker is played by a connection that writes its turn and holds the write lock until the
    click has been acknowledged (Bolt answers a click only after the listener has started on it)."""
    slack, api = running.slack, running.api
    for n in range(1, 4):
        _, root = slack.mention("hi")
        question = ts_of(running, api.wait_for("chat.postMessage", n)[-1].params)
        key = ConversationKey(f"{TEAM}:{ALICE}", f"thread:C0CHANNEL1:{root}")
        stored = running.service.store.load(key)
        assert stored is not None
        typed, _ = running.service.advisor.turn(stored.state, Said("image classification"), date.today())
        # A transaction of the test thread's own connection (the app's threads have theirs), on either engine.
        with running.service.store.engine.transaction() as other_worker:
            other_worker.execute(
                "update conversations set state = ?, version = version + 1 where id = ? and version = ?",
                [typed.model_dump_json(), key.id, stored.version],
            )
            assert slack.click(question, "answer:use_case:vision").status == 200
        closed = api.wait_for("chat.update", n)[-1].params
        assert closed["ts"] == question and "Already answered" in json.dumps(closed["blocks"])
        assert running.service.state(key) == typed, "the click changed nothing"
    running.drain()
    assert len(api.calls_to("chat.postMessage")) == 3, "a stale click posts nothing"


@pytest.mark.slow
def test_a_click_racing_a_typed_answer_to_the_same_question_never_counts_as_a_change(running: Running) -> None:
    """Forty conversations, each with its first question answered by a click and in words at once.

    Whichever commits first answers the question. A click that loses is stale - its question was
    answered while it was on the way - so it changes nothing and posts nothing: it must never be
    taken as a change to an answered question (posting "Updated" and the next question a second time).
    """
    slack, api = running.slack, running.api
    roots = []
    for n in range(1, 41):
        _, root = slack.mention("hi")
        api.wait_for("chat.postMessage", n)
        roots.append(root)
    questions = {m["thread_ts"]: ts for ts, m in api.messages.items() if "answer:use_case:vision" in action_ids(m)}

    with ThreadPoolExecutor(20) as pool:
        races = [
            (
                pool.submit(slack.in_thread, "image classification", root),
                pool.submit(slack.click, questions[root], "answer:use_case:vision"),
            )
            for root in roots
        ]
        assert all(click.result().status == 200 and typed.result().status == 200 for typed, click in races)
    running.drain()

    updated = []
    for root in roots:
        posts = [c.params["text"] for c in api.calls_to("chat.postMessage") if c.params.get("thread_ts") == root][1:]
        updated += [text for text in posts if "Updated" in text]
        closes = [c.params["blocks"] for c in api.calls_to("chat.update") if c.params["ts"] == questions[root]]
        ticked = "✓ Computer vision" in json.dumps(closes, ensure_ascii=False)
        got_it = [text for text in posts if "Got it: Use case: Computer vision" in text]
        if not ticked:  # the words won: the click did nothing
            assert len(posts) == 1 and got_it == posts
        elif not updated:  # the click won: its answer, and the words read against the next question
            assert len(posts) == 2 and len(got_it) == 1
        state = running.state(ALICE, f"thread:C0CHANNEL1:{root}")
        assert state is not None and state.answers["use_case"] == ["vision"] and state.pending == "skills"
    assert updated == [], f"{len(updated)} of {len(roots)} stale clicks were taken as a change"


def test_a_click_on_an_expired_conversation_gets_the_expiry_notice_not_a_tick(running: Running) -> None:
    slack, api = running.slack, running.api
    slack.dm("hi")
    question = ts_of(running, api.wait_for("chat.postMessage", 1)[-1].params)
    day_and_more = (running.service.settings.expiry_hours + 1) * 3600
    running.service.store.db.execute("update conversations set updated_at = updated_at - ?", [day_and_more])

    assert slack.click(question, "answer:use_case:vision").status == 200
    notice = api.wait_for("chat.postMessage", 2)[-1].params
    assert EXPIRED_NOTICE in notice["text"] and "command:resume" in action_ids(notice)
    state = running.state(ALICE, DM)
    assert state is not None and state.phase == "expired" and "use_case" not in state.answers

    # Resuming asks the question again; the answer is taken then.
    slack.click(ts_of(running, notice), "command:resume")
    again = api.wait_for("chat.postMessage", 3)[-1].params
    assert "answer:use_case:vision" in action_ids(again)
    slack.click(ts_of(running, again), "answer:use_case:vision")
    api.wait_for("chat.postMessage", 4)
    running.drain()
    ticks = [c.params["ts"] for c in api.calls_to("chat.update") if "✓" in json.dumps(c.params, ensure_ascii=False)]
    assert question not in ticks, "the click on the expired conversation showed no tick"
    state = running.state(ALICE, DM)
    assert state is not None and state.answers["use_case"] == ["vision"]
