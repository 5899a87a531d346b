"""The guided conversation as transcripts on the pure core: user lines in, bot replies checked."""

from __future__ import annotations

import hashlib
import random

import pytest
from pydantic import TypeAdapter

from bot.conversation import UNSURE, Conversation
from bot.dialogue import Picked, Pressed, _signature
from bot.replies import Advise, Ask, Recap, Reply, Say
from tests.conftest import NAMED_ANSWERS, NAMED_ANSWERS_READ, Chat
from tests.transcript import advice, answer_until_advised, asked, asked_step, recap, text

# One free-text answer per step, in the order the bot asks.
PLAIN = {
    "use_case": "image classification",
    "skills": "mostly pytorch",
    "existing_stack": "no, greenfield",
    "deployment": "an android app",
    "hardware": "nvidia gpus",
    "timeline": "in 6 weeks",
    "priorities": "nothing else",
}


def test_the_first_message_greets_and_asks_the_first_question(chat: Chat) -> None:
    replies = chat.say("hi")
    assert "Stack Advisor" in text(replies)
    assert asked_step(replies) == "use_case"


def test_help_as_the_first_message_explains_before_asking(chat: Chat) -> None:
    replies = chat.say("help")
    assert "*back*" in text(replies) and "*restart*" in text(replies)
    assert asked_step(replies) == "use_case"


def test_every_step_answered_in_free_text_reaches_a_recap_then_advice(chat: Chat) -> None:
    chat.say("hi")
    for step_id, said in PLAIN.items():
        assert chat.state.pending == step_id
        replies = chat.say(said)
        assert "Got it:" in text(replies)
    assert recap(replies) == {
        "Use case": "Computer vision",
        "Team skills": "PyTorch",
        "Existing stack": "No, starting fresh",
        "Deployment targets": "Android app",
        "Training hardware": "NVIDIA GPUs",
        "Timeline": "1-3 months",
        "Priorities": "Nothing else",
    }
    assert chat.state.phase == "confirming"
    rec = advice(chat.say("yes"))
    assert rec.verdict == "pytorch"
    assert "ExecuTorch" in rec.stack


@pytest.mark.parametrize("seed", range(12))
def test_answers_that_name_their_question_are_kept_in_whatever_order_they_are_read(chat: Chat, seed: int) -> None:
    """Messages sent at once reach the workers together and are read in any order (the Slack-level
    test in tests/slack/test_processes.py sends these six to three gunicorn workers at once)."""
    order = random.Random(seed).sample(NAMED_ANSWERS, len(NAMED_ANSWERS))
    chat.say("hi")
    for line in order:
        chat.say(line)
    assert chat.state.answers == NAMED_ANSWERS_READ, order


def test_every_step_answered_by_button(chat: Chat, conversation: Conversation) -> None:
    chat.say("hi")
    for step in conversation.steps:
        replies = chat.send(Picked(step.id, (step.options[0].id,)))
        assert f"{step.title}: {step.options[0].label}" in text(replies)
    assert chat.state.phase == "confirming"
    assert chat.state.answers == {s.id: [s.options[0].id] for s in conversation.steps}


def test_every_step_answered_by_number(chat: Chat, conversation: Conversation) -> None:
    chat.say("hi")
    for step in conversation.steps:
        question = chat.state.pending
        assert question == step.id
        chat.say("2")
        assert chat.state.answers[step.id] == [step.options[1].id]
    advice(chat.say("yes"))
    assert chat.state.phase == "advised"


def test_several_numbers_pick_several_options_where_the_step_allows(chat: Chat) -> None:
    chat.send(Picked("use_case", ("vision",)))
    replies = chat.say("1, 3")
    assert chat.state.answers["skills"] == ["pytorch", "keras"]
    assert "PyTorch, Keras" in text(replies)


def test_a_number_past_the_last_option_is_not_placed(chat: Chat) -> None:
    chat.say("hi")
    replies = chat.say("42")
    assert "couldn't place" in text(replies)
    assert "use_case" not in chat.state.answers


def test_button_for_not_sure_is_recorded_and_explained(chat: Chat, conversation: Conversation) -> None:
    chat.say("hi")
    replies = chat.send(Picked("use_case", (UNSURE,)))
    assert chat.state.answers["use_case"] == [UNSURE]
    assert asked_step(replies) == "skills"


def test_typos_are_understood(chat: Chat) -> None:
    chat.say("hi")
    chat.say("objct detection")
    chat.say("pytroch")
    chat.say("greenfeild")
    chat.say("andriod")
    assert chat.state.answers == {
        "use_case": ["vision"],
        "skills": ["pytorch"],
        "existing_stack": ["greenfield"],
        "deployment": ["android"],
    }


