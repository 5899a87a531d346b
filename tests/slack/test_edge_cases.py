"""Small breaks over HTTP: message kinds that are a user talking, a mention spelled with the bot's
name, `/advisor here` in a DM, text that is not valid Unicode, modal submissions and long Retry-After."""

from __future__ import annotations

import json
import time
import urllib.parse
from typing import Any

import pytest

from tests.slack.conftest import Running
from tests.slack.fake_slack import BOT_USER, payload

ALICE, DM = "U0ALICE01", "dm:D0DMCHAN1"


def start_in_a_thread(running: Running) -> str:
    _, root = running.slack.mention("hi")
    running.api.wait_for("chat.postMessage", 1)
    return root


def test_a_reply_also_sent_to_the_channel_is_answered(running: Running) -> None:
    root = start_in_a_thread(running)
    broadcast = running.slack.envelope(
        "event_message_in_thread.json", subtype="thread_broadcast", text="image classification", thread_ts=root
    )
    broadcast["event"]["root"] = {"ts": root, "thread_ts": root, "user": ALICE, "text": "hi"}
    assert running.slack.event(broadcast).status == 200
    reply = running.api.wait_for("chat.postMessage", 2)[-1].params
    assert reply["thread_ts"] == root and "Use case: Computer vision" in reply["text"]


def test_a_file_shared_with_words_is_answered(running: Running) -> None:
    running.slack.dm("hi")
    running.api.wait_for("chat.postMessage", 1)
    file = {"id": "F0FILE001", "name": "roadmap.pdf", "mimetype": "application/pdf", "size": 123456}
    envelope = running.slack.envelope(
        "event_message_im.json", subtype="file_share", text="image classification", channel="D0DMCHAN1", files=[file]
    )
    assert running.slack.event(envelope).status == 200
    assert "Use case: Computer vision" in running.api.wait_for("chat.postMessage", 2)[-1].params["text"]
    state = running.state(ALICE, DM)
    assert state is not None and state.answers["use_case"] == ["vision"]


def test_a_mention_written_with_the_bots_name_is_answered_once(running: Running) -> None:
    root = start_in_a_thread(running)
    text = f"<@{BOT_USER}|advisor> image classification"
    # Slack sends both: the app_mention, and the message itself (message.channels).
    mention = running.slack.envelope("event_app_mention.json", text=text, thread_ts=root)
    message = running.slack.envelope("event_message_in_thread.json", text=text, thread_ts=root)
    assert running.slack.event(message).status == 200
    assert running.slack.event(mention).status == 200
    running.api.wait_for("chat.postMessage", 2)
    running.drain()
    assert len(running.api.calls_to("chat.postMessage")) == 2


def test_advisor_here_in_a_dm_continues_the_dm_conversation(running: Running) -> None:
    running.slack.dm("we use pytorch")
    running.api.wait_for("chat.postMessage", 1)
    answer = running.slack.command("here image classification", channel="D0DMCHAN1")
    assert answer.status == 200
    reply = running.api.wait_for("chat.postMessage", 2)[-1].params
    assert reply["channel"] == "D0DMCHAN1" and "thread_ts" not in reply
    assert "Use case: Computer vision" in reply["text"]
    running.drain()
    state = running.state(ALICE, DM)
    assert state is not None and state.answers["skills"] == ["pytorch"] and state.answers["use_case"] == ["vision"]
    places = running.service.store.db.execute("select place from conversations").fetchall()
    assert places == [(DM,)], "one conversation, not a second one in a thread of the DM"


def test_a_lone_surrogate_in_a_message_is_stored_safely(running: Running) -> None:
    running.slack.dm("hi")
    running.api.wait_for("chat.postMessage", 1)
    assert running.slack.dm("\ud800 image classification \udfff").status == 200  # sent as JSON escapes
    assert "Use case: Computer vision" in running.api.wait_for("chat.postMessage", 2)[-1].params["text"]
    running.drain()
    assert running.api.calls_to("chat.postEphemeral") == [], "no apology: nothing failed"
    said = running.service.store.db.execute("select said from turns order by id desc limit 1").fetchone()[0]
    assert said == "\ufffd image classification \ufffd"


def modal_payload(kind: str) -> dict[str, Any]:
    clicked = payload("block_actions.payload.json")
    return {
        "type": kind,
        "team": clicked["team"],
        "user": clicked["user"],
        "api_app_id": clicked["api_app_id"],
        "token": clicked["token"],
        "trigger_id": clicked["trigger_id"],
        "view": {
            "id": "V0MODAL001",
            "type": "modal",
            "callback_id": "anything",
            "title": {"type": "plain_text", "text": "A form"},
            "blocks": [],
            "state": {"values": {}},
            "private_metadata": "",
            "hash": "1763950000.abcdef",
        },
        "response_urls": [],
        "is_enterprise_install": False,
        "enterprise": None,
    }


@pytest.mark.parametrize("kind", ["view_submission", "view_closed"])
def test_a_signed_modal_payload_is_acknowledged_and_ignored(running: Running, kind: str) -> None:
    form = urllib.parse.urlencode({"payload": json.dumps(modal_payload(kind))}).encode()
    answer = running.slack.post(form, "application/x-www-form-urlencoded")
    assert answer.status == 200 and answer.body == ""
    running.drain()
    assert [c.method for c in running.api.calls if c.method != "auth.test"] == []


@pytest.mark.slow
def test_a_long_retry_after_is_waited_out_only_up_to_a_cap(running: Running) -> None:
    running.api.fail("chat.postMessage", status=429, retry_after=45)
    started = time.monotonic()
    running.slack.dm("hi")
    post = running.api.wait_for("chat.postMessage", 1, timeout=15)[0]
    assert "Stack Advisor" in post.params["text"]
    assert time.monotonic() - started < 10, "one 45 s Retry-After must not park a listener for 45 s"


@pytest.mark.parametrize(
    ("headers", "seconds"),
    [
        ({"Retry-After": ["45"]}, 5.0),
        ({"retry-after": ["2"]}, 2.0),
        ({"Retry-After": ["soon"]}, 1.0),
        ({"Retry-After": ["-3"]}, 0.0),
        ({}, 1.0),
    ],
)
def test_the_wait_a_rate_limit_asks_for_is_read_and_capped(headers: dict[str, list[str]], seconds: float) -> None:
    from bot.slack_client import retry_after

    assert retry_after(headers) == seconds
