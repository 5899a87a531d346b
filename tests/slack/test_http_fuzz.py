"""Fuzzing the HTTP endpoint: hypothesis-made Slack-shaped payloads and raw bytes, each correctly
signed and POSTed to the real app. Never a 5xx; an event is answered at most once, however often
it is delivered; every message the app sends is within Slack's limits and pings nobody."""

from __future__ import annotations

import json
import urllib.parse
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.slack.conftest import Running
from tests.slack.fake_slack import BOT_ID, BOT_USER, DM_CHANNELS, payload
from tests.slack.test_hostile_input import check_limits
from tests.test_core_fuzz import PHRASES

pytestmark = pytest.mark.slow

SLOW_CHECKS = [HealthCheck.too_slow, HealthCheck.data_too_large]
USERS = [*DM_CHANNELS]
NEVER = ("<!channel>", "<!here>", "<!everyone>", "<@U0CAROL01>", "<#C0CHANNEL1")  # only a user types these
ANSWERED = ("chat.postMessage", "chat.postEphemeral", "chat.update", "response_url")

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
    max_leaves=6,
)
markup = st.sampled_from(
    ["<!channel>", "<!here>", "<!everyone>", "<@U0CAROL01>", f"<@{BOT_USER}>", "<#C0CHANNEL1|ml-team>",
     "<https://evil.example|click>", "```", "`", "*", "_", "~", "&", "&amp;", "\u200b", "\u202e", "\u2067",
     "🚀", "👨‍👩‍👧"]
)  # fmt: skip
words = st.one_of(st.sampled_from(PHRASES), markup, st.text(max_size=12))
texts = st.one_of(
    st.text(max_size=80),
    st.lists(words, max_size=12).map(" ".join),
    # long texts, up to Slack's 40,000 characters, built by repetition (generating them is slow)
    st.tuples(st.lists(words, min_size=1, max_size=4).map(" ".join), st.integers(1, 4000)).map(
        lambda t: (t[0] * t[1])[:40_000]
    ),
)
extra_fields = st.dictionaries(st.text(max_size=10), json_values, max_size=3)


def settle(running: Running) -> None:
    """Wait for every listener the app started."""
    running.settle()


def count(running: Running) -> dict[str, int]:
    db = running.service.store.db
    counts = {m: len(running.api.calls_to(m)) for m in ANSWERED}
    counts["turns"] = db.execute("select count(*) from turns").fetchone()[0]
    return counts


def check_sent_since(running: Running, first: int) -> None:
    for call in running.api.calls[first:]:
        if call.method in ("chat.postMessage", "chat.update"):
            check_limits(call.params)
        for never in NEVER:
            assert never not in call.dump, (never, call.params)


def fuzz(running: Running, strategy: st.SearchStrategy[Any], examples: int) -> Callable[[Callable[[Any], None]], None]:
    """Run `check` on `examples` values of `strategy` against the running app, settling after each."""

    def run(check: Callable[[Any], None]) -> None:
        # derandomize: CI runs the same inputs every time, so the "not vacuous" floors below are stable.
        @settings(max_examples=examples, deadline=None, suppress_health_check=SLOW_CHECKS, derandomize=True)
        @given(strategy)
        def one(value: Any) -> None:
            first = len(running.api.calls)
            check(value)
            check_sent_since(running, first)

        one()

    return run


# -- events -----------------------------------------------------------------------------------------