def test_one_message_fills_several_steps_and_says_what_it_picked_up(chat: Chat) -> None:
    replies = chat.say("we are 3 keras devs shipping an android app in 6 weeks")
    said = text(replies)
    assert "Team skills: Keras" in said
    assert "Deployment targets: Android app" in said
    assert "Timeline: 1-3 months" in said
    # it asks what it doesn't know yet, and never what it was just told
    assert asked_step(replies) == "use_case"
    chat.say("image classification")
    assert chat.state.pending == "existing_stack"
    chat.say("greenfield")
    assert chat.state.pending == "hardware"


def test_skills_named_together_are_both_kept(chat: Chat) -> None:
    chat.send(Picked("use_case", ("vision",)))
    replies = chat.say("pytorch and tf")
    assert chat.state.answers["skills"] == ["pytorch", "tensorflow"]
    assert "couldn't place" not in text(replies)


def test_the_question_itself_is_not_taken_for_team_skills(chat: Chat) -> None:
    chat.say("should we use tf or pytorch for fraud scoring?")
    assert chat.state.answers == {"use_case": ["tabular"]}
    assert chat.state.pending == "skills"


def test_not_sure_skips_with_its_meaning_and_the_recap_shows_it(chat: Chat) -> None:
    chat.say("hi")
    replies = chat.say("not sure")
    assert "won't tilt the result" in text(replies)
    assert chat.state.answers["use_case"] == [UNSURE]
    assert asked_step(replies) == "skills"
    chat.say("idk")
    assert chat.state.answers["skills"] == [UNSURE]
    for said in ["greenfield", "server", "nvidia", "no rush"]:
        chat.say(said)
    replies = chat.say("nothing else")
    assert recap(replies)["Use case"] == "not sure (won't tilt the result)"


def test_also_adds_to_deployment_targets(chat: Chat) -> None:
    chat.say("we ship an android app")
    replies = chat.say("actually we also target iOS")
    assert chat.state.answers["deployment"] == ["android", "ios"]
    assert "Updated: Deployment targets: Android app, iOS app" in text(replies)
    assert asked_step(replies) == "use_case"  # and it carries on where it was


def test_a_correction_without_also_replaces(chat: Chat) -> None:
    chat.say("we need it in 6 weeks")
    assert chat.state.answers["timeline"] == ["quarter"]
    replies = chat.say("no wait, timeline is half a year")
    assert chat.state.answers["timeline"] == ["half_year"]
    assert "Updated: Timeline: 3-6 months" in text(replies)


def test_no_wait_while_a_yes_no_question_is_pending_is_a_correction_not_an_answer(chat: Chat) -> None:
    chat.say("image classification")
    chat.say("pytorch")
    assert chat.state.pending == "existing_stack"
    replies = chat.say("no wait, timeline is 3 months")
    assert chat.state.answers["timeline"] == ["quarter"]
    assert "existing_stack" not in chat.state.answers  # "no" did not mean "starting fresh"
    assert asked_step(replies) == "existing_stack"


def test_no_answers_the_existing_stack_question(chat: Chat) -> None:
    chat.say("image classification")
    chat.say("pytorch")
    chat.say("nope")
    assert chat.state.answers["existing_stack"] == ["greenfield"]


def test_back_undoes_the_last_answer_and_asks_it_again(chat: Chat) -> None:
    chat.say("image classification")
    chat.say("pytorch")
    replies = chat.say("back")
    assert "Team skills" in text(replies)
    assert "skills" not in chat.state.answers
    assert asked_step(replies) == "skills"
    replies = chat.say("go back")
    assert chat.state.answers == {}
    assert asked_step(replies) == "use_case"
    replies = chat.say("back")
    assert "nothing to go back to" in text(replies)


def test_back_from_the_recap_reopens_the_last_question(chat: Chat) -> None:
    chat.say("hi")
    for said in PLAIN.values():
        chat.say(said)
    assert chat.state.phase == "confirming"
    replies = chat.say("back")
    assert chat.state.phase == "asking"
    assert asked_step(replies) == "priorities"


def test_restart_clears_everything(chat: Chat) -> None:
    chat.say("we are 3 keras devs shipping an android app in 6 weeks")
    replies = chat.say("start over")
    assert "cleared" in text(replies)
    assert chat.state.answers == {}
    assert asked_step(replies) == "use_case"


def test_help_says_where_we_are_and_asks_the_pending_question_again(chat: Chat) -> None:
    chat.say("image classification")
    replies = chat.say("help")
    assert "answered 1 of 7" in text(replies)
    assert asked_step(replies) == "skills"
    assert chat.state.answers == {"use_case": ["vision"]}


