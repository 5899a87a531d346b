"""Commands typed with a slip: "hlep", "bakc", "stratt over pleasse", "jsut tell mee the anser"."""

from __future__ import annotations

import functools
import itertools

from rapidfuzz import distance, process

from bot.matching import Matcher

_TYPO_OPENING = 3  # words: a longer message may open with a misspelt command
_SHORT_WORD = 5  # letters: a word this short may be one slip from its command word, a longer one two
_READINGS = 16  # at most this many readings of a misspelt message are tried


class CommandTypos:
    """Reads misspelt commands against the command words of one conversation definition."""

    def __init__(
        self,
        matcher: Matcher,
        command_vocabulary: frozenset[str],
        filler: set[str],
        exact_commands: dict[str, str],
        command_words: dict[str, list[str]],
    ) -> None:
        """`command_vocabulary`: every word of a command phrase, and filler; `exact_commands`: each
        command phrase and its command; `command_words`: the distinctive single words of each."""
        self.matcher = matcher
        self.command_vocabulary = command_vocabulary
        self.filler = filler
        self.exact_commands = exact_commands
        self.command_words = command_words

    def retyped(self, words: list[str]) -> str | None:
        """The command a short message is once each misspelt word is read as a command word or
        filler it is one slip from (two in a long word); None if it is none. Where a word is as
        near to several ("ovr": "over", "our"), each reading is tried, in a fixed order."""
        readings = [self._closest_command_words(w) for w in words]
        if all(r == (w,) for r, w in zip(readings, words, strict=True)):
            return None
        for fixed in itertools.islice(itertools.product(*readings), _READINGS):
            said = " ".join(fixed)
            kept = " ".join(w for w in fixed if w not in self.filler)
            command = self.matcher.command(said) or (self.matcher.command(kept) if kept else None)
            if command is not None:
                return command
        return None

    def retyped_opening(self, words: list[str]) -> str | None:
        """The command a longer message opens with once its first words are read as command words
        they are a slip from; only a whole command phrase, word for word, counts."""
        for size in range(_TYPO_OPENING, 1, -1):
            readings = [self._closest_command_words(w) for w in words[:size]]
            if all(r == (w,) for r, w in zip(readings, words, strict=False)):
                continue  # no slip to read past: the other rules have read these words
            for fixed in itertools.islice(itertools.product(*readings), _READINGS):
                kept = " ".join(w for w in fixed if w not in self.filler)
                # (what is left must be more than one word: "halo, we make gamelan" is no "halp")
                command = self.exact_commands.get(" ".join(fixed)) or (
                    self.exact_commands.get(kept) if len(kept.split()) > 1 else None
                )
                if command is not None:
                    return command
        return None

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one reader per process, words repeat
    def _closest_command_words(self, word: str) -> tuple[str, ...]:
        if word in self.command_vocabulary or len(word) < 3 or not word.isalpha():
            return (word,)
        slips = 1 if len(word) <= _SHORT_WORD else 2
        near = process.extract(
            word,
            sorted(w for w in self.command_vocabulary if w[0] == word[0] and abs(len(w) - len(word)) <= slips),
            scorer=distance.OSA.distance,
            score_cutoff=slips,
            limit=None,
        )
        if not near:
            return (word,)
        fewest = min(score for _, score, _ in near)
        return tuple(sorted(w for w, score, _ in near if score == fewest))

    def misspelt(self, word: str) -> str | None:
        """A one-word command with two letters swapped or one wrong ("hlep", "halp", "bakc")."""
        if len(word) < 4:
            return None
        for name, words in self.command_words.items():
            for known in words:
                if len(known) == len(word) and (
                    sorted(known) == sorted(word) or sum(a != b for a, b in zip(known, word, strict=True)) == 1
                ):
                    return name
        return None
