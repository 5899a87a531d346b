"""What a message's clauses say of each other ("Android, possibly": a maybe; "TF. wait no, LLM": a
correction within), and what a message after the advice changes of what it names."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import NamedTuple

from bot.conversation import Conversation
from bot.matching import ANY_STEP, Matcher
from bot.normalising import normalise
from bot.phrasing import ENDS_ADDING, added_by_name, cue, has_phrase, without_possessives
from bot.polarity import ARTICLES, Polarity, is_none_word, opening
from bot.reading_clauses import Clause
from bot.reading_types import Found, Operation

_OWN_STORY = 6  # words: a sentence longer than this after an option speaks of its own subject
_NOT = frozenset({"not", "never", "isn't", "isnt", "aren't", "arent", "ain't", "wasn't", "won't", "wont"})
_COLON_NO = re.compile(r"(?P<named>[^.!?\n;:]+):\s*(?P<answer>[^.!?\n;:,]{1,30}?)\s*(?=[.!?\n;,]|$)")
_THE_REST = frozenset({"the rest", "rest is", "everything else", "all else", "the others", "anything else"})
# "that's corporate's", "it is the museum's" (not "that's ours", "it's our team's")
_SOMEONE_ELSES = re.compile(
    r"(?:that|it|this|those|these)(?:'s| is| are| was| were) (?:all |the |a )?(?!our\b|my\b)\w+'s?\b(?: \w+){0,3}$"
)
# A clause that is only a "nobody" or a "zero" after what it is said of
_NOBODY_THERE = frozenset(
    {("nobody",), ("zero",), ("none",), ("no", "one"), ("nada",), ("zero", "experience"), ("no", "experience")}
)
_BACK_REFERENCES = (["those"], ["them"], ["that"], ["it"], ["this"], ["these"])
_AWAY = frozenset({"out", "off", "away"})  # ("take that out")
_SHORT_STATEMENT = 6  # words: after the advice, a message this short may change what it names
_SHORT_ANSWER = 16  # words: in a longer message, other questions' options are facts of their own
# a clause that is only a "no", ruling out what the next clause names
_NEGATION_ALONE = frozenset(
    {"under no circumstances", "never", "never ever", "definitely not", "absolutely not", "not"}
)
_SAID_OF_IT = (("he",), ("she",), ("they",), ("it",))
_POINTED_AT = (
    ("it",),
    ("they",),
    ("that",),
    ("those",),
    ("this",),
    ("these",),
    ("them",),
)  # after a hedge word  # a clause going on about what was just named
_BARE_NO = (("no",), ("nope",), ("nah",), ("zero",), ("none",), ("negative",))
_CHANGES = frozenset({"replace", "remove"})

Stated = list[tuple[Clause, list[Found]]]  # each statement clause with the options it names


# The longest clause that, naming nothing, hedges the one before it ("Android, possibly, at some point")
_HEDGE_AFTER = 5


# Words that put a correction on top of what came before rather than in its place.
_ADDING = frozenset({"also", "too", "plus", "additionally", "and"})
# Words of a correction cue that take back what was just said: "wait no", "scratch that", "I meant"
_TAKING_BACK = frozenset({"wait", "scratch", "meant", "switched", "mistake", "wrong"})


def agrees(here: list[Found], following: list[Found]) -> bool:
    """Whether the clause after names, in its own words, an option the clause before named: "we are
    new to all this. zero experience" says it again; it takes nothing back."""
    said = {(f.step_id, f.option_id) for f in following if not f.negated}
    return any((f.step_id, f.option_id) in said for f in here)


class Removal(NamedTuple):
    """A message's clauses once a removal in some of them is placed (see `removed_within`)."""

    stated: Stated
    names_nothing: bool  # the removal names nothing while another clause names options
    placed: bool  # the removal was placed in its own clauses: the rest adds


