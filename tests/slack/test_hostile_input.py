"""Hostile and odd input over HTTP, every request correctly signed so the app really processes it:
the right 2xx/4xx and never a 5xx, a sensible reply where one is due and nothing where none is, and
the conversation intact afterwards."""

from __future__ import annotations

import copy
import json
import urllib.parse
from typing import Any

import pytest

from bot import render_blocks
from bot.interface_wording import wording
from tests.slack.conftest import Running
from tests.slack.fake_slack import BOT_USER, payload

ALICE, DM = "U0ALICE01", "dm:D0DMCHAN1"
FIRST_QUESTION = "[1/7] What will your models mainly do?"
LIVE = ("<!channel>", "<!here>", "<@U0BOB0001>", "<#C0CHANNEL1", "<https://evil.example")


def check_limits(params: dict[str, Any]) -> None:
    """A message Slack would accept: its text, block count and every element within the limits."""
    assert len(params["text"]) <= 40_000
    blocks = params.get("blocks") or []
    assert len(blocks) <= render_blocks.MAX_BLOCKS
    for block in blocks:
        assert len(block.get("block_id", "")) <= 255
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= render_blocks.MAX_SECTION
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= render_blocks.MAX_HEADER
        if block["type"] == "context":
            assert len(block["elements"]) <= render_blocks.MAX_CONTEXT_ELEMENTS
            assert all(len(e["text"]) <= render_blocks.MAX_SECTION for e in block["elements"])
        if block["type"] == "actions":
            assert len(block["elements"]) <= 25
            for element in block["elements"]:
                assert len(element["action_id"]) <= 255
                if element["type"] == "button":
                    assert len(element["text"]["text"]) <= render_blocks.MAX_BUTTON
                    assert len(element.get("value", "")) <= 2000


def sent(running: Running) -> list[str]:
    """The Web API methods the app called (auth.test, on the first request, aside)."""
    return [c.method for c in running.api.calls if c.method != "auth.test"]


def everything_sent(running: Running) -> str:
    return "\n".join(call.dump for call in running.api.calls)


def start(running: Running) -> Any:
    """A DM conversation waiting on its first question; returns its state."""
    running.slack.dm("hi")
    assert FIRST_QUESTION in running.api.wait_for("chat.postMessage", 1)[-1].params["text"]
    state = running.state(ALICE, DM)
    assert state is not None and state.pending == "use_case"
    return state


def continues(running: Running, posts_before: int) -> None:
    """The next ordinary answer carries on where the conversation was (the first question)."""
    running.slack.dm("image classification")
    reply = running.api.wait_for("chat.postMessage", posts_before + 1)[-1].params
    assert "Use case: Computer vision" in reply["text"]
    state = running.state(ALICE, DM)
    assert state is not None and state.answers["use_case"] == ["vision"]
    assert state.pending == "skills" or "skills" in state.answers


# -- odd text ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\n\t \u00a0\u3000 "], ids=["empty", "spaces", "unicode whitespace"])
def test_a_blank_message_gets_no_reply_and_changes_nothing(running: Running, text: str) -> None:
    before = start(running)
    assert running.slack.dm(text).status == 200
    continues(running, 1)  # the blank message was not taken as a (wrong) answer
    running.drain()
    assert len(running.api.calls_to("chat.postMessage")) == 2
    turns = running.service.store.db.execute("select count(*) from turns").fetchone()[0]
    assert turns == 2 and before.answers == {}


