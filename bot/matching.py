"""Placing free text: which step options and global commands a message mentions.

Matching is a pure function of the text and the conversation's data. It returns scored
candidates; "nothing matched" is an ordinary (empty) result, never an exception.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from rapidfuzz import distance, fuzz, process

from bot.conversation import MAX_PHRASE_WORDS, Conversation, Step
from bot.durations import weeks_until

# ("nobody's" is "nobody has" as often as "nobody is": no possessive of a word for none)
_NOBODY = frozenset({"nobody", "no one", "none", "nothing", "noone", "everybody", "everyone", "somebody", "someone"})
ANY_STEP = "*"  # as `pending`: every question is open (the recap, what-ifs), so its own words count
DEFAULT_CUTOFF = 85.0
"""Similarity (0-100) a phrase needs to count as a typo of a synonym."""

_MIN_FUZZY_LENGTH = 5  # shorter words must match exactly: "pt" must not match "pi" or "it"
_MAX_NGRAM = MAX_PHRASE_WORDS
_SHORT_TYPO = 8  # letters: a word this short is one slip from what it means, a longer one two
_SEEN_SPANS = 4096  # spans whose typo answer each phrase list keeps (under a MB each)
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_SLACK_MARKUP = re.compile(r"<[@#!][^>]*>|<(https?://[^|>]*)(?:\|([^>]*))?>")
_NOT_WORD = re.compile(r"[^a-z0-9.+#'\- ]+")
_NOT_A_LETTER = re.compile(r"[^\w.+#'\- ]+|_")  # (as written: accented letters and other scripts kept)
_TIMES = re.compile(r"\b(\d+)x(?=[a-z])")
_MILLISECONDS = re.compile(r"\b(\d+)ms\b")  # "under 50ms" is "under 50 ms", as latencies are named
_GPU_TI = re.compile(r"\b(\d{4})(ti)\b")  # "3070ti" is an RTX 3070 Ti: the number stands alone
# "2027 4월", "12月": a month by its number in Korean, Japanese or Chinese, named as in English
_CJK_MONTH = re.compile(r"(?:(20\d\d)\s*[년年]?\s*)?(?<!\d)(1[0-2]|0?[1-9])\s*[월月]")
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                "november", "december")  # fmt: skip
# An acronym or a model name with an apostrophe is a plural ("GPU's", "A100's", "TPU's"): too
# short to be read as a slip of "GPUs".
_APOSTROPHE_PLURAL = re.compile(r"\b([A-Z][A-Z0-9]*[A-Z0-9])'s\b")
# Slack's emoji codes (":rocket:", ":white_check_mark:", ":+1:"), which read as words otherwise.
_EMOJI_CODE = re.compile(r":[a-z0-9_+\-']+:")
# Hyphens join words people also write apart ("pose-detection", "iOS-only", "on-device"); ranges
# of digits ("1-3") keep theirs so they stay one token.
_HYPHEN = re.compile(r"(?<![0-9])-|-(?![0-9])")
_DIGITS = re.compile(r"\d+")
# Text `normalise` leaves as it is: lower-case words of letters and digits (with an inner
# apostrophe or dot: "don't", "fast.ai"), one space apart.
_PLAIN = re.compile(r"[a-z0-9]+(?:['.][a-z0-9]+)*(?: [a-z0-9]+(?:['.][a-z0-9]+)*)*")


@dataclass(frozen=True)
class Mention:
    """A phrase in the message that names one option of one step."""

    step_id: str
    option_id: str
    phrase: str
    score: float
    only_when_asked: bool = False
    start: int = 0  # the phrase's first and one-past-last word in the normalised text
    end: int = 0
    generic: bool = False


@dataclass(frozen=True)
class _Target:
    step_id: str
    option_id: str
    only_when_asked: bool
    generic: bool = False


_NOTHING = _Target("", "", False)  # the target of a phrase that names no option (cues.not_options)


def plain_letters_only(text: str) -> str:
    """`text` with every letter outside plain ASCII taken out, as the command reader reads it:
    commands are English, and "Sí, ..." must not become a "si" that confirms."""
    text = unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH).translate(_QUOTES)
    if text.isascii():
        return text
    # (other characters, such as the dash of "... — start over", still split clauses)
    return "".join(" " if not ch.isascii() and ch.isalpha() else ch for ch in text)


def fold_accents(text: str) -> str:
    """`text` with its letters' accents dropped ("Tết" is "Tet")."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=4096)
