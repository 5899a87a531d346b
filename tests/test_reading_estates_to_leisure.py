"""What the voices of estate agents, music labels, funeral services, bakeries, building maintenance
contractors and leisure parks (dev165-dev170, written by helpers who never saw the vocabulary files)
taught the reader.

Each case is a transcript of one turn: where the conversation stands, what the person typed, and
what the advisor then holds."""

from __future__ import annotations

import pytest

from bot.dialogue import Advisor
from bot.state import Said, State
from tests.conftest import TODAY
from tests.test_reading_faith_and_telecom import ANSWERS as RECAPPED


@pytest.mark.parametrize(
    ("pending", "before", "said", "answers"),
    [
        # what someone knew once and says they have lost is no skill
        pytest.param(
            "skills",
            {},
            "mostly SQL and pandas tbh. i did a bit of tensorflow at uni in like 2019 "
            "but i've forgotten every bit of it lol",
            {"skills": ["python"]},
            id="forgotten-every-bit",
        ),
        pytest.param(
            "skills",
            {},
            "me n ewan both pytorch mainly. i did a wee bit of tf 1.x at uni years ago but wouldnt count that tbh",
            {"skills": ["pytorch"]},
            id="wouldnt-count-that",
        ),
        pytest.param(
            "hardware",
            {},
            "We train on the CSCS cluster in Lugano, A100 nodes. "
            "I debug on my MacBook M3 but I would not call that training.",
            {"hardware": ["nvidia"]},
            id="would-not-call-that-training",
        ),
        pytest.param(
            "hardware",
            {},
            "TPU v5e on GCP, as mentioned. We also have a couple of A100 nodes reserved, "
            "but those belong to the quality team.",
            {"hardware": ["tpu"]},
            id="those-belong-to-another-team",
        ),
        # "none of us have ever used": six words of denial
        pytest.param(
            "existing_stack",
            {},
            "For clarity, none of us have ever used TensorFlow",
            {},
            id="none-of-us-have-ever-used",
        ),
        pytest.param(
            "deployment",
            {},
            "on small boxes at each venue \u2014 we were thinking Jetson Orin Nano because 4G at festivals "
            "is terrible, we cannot send the video to the cloud",
            {"deployment": ["jetson"]},
            id="cannot-send-the-video-to-the-cloud",
        ),
        # a dashboard people look at is a client of where the model runs
        pytest.param(
            "deployment",
            {},
            "Jetson at the venues, and a dashboard for the security team in the browser",
            {"deployment": ["jetson"]},
            id="a-dashboard-in-the-browser",
        ),
        # trade words that name no option
        pytest.param("priorities", {}, "Hiring is not relevant, the team is stable.", {}, id="the-team-is-stable"),
        pytest.param(
            "priorities",
            {},
            "Is cost the same thing as licence fees? Both frameworks are free, I believe.",
            {},
            id="frameworks-are-free",
        ),
        pytest.param(
            "deployment",
            {},
            "can TFLite Micro models even be made from pytorch now? heard something about ai-edge-torch",
            {},
            id="ai-edge-torch",
        ),
        pytest.param("use_case", {}, "yes yes, hello. let's be quick.", {}, id="lets-be-quick"),
        pytest.param(
            "existing_stack",
            {},
            "my cousin built the appointment page on our website and there's some tensorflow javascript thing in it",
            {"existing_stack": ["tfjs_app"]},
            id="tensorflow-javascript",
        ),
        # "ano" asks what, in Tagalog
        pytest.param("existing_stack", {}, "Ano yung TFLite? sorry po not familiar", {}, id="ano-yung"),
        # the months in which nothing is due are no deadline
        pytest.param(
            "timeline",
            {},
            "certainly nothing due in the next three months, no deadline pressure at all",
            {"timeline": ["long"]},
            id="nothing-due-in-three-months",
        ),
        # "not on our MacBooks": whose they are, still ruled out
        pytest.param(
            "hardware",
            {},
            "We have TPU quota on Google Cloud, v5e. Not on our MacBooks, obviously.",
            {"hardware": ["tpu"]},
            id="not-on-our-macbooks",
        ),
        pytest.param(
            "hardware",
            {},
            "A10Gs on AWS, g5 instances. my MacBook M3 for prototyping but that doesn't count",
            {"hardware": ["nvidia"]},
            id="that-doesnt-count",
        ),
        pytest.param(
            "hardware",
            {},
            "The laptops are Windows but nobody's training anything on those, to be clear.",
            {},
            id="nobody-trains-on-those",
        ),
        pytest.param(
            "use_case",
            {"use_case": ["nlp"]},
            "Not LLMs though, at least not now \u2014 my boss is sceptical about generative stuff.",
            {"use_case": ["nlp"]},
            id="sceptical-about",
        ),
        pytest.param(
            "priorities",
            {},
            "Inference speed isn't a worry \u2014 a few hundred milliseconds is fine at a till.",
            {},
            id="not-a-worry",
        ),
        pytest.param(
            "deployment",
            {},
            "android, 95% of our users are on cheap redmi/realme phones. iOS not now. also has to work offline",
            {"deployment": ["android"]},
            id="ios-not-now",
        ),
        pytest.param(
            "use_case",
            {},
            "ok so this one is ANPR at the toll plazas, reading plates when the FASTag read fails",
            {"use_case": ["vision"]},
            id="anpr",
        ),
        pytest.param(
            "skills",
            {},
            "just me on ML, M2 student, I use PyTorch for my courses",
            {"skills": ["pytorch"]},
            id="an-m2-student",
        ),
        pytest.param(
            "deployment",
            {},
            "ok then: the model itself should run on an ESP32-S3 inside each machine, only alerts go up to our cloud",
            {"deployment": ["microcontroller"]},
            id="only-alerts-go-up",
        ),
        pytest.param(
            "deployment",
            {},
            "definitely not a website tho, I don't want our cave photos online",
            {},
            id="photos-online",
        ),
        # the rewrite is the project: its date is the deadline
        pytest.param(
            "timeline", {}, "no rush, the rewrite is planned for H2 2027", {"timeline": ["long"]}, id="the-rewrite"
        ),
        # a doubt, and someone signing off: no speech project
        pytest.param(
            "timeline",
            {},
            "Not sure to be honest, it depends on the DPO signing off",
            {"timeline": ["unsure"]},
            id="signing-off",
        ),
        pytest.param(
            "skills",
            {},
            "umm none of us really know ML haha. I can do a bit of python in Jupyter tho",
            {"skills": ["beginners", "python"]},
            id="none-of-us-really-know-ml",
        ),
        pytest.param(
            "use_case",
            {},
            "Mostly matching DSP usage reports to our works catalogue. It's all giant tables from Spotify statements.",
            {"use_case": ["tabular"]},
            id="giant-tables",
        ),
        pytest.param(
            "deployment",
            {},
            "In the cloud, behind our website chat and WhatsApp. "
            "Not inside the browser, many visitors have old phones.",
            {"deployment": ["server"]},
            id="visitors-have-old-phones",
        ),
        # "no training from scratch" uses a model as it is: no word on a stack started afresh
        pytest.param(
            "use_case",
            {},
            "I want to run an off-the-shelf document model to pull the fields out, no training from scratch, "
            "just use what's out there. it'd sit in our Azure tenant as an API",
            {"use_case": ["pretrained_only"], "deployment": ["server"]},
            id="no-training-from-scratch",
        ),
        # news of one new person adds, even where the question is named
        pytest.param(
            "timeline",
            {"skills": ["keras"]},
            "correction on the skills bit, turns out the new IT lad knows pytorch quite well",
            {"skills": ["keras", "pytorch"]},
            id="the-new-it-lad",
        ),
        # a correction headed with another question speaks of that one only: not the one asked,
        # nor the date of the change it reports
        pytest.param(
            "timeline",
            {"hardware": ["nvidia", "windows"]},
            "Correction to hardware: the 4090 workstation gets Ubuntu next week, Windows goes away.",
            {"hardware": ["nvidia"]},
            id="correction-to-hardware-next-week",
        ),
        pytest.param(
            "existing_stack",
            {"skills": ["tensorflow", "pytorch"]},
            "Correction to the skills: I wrote that TF1 code eight years ago, but honestly I don't know modern "
            "TensorFlow. Please take TensorFlow out.",
            {"skills": ["pytorch"]},
            id="correction-to-the-skills",
        ),
        pytest.param(
            "timeline",
            {"hardware": ["nvidia", "apple"]},
            "Correction on hardware: add Apple, half of us prototype on M2 Max MacBooks. No production date, >1 yr.",
            {"hardware": ["nvidia", "apple"], "timeline": ["long"]},
            id="a-later-sentence-still-dates",
        ),
        pytest.param(
            "use_case",
            {},
            "hiya, so we're a bakery chain and the idea is recomending products in our loyalty app",
            {"use_case": ["recsys"]},
            id="a-loyalty-app",
        ),
        # spectrograms are sound, whatever network reads them
        pytest.param(
            "use_case",
            {},
            "Audio fingerprinting and cover/remix detection on DJ mixes and UGC uploads. Spectrogram CNNs mostly.",
            {"use_case": ["audio"]},
            id="spectrogram-cnns",
        ),
    ],
)
def test_what_a_turn_stores_while_a_question_is_asked(
    advisor: Advisor, pending: str, before: dict[str, list[str]], said: str, answers: dict[str, list[str]]
) -> None:
    after, _ = advisor.turn(State(phase="asking", pending=pending, answers=dict(before)), Said(said), TODAY)
    assert after.answers == answers


