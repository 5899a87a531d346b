"""Every message and view the bot can produce is valid Block Kit, checked with slack-sdk's own
models (`validate_json`) and the documented limits, over generated recommendations, follow-ups,
details and Home views; and long content is split, never cut."""

from __future__ import annotations

import random
from datetime import date
from typing import Any

import pytest
from slack_sdk.models.blocks import Block

from bot import render_blocks
from bot.dialogue import Advisor
from bot.replies import Advise, Answer, Lead, Reply
from bot.state import Pressed, Said, State

TODAY = date(2026, 11, 25)
FOLLOW_UPS = ["why?", "why not tensorflow?", "how sure are you?", "sources", "show the comparison", "details",
              "tl;dr", "what would change your mind?", "what about jetson?", "capital of peru?"]  # fmt: skip


def valid(blocks: list[dict[str, Any]]) -> None:
    assert 0 < len(blocks) <= render_blocks.MAX_BLOCKS
    for block in blocks:
        Block.parse(block).validate_json()  # type: ignore[union-attr]  # raises on any broken limit


def answer_sets(count: int) -> list[dict[str, list[str]]]:
    from tests.test_advice_properties import CONVERSATION

    rng = random.Random(7)
    sets = []
    for _ in range(count):
        answers = {}
        for step in CONVERSATION.steps:
            if rng.random() < 0.8:
                ids = [o.id for o in step.options]
                answers[step.id] = sorted(set(rng.sample(ids, 2 if step.kind == "many" else 1)))
        sets.append(answers)
    return sets


@pytest.fixture(scope="module")
def conversations(advisor: Advisor) -> list[list[Reply]]:
    """Replies of whole endings: a recommendation, then every kind of follow-up, for many teams."""
    turns: list[list[Reply]] = []
    for answers in answer_sets(25):
        state, replies = advisor.turn(State(phase="confirming", answers=answers), Pressed("confirm"), TODAY)
        turns.append(replies)
        for question in FOLLOW_UPS:
            state, replies = advisor.turn(state, Said(question), TODAY)
            turns.append(replies)
    return turns


def test_every_message_is_valid_block_kit(conversations: list[list[Reply]]) -> None:
    for replies in conversations:
        for message in render_blocks.messages(replies):
            valid(message.blocks)
            assert len(message.text) <= 40_000


def test_home_views_are_valid(advisor: Advisor) -> None:
    for answers in answer_sets(10):
        rec = advisor.recommendation(answers)
        view = render_blocks.home_view(rec, "25 Nov 2026", "https://consult.example/book")
        valid(view["blocks"])
    valid(render_blocks.home_view(None, None, "https://consult.example/book")["blocks"])


def test_long_answers_are_split_not_cut(conversations: list[list[Reply]]) -> None:
    """Every word of an answer and every one of its sources reaches Slack."""
    answers = [r for replies in conversations for r in replies if isinstance(r, Answer)]
    assert any(len(a.sources) > render_blocks.MAX_CONTEXT_ELEMENTS for a in answers), "not vacuous"
    for answer in answers:
        blocks = render_blocks.blocks_for(answer)
        shown = " ".join(b["text"]["text"] for b in blocks if b["type"] == "section")
        assert shown.split() == render_blocks.escape_mrkdwn(answer.text).split()
        contexts = sum(len(b["elements"]) for b in blocks if b["type"] == "context")
        assert contexts == len(answer.sources), "no source dropped"


def test_a_recommendation_summary_is_short(conversations: list[list[Reply]]) -> None:
    words = []
    for replies in conversations:
        for reply in replies:
            if isinstance(reply, Advise):
                blocks = render_blocks.blocks_for(reply)
                text = " ".join(b["text"]["text"] for b in blocks if b["type"] in ("section", "header"))
                words.append(len(text.split()))
    assert words and sorted(words)[len(words) // 2] <= 160  # the bench prints the exact median


def test_the_consultancy_and_share_views_are_valid(advisor: Advisor) -> None:
    from slack_sdk.models.views import View

    from bot.leads import lead_record

    wording = advisor.wording
    state, _ = advisor.turn(State(phase="confirming", answers=answer_sets(1)[0]), Pressed("confirm"), TODAY)
    for question in ("why not tensorflow? <!channel>", "x" * 3000):
        state, _ = advisor.turn(state, Said(question), TODAY)
    state, asked = advisor.turn(state, Pressed("consult"), TODAY)
    state, given = advisor.turn(state, Pressed("consent_yes"), TODAY)
    for message in render_blocks.messages([*asked, *given]):
        valid(message.blocks)
    [lead] = [r for r in given if isinstance(r, Lead)]
    card = render_blocks.lead_card(lead_record(lead, "U0ALICE01", "T0TEAM001", "dm:D1|T0TEAM001:U0ALICE01"), wording)
    valid(card.blocks)
    rec = advisor.recommendation(state.answers)
    valid(render_blocks.shared(rec, advisor.flip_text(rec, state.answers), "U0ALICE01", wording).blocks)
    View(**render_blocks.share_modal(wording, '{"place": "dm:D1"}')).validate_json()
