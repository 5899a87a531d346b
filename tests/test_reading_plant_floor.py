"""What the voices of hospitals, warehouses, factories and restaurants taught the reader (dev127-dev130,
written by helpers who never saw the vocabulary files): who knows nothing of what, where a batch
runs, reasons beside a priority, and changes that name their question.

Each case below is a transcript of one turn: the question asked (or the phase), what the person
typed, and what the advisor then holds for that question."""

from __future__ import annotations

import pytest

from bot.state import Phase, State
from tests.conftest import Chat
from tests.test_reading_goes_on import effective_team


def asked(step: str) -> State:
    return State(phase="asking", pending=step, answers={})


@pytest.mark.parametrize(
    ("step", "said", "stored"),
    [
        # who knows nothing of what
        pytest.param("skills", "none of us knows TF honestly", None, id="none-of-us-knows-tf-rules-it-out"),
        pytest.param(
            "skills", "none of us has the faintest idea about machine learning", ["beginners"], id="faintest-idea"
        ),
        pytest.param(
            "skills",
            "all 4 of us have used pytorch at prev jobs, nobody has touched TF or keras",
            ["pytorch"],
            id="all-of-us-have-used-pytorch",
        ),
        pytest.param("skills", "none of us has used TensorFlow, we know pytorch", ["pytorch"], id="none-has-used-tf"),
        pytest.param(
            "skills",
            "we ain't beginners at ML mind you, been doing regression models for 10 years",
            None,
            id="aint-rules-out",
        ),
        pytest.param(
            "skills",
            "Mostly PyTorch. There's also one ex-DeepMind bloke who won't write anything but JAX, bless him.",
            ["pytorch", "jax"],
            id="wont-write-anything-but-jax",
        ),
        pytest.param("skills", "we know pytorch, anything but tensorflow", ["pytorch"], id="anything-but-tf"),
        # where it runs
        pytest.param(
            "deployment", "nightly batch on azure, nobody needs this in real time", ["batch"], id="batch-on-azure"
        ),
        pytest.param("deployment", "a server and the nightly batch", ["batch", "server"], id="server-and-batch"),
        pytest.param(
            "deployment",
            "In the browser on the line HMI, and the inspectors want it on their iPads for batch record review",
            ["browser", "ios"],
            id="and-on-their-ipads",
        ),
        pytest.param(
            "deployment",
            "We will use a Google Coral dev board. Supervisors just get the alerts on their phone thru whatsapp",
            ["coral"],
            id="alerts-on-a-phone",
        ),
        pytest.param(
            "deployment",
            "overnight batch on our on-prem estate, and cloud is a flat no for taxpayer data",
            ["batch"],
            id="a-flat-no",
        ),
        pytest.param(
            "deployment",
            "Server-side only. For data protection reasons nothing may run on personal devices or in browsers.",
            ["server"],
            id="nothing-may-run-on-a-list",
        ),
        pytest.param("deployment", "ok server then, keep it simple", ["server"], id="keep-it-simple-is-no-keep"),
        # hardware
        pytest.param(
            "hardware",
            "We have GCP credits, so TPU v5e is an option, and we already rent a few L4s.",
            ["nvidia"],
            id="only-an-option",
        ),
        pytest.param("hardware", "two A4000 cards under the desk", ["nvidia"], id="workstation-gpus"),
        # a priority, and why it matters
        pytest.param("priorities", "performance. and cost, GPUs ain't cheap", ["cost", "performance"], id="aint-cheap"),
        pytest.param(
            "priorities",
            "performance and cost. tokens aren't free and members hate waiting",
            ["cost", "performance"],
            id="tokens-arent-free",
        ),
        pytest.param(
            "priorities",
            "Cost and long-term support, plus hiring – we can't recruit anyone up here for love nor money",
            ["cost", "hiring", "long_term"],
            id="cant-recruit-anyone",
        ),
        pytest.param("priorities", "cost isn't important, speed is", ["performance"], id="cost-ruled-out-stays-out"),
        pytest.param(
            "priorities",
            "long term support matters, we keep stuff forever. and it can't cost an arm and a leg",
            ["cost", "long_term"],
            id="cant-cost-an-arm-and-a-leg",
        ),
    ],
)
def test_an_answer_to_the_question_asked(chat: Chat, step: str, said: str, stored: list[str] | None) -> None:
    chat.state = asked(step)
    chat.say(said)
    if stored is None:
        assert step not in chat.state.answers, "nothing is stored for the question: it is asked again"
    else:
        assert sorted(chat.state.answers[step]) == sorted(stored)


