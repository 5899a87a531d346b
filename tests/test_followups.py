"""Follow-ups after the recommendation, as transcripts on the pure core."""

from __future__ import annotations

import pytest

from bot.dialogue import Advisor
from bot.knowledge import Knowledge
from bot.replies import Advise, Answer, Reply, Say
from bot.state import effective
from tests.conftest import CONSULT, Chat

PYTORCH_ANDROID_TEAM = [
    "we are 3 pytorch devs shipping an android app in 6 weeks",
    "image classification",
    "no, greenfield",
    "nvidia gpus",
    "nothing else",
    "yes",
]


KERAS_ANDROID_TEAM = ["we are 3 keras devs shipping an android app in 6 weeks"]


def advised(chat: Chat, lines: list[str] = PYTORCH_ANDROID_TEAM) -> Advise:
    replies: list[Reply] = []
    for line in lines:
        replies = chat.say(line)
    advice = [r for r in replies if isinstance(r, Advise)]
    assert advice, replies
    return advice[0]


def changes_nothing(chat: Chat, said: str) -> None:
    """After the advice, `said` supposes nothing and changes no answer."""
    before = {k: list(v) for k, v in chat.state.answers.items()}
    chat.say(said)
    assert chat.state.proposed is None and chat.state.answers == before


def only_answer(replies: list[Reply]) -> Answer:
    answers = [r for r in replies if isinstance(r, Answer)]
    assert len(answers) == 1, replies
    return answers[0]


def test_why_not_the_other_framework_cites_dated_sources(chat: Chat) -> None:
    assert advised(chat).recommendation.verdict == "pytorch"
    answer = only_answer(chat.say("why not tensorflow?"))
    assert answer.text.startswith("Why not TensorFlow")
    assert "Fit for the team's current skills" in answer.text
    # Dated sources for what rests on facts; the team's own skills need none (they said so).
    assert all(s.as_of and (s.urls or s.judgement) for s in answer.sources)
    assert answer.sources or "You said" in answer.text or "Your team" in answer.text
    assert chat.state.answers["skills"] == ["pytorch"], "a question must not change the answers"


def test_why_the_recommended_one_and_how_sure(chat: Chat) -> None:
    advised(chat)
    assert only_answer(chat.say("why pytorch")).text.startswith("Why PyTorch")
    sure = only_answer(chat.say("how sure are you?"))
    assert "Confidence: *high*" in sure.text
    assert "TensorFlow" in sure.text and "/10" in sure.text


@pytest.mark.parametrize(
    ("said", "opening"),
    [("pytorch", "I did recommend PyTorch"), ("tensorflow?", "Why not TensorFlow"), ("so TF", "Why not TensorFlow")],
)
def test_a_framework_named_alone_after_the_advice_gets_why_it_won_or_lost(chat: Chat, said: str, opening: str) -> None:
    assert advised(chat).recommendation.verdict == "pytorch"
    before = {k: list(v) for k, v in chat.state.answers.items()}
    assert only_answer(chat.say(said)).text.startswith(opening)
    assert chat.state.answers == before and chat.state.proposed is None


def test_scores_sources_and_the_scorecard(chat: Chat, knowledge: Knowledge) -> None:
    advice = advised(chat)
    scores = only_answer(chat.say("show the scores"))
    for criterion in advice.recommendation.deciding:
        assert criterion.name in scores.text
    sources = only_answer(chat.say("sources?"))
    assert len(sources.sources) >= 3
    card = only_answer(chat.say("show the comparison"))
    research = knowledge.criterion("research")
    assert research.seed is not None
    assert f"*Research adoption*: seed {research.seed.tensorflow} / {research.seed.pytorch}" in card.text
    assert f"today {research.current.tensorflow} / {research.current.pytorch}. Why:" in card.text
    assert "*Ease of learning / debugging*: 6 / 9, unchanged since the seed." in card.text


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("what about TPUs?", "Google TPUs"),
        ("what about apple silicon", "Apple Silicon Macs"),
        ("jetson?", "NVIDIA Jetson"),
        ("can we use our amd cards", "AMD GPUs (ROCm)"),
        ("what about the browser?", "Running models in the browser"),
        ("what about microcontrollers", "Microcontrollers"),
        ("is TorchServe ok?", "TorchServe"),
        ("what is ExecuTorch?", "ExecuTorch"),
        ("what is LiteRT?", "LiteRT"),
        ("what about Keras?", "Keras 3"),
        ("and JAX?", "JAX"),
    ],
)
def test_topic_questions_are_answered_from_the_knowledge(
    chat: Chat, knowledge: Knowledge, question: str, topic: str
) -> None:
    advised(chat)
    answer = only_answer(chat.say(question))
    expected = next(f for f in knowledge.followups if f.topic.startswith(topic))
    assert answer.text == expected.answer
    assert answer.sources