def test_a_question_after_a_pause_asks(advisor: Advisor) -> None:
    state = State(phase="asking", pending="skills")
    assert advisor.read("hang on, what's keras", state, TODAY).kind == "question"
    after, _ = advisor.turn(state, Said("hang on, what's keras"), TODAY)
    assert after.answers == {}


def test_recommend_away_at_the_recap_confirms_and_changes_nothing(advisor: Advisor) -> None:
    state = State(phase="confirming", answers=dict(RECAPPED))
    assert advisor.read("ok fine, recommend away", state, TODAY).command == "confirm"
    after, _ = advisor.turn(state, Said("ok fine, recommend away"), TODAY)
    assert after.phase == "advised" and after.answers == RECAPPED


@pytest.mark.parametrize(
    "said",
    [
        "Bhai jaldi chahiye, FSSAI audit 15 December ko hai",
        "ek minute, mera manager puch raha hai ki kya yeh offline bhi chalega iPad pe",
        "team ko tensorflow aur keras achhe se aata hai, do log thoda pytorch bhi jaante hain",
        "yaar colab pro lena padega shayad, free wala bahut disconnect hota hai",
        # (a greeting in English is no English clause of its own)
        "hi team, hamein JNPT ke truckers ki booking calls transcribe karni hai, log Hindi-English mix mein baat "
        "karte hain",
    ],
)
def test_hindi_written_in_our_alphabet_is_another_language(advisor: Advisor, said: str) -> None:
    state = State(phase="asking", pending="timeline")
    assert advisor.read(said, state, TODAY).kind == "other_language"
    after, replies = advisor.turn(state, Said(said), TODAY)
    assert after.answers == {} and after.pending == "timeline"
    assert sum("English" in str(reply) for reply in replies) == 1