def test_cancel_then_any_message_resumes_where_it_stopped(chat: Chat) -> None:
    chat.say("image classification")
    assert "Stopped" in text(chat.say("cancel"))
    assert chat.state.phase == "cancelled"
    replies = chat.say("hi again")
    assert "Welcome back" in text(replies)
    assert "couldn't place" not in text(replies)  # a greeting is not a wrong answer
    assert asked_step(replies) == "skills"
    assert chat.state.answers == {"use_case": ["vision"]}


def test_cancel_then_an_answer_resumes_and_takes_it(chat: Chat) -> None:
    chat.say("image classification")
    chat.say("stop")
    replies = chat.say("pytorch")
    assert "Welcome back" in text(replies)
    assert chat.state.answers["skills"] == ["pytorch"]
    assert asked_step(replies) == "existing_stack"


def test_two_misses_escalate_from_examples_to_explicit_choices(chat: Chat) -> None:
    chat.say("image classification")
    first = chat.say("blorp")
    assert 'couldn\'t place "blorp"' in text(first)
    assert '"mostly PyTorch"' in text(first)  # the step's examples
    assert asked_step(first) == "skills" and asked(first).hint == ""  # type: ignore[union-attr]
    second = chat.say("zzz")
    assert "Pick one of these" in text(second)
    question = asked(second)
    assert question is not None and question.hint == "choices"
    assert question.step_id == "skills"  # never re-asks what it already knows
    assert [c.id for c in question.choices][-1] == UNSURE
    third = chat.say("qqq")  # never a loop: the third miss records "not sure" and moves on
    assert "noted *not sure* for Team skills" in text(third)
    assert chat.state.answers["skills"] == [UNSURE]
    assert asked_step(third) == "existing_stack" and chat.state.misses == 0


def test_an_answer_after_a_miss_resets_the_escalation(chat: Chat) -> None:
    chat.say("image classification")
    chat.say("blorp")
    chat.say("pytorch")
    replies = chat.say("blorp again")
    assert '"no, greenfield"' in text(replies)  # first-miss wording for the new question
    assert asked(replies) is not None and asked(replies).hint == ""  # type: ignore[union-attr]


def test_the_recap_can_be_fixed_before_recommending(chat: Chat) -> None:
    chat.say("hi")
    for said in PLAIN.values():
        replies = chat.say(said)
    assert recap(replies)["Deployment targets"] == "Android app"
    replies = chat.say("actually we also target iOS")
    assert recap(replies)["Deployment targets"] == "Android app, iOS app"
    replies = chat.say("timeline is 3 months")
    assert recap(replies)["Timeline"] == "1-3 months"
    assert chat.state.phase == "confirming"
    rec = advice(chat.say("looks good"))
    assert "ExecuTorch" in rec.stack


def test_the_recap_can_be_fixed_by_button(chat: Chat) -> None:
    chat.say("hi")
    for said in PLAIN.values():
        chat.say(said)
    replies = chat.send(Picked("deployment", ("microcontroller",)))
    assert recap(replies)["Deployment targets"] == "Microcontroller"
    assert advice(chat.send(Pressed("confirm"))).verdict == "tensorflow"


def test_an_unplaceable_message_at_the_recap_asks_what_to_change(chat: Chat) -> None:
    chat.say("hi")
    for said in PLAIN.values():
        chat.say(said)
    replies = chat.say("hmm")
    assert "Tell me what to change" in text(replies)
    assert any(isinstance(r, Recap) for r in replies)
    assert chat.state.phase == "confirming"


def test_yes_before_the_recap_is_not_a_recommendation(chat: Chat) -> None:
    chat.say("image classification")
    replies = chat.say("yes")
    assert chat.state.phase == "asking"
    assert asked_step(replies) == "skills"


def test_a_stale_button_is_refused_without_changing_anything(chat: Chat) -> None:
    chat.say("image classification")
    before = chat.state.answers
    for event in [
        Picked("deployment", ("a_target_that_was_removed",)),
        Picked("no_such_step", ("vision",)),
        Picked("use_case", ("vision", "nlp")),  # one-answer step
        Picked("deployment", (UNSURE, "android")),
        Picked("deployment", ()),
        Pressed("frobnicate"),
    ]:
        replies = chat.send(event)
        assert "out of date" in text(replies)
        assert chat.state.answers == before
        assert chat.state.pending == "skills" and asked_step(replies) is None  # never re-asked: no loop


def test_a_repeated_button_value_is_kept_once(chat: Chat) -> None:
    chat.say("image classification")
    chat.send(Picked("skills", ("pytorch", "pytorch")))
    assert chat.state.answers["skills"] == ["pytorch"]


@pytest.mark.parametrize("command", ["help", "back", "restart", "cancel", "unsure", "confirm"])
def test_every_button_command_replies(chat: Chat, command: str) -> None:
    chat.say("image classification")
    replies = chat.send(Pressed(command))
    assert replies
    assert any(isinstance(r, Say | Ask) for r in replies)


