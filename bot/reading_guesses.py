"""Clauses that look like questions or conditions but answer: a guess with a question mark
("2 months?", "cost and hiring I guess?") is a tentative answer, and an "if" after an answer gives
its reason or condition ("latency. if it takes 3 seconds the waiter has left"), supposing nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

from bot.durations import weeks_until
from bot.matching import ANY_STEP, Matcher
from bot.polarity import opening
from bot.reading_clauses import Clause, Clauses, names_only
from bot.reading_types import Found

_TENTATIVE_DATE = 3  # words: "2 months?", "end of march?" guess an answer; longer ones ask
# (words around a guessed date that leave it short: "by end of march?", "around may maybe?")
_AROUND_A_DATE = frozenset({"by", "before", "until", "till", "around", "about", "like", "maybe", "probably", "prob"})
# (words that make a short clause a real question: "is 6 weeks enough?", "when, march?")
_ASKING_WORDS = frozenset({"is", "are", "can", "could", "will", "would", "enough", "what", "when", "how", "possible"})
# the words of a guess ("cost and hiring I guess?", "keras maybe?")
_GUESSING = frozenset({"i", "guess", "think", "suppose", "maybe", "probably", "perhaps", "prob", "prolly"})
# ... or a check of what it says ("so that's text/NLP right?")
_CHECKED = frozenset({"right", "correct", "innit", "yeah"})  # (its last word: "is that performance?" asks)
_CHECKING = _CHECKED | {"so", "that's", "thats", "that", "is", "it's", "its"}
_I_GUESS = frozenset({("i", "guess"), ("i", "suppose"), ("i", "reckon"), ("i", "think")})
_WOULD = frozenset({"would", "could", "can", "will", "might", "we'd", "it'd", "i'd", "they'd", "we'll", "it'll"})


class Guesses:
    """Reads guesses and conditions among a message's clauses, for one conversation definition."""

    def __init__(
        self,
        duration_steps: set[str],
        clauses: Clauses,
        matcher: Matcher,
        found: Callable[[tuple[str, ...], str | None], list[Found]],
    ) -> None:
        """`found`: the options one clause names, asked a question (see `bot.reading_options`)."""
        self.duration_steps = duration_steps
        self.clauses = clauses
        self.matcher = matcher
        self.found = found

    def tentative_answers_stated(self, clauses: list[Clause], pending: str | None, today: date) -> list[Clause]:
        """Guesses with a question mark are tentative answers, not questions: asked when the first
        version is due, a date or an amount of time ("dashain tihar is over so... 2 months?"); asked
        anything, the question's own options with a word of guessing ("cost and hiring I guess?")."""
        if pending in (None, ANY_STEP):
            return clauses
        kept: list[Clause] = []
        guessing = False  # whether the clause before was a guess
        for c in clauses:
            guessing = (
                c.question
                and not c.what_if
                and (
                    self._guessed_date(c.words, pending, today)
                    or self._guessed(c.words, pending)
                    or self._said_as_a_guess(c.words)
                    # ("on the website I guess? like in the customer's browser?": the "like" says which)
                    or (guessing and c.words[:1] == ("like",))
                )
            )
            kept.append(replace(c, question=False) if guessing else c)
        return kept

    def _said_as_a_guess(self, words: tuple[str, ...]) -> bool:
        """ "so in the cloud somewhere I guess?", "I guess it would just run once a week on the
        office computer?": a statement the writer is unsure of, asking nothing (no question word
        opens it)."""
        guessing = any(words[i : i + 2] in _I_GUESS for i in range(len(words) - 1))
        return guessing and not self.clauses.opens_question(words)

    def _guessed_date(self, words: tuple[str, ...], pending: str, today: date) -> bool:
        """Whether a short clause, asked when the first version is due, is a date or an amount."""
        if pending not in self.duration_steps or set(words) & _ASKING_WORDS:
            return False
        # ("my internship ends in April so by end of March??": the guess is what follows the "so")
        guess = words[len(words) - words[::-1].index("so") :] if "so" in words else words
        return (
            len([w for w in guess if w not in _AROUND_A_DATE]) <= _TENTATIVE_DATE
            and weeks_until(" ".join(guess), today) is not None
        )

    def _guessed(self, words: tuple[str, ...], pending: str) -> bool:
        """Whether a clause is the pending question's options and a word of guessing, nothing else."""
        checking = _CHECKING if words[-1:] and words[-1] in _CHECKED else frozenset()
        rest = [w for w in words if w not in _GUESSING and w not in checking]
        return 0 < len(rest) < len(words) and names_only(self.matcher, rest, pending)

    def conditions_dropped(self, clauses: list[Clause], pending: str | None) -> list[Clause]:
        """ "latency. if it takes 3 seconds the waiter has left": while a question is asked, an "if"
        after a clause that answers it gives the reason for the answer or a condition on it; it
        supposes no change, and what it names is no answer ("cost. if we had to buy GPUs we'd go
        broke")."""
        if pending in (None, ANY_STEP) or len(clauses) < 2 or clauses[0].what_if or clauses[0].question:
            return clauses
        if not any(c.what_if and opening(c.words)[:1] == ("if",) for c in clauses[1:]):
            return clauses  # (most messages: no search)
        if not any(f.step_id == pending and not f.negated for f in self.found(clauses[0].words, pending)):
            return clauses
        # (and its consequence after it: "android. if the phones are too slow, then a server", "...,
        # we'd rent one", or words that would qualify the answer instead: "..., but not decided";
        # a clause naming an option states again: "if Davide leaves, somebody else must understand
        # it, so easy hiring")
        kept: list[Clause] = []
        conditional = False
        for index, clause in enumerate(clauses):
            if index > 0 and clause.what_if and opening(clause.words)[:1] == ("if",):
                conditional = not clause.ends_sentence
                continue
            if conditional and (
                _consequence(clause.words) or not self.matcher.mentions(" ".join(clause.words), pending)
            ):
                conditional = not clause.ends_sentence
                continue
            conditional = False
            kept.append(clause)
        return kept


def _consequence(words: tuple[str, ...]) -> bool:
    """Whether a clause after an "if" says what would follow: "then a server", "we'd rent one"."""
    return words[:1] == ("then",) or bool(_WOULD.intersection(words))
