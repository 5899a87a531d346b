"""Properties of whole conversations: random sequences of what people type (realistic phrases,
option words, corrections, commands, questions, numbers, other languages and junk) never loop and
never change a given answer behind the user's back.

The phrases below are written for these tests, independently of the bot's vocabulary files, and
each carries tags saying what kind of message it is; the properties decide what a turn may do
from those tags, never from how the bot read the message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.conversation import UNSURE, load_conversation
from bot.dialogue import Advisor, Event, Picked, Pressed, Said, State
from bot.knowledge import load_knowledge
from bot.replies import Ask, Reply
from tests.conftest import CONSULT, ROOT, TODAY

ADVISOR = Advisor(load_conversation(ROOT / "conversations"), load_knowledge(ROOT / "knowledge"), CONSULT)

# The steps and their option ids, as the brief names them.
OPTIONS = {
    "use_case": ["vision", "nlp", "llm", "tabular", "audio", "recsys", "research", "pretrained_only", "robotics"],
    "skills": ["pytorch", "tensorflow", "keras", "jax", "python", "beginners"],
    "existing_stack": ["greenfield", "tf_production", "tfjs_app", "tflite_app", "tf1_legacy", "pytorch_production"],
    "deployment": [
        "server", "batch", "android", "ios", "browser", "microcontroller", "coral", "jetson", "edge_linux", "notebooks",
    ],
    "hardware": ["nvidia", "tpu", "apple", "amd", "intel", "windows", "cpu"],
    "timeline": ["asap", "quarter", "half_year", "long"],
    "priorities": ["long_term", "hiring", "cost", "performance", "nothing_else"],
}  # fmt: skip

# -- what people type ---------------------------------------------------------------------------

ANSWERS = [
    # use case
    "image classification", "we spot defects in photos of parts", "a support chatbot over our docs",
    "fine-tuning an open LLM", "fraud scoring on transaction tables", "speech to text for call centres",
    "product recommendations for our shop", "academic research, mostly papers", "we just run a pretrained model",
    "warehouse robots that pick boxes", "document classification", "anomaly detection on sensor data",
    # skills
    "mostly pytorch", "a couple of keras people", "we know tensorflow", "some jax", "plain python, no deep learning",
    "no ML experience", "we're hiring students",
    # existing stack
    "nothing yet, greenfield", "tf serving in prod", "our tfjs web app", "a tflite android app",
    "an old tf1 codebase", "all our pytorch codebases",
    # deployment
    "an android app", "iphone app with Core ML", "a cloud API", "nightly batch jobs", "in the browser",
    "an ESP32 microcontroller", "cortex-m4 boards", "a coral edge tpu", "jetson nanos", "a raspberry pi",
    "only notebooks", "not android, iOS only", "Edge Impulse",
    # hardware
    "a few A100s", "H100s in the cloud", "two 3090s", "MI300X nodes", "TPUs on GCP", "our macbooks", "cpu only",
    "we train on rented GPUs", "maybe colab", "GPUs for training",
    # timeline
    "in 6 weeks", "by March", "asap", "no rush", "within a year", "we need it live in 2 weeks",
    # priorities
    "long-term support", "easy hiring", "lowest cost", "raw speed", "nothing else",
]  # fmt: skip
OPTION_WORDS = [
    "vision", "nlp", "llm", "audio", "tabular", "robotics", "pytorch", "tensorflow", "tf", "keras", "jax", "python",
    "greenfield", "tflite", "tfjs", "android", "ios", "browser", "server", "batch", "jetson", "coral", "nvidia",
    "tpu", "apple", "amd", "intel", "windows", "cpu", "cost", "hiring", "performance",
]  # fmt: skip
CUES = ["actually", "instead", "change it to", "scratch that,", "wait,", "also", "add", "drop", "remove"]
NAMES = [
    "the timeline is", "our deadline is", "skills:", "the use case is", "our stack is", "deployment targets are",
    "hardware is", "priorities are",
]  # fmt: skip
NAMED_VALUES = ["3 months", "2 weeks", "a year", "jax", "nlp", "tflite", "ios", "tpu", "cost", "android and ios"]
QUESTIONS = [
    "should we even consider TF?", "how long will this take?", "who are you?", "how many questions left?",
    "what was the question?", "is jax faster?", "why?", "what's the difference between keras and tf?",
    "can pytorch run on phones?",
]  # fmt: skip
NUMBERS = ["1", "2", "3", "1,3", "2, 4", "7", "12", "42", "the first one", "the 2nd", "0", "-1"]
JUNK = ["asdf", "lol", "🤷", "...", "k", "hmm", "blorp", "¯\\_(ツ)_/¯", "*", "<@U0123>"]
FOREIGN = ["Wir trainieren auf Grafikkarten im Rechenzentrum", "necesitamos una aplicación para teléfonos"]
YES = ["yes", "yep, do it", "sure"]
NO = ["no", "nah", "no thanks"]
# Commands that may change answers (brief: back, restart, just tell me, not sure) and ones that may not.
CHANGERS = [
    "back", "go back to the previous question", "start over pls", "restart", "hmm not sure", "no idea",
    "just tell me which one", "recommend now", "skip the rest",
]  # fmt: skip
COMMANDS = ["help", "hlep", "ok resume", "cancel", "thanks", "hi", "hello there", "keep"]

# A correction cue or a question's name, wherever it appears (lenient: any of these words exempts a turn).
CUE_WORDS = re.compile(
    r"\b(actually|instead|change|switch|scratch that|wait|also|too|as well|add|drop|remove|not\b.*\bbut"
    r"|timeline|deadline|skills?|use case|stack|deployment|targets?|hardware|priorit(y|ies))\b",
    re.I,
)


@dataclass(frozen=True)
class Message:
    text: str
    kinds: frozenset[str]


def _tagged(kind: str, phrases: list[str]) -> st.SearchStrategy[Message]:
    return st.sampled_from(phrases).map(lambda p: Message(p, frozenset({kind})))


plain_fragments = st.one_of(
    _tagged("answer", ANSWERS),
    _tagged("answer", OPTION_WORDS),
    _tagged("question", QUESTIONS),
    _tagged("number", NUMBERS),
    _tagged("junk", JUNK),
    st.text(max_size=15).map(lambda t: Message(t, frozenset({"junk"}))),
    _tagged("foreign", FOREIGN),
    _tagged("yes", YES),
    _tagged("no", NO),
)
correction_fragments = st.one_of(
    st.tuples(st.sampled_from(CUES), st.sampled_from([*ANSWERS, *OPTION_WORDS])).map(
        lambda t: Message(f"{t[0]} {t[1]}", frozenset({"cue"}))
    ),
    st.tuples(st.sampled_from(OPTION_WORDS), st.sampled_from(OPTION_WORDS)).map(
        lambda t: Message(f"not {t[0]} but {t[1]}", frozenset({"cue"}))
    ),
    st.tuples(st.sampled_from(NAMES), st.sampled_from(NAMED_VALUES)).map(
        lambda t: Message(f"{t[0]} {t[1]}", frozenset({"named"}))
    ),
)
RESTARTS = ["start over pls", "restart"]
command_fragments = st.one_of(
    _tagged("changer", [c for c in CHANGERS if c not in RESTARTS]),
    st.sampled_from(RESTARTS).map(lambda p: Message(p, frozenset({"changer", "restart"}))),
    _tagged("command", COMMANDS),
)


def _joined(fragments: st.SearchStrategy[Message]) -> st.SearchStrategy[Message]:
    """One fragment, or two or three run together as people do."""
    return st.one_of(
        fragments,
        st.tuples(st.lists(fragments, min_size=2, max_size=3), st.sampled_from([", ", " and ", " ", "; ", ". "])).map(
            lambda t: Message(t[1].join(m.text for m in t[0]), frozenset().union(*(m.kinds for m in t[0])))
        ),
    )


# A blank message (nothing typed at all) is left to test_understanding.py, so that these
# properties report what people actually type.
free_text = _joined(st.one_of(plain_fragments, correction_fragments)).filter(lambda m: m.text.strip() != "")
any_text = _joined(st.one_of(plain_fragments, correction_fragments, command_fragments)).filter(
    lambda m: m.text.strip() != ""
)

Turn = tuple[Event, frozenset[str]]

said_only: st.SearchStrategy[Turn] = free_text.map(lambda m: (Said(m.text), m.kinds))
buttons: st.SearchStrategy[Turn] = st.one_of(
    st.sampled_from(list(OPTIONS)).flatmap(
        lambda step: st.lists(st.sampled_from([*OPTIONS[step], UNSURE]), min_size=1, max_size=2).map(
            lambda ids: (Picked(step, tuple(ids)), frozenset({"button"}))
        )
    ),
    st.sampled_from(["back", "restart", "unsure", "confirm", "adopt", "discard", "help", "keep", "resume"]).map(
        lambda c: (Pressed(c), frozenset({"button", c}))
    ),
)
any_event: st.SearchStrategy[Turn] = st.one_of(any_text.map(lambda m: (Said(m.text), m.kinds)), buttons)
# A whole set of answers, one option per question, as ticked before the recap.
RECAP_ANSWERS = st.fixed_dictionaries({step: st.sampled_from(ids) for step, ids in OPTIONS.items()})


def conversations(turns: st.SearchStrategy[Turn], min_size: int, max_size: int) -> st.SearchStrategy[list[Turn]]:
    """Sequences of turns in which people often send the same thing again (impatient, or unsure
    they were understood)."""
    return st.lists(st.tuples(turns, st.sampled_from([1, 1, 2])), min_size=min_size, max_size=max_size).map(
        lambda pairs: [turn for turn, times in pairs for _ in range(times)][:12]
    )


# Each property is checked on 100 conversations in the fast suite, and again on 150 in the slow suite
# (python -m pytest -m slow) by its twin, `..._thoroughly`, just below it.
SETTINGS = settings(max_examples=100, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
THOROUGH = settings(SETTINGS, max_examples=150)


@dataclass(frozen=True)
class Step:
    before: State
    event: Event
    kinds: frozenset[str]
    replies: list[Reply]
    after: State


def play(turns: list[Turn]) -> list[Step]:
    state = State()
    steps: list[Step] = []
    for event, kinds in turns:
        after, replies = ADVISOR.turn(state, event, TODAY)
        steps.append(Step(state, event, kinds, replies, after))
        state = after
    return steps


def last_asked(replies: list[Reply]) -> str | None:
    return next((r.step_id for r in reversed(replies) if isinstance(r, Ask)), None)


def transcript(steps: list[Step]) -> str:
    lines = []
    for s in steps:
        said = s.event.text if isinstance(s.event, Said) else repr(s.event)
        lines.append(f"> {said!r} -> asked {last_asked(s.replies)} | {s.after.phase} {s.after.answers}")
    return "\n".join(lines)


def check_never_asked_four_times_in_a_row(steps: list[Step]) -> None:
    run, previous = 0, None
    for index, step in enumerate(steps):
        current = last_asked(step.replies)
        if (step.before.answers and not step.after.answers) or "restart" in step.kinds:
            # a restart begins a new conversation: its first question is new, also when the user
            # asks for one before answering anything
            previous = None
        run = run + 1 if current is not None and current == previous else (1 if current else 0)
        previous = current
        assert run <= 3, f"{current} asked {run} turns in a row:\n{transcript(steps[: index + 1])}"


def check_no_reply_repeated(steps: list[Step], only_before_advice: bool = False) -> None:
    for index in range(1, len(steps)):
        if only_before_advice and steps[index].before.phase == "advised":
            continue
        assert steps[index].replies != steps[index - 1].replies, (
            f"the same replies twice in a row:\n{transcript(steps[: index + 1])}\n{steps[index].replies!r}"
        )


def allowed_to_change(step: Step) -> bool:
    """Whether this turn may change an answer the user had already given."""
    if isinstance(step.event, Picked):
        return True
    if isinstance(step.event, Pressed):
        if step.event.command == "confirm":
            return step.before.confirm is not None
        return step.event.command in ("back", "restart", "unsure", "adopt") or step.event.command.startswith("answer:")
    if step.kinds & {"cue", "named", "changer"} or CUE_WORDS.search(step.event.text):
        return True
    return step.before.confirm is not None and "yes" in step.kinds  # "yes" to "Change X to Y?"


# "also", "too", "as well", "add" add to a several-choice answer; alone they replace no one-choice
# answer (the question asked, re-asked after "back", is answered as usual)
ADD_WORDS = re.compile(r"\b(also|too|as well|add)\b", re.I)
ONE_CHOICE = {step.id for step in ADVISOR.conversation.steps if step.kind != "many"}


def only_adds(step: Step) -> bool:
    """Whether the turn's only cue is a word that adds ("we also do NLP")."""
    if not isinstance(step.event, Said) or step.before.confirm is not None or step.kinds & {"named", "changer"}:
        return False
    text = step.event.text
    return bool(ADD_WORDS.search(text)) and not CUE_WORDS.search(ADD_WORDS.sub(" ", text))


