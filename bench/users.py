"""Simulated Slack users: fresh ones for every conversation, answering what they are asked.

Each user is new (a user id never used before in the run, so no load continues a finished
conversation), draws their own answers - from the labelled corpus's real phrasings for the
question asked (`tests/corpus/dev*.yaml`, never the holdout) or from an option's examples and
synonyms - confirms the recap, asks one follow-up after the recommendation, and leaves.
"""

from __future__ import annotations

import itertools
import random
import secrets
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import safe_load
from bench.fake_api import NOTHING, RECAP
from bot.conversation import load_conversation
from bot.settings import data_path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ("dev.yaml", "dev2.yaml")  # the holdout stays unseen
MAX_LINES = 16  # a user who has not reached a recommendation by then leaves
_CONFIRM = ["yes", "yes, that's right"]
_FOLLOW_UP = ["why not tensorflow?", "what would change your mind?", "what if we had to run on a microcontroller?"]


@dataclass
class Phrasebook:
    """What users may say: answers per step, confirmations of the recap, follow-up questions."""

    answers: dict[str, list[str]]
    confirm: list[str]
    follow_up: list[str]

    @classmethod
    def load(cls) -> Phrasebook:
        answers: dict[str, list[str]] = defaultdict(list)
        for step in load_conversation(data_path("conversations")).steps:
            for option in step.options:
                answers[step.id] += [*option.examples, *option.synonyms[:3], option.label]
        confirm, follow_up = list(_CONFIRM), list(_FOLLOW_UP)
        for name in CORPORA:
            path = ROOT / "tests" / "corpus" / name
            if not path.exists():  # an installed package has no tests: the options alone
                continue
            entries: list[dict[str, Any]] = safe_load(path.read_text()) or []
            for entry in entries:
                kind, pending = entry["expect"].get("kind"), entry.get("pending")
                if kind == "answer" and pending in answers:
                    answers[pending].append(entry["text"])
                elif pending == RECAP and entry["expect"].get("command") == "confirm":
                    confirm.append(entry["text"])
                elif pending == "after" and kind in ("question", "what_if"):
                    follow_up.append(entry["text"])
        return cls(dict(answers), confirm, follow_up)


@dataclass
class User:
    """One conversation's user: the next line, given what the bot's latest message asks."""

    id: str
    channel: str
    rng: random.Random
    book: Phrasebook
    lines: int = 0
    confirmed: bool = False
    followed_up: bool = False
    answered: set[str] = field(default_factory=set)

    def next_line(self, asking: str | None) -> str | None:
        """What to send now (`asking` is None before the first message), or None: done."""
        if self.lines >= MAX_LINES or self.followed_up:
            return None
        self.lines += 1
        if asking is None:
            return self._answer("use_case")
        if asking == RECAP:
            self.confirmed = True
            return self.rng.choice(self.book.confirm)
        if asking == NOTHING:
            if self.confirmed:  # the recommendation: one follow-up, then the user leaves
                self.followed_up = True
                return self.rng.choice(self.book.follow_up)
            open_steps = [s for s in self.book.answers if s not in self.answered] or list(self.book.answers)
            return self._answer(self.rng.choice(open_steps))
        return self._answer(asking)

    def _answer(self, step: str) -> str:
        self.answered.add(step)
        return self.rng.choice(self.book.answers.get(step) or self.book.answers["use_case"])


class Population:
    """Users never seen before, for the whole run (every load, every app, every transport)."""

    def __init__(self, seed: int = 2026) -> None:
        self.book = Phrasebook.load()
        self._run = secrets.token_hex(2).upper()  # also fresh across runs against one database
        self._numbers = itertools.count(1)
        self._seed = seed

    def new_user(self) -> User:
        number = next(self._numbers)
        user = f"U{self._run}{number:07d}"
        return User(id=user, channel="D" + user[1:], rng=random.Random(self._seed * 1_000_003 + number), book=self.book)
