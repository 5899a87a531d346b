"""What the voices of schools, charities, sports data firms, cosmetics brands, recycling plants and
pharmaceutical manufacturers (dev153-dev158, written by helpers who never saw the vocabulary files)
taught the reader.

Each case is a transcript of one turn: where the conversation stands, what the person typed, and
what the advisor then holds."""

from __future__ import annotations

import pytest

from bot.dialogue import Advisor
from bot.state import Said, State
from tests.conftest import TODAY
from tests.test_reading_faith_and_telecom import ANSWERS as EVERY_ANSWER


@pytest.mark.parametrize(
    ("step", "said", "stored"),
    [
        # a priority said to matter less is no priority
        pytest.param(
            "priorities", "Cost is less of a concern, the exam board is fairly well funded.", [], id="less-of-a-concern"
        ),
        pytest.param(
            "priorities",
            "Long-term support is essential for us, and cost. Inference speed is less critical.",
            ["long_term", "cost"],
            id="less-critical",
        ),
        # "no training on macs": no training done on them
        pytest.param("hardware", "no TPUs, no training on macs, just the RTX box", ["nvidia"], id="no-training-on"),
        # a budget said to be nothing is the cost that matters, not a team new to ML
        pytest.param(
            "skills",
            "fyi budget is basically zero, this is coming out of leftover ESSER money",
            [],
            id="budget-is-zero",
        ),
        # "server vs batch - what's the distinction" asks, naming the two it asks about
        pytest.param("deployment", "server vs batch \u2014 what's the distinction for you", [], id="x-vs-y-asked"),
        # a phone that only gets the alert is no target
        pytest.param(
            "deployment",
            "ok we go with small ESP32 boards with mic on each press, alert goes to supervisor phone by wifi",
            ["microcontroller"],
            id="alert-goes-to-the-phone",
        ),
        pytest.param(
            "skills",
            "TensorFlow and Keras. Our existing models are Keras 2. "
            "I play with JAX privately but the team does not use it.",
            ["tensorflow", "keras"],
            id="the-team-does-not-use-it",
        ),
        pytest.param(
            "use_case",
            "To be clear, it's generating feedback text, not just producing a mark.",
            ["llm"],
            id="generating-text",
        ),
        # words of other trades that name no option
        pytest.param("hardware", "not sure, mgmt still deciding the GPU budget", ["unsure"], id="the-gpu-budget"),
        pytest.param(
            "use_case",
            "Speech. Real-time transcription of calls in PT-PT and PT-BR to feed our agent-assist screen.",
            ["audio"],
            id="pt-pt-is-portuguese",
        ),
        pytest.param(
            "deployment",
            "On small Linux boxes at each site (Intel NUCs, no GPU), "
            "because latency to the cloud from Luanda is horrible.",
            ["edge_linux"],
            id="latency-to-the-cloud",
        ),
        pytest.param("priorities", "hiring this time, we've gotta grow the team fast", ["hiring"], id="grow-fast"),
        pytest.param(
            "deployment",
            "server only, in state data centre. call takers open it as web page inside CAD",
            ["server"],
            id="opened-as-a-web-page",
        ),
        # whether an option is still there, asked, is no answer
        pytest.param("deployment", "Coral still sold? Google stop the Coral?", [], id="still-sold"),
        # where results are only shown, the model runs on the server
        pytest.param(
            "deployment",
            "Recommendations are shown in the app (iOS and Android) and on the website, but computed on our servers",
            ["server"],
            id="shown-in-the-app-computed-on-servers",
        ),
        pytest.param(
            "deployment",
            "server, behind our VPN. the briefing shows up in the dashboard in the browser but that's just text",
            ["server"],
            id="shows-up-in-the-dashboard",
        ),
        pytest.param(
            "deployment",
            "this one just runs on a server, the girls in the office use it thru a web page",
            ["server"],
            id="used-thru-a-web-page",
        ),
        # ruled out in other words
        pytest.param(
            "hardware",
            "work laptop's a macbook but i'm no training on that, it sounds like a jet engine already",
            [],
            id="no-training-on-that",
        ),
        pytest.param(
            "deployment",
            "android only for now. iOS nahi, our clients' field staff all use cheap android phones",
            ["android"],
            id="nahi",
        ),
        pytest.param(
            "hardware", "not AMD please, bad experience with ROCm in my last job", [], id="bad-experience-with"
        ),
        # (a phrase opening with its own "no" still denies only itself)
        pytest.param("hardware", "no GPUs in the server room, CPU only", ["cpu"], id="no-gpus-in-the-room"),
    ],
)
def test_what_the_question_asked_holds(advisor: Advisor, step: str, said: str, stored: list[str]) -> None:
    after, _ = advisor.turn(State(phase="asking", pending=step), Said(said), TODAY)
    assert after.answers.get(step, []) == stored


