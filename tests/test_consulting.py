"""Asking for a consultant: consent is asked once, and only a yes makes a lead for the consultancy."""

from __future__ import annotations

from bot.replies import Answer, Lead, Reply
from bot.state import Pressed
from tests.conftest import Chat
from tests.transcript import answer_until_advised, asked_step, text

TEAM = {"use_case": "image classification", "skills": "keras", "deployment": "android"}


def leads(replies: list[Reply]) -> list[Lead]:
    return [r for r in replies if isinstance(r, Lead)]


def consent_buttons(replies: list[Reply]) -> list[str]:
    return [c.id for r in replies if isinstance(r, Answer) for c in r.choices]


def advised(chat: Chat) -> str:
    chat.say("hi")
    return answer_until_advised(chat, TEAM).name


def test_the_button_asks_first_and_a_yes_makes_one_lead(chat: Chat) -> None:
    name = advised(chat)
    chat.say("why not tensorflow?")
    chat.say("what about jetson?")
    asked = chat.send(Pressed("consult"))
    assert consent_buttons(asked) == ["consent_yes", "consent_no"] and not leads(asked)
    assert chat.state.consent == "asked"

    given = chat.send(Pressed("consent_yes"))
    [lead] = leads(given)
    assert "will be in touch" in text(given)
    assert lead.name == name and lead.verdict in ("tensorflow", "pytorch", "either") and lead.confidence
    assert {line.step_id: line.value for line in lead.answers}["use_case"] == "Computer vision"
    assert lead.asked == ("why not tensorflow?", "what about jetson?")

    again = chat.send(Pressed("consult"))
    assert not leads(again) and "already has your details" in text(again)
    assert not leads(chat.send(Pressed("consent_yes"))), "one lead per conversation"


def test_a_typed_yes_right_after_the_question_is_consent(chat: Chat) -> None:
    advised(chat)
    chat.send(Pressed("consult"))
    assert len(leads(chat.say("yes please"))) == 1


def test_a_no_passes_nothing_on_and_is_not_asked_again(chat: Chat) -> None:
    advised(chat)
    chat.send(Pressed("consult"))
    declined = chat.say("no thanks, we'll book ourselves")
    assert not leads(declined) and "haven't passed anything on" in text(declined)
    again = chat.send(Pressed("consult"))
    assert consent_buttons(again) == ["consent_yes"], "not asked again: only the way back is offered"
    assert not leads(again)
    assert len(leads(chat.send(Pressed("consent_yes")))) == 1, "changing one's mind is one press"


def test_consent_words_count_only_on_the_turn_after_the_question(chat: Chat) -> None:
    advised(chat)
    chat.send(Pressed("consult"))
    follow_up = chat.say("how sure are you?")  # not an answer to the consent question: read as usual
    assert not leads(follow_up) and chat.state.consent == "asked"
    assert not leads(chat.say("yes")), "a later yes is not taken as consent"
    assert chat.state.consent == "asked"


def test_asking_for_a_human_in_words_gives_the_link_and_asks_consent(chat: Chat) -> None:
    advised(chat)
    replies = chat.say("can I talk to a human?")
    assert "https://consult.example/book" in text(replies)
    assert consent_buttons(replies) == ["consent_yes", "consent_no"] and not leads(replies)
    assert chat.state.asked_after == [], "the request itself is not a question for the card"


def test_asking_for_a_human_during_the_questions_keeps_the_open_question(chat: Chat) -> None:
    chat.say("hi")
    pending = chat.state.pending
    replies = chat.say("talk to a human")
    assert consent_buttons(replies) == ["consent_yes", "consent_no"]
    given = chat.say("yes")
    [lead] = leads(given)
    assert lead.verdict == "" and lead.name == "", "no recommendation yet"
    assert asked_step(given) == pending, "then back to the open question"
