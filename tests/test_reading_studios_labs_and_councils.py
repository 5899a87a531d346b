"""What the voices of game studios, biotech labs, government agencies and garment makers taught the
reader (dev136-dev140, written by helpers who never saw the vocabulary files): cheap devices are no
cost priority, a priority that "matters less" is not one, a laptop nobody trains on is no training
hardware, and a request for a plan asks, it states nothing.

Each case is a transcript of one turn: the question asked (or the phase), what the person typed,
and what the advisor then holds for that question."""

from __future__ import annotations

import pytest

from bot.dialogue import Advisor
from bot.state import Said, State
from tests.conftest import TODAY


@pytest.mark.parametrize(
    ("step", "said", "stored"),
    [
        pytest.param(
            "priorities",
            "speed! it must stay at 30 fps on cheap school chromebooks",
            ["performance"],
            id="cheap-chromebooks-are-the-target-not-a-priority",
        ),
        pytest.param(
            "priorities",
            "performance!! the phones are cheap and the app already lags on older ones",
            ["performance"],
            id="the-phones-are-cheap",
        ),
        pytest.param(
            "priorities",
            "performance first, cost matters less, we have grant money from Bpifrance",
            ["performance"],
            id="cost-matters-less",
        ),
        pytest.param(
            "hardware",
            "8x A100 on GCP. local dev on M3 Max MBPs but no real training happens there",
            ["nvidia"],
            id="no-training-happens-there",
        ),
    ],
)
def test_what_the_question_asked_holds(advisor: Advisor, step: str, said: str, stored: list[str]) -> None:
    after, _ = advisor.turn(State(phase="asking", pending=step), Said(said), TODAY)
    assert after.answers[step] == stored


def test_cheap_android_phones_are_still_android_phones(advisor: Advisor) -> None:
    # the guard of the cheap devices above: a device named beside "cheap" is still where it runs
    state = State(phase="asking", pending="deployment")
    after, _ = advisor.turn(state, Said("server mostly, but ALSO offline on cheap android phones"), TODAY)
    assert after.answers["deployment"] == ["server", "android"]


def test_asking_for_a_migration_plan_after_the_advice_changes_no_answer(advisor: Advisor) -> None:
    answers = {
        "use_case": ["tabular"],
        "skills": ["python"],
        "existing_stack": ["greenfield"],
        "deployment": ["server"],
        "hardware": ["cpu"],
        "timeline": ["half_year"],
        "priorities": ["cost"],
    }
    state = State(phase="advised", answers=answers)
    reading = advisor.read("Kindly share step by step plan to migrate from TF1 to TF2.", state, TODAY)
    assert reading.kind == "question"
    after, _ = advisor.turn(state, Said("Kindly share step by step plan to migrate from TF1 to TF2."), TODAY)
    assert after.answers == answers


def test_a_like_right_after_a_question_goes_on_asking_it(advisor: Advisor) -> None:
    state = State(phase="asking", pending="deployment")
    reading = advisor.read("wait could the model actually run IN the browser?? like w webgpu", state, TODAY)
    assert reading.kind == "question"
    assert not reading.found


@pytest.mark.parametrize(
    ("phase", "said", "command"),
    [
        # "that's it" ends no list of priorities at the recap: it is part of the yes
        ("confirming", "sweet as, that's it. go", "confirm"),
        # the date is the pause's own words, no deadline
        ("advised", "forget it, I'll ask again next week", "cancel"),
        # (a date beside a command still answers the deadline while it is asked)
        ("asking", "not sure, in 3 months probably", None),
    ],
)
def test_commands_in_fresh_words(advisor: Advisor, phase: str, said: str, command: str | None) -> None:
    state = State(phase=phase, pending="timeline") if phase == "asking" else State(phase=phase)
    assert advisor.read(said, state, TODAY).command == command


def test_a_model_off_hugging_face_is_where_the_model_comes_from_not_a_skill(advisor: Advisor) -> None:
    answers = {"use_case": ["vision"], "skills": ["python"], "deployment": ["server"]}
    state = State(phase="advised", answers=answers)
    said = "what if we just used a pretrained model off hugging face and didn't fine tune at all?"
    reading = advisor.read(said, state, TODAY)
    assert reading.kind == "what_if"
    assert ("skills", "pytorch") not in {(f.step_id, f.option_id) for f in reading.found}
    # (the team that has used it still knows it)
    asked = State(phase="asking", pending="skills")
    after, _ = advisor.turn(asked, Said("python, and some of us have used hugging face a lot"), TODAY)
    assert "pytorch" in after.answers["skills"]
