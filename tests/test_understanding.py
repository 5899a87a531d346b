"""How the dialogue core reads people's messages, as short transcripts.

Each test sets up the answers it needs with buttons (which are unambiguous), then types one or two
messages in a user's own words and checks what was stored, what is asked next, and the kind of
reply. The phrasings here are written independently of the bot's vocabulary files on purpose.
"""

from __future__ import annotations

from datetime import date

import pytest

from bot.conversation import UNSURE
from bot.dialogue import Advisor, Picked, Pressed, Said, State
from bot.replies import Advise, Answer, Ask, Recap, Reply, Say
from tests.conftest import TODAY, Chat
from tests.transcript import asked, asked_step, recap, text

# A complete set of answers, in the order the bot asks, for setting up a conversation by buttons.
FULL = {
    "use_case": ["vision"],
    "skills": ["pytorch"],
    "existing_stack": ["greenfield"],
    "deployment": ["android"],
    "hardware": ["nvidia"],
    "timeline": ["quarter"],
    "priorities": ["cost"],
}


def given(chat: Chat, **answers: list[str]) -> None:
    """Answer the first questions by button, in order (keyword order is the bot's step order)."""
    for step_id, values in answers.items():
        chat.send(Picked(step_id, tuple(values)))
    assert all(chat.state.answers[s] == v for s, v in answers.items())


def until(chat: Chat, step_id: str, **overrides: list[str]) -> None:
    """Answer every question before `step_id` (from FULL, with overrides), so `step_id` is asked."""
    order = list(FULL)
    given(chat, **{s: overrides.get(s, FULL[s]) for s in order[: order.index(step_id)]})
    assert chat.state.pending == step_id


def answer_to(chat: Chat, step_id: str, said: str) -> list[str]:
    """What is stored for `step_id` once `said` answers it (every question before it answered)."""
    if step_id != "use_case":
        until(chat, step_id)
    chat.say(said)
    return chat.state.answers.get(step_id, [])


def offer(replies: list[Reply]) -> Answer | None:
    """The proposed change or "which one?" question the bot ended on, if any."""
    return next((r for r in reversed(replies) if isinstance(r, Answer) and r.choices), None)


def says(replies: list[Reply]) -> list[str]:
    return [r.text for r in replies if isinstance(r, Say)]


# -- 1. the pending question first -------------------------------------------------------------


def test_pytorch_codebases_asked_about_the_stack_are_the_stack_not_a_skill(chat: Chat) -> None:
    until(chat, "existing_stack", skills=["keras"])
    chat.say("all of our pytorch codebases")
    assert chat.state.answers["existing_stack"] == ["pytorch_production"]
    assert chat.state.answers["skills"] == ["keras"]
    assert chat.state.confirm is None  # not even offered as a change of skills
    assert chat.state.pending == "deployment"


def test_a_framework_named_while_skills_are_asked_is_a_skill_not_the_stack(chat: Chat) -> None:
    until(chat, "skills")
    chat.say("we've been writing tensorflow for years")
    assert chat.state.answers["skills"] == ["tensorflow"]
    assert "existing_stack" not in chat.state.answers
    assert "timeline" not in chat.state.answers  # "for years" is experience, not a deadline


def test_serving_tensorflow_today_answers_the_stack_and_states_no_deadline(chat: Chat) -> None:
    until(chat, "existing_stack")
    chat.say("we serve tensorflow models in prod today")
    assert chat.state.answers["existing_stack"] == ["tf_production"]
    assert "timeline" not in chat.state.answers  # "today" is when it runs, not when it is due


def test_the_platform_an_old_app_runs_on_describes_the_stack_answer(chat: Chat) -> None:
    until(chat, "existing_stack")
    chat.say("our android app runs tflite")
    assert chat.state.answers["existing_stack"] == ["tflite_app"]
    assert "deployment" not in chat.state.answers


@pytest.mark.parametrize(
    "said",
    [
        "we've got an old tf1 forecaster. It runs each night on a box under Priya's desk.",
        "a pytorch scorer has been live since spring, it sits behind an api on our servers",
    ],
)
def test_where_the_running_system_runs_is_not_where_the_new_one_will(chat: Chat, said: str) -> None:
    until(chat, "existing_stack")
    replies = chat.say(said)
    assert chat.state.answers["existing_stack"] in (["tf1_legacy"], ["pytorch_production"])
    assert "deployment" not in chat.state.answers  # the new project's targets are still to ask
    assert asked_step(replies) == "deployment"


def test_the_new_project_placed_beside_the_running_system_is_stored(chat: Chat) -> None:
    until(chat, "existing_stack")
    chat.say("one tf model is live on our cluster; the new one will have to run on android phones")
    assert chat.state.answers["existing_stack"] == ["tf_production"]
    assert chat.state.answers["deployment"] == ["android"]


def test_a_fragment_beside_a_short_answer_describes_it_and_fills_nothing(chat: Chat) -> None:
    until(chat, "skills")
    chat.say("TF + Keras, since the TFLite Micro days.")
    assert chat.state.answers["skills"] == ["tensorflow", "keras"]
    assert "existing_stack" not in chat.state.answers  # no stack in production was said
    until(chat, "deployment")
    chat.say("Industrial PCs on the factory floor, running Linux, no GPU.")
    assert chat.state.answers["deployment"] == ["edge_linux"]
    assert "hardware" not in chat.state.answers  # the PC has no GPU; what they train on is still to ask


def test_a_clause_of_its_own_beside_a_short_answer_still_fills_its_step(chat: Chat) -> None:
    until(chat, "skills")
    chat.say("keras, and we're shipping to android")
    assert chat.state.answers["deployment"] == ["android"]


def test_other_steps_named_beside_the_answer_fill_unanswered_steps(chat: Chat) -> None:
    until(chat, "skills")
    replies = chat.say("pytorch, and the model will live in an android app")
    assert chat.state.answers["skills"] == ["pytorch"]
    assert chat.state.answers["deployment"] == ["android"]
    assert "Android" in text(replies)  # what it picked up is said
    assert asked_step(replies) == "existing_stack"


def test_an_answered_step_named_in_passing_is_not_replaced(chat: Chat) -> None:
    until(chat, "hardware", deployment=["android"])
    chat.say("nvidia gpus; the app is for iphones")
    assert chat.state.answers["hardware"] == ["nvidia"]
    assert chat.state.answers["deployment"] == ["android"]


def test_a_use_case_mentioned_while_skills_are_asked_keeps_the_given_use_case(chat: Chat) -> None:
    until(chat, "skills", use_case=["vision"])
    chat.say("keras, and we're transcribing call audio")
    assert chat.state.answers["skills"] == ["keras"]
    assert chat.state.answers["use_case"] == ["vision"]


# -- 2. never overwrite silently ------------------------------------------------------------------


@pytest.mark.parametrize("step_id", ["existing_stack", "deployment", "priorities"])
def test_a_pytorch_lab_hiring_students_keeps_its_pytorch_skills(chat: Chat, step_id: str) -> None:
    until(chat, step_id, use_case=["research"], skills=["pytorch"], deployment=["notebooks"], timeline=["long"])
    chat.say("we're hiring students")
    assert chat.state.answers["skills"] == ["pytorch"]


def test_a_pytorch_lab_hiring_students_new_to_ml_keeps_its_pytorch_skills(chat: Chat) -> None:
    until(chat, "existing_stack", use_case=["research"], skills=["pytorch"])
    chat.say("we're hiring students with no ML experience")
    assert chat.state.answers["skills"] == ["pytorch"]  # the students are new to ML, not the lab


def test_training_on_rented_gpus_keeps_a_microcontroller_target(chat: Chat) -> None:
    until(chat, "hardware", deployment=["microcontroller"])
    chat.say("we train on rented GPUs")
    assert chat.state.answers["deployment"] == ["microcontroller"]
    assert chat.state.answers["hardware"] == ["nvidia"]


def test_maybe_colab_keeps_a_browser_target(chat: Chat) -> None:
    until(chat, "hardware", deployment=["browser"])
    chat.say("maybe colab")
    assert chat.state.answers["deployment"] == ["browser"]


def test_a_new_fact_about_an_answered_step_is_proposed_not_stored(chat: Chat) -> None:
    until(chat, "hardware", skills=["pytorch"])
    replies = chat.say("we know tensorflow")
    assert chat.state.answers["skills"] == ["pytorch"]
    question = offer(replies)
    assert question is not None
    assert "team skills" in question.text.lower() and "change" in question.text.lower()
    assert {c.id for c in question.choices} == {"confirm", "keep"}


def test_yes_to_a_proposed_change_applies_it_and_says_so(chat: Chat) -> None:
    until(chat, "hardware", skills=["pytorch"])
    chat.say("we know tensorflow")
    replies = chat.say("yes")
    assert "tensorflow" in chat.state.answers["skills"]
    assert any(s.startswith("Updated:") for s in says(replies))
    assert chat.state.confirm is None
    assert asked_step(replies) == "hardware"


@pytest.mark.parametrize("refusal", ["keep", "nah, leave it as it was"])
def test_refusing_a_proposed_change_keeps_the_answer(chat: Chat, refusal: str) -> None:
    until(chat, "hardware", skills=["pytorch"])
    chat.say("we know tensorflow")
    replies = chat.say(refusal)
    assert chat.state.answers["skills"] == ["pytorch"]
    assert chat.state.confirm is None
    assert asked_step(replies) == "hardware"


def test_a_new_deadline_without_a_cue_is_proposed_not_stored(chat: Chat) -> None:
    until(chat, "priorities", timeline=["long"])
    replies = chat.say("we need it live in 2 weeks")
    assert chat.state.answers["timeline"] == ["long"]
    assert offer(replies) is not None


def test_actually_replaces_an_answer_and_shows_the_change(chat: Chat) -> None:
    until(chat, "hardware", skills=["pytorch"])
    replies = chat.say("actually the team knows tensorflow")
    assert chat.state.answers["skills"] == ["tensorflow"]
    assert "Updated: Team skills: TensorFlow" in text(replies)


def test_x_instead_of_y_replaces_y_with_x(chat: Chat) -> None:
    until(chat, "hardware", skills=["pytorch"])
    replies = chat.say("tensorflow instead of pytorch")
    assert chat.state.answers["skills"] == ["tensorflow"]
    assert "Updated:" in text(replies)


def test_not_x_but_y_is_a_correction(chat: Chat) -> None:
    until(chat, "hardware", skills=["pytorch"])
    replies = chat.say("not pytorch but jax")
    assert chat.state.answers["skills"] == ["jax"]
    assert "Updated:" in text(replies)


def test_scratch_that_replaces_the_use_case(chat: Chat) -> None:
    until(chat, "deployment", use_case=["vision"])
    chat.say("scratch that, it's an NLP project")
    assert chat.state.answers["use_case"] == ["nlp"]


def test_wait_starts_a_correction(chat: Chat) -> None:
    until(chat, "deployment", use_case=["vision"])
    chat.say("wait, it's speech recognition")
    assert chat.state.answers["use_case"] == ["audio"]


def test_change_names_the_answer_to_replace(chat: Chat) -> None:
    until(chat, "deployment", skills=["pytorch"])
    chat.say("change the skills answer to jax")
    assert chat.state.answers["skills"] == ["jax"]