class MessageRules:
    """Rules over a whole message's clauses, for one conversation definition."""

    def __init__(
        self,
        conversation: Conversation,
        matcher: Matcher,
        polarity: Polarity,
        operation: Callable[[str], Operation | None],
    ) -> None:
        cues = conversation.cues
        self.conversation = conversation
        self.matcher = matcher
        self.polarity = polarity
        self._operation = operation
        # a correction that takes back what was just said, whatever the question's kind
        self.taken_back = [cue(w) for w in cues.replace if set(cue(w).split()) & _TAKING_BACK]
        self.step_names = {step.id: [normalise(n) for n in step.names] for step in conversation.steps}
        self.context_of = {step.id: set(step.describes) for step in conversation.steps}
        self.runs_on = {step.id: set(step.runs_on) for step in conversation.steps if step.runs_on}
        self.running_now = {
            (step.id, option.id) for step in conversation.steps for option in step.options if option.running_now
        }
        self.future_words = [normalise(w) for w in cues.future_words]
        self.already_words = [cue(w) for w in cues.already_words]
        self.project_steps = {step.id for step in conversation.steps if step.names_the_project}
        self.aside_in_what_ifs = {step.id for step in conversation.steps if step.aside_in_what_ifs}
        self.duration_steps = {step.id for step in conversation.steps if step.kind == "duration"}
        self.one_choice = tuple(step.id for step in conversation.steps if step.kind == "one")
        self.decided_after_but = {step.id for step in conversation.steps if step.decided_after_but}
        self.importance = {normalise(w) for w in cues.importance}
        self.importance_before = {normalise(w) for w in cues.importance_before}
        self.importance_phrases = sorted(self.importance | self.importance_before)
        self.says_which = [normalise(w) for w in cues.says_which]
        self.says_secondary = [normalise(w) for w in cues.says_secondary]
        self.negators = polarity.negators
        self.statement_words = polarity.statement_words
        self.after_negators = polarity.after_negators
        self.negation_back = [normalise(w) for w in cues.negation_back]
        self.client_phrases = [cue(w) for w in cues.client_phrases]
        self.client_of = {
            (step.id, option.id): option.client_of
            for step in conversation.steps
            for option in step.options
            if option.client_of is not None
        }

    def after_advice(
        self, found: list[Found], said: str, what_if: bool, names_a_question: frozenset[str]
    ) -> list[Found]:
        """What a message said after the advice (or at the recap, or in a what-if) changes, of what
        it names: a statement changes what it names outright, not every noun said in passing."""
        statement = not what_if
        short = len(said.split()) <= _SHORT_STATEMENT
        change = self._operation(said)
        # (a correction changes what it names; beside another option named outright, the project's
        # words are still context: "moving recs to a nightly job instead of a live API call")
        names_other = any(not f.negated and f.step_id not in self.project_steps for f in found)
        if statement and not short and (change != "replace" or names_other):
            # "the lab has a data policy", "a thesis which is now finished", "for next winter's
            # forecast season": no new project; a short message, a correction or one naming the
            # question changes it ("use case is NLP").
            found = [f for f in found if f.step_id not in self.project_steps - names_a_question or f.negated]
        if (
            # ("replace notebooks with batch": a swap names options in their own words)
            not set(said.split()) & self.polarity.swap_verbs
            and any(not f.only_when_asked and not f.negated for f in found)
        ):
            # "he also knows PyTorch; he uses it for his homework now", "and if we buy iphones for
            # the supervisors? the owner like apple": beside what a statement or a what-if names
            # outright, a word that answers only its own question ("now", "apple", "phones")
            # changes nothing (though it may rule out: "we train on GPU after all, not CPU").
            # ("iOS should stay but add server too": what "add" names is what is added)
            found = [
                f
                for f in found
                if not f.only_when_asked or (f.negated and not is_none_word(f.phrase)) or added_by_name(said, f.phrase)
            ]
        names_undated = any(not f.negated and f.step_id not in self.duration_steps for f in found)
        dating = {f.phrase for f in found if f.only_when_asked and f.step_id in self.duration_steps}
        if what_if and any(
            not f.negated and f.step_id not in self.duration_steps and f.phrase not in dating for f in found
        ):
            # "what if the president permits cloud next year?": beside another option the what-if
            # assumes, "next year" dates that, as a date does in the deadline reading (a word read
            # both ways, "fast", is no other option of its own)
            found = self._without_date_words(found)
        if statement and not short and (change not in _CHANGES or names_undated) and not names_a_question:
            # "Will it also write in Spanish? We have many Spanish visitors now.": a longer
            # statement's "now" or "soon" sets no deadline; "asap" alone, or a change, still does.
            found = self._without_date_words(found)
        if what_if:
            found = self._tools_at_places(found, said, names_a_question)
        if any(not f.negated and f.step_id not in self.aside_in_what_ifs for f in found):
            # "what if we also had to support iOS?", "only on cheap android phones": what the
            # what-if changes is the option it names; "support" and "cheap" describe it. (A statement
            # still takes out what it rules out: "remove performance, it's a nightly job".)
            # A statement keeps what it names outright there, though: "hiring matters, the market
            # has way more pytorch people" makes hiring matter.
            found = [
                f
                for f in found
                if f.step_id not in self.aside_in_what_ifs
                or (statement and (f.negated or not (f.only_when_asked or f.generic)))
            ]
        if statement and change is None and not names_a_question and not has_phrase(said, self.importance_phrases):
            # "thanks, great support", "my manager handles the money side": with no change asked
            # for, no question named and nothing said to matter, a word that answers only its own
            # question changes nothing (beside a named option it did not already, above)
            found = [f for f in found if not f.only_when_asked or f.negated]
        return found

    def _tools_at_places(self, found: list[Found], said: str, names_a_question: frozenset[str]) -> list[Found]:
        """ "what if support agents want the suggestions live in the browser, with TF.js?": a what-if
        naming what would run today (TF.js, TFLite) beside a new place for it supposes the place; the
        tool is how it would get there, not a stack already in production ("what if we already
        had a TFLite app on Android?" still supposes the app)."""
        if has_phrase(said, self.already_words):
            return found
        placed = {f.step_id for f in found if not f.negated}
        return [
            f
            for f in found
            if f.negated
            or (f.step_id, f.option_id) not in self.running_now
            or f.step_id in names_a_question
            or not self.runs_on.get(f.step_id, set()) & placed
        ]

    def one_weighed(self, stated: Stated, found: list[Found]) -> list[Found]:
        """Of several options a one-choice question's answer names, the one the message says it is
        ("... so research, really", "Yes, it's computer vision"), or those left once the ones it calls
        secondary are out ("vision is only an input; the product is the controller")."""
        for step_id in self.one_choice:
            said = {f.option_id for f in found if f.step_id == step_id and not f.negated and not f.hedged}
            if len(said) < 2:
                continue
            # options named outright, by sentence ("main thing is FWA detection on claims - NDC,
            # ..., all tabular": a general word saying which says nothing against them)
            outright: list[set[str]] = [set()]
            for clause, here in stated:
                outright[-1] |= {f.option_id for f in here if f.step_id == step_id and not f.negated and not f.generic}
                if clause.ends_sentence:
                    outright.append(set())
            sentence = 0
            decisive: set[str] = set()
            last_said: set[str] = set()  # what the last clause that says which names
            secondary: set[str] = set()
            for index, (clause, here) in enumerate(stated):
                words = " ".join(clause.words)
                named = {f.option_id for f in here if f.step_id == step_id and not f.negated}
                spoken = {w for f in here if f.step_id == step_id for w in f.phrase.split()}
                if index == 0 and len(named) == 1 and set(clause.words) <= spoken:
                    # "Recommendations. Home feed ranking and 'because you watched' rows": the
                    # answer said alone first, what follows describes it
                    decisive |= named
                if has_phrase(words, self.says_which) and (named & outright[sentence] or not outright[sentence]):
                    decisive |= named
                    last_said = named & said or last_said
                if has_phrase(words, self.says_secondary):
                    secondary |= self._made_secondary(words, named, here, step_id)
                sentence += clause.ends_sentence
            if len(decisive & said) > 1 and len(last_said) == 1:
                # "it's OCR but the real goal is extracting clauses, so call it text/NLP": the
                # last word on which it is decides
                decisive = last_said
            kept = decisive & said if len(decisive & said) == 1 else said - secondary or said
            if kept == said and step_id in self.decided_after_but:
                kept = _after_but(stated, step_id) & said or said
            if kept != said:
                found = [f for f in found if f.step_id != step_id or f.negated or f.option_id in kept]
        return found

    def _made_secondary(self, words: str, named: set[str], here: list[Found], step_id: str) -> set[str]:
        """What a clause calls secondary: all it names, or of several, the one named last before
        the words that say so ("robotics / control with a camera in the loop": the camera)."""
        if len(named) < 2:
            return named
        padded = f" {words} "
        at = min((padded.find(f" {p} ") for p in self.says_secondary if f" {p} " in padded), default=-1)
        ends = at + 1  # (the space before the words that say so ends the phrase before them)
        before = {
            f.option_id: padded.rfind(f" {f.phrase} ", 0, ends)
            for f in here
            if f.step_id == step_id and not f.negated and padded.rfind(f" {f.phrase} ", 0, ends) >= 0
        }
        if not before:
            return named
        return {max(before, key=lambda option: before[option])}

    def undated_change(self, found: list[Found], pending: str | None, changes: bool) -> list[Found]:
        """ "we also get time on the AMD cluster now. Add it to the list", asked about the deadline:
        a change to another question's answer dates nothing with its "now"."""
        if pending not in self.duration_steps or not changes:
            return found
        if not any(not f.negated and f.step_id not in self.duration_steps for f in found):
            return found
        return self._without_date_words(found)

    def _without_date_words(self, found: list[Found]) -> list[Found]:
        """`found` without the words that answer the deadline only while it is asked ("now", "soon")."""
        return [f for f in found if not (f.only_when_asked and f.step_id in self.duration_steps)]

    @staticmethod
    def ambiguous_resolved(found: list[Found]) -> list[Found]:
        """ "Low-end Android phones, so it runs on the phone": a word meaning several options of a
        question ("phone": Android or iOS) means the one the message names by itself."""
        by_phrase: dict[tuple[str, str], set[str]] = {}
        for f in found:
            by_phrase.setdefault((f.step_id, f.phrase), set()).add(f.option_id)
        alone = {
            (f.step_id, f.option_id)
            for f in found
            if len(by_phrase[(f.step_id, f.phrase)]) == 1 and not f.negated and not f.hedged
        }  # ("iPhone first, on the phone itself; Android maybe later": the phone is the iPhone)
        kept: list[Found] = []
        for f in found:
            siblings = by_phrase[(f.step_id, f.phrase)]
            if (
                len(siblings) > 1
                and (f.step_id, f.option_id) not in alone
                and any((f.step_id, o) in alone for o in siblings)
            ):
                continue
            kept.append(f)
        return _one_sense_per_phrase(kept)

    def _says_none(self, found: Found) -> bool:
        """Whether an option was named by saying there is none ("no", "nothing in production")."""
        return is_none_word(found.phrase) or found.phrase.split()[0] in self.negators

    def _takes_back(self, words: tuple[str, ...]) -> bool:
        """Whether a clause takes back the one before it ("but it died", "so not that"): a phrase
        that does, not going on to an object of its own ("i don't care about 5 yrs from now"), nor
        about everything else ("cheap cheap cheap. the rest I don't care")."""
        if " ".join(opening(words)[:2]) in _THE_REST:
            return False
        if _SOMEONE_ELSES.match(" ".join(opening(words))):
            return True  # "but that's corporate's", "it's the museum's": someone else's, not ours
        if opening(words) in _NOBODY_THERE:
            return True  # "jax (nobody)", "PyTorch: zero experience": said of what was just named
        said = f" {' '.join(words)} "
        for phrase in self.negation_back:
            at = said.find(f" {phrase} ")
            if at < 0:
                continue
            if set(said[:at].split()[-2:]) & _NOT:
                continue  # "NOT on their machines", "isn't going away": said not to, it takes nothing back
            rest = said[at + len(phrase) + 2 :].split()
            if rest[:1] in (["into"], ["onto"]):
                continue  # "output goes back into excel": put somewhere, nothing taken back
            if rest[:1] not in (["about"], ["of"]) or rest[1:2] in _BACK_REFERENCES:
                return True  # ("but I don't care about those" still takes them back)
        return False

    def _taken_back_later(self, clauses: Stated) -> bool:
        """Whether the first of `clauses` that is not a bare "so no" takes back, naming nothing."""
        for clause, named in clauses:
            if named:
                return False
            if clause.words in _BARE_NO or clause.words[1:] in _BARE_NO:
                continue  # "..., so no, we cannot use that one"
            return self._takes_back(clause.words)
        return False

    def clients_dropped(self, said: str, found: list[Found]) -> list[Found]:
        """ "The app is iOS and Android, but the model sits on a server the app asks": where a message
        says its apps call a server, or only show results, and names where the model runs, the
        apps are clients, not where the model runs."""
        if not self.client_of or not has_phrase(said, self.client_phrases):
            return found
        # where the model does run: the server they call, or any target that is no client itself
        # ("the nRF52840; the companion app only displays results")
        hosts = {
            f.step_id
            for f in found
            if not f.negated and not f.hedged and (f.step_id, f.option_id) not in self.client_of
        }
        return [
            f for f in found if f.negated or not ((f.step_id, f.option_id) in self.client_of and f.step_id in hosts)
        ]

    def old_system_placed(self, found: list[Found], said: str, pending: str | None) -> list[Found]:
        """ "There's a TF1 script from 2018. It runs every night on the historian box.": a message
        answering with what runs today (a system, or no ML beside other tools: "the till is on an
        iPad"), and saying nothing of what is to come, places what runs today; where the new
        project runs is still to be asked. ("The new one must run on the same tablets" speaks of
        the new one.)"""
        places = self.runs_on.get(pending or "")
        if not places or has_phrase(said, self.future_words):
            return found
        if not any(
            f.step_id == pending and not f.negated and (f.step_id, f.option_id) in self.running_now for f in found
        ):
            return found
        return [f for f in found if f.step_id not in places]

    def short_answer_context(self, stated: Stated, pending: str | None, said: str) -> Stated:
        """In a short answer to the pending question, what the other clauses name of the steps that
        question describes is context, as it is inside the answering clause: "TF + Keras, since
        the TFLite Micro days" (asked about skills) names no stack in production, and "No ML in
        production. Excel, mostly." no use case. A clause of its own ("we're shipping to android")
        or one naming its question ("training on tpus") still answers it, and so does a correction;
        a long message states several facts, though a fragment right after its answer describes it."""
        # A correction of another question keeps its words ("actually we also run it on android");
        # "also hiring" adds to the answer asked for and is read like any answer.
        if pending in (None, ANY_STEP) or self._operation(said) in _CHANGES:
            return stated
        answering = [any(f.step_id == pending and not f.negated for f in here) for _, here in stated]
        context = self.context_of.get(pending, set())
        if not any(answering) or not context:
            return stated
        short = len(said.split()) <= _SHORT_ANSWER
        kept: Stated = []
        for index, (clause, here) in enumerate(stated):
            # In a long message only a fragment right after an answering clause describes it
            # ("on the clinics' own PCs, CPU only, not on our servers").
            beside = short or (index > 0 and answering[index - 1])
            if not beside or set(clause.words) & self.statement_words:
                kept.append((clause, here))
                continue
            names = {
                s
                for s, names in self.step_names.items()
                if has_phrase(without_possessives(" ".join(clause.words)), names)
            }
            kept.append((clause, [f for f in here if f.step_id not in context or f.step_id in names]))
        return kept

    def corrected_within(self, stated: Stated) -> Stated:
        """ "text classification. wait no, it's more like a chatbot, so LLM": a one-choice answer
        taken back in the same message gives way to what follows the correction."""
        cue = next((i for i, (c, _) in enumerate(stated) if self._operation(" ".join(c.words)) == "replace"), None)
        if not cue:
            return stated
        later = {f.step_id for _, here in stated[cue:] for f in here if not f.negated}
        single = {s for s in later if self.conversation.step(s).kind != "many"}
        rest = " ".join(" ".join(c.words) for c, _ in stated[cue:])
        if has_phrase(rest, self.taken_back) and not set(rest.split()) & _ADDING:
            # "a Raspberry Pi 5. wait no, I switched to a Jetson": taken back, with nothing said to
            # come on top of it ("Android. oh wait, iOS too" keeps Android)
            single = later
        # (what an earlier clause rules out stays out, unless said again after: "take keras out of
        # skills, those two hires have switched to PyTorch anyway")
        said_later = {(f.step_id, f.option_id) for _, here in stated[cue:] for f in here if not f.negated}
        return [
            (
                clause,
                [
                    f
                    for f in here
                    if f.step_id not in single or (f.negated and (f.step_id, f.option_id) not in said_later)
                ],
            )
            if index < cue
            else (clause, here)
            for index, (clause, here) in enumerate(stated)
        ]

    def removed_within(self, stated: Stated, pending: str | None) -> Removal:
        """ "Actually scrap the android bit, boss says ipads only": where a removal is one clause
        among others that name options, what it names goes and what the others name stays (the
        whole message's "remove" would take the iPads out too). Also whether the removal names
        nothing while another clause does ("drop the realtime CRM call, IT says nightly batch
        only"): then the message removes nothing it names; and whether the removal was placed
        in its clauses (then the rest of the message adds to the question it changes, as any
        answer does, and "take out performance, it's an overnight job" takes out no batch job)."""
        removing = [self._operation(" ".join(clause.words)) == "remove" for clause, _ in stated]
        for index in range(1, len(stated)):
            clause, here = stated[index]
            if (
                removing[index]
                and not here
                and (
                    list(clause.words[-1:]) in _BACK_REFERENCES
                    or (list(clause.words[-2:-1]) in _BACK_REFERENCES and clause.words[-1] in _AWAY)
                )
            ):
                # "The MacBook was only for the prototype - drop it": the removal names what the
                # clause before it said (and rules it out, whatever else the message names)
                removing[index - 1] = True
                if any(f.negated for _, earlier in stated[: index - 1] for f in earlier):
                    continue  # ("not the browser actually, the sites will use android tablets. remove it")
                before, named = stated[index - 1]
                stated = [*stated[: index - 1], (before, [replace(f, negated=True) for f in named]), *stated[index:]]
        said = [any(not f.negated for f in here) for _, here in stated]
        if not any(removing) or all(removing) or not any(s and not r for s, r in zip(said, removing, strict=True)):
            return Removal(stated, names_nothing=False, placed=False)
        if not any(here for (_, here), removes in zip(stated, removing, strict=True) if removes):
            return Removal(stated, names_nothing=True, placed=False)
        # (at the recap and after, the other clauses speak of the question the removal changes;
        # what they name of another is the reason given: "take out performance, it's a nightly
        # job" moves no target; while a question is asked, its answer is read as ever)
        changed = {f.step_id for (_, here), removes in zip(stated, removing, strict=True) if removes for f in here}
        if pending != ANY_STEP:
            changed |= {f.step_id for _, here in stated for f in here}
        placed = [
            (clause, [replace(f, negated=True) for f in here] if removes else [f for f in here if f.step_id in changed])
            for (clause, here), removes in zip(stated, removing, strict=True)
        ]
        return Removal(placed, names_nothing=False, placed=True)

    def answered_no(self, text: str, found: list[Found]) -> list[Found]:
        """ "Python yes. TensorFlow, PyTorch: no.", "inference speed: not important": the options
        before a colon answered "no" (or a word that rules out what it follows) are ruled out."""
        named_no = {
            (m.step_id, m.option_id)
            for match in _COLON_NO.finditer(text)
            if normalise(match["answer"]) in self.after_negators or is_none_word(normalise(match["answer"]))
            for m in self.matcher.mentions(match["named"], ANY_STEP)  # ("hiring: not important")
        }
        if not named_no:
            return found
        return [replace(f, negated=True) if (f.step_id, f.option_id) in named_no else f for f in found]

    def qualified_by_next(self, stated: Stated) -> Stated:
        """What a clause naming nothing says of the one before it: "Android, possibly, at some
        point" and "a Jetson was mentioned but nothing is decided" make it a maybe; "the one Mac
        belongs to design, so that's out" rules it out."""
        qualified = list(stated)
        for index in range(len(stated) - 1):
            clause, here = stated[index]
            following, named = stated[index + 1]
            if not here and named and " ".join(opening(clause.words)) in _NEGATION_ALONE:
                # "..., and, under no circumstances, in a public cloud"
                qualified[index + 1] = (following, [replace(f, negated=True) for f in named])
                continue
            # ("PyTorch — zero.": the "zero" that would mean new to ML answers nothing here)
            if not here:
                continue
            if (
                all(f.negated for f in here)
                and named
                and {(f.step_id, f.option_id) for f in named} <= {(f.step_id, f.option_id) for f in here}
                and _only_named(following.words, named)
            ):
                # "definitely not on phones, android or iphone, ...": the phones ruled out, named
                qualified[index + 1] = (following, [replace(f, negated=True) for f in named])
                continue
            names = [f for f in named if not is_none_word(f.phrase)]
            # (a take-back may name another question's option: "an AMD node too but we don't train on it")
            steps = {f.step_id for f in here}
            # (a long clause of its own after it, "maybe a Pi in a burrow one day", hedges its own thing)
            # ("... speaker labels for the show notes, maybe auto-chaptering too": a maybe of one more thing)
            if (
                not names
                and self.polarity.opens_with_hedge(following.words)
                # (longer, where it points back: "an esp32 does the motor stuff, maybe it runs a tiny model too")
                and (len(following.words) <= _HEDGE_AFTER or following.words[1:2] in _POINTED_AT)
                and not ENDS_ADDING.search(" ".join(following.words))
            ):
                qualified[index] = (clause, [replace(f, hedged=True) for f in here])
            elif (
                not [f for f in names if f.step_id in steps]
                and not agrees(here, named)
                and (
                    # ("nothing, we don't have any ai running": after a "none" answer it agrees)
                    # (not a deadline: "asap. compressor nr 3 nearly died" says why it is urgent)
                    (
                        self._takes_back(following.words)
                        # (a sentence of its own tells its own story, unless it opens by pointing
                        # back: "Long-term support above all. The last thing we bought was abandoned")
                        and not (
                            clause.ends_sentence
                            and len(following.words) > _OWN_STORY
                            and list(opening(following.words)[:1]) not in _BACK_REFERENCES
                        )
                        and not all(self._says_none(f) for f in here)
                        and not steps <= self.duration_steps
                    )
                    # "Training on NVIDIA... no, we cancelled the GPU box": a bare "no" takes it back,
                    # though after a "nothing in production" it agrees
                    or (following.words in _BARE_NO and not any(self._says_none(f) for f in here))
                )
            ):
                # (what the project is, said of the thing taken back, describes it: "an old TF1
                # object detector ..., but it's not in production" takes back no vision project)
                described = any(f.step_id not in self.project_steps for f in here)
                taken_back = [f for f in here if not (described and f.step_id in self.project_steps)]
                qualified[index] = (clause, [replace(f, negated=True) for f in taken_back])
                if following.words in _BARE_NO:
                    # ("long term support? nah, the trial ends in 2028": the "nah" answers the
                    # question it asked itself, and is no "nothing else" of its own)
                    qualified[index + 1] = (following, [])
            elif (
                not named
                and following.words[:1] in _SAID_OF_IT
                and not all(self._says_none(f) for f in here)
                and not steps <= self.duration_steps
                and self._taken_back_later(stated[index + 2 : index + 4])
            ):
                # "a gaming PC with an NVIDIA card, but he lives in Kaohsiung, so no, we cannot use
                # that one": a clause about what (or who) was just named, then the take-back
                qualified[index] = (clause, [replace(f, negated=True) for f in here])
        return qualified