def normalise(text: str, fold: bool = True) -> str:
    """Lower-case words separated by single spaces; Slack markup, emoji and punctuation dropped;
    accented letters the plain ones ("Tết", "Limón"), unless `fold` is false (then they stay as
    written, as do other scripts' letters; otherwise those are dropped). (Remembered for recent
    texts: one reading asks for a message's words in several places.)"""
    if (
        _PLAIN.fullmatch(text)
        and not _TIMES.search(text)
        and not _MILLISECONDS.search(text)
        and not _GPU_TI.search(text)
    ):
        return text  # already normal: the words of a clause, read again (most calls are these)
    return normalised(text, fold)


def normalised(text: str, fold: bool = True) -> str:
    """`normalise` worked out in full, every time (what its shortcut for normal text must equal)."""
    text = unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH).translate(_QUOTES)
    text = _CJK_MONTH.sub(lambda m: f" {_MONTH_NAMES[int(m[2]) - 1]} {m[1] or ''} ", text)
    if fold and not text.isascii():
        text = fold_accents(text)
    text = _SLACK_MARKUP.sub(lambda m: f" {m.group(2) or ''} ", text)
    text = _APOSTROPHE_PLURAL.sub(r"\1s", text)
    not_word = _NOT_WORD if fold else _NOT_A_LETTER
    text = not_word.sub(" ", _EMOJI_CODE.sub(" ", text.lower()).replace("/", " "))
    text = _HYPHEN.sub(" ", text)
    text = _TIMES.sub(r"\1 x ", text)  # "8xh100" is eight H100s
    text = _MILLISECONDS.sub(r"\1 ms", text)
    text = _GPU_TI.sub(r"\1 \2", text)
    words = (w.strip(".'-") for w in text.split())
    # "+android" adds Android; "c++" keeps its pluses
    return " ".join(w[1:] if w[:1] == "+" and w[1:2].isalpha() else w for w in words if w)


