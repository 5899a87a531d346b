"""What the voices of schools, charities, sports data firms, cosmetics brands, recycling plants and
pharmaceutical manufacturers (dev153-dev158, written by helpers who never saw the vocabulary files)
taught the reader.

Each case is a transcript of one turn: where the conversation stands, what the person typed, and
what the advisor then holds."""

from __future__ import annotations

import pytest

from bot.dialogue import Advisor
from bot.state import Said, State
from tests.conftest import TODAY
from tests.test_reading_faith_and_telecom import ANSWERS as EVERY_ANSWER


@pytest.mark.parametrize(
    ("step", "said", "stored"),
    [
        # a priority said to matter less is no priority
        pytest.param(
            "priorities", "Cost is less of a concern, the exam board is fairly well funded.", [], id="less-of-a-concern"
        ),
        pytest.param(
            "priorities",
            "Long-term support is essential for us, and cost. Inference speed is less critical.",
            ["long_term", "cost"],
            id="less-critical",
        ),
        # "no training on macs": no training done on them
        pytest.param("hardware", "no TPUs, no training on macs, just the RTX box", ["nvidia"], id="no-training-on"),
        # (a phrase opening with its own "no" still denies only itself)
        pytest.param("hardware", "no GPUs in the server room, CPU only", ["cpu"], id="no-gpus-in-the-room"),
    ],
)
def test_what_the_question_asked_holds(advisor: Advisor, step: str, said: str, stored: list[str]) -> None:
    after, _ = advisor.turn(State(phase="asking", pending=step), Said(said), TODAY)
    assert after.answers.get(step, []) == stored


@pytest.mark.parametrize(
    ("said", "due"),
    [
        # a date said to be the dream gives way to the one realistically due
        ("Boxing Day test would be the dream but realistically the start of the AFL season, mid March", "half_year"),
        # a wish with no date of its own gives its word of delivery to the date after it, however
        # approximate ("the Tour is in july" only says when the Tour is)
        ("the Tour is in july but we want it for the spring classics, so end of march more or less", "half_year"),
        # an earlier date said plainly is the one due; "before" the later event only says why
        ("mid-feb. before spring survey season", "quarter"),
        ("march end, before summer peak generation", "half_year"),
        # (not a date out of reach, said as a sentence of its own)
        ("black friday is now, too late. target: before valentine's day", "quarter"),
        # (nor does an earlier date that is a sentence of its own, not a date standing alone)
        ("before valentines!! feb 14 is our biggest after christmas", "quarter"),
    ],
)
def test_the_date_due_among_several(advisor: Advisor, said: str, due: str) -> None:
    after, _ = advisor.turn(State(phase="asking", pending="timeline"), Said(said), TODAY)
    assert after.answers.get("timeline") == [due]


def test_a_question_passed_on_from_a_colleague_stores_nothing(advisor: Advisor) -> None:
    state = State(phase="advised", answers=dict(EVERY_ANSWER))
    said = "our dev asks if tensorflow.js is still maintained in 2026"
    reading = advisor.read(said, state, TODAY)
    after, _ = advisor.turn(state, Said(said), TODAY)
    assert reading.kind == "question"
    assert after.answers == state.answers and after.proposed is None
    # (what the team wants to know is what the model is for; a what-if passed on is still one)
    asked = State(phase="asking", pending="use_case")
    hops = "we want to know when the hops in the kiln are dry enough from the temperature and humidity sensors"
    assert advisor.read(hops, asked, TODAY).kind == "answer"
    gerard = "Gerard wants to know what happens if we throw out the old TensorFlow code and start fresh"
    legacy = State(phase="advised", answers=dict(EVERY_ANSWER, existing_stack=["tf1_legacy"]))
    supposed, _ = advisor.turn(legacy, Said(gerard), TODAY)
    assert supposed.proposed is not None and supposed.proposed["existing_stack"] == ["greenfield"]


def test_a_deadline_pushed_back_is_news_of_the_deadline_not_a_step_back(advisor: Advisor) -> None:
    state = State(phase="advised", answers=dict(EVERY_ANSWER))
    said = "Update from the board: go-live has been pushed back to September, ready for the new academic year."
    reading = advisor.read(said, state, TODAY)
    assert reading.command is None
    assert not reading.found  # ("academic year" is no research)
    assert reading.weeks is not None and reading.weeks > 26