def test_unknown_question_is_honest_short_and_then_offers_a_consultant(chat: Chat) -> None:
    advised(chat)
    answer = only_answer(chat.say("what's the capital of France?"))
    assert "I don't know that one" in answer.text
    assert len(answer.text.splitlines()) <= 3 and answer.text.count('"') == 6, "three suggestions"
    assert CONSULT not in answer.text
    again = only_answer(chat.say("and the capital of Peru?"))
    assert CONSULT in again.text, "the second unknown in a row offers the consultant"
    assert len(again.text.splitlines()) <= 3


def test_an_unknown_question_is_marked_unanswered_as_typed_and_an_answered_one_is_not(chat: Chat) -> None:
    advised(chat)
    assert only_answer(chat.say("  what's the capital\nof *France*?  ")).unanswered == "what's the capital of *France*?"
    assert only_answer(chat.say("why not tensorflow?")).unanswered == ""
    assert only_answer(chat.say("x" * 500)).unanswered == "x" * 299 + "…", "clipped, as on the lead card"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("ok whatever, how sure are you?", "Confidence:"),  # filler before the question is dropped
        ("can we switch to TF later?", "You can switch later"),  # a question, not a what-if
        ("are you biased towards PyTorch?", "I don't favour either"),
        ("can I talk to a human", CONSULT),
        ("tl;dr", "confidence)."),
    ],
)
def test_follow_ups_people_ask_get_real_answers(chat: Chat, question: str, expected: str) -> None:
    advised(chat)
    replies = chat.say(question)
    assert chat.state.proposed is None, "never taken for a what-if"
    assert expected in only_answer(replies).text


def test_a_name_close_to_a_topic_keyword_is_not_that_topic(chat: Chat) -> None:
    advised(chat)
    answer = only_answer(chat.say("does core ml work for this?"))
    assert answer.topic != "Coral Edge TPU"


def test_what_if_that_flips_keeps_the_original_until_adopted(chat: Chat) -> None:
    advised(chat)
    replies = chat.say("what if we had to run on a microcontroller instead?")
    new_advice = next(r for r in replies if isinstance(r, Advise))
    assert new_advice.recommendation.verdict == "tensorflow"
    # What would change the hypothetical: setting the changed answer back.
    assert new_advice.flip_text == (
        "If deployment targets were *Android app* instead of _Microcontroller_, I'd recommend PyTorch."
    )
    offer = only_answer(replies)
    assert "changes my recommendation from *PyTorch* to *TensorFlow*" in offer.text
    assert [c.id for c in offer.choices] == ["adopt", "discard"]
    assert chat.state.answers["deployment"] == ["android"], "original answers stay on record"
    assert chat.state.proposed is not None and chat.state.proposed["deployment"] == ["microcontroller"]

    replies = chat.say("keep my original answers")
    assert any(isinstance(r, Say) and "stays *PyTorch*" in r.text for r in replies)
    assert chat.state.proposed is None


def test_what_if_that_changes_nothing_says_so_and_can_be_adopted(chat: Chat) -> None:
    advised(chat)
    offer = only_answer(chat.say("we also target iOS"))
    assert "doesn't change the recommendation: still *PyTorch*" in offer.text
    replies = chat.say("adopt")
    assert chat.state.answers["deployment"] == ["android", "ios"]
    assert any(isinstance(r, Advise) for r in replies)


def test_deadline_what_if(chat: Chat) -> None:
    advised(chat)
    offer = only_answer(chat.say("what if the deadline were 2 weeks?"))
    assert "Timeline: *Within a month*" in offer.text


def test_every_follow_up_answer_cites_a_dated_source(knowledge: Knowledge) -> None:
    for followup in knowledge.followups:
        facts = [knowledge.fact(f) for f in followup.facts]
        assert any(f.urls for f in facts), followup.id
        assert all(f.as_of for f in facts), followup.id


