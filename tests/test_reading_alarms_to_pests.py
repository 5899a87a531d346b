"""What the voices of alarm monitoring centres, salons, heating contractors, car rental and sharing
firms, marinas and pest control services (dev177-dev182, written by helpers who never saw the
vocabulary files) taught the reader.

Each case is a transcript of one turn: where the conversation stands, what the person typed, and
what the advisor then holds."""

from __future__ import annotations

import pytest

from bot.dialogue import Advisor
from bot.state import Said, State
from tests.conftest import TODAY

ANSWERS = {
    "use_case": ["vision"],
    "skills": ["tensorflow", "python"],
    "existing_stack": ["greenfield"],
    "deployment": ["server", "batch"],
    "hardware": ["nvidia"],
    "timeline": ["half_year"],
    "priorities": ["cost"],
}


@pytest.mark.parametrize(
    ("pending", "said", "answers"),
    [
        # service calls are visits, not phone calls to transcribe; ticket notes are text
        pytest.param(
            "use_case",
            "hey! so we get like 400 service calls a day and i want something that reads the ticket notes "
            "and tags them (no cool, water leak, noisy unit etc) so dispatch goes faster",
            {"use_case": ["nlp"]},
            id="service-calls-and-ticket-notes",
        ),
        pytest.param(
            "use_case",
            "Hiya, I'm at a wholesaler for locks, access control and CCTV parts. Installers order through our "
            "web shop and we want 'customers who bought this cylinder also needed...' style suggestions",
            {"use_case": ["recsys"]},
            id="access-control-is-no-robot",
        ),
        pytest.param(
            "use_case",
            "our engineers snap a photo of the boiler data plate or the fault code on the display and the app "
            "tells them the make, model and likely fault",
            {"use_case": ["vision"]},
            id="snap-a-photo",
        ),
        # denials said after the thing, or of all of it
        pytest.param(
            "deployment", "definitely not on-device, the phones are way too weak", {}, id="phones-way-too-weak"
        ),
        pytest.param("deployment", "none of it goes on phones mind", {}, id="none-of-it-goes-on-phones"),
        pytest.param(
            "hardware",
            "GCP. T4s mostly. we also have some TPU v5e quota we've never touched",
            {"hardware": ["nvidia"]},
            id="quota-never-touched",
        ),
        pytest.param(
            "priorities",
            "performance not a biggie, it can chew through the archive overnight",
            {},
            id="not-a-biggie",
        ),
        pytest.param(
            "deployment", "nightly batch on our k8s cluster is enough", {"deployment": ["batch"]}, id="where-batch-runs"
        ),
        pytest.param(
            "use_case",
            "leak detection from the flow and pressure tables",
            {"use_case": ["tabular"]},
            id="leak-detection-is-tables",
        ),
        # hardware that waits for an approval is a maybe
        pytest.param("hardware", "an MI300X node if it gets approved", {}, id="if-it-gets-approved"),
        # a person is no processor
        pytest.param(
            "skills",
            "ah and nobody knows tensorflow or pytorch, only the professor from the university",
            {},
            id="only-the-professor",
        ),
        # the phones it must run on are cheap; cost was not asked for
        pytest.param(
            "priorities",
            "performance also, result must come in under 1 sec on cheap redmi phones",
            {"priorities": ["performance"]},
            id="cheap-phones-are-no-priority",
        ),
        pytest.param(
            "priorities",
            "fine. inference speed on cheap 4-year-old Androids. that's it",
            {"priorities": ["performance"]},
            id="cheap-old-androids",
        ),
        pytest.param("priorities", "cheap + fast on phones", {"priorities": ["cost", "performance"]}),
        pytest.param(
            "priorities",
            "performance on weak laptops and cheap android phones in the browser. speed is everything",
            {"priorities": ["performance"]},
            id="cheap-android-phones",
        ),
        # what comes in a later phase is not this one
        pytest.param(
            "deployment",
            "Recommendations would be computed every night and pushed to the CRM (Salesforce). "
            "A real-time endpoint for the website maybe later, but not in this phase",
            {"deployment": ["batch"]},
            id="not-in-this-phase",
        ),
        # "before new year" is the year's end, as "before christmas" is
        pytest.param("timeline", "In 3 weeks please, before the new year orders start", {"timeline": ["asap"]}),
        pytest.param("timeline", "before new year, the shop gets busy after", {"timeline": ["asap"]}),
        pytest.param("timeline", "before chinese new year", {"timeline": ["quarter"]}, id="the-lunar-one"),
        # the date to go by: the one made final, the one said plainly before an event, a month
        # after "next", when at the earliest past every bounded option
        pytest.param(
            "timeline",
            "make it end of February, the December peak is too crazy to ship anything",
            {"timeline": ["quarter"]},
            id="make-it",
        ),
        pytest.param(
            "timeline",
            "Would like it live before Christmas, the PI has a grant report due mid January",
            {"timeline": ["asap"]},
            id="would-like-it-live-is-no-question",
        ),
        pytest.param(
            "timeline",
            "6-8 weeks. spring selling season starts in March and I want it live well before",
            {"timeline": ["quarter"]},
            id="plain-date-before-the-event",
        ),
        pytest.param(
            "timeline",
            "Board wants something to show at the Boat Show next September, so no mad rush.",
            {"timeline": ["long"]},
            id="next-september",
        ),
        pytest.param(
            "timeline",
            "Not before autumn next year, realistically. We're flat out with breakdowns till spring.",
            {"timeline": ["long"]},
            id="not-before-autumn-next-year",
        ),
        pytest.param("timeline", "Not before Christmas, that's for certain.", {}, id="not-before-christmas"),
        pytest.param("timeline", "not before april", {}, id="not-before-april-says-no-deadline"),
        # feasts on fixed days, and a date said outright after a joke taken back
        pytest.param(
            "timeline",
            "Pilot must go live before Diwali... no wait, Diwali is over. Client said before Pongal.",
            {"timeline": ["quarter"]},
            id="before-pongal",
        ),
        pytest.param("timeline", "county wants it by Jamhuri Day", {"timeline": ["asap"]}, id="jamhuri-day"),
        # "needed then": the date just said; "let's be real: Easter" says the date to go by
        pytest.param(
            "timeline",
            "festival is first weekend of October, but bookings open mid January, chatbot needed then",
            {"timeline": ["quarter"]},
            id="needed-then",
        ),
        pytest.param(
            "timeline",
            "tips are best at Christmas so ideally before then, but let's be real: Easter",
            {"timeline": ["half_year"]},
            id="lets-be-real",
        ),
        # going back to a place is no going back in the conversation
        pytest.param(
            "timeline",
            "The registers must go back to the diocese at Pentecost.",
            {"timeline": ["half_year"]},
            id="back-to-the-diocese-at-pentecost",
        ),
        pytest.param(
            "timeline",
            "Yesterday 😤 No, seriously: the notary wants it for El Gordo on 22 December.",
            {"timeline": ["asap"]},
            id="a-joke-then-the-date",
        ),
        pytest.param(
            "timeline",
            "definitely not before Christmas, we're all deployed on the Tana River response until mid-December",
            {},
            id="a-date-ruled-out-stays-out",
        ),
        # a word that dates only vaguely, beside a doubt, is the doubt said again
        pytest.param(
            "timeline", "dunno mate, whenever it's done really", {"timeline": ["unsure"]}, id="dunno-whenever"
        ),
        pytest.param("timeline", "not sure, management says 'soon'. you only tell", {"timeline": ["unsure"]}),
        pytest.param("timeline", "whenever", {"timeline": ["long"]}, id="whenever-alone"),
        pytest.param("hardware", "train: no clue, no gpu here", {"hardware": ["cpu"]}, id="no-clue-no-gpu-still-tells"),
    ],
)
def test_what_a_turn_stores_while_a_question_is_asked(
    advisor: Advisor, pending: str, said: str, answers: dict[str, list[str]]
) -> None:
    after, _ = advisor.turn(State(phase="asking", pending=pending), Said(said), TODAY)
    assert after.answers == answers


