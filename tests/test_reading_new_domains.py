"""What fresh voices taught the reader (dev119-dev122: farms, aviation, charities and sports teams,
written by helpers who never saw the vocabulary files): asides that rule out, and words said in
ways the earlier sets never said them."""

from __future__ import annotations

import pytest

from bot.dialogue import Advisor
from bot.durations import weeks_until
from bot.state import State
from tests.conftest import TODAY, Chat
from tests.test_reading_goes_on import effective_team


def asked(step: str) -> State:
    return State(phase="asking", pending=step, answers={})


def test_hiring_said_to_matter_beside_a_framework_makes_hiring_matter_after_the_advice(chat: Chat) -> None:
    """bot> (the recommendation)
    you> one more thing: hiring matters, the Madrid market has way more pytorch people
    bot> (hiring is what changes)"""
    chat.state = State(phase="advised", answers=effective_team(priorities=["nothing_else"]))
    chat.say("one more thing: hiring matters, the Madrid market has way more pytorch people")
    changed = chat.state.proposed or chat.state.answers
    assert changed["priorities"] == ["hiring"]


def test_something_that_is_not_going_away_is_not_taken_back(chat: Chat) -> None:
    chat.state = State(phase="advised", answers=effective_team(priorities=["cost"]))
    chat.say("also add long-term support, asylum law isn't going away and neither are we")
    assert "long_term" in (chat.state.proposed or chat.state.answers)["priorities"]


def test_a_possessive_of_a_word_that_answers_only_its_own_question(chat: Chat) -> None:
    """bot> What hardware will you train (or fine-tune) on?
    you> cpu's fine for training this one tbh, it's xgboost-sized data"""
    chat.state = asked("hardware")
    chat.say("cpu's fine for training this one tbh, it's xgboost-sized data")
    assert chat.state.answers["hardware"] == ["cpu"]
    chat.state = asked("skills")
    chat.say("nobody's done ml here")  # ("nobody's" is no possessive)
    assert chat.state.answers.get("skills") != ["beginners"] or "nobody" not in chat.state.answers


def test_the_date_a_decision_is_made_is_no_deadline(chat: Chat) -> None:
    """bot> When do you need the first version in production?
    you> not sure yet, the board decides in january
    bot> (no deadline stored: January is when they decide, not when it ships)"""
    chat.state = asked("timeline")
    chat.say("not sure yet, the board decides in january")
    assert chat.state.answers.get("timeline") in (None, ["unsure"])


@pytest.mark.parametrize(
    ("said", "use_case"),
    [
        ("We receive roughly 4,000 grant applications a year. I'd like to auto-tag them by program area.", "nlp"),
        ("we want to recommend which appeal each donor sees (bushfire recovery, cancer research etc)", "recsys"),
    ],
)
def test_the_kind_of_work_in_a_charitys_words(chat: Chat, said: str, use_case: str) -> None:
    chat.state = asked("use_case")
    chat.say(said)
    assert chat.state.answers["use_case"] == [use_case]


def test_cost_said_to_matter_is_kept_beside_a_joke_about_money(chat: Chat) -> None:
    chat.state = asked("priorities")
    chat.say("Cost matters, we're not exactly City money lol. And speed for the half-time thing")
    assert set(chat.state.answers["priorities"]) == {"cost", "performance"}


@pytest.mark.parametrize(("said", "command"), [("yes pls update", "confirm"), ("yes yes, update please", "confirm")])
def test_yes_update_confirms_after_the_advice(advisor: Advisor, said: str, command: str) -> None:
    state = State(phase="advised", answers=effective_team())
    assert advisor.read(said, state, TODAY).command == command


def test_tbc_is_not_sure(chat: Chat) -> None:
    chat.state = asked("timeline")
    chat.say("tbc, let me ask the gaffer")
    assert chat.state.answers["timeline"] == ["unsure"]


def test_an_okay_that_opens_an_answer_confirms_nothing(chat: Chat) -> None:
    """bot> Anything else that matters most?
    you> ok fine. cost and hiring, can't pay Bangalore salaries"""
    chat.state = asked("priorities")
    chat.say("ok fine. cost and hiring, can't pay Bangalore salaries")
    assert chat.state.answers["priorities"] == ["cost", "hiring"]


@pytest.mark.parametrize(
    ("said", "command"),
    [
        ("non non, keep jax in there, he's not leaving 😄", None),
        ("let's pick this up tomorrow, cancel for now", "cancel"),
    ],
)
def test_who_is_leaving(advisor: Advisor, said: str, command: str | None) -> None:
    state = State(phase="advised", answers=effective_team())
    assert advisor.read(said, state, TODAY).command == command


def test_an_option_that_gets_dropped_in_a_what_if_goes(chat: Chat) -> None:
    chat.state = State(phase="advised", answers=effective_team(deployment=["android", "ios"]))
    chat.say("what if iOS gets dropped and we go android only?")
    assert chat.state.proposed is not None and chat.state.proposed["deployment"] == ["android"]


@pytest.mark.parametrize(
    "said",
    [
        "What if we simply called a hosted model and didn't train anything ourselves?",
        "what if we just used an off-the-shelf model through an API?",
    ],
)
def test_a_what_if_of_no_training_beside_where_it_runs_supposes_no_training(chat: Chat, said: str) -> None:
    """bot> (the recommendation, for an LLM project)
    you> What if we simply called a hosted model and didn't train anything ourselves?
    bot> (supposes a pretrained model run as it is, not only a server)"""
    chat.state = State(phase="advised", answers=effective_team(use_case=["llm"]))
    chat.say(said)
    assert chat.state.proposed is not None and chat.state.proposed["use_case"] == ["pretrained_only"]