def test_a_side_question_mid_dialogue_is_answered_then_the_question_asked_again(chat: Chat) -> None:
    chat.say("we are 3 pytorch devs shipping an android app in 6 weeks")
    replies = chat.say("what is ExecuTorch?")
    assert isinstance(replies[0], Answer) and replies[0].topic == "ExecuTorch"
    from bot.replies import Ask

    assert isinstance(replies[-1], Ask) and replies[-1].step_id == "use_case"
    assert chat.state.misses == 1  # it counts against the open question, so it is never asked forever


def test_greetings_and_thanks_are_answered_in_kind_not_taken_as_answers(chat: Chat) -> None:
    from bot.replies import Ask

    chat.say("we are 3 pytorch devs shipping an android app in 6 weeks")
    replies = chat.say("hello")
    assert isinstance(replies[0], Say) and replies[0].text.startswith("Hi again")
    assert isinstance(replies[-1], Ask) and replies[-1].step_id == "use_case"
    assert "use_case" not in chat.state.answers
    advised(chat, PYTORCH_ANDROID_TEAM[1:])
    replies = chat.say("thanks!")
    assert [type(r) for r in replies] == [Say] and "welcome" in replies[0].text


def test_when_no_single_answer_flips_it_the_answer_says_so(chat: Chat) -> None:
    lines = ["we build llm chatbots", "pytorch", "greenfield", "a cloud api", "nvidia", "asap", "long-term support"]
    advice = advised(chat, [*lines, "yes"])
    assert advice.recommendation.flip is None
    assert advice.flip_text == "No single change to your answers would flip this: it would take several."


def test_the_number_of_the_not_sure_choice_skips_the_question(chat: Chat) -> None:
    chat.say("we are 3 pytorch devs shipping an android app in 6 weeks")
    replies = chat.say("10")  # use case: nine options, then "Not sure"
    assert chat.state.answers["use_case"] == ["unsure"]
    assert isinstance(replies[0], Say) and "won't tilt" in replies[0].text


def test_what_would_change_your_mind_is_the_recommendations_own_flip(chat: Chat, advisor: Advisor) -> None:
    advised(chat)
    answer = only_answer(chat.say("what would change your mind?"))
    current = advisor.recommendation(effective(chat.state.answers))
    assert answer.topic == "What would change it"
    assert answer.text == advisor.flip_text(current, chat.state.answers)


def test_a_what_if_with_only_an_amount_of_time_changes_the_timeline(chat: Chat) -> None:
    advised(chat)
    chat.say("what if we had a year instead?")
    assert chat.state.proposed is not None and chat.state.proposed["timeline"] == ["long"]


def test_a_what_if_changes_only_what_it_assumes_not_the_project_it_names(chat: Chat) -> None:
    advised(chat)  # an image classifier
    chat.say("new comment on the ticket: what if we ran the chatbot in the browser too?")
    assert chat.state.proposed is not None
    assert chat.state.proposed["deployment"] == ["android", "browser"]
    assert chat.state.proposed["use_case"] == ["vision"], "'the chatbot' is their project, not a new use case"


def test_instead_of_reaches_the_option_a_few_words_on(chat: Chat) -> None:
    advised(chat)  # an Android app
    chat.say("and if we got a grant for a proper cloud server instead of doing it on the phones?")
    assert chat.state.proposed is not None
    assert chat.state.proposed["deployment"] == ["server"]


@pytest.mark.parametrize(
    ("said", "hardware"),
    [
        # "instead" with its "of" left out, and the move said from one to the other
        ("and if we train on TPUs instead nvidia? cheaper", ["tpu"]),
        ("And if training moved from nvidia to TPUs?", ["tpu"]),
        # however the sentence puts them, the swap gives up what the team has: the GPUs
        ("what if we must change to TPUs because of the nvidia shortage?", ["tpu"]),
    ],
)
def test_a_swap_in_a_what_if_gives_up_what_the_team_has(chat: Chat, said: str, hardware: list[str]) -> None:
    """bot> (advice for a team training on NVIDIA GPUs)
    you> <a what-if swapping the GPUs for TPUs>
    bot> (weighed on TPUs alone, not on both)"""
    advised(chat)  # trains on NVIDIA GPUs
    chat.say(said)
    assert chat.state.proposed is not None
    assert chat.state.proposed["hardware"] == hardware
    assert chat.state.answers["hardware"] == ["nvidia"], "a what-if changes nothing until adopted"