@st.composite
def events(draw: st.DrawFn) -> dict[str, Any]:
    user = draw(st.sampled_from([*USERS, BOT_USER, "U0STRANGER"]))
    channel = draw(st.sampled_from([DM_CHANNELS.get(user, "D0DMCHAN1"), "C0CHANNEL1", "G0PRIVATE1"]))
    event: dict[str, Any] = {
        "type": draw(st.sampled_from(["message", "message", "app_mention", "reaction_added", "x_unknown"])),
        "user": user,
        "channel": channel,
        "channel_type": "im" if channel.startswith("D") else draw(st.sampled_from(["channel", "group", "mpim"])),
        "text": draw(texts),
        "ts": f"1763970{draw(st.integers(0, 999)):03d}.000100",
    }
    event["event_ts"] = event["ts"]
    if event["type"] == "app_mention":
        event["text"] = f"<@{BOT_USER}> {event['text']}"
    optional = {
        "subtype": st.sampled_from(["file_share", "bot_message", "message_changed", "message_deleted",
                                    "channel_join", "thread_broadcast", "me_message", "x_unknown"]),
        "thread_ts": st.sampled_from(["1763970000.000100", "1763950001.000100"]),
        "bot_id": st.sampled_from([BOT_ID, "B0OTHER01"]),
        "files": st.lists(st.fixed_dictionaries({"id": st.just("F0FILE001"), "name": st.text(max_size=20)})),
        "blocks": st.lists(json_values, max_size=2),
    }  # fmt: skip
    for name, values in optional.items():
        if draw(st.integers(0, 4)) == 0:
            event[name] = draw(values)
    for name in draw(st.lists(st.sampled_from(["user", "text", "channel", "channel_type", "ts"]), max_size=2)):
        event.pop(name, None)  # fields Slack always sends, missing
    event.update(draw(extra_fields.filter(lambda f: "type" not in f)))  # a non-string type is a 400
    return event


@st.composite
def deliveries(draw: st.DrawFn) -> list[tuple[dict[str, Any], int]]:
    """A few events, each delivered once or retried (Slack's X-Slack-Retry-Num)."""
    out = []
    for event in draw(st.lists(events(), min_size=1, max_size=3)):
        out += [(event, retry) for retry in range(draw(st.integers(1, 3)))]
    return out


def test_fuzzed_events_never_5xx_and_each_is_answered_at_most_once(running: Running) -> None:
    # 800 examples of 1-3 events each, every one delivered 1-3 times.
    sent = {"events": 0}

    def check(sequence: list[tuple[dict[str, Any], int]]) -> None:
        ids: dict[int, str] = {}
        turns: dict[int, int] = {}
        for event, retry in sequence:
            key = id(event)
            if key not in ids:
                ids[key] = running.slack.envelope("event_message_im.json")["event_id"]
                sent["events"] += 1
            envelope = {**payload("event_message_im.json"), "event": event, "event_id": ids[key]}
            before = count(running)
            answer = running.slack.event(envelope, retry=retry)
            assert answer.status == 200, (answer, event)
            settle(running)
            after = count(running)
            took = after["turns"] - before["turns"]
            turns[key] = turns.get(key, 0) + took
            assert turns[key] <= 1, ("one event, two turns", event)
            posts = after["chat.postMessage"] - before["chat.postMessage"]
            assert posts <= (3 if took else 0), ("posts without a turn, or too many", event)
            assert after["chat.postEphemeral"] - before["chat.postEphemeral"] <= 1  # an apology at most

    fuzz(running, deliveries(), 800)(check)
    assert sent["events"] >= 800
    assert count(running)["turns"] >= 50  # not vacuous: many of them were conversation turns


# -- slash commands and button clicks --------------------------------------------------------------


@st.composite
def commands(draw: st.DrawFn) -> dict[str, str]:
    fields: dict[str, str] = payload("command_advisor.fields.json")
    prefix = draw(st.sampled_from(["", "", "help ", "here ", "restart", "forget", "HERE "]))
    fields.update(
        text=prefix + draw(texts),
        user_id=draw(st.sampled_from(USERS)),
        channel_id=draw(st.sampled_from(["C0CHANNEL1", "G0PRIVATE1", "D0DMCHAN1"])),
    )
    extra = st.dictionaries(st.text(min_size=1, max_size=8), st.text(max_size=20), max_size=2)
    fields.update(draw(extra.filter(lambda f: not {"command", "user_id", "text"} & set(f))))
    return fields