def test_also_adds_to_a_several_choice_answer(chat: Chat) -> None:
    until(chat, "hardware", deployment=["android"])
    replies = chat.say("add the browser too")
    assert chat.state.answers["deployment"] == ["android", "browser"]
    assert "Updated:" in text(replies)


def test_drop_removes_one_target_and_keeps_the_rest(chat: Chat) -> None:
    until(chat, "hardware", deployment=["android", "ios"])
    chat.say("drop android")
    assert chat.state.answers["deployment"] == ["ios"]


def test_naming_the_question_changes_the_answer(chat: Chat) -> None:
    until(chat, "priorities", timeline=["long"])
    replies = chat.say("timeline is 3 months")
    assert chat.state.answers["timeline"] == ["quarter"]
    assert "Updated: Timeline" in text(replies)
    assert asked_step(replies) == "priorities"


# -- 3. questions are not answers -----------------------------------------------------------------


def test_a_question_about_a_framework_during_the_skills_question_stores_nothing(chat: Chat) -> None:
    until(chat, "skills")
    replies = chat.say("should we even consider TF?")
    assert "skills" not in chat.state.answers
    assert asked_step(replies) == "skills"


def test_asking_how_long_this_takes_is_not_a_timeline(chat: Chat) -> None:
    until(chat, "timeline")
    replies = chat.say("how long will this take?")
    assert "timeline" not in chat.state.answers
    assert asked_step(replies) == "timeline"


def test_a_framework_question_while_the_stack_is_asked_stores_nothing(chat: Chat) -> None:
    until(chat, "existing_stack")
    before = dict(chat.state.answers)
    chat.say("is pytorch better for production?")
    assert chat.state.answers == before


def test_who_are_you_is_answered(chat: Chat) -> None:
    until(chat, "skills")
    replies = chat.say("who are you?")
    assert "Stack Advisor" in text(replies)
    assert "skills" not in chat.state.answers
    assert asked_step(replies) == "skills"


def test_how_many_questions_are_left_is_answered(chat: Chat) -> None:
    until(chat, "existing_stack")
    replies = chat.say("how many questions left?")
    said = " ".join(says(replies))
    assert "5" in said and "7" in said  # 2 of 7 answered, 5 to go
    assert asked_step(replies) == "existing_stack"


def test_what_was_the_question_repeats_it(chat: Chat) -> None:
    until(chat, "skills")
    replies = chat.say("sorry, what was the question?")
    assert asked_step(replies) == "skills"
    assert "skills" not in chat.state.answers


# -- 4. negation and tricky words ------------------------------------------------------------------


@pytest.mark.parametrize("said", ["not android, iOS only", "iphone app, not android", "no android, just ios"])
def test_a_ruled_out_target_is_not_stored(chat: Chat, said: str) -> None:
    until(chat, "deployment")
    chat.say(said)
    assert chat.state.answers["deployment"] == ["ios"]


def test_a_cortex_m4_target_is_a_microcontroller_not_a_mac(chat: Chat) -> None:
    until(chat, "deployment")
    chat.say("we ship to a cortex-m4 board")
    assert chat.state.answers["deployment"] == ["microcontroller"]
    assert "apple" not in chat.state.answers.get("hardware", [])


def test_cortex_m4_said_while_hardware_is_asked_is_not_apple_silicon(chat: Chat) -> None:
    until(chat, "hardware", deployment=["microcontroller"])
    replies = chat.say("the chips are cortex-m4")
    assert "apple" not in chat.state.answers.get("hardware", [])
    assert "Apple" not in text(replies)


def test_gpus_for_training_is_not_no_training(chat: Chat) -> None:
    chat.say("hi")
    chat.say("we classify x-rays, and we have GPUs for training")
    assert chat.state.answers["use_case"] == ["vision"]
    # ("GPUs" names NVIDIA only when nothing else does: said in passing it is asked in its turn)
    until(chat, "hardware")
    chat.say("GPUs for training")
    assert chat.state.answers["hardware"] == ["nvidia"]


def test_gpus_for_training_alone_is_hardware_not_a_use_case(chat: Chat) -> None:
    chat.say("hi")
    chat.say("GPUs for training")
    assert chat.state.answers.get("use_case") != ["pretrained_only"]


def test_edge_impulse_is_not_an_edge_linux_box(chat: Chat) -> None:
    until(chat, "deployment")
    chat.say("we use Edge Impulse for our sensors")
    assert "edge_linux" not in chat.state.answers.get("deployment", [])


@pytest.mark.parametrize(
    ("said", "option"),
    [
        ("a few A100s", "nvidia"),
        ("H100s in the cloud", "nvidia"),
        ("rented L40S boxes", "nvidia"),
        ("two 3090s under a desk", "nvidia"),
        ("a couple of MI300X nodes", "amd"),
    ],
)
def test_gpu_models_in_the_plural_are_understood(chat: Chat, said: str, option: str) -> None:
    until(chat, "hardware")
    chat.say(said)
    assert chat.state.answers["hardware"] == [option]


@pytest.mark.parametrize(
    ("said", "option"),
    [("document classification", "nlp"), ("anomaly detection on sensor data", "tabular")],
)
def test_use_cases_in_plain_words(chat: Chat, said: str, option: str) -> None:
    chat.say("hi")
    chat.say(said)
    assert chat.state.answers["use_case"] == [option]


@pytest.mark.parametrize("said", ["Core ML on iPhones", "on-device iOS"])
def test_apple_device_words_are_ios(chat: Chat, said: str) -> None:
    until(chat, "deployment")
    chat.say(said)
    assert chat.state.answers["deployment"] == ["ios"]


@pytest.mark.parametrize("said", ["no ML experience", "nobody here has done ML before"])
def test_no_experience_means_new_to_ml(chat: Chat, said: str) -> None:
    until(chat, "skills")
    chat.say(said)
    assert chat.state.answers["skills"] == ["beginners"]


# -- 5. no loops ----------------------------------------------------------------------------------


def test_a_first_miss_asks_again_with_examples(chat: Chat) -> None:
    until(chat, "skills")
    replies = chat.say("asdkjh")
    question = asked(replies)
    assert question is not None and question.step_id == "skills" and question.hint == ""
    assert "example" in text(replies)


def test_a_second_miss_shows_the_choices(chat: Chat) -> None:
    until(chat, "skills")
    chat.say("asdkjh")
    replies = chat.say("qwpeoi")
    question = asked(replies)
    assert question is not None and question.step_id == "skills" and question.hint == "choices"


def test_any_three_non_answers_record_not_sure_and_move_on(chat: Chat) -> None:
    until(chat, "skills")
    chat.say("who are you?")  # a question is not an answer either
    chat.say("lol")
    replies = chat.say("hello")
    assert chat.state.answers["skills"] == [UNSURE]
    assert asked_step(replies) == "existing_stack"
    assert "Team skills" in text(replies)


def test_the_same_message_twice_does_not_get_the_same_reply_twice(chat: Chat) -> None:
    until(chat, "skills")
    first = chat.say("zzz")
    second = chat.say("zzz")
    assert first != second


def test_a_question_is_never_asked_more_than_three_turns_in_a_row(chat: Chat) -> None:
    until(chat, "skills")
    run = 0
    for said in ["blah", "why?", "meh", "hm", "ok?", "idk man, lol"]:
        run = run + 1 if asked_step(chat.say(said)) == "skills" else 0
        assert run <= 3


def test_blank_messages_never_get_a_question_asked_more_than_three_turns_in_a_row(chat: Chat) -> None:
    until(chat, "skills")
    run, previous = 1, None  # the skills question was just asked
    for said in ["zzz", " ", " ", " "]:
        replies = chat.say(said)
        run = run + 1 if asked_step(replies) == "skills" else 0
        assert run <= 3
        assert replies != previous
        previous = replies


# -- 6. ambiguity -----------------------------------------------------------------------------------


def test_two_numbers_on_a_one_choice_question_ask_which_one(chat: Chat) -> None:
    chat.say("hi")
    replies = chat.say("1,3")
    question = offer(replies)
    assert question is not None and "Which one" in question.text
    assert [c.id for c in question.choices] == ["answer:use_case:vision", "answer:use_case:llm"]
    assert "use_case" not in chat.state.answers


def test_the_which_one_button_answers_it(chat: Chat) -> None:
    chat.say("hi")
    chat.say("1,3")
    replies = chat.send(Pressed("answer:use_case:llm"))
    assert chat.state.answers["use_case"] == ["llm"]
    assert asked_step(replies) == "skills"


def test_an_ordinal_answers_which_one(chat: Chat) -> None:
    chat.say("hi")
    chat.say("1,3")
    chat.say("the 2nd")
    assert chat.state.answers["use_case"] == ["llm"]


@pytest.mark.parametrize("said", ["images and text", "computer vision and speech"])
def test_two_use_cases_named_equally_ask_which_one(chat: Chat, said: str) -> None:
    chat.say("hi")
    replies = chat.say(said)
    question = offer(replies)
    assert question is not None and "Which one" in question.text
    assert "use_case" not in chat.state.answers


def test_a_which_one_left_behind_by_a_skipped_question_does_not_catch_the_next_answer(chat: Chat) -> None:
    chat.say("hi")
    chat.say("lol")
    chat.say("blorp")
    chat.say("1,3")  # the third miss: use case is noted as not sure, and skills is asked
    assert chat.state.answers["use_case"] == [UNSURE]
    assert chat.state.pending == "skills"
    chat.say("1")
    assert chat.state.answers["skills"] == ["pytorch"]
    assert chat.state.answers["use_case"] == [UNSURE]


def test_two_numbers_on_a_several_choice_question_pick_both(chat: Chat) -> None:
    until(chat, "skills")
    replies = chat.say("1, 3")
    assert chat.state.answers["skills"] == ["pytorch", "keras"]
    assert offer(replies) is None


# -- 7. recommend now ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "said",
    [
        "just tell me which one",
        "recommend now",
        "skip the rest",
        "can you just tell me which one?",
        "skip the remaining questions please",
        "ok just give me your recommendation",
    ],
)
def test_just_tell_me_recommends_at_once_and_says_what_it_assumed(chat: Chat, said: str) -> None:
    until(chat, "existing_stack")
    replies = chat.say(said)
    assert chat.state.phase == "advised"
    assert any(isinstance(r, Advise) for r in replies)
    assert chat.state.answers["use_case"] == ["vision"] and chat.state.answers["skills"] == ["pytorch"]
    for step_id in ["existing_stack", "deployment", "hardware", "timeline", "priorities"]:
        assert chat.state.answers[step_id] == [UNSURE]
    said_back = " ".join(says(replies))
    assert "not sure" in said_back and "Existing stack" in said_back and "Priorities" in said_back


# -- 8. commands with filler and typos --------------------------------------------------------------


def test_start_over_with_filler_restarts(chat: Chat) -> None:
    until(chat, "deployment")
    replies = chat.say("start over pls")
    assert chat.state.answers == {}
    assert asked_step(replies) == "use_case"