def check_answers_kept(steps: list[Step], phases: set[str]) -> None:
    for index, step in enumerate(steps):
        if step.before.phase not in phases:
            continue
        allowed = allowed_to_change(step)
        if allowed and not only_adds(step):
            continue
        kept = ONE_CHOICE - {step.before.pending} if allowed else set(step.before.answers)
        # "Not sure" is no answer to keep: a later statement may fill it (see bot/answering.py).
        changed = {
            k: (v, step.after.answers.get(k))
            for k, v in step.before.answers.items()
            if k in kept and step.after.answers.get(k) != v and v != ["unsure"]
        }
        assert not changed, f"answers changed without being asked to: {changed}\n{transcript(steps[: index + 1])}"


QUESTION_PHASES = {"new", "asking", "cancelled", "advised"}

# -- (a) no question asked more than three turns in a row ------------------------------------------


@SETTINGS
@given(conversations(said_only, min_size=1, max_size=12))
def test_free_text_never_gets_the_same_question_four_turns_in_a_row(turns: list[Turn]) -> None:
    check_never_asked_four_times_in_a_row(play(turns))


@pytest.mark.slow
@THOROUGH
@given(conversations(said_only, min_size=1, max_size=12))
def test_free_text_never_gets_the_same_question_four_turns_in_a_row_thoroughly(turns: list[Turn]) -> None:
    test_free_text_never_gets_the_same_question_four_turns_in_a_row.hypothesis.inner_test(turns)