def test_a_full_conversation_ends_with_sources_and_a_consultation_link(chat: Chat) -> None:
    chat.say("we are 3 keras devs shipping an android app in 6 weeks")
    rec = answer_until_advised(chat, PLAIN)
    # A reason is sourced, unless the team's own answer is its evidence ("your team knows Keras").
    assert rec.deciding and all(c.sources or c.because for c in rec.deciding)
    assert all(s.as_of for c in rec.deciding for s in c.sources)
    assert "LiteRT" in rec.stack


def test_a_reason_names_the_answers_behind_it_with_their_questions_scores_first(chat: Chat) -> None:
    # The team's PyTorch sets the skills criterion's scores; the 1-3 month deadline only makes it
    # count more. Both are named with their question, the one that sets the scores first.
    chat.say("vision")
    chat.say("we know pytorch")
    chat.say("nothing yet")
    chat.say("cloud api")
    chat.say("nvidia gpus")
    chat.say("1-3 months")
    chat.say("hiring")
    replies = chat.say("yes")
    reply = next(r for r in replies if isinstance(r, Advise))
    reasons = dict(zip([c.name for c in reply.recommendation.deciding], reply.because, strict=True))
    assert reasons["Fit for the team's current skills"] == "You said PyTorch (team skills) and 1-3 months (timeline)."
    assert reasons["Community / hiring"] == "You said Hiring / community (priorities)."


def test_the_answers_say_what_was_understood(chat: Chat) -> None:
    replies = chat.say("3 keras devs, android, 6 weeks")
    assert [r.text for r in replies if isinstance(r, Say)][-1].startswith("Got it:")


def test_the_replies_fingerprint_is_the_one_stored_states_hold(chat: Chat) -> None:
    # Stored conversations keep the fingerprint of their last replies: a cheaper way of computing
    # it must give the same value, or the first turn after an upgrade could repeat itself unnoticed.
    def as_before(replies: list[Reply]) -> str:
        kinds = ",".join(type(reply).__name__ for reply in replies)
        body = TypeAdapter(list[Reply]).dump_json(replies)
        return hashlib.sha1(kinds.encode() + body, usedforsecurity=False).hexdigest()[:16]

    lines = ["hi", "image classification", "zzz", *list(PLAIN.values())[1:], "yes", "why not tensorflow?"]
    lines += ["what if we had to run on a microcontroller instead?", "I want a consultant", "yes"]
    kinds: set[str] = set()
    for line in lines:
        replies = chat.say(line)
        kinds |= {type(reply).__name__ for reply in replies}
        assert _signature(replies) == as_before(replies) == chat.state.last_replies
    assert {"Say", "Ask", "Recap", "Advise", "Answer"} <= kinds


def test_back_after_a_recap_change_that_cleared_a_question_moves_on(chat: Chat) -> None:
    """Found by the fuzz test. Transcript: ... bot> (recap) user> Computer vision don't have any
    * in production  bot> What will your models mainly do?  user> [Back]  bot> Going back: I
    cleared your answer for Use case ... and the recap again, not the answered question."""
    for line in ["Computer vision", *[""] * 14, "Inference speed"]:
        chat.say(line)
    assert chat.state.phase == "confirming"
    chat.say("Computer vision don't have any * in production")
    assert chat.state.pending == "use_case" and "use_case" not in chat.state.answers
    chat.send(Pressed("back"))
    assert chat.state.answers["use_case"] == ["vision"]
    assert chat.state.phase == "confirming" and chat.state.pending is None


def test_a_restart_is_one_back_away_from_undone(chat: Chat) -> None:
    chat.say("we are 3 keras devs shipping an android app in 6 weeks")
    before = dict(chat.state.answers)
    replies = chat.say("start over")
    assert "Say *back* to get your answers back" in text(replies)
    assert chat.state.answers == {}
    replies = chat.say("back")
    assert "your earlier answers are back" in text(replies)
    assert chat.state.answers == before
    assert asked_step(replies) == "use_case"


def test_a_restart_with_nothing_to_lose_offers_no_back_and_never_asks_the_first_question_again(chat: Chat) -> None:
    chat.say("hi")
    replies = chat.say("start over")
    assert "already at the start" in text(replies) and "back" not in text(replies)
    assert asked_step(replies) is None  # (said four times, it had asked the first question four times)
    assert chat.state.phase == "asking" and chat.state.pending == "use_case"
    assert "nothing to go back to" in text(chat.say("back"))


def test_a_restart_said_again_right_after_one_keeps_the_way_back(chat: Chat) -> None:
    chat.say("we are 3 keras devs shipping an android app in 6 weeks")
    chat.say("start over")
    assert "already at the start" in text(chat.say("start over"))
    assert "your earlier answers are back" in text(chat.say("back"))
