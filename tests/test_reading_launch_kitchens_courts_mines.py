"""What the voices of launch companies, restaurants, law firms and mines taught the reader
(dev141-dev144, written by helpers who never saw the vocabulary files): a yes in a few words of
one's own tongue, a kept answer followed by its reason, a list that names what was just ruled out.

Each case is a transcript of one turn: where the conversation stands, what the person typed, and
what the advisor then holds."""

from __future__ import annotations

import pytest

from bot.dialogue import Advisor
from bot.replies import Advise
from bot.state import Said, State
from tests.conftest import TODAY
from tests.test_reading_faith_and_telecom import ANSWERS as EVERY_ANSWER

# every question answered: a Jetson team that wants speed
ANSWERS = {**EVERY_ANSWER, "deployment": ["jetson"], "priorities": ["performance"]}


@pytest.mark.parametrize("said", ["ok dale, recommend", "fine. get on with it"])
def test_a_yes_in_own_words_at_the_recap_gives_the_advice(advisor: Advisor, said: str) -> None:
    after, replies = advisor.turn(State(phase="confirming", answers=dict(ANSWERS)), Said(said), TODAY)
    assert after.answers == ANSWERS
    assert any(isinstance(r, Advise) for r in replies)


def test_keeping_the_answer_then_saying_why_declines_the_offer(advisor: Advisor) -> None:
    offer, _ = advisor.turn(
        State(phase="advised", answers=dict(ANSWERS)),
        Said("What if we switched the perception hardware to Coral instead of the Jetson?"),
        TODAY,
    )
    assert offer.proposed is not None
    said = "No, stay with the Jetson. Coral's op coverage is too limited for our models."
    assert advisor.read(said, offer, TODAY).command == "keep"
    after, _ = advisor.turn(offer, Said(said), TODAY)
    assert after.answers["deployment"] == ["jetson"]
    assert after.proposed is None
    # (a second sentence that changes something is no reason given: it is read as it says)
    assert advisor.read("No, stay with the Jetson. Add coral too.", offer, TODAY).command is None


@pytest.mark.parametrize(
    ("step", "said", "stored"),
    [
        pytest.param(
            "deployment",
            "definitely not on phones, android or iphone, nobody's allowed a phone in range control anyway",
            [],
            id="a-list-naming-what-was-ruled-out",
        ),
    ],
)
def test_what_the_question_asked_holds(advisor: Advisor, step: str, said: str, stored: list[str]) -> None:
    after, _ = advisor.turn(State(phase="asking", pending=step), Said(said), TODAY)
    assert [a for a in after.answers.get(step, []) if a != "unsure"] == stored


@pytest.mark.parametrize(
    ("step", "said"),
    [
        ("deployment", "does 'edge linux box' mean like an intel NUC? or is a jetson its own thing"),
        ("hardware", "hmm for training... is it possible to train on the jetson itself?? or do we need a separate gpu"),
    ],
)
def test_the_other_half_of_a_question_asks_too(advisor: Advisor, step: str, said: str) -> None:
    reading = advisor.read(said, State(phase="asking", pending=step), TODAY)
    assert reading.kind == "question"
    assert not [f for f in reading.found if not f.negated]


def test_a_general_word_after_asking_what_an_option_means_answers_nothing(advisor: Advisor) -> None:
    said = "does 'server' mean cloud only? ours is on-prem in the Perth office"
    after, _ = advisor.turn(State(phase="asking", pending="deployment"), Said(said), TODAY)
    assert "deployment" not in after.answers


@pytest.mark.parametrize(
    "said", ["ok stop, I have a board meeting", "ok sound. gotta stop for now, burst pipe in galway 🙃"]
)
def test_pausing_in_own_words_after_the_advice(advisor: Advisor, said: str) -> None:
    # (dev145, hostels)
    assert advisor.read(said, State(phase="advised", answers=dict(ANSWERS)), TODAY).command == "cancel"


def test_a_machine_offered_but_not_known_to_work_is_a_maybe(advisor: Advisor) -> None:
    # (dev146, car dealers)
    said = (
        "training on a workstation with an RTX 4090. IT also offered a server with AMD MI210s but no idea if that works"
    )
    after, _ = advisor.turn(State(phase="asking", pending="hardware"), Said(said), TODAY)
    assert after.answers["hardware"] == ["nvidia"]


def test_not_sure_while_still_comparing_is_not_sure(advisor: Advisor) -> None:
    # (dev145, hostels: the GPUs are only being compared, no answer yet)
    after, _ = advisor.turn(
        State(phase="asking", pending="hardware"), Said("not sure yet, still comparing GPU providers"), TODAY
    )
    assert after.answers["hardware"] == ["unsure"]


def test_a_meeting_given_as_the_reason_to_hurry_asks_for_the_advice(advisor: Advisor) -> None:
    # the guard of the pauses above: the meeting is why they want the answer now (dev98)
    said = "Look, just give me the recommendation, I have a board meeting in 5 minutes"
    assert advisor.read(said, State(phase="asking", pending="priorities"), TODAY).command == "recommend_now"