@pytest.mark.parametrize(
    ("said", "due"),
    [
        # a date said to be the dream gives way to the one realistically due
        ("Boxing Day test would be the dream but realistically the start of the AFL season, mid March", "half_year"),
        # a wish with no date of its own gives its word of delivery to the date after it, however
        # approximate ("the Tour is in july" only says when the Tour is)
        ("the Tour is in july but we want it for the spring classics, so end of march more or less", "half_year"),
        # a date said to be gone is no deadline
        ("we wanted before diwali but that's gone \U0001f602 now target is 15 jan", "quarter"),
        # the sum the person makes of the dates before is the one to go by
        ("trustees meet early March and I'd love to show live results by then, so roughly 3 months", "quarter"),
        # what the person concludes, after "so", is the date to go by
        ("the launch is in march 2027 but model must be freeze 2 months before, so mid january", "quarter"),
        ("Launch is with the summer 2027 sets, so it needs to be done by about May", "half_year"),
        # (a bound concluded is no date: "> 6 months" is more than six months)
        ("first results we'd want by next autumn, so > 6 months anyway", "long"),
        # an earlier date said plainly is the one due; "before" the later event only says why
        ("mid-feb. before spring survey season", "quarter"),
        ("march end, before summer peak generation", "half_year"),
        # (not a date out of reach, said as a sentence of its own)
        ("black friday is now, too late. target: before valentine's day", "quarter"),
        # (nor does an earlier date that is a sentence of its own, not a date standing alone)
        ("before valentines!! feb 14 is our biggest after christmas", "quarter"),
    ],
)
def test_the_date_due_among_several(advisor: Advisor, said: str, due: str) -> None:
    after, _ = advisor.turn(State(phase="asking", pending="timeline"), Said(said), TODAY)
    assert after.answers.get("timeline") == [due]


def test_a_question_passed_on_from_a_colleague_stores_nothing(advisor: Advisor) -> None:
    state = State(phase="advised", answers=dict(EVERY_ANSWER))
    said = "our dev asks if tensorflow.js is still maintained in 2026"
    reading = advisor.read(said, state, TODAY)
    after, _ = advisor.turn(state, Said(said), TODAY)
    assert reading.kind == "question"
    assert after.answers == state.answers and after.proposed is None
    # (what the team wants to know is what the model is for; a what-if passed on is still one)
    asked = State(phase="asking", pending="use_case")
    hops = "we want to know when the hops in the kiln are dry enough from the temperature and humidity sensors"
    assert advisor.read(hops, asked, TODAY).kind == "answer"
    gerard = "Gerard wants to know what happens if we throw out the old TensorFlow code and start fresh"
    legacy = State(phase="advised", answers=dict(EVERY_ANSWER, existing_stack=["tf1_legacy"]))
    supposed, _ = advisor.turn(legacy, Said(gerard), TODAY)
    assert supposed.proposed is not None and supposed.proposed["existing_stack"] == ["greenfield"]


def test_a_deadline_pushed_back_is_news_of_the_deadline_not_a_step_back(advisor: Advisor) -> None:
    state = State(phase="advised", answers=dict(EVERY_ANSWER))
    said = "Update from the board: go-live has been pushed back to September, ready for the new academic year."
    reading = advisor.read(said, state, TODAY)
    assert reading.command is None
    assert not reading.found  # ("academic year" is no research)
    assert reading.weeks is not None and reading.weeks > 26


def test_one_more_thing_for_a_named_question_adds_to_it(advisor: Advisor) -> None:
    answers = dict(EVERY_ANSWER, skills=["beginners", "python"])
    said = "One more thing for the skills: a colleague did a Keras course last year"
    after, _ = advisor.turn(State(phase="confirming", answers=dict(answers)), Said(said), TODAY)
    assert after.answers["skills"] == ["beginners", "python", "keras"]


def test_hiring_a_mobile_developer_adds_hiring_and_no_phone_target(advisor: Advisor) -> None:
    state = State(phase="advised", answers=dict(EVERY_ANSWER))
    said = "oh and we'll have to hire a mobile ML dev next year, so add hiring"
    after, _ = advisor.turn(state, Said(said), TODAY)
    # (told after the advice, the change is offered as a what-if first)
    assert after.proposed is not None
    assert after.proposed["deployment"] == ["server"]
    assert after.proposed["priorities"] == ["hiring"]


def test_what_a_salesman_said_is_no_answer(advisor: Advisor) -> None:
    said = "is AMD ok for this? the guy at the store said NVIDIA is better"
    after, _ = advisor.turn(State(phase="asking", pending="hardware"), Said(said), TODAY)
    assert "nvidia" not in after.answers.get("hardware", [])


