"""Asides that say what does not count (fresh voices of dev115 and dev116, pharma and energy teams,
written by helpers who never saw the vocabulary files)."""

from __future__ import annotations

from datetime import date

import pytest

from bot.dialogue import Advisor
from bot.durations import weeks_until
from bot.replies import Answer, Ask
from bot.state import State
from tests.conftest import Chat
from tests.test_reading_goes_on import effective_team


def asked(step: str, answers: dict[str, list[str]] | None = None) -> State:
    return State(phase="asking", pending=step, answers={k: list(v) for k, v in (answers or {}).items()})


@pytest.mark.parametrize(
    ("said", "not_stored"),
    [
        ("long term not so imp, tech changes every 2 yrs anyway", "long_term"),
        ("performance not so imp, its only ~200 verbatims per day", "performance"),
    ],
)
def test_a_priority_said_to_be_not_so_imp_is_not_stored(chat: Chat, said: str, not_stored: str) -> None:
    """bot> Anything else that matters most?
    you> long term not so imp, tech changes every 2 yrs anyway
    bot> (long-term support is not stored: "imp" is short for important)"""
    chat.state = asked("priorities")
    chat.say(said)
    assert not_stored not in chat.state.answers.get("priorities", [])


def test_a_machine_they_will_not_use_for_this_is_no_hardware(chat: Chat) -> None:
    chat.state = asked("hardware")
    chat.say("I have also a Windows PC at home but I will not use it for this.")
    assert "windows" not in chat.state.answers.get("hardware", [])


def test_code_not_in_prod_yet_is_no_stack_in_production(chat: Chat) -> None:
    chat.state = asked("existing_stack")
    chat.say("new pytorch stuff exists but not in prod yet")
    assert chat.state.answers.get("existing_stack") != ["pytorch_production"]


def test_nothing_in_production_but_one_thing_is_that_thing(chat: Chat) -> None:
    """bot> Is there an ML stack already in production?
    you> server side nothing in prod, only that tflite thing in the app
    bot> (the TFLite app is stored, not a fresh start)"""
    chat.state = asked("existing_stack")
    chat.say("server side nothing in prod, only that tflite thing in the app")
    assert chat.state.answers["existing_stack"] == ["tflite_app"]
    chat.state = asked("existing_stack")
    chat.say("nothing in prod, we start from zero")
    assert chat.state.answers["existing_stack"] == ["greenfield"]


def test_asking_whether_an_option_includes_something_stores_nothing(chat: Chat) -> None:
    """bot> Where will the model run?
    you> does android include the DJI drone controller? its android based
    bot> Here that counts as *Android app*: pick what fits, ... [Android app]"""
    chat.state = asked("deployment")
    replies = chat.say("does android include the DJI drone controller? its android based")
    assert "deployment" not in chat.state.answers
    offered = [r for r in replies if isinstance(r, Answer) and r.choices]
    assert offered and [c.label for c in offered[0].choices] == ["Android app"]


def test_gpus_that_are_a_no_are_taken_out_in_the_what_if(chat: Chat) -> None:
    chat.state = State(phase="advised", answers=effective_team(hardware=["nvidia"]))
    chat.say("news from IT: H100s are a no, they're going with on-prem AMD MI210s instead")
    assert chat.state.proposed is not None and chat.state.proposed["hardware"] == ["amd"]


@pytest.mark.parametrize(
    ("said", "months"),
    [("march end", 4), ("dec end", 1), ("by march end, before summer", 4), ("the season may end early", None)],
)
def test_a_month_then_end_is_that_months_end(said: str, months: int | None) -> None:
    weeks = weeks_until(said, date(2026, 11, 25))
    assert (None if weeks is None else round(weeks / (52 / 12))) == months


@pytest.mark.parametrize(
    ("said", "weeks"),
    [
        ("its not due in january, but in april", "half_year"),
        ("deadline not march but june", "long"),
    ],
)
def test_a_date_ruled_out_gives_way_to_the_one_after_it(chat: Chat, said: str, weeks: str) -> None:
    """bot> When does it need to be in production?
    you> its not due in january, but in april
    bot> (3-6 months: April, not January)"""
    chat.state = asked("timeline")
    chat.say(said)
    assert chat.state.answers["timeline"] == [weeks]


def test_a_what_if_moving_the_demo_to_another_month(chat: Chat) -> None:
    chat.state = State(phase="advised", answers=effective_team(timeline=["half_year"]))
    chat.say("what if demo is not in dec but mid feb?")
    assert chat.state.proposed is not None and chat.state.proposed["timeline"] == ["quarter"]


