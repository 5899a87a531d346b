"""Typos of known phrases: "kears" is Keras and "pytroch" PyTorch, while short words must match
exactly, numbers must agree ("tensorflow 2" is no "tensorflow 1"), and a slip never turns a phrase
into its opposite or a person into a deed ("publisher" is no "publish")."""

from __future__ import annotations

import functools
import itertools
import re
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from rapidfuzz import distance, fuzz, process

_MIN_FUZZY_LENGTH = 5  # shorter words must match exactly: "pt" must not match "pi" or "it"
_SHORT_TYPO = 8  # letters: a word this short is one slip from what it means, a longer one two
_SEEN_SPANS = 4096  # spans whose typo answer each phrase list keeps (under a MB each)
_DIGITS = re.compile(r"\d+")


def typo_of(said: str, phrases: list[str], cutoff: float) -> tuple[str, float] | None:
    """The phrase `said` is a typo of, with its similarity, if it is one.

    Short words must match exactly ("pt" must not be "pi"); numbers must match where both have
    them ("tensorflow 2" is not a typo of "tensorflow 1"). Two swapped letters, or one missing or
    extra letter, count as a typo even below the cut-off ("kears", "cancle"); one changed letter
    does not, since that is how different words differ ("found" is not "sound").
    """
    return Phrases(phrases).typo_of(said, cutoff)


class Phrases:
    """Known phrases prepared for `typo_of`: the matcher asks about the same few lists for every
    word of every message, so what does not depend on the message is worked out once (and kept
    for a bounded number of message shapes)."""

    _KEEP = 256

    def __init__(self, phrases: list[str], same_initials: bool = False) -> None:
        self.same_initials = same_initials
        # Too short to be misspelt: such a phrase is never a typo candidate.
        self.candidates = [p for p in phrases if len(p) >= _MIN_FUZZY_LENGTH]
        # With `same_initials`, the initials of the phrases' words: a span whose initials no
        # phrase has cannot be a typo of one (see `_words_may_differ`), and is not scored; the
        # phrases by first letter, which the others are scored against.
        self._by_initials: dict[str, list[str]] = defaultdict(list)
        self._by_first: dict[str, list[str]] = defaultdict(list)
        for phrase in self.candidates if same_initials else ():
            self._by_initials[_initials(phrase)].append(phrase)
            self._by_first[phrase[0]].append(phrase)
        self._agreeing: dict[tuple[str, ...], list[str]] = {}  # (by the numbers in the span)
        self._by_size: dict[int, list[str]] | None = None  # (by length: for `near_any`, made when first asked)
        self._near: dict[tuple[tuple[str, ...], int], list[str]] = {}
        # The answers for spans seen before: messages repeat most of their words and word pairs
        # ("we have", "the team"), and scoring a span against every phrase is most of a reading.
        self._seen: dict[tuple[str, float], tuple[str, float] | None] = {}

    def forget_seen(self) -> None:
        self._seen.clear()

    def near_any(self, said: str, cutoff: float) -> bool:
        """Whether `typo_of` could find a phrase here for `said`: one that scores the cut-off, or
        is one edit away (without the checks that may still turn such a phrase down)."""
        size = len(said)
        if size < _MIN_FUZZY_LENGTH:
            return False
        if self._by_size is None:
            self._by_size = defaultdict(list)
            for phrase in self.candidates:
                self._by_size[len(phrase)].append(phrase)
        # fuzz.ratio is at most 1 - |a - b| / (a + b) of the two lengths: only phrases of about
        # this length can reach the cut-off (one more letter either way, to be safe).
        share = cutoff / 100
        shortest, longest = int(size * share / (2 - share)) - 1, int(size * (2 - share) / share) + 1
        similar = [p for length in range(shortest, longest + 1) for p in self._by_size.get(length, ())]
        if process.extractOne(said, similar, scorer=fuzz.ratio, score_cutoff=cutoff) is not None:
            return True
        near = [*self._by_size.get(size - 1, ()), *self._by_size.get(size, ()), *self._by_size.get(size + 1, ())]
        return process.extractOne(said, near, scorer=distance.OSA.distance, score_cutoff=1) is not None

    def may_hold(self, initials: str) -> bool:
        """Whether a span whose words start with `initials` may be a typo of a phrase here (only
        with `same_initials`; otherwise any span may)."""
        return not self.same_initials or initials in self._by_initials

    def _kept(self, cache: dict[Any, list[str]], key: Any, make: Callable[[], list[str]]) -> list[str]:
        found = cache.get(key)
        if found is None:
            found = make()
            if len(cache) < self._KEEP:
                cache[key] = found
        return found

    def typo_of(self, said: str, cutoff: float) -> tuple[str, float] | None:
        """See the module function `typo_of`."""
        if len(said) < _MIN_FUZZY_LENGTH:
            return None
        key = (said, cutoff)
        if key in self._seen:
            return self._seen[key]
        if len(self._seen) >= _SEEN_SPANS:
            self._seen.clear()  # bounded: a long-running worker forgets and starts again
        found = self._seen[key] = self._typo_of(said, cutoff)
        return found

    def _typo_of(self, said: str, cutoff: float) -> tuple[str, float] | None:
        numbers = tuple(_DIGITS.findall(said))
        # (scored against every phrase of its first letter, not only those of its initials: the
        # best of those may be turned down later, which must stay so, not let a worse one in)
        first = said[0] if self.same_initials else ""
        pool = self._by_first.get(first, []) if self.same_initials else self.candidates
        if not pool:
            return None
        candidates = (
            self._kept(
                self._agreeing,
                (*numbers, first),
                lambda: [p for p in pool if _numbers_agree(numbers, _numbers(p))],
            )
            if numbers
            else pool
        )
        best = process.extractOne(said, candidates, scorer=fuzz.ratio, score_cutoff=cutoff)
        if best is not None:
            return None if _derived(said, best[0]) else (best[0], float(best[1]))
        # Within one edit, lengths differ by at most one; the rest cannot qualify, so they are not scored.
        near = self._kept(
            self._near,
            ((*numbers, first), len(said)),
            lambda: [p for p in candidates if abs(len(p) - len(said)) <= 1],
        )
        if not near:
            return None
        for phrase, _, _ in process.extract(said, near, scorer=distance.OSA.distance, score_cutoff=1, limit=None):
            if len(phrase) != len(said) or sorted(phrase) == sorted(said):
                return phrase, cutoff
        return None


