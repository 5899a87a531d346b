"""Block Kit rendering: everything escaped, every message within Slack's limits."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from typing import Any

from bot.dialogue import Pressed
from bot.render_blocks import escape_mrkdwn, messages
from bot.replies import Advise, Answer, Ask, Choice, Recap, RecapLine, Reply, Say
from tests.conftest import Chat

PING = "<!channel> <!here> <!everyone> <@U0BOB0001> <#C0CHANNEL1> & <https://evil.example|click>"


def texts(block: Any) -> Iterator[tuple[str, str]]:
    """(type, text) of every text object in a block, however nested."""
    if isinstance(block, dict):
        if block.get("type") in ("mrkdwn", "plain_text") and isinstance(block.get("text"), str):
            yield block["type"], block["text"]
        for value in block.values():
            yield from texts(value)
    elif isinstance(block, list):
        for item in block:
            yield from texts(item)


def check_limits(blocks: list[dict[str, Any]]) -> None:
    assert len(blocks) <= 50
    for block in blocks:
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= 3000
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= 150
        if block["type"] == "actions":
            assert len(block["elements"]) <= 25
            for element in block["elements"]:
                if element["type"] == "button":
                    assert len(element["text"]["text"]) <= 75
                    assert len(element.get("url", "")) <= 3000


def advice(chat: Chat) -> Advise:
    for line in ["3 keras devs, android app, 6 weeks", "vision", "greenfield", "nvidia", "nothing else"]:
        chat.say(line)
    reply = chat.send(Pressed("confirm"))[-1]
    assert isinstance(reply, Advise)
    return reply


def test_escaping() -> None:
    assert escape_mrkdwn("a & <!channel> > b") == "a &amp; &lt;!channel&gt; &gt; b"


def test_user_text_never_becomes_a_live_mention_anywhere(chat: Chat) -> None:
    rec = advice(chat)
    hostile: list[Reply] = [
        Say(PING),
        Ask("skills", PING, (Choice("pytorch", PING), Choice("unsure", "Not sure")), True, (2, 7)),
        Recap(PING, (RecapLine("skills", PING, PING),), PING),
        replace(rec, flip_text=PING, follow_up_hint=PING),
        Answer("x", PING),
    ]
    for message in messages(hostile):
        assert "<!" not in message.text and "<@" not in message.text and "<#" not in message.text
        for kind, text in texts(message.blocks):
            if kind == "mrkdwn":
                assert "<!" not in text and "<@" not in text and "<#" not in text and "<https://evil" not in text


def test_oversized_replies_are_cut_to_slacks_limits(chat: Chat) -> None:
    huge = "word " * 2000
    labels = tuple(Choice(f"o{i}", "a very long option label " * 10) for i in range(40))
    replies: list[Reply] = [Say(huge) for _ in range(60)]
    replies += [Ask("use_case", huge, (*labels, Choice("unsure", "Not sure")), False, (1, 7))]
    replies += [Ask("deployment", huge, labels, True, (4, 7))]
    rec = advice(chat)
    replies.append(replace(rec, recommendation=rec.recommendation.model_copy(update={"stack": huge}), flip_text=huge))
    for message in messages(replies):
        check_limits(message.blocks)
        assert message.text
        json.dumps(message.blocks)


def test_a_turn_is_one_message_and_the_recommendation_its_own(chat: Chat) -> None:
    first = chat.say("hi")
    assert len(messages(first)) == 1  # greeting + first question together
    rec = advice(chat)
    assert len(messages([Say("Got it."), rec])) == 2