def test_a_what_if_naming_two_new_options_supposes_both(chat: Chat) -> None:
    advised(chat)  # an Android app
    chat.say("what if we shipped on iOS and the browser instead?")
    assert chat.state.proposed is not None and chat.state.proposed["deployment"] == ["ios", "browser"]


def test_a_plus_before_an_option_adds_it(chat: Chat) -> None:
    advised(chat)
    chat.say("what if +ios")
    assert chat.state.proposed is not None and chat.state.proposed["deployment"] == ["android", "ios"]


@pytest.mark.parametrize(
    ("said", "step_id", "value"),
    [
        ("Were we to get Google TPUs from the framework agreement, would the advice alter?", "hardware", "tpu"),
        ("And if product decides, as they will, that it must also run on iOS?", "deployment", "ios"),
    ],
)
def test_what_ifs_in_formal_or_winding_words(chat: Chat, said: str, step_id: str, value: str) -> None:
    assert_proposed_after_the_advice(chat, said, step_id, value)


def assert_proposed_after_the_advice(chat: Chat, said: str, step_id: str, value: str) -> None:
    """Said after the advice, `said` proposes `value` for `step_id` (Yes / Keep), storing nothing yet."""
    advised(chat)
    chat.say(said)
    assert chat.state.proposed is not None and value in chat.state.proposed[step_id]


def test_the_same_question_twice_is_answered_again_with_a_lead_in_and_another_is_not(chat: Chat) -> None:
    advised(chat)
    first = chat.say("why not tensorflow?")
    again = chat.say("why not tensorflow?")
    assert again[0] == Say("Same answer as a moment ago:") and again[1:] == first
    other = chat.say("how sure are you?")
    assert not (isinstance(other[0], Say) and other[0].text.startswith("Same answer"))


@pytest.mark.parametrize("question", ["why pytorch?", "how sure are you?", "what are the scores?"])
def test_a_follow_up_cites_each_fact_once_in_the_order_of_the_reasons(chat: Chat, question: str) -> None:
    # The README's team: two of its reasons cite F38.
    rec = advised(chat, [*KERAS_ANDROID_TEAM[:1], *PYTORCH_ANDROID_TEAM[1:]]).recommendation
    cited = [s.fact_id for s in only_answer(chat.say(question)).sources]
    reasons = [s.fact_id for c in rec.deciding for s in c.sources]
    assert cited and len(cited) == len(set(cited))
    assert cited[: len(dict.fromkeys(reasons))] == list(dict.fromkeys(reasons))


def test_a_what_if_about_hardware_does_not_change_the_use_case_it_mentions_in_passing(chat: Chat) -> None:
    advised(chat)
    chat.say("What if we had to move training to Google TPUs through a research grant?")
    assert chat.state.proposed is not None
    assert chat.state.proposed["hardware"] == ["tpu"] or "tpu" in chat.state.proposed["hardware"]
    assert chat.state.proposed["use_case"] == ["vision"]


@pytest.mark.parametrize(
    ("said", "proposed"),
    [
        ("what if no android, only a raspberry pi on the vehicle", ["edge_linux"]),
        ("what if we lost the NVIDIA GPUs and only had TPUs?", ["tpu"]),
    ],
)
def test_a_what_if_that_rules_an_answer_out_drops_it(chat: Chat, said: str, proposed: list[str]) -> None:
    advised(chat)
    chat.say(said)
    assert chat.state.proposed is not None
    step_id = "deployment" if "android" in said else "hardware"
    assert chat.state.proposed[step_id] == proposed


def test_a_what_if_naming_a_question_is_read_as_its_answer(chat: Chat) -> None:
    advised(chat, [*KERAS_ANDROID_TEAM, "image classification", "no, greenfield", "nvidia gpus", "nothing else", "yes"])
    chat.say("And if the existing stack were PyTorch instead of TF?")
    assert chat.state.proposed is not None
    assert chat.state.proposed["existing_stack"] == ["pytorch_production"]
    assert chat.state.proposed["skills"] == ["keras"]


def test_prod_becomes_pytorch_is_the_stack_in_a_what_if(chat: Chat) -> None:
    advised(chat, [*KERAS_ANDROID_TEAM, "image classification", "no, greenfield", "nvidia gpus", "nothing else", "yes"])
    chat.say("what if we migrated the whole thing, i.e. prod becomes pytorch")
    assert chat.state.proposed is not None
    assert chat.state.proposed["existing_stack"] == ["pytorch_production"]
    assert chat.state.proposed["skills"] == ["keras"]