def test_go_back_to_the_previous_question_undoes_one_answer_and_names_it(chat: Chat) -> None:
    until(chat, "deployment")
    replies = chat.say("go back to the previous question")
    assert chat.state.answers == {"use_case": ["vision"], "skills": ["pytorch"]}
    assert "Existing stack" in text(replies)
    assert asked_step(replies) == "existing_stack"


def test_back_twice_undoes_two_answers_one_at_a_time(chat: Chat) -> None:
    chat.say("hi")
    chat.say("image classification")
    chat.say("mostly keras")
    first = chat.say("back")
    assert chat.state.answers == {"use_case": ["vision"]}
    assert "Team skills" in text(first)
    second = chat.say("back")
    assert chat.state.answers == {}
    assert "Use case" in text(second)


def test_back_at_the_recap_undoes_the_last_answer_and_names_it(chat: Chat) -> None:
    until(chat, "priorities")
    chat.say("lowest cost")
    assert chat.state.phase == "confirming"
    replies = chat.say("back")
    assert "priorities" not in chat.state.answers
    assert chat.state.phase == "asking"
    assert "Priorities" in text(replies)
    assert asked_step(replies) == "priorities"


def test_hmm_not_sure_skips_the_question(chat: Chat) -> None:
    until(chat, "deployment")
    replies = chat.say("hmm not sure")
    assert chat.state.answers["deployment"] == [UNSURE]
    assert asked_step(replies) == "hardware"


def test_a_misspelt_help_gets_help_and_changes_nothing(chat: Chat) -> None:
    until(chat, "deployment")
    before = dict(chat.state.answers)
    replies = chat.say("hlep")
    assert "back" in text(replies) and "restart" in text(replies)
    assert chat.state.answers == before
    assert asked_step(replies) == "deployment"


def expire(chat: Chat, advisor: Advisor, said: str, today: date = TODAY) -> list[Reply]:
    chat.state, replies = advisor.turn(chat.state, Said(said), today, expired=True)
    return replies


def test_the_message_sent_to_an_expired_conversation_is_applied_on_resume(chat: Chat, advisor: Advisor) -> None:
    until(chat, "deployment")
    notice = expire(chat, advisor, "android and ios")
    assert chat.state.phase == "expired"
    assert "deployment" not in chat.state.answers  # not before the user chooses
    assert {c.id for r in notice if isinstance(r, Answer) for c in r.choices} >= {"resume", "restart"}
    replies = chat.say("ok resume")
    assert chat.state.answers["deployment"] == ["android", "ios"]
    assert asked_step(replies) == "hardware"


def test_the_resume_button_applies_the_held_message_too(chat: Chat, advisor: Advisor) -> None:
    until(chat, "deployment")
    expire(chat, advisor, "ios only")
    chat.send(Pressed("resume"))
    assert chat.state.answers["deployment"] == ["ios"]


def test_restart_after_expiry_drops_the_held_message(chat: Chat, advisor: Advisor) -> None:
    until(chat, "deployment")
    expire(chat, advisor, "ios only")
    replies = chat.say("start over")
    assert chat.state.answers == {}
    assert asked_step(replies) == "use_case"


# -- 9. other languages -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "said",
    [
        "Wir haben keine Erfahrung mit maschinellem Lernen",
        "Usamos modelos de lenguaje para atención al cliente",
    ],
)
def test_a_message_in_another_language_gets_one_english_only_reply(chat: Chat, said: str) -> None:
    until(chat, "skills")
    before = State.model_validate(chat.state.model_dump())
    replies = chat.say(said)
    english_only = [s for s in says(replies) if "English" in s]
    assert len(english_only) == 1
    assert chat.state.answers == before.answers
    assert chat.state.pending == "skills"
    assert asked_step(replies) == "skills"


def test_a_first_message_in_another_language_gets_the_english_only_reply(chat: Chat) -> None:
    replies = chat.say("necesitamos elegir un framework para clasificar imágenes")
    assert len([s for s in says(replies) if "English" in s]) == 1
    assert chat.state.answers == {}


# -- and the whole thing, read in one go --------------------------------------------------------------


def test_a_full_conversation_in_own_words_reaches_a_faithful_recap(chat: Chat) -> None:
    chat.say("hey")
    for said in [
        "spotting defects on a production line from camera images",
        "mostly keras, a bit of pytorch",
        "nothing in production yet",
        "jetson boxes on the factory floor",
        "a few A100s in the cloud",
        "in about two months",
        "lowest cost",
    ]:
        replies = chat.say(said)
    assert chat.state.phase == "confirming"
    lines = recap(replies)
    assert lines and any(isinstance(r, Recap) for r in replies)
    answers = dict(chat.state.answers)
    assert "jetson" in answers.pop("deployment")
    assert answers == {
        "use_case": ["vision"],
        "skills": ["keras", "pytorch"],
        "existing_stack": ["greenfield"],
        "hardware": ["nvidia"],
        "timeline": ["quarter"],
        "priorities": ["cost"],
    }
    assert not any(isinstance(r, Ask) for r in replies)


def test_a_not_sure_answer_is_filled_by_a_later_statement_without_asking(chat: Chat) -> None:
    chat.say("image classification")
    for _ in range(3):  # three turns without a skills answer: noted as not sure
        chat.say("blorp")
    assert chat.state.answers["skills"] == ["unsure"]
    replies = chat.say("oh and the team are pytorch devs")
    assert chat.state.answers["skills"] == ["pytorch"]
    assert chat.state.confirm is None and "Team skills: PyTorch" in " ".join(getattr(r, "text", "") for r in replies)


# -- changes at the recap, in people's words ------------------------------------------------------


def at_recap(chat: Chat, **overrides: list[str]) -> None:
    given(chat, **{s: overrides.get(s, v) for s, v in FULL.items()})
    assert chat.state.phase == "confirming"


def advised_with(chat: Chat, **overrides: list[str]) -> None:
    """Every question answered (from FULL, with overrides), confirmed, and the advice given."""
    at_recap(chat, **overrides)
    assert any(isinstance(r, Advise) for r in chat.say("yes"))


def test_take_x_out_of_the_priorities_removes_only_x(chat: Chat) -> None:
    at_recap(chat, priorities=["hiring", "cost"])
    replies = chat.say("Please take hiring out of the priorities.")
    assert chat.state.answers["priorities"] == ["cost"]
    assert "Updated" in text(replies)


def test_remove_a_priority_that_does_not_matter_is_a_change_not_a_skip(chat: Chat) -> None:
    at_recap(chat, priorities=["hiring", "cost"])
    chat.say("remove cost, it doesn't matter much")
    assert chat.state.answers["priorities"] == ["hiring"]


def test_swap_x_for_y_gives_up_x(chat: Chat) -> None:
    at_recap(chat, deployment=["ios", "server"])
    chat.say("Swap iOS for Android in the deployment part.")
    assert sorted(chat.state.answers["deployment"]) == ["android", "server"]


def test_replace_x_with_y_at_the_recap(chat: Chat) -> None:
    at_recap(chat, deployment=["notebooks"])
    chat.say("hm no, we'll deploy a batch job eventually, replace notebooks with batch")
    assert chat.state.answers["deployment"] == ["batch"]


def test_replaced_with_no_second_option_is_not_a_swap(chat: Chat) -> None:
    until(chat, "existing_stack")
    chat.say("we want to replace our old tf1 system")
    assert chat.state.answers["existing_stack"] == ["tf1_legacy"]


def test_nobody_knows_x_rules_x_out(chat: Chat) -> None:
    until(chat, "skills")
    chat.say("Nobody knows JAX, but we're fine in PyTorch.")
    assert chat.state.answers["skills"] == ["pytorch"]


def test_no_time_for_questions_give_me_your_recommendation_recommends_now(chat: Chat) -> None:
    until(chat, "existing_stack")
    replies = chat.say("I don't have time for all these questions, just give me your recommendation.")
    assert any(isinstance(r, Advise) for r in replies)
    assert "recsys" not in chat.state.answers.get("use_case", [])


def test_a_short_question_at_the_end_makes_the_whole_message_a_question(chat: Chat) -> None:
    until(chat, "hardware")
    replies = chat.say("pytorch on tpu, viable?")
    assert "hardware" not in chat.state.answers and chat.state.answers["skills"] == FULL["skills"]
    assert asked_step(replies) == "hardware"


def test_a_tag_question_still_answers(chat: Chat) -> None:
    until(chat, "deployment")
    chat.say("jetson, right?")
    assert chat.state.answers["deployment"] == ["jetson"]


def test_x_is_out_rules_x_out(chat: Chat) -> None:
    until(chat, "hardware")
    chat.say("AMD only, NVIDIA is out for budget reasons.")
    assert chat.state.answers["hardware"] == ["amd"]


def test_a_target_that_is_out_is_removed_from_the_answer(chat: Chat) -> None:
    until(chat, "timeline", deployment=["android", "ios"])
    chat.say("oh wait android is out for v1")
    assert chat.state.answers["deployment"] == ["ios"]


def test_anything_but_x_is_not_x(chat: Chat) -> None:
    until(chat, "deployment")
    chat.say("anything but the browser")
    assert "browser" not in chat.state.answers.get("deployment", [])


def test_scratch_x_make_that_y_swaps(chat: Chat) -> None:
    at_recap(chat, priorities=["hiring"])
    chat.say(":x: scratch hiring, make that cost :moneybag:")
    assert chat.state.answers["priorities"] == ["cost"]


def test_from_scratch_rules_nothing_out(chat: Chat) -> None:
    until(chat, "skills")
    chat.say("we start from scratch with pytorch")
    assert chat.state.answers["skills"] == ["pytorch"]


def test_x_not_y_keeps_x(chat: Chat) -> None:
    at_recap(chat, skills=["tensorflow"])
    chat.say("Sorry, one correction in team skills, seniors know Keras not TensorFlow directly.")
    assert chat.state.answers["skills"] == ["keras"]


def test_a_request_opening_a_message_is_the_command(chat: Chat) -> None:
    until(chat, "deployment")
    chat.say("Could we pause here? I need to consult the research computing committee first.")
    assert chat.state.phase == "cancelled"
    assert "use_case" in chat.state.answers and chat.state.answers["use_case"] == FULL["use_case"]


def test_models_in_pytorch_asked_about_skills_is_a_skill(chat: Chat) -> None:
    until(chat, "skills")
    chat.say("Our engineers are Python developers; two of them have fine-tuned BERT models in PyTorch.")
    assert "pytorch" in chat.state.answers["skills"]
    assert "existing_stack" not in chat.state.answers


def test_a_docker_image_is_no_vision_answer(chat: Chat) -> None:
    until(chat, "timeline", use_case=["tabular"])
    chat.say("The new cluster image must be live by mid-April.")
    assert chat.state.answers["use_case"] == ["tabular"] and chat.state.confirm is None
    assert chat.state.answers["timeline"] == ["half_year"]


def test_a_correction_in_the_words_of_an_earlier_question(chat: Chat) -> None:
    until(chat, "hardware", deployment=["batch"])
    replies = chat.say("Wait, I meant notebooks, not the batch flow.")
    assert chat.state.answers["deployment"] == ["notebooks"]
    assert "Updated" in text(replies) and asked_step(replies) == "hardware"


