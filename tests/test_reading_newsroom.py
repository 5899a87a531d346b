"""What the voices of newsrooms, defence suppliers, ad-tech and social apps taught the reader
(dev131-dev134, written by helpers who never saw the vocabulary files): the job market is no team
skill, a skill taken back in the next breath, and additions that only sound like corrections.

Each case below is a transcript of one turn: the question asked (or the phase), what the person
typed, and what the advisor then holds for that question."""

from __future__ import annotations

import pytest

from bot.dialogue import Advisor
from bot.replies import Advise, Answer, Ask, Say
from bot.state import Phase, State
from tests.conftest import Chat
from tests.test_reading_goes_on import effective_team


def asked(step: str, **answers: list[str]) -> State:
    return State(phase="asking", pending=step, answers=dict(answers))


@pytest.mark.parametrize(
    ("step", "said", "stored"),
    [
        pytest.param(
            "skills",
            "tensorflow mostly. I tried pytorch for a weekend but I wouldn't count it",
            ["tensorflow"],
            id="wouldnt-count-it",
        ),
        pytest.param(
            "use_case",
            "we run a small community forum and my boss asked me to add a summary button, using a ready-made model",
            ["pretrained_only"],
            id="asked-to-add-a-button",
        ),
        pytest.param(
            "priorities",
            "Long-term support above all. The last platform we bought was abandoned after a year, we still pay for it.",
            ["long_term"],
            id="a-sentence-of-its-own-takes-nothing-back",
        ),
        pytest.param(
            "use_case",
            "we make 20 shows a week and want auto transcripts with speaker labels, maybe auto-chaptering too",
            ["audio"],
            id="a-maybe-of-one-more-thing",
        ),
        pytest.param(
            "use_case", "we're building match suggestions for a dating app", ["recsys"], id="match-suggestions"
        ),
        pytest.param(
            "skills",
            "two analysts know python well, but neither has ever used TensorFlow or PyTorch. one tried hugging face",
            ["python"],
            id="neither-has-used-tf-or-pytorch",
        ),
        pytest.param(
            "deployment",
            "Jetson Orin on the new kiosks, Coral on the old ones. Both must be supported.",
            ["jetson", "coral"],
            id="both-must-be-supported-is-no-priority",
        ),
        pytest.param(
            "hardware",
            "we train on rented H100s; inference is served from plain cpu boxes",
            ["nvidia"],
            id="served-from-cpu-is-no-training-hardware",
        ),
        pytest.param(
            "hardware",
            "V100s for now. Google keeps pitching TPUs to us; we are not using them",
            ["nvidia"],
            id="not-using-them",
        ),
    ],
)
def test_an_answer_stores_what_it_says_and_nothing_else(chat: Chat, step: str, said: str, stored: list[str]) -> None:
    """bot> What will you use ML for?
    you> we run a small community forum and my boss asked me to add a summary button, ...
    bot> (only the use case is stored: "community" names no hiring priority, asked later)"""
    chat.state = asked(step)
    chat.say(said)
    assert chat.state.answers == {step: stored}


@pytest.mark.parametrize(
    ("state", "said", "step", "becomes"),
    [
        pytest.param(
            asked("hardware", deployment=["ios"]),
            "no wait scratch that, legal says android must ship on day one too",
            "deployment",
            ["ios", "android"],
            id="scratch-that-then-too-adds",
        ),
        pytest.param(
            asked("hardware", deployment=["ios"]),
            "scratch that, android only",
            "deployment",
            ["android"],
            id="scratch-that-alone-replaces",
        ),
    ],
)
def test_a_correction_while_another_question_is_asked(
    chat: Chat, state: State, said: str, step: str, becomes: list[str]
) -> None:
    chat.state = state
    chat.say(said)
    assert (chat.state.proposed or chat.state.answers)[step] == becomes


@pytest.mark.parametrize(
    ("phase", "had", "said", "changes"),
    [
        pytest.param(
            "advised",
            {"skills": ["python"], "priorities": ["cost"]},
            "one more thing, hiring matters: our recruiter says it's far easier to recruit PyTorch people here",
            {"priorities": ["cost", "hiring"]},
            id="easier-to-recruit-pytorch-people",
        ),
        pytest.param(
            "advised",
            {"skills": ["python"]},
            "small correction: a colleague on my team actually knows pytorch from a course",
            {"skills": ["python", "pytorch"]},
            id="correction-about-one-on-my-team-adds",
        ),
    ],
)
def test_a_change_after_the_advice_changes_only_what_it_says(
    chat: Chat, phase: Phase, had: dict[str, list[str]], said: str, changes: dict[str, list[str]]
) -> None:
    before = effective_team(**had)
    chat.state = State(phase=phase, answers=before)
    chat.say(said)
    assert (chat.state.proposed or chat.state.answers) == before | changes


