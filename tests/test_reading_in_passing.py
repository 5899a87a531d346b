"""What people mention in passing while another question is asked (fresh voices of dev65-dev68,
written by helpers who never saw the vocabulary files): stored where it is an answer, and nowhere
when it only sets the scene."""

from __future__ import annotations

import pytest

from bot.conversation import UNSURE
from bot.replies import Answer
from bot.state import State
from tests.conftest import Chat
from tests.test_followups import advised, changes_nothing
from tests.test_understanding import until


def asked_first(step: str) -> State:
    """A conversation whose first question is `step`: every other question still open."""
    return State(phase="asking", pending=step)


@pytest.mark.parametrize(
    ("step", "said", "stored"),
    [
        # Vertex AI serves PyTorch as well as TensorFlow: named for the hardware, it is the cloud
        ("hardware", "we use the NVIDIA T4 on Vertex today", ["nvidia"]),
        ("hardware", "ok put GCP, they are leaning to Vertex AI so TPUs and NVIDIA both are available",
         ["nvidia", "tpu"]),
    ],
)  # fmt: skip
def test_a_cloud_named_for_another_question_is_no_stack_in_production(
    chat: Chat, step: str, said: str, stored: list[str]
) -> None:
    chat.state = asked_first(step)  # (the stack question not answered yet, so nothing stops it being filled)
    chat.say(said)
    assert sorted(chat.state.answers[step]) == stored
    assert "existing_stack" not in chat.state.answers


def test_vertex_asked_about_the_stack_is_tensorflow_in_production(chat: Chat) -> None:
    until(chat, "existing_stack")
    chat.say("Vertex AI, mostly")
    assert chat.state.answers["existing_stack"] == ["tf_production"]


def test_facts_before_the_verdict_question_answer_the_question_asked(chat: Chat) -> None:
    # "should new models be TF or PyTorch?" asks what the advisor answers, not about what went before;
    # what the message says in passing beside a question is asked in its turn
    chat.state = asked_first("use_case")
    chat.say("recsys in TF on TPUs, should new models be tf2 or pytorch?")
    assert chat.state.answers["use_case"] == ["recsys"]
    assert "hardware" not in chat.state.answers


@pytest.mark.parametrize(
    ("step", "said", "stored"),
    [
        # a word that names an option only when nothing else does ("sensors", "lab", "GPUs")
        ("timeline", "the rains end in june and the loggers come back, so the sensors must be out by the end of may",
         {"timeline": ["half_year"]}),
        ("priorities", "long term support, it is a 5 year program. and cost, GPUs on azure are expensive",
         {"priorities": ["long_term", "cost"]}),
        # ... or beside a question the person asks: the question's context
        ("deployment", "quick q, does tflite still get updates? heard google renamed it litert", {}),
        ("hardware", "what's the cheapest option to train? we have zero budget for hardware", {}),
    ],
)  # fmt: skip
def test_a_weak_word_or_a_questions_context_in_passing_is_asked_in_its_turn(
    chat: Chat, step: str, said: str, stored: dict[str, list[str]]
) -> None:
    chat.state = asked_first(step)
    chat.say(said)
    assert chat.state.answers == stored


@pytest.mark.parametrize(
    ("step", "said", "stored"),
    [
        ("skills", "i know python abit from youtube. pytorch never tried", ["python"]),
        ("existing_stack", "we have a keras URL classifier in prod, TF serving on GKE", ["tf_production"]),
    ],
)
def test_what_was_never_tried_or_runs_in_production_is_no_team_skill(
    chat: Chat, step: str, said: str, stored: list[str]
) -> None:
    chat.state = asked_first(step)
    chat.say(said)
    assert {k: sorted(v) for k, v in chat.state.answers.items()} == {step: stored}


@pytest.mark.parametrize(
    ("said", "step", "supposed"),
    [
        # "discontinues" rules out what it names; "unavailable" across a word of its own ("lab")
        ("what if google discontinues coral and we go to a raspberry pi 5 instead", "deployment", ["edge_linux"]),
        ("And if the Mac lab is unavailable after all, CPUs only?", "hardware", ["cpu"]),
    ],
)
def test_what_a_what_if_says_is_gone_is_not_supposed(chat: Chat, said: str, step: str, supposed: list[str]) -> None:
    advised(chat)
    chat.say(said)
    assert chat.state.proposed is not None and chat.state.proposed[step] == supposed


def test_an_answer_before_a_question_of_its_own_is_stored(chat: Chat) -> None:
    # the question opens with options of its own: it asks about them, not about "hiring"
    until(chat, "priorities")
    chat.say("hiring, keras ppl are easier to find here than pytorch?? idk. and long term")
    assert sorted(chat.state.answers["priorities"]) == ["hiring", "long_term"]


