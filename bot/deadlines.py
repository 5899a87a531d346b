"""When a message says the first version is due: the amounts and dates it names, weighed by the
words around them ("production in 2 months" over "a demo in 3 weeks"; "until 2028" dates an
allocation, not the launch), in the context of the question asked."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Protocol

from bot.conversation import Conversation
from bot.durations import names_a_day, starts_with_amount, weeks_until
from bot.matching import ANY_STEP
from bot.normalising import normalise
from bot.phrasing import has_phrase, without_possessives
from bot.polarity import Polarity, opening

_LIFESPAN_WEEKS = 3 * 52  # a date further away is how long it must last ("still works in 2045"), not a deadline
_YEAR_WEEKS = 52
_DUE_FAR_OFF_WEEKS = 5 * 52  # the furthest date a deadline asked for may be
_NAMES_LIKE_MONTHS = frozenset({("jan",), ("may",), ("june",), ("april",), ("august",)})
# Words that date anything ("until 2028", "by summer"), unlike words of delivery ("launch", "due",
# "need"): alone, they make a deadline only while the timeline is asked.
_DATING_WORDS = ("by", "before", "until", "till")
_WISHES = frozenset({"want", "wants", "need", "needs"})
# "the boats gotta be in the water by early may", "it's got to be in the water by Easter": what
# must be, by a date, is due then ("we must hire by may" dates a hire)
_OBLIGED = {"must": ["be"], "gotta": ["be"], "got": ["to", "be"]}
# Words that date anything in a what-if that assumes something else ("the procurement in 2028")
_WEAK_WORDS = ("in", "within", "next")
# A year or more away, asked about something else, only a word of launch makes a deadline: "I
# graduate in 2 years", "bring ML in-house next year", "in production 2 years" date other things.
_FAR_OFF_WORDS = (
    "launch", "launching", "live", "go-live", "ship", "release", "deadline", "due", "ready", "version", "running",
)  # fmt: skip
# The words before "version" that make it the first one due ("a working version by April"); any
# other word makes it a variant of the product ("an iOS version", "the web version")
_READY_VERSIONS = frozenset({
    "first", "working", "usable", "initial", "beta", "real", "stable", "basic", "simple", "rough", "early",
    "minimal", "production", "live", "final", "full", "complete", "new", "next", "1", "v1", "1.0", "pilot",
})  # fmt: skip
# Not-a-deadline words only right before an amount ("for 2 years", "running 2 years": how long)
_BEFORE_AMOUNTS = frozenset({"for", "been", "running"})
# how a thing has been, between "been" and how long ("been live 2 yrs"): no deadline either
_BEEN_HOW = frozenset({"live", "running", "up", "online", "deployed", "around", "out"})
# "we have till mid February", "we've now got until late April": the time there is, a deadline
# however the question asked ("until 2028" alone may date anything)
_HAVING = frozenset({"have", "has", "got", "we've", "weve"})
_TIME_UNTIL = frozenset({"until", "till"})
# What began, right before its date ("it already started in october", "started last month"): past,
# no deadline; alone it dates nothing ("live for christmas, the season's already started")
_STARTED = frozenset({"started", "begun"})
_STARTED_WHEN = frozenset({"in", "on", "last", "back", "early", "mid", "late"})
# Parts of a clause dated on their own ("march and make it april")
_SEGMENTS = re.compile(r" (?:and|make it|more like|rather) ")
# "defence is in june so I need it by april": a dated part before "so" or "but" is dated on its own
# (a part without a date of its own stays whole: "want it after the rush so april" is one deadline)
_THEN = re.compile(r" (?=(?:so|but) )")
_GUESS = 4  # words of "maybe about 1 year", a guess at the deadline asked
_ALONE = 3  # words of a date standing alone ("Feb-ish", "end of march")
_LEADS = 4  # words of a clause that a date in place of one ruled out leads
_INSTEAD_OF = (" instead of ", " rather than ")
# "not before April", "not until June": when at the earliest, no date ruled out
_AT_THE_EARLIEST = (["before"], ["until"], ["till"], ["earlier"], ["sooner"])
_NOT_LATER = (["later"], ["more"], ["longer"])  # "not later than March" still dates
# Openings that say a date again, more precisely ("Start of our Q2, i.e. 1 April")
_RESTATEMENTS = (("that", "is"), ("i.e",), ("i.e.",), ("ie",), ("namely",))
# ... and openings that do so only with a date of their own ("'by fiscal year end', that's March 31";
# "the last Monday in November. that's MONDAY" says the same day again)
_DATED_RESTATEMENTS = (("that's",), ("thats",))
# Words that give a date as the one to go by, over any said before ("before summer peak? ...
# realistically end of april", "let's say end of February")
_REVISIONS = (
    ("realistically",), ("say",), ("lets", "say"), ("let's", "say"), ("i", "mean"), ("more", "like"), ("make", "it"),
)  # fmt: skip
# "trustees meet early March and I'd love to show results by then, so roughly 3 months": the
# sum the person makes of the dates before is the one to go by
_SUMMARIES = frozenset(
    {("so", "roughly"), ("so", "about"), ("so", "around"), ("so", "approximately"), ("so", "approx")}
)
# Words of a bound, not a date ("so > 6 months anyway", normalised to "more than")
_BOUNDS = frozenset({"more", "over", "least", "under", "less", "most"})
# A correction of oneself: the date it gives, or the next date said after it, is the one to go by
# ("october, no wait, february"; "elections are in october... wait no those were last month. next
# big thing is carnaval, february")
_CORRECTIONS = (
    ("no", "wait"), ("wait", "no"), ("oops",), ("i", "meant"), ("correction",),
    ("let's", "be", "real"), ("lets", "be", "real"), ("let's", "be", "honest"), ("lets", "be", "honest"),
)  # fmt: skip
# A date said to be out of reach is no deadline
_NOT_MET = ["would be the dream", "the dream would be", "nothing due", "nothing is due",
            "unrealistic", "too soon", "too early", "too tight", "not realistic", "not doable", "impossible", "is over",
            "cancelled", "canceled", "called off", "is off", "be realistic", "would be nice but",
            "has passed", "already passed", "is past", "we missed", "that's gone", "thats gone", "that's passed",
            "thats passed", "too crazy", "too optimistic", "too hectic", "too ambitious", "too aggressive"]  # fmt: skip
_THE_PROJECT = frozenset({"rewrite", "rebuild", "redo"})  # nouns naming the work itself
_ARTICLES = (["the"], ["a"], ["an"], ["our"])
# "out" that is no release: "the TPU credits run out mid-2027", "phased out in 2028"
_NOT_PUT_OUT = (["run"], ["runs"], ["ran"], ["running"], ["phased"], ["phase"], ["sold"], ["find"], ["found"])
_PAST = (["gone"], ["passed"])  # the last word of "diwali's gone", "black friday has passed"


class Clause(Protocol):
    """What the deadline reading needs of a clause."""

    @property
    def words(self) -> tuple[str, ...]: ...
    @property
    def question(self) -> bool: ...
    @property
    def what_if(self) -> bool: ...


class Deadlines:
    """Reads deadlines with one conversation's cue words."""

    def __init__(self, conversation: Conversation, polarity: Polarity) -> None:
        cues = conversation.cues
        self.conversation = conversation
        self.polarity = polarity
        self.deadline_words = {normalise(w): rank for rank, w in enumerate(cues.deadline)}
        self.not_deadline = {normalise(w) for w in cues.not_deadline}
        self.still_deadline = [normalise(w).split() for w in cues.still_deadline]
        self.dating_ranks = {self.deadline_words[w] for w in _DATING_WORDS if w in self.deadline_words}
        self.weak_ranks = self.dating_ranks | {self.deadline_words[w] for w in _WEAK_WORDS if w in self.deadline_words}
        self.far_off_ranks = {self.deadline_words[w] for w in _FAR_OFF_WORDS if w in self.deadline_words}
        self.timeline_names = [normalise(n) for s in conversation.steps if s.kind == "duration" for n in s.names]
        # the longest deadline a bounded option takes in ("3-6 months"): past it, only "6+ months"
        self.bounded_weeks = max(
            (o.max_weeks for s in conversation.steps if s.kind == "duration" for o in s.options if o.max_weeks),
            default=0,
        )

    def deadline(
        self,
        clauses: Sequence[Clause],
        pending: str | None,
        today: date,
        names_options: bool = False,
        changes: bool = False,
    ) -> float | None:
        """A stated deadline: phrases with deadline words first, the strongest word winning
        ("production in 2 months" over "a demo in 3 weeks"); other amounts only while the timeline
        is asked, or standing alone; never an amount that is not a deadline ("2 years of keras")."""
        timeline_pending = pending not in (None, ANY_STEP) and self.conversation.step(pending).kind == "duration"
        # "3 keras devs, android app, 6 weeks": an amount that is a clause of its own is a deadline
        # (not years: "pytorch (2 yrs)" is experience; a deadline years away is said in other words)
        # (not a name between commas: "our student assistant, Jan, knows some Python")
        bare = any(
            len(c.words) <= 3
            and c.words not in _NAMES_LIKE_MONTHS
            and (weeks := weeks_until(" ".join(c.words), today)) is not None
            and weeks < _YEAR_WEEKS
            for c in clauses
        )
        names_timeline = any(has_phrase(without_possessives(" ".join(c.words)), self.timeline_names) for c in clauses)
        # In a what-if ("what if we had a year instead?") an amount of time is the hypothetical deadline.
        # (Not when it assumes something else: "what if the cluster gets swapped for Intel GPUs next
        # year?" dates the swap; a word of delivery still makes a deadline.)
        what_if = pending == ANY_STEP and any(c.what_if for c in clauses) and not names_options
        # (nor when a statement after the advice names options, or rules them out: "she joined us
        # in September", "the MacBook was stolen in September")
        # ("rally finland in july instead" changes the deadline, naming nothing else)
        assumes_options = pending == ANY_STEP and (names_options or not (changes or any(c.what_if for c in clauses)))
        # Asked about something else, "until 2028" or "by summer" may date anything (an allocation,
        # a hire): only a word of delivery ("launch", "live", "need it") makes it the deadline.
        timeline_asked = timeline_pending or names_timeline or what_if
        # (clause, rank of its deadline word or None, weeks), in the order said
        said: list[tuple[int, int | None, float]] = []
        # "we'd want it bedded in for the league, Feb-ish": a clause with a word of delivery and no
        # date gives it to a date standing alone right after it
        carried: int | None = None
        revised: float | None = None  # the date of the last clause that revises those before it
        correcting = False  # whether a correction said so far still waits for its date
        for index, clause in enumerate(clauses):
            given, carried = carried, None
            if clause.question and not clause.what_if:
                continue
            head = opening(clause.words)
            inherited: int | None = None  # the rank of a deadline word a restated date keeps
            dated = weeks_until(" ".join(head), today) is not None
            # "before summer, like may": a date after "like" says the one before again, more precisely
            like_restates = clause.words[:1] == ("like",) and dated and bool(said) and said[-1][0] == index - 1
            # "the shutdown before new year, 20 Dec": a day of a month standing alone right after a
            # dated clause says its date again, as the day
            like_restates = like_restates or (
                dated
                and len(head) <= _ALONE
                and bool(said)
                and said[-1][0] == index - 1
                and names_a_day(" ".join(head))
            )
            # (asked when it is due, "maybe 4 months" is a guess at the answer)
            guessed = timeline_pending and dated and len(head) <= _GUESS
            if self.polarity.opens_with_maybe(head) and not like_restates and not guessed:
                continue  # "maybe next year the office runs reports in batch" sets no deadline
            restates = (
                like_restates
                or any(head[: len(opening_words)] == opening_words for opening_words in _RESTATEMENTS)
                or (head[:1] in _DATED_RESTATEMENTS and dated and len(head) > 2)
            )
            if restates and (len(head) <= 2 or dated):
                # "Start of our Q2, i.e. 1 April": said again, more precisely, the date before
                # gives way (the marker may stand as a clause of its own: "i.e.", then "1 April")
                earlier = [entry[0] for entry in said]
                if like_restates:  # ("the festival in mid-December, like 3 weeks": "festival"'s word still dates it)
                    inherited = min((e[1] for e in said if e[0] == earlier[-1] and e[1] is not None), default=None)
                said = [entry for entry in said if not earlier or entry[0] != earlier[-1]]
            # (a what-if may open with "say" too: "and say Tyler goes back to school next fall" dates
            # what it supposes; "say end of February" is only the date)
            corrects = timeline_asked and any(clause.words[: len(w)] == w for w in _CORRECTIONS)
            revises = (not clause.what_if or len(head) <= _ALONE + 1) and (
                any(head[: len(w)] == w for w in _REVISIONS)
                or head[-1:] == ("realistically",)
                or corrects
                or (clause.words[:2] in _SUMMARIES and dated)
            )
            revises = revises or correcting
            correcting = correcting or corrects
            following = clauses[index + 1].words if index + 1 < len(clauses) else ()
            if len(following) <= 3 and has_phrase(" ".join(following), _NOT_MET):
                continue  # "for Christmas it would be charming, but unrealistic"
            for segment in self._segments(" ".join(clause.words), today):
                if has_phrase(segment, _NOT_MET) or segment.split()[-1:] in _PAST:
                    continue  # "christmas is too soon", "the feb launch is cancelled and we have until october"
                if opening(tuple(segment.split()))[:1] == ("not",) and segment.split()[1:2] not in _NOT_LATER:
                    # "Fine, not Christmas. Realistically ...", "not valentines, make it easter"; "not
                    # before christmas" says only when at the earliest, which dates nothing unless
                    # that is past every bounded option ("not before autumn next year")
                    earliest = weeks_until(segment, today) if segment.split()[1:2] in _AT_THE_EARLIEST else None
                    if earliest is None or earliest <= self.bounded_weeks:
                        continue
                # "what if demo is not in dec but mid feb?": the date after it stands in its place
                segment = self._in_place_of_the_ruled_out(segment.split(), following, today) or segment
                segment = _before_the_date_it_replaces(segment, today)
                weeks = weeks_until(segment, today)
                # (asked when it is due, "the grant runs to 2029" is the far-off date to go by)
                if weeks is None or weeks > (_DUE_FAR_OFF_WEEKS if timeline_pending else _LIFESPAN_WEEKS):
                    continue
                words = segment.split()
                if self._not_a_deadline(words):
                    continue  # "keras for 2 years", "once a day": an amount of time, not a deadline
                ranks = [self.deadline_words[w] for w in self._delivery_words(words, timeline_asked)]
                if ranks and not timeline_asked:
                    ranks = [rank for rank in ranks if rank not in self.dating_ranks]
                    if not changes and not self._in_an_amount(words):  # "we harvest in the spring" dates the harvest
                        ranks = [rank for rank in ranks if rank != self.deadline_words.get("in")]
                if ranks and not timeline_asked and weeks >= _YEAR_WEEKS:
                    ranks = [rank for rank in ranks if rank in self.far_off_ranks]
                if ranks and assumes_options:  # "what if the procurement in 2028 brings intel gpus"
                    ranks = [rank for rank in ranks if rank not in self.weak_ranks]
                    if _a_variant(words):  # "what if we also make an iOS version next year": the new target's date
                        ranks = [rank for rank in ranks if rank != self.deadline_words.get("version")]
                if not ranks and given is not None and len(_without_approximation(opening(tuple(words)))) <= _ALONE:
                    ranks = [given]
                if not ranks and inherited is not None:
                    ranks = [inherited]
                said.append((index, min(ranks) if ranks else None, weeks))
                # ("the launch is in march but the model must freeze 2 months before, so mid january":
                # what the person concludes; not a bound: "so > 6 months anyway")
                concludes = words[:1] == ["so"] and timeline_pending and not set(words) & _BOUNDS
                # ("..., no wait, before summer, like may")
                if revises or concludes or (restates and revised is not None):
                    revised = weeks
                    correcting = False
            if (
                timeline_asked
                and "then" in clause.words
                and not any(entry[0] == index for entry in said)
                and said
                and said[-1][0] == index - 1
            ):
                # "bookings open mid January, chatbot needed then": the date just said is the one due
                at, rank, weeks = said[-1]
                ranks = [self.deadline_words[w] for w in clause.words if w in self.deadline_words]
                said[-1] = (at, min([*ranks, *([rank] if rank is not None else [])], default=None), weeks)
                continue
            if timeline_asked and not any(entry[0] == index for entry in said):
                strong = [self.deadline_words[w] for w in clause.words if w in self.deadline_words]
                strong = [rank for rank in strong if rank not in self.weak_ranks]
                carried = min(strong) if strong else None
        if revised is not None:
            return revised
        cued = [(rank, weeks) for _, rank, weeks in said if rank is not None]
        plain = [weeks for _, rank, weeks in said if rank is None]
        if cued:
            rank, weeks = min(cued)
            # "mid-feb. before spring survey season": an earlier date said plainly is the one due,
            # the event it comes before only says why
            sooner = [
                w
                for i, r, w in said
                if r is None and w < weeks and len(_without_approximation(opening(clauses[i].words))) <= _ALONE
            ]
            # ("6-8 weeks. spring selling season starts in March and I want it live well before": the
            # date said plainly, before the event it must come before)
            before = rank == self.deadline_words.get("before") or any(
                r == rank and w == weeks and "before" in clauses[i].words for i, r, w in said
            )
            if timeline_pending and before and len(cued) == 1 and sooner:
                return sooner[0]
            return weeks
        return plain[0] if plain and (timeline_asked or bare) else None

    @staticmethod
    def _in_place_of_the_ruled_out(words: list[str], following: tuple[str, ...], today: date) -> str | None:
        """A segment whose date is said not to be the one, with the next clause's date in its place
        ("its not due in january, but in april" -> "its due in april"), or None."""
        # (the date in its place leads the next clause: not "not before April 2027. Validation
        # alone takes two months", where "not before" says when at the earliest)
        if "not" not in words or not following or weeks_until(" ".join(following[:_LEADS]), today) is None:
            return None
        at = words.index("not")
        if words[at + 1 : at + 2] in _AT_THE_EARLIEST:
            return None
        if (
            weeks_until(" ".join(words[at + 1 :]), today) is None
            or weeks_until(" ".join(words[:at]), today) is not None
        ):
            return None
        return " ".join([*words[:at], *following])

    @staticmethod
    def _segments(said: str, today: date) -> list[str]:
        """A clause's parts that are dated on their own (see _SEGMENTS and _THEN)."""
        segments: list[str] = []
        for part in _SEGMENTS.split(said):
            pieces = _THEN.split(part)
            kept = pieces[0]
            for piece in pieces[1:]:
                if weeks_until(kept, today) is not None:
                    segments.append(kept)
                    kept = piece
                else:
                    kept = f"{kept} {piece}"
            segments.append(kept)
        return segments

    @staticmethod
    def _in_an_amount(words: list[str]) -> bool:
        """Whether "in" stands before an amount of time ("in 6 weeks"), not a date ("in March")."""
        return any(w == "in" and starts_with_amount(" ".join(words[i + 1 : i + 4])) for i, w in enumerate(words))

    def _delivery_words(self, words: list[str], timeline_asked: bool) -> list[str]:
        """The deadline words of a segment; asked about something else, a wish to do a task
        ("we want to know how many litres come tomorrow", "need to guess next week's catch") is
        no word of delivery ("we want it live by May" still is)."""
        # ("we have till mid February": the time there is, read as its due date)
        had = [
            "due"
            for index, word in enumerate(words)
            if word in _TIME_UNTIL and index > 0 and words[index - 1] in _HAVING and "due" in self.deadline_words
        ]
        return (
            had
            + [
                word
                for index, word in enumerate(words)
                if word in self.deadline_words
                and not (word == "out" and words[index - 1 : index] in _NOT_PUT_OUT)
                and (word not in _OBLIGED or words[index + 1 : index + 1 + len(_OBLIGED[word])] == _OBLIGED[word])
                and (
                    timeline_asked
                    or word not in _WISHES
                    or words[index + 1 : index + 2] != ["to"]
                    # ("it needs to be going by end of jan": the thing itself, due; not "to be able to")
                    or (words[index + 2 : index + 3] == ["be"] and words[index + 3 : index + 4] != ["able"])
                )
            ]
        )

    def _not_a_deadline(self, words: list[str]) -> bool:
        """Whether words such as "ago", "experience" or "for 2 years" make the amount of time in
        `words` something other than a deadline. "for" and "been" count only right before an
        amount: "due for the start of term in mid april", "committed for 31st jan" and "the pilot
        has been moved to june" are deadlines; "been 2 years" is not."""
        for index, word in enumerate(words):
            following = words[index + 1 : index + 5]
            if (
                word in _STARTED
                and following[:1]
                and following[0] in _STARTED_WHEN
                and words[index - 1 : index] != ["to"]
            ):
                return True
            if word not in self.not_deadline:
                continue
            if (word.endswith("ed") or word in _THE_PROJECT) and words[index - 1 : index] in _ARTICLES:
                # "the migrated version before Ramadan": what it is, no deed done; "the rewrite is
                # planned for H2 2027": the project itself
                continue
            if any(
                index + 1 >= len(still) and words[index + 1 - len(still) : index + 1] == still
                for still in self.still_deadline
            ):
                continue  # "by dec 18, before everyone goes on leave": a holiday, nobody leaving
            if word in _BEFORE_AMOUNTS and following[:1] and following[0] in _BEEN_HOW:
                following = following[1:]  # "been live 2 yrs", "been running for 3 years"
            if word not in _BEFORE_AMOUNTS or (
                starts_with_amount(" ".join(following[:3])) and "from" not in following  # "3 weeks from today"
            ):
                return True
        return False


def _before_the_date_it_replaces(segment: str, today: date) -> str:
    """ "until april instead of christmas": the date before "instead of" is the one meant (the
    date after it is the one it replaces)."""
    for cue in _INSTEAD_OF:
        head, found, _ = segment.partition(cue)
        if found and weeks_until(head, today) is not None:
            return head
    return segment


def _without_approximation(words: tuple[str, ...]) -> tuple[str, ...]:
    """A date's words without the approximation that ends them ("end of march more or less")."""
    for tail in _APPROXIMATIONS:
        if words[-len(tail) :] == tail and len(words) > len(tail):
            return words[: -len(tail)]
    return words


_APPROXIMATIONS = (
    ("more", "or", "less"),
    ("or", "so"),
    ("give", "or", "take"),
    ("roughly",),
    ("ish",),
    ("or", "thereabouts"),
)


def _a_variant(words: list[str]) -> bool:
    """Whether "version" names a variant of the product ("an iOS version", "a web version"), not
    the first one due ("the first version", "a working version")."""
    return any(w == "version" and i > 0 and words[i - 1] not in _READY_VERSIONS for i, w in enumerate(words))
