"""Slack correctness over HTTP: signatures, retried deliveries, what is not answered, escaping,
rate limits, and failures that must not lose the conversation."""

from __future__ import annotations

import json
import logging
import subprocess

import pytest

from tests.slack.conftest import Running
from tests.slack.fake_slack import payload, sign


@pytest.mark.parametrize(
    ("age", "signature"),
    [
        (0, "v0=" + "0" * 64),  # forged
        (0, ""),  # unsigned
        (6 * 60, None),  # correctly signed, but older than 5 minutes: a replay
    ],
)
def test_forged_unsigned_or_stale_requests_get_401_and_do_nothing(
    running: Running, age: int, signature: str | None
) -> None:
    body = json.dumps(payload("event_message_im.json")).encode()
    assert running.slack.post(body, "application/json", age=age, signature=signature).status == 401
    form = b"command=%2Fadvisor&text=hi&user_id=U0ALICE01&channel_id=C0CHANNEL1"
    assert running.slack.post(form, "application/x-www-form-urlencoded", age=age, signature=signature).status == 401
    running.drain()
    assert [c.method for c in running.api.attempts] == ["auth.test"], "only who the bot is, asked at start-up"
    assert running.state("U0ALICE01", "dm:D0DMCHAN1") is None


def test_the_signature_covers_the_body(running: Running) -> None:
    body = json.dumps(payload("event_message_im.json")).encode()
    other = sign("wrong-secret", 0, body)
    assert running.slack.post(body, "application/json", signature=other).status == 401


def test_an_event_delivered_four_times_is_answered_once(running: Running) -> None:
    envelope = running.slack.envelope("event_message_im.json", text="hi")
    for retry in range(4):  # the first delivery, then X-Slack-Retry-Num 1..3
        assert running.slack.event(envelope, retry=retry).status == 200
    running.drain()
    assert len(running.api.calls_to("chat.postMessage")) == 1


def test_a_retry_reaching_another_worker_is_not_answered_again(running: Running, second_worker: Running) -> None:
    envelope = running.slack.envelope("event_message_im.json", text="hi")
    running.slack.event(envelope)
    second_worker.slack.event(envelope, retry=1)
    running.drain()
    second_worker.drain()
    assert len(running.api.calls_to("chat.postMessage")) == 1


@pytest.mark.parametrize(
    "event",
    [
        payload("event_message_from_bot.json")["event"],  # our own post coming back
        {**payload("event_message_from_bot.json")["event"], "bot_id": "B0OTHER01", "user": "U0OTHER01"},
        payload("event_message_changed.json")["event"],  # an edit
        {"type": "message", "subtype": "message_deleted", "channel": "D0DMCHAN1", "channel_type": "im",
         "ts": "1763950009.000100", "deleted_ts": "1763950001.000100", "hidden": True},
        {"type": "message", "subtype": "channel_join", "channel": "C0CHANNEL1", "channel_type": "channel",
         "user": "U0ALICE01", "text": "<@U0ALICE01> has joined the channel", "ts": "1763950009.000200"},
        {"type": "message", "subtype": "file_share", "channel": "D0DMCHAN1", "channel_type": "im",
         "user": "U0ALICE01", "text": "", "ts": "1763950009.000300"},
    ],
    ids=["own message", "other bot", "edit", "deletion", "join", "file share without words"],
)  # fmt: skip
def test_messages_that_are_not_a_user_talking_get_no_reply(running: Running, event: dict[str, object]) -> None:
    running.slack.dm("hi")  # a conversation exists, so silence is a decision, not a missing one
    running.api.wait_for("chat.postMessage", 1)
    envelope = payload("event_message_im.json")
    envelope.update(event=event, event_id="Ev0NOREPLY1")
    assert running.slack.event(envelope).status == 200
    running.drain()
    assert len(running.api.calls_to("chat.postMessage")) == 1


def test_what_a_user_typed_is_escaped_and_pings_nobody(running: Running) -> None:
    running.slack.dm("hi")
    running.api.wait_for("chat.postMessage", 1)
    running.slack.dm("<!channel> <!here> <@U0BOB0001> & co")  # not an answer: the bot echoes it
    echo = running.api.wait_for("chat.postMessage", 2)[-1]
    assert "&lt;!channel&gt; &lt;!here&gt; &lt;@U0BOB0001&gt; &amp; co" in echo.dump
    for call in running.api.calls:
        for live in ("<!channel>", "<!here>", "<@U0BOB0001>"):
            assert live not in call.dump