# An ending that makes a person of a deed is another word, not a slip of the keyboard: a
# "publisher" does not "publish" papers. (Other endings say the same deed: "recommend" is
# "recommending", "supported" is "support".)
_AGENT_ENDINGS = ("er", "ers")


def _initials(phrase: str) -> str:
    """The first letter of each word ("ngt" of "no gpu training")."""
    return "".join(word[0] for word in phrase.split())


def _derived(said: str, phrase: str) -> bool:
    """Whether `said` is `phrase` with an ending naming who does it."""
    return said.startswith(phrase) and said[len(phrase) :] in _AGENT_ENDINGS


_POLAR = frozenset({"no", "not", "non", "nothing", "none", "something", "anything", "dont", "don't", "without"})


def words_may_differ(phrase: str, span: str) -> bool:
    """Only long words may be misspelt ("it in prod" is not a typo of "tf in prod"), and not in
    their first letter, which people rarely get wrong ("vast.ai" is not "fast.ai")."""
    return all(
        a == b or (min(len(a), len(b)) >= 4 and a[0] == b[0])
        for a, b in zip(phrase.split(), span.split(), strict=False)
    )


def too_far(phrase: str, span: str) -> bool:
    """Whether `span` is `phrase` but for one word that is another word, not a misspelling of
    it (more than a slip or two apart). Phrases reworded in several places stay near: "we do not
    want to train" is "we don't want to train"."""
    said, known = span.split(), phrase.split()
    differ = [(a, b) for a, b in zip(known, said, strict=False) if a != b]
    if len(said) == 1:
        return distance.OSA.distance(span, phrase) > _slips(span)
    if len(said) != len(known) or len(differ) != 1:
        return False
    a, b = differ[0]
    # Another ending or spelling of the same word is no other word: "still working in" is "still
    # work in", "cannot afford" is "can't afford".
    shared = sum(1 for _ in itertools.takewhile(lambda pair: pair[0] == pair[1], zip(a, b, strict=False)))
    same_stem = shared >= min(3, len(a), len(b))
    return not same_stem and distance.OSA.distance(a, b) > _slips(b)


def each_word_near(phrase: str, said: str) -> bool:
    """Whether every word of `phrase` is in `said`, misspelt there by a slip or two, or cut short
    ("pls", "thx"), never in its first letter: "pls go bak" is "go back", "ok close this whole
    conversation" no "erase this whole conversation"."""
    if distance.OSA.distance(said.replace(" ", ""), phrase.replace(" ", "")) <= 2:
        return True  # spaces slipped: "startover", "go bac k"
    words = said.split()
    return all(word in words or any(_near_word(other, word) for other in words) for word in phrase.split())


def _slips(word: str) -> int:
    """How many slips a misspelling of `word` may hold: one in a short word, two in a long one."""
    return 1 if len(word) <= _SHORT_TYPO else 2


def _near_word(said: str, word: str) -> bool:
    if said[:1] != word[:1]:
        return False
    return len(said) <= 3 or distance.OSA.distance(said, word) <= _slips(word)


def polar_words(phrase: str) -> frozenset[str]:
    return frozenset(w for w in phrase.split() if w in _POLAR)


@functools.lru_cache(maxsize=4096)
def _numbers(phrase: str) -> tuple[str, ...]:
    """The numbers in a known phrase (the phrases are few and fixed, so this is cached)."""
    return tuple(_DIGITS.findall(phrase))


def _numbers_agree(said_numbers: tuple[str, ...], phrase_numbers: tuple[str, ...]) -> bool:
    """Numbers must match where both the message and the phrase have them."""
    return not said_numbers or not phrase_numbers or said_numbers == phrase_numbers
