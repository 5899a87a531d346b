"""What the voices of churches and faith charities (dev135) and telecom operators (dev136) taught
the reader, written by helpers who never saw the vocabulary files: "you can recommend" is said to
the advisor, "keep the original plan" declines a what-if's change, and a laptop nobody will train
on is no training hardware.

Each case is a transcript of one turn: where the conversation stands, what the person typed, and
what the advisor then holds."""

from __future__ import annotations

from bot.dialogue import Advisor
from bot.replies import Advise
from bot.state import Said, State
from tests.conftest import TODAY

ANSWERS = {
    "use_case": ["vision"],
    "skills": ["python"],
    "existing_stack": ["greenfield"],
    "deployment": ["server"],
    "hardware": ["nvidia"],
    "timeline": ["half_year"],
    "priorities": ["nothing_else"],
}


def at_recap(**answers: list[str]) -> State:
    return State(phase="confirming", answers={**ANSWERS, **answers})


def test_you_can_recommend_at_the_recap_approves_it_and_names_no_recommender(advisor: Advisor) -> None:
    # (a near-miss of "recommender" made the church's photo project a recommender system)
    for said in ("yes all correct, you can recommend", "yes, recommend", "Yes, now it is correct, you can recommend."):
        after, replies = advisor.turn(at_recap(), Said(said), TODAY)
        assert after.answers["use_case"] == ["vision"], said
        assert any(isinstance(r, Advise) for r in replies), said
        advisor.reader.forget_seen()


def test_we_want_to_recommend_products_still_names_a_recommender(advisor: Advisor) -> None:
    # the guard of the change above: the verb said of the project names the kind of work
    state = State(phase="asking", pending="use_case")
    after, _ = advisor.turn(state, Said("we want to recommend the right products to customers, based on usage"), TODAY)
    assert after.answers["use_case"] == ["recsys"]


def offered(advisor: Advisor, what_if: str) -> State:
    state = State(phase="advised", answers=dict(ANSWERS))
    after, _ = advisor.turn(state, Said(what_if), TODAY)
    assert after.proposed is not None  # the what-if offers to change the answers
    return after


def test_declining_a_what_ifs_change_in_own_words_keeps_the_answers(advisor: Advisor) -> None:
    what_if = "What if we also had to run a small distilled model on the field engineers' Android tablets?"
    for said in ("Not needed actually, keep the original plan.", "Ja nee, keep it as is"):
        after, replies = advisor.turn(offered(advisor, what_if), Said(said), TODAY)
        assert after.answers["deployment"] == ["server"], said
        assert after.proposed is None, said
        assert not any(isinstance(r, Advise) for r in replies), said
    # a yes in the same tongue still takes the change
    after, _ = advisor.turn(offered(advisor, what_if), Said("ja, go ahead"), TODAY)
    assert after.answers["deployment"] == ["server", "android"]


def test_laptops_nobody_will_train_on_are_no_training_hardware(advisor: Advisor) -> None:
    state = State(phase="asking", pending="hardware", answers={"use_case": ["vision"]})
    reading = advisor.read("we all have windows laptops but we won't train on those", state, TODAY)
    assert [f.hedged for f in reading.found if f.option_id == "windows"] == [True]
    after, _ = advisor.turn(state, Said("we all have windows laptops but we won't train on those"), TODAY)
    assert "windows" not in after.answers.get("hardware", [])


def test_a_machine_taken_out_stays_out_when_the_reason_follows(advisor: Advisor) -> None:
    # the guard of the change above: the reason after "forget the macbook" does not make it a maybe
    after, _ = advisor.turn(
        at_recap(hardware=["nvidia", "apple"]),
        Said("oops, forget the macbook, I won't train on it, way too slow"),
        TODAY,
    )
    assert after.answers["hardware"] == ["nvidia"]


def test_keeping_the_answer_named_as_it_was_declines_the_offer(advisor: Advisor) -> None:
    state = State(phase="advised", answers={**ANSWERS, "deployment": ["jetson"]})
    what_if = "what if instead of jetson we put Coral USB sticks on raspberry pis at each camera, cheaper na?"
    offer, _ = advisor.turn(state, Said(what_if), TODAY)
    assert offer.proposed is not None
    after, _ = advisor.turn(offer, Said("no no, keep jetson as it was, coral can't do 6 streams"), TODAY)
    assert after.answers["deployment"] == ["jetson"]
    assert after.proposed is None


def test_a_maybe_pointing_back_at_a_board_makes_it_a_maybe(advisor: Advisor) -> None:
    state = State(phase="asking", pending="deployment", answers={"use_case": ["robotics"]})
    said = (
        "raspberry pi 5 on the arm with the camera. an esp32 does the motor stuff, maybe it runs a tiny model too idk"
    )
    after, _ = advisor.turn(state, Said(said), TODAY)
    assert after.answers["deployment"] == ["edge_linux"]