def test_a_rate_limited_post_is_retried_and_delivered(running: Running) -> None:
    running.api.fail("chat.postMessage", status=429)
    running.slack.dm("hi")
    post = running.api.wait_for("chat.postMessage", 1)[0]
    assert "Stack Advisor" in post.params["text"]
    statuses = [c.status for c in running.api.attempts if c.method == "chat.postMessage"]
    assert statuses == [429, 200]


def test_a_post_whose_answer_was_lost_is_looked_up_and_shown_once(running: Running) -> None:
    """Slack posted the message, but its answer never came back: posting it again blindly (as
    slack_sdk's connection-error retry would) shows the user the same reply twice."""
    running.api.lose_answers("chat.postMessage")
    running.slack.dm("hi")
    running.api.wait_for("conversations.history", 1)  # looked up instead of sent again
    running.slack.dm("image classification")
    question = running.api.wait_for("chat.postMessage", 2)[-1].params["text"]
    assert "Got it: Use case: Computer vision" in question, "the conversation carries on"
    posted = [m["text"] for m in running.api.messages.values() if m["channel"] == "D0DMCHAN1"]
    assert len(posted) == 2 and len(set(posted)) == 2, posted
    assert [c.method for c in running.api.arrivals].count("chat.postMessage") == 2


def test_a_post_whose_answer_was_lost_and_that_never_arrived_is_posted(running: Running) -> None:
    """The lookup finds nothing (the request was lost, not the answer): the reply is posted then."""
    running.api.lose_answers("chat.postMessage", acted=False)
    running.slack.dm("hi")
    welcome = running.api.wait_for("chat.postMessage", 1)[0].params["text"]
    assert "Stack Advisor" in welcome
    assert [c.method for c in running.api.arrivals if c.method != "auth.test"][:3] == [
        "chat.postMessage",
        "conversations.history",
        "chat.postMessage",
    ]
    posted = [m["text"] for m in running.api.messages.values() if m["channel"] == "D0DMCHAN1"]
    assert posted == [welcome]


def test_a_failed_post_apologises_logs_the_traceback_and_keeps_the_conversation(
    running: Running, caplog: pytest.LogCaptureFixture
) -> None:
    running.slack.dm("hi")
    running.api.wait_for("chat.postMessage", 1)
    running.api.fail("chat.postMessage", status=200, error="fatal_error")
    with caplog.at_level(logging.ERROR):
        running.slack.dm("image classification")
        apology = running.api.wait_for("chat.postEphemeral")[0].params
    assert apology["user"] == "U0ALICE01" and "Sorry" in apology["text"]
    failure = next(r for r in caplog.records if r.exc_info and "fatal_error" in str(r.exc_info[1]))
    assert "event_id=Ev0TEST" in failure.getMessage() and "channel=D0DMCHAN1" in failure.getMessage()
    assert "image classification" not in failure.getMessage(), "what users type stays out of the log"
    assert "xoxb-" not in caplog.text, "tokens never reach the log"

    running.slack.dm("mostly pytorch")  # the conversation carries on, from a valid state
    assert "Team skills: PyTorch" in running.api.wait_for("chat.postMessage", 2)[-1].params["text"]


def test_a_committed_turn_whose_replies_never_went_out_is_delivered_by_the_retry(running: Running) -> None:
    """As after a crash between committing a turn and posting its replies (kill -9 is in test_processes)."""
    from bot import slack_keys, slack_turns
    from bot.dialogue import Said

    envelope = running.slack.envelope("event_message_im.json", text="we are 3 keras devs", channel="D0DMCHAN1")
    place = slack_keys.dm("U0ALICE01", "D0DMCHAN1", "T0TEAM001")
    running.service.handle(
        place.key,
        Said("we are 3 keras devs"),
        event_id=envelope["event_id"],
        outbox=lambda replies: slack_turns.outbox_for(place, replies),
    )
    assert running.api.calls_to("chat.postMessage") == []
    # The turn was claimed for posting by the process that committed it; make that one a process
    # that has come and gone, like the killed one.
    gone = subprocess.Popen(["true"])
    gone.wait()
    db = running.service.store.db
    db.execute("update handled_events set claimed_by = ? where id = ?", [gone.pid, envelope["event_id"]])

    for retry in (1, 2, 3):
        assert running.slack.event(envelope, retry=retry).status == 200
    running.drain()
    posts = running.api.calls_to("chat.postMessage")
    assert len(posts) == 1
    assert "Team skills: Keras" in posts[0].params["text"]
    state = running.state("U0ALICE01", "dm:D0DMCHAN1")
    assert state is not None and state.answers["skills"] == ["keras"]
