"""The rest of a message overrules the command its words first read as (`_SECOND_THOUGHTS` in
`bot/reading_commands.py`): one case per rule of that table, each checked twice, with the table
whole and with that one rule taken out, so every rule is shown to decide its case."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest

import bot.reading_commands as reading_commands
from bot.dialogue import Advisor
from bot.state import State
from tests.conftest import TODAY

# (rule index, the question asked or "after" the advice, what the person typed, the command read
# with the table whole, the command read without that rule)
CASES = [
    (0, "after", "non non, keep jax in there, he's not leaving", None, "cancel"),
    (1, "after", "not sure, I'll come back to this after the board meeting", "cancel", "unsure"),
    (2, "after", "No, leave the priorities as they are, thank you", "keep", "thanks"),
    (2, "after", "Keep Coral.", "keep", None),
    (3, "skills", "no need to restart", "keep", None),
    (4, "after", "do i have to start over?", None, "restart"),
    (4, "after", "do i have to redo the whole thing the freelancer made?", None, "restart"),
    (5, "after", "I'll take it to the architecture review myself", None, "adopt"),
    (6, "deployment", "it's gotta run quick on the pi", None, "cancel"),
    (7, "existing_stack", "ok so we start from scratch", None, "restart"),
    (8, "priorities", "cost and long term, after that we must keep it alone", None, "keep"),
    (9, "existing_stack", "yes it is tflite, on device in the bin. continue", None, "resume"),
    (10, "deployment", "ok server then, keep it simple", None, "keep"),
    (11, "priorities", "keep it cheap and something the next bloke can pick up", None, "keep"),
    (12, "priorities", "can u skip this one and just tell me which to use", "recommend_now", "unsure"),
    (13, "deployment", "Cloud! Maybe phones later, we'll see!", None, "unsure"),
    (13, "priorities", "ok fine. cost and hiring, can't pay Bangalore salaries", None, "confirm"),
]


def state_for(pending: str) -> State:
    return State(phase="advised") if pending == "after" else State(phase="asking", pending=pending)


@contextmanager
def without_rule(index: int) -> Iterator[None]:
    whole = reading_commands._SECOND_THOUGHTS
    reading_commands._SECOND_THOUGHTS = whole[:index] + whole[index + 1 :]
    try:
        yield
    finally:
        reading_commands._SECOND_THOUGHTS = whole


@pytest.mark.parametrize(("rule", "pending", "said", "command", "first_read"), CASES)
def test_each_second_thought_decides_its_case(
    advisor: Advisor, rule: int, pending: str, said: str, command: str | None, first_read: str | None
) -> None:
    assert advisor.read(said, state_for(pending), TODAY).command == command
    advisor.reader.forget_seen()
    with without_rule(rule):
        assert advisor.read(said, state_for(pending), TODAY).command == first_read
    advisor.reader.forget_seen()


def test_every_rule_has_a_case() -> None:
    assert {rule for rule, *_ in CASES} == set(range(len(reading_commands._SECOND_THOUGHTS)))
