"""Whether an option a clause names is said, ruled out or only a maybe: "not android", "cost
doesn't matter", "pytorch i don't really know", "swap iOS for Android", "android later maybe".

Works on a clause's normalised words and the option mentions the matcher found in it."""

from __future__ import annotations

import itertools
import re

from bot.conversation import Conversation
from bot.matching import Mention
from bot.normalising import normalise
from bot.phrasing import has_phrase

_NEGATION_REACH = 5  # words from a negator to the option it rules out ("don't really use much tensorflow")
_TRAILING_HEDGE_REACH = 5  # words from an option to a clause-ending "maybe" that still hedges it
_PHRASE_NEGATION_REACH = 6  # the same for "instead of", "rather than" ("instead of doing it on the phones")
# Words that carry no meaning of their own do not count towards that reach: "nobody in the office
# uses a mac" and "we do not want to deal with the mi250s" rule out as surely as "no macs".
_LIGHT_WORDS = frozenset({"the", "a", "an", "to", "with", "of", "in", "on", "at", "any", "that", "this", "those"})
# A verb of taking something up after "and" starts what is done instead of what was ruled out
_TAKING_UP = frozenset(
    {"use", "put", "run", "go", "switch", "move", "get", "buy", "do", "deploy", "try", "pick", "take"}
    | {"used", "ran", "went", "switched", "moved", "got", "bought", "did", "deployed", "tried", "picked", "took"}
    | {"have", "has", "need", "must", "train", "trained"}  # ("lose the H100s and have to train on AMD")
)
_THEN_ON = (("and",), ("then",), ("but",))
_REFUSING = frozenset({"won't", "wont", "doesn't", "doesnt", "don't", "dont", "never", "refuses", "refuse", "not"})
_GOING_TO = (("to",), ("into",), ("onto",))  # what a swap verb goes to: "switch to JAX"
_LONGEST_NEGATOR = 6  # words: "none of us have ever used"
_NEGATION_WINDOW = 10  # words: however light, a negator further back is another clause's
_COPULAS = frozenset({"is", "are", "was"})
# The rest of a phrase that opens with its "no" and denies training itself ("no training on macs")
_TRAINING_ALONE = (["training"], ["train"], ["real", "training"])
# Words between a denial and the thing it is about: "we don't train on our macbooks"
_ON_WHAT = frozenset({"on", "in", "with", "the", "our", "my", "their", "those", "these", "them", "any"})
_NOBODY = frozenset({"nobody", "none", "noone", "no"})  # "pytorch nobody", "the speed no"
_PRONOUNS = frozenset({"i", "we", "they"})
_NEVER = frozenset({"never", "cannot", "can't", "cant"})
_SWAP_GAP = 3  # words between the two options of a swap ("the amd card for an nvidia one")
_TOPIC_TAIL = 6  # words after the option: "pytorch i don't really know"
_TOPIC_WORDS = 3  # words about the option before who denies it: "the TPU offer from Google we said no"
# Words that join an option to something else ("android with no internet"): what follows them is
# not said of the option.
JOINS = frozenset(
    {"and", "or", "with", "plus", "to", "for", "in", "on", "at", "but", "nor", "then", "also", "too"} | {"vs", "versus"}
)
# Words that may open a clause before what it says ("ok so which is faster?", "and maybe ...").
OPENERS = frozenset(
    {"and", "so", "ok", "okay", "but", "also", "hmm", "hm", "well", "um", "oh", "just", "then", "btw", "abeg"}
    | {"sorry", "quick", "question", "q", "wait", "hey", "hi", "uh", "bro", "dude", "yo", "honestly", "please"}
    | {"like", "kindly", "roughly", "approximately", "huh", "umm", "erm", "uhm", "ah", "mmm", "mm", "hmmm"}
)
_NONE_WORDS = frozenset({"no", "none", "nope", "nothing", "nah", "not really", "n a", "nobody", "no one", "zero"})
# "that's it" after a list ("cheap and fast, that's it") closes it: it names no "nothing else" beside them
_THAT_IS_ALL = frozenset({"that's it", "thats it", "that's all", "thats all"})


