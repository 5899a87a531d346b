"""What the voices of car dealers (dev146) and of pharmacies, insurers, film studios, libraries,
vets and architects (dev147-dev152, written by helpers who never saw the vocabulary files) taught
the reader.

Each case is a transcript of one turn: where the conversation stands, what the person typed, and
what the advisor then holds."""

from __future__ import annotations

import pytest

from bot.dialogue import Advisor
from bot.replies import Advise
from bot.state import Said, State
from tests.conftest import TODAY
from tests.test_reading_faith_and_telecom import ANSWERS as EVERY_ANSWER


@pytest.mark.parametrize(
    ("step", "said", "stored"),
    [
        # "we don't train" is the words of a project that trains nothing; what it is done on is denied too
        pytest.param("hardware", "we don't train on our macbooks, it's all cloud", [], id="not-trained-on"),
        pytest.param("hardware", "we don't train on macbooks", [], id="not-trained-on-bare"),
        # (a phrase opening with its own "no" denies only itself)
        pytest.param(
            "deployment",
            "nightly batch job on our on-prem VM. no GPUs in the server room, CPU only",
            ["batch"],
            id="no-gpus-in-the-server-room",
        ),
        pytest.param("priorities", "hiring's a non-issue btw, no open reqs", [], id="a-non-issue"),
        pytest.param("priorities", "hiring is a non-issue, speed matters", ["performance"], id="a-non-issue-beside"),
        pytest.param(
            "priorities",
            "Inference speed is neither here nor there for us, a few seconds per slip is perfectly fine.",
            [],
            id="neither-here-nor-there",
        ),
        pytest.param(
            "priorities",
            "Cost, definitely cost. And I don't want to be redoing it in two years, it has to last. "
            "Hiring's not a worry, it's just Callum.",
            ["cost", "long_term"],
            id="not-a-worry",
        ),
        # ("nothing would go to production" is when, not "nothing else matters")
        pytest.param(
            "priorities",
            "Actually let me be concrete: nothing would go to production before late 2027.",
            [],
            id="nothing-would-go",
        ),
        pytest.param(
            "use_case",
            "wildfire: detecting burned structures in aerial imagery after events, "
            "more applied than research this time",
            ["vision"],
            id="more-applied-than-research",
        ),
        # a general word after "main thing is" yields to what the same sentence names outright
        pytest.param(
            "use_case",
            "Main thing is FWA detection on pharmacy claims - NDC, prescriber NPI, days supply, all tabular.",
            ["tabular"],
            id="main-thing-in-general-words",
        ),
        pytest.param(
            "use_case",
            "We are a small digital humanities group working on handwritten text recognition for fragments. "
            "The output is primarily papers, not a product.",
            ["research"],
            id="the-output-is-papers",
        ),
        # apps that only call the server are its clients
        pytest.param(
            "deployment",
            "Server only. Apps (Android + iOS) just hit our API, no on-device inference.",
            ["server"],
            id="apps-hit-our-api",
        ),
        (
            "priorities",
            "Cost, definitely, there's no money. And it needs to still be going in five years plus, "
            "we can't keep redoing it",
            ["cost", "long_term"],
        ),
        ("priorities", "Hiring's off the list btw, we filled both roles this week.", []),
        (
            "use_case",
            "classifying noise sources on construction sites - pile driving, jackhammers, concrete trucks",
            ["audio"],
        ),
    ],
)
def test_what_the_question_asked_holds(advisor: Advisor, step: str, said: str, stored: list[str]) -> None:
    after, _ = advisor.turn(State(phase="asking", pending=step), Said(said), TODAY)
    assert [a for a in after.answers.get(step, []) if a != "unsure"] == stored