def test_hindi_with_a_beginner_in_it_is_another_language(advisor: Advisor) -> None:
    state = State(phase="asking", pending="skills")
    said = "main beginner hoon, thoda python aata hai bas"
    assert advisor.read(said, state, TODAY).kind == "other_language"
    after, _ = advisor.turn(state, Said(said), TODAY)
    assert after.answers == {}


@pytest.mark.parametrize(
    ("said", "changed"),
    [
        # what a what-if does instead of something of ours takes its place
        (
            "What if we hire 2 PyTorch freshers instead of retraining our TF people?",
            {"skills": ["pytorch"]},
        ),
        # a change asked for, then why: "if" gives the reason, it supposes nothing
        (
            "And add inference speed to priorities \u2014 if transcription takes 10 hours the supervisors won't bother",
            {"priorities": ["cost", "performance"]},
        ),
        ("What if the deadline was before New Year instead?", {"timeline": ["asap"]}),
        (
            "what if the ESP32s are too weak and everything runs on the gateway only",
            {"deployment": ["edge_linux"]},
        ),
    ],
)
def test_what_a_change_after_the_advice_would_hold(advisor: Advisor, said: str, changed: dict[str, list[str]]) -> None:
    after, _ = advisor.turn(State(phase="advised", answers=dict(ANSWERS)), Said(said), TODAY)
    assert after.answers == ANSWERS
    assert after.proposed == {**ANSWERS, **changed}