def test_what_someone_else_asked_and_when_a_machine_arrives_change_nothing(advisor: Advisor) -> None:
    state = State(phase="advised", answers=dict(EVERY_ANSWER))
    for said in (
        "lol our intern asked if tensorflow is a yoga pose 😂",
        "Small update: the ICB is funding a Windows workstation for me to train on, arrives in January",
    ):
        after, _ = advisor.turn(state, Said(said), TODAY)
        assert after.answers == state.answers
        assert after.proposed is None or after.proposed["timeline"] == ["half_year"], said
        assert after.proposed is None or after.proposed["skills"] == ["python"], said


def test_what_the_job_market_has_is_no_skill_of_the_team(advisor: Advisor) -> None:
    state = State(phase="advised", answers=dict(EVERY_ANSWER))
    said = "one more thing: hiring is a big deal, the Madrid market has way more pytorch people"
    after, _ = advisor.turn(state, Said(said), TODAY)
    assert after.proposed is not None
    assert after.proposed["priorities"] == ["hiring"] and after.proposed["skills"] == ["python"]


SKILLS_BEFORE = {"skills": ["beginners", "python"]}


@pytest.mark.parametrize(
    ("pending", "before", "said", "answers"),
    [
        # a budget said to be nothing is the cost that matters, not a team new to ML
        pytest.param(
            "skills",
            {},
            "fyi budget is basically zero, this is coming out of leftover ESSER money",
            {"priorities": ["cost"]},
            id="budget-is-zero",
        ),
        # a machine booked solid is taken out, the rest kept
        pytest.param(
            "timeline",
            {"hardware": ["nvidia", "cpu"]},
            "actually scratch the CPU bit, the Xeons are booked solid with timetable runs overnight. GPU only.",
            {"hardware": ["nvidia"]},
            id="booked-solid",
        ),
        pytest.param(
            "deployment", {"deployment": ["server"]}, "Android neither.", {"deployment": ["server"]}, id="neither"
        ),
        pytest.param(
            "use_case",
            {},
            "Speech. Real-time transcription of calls in PT-PT and PT-BR to feed our agent-assist screen.",
            {"use_case": ["audio"]},
            id="pt-pt-is-portuguese-not-pytorch",
        ),
        pytest.param(
            "timeline", {}, "not AMD please, bad experience with ROCm in my last job", {}, id="bad-experience-with-rocm"
        ),
        # news of one person adds to the skills, asked or named
        pytest.param(
            "skills",
            SKILLS_BEFORE,
            "oh wait my manager knows keras a little, she did a coursera thing",
            {"skills": ["beginners", "python", "keras"]},
            id="my-manager-knows",
        ),
        pytest.param(
            "skills",
            SKILLS_BEFORE,
            "oh wait, Karthik in my team did pytorch in his masters, he is quite good actually",
            {"skills": ["beginners", "python", "pytorch"]},
            id="in-my-team",
        ),
        pytest.param(
            "skills",
            SKILLS_BEFORE,
            "Actually my cousin who helps us part time is doing keras in his MCA, he can help",
            {"skills": ["beginners", "python", "keras"]},
            id="my-cousin",
        ),
        pytest.param(
            "existing_stack",
            {"skills": ["pytorch"]},
            "Correction to skills: our new mobile lead knows TensorFlow well, she built our current on-device model.",
            {"skills": ["pytorch", "tensorflow"]},
            id="named-and-of-one-person",
        ),
        # (a correction of the answer itself still replaces it, and one who only reports corrects)
        pytest.param("skills", SKILLS_BEFORE, "wait, keras", {"skills": ["keras"]}, id="wait-replaces"),
        pytest.param(
            "hardware",
            {"deployment": ["server"]},
            "Correction: my colleague says the inference will run on a small Linux PC at each scan station, "
            "not in the data centre.",
            {"deployment": ["edge_linux"]},
            id="one-who-reports-corrects",
        ),
        # a framework some are studying, an intern learning, or tried in passing is no skill yet
        pytest.param(
            "skills",
            {},
            "We use TensorFlow and Keras. Some members are studying PyTorch now.",
            {"skills": ["tensorflow", "keras"]},
            id="studying",
        ),
        pytest.param(
            "skills",
            {},
            "my team: 3 devs who know tensorflow 2 and keras pretty well, one intern learning pytorch",
            {"skills": ["tensorflow", "keras"]},
            id="intern-learning",
        ),
        pytest.param(
            "skills",
            {},
            "tf/keras mostly. one colleague played with pytorch at uni but nothing serious",
            {"skills": ["tensorflow", "keras"]},
            id="nothing-serious",
        ),
    ],
)
def test_what_a_turn_stores_while_a_question_is_asked(
    advisor: Advisor, pending: str, before: dict[str, list[str]], said: str, answers: dict[str, list[str]]
) -> None:
    after, _ = advisor.turn(State(phase="asking", pending=pending, answers=dict(before)), Said(said), TODAY)
    assert after.answers == answers
