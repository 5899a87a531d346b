"""A message's options weighed as a whole, after each clause is read: one of several read as the
answer, apps as a server's clients, a general word yielding to a specific one, a reason given for
an answer taking nothing back, "nothing" yielding to a real answer."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from bot.polarity import closes_a_list, is_none_word
from bot.reading_changes import Changes
from bot.reading_clauses import Clause
from bot.reading_message import MessageRules
from bot.reading_options import ClauseOptions
from bot.reading_types import Found

# Words that open a clause adding to what the message said before
_ADDING = (("and",), ("plus",), ("also",))


class Weighing:
    """Weighs what a message's clauses state, with the message rules and the clause reader of one
    conversation definition."""

    def __init__(self, rules: MessageRules, options: ClauseOptions, changes: Changes) -> None:
        self.rules = rules
        self.options = options
        self.changes = changes

    def weighed(
        self, stated: list[tuple[Clause, list[Found]]], text: str, said: str, pending: str | None
    ) -> list[Found]:
        """The options the clauses state, weighed as one message: one of several read as the
        answer, apps as a server's clients, a word yielding to a specific one, "nothing" to a real
        answer."""
        # (a message that adds one to the other names two places: "server again, plus a nightly batch")
        others = stated if self.changes.operation(said) != "add" else []
        stated = _restated_doubt(stated)
        found = [
            f
            for clause, here in stated
            # (a clause that adds, "..., and the inspectors want it on their iPads", names one more)
            for f in self.options.places_dropped(clause.words, here, [] if clause.words[:1] in _ADDING else others)
        ]
        found = self.rules.one_weighed(stated, found)
        found = self.rules.clients_dropped(said, self.rules.answered_no(text, found))
        found = self.options.apart_kept(self.rules.ambiguous_resolved(found))
        found = self.rules.undated_change(found, pending, self.changes.operation(said) is not None)
        found = self.rules.old_system_placed(found, said, pending)
        found = self._general_words_yielded(found)
        found = self._reasons_dropped(found, pending)
        # (a step's option only ruled out leaves its "nothing" standing: "nothing; the buyer's TF is theirs")
        real = {
            f.step_id for f in found if not is_none_word(f.phrase) and not closes_a_list(f.phrase) and not f.negated
        }
        found = [f for f in found if not ((is_none_word(f.phrase) or closes_a_list(f.phrase)) and f.step_id in real)]
        return found

    def _general_words_yielded(self, found: list[Found]) -> list[Found]:
        """ "detect defects from a camera, one of us studied at a university": a word that names the
        option only when nothing else does yields to a specific one anywhere in the message, unless
        two different words name it ("my MacBook, and google colab with the free GPU"; "drone
        company, spraying drones" names drones once)."""
        specific = {(f.step_id, f.option_id) for f in found if not f.generic and not f.negated and not f.hedged}
        words_for = Counter(
            (f.step_id, f.option_id)
            for f in {(f.step_id, f.option_id, f.phrase.removesuffix("s")): f for f in found}.values()
            if f.generic and not f.negated and not f.hedged
        )
        return [
            f
            for f in found
            if not (
                f.generic
                # ("what if ... Cortex-M7, no linux": the edge box still ruled out, unless
                # the option is named outright: "an RTX 3060, and no budget for cloud GPUs")
                and not (f.negated and (f.step_id, f.option_id) not in specific)
                and words_for[(f.step_id, f.option_id)] < 2
                and self.options.yields(f.step_id, f.option_id, specific)
            )
        ]

    def _reasons_dropped(self, found: list[Found], pending: str | None) -> list[Found]:
        """ "add lowest cost to priorities too, diesel for the generators isn't free": a word that
        answers only its own question, ruled out, gives a reason; it takes back no option named
        outright. (Not a server's client: "the app Android and iOS will call it by API. Not run on
        the phone." rules the phones out as a place.)"""
        outright = {(f.step_id, f.option_id) for f in found if not f.only_when_asked and not f.negated and not f.hedged}
        # ("performance and cost. tokens aren't free", asked the priorities: the option said, then
        # another word of its own ruled out after it, says why it matters; not where an answer
        # names places: "batch on CPU servers. Not in any cloud." rules the cloud out)
        said_before: set[tuple[str, str, str]] = set()
        kept = []
        for f in found:
            reason = f.negated and f.only_when_asked and (f.step_id, f.option_id) not in self.rules.client_of
            if not (
                reason
                and (
                    (f.step_id, f.option_id) in outright
                    or (
                        f.step_id == pending
                        and pending not in self.options.places_steps
                        and any((s, o) == (f.step_id, f.option_id) and p != f.phrase for s, o, p in said_before)
                    )
                )
            ):
                kept.append(f)
            if not f.negated and not f.hedged:
                said_before.add((f.step_id, f.option_id, f.phrase))
        return kept


def _restated_doubt(stated: list[tuple[Clause, list[Found]]]) -> list[tuple[Clause, list[Found]]]:
    """`stated` with words said again more exactly later in the sentence, and doubted there, taking
    the doubt: in "our clerks use phones a lot, Tecno android phones, maybe later" the phones are
    the android phones the "maybe later" is about."""
    result: list[tuple[Clause, list[Found]]] = []
    for index, (clause, here) in enumerate(stated):
        doubted: list[Found] = []
        for later, there in stated[index + 1 :] if not clause.ends_sentence else []:
            doubted += [f for f in there if f.hedged and not f.negated]
            if later.ends_sentence:
                break
        result.append(
            (
                clause,
                [
                    replace(f, hedged=True)
                    if not f.hedged and not f.negated and any(d.phrase.endswith(f" {f.phrase}") for d in doubted)
                    else f
                    for f in here
                ],
            )
        )
    return result
