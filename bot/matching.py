"""Placing free text: which step options and global commands a message mentions (the text
normalised by `bot.normalising`, typos read by `bot.typos`).

Matching is a pure function of the text and the conversation's data. It returns scored
candidates; "nothing matched" is an ordinary (empty) result, never an exception.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from bot.conversation import MAX_PHRASE_WORDS, Conversation, Step
from bot.durations import weeks_until
from bot.normalising import normalise
from bot.typos import Phrases, each_word_near, polar_words, too_far, words_may_differ

# ("nobody's" is "nobody has" as often as "nobody is": no possessive of a word for none)
_NOBODY = frozenset({"nobody", "no one", "none", "nothing", "noone", "everybody", "everyone", "somebody", "someone"})
ANY_STEP = "*"  # as `pending`: every question is open (the recap, what-ifs), so its own words count
DEFAULT_CUTOFF = 85.0
"""Similarity (0-100) a phrase needs to count as a typo of a synonym."""

_MAX_NGRAM = MAX_PHRASE_WORDS


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
        if phrase is None or polar_words(phrase[0]) != polar_words(span) or not words_may_differ(phrase[0], span):
            # A typo never turns a phrase into its opposite: "for training" is not "no training",
            # "something" not "nothing".
            return None
        if too_far(phrase[0], span):
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
            if hit and not each_word_near(hit[0], said):
                continue  # a word of its own is no typo: "close this whole conversation" is no "erase ..."
            if hit and (best is None or hit[1] > best[1]):
                best = (name, hit[1])
        return best[0] if best else None
