"""What the dialogue core says, as plain data. Renderers turn these into terminal text or Block Kit.

Texts may use *bold* and _italics_; everything else (escaping, links, layout) is the renderer's job.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.advice import Recommendation, Source


@dataclass(frozen=True)
class Choice:
    id: str
    label: str


@dataclass(frozen=True)
class Say:
    """A line of conversation."""

    text: str


@dataclass(frozen=True)
class Ask:
    """A question about one step, with its options as choices."""

    step_id: str
    text: str
    choices: tuple[Choice, ...]
    multi: bool
    position: tuple[int, int]  # (this step's number, how many steps)
    hint: str = ""
    chosen: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecapLine:
    step_id: str
    title: str
    value: str


@dataclass(frozen=True)
class Recap:
    """What the bot understood, before it recommends; choices confirm or restart."""

    intro: str
    lines: tuple[RecapLine, ...]
    question: str
    choices: tuple[Choice, ...] = (
        Choice("confirm", "Looks right - recommend"),
        Choice("restart", "Start over"),
    )


@dataclass(frozen=True)
class Advise:
    """The recommendation, with the consultation link and a summary of the answers."""

    recommendation: Recommendation
    answers: tuple[RecapLine, ...]
    consult_url: str
    flip_text: str | None
    follow_up_hint: str
    because: tuple[str, ...] = ()  # per deciding criterion: the team's answers that made it count
    share_label: str = ""  # the Share to channel button (none without a label)


@dataclass(frozen=True)
class Answer:
    """An answer to a follow-up question, with the sources it rests on."""

    topic: str
    text: str
    sources: tuple[Source, ...] = field(default=())
    choices: tuple[Choice, ...] = ()
    # A follow-up nothing in the knowledge answers, as typed (clipped): not shown any differently, but
    # kept by the service for the consultancy's to-do list (Store.unanswered_questions). "" for every other answer.
    unanswered: str = ""


@dataclass(frozen=True)
class Lead:
    """A request for a consultant that the user consented to pass on: for the consultancy, never
    shown to the user (the adapter sends it to the leads channel and webhook)."""

    answers: tuple[RecapLine, ...]
    verdict: str = ""  # "" before any recommendation
    name: str = ""  # the recommended framework as people name it
    confidence: str = ""
    asked: tuple[str, ...] = ()  # what they asked after the recommendation, as typed


Reply = Say | Ask | Recap | Advise | Answer | Lead