@pytest.mark.parametrize(
    ("phase", "had", "said", "step", "becomes"),
    [
        pytest.param(
            "advised",
            {"skills": ["pytorch", "tensorflow"]},
            "What if the PyTorch graduates leave us and only the TF1 people remain?",
            "skills",
            ["tensorflow"],
            id="what-if-the-pytorch-people-leave-us",
        ),
        pytest.param(
            "advised",
            {"skills": ["pytorch"]},
            "What if the whole group switched to JAX instead of PyTorch?",
            "skills",
            ["jax"],
            id="what-if-switched-to-jax-instead",
        ),
        pytest.param(
            "advised",
            {"priorities": ["nothing_else"]},
            "and change the priorities from 'nothing else' to cost, the boss is tight as",
            "priorities",
            ["cost"],
            id="from-nothing-else-to-cost",
        ),
        pytest.param(
            "confirming",
            {"hardware": ["nvidia", "windows"]},
            "windows is wrong, IT reimaged the box with ubuntu last week",
            "hardware",
            ["nvidia"],
            id="recap-windows-is-wrong",
        ),
        pytest.param(
            "confirming",
            {"deployment": ["ios"]},
            "iOS in the recap should stay but add server too, we'll re-check flagged photos in a cloud function",
            "deployment",
            ["ios", "server"],
            id="recap-add-server-too",
        ),
    ],
)
def test_a_change_after_the_advice_or_at_the_recap(
    chat: Chat, phase: Phase, had: dict[str, list[str]], said: str, step: str, becomes: list[str]
) -> None:
    chat.state = State(phase=phase, answers=effective_team(**had))
    chat.say(said)
    assert (chat.state.proposed or chat.state.answers)[step] == becomes


@pytest.mark.parametrize(
    ("had", "said", "changes"),
    [
        pytest.param(
            {"skills": ["python"], "existing_stack": ["greenfield"], "deployment": ["server"]},
            "also the new guy joining monday is a TFLite person from an android shop, add tensorflow to skills",
            {"skills": ["python", "tensorflow"]},
            id="add-tensorflow-to-skills",
        ),
        pytest.param(
            {"skills": ["python"], "priorities": ["cost"]},
            "also add hiring as priority, engineers here are expensive and all want pytorch",
            {"priorities": ["cost", "hiring"]},
            id="add-hiring-as-priority",
        ),
        pytest.param(
            {"deployment": ["ios"], "priorities": ["performance"]},
            "cost too actually, finance is on my back about the GCP bill",
            {"priorities": ["performance", "cost"]},
            id="cost-too-and-a-cloud-bill",
        ),
    ],
)
def test_a_change_that_names_what_it_changes_changes_nothing_else(
    chat: Chat, had: dict[str, list[str]], said: str, changes: dict[str, list[str]]
) -> None:
    """bot> (the recommendation)
    you> also the new guy joining monday is a TFLite person from an android shop, add tensorflow to skills
    bot> (team skills gain TensorFlow; the targets and the stack stay as they were)"""
    before = effective_team(**had)
    chat.state = State(phase="advised", answers=before)
    chat.say(said)
    assert (chat.state.proposed or chat.state.answers) == before | changes


def test_asking_to_recommend_again_at_the_recap_names_no_recommender(chat: Chat) -> None:
    chat.state = State(phase="confirming", answers=effective_team(use_case=["vision"]))
    chat.say("Yes, please recommend again.")
    assert chat.state.answers["use_case"] == ["vision"]
    assert chat.state.phase == "advised"


def test_asking_not_to_save_ones_stuff_asks_to_forget(chat: Chat) -> None:
    chat.state = State(phase="advised", answers=effective_team())
    replies = chat.say("wait can u not save my stuff, idk if im allowed to share this")
    assert chat.state.answers == effective_team(), "nothing is forgotten before a yes"
    assert any("forget" in str(reply).lower() or "delete" in str(reply).lower() for reply in replies), replies


def test_thanking_the_robot_after_the_advice_changes_nothing(chat: Chat) -> None:
    chat.state = State(phase="advised", answers=effective_team(use_case=["vision"]))
    chat.say("lol ok. thanks robot")
    assert chat.state.proposed is None
    assert chat.state.answers == effective_team(use_case=["vision"])


def test_how_far_ahead_a_failure_is_flagged_is_no_deadline(chat: Chat) -> None:
    chat.state = asked("use_case")
    chat.say("predictive maintenance on motor sensor data rolled up into tables, we want to flag failures 2 weeks out")
    assert "timeline" not in chat.state.answers


@pytest.mark.parametrize(
    "said",
    [
        "ok heard back: server, REST API behind the portal. plus a weekly batch job that builds the promo emails",
        "Our IT man called back: it will run on one server in our office, plus a weekly batch job",
    ],
)
def test_hearing_back_from_someone_is_no_going_back(chat: Chat, said: str) -> None:
    """bot> Where will the trained models run?
    you> ok heard back: server, REST API behind the portal. plus a weekly batch job ...
    bot> (stores both; the answer before stays)"""
    chat.state = State(phase="asking", pending="deployment", answers={"use_case": ["vision"]})
    chat.say(said)
    assert chat.state.answers == {"use_case": ["vision"], "deployment": ["server", "batch"]}