@pytest.mark.parametrize(
    ("said", "use_case"),
    [
        ("Building a ball machine that adapts its shots, so robotics / control with a camera in the loop", "robotics"),
        ("a robot arm, the camera is only an input", "robotics"),
    ],
)
def test_of_two_kinds_in_one_clause_the_one_called_secondary_goes(chat: Chat, said: str, use_case: str) -> None:
    """bot> What will your models mainly do?
    you> ... so robotics / control with a camera in the loop
    bot> (robotics: "in the loop" is said of the camera, named right before it)"""
    chat.state = asked("use_case")
    chat.say(said)
    assert chat.state.answers["use_case"] == [use_case]


def test_may_the_month_after_a_word_of_launching() -> None:
    assert weeks_until("go live may 1", TODAY) == weeks_until("by may 1", TODAY) is not None
    assert weeks_until("we may 3x it", TODAY) is None


@pytest.mark.parametrize(
    ("said", "timeline"),
    [
        ("The timeline did slip after all: go-live is now May 1, for the summer cycle.", "half_year"),
        ("update: trials bumped to mid Feb, the sorghum's early this year", "quarter"),
    ],
)
def test_a_deadline_moved_after_the_advice(chat: Chat, said: str, timeline: str) -> None:
    chat.state = State(phase="advised", answers=effective_team(timeline=["long"]))
    chat.say(said)
    assert chat.state.proposed is not None and chat.state.proposed["timeline"] == [timeline]


def test_a_machine_that_went_back_to_it_is_taken_off(chat: Chat) -> None:
    chat.state = State(phase="advised", answers=effective_team(hardware=["apple", "nvidia"]))
    chat.say("Update: the MacBook's gone back to IT, so take Apple off")
    assert chat.state.proposed is not None and chat.state.proposed["hardware"] == ["nvidia"]


def test_a_named_day_in_a_later_year() -> None:
    """ "Black Friday 2027" is a year after this week's Black Friday, not in two days."""
    this_week = weeks_until("by black friday", TODAY)
    assert this_week is not None and this_week < 1
    for said in ("marketing just moved it to Black Friday 2027", "by black friday next year"):
        later = weeks_until(said, TODAY)
        assert later is not None and 52 <= later < 53
    christmas = weeks_until("christmas 2027", TODAY)
    assert christmas is not None and 56 <= christmas < 57


def test_news_articles_classified_for_money_laundering_checks_are_text(chat: Chat) -> None:
    chat.state = asked("use_case")
    chat.say("Adverse media screening. We classify news articles about our clients in German and French for AML.")
    assert chat.state.answers["use_case"] == ["nlp"]


def test_asking_what_an_option_means_stores_nothing(chat: Chat) -> None:
    """bot> Where will the models run?
    you> By 'server' do you mean cloud only, or also on-prem servers?
    bot> (the question is answered; nothing is stored)"""
    chat.state = asked("deployment")
    chat.say("By 'server' do you mean cloud only, or also on-prem servers?")
    assert "deployment" not in chat.state.answers


def test_recommending_the_next_practice_questions_is_a_recommender(chat: Chat) -> None:
    chat.state = asked("use_case")
    chat.say(
        "Need to recommend next practice questions and lesson videos to each student based on their past attempts."
    )
    assert chat.state.answers["use_case"] == ["recsys"]


def test_said_in_case_it_matters_is_no_condition(chat: Chat) -> None:
    """bot> What hardware will you train (or fine-tune) on?
    you> the office box runs Windows 11 btw, if that matters"""
    chat.state = asked("hardware")
    chat.say("the office box runs Windows 11 btw, if that matters")
    assert chat.state.answers["hardware"] == ["windows"]


def test_a_month_in_few_words_is_a_date_not_another_language(chat: Chat) -> None:
    chat.state = asked("timeline")
    replies = chat.say("mid jan")
    assert chat.state.answers["timeline"] == ["quarter"], replies


@pytest.mark.parametrize(
    ("said", "command"),
    [
        ("Let's stop here for today, I'll pick it up with the board on Monday.", "cancel"),
        ("hi, continuing from yesterday", "resume"),
        ("back from the meeting, let's continue with the fraud one", "resume"),
        ("blz", "confirm"),
        ("NEPA has taken light, my laptop is dying. let's continue later", "cancel"),
        ("nah never mind, leave it like it was, finance said no", "keep"),
        ("Righto. Please remove everything I've told you, I'd rather not leave it lying about.", "forget"),
    ],
)
def test_pausing_coming_back_and_agreeing_in_fresh_words(advisor: Advisor, said: str, command: str) -> None:
    state = State(phase="advised", answers=effective_team())
    assert advisor.read(said, state, TODAY).command == command


def test_coming_back_to_it_after_the_advice_pauses_and_while_asked_passes(advisor: Advisor) -> None:
    """With no question open, "I'll come back to this" is a pause; while one is asked, it passes
    over that question for now."""
    after = State(phase="advised", answers=effective_team())
    assert advisor.read("I'll come back to this after the board meeting", after, TODAY).command == "cancel"
    assert advisor.read("can we come back to this one", asked("timeline"), TODAY).command == "unsure"