def test_eight_times_h100_is_nvidia(chat: Chat) -> None:
    until(chat, "hardware")
    chat.say("tpu v5e via google credits + one 8xH100 node")
    assert sorted(chat.state.answers["hardware"]) == ["nvidia", "tpu"]


def test_a_closing_question_about_what_came_before_makes_it_a_question(chat: Chat) -> None:
    until(chat, "deployment")
    chat.say("an rpi bolted into a rack at a POP, is that edge linux or something else")
    assert "deployment" not in chat.state.answers


def test_is_that_ok_still_answers(chat: Chat) -> None:
    until(chat, "deployment")
    chat.say("a raspberry pi in the shop, is that ok?")
    assert chat.state.answers["deployment"] == ["edge_linux"]


def test_a_japanese_question_naming_both_frameworks_is_another_language(chat: Chat) -> None:
    until(chat, "skills")
    chat.say("PyTorchとTensorFlow、どちらがいいですか？")
    assert "skills" not in chat.state.answers


def test_a_place_name_in_another_script_does_not_make_english_foreign(chat: Chat) -> None:
    until(chat, "skills")
    chat.say("we use pytorch on our 東京 cluster")
    assert chat.state.answers["skills"] == ["pytorch"]


def test_the_timelines_wrong_names_the_timeline(chat: Chat) -> None:
    at_recap(chat)
    chat.say("the timeline's wrong, it's more like five months")
    assert chat.state.answers["timeline"] == ["half_year"]


def test_if_i_had_to_pick_one_is_no_what_if_and_sets_no_deadline(chat: Chat) -> None:
    until(chat, "priorities")
    chat.say("If I had to pick one, hiring: we're going to double the team next year.")
    assert chat.state.answers["priorities"] == ["hiring"]
    assert chat.state.answers["timeline"] == FULL["timeline"]


def test_options_answered_no_after_a_colon_are_ruled_out(chat: Chat) -> None:
    until(chat, "skills")
    chat.say("Python yes. TensorFlow, PyTorch: no.")
    assert chat.state.answers["skills"] == ["python"]


def test_an_english_word_near_an_option_is_no_typo_of_it(chat: Chat) -> None:
    until(chat, "skills")
    chat.say("keras mostly, and honestly the seniors on the team have been asking about this for quite a while now")
    assert chat.state.answers["skills"] == ["keras"]
    assert "deployment" not in chat.state.answers  # "seniors" is not a typo of "sensors"


@pytest.mark.parametrize(
    ("step_id", "said", "kept", "not_kept"),
    [
        ("priorities", "latency, latency, latency. cost is irrelevant", "performance", "cost"),
        ("priorities", "- inference speed: not important\n- cost: important", "cost", "performance"),
        ("deployment", "nightly batch on our own servers. public cloud hosting is not permitted", "batch", "server"),
        ("deployment", "server side only. definitely nothing in the browser", "server", "browser"),
        ("priorities", "NOTHING ELSE THATS IT", "nothing_else", "cost"),
    ],
)
def test_an_option_ruled_out_after_it_is_not_stored(
    chat: Chat, step_id: str, said: str, kept: str, not_kept: str
) -> None:
    until(chat, step_id)
    chat.say(said)
    assert kept in chat.state.answers[step_id]
    assert not_kept not in chat.state.answers[step_id]


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        ("deployment", "server api ✅ android later maybe 🤷", ["server"]),
        ("deployment", "The main thing is a server API. Android, possibly, at some point.", ["server"]),
        (
            "deployment",
            "An industrial Linux PC next to the line. A Jetson was mentioned but nothing is decided.",
            ["edge_linux"],
        ),
        ("hardware", "all we have is CPUs, and the one Mac in the office belongs to design, so that's out", ["cpu"]),
        (
            "hardware",
            "CPUs at the office. My cousin has a gaming PC with NVIDIA card, but he lives in Kaohsiung, so no, "
            "we cannot use that one",
            ["cpu"],
        ),
        (
            "hardware",
            "CPU only. Jude's school had a big NVIDIA computer but he graduated in May, so we cannot use it anymore",
            ["cpu"],
        ),
        (
            "deployment",
            "Most growers run Android. A few have iPhones but I don't care about those for now.",
            ["android"],
        ),
    ],
)
def test_a_maybe_or_a_ruled_out_aside_is_not_stored(chat: Chat, step_id: str, said: str, stored: list[str]) -> None:
    assert answer_to(chat, step_id, said) == stored


def test_nobody_before_a_framework_rules_it_out_and_is_no_answer_of_its_own(chat: Chat) -> None:
    until(chat, "skills")
    chat.say("Two devs know Python; nobody has touched TensorFlow. There's no ML in our product today.")
    assert chat.state.answers["skills"] == ["python"]
    assert chat.state.answers["existing_stack"] == ["greenfield"]


def test_nouns_said_in_passing_do_not_set_the_use_case(chat: Chat) -> None:
    chat.say("hi")
    chat.say("not sure")
    assert chat.state.answers["use_case"] == [UNSURE]
    chat.say("we are pytorch devs, and our support calls are all recorded in the cloud anyway")
    assert chat.state.answers["skills"] == ["pytorch"]
    assert chat.state.answers["use_case"] == [UNSURE]  # recordings are their data, not yet the task
    chat.say("actually, it's speech recognition")
    assert chat.state.answers["use_case"] == ["audio"]


@pytest.mark.parametrize(
    ("said", "command"),
    [
        ("Thanks a lot. Please erase the information recorded in this chat.", "forget"),
        ("could you delete what I told you earlier", "forget"),
        ("I would like to withdraw from this exercise", "cancel"),
        ("I'd like to revisit my previous answer", "back"),
        ("we have to remove our data from the old bucket, it's all on GCP now", None),  # names an option
        ("by the end of this month", None),
        ("Please wipe all the information I gave you in this chat.", "forget"),
        ("Many thanks. Please end the session now.", "cancel"),
        ("could we redo the whole thing, I got the deployment part wrong", "restart"),
        ("ok, continue where we were please", "resume"),
        ("Kindly give us the recommendation now, that is enough questions.", "recommend_now"),
        ("honestly no idea, the project has no launch date yet", "unsure"),
        ("not sure, in 3 months probably", None),  # goes on to answer
        ("thanks! could you delete what I typed in here, privacy reasons", "forget"),
        ("Please remove my conversation data.", "forget"),
        ("ok. end", "cancel"),
        ("recommend.", "recommend_now"),  # asked during the questions: no recap to confirm yet
        ("strat ovr plese", "restart"),  # misspelt words, one or two slips each
        ("jst tel me wich one", "recommend_now"),
        ("we're done here, thanks a lot!", "cancel"),
        ("could you remove what I entered? I'm not sure I was allowed to share it", "forget"),
        ("take me back one question", "back"),
        ("I don't really know what they use, to be honest", "unsure"),
        ("kears", None),  # a misspelt option is an answer, not a command
        ("please start fresh, we want to do it again for our second project", "restart"),
        ("strat ovr pls, I answered everything for the wrong shop", "restart"),  # a slip in its first words
        ("the previous pilot delivered a TensorFlow 2 model that is in production", None),
        ("that's enough questions for a Monday, just give us the answer", "recommend_now"),
        ("I shall conclude here. Please terminate this session.", "cancel"),
        ("hello, resuming our session from yesterday", "resume"),
        ("could you take me back to the priorities question? I'd like to add something", "back"),
        ("thank you! could you remove what I've shared?", "forget"),
        ("I regret that I am not in a position to answer that.", "unsure"),
    ],
)
def test_a_command_asked_for_in_a_sentence_of_ones_own(advisor: Advisor, said: str, command: str | None) -> None:
    reading = advisor.read(said, State(phase="asking", pending="timeline"), TODAY)
    assert reading.command == command


def test_drop_one_priority_while_naming_another_drops_only_the_first(chat: Chat) -> None:
    at_recap(chat, priorities=["cost", "hiring"])
    chat.say("drop cost, only speed matters")
    assert chat.state.answers["priorities"] == ["hiring", "performance"]


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        ("hardware", "64 cores, 0 GPUs, CPU only", ["cpu"]),
        ("deployment", "on the phone app, android only, not eye OS", ["android"]),
        ("priorities", "Also hiring is important, in Vietnam many student learn PyTorch.", ["hiring"]),
    ],
)
def test_new_voices_read_right(chat: Chat, step_id: str, said: str, stored: list[str]) -> None:
    until(chat, step_id, skills=["tensorflow"])
    chat.say(said)
    assert chat.state.answers[step_id] == stored
    assert chat.state.answers["skills"] == ["tensorflow"]


def test_wrong_window_is_nothing_and_wait_opens_a_question(advisor: Advisor) -> None:
    state = State(phase="asking", pending="hardware")
    assert advisor.read("sorry, wrong window", state, TODAY).found == ()
    assert advisor.read("wait does pytorch even run on microcontrollers", state, TODAY).kind == "question"


def test_a_fragment_right_after_a_long_answer_describes_it(chat: Chat) -> None:
    until(chat, "deployment")
    chat.say(
        "Inference has to run on-prem on the clinics' own PCs, CPU only, not on our servers. Lots of practices "
        "have terrible internet and the images can't leave the building anyway."
    )
    assert "hardware" not in chat.state.answers  # CPU only is the clinics' PCs, not what they train on


def test_a_priority_said_to_matter_while_the_deadline_is_asked_is_kept(chat: Chat) -> None:
    until(chat, "timeline")
    chat.say("We need it live by mid-February. Cost is the big thing for us, and performance is critical.")
    assert chat.state.answers["timeline"] == ["quarter"]
    assert chat.state.answers["priorities"] == ["cost", "performance"]


@pytest.mark.parametrize(
    ("said", "use_case"),
    [
        ("fraud and wash-trading detection on order flow, tabular event data", "tabular"),
        ("detect fabric defects from a camera, one of us did a keras tutorial at university", "vision"),
        ("classifying bird species from field recordings", "audio"),
        ("a 'complete the look' feature that suggests pieces that go together", "recsys"),
        ("it has to read the photo a farmer sends", "vision"),  # "photo" of "photos"
    ],
)
def test_the_kind_of_data_decides_the_use_case_over_task_words(chat: Chat, said: str, use_case: str) -> None:
    chat.say("hi")
    chat.say(said)
    assert chat.state.answers["use_case"] == [use_case]


def test_years_of_experience_in_brackets_are_no_deadline(chat: Chat) -> None:
    until(chat, "skills")
    chat.say("- me: pytorch (2 yrs)\n- colleague: tensorflow/keras")
    assert chat.state.answers["skills"] == ["pytorch", "tensorflow", "keras"]
    assert "timeline" not in chat.state.answers


def test_a_negation_reaches_five_words(chat: Chat) -> None:
    until(chat, "hardware")
    chat.say("we train on 16 H100s in our colo. we do NOT really care for the MI250s")
    assert chat.state.answers["hardware"] == ["nvidia"]