def test_not_before_a_month_is_no_date_ruled_out(chat: Chat) -> None:
    chat.state = asked("timeline")
    chat.say("Realistically not before April 2027. Computer system validation alone takes two months.")
    assert chat.state.answers["timeline"] == ["half_year"]


def test_without_written_w_slash_o_rules_out(chat: Chat) -> None:
    chat.state = State(phase="advised", answers=effective_team(existing_stack=["pytorch_production"]))
    chat.say("what if we were starting fresh w/o the pytorch prod stuff")
    assert chat.state.proposed is not None
    assert chat.state.proposed["existing_stack"] == ["greenfield"]
    assert "pytorch" not in chat.state.proposed["skills"]


@pytest.mark.parametrize(
    ("said", "command"),
    [
        ("gtg, investor call", "cancel"),
        ("No, leave the priorities as they are, thank you.", "keep"),
        ("leave the deployment as it is", "keep"),
        ("thanks!", "thanks"),
    ],
)
def test_commands_after_the_advice(advisor: Advisor, said: str, command: str) -> None:
    state = State(phase="advised", answers=effective_team())
    assert advisor.read(said, state, date(2026, 11, 25)).command == command


def test_an_option_asked_about_and_answered_nah_is_ruled_out(chat: Chat) -> None:
    """bot> Anything else that matters most?
    you> long term support? nah, the trial ends in 2028
    bot> (long-term support ruled out; the "nah" is no "nothing else")"""
    chat.state = asked("priorities")
    chat.say("long term support? nah, the trial ends in 2028")
    assert chat.state.answers.get("priorities") in (None, [])
    chat.state = asked("priorities")
    chat.say("long term support? nah, cost is what matters")
    assert chat.state.answers["priorities"] == ["cost"]


def test_asking_the_difference_between_two_options_stores_neither(chat: Chat) -> None:
    """bot> Where will the model run?
    you> What exactly is the difference between 'batch' and 'server' in your list? Our SAS programs run overnight
    bot> (nothing stored; the question again, with every option's label)"""
    chat.state = asked("deployment")
    replies = chat.say(
        "What exactly is the difference between 'batch' and 'server' in your list? Our SAS programs run overnight."
    )
    assert "deployment" not in chat.state.answers
    asked_again = [r for r in replies if isinstance(r, Ask)]
    assert asked_again and {"batch", "server"} <= {c.id for c in asked_again[0].choices}


@pytest.mark.parametrize(
    ("step", "said", "not_stored"),
    [
        (
            "priorities",
            "performance for sure, old phones like Moto G and Galaxy A10 must run it in realtime",
            "hardware",
        ),
        (
            "deployment",
            "actually one of the surveyors has mucked around with keras for his point cloud stuff",
            "deployment",
        ),
    ],
)
def test_names_that_look_like_options_are_not_options(chat: Chat, step: str, said: str, not_stored: str) -> None:
    """A Galaxy A10 is a phone, no NVIDIA A10; a point cloud is data, no cloud server."""
    chat.state = asked(step)
    chat.say(said)
    assert not_stored not in chat.state.answers


def test_new_hires_starting_in_a_month_date_no_deadline(chat: Chat) -> None:
    chat.state = State(phase="advised", answers=effective_team(timeline=["half_year"]))
    chat.say("One more update: two new hires start in February and both come from PyTorch backgrounds.")
    assert (chat.state.proposed or chat.state.answers)["timeline"] == ["half_year"]


def test_an_emoji_between_words_ends_a_clause(chat: Chat) -> None:
    """bot> What hardware will you train on?
    you> training will be on one windows desktop, cpu only 🙁 manager said no cloud gpu budget
    bot> (Windows and CPU only: the manager's "said no" is of the cloud GPUs, not the CPU)"""
    chat.state = asked("hardware")
    chat.say("training will be on one windows desktop, cpu only 🙁 manager said no cloud gpu budget")
    assert chat.state.answers["hardware"] == ["windows", "cpu"]


def test_a_fact_told_then_what_it_changes_asked_is_news(chat: Chat) -> None:
    """bot> (advice for a team with nothing in production)
    you> but we already have pytorch models in prod for pace prediction, does that change it?
    bot> (weighed again with PyTorch in production)"""
    chat.state = State(phase="advised", answers=effective_team(existing_stack=["greenfield"]))
    chat.say("ok that was fast. but we already have pytorch models in prod for pace prediction, does that change it?")
    assert (chat.state.proposed or chat.state.answers)["existing_stack"] == ["pytorch_production"]
    chat.state = State(phase="advised", answers=effective_team(priorities=["nothing_else"]))
    chat.say("And Arabic support, does that change anything in your advice?")
    assert chat.state.proposed is None and chat.state.answers["priorities"] == ["nothing_else"]