def test_a_40000_character_message_gets_a_normal_reply_with_a_short_escaped_echo(running: Running) -> None:
    start(running)
    huge = ("<!channel> <!here> <@U0BOB0001> & <https://evil.example|win> zzz " * 700)[:40_000]
    assert len(huge) == 40_000

    answer = running.slack.dm(huge)

    assert answer.status == 200 and answer.seconds < 3
    reply = running.api.wait_for("chat.postMessage", 2)[-1].params
    check_limits(reply)
    echo = reply["text"].split("couldn't place \"", 1)[1].split('".', 1)[0]
    assert echo.startswith("&lt;!channel&gt; &lt;!here&gt; &lt;@U0BOB0001&gt; &amp; &lt;https://evil.example|win&gt;")
    assert echo.endswith("...") and len(echo) < 200  # shortened before escaping: about 80 characters typed
    assert len(reply["text"]) < 2_000 and FIRST_QUESTION in reply["text"]  # the question again, not the text
    for live in LIVE:
        assert live not in everything_sent(running)
    state = running.state(ALICE, DM)
    assert state is not None and (state.pending, state.answers) == ("use_case", {})
    continues(running, 2)


@pytest.mark.parametrize("entry", ["command", "mention"])
def test_a_40000_character_opening_starts_the_conversation_within_slacks_limits(running: Running, entry: str) -> None:
    huge = ("<!here> ünïcödé & ```code``` 🚀 " * 2000)[:40_000]
    if entry == "command":
        answer = running.slack.command(huge)
        assert answer.json() == {"text": wording().in_dm, "response_type": "ephemeral"}
    else:
        answer, _ = running.slack.mention(huge)
    assert answer.status == 200 and answer.seconds < 3
    reply = running.api.wait_for("chat.postMessage", 1)[-1].params
    check_limits(reply)
    assert FIRST_QUESTION in reply["text"] and "<!here>" not in everything_sent(running)


@pytest.mark.parametrize(
    ("text", "said", "answers"),
    [
        ("🚀🔥👍🏽 👨‍👩‍👧‍👦 🇺🇦", 'couldn\'t place "🚀🔥👍🏽 👨‍👩‍👧‍👦 🇺🇦"', {}),
        # Bidi controls around words, and a zero-width space inside a word.
        (
            "\u202bwe use\u202c py\u200btorch\u200d \u2067mostly\u2069",
            "Team skills: PyTorch",
            {"skills": ["pytorch"]},
        ),
        # Right-to-left text in another language: one English-only reply, nothing stored.
        ("\u202bنحن نستخدم\u202c py\u200btorch\u200d \u2067שלום\u2069", "only speak English", {}),
        ("```\nimport torch\nmodel = torch.nn.Linear(2, 2)\n```", "Team skills: PyTorch", {"skills": ["pytorch"]}),
        # Slack sends mentions, channels and links as markup; a link's label is what the user wrote.
        (
            "<@U0BOB0001> and I do <https://en.wikipedia.org/wiki/Computer_vision|image classification>,"
            " see <#C0CHANNEL1|ml-team> <!here>",
            "Use case: Computer vision",
            {"use_case": ["vision"]},
        ),
        (
            "<!channel> <@U0BOB0001> <#C0CHANNEL1|ml-team> <https://evil.example|click here>",
            "couldn't place \"&lt;!channel&gt; &lt;@U0BOB0001&gt; &lt;#C0CHANNEL1|ml-team&gt;"
            ' &lt;https://evil.example|click here&gt;"',
            {},
        ),
    ],
    ids=[
        "emoji",
        "bidi and zero-width",
        "rtl in another language",
        "code block",
        "markup inside an answer",
        "markup alone",
    ],
)
def test_odd_text_gets_a_sensible_reply_and_the_conversation_continues(
    running: Running, text: str, said: str, answers: dict[str, list[str]]
) -> None:
    start(running)
    assert running.slack.dm(text).status == 200
    reply = running.api.wait_for("chat.postMessage", 2)[-1].params
    check_limits(reply)
    assert said in reply["text"]
    for live in LIVE:
        assert live not in everything_sent(running)
    state = running.state(ALICE, DM)
    assert state is not None and state.answers == answers
    if "use_case" in answers:
        running.slack.dm("we know keras")
        reply = running.api.wait_for("chat.postMessage", 3)[-1].params
        assert "Team skills: Keras" in reply["text"] and "[3/7]" in reply["text"]
    else:
        continues(running, 2)