def test_fuzzed_slash_commands_are_acknowledged_and_never_5xx(running: Running) -> None:
    def check(fields: dict[str, str]) -> None:
        fields["response_url"] = running.api.response_url()
        answer = running.slack.post(urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded")
        assert answer.status == 200, (answer, fields)
        assert answer.json()["response_type"] == "ephemeral" and answer.seconds < 3
        settle(running)

    fuzz(running, commands(), 400)(check)


ACTION_IDS = [
    "answer:use_case:vision", "answer:use_case:unsure", "answer:skills:pytorch", "answer:nope:x", "done:hardware",
    "done:skills", "done:", "recap:confirm", "recap:restart", "command:adopt", "command:discard", "command:resume",
    "command:restart", "command:", "pick:hardware", "consult", "answer", "answer:use_case",
]  # fmt: skip


@st.composite
def clicks(draw: st.DrawFn) -> dict[str, Any]:
    body: dict[str, Any] = payload("block_actions.payload.json")
    action_id = draw(st.one_of(st.sampled_from(ACTION_IDS), st.text(min_size=1, max_size=40)))
    body["user"]["id"] = draw(st.sampled_from(USERS))
    channel = draw(st.sampled_from(["D0DMCHAN1", "D0DMCHAN2", "C0CHANNEL1"]))
    body["container"]["channel_id"] = body["channel"]["id"] = channel
    body["message"]["thread_ts"] = draw(st.sampled_from([None, "1763970000.000100"]))
    body["actions"][0].update(action_id=action_id, value=draw(st.text(max_size=30)))
    ticked = draw(st.lists(st.sampled_from(["nvidia", "cpu", "tpu", "pytorch", "x"]), max_size=3))
    step = action_id.split(":", 1)[-1]
    body["state"] = {
        "values": {"b": {f"pick:{step}": {"selected_options": [{"value": v, "text": {"text": v}} for v in ticked]}}}
    }
    # Extra fields, but not ones that make it another kind of request (the guard answers those 400).
    routing = {"type", "actions", "user", "command", "user_id", "event", "event_id"}
    body.update(draw(extra_fields.filter(lambda f: not routing & set(f))))
    return body


def test_fuzzed_button_clicks_are_acknowledged_and_never_5xx(running: Running) -> None:
    running.slack.dm("hi")  # a conversation to click in
    running.api.wait_for("chat.postMessage")

    def check(body: dict[str, Any]) -> None:
        body["response_url"] = running.api.response_url("action")
        form = urllib.parse.urlencode({"payload": json.dumps(body)}).encode()
        answer = running.slack.post(form, "application/x-www-form-urlencoded")
        assert answer.status == 200, (answer, body["actions"])
        settle(running)

    fuzz(running, clicks(), 500)(check)
    assert running.api.calls_to("chat.update")  # not vacuous: some clicks answered a question


# -- anything at all ---------------------------------------------------------------------------------

CONTENT_TYPES = ["application/json", "application/x-www-form-urlencoded", "text/plain", "", "application/xml"]
bodies = st.one_of(
    st.binary(max_size=500),
    json_values.map(lambda v: json.dumps(v).encode()),
    st.dictionaries(st.text(max_size=10), st.text(max_size=20), max_size=4).map(
        lambda d: urllib.parse.urlencode(d).encode()
    ),
    st.dictionaries(st.text(max_size=10), json_values, max_size=4).map(
        lambda d: urllib.parse.urlencode({"payload": json.dumps(d)}).encode()
    ),
    st.fixed_dictionaries({"type": st.sampled_from(["event_callback", "block_actions", "url_verification"])}, optional={
        "event": json_values, "event_id": json_values, "actions": json_values, "user": json_values,
        "challenge": json_values, "command": json_values, "user_id": json_values, "container": json_values,
    }).map(lambda d: json.dumps(d).encode()),
)  # fmt: skip


def test_fuzzed_bodies_never_5xx(running: Running) -> None:
    def check(request: tuple[bytes, str]) -> None:
        body, content_type = request
        answer = running.slack.post(body, content_type)
        assert answer.status < 500, (answer, body, content_type)
        # Signed, so never 401 - unless it is not UTF-8, which Slack never sends and cannot be checked.
        assert answer.status != 401 or not _utf8(body), (answer, body, content_type)
        settle(running)

    fuzz(running, st.tuples(bodies, st.sampled_from(CONTENT_TYPES)), 1000)(check)
    running.slack.dm("hi")  # and the app still answers a real message
    assert "[1/7]" in running.api.wait_for("chat.postMessage")[-1].params["text"]


def _utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
