"""A conversation's state and the events that move it: plain records, stored as JSON between turns."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field

from bot.conversation import UNSURE

Phase = Literal["new", "asking", "confirming", "advised", "cancelled", "expired"]
# May a consultant contact them? Asked when they first ask for one; only "given" lets a lead go out.
Consent = Literal["unasked", "asked", "given", "declined"]
MAX_ASKED_AFTER = 10  # follow-up questions kept for the consultant's card (the latest)


class State(BaseModel):
    """Everything the core needs to continue a conversation; stored as JSON between turns."""

    phase: Phase = "new"
    answers: dict[str, list[str]] = Field(default_factory=dict)
    pending: str | None = None
    misses: int = 0
    undo: list[dict[str, list[str]]] = Field(default_factory=list)
    proposed: dict[str, list[str]] | None = None  # a what-if's answers, until adopted or discarded
    resume_phase: Phase | None = None  # where an expired conversation was, for "resume"
    last_replies: str = ""  # a fingerprint of the last turn's replies: never the same twice in a row
    forget_asked: bool = False  # "delete everything?" was asked: a yes now deletes
    unknowns: int = 0  # follow-up questions in a row the knowledge could not answer
    held: str | None = None  # what the user sent to an expired conversation, applied on "resume"
    confirm: dict[str, list[str]] | None = None  # a change to an answered step, until yes or keep
    which: dict[str, list[str]] | None = None  # "which one?": a step and the options it could be
    confirm_asked: dict[str, list[str]] | None = None  # the last change proposed, so it is not proposed twice in a row
    reopened: str | None = None  # the question asked again to change its answer ("change the timeline")
    which_asked: dict[str, list[str]] | None = None  # the last "which one?", so it is not asked twice in a row
    consent: Consent = "unasked"
    consent_open: bool = False  # the last turn asked for consent: a typed yes or no now answers it
    asked_after: list[str] = Field(default_factory=list)  # what they asked after the recommendation, as typed


@dataclass(frozen=True)
class Said:
    """Free text the user typed."""

    text: str


@dataclass(frozen=True)
class Picked:
    """Options chosen by button or number for one step."""

    step_id: str
    option_ids: tuple[str, ...]


@dataclass(frozen=True)
class Pressed:
    """A global command chosen by button: confirm, restart, back, help, unsure, cancel."""

    command: str


Event = Said | Picked | Pressed


def effective(answers: dict[str, list[str]]) -> dict[str, list[str]]:
    """The answers that weigh anything: "not sure" ones are left out."""
    return {k: v for k, v in answers.items() if v != [UNSURE]}