@pytest.mark.parametrize(
    "said", ["what if we drop the on-device part?", "what if we ditched the apps?", "what if we dropped the app side"]
)
def test_a_what_if_dropping_a_part_drops_the_answers_it_stands_for(chat: Chat, said: str) -> None:
    """bot> (advice for a team shipping a server API and Android and iOS apps)
    you> what if we drop the on-device part?
    bot> (weighed on the server API alone)"""
    chat.state = State(phase="advised", answers=effective_team(deployment=["server", "android", "ios"]))
    chat.say(said)
    assert chat.state.proposed is not None and chat.state.proposed["deployment"] == ["server"]


def test_a_part_dropped_that_is_every_answer_of_its_step_supposes_nothing(chat: Chat) -> None:
    chat.state = State(phase="advised", answers=effective_team(deployment=["android", "ios"]))
    chat.say("what if we drop the on-device part?")
    assert chat.state.proposed is None and chat.state.answers["deployment"] == ["android", "ios"]


@pytest.mark.parametrize(
    ("step", "said", "not_stored"),
    [
        (
            "skills",
            "Oh and on the skills question - none of us has touched JAX, just so you don't go suggesting it",
            "jax",
        ),
        ("deployment", "Also, for the avoidance of doubt, nothing we build goes near a browser or a phone.", "browser"),
        (
            "hardware",
            "one server with 2x Tesla T4. we have m1 macbooks too but nobody is going to train on those",
            "apple",
        ),
        # (and the fresh voices of dev119-dev126: farms, aviation, charities, sports, banks, schools,
        # satellites, travel)
        ("existing_stack", "None of us has used TensorFlow or JAX, to be clear.", "tf_production"),
        (
            "priorities",
            "long-term support. speed is nice but not critical, calls get processed overnight anyway",
            "performance",
        ),
        ("hardware", "fwiw my laptop is an M1 MacBook Air but I'm not training anything on that", "apple"),
        ("deployment", "we tried an ESP32-CAM last year, it was useless", "microcontroller"),
        (
            "hardware",
            "Not the office laptops though, they're knackered old Windows things, nobody's training on those",
            "windows",
        ),
        ("hardware", "Training happens on Google Cloud. everyone has an M2 or M3 but we don't train on them.", "apple"),
        ("hardware", "On-prem we only have CPU servers, and those are not used for training.", "cpu"),
        ("priorities", "Cost is not a concern. Hiring is also less important, the team is stable.", "hiring"),
        (
            "existing_stack",
            "There's some old TF 1.15 code from a former student but it's going in the bin",
            "tf1_legacy",
        ),
        ("hardware", "there are 2 old Radeon cards in the office but nobody uses them", "amd"),
        ("use_case", "Before I answer: is this tool storing what I type? We have export-control rules.", "robotics"),
    ],
)
def test_an_aside_that_rules_out_stores_nothing_for_it(chat: Chat, step: str, said: str, not_stored: str) -> None:
    chat.state = asked(step)
    chat.say(said)
    assert not_stored not in chat.state.answers.get(step, [])


@pytest.mark.parametrize("said", ["no no, don't change my answers, keep the Jetson", "no no, keep the jetson"])
def test_keeping_a_named_answer_after_refusals(advisor: Advisor, said: str) -> None:
    state = State(phase="advised", answers=effective_team(deployment=["jetson"]))
    assert advisor.read(said, state, date(2026, 11, 25)).command == "keep"


def test_a_general_word_right_before_an_option_says_which_it_is(chat: Chat) -> None:
    """bot> (the recap: training on NVIDIA GPUs and TPUs)
    you> remove the colab TPUs, free tier stopped working for us
    bot> (the TPUs go; "colab" was of them, the NVIDIA GPUs stay)"""
    chat.state = State(phase="confirming", answers=effective_team(hardware=["nvidia", "tpu"]))
    chat.say("remove the colab TPUs, free tier stopped working for us")
    assert chat.state.answers["hardware"] == ["nvidia"]


