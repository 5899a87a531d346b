"""What reading a message gives: the options it names (`Found`) and the whole `Reading`."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

Kind = Literal["answer", "question", "what_if", "other_language", "empty"]
Operation = Literal["add", "remove", "replace"]


@dataclass(frozen=True)
class Found:
    """An option the message names: said (`negated` False) or ruled out ("not android")."""

    step_id: str
    option_id: str
    phrase: str
    negated: bool = False
    only_when_asked: bool = False
    generic: bool = False
    exact: bool = True  # False for a typo ("pytroch")
    hedged: bool = False  # "maybe the browser later": neither said nor ruled out


@dataclass(frozen=True)
class Reading:
    """Everything a message says, read once."""

    text: str  # normalised: lower-case words, markup and punctuation dropped
    kind: Kind = "answer"
    raw: str = ""  # as typed, only for echoing it back (escaped by the renderer)
    command: str | None = None
    numbers: tuple[int, ...] = ()  # options picked by number or ordinal ("2", "1, 3", "the first one")
    found: tuple[Found, ...] = ()
    weeks: float | None = None  # a stated deadline, in weeks from today
    operation: Operation | None = None
    cue: Operation | None = None  # the change its words ask for ("actually", "drop"), not one inferred
    # the replacing cue is only a word of news ("actually", "update", "wait"), not one that says
    # what it replaces ("scratch that", "I meant")
    news: bool = False
    names_steps: frozenset[str] = frozenset()  # steps the message names ("timeline is 3 months")
    reopens: str | None = None  # the question it asks to answer again ("change the timeline")
    about_bot: str | None = None  # identity, progress or repeat, for questions about the bot itself
    questions: tuple[str, ...] = field(default=())  # the question clauses, normalised

    asked_facts: tuple[Found, ...] = ()  # options named inside questions, for an opening message
    counted: tuple[Found, ...] = ()  # options a question asks whether something counts as ("does colab count?")
    all_options: bool = False  # "all of them"

    def with_facts_from_questions(self) -> Reading:
        """The reading with the options named in its questions taken as said (for a first message)."""
        return replace(self, kind="answer", found=(*self.found, *self.asked_facts), asked_facts=())

    @property
    def correction(self) -> bool:
        """Whether the message asks to change an answer already given."""
        return self.operation is not None

    def said(self, step_id: str) -> list[str]:
        return list(
            dict.fromkeys(f.option_id for f in self.found if f.step_id == step_id and not f.negated and not f.hedged)
        )

    def ruled_out(self, step_id: str) -> list[str]:
        return list(
            dict.fromkeys(f.option_id for f in self.found if f.step_id == step_id and f.negated and not f.hedged)
        )

    def steps(self) -> list[str]:
        return list(dict.fromkeys(f.step_id for f in self.found))