@pytest.mark.parametrize(
    ("said", "added"),
    [
        ("What if the cluster gets swapped for Intel GPUs next year?", "intel"),
        ("What if we got a couple of TPUs in next year's budget?", "tpu"),
    ],
)
def test_a_what_if_changes_only_what_it_names_outright(chat: Chat, said: str, added: str) -> None:
    advised(chat)
    before = dict(chat.state.answers)
    chat.say(said)
    assert chat.state.proposed is not None
    assert [k for k, v in chat.state.proposed.items() if before.get(k) != v] == ["hardware"]
    assert added in chat.state.proposed["hardware"]


def test_a_year_in_a_what_if_about_hardware_dates_the_hardware_not_the_deadline(chat: Chat) -> None:
    advised(chat)
    timeline = chat.state.answers["timeline"]
    chat.say("And if the next procurement in 2028 brings Intel GPUs instead?")
    assert chat.state.proposed is not None
    assert chat.state.proposed["timeline"] == timeline
    assert "intel" in chat.state.proposed["hardware"]


@pytest.mark.parametrize(
    "said",
    [
        "Hypothetically, if we gave up the Android app and used only a cloud API, would that change it?",
        "What if we put a cloud API in place of the Android app?",
    ],
)
def test_a_what_if_that_gives_something_up_drops_it(chat: Chat, said: str) -> None:
    advised(chat)
    chat.say(said)
    assert chat.state.proposed is not None
    assert chat.state.proposed["deployment"] == ["server"]


@pytest.mark.parametrize(
    "said",
    [
        "Scenario: we add a cloud API beside the app. Impact on the recommendation?",
        "if the phones changed to iPhones, does the recommendation hold?",
    ],
)
def test_the_advisors_own_recommendation_names_no_recommender_system(chat: Chat, said: str) -> None:
    advised(chat)
    use_case = chat.state.answers["use_case"]
    chat.say(said)
    assert chat.state.proposed is not None
    assert chat.state.proposed["use_case"] == use_case


@pytest.mark.parametrize(
    ("said", "step_id", "value"),
    [
        ("what if we also had to support iOS?", "deployment", ["android", "ios"]),
        (
            "what if it also had to run on cheap android phones and in the browser?",
            "deployment",
            ["android", "browser"],
        ),
        ("and if we also had to train on CPUs because of budget cuts?", "hardware", ["nvidia", "cpu"]),
    ],
)
def test_a_priority_word_in_a_what_if_describes_what_it_changes(
    chat: Chat, said: str, step_id: str, value: list[str]
) -> None:
    advised(chat)  # "nothing else" matters
    chat.say(said)
    assert chat.state.proposed is not None and chat.state.proposed[step_id] == value
    assert chat.state.proposed["priorities"] == ["nothing_else"], "'support', 'cheap', 'budget' only describe it"


def test_a_what_if_about_a_priority_alone_changes_it(chat: Chat) -> None:
    advised(chat)
    chat.say("what if cost mattered most?")
    assert chat.state.proposed is not None
    assert chat.state.proposed["priorities"] == ["cost"], "'nothing else' does not stay beside it"


def test_a_what_if_that_only_drops_an_answer_weighs_the_rest(chat: Chat) -> None:
    """Transcript: ... (deployment: Android app, Web browser) ... bot> (recommendation)
    user> what if we dropped the web part?
    bot> If Deployment were *Android app* (instead of Android app, Web browser) ..."""
    advised(
        chat, ["we are 3 pytorch devs shipping an android app and a web demo in 6 weeks", *PYTORCH_ANDROID_TEAM[1:]]
    )
    assert chat.state.answers["deployment"] == ["android", "browser"]
    chat.say("what if we dropped the web part?")
    assert chat.state.proposed is not None and chat.state.proposed["deployment"] == ["android"]


def test_dropped_one_and_went_another_rules_out_only_the_first(chat: Chat) -> None:
    advised(chat)  # an Android app
    chat.say("what if we dropped android and went iOS only?")
    assert chat.state.proposed is not None and chat.state.proposed["deployment"] == ["ios"]