@pytest.mark.parametrize(
    "said",
    [
        "Let's park this, I've got a stand-up in two minutes",
        "right, I'll leave it there for today",
        "sorry, 2 min, boss calling",
        "actually stop, I need to talk to the partners first",
        "cheers, that's all for now",
    ],
)
def test_parking_the_conversation_pauses_it(chat: Chat, advisor: Advisor, said: str) -> None:
    """bot> (the recommendation)
    you> Let's park this, I've got a stand-up in two minutes
    bot> Stopped. Send any message (or /advisor) when you want to pick it up again."""
    chat.state = State(phase="advised", answers=effective_team())
    replies = chat.say(said)
    assert [r.text for r in replies if isinstance(r, Say)] == [advisor.wording.cancelled]


@pytest.mark.parametrize(
    "said", ["everything looks fine, please recommend", "rest is fine. go", "all fine ji, proceed"]
)
def test_approving_the_recap_in_other_words_gives_the_advice(chat: Chat, said: str) -> None:
    chat.state = State(phase="confirming", answers=effective_team())
    replies = chat.say(said)
    assert chat.state.phase == "advised" and any(isinstance(r, Advise) for r in replies)


@pytest.mark.parametrize(
    "said",
    [
        "can you delete everything you've stored about me and the paper? our lawyer is twitchy",
        "please can you delete all what we typed here, our boss says nothing should stay with outsiders",
        "delete this convo",
    ],
)
def test_asking_to_delete_what_was_stored_about_one_asks_first(chat: Chat, said: str) -> None:
    """you> can you delete everything you've stored about me and the paper? our lawyer is twitchy
    bot> Delete your data? (Yes / Keep buttons; nothing is deleted yet)"""
    answers = effective_team()
    chat.state = State(phase="advised", answers=answers)
    replies = chat.say(said)
    assert [r.topic for r in replies if isinstance(r, Answer)] == ["Delete your data?"]
    assert chat.state.answers == answers


def test_if_that_counts_doubts_the_relevance_not_the_fact(chat: Chat) -> None:
    """bot> Is there an ML stack already in production that this has to fit?
    you> oh and our sound engineer has played with keras a bit, if that counts
    bot> Updated: Team skills: ..., Keras."""
    chat.state = asked("existing_stack", skills=["python"])
    chat.say("oh and our sound engineer has played with keras a bit, if that counts")
    assert chat.state.answers["skills"] == ["python", "keras"]


@pytest.mark.parametrize(
    ("said", "timeline"),
    [
        pytest.param("fwiw this one has got to be in the shops by Easter", ["half_year"], id="got-to-be-by"),
        pytest.param("fyi the boats gotta be in the water by early may", ["half_year"], id="gotta-be-by"),
        pytest.param("we must hire a second engineer by May", ["quarter"], id="a-hire-by-may-is-no-deadline"),
    ],
)
def test_what_must_be_by_a_date_after_the_advice_is_due_then(chat: Chat, said: str, timeline: list[str]) -> None:
    """bot> (the recommendation, with a deadline of 1-3 months)
    you> fyi the boats gotta be in the water by early may
    bot> (the deadline becomes 3-6 months; a hire by May moves nothing)"""
    chat.state = State(phase="advised", answers=effective_team(timeline=["quarter"]))
    chat.say(said)
    assert (chat.state.proposed or chat.state.answers)["timeline"] == timeline


def test_a_what_if_the_date_becomes_a_month(chat: Chat) -> None:
    chat.state = State(phase="advised", answers=effective_team(timeline=["quarter"]))
    chat.say("what if the launch date becomes May?")
    assert chat.state.proposed is not None and chat.state.proposed["timeline"] == ["half_year"]


