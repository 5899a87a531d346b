"""Nothing acknowledged is lost: a message's turn commits before it is acknowledged, any other
request is written to the inbox before it is, and the sweeper takes up what a killed worker left -
requests never answered, replies never posted - each exactly once, however many workers sweep."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from bot import slack_keys, slack_turns
from bot.dialogue import Said
from bot.slack_sweeper import GRACE, Sweeper
from bot.store import Store
from tests.slack.conftest import SECRET, Running
from tests.slack.fake_slack import BOT_USER, payload

LATER = GRACE + 5  # seconds: past the grace a request has to commit its turn


def sweeper(running: Running) -> Sweeper:
    return Sweeper(running.app, running.service.store, SECRET, running.service.leads)


def inbox(running: Running) -> list[str]:
    return [r[0] for r in running.service.store.db.execute("select id from inbox").fetchall()]


def handled(running: Running, event_id: str) -> tuple[int, str] | None:
    row = running.service.store.db.execute(
        "select delivery, outbox from handled_events where id = ?", [event_id]
    ).fetchone()
    return None if row is None else (row[0], row[1])


def test_a_messages_turn_is_committed_with_its_replies_once_acknowledged(running: Running) -> None:
    """The 200 comes after the turn's commit: posting is held, so nothing after the ack has run."""
    release = running.api.hold("chat.postMessage")
    envelope = running.slack.envelope("event_message_im.json", text="hi", channel="D0DMCHAN1")
    envelope["event"].pop("blocks", None)
    try:
        assert running.slack.event(envelope).status == 200
        delivery, outbox = handled(running, envelope["event_id"]) or (None, "null")
        assert delivery is not None and json.loads(outbox)["messages"], "committed, with its replies, before the 200"
        assert envelope["event_id"] not in inbox(running), "no inbox row: the committed turn is what survives"
    finally:
        release.set()
    running.api.wait_for("chat.postMessage", 1)
    running.drain()
    assert handled(running, envelope["event_id"]) == (1, "null"), "marked delivered once posted"


def test_a_slash_command_is_in_the_inbox_once_acknowledged(running: Running) -> None:
    assert running.slack.command("hi").status == 200
    assert [i for i in inbox(running) if i.startswith("cmd:")], "written before the 200"
    running.api.wait_for("chat.postMessage", 1)
    running.drain()
    running.service.store.settle_inbox(0)
    assert inbox(running) == [], "settled once its turn committed"


def test_an_event_left_by_a_killed_worker_is_answered_once_by_the_sweep(running: Running) -> None:
    """As when a worker wrote the event, acknowledged it, and was killed before taking the turn."""
    envelope = running.slack.envelope("event_message_im.json", text="we are 3 keras devs", channel="D0DMCHAN1")
    envelope["event"].pop("blocks", None)
    running.service.store.keep(envelope["event_id"], json.dumps(envelope), now=time.time() - LATER)
    assert running.api.calls_to("chat.postMessage") == []

    first, second = sweeper(running), sweeper(running)  # two workers sweeping
    assert first.sweep() == 1
    assert second.sweep() == 0, "the first sweep's lease keeps the second away"
    running.drain()
    posts = running.api.calls_to("chat.postMessage")
    assert len(posts) == 1 and "Team skills: Keras" in posts[0].params["text"]
    assert sweeper(running).sweep(now=time.time() + 3 * LATER) == 0, "answered: never taken up again"
    assert len(running.api.calls_to("chat.postMessage")) == 1


def test_a_slash_command_left_by_a_killed_worker_is_answered_once(running: Running) -> None:
    fields = payload("command_advisor.fields.json")
    fields.update(text="we are 3 pytorch devs", response_url=running.api.response_url())
    body = json.loads(json.dumps(fields))
    running.service.store.keep(f"cmd:{fields['trigger_id']}", json.dumps(body), now=time.time() - LATER)
    assert sweeper(running).sweep() == 1
    post = running.api.wait_for("chat.postMessage", 1)[-1].params
    assert "Team skills: PyTorch" in post["text"]
    running.drain()
    assert sweeper(running).sweep(now=time.time() + 3 * LATER) == 0
    assert len(running.api.calls_to("chat.postMessage")) == 1


def test_replies_committed_but_never_posted_are_posted_once_by_the_sweep(running: Running) -> None:
    envelope = running.slack.envelope("event_message_im.json", text="we are 3 keras devs", channel="D0DMCHAN1")
    place = slack_keys.dm("U0ALICE01", "D0DMCHAN1", "T0TEAM001")
    running.service.handle(
        place.key,
        Said("we are 3 keras devs"),
        event_id=envelope["event_id"],
        outbox=lambda replies: slack_turns.outbox_for(place, replies),
    )
    assert running.api.calls_to("chat.postMessage") == []
    later = time.time() + 1000  # the committing worker's delivery claim (a lease) has lapsed
    assert sweeper(running).sweep(now=later) == 1
    assert sweeper(running).sweep(now=later) == 0
    posts = running.api.calls_to("chat.postMessage")
    assert len(posts) == 1 and "Team skills: Keras" in posts[0].params["text"]