def test_a_server_hosted_elsewhere_is_still_a_server(advisor: Advisor) -> None:
    said = "and if the ERP vendor says they will host it on their cloud instead of our office server does it change"
    reading = advisor.read(said, State(phase="advised", answers=dict(ANSWERS)), TODAY)
    assert [(f.option_id, f.negated) for f in reading.found] == [("server", False), ("server", False)]


def test_why_given_a_fact_asks_and_supposes_nothing(advisor: Advisor) -> None:
    state = State(phase="advised", answers=dict(ANSWERS))
    said = "Why PyTorch though, if the Coral only runs TFLite models?"
    assert advisor.read(said, state, TODAY).kind == "question"
    after, _ = advisor.turn(state, Said(said), TODAY)
    assert after.answers == ANSWERS and after.proposed is None


def test_keeping_the_answer_a_what_if_would_change(advisor: Advisor) -> None:
    state = State(
        phase="advised", answers=dict(ANSWERS, deployment=["coral"]), proposed=dict(ANSWERS, deployment=["jetson"])
    )
    said = "nope, keep coral, battery team just said no. final."
    assert advisor.read(said, state, TODAY).command == "keep"
    after, _ = advisor.turn(state, Said(said), TODAY)
    assert after.answers["deployment"] == ["coral"] and after.proposed is None


@pytest.mark.parametrize(
    ("said", "answers"),
    [
        # kept as it was, with an Irish "you're grand"
        ("No, you're grand, keep the batch job in there as it was.", ANSWERS),
        # a skill forgotten goes
        (
            "hmm Tyler just admitted he's forgotten all his TensorFlow lol, so scratch that from the skills",
            dict(ANSWERS, skills=["python"]),
        ),
        # a correction of the deadline, and what it was mixed up with
        (
            "mmm the timeline no: it's mid February not January, I mixed it up with the Android update",
            dict(ANSWERS, timeline=["quarter"]),
        ),
        ("Correction: the contract renews soon. I misread the letter.", ANSWERS),
    ],
)
def test_what_the_recap_holds_after(advisor: Advisor, said: str, answers: dict[str, list[str]]) -> None:
    after, _ = advisor.turn(State(phase="confirming", answers=dict(ANSWERS)), Said(said), TODAY)
    assert after.answers == answers


@pytest.mark.parametrize(
    ("phase", "pending", "said", "command"),
    [
        ("asking", "timeline", "help pls I don't understand this question", "help"),
        ("asking", "deployment", "what are you even asking me here, explain", "help"),
        ("asking", "use_case", "g'day, what is this thing and how does it work?", "help"),
        ("advised", None, "Oops I need to go, class starts in 5 min! Can we finish tomorrow?", "cancel"),
        ("advised", None, "dont store any of this. delete it.", "forget"),
        ("advised", None, "Hello, continuing from last week's discussion", "resume"),
        # a question about the advice is no call for help
        ("advised", None, "so how does it work, the flip thing?", None),
    ],
)
def test_the_command_a_message_is(
    advisor: Advisor, phase: str, pending: str | None, said: str, command: str | None
) -> None:
    state = State(phase=phase, pending=pending, answers={} if phase == "asking" else dict(ANSWERS))
    assert advisor.read(said, state, TODAY).command == command