@pytest.mark.parametrize("said", ["by end of April??", "the contract ends in May so by end of April??"])
def test_a_date_guessed_with_a_question_mark_answers_the_deadline(chat: Chat, said: str) -> None:
    """bot> When do you need the first version in production?
    you> the contract ends in May so by end of April??
    bot> (3-6 months is stored: the question marks are a guess, not a question)"""
    chat.state = asked("timeline")
    chat.say(said)
    assert chat.state.answers["timeline"] == ["half_year"]


@pytest.mark.parametrize(
    ("had", "said", "becomes"),
    [
        pytest.param(["nvidia"], "the 1080 died, so we train on the CPU for now", ["cpu"], id="the-1080-died"),
        pytest.param(["tpu"], "what if all I had left was the 2070?", ["nvidia"], id="left-with-the-2070"),
    ],
)
def test_older_nvidia_cards_by_their_number(chat: Chat, had: list[str], said: str, becomes: list[str]) -> None:
    chat.state = State(phase="advised", answers=effective_team(hardware=had))
    chat.say(said)
    assert chat.state.proposed is not None and chat.state.proposed["hardware"] == becomes


def test_an_old_system_taken_back_changes_nothing(chat: Chat) -> None:
    """bot> (the recommendation, for a fresh start on a vision project)
    you> fyi there's an old TF1 face detector from the last team on a shelf, but it's not in production, ignore it
    bot> (nothing changes: neither the stack nor the vision project)"""
    before = effective_team(use_case=["vision"], existing_stack=["greenfield"])
    chat.state = State(phase="advised", answers=before)
    chat.say(
        "fyi there's an old TF1 face detector from the last team on a shelf, but it's not in production, ignore it"
    )
    assert chat.state.proposed is None and chat.state.answers == before


@pytest.mark.parametrize(
    "said",
    [
        "not sure yet, the board decides in january",
        "Honestly I don't know yet, the contract isn't signed.",
        "not decided yet, maybe 3 months maybe 6",
    ],
)
def test_a_doubt_with_its_reason_is_not_sure(chat: Chat, said: str) -> None:
    """bot> When do you need the first version in production?
    you> not sure yet, the board decides in january
    bot> OK: no deadline pressure assumed. (and the next question; never "I couldn't place ...")"""
    chat.state = asked("timeline")
    replies = chat.say(said)
    assert chat.state.answers["timeline"] == ["unsure"]
    assert not any("couldn't place" in getattr(r, "text", "") for r in replies)


@pytest.mark.parametrize(
    ("step", "said"),
    [
        ("hardware", "Unsure. IT has not decided yet whether we get GPUs."),
        ("deployment", "idk tbh, could be browser could be a server, we havent decided"),
    ],
)
def test_a_doubt_beside_options_only_wondered_about_is_not_sure(chat: Chat, step: str, said: str) -> None:
    chat.state = asked(step)
    chat.say(said)
    assert chat.state.answers[step] == ["unsure"]


def test_back_as_in_i_am_back_goes_on_and_undoes_nothing(chat: Chat) -> None:
    """bot> Is there an ML stack already in production that this has to fit?
    you> back, let's finish this thing
    bot> (the same question again; the skills answered before stay)"""
    chat.say("image classification")
    chat.say("pytorch")
    replies = chat.say("back, let's finish this thing")
    assert chat.state.answers["skills"] == ["pytorch"] and chat.state.pending == "existing_stack"
    assert any(isinstance(r, Ask) and r.step_id == "existing_stack" for r in replies)


@pytest.mark.parametrize(
    "said",
    [
        "no no, keep it like it was, the nightly batch",
        "no no, keep it on the phone like before, ESP32 is too weak",
        "nah leave it in the browser, don't change anything",
    ],
)
def test_keeping_it_as_it_was_drops_the_what_if(chat: Chat, advisor: Advisor, said: str) -> None:
    """bot> What if Deployment targets: *Microcontroller* ...? (Use these / Keep mine)
    you> no no, keep it like it was, the nightly batch
    bot> Kept your original answers: the recommendation stays ..."""
    answers = effective_team(deployment=["android"])
    chat.state = State(phase="advised", answers=answers, proposed=effective_team(deployment=["microcontroller"]))
    replies = chat.say(said)
    assert chat.state.proposed is None and chat.state.answers == answers
    kept = advisor.wording.what_if_discarded.split("{")[0]
    assert next(r.text for r in replies if isinstance(r, Say)).startswith(kept)