def test_a_single_command_word_inside_an_answer_is_part_of_the_answer(chat: Chat) -> None:
    until(chat, "priorities")
    chat.say("Cheap. We're a co-op, every dollar goes back to the members.")
    assert chat.state.answers["priorities"] == ["cost"]


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [("existing_stack", "0 models in prod", ["greenfield"]), ("existing_stack", "Starting from zero.", ["greenfield"])],
)
def test_starting_from_nothing_in_other_words(chat: Chat, step_id: str, said: str, stored: list[str]) -> None:
    assert answer_to(chat, step_id, said) == stored


def test_a_deadline_moved_in_a_correction_changes_the_timeline(chat: Chat) -> None:
    until(chat, "priorities", timeline=["long"])
    chat.say("Correction to the date I gave: the review board has been moved forward to early February.")
    assert chat.state.answers["timeline"] == ["quarter"]


def test_nobody_on_the_team_knowing_ml_is_new_to_ml(chat: Chat) -> None:
    until(chat, "skills")
    chat.say("Honestly nobody on my team knows ML.")
    assert chat.state.answers["skills"] == ["beginners"]


def test_a_one_choice_answer_taken_back_in_the_same_message_gives_way(chat: Chat) -> None:
    chat.say("hi")
    chat.say("image classification. wait no, it's more like a chatbot over our docs")
    assert chat.state.answers["use_case"] == ["llm"]


def test_what_stands_in_a_removals_gap_is_ruled_out_and_the_rest_is_kept(chat: Chat) -> None:
    at_recap(chat, deployment=["server", "browser"])
    chat.say("take the browser out and add ios")
    assert chat.state.answers["deployment"] == ["server", "ios"]


def test_a_date_of_something_else_is_no_deadline_unless_it_is_a_delivery(chat: Chat) -> None:
    until(chat, "hardware")
    chat.say("We train on A100s at the national centre; the allocation is confirmed until 2028.")
    assert chat.state.answers["hardware"] == ["nvidia"]
    assert "timeline" not in chat.state.answers
    chat.say("and we'd love to have something out before valentines")
    assert chat.state.answers["timeline"] == ["quarter"]


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        ("hardware", "Training on NVIDIA... no, we cancelled the GPU box, it's CPU only now.", ["cpu"]),
        ("hardware", "NVIDIA A100s on GCP; TPUs were considered (briefly) but our ops team said no", ["nvidia"]),
        ("priorities", "Long-term support is essential. Cost is secondary, we are grant funded.", ["long_term"]),
    ],
)
def test_taken_back_rejected_or_secondary_is_not_stored(chat: Chat, step_id: str, said: str, stored: list[str]) -> None:
    assert answer_to(chat, step_id, said) == stored


def test_nothing_else_beside_a_priority_means_nothing_beyond_it(chat: Chat) -> None:
    until(chat, "priorities")
    chat.say("Cost please, I am a student with no funding. Nothing else.")
    assert chat.state.answers["priorities"] == ["cost"]


@pytest.mark.parametrize(
    ("said", "use_case"),
    [
        ("Tree species detection from drone orthophotos. So computer vision.", "vision"),
        ("my thesis is on speech recognition for the Twi language", "audio"),
        ("classifying pottery sherds from photographs by type and period", "vision"),
    ],
)
def test_the_work_decides_the_use_case_over_where_it_is_done(chat: Chat, said: str, use_case: str) -> None:
    chat.say("hi")
    chat.say(said)
    assert chat.state.answers["use_case"] == [use_case]


def test_back_inside_a_sentence_is_no_command(chat: Chat) -> None:
    until(chat, "timeline")
    chat.say("Back-to-school in August is the target.")
    assert chat.state.answers["timeline"] == ["long"]


def test_a_stop_that_opens_a_message_pauses_it(advisor: Advisor) -> None:
    state = State(phase="asking", pending="priorities")
    assert advisor.read("Stop, I need to check with my boss first.", state, TODAY).command == "cancel"
    assert advisor.read("Hold on, please erase what I've told you", state, TODAY).command == "forget"


def test_nothing_else_answers_only_the_question_asked(chat: Chat) -> None:
    until(chat, "hardware")
    chat.say("The Mac Studio. M2 Ultra. Nothing else.")
    assert chat.state.answers["hardware"] == ["apple"]
    assert "priorities" not in chat.state.answers


@pytest.mark.parametrize(
    "said",
    [
        "We rent A100s. We do not want to deal with the MI250s ever again.",
        "A100s in the cloud; nobody at the studio uses a Mac for this",
        "A100s in the cloud. The designers have MacBooks, but nobody would train on those.",
        "A100s in the cloud. My laptop runs Windows, it is only for writing code.",
    ],
)
def test_hardware_named_and_ruled_out_for_training_is_not_stored(chat: Chat, said: str) -> None:
    until(chat, "hardware")
    chat.say(said)
    assert chat.state.answers["hardware"] == ["nvidia"]


@pytest.mark.parametrize(
    ("said", "stored"),
    [
        ("Long-term support, whatever we pick must still run in 2045.", ["long_term"]),
        ("Hiring: we'll need a second engineer by summer.", ["hiring"]),
    ],
)
def test_a_lifespan_or_a_hire_is_no_deadline(chat: Chat, said: str, stored: list[str]) -> None:
    until(chat, "priorities")
    timeline = chat.state.answers["timeline"]
    chat.say(said)
    assert chat.state.answers["priorities"] == stored
    assert chat.state.answers["timeline"] == timeline
    assert not chat.state.confirm_asked


def test_the_date_a_person_settles_on_is_the_deadline(chat: Chat) -> None:
    until(chat, "timeline")
    chat.say("Harvest runs Feb to March, so before that, call it mid-January.")
    assert chat.state.answers["timeline"] == ["quarter"]


def test_a_model_running_in_the_backend_is_the_stack_not_a_skill(chat: Chat) -> None:
    until(chat, "skills")
    chat.say("Mostly Python. There's a small PyTorch model running in our backend already.")
    assert chat.state.answers["skills"] == ["python"]
    assert chat.state.answers["existing_stack"] == ["pytorch_production"]


@pytest.mark.parametrize(
    "said",
    [
        "The app is iOS and Android, but the model itself would just sit on a server that the app asks.",
        "a server API; our iphone and android apps call it",
    ],
)
def test_apps_that_call_a_server_are_its_clients_not_where_the_model_runs(chat: Chat, said: str) -> None:
    until(chat, "deployment")
    chat.say(said)
    assert chat.state.answers["deployment"] == ["server"]


def test_an_app_running_the_model_is_still_a_target(chat: Chat) -> None:
    until(chat, "deployment")
    chat.say("an android app that runs the model itself, plus a server API for the website")
    assert sorted(chat.state.answers["deployment"]) == ["android", "server"]


@pytest.mark.parametrize(
    "said",
    [
        "nightly batch jobs on our own servers in the basement",
        "it renders everything overnight as batch jobs on a server, nothing live",
    ],
)
def test_a_server_that_batch_jobs_run_on_is_no_server_api(chat: Chat, said: str) -> None:
    until(chat, "deployment")
    chat.say(said)
    assert chat.state.answers["deployment"] == ["batch"]


def test_server_and_batch_listed_are_both_targets(chat: Chat) -> None:
    until(chat, "deployment")
    chat.say("server and batch")
    assert sorted(chat.state.answers["deployment"]) == ["batch", "server"]


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        ("hardware", "A6000s in the office. (Design has Macs, but they have nothing to do with this.)", ["nvidia"]),
        (
            "hardware",
            "We have cloud credits, so TPUs would be possible in theory; we'll train on our A6000s.",
            ["nvidia"],
        ),
        (
            "deployment",
            "a jetson nano on the robot, plus an arduino for the motors; the arduino won't run any model",
            ["jetson"],
        ),
        (
            "deployment",
            "jetson orin on the vehicle. the simulator runs in the cloud but that's only for training",
            ["jetson"],
        ),
        (
            "existing_stack",
            "an old Core ML model from a contractor, but it's getting thrown away, so starting fresh",
            ["greenfield"],
        ),
    ],
)
def test_named_then_set_aside_is_not_stored(chat: Chat, step_id: str, said: str, stored: list[str]) -> None:
    assert answer_to(chat, step_id, said) == stored
    assert "ios" not in chat.state.answers.get("deployment", [])


def test_a_clause_opening_with_maybe_is_a_maybe_throughout(chat: Chat) -> None:
    until(chat, "deployment")
    chat.say("a Jetson in each truck. maybe next year the office runs some reports in batch")
    assert chat.state.answers["deployment"] == ["jetson"]


@pytest.mark.parametrize(
    ("said", "stored"),
    [("jax mostly; pytorch i don't really know", ["jax"]), ("keras is what we know. pytorch nobody", ["keras"])],
)
def test_an_option_then_who_does_not_know_it_rules_it_out(chat: Chat, said: str, stored: list[str]) -> None:
    until(chat, "skills")
    chat.say(said)
    assert chat.state.answers["skills"] == stored


def test_a_word_for_several_options_means_the_one_named(chat: Chat) -> None:
    until(chat, "deployment")
    chat.say("our agents have low-end Android phones, so the model has to run on the phone offline")
    assert chat.state.answers["deployment"] == ["android"]


def test_a_priority_said_of_a_device_names_no_new_target(chat: Chat) -> None:
    until(chat, "priorities")
    deployment = chat.state.answers["deployment"]
    chat.say("speed on older iPhones!")
    assert chat.state.answers["priorities"] == ["performance"]
    assert chat.state.answers["deployment"] == deployment
    assert not chat.state.confirm_asked


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        ("priorities", "Long-term support. Inference speed is fine as it is.", ["long_term"]),
        ("timeline", "The grant runs until 2028, but we want a first model in use within four months.", ["half_year"]),
        (
            "skills",
            "I wrote it in TensorFlow years ago; our junior knows PyTorch from school",
            ["tensorflow", "pytorch"],
        ),
    ],
)
def test_what_only_seems_to_answer_is_not_stored(chat: Chat, step_id: str, said: str, stored: list[str]) -> None:
    until(chat, step_id)
    existing_stack = chat.state.answers.get("existing_stack")
    chat.say(said)
    assert chat.state.answers[step_id] == stored
    assert chat.state.answers.get("existing_stack") == existing_stack


def test_writing_in_my_voice_is_no_speech_project(chat: Chat) -> None:
    chat.say("I'd love an AI that writes my product descriptions in my voice, like ChatGPT")
    assert chat.state.answers.get("use_case") != ["audio"]


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        ("deployment", "a server API. I wouldn't want to promise anything on iOS at this stage.", ["server"]),
        ("deployment", "a nightly job over the files in our cloud storage, nothing real time", ["batch"]),
        ("deployment", "tiles get processed in gcp batch jobs", ["batch"]),
        ("skills", "we're beginners; my nephew knows a bit of python but he doesn't work here", ["beginners"]),
        ("priorities", "cost and speed. Hiring nggak masalah, we train people internally.", ["cost", "performance"]),
        ("priorities", "Cost. Long-term support is off the table for a prototype.", ["cost"]),
    ],
)
def test_ruled_out_in_other_words_is_not_stored(chat: Chat, step_id: str, said: str, stored: list[str]) -> None:
    assert answer_to(chat, step_id, said) == stored