class Matcher:
    """Finds option mentions and commands in messages, for one conversation definition."""

    def __init__(self, conversation: Conversation, cutoff: float = DEFAULT_CUTOFF) -> None:
        self.conversation = conversation
        self.cutoff = cutoff
        self._phrases: dict[str, list[_Target]] = defaultdict(list)
        self._gapped: list[tuple[re.Pattern[str], str, _Target]] = []
        # Each gapped phrase's first word: where a message lacks it, the phrase's pattern is not run.
        self._gapped_heads: list[str] = []
        # Questions of several answers whose "none" a bare "no" says ("no, that's all"): there "no"
        # before another word negates that word ("no lag" is a wish for speed, not "nothing else"),
        # where for a question of one answer it is the answer ("no ML anywhere": nothing running).
        self._no_ends_a_list = frozenset(step.id for step in conversation.steps if step.kind == "many")
        self._no_goes_on = frozenset(normalise(w) for w in conversation.cues.no_goes_on)  # ("no other ...")
        for step in conversation.steps:
            for option in step.options:
                # Ids are not phrases: "tf_production" would make "the production" a typo of
                # "tf production", and the timeline's "long" would match any "long".
                # An answer that rules out the others ("Nothing else") answers only its own question:
                # "The Mac Studio. M2 Ultra. Nothing else." says nothing about priorities.
                self._add(option.label, _Target(step.id, option.id, option.exclusive))
                for phrase in option.synonyms:
                    self._add(phrase, _Target(step.id, option.id, False))
                # (a phrase in both when_asked and generic answers only its own question, and only
                # when no other option of it is named: "colab" is NVIDIA, but not in "colab with TPUs")
                for phrase in option.when_asked:
                    self._add(phrase, _Target(step.id, option.id, True, generic=phrase in option.generic))
                for phrase in option.generic:
                    if phrase not in option.when_asked:
                        self._add(phrase, _Target(step.id, option.id, False, generic=True))
        self._project_steps = {step.id for step in conversation.steps if step.names_the_project}
        # Phrases that name no option, though a word in them would ("docker image" is no vision):
        # they take their words, and nothing is found there.
        for phrase in conversation.cues.not_options:
            self._add(phrase, _NOTHING)
        # Phrases grouped by word count, so "edge tpu" is only compared with two-word spans.
        by_length: dict[int, list[str]] = defaultdict(list)
        for phrase in self._phrases:
            by_length[len(phrase.split())].append(phrase)
        # No word of an option's name is misspelt in its first letter (see `_words_may_differ`),
        # so a span is only scored against the phrases of its first letter, and not at all where
        # no phrase's words start as its words do.
        self._by_length = {size: Phrases(phrases, same_initials=True) for size, phrases in by_length.items()}
        # The first words of the phrases of each length (an exact match, or its plural, starts so).
        self._heads = {size: frozenset(phrase.split()[0] for phrase in phrases) for size, phrases in by_length.items()}
        commands = conversation.commands
        self._commands = {
            name: [normalise(p) for p in getattr(commands, name)]
            for name in (
                "help",
                "back",
                "restart",
                "cancel",
                "unsure",
                "confirm",
                "adopt",
                "discard",
                "resume",
                "greet",
                "thanks",
                "forget",
                "keep",
                "recommend_now",
            )
        }
        self._command_phrases = {name: Phrases(phrases) for name, phrases in self._commands.items()}
        # Every command's phrases at once: one scoring tells whether any command may be meant.
        self._any_command = Phrases([p for phrases in self._commands.values() for p in phrases])
        # Each phrase's command (the first to list it, as `command` tries them in order).
        self._command_of: dict[str, str] = {}
        for name, phrases in self._commands.items():
            for phrase in phrases:
                self._command_of.setdefault(phrase, name)

    def forget_seen(self) -> None:
        """Drop what was remembered about spans already scored (for benchmarks of fresh text)."""
        normalise.cache_clear()
        weeks_until.cache_clear()
        for phrases in [*self._by_length.values(), *self._command_phrases.values()]:
            phrases.forget_seen()

    def command_phrases(self) -> dict[str, list[str]]:
        """Each command's normalised phrases."""
        return {name: list(phrases) for name, phrases in self._commands.items()}

    def vocabulary(self) -> set[str]:
        """Every word of every option phrase and command: what this bot knows (for telling
        another language from a message full of our terms)."""
        words = {w for phrase in self._phrases for w in phrase.split()}
        words |= {w for phrases in self._commands.values() for p in phrases for w in p.split()}
        return words

    def _add(self, phrase: str, target: _Target) -> None:
        if "*" in phrase:
            # "nothing * in production": one to three words stand for the star
            parts = [normalise(part) for part in phrase.split("*")]
            pattern = re.compile(r"\b" + r"(?: \S+){1,3} ".join(re.escape(p) for p in parts) + r"\b")
            self._gapped.append((pattern, phrase, target))
            self._gapped_heads.append(parts[0].split()[0] if parts[0] else "")
            return
        key = normalise(phrase)
        if key and target not in self._phrases[key]:
            self._phrases[key].append(target)

    def _names_an_option(self, words: set[str]) -> bool:
        """Whether a gap names an option, other than what the project is ("a pytorch segmentation
        model in production" names the model that runs, and is still PyTorch in production)."""
        return any(
            t.step_id and not t.only_when_asked and t.step_id not in self._project_steps
            for w in words
            for t in self._phrases.get(w, ())
        )

    def _gapped_mentions(self, words: list[str], used: list[bool], pending: str | None) -> list[Mention]:
        """Phrases with a gap ("nothing like this is in production"), placed first: the gap may not
        hold another option's name ("no pytorch in production" is PyTorch in production, ruled out)."""
        said = " ".join(words)
        starts = list(itertools.accumulate(len(w) + 1 for w in words[:-1]))
        starts.insert(0, 0)
        found: list[Mention] = []
        present = set(words)
        for (pattern, phrase, target), head in zip(self._gapped, self._gapped_heads, strict=True):
            # (a match starts at a word and its first part is whole words: its head is a word)
            if head and head not in present:
                continue
            if target.only_when_asked and target.step_id != pending:
                continue
            for match in pattern.finditer(said):
                start = bisect.bisect_right(starts, match.start()) - 1
                end = bisect.bisect_left(starts, match.end())
                gap = set(words[start:end]) - set(phrase.replace("*", " ").split())
                if starts[start] != match.start() or any(used[start:end]) or self._names_an_option(gap):
                    continue
                for i in range(start, end):
                    used[i] = True
                found.append(
                    Mention(target.step_id, target.option_id, match[0], 100.0, target.only_when_asked, start, end)
                )
        return found

    def mentions(self, text: str, pending: str | None = None, only_step: str | None = None) -> list[Mention]:
        """Every option the message names, longest phrases first, each word used once.

        Exact phrases are placed before typos, so "iphone app" is the exact "iphone" rather than
        a typo of "phone app" (which would also mean Android)."""
        words = normalise(text).split()
        used = [False] * len(words)
        found: list[Mention] = []
        if self._gapped:
            gapped = self._gapped_mentions(words, used, pending)
            found.extend(m for m in gapped if only_step is None or m.step_id == only_step)
        # (Spans that cannot match are passed over before they are joined: a longer phrase starts
        # with one of a few words, and a typo's words start as the phrase's words do.)
        initials = "".join(word[0] for word in words)
        phrases = self._phrases
        for fuzzy in (False, True):
            for size in range(min(_MAX_NGRAM, len(words)), 0, -1):
                heads = self._heads.get(size, frozenset())
                typos = self._by_length.get(size)
                if fuzzy and typos is None:
                    continue  # no phrase of this length
                for start in range(len(words) - size + 1):
                    if fuzzy:
                        if typos is not None and not typos.may_hold(initials[start : start + size]):
                            continue
                    elif size > 1 and words[start] not in heads:
                        continue
                    if any(used[start : start + size]):
                        continue
                    span = " ".join(words[start : start + size])
                    if fuzzy:
                        hit = self._fuzzy(span, size)
                    else:
                        hit = (span, 100.0) if span in phrases else self._singular(span, pending)
                    if hit is None:
                        continue
                    phrase, score = hit
                    targets = self._targets(phrase, pending)
                    if span == "no" and words[start + 1 : start + 2] and words[start + 1] not in self._no_goes_on:
                        targets = [t for t in targets if not (t.only_when_asked and t.step_id in self._no_ends_a_list)]
                    if only_step is not None:
                        targets = [t for t in targets if t.step_id == only_step]
                    if not targets:
                        continue
                    for i in range(start, start + size):
                        used[i] = True
                    found.extend(
                        Mention(t.step_id, t.option_id, span, score, t.only_when_asked, start, start + size, t.generic)
                        for t in targets
                        if t is not _NOTHING
                    )
        return found

    def _targets(self, phrase: str, pending: str | None) -> list[_Target]:
        """What a phrase means now: a word that answers the pending question ("nothing" while the
        existing stack is asked) means only that, not what it means elsewhere ("new to ML")."""
        targets = self._phrases[phrase]
        ordinary = [t for t in targets if not t.only_when_asked]
        if pending == ANY_STEP:  # every question open (the recap, what-ifs): ordinary meanings first
            return ordinary or [t for t in targets if t.only_when_asked]
        asked = [t for t in targets if t.only_when_asked and t.step_id == pending]
        return asked or ordinary

    def _singular(self, span: str, pending: str | None = None) -> tuple[str, float] | None:
        """A plural of a known phrase: "a100s", "3090s", "t4s", "jetsons" (not "ios", "tpus" is listed);
        or the singular of a known plural ("photo" of "photos")."""
        # (three letters only with a digit: "t4s" and "l4s" are GPUs, "ios" no plural of "io")
        long_enough = len(span) > 3 or any(ch.isdigit() for ch in span)
        if long_enough and span.endswith("s") and not span.endswith("ss") and span[:-1] in self._phrases:
            return span[:-1], 100.0
        if len(span) > 4 and f"{span}s" in self._phrases:  # not "call" (a "false call")
            return f"{span}s", 100.0
        if span.endswith("'s") and any(
            not t.only_when_asked or (t.step_id == pending and span[:-2] not in _NOBODY)
            for t in self._phrases.get(span[:-2], ())
        ):
            # "python's fine", "pytorch's ecosystem", and while the hardware is asked "cpu's fine":
            # the name itself (not "nobody's", which is "nobody has" as often as "nobody is")
            return span[:-2], 100.0
        return None

    def _fuzzy(self, span: str, size: int) -> tuple[str, float] | None:
        phrases = self._by_length.get(size)
        phrase = phrases.typo_of(span, self.cutoff) if phrases is not None else None
        if phrase is None or _polarity(phrase[0]) != _polarity(span) or not _words_may_differ(phrase[0], span):
            # A typo never turns a phrase into its opposite: "for training" is not "no training",
            # "something" not "nothing".
            return None
        if _too_far(phrase[0], span):
            # One word is misspelt by a slip or two, not by an ending of its own: "contact" is
            # no "contracts", nor "recommend" a "recommending"; nor is "a model that learns" a
            # "model that listens" because the other words of the phrase agree.
            return None
        return phrase[0], phrase[1]

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
        if not said or len(said.split()) > 6:
            return None
        if said in self._command_of:
            return self._command_of[said]
        # A short phrase is one letter from many others ("ship it" / "skip it"): stricter there.
        cutoff = max(self.cutoff, 90.0) if len(said) < 12 else self.cutoff
        if not self._any_command.near_any(said, cutoff):
            return None  # (most messages: no need to score each command's phrases)
        best: tuple[str, float] | None = None
        for name in self._commands:
            hit = self._command_phrases[name].typo_of(said, cutoff)
            if hit and not _each_word_near(hit[0], said):
                continue  # a word of its own is no typo: "close this whole conversation" is no "erase ..."
            if hit and (best is None or hit[1] > best[1]):
                best = (name, hit[1])
        return best[0] if best else None


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


def _words_may_differ(phrase: str, span: str) -> bool:
    """Only long words may be misspelt ("it in prod" is not a typo of "tf in prod"), and not in
    their first letter, which people rarely get wrong ("vast.ai" is not "fast.ai")."""
    return all(
        a == b or (min(len(a), len(b)) >= 4 and a[0] == b[0])
        for a, b in zip(phrase.split(), span.split(), strict=False)
    )


def _too_far(phrase: str, span: str) -> bool:
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


def _each_word_near(phrase: str, said: str) -> bool:
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


def _polarity(phrase: str) -> frozenset[str]:
    return frozenset(w for w in phrase.split() if w in _POLAR)


@functools.lru_cache(maxsize=4096)
def _numbers(phrase: str) -> tuple[str, ...]:
    """The numbers in a known phrase (the phrases are few and fixed, so this is cached)."""
    return tuple(_DIGITS.findall(phrase))


def _numbers_agree(said_numbers: tuple[str, ...], phrase_numbers: tuple[str, ...]) -> bool:
    """Numbers must match where both the message and the phrase have them."""
    return not said_numbers or not phrase_numbers or said_numbers == phrase_numbers