def test_forget_takes_the_users_waiting_requests_too(running: Running) -> None:
    envelope = running.slack.envelope("event_message_im.json", text="our secret project", channel="D0DMCHAN1")
    running.service.store.keep(envelope["event_id"], json.dumps(envelope))
    running.service.store.forget_user("T0TEAM001:U0ALICE01")
    assert envelope["event_id"] not in inbox(running)


def test_a_delivery_taken_over_from_a_process_killed_mid_post_posts_only_what_is_missing(
    running: Running, tmp_path: Path
) -> None:
    """A recommendation is two messages; the process posting them was killed after the first,
    before it could record anything. The sweep posts the second, and the first not again."""
    place = slack_keys.dm("U0ALICE01", "D0DMCHAN1", "T0TEAM001")
    running.service.handle(place.key, Said("we are 3 keras devs"))
    envelope = running.slack.envelope("event_message_im.json", text="just tell me", channel="D0DMCHAN1")
    running.service.handle(
        place.key,
        Said("just tell me"),
        event_id=envelope["event_id"],
        outbox=lambda replies: slack_turns.outbox_for(place, replies),
    )
    outbox = json.loads(running.service.store.db.execute("select outbox from handled_events").fetchone()[0])
    assert len(outbox["messages"]) == 2
    # What the killed process did: its first post reached Slack, and nothing of it reached the
    # database (its writes go to a store of its own here, as if they never happened).
    elsewhere = Store.open(tmp_path / "elsewhere.db")
    slack_turns.deliver(
        running.app.client, elsewhere, {**outbox, "messages": outbox["messages"][:1]}, envelope["event_id"]
    )
    assert len(running.api.calls_to("chat.postMessage")) == 1

    later = time.time() + 1000  # the dead process's delivery claim (a lease) has lapsed
    assert sweeper(running).sweep(now=later) == 1
    assert sweeper(running).sweep(now=later) == 0
    texts = [c.params["text"] for c in running.api.calls_to("chat.postMessage")]
    assert texts == [m["text"] for m in outbox["messages"]], "each message once, in order"
    assert "Recommendation: " in texts[1]


def test_a_retry_after_a_kill_mid_post_does_not_post_again_what_went_out(running: Running, tmp_path: Path) -> None:
    envelope = running.slack.envelope("event_message_im.json", text="we are 3 keras devs", channel="D0DMCHAN1")
    envelope["event"].pop("blocks", None)
    place = slack_keys.dm("U0ALICE01", "D0DMCHAN1", "T0TEAM001")
    running.service.handle(
        place.key,
        Said("we are 3 keras devs"),
        event_id=envelope["event_id"],
        outbox=lambda replies: slack_turns.outbox_for(place, replies),
    )
    outbox = running.service.store.claim_delivery(envelope["event_id"], now=time.time() + 1000)
    slack_turns.deliver(running.app.client, Store.open(tmp_path / "elsewhere.db"), outbox, envelope["event_id"])
    running.service.store.db.execute(  # claimed by a process that has come and gone, like the killed one
        "update handled_events set claimed_at = ? where id = ?", [time.time() - 1000, envelope["event_id"]]
    )

    for retry in (1, 2):
        assert running.slack.event(envelope, retry=retry).status == 200
    running.drain()
    posts = running.api.calls_to("chat.postMessage")
    assert len(posts) == 1 and "Team skills: Keras" in posts[0].params["text"]
    assert running.api.calls_to("conversations.history"), "it looked before posting"
    assert running.service.store.claim_delivery(envelope["event_id"], now=time.time() + 1000) is None, "delivered"


def test_a_turn_that_fails_before_the_ack_is_kept_for_the_sweeper_and_acknowledged(
    running: Running, caplog: pytest.LogCaptureFixture
) -> None:
    """A mention without its user (Slack never sends one; a fuzzer did) fails in its turn: it is
    kept in the inbox for another try, answered 200 (a 5xx would have Slack send it again and
    again), and the error reaches the one error handler."""
    envelope = running.slack.envelope("event_app_mention.json", text=f"<@{BOT_USER}> hi")
    del envelope["event"]["user"]
    assert running.slack.event(envelope).status == 200
    assert envelope["event_id"] in inbox(running)
    running.drain()
    assert "failed handling a Slack request" in caplog.text
    assert running.api.calls_to("chat.postMessage") == []
