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
from collections import Counter
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import cast

from rapidfuzz import fuzz, process

from bot.conversation import Conversation
from bot.deadlines import Deadlines
from bot.durations import weeks_until
from bot.matching import ANY_STEP, Matcher, Mention, normalise, plain_letters_only
from bot.phrasing import ENDS_ADDING, added_by_name, cue, gap_words, has_phrase, objects_of, without_possessives
from bot.polarity import ARTICLES, JOINS, OPENERS, Polarity, closes_a_list, is_none_word, opening
from bot.reading_clauses import AUXILIARIES, Clause, Clauses, names_only
from bot.reading_commands import CommandReader
from bot.reading_languages import LanguageCheck
from bot.reading_message import MessageRules
from bot.reading_types import Found, Kind, Operation, Reading

__all__ = ["ANY_STEP", "Found", "Reader", "Reading", "is_none_word"]  # ANY_STEP: the matcher's, re-exported

_BARE_REPLIES = frozenset({"no", "nope", "nah", "yes", "yeah", "yep"})  # a question's own answer
# The longest message that only asks to answer a question again (longer, it says more than which
# question to change: "fix the timeline please, the board moved the launch to May" is an answer)
_REOPEN_WORDS = 10
# Words that open a clause naming what the message is about, after the advice
_TOPIC_OPENERS = frozenset({("about",), ("regarding",), ("re",), ("concerning",)})
# Words by which a correction points at what it replaces ("scratch that", "i meant", "switch to")
# ("moved training to", "stuck on", "forced onto": what the move lands on takes the place of the rest)
_POINTING = frozenset(
    {"that", "meant", "switch", "moved", "move", "moving", "stuck", "forced", "change", "changed", "changing"}
)
# ("what if we change to Coral TPU?": the Coral in place of the Jetson, as "switch to" says)
# Words by which a message says its option replaces the rest ("the jetson instead", "only on the old pc")
# (and words that say it of the whole team: "actually the team knows tensorflow" is its skills now,
# "Rui, my co-author, knows TensorFlow" one more)
_POINTING_WORDS = frozenset({"instead", "only", "team", "everyone", "everybody"})
# "the other dev on my team": one of them, not the whole team ("the team only knows JAX now")
_ONE_OF_THE_TEAM = re.compile(r"\b(?:on|in|of|from) (?:my|our|the) team\b")
# "it's a raspberry pi on the rover now", "it'll all run on the server now", "the box is now a jetson"
_IT_IS_NOW = re.compile(r"\b(?:it's|its|it is|it'll|it will)\b.*\bnow\b|\bis now\b|\breplaces\b")
# Words around a framework's name in a question about the verdict ("would it still be pytorch then?")
_VERDICT_WORDS = frozenset(
    {"still", "then", "or", "is", "it", "be", "would", "you", "say", "so", "same", "answer", "the", "stay", "stays",
     "will", "does", "do", "we", "go", "with", "stick", "remain", "remains", "your", "pick", "recommend"}
)  # fmt: skip
# "too" that makes the next word stronger ("too quickly", "too expensive") rather than adding
_TOO_INTENSIFIER = re.compile(
    # (an -ly word that is no sentence adverb: "hiring matters too actually" adds hiring)
    r"\btoo (?:much|many|few|little|(?!actually|honestly|really|probably|definitely|obviously|seriously)\w+ly"
    r"|\w+er|late|early|slow|fast|quick|soon|long|big|small|expensive|costly"
    r"|hard|difficult|complex|complicated|risky|old|young|busy|heavy|far|close|good|bad|short|high|low|tight)\b"
)
# ...and "wait" that is no correction ("the emails can wait")
# ("the vendor software is closed, cannot change": what cannot change asks for no change)
_NO_CHANGE_ASKED = re.compile(
    r"\b(?:can|could|will|would|must|should|to|cannot|can't|cant|won't|wont|may|might) wait\b"
    r"|\b(?:cannot|can't|cant|can not|won't|wont|not|never) change\b"
)
# ...and a removal verb with a thing of its own ("the drone drops a float on them", "dropping a
# pin"): its everyday sense, not a removal of anything named
# ("before I forget, the MD wants it on his iPhone too": a reminder to oneself)
_LITERAL_REMOVAL = re.compile(
    r"\b(?:drop|drops|dropped|dropping|remove|removes|removing|delete|deletes|deleting) (?:a|an)\b"
    r"|\bbefore (?:i|we) forget\b"
)
# Words of serving a model: asked what they train on, a clause with them names where it runs instead
_SERVING = frozenset({"serving", "serve", "served", "inference", "deploy", "deployed", "deploying", "deployment"})
# "neither has properly touched PyTorch or TensorFlow": the two frameworks nobody knows, not the
# question of which one to take
_NEITHER_KNOWN = re.compile(
    r"\b(?:neither|nobody|none|never|no one|not|(?:have|has|do|does|did)n'?t)\b(?:\s+\S+){0,3}?\s+"
    r"(?:touched|used|knows?|knew|tried|done|worked with|written|coded in)\s*$",
    re.I,
)
_NOT_A_CUE: dict[str, re.Pattern[str]] = {
    "add": _TOO_INTENSIFIER,
    "replace": _NO_CHANGE_ASKED,
    "remove": _LITERAL_REMOVAL,
}
# "if we take pytorch", "if we end up on TF anyway": the words of choosing one of the frameworks compared
_CHOOSING = frozenset(
    {"go", "went", "take", "took", "pick", "picked", "choose", "chose", "end", "ended", "opt", "settle"}
)
_CHOOSING_LIGHT = frozenset({"we", "i", "up", "with", "on", "for", "anyway", "then", "after", "all", "eventually"})
_IF_OPENERS = frozenset({"and", "but", "so", "ok", "okay", "what", "if", "even"})
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
_INNER_PHRASE = 4  # characters: a shorter name inside another question's phrase is part of that name
_REMEMBERED = 4096  # recent texts whose change cue a reader keeps
_UNKNOWN = object()
# "the M2 laptops are for viewing mosaics only", "an M1 macbook but that's for netflix": a machine
# said to be for something other than training is not where models train (nor ruled out)
_FOR_ANOTHER_USE = frozenset({"only", "just", "is", "are", "thats", "that's", "its", "it's", "mainly"})
_PAST_USE = frozenset({"was", "were", "used"})
_NOT_USED_TO = (("dont",), ("don't",), ("do", "not"), ("never",), ("not", "for"), ("aren't", "for"), ("arent", "for"))
# "my M1 air but I wouldn't train on that lol": what one would not do with it ("I won't train on
# it" takes it back: see negation)
_WOULD_NOT = (("i", "wouldn't"), ("i", "wouldnt"), ("i", "would", "not"), ("we", "wouldn't"), ("we", "wouldnt"))
_ANOTHER_USE_REACH = 8  # words after the machine
_QUESTION_WORDS = frozenset({"question", "questions", "q"})
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
_SUBJECT_PRONOUNS = frozenset({"it", "that", "this", "which", "they", "these", "those"})


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
        self.matcher = matcher
        self.duration_steps = frozenset(step.id for step in conversation.steps if step.kind == "duration")
        # What a generic word yields to: any other option of its question, or, for an option that
        # takes the place of others, only those ("no GPU" is CPU only beside Windows, not beside TPUs)
        self._yields_to = {
            (step.id, option.id): frozenset(option.replaces or (o.id for o in step.options))
            for step in conversation.steps
            for option in step.options
        }
        self._the_question: re.Pattern[str] | None = None
        self._frameworks = frozenset(normalise(n) for names in the_question or () for n in names)
        self.after_advice_needs = {
            step.id: [normalise(w) for w in step.after_advice_needs]
            for step in conversation.steps
            if step.after_advice_needs
        }
        self.needs_while = {step.id: set(step.needs_while) for step in conversation.steps if step.needs_while}
        self.knowing_words = {step.id: {normalise(w) for w in step.knowing_words} for step in conversation.steps}
        self.running_words = {normalise(w) for w in conversation.cues.running_words}
        self.knowing_not_of = {step.id: set(step.knowing_not_of) for step in conversation.steps}
        if the_question is not None:
            one, other = (
                "(?:" + "|".join(sorted({re.escape(n) for n in names}, key=len)[::-1]) + ")" for names in the_question
            )
            versus = r"\s*(?:or|vs\.?|versus|/)\s*"
            self._the_question = re.compile(rf"\b(?:{one}{versus}{other}|{other}{versus}{one})\b[?]?", re.I)
        cues = conversation.cues
        self.change_cues: dict[Operation, list[str]] = {
            "replace": [cue(w) for w in cues.replace],
            "add": [cue(w) for w in cues.add],
            "remove": [cue(w) for w in cues.remove],
        }
        # ("my manager asked me to add a button": the verb alone adds an option only by name)
        self._adding_words = [c for c in self.change_cues["add"] if c != "add"]
        self._pointed_replacements = [c for c in self.change_cues["replace"] if " " in c and set(c.split()) & _POINTING]
        self.about_bot = {name: [normalise(p) for p in phrases] for name, phrases in cues.about_bot.items()}
        self._operations: dict[str, Operation | None] = {}
        self.vocabulary = set(matcher.vocabulary())
        self.polarity = Polarity(conversation, self.vocabulary)
        self.deadlines = Deadlines(conversation, self.polarity)
        self.clauses = Clauses(conversation, matcher, self.polarity)
        self.rules = MessageRules(conversation, matcher, self.polarity, self._operation)
        # (derived once, by the parts that read clauses and whole messages)
        self.step_names = self.rules.step_names
        self.context_of = self.rules.context_of
        self.project_steps = self.rules.project_steps
        self.scene_steps = self.clauses.scene_steps
        self.negators = self.polarity.negators
        self.importance = self.rules.importance
        self.importance_before = self.rules.importance_before
        self.importance_phrases = self.rules.importance_phrases
        self.others = {tuple(normalise(w).split()) for w in cues.others}
        self.others_lengths = sorted({len(o) for o in self.others})
        self.job_market = [normalise(w) for w in cues.job_market]
        self.training_words = {normalise(w) for w in cues.training_words}
        self.inference_words = {normalise(w) for w in cues.inference_words}
        # what a clause about training describes ("training runs on a linux server" names no target)
        self.training_steps = {step.id for step in conversation.steps if step.about_training}
        self.training_context = {
            s for step in conversation.steps if step.about_training for s in step.describes
        } - self.project_steps  # ("we want to train a control policy" still names the project)
        self.places = {
            (step.id, option.id): {normalise(p) for p in option.places}
            for step in conversation.steps
            for option in step.options
            if option.places
        }
        self.pages = {
            (step.id, option.id): [normalise(p) for p in option.pages]
            for step in conversation.steps
            for option in step.options
            if option.pages
        }
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
        # (the first words of those pages: most clauses hold none, and skip the search)
        self.page_heads = frozenset(p.split()[0] for pages in self.pages.values() for p in pages)
        self.all_phrases = [normalise(p) for p in cues.all_options]
        self.all_but_phrases = [normalise(p) for p in cues.all_but]
        self.ruled_out_apart = {normalise(w) for w in cues.ruled_out_apart}
        self.now_words = [normalise(w) for w in cues.now_words]
        self.places_steps = {s for step in conversation.steps for s in step.runs_on}
        # (words that change what a clause names: no place there is only where the new one goes)
        self._changing_phrases = sorted(
            {*self.negators, *self.polarity.after_negators, *self.change_cues["replace"], *self.change_cues["remove"]}
        )
        yes = "|".join(re.escape(e) for e in sorted(cues.yes_emoji, key=len, reverse=True)) or "(?!)"
        self._yes_emoji = re.compile(rf"\s*(?:(?:{yes})(?::skin-tone-\d:|[\U0001F3FB-\U0001F3FF])?\s*)+")
        self.reopen_words = [normalise(w) for w in cues.reopen]
        self.reopen_light = {normalise(w) for w in cues.reopen_light}
        self.commands = CommandReader(conversation, matcher, self._operation)
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
        clauses = self._tentative_answers_stated(
            self._conditions_dropped(self.clauses.split(text, pending), pending), pending, today
        )
        names_steps = frozenset(
            s for s, names in self.step_names.items() if has_phrase(without_possessives(said), names)
        )
        stated, asked_facts, counted = self._stated(clauses, text, said, pending, names_steps)
        stated = self.rules.short_answer_context(self.rules.qualified_by_next(stated), pending, said)
        removal = self.rules.removed_within(self.rules.corrected_within(stated), pending)
        found = self._weighed(removal.stated, text, said, pending)
        questions = tuple(" ".join(c.words) for c in clauses if c.question and not c.what_if)
        what_if = any(c.what_if for c in clauses)
        if pending == ANY_STEP or what_if:
            found = self.rules.after_advice(found, said, what_if, names_steps)
        kind: Kind = "what_if" if what_if else "question" if questions and not found else "answer"
        cue = self._message_operation(said, bool(questions) or what_if)
        weeks = self.deadlines.deadline(
            clauses,
            pending,
            today,
            names_options=any(not f.negated for f in found),
            changes=self._operation(said) == "replace",  # "plus", "don't include" change no date
        )
        if (
            # (a word ruled out or doubted in passing, "the contract is not signed", "IT has not yet
            # decided whether we get GPUs", is no answer)
            all(f.negated or f.hedged for f in found)
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
            else cue or _not_x_but_y(found, pending),
            cue=cue,
            news=self._is_news(said),
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
        if self._the_question is not None:
            text = self._the_question.sub(
                lambda m: (
                    m[0]
                    if _NEITHER_KNOWN.search(m.string, 0, m.start())
                    else " which framework" + ("?" if m[0].endswith("?") else "") + " "
                ),
                text,
            )
        return text

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
        numbers = self.commands.numbers(said)
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
        if named_one is not None and self._operation(said) is None:
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
                and not _asks_which_framework(following.words)
                and not self._opens_with_its_own(following.words, clause.words)
            ):
                continue  # "Keras and TensorFlow, is one inside the other?": what the question is about
            if clause.what_if and self._supposes_the_choice(clause.words):
                continue  # "if we take pytorch, is it a problem for them?": the advice taken, asked about
            asks = clause.question or (clause is clauses[-1] and text.rstrip().endswith("?"))
            if asks and hypothetical and self._asks_the_verdict(clause.words):
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
                in_question = self._found(clause.words, pending)
                asked_facts.extend(f for f in in_question if f.step_id in self.scene_steps)
                if _ASKING_ABOUT_OPTIONS & set(clause.words) and not _COMPARING & set(said.split()):
                    # "does colab count? we pay for colab pro", "is it nlp or tabular? we use both
                    # the text and ...": what follows is what the question is about, still asked
                    # (what it counts as is offered; not to "long term support means what?")
                    counted.extend(_counted(clause.words, in_question))
                    classified |= {(f.step_id, f.option_id) for f in in_question if not f.negated}
                asked_itself = True
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
            here = self._found(clause.words, pending, hypothetical)
            if named_one is not None and not hypothetical:
                # "Ah, correction for the stack question: my brother runs a TensorFlow model every
                # night": after the advice, a message naming one question speaks of that one
                # (when the clause names something of that question)
                # ("timeline is wrong, compliance moved it to January": "compliance" answers the
                # priorities only where they are asked, so here it answers nothing)
                here = [f for f in self._found(clause.words, named_one, hypothetical) if f.step_id == named_one] or [
                    f for f in here if not f.only_when_asked
                ]
            if labelled is not None and self._named_step(clause.words) not in (None, labelled):
                labelled = None  # the list under the heading has ended: this names another question
            if labelled is not None:
                # (named by the heading: read as if its question were asked, even after the advice)
                # (only what the heading asks: "prio: latency on the Orin" names where it runs in passing)
                under = [f for f in self._found(clause.words, labelled, hypothetical) if f.step_id == labelled]
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
            if self._about_knowing(clause.words, pending):
                # "my partner is an iOS developer", asked about skills: what he knows, not a target
                here = [f for f in here if f.negated or f.step_id not in self.knowing_not_of[pending or ""]]
            if following is not None and self._for_another_use(opening(following.words)):
                # "there's an m1 macbook air but that's for school stuff"
                here = [replace(f, hedged=True) if f.step_id in self.training_steps else f for f in here]
            here = [f for f in here if f.negated or (f.step_id, f.option_id) not in classified]
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
        operation = self._operation(joined := " ".join(words)) if not here and pending not in (None, ANY_STEP) else None
        if operation:
            # "wait, I meant notebooks, not the batch flow": a correction may name an earlier
            # answer in the words of its own question ("notebooks" answers only where to run),
            # as may an addition ("also notebooks for me"); the verb "add" adds such a word only
            # by name ("add hiring"), not in "asked me to add a button" ("community forum").
            here = [
                f
                for f in self._found(words, ANY_STEP)
                if f.step_id != pending
                and (
                    operation != "add"
                    or not f.only_when_asked
                    or added_by_name(joined, f.phrase)
                    or has_phrase(joined, self._adding_words)
                )
            ]
        if today_said and pending != ANY_STEP and not self._of_the_future(words):
            # "at the moment it's an excel macro on a server in the office": in the opening
            # message or while another question is asked, where today's system runs is no
            # target of the new one
            here = [f for f in here if f.step_id == pending or f.negated or f.step_id not in self.places_steps]
        return here

    def _weighed(
        self, stated: list[tuple[Clause, list[Found]]], text: str, said: str, pending: str | None
    ) -> list[Found]:
        """The options the clauses state, weighed as one message: one of several read as the
        answer, apps as a server's clients, a word yielding to a specific one, "nothing" to a real
        answer."""
        # (a message that adds one to the other names two places: "server again, plus a nightly batch")
        others = stated if self._operation(said) != "add" else []
        stated = _restated_doubt(stated)
        found = [
            f
            for clause, here in stated
            # (a clause that adds, "..., and the inspectors want it on their iPads", names one more)
            for f in self._places_dropped(clause.words, here, [] if clause.words[:1] in _ADDING else others)
        ]
        found = self.rules.one_weighed(stated, found)
        found = self.rules.clients_dropped(said, self.rules.answered_no(text, found))
        found = self._apart_kept(self.rules.ambiguous_resolved(found))
        found = self.rules.undated_change(found, pending, self._operation(said) is not None)
        found = self.rules.old_system_placed(found, said, pending)
        found = self._general_words_yielded(found)
        found = self._reasons_dropped(found, pending)
        # (a step's option only ruled out leaves its "nothing" standing: "nothing; the buyer's TF is theirs")
        real = {
            f.step_id for f in found if not is_none_word(f.phrase) and not closes_a_list(f.phrase) and not f.negated
        }
        found = [f for f in found if not ((is_none_word(f.phrase) or closes_a_list(f.phrase)) and f.step_id in real)]
        return found

    def _swapped_in(
        self, words: tuple[str, ...], mentions: list[Mention], everything: list[Mention], taken_out: set[int]
    ) -> list[Mention]:
        """ "what if we move everything to a server and forget the browser?": where the only option
        of a question named outright is given up, a word answering that question alone ("a
        server") is what the what-if puts in its place."""
        if not any(m.only_when_asked for m in mentions):
            return []  # (most clauses: nothing to put in a place)
        outright = [m for m in mentions if not m.only_when_asked]
        gone = {id(m): m.start in taken_out or self.polarity.negated(words, m, everything) for m in outright}
        given_up = {m.step_id for m in outright if gone[id(m)]}
        kept = {m.step_id for m in outright if not gone[id(m)]}
        return [m for m in mentions if m.only_when_asked and m.step_id in given_up - kept]

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
                and self._yields(f.step_id, f.option_id, specific)
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
                        and pending not in self.places_steps
                        and any((s, o) == (f.step_id, f.option_id) and p != f.phrase for s, o, p in said_before)
                    )
                )
            ):
                kept.append(f)
            if not f.negated and not f.hedged:
                said_before.add((f.step_id, f.option_id, f.phrase))
        return kept

    def _of_today(self, words: tuple[str, ...]) -> bool:
        """Whether a clause speaks of what runs today ("currently", "at the moment") and not of
        what is to come."""
        return has_phrase(" ".join(words), self.now_words) and not self._of_the_future(words)

    def _of_the_future(self, words: tuple[str, ...]) -> bool:
        """Whether a clause speaks of the project to come ("will", "the new one", "yet")."""
        return has_phrase(" ".join(words), self.rules.future_words)

    def _tentative_answers_stated(self, clauses: list[Clause], pending: str | None, today: date) -> list[Clause]:
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

    def _conditions_dropped(self, clauses: list[Clause], pending: str | None) -> list[Clause]:
        """ "latency. if it takes 3 seconds the waiter has left": while a question is asked, an "if"
        after a clause that answers it gives the reason for the answer or a condition on it; it
        supposes no change, and what it names is no answer ("cost. if we had to buy GPUs we'd go
        broke")."""
        if pending in (None, ANY_STEP) or len(clauses) < 2 or clauses[0].what_if or clauses[0].question:
            return clauses
        if not any(c.what_if and opening(c.words)[:1] == ("if",) for c in clauses[1:]):
            return clauses  # (most messages: no search)
        if not any(f.step_id == pending and not f.negated for f in self._found(clauses[0].words, pending)):
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

    # -- options and polarity in one clause ----------------------------------------------------

    def _is_news(self, said: str) -> bool:
        """Whether the change a message asks for is only news ("update", "wait", "correction"):
        nothing in it says what the option named replaces."""
        return (
            self._operation(said) == "replace"
            and not has_phrase(said, self._pointed_replacements)
            and not set(_ONE_OF_THE_TEAM.sub(" ", said).split()) & _POINTING_WORDS
            and not _IT_IS_NOW.search(said)
        )

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

    def _asks_the_verdict(self, words: tuple[str, ...]) -> bool:
        """Whether a short question names only the frameworks compared ("still pytorch?", "TF
        then?"): it asks what the advice would be, and names no one's skills."""
        named = [w for w in words if w not in _VERDICT_WORDS]
        return 0 < len(named) <= 2 and all(w in self._frameworks for w in named)

    def _supposes_the_choice(self, words: tuple[str, ...]) -> bool:
        """Whether an "if" supposes only that one of the frameworks compared is chosen ("if we go
        with pytorch", "if we end up on TF anyway, can we ..."): the advice taken, not a skill."""
        start = 0
        while start < len(words) and words[start] in _IF_OPENERS:
            start += 1
        supposed = list(words[start:])
        for index, word in enumerate(supposed):
            if word in AUXILIARIES:  # "... can we still use the TPUs": what it asks of the choice
                supposed = supposed[:index]
                break
        named = [w for w in supposed if w not in _CHOOSING and w not in _CHOOSING_LIGHT]
        return (
            start > 0
            and bool(set(supposed) & _CHOOSING)
            and bool(named)
            and (" ".join(named) in self._frameworks or all(w in self._frameworks for w in named))
        )

    def _found(self, words: tuple[str, ...], pending: str | None, hypothetical: bool = False) -> list[Found]:
        # A clause naming a question is read as its answer ("if the existing stack were PyTorch"
        # is PyTorch in production, not PyTorch skills).
        mentions = self._pending_first(self.matcher.mentions(" ".join(words), pending), pending)
        if pending is not None and not any(m.step_id == pending for m in mentions):
            named_step = self._named_step(words)
            # (read again only where that question is not answered yet: "run on a microcontroller")
            if named_step not in (None, pending) and not any(m.step_id == named_step for m in mentions):
                mentions = self._pending_first(self.matcher.mentions(" ".join(words), named_step), named_step)
        mentions = self._known_not_running(mentions, words, pending)
        everything = mentions
        # "take the browser out", "dropped the server", "ditched the ipads": what a removal acts on
        taken_out = gap_words(words, self.change_cues["remove"]) | objects_of(words, self.change_cues["remove"])
        if (
            self.training_context
            and self._about_training(words)
            and not set(words) & (self.inference_words | self.negators)  # "we won't train anything"
        ):
            mentions = [m for m in mentions if m.step_id not in self.training_context]
        if pending in self.training_steps and set(words) & _SERVING and not self._about_training(words):
            # "A100s for training. serving is cpu anyway", asked what they train on: where the
            # model is served, not what trains it
            mentions = [m for m in mentions if m.step_id not in self.training_steps]
        swapped_in = self._swapped_in(words, mentions, everything, taken_out) if pending == ANY_STEP else []
        if hypothetical:
            # "what if we ran the ranking in the browser": "the ranking" is the project they have,
            # not a new use case; nor is "a research grant" beside the TPUs it pays for. Only
            # what the what-if assumes changes.
            # (a kind named exactly, in three words or more, is supposed all the same: "what if we
            # called a hosted model and didn't train anything ourselves")
            others = any(m.step_id not in self.project_steps for m in mentions)
            mentions = [
                m
                for m in mentions
                if not (
                    m.step_id in self.project_steps
                    and (_definite(words, m) or (others and (m.generic or m.score < 100 or len(m.phrase.split()) < 3)))
                )
            ]
            # "what if the pis had a coral usb stick on them": beside a place it supposes, a place
            # of the same question named as one they have ("the pis") is where it goes, no change
            # (unless the clause rules out, swaps or removes: "if we swapped the jetson for a pi")
            if not taken_out and not has_phrase(" ".join(words), self._changing_phrases):
                given_up = self.polarity.swapped(words, mentions)
                had = [  # ("the pis", right before; not "if the jetson dies")
                    m
                    for m in mentions
                    if m.start
                    and words[m.start - 1] in _DEFINITE
                    and m not in given_up
                    and not self.polarity.negated(words, m, mentions)
                ]
                new_places = {m.step_id for m in mentions if m.step_id in self.places_steps and not _definite(words, m)}
                mentions = [m for m in mentions if not (m.step_id in new_places and m in had)]
            # "what if we got NVIDIA GPUs in next year's budget": beside what it names outright, a
            # word that answers only its own question ("budget", "next year") is no second change,
            # unless a removal acts on it ("what if we dropped the server and ran it on iOS").
            if any(not m.only_when_asked for m in mentions):
                mentions = [m for m in mentions if not m.only_when_asked or m.start in taken_out or m in swapped_in]
        elif pending == ANY_STEP and any(not m.only_when_asked for m in mentions):
            # After the advice, "the intern now uses PyTorch too": beside what a clause names
            # outright, a word that answers only its own question ("now") changes nothing, unless a
            # removal acts on it ("remove performance, it's a nightly job").
            mentions = [m for m in mentions if not m.only_when_asked or m.start in taken_out]
        if pending == ANY_STEP:
            # After the advice, "detection happens on the lab computer": a word that names the kind of
            # work only when nothing else says what the models do changes no answer in passing; in a
            # what-if only one that answers its own question alone does ("so workers see the
            # prediction" is no tabular data; "photos from our fields" still supposes vision)
            mentions = [
                m
                for m in mentions
                if not (m.generic and m.step_id in self.project_steps and (m.only_when_asked or not hypothetical))
            ]
        if pending is not None and any(m.step_id == pending for m in mentions):
            # A clause that answers the pending question describes that answer: in "our android
            # app uses tflite" (asked about the existing stack) Android is where the old app runs.
            context = self.context_of.get(pending, set())
            mentions = [m for m in mentions if m.step_id not in context]
        specific = {(m.step_id, m.option_id) for m in mentions if not m.generic}
        named = {m.step_id for m in mentions if not m.generic and not m.only_when_asked}
        mentions = [
            m
            for m in mentions
            if not (
                m.only_when_asked
                and m.step_id in named
                and m.step_id != pending
                and m.start not in taken_out
                and m not in swapped_in
            )
        ]
        mentions = [
            m for m in mentions if not (is_none_word(m.phrase) and self._rules_out_what_follows(m, mentions, words))
        ]
        # "mostly cost, not really hiring": "not really" is not "nothing else" beside a real option;
        # and at the recap or after, a bare "no" answers nothing.
        real = {m.step_id for m in mentions if not is_none_word(m.phrase) and not closes_a_list(m.phrase)}
        mentions = [
            m
            for m in mentions
            if not ((is_none_word(m.phrase) or closes_a_list(m.phrase)) and (m.step_id in real or pending == ANY_STEP))
        ]
        mentions = [*mentions, *self._stated_as_important(words, mentions, pending)]
        swapped = self.polarity.swapped(words, mentions)
        swapped += [m for m in mentions if m.start in taken_out and m.end - 1 in taken_out]
        negated = {id(m): m in swapped or self.polarity.negated(words, m, everything) for m in mentions}
        # ("the onprem box, no cloud ever": an option ruled out names nothing a generic word yields to)
        ruled_out = {(m.step_id, m.option_id) for m in mentions if not m.generic and negated[id(m)]}
        ruled_out -= {(m.step_id, m.option_id) for m in mentions if not m.generic and not negated[id(m)]}
        # (one standing right before another option of its question says which it is, named or ruled
        # out: "remove the colab TPUs" rules out the TPUs only)
        naming = {(m.step_id, m.start) for m in mentions if not m.generic}
        mentions = [
            m
            for m in mentions
            if not (
                m.generic
                and (
                    self._yields(m.step_id, m.option_id, specific - ruled_out)
                    or ((m.step_id, m.end) in naming and self._yields(m.step_id, m.option_id, specific))
                )
            )
        ]
        found = [
            Found(
                m.step_id,
                m.option_id,
                m.phrase,
                negated[id(m)],
                m.only_when_asked,
                m.generic,
                m.score >= 100,
                # (in a what-if after the advice, "one day" is the supposing itself: "if one day we rent NVIDIA cards")
                (not (hypothetical and pending == ANY_STEP) and self.polarity.hedged(words, m))
                or (not negated[id(m)] and self._put_to_another_use(words, m, mentions)),
            )
            for m in mentions
        ]
        # "Nobody here knows PyTorch": "nobody here knows" rules out what follows it; it is no "new
        # to ML" of its own
        denied = {(f.step_id, m.start) for m, f in zip(mentions, found, strict=True) if f.negated}
        found = [
            f
            for m, f in zip(mentions, found, strict=True)
            if f.negated or not is_none_word(m.phrase.split()[0]) or (m.step_id, m.end) not in denied
        ]
        found = self._places_dropped(words, found)
        if any(f.negated for f in found):
            # "nobody has touched tensorflow": the "nobody" rules TensorFlow out; it is no answer
            # ("new to ML") of its own.
            found = [f for f in found if not (is_none_word(f.phrase) and f.only_when_asked)]
        return found

    def _apart_kept(self, found: list[Found]) -> list[Found]:
        """Without the ruling out of "cloud" (and its like) where the message names the same option
        outright in other words, and no other of its step ("on-prem server only, no cloud"): what
        is ruled out is where the server stands, not the server. ("Nightly batch on our server,
        no cloud" is the batch job alone.)"""
        named = {
            (f.step_id, f.option_id)
            for f in found
            if not f.negated and not f.generic and f.phrase not in self.ruled_out_apart
        }
        steps = [s for s, _ in named]
        return [
            f
            for f in found
            if not (
                f.negated
                and f.phrase in self.ruled_out_apart
                and (f.step_id, f.option_id) in named
                and steps.count(f.step_id) == 1
            )
        ]

    @staticmethod
    def _rules_out_what_follows(none_word: Mention, mentions: list[Mention], words: tuple[str, ...]) -> bool:
        """Whether a "no" / "none" rules out what comes after it rather than answering "nothing":
        right before an option ("not keras, it was tensorflow; no keras in that unit"), or a "no"
        one word before another question's option or a thing it no longer has ("no more cloud,
        he trains on the Mac now", "no longer on colab")."""
        if any(o.start == none_word.end for o in mentions):
            return True
        if none_word.phrase != "no":
            return False
        if any(o.start == none_word.end + 1 and o.step_id != none_word.step_id for o in mentions):
            return True
        said = normalise(" ".join(words)).split()  # (the words the mentions count in; rare, so here)
        return said[none_word.end : none_word.end + 1] in (["more"], ["longer"]) and none_word.end + 1 < len(said)

    def _put_to_another_use(self, words: tuple[str, ...], mention: Mention, mentions: list[Mention]) -> bool:
        """Whether training hardware is said to be for something else (see _FOR_ANOTHER_USE):
        neither said nor ruled out, as with a hedge."""
        if mention.step_id not in self.training_steps:
            return False
        others = [m.start for m in mentions if m.start >= mention.end and m.option_id != mention.option_id]
        end = min([*others, mention.end + _ANOTHER_USE_REACH])
        after = words[mention.end : end]
        # (not what it was for: "the MacBook was only for the prototype, drop it" removes it)
        return any(
            self._for_another_use(after[index - 1 :]) and not set(after[:index]) & _PAST_USE
            for index in range(1, len(after))
        )

    def _for_another_use(self, words: tuple[str, ...]) -> bool:
        """Whether `words` open with a use that is not training ("is for CAD", "that's for netflix",
        "it is for gaming")."""
        for would_not in _WOULD_NOT:
            if words[: len(would_not)] == would_not and words[len(would_not) : len(would_not) + 1]:
                return words[len(would_not)] in self.training_words
        if words[:1] and words[0] in _SUBJECT_PRONOUNS:
            words = words[1:]
        for negation in _NOT_USED_TO:
            if words[: len(negation)] == negation and words[len(negation) : len(negation) + 1]:
                # "designers use macbook but they dont train": the machine, but not to train on
                return words[len(negation)] in self.training_words
        return (
            words[:1] != ()
            and words[0] in _FOR_ANOTHER_USE
            and words[1:2] == ("for",)
            and words[2:3] != ()
            and words[2] not in self.training_words
            and not set(words[2:5]) & _QUESTION_WORDS  # "that's for the question I skipped"
        )

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

    def _yields(self, step_id: str, option_id: str, specific: set[tuple[str, str]]) -> bool:
        """Whether a generic word of an option gives way to an option named outright ("intel gpu max")."""
        yields_to = self._yields_to[(step_id, option_id)]
        return any(step == step_id and option in yields_to for step, option in specific)

    def _named_step(self, words: tuple[str, ...]) -> str | None:
        """The one question a clause names ("the existing stack", "the deadline"), if any."""
        said = without_possessives(" ".join(words))
        named = [step for step, names in self.step_names.items() if has_phrase(said, names)]
        return named[0] if len(named) == 1 else None

    def _places_dropped(
        self, words: tuple[str, ...], found: list[Found], others: list[tuple[Clause, list[Found]]] | None = None
    ) -> list[Found]:
        """ "A monthly batch run on a server in the basement": beside batch jobs, "on a server" says
        where they run; it names no server API of its own. ("server and batch" lists two.) The
        batch jobs may stand in another clause of the message (`others`): "batch is fine. run once
        at night. on our office linux server"."""
        named = {w for f in found for w in f.phrase.split()}
        if all(w in named or (w in JOINS and w not in _AT_A_PLACE) or w in ARTICLES for w in words):
            return found  # ("server and the nightly batch" lists two as surely; "nightly batch on azure" one)
        places = set().union(
            # (not where a word naming the option only when nothing else does stands: "on-prem in the
            # bank's datacenter" is a server there, no batch job)
            *(
                self.places.get((f.step_id, f.option_id), set())
                for f in [*found, *(f for _, here in others or [] for f in here)]
                if not f.negated and not f.hedged and not f.generic
            )
        )
        if self.page_heads.intersection(words):  # (most clauses name no page: no search)
            places |= self._opened_on(words)
        if not places:
            return found
        return [f for f in found if f.negated or f.phrase not in places]

    def _opened_on(self, words: tuple[str, ...]) -> set[str]:
        """ "a little website the crew opens on their phones": the places of an option whose page is
        named, though not as an option, are where it is opened (not a page ruled out: "an app on
        their iPhones instead of the website")."""
        places: set[str] = set()
        for (step, option), pages in self.pages.items():
            for page in pages:
                size = len(page.split())
                starts = [i for i in range(len(words) - size + 1) if " ".join(words[i : i + size]) == page]
                if any(
                    not self.polarity.negated(words, Mention(step, option, page, 100, start=i, end=i + size), [])
                    for i in starts
                ):
                    places |= self.places.get((step, option), set())
        return places

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
                # (a word itself, not one near it: "both must be supported" is no "support")
                and mention.score >= 100
            ):
                after = words[mention.end : mention.end + 6]
                before = words[max(0, mention.start - 4) : mention.start]
                if any(" ".join(after[:size]) in self.importance for size in range(1, 6)) or any(
                    " ".join(before[-size:]) in self.importance_before for size in range(1, 5)
                ):
                    important.append(replace(mention, only_when_asked=False))
        return important

    def _about_knowing(self, words: tuple[str, ...], pending: str | None) -> bool:
        """Whether a clause, while `pending` is asked, says what people know and nothing running."""
        knowing = self.knowing_words.get(pending or "")
        return bool(knowing and set(words) & knowing and not set(words) & self.running_words)

    def _known_not_running(self, mentions: list[Mention], words: tuple[str, ...], pending: str | None) -> list[Mention]:
        """ "oh wait my buddy jake is helping now and he knows pytorch", asked about the stack: a
        framework named only as the answer asked for ("pytorch") in a clause about people knowing
        it is their skill, not a stack in production."""
        asked_alone = [m for m in mentions if m.step_id == pending and m.only_when_asked]
        if not asked_alone:
            return mentions
        if set(words) & self.running_words:
            return mentions
        said = " ".join(words)
        for step_id, whiles in self.needs_while.items():
            if pending not in whiles or not set(words) & self.knowing_words[step_id]:
                continue
            theirs = {(m.start, m.end): m for m in self.matcher.mentions(said, step_id) if m.step_id == step_id}
            return [theirs.get((m.start, m.end), m) if m in asked_alone else m for m in mentions]
        return mentions

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
        if said.startswith("+ "):
            return "add"  # "+ hiring: Wout retires in 2028"
        if has_phrase(said, self._pointed_replacements):
            # "scratch that" is a correction, though "scratch X" removes X; "i meant", "switch to"
            # say what replaces what ("turns out", "no wait" are only news: "also" still adds);
            # "scratch that, android has to ship at launch too": what ends on "too" adds
            return "add" if ENDS_ADDING.search(said) else "replace"
        for operation in ("remove", "add", "replace"):  # "actually we also ..." adds
            # ("I answered too quickly": "too" before a word it makes stronger adds nothing)
            exceptions = _NOT_A_CUE.get(operation)
            if has_phrase(exceptions.sub(" ", said) if exceptions else said, self.change_cues[operation]):
                return operation
        return None

    def _message_operation(self, said: str, asks: bool) -> Operation | None:
        """The change a whole message asks for: its cue, or "add" for a message that goes on
        from the one before ("and latency. p99 under 80ms", "oh and long-term support"; not
        "and if ...", a what-if, nor a clause inside a message, nor one that asks: "and the TFLite
        model we already have, can we reuse it?")."""
        operation = self._operation(said)
        words = said.split()
        goes_on = words[:1] == ["and"] or (words[1:2] == ["and"] and words[0] in OPENERS)
        if operation is None and goes_on and not asks and opening(tuple(words))[:1] not in (("if",), ("what",)):
            return "add"
        return operation

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
        self._operations.clear()
        self.matcher.forget_seen()