@SETTINGS
@given(conversations(any_event, min_size=1, max_size=12))
def test_no_mix_of_messages_commands_and_buttons_gets_the_same_question_four_turns_in_a_row(
    turns: list[Turn],
) -> None:
    check_never_asked_four_times_in_a_row(play(turns))


@pytest.mark.slow
@THOROUGH
@given(conversations(any_event, min_size=1, max_size=12))
def test_no_mix_of_messages_commands_and_buttons_gets_the_same_question_four_turns_in_a_row_thoroughly(
    turns: list[Turn],
) -> None:
    test_no_mix_of_messages_commands_and_buttons_gets_the_same_question_four_turns_in_a_row.hypothesis.inner_test(turns)


# -- (b) never the same replies twice in a row --------------------------------------------------------


@SETTINGS
@given(conversations(said_only, min_size=2, max_size=12))
def test_free_text_before_the_recommendation_never_gets_the_same_replies_twice_in_a_row(turns: list[Turn]) -> None:
    check_no_reply_repeated(play(turns), only_before_advice=True)


@pytest.mark.slow
@THOROUGH
@given(conversations(said_only, min_size=2, max_size=12))
def test_free_text_before_the_recommendation_never_gets_the_same_replies_twice_in_a_row_thoroughly(
    turns: list[Turn],
) -> None:
    test_free_text_before_the_recommendation_never_gets_the_same_replies_twice_in_a_row.hypothesis.inner_test(turns)