def test_a_blank_command_or_mention_starts_the_conversation(running: Running) -> None:
    answer = running.slack.command(" \t ")
    assert answer.status == 200 and answer.json()["text"] == wording().in_dm
    assert FIRST_QUESTION in running.api.wait_for("chat.postMessage", 1)[-1].params["text"]
    answer, root = running.slack.mention("   ")  # only the bot's name
    assert answer.status == 200
    reply = running.api.wait_for("chat.postMessage", 2)[-1].params
    assert reply["thread_ts"] == root and FIRST_QUESTION in reply["text"]


# -- things that must not be answered ---------------------------------------------------------------


def test_a_file_shared_without_words_gets_no_reply_and_changes_nothing(running: Running) -> None:
    """A file with a comment is the user talking (test_edge_cases); a bare file says nothing to answer."""
    before = start(running)
    file = {"id": "F0FILE001", "name": "roadmap.pdf", "mimetype": "application/pdf", "size": 123456}
    for channel, extra in (("D0DMCHAN1", {"channel_type": "im"}), ("D0DMCHAN1", {"thread_ts": "1763950001.000100"})):
        envelope = running.slack.envelope(
            "event_message_im.json", subtype="file_share", text="", channel=channel, files=[file], **extra
        )
        assert running.slack.event(envelope).status == 200
    continues(running, 1)  # the file was not a (wrong) answer to the first question
    running.drain()
    assert len(running.api.calls_to("chat.postMessage")) == 2
    state = running.state(ALICE, DM)
    assert state is not None and before.answers == {}


@pytest.mark.parametrize(
    "event",
    [
        {"type": "reaction_added", "user": ALICE, "reaction": "thumbsup", "item_user": BOT_USER,
         "item": {"type": "message", "channel": "D0DMCHAN1", "ts": "1763960001.000100"}},
        {"type": "app_home_opened", "user": ALICE, "channel": "D0DMCHAN1", "tab": "messages"},
        {"type": "member_joined_channel", "user": ALICE, "channel": "C0CHANNEL1", "channel_type": "C"},
        {"type": "some_future_event", "user": ALICE, "channel": "D0DMCHAN1", "text": "we use pytorch"},
    ],
    ids=["reaction", "app home", "member joined", "made up"],
)  # fmt: skip
def test_unknown_event_types_are_acknowledged_and_ignored(running: Running, event: dict[str, Any]) -> None:
    before = start(running)
    envelope = running.slack.envelope("event_message_im.json")
    envelope["event"] = {**event, "event_ts": envelope["event"]["ts"]}
    assert running.slack.event(envelope).status == 200  # 404 would make Slack deliver it again
    running.drain()
    assert sent(running) == ["chat.postMessage"]  # the first question only
    assert running.state(ALICE, DM) == before


def test_slacks_rate_limit_notice_is_acknowledged(running: Running) -> None:
    notice = {"token": "x", "type": "app_rate_limited", "team_id": "T0TEAM001",
              "minute_rate_limited": 1763950000, "api_app_id": "A0APP0001"}  # fmt: skip
    assert running.slack.event(notice).status == 200
    running.drain()
    assert sent(running) == []


@pytest.mark.parametrize(
    "action_id",
    ["no_such_action", "answer", "answer:use_case", "done", "recap", "consult:x", "x" * 255],
)
def test_unknown_action_ids_are_acknowledged_and_ignored(running: Running, action_id: str) -> None:
    before = start(running)
    question = running.api.calls_to("chat.postMessage")[-1].params
    ts = next(ts for ts, m in running.api.messages.items() if m["text"] == question["text"])
    body = payload("block_actions.payload.json")
    body["container"].update(message_ts=ts, channel_id="D0DMCHAN1")
    body["message"] = copy.deepcopy(running.api.messages[ts])
    body["actions"][0].update(action_id=action_id, block_id="step-use_case-0", value="vision")
    form = urllib.parse.urlencode({"payload": json.dumps(body)}).encode()

    assert running.slack.post(form, "application/x-www-form-urlencoded").status == 200
    running.drain()
    assert sent(running) == ["chat.postMessage"]  # the first question only: no update, no ephemeral note
    assert running.state(ALICE, DM) == before


