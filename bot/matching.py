"""Placing free text: which step options and global commands a message mentions.

Matching is a pure function of the text and the conversation's data. It returns scored
candidates; "nothing matched" is an ordinary (empty) result, never an exception.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz, process

from bot.conversation import Conversation, Step
from bot.durations import weeks_until

DEFAULT_CUTOFF = 85.0
"""Similarity (0-100) a phrase needs to count as a typo of a synonym."""

_MIN_FUZZY_LENGTH = 5  # shorter words must match exactly: "pt" must not match "pi" or "it"
_MAX_NGRAM = 4
_ZERO_WIDTH = dict.fromkeys(
    map(ord, "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e")
)
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_SLACK_MARKUP = re.compile(r"<[@#!][^>]*>|<(https?://[^|>]*)(?:\|([^>]*))?>")
_NOT_WORD = re.compile(r"[^a-z0-9.+#'\- ]+")


@dataclass(frozen=True)
class Mention:
    """A phrase in the message that names one option of one step."""

    step_id: str
    option_id: str
    phrase: str
    score: float


@dataclass(frozen=True)
class _Target:
    step_id: str
    option_id: str
    only_when_asked: bool


def normalise(text: str) -> str:
    """Lower-case words separated by single spaces; Slack markup, emoji and punctuation dropped."""
    text = unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH).translate(_QUOTES)
    text = _SLACK_MARKUP.sub(lambda m: f" {m.group(2) or ''} ", text)
    text = _NOT_WORD.sub(" ", text.lower().replace("/", " "))
    words = (w.strip(".'-") for w in text.split())
    return " ".join(w for w in words if w)


class Matcher:
    """Finds option mentions and commands in messages, for one conversation definition."""

    def __init__(self, conversation: Conversation, cutoff: float = DEFAULT_CUTOFF) -> None:
        self.conversation = conversation
        self.cutoff = cutoff
        self._phrases: dict[str, list[_Target]] = defaultdict(list)
        for step in conversation.steps:
            for option in step.options:
                for phrase in [option.label, option.id.replace("_", " "), *option.synonyms]:
                    self._add(phrase, _Target(step.id, option.id, False))
                for phrase in option.when_asked:
                    self._add(phrase, _Target(step.id, option.id, True))
        # Phrases grouped by word count, so "edge tpu" is only compared with two-word spans.
        self._by_length: dict[int, list[str]] = defaultdict(list)
        for phrase in self._phrases:
            self._by_length[len(phrase.split())].append(phrase)
        commands = conversation.commands
        self._commands = {
            name: [normalise(p) for p in getattr(commands, name)]
            for name in ("help", "back", "restart", "cancel", "unsure", "confirm")
        }
        self._also = {normalise(p) for p in commands.also}

    def _add(self, phrase: str, target: _Target) -> None:
        key = normalise(phrase)
        if key and target not in self._phrases[key]:
            self._phrases[key].append(target)

    def mentions(self, text: str, pending: str | None = None) -> list[Mention]:
        """Every option the message names, longest phrases first, each word used once."""
        words = normalise(text).split()
        used = [False] * len(words)
        found: list[Mention] = []
        for size in range(min(_MAX_NGRAM, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                if any(used[start : start + size]):
                    continue
                span = " ".join(words[start : start + size])
                hit = self._lookup(span, size)
                if hit is None:
                    continue
                phrase, score = hit
                targets = [t for t in self._phrases[phrase] if not t.only_when_asked or t.step_id == pending]
                if not targets:
                    continue
                for i in range(start, start + size):
                    used[i] = True
                found.extend(Mention(t.step_id, t.option_id, span, score) for t in targets)
        return found

    def _lookup(self, span: str, size: int) -> tuple[str, float] | None:
        if span in self._phrases:
            return span, 100.0
        if len(span) < _MIN_FUZZY_LENGTH:
            return None
        best = process.extractOne(span, self._by_length[size], scorer=fuzz.ratio, score_cutoff=self.cutoff)
        if best is None or len(best[0]) < _MIN_FUZZY_LENGTH:
            return None
        return best[0], float(best[1])

    def duration(self, step: Step, text: str, today: date) -> str | None:
        """The option of a duration step that a stated deadline falls in, if one is stated."""
        weeks = weeks_until(text, today)
        if weeks is None:
            return None
        for option in step.options:
            if option.max_weeks is None or weeks <= option.max_weeks:
                return option.id
        return step.options[-1].id

    def command(self, text: str) -> str | None:
        """The global command a short message is (help, back, restart, cancel, unsure, confirm)."""
        said = normalise(text)
        if not said or len(said.split()) > 4:
            return None
        best: tuple[str, float] | None = None
        for name, phrases in self._commands.items():
            if said in phrases:
                return name
            if len(said) < _MIN_FUZZY_LENGTH:
                continue
            hit = process.extractOne(said, phrases, scorer=fuzz.ratio, score_cutoff=self.cutoff)
            if hit and (best is None or hit[1] > best[1]):
                best = (name, float(hit[1]))
        return best[0] if best else None

    def says_also(self, text: str) -> bool:
        """Whether a correction adds to a several-choice answer rather than replacing it."""
        words = normalise(text).split()
        return any(w in self._also for w in words) or "as well" in " ".join(words)

    @staticmethod
    def numbers(step: Step, text: str) -> list[str] | None:
        """Options picked by number ("2", "1, 3", "1 and 4"), or None if the text is not that."""
        said = normalise(text).replace(",", " ").split()
        said = [w for w in said if w not in ("and", "&")]
        if not said or not all(w.isdigit() for w in said):
            return None
        picks = [int(w) for w in said]
        if any(n < 1 or n > len(step.options) for n in picks):
            return None
        if step.kind != "many" and len(picks) > 1:
            return None
        return list(dict.fromkeys(step.options[n - 1].id for n in picks))
