"""Messages that go on from the one before, and lists said with their articles (fresh voices of
dev111 and dev112, written by helpers who never saw the vocabulary files)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.conversation import UNSURE
from bot.dialogue import Advisor
from bot.replies import Answer
from bot.state import State
from tests.conftest import Chat
from tests.test_followups import advised, changes_nothing, only_answer


def asked(step: str, answers: dict[str, list[str]]) -> State:
    return State(phase="asking", pending=step, answers={k: list(v) for k, v in answers.items()})


@pytest.mark.parametrize(
    ("step", "before", "said", "after"),
    [
        # a second message sent before the bot moved on: "and ..." adds to the first
        ("priorities", ["hiring", "cost"], "and latency. p99 under 80ms on the matching API or sales screams",
         ["hiring", "cost", "performance"]),
        ("priorities", ["performance"], "oh and long-term support, these lines run 10 years minimum",
         ["performance", "long_term"]),
        ("skills", ["python"], "oh and I know a bit of keras from a udemy course", ["python", "keras"]),
        # (with no "and" too: more of the same answer, not the whole of it)
        ("priorities", ["hiring", "cost"], "latency", ["hiring", "cost", "performance"]),
    ],
)  # fmt: skip
def test_a_message_going_on_with_and_adds_to_the_answer(
    chat: Chat, step: str, before: list[str], said: str, after: list[str]
) -> None:
    chat.state = asked(step, {step: before})
    chat.say(said)
    assert chat.state.answers[step] == after


def test_an_answer_to_a_question_asked_again_to_change_it_is_the_answer(chat: Chat) -> None:
    chat.state = asked("priorities", {"priorities": ["hiring", "cost"]})
    chat.state.reopened = "priorities"  # ("change the priorities")
    chat.say("latency")
    assert chat.state.answers["priorities"] == ["performance"]


def test_and_if_is_still_a_question_not_an_addition(chat: Chat) -> None:
    chat.state = asked("priorities", {"priorities": ["cost"]})
    chat.say("and if we need it fast, does that matter?")
    assert chat.state.answers["priorities"] == ["cost"]


def test_a_list_with_an_article_names_both_places(chat: Chat) -> None:
    chat.state = asked("deployment", {})
    chat.say("Server and the nightly batch, that's all.")
    assert sorted(chat.state.answers["deployment"]) == ["batch", "server"]


def test_money_that_cannot_be_burnt_is_cost_that_matters(chat: Chat) -> None:
    chat.state = asked("priorities", {})
    chat.say("hiring and cost. runway is 14 months, can't burn it all on GPUs")
    assert chat.state.answers["priorities"] == ["hiring", "cost"]


def test_what_about_doing_something_else_is_a_what_if(chat: Chat) -> None:
    """bot> (advice for a team training on NVIDIA GPUs)
    you> what about moving training to MI300X on OCI instead of the GPUs
    bot> (weighed on AMD GPUs)"""
    advised(chat)
    chat.say("what about moving training to MI300X on OCI instead of the GPUs")
    assert chat.state.proposed is not None and chat.state.proposed["hardware"] == ["amd"]


def test_what_about_a_thing_still_asks_about_it(chat: Chat) -> None:
    advised(chat)
    changes_nothing(chat, "what about microcontrollers?")


def test_a_machine_one_would_not_train_on_is_no_training_hardware(chat: Chat) -> None:
    chat.state = asked("hardware", {})
    chat.say("oh and my M1 air but I wouldn't train on that lol")
    assert "apple" not in chat.state.answers.get("hardware", [])


def test_a_question_what_something_counts_as_is_answered_with_the_option_to_pick(chat: Chat) -> None:
    """bot> What hardware will you train (or fine-tune) on?
    you> does colab count? we pay for colab pro
    bot> Here that counts as *NVIDIA GPUs*: pick what fits, ...  [NVIDIA GPUs]
    you> yes"""
    chat.state = asked("hardware", {})
    replies = chat.say("does colab count? we pay for colab pro")
    offer = only_answer(replies)
    assert "counts as *NVIDIA GPUs*" in offer.text
    assert [c.id for c in offer.choices] == ["answer:hardware:nvidia"]
    assert "hardware" not in chat.state.answers, "a question is no answer"
    chat.say("yes")
    assert chat.state.answers["hardware"] == ["nvidia"]


def test_a_question_between_two_options_offers_both(chat: Chat) -> None:
    chat.state = asked("use_case", {})
    replies = chat.say("is fake review detection nlp or tabular? we use both the text and the user behaviour")
    offer = replies[-1]
    assert isinstance(offer, Answer) and "*Text / NLP* or *Tabular data*" in offer.text
    assert "use_case" not in chat.state.answers
    chat.say("nlp then")
    assert chat.state.answers["use_case"] == ["nlp"]


def test_the_gateway_a_coral_sits_on_is_no_edge_box_of_its_own(chat: Chat) -> None:
    chat.state = asked("deployment", {})
    chat.say("ESP32-S3 boards on each pump, and a Coral USB stick on the gateway for the bigger model")
    assert sorted(chat.state.answers["deployment"]) == ["coral", "microcontroller"]


def test_the_last_word_on_what_it_is_decides(chat: Chat) -> None:
    chat.state = asked("use_case", {})
    chat.say("it's OCR but the real goal is extracting clauses, so call it text/NLP")
    assert chat.state.answers["use_case"] == ["nlp"]


def test_an_english_word_is_no_typo_of_an_option(chat: Chat) -> None:
    chat.state = asked("use_case", {})
    chat.say("ok so this one is an LLM that drafts legal notices and vakalatnamas in english + hindi")
    assert chat.state.answers == {"use_case": ["llm"]}, "notices are no novices"


def test_yes_update_it_takes_the_what_if(chat: Chat) -> None:
    advised(chat)  # trains on NVIDIA GPUs
    chat.say("what if we had tpus")
    assert chat.state.proposed is not None
    chat.say("Yes, update it.")
    assert chat.state.answers["hardware"] == ["tpu"] and chat.state.proposed is None


@pytest.mark.parametrize(
    ("step", "said", "stored"),
    [
        ("hardware", "same rig, win11 + 3070ti. and the m1 air", ["windows", "nvidia", "apple"]),
        ("use_case", "ok new idea: a rhythm game that scores ur singing in real time. pitch detection", ["audio"]),
        # the answer said alone first; "rows" of a feed are no tabular data
        ("use_case", "Recommendations. Home feed ranking and 'because you watched' rows, ~20M MAU", ["recsys"]),
    ],
)  # fmt: skip
def test_fresh_voices_of_studios_are_read(chat: Chat, step: str, said: str, stored: list[str]) -> None:
    chat.state = asked(step, {})
    chat.say(said)
    assert chat.state.answers[step] == stored


@pytest.mark.parametrize(
    ("pending", "said", "command"),
    [("recap", "bet 👍", "confirm"), ("recap", "ok yea thats right. send it", "confirm"),
     ("after", "lemme start fresh, got a new game idea", "restart"), ("after", "k. back later", "cancel"),
     ("after", "Yes, I confirm, from zero.", "restart"), ("recap", "sweet as, lock it in", "confirm"),
     ("recap", "ack", "confirm"), ("after", "ok never mind keep it as it is", "keep")],
)  # fmt: skip
def test_slang_commands_are_read(advisor: Advisor, pending: str, said: str, command: str) -> None:
    state = State(phase="confirming" if pending == "recap" else "advised", answers={"use_case": ["vision"]})
    assert advisor.read(said, state, date(2026, 11, 25)).command == command


def test_a_hire_adds_to_the_team_after_the_advice(chat: Chat) -> None:
    advised(chat)  # a PyTorch team
    chat.say("team update: we just hired a JAX person from Native Instruments")
    assert chat.state.proposed is not None and chat.state.proposed["skills"] == ["pytorch", "jax"]


def test_a_what_if_skipping_a_target_takes_it_out(chat: Chat) -> None:
    advised(chat)  # an Android app
    chat.say("what if we skipped android and just did a web demo first")
    assert chat.state.proposed is not None and chat.state.proposed["deployment"] == ["browser"]


def test_a_pretrained_llm_is_running_a_pretrained_model(chat: Chat) -> None:
    advised(chat)
    chat.say("what if we only ran a pretrained LLM over the judgments, no architecture research?")
    assert chat.state.proposed is not None and chat.state.proposed["use_case"] == ["pretrained_only"]


def test_diarization_is_audio(chat: Chat) -> None:
    chat.state = asked("use_case", {})
    chat.say("We'd also want it to tell who's speaking, judge, attorney, witness. Diarization, I believe it's called.")
    assert chat.state.answers["use_case"] == ["audio"]


def test_a_project_the_team_did_is_what_it_knows_not_a_stack_in_production(chat: Chat) -> None:
    chat.state = asked("skills", {})
    chat.say("Team knows tensorflow and keras well, we did a TFLite Micro project before")
    assert chat.state.answers == {"skills": ["tensorflow", "keras"]}


def test_a_general_word_ruled_out_in_a_what_if_is_still_ruled_out(chat: Chat) -> None:
    """ "no linux" takes the edge box out, though "linux" names it only when nothing else does; an
    option named outright stays ("an RTX 3060, and no budget for cloud GPUs")."""
    chat.state = State(phase="advised", answers=effective_team(deployment=["edge_linux"]))
    chat.say("what if the model had to run on the lift controller itself, Cortex-M7, no linux")
    assert chat.state.proposed is not None and chat.state.proposed["deployment"] == ["microcontroller"]
    chat.state = asked("hardware", {})
    chat.say("ok so we have one gaming laptop with RTX 3060 on Windows lol, and sir said no budget for cloud GPUs")
    assert "nvidia" in chat.state.answers["hardware"]


def effective_team(**answers: list[str]) -> dict[str, list[str]]:
    base = {
        "use_case": ["audio"], "skills": ["python"], "existing_stack": ["greenfield"], "deployment": ["server"],
        "hardware": ["nvidia"], "timeline": ["half_year"], "priorities": ["nothing_else"],
    }  # fmt: skip
    return {**base, **answers}


@pytest.mark.parametrize(
    "said",
    [
        "If we change to Coral TPU for cost down, which framework?",
        "if we change to Coral TPU because cheaper, then what?",
    ],
)
def test_a_what_if_changing_to_an_option_puts_it_in_place_of_the_answer(chat: Chat, said: str) -> None:
    """bot> (advice for a team deploying on NVIDIA Jetson)
    you> If we change to Coral TPU for cost down, which framework?
    bot> (weighed on the Coral alone, as "switch to Coral" is)"""
    chat.state = State(phase="advised", answers=effective_team(deployment=["jetson"]))
    chat.say(said)
    assert chat.state.proposed is not None and chat.state.proposed["deployment"] == ["coral"]


def test_not_knowing_which_gpus_is_not_sure_not_nvidia(chat: Chat) -> None:
    """bot> What hardware will you train (or fine-tune) on?
    you> idk which gpus we'll get for this one yet tbh
    bot> (not sure noted for the hardware; NVIDIA is not stored)"""
    chat.state = asked("hardware", {})
    chat.say("idk which gpus we'll get for this one yet tbh")
    assert chat.state.answers.get("hardware") == [UNSURE]


@pytest.mark.parametrize(
    ("said", "command"),
    [("I'll pick this back up after Thanksgiving.", "cancel"), ("I'd like to continue where we left off", "resume")],
)
def test_going_on_later_is_stopping_now(advisor: Advisor, said: str, command: str) -> None:
    state = State(phase="asking", pending="hardware", answers={"use_case": ["vision"]})
    assert advisor.read(said, state, date(2026, 11, 25)).command == command