def test_a_question_about_what_a_what_if_would_bring_supposes_nothing_and_is_answered(chat: Chat) -> None:
    advised(chat)
    answers = {k: list(v) for k, v in chat.state.answers.items()}
    replies = chat.say("ok. and if he quits, is it easy to find pytorch people up here in Nordland?")
    assert chat.state.proposed is None and chat.state.answers == answers
    assert any(isinstance(r, Answer) and "hiring" in r.topic for r in replies), replies


SERVER_TEAM = ["we are 3 pytorch devs, the model sits behind our rest api, live in 6 weeks", "image classification",
               "no, greenfield", "nvidia gpus", "nothing else", "yes"]  # fmt: skip


def test_a_short_clause_asked_after_the_advice_changes_no_answer(chat: Chat) -> None:
    advised(chat, SERVER_TEAM)
    assert chat.state.answers["deployment"] == ["server"]
    answers = {k: list(v) for k, v in chat.state.answers.items()}
    chat.say("and it works without internet, inside the phone? also the old ones?")
    assert chat.state.proposed is None and chat.state.answers == answers


@pytest.mark.parametrize(
    ("step", "said", "stored"),
    [
        # apps that call the model are its clients; a service that is called is a server
        ("deployment", "It will be consumed by their mobile app via REST API, and also nightly batch to push offers "
         "over SMS.", {"deployment": ["batch", "server"]}),
        ("deployment", "On-prem VMs, a service the ITSM calls. No cloud allowed by client", {"deployment": ["server"]}),
        ("deployment", "Tiago says a server with an API, and the students use it from the browser",
         {"deployment": ["server"]}),
        ("deployment", "Azure cloud, behind an internal web app for the engineers", {"deployment": ["server"]}),
        ("deployment", "on-prem only, inside the hospital network, as a service the PACS can call. no public cloud",
         {"deployment": ["server"]}),
        ("deployment", "internal server. the medical writers want it 'in the browser' but that's just a web UI "
         "calling the server, right?", {"deployment": ["server"]}),
        # what is only asked about, or offered "if that counts", is no answer to another question
        ("hardware", "Declan has a gaming laptop with an nvidia card, and I have an iPad if that counts 😂",
         {"hardware": ["nvidia"]}),
        ("priorities", "long term support then, that's why I'm asking about coral", {"priorities": ["long_term"]}),
    ],
)  # fmt: skip
def test_clients_and_things_only_asked_about_are_not_where_the_model_runs(
    chat: Chat, step: str, said: str, stored: dict[str, list[str]]
) -> None:
    chat.state = asked_first(step)
    chat.say(said)
    assert {k: sorted(v) for k, v in chat.state.answers.items()} == stored


def test_a_what_if_skipping_one_target_for_another_supposes_the_other(chat: Chat) -> None:
    advised(chat)
    chat.say("what if we skip the Jetson and plug a Coral USB stick into the microscope PC instead")
    assert chat.state.proposed is not None and chat.state.proposed["deployment"] == ["coral"]


def test_season_s_greetings_set_no_deadline(chat: Chat) -> None:
    advised(chat)
    changes_nothing(chat, "happy thanksgiving everyone 🦃")


@pytest.mark.parametrize("late", ["image classification", "Image classification!", "object detection"])
def test_a_use_case_answer_arriving_late_fills_the_question_left_not_sure(chat: Chat, late: str) -> None:
    # Six quick messages, taken out of order: the use-case question met three other answers first
    # and was left "not sure"; the use case itself, arriving on its own, is its answer, not a word
    # said in passing.
    for said in ("hi", "we know pytorch", "greenfield", "android"):
        chat.say(said)
    assert chat.state.answers["use_case"] == [UNSURE]
    assert chat.state.pending != "use_case"
    chat.say(late)
    assert chat.state.answers["use_case"] == ["vision"]


def test_a_use_case_word_in_a_sentence_for_another_question_still_fills_nothing(chat: Chat) -> None:
    for said in ("hi", "we know pytorch", "greenfield", "android"):
        chat.say(said)
    chat.say("the camera images sit in an S3 bucket")
    assert chat.state.answers["use_case"] == [UNSURE]


def test_a_correction_of_one_answer_fills_no_other_with_what_it_mentions(chat: Chat) -> None:
    # the skills and use case it names are the corrected system's context, asked in their turn
    chat.state = State(phase="asking", pending="hardware", answers={"existing_stack": ["tf_production"]})
    chat.say(
        "wait, correction: the TF model with keras on line 3 was switched off in september, "
        "so nothing in production now"
    )
    assert chat.state.answers == {"existing_stack": ["greenfield"]}
    assert chat.state.pending == "hardware"