def closes_a_list(phrase: str) -> bool:
    """Whether an option's phrase only ends a list ("that's it"), naming nothing beside what it ends."""
    return phrase in _THAT_IS_ALL


def is_none_word(phrase: str) -> bool:
    """Whether an option's phrase is a bare "no"/"none" ("nothing else" is not)."""
    return phrase in _NONE_WORDS


def opening(words: tuple[str, ...]) -> tuple[str, ...]:
    """A clause's words after the openers ("and so because ..." -> "because ...")."""
    start = 0
    while start < len(words) - 1 and words[start] in OPENERS:
        start += 1
    return words[start:]


class Polarity:
    """Reads polarity with one conversation's cue words."""

    def __init__(self, conversation: Conversation, vocabulary: set[str]) -> None:
        cues = conversation.cues
        self.vocabulary = vocabulary
        self.negators = {normalise(w) for w in cues.negation}
        self.scope_breakers = {normalise(w) for w in cues.scope_breakers}
        self.after_negators = {normalise(w) for w in cues.negation_after}
        self._negating_words = {w for phrase in self.after_negators for w in phrase.split()}
        self.statement_words = {normalise(w) for w in cues.statement_words}
        self.hedges = {normalise(w) for w in cues.hedges}
        self.hedges_after = {normalise(w) for w in cues.hedges_after}
        self.hedges_far = [normalise(w) for w in cues.hedges_far]
        self.swap_verbs = {normalise(w) for w in cues.swap}
        self.swap_joins = {normalise(w) for w in cues.swap_joins if normalise(w)}
        self.movers = self.swap_verbs | {w for (w,) in _LEFT_FOR}  # "moved from X to Y"
        self.outranks = {(step.id, o.id): frozenset(o.outranks) for step in conversation.steps for o in step.options}
        # options that push others out ("CPU only" replaces the GPUs): "not only CPU" denies them
        self.replacing = frozenset((step.id, o.id) for step in conversation.steps for o in step.options if o.replaces)

    def negated(self, words: tuple[str, ...], mention: Mention, mentions: list[Mention]) -> bool:
        """Whether a negator before the option, in reach and not cut off, rules it out, or one
        right after it does ("cost doesn't matter", "android isn't needed")."""
        if any(w in self.negators for w in mention.phrase.split()[:1]):
            return False  # the phrase carries its own "no" ("no training", "no gpus")
        if (
            words[mention.start - 1 : mention.start] == ("not",)
            and mention.phrase.split()[:1] in (["only"], ["just"])
            and (mention.step_id, mention.option_id) not in self.replacing
        ):
            return False  # "deployment is not only notebook": the phrase's "only" is what the "not" denies
        if any(
            other.option_id == mention.option_id
            and _shares_step(other, mention)
            and other.end <= mention.start
            and any(f" {pair} " in f" {' '.join(words[other.end : mention.start])} " for pair in _INSTEAD)
            for other in mentions
        ) and not any(_shares_step(other, mention) and other.option_id != mention.option_id for other in mentions):
            # "host it on their cloud instead of our office server": a server either way ("nightly
            # on-prem instead of as an API" swaps the API for the nightly batch)
            return False
        if self._denied_as_topic(words, mention, mentions) or self._negated_after(words, mention, mentions):
            return True
        only_after = words[mention.end : mention.end + 1] == ("only",)
        if only_after or words[max(0, mention.start - 2) : mention.start] == ("not", "only"):
            return False  # "so not Android only", "not only Android": Android, and more
        if self._denied_by_another_options_phrase(words, mention, mentions):
            return True
        reach = 0
        # (a list of the same question's options is read through: "not an app for iPhone or for
        # Android" rules out both, however long the list's names)
        listed = self._listed_before(words, mention, mentions)
        for position in range(mention.start - 1, max(-1, mention.start - 1 - _NEGATION_WINDOW), -1):
            word = words[position]
            reach += word not in _LIGHT_WORDS and position not in listed
            if reach > _PHRASE_NEGATION_REACH:
                break
            if reach > _NEGATION_REACH:
                # "instead of doing it on the phones": a two-word negator reaches a little further
                if position + 1 < len(words) and f"{word} {words[position + 1]}" in self.negators:
                    return True
                if word in self.scope_breakers or word in self.negators:
                    return False
                continue
            # Another question's option stands between ("from scratch, pytorch": a negator such
            # as "scratch" inside it rules out nothing); the same question's is read through
            # ("not tensorflow or keras", "nobody knows jax").
            if any(
                other.start <= position < other.end
                and (
                    not _shares_step(other, mention)
                    # an option it outranks: what replaces the one ruled out ("binned the TF1 stuff
                    # and started fresh", "no plain NLP, an LLM")
                    or other.option_id in self.outranks[mention.step_id, mention.option_id]
                )
                and not (other.only_when_asked and is_none_word(other.phrase))  # "no" of "what if no jetson"
                for other in mentions
            ):
                return False
            if word in self.negators and any(
                other.start <= position < other.end and other.option_id == mention.option_id for other in mentions
            ):
                return False  # the "nothing" of "nothing else, that's it" is the option's own word
            if word in self.negators and any(
                other.start <= position < other.end
                and _shares_step(other, mention)
                and "to" in words[other.end : mention.start]
                for other in mentions
            ):
                return False  # ("from 'nothing else' to cost": the option's own word, and what replaces it)
            if (
                word == "not"
                and words[position + 1 : position + 2] in _AT_THE_EARLIEST
                and position + 1 < mention.start
            ):
                # "not before autumn next year": when at the earliest, nothing denied ("not before
                # christmas" denies the option named so)
                return False
            if position + 1 < len(words) and f"{word} {words[position + 1]}" in self.negators:
                return True  # "instead of", "rather than", before "instead" ends the reach
            if position > 0 and f"{words[position - 1]} {word}" in self.negators:
                # "anything but", before "but" ends the reach; denied itself, it says "only":
                # "won't write anything but JAX"
                return not (word == "but" and set(words[max(0, position - 4) : position - 1]) & _REFUSING)
            if (word != "us" or _said_of_a_listed_option(position, mention, mentions)) and any(
                " ".join(words[position - size + 1 : position + 1]) in self.negators
                for size in range(3, min(_LONGEST_NEGATOR, position + 1) + 1)
            ):
                # "none of our computers has a gpu", "none of us has used tf", before "our" or
                # "used" ends the reach ("none of us has the faintest idea" says who knows nothing:
                # new to ML, not a denial of it; but "none of us knows TF", the words of "new to ML"
                # naming what nobody knows, denies it)
                return True
            if (word in self.scope_breakers and not _owned_and_denied(words, position)) or (
                word in _TAKING_UP and words[position - 1 : position] in _THEN_ON
            ):
                return False  # ("drop the jetson and use a microcontroller": what is taken up instead)
            if word in self.negators:
                return True
            if any(other.end == position + 1 and not _shares_step(other, mention) for other in mentions):
                return False  # another step's option stands between: "no gpus, tensorflow" style
        return False

    def _denied_by_another_options_phrase(
        self, words: tuple[str, ...], mention: Mention, mentions: list[Mention]
    ) -> bool:
        """ "we don't train on our macbooks": another question's option whose phrase is itself a
        denial ("we don't train": no training of our own) denies what it is done on, too."""
        return any(
            other.end < mention.start
            and not _shares_step(other, mention)
            # (not one that opens with its "no": "no GPUs in the server room" denies the GPUs only)
            and (
                # ("from scratch with pytorch" denies nothing)
                (set(other.phrase.split()[1:]) & _REFUSING and other.phrase.split()[0] not in self.negators)
                # "no training on macs": no training done on them ("no GPUs in the server room"
                # denies the GPUs only)
                or (other.phrase.split()[0] in self.negators and other.phrase.split()[1:] in _TRAINING_ALONE)
            )
            and set(words[other.end : mention.start]) <= _ON_WHAT
            and words[other.end : other.end + 1] in (("on",), ("in",), ("with",))
            for other in mentions
        )

    @staticmethod
    def _listed_before(words: tuple[str, ...], mention: Mention, mentions: list[Mention]) -> set[int]:
        """The positions of the same question's options listed right before this one, joined only
        by light words ("iphone or for android"): a negator before the list reaches them all."""
        listed: set[int] = set()
        position = mention.start - 1
        for _ in range(_LIST_ITEMS):
            item_start = position + 1
            while position >= 0 and (words[position] in _LIGHT_WORDS or words[position] in JOINS):
                position -= 1
            before = [m for m in mentions if m.end == position + 1 and m is not mention and _shares_step(m, mention)]
            if position < 0 or not before:
                break
            start = min(m.start for m in before)
            listed.update(range(start, item_start))  # the item and the joining words after it
            position = start - 1
        return listed

    def _negated_after(self, words: tuple[str, ...], mention: Mention, mentions: list[Mention]) -> bool:
        """A negator right after the option ("android isn't needed", "nvidia is out"; across one
        word: "cloud hosting is not permitted"), or after a later option of its list ("browser or
        mobile deployment is not envisaged" rules out both)."""
        # The list is walked forward, each position once (adjacent mentions could otherwise be
        # tried again and again: a message of many option names in a row).
        # (the list's next item follows a join, or a comma the words no longer show: "cost,
        # hiring and speed are secondary"; a list is a few items, not a page of names)
        starting = {m.start for m in mentions if _shares_step(m, mention)}
        item_end = mention.end
        for _ in range(_LIST_ITEMS):
            if self._negator_right_after(words, item_end, mentions, mention):
                return True
            if item_end in starting:
                following = item_end
            elif item_end + 1 in starting and item_end < len(words) and words[item_end] in _LIST_JOINS:
                following = item_end + 1
            else:
                return False
            item_end = max(m.end for m in mentions if m.start == following and _shares_step(m, mention))
        return False

    def _negator_right_after(self, words: tuple[str, ...], end: int, mentions: list[Mention], of: Mention) -> bool:
        """Whether a negator follows an option ending at `end` (of `of`'s list), right after it or
        across one word."""
        for skip in (0, 1):
            # (an adverb between says nothing: "PyTorch experience is, regrettably, absent")
            after = tuple(w for w in words[end + skip : end + skip + 6] if not self._adverb(w))[:5]
            if not after:
                break
            # (a word naming another option only in general may stand between: "the Mac lab is unavailable")
            if skip and (
                words[end] in (self.statement_words - _COPULAS) | JOINS
                or any(other.start == end and not other.generic for other in mentions)
            ):
                break
            if any(
                other.start == end + skip and not is_none_word(other.phrase) and not other.generic for other in mentions
            ):
                break  # ("cost!! zero budget": the "zero" begins an option of its own)
            negator = next((n for n in (1, 2, 3, 4, 5) if " ".join(after[:n]) in self.after_negators), 0)
            if negator and not self._negates_what_follows(words, end + skip, negator, mentions, of):
                return True
            if after in (("no",), ("nope",)):
                return True  # "pytorch and tensorflow no": a "no" that ends the clause
        return False

    @staticmethod
    def _negates_what_follows(
        words: tuple[str, ...], start: int, size: int, mentions: list[Mention], of: Mention
    ) -> bool:
        """Whether the negator at `start` (`size` words) rules out another option of the same
        question named right after it, not the one before it: "Robot computer is not Jetson, it is
        industrial PC" says what the robot computer is not."""
        if words[start : start + size][-1:] != ("not",):
            return False  # ("is out", "isn't needed" end their clause)
        after = start + size + (1 if words[start + size : start + size + 1] in (("a",), ("an",), ("the",)) else 0)
        return any(m.start == after and _shares_step(m, of) and m.option_id != of.option_id for m in mentions)

    def _adverb(self, word: str) -> bool:
        # ("costly" in "is too costly" is the negation itself, not an adverb beside it)
        return (
            len(word) > 4
            and word.endswith("ly")
            and word not in self.vocabulary
            and word not in self.hedges
            and word not in self._negating_words
        )

    def _denied_as_topic(self, words: tuple[str, ...], mention: Mention, mentions: list[Mention]) -> bool:
        """ "pytorch nobody", "pytorch i don't really know", "the TPU offer from Google we said
        no": the option (and a few words about it), then who does not know, use or want it,
        ending the clause."""
        after = words[mention.end :]
        if len(after) == 1 and after[0] in _NOBODY:
            return True
        for start in range(min(_TOPIC_WORDS, len(after)) + 1):
            if any(mention.end <= other.start < mention.end + start for other in mentions):
                return False  # another option stands between: the pronoun's clause is about that
            tail = after[start:]
            if (
                1 < len(tail) <= _TOPIC_TAIL
                and tail[0] in _PRONOUNS
                and (tail[1] in self.after_negators or tail[1] in _NEVER or tail[1:3] == ("said", "no"))
            ):
                return True
        return False

    def swapped(self, words: tuple[str, ...], mentions: list[Mention]) -> list[Mention]:
        """The options a swap gives up: X in "swap X for Y" / "replace X with Y", where a swap verb
        comes shortly before X and a joining word stands between X and Y, an option of the same
        question. ("we replaced our tf1 code" names no second option: nothing is given up.)"""
        given_up: list[Mention] = []
        for first, second in itertools.permutations(mentions, 2):
            if first.step_id != second.step_id or not first.end < second.start <= first.end + _SWAP_GAP:
                continue
            between = words[first.end : second.start]
            before = words[max(0, first.start - 3) : first.start]
            # ("switched to JAX instead of PyTorch": what the switch goes to is taken up)
            if set(between) & self.swap_joins and set(before) & self.swap_verbs and before[-1:] not in _GOING_TO:
                given_up.append(first)
        for mention in mentions:
            # "replace the phone with a small bedside device, a Raspberry Pi-class Linux box": what
            # the swap gives up, whatever takes its place and however far it is named
            before = words[max(0, mention.start - 3) : mention.start]
            if (
                words[mention.end : mention.end + 1] in (("with",), ("for",), ("by",))
                and set(before) & self.swap_verbs
                # ("change to Coral TPU for cost down": what the change goes to, and why)
                and before[-1:] not in _GOING_TO
                and mention not in given_up
            ):
                given_up.append(mention)
        for first, second in itertools.permutations(mentions, 2):
            # "I used TensorFlow for my PhD but switched to PyTorch in 2022": what was left
            if first.step_id == second.step_id and first.end < second.start <= first.end + _LEFT_FOR_GAP:
                between = words[first.end : second.start]
                if between[-2:-1] in _LEFT_FOR and between[-1:] == ("to",) and first not in given_up:
                    given_up.append(first)
                # "if training moved from TPUs to H100s", "switching from keras to pytorch": what
                # the move starts from (a range, "anything from iOS to Android", has no mover)
                if (
                    words[first.start - 1 : first.start] == ("from",)
                    and set(words[max(0, first.start - 4) : first.start - 1]) & self.movers
                    and _without_articles(between)[-1:] in (("to",), ("onto",), ("into",))
                    and first not in given_up
                ):
                    given_up.append(first)
        for first, second in itertools.permutations(mentions, 2):
            # "Coral instead jetson": "instead" (its "of" left out) right before the option given up
            if (
                first.step_id == second.step_id
                and first.end <= second.start - 1
                and words[second.start - 1] == "instead"
                and second.start - 1 - first.end <= _SWAP_GAP
                and second not in given_up
            ):
                given_up.append(second)
        return given_up

    def hedged(self, words: tuple[str, ...], mention: Mention) -> bool:
        """Whether a hedge ("maybe", "might", "not sure if") comes shortly before the option, or one
        right after it ("android later maybe", "a jetson if you suggest")."""
        if self.opens_with_maybe(tuple(w for w in words[: mention.start] if w not in OPENERS)):
            return True  # "maybe next year the office runs reports in batch": the whole clause
        if self.hedges_far and has_phrase(" ".join(words[: mention.start]), self.hedges_far):
            return True  # "Dario says maybe one day he wants it on his phone too"
        before = _month_named(words[max(0, mention.start - _NEGATION_REACH) : mention.start + 1])[:-1]
        if any(w in self.hedges for w in before) or any(
            f"{a} {b}" in self.hedges for a, b in itertools.pairwise(before)
        ):
            return True
        if self.opens_with_hedge(words[mention.end :]):
            return True
        if (
            len(words) - mention.end <= _TRAILING_HEDGE_REACH
            and words[-1:]
            and words[-1] in self.hedges_after
            and not any(w in self.vocabulary for w in words[mention.end : -1])
        ):
            return True  # "TPU via TRC maybe": a maybe ending the clause, a few words naming nothing after the option
        # across one word that names nothing ("android later maybe"), not across another option
        return (
            mention.end < len(words)
            and words[mention.end] not in self.vocabulary
            and self.opens_with_hedge(words[mention.end + 1 :])
        )

    def opens_with_maybe(self, words: tuple[str, ...]) -> bool:
        """Whether a clause (its openers taken off) begins with a hedge: a maybe throughout
        ("May 2027", "may 15th" begin with the month)."""
        first = _month_named(words[:2])
        return bool(first) and (first[0] in self.hedges or " ".join(first) in self.hedges)

    def opens_with_hedge(self, words: tuple[str, ...]) -> bool:
        """Whether `words` begin with a hedge said after its option ("maybe", "at some point")."""
        return any(" ".join(words[:size]) in self.hedges_after for size in (1, 2, 3, 4))