@pytest.mark.parametrize(
    ("said", "use_case"),
    [
        ("customers send us pictures of damaged parcels and we want to sort them", "vision"),
        ("scoring members from a table of 25 columns", "tabular"),
        ("something like ChatGPT that drafts replies in our tone", "llm"),
        ("a small buggy that drives itself between GPS waypoints", "robotics"),
        ("we would skip training entirely and use one that already exists", "pretrained_only"),
        ("invoices mostly: figure out the document type and pull out the fields", "nlp"),
    ],
)
def test_what_the_models_do_in_everyday_words(chat: Chat, said: str, use_case: str) -> None:
    chat.say(said)
    assert chat.state.answers["use_case"] == [use_case]


@pytest.mark.parametrize(
    "said",
    [
        "Mostly Python. Separately, the bank has run a TensorFlow Serving deployment for another model for years.",
        "Mostly Python; the churn model is already in production on TensorFlow.",
    ],
)
def test_what_is_running_is_the_stack_even_while_skills_are_asked(chat: Chat, said: str) -> None:
    until(chat, "skills")
    chat.say(said)
    assert chat.state.answers["skills"] == ["python"]
    assert chat.state.answers["existing_stack"] == ["tf_production"]


def test_a_not_sure_filled_at_the_recap_is_said_as_an_update(chat: Chat) -> None:
    at_recap(chat, use_case=[UNSURE])
    replies = chat.say("image classification")
    assert chat.state.answers["use_case"] == ["vision"]
    assert "Updated: Use case: Computer vision" in text(replies)


def test_a_command_word_inside_a_date_is_no_command_even_said_twice(chat: Chat) -> None:
    until(chat, "timeline")
    said = "the qualifiers restart on 2027-03-20, we go live before that"
    chat.say(said)
    assert chat.state.answers["timeline"] == ["half_year"]
    answers = dict(chat.state.answers)
    chat.say(said)
    assert chat.state.answers == answers, "no restart"


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        ("skills", "the 3 RL people are PyTorch. one guy knew TF but he left last month", ["pytorch"]),
        (
            "skills",
            "we know Python a little. The integrator knows TensorFlow, but they are an outside company.",
            ["python"],
        ),
        ("priorities", "Long-term support. Cost is a consideration but not a decisive one.", ["long_term"]),
        ("hardware", "Training on two RTX A4000s. The login nodes are Intel CPUs, irrelevant.", ["nvidia"]),
        ("skills", "Keras mostly. PyTorch — zero.", ["keras"]),
        ("hardware", "lab server: 4x RTX 4090. we also applied for TPU Research Cloud, if we get it, nice", ["nvidia"]),
        ("timeline", "buying season starts june. we need it before buying, so end of april latest", ["half_year"]),
        ("timeline", "The next window is only in July. So we are targeting the January shutdown.", ["quarter"]),
    ],
)
def test_what_is_set_aside_in_passing_is_not_stored(chat: Chat, step_id: str, said: str, stored: list[str]) -> None:
    assert answer_to(chat, step_id, said) == stored


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        ("hardware", "an on-prem NVIDIA DGX. Google TPUs are excluded, public cloud is not permitted.", ["nvidia"]),
        ("timeline", "Go-live is FY27 Q3 officially, but our PM says 3/31 at the latest.", ["half_year"]),
    ],
)
def test_excluded_and_at_the_latest(chat: Chat, step_id: str, said: str, stored: list[str]) -> None:
    assert answer_to(chat, step_id, said) == stored


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        ("priorities", "cost!!! no budget for anything", ["cost"]),
        ("hardware", "we rent A100s; there's no budget for TPUs or anything exotic", ["nvidia"]),
        ("deployment", "an nRF52840 board. The companion Android app only displays results.", ["microcontroller"]),
        ("use_case", "I want to identify bird species from their song, with a microphone in the garden", ["audio"]),
    ],
)
def test_no_budget_and_apps_that_only_show_results(chat: Chat, step_id: str, said: str, stored: list[str]) -> None:
    until(chat, step_id) if step_id != "use_case" else None
    chat.say(said)
    assert chat.state.answers[step_id] == stored
    assert "priorities" not in chat.state.answers or step_id == "priorities"


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        ("existing_stack", "nada en producción, starting from zero", ["greenfield"]),
        ("timeline", "boss say before christmas!! 20 de diciembre", ["asap"]),
        # a word or two of Tagalog in an English message of words we know (dev80, dev74)
        ("timeline", "ASAP talaga, client demo in 3 weeks", ["asap"]),
        ("skills", "mostly python devs, walang deep learning experience talaga", ["python"]),
    ],
)
def test_a_message_switching_to_english_is_read(chat: Chat, step_id: str, said: str, stored: list[str]) -> None:
    assert answer_to(chat, step_id, said) == stored


def test_a_message_wholly_in_another_language_still_gets_the_english_only_reply(advisor: Advisor) -> None:
    state = State(phase="asking", pending="hardware")
    assert advisor.read("Wir trainieren auf Grafikkarten im Rechenzentrum", state, TODAY).kind == "other_language"
    assert advisor.read("Entrenamos con GPUs de NVIDIA, pero no sé cuántas.", state, TODAY).kind == "other_language"


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        (
            "timeline",
            "April, because the GPU rental contract ends then and PyTorch folks are easy to hire",
            ["half_year"],
        ),
        (
            "deployment",
            "a monthly batch job on our own servers and, under no circumstances, in a public cloud",
            ["batch"],
        ),
        ("deployment", "a Jetson in the truck. maybe next year the office runs reports in batch", ["jetson"]),
    ],
)
def test_reasons_refusals_and_maybes_set_nothing_else(chat: Chat, step_id: str, said: str, stored: list[str]) -> None:
    until(chat, step_id)
    before = dict(chat.state.answers)
    chat.say(said)
    assert chat.state.answers[step_id] == stored
    assert {k: v for k, v in chat.state.answers.items() if k != step_id} == before
    assert not chat.state.confirm_asked


@pytest.mark.parametrize(
    "said",
    ["by February, and it has to be snappy, people leave if the page is slow", "by February. speed also must be good"],
)
def test_a_priority_said_to_be_a_must_while_the_deadline_is_asked(chat: Chat, said: str) -> None:
    until(chat, "timeline")
    chat.say(said)
    assert chat.state.answers["timeline"] == ["quarter"]
    assert chat.state.answers["priorities"] == ["performance"]


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        ("skills", "I know Python well. My supervisor prefers PyTorch, most papers use it.", ["python"]),
        (
            "existing_stack",
            "Nothing in production. The integrator made a TFLite app for another hotel.",
            ["greenfield"],
        ),
    ],
)
def test_what_someone_else_has_is_not_the_teams_answer(chat: Chat, step_id: str, said: str, stored: list[str]) -> None:
    assert answer_to(chat, step_id, said) == stored


@pytest.mark.parametrize(
    "said",
    [
        "画像認識をやりたいです。",  # wholly another script: nothing of it in our alphabet
        "Ekibimiz yeni başlayanlardan oluşuyor",  # Turkish
        "Usiamo principalmente GPU NVIDIA.",  # Italian around a loan word
        "Trenujemy na jednej karcie NVIDIA RTX 4080, na Ubuntu.",  # Polish
        "Takk skal du ha!",  # Norwegian
        "On doit déployer sur des téléphones Android.",  # French: its accents tell it apart
        "Xin lỗi, tôi có thể trả lời bằng tiếng Việt được không?",  # Vietnamese
    ],
)
def test_more_languages_get_the_english_only_reply(advisor: Advisor, said: str) -> None:
    assert advisor.read(said, State(phase="asking", pending="hardware"), TODAY).kind == "other_language"


@pytest.mark.parametrize(
    "said",
    [
        "tabular. gbdt baseline exists, need a nn to blend",
        "- soft deadline: mid Jan\n- hard deadline: end of Jan",
        "Training: Ubuntu box, 2x RTX 4090. TPUs — forget it.",  # ("2x" is no word of any language)
        "jjjjjj,, mmnn",  # (a keyboard mashed: no language, nothing to place)
    ],
)
def test_terse_english_full_of_jargon_is_english(advisor: Advisor, said: str) -> None:
    assert advisor.read(said, State(phase="asking", pending="use_case"), TODAY).kind != "other_language"


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        ("hardware", "4x V100 on-prem. TPU not possible, the data stays in the bank", ["nvidia"]),
        ("hardware", "A10G on AWS for training. TPUs — never tried them", ["nvidia"]),
        ("deployment", "Jetsons in the field. Negative on cloud, no network out there.", ["jetson"]),
        ("priorities", "inference speed on cheap phones, and long-term support", ["performance", "long_term"]),
        ("skills", "PyTorch mainly. Two of us study JAX these days but not used in the project.", ["pytorch"]),
        ("existing_stack", "Nothing yet. Our buyer runs TensorFlow, but that is their system.", ["greenfield"]),
    ],
)
def test_ruled_out_set_aside_or_someone_elses(chat: Chat, step_id: str, said: str, stored: list[str]) -> None:
    assert answer_to(chat, step_id, said) == stored


def test_words_like_option_names_name_nothing(chat: Chat) -> None:
    chat.say("we want to estimate fish counts and coral bleaching from reef video")
    assert chat.state.answers["use_case"] == ["vision"]
    assert "deployment" not in chat.state.answers and "existing_stack" not in chat.state.answers


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        ("existing_stack", "We do not have any deep learning in production right now.", ["greenfield"]),
        (
            "existing_stack",
            "Nothing yet. A partner runs TensorFlow in production, but that is their system.",
            ["greenfield"],
        ),
        (
            "timeline",
            "the board meets mid-December, but the first version isn't needed until the third week of January",
            ["quarter"],
        ),
        ("use_case", "next-word prediction for our Amharic keyboard", ["nlp"]),
        ("deployment", "only on our own computer in the office, never the cloud", ["batch"]),
    ],
)
def test_more_of_what_people_say_in_their_own_words(chat: Chat, step_id: str, said: str, stored: list[str]) -> None:
    if step_id != "use_case":
        assert answer_to(chat, step_id, said) == stored


def test_a_clause_about_training_names_no_deployment_target(chat: Chat) -> None:
    until(chat, "hardware")
    deployment = chat.state.answers["deployment"]
    chat.say("we train on A100s; training will run on a shared linux server in our data center")
    assert chat.state.answers["hardware"] == ["nvidia"]
    assert chat.state.answers["deployment"] == deployment and not chat.state.confirm_asked


@pytest.mark.parametrize(
    ("said", "step_id", "stored"),
    [
        ("we want to train a control policy for a welding robot arm", "use_case", ["robotics"]),
        (
            "on the inspection train there is an industrial linux pc that does the detection",
            "deployment",
            ["edge_linux"],
        ),
    ],
)
def test_training_words_that_are_no_clause_about_training(
    chat: Chat, said: str, step_id: str, stored: list[str]
) -> None:
    if step_id != "use_case":
        assert answer_to(chat, step_id, said) == stored


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        (
            "skills",
            "the team is proficient in TensorFlow and Keras; PyTorch experience is absent.",
            ["tensorflow", "keras"],
        ),
        ("skills", "Two engineers. PyTorch, affirm. TensorFlow, negative.", ["pytorch"]),
        (
            "hardware",
            "an on-premise NVIDIA cluster. We are contractually prohibited from using Google Cloud TPUs.",
            ["nvidia"],
        ),
        ("hardware", "The lab has twenty PCs with Intel Arc graphics cards.", ["intel"]),
        ("deployment", "It's all in the mobile browser, visitors install nothing", ["browser"]),
    ],
)
def test_absent_negative_prohibited_and_what_a_maker_names(
    chat: Chat, step_id: str, said: str, stored: list[str]
) -> None:
    assert answer_to(chat, step_id, said) == stored