@pytest.mark.parametrize(
    ("said", "step_id", "value"),
    [
        ("and for a coral edge tpu?", "deployment", ["android", "coral"]),
        # (a what-if's training hardware is supposed instead of the GPUs: hardware's supposed_instead)
        ("and with tpus?", "hardware", ["tpu"]),
        ("and with an ios app?", "deployment", ["android", "ios"]),
        ("waht if we had tpus", "hardware", ["tpu"]),
        ("Supposing we also shipped on iPads, what then?", "deployment", ["android", "ios"]),
    ],
)
def test_a_bare_option_asked_about_after_the_advice_is_a_what_if(
    chat: Chat, said: str, step_id: str, value: list[str]
) -> None:
    advised(chat)
    chat.say(said)
    assert chat.state.proposed is not None and chat.state.proposed[step_id] == value


def test_a_framework_asked_about_after_the_advice_is_a_question_not_a_what_if(chat: Chat) -> None:
    advised(chat)
    chat.say("pytorch?")
    assert chat.state.proposed is None


@pytest.mark.parametrize(
    "said",
    [
        "One more thing: our intern now uses PyTorch too, he learned it this autumn.",
        "I forgot to say: my colleague knows PyTorch, she joined us in September.",
    ],
)
def test_a_time_word_beside_a_fact_after_the_advice_is_no_new_deadline(chat: Chat, said: str) -> None:
    advised(chat)  # six weeks
    chat.say(said)
    proposed = chat.state.proposed or chat.state.answers
    assert proposed["timeline"] == ["quarter"], "'now', 'this autumn', 'in September' date the fact"


@pytest.mark.parametrize(
    "said",
    [
        "Counterfactual: we get a TPU allocation through research credits. Does that flip it?",
        "Now say we had TPUs from a research grant, would that change it?",
    ],
)
def test_a_counterfactual_and_now_say_are_what_ifs(chat: Chat, said: str) -> None:
    advised(chat)
    chat.say(said)
    assert chat.state.proposed is not None and "tpu" in chat.state.proposed["hardware"]


def test_a_machine_stolen_after_the_advice_is_ruled_out(chat: Chat) -> None:
    advised(
        chat,
        [
            "we are 3 pytorch devs shipping an android app in 6 weeks",
            *PYTORCH_ANDROID_TEAM[1:3],
            "nvidia gpus and a macbook",
            *PYTORCH_ANDROID_TEAM[4:],
        ],
    )
    assert chat.state.answers["hardware"] == ["nvidia", "apple"]
    chat.say("Ah, I forgot: the MacBook was stolen in September.")
    assert (chat.state.proposed or chat.state.answers)["hardware"] == ["nvidia"]


def test_a_project_noun_said_in_passing_after_the_advice_is_no_new_project(chat: Chat) -> None:
    """Transcript: ... bot> (recommendation for an image classifier)
    user> Oh, my son-in-law is reading over my shoulder: we also have a thesis student helping now.
    bot> (no what-if about a research project)"""
    advised(chat)
    chat.say("Oh, my son-in-law is reading over my shoulder: we also have a thesis student helping now.")
    assert (chat.state.proposed or chat.state.answers)["use_case"] == ["vision"]


def test_naming_the_question_after_the_advice_still_changes_the_project(chat: Chat) -> None:
    advised(chat)
    chat.say("what if the use case was text classification of support tickets instead?")
    assert chat.state.proposed is not None and chat.state.proposed["use_case"] == ["nlp"]


@pytest.mark.parametrize(
    ("said", "timeline"),
    [
        ("Ah, I forgot: the MacBook was stolen in September.", ["quarter"]),  # dates the theft
        ("For the record, it has to be running for next winter's season, roughly a year from now.", ["long"]),
        ("the launch moved: the fair in july instead", ["long"]),
    ],
)
def test_what_dates_a_deadline_after_the_advice(chat: Chat, said: str, timeline: list[str]) -> None:
    advised(chat)  # six weeks
    chat.say(said)
    assert (chat.state.proposed or chat.state.answers)["timeline"] == timeline


def test_now_in_a_longer_statement_after_the_advice_is_no_deadline(chat: Chat) -> None:
    advised(chat)  # six weeks
    chat.say("Will it also write in Spanish? We have many Spanish visitors now.")
    assert (chat.state.proposed or chat.state.answers)["timeline"] == ["quarter"]