@pytest.mark.parametrize(
    ("said", "stored"),
    [
        # an English clause of its own is read, whatever Hindi is around it
        ("then greenfield for ML, abhi tak sab rules-based hai", ["greenfield"]),
        # a few Hindi words in English are English
        ("nothing in prod yet, sab kuch new hai for us", ["greenfield"]),
    ],
)
def test_english_with_some_hindi_is_read(advisor: Advisor, said: str, stored: list[str]) -> None:
    after, _ = advisor.turn(State(phase="asking", pending="existing_stack"), Said(said), TODAY)
    assert after.answers.get("existing_stack") == stored


EVERY_ANSWER = {
    "use_case": ["vision"],
    "skills": ["pytorch"],
    "existing_stack": ["tf_production"],
    "deployment": ["server", "batch"],
    "hardware": ["nvidia"],
    "timeline": ["half_year"],
    "priorities": ["cost"],
}


@pytest.mark.parametrize(
    ("said", "changed"),
    [
        # a target being killed goes
        ("correction: nightly batch is getting killed, API only going forward", {"deployment": ["server"]}),
        # what would not exist, and a start afresh
        (
            "what if the invoice scanning TF thing didn't exist, i.e. we were starting totally fresh",
            {"existing_stack": ["greenfield"]},
        ),
    ],
)
def test_what_a_change_after_the_advice_would_hold(advisor: Advisor, said: str, changed: dict[str, list[str]]) -> None:
    after, _ = advisor.turn(State(phase="advised", answers=dict(EVERY_ANSWER)), Said(said), TODAY)
    assert after.answers == EVERY_ANSWER
    assert after.proposed == {**EVERY_ANSWER, **changed}


def test_a_little_linux_nuc_the_recap_is_missing_is_one_more_edge_box(advisor: Advisor) -> None:
    state = State(phase="confirming", answers=dict(EVERY_ANSWER, deployment=["server"]))
    said = "deployment's missing the on-site box - ok decided, yes, a little linux NUC at each of the branches"
    after, _ = advisor.turn(state, Said(said), TODAY)
    assert after.answers["deployment"] == ["server", "edge_linux"]


@pytest.mark.parametrize(
    ("pending", "said"),
    [
        ("hardware", "honestly not sure?? I think the team uses V100s or TPUs, idk"),
        (
            "deployment",
            "it needs tae pop up in the agent desktop which is a web thing, so browser? or a server? dunno mate",
        ),
    ],
)
def test_a_guess_between_two_beside_a_doubt_is_a_doubt(advisor: Advisor, pending: str, said: str) -> None:
    after, _ = advisor.turn(State(phase="asking", pending=pending), Said(said), TODAY)
    assert after.answers == {pending: ["unsure"]}


def test_not_knowing_what_to_pick_is_a_doubt_about_this_question_only(advisor: Advisor) -> None:
    # (where "just tell me which to use" asks for the advice now: tests/test_command_second_thoughts.py)
    reading = advisor.read("not sure what to pick tbh", State(phase="asking", pending="priorities"), TODAY)
    assert reading.command == "unsure"