@pytest.mark.parametrize(
    ("step", "before", "said", "after"),
    [
        # one of the team's skills is one more skill, not the team's only one
        pytest.param(
            "skills",
            ["tensorflow", "keras"],
            "our intern knows pytorch from university",
            ["tensorflow", "keras", "pytorch"],
            id="one-more-skill",
        ),
        pytest.param(
            "hardware",
            ["nvidia"],
            "the office box runs Windows 11 btw, if that matters",
            ["nvidia", "windows"],
            id="one-more-machine",
        ),
        # ("nothing else" gives way to what is added)
        pytest.param(
            "priorities", ["nothing_else"], "oh wait, cost does matter", ["cost"], id="nothing-else-gives-way"
        ),
        # said to be the only one: what the answer becomes
        pytest.param("hardware", ["apple", "cpu"], "Just my MacBook please.", ["apple"], id="just-that-one"),
        pytest.param("skills", ["tensorflow", "pytorch"], "Skills again: PyTorch only.", ["pytorch"], id="that-only"),
        # (a cue still says what it says)
        pytest.param("priorities", ["cost"], "scratch that, make it hiring", ["hiring"], id="a-cue-replaces"),
        # "can run on" names the question in passing: one more place it runs
        pytest.param(
            "deployment",
            ["android", "edge_linux"],
            "heavy model for weekly progress reports can run on our AWS server",
            ["android", "edge_linux", "server"],
            id="can-run-on",
        ),
        # (naming it outright still says what the answer is)
        pytest.param("deployment", ["android"], "the deployment target is our server", ["server"], id="the-target-is"),
        pytest.param(
            "deployment",
            ["ios"],
            "ach, actually Callum says it could just send the photo off to a server and get the answer back, "
            "the wifi's fine. So both I suppose",
            ["ios", "server"],
            id="so-both",
        ),
    ],
)
def test_more_said_of_an_answered_question_adds_to_it(
    advisor: Advisor, step: str, before: list[str], said: str, after: list[str]
) -> None:
    state = State(phase="asking", pending=step, answers={step: list(before)})
    then, _ = advisor.turn(state, Said(said), TODAY)
    assert then.answers[step] == after


def test_a_question_asked_again_to_change_it_takes_a_new_answer_in_place_of_the_old(advisor: Advisor) -> None:
    answers = {**EVERY_ANSWER, "skills": ["tensorflow", "keras"]}
    reopened, _ = advisor.turn(State(phase="confirming", answers=dict(answers)), Said("change the skills"), TODAY)
    assert (reopened.phase, reopened.pending) == ("asking", "skills")
    then, _ = advisor.turn(reopened, Said("our intern knows pytorch from university"), TODAY)
    assert then.answers["skills"] == ["pytorch"]


def test_nothing_else_gives_way_to_a_priority_added_at_the_recap(advisor: Advisor) -> None:
    answers = {**EVERY_ANSWER, "priorities": ["nothing_else"]}
    then, _ = advisor.turn(State(phase="confirming", answers=dict(answers)), Said("also add cost please"), TODAY)
    assert then.answers["priorities"] == ["cost"]


@pytest.mark.parametrize(
    ("step", "said"),
    [
        ("hardware", "We ordered two servers with NVIDIA L40S, arriving in January"),
        ("existing_stack", "yeah our pill identifier on the website is a TF.js thing, been live 2 yrs"),
    ],
)
def test_when_machines_arrive_or_how_long_a_thing_has_run_is_no_deadline(
    advisor: Advisor, step: str, said: str
) -> None:
    after, _ = advisor.turn(State(phase="asking", pending=step), Said(said), TODAY)
    assert "timeline" not in after.answers
    assert after.answers[step]


def test_undoing_a_change_mixed_up_with_another_project_goes_back_not_over(advisor: Advisor) -> None:
    said = "Sorry, please undo that last change – I mixed it up with another project."
    reading = advisor.read(said, State(phase="advised", answers=dict(EVERY_ANSWER)), TODAY)
    assert reading.command == "back"