@SETTINGS
@given(conversations(any_event, min_size=2, max_size=12))
def test_no_two_turns_in_a_row_get_the_same_replies(turns: list[Turn]) -> None:
    check_no_reply_repeated(play(turns))


@pytest.mark.slow
@THOROUGH
@given(conversations(any_event, min_size=2, max_size=12))
def test_no_two_turns_in_a_row_get_the_same_replies_thoroughly(turns: list[Turn]) -> None:
    test_no_two_turns_in_a_row_get_the_same_replies.hypothesis.inner_test(turns)


# -- (c) an answer changes only when the user asks for it -----------------------------------------------


@SETTINGS
@given(conversations(any_event, min_size=1, max_size=12))
def test_answers_change_only_on_a_cue_a_named_question_a_yes_a_button_or_a_command(turns: list[Turn]) -> None:
    check_answers_kept(play(turns), QUESTION_PHASES)


@pytest.mark.slow
@THOROUGH
@given(conversations(any_event, min_size=1, max_size=12))
def test_answers_change_only_on_a_cue_a_named_question_a_yes_a_button_or_a_command_thoroughly(
    turns: list[Turn],
) -> None:
    test_answers_change_only_on_a_cue_a_named_question_a_yes_a_button_or_a_command.hypothesis.inner_test(turns)


