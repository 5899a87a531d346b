"""Property: whatever a user sends, in any order, the core answers and its state stays valid."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import render_blocks
from bot.conversation import UNSURE, Conversation, load_conversation
from bot.dialogue import Advisor, Event, Picked, Pressed, Said, State
from bot.knowledge import load_knowledge
from tests.conftest import ROOT, TODAY
from tests.slack.test_hostile_input import check_limits

# Loaded once at import, since the strategies below are built from the conversation's own words.
CONVERSATION = load_conversation(ROOT / "conversations")
ADVISOR = Advisor(CONVERSATION, load_knowledge(ROOT / "knowledge"), "https://consult.example/book")


def _phrases(conversation: Conversation) -> list[str]:
    words = [p for s in conversation.steps for o in s.options for p in [o.label, *o.synonyms, *o.when_asked]]
    commands = conversation.commands
    words += [*commands.help, *commands.back, *commands.restart, *commands.cancel, *commands.unsure]
    words += [*commands.confirm, *conversation.cues.add]
    return [*words, "actually", "no wait", "in 6 weeks", "by March", "why not tensorflow?", "what if coral"]


PHRASES = _phrases(CONVERSATION)
STEP_IDS = [s.id for s in CONVERSATION.steps]
OPTION_IDS = sorted({o.id for s in CONVERSATION.steps for o in s.options} | {UNSURE})

texts = st.one_of(
    st.text(max_size=60),  # any unicode, emoji and the empty string included
    st.sampled_from(PHRASES),
    st.lists(st.sampled_from(PHRASES), min_size=2, max_size=5).map(" ".join),
    st.lists(st.integers(min_value=-1, max_value=30).map(str), min_size=1, max_size=3).map(", ".join),
    st.tuples(st.sampled_from(PHRASES), st.text(max_size=10)).map("".join),
)
events: st.SearchStrategy[Event] = st.one_of(
    texts.map(Said),
    st.builds(
        Picked,
        st.sampled_from([*STEP_IDS, "no_such_step"]),
        st.lists(st.sampled_from([*OPTION_IDS, "no_such_option"]), max_size=3).map(tuple),
    ),
    st.sampled_from(["help", "back", "restart", "cancel", "unsure", "confirm", "adopt", "discard", "x"]).map(Pressed),
)


def assert_valid(state: State) -> None:
    assert State.model_validate_json(state.model_dump_json()) == state
    assert state.pending is None or state.pending in STEP_IDS
    for step_id, values in state.answers.items():
        step = CONVERSATION.step(step_id)  # raises StopIteration for an unknown step
        assert values, step_id
        assert all(v == UNSURE or step.option(v) is not None for v in values), (step_id, values)
        assert len(values) == len(set(values)), (step_id, values)
        if step.kind != "many" or UNSURE in values:
            assert len(values) == 1, (step_id, values)
    if state.phase == "asking":
        # (a question asked again by name, "change the deployment", keeps its answer while it is
        # asked, until a new one replaces it: so the pending question may hold one)
        assert state.pending is not None


def run(sequence: list[Event]) -> None:
    state = State()
    for event in sequence:
        state, replies = ADVISOR.turn(state, event, TODAY)
        assert replies, f"no reply to {event!r}"
        assert_valid(state)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(events, min_size=1, max_size=12))
def test_any_sequence_of_events_leaves_a_valid_state_and_a_reply(sequence: list[Event]) -> None:
    run(sequence)


@pytest.mark.slow
@settings(max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(events, min_size=1, max_size=30))
def test_any_long_sequence_of_events_leaves_a_valid_state_and_a_reply_slow(sequence: list[Event]) -> None:
    run(sequence)


# What people paste into Slack: its markup, pings, code, emoji, right-to-left and invisible characters.
SLACK_BITS = ["<!channel>", "<!here>", "<@U0CAROL01>", "<@U0BOT0001>", "<#C0CHANNEL1|ml-team>", "```", "`", "*", "_",
              "<https://evil.example|click>", "&", "&lt;", ">", "\u200b", "\u200d", "\u202e", "\u2067", "🚀", "👨‍👩‍👧",
              "نحن", "שלום", "\n", "\t"]  # fmt: skip
hostile_texts = st.one_of(
    st.lists(st.one_of(st.sampled_from(SLACK_BITS), st.sampled_from(PHRASES), st.text(max_size=8)), max_size=20).map(
        " ".join
    ),
    st.tuples(st.sampled_from([*SLACK_BITS, *PHRASES]), st.integers(1, 400)).map(lambda t: " ".join([t[0]] * t[1])),
)


@pytest.mark.slow
def test_hostile_text_leaves_a_valid_state_and_renders_within_slacks_limits_slow() -> None:
    seen = {"events": 0}

    @settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
    @given(st.lists(st.one_of(events, hostile_texts.map(Said)), min_size=1, max_size=10))
    def conversation(sequence: list[Event]) -> None:
        state = State()
        for event in sequence:
            state, replies = ADVISOR.turn(state, event, TODAY)
            seen["events"] += 1
            assert replies, f"no reply to {event!r}"
            assert_valid(state)
            for message in render_blocks.messages(replies):
                check_limits({"text": message.text, "blocks": message.blocks})
                for live in ("<!channel>", "<!here>", "<@U0CAROL01>", "<#C0CHANNEL1"):
                    assert live not in message.text and live not in str(message.blocks)

    conversation()
    assert seen["events"] >= 5_000  # with the sequences above and the HTTP fuzz: well over 10,000 inputs


def test_a_question_reopened_after_three_misses_keeps_its_not_sure_while_asked() -> None:
    """Found by the slow fuzz: thirteen empty messages, then "DEPLOYMENT"."""
    state = State()
    for _ in range(13):
        state, _replies = ADVISOR.turn(state, Said(""), TODAY)
    assert state.answers.get("deployment") == [UNSURE]
    state, replies = ADVISOR.turn(state, Said("DEPLOYMENT"), TODAY)
    assert replies
    assert_valid(state)
    assert state.pending == "deployment" and state.answers["deployment"] == [UNSURE]
    state, _replies = ADVISOR.turn(state, Said("android"), TODAY)
    assert state.answers["deployment"] == ["android"]