_LEFT_FOR = (("switched",), ("moved",), ("migrated",), ("changed",), ("went",))  # "... but switched to Y"
_LEFT_FOR_GAP = 12  # words from what was left to what replaced it
_A_YEAR_OR_DAY = re.compile(r"20\d\d|[0-3]?\d(?:st|nd|rd|th)?")
_LIST_JOINS = frozenset({"or", "and", "nor"})
_LIST_ITEMS = 8  # items of a list a denial after it may reach back over


def _without_articles(words: tuple[str, ...]) -> tuple[str, ...]:
    """`words` without the articles and possessives at their end ("to a", "onto our")."""
    end = len(words)
    while end and words[end - 1] in ARTICLES:
        end -= 1
    return words[:end]


# Articles and possessives before a noun ("to a", "onto our", "server and the nightly batch")
ARTICLES = frozenset({"a", "an", "the", "our", "my", "their", "some"})


def _owned_and_denied(words: tuple[str, ...], position: int) -> bool:
    """Whether the "our" at `position` follows a "not" ("not on our MacBooks", "not our phones")
    or an "instead of", perhaps with a verb between ("instead of retraining our TF people"): whose
    the thing denied is, not a new clause of our own ("no cloud, our own servers")."""
    if words[position] != "our":
        return False
    before = [w for w in words[max(0, position - 3) : position] if w not in _LIGHT_WORDS]
    near = " ".join(words[max(0, position - 3) : position])
    return before[-1:] in (["not"], ["never"]) or any(f"{pair} " in f"{near} " for pair in _INSTEAD)


_INSTEAD = ("instead of", "rather than")
_AT_THE_EARLIEST = (("before",), ("until",), ("till",))


def _shares_step(one: Mention, other: Mention) -> bool:
    return one.step_id == other.step_id


def _month_named(words: tuple[str, ...]) -> tuple[str, ...]:
    """`words` with a "may" that names the month ("May 2027", "may 15th") marked as one, so it is no
    hedge."""
    return tuple(
        "<month>" if w == "may" and i + 1 < len(words) and _A_YEAR_OR_DAY.fullmatch(words[i + 1]) else w
        for i, w in enumerate(words)
    )


def _said_of_a_listed_option(position: int, mention: Mention, mentions: list[Mention]) -> bool:
    """Whether "none of us" ending at `position` opens another of the question's options right
    before this one ("none of us knows" of "none of us knows TF"): what nobody knows is then
    named, and ruled out."""
    return any(
        _shares_step(other, mention)
        and other.option_id != mention.option_id
        and other.start == position - 2
        and position < other.end <= mention.start
        for other in mentions
    )