def test_a_negation_stops_at_a_clause_of_its_own_with_we_re(chat: Chat) -> None:
    advised(
        chat,
        [
            "we are 3 pytorch devs shipping an android app in 6 weeks",
            *PYTORCH_ANDROID_TEAM[1:3],
            "nvidia gpus and google tpus",
            *PYTORCH_ANDROID_TEAM[4:],
        ],
    )
    chat.say("Suppose the TPU grant isn't renewed and we're on the A6000s alone, does it flip?")
    assert (chat.state.proposed or chat.state.answers)["hardware"] == ["nvidia"]


@pytest.mark.parametrize(
    ("said", "timeline"),
    [("what if we needed it by end of the week, mate?", ["asap"]), ("and if we had a whole year to do it", ["long"])],
)
def test_end_of_the_week_and_a_whole_year_in_what_ifs(chat: Chat, said: str, timeline: list[str]) -> None:
    advised(chat)
    chat.say(said)
    assert chat.state.proposed is not None and chat.state.proposed["timeline"] == timeline


@pytest.mark.parametrize(
    "said",
    [
        "no",
        "nope",
        "no, stay with android, don't change",
        "no no, keep it like it was, the android app",
        "nah keep the android app, don't change it",
        "keep it as is",
        # (dev52, dev61, dev78) a never mind or an OK-no declines it too
        "ok nvm, no need change anything",
        "ok never mind keep it as it is",
        "ok no, keep android. mai pen rai",
        "never mind",
    ],
)
def test_a_no_to_a_what_if_keeps_the_original_answers(chat: Chat, said: str) -> None:
    advised(chat)
    chat.say("what if we had to run on a microcontroller instead?")
    assert chat.state.proposed is not None
    before = {k: list(v) for k, v in chat.state.answers.items()}
    replies = chat.say(said)
    assert any(isinstance(r, Say) and "stays *PyTorch*" in r.text for r in replies), replies
    assert chat.state.proposed is None
    assert chat.state.answers == before and chat.state.answers["deployment"] == ["android"]


@pytest.mark.parametrize("said", ["yes", "yes please"])
def test_a_yes_to_a_what_if_takes_the_new_answers(chat: Chat, said: str) -> None:
    advised(chat)
    chat.say("what if we had to run on a microcontroller instead?")
    replies = chat.say(said)
    assert chat.state.answers["deployment"] == ["microcontroller"] and chat.state.proposed is None
    assert [r.recommendation.verdict for r in replies if isinstance(r, Advise)] == ["tensorflow"]


def test_a_new_what_if_after_a_what_if_is_weighed_not_taken_for_a_no(chat: Chat) -> None:
    advised(chat)
    chat.say("what if we had to run on a microcontroller instead?")
    chat.say("no, what if it ran on iOS instead?")
    assert chat.state.proposed is not None and chat.state.proposed["deployment"] == ["ios"]
    assert chat.state.answers["deployment"] == ["android"]


def test_a_no_ruling_out_the_new_option_keeps_the_original_answers(chat: Chat) -> None:
    advised(chat)
    chat.say("what if we had to run on a microcontroller instead?")
    chat.say("nah, no microcontroller after all")
    assert chat.state.proposed is None and chat.state.answers["deployment"] == ["android"]


def test_a_what_if_calling_an_option_a_disaster_rules_it_out(chat: Chat) -> None:
    advised(chat)
    chat.say("what if the nvidia gpus are a disaster and we swap to TPUs?")
    assert chat.state.proposed is not None and chat.state.proposed["hardware"] == ["tpu"]


@pytest.mark.parametrize(
    ("said", "hardware"),
    [
        ("what if finance takes the GPUs away and we're left with CPUs?", ["cpu"]),
        ("and if the GPU box dies and we're stuck on CPUs for a year?", ["cpu"]),
        ("what if we lose the A100s and have to train on AMD cards instead", ["amd"]),
    ],
)
def test_a_what_if_taking_the_hardware_away_puts_the_new_one_in_its_place(
    chat: Chat, said: str, hardware: list[str]
) -> None:
    advised(chat)
    chat.say(said)
    assert chat.state.proposed is not None and chat.state.proposed["hardware"] == hardware
    assert chat.state.answers["hardware"] == ["nvidia"]


def test_a_what_if_ruling_out_the_only_answer_weighs_it_as_not_known(chat: Chat) -> None:
    advised(chat)
    offer = only_answer(chat.say("what if finance takes the GPUs away?"))
    assert "Training hardware: *not sure" in offer.text and "instead of NVIDIA GPUs" in offer.text
    assert "matches what you told me" not in offer.text