def test_so_thats_x_right_is_a_tentative_answer(chat: Chat) -> None:
    """bot> What are you building?
    you> we need to anonymize court rulings, find names and addresses. so that's text/NLP right?
    bot> (text/NLP stored: the check says what it is)"""
    chat.state = asked("use_case")
    chat.say("we need to anonymize court rulings, find names and addresses. so that's text/NLP right?")
    assert chat.state.answers["use_case"] == ["nlp"]
    chat.state = asked("priorities")
    chat.say("battery consumption.. is that performance?")  # asks what it counts as
    assert "priorities" not in chat.state.answers


@pytest.mark.parametrize(
    ("said", "command"),
    [
        ("actually scratch everything, I want to answer from scratch for the Medicaid eligibility team", "restart"),
        ("scratch everything we said about the phones", None),
        ("we had to scratch everything last year and rebuild", None),
    ],
)
def test_answering_from_scratch_starts_over(advisor: Advisor, said: str, command: str | None) -> None:
    state = State(phase="advised", answers=effective_team())
    assert advisor.read(said, state, date(2026, 11, 25)).command == command


@pytest.mark.parametrize(
    ("step", "said", "stored"),
    [
        ("hardware", "2x 1080 Ti", ["nvidia"]),
        ("hardware", "8x A100 80GB on GCP. we also have TPU v5e quota nobody has touched", ["nvidia"]),
        ("use_case", "both are only tables, no images, no text", ["tabular"]),
        ("use_case", "RGB + thermal both, from the DJI M30T", ["vision"]),
        ("deployment", "monthly batch on our office server is enough, output goes back into excel", ["batch"]),
    ],
)
def test_dev118_answers(chat: Chat, step: str, said: str, stored: list[str]) -> None:
    """Older GPUs by name, quota nobody has touched, "only tables", and output that goes back into
    a spreadsheet (which takes nothing back)."""
    chat.state = asked(step)
    chat.say(said)
    assert chat.state.answers[step] == stored


def test_a_thousands_comma_does_not_split_a_clause(chat: Chat) -> None:
    chat.state = State(phase="confirming", answers=effective_team(priorities=["cost"]))
    chat.say("also put performance, the forecast for 12,000 SKUs must finish overnight")
    assert chat.state.answers["priorities"] == ["cost", "performance"]
    assert chat.state.answers["deployment"] == ["server"]


def test_a_hire_that_fell_through_takes_the_skill_out(chat: Chat) -> None:
    chat.state = State(phase="advised", answers=effective_team(skills=["python", "jax"]))
    chat.say("update from the team: the JAX hire fell through")
    assert (chat.state.proposed or chat.state.answers)["skills"] == ["python"]


def test_another_priority_an_all(chat: Chat) -> None:
    chat.state = asked("priorities", {"priorities": ["performance"]})
    chat.say("cost an' all, brass is tight this year")
    assert chat.state.answers["priorities"] == ["performance", "cost"]


def test_taking_it_to_a_meeting_adopts_nothing(advisor: Advisor) -> None:
    state = State(phase="advised", answers=effective_team())
    said = "forget it, I'll take it to the architecture review myself"
    assert advisor.read(said, state, date(2026, 11, 25)).command != "adopt"
    assert advisor.read("ok take it", state, date(2026, 11, 25)).command == "adopt"


def test_should_have_said_adds_to_an_answered_question(chat: Chat) -> None:
    """bot> When does it need to be in production? (hardware answered: CPU only)
    you> Should've said, the training happens on our Windows desktops - Dell Precisions, no GPU in them
    bot> (Windows added to the hardware, not asked about as a change)"""
    chat.state = asked("timeline", {"hardware": ["cpu"]})
    chat.say("Should've said, the training happens on our Windows desktops - Dell Precisions, no GPU in them")
    assert "windows" in chat.state.answers["hardware"]


def test_a_what_if_goes_on_after_its_comma_in_a_question(chat: Chat) -> None:
    """bot> (advice for a team due in 3-6 months)
    you> What if we had more time, until next autumn?
    bot> What if Timeline: *6+ months* (instead of 3-6 months)? ..."""
    chat.state = State(phase="advised", answers=effective_team(timeline=["half_year"]))
    chat.say("What if we had more time, until next autumn?")
    assert chat.state.proposed is not None and chat.state.proposed["timeline"] == ["long"]


@pytest.mark.parametrize(
    ("said", "command"),
    [
        ("Sorry, what can this thing actually do? I want to change one answer without redoing the whole lot.", "help"),
        ("what can this model do on a phone?", None),
    ],
)
def test_asking_what_the_bot_can_do_is_help(advisor: Advisor, said: str, command: str | None) -> None:
    state = State(phase="advised", answers=effective_team())
    assert advisor.read(said, state, date(2026, 11, 25)).command == command