def test_use_case_recommendations_said_while_asked(chat: Chat) -> None:
    chat.say("Concretely: ranking products on the homepage. So, recommendations.")
    assert chat.state.answers["use_case"] == ["recsys"]


def test_a_phones_signature_names_no_ios_app(chat: Chat) -> None:
    assert answer_to(chat, "use_case", "route ETA prediction, tabular. Sent from my iPhone") == ["tabular"]
    assert "deployment" not in chat.state.answers, "'Sent from my iPhone' is the phone's line, not a target"


def test_sorry_if_is_politeness_not_a_what_if(chat: Chat) -> None:
    """Transcript: user> hi / bot> What will your models mainly do? ...
    user> sorry if this is dumb, but is JAX the same as TensorFlow?
    bot> (answers the question) ... and asks the use case again, with nothing stored."""
    chat.say("hi")
    chat.say("sorry if this is dumb, but is JAX the same as TensorFlow?")
    assert chat.state.answers == {}
    assert chat.state.pending == "use_case"


@pytest.mark.parametrize(
    "said",
    [
        "Two of us use PyTorch daily. We already run a PyTorch segmentation model in production, so it must fit.",
        "strong pytorch team. the risk scoring service in prod today is pytorch, behind a go gateway",
    ],
)
def test_a_model_said_to_run_in_production_is_the_stack_while_skills_are_asked(chat: Chat, said: str) -> None:
    assert answer_to(chat, "skills", said) == ["pytorch"]
    assert chat.state.answers["existing_stack"] == ["pytorch_production"]


@pytest.mark.parametrize(
    ("said", "command"),
    [
        ("please clear the details you saved about our team", "forget"),
        ("could you skip to the verdict now", "recommend_now"),
        ("can we redo it all from the top", "restart"),
        ("is there a list of commands?", "help"),
        ("I'm not sure how to answer this", "unsure"),  # not a question about how to answer
        ("hold on, take me back a step", "back"),  # not "take me back" (to where we were)
        ("let's call it off for today", "cancel"),
        ("please do not delete anything", "keep"),
        ("we start the model training from scratch every month", None),  # names no command's object
    ],
)
def test_a_command_said_as_a_verb_and_what_it_is_about(advisor: Advisor, said: str, command: str | None) -> None:
    reading = advisor.read(said, State(phase="asking", pending="hardware"), TODAY)
    assert reading.command == command


def test_starting_from_scratch_asked_about_the_stack_is_a_fresh_start_not_a_restart(chat: Chat) -> None:
    """Transcript: ... bot> Is there an ML stack already in production that this has to fit?
    user> ok so we start from scratch
    bot> Got it: Existing stack: No, starting fresh ... (the answers so far are kept)"""
    until(chat, "existing_stack")
    given = dict(chat.state.answers)
    chat.say("ok so we start from scratch")
    assert chat.state.answers == {**given, "existing_stack": ["greenfield"]}


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        ("existing_stack", "Ah ok, thank you. No, we have nothing yet, this is all new", ["greenfield"]),
        ("deployment", "iPhone first, on the phone itself. Android maybe next year if it takes off.", ["ios"]),
        ("skills", "We are four. Two know Python. None has used TensorFlow nor PyTorch.", ["python"]),
        ("use_case", "It's research: reproducing a protein language model paper. Papers, not a product.", ["research"]),
        ("hardware", "I sold the MacBook and bought a laptop with an RTX 4060", ["nvidia"]),
    ],
)
def test_thanks_a_maybe_a_none_has_a_repeated_name_and_a_sale(
    chat: Chat, step_id: str, said: str, stored: list[str]
) -> None:
    assert answer_to(chat, step_id, said) == stored


def test_so_many_a_day_is_a_rate_not_a_deadline(chat: Chat) -> None:
    assert answer_to(chat, "use_case", "text classification of bug reports, 4k a day") == ["nlp"]
    assert "timeline" not in chat.state.answers


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        ("skills", "The team knows TensorFlow well; PyTorch experience is, sadly, absent.", ["tensorflow"]),
        ("deployment", "An internal server API. Browser or mobile deployment is not envisaged.", ["server"]),
        ("existing_stack", "Greenfield. Our founders' previous company ran TensorFlow in production.", ["greenfield"]),
        ("skills", "Keras, possibly, and PyTorch for sure", ["pytorch"]),  # a maybe set off by commas stays one
    ],
)
def test_an_aside_a_list_ruled_out_after_it_and_others_who_are_ours(
    chat: Chat, step_id: str, said: str, stored: list[str]
) -> None:
    assert answer_to(chat, step_id, said) == stored


def test_going_back_to_a_topic_with_a_change_is_the_change_not_an_undo(chat: Chat) -> None:
    """Transcript: ... (deployment answered: browser) ... bot> Anything else that matters most?
    user> Going back to where it runs: add an Android app too, I forgot that one.
    bot> Updated: Deployment: Web browser, Android app ..."""
    until(chat, "priorities", deployment=["browser"])
    chat.say("Going back to where it runs: add an Android app too, I forgot that one.")
    assert chat.state.answers["deployment"] == ["browser", "android"]


def test_scratch_the_option_removes_an_earlier_answer(chat: Chat) -> None:
    until(chat, "priorities", deployment=["server", "batch"])
    chat.say("Sorry, scratch the batch reprocessing, the archive will stay as it is.")
    assert chat.state.answers["deployment"] == ["server"]


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        ("hardware", "We train on 2 RTX A6000 in our rack. The TPU offer from Google we said no.", ["nvidia"]),
        ("hardware", "training on théo's pc, rtx 4060, windows. my mac is too old so not that", ["nvidia", "windows"]),
        (
            "hardware",
            "Only the MacBook of Lorenzo. We had a big Windows computer for the accounts, but it died.",
            ["apple"],
        ),
        ("priorities", "The cost is the most important. The speed no, the cable is slow.", ["cost"]),
        ("hardware", "we have only a notebook computer with windows", ["windows"]),
        (
            "existing_stack",
            "A TensorFlow model was installed in 2019, but the project ended and the model does not run since 2021.",
            None,
        ),
    ],
)
def test_said_no_too_old_it_died_and_does_not_run_rule_out(
    chat: Chat, step_id: str, said: str, stored: list[str] | None
) -> None:
    if stored is None:
        until(chat, step_id)
        chat.say(said)
        assert "tf_production" not in chat.state.answers.get(step_id, [])
    else:
        assert answer_to(chat, step_id, said) == stored


@pytest.mark.parametrize(
    ("said", "stored"),
    [
        ("For Christmas it would be charming but unrealistic; let us say la Saint-Valentin.", ["quarter"]),
        ("festival's in july but the app relaunch is april 15 so. that", ["half_year"]),
        ("christmas is too soon actually, end of january", ["quarter"]),
    ],
)
def test_a_date_out_of_reach_is_no_deadline_and_a_relaunch_is(chat: Chat, said: str, stored: list[str]) -> None:
    assert answer_to(chat, "timeline", said) == stored


def test_a_person_leaving_in_january_is_no_deadline(chat: Chat) -> None:
    answer_to(
        chat,
        "skills",
        "The postdoc works in JAX; the students use PyTorch, though one is moving to industry in January.",
    )
    assert "timeline" not in chat.state.answers


@pytest.mark.parametrize(
    ("said", "stored"),
    [
        ("What matters? That it lasts for years, and the price.", ["long_term", "cost"]),
        ("It must be inexpensive, that is the main thing.", ["cost"]),
        ("Long-term support is essential, as is the availability of qualified staff.", ["long_term", "hiring"]),
        ("Most important is that it still works in ten years.", ["long_term"]),
    ],
)
def test_priorities_in_plain_words(chat: Chat, said: str, stored: list[str]) -> None:
    assert answer_to(chat, "priorities", said) == stored


@pytest.mark.parametrize(
    ("pending", "said", "command"),
    [
        ("priorities", "I am confused with these options, help", "help"),
        ("after", "Please remove everything I have written here, privacy.", "forget"),
        ("after", "Under our records policy the information I provided must be deleted.", "forget"),
        ("after", "ok thanks, can stop already", "cancel"),
        ("timeline", "I would not be in a position to say.", "unsure"),
        ("after", "hang on, undo my last answer, I clicked through too fast", "back"),
    ],
)
def test_commands_in_other_words(advisor: Advisor, pending: str, said: str, command: str) -> None:
    state = State(phase="advised") if pending == "after" else State(phase="asking", pending=pending)
    reading = advisor.read(said, state, TODAY)
    assert reading.command == command


@pytest.mark.parametrize(
    ("said", "stored"),
    [
        ("Start of our Q2, i.e. 1 April.", ["half_year"]),  # said again, more precisely
        ("Fine, not Christmas. Realistically the end of January.", ["quarter"]),
        ("before the Easter rush!", ["half_year"]),  # Easter 2027 is 28 March
        ("The goal is the fair at the end of next September.", ["long"]),
        ("no later than March", ["half_year"]),
        ("not before march, more like june", ["long"]),
    ],
)
def test_dates_restated_ruled_out_and_moving_feasts(chat: Chat, said: str, stored: list[str]) -> None:
    assert answer_to(chat, "timeline", said) == stored


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        ("hardware", "ok then the 3070 laptop, he brings it in on slow days", ["nvidia"]),
        ("hardware", "Office pc is Windows 10 with an i5, no video card.", ["windows", "cpu"]),
        ("deployment", "on a little Raspberry Pie box in the office", ["edge_linux"]),
        ("skills", "none of us know any of this lol, I did a bit of python at college", ["beginners", "python"]),
        ("deployment", "its gotta run on the site tablets, samsung ones", ["android"]),
    ],
)
def test_gpu_numbers_typos_and_plain_words(chat: Chat, step_id: str, said: str, stored: list[str]) -> None:
    assert answer_to(chat, step_id, said) == stored


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        ("priorities", "cost. and i dont care about 5 yrs from now, ill be retired lol", ["cost"]),
        ("skills", "I know nothing of this. My grandson knows Python, he made the webshop.", ["beginners", "python"]),
        ("skills", "python scripts for the till. did a keras tutorial once, quit halfway. so python", ["python"]),
        ("deployment", "Android, cheap ones. A few have iPhones but I don't care about those.", ["android"]),
    ],
)
def test_what_a_following_clause_takes_back_and_what_it_does_not(
    chat: Chat, step_id: str, said: str, stored: list[str]
) -> None:
    assert answer_to(chat, step_id, said) == stored


