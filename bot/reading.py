"""One reading per message: what a message says, in the context of the pending question.

`Reader.read(text, pending, today)` normalises the message once and returns a `Reading`: the
command it carries, the numbers it picks, every option it mentions with its polarity (said, or
ruled out), whether it asks a question, the deadline it states, and the change it asks for (add,
remove, replace). The dialogue policy decides what to do with it; nothing else reads the raw text.

Messages are read clause by clause (split at punctuation and "but"): a question clause never
states an answer ("should we even consider TF?"), and a negation reaches only the options after
it in its own clause ("not android, iOS only").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal, cast

from rapidfuzz import distance, fuzz, process

from bot.conversation import Conversation
from bot.deadlines import Deadlines
from bot.matching import ANY_STEP, Matcher, Mention, normalise
from bot.phrasing import CLAUSE, cue, gap_words, has_phrase, without_possessives
from bot.polarity import JOINS, OPENERS, Polarity, is_none_word, opening
from bot.reading_commands import CommandReader
from bot.reading_languages import LanguageCheck

__all__ = ["ANY_STEP", "Found", "Reader", "Reading", "is_none_word"]  # ANY_STEP: the matcher's, re-exported

Kind = Literal["answer", "question", "what_if", "other_language", "empty"]
Operation = Literal["add", "remove", "replace"]

_COLON_NO = re.compile(r"(?P<named>[^.!?\n;:]+):\s*(?P<answer>[^.!?\n;:,]{1,30}?)\s*(?=[.!?\n;]|$)")
_WHAT_IF_OPENERS = (
    ("suppose",), ("supposing",), ("hypothetically",), ("hypothetical",), ("counterfactual",), ("counterfactually",),
    ("imagine",), ("if",), ("say",), ("assume",), ("assuming",), ("wif",),
)  # fmt: skip
# the words around an option asked about after the recommendation ("and for a coral edge tpu?")
_WHAT_ABOUT = frozenset(
    {"and", "for", "with", "on", "a", "an", "the", "if", "we", "use", "used", "using", "had"}
    | {"got", "then", "instead", "of", "or", "some", "our", "it"}
)


def _what_before_if(word: str) -> bool:
    """Whether `word`, before "if", opens a what-if: "what" typed fast ("waht", "whit", "wat") or a
    word people put there instead ("na if", "so if", "now if")."""
    return word in ("na", "so", "but", "now") or (
        word[:1] == "w"
        and 2 <= len(word) <= 5
        and distance.OSA.distance(word, "what") <= 2
        and word not in ("when", "who", "why", "was", "way", "want")
    )


_THE_REST = frozenset({"the rest", "rest is", "everything else", "all else", "the others", "anything else"})
_BACK_REFERENCES = (["those"], ["them"], ["that"], ["it"], ["this"], ["these"])
_ASIDE = re.compile(r",\s*([A-Za-z]+ly)\s*,")
_APOLOGIES = frozenset({"sorry", "apologies", "apologise", "apologize", "forgive", "pardon"})
_INNER_PHRASE = 4  # characters: a shorter name inside another question's phrase is part of that name
_SHORT_STATEMENT = 6  # words: after the advice, a message this short may change what it names
_SHORT_ANSWER = 16  # words: in a longer message, other questions' options are facts of their own
_REMEMBERED = 4096  # recent texts whose change cue a reader keeps
_UNKNOWN = object()


@dataclass(frozen=True)
class Found:
    """An option the message names: said (`negated` False) or ruled out ("not android")."""

    step_id: str
    option_id: str
    phrase: str
    negated: bool = False
    only_when_asked: bool = False
    generic: bool = False
    exact: bool = True  # False for a typo ("pytroch")
    hedged: bool = False  # "maybe the browser later": neither said nor ruled out


@dataclass(frozen=True)
class Reading:
    """Everything a message says, read once."""

    text: str  # normalised: lower-case words, markup and punctuation dropped
    kind: Kind = "answer"
    raw: str = ""  # as typed, only for echoing it back (escaped by the renderer)
    command: str | None = None
    numbers: tuple[int, ...] = ()  # options picked by number or ordinal ("2", "1, 3", "the first one")
    found: tuple[Found, ...] = ()
    weeks: float | None = None  # a stated deadline, in weeks from today
    operation: Operation | None = None
    cue: Operation | None = None  # the change its words ask for ("actually", "drop"), not one inferred
    names_steps: frozenset[str] = frozenset()  # steps the message names ("timeline is 3 months")
    about_bot: str | None = None  # identity, progress or repeat, for questions about the bot itself
    questions: tuple[str, ...] = field(default=())  # the question clauses, normalised

    asked_facts: tuple[Found, ...] = ()  # options named inside questions, for an opening message
    all_options: bool = False  # "all of them"

    def with_facts_from_questions(self) -> Reading:
        """The reading with the options named in its questions taken as said (for a first message)."""
        return replace(self, kind="answer", found=(*self.found, *self.asked_facts), asked_facts=())

    @property
    def correction(self) -> bool:
        """Whether the message asks to change an answer already given."""
        return self.operation is not None

    def said(self, step_id: str) -> list[str]:
        return list(
            dict.fromkeys(f.option_id for f in self.found if f.step_id == step_id and not f.negated and not f.hedged)
        )

    def ruled_out(self, step_id: str) -> list[str]:
        return list(
            dict.fromkeys(f.option_id for f in self.found if f.step_id == step_id and f.negated and not f.hedged)
        )

    def steps(self) -> list[str]:
        return list(dict.fromkeys(f.step_id for f in self.found))


@dataclass(frozen=True)
class _Clause:
    words: tuple[str, ...]
    question: bool
    what_if: bool


class Reader:
    """Reads messages for one conversation definition (its vocabulary and cue words)."""

    def __init__(
        self,
        conversation: Conversation,
        matcher: Matcher,
        the_question: tuple[list[str], list[str]] | None = None,
    ) -> None:
        """`the_question`: the names of the two frameworks compared, so that "tensorflow or
        pytorch?" is read as the question the advisor answers ("which framework?"), not as skills
        ("pytorch and tf", and "tf2/keras", one framework, are skills)."""
        self.conversation = conversation
        self.matcher = matcher
        self._the_question: re.Pattern[str] | None = None
        if the_question is not None:
            one, other = (
                "(?:" + "|".join(sorted({re.escape(n) for n in names}, key=len)[::-1]) + ")" for names in the_question
            )
            versus = r"\s*(?:or|vs\.?|versus|/)\s*"
            self._the_question = re.compile(rf"\b(?:{one}{versus}{other}|{other}{versus}{one})\b[?]?", re.I)
        cues = conversation.cues
        self.question_words = {normalise(w) for w in cues.question_words}
        self.change_cues: dict[Operation, list[str]] = {
            "replace": [cue(w) for w in cues.replace],
            "add": [cue(w) for w in cues.add],
            "remove": [cue(w) for w in cues.remove],
        }
        self.about_bot = {name: [normalise(p) for p in phrases] for name, phrases in cues.about_bot.items()}
        self._operations: dict[str, Operation | None] = {}
        self.step_names = {step.id: [normalise(n) for n in step.names] for step in conversation.steps}
        self.context_of = {step.id: set(step.describes) for step in conversation.steps}
        self.scene_steps = {step.id for step in conversation.steps if step.set_by_questions}
        self.project_steps = {step.id for step in conversation.steps if step.names_the_project}
        self.aside_in_what_ifs = {step.id for step in conversation.steps if step.aside_in_what_ifs}
        self.duration_steps = {step.id for step in conversation.steps if step.kind == "duration"}
        self.vocabulary = set(matcher.vocabulary())
        self.polarity = Polarity(conversation, self.vocabulary)
        self.deadlines = Deadlines(conversation, self.polarity)
        self.negators = self.polarity.negators
        self.statement_words = self.polarity.statement_words
        self.after_negators = self.polarity.after_negators
        self.importance = {normalise(w) for w in cues.importance}
        self.importance_before = {normalise(w) for w in cues.importance_before}
        self.importance_phrases = sorted(self.importance | self.importance_before)
        self.negation_back = [normalise(w) for w in cues.negation_back]
        self.client_phrases = [normalise(w) for w in cues.client_phrases]
        self.others = {tuple(normalise(w).split()) for w in cues.others}
        self.others_lengths = sorted({len(o) for o in self.others})
        self.training_words = {normalise(w) for w in cues.training_words}
        self.inference_words = {normalise(w) for w in cues.inference_words}
        # what a clause about training describes ("training runs on a linux server" names no target)
        self.training_context = {
            s for step in conversation.steps if step.about_training for s in step.describes
        } - self.project_steps  # ("we want to train a control policy" still names the project)
        self.places = {
            (step.id, option.id): {normalise(p) for p in option.places}
            for step in conversation.steps
            for option in step.options
            if option.places
        }
        self.client_of = {
            (step.id, option.id): option.client_of
            for step in conversation.steps
            for option in step.options
            if option.client_of is not None
        }
        self.tags = {normalise(w) for w in cues.tag_questions}
        self.asides_kept = self.polarity.hedges | self.polarity.hedges_after | self.negators
        self._signature = (
            re.compile(r"\b(?:" + "|".join(re.escape(p) for p in cues.signatures) + r")\b[.!]?\s*$", re.I)
            if cues.signatures
            else None
        )
        self.all_phrases = [normalise(p) for p in cues.all_options]
        self.commands = CommandReader(conversation, matcher, self._operation)
        self.languages = LanguageCheck(self.vocabulary)

    def read(self, text: str, pending: str | None, today: date) -> Reading:
        raw = text
        if self._signature is not None:
            # "boarding now, cancel. Sent from my iPhone": the phone's last line, not an iOS app
            # (only at the end: "photos sent from my phone to the server" says something)
            text = self._signature.sub(" ", text)
        if self._the_question is not None:
            text = self._the_question.sub(
                lambda m: " which framework" + ("?" if m[0].endswith("?") else "") + " ", text
            )
        said = normalise(text)
        if not said:
            # nothing in our alphabet: blank, or wholly another script ("画像認識をやりたいです。")
            return Reading(text="", kind="other_language" if self.languages.foreign(text, said) else "empty", raw=raw)
        command = self.commands.command(text, pending, today)
        if command is not None:
            return Reading(text=said, kind="answer", command=command, raw=raw)
        if self.languages.foreign(text, said):
            return Reading(text=said, kind="other_language", raw=raw)
        numbers = self.commands.numbers(said)
        if numbers:
            return Reading(text=said, numbers=numbers, raw=raw)
        clauses = self._clauses(text, pending)
        found: list[Found] = []
        asked_facts: list[Found] = []
        stated: list[tuple[_Clause, list[Found]]] = []
        hypothetical = False
        for clause in clauses:
            if clause.question and not clause.what_if and not hypothetical:
                # A question states nothing ("should we even consider TF?"), but what it names
                # may set the scene of a first message ("... for fraud scoring?").
                asked_facts.extend(f for f in self._found(clause.words, pending) if f.step_id in self.scene_steps)
                continue
            if clause.what_if:
                hypothetical = True
            elif pending == ANY_STEP and not hypothetical and any(c.what_if for c in clauses):
                # "new comment on the ticket: what if we also need Coral?": before the what-if
                # stands what prompted it, after it what it assumes; only the what-if changes.
                continue
            here = self._found(clause.words, pending, hypothetical)
            if here and not hypothetical and self._about_others(clause.words):
                # "my supervisor prefers PyTorch", "the marketing department has only Macs": their
                # facts, not the team's answers
                here = [f for f in here if f.negated]
            if pending not in (None, ANY_STEP) and opening(clause.words)[:1] in _REASONS:
                # "..., because GPU rental is expensive": a reason given for an answer names
                # other questions' options only in passing
                here = [f for f in here if f.step_id == pending]
            if not here and pending not in (None, ANY_STEP) and self._operation(" ".join(clause.words)):
                # "wait, I meant notebooks, not the batch flow": a correction may name an earlier
                # answer in the words of its own question ("notebooks" answers only where to run).
                here = [f for f in self._found(clause.words, ANY_STEP) if f.step_id != pending]
            stated.append((clause, here))
        stated = self._short_answer_context(self._qualified_by_next(stated), pending, said)
        for _, here in self._corrected_within(stated):
            found.extend(here)
        found = self._clients_dropped(said, self._answered_no(text, found))
        found = self._ambiguous_resolved(found)
        # "detect defects from a camera, one of us studied at a university": a word that names the
        # option only when nothing else does yields to a specific one anywhere in the message.
        specific = {f.step_id for f in found if not f.generic and not f.negated}
        found = [f for f in found if not (f.generic and f.step_id in specific)]
        # (a step's option only ruled out leaves its "nothing" standing: "nothing; the buyer's TF is theirs")
        real = {f.step_id for f in found if not is_none_word(f.phrase) and not f.negated}
        found = [f for f in found if not (is_none_word(f.phrase) and f.step_id in real)]
        questions = tuple(" ".join(c.words) for c in clauses if c.question and not c.what_if)
        what_if = any(c.what_if for c in clauses)
        names_steps = frozenset(
            s for s, names in self.step_names.items() if has_phrase(without_possessives(said), names)
        )
        if pending == ANY_STEP or what_if:
            found = self._after_advice(found, said, what_if, names_steps)
        kind: Kind = "what_if" if what_if else "question" if questions and not found else "answer"
        return Reading(
            text=said,
            raw=raw,
            kind=kind,
            found=tuple(found),
            weeks=self.deadlines.deadline(
                clauses,
                pending,
                today,
                names_options=any(not f.negated for f in found),
                changes=self._operation(said) is not None,
            ),
            operation=self._operation(said) or _not_x_but_y(found),
            cue=self._operation(said),
            names_steps=names_steps,
            about_bot=self._about_bot(questions or (said,)) if questions or said.endswith("?") else None,
            questions=questions,
            asked_facts=tuple(asked_facts),
            all_options=not found and not questions and len(said.split()) <= 5 and has_phrase(said, self.all_phrases),
        )

    def _after_advice(
        self, found: list[Found], said: str, what_if: bool, names_a_question: frozenset[str]
    ) -> list[Found]:
        """What a message said after the advice (or at the recap, or in a what-if) changes, of what
        it names: a statement changes what it names outright, not every noun said in passing."""
        statement = not what_if
        short = len(said.split()) <= _SHORT_STATEMENT
        change = self._operation(said)
        if statement and not short and change != "replace":
            # "the lab has a data policy", "a thesis which is now finished", "for next winter's
            # forecast season": no new project; a short message, a correction or one naming the
            # question changes it ("use case is NLP").
            found = [f for f in found if f.step_id not in self.project_steps - names_a_question or f.negated]
        if (
            statement
            # ("replace notebooks with batch": a swap names options in their own words)
            and not set(said.split()) & self.polarity.swap_verbs
            and any(not f.only_when_asked for f in found)
        ):
            # "he also knows PyTorch; he uses it for his homework now": beside what a statement
            # names outright, a word that answers only its own question ("now") changes nothing.
            found = [f for f in found if not f.only_when_asked]
        if statement and not short and change not in _CHANGES and not names_a_question:
            # "Will it also write in Spanish? We have many Spanish visitors now.": a longer
            # statement's "now" or "soon" sets no deadline; "asap" alone, or a change, still does.
            found = [f for f in found if not (f.only_when_asked and f.step_id in self.duration_steps)]
        if any(not f.negated and f.step_id not in self.aside_in_what_ifs for f in found):
            # "what if we also had to support iOS?", "only on cheap android phones": what the
            # what-if changes is the option it names; "support" and "cheap" describe it.
            found = [f for f in found if f.step_id not in self.aside_in_what_ifs]
        return found

    # -- clauses, options and polarity --------------------------------------------------------

    def _clauses(self, text: str, pending: str | None = None) -> list[_Clause]:
        # "PyTorch experience is, regrettably, absent": an adverb set off by commas is no clause
        # of its own (unless it hedges or negates: "Keras, probably, and PyTorch")
        text = _ASIDE.sub(lambda m: m[0] if m[1].lower() in self.asides_kept else f" {m[1]} ", text)
        parts = CLAUSE.split(text)
        clauses: list[_Clause] = []
        for index in range(0, len(parts), 2):
            words = tuple(normalise(parts[index]).split())
            if not words:
                continue
            ending = parts[index + 1] if index + 1 < len(parts) else ""
            clauses.append(self._clause(words, ending.strip() == "?", not clauses, pending == ANY_STEP))
        if pending == ANY_STEP and len(clauses) >= 2 and self._inverted_condition(clauses):
            # "Were the Department to procure TPUs, would the advice alter?", "Should the judiciary
            # relent, would it differ for a cloud API?": a condition, then the question it asks.
            clauses = [_Clause(c.words, c.question, True) for c in clauses]
        elif clauses and clauses[0].question and text.rstrip().endswith("?"):
            # "What do you mean by long-term support, like LTS releases?" asks throughout.
            clauses = [_Clause(c.words, True, c.what_if) for c in clauses]
        elif len(clauses) == 2 and self._asks_about_the_rest(clauses[-1], text):
            # "pytorch on tpu, viable?": a short last clause that asks about the one before it.
            clauses = [_Clause(c.words, True, c.what_if) for c in clauses]
        elif len(clauses) >= 2 and _refers_back(clauses[-1].words) and not self._tag(clauses[-1].words):
            # "an rpi in a rack, is that edge linux or something else": the last clause asks what
            # the ones before it describe, so nothing in them is stated as an answer.
            clauses = [_Clause(c.words, True, c.what_if) for c in clauses]
        return clauses

    def _option_asked_about(self, words: tuple[str, ...]) -> bool:
        # (not a framework: "pytorch?" asks about it, as "why pytorch?" does)
        mentions = self.matcher.mentions(" ".join(words), ANY_STEP)
        named = {i for m in mentions for i in range(m.start, m.end)}
        rest = [w for i, w in enumerate(words) if i not in named]
        return (
            bool(mentions)
            and bool(rest)  # ("jetson?" alone asks about the topic)
            and all(m.step_id in self.scene_steps for m in mentions)
            and all(w in _WHAT_ABOUT for w in rest)
        )

    @staticmethod
    def _inverted_condition(clauses: list[_Clause]) -> bool:
        """Whether the message opens with "were/should/had ... " and a later clause asks "would ..."."""
        first_word = [w for w in clauses[0].words if w not in OPENERS][:1]
        return first_word in (["were"], ["should"], ["had"]) and any(
            c.words[:1] in (("would",), ("will",), ("does",), ("do",)) for c in clauses[1:]
        )

    def _tag(self, words: tuple[str, ...]) -> bool:
        """ "is that ok", "does that work", "is that right": asks only to confirm what was said."""
        return len(words) <= 4 and bool(set(words[2:]) & self.tags)

    def _asks_about_the_rest(self, clause: _Clause, text: str) -> bool:
        """A one- or two-word question ending the message ("viable?", "any good?", "worth it?"),
        naming no option, and not a tag that asks to confirm an answer ("right?", "ok?")."""
        return (
            text.rstrip().endswith("?")
            and len(clause.words) <= 2
            and not set(clause.words) & self.tags
            and not self.matcher.mentions(" ".join(clause.words))
        )

    def _clause(
        self, words: tuple[str, ...], ends_with_question_mark: bool, first: bool = True, hypotheticals: bool = False
    ) -> _Clause:
        """One clause: a question, a what-if (`hypotheticals`: only after the recommendation, where
        "would it change if ..." asks for one), or a statement."""
        head = opening(words)
        what_if = (
            head[:2] in (("what", "if"), ("say", "we"), ("and", "if"), ("now", "say"), ("now", "if"))
            or head[:1] in _WHAT_IF_OPENERS
            or (len(head) > 1 and head[1] == "if" and _what_before_if(head[0]))  # "waht if", "whit if"
        )
        # After the recommendation, an option asked about is a what-if: "and for a coral edge
        # tpu?", "with tpus?" ("jetson?" and "what about microcontrollers?" ask about the topic)
        what_if = what_if or (hypotheticals and self._option_asked_about(head))
        if head[:1] == ("if",) and len(head) < len(words) and words[len(words) - len(head) - 1] in _APOLOGIES:
            what_if = False  # "sorry if this is dumb, but ...": politeness, not a hypothetical
        # "what would you say if ...", "would it change if ...": a hypothetical in its first words
        what_if = what_if or (
            hypotheticals and bool(head) and head[0] in ("what", "would", "does", "do") and "if" in head[1:6]
        )
        # After a comma "which starts in ten weeks" is a relative clause, not a question.
        opens_question = (
            bool(head)
            and head[0] in self.question_words
            and " ".join(head[:2]) not in self.negators  # "anything but the browser" rules out
            and (first or ends_with_question_mark)
        )
        # "pytorch?" is a hesitant answer; "tf or pytorch?" and "is pytorch faster?" are questions.
        question = opens_question or (ends_with_question_mark and (len(head) > 3 or "or" in head))
        return _Clause(words, question, what_if)

    def _found(self, words: tuple[str, ...], pending: str | None, hypothetical: bool = False) -> list[Found]:
        # A clause naming a question is read as its answer ("if the existing stack were PyTorch"
        # is PyTorch in production, not PyTorch skills).
        mentions = self._pending_first(self.matcher.mentions(" ".join(words), pending), pending)
        if pending is not None and not any(m.step_id == pending for m in mentions):
            named_step = self._named_step(words)
            # (read again only where that question is not answered yet: "run on a microcontroller")
            if named_step not in (None, pending) and not any(m.step_id == named_step for m in mentions):
                mentions = self._pending_first(self.matcher.mentions(" ".join(words), named_step), named_step)
        everything = mentions
        if (
            self.training_context
            and self._about_training(words)
            and not set(words) & (self.inference_words | self.negators)  # "we won't train anything"
        ):
            mentions = [m for m in mentions if m.step_id not in self.training_context]
        if hypothetical:
            # "what if we ran the ranking in the browser": "the ranking" is the project they have,
            # not a new use case; nor is "a research grant" beside the TPUs it pays for. Only
            # what the what-if assumes changes.
            others = any(m.step_id not in self.project_steps for m in mentions)
            mentions = [
                m for m in mentions if not (m.step_id in self.project_steps and (_definite(words, m) or others))
            ]
            # "what if we got NVIDIA GPUs in next year's budget": beside what it names outright, a
            # word that answers only its own question ("budget", "next year") is no second change.
            if any(not m.only_when_asked for m in mentions):
                mentions = [m for m in mentions if not m.only_when_asked]
        elif pending == ANY_STEP and any(not m.only_when_asked for m in mentions):
            # After the advice, "the intern now uses PyTorch too": beside what a clause names
            # outright, a word that answers only its own question ("now") changes nothing.
            mentions = [m for m in mentions if not m.only_when_asked]
        if pending is not None and any(m.step_id == pending for m in mentions):
            # A clause that answers the pending question describes that answer: in "our android
            # app uses tflite" (asked about the existing stack) Android is where the old app runs.
            context = self.context_of.get(pending, set())
            mentions = [m for m in mentions if m.step_id not in context]
        specific = {m.step_id for m in mentions if not m.generic}
        named = {m.step_id for m in mentions if not m.generic and not m.only_when_asked}
        mentions = [m for m in mentions if not (m.only_when_asked and m.step_id in named and m.step_id != pending)]
        # "mostly cost, not really hiring": "not really" is not "nothing else" beside a real option;
        # and at the recap or after, a bare "no" answers nothing.
        real = {m.step_id for m in mentions if not is_none_word(m.phrase)}
        mentions = [m for m in mentions if not (is_none_word(m.phrase) and (m.step_id in real or pending == ANY_STEP))]
        mentions = [*mentions, *self._stated_as_important(words, mentions, pending)]
        swapped = self.polarity.swapped(words, mentions)
        # "take the browser out", "takes the A100s away": what stands in a removal's gap goes
        taken_out = gap_words(words, self.change_cues["remove"])
        swapped += [m for m in mentions if m.start in taken_out and m.end - 1 in taken_out]
        found = [
            Found(
                m.step_id,
                m.option_id,
                m.phrase,
                m in swapped or self.polarity.negated(words, m, everything),
                m.only_when_asked,
                m.generic,
                m.score >= 100,
                self.polarity.hedged(words, m),
            )
            for m in mentions
            if not (m.generic and m.step_id in specific)  # "gpu" in "intel gpu max" is not NVIDIA
        ]
        found = self._places_dropped(words, found)
        if any(f.negated for f in found):
            # "nobody has touched tensorflow": the "nobody" rules TensorFlow out; it is no answer
            # ("new to ML") of its own.
            found = [f for f in found if not (is_none_word(f.phrase) and f.only_when_asked)]
        return found

    @staticmethod
    def _ambiguous_resolved(found: list[Found]) -> list[Found]:
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
        return kept

    def _takes_back(self, words: tuple[str, ...]) -> bool:
        """Whether a clause takes back the one before it ("but it died", "so not that"): a phrase
        that does, not going on to an object of its own ("i don't care about 5 yrs from now"), nor
        about everything else ("cheap cheap cheap. the rest I don't care")."""
        if " ".join(opening(words)[:2]) in _THE_REST:
            return False
        said = f" {' '.join(words)} "
        for phrase in self.negation_back:
            at = said.find(f" {phrase} ")
            if at < 0:
                continue
            rest = said[at + len(phrase) + 2 :].split()
            if rest[:1] not in (["about"], ["of"]) or rest[1:2] in _BACK_REFERENCES:
                return True  # ("but I don't care about those" still takes them back)
        return False

    def _about_training(self, words: tuple[str, ...]) -> bool:
        """Whether a clause speaks of training ("we train on", "training will run on"; not "the
        inspection train")."""
        return any(
            word in self.training_words and (word != "train" or (index > 0 and words[index - 1] in _TRAIN_AS_VERB))
            for index, word in enumerate(words)
        )

    def _about_others(self, words: tuple[str, ...]) -> bool:
        """Whether a clause's subject is someone other than the team (its first words, after the
        openers, name them), and nothing in it says "we" or "our"."""
        head = opening(words)
        # (the words naming them may say "our": "our founders' previous company ran TensorFlow")
        return any(head[:size] in self.others and not set(head[size:]) & _FIRST_PERSON for size in self.others_lengths)

    def _named_step(self, words: tuple[str, ...]) -> str | None:
        """The one question a clause names ("the existing stack", "the deadline"), if any."""
        said = without_possessives(" ".join(words))
        named = [step for step, names in self.step_names.items() if has_phrase(said, names)]
        return named[0] if len(named) == 1 else None

    def _places_dropped(self, words: tuple[str, ...], found: list[Found]) -> list[Found]:
        """ "A monthly batch run on a server in the basement": beside batch jobs, "on a server" says
        where they run; it names no server API of its own. ("server and batch" lists two.)"""
        named = {w for f in found for w in f.phrase.split()}
        if all(w in named or w in JOINS for w in words):
            return found
        places = set().union(
            *(self.places.get((f.step_id, f.option_id), set()) for f in found if not f.negated and not f.hedged)
        )
        if not places:
            return found
        return [f for f in found if f.negated or f.phrase not in places]

    def _clients_dropped(self, said: str, found: list[Found]) -> list[Found]:
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

    def _stated_as_important(
        self, words: tuple[str, ...], mentions: list[Mention], pending: str | None
    ) -> list[Mention]:
        """ "Cost is the big thing for us", asked about the deadline: a word that answers only its own
        question ("cost") counts elsewhere when the message says it matters."""
        # (a second pass of the matcher, so only where a phrase of importance stands: "is" alone
        # would send nearly every clause through it)
        if pending in (None, ANY_STEP) or not has_phrase(" ".join(words), self.importance_phrases):
            return []
        taken = {i for m in mentions for i in range(m.start, m.end)}
        important: list[Mention] = []
        for mention in self.matcher.mentions(" ".join(words), ANY_STEP):
            if (
                mention.only_when_asked
                and mention.step_id != pending
                and not is_none_word(mention.phrase)
                and not taken & set(range(mention.start, mention.end))
            ):
                after = words[mention.end : mention.end + 6]
                before = words[max(0, mention.start - 4) : mention.start]
                if any(" ".join(after[:size]) in self.importance for size in range(1, 6)) or any(
                    " ".join(before[-size:]) in self.importance_before for size in range(1, 5)
                ):
                    important.append(replace(mention, only_when_asked=False))
        return important

    def _short_answer_context(
        self, stated: list[tuple[_Clause, list[Found]]], pending: str | None, said: str
    ) -> list[tuple[_Clause, list[Found]]]:
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
        kept: list[tuple[_Clause, list[Found]]] = []
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

    def _corrected_within(self, stated: list[tuple[_Clause, list[Found]]]) -> list[tuple[_Clause, list[Found]]]:
        """ "text classification. wait no, it's more like a chatbot, so LLM": a one-choice answer
        taken back in the same message gives way to what follows the correction."""
        cue = next((i for i, (c, _) in enumerate(stated) if self._operation(" ".join(c.words)) == "replace"), None)
        if not cue:
            return stated
        later = {f.step_id for _, here in stated[cue:] for f in here if not f.negated}
        single = {s for s in later if self.conversation.step(s).kind != "many"}
        return [
            (clause, [f for f in here if f.step_id not in single]) if index < cue else (clause, here)
            for index, (clause, here) in enumerate(stated)
        ]

    def _answered_no(self, text: str, found: list[Found]) -> list[Found]:
        """ "Python yes. TensorFlow, PyTorch: no.", "inference speed: not important": the options
        before a colon answered "no" (or a word that rules out what it follows) are ruled out."""
        named_no = {
            (m.step_id, m.option_id)
            for match in _COLON_NO.finditer(text)
            if normalise(match["answer"]) in self.after_negators or is_none_word(normalise(match["answer"]))
            for m in self.matcher.mentions(match["named"])
        }
        if not named_no:
            return found
        return [replace(f, negated=True) if (f.step_id, f.option_id) in named_no else f for f in found]

    def _pending_first(self, mentions: list[Mention], pending: str | None) -> list[Mention]:
        """Mentions with the pending question first: when no phrase answers it, but a longer phrase
        of another question holds one that does, that one is read ("models in pytorch", asked
        about skills, is PyTorch skills; asked about the stack it would be PyTorch in production)."""
        if pending is None or pending == ANY_STEP or any(m.step_id == pending for m in mentions):
            return mentions
        read: list[Mention] = []
        for mention in mentions:
            inner = self.matcher.mentions(mention.phrase, pending, only_step=pending) if " " in mention.phrase else []
            # Only a word that names the option anywhere ("pytorch" answers the stack question
            # only when asked alone, and "pytorch devs" are still skills), and not a short model
            # name that is part of another ("m4" in "cortex m4" is no Apple chip); and never out of
            # what says it is running ("tensorflow serving", "a pytorch model in prod").
            if (
                not inner
                or any(m.only_when_asked or len(m.phrase) < _INNER_PHRASE for m in inner)
                or set(mention.phrase.split()) & _RUNNING
            ):
                read.append(mention)
                continue
            read.extend(replace(m, start=mention.start + m.start, end=mention.start + m.end) for m in inner)
        return read

    def _qualified_by_next(self, stated: list[tuple[_Clause, list[Found]]]) -> list[tuple[_Clause, list[Found]]]:
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
            if not here or [f for f in named if not is_none_word(f.phrase)]:
                continue
            if self.polarity.opens_with_hedge(following.words):
                qualified[index] = (clause, [replace(f, hedged=True) for f in here])
            elif self._takes_back(following.words) or (
                # "Training on NVIDIA... no, we cancelled the GPU box": a bare "no" takes it back,
                # though after a "nothing in production" it agrees
                following.words in _BARE_NO and not any(f.phrase.split()[0] in self.negators for f in here)
            ):
                qualified[index] = (clause, [replace(f, negated=True) for f in here])
        return qualified

    # -- deadlines, changes, questions about the bot ------------------------------------------

    def _operation(self, said: str) -> Operation | None:
        """The change `said` asks for (remembered: a reading asks about the same words several times)."""
        known = self._operations.get(said, _UNKNOWN)
        if known is not _UNKNOWN:
            return cast("Operation | None", known)
        if len(self._operations) >= _REMEMBERED:
            self._operations.clear()
        operation = self._operations[said] = self._operation_of(said)
        return operation

    def _operation_of(self, said: str) -> Operation | None:
        if has_phrase(said, [c for c in self.change_cues["replace"] if " " in c]):
            return "replace"  # "scratch that" is a correction, though "scratch X" removes X
        for operation in ("remove", "add", "replace"):  # "actually we also ..." adds
            if has_phrase(said, self.change_cues[operation]):
                return operation
        return None

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

    def prepare(self) -> None:
        """Load the language model now rather than on some user's message: servers call this at start-up."""
        self.languages.prepare()

    def forget_seen(self) -> None:
        """Drop what was remembered about texts already read, so a benchmark that plays the same
        lines again measures reading them fresh."""
        self._operations.clear()
        self.matcher.forget_seen()


def _not_x_but_y(found: list[Found]) -> Operation | None:
    """ "not pytorch but jax", "coral instead of jetson": one option ruled out and another of the
    same question said is a correction that replaces."""
    for mention in found:
        if mention.negated and any(f.step_id == mention.step_id and not f.negated for f in found):
            return "replace"
    return None


_AUXILIARIES = frozenset({"is", "does", "would", "will", "can", "could", "should", "do", "are"})
_BACK = frozenset({"that", "this", "it", "those", "these"})


def _refers_back(words: tuple[str, ...]) -> bool:
    """Whether a clause asks about what was said before it: "is that ...", "does this count ..."."""
    start = 1 if words[:1] and words[0] in OPENERS else 0
    return len(words) > start + 1 and words[start] in _AUXILIARIES and words[start + 1] in _BACK


# a clause that is only a "no", ruling out what the next clause names
_NEGATION_ALONE = frozenset(
    {"under no circumstances", "never", "never ever", "definitely not", "absolutely not", "not"}
)
# "train" is the verb after these ("we train", "to train"); elsewhere it may be the vehicle
_TRAIN_AS_VERB = frozenset(
    {"we", "i", "they", "you", "to", "will", "would", "can", "could", "should", "must", "and", "or"}
)
_FIRST_PERSON = frozenset({"we", "we're", "we've", "we'd", "we'll", "our", "us", "ours"})
_REASONS = (("because",), ("since",), ("cause",), ("coz",), ("cos",), ("as",))
_RUNNING = frozenset({"production", "prod", "serving", "deployed", "deployment", "running", "served"})
_BARE_NO = (("no",), ("nope",), ("nah",), ("zero",), ("none",), ("negative",))
_CHANGES = frozenset({"replace", "remove"})
_DEFINITE = frozenset({"the", "our", "this", "that", "their", "these", "those", "my", "your"})


def _definite(words: tuple[str, ...], mention: Mention) -> bool:
    """Whether "the", "our" or "this" comes just before the option ("the new fraud model")."""
    return bool(set(words[max(0, mention.start - 2) : mention.start]) & _DEFINITE)
