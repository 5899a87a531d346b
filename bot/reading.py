"""One reading per message: what a message says, in the context of the pending question.

`Reader.read(text, pending, today)` normalises the message once and returns a `Reading`: the
command it carries, the numbers it picks, every option it mentions with its polarity (said, or
ruled out), whether it asks a question, the deadline it states, and the change it asks for (add,
remove, replace). The dialogue policy decides what to do with it; nothing else reads the raw text.

Messages are read clause by clause (split at punctuation and "but"): a question clause never
states an answer ("should we even consider TF?"), and a negation reaches only the options after
it in its own clause ("not android, iOS only").

The reader walks the clauses; its parts, each a module of its own: the clauses themselves
(`reading_clauses`), the options one clause names (`reading_options`, with `polarity`), guesses
and conditions (`reading_guesses`), what the clauses say of each other (`reading_message`), the
message weighed as a whole (`reading_weighing`), the change asked for (`reading_changes`), the
advisor's own question (`reading_question`), deadlines (`deadlines`), commands
(`reading_commands`, `reading_typos`), numbers (`reading_numbers`) and other languages
(`reading_languages`).
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from itertools import dropwhile
from pathlib import Path

from rapidfuzz import fuzz, process

from bot.conversation import Conversation
from bot.deadlines import Deadlines
from bot.matching import ANY_STEP, Matcher
from bot.normalising import normalise, plain_letters_only
from bot.phrasing import added_by_name, has_phrase, without_possessives
from bot.polarity import Polarity, is_none_word, opening
from bot.reading_changes import Changes, not_x_but_y
from bot.reading_clauses import AUXILIARIES, Clause, Clauses
from bot.reading_commands import CommandReader
from bot.reading_guesses import Guesses
from bot.reading_languages import LanguageCheck
from bot.reading_message import MessageRules
from bot.reading_numbers import numbers as picked_numbers
from bot.reading_options import ClauseOptions
from bot.reading_question import TheQuestion, asks_which_framework
from bot.reading_types import Found, Kind, Reading
from bot.reading_weighing import Weighing

__all__ = ["ANY_STEP", "Found", "Reader", "Reading", "is_none_word"]  # ANY_STEP: the matcher's, re-exported

_BARE_REPLIES = frozenset({"no", "nope", "nah", "yes", "yeah", "yep"})  # a question's own answer
_LIKE_AFTER_A_QUESTION = 5  # words: "..., like with webgpu" right after a question goes on asking it
# The longest message that only asks to answer a question again (longer, it says more than which
# question to change: "fix the timeline please, the board moved the launch to May" is an answer)
_REOPEN_WORDS = 10
# Words of a heading that corrects its question ("Correction to hardware:")
_CORRECTION_WORDS = frozenset({"correction", "update", "amendment", "fix"})
_NOT_SO = frozenset({"no", "wrong", "nope"})  # ("the timeline no:", "deadline wrong:")
# Words that open a clause naming what the message is about, after the advice
_TOPIC_OPENERS = frozenset({("about",), ("regarding",), ("re",), ("concerning",)})
# Words of a question that asks which option something counts as ("does colab count?", "nlp or tabular?")
_COUNTING = frozenset(
    {"count", "counts", "considered", "qualify", "qualifies", "include", "includes", "cover", "covers"}
)
_CLASSIFYING = _COUNTING | {"or"}
# ... and what it asks what an option means ("do you mean hardware for training or for serving?"):
# either way its explanation stores nothing of what it asks about
_ASKING_ABOUT_OPTIONS = _CLASSIFYING | {"mean", "means", "difference"}
# ... not one that asks which is better ("Which is better for training, Windows or just CPU? We only have Windows")
_COMPARING = frozenset({"better", "best", "faster", "cheaper", "easier", "prefer", "recommend", "should", "which"})


class Reader:
    """Reads messages for one conversation definition (its vocabulary and cue words)."""

    def __init__(
        self,
        conversation: Conversation,
        matcher: Matcher,
        the_question: tuple[list[str], list[str]] | None = None,
    ) -> None:
        """`the_question`: the names of the two frameworks compared (see `TheQuestion`)."""
        self.matcher = matcher
        self.after_advice_needs = {
            step.id: [normalise(w) for w in step.after_advice_needs]
            for step in conversation.steps
            if step.after_advice_needs
        }
        self.knowing_not_of = {step.id: set(step.knowing_not_of) for step in conversation.steps}
        self.the_question = TheQuestion(the_question)
        cues = conversation.cues
        self.changes = Changes(conversation)
        self.about_bot = {name: [normalise(p) for p in phrases] for name, phrases in cues.about_bot.items()}
        self.vocabulary = set(matcher.vocabulary())
        self.polarity = Polarity(conversation, self.vocabulary)
        self.deadlines = Deadlines(conversation, self.polarity)
        self.clauses = Clauses(conversation, matcher, self.polarity)
        self.rules = MessageRules(conversation, matcher, self.polarity, self.changes.operation)
        self.options = ClauseOptions(conversation, matcher, self.polarity, self.rules, self.changes)
        self.weighing = Weighing(self.rules, self.options, self.changes)
        self.guesses = Guesses(self.rules.duration_steps, self.clauses, matcher, self.options.found)
        # (derived once, by the parts that read clauses and whole messages)
        self.step_names = self.rules.step_names
        self.scene_steps = self.clauses.scene_steps
        self.places_steps = self.options.places_steps
        self.training_steps = self.options.training_steps
        self.needs_while = self.options.needs_while
        self.others = {tuple(normalise(w).split()) for w in cues.others}
        self.others_lengths = sorted({len(o) for o in self.others})
        self.job_market = [normalise(w) for w in cues.job_market]
        # what a part of the project is called by no option's name ("the on-device part")
        self.parts = {
            (step.id, option.id): [normalise(p) for p in option.parts]
            for step in conversation.steps
            for option in step.options
            if option.parts
        }
        self._signature = (
            re.compile(r"\b(?:" + "|".join(re.escape(p) for p in cues.signatures) + r")\b[.!]?\s*$", re.I)
            if cues.signatures
            else None
        )
        self.all_phrases = [normalise(p) for p in cues.all_options]
        self.all_but_phrases = [normalise(p) for p in cues.all_but]
        self.now_words = [normalise(w) for w in cues.now_words]
        yes = "|".join(re.escape(e) for e in sorted(cues.yes_emoji, key=len, reverse=True)) or "(?!)"
        self._yes_emoji = re.compile(rf"\s*(?:(?:{yes})(?::skin-tone-\d:|[\U0001F3FB-\U0001F3FF])?\s*)+")
        self.reopen_words = [normalise(w) for w in cues.reopen]
        self.reopen_light = {normalise(w) for w in cues.reopen_light}
        self.commands = CommandReader(conversation, matcher, self.changes.operation)
        self.languages = LanguageCheck(self.vocabulary)

    def read(self, text: str, pending: str | None, today: date) -> Reading:
        """The one reading of a message asked `pending`: a command, numbers, another language, or
        what its clauses state, weighed as a whole."""
        raw = text
        text = self._unframed(text)
        said = normalise(text)
        early = self._read_whole(raw, text, said, pending, today)
        if early is not None:
            return early
        clauses = self.guesses.tentative_answers_stated(
            self.guesses.conditions_dropped(self.clauses.split(text, pending), pending), pending, today
        )
        names_steps = frozenset(
            s for s, names in self.step_names.items() if has_phrase(without_possessives(said), names)
        )
        stated, asked_facts, counted = self._stated(clauses, text, said, pending, names_steps)
        stated = self.rules.short_answer_context(self.rules.qualified_by_next(stated), pending, said)
        removal = self.rules.removed_within(self.rules.corrected_within(stated), pending)
        found = self.weighing.weighed(removal.stated, text, said, pending)
        questions = tuple(" ".join(c.words) for c in clauses if c.question and not c.what_if)
        what_if = any(c.what_if for c in clauses)
        if pending == ANY_STEP or what_if:
            found = self.rules.after_advice(found, said, what_if, names_steps)
        kind: Kind = "what_if" if what_if else "question" if questions and not found else "answer"
        cue = self.changes.message_operation(said, bool(questions) or what_if)
        weeks = self.deadlines.deadline(
            clauses,
            pending,
            today,
            names_options=any(not f.negated for f in found),
            changes=self.changes.operation(said) == "replace",  # "plus", "don't include" change no date
        )
        if weeks is not None and self._corrects_the_timeline(clauses):
            # "mmm the timeline no: it's mid February not January, I mixed it up with the Android
            # update": the message corrects the deadline; what it names besides says why
            found = [f for f in found if f.step_id in self.rules.duration_steps]
        if weeks is not None and self._corrects_another_step(clauses):
            # "Correction to hardware: the workstation gets Ubuntu next week" dates that change; a
            # sentence after it may still give the deadline ("... No production date, >1 yr.")
            later = list(dropwhile(lambda clause: not clause.ends_sentence, clauses))[1:]
            weeks = (
                self.deadlines.deadline(later, pending, today, names_options=False, changes=False) if later else None
            )
        if (
            # (a word ruled out or doubted in passing, "the contract is not signed", "IT has not yet
            # decided whether we get GPUs", is no answer; nor are guesses between two: "V100s or
            # TPUs, idk")
            # ("dunno. whenever", "not sure, management says 'soon'": a word that dates only
            # vaguely is the doubt said again; "no clue, no gpu here" still tells)
            (
                all(f.negated or f.hedged or (f.generic and f.step_id in self.rules.duration_steps) for f in found)
                or _guesses_between([*found, *asked_facts], said, pending)
            )
            and weeks is None
            and kind == "answer"
            and pending not in (None, ANY_STEP)
            and any(self.commands.said_alone(c.words) == "unsure" for c in clauses)
        ):
            # "not sure yet, the board decides in january": the doubt is the answer; the date or
            # the reason beside it answers nothing of the question
            return Reading(text=said, kind="answer", command="unsure", raw=raw)
        return Reading(
            text=said,
            raw=raw,
            kind=kind,
            found=tuple(found),
            weeks=weeks,
            operation=None
            if removal.names_nothing
            else "add"
            if removal.placed
            else cue or not_x_but_y(found, pending),
            cue=cue,
            news=self.changes.is_news(said),
            names_steps=names_steps,
            reopens=None if found or weeks is not None or what_if else self._reopens(said, names_steps),
            about_bot=self._about_bot(questions or (said,)) if questions or said.endswith("?") else None,
            questions=questions,
            asked_facts=tuple(asked_facts),
            counted=tuple(counted),
            all_options=not questions
            and (
                (not found and len(said.split()) <= 5 and has_phrase(said, self.all_phrases))
                # "everything but hiring, we're not taking anyone on": all, less what it rules out
                or (bool(found) and all(f.negated for f in found) and has_phrase(said, self.all_but_phrases))
            ),
        )

    def parts_named(self, said: str) -> set[tuple[str, str]]:
        """The options a normalised message names as a part of the project ("what if we drop the
        on-device part?": the phone apps, the edge boxes); read only where a what-if drops a part."""
        return {option for option, parts in self.parts.items() if has_phrase(said, parts)}

    def _corrects_another_step(self, clauses: list[Clause]) -> bool:
        """Whether a message opens with a correction of a question other than the timeline
        ("Correction to hardware: ...")."""
        if not clauses or not _CORRECTION_WORDS.intersection(clauses[0].words):
            return False
        return self.clauses.heading(clauses[0].words) not in (None, "timeline")

    def _corrects_the_timeline(self, clauses: list[Clause]) -> bool:
        """Whether a message opens with a heading that corrects the timeline ("the timeline no:",
        "Correction to the deadline:")."""
        if not clauses or not (_CORRECTION_WORDS | _NOT_SO).intersection(clauses[0].words):
            return False
        return self.clauses.heading(tuple(w for w in clauses[0].words if w not in _NOT_SO)) in self.rules.duration_steps

    def _reopens(self, said: str, names_steps: frozenset[str]) -> str | None:
        """ "change the timeline", "can I edit my use case answer?", "timeline" alone: a short
        message that names one question, answers nothing, and asks to change it (or is only its
        name) asks that question again."""
        if len(names_steps) != 1 or len(said.split()) > _REOPEN_WORDS:
            return None
        (step_id,) = names_steps
        if has_phrase(said, self.reopen_words):
            return step_id
        rest = said
        for name in sorted(self.step_names[step_id], key=len, reverse=True):
            rest = f" {rest} ".replace(f" {name} ", " ")
        return step_id if set(rest.split()) <= self.reopen_light else None

    def _unframed(self, text: str) -> str:
        """The message without what frames it: a phone's signature, the advisor's own question
        quoted back."""
        if self._signature is not None:
            # "boarding now, cancel. Sent from my iPhone": the phone's last line, not an iOS app
            # (only at the end: "photos sent from my phone to the server" says something)
            text = self._signature.sub(" ", text)
        return self.the_question.unframed(text)

    def _read_whole(self, raw: str, text: str, said: str, pending: str | None, today: date) -> Reading | None:
        """A message read as a whole, before its clauses: an emoji, another language, a command,
        option numbers; None for a message of words to read clause by clause."""
        # (the language check reads letters as written: accents tell languages apart)
        as_written = said if text.isascii() else normalise(text, fold=False)
        if not said and self._yes_emoji.fullmatch(raw):
            return Reading(text="", kind="answer", command="confirm", raw=raw)  # "👍"
        if not said:
            # nothing in our alphabet: blank, or wholly another script ("画像認識をやりたいです。")
            foreign = self.languages.foreign(text, as_written)
            return Reading(text="", kind="other_language" if foreign else "empty", raw=raw)
        # (commands are read in plain letters: "Sí, ..." is no "si" that confirms)
        plain = text if text.isascii() else plain_letters_only(text)
        command = self.commands.command(plain, pending, today) if plain is text or normalise(plain) else None
        if command is not None:
            return Reading(text=said, kind="answer", command=command, raw=raw)
        if self.languages.foreign(text, as_written):
            return Reading(text=said, kind="other_language", raw=raw)
        numbers = picked_numbers(said, self.commands.filler)
        if numbers:
            return Reading(text=said, numbers=numbers, raw=raw)
        return None

    def _stated(
        self, clauses: list[Clause], text: str, said: str, pending: str | None, names_steps: frozenset[str]
    ) -> tuple[list[tuple[Clause, list[Found]]], list[Found], list[Found]]:
        """What each clause states (questions, what they ask about and what prompted a what-if state
        nothing), the options named inside questions, for an opening message's scene, and those a
        question asks whether something counts as."""
        # (after the advice, a change naming one question: see below)
        named_one = next(iter(names_steps)) if pending == ANY_STEP and len(names_steps) == 1 else None
        if named_one is not None and self.changes.operation(said) is None:
            named_one = None
        asked_facts: list[Found] = []
        stated: list[tuple[Clause, list[Found]]] = []
        hypothetical = False
        in_place_of = _IN_PLACE_OF.search(said) is not None  # ("JAX instead of PyTorch", see below)
        about_their_step: dict[str, bool] = {}  # after the advice: whether the message holds a step's needed words
        labelled: str | None = None  # "Priorities: latency, and cost": the question a heading names
        today_said = False  # whether the sentence so far speaks of what runs today
        consequence_asked = False  # whether the sentence so far asks what a what-if would bring
        asked_itself = False  # whether the clause before asked a question (that a bare "no" may answer)
        classified: set[tuple[str, str]] = set()  # options a question asks which one counts as
        counted: list[Found] = []
        for index, clause in enumerate(clauses):
            new_sentence = index == 0 or clauses[index - 1].ends_sentence
            today_said = self._of_today(clause.words) or (today_said and not new_sentence)
            heading = self.clauses.heading(clause.words)
            if heading is not None:
                labelled = None if heading == pending else heading
                continue
            following = clauses[index + 1] if index + 1 < len(clauses) else None
            if (
                pending not in (None, ANY_STEP)
                and following is not None
                and following.question
                and not following.what_if
                and not hypothetical
                and self.clauses.only_names(clause.words)
                # ("Recsys in TF on TPUs, should new models be TF or PyTorch?" asks the verdict, and
                # "hiring, keras ppl are easier to find than pytorch??" about what it opens with)
                and not asks_which_framework(following.words)
                and not self._opens_with_its_own(following.words, clause.words)
            ):
                continue  # "Keras and TensorFlow, is one inside the other?": what the question is about
            if clause.what_if and self.the_question.supposes_the_choice(clause.words):
                continue  # "if we take pytorch, is it a problem for them?": the advice taken, asked about
            asks = clause.question or (clause is clauses[-1] and text.rstrip().endswith("?"))
            if asks and hypothetical and self.the_question.asks_the_verdict(clause.words):
                continue  # "Say the client makes us run on AMD boxes. Still PyTorch?": the verdict asked
            if clause.question and not clause.what_if and hypothetical:
                # "and if he quits, is it easy to find pytorch people?", "..., who can we hire, TF
                # people or pytorch people?": what it asks, to the end of its sentence, not supposes
                consequence_asked = (consequence_asked and not new_sentence) or _asks_of_the_consequence(clause.words)
                if consequence_asked:
                    continue
            if clause.question and not clause.what_if and not hypothetical:
                # A question states nothing ("should we even consider TF?"), but what it names
                # may set the scene of a first message ("... for fraud scoring?").
                in_question = self.options.found(clause.words, pending)
                asked_facts.extend(f for f in in_question if f.step_id in self.scene_steps)
                if _ASKING_ABOUT_OPTIONS & set(clause.words) and not _COMPARING & set(said.split()):
                    # "does colab count? we pay for colab pro", "is it nlp or tabular? we use both
                    # the text and ...": what follows is what the question is about, still asked
                    # (what it counts as is offered; not to "long term support means what?")
                    counted.extend(_counted(clause.words, in_question))
                    classified |= {(f.step_id, f.option_id) for f in in_question if not f.negated}
                asked_itself = True
                continue
            if asked_itself and clause.words[:1] == ("like",) and len(clause.words) <= _LIKE_AFTER_A_QUESTION:
                # "could the model actually run IN the browser?? like w webgpu": how it is asked
                continue
            if asked_itself and set(clause.words) <= _BARE_REPLIES:
                # "server in our ops centre. maybe a Jetson on the ships later? no, ...": the "no"
                # answers the question just asked, and takes back nothing said before it
                continue
            asked_itself = False
            if pending == ANY_STEP and opening(clause.words)[:1] in _TOPIC_OPENERS and not clause.what_if:
                continue  # "Excuse me, about our old TF1 program. Must we rewrite it?": the topic asked about
            if clause.what_if:
                hypothetical = True
            elif pending == ANY_STEP and not hypothetical and any(c.what_if for c in clauses):
                # "new comment on the ticket: what if we also need Coral?": before the what-if
                # stands what prompted it, after it what it assumes; only the what-if changes.
                continue
            here = self.options.found(clause.words, pending, hypothetical)
            if named_one is not None and not hypothetical:
                # "Ah, correction for the stack question: my brother runs a TensorFlow model every
                # night": after the advice, a message naming one question speaks of that one
                # (when the clause names something of that question)
                # ("timeline is wrong, compliance moved it to January": "compliance" answers the
                # priorities only where they are asked, so here it answers nothing)
                here = [
                    f for f in self.options.found(clause.words, named_one, hypothetical) if f.step_id == named_one
                ] or [f for f in here if not f.only_when_asked]
            if labelled is not None and self.options.named_step(clause.words) not in (None, labelled):
                labelled = None  # the list under the heading has ended: this names another question
            if labelled is not None:
                # (named by the heading: read as if its question were asked, even after the advice)
                # (only what the heading asks: "prio: latency on the Orin" names where it runs in passing)
                under = [f for f in self.options.found(clause.words, labelled, hypothetical) if f.step_id == labelled]
                here = [replace(f, only_when_asked=False) for f in under]
            # ("Does JAX then become the better choice?" after the advice, "a keras model runs in prod
            # since 2021" while the stack is asked: a framework, not a skill)
            # (one of them taken up in place of another ruled out says what changes for the team:
            # "what if the whole group switched to JAX instead of PyTorch?")
            swapped_in = {f.step_id for f in here if f.negated} if in_place_of else set()
            here = [
                f
                for f in here
                if f.negated
                or f.step_id in swapped_in
                or not (pending == ANY_STEP or pending in self.needs_while.get(f.step_id, ()))
                or about_their_step.setdefault(f.step_id, self._about_its_step(f.step_id, said))
            ]
            if self.options.about_knowing(clause.words, pending):
                # "my partner is an iOS developer", asked about skills: what he knows, not a target
                here = [f for f in here if f.negated or f.step_id not in self.knowing_not_of[pending or ""]]
            if following is not None and self.options.for_another_use(opening(following.words)):
                # "there's an m1 macbook air but that's for school stuff"
                here = [
                    replace(f, hedged=True) if f.step_id in self.training_steps and not f.negated else f for f in here
                ]
            # (and a general word of the question it asks about: "does 'server' mean cloud only? ours
            # is on-prem in the Perth office" still asks which option that is)
            asked_steps = {step for step, _ in classified}
            here = [
                f
                for f in here
                if f.negated or not ((f.step_id, f.option_id) in classified or (f.generic and f.step_id in asked_steps))
            ]
            stated.append((clause, self._in_its_context(here, clause.words, pending, hypothetical, today_said)))
        if (
            named_one is not None
            and not hypothetical
            and any(f.step_id == named_one and not f.negated for _, here in stated for f in here)
        ):
            # "the new guy is a TFLite person from an android shop, add tensorflow to skills": the
            # change names its question; the rest of the message says why, and changes nothing else
            stated = [(clause, [f for f in here if f.step_id == named_one or f.negated]) for clause, here in stated]
        return stated, asked_facts, counted

    def _in_its_context(
        self, here: list[Found], words: tuple[str, ...], pending: str | None, hypothetical: bool, today_said: bool
    ) -> list[Found]:
        """What a clause names, less what its context says is no answer: others' facts, reasons
        given for an answer, where today's system runs; and, for a correction naming nothing of
        the question asked, the earlier answer it names."""
        if here and not hypothetical and self._about_others(words):
            # "my supervisor prefers PyTorch", "the marketing department has only Macs": their
            # facts, not the team's answers
            here = [f for f in here if f.negated]
        if here and has_phrase(" ".join(words), self.job_market):
            # "in Toulouse it is easier to recruit PyTorch people": whom one can hire, not the
            # team's skills or stack (the questions only the team's own words answer)
            here = [f for f in here if f.negated or f.step_id in self.scene_steps]
        if pending not in (None, ANY_STEP) and opening(words)[:1] in _REASONS:
            # "..., because GPU rental is expensive": a reason given for an answer names
            # other questions' options only in passing
            here = [f for f in here if f.step_id == pending]
        operation = (
            self.changes.operation(joined := " ".join(words)) if not here and pending not in (None, ANY_STEP) else None
        )
        if operation:
            # "wait, I meant notebooks, not the batch flow": a correction may name an earlier
            # answer in the words of its own question ("notebooks" answers only where to run),
            # as may an addition ("also notebooks for me"); the verb "add" adds such a word only
            # by name ("add hiring"), not in "asked me to add a button" ("community forum").
            here = [
                f
                for f in self.options.found(words, ANY_STEP)
                if f.step_id != pending
                and (
                    operation != "add"
                    or not f.only_when_asked
                    or added_by_name(joined, f.phrase)
                    or has_phrase(joined, self.changes.adding_words)
                )
            ]
        if today_said and pending != ANY_STEP and not self._of_the_future(words):
            # "at the moment it's an excel macro on a server in the office": in the opening
            # message or while another question is asked, where today's system runs is no
            # target of the new one
            here = [f for f in here if f.step_id == pending or f.negated or f.step_id not in self.places_steps]
        return here

    def _of_today(self, words: tuple[str, ...]) -> bool:
        """Whether a clause speaks of what runs today ("currently", "at the moment") and not of
        what is to come."""
        return has_phrase(" ".join(words), self.now_words) and not self._of_the_future(words)

    def _of_the_future(self, words: tuple[str, ...]) -> bool:
        """Whether a clause speaks of the project to come ("will", "the new one", "yet")."""
        return has_phrase(" ".join(words), self.rules.future_words)

    def _about_its_step(self, step_id: str, said: str) -> bool:
        """Whether a message holds one of the words a step needs after the advice (and while the
        questions in its `needs_while` are asked), if any."""
        needs = self.after_advice_needs.get(step_id)
        return not needs or has_phrase(said, needs)

    def _opens_with_its_own(self, words: tuple[str, ...], before: tuple[str, ...]) -> bool:
        """Whether a clause opens with an option the clause before it did not name: its own subject
        ("keras ppl are easier to find"), not a question about those ("it is", "supports ...")."""
        named_before = {(m.step_id, m.option_id) for m in self.matcher.mentions(" ".join(before), ANY_STEP)}
        return any(
            m.start == 0 and not m.only_when_asked and not m.generic and (m.step_id, m.option_id) not in named_before
            for m in self.matcher.mentions(" ".join(words), ANY_STEP)
        )

    def _about_others(self, words: tuple[str, ...]) -> bool:
        """Whether a clause's subject is someone other than the team (its first words, after the
        openers, name them), and nothing in it says "we" or "our"."""
        head = opening(words)
        # (the words naming them may say "our": "our founders' previous company ran TensorFlow")
        return any(head[:size] in self.others and not set(head[size:]) & _FIRST_PERSON for size in self.others_lengths)

    def _about_bot(self, questions: tuple[str, ...]) -> str | None:
        for question in questions:
            for name, phrases in self.about_bot.items():
                if has_phrase(question, phrases):
                    return name
                if process.extractOne(question, phrases, scorer=fuzz.ratio, score_cutoff=88) is not None:
                    return name
        return None

    def command(self, text: str, pending: str | None = None) -> str | None:
        """The command `text` is, if it is one (see `CommandReader.command`)."""
        return self.commands.command(text, pending)

    def prepare(self, cache: Path | None = None) -> None:
        """Load the language model now rather than on some user's message: servers call this at
        start-up, with the folder it is mapped from (see `bot.language_model`)."""
        self.languages.prepare(cache)

    def forget_seen(self) -> None:
        """Drop what was remembered about texts already read, so a benchmark that plays the same
        lines again measures reading them fresh."""
        self.changes.forget_seen()
        self.matcher.forget_seen()


# Words that put one option in place of another ("JAX instead of PyTorch")
def _guesses_between(found: list[Found], said: str, pending: str | None) -> bool:
    """Whether the options a message names are two or more of the question asked, put as
    alternatives ("TPUs I think? or GPUs. not sure"): beside a doubt, a guess, not an answer."""
    named = {f.option_id for f in found if not f.negated}
    return len(named) >= 2 and all(f.step_id == pending for f in found) and " or " in f" {said} "


_IN_PLACE_OF = re.compile(r"\b(?:instead of|rather than|in place of)\b")


_FIRST_PERSON = frozenset({"we", "we're", "we've", "we'd", "we'll", "our", "us", "ours"})
_REASONS = (("because",), ("since",), ("cause",), ("coz",), ("cos",), ("as",))


def _asks_of_the_consequence(words: tuple[str, ...]) -> bool:
    """Whether a question after a what-if asks about what would follow ("is it easy to find pytorch
    people?", "who can we hire, TF people or pytorch people?"), not a relative clause ("who only
    knows Python?") or a supposition of its own ("could it go in the browser instead?")."""
    head = opening(words)
    return (
        head[:1] in (("is",), ("are",), ("how",))
        or (
            head[:1] in (("who",), ("where",), ("which",), ("what",))
            # ("which is a Jetson from another vendor" describes)
            and bool(set(head[1:2]) & (AUXILIARIES - {"is", "are"}))
        )
    )


def _counted(words: tuple[str, ...], named: list[Found]) -> list[Found]:
    """What a question asks whether something counts as: what it names beside "count" ("does colab
    count?"), or two options of one question it puts side by side ("is it nlp or tabular?"; not
    "Coral TPU: supports PyTorch models or only TFLite?", where "supports" is no priority asked about)."""
    named = [f for f in named if not f.negated]
    if _COUNTING & set(words):
        return named
    if "or" not in words:
        return []
    options: dict[str, set[str]] = {}
    for f in named:
        options.setdefault(f.step_id, set()).add(f.option_id)
    return [f for f in named if len(options[f.step_id]) > 1]
