"""Asking to answer a question again ("change the timeline"), during the questions, at the recap
and after the recommendation: the question comes back with what it holds, its next answer replaces
the old one, and nothing else changes."""

from __future__ import annotations

import pytest

from bot.replies import Advise
from tests.conftest import Chat
from tests.test_understanding import FULL, advised_with, at_recap, until
from tests.transcript import asked_step, text


def test_after_the_recommendation_change_the_use_case_asks_it_again_and_leads_to_new_advice(chat: Chat) -> None:
    advised_with(chat, use_case=["nlp"])
    replies = chat.say("change the use case")
    assert asked_step(replies) == "use_case"
    assert "Now: Text / NLP" in text(replies)
    assert "don't know that one" not in text(replies)
    assert chat.state.answers["use_case"] == ["nlp"]  # nothing changes until they answer
    replies = chat.say("we classify product photos")
    assert "Updated: Use case: Computer vision" in text(replies)
    assert chat.state.phase == "confirming"
    assert {k: v for k, v in chat.state.answers.items() if k != "use_case"} == {
        k: v for k, v in FULL.items() if k != "use_case"
    }
    assert any(isinstance(r, Advise) for r in chat.say("yes"))


@pytest.mark.parametrize(
    ("said", "step"),
    [
        ("can I edit my timeline answer?", "timeline"),
        ("the hardware answer is wrong", "hardware"),
        ("timeline", "timeline"),
        ("wait, redo the team skills question", "skills"),
    ],
)
def test_at_the_recap_a_question_named_to_change_is_asked_again(chat: Chat, said: str, step: str) -> None:
    at_recap(chat)
    replies = chat.say(said)
    assert asked_step(replies) == step
    assert chat.state.answers == FULL


def test_during_the_questions_an_earlier_one_is_asked_again_and_then_the_questions_go_on(chat: Chat) -> None:
    until(chat, "deployment")
    replies = chat.say("oh wait, change the use case")
    assert asked_step(replies) == "use_case"
    replies = chat.say("speech recognition")
    assert chat.state.answers["use_case"] == ["audio"]
    assert asked_step(replies) == "deployment"


def test_an_answer_that_names_its_question_is_stored_not_asked_again(chat: Chat) -> None:
    at_recap(chat)
    replies = chat.say("change the timeline to 6 months")
    assert chat.state.answers["timeline"] == ["half_year"]
    assert asked_step(replies) is None


def test_three_misses_on_a_question_asked_again_keep_its_answer(chat: Chat) -> None:
    at_recap(chat)
    chat.say("change the hardware")
    for said in ("hmm", "blah", "zzz"):
        replies = chat.say(said)
    assert chat.state.answers["hardware"] == FULL["hardware"]
    assert "kept *Training hardware*" in text(replies)
    assert chat.state.phase == "confirming"
