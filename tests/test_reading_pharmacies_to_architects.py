"""What the voices of car dealers (dev146) and of pharmacies, insurers, film studios, libraries,
vets and architects (dev147-dev152, written by helpers who never saw the vocabulary files) taught
the reader.

Each case is a transcript of one turn: where the conversation stands, what the person typed, and
what the advisor then holds."""

from __future__ import annotations

import pytest

from bot.dialogue import Advisor
from bot.state import Said, State
from tests.conftest import TODAY


@pytest.mark.parametrize(
    ("step", "said", "stored"),
    [
        # "we don't train" is the words of a project that trains nothing; what it is done on is denied too
        pytest.param("hardware", "we don't train on our macbooks, it's all cloud", [], id="not-trained-on"),
        pytest.param("hardware", "we don't train on macbooks", [], id="not-trained-on-bare"),
        # (a phrase opening with its own "no" denies only itself)
        pytest.param(
            "deployment",
            "nightly batch job on our on-prem VM. no GPUs in the server room, CPU only",
            ["batch"],
            id="no-gpus-in-the-server-room",
        ),
        pytest.param("priorities", "hiring's a non-issue btw, no open reqs", [], id="a-non-issue"),
        pytest.param("priorities", "hiring is a non-issue, speed matters", ["performance"], id="a-non-issue-beside"),
    ],
)
def test_what_the_question_asked_holds(advisor: Advisor, step: str, said: str, stored: list[str]) -> None:
    after, _ = advisor.turn(State(phase="asking", pending=step), Said(said), TODAY)
    assert [a for a in after.answers.get(step, []) if a != "unsure"] == stored