# -- bodies that are not what Slack sends -----------------------------------------------------------

EVENT = json.dumps(payload("event_message_im.json")).encode()
FORM = "application/x-www-form-urlencoded"


def _form(**fields: str) -> bytes:
    return urllib.parse.urlencode(fields).encode()


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [
        (b'{"type": "event_callback", "event": {"type": "mess', "application/json", 400),
        (b"[1, 2, 3]", "application/json", 400),
        (b"null", "application/json", 400),
        (b'"just a string"', "application/json", 400),
        (b"[" * 100_000 + b"]" * 100_000, "application/json", 400),
        (
            b'{"type": "event_callback", "x": "\xff\xfe"}',
            "application/json",
            401,
        ),  # its signature cannot be checked: not Slack's
        (_form(payload="{not json"), FORM, 400),
        (_form(payload="[1, 2]"), FORM, 400),
        (_form(payload=json.dumps({"type": "block_actions", "actions": [{}]})), FORM, 400),
        (_form(a="b", c=""), FORM, 404),
        (b"", FORM, 404),
        (b"{}", "application/json", 404),
        (b'{"type": "no_such_type"}', "application/json", 404),
        # the wrong content type
        (EVENT, "text/plain", 415),
        (EVENT, "multipart/form-data; boundary=x", 415),
        (EVENT, FORM, 400),
        (_form(command="/advisor", text="hi", user_id=ALICE), "application/json", 400),
        (_form(payload=json.dumps(payload("block_actions.payload.json"))), "application/json", 400),
    ],
    ids=[
        "truncated json",
        "json array",
        "json null",
        "json string",
        "json nested 100k deep",
        "not utf-8",
        "form payload not json",
        "form payload an array",
        "block_actions without ids",
        "form of unknown fields",
        "empty form",
        "empty json object",
        "unknown payload type",
        "event as text/plain",
        "event as multipart",
        "event as a form",
        "command as json",
        "button click as json",
    ],
)
def test_a_signed_but_malformed_body_gets_a_4xx_and_changes_nothing(
    running: Running, body: bytes, content_type: str, status: int
) -> None:
    answer = running.slack.post(body, content_type)
    assert answer.status == status
    running.slack.dm("hi")  # the app is unharmed: the next real message is answered
    assert FIRST_QUESTION in running.api.wait_for("chat.postMessage", 1)[-1].params["text"]
    running.drain()
    assert len(running.api.calls_to("chat.postMessage")) == 1
    keys = running.service.store.db.execute("select count(*) from conversations").fetchone()[0]
    assert keys == 1


def test_a_malformed_body_with_a_bad_signature_is_still_401(running: Running) -> None:
    for body, content_type in ((b"[1, 2", "application/json"), (EVENT, "text/plain"), (b"\xff", FORM)):
        assert running.slack.post(body, content_type, signature="v0=" + "0" * 64).status == 401


def test_a_content_type_with_parameters_is_accepted(running: Running) -> None:
    envelope = running.slack.envelope("event_message_im.json", text="hi")
    body = json.dumps(envelope).encode()
    assert running.slack.post(body, "application/json; charset=utf-8").status == 200
    assert FIRST_QUESTION in running.api.wait_for("chat.postMessage", 1)[-1].params["text"]


def test_slacks_ssl_check_still_gets_200(running: Running) -> None:
    """Slack's certificate check on the command URL is a form Bolt answers itself; the guard lets it by."""
    assert running.slack.post(_form(ssl_check="1", token="x"), FORM).status == 200
    running.drain()
    assert sent(running) == []