@pytest.mark.parametrize(
    ("said", "command"),
    [
        ("nuke my data pls", "forget"),
        ("Alright, that'll do. Shut 'er down.", "cancel"),
        ("sí, yes, all of it", "confirm"),
        ("rest is same as before, so just spit out the answer", "recommend_now"),
    ],
)
def test_more_commands_in_people_s_words(advisor: Advisor, said: str, command: str) -> None:
    assert advisor.read(said, State(phase="asking", pending="hardware"), TODAY).command == command


def test_a_request_in_a_clause_of_its_own_is_the_command_whatever_the_reason_names(advisor: Advisor) -> None:
    said = "Wipe my answers on your side, the lab has a data policy."
    assert advisor.read(said, State(phase="advised"), TODAY).command == "forget"
    # (a request beside an answer to the question asked is no command)
    said = "we run it on android, so remove the web part"
    assert advisor.read(said, State(phase="asking", pending="deployment"), TODAY).command is None


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        ("timeline", "Before Valentine. That is the peak, roses everywhere.", ["quarter"]),  # no restated date
        ("hardware", "the office pc (windows, nothin fancy) n my rig with a 3070 but thats mine", ["windows"]),
        ("hardware", "two MI210 cards in the lab server", ["amd"]),
        ("priorities", "she'll be running this thing the next ten years, so it better last", ["long_term"]),
    ],
)
def test_a_date_kept_a_private_rig_and_plain_long_term(chat: Chat, step_id: str, said: str, stored: list[str]) -> None:
    assert answer_to(chat, step_id, said) == stored


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        ("timeline", "Pilot's meant tae go live end o' January.", ["quarter"]),
        ("timeline", "not valentines, make it easter", ["half_year"]),
        ("hardware", "windows pc with an rx 7900 xtx, team red baby", ["amd", "windows"]),
        ("skills", "We are new in machine learning.", ["beginners"]),
    ],
)
def test_end_o_a_date_ruled_out_in_part_of_a_clause_and_plain_words(
    chat: Chat, step_id: str, said: str, stored: list[str]
) -> None:
    assert answer_to(chat, step_id, said) == stored


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        ("priorities", "cheap cheap cheap. the rest I don't care", ["cost"]),
        ("hardware", "We shall train on the central processor only.", ["cpu"]),
    ],
)
def test_the_rest_i_dont_care_keeps_the_answer(chat: Chat, step_id: str, said: str, stored: list[str]) -> None:
    assert answer_to(chat, step_id, said) == stored


def test_maybes_then_i_dont_know_is_still_not_sure(advisor: Advisor) -> None:
    said = "Maybe cost? Maybe hiring? I genuinely don't know what matters most here."
    assert advisor.read(said, State(phase="asking", pending="priorities"), TODAY).command == "unsure"


@pytest.mark.parametrize(
    ("said", "command"),
    [
        ("Right, I think that will do. Thank you, you may stop now.", "cancel"),
        ("No bloody idea mate.", "unsure"),
        ("Righto, kill it.", "cancel"),
        ("Sufficient information provided. Output the recommendation.", "recommend_now"),
        ("Can we skip the technical part? Just give me your advice.", "recommend_now"),
        ("let me redo this with the phd student's answers, start over", "restart"),
    ],
)
def test_commands_from_a_fresh_commands_set(advisor: Advisor, said: str, command: str) -> None:
    assert advisor.read(said, State(phase="asking", pending="hardware"), TODAY).command == command


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        ("timeline", "for semana santa, everybody washes the car before going to the beach", ["half_year"]),
        ("deployment", "As a job during the night on the computer in our locked cabinet.", ["batch"]),
        ("deployment", "STM32H7 in the socket. Nothing else.", ["microcontroller"]),
        ("skills", "Théo knows Python a little. For the machine learning we are totally new.", ["python", "beginners"]),
    ],
)
def test_holy_week_night_jobs_chips_and_the_totally_new(chat: Chat, step_id: str, said: str, stored: list[str]) -> None:
    assert answer_to(chat, step_id, said) == stored


@pytest.mark.parametrize(
    "said",
    [
        "My partner is an iOS developer, he knows Swift and a little Core ML. Me, I learn PyTorch, online course.",
        "my nephew did an Edge Impulse tutorial, he knows a little of tensorflow and keras",
        "I've got one engineer who's done a few tflite micro things on ESP32s, knows tensorflow",
    ],
)
def test_a_platform_people_know_is_no_deployment_target(chat: Chat, said: str) -> None:
    until(chat, "skills")
    chat.say(said)
    assert "skills" in chat.state.answers
    assert "deployment" not in chat.state.answers


def test_a_target_said_beside_the_skills_is_still_stored(chat: Chat) -> None:
    until(chat, "skills")
    chat.say("keras, and we're shipping to android")
    assert chat.state.answers["skills"] == ["keras"] and chat.state.answers["deployment"] == ["android"]


def test_god_help_us_before_an_answer_is_the_answer_not_a_call_for_help(chat: Chat) -> None:
    assert answer_to(chat, "skills", "God help us, none of us know any of those. We're complete beginners here.") == [
        "beginners"
    ]


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        ("use_case", "after storms we fly a drone over the estates and want to detect the damage", ["vision"]),
        ("priorities", "cheap, and it has to keep working for years", ["cost", "long_term"]),
        ("skills", "mostly Keras folks, a couple of the new hires keep talking about PyTorch", ["keras"]),
        ("timeline", "long", ["long"]),
    ],
)
def test_words_people_use_for_the_answer(chat: Chat, step_id: str, said: str, stored: list[str]) -> None:
    assert sorted(answer_to(chat, step_id, said)) == stored


def test_years_in_production_are_no_priority(chat: Chat) -> None:
    until(chat, "existing_stack")
    chat.say("We've had TensorFlow models in production for years.")
    assert chat.state.answers["existing_stack"] == ["tf_production"]
    assert "priorities" not in chat.state.answers


@pytest.mark.parametrize(
    "said",
    [
        "we only have gmail and a google sheet",
        "our stack is a whiteboard and a filing cabinet",
        "An ML stack? We don't have one.",
        "the old contractor left some scripts on the NAS, but nobody runs them",
    ],
)
def test_everyday_tools_and_dead_code_are_a_fresh_start(chat: Chat, said: str) -> None:
    assert answer_to(chat, "existing_stack", said) == ["greenfield"]


@pytest.mark.parametrize(
    ("step_id", "said", "stored"),
    [
        ("hardware", "just CPUs on our office laptops, is that a problem?", ["cpu"]),
        ("hardware", "only our MacBooks, M3 Pro. is that enough to train?", ["apple"]),
    ],
)
def test_asking_whether_an_answer_will_do_still_gives_it(
    chat: Chat, step_id: str, said: str, stored: list[str]
) -> None:
    assert answer_to(chat, step_id, said) == stored
    assert chat.state.pending != step_id, "the next question follows"


def test_asking_what_to_call_a_thing_gives_no_answer(chat: Chat) -> None:
    assert answer_to(chat, "deployment", "an rpi in a rack, is that edge linux or something else?") == []


@pytest.mark.parametrize(
    "said",
    [
        "the clips get processed offline after each trip on the lab PC",
        "a script every sunday night that emails the numbers",
        "whenever, next day result is fine, it can crunch in one go",
    ],
)
def test_work_done_later_in_one_go_is_a_batch_job(chat: Chat, said: str) -> None:
    assert "batch" in answer_to(chat, "deployment", said)


def test_none_of_these_fit_is_not_sure_not_the_option_none(chat: Chat) -> None:
    # "none" alone is the priorities' "nothing else"; "none of these fit" turns the choices down (dev54)
    assert answer_to(chat, "priorities", "none of these fit") == [UNSURE]


@pytest.mark.parametrize(
    ("said", "stored"),
    [
        # what slowness or a rewrite would cost is no wish to spend little (dev96, dev99, dev100)
        ("Page speed. Every 100ms costs us conversion.", ["performance"]),
        ("It has to keep working for years, we can't afford to redo it when Thabo leaves", ["long_term"]),
        ("Being able to hire people who know it. We can't afford to rely on one contractor.", ["hiring"]),
        ("cheap to run, we can't afford big cloud bills", ["cost"]),  # money still is
    ],
)
def test_a_cost_of_something_else_is_not_the_priority_cost(chat: Chat, said: str, stored: list[str]) -> None:
    assert sorted(answer_to(chat, "priorities", said)) == stored


@pytest.mark.parametrize("refusal", ["Keep Coral.", "no, stay with Coral", "No, keep the Coral answer as it was."])
def test_keeping_the_answer_by_its_name_after_the_advice_keeps_it(chat: Chat, refusal: str) -> None:
    # (dev106) the proposed change refused by naming the answer kept, not read as a new mention of it
    advised_with(chat, deployment=["coral"])
    assert offer(chat.say("we deploy to a jetson")) is not None
    replies = chat.say(refusal)
    assert chat.state.answers["deployment"] == ["coral"]
    assert chat.state.confirm is None
    assert "Updated" not in text(replies)


def test_a_no_before_a_wish_is_no_nothing_else(chat: Chat) -> None:
    # (dev108) "no lag" wishes for speed; it does not say there is nothing else that matters
    until(chat, "priorities")
    chat.say("it must be fluid on the phone! no lag, the client is very picky")
    assert "nothing_else" not in chat.state.answers.get("priorities", [])


@pytest.mark.parametrize("said", ["no ML anywhere", "no prod yet", "no AI at all, just shopify"])
def test_no_before_what_the_stack_question_asks_about_is_still_nothing_running(chat: Chat, said: str) -> None:
    assert answer_to(chat, "existing_stack", said) == ["greenfield"]


@pytest.mark.parametrize(
    ("step_id", "said"),
    [
        ("deployment", "jetson orin counts as jetson right, not edge linux?"),  # (dev3)
        ("existing_stack", "so a keras model on a pi counts as production?"),
    ],
)
def test_asking_what_an_option_counts_as_answers_nothing(chat: Chat, step_id: str, said: str) -> None:
    assert answer_to(chat, step_id, said) == []


def test_an_answer_said_to_be_missing_at_the_recap_is_added(chat: Chat) -> None:
    # (dev66) "X is missing Y": Y joins the answer, it does not replace it
    at_recap(chat, deployment=["server"])
    chat.say("Deployment is missing the tablets of the security supervisors, they are Android")
    assert sorted(chat.state.answers["deployment"]) == ["android", "server"]


def test_not_only_notebooks_keeps_the_notebooks_and_adds_the_rest(chat: Chat) -> None:
    # (dev91) the phrase "only notebooks" is what the "not" denies, not the notebooks
    advised_with(chat, deployment=["notebooks"])
    replies = chat.say(
        "Correction on deployment: the fault model will ship as a batch job in the pipeline, not only notebooks."
    )
    # (after the advice a change is offered as a what-if: the targets it would have)
    supposed = text(replies).split("*")[1]
    assert "Batch jobs" in supposed and "Notebooks / research only" in supposed


def test_not_only_cpu_still_takes_back_cpu_only(chat: Chat) -> None:
    # "CPU only" pushes the GPUs out, so "not only CPU" says there is a GPU after all
    at_recap(chat, hardware=["cpu"])
    chat.say("Correction: the workstation has an NVIDIA card after all, a small T400. So it is not only CPU.")
    assert chat.state.answers["hardware"] == ["nvidia"]