def test_what_a_removal_takes_out_stays_out_beside_a_switch_named_after_it(advisor: Advisor) -> None:
    answers = {**EVERY_ANSWER, "skills": ["keras", "jax", "pytorch"]}
    said = "take keras out of skills, those two hires have switched to PyTorch anyway"
    then, _ = advisor.turn(State(phase="confirming", answers=dict(answers)), Said(said), TODAY)
    assert then.answers["skills"] == ["jax", "pytorch"]


@pytest.mark.parametrize(
    ("said", "weeks"),
    [
        ("Update from the EP: the show's moved, so we've now got until late April", 21),
        ("ok update, EP says we have till mid February actually", 13),
    ],
)
def test_the_time_there_is_after_the_advice_is_the_deadline(advisor: Advisor, said: str, weeks: int) -> None:
    reading = advisor.read(said, State(phase="advised", answers=dict(EVERY_ANSWER)), TODAY)
    assert reading.weeks is not None and round(reading.weeks) in (weeks, weeks + 1)
    # (not what anything else is kept until, nor "now until" the end of a season)
    assert advisor.read("we have the cluster until June", State(phase="advised"), TODAY).weeks is None


@pytest.mark.parametrize(
    ("said", "command"),
    [
        ("I have a meeting now – may we continue this later?", "cancel"),
        ("Could you hold that thought, I've a market meeting at two.", "cancel"),
        ("Let's start everything from scratch, I want to run it for our photo-archive team now", "restart"),
    ],
)
def test_pausing_and_starting_over_in_own_words_after_the_advice(advisor: Advisor, said: str, command: str) -> None:
    assert advisor.read(said, State(phase="advised", answers=dict(EVERY_ANSWER)), TODAY).command == command


@pytest.mark.parametrize(
    ("phase", "step", "before", "said", "after"),
    [
        ("confirming", "deployment", ["jetson", "notebooks"], "hang on, the notebooks thing - nah take that out",
         ["jetson"]),
        ("advised", "hardware", ["tpu", "nvidia"], "hmm no, the TPU credits are only for 3 months, remove it",
         ["nvidia"]),
        # ("it" is what the first clause ruled out, not what the next one names)
        ("confirming", "deployment", ["browser"],
         "hmm not the browser actually, the sites will use android tablets. remove it", ["android"]),
    ],
)  # fmt: skip
def test_a_removal_of_it_takes_out_what_the_clause_before_named(
    advisor: Advisor, phase: str, step: str, before: list[str], said: str, after: list[str]
) -> None:
    state = State(phase=phase, answers={**EVERY_ANSWER, step: list(before)})
    then, _ = advisor.turn(state, Said(said), TODAY)
    if phase == "advised":
        assert then.proposed is not None and then.proposed[step] == after
    else:
        assert then.answers[step] == after


@pytest.mark.parametrize(
    ("said", "command"),
    [
        ("sorry, surgery's starting, can we do this later", "cancel"),
        ("Can you wipe whatever you've saved about our practice please? IT policy.", "forget"),
    ],
)
def test_pausing_and_forgetting_in_own_words(advisor: Advisor, said: str, command: str) -> None:
    assert advisor.read(said, State(phase="asking", pending="timeline"), TODAY).command == command


@pytest.mark.parametrize("said", ["Fine, leave it as is. Confirmed.", "ok no, leave it how it is. go ahead"])
def test_leaving_the_recap_as_it_is_gives_the_advice(advisor: Advisor, said: str) -> None:
    after, replies = advisor.turn(State(phase="confirming", answers=dict(EVERY_ANSWER)), Said(said), TODAY)
    assert after.answers == EVERY_ANSWER
    assert any(isinstance(r, Advise) for r in replies)