# Words that put one option in place of another ("JAX instead of PyTorch")
_IN_PLACE_OF = re.compile(r"\b(?:instead of|rather than|in place of)\b")
# Words that open a clause adding to what the message said before
_ADDING = (("and",), ("plus",), ("also",))
# Words that put what follows as where the option before runs ("nightly batch on azure")
_AT_A_PLACE = frozenset({"on", "in", "at"})


def _not_x_but_y(found: list[Found], pending: str | None) -> Operation | None:
    """ "not pytorch but jax", "coral instead of jetson": one option ruled out and another of the
    same question said is a correction that replaces. (Of the question asked, it is its answer:
    "cost matters, speed not so much" corrects nothing.)"""
    for mention in found:
        if mention.step_id == pending:
            continue
        if mention.negated and any(f.step_id == mention.step_id and not f.negated for f in found):
            return "replace"
    return None


# "train" is the verb after these ("we train", "to train"); elsewhere it may be the vehicle
_TRAIN_AS_VERB = frozenset(
    {"we", "i", "they", "you", "to", "will", "would", "can", "could", "should", "must", "and", "or"}
)
_FIRST_PERSON = frozenset({"we", "we're", "we've", "we'd", "we'll", "our", "us", "ours"})
_REASONS = (("because",), ("since",), ("cause",), ("coz",), ("cos",), ("as",))
_RUNNING = frozenset({"production", "prod", "serving", "deployed", "deployment", "running", "served"})
_CHANGES = frozenset({"replace", "remove"})
_DEFINITE = frozenset({"the", "our", "this", "that", "their", "these", "those", "my", "your"})


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


def _asks_which_framework(words: tuple[str, ...]) -> bool:
    """Whether a question asks the advisor's own question ("tensorflow or pytorch?" is read as
    "which framework"), not about the options named before it."""
    return any(words[i : i + 2] == ("which", "framework") for i in range(len(words) - 1))


def _consequence(words: tuple[str, ...]) -> bool:
    """Whether a clause after an "if" says what would follow: "then a server", "we'd rent one"."""
    return words[:1] == ("then",) or bool(_WOULD.intersection(words))


_WOULD = frozenset({"would", "could", "can", "will", "might", "we'd", "it'd", "i'd", "they'd", "we'll", "it'll"})


def _definite(words: tuple[str, ...], mention: Mention) -> bool:
    """Whether "the", "our" or "this" comes just before the option ("the new fraud model")."""
    return bool(set(words[max(0, mention.start - 2) : mention.start]) & _DEFINITE)


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