def _only_named(words: tuple[str, ...], named: list[Found]) -> bool:
    """Whether a clause is only the options it names, listed ("android or iphone")."""
    said = {w for f in named for w in f.phrase.split()}
    return all(w in said or w in _LIST_WORDS for w in words)


_LIST_WORDS = ARTICLES | {"or", "and", "nor", "either", "neither", "both"}


def _one_sense_per_phrase(found: list[Found]) -> list[Found]:
    """ "forget about cost, only long term": a phrase that answers two questions ("long term": the
    timeline or long-term support) answers the one the message speaks of in other words too."""
    steps_of: dict[str, set[str]] = {}
    for f in found:
        steps_of.setdefault(f.phrase, set()).add(f.step_id)
    if all(len(steps) == 1 for steps in steps_of.values()):
        return found
    # (the questions named in words of their own, not by a phrase that is itself read two ways)
    spoken_of = {f.step_id for f in found if len(steps_of[f.phrase]) == 1}
    return [
        f
        for f in found
        if len(steps_of[f.phrase]) == 1
        or f.step_id in spoken_of
        or not steps_of[f.phrase] & spoken_of  # (neither spoken of: both kept, as before)
    ]


def _after_but(stated: Stated, step_id: str) -> set[str]:
    """ "he used TensorFlow Serving at the bank, but for our project nothing exists": of a
    one-choice question's options named on both sides of a "but", the one said after it, if one
    (for the questions where that decides: "like ChatGPT, but trained on our letters" says what
    the chatbot reads, and the use case stays the chatbot)."""
    before: set[str] = set()
    after: set[str] = set()
    contrasted = False
    for clause, here in stated:
        named = {f.option_id for f in here if f.step_id == step_id and not f.negated and not f.hedged}
        if clause.contrasts and clause.words[:1] not in (("also",), ("maybe",)) and before:
            contrasted = True
        (after if contrasted else before).update(named)
    return after if len(after) == 1 and before - after else set()