@pytest.mark.parametrize(
    ("step", "before", "said", "after"),
    [
        ("timeline", ["asap"], "what if the director gives us until april instead of christmas?", ["half_year"]),
        ("timeline", ["long"], "what if we had to deliver by end of February instead of autumn 2027?", ["quarter"]),
        # ("too weak" says how weak, adds nothing: "instead" replaces)
        ("deployment", ["android", "ios"],
         "what if we do the OCR server side instead, the phones are too weak honestly", ["server"]),
        ("existing_stack", ["tflite_app"], "What if we had no TFLite app and started completely new?", ["greenfield"]),
        ("hardware", ["nvidia"], "what if budget gets cut and the T4s get cancelled, cpu only again", ["cpu"]),
        # (news after the advice is offered as a what-if too)
        ("skills", ["beginners", "python"],
         "fyi turns out two people in the programming team finished a Keras course, so we do have a bit of Keras now",
         ["beginners", "python", "keras"]),
        ("hardware", ["tpu", "nvidia"], "oh wait nvm abt the tpus, the county credits fell through", ["nvidia"]),
        # a message that ends by asking to add adds, whatever it says moves or stands in place of what
        ("hardware", ["nvidia", "apple"],
         "also we are moving training to GCP next year and google gave us TPU credits, so add TPUs",
         ["nvidia", "apple", "tpu"]),
        ("deployment", ["jetson"],
         "oh and the 2 kitchens in Rio get a cheap linux mini pc instead of a jetson, add that",
         ["jetson", "edge_linux"]),
    ],
)  # fmt: skip
def test_after_the_advice_own_words_suppose_what_they_say(
    advisor: Advisor, step: str, before: list[str], said: str, after: list[str]
) -> None:
    answers = {**EVERY_ANSWER, step: list(before)}
    then, _ = advisor.turn(State(phase="advised", answers=dict(answers)), Said(said), TODAY)
    assert then.proposed is not None and then.proposed[step] == after


def test_what_a_vendor_offered_is_not_what_the_team_trains_on(advisor: Advisor) -> None:
    said = "Does it matter much if it's AMD? The vendor also offered MI210 cards for less money"
    after, _ = advisor.turn(State(phase="asking", pending="hardware"), Said(said), TODAY)
    assert "hardware" not in after.answers or after.answers["hardware"] == ["unsure"]
    # (what the computing centre has offered them is theirs to use)
    said = "The university computing centre has offered us hours on their NVIDIA cluster."
    after, _ = advisor.turn(State(phase="asking", pending="hardware"), Said(said), TODAY)
    assert after.answers["hardware"] == ["nvidia"]


def test_a_grant_that_ends_adds_no_machine_at_the_recap(advisor: Advisor) -> None:
    answers = {**EVERY_ANSWER, "hardware": ["nvidia"]}
    said = "and add cost - the TPU grant ends in March and then we're paying"
    then, _ = advisor.turn(State(phase="confirming", answers=dict(answers)), Said(said), TODAY)
    assert then.answers["hardware"] == ["nvidia"]


def test_a_stop_before_a_correction_halts_the_mistake_not_the_conversation(advisor: Advisor) -> None:
    answers = {**EVERY_ANSWER, "deployment": ["jetson", "notebooks"]}
    said = "Stop. The deployment is wrong, I never said Jetson. Take it out."
    then, _ = advisor.turn(State(phase="confirming", answers=dict(answers)), Said(said), TODAY)
    assert then.answers["deployment"] == ["notebooks"]
    # (a stop with a reason of its own still pauses)
    said = "Stop, I need to check the GPUs with my boss first."
    assert advisor.read(said, State(phase="confirming", answers=dict(answers)), TODAY).command == "cancel"


def test_a_message_ending_by_asking_to_add_adds_while_asked(advisor: Advisor) -> None:
    said = "oh and scratch the no nvidia bit, dan's just remembered his windows tower has a 3080 in it. add that"
    then, _ = advisor.turn(State(phase="asking", pending="hardware", answers={"hardware": ["cpu"]}), Said(said), TODAY)
    assert "nvidia" in then.answers["hardware"]