@SETTINGS
@given(RECAP_ANSWERS, conversations(any_event, min_size=1, max_size=6))
def test_answers_at_the_recap_change_only_with_an_updated_line(answers: dict[str, str], turns: list[Turn]) -> None:
    """At the recap the bot has just asked "tell me what to change", so an answer stated there is a
    change (a decision, see bot/answering.py); it must never be silent."""
    setup: list[Turn] = [(Picked(step, (value,)), frozenset({"button"})) for step, value in answers.items()]
    steps = play([*setup, *turns])
    assert steps[len(setup) - 1].after.phase == "confirming"
    for index, step in enumerate(steps[len(setup) :], len(setup)):
        if step.before.phase != "confirming" or allowed_to_change(step):
            continue
        changed = {k for k, v in step.before.answers.items() if step.after.answers.get(k) != v}
        said = " ".join(getattr(r, "text", "") for r in step.replies)
        assert not changed or "Updated:" in said, f"a silent change: {changed}\n{transcript(steps[: index + 1])}"


@pytest.mark.slow
@THOROUGH
@given(RECAP_ANSWERS, conversations(any_event, min_size=1, max_size=6))
def test_answers_at_the_recap_change_only_with_an_updated_line_thoroughly(
    answers: dict[str, str], turns: list[Turn]
) -> None:
    test_answers_at_the_recap_change_only_with_an_updated_line.hypothesis.inner_test(answers, turns)


# -- a state given to the turn --------------------------------------------------------------------


@SETTINGS
@given(conversations(any_event, min_size=1, max_size=12))
def test_a_state_given_to_the_turn_gives_what_a_copy_gives_and_a_state_lent_is_left_alone(turns: list[Turn]) -> None:
    # Service.take gives the turn the state it loaded (changed in place, no copy); anyone else's
    # state is copied first and left as it was.
    state = State()
    for event, _kinds in turns:
        lent = state.model_dump()
        after, replies = ADVISOR.turn(state, event, TODAY)
        assert state.model_dump() == lent, "the caller's state was changed"
        given_after, given_replies = ADVISOR.turn(State.model_validate(lent), event, TODAY, given=True)
        assert (given_after.model_dump(), given_replies) == (after.model_dump(), replies)
        state = after
