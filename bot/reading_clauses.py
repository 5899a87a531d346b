"""A message's clauses: split at punctuation and "but", each a statement, a question or a what-if.

A question clause states no answer ("should we even consider TF?"); a what-if supposes
("what if we also had to support iOS?"); the reader reads statements for answers.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from rapidfuzz import distance

from bot.conversation import Conversation
from bot.matching import ANY_STEP, Matcher
from bot.normalising import normalise
from bot.phrasing import CLAUSE
from bot.polarity import JOINS, OPENERS, Polarity, opening

_WHAT_IF_OPENERS = (
    ("suppose",), ("supposing",), ("hypothetically",), ("hypothetical",), ("counterfactual",), ("counterfactually",),
    ("imagine",), ("if",), ("say",), ("assume",), ("assuming",), ("wif",),
)  # fmt: skip
# Three-word openings of a what-if ("how about if we ...", "in the event that ...")
_WHAT_IF_OPENINGS = (("how", "about", "if"), ("what", "about", "if"), ("in", "case", "we"), ("in", "the", "event"))
# Verbs that open a request to change an answer ("add speed to the priorities", "drop the web demo")
_CHANGING = frozenset({"add", "include", "drop", "remove"})
# Words around a question's name in a heading ("and as for our priorities", "re the deadline")
_HEADING_FILLERS = frozenset(
    {"for", "as", "the", "our", "my", "re", "regarding", "about", "on", "to", "your", "in", "terms", "of"}
    | {"one", "more", "another", "also", "after", "all"}  # "one priority after all:"
)
# ... and words around a question's name that say the heading corrects it ("correction on the
# stack question:"), unless they are part of the name ("the team question")
_HEADING_CORRECTIONS = frozenset({"correction", "update", "question", "answer", "quick", "small"})
# Words of a pause before the message proper ("hang on, what's keras", "sorry, quick question, ...")
_PAUSES = frozenset(
    {"hang", "on", "wait", "sorry", "ok", "okay", "hmm", "hmmm", "um", "umm", "uh", "erm", "oh", "hi", "hey", "hello"}
    | {"quick", "question", "one", "sec", "second"}
)
_WH_WORDS = frozenset({"what", "what's", "whats", "how", "why", "who"})
# Verbs after which "if" means whether ("do you know if", "I wonder if")
_WHETHER_VERBS = frozenset({"know", "wonder", "ask", "see", "check", "tell", "sure"})
# Words between two options of one question asked about after the recommendation ("Coral instead of
# Orin?"): a what-if, unless the question asks a reason ("why ... rather than ...?")
_IN_PLACE_OF = frozenset(
    {"instead of", "instead of the", "instead of a", "in place of", "in place of the", "rather than"}
)
_ASKING_WHY = frozenset({"why", "explain", "how"})
# Words that open a what-if after the recommendation (before it, "Scenario: ..." may describe the project)
_SCENARIO_WORDS = frozenset({"scenario", "hypothetisch", "hypothetically", "counterfactual"})
# the words around an option asked about after the recommendation ("and for a coral edge tpu?")
_WHAT_ABOUT = frozenset(
    {"and", "for", "with", "on", "a", "an", "the", "if", "we", "use", "used", "using", "had"}
    | {"got", "then", "instead", "of", "or", "some", "our", "it"}
)


def names_only(matcher: Matcher, words: Sequence[str], step: str | None = None) -> bool:
    """Whether words are option names and the joins between them, nothing else ("Keras and
    TensorFlow"); with a step, names of that step's options only."""
    mentions = matcher.mentions(" ".join(words), step or ANY_STEP)
    named = {i for m in mentions if step in (None, m.step_id) for i in range(m.start, m.end)}
    return bool(named) and all(i in named or w in JOINS for i, w in enumerate(words))


def _what_before_if(word: str) -> bool:
    """Whether `word`, before "if", opens a what-if: "what" typed fast ("waht", "whit", "wat") or a
    word people put there instead ("na if", "so if", "now if")."""
    return word in ("na", "so", "but", "now") or (
        word[:1] == "w"
        and 2 <= len(word) <= 5
        and distance.OSA.distance(word, "what") <= 2
        and word not in ("when", "who", "why", "was", "way", "want")
    )


_IN_CASE_IT_HELPS = re.compile(
    r"[,;(-]?\s*\b(?:if|in case) (?:that|it|this) (?:matters|helps|is relevant|counts for anything)\b\)?", re.IGNORECASE
)
_ASIDE = re.compile(r",\s*([A-Za-z]+ly)\s*,")
_APOLOGIES = frozenset({"sorry", "apologies", "apologise", "apologize", "forgive", "pardon"})
_BACK_REFERENCES = frozenset({("that",), ("this",), ("it",)})
_MATTERING = frozenset({("changes",), ("matters",), ("helps",), ("counts",), ("affects",), ("makes",)})


@dataclass(frozen=True)
class Clause:
    """One clause of a message: its normalised words, and whether it asks or supposes."""

    words: tuple[str, ...]
    question: bool
    what_if: bool
    ends_sentence: bool = False  # (a full stop, "?", "!" or a new line after it)
    contrasts: bool = False  # (opened by "but" or "however": "..., but for our project nothing exists")


# Words of a question that asks what a fact stated before it changes
_CONSEQUENCES = frozenset({"change", "changes", "alter"})
_TOLD = 6  # words of a fact told before it (not "And Arabic support, does that change anything?")


class Clauses:
    """Splits messages into clauses for one conversation definition (its question and tag words)."""

    def __init__(self, conversation: Conversation, matcher: Matcher, polarity: Polarity) -> None:
        cues = conversation.cues
        self.matcher = matcher
        self.question_words = {normalise(w) for w in cues.question_words}
        self.verbs_after_a_modal = {normalise(w) for w in cues.verbs_after_a_modal}
        self.negators = polarity.negators
        self.tags = {normalise(w) for w in cues.tag_questions}
        self.will_it_do = {normalise(w) for w in cues.will_it_do}
        self.asides_kept = polarity.hedges | polarity.hedges_after | polarity.negators
        self.scene_steps = {step.id for step in conversation.steps if step.set_by_questions}
        self.step_names = {step.id: [normalise(n) for n in step.names] for step in conversation.steps}

    def heading(self, words: tuple[str, ...]) -> str | None:
        """The question a clause is only a heading for ("Priorities:", "and for priorities", "as for
        the deadline"): the clauses after it answer that question."""
        said = [w for w in opening(words) if w not in _HEADING_FILLERS]
        bare = " ".join(w for w in said if w not in _HEADING_CORRECTIONS)
        named = [step for step, names in self.step_names.items() if " ".join(said) in names or bare in names]
        return named[0] if len(named) == 1 else None

    def only_names(self, words: tuple[str, ...]) -> bool:
        """Whether a clause is nothing but option names ("Coral TPU", "Keras and TensorFlow"): before
        a question, what it asks about."""
        return names_only(self.matcher, words)

    def split(self, text: str, pending: str | None = None) -> list[Clause]:
        # "PyTorch experience is, regrettably, absent": an adverb set off by commas is no clause
        # of its own (unless it hedges or negates: "Keras, probably, and PyTorch")
        text = _ASIDE.sub(lambda m: m[0] if m[1].lower() in self.asides_kept else f" {m[1]} ", text)
        # "the office box runs Windows 11 btw, if that matters": said in case it helps, no condition
        text = _IN_CASE_IT_HELPS.sub("", text)
        parts = CLAUSE.split(text)
        clauses: list[Clause] = []
        asking = False  # whether the sentence so far opened a question that its "?" closes
        for index in range(0, len(parts), 2):
            words = tuple(normalise(parts[index]).split())
            ending = parts[index + 1] if index + 1 < len(parts) else ""
            if clauses and len(words) <= 2 and set(words) <= self.tags and ending.strip() == "?":
                continue  # "cheap and fast, no? that's it": the "no?" asks to agree, and rules nothing out
            if words:
                # ("hang on, what's keras": after a word of pause, a question opens the message)
                opens = not clauses or (words[0] in _WH_WORDS and all(set(c.words) <= _PAUSES for c in clauses))
                clause = self._clause(
                    words, ending.strip() == "?", opens, pending == ANY_STEP, _sentence_asks(parts, index)
                )
                if clause.what_if and words[0] == "if" and clauses[-1:] and _asks_why(clauses[-1]):
                    # "Why PyTorch though, if the Coral only runs TFLite models?": the "if" gives
                    # what the question goes by ("given that"); it supposes nothing
                    clause = replace(clause, question=True, what_if=False)
                if clause.what_if and words[0] == "if" and clauses and _asks_for_a_change(clauses[0]):
                    # "And add inference speed to priorities - if transcription takes 10 hours the
                    # supervisors won't bother": the change asked for, then why; nothing supposed
                    clause = replace(clause, what_if=False)
                if (
                    not clause.question
                    and not clause.what_if
                    and (self.opens_question(words) or _asks_what_is_meant(words))
                ):
                    # "Out of curiosity, is ROCm support for PyTorch production-grade now, or still
                    # a science project?": a question opening after a comma, asked by the "?"
                    # that ends its sentence ("..., which starts in ten weeks." states).
                    asking = asking or _sentence_asks(parts, index)
                if (
                    not clause.what_if
                    and set(words) & _COUNTS
                    and (_sentence_asks(parts, index) or words[-1] in self.tags)
                ):
                    # "does colab count?", "ONNX export counts as production?", "jetson orin counts
                    # as jetson right": asks what an option covers, says nothing of the team's
                    clause = replace(clause, question=True)
                if asking and not clause.what_if:
                    clause = replace(clause, question=True, what_if=False)
                elif (
                    pending == ANY_STEP
                    and ending.strip() == "?"
                    and not clause.what_if
                    and words[:1] != ("like",)  # ("..., like 3 weeks?" gives the what-if's figure)
                    and self.matcher.mentions(" ".join(words), ANY_STEP)
                ):
                    # "and it works without internet, inside the phone?": after the advice a short
                    # clause with a question mark asks (before it, "pytorch?" is a hesitant answer)
                    clause = replace(clause, question=True)
                if (
                    clauses
                    and clauses[-1].what_if
                    and not clauses[-1].ends_sentence
                    and clause.question
                    and not self.opens_question(words)
                ):
                    # "And if the board says we have to wait, so July at the earliest?": the what-if
                    # goes on, its "?" asks what it would change
                    clause = replace(clause, question=False, what_if=True)
                if (
                    clauses
                    and clauses[-1].question
                    and not clauses[-1].what_if
                    and not clause.what_if
                    and words[:1] == ("or",)
                    and self._asking_head(words[1:])
                ):
                    # "does 'edge linux box' mean an intel NUC? or is a jetson its own thing": the
                    # other half of the question, its "?" left out
                    clause = replace(clause, question=True)
                contrasts = index > 0 and parts[index - 1].strip().lower() in ("but", "however")
                clauses.append(replace(clause, ends_sentence=_ends_sentence(ending), contrasts=contrasts))
            if _ends_sentence(ending):
                asking = False
        if pending == ANY_STEP and len(clauses) >= 2 and self._inverted_condition(clauses):
            # "Were the Department to procure TPUs, would the advice alter?", "Should the judiciary
            # relent, would it differ for a cloud API?": a condition, then the question it asks.
            clauses = [replace(c, what_if=True) for c in clauses]
        elif clauses and clauses[0].question and text.rstrip().endswith("?"):
            # "What do you mean by long-term support, like LTS releases?" asks throughout.
            clauses = [replace(c, question=True) for c in clauses]
            # (but a what-if goes on in the clauses that do not ask on their own: "What if we had
            # more time, until next autumn?")
            for index in range(1, len(clauses)):
                before, clause = clauses[index - 1], clauses[index]
                if before.what_if and not before.ends_sentence and not self.opens_question(clause.words):
                    clauses[index] = replace(clause, question=False, what_if=True)
        elif len(clauses) == 2 and self._asks_about_the_rest(clauses[-1], text):
            # "pytorch on tpu, viable?": a short last clause that asks about the one before it.
            clauses = [replace(c, question=True) for c in clauses]
        elif (
            len(clauses) >= 2
            and _refers_back(clauses[-1].words)
            and not set(clauses[-1].words) & self.will_it_do  # ("only CPU, is that enough?" says it)
            # ("we already have ... pytorch running in production, does that change anything": told, then
            # what it changes asked)
            and not (set(clauses[-1].words) & _CONSEQUENCES and sum(len(c.words) for c in clauses[:-1]) >= _TOLD)
            and not self._tag(clauses[-1].words)
            and clauses[-1].words[-1] not in _LIST_GOES_ON
        ):
            # "an rpi in a rack, is that edge linux or something else": the last clause asks what
            # the ones before it in its sentence describe, so nothing in them is stated as an answer
            # ("Cost matters a great deal. ... will this still be maintained in 10 years?" still
            # states its first sentence).
            # (unless it names what it asks about, or points at several: "Would that be 'vision'?",
            # "Keras, JAX... abeg what are all these things?")
            last = clauses[-1].words
            apart = not self.matcher.mentions(" ".join(last), ANY_STEP) and not set(last) & _SEVERAL
            start = max((i + 1 for i, c in enumerate(clauses[:-1]) if c.ends_sentence and apart), default=0)
            clauses = [*clauses[:start], *(replace(c, question=True) for c in clauses[start:])]
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

    def _swap_asked_about(self, words: tuple[str, ...]) -> bool:
        """Whether `words` name an option in place of another of the same question ("Coral instead
        of Orin", "an MCU in place of the Pi")."""
        if set(words) & _ASKING_WHY:
            return False  # "why would it be preferable for time series rather than images?" asks a reason
        mentions = self.matcher.mentions(" ".join(words), ANY_STEP)
        for first, second in itertools.combinations(sorted(mentions, key=lambda m: m.start), 2):
            between = " ".join(words[first.end : second.start])
            if first.step_id == second.step_id and first.option_id != second.option_id and between in _IN_PLACE_OF:
                return first.step_id in self.scene_steps
        return False

    @staticmethod
    def _inverted_condition(clauses: list[Clause]) -> bool:
        """Whether the message opens with "were/should/had ... " and a later clause asks "would ..."."""
        first_word = [w for w in clauses[0].words if w not in OPENERS][:1]
        return first_word in (["were"], ["should"], ["had"]) and any(
            c.words[:1] in (("would",), ("will",), ("does",), ("do",)) for c in clauses[1:]
        )

    def opens_question(self, words: tuple[str, ...]) -> bool:
        head = opening(words)
        # ("long term support means what, like LTS versions?" asks with its last words)
        asks_last = words[-2:] in (("means", "what"), ("mean", "what"), ("meaning", "what"))
        return asks_last or self._asking_head(head)

    def _asking_head(self, head: tuple[str, ...]) -> bool:
        """Whether a clause's first words open a question: a question word, not a negator
        ("anything but the browser" rules out), and not a statement that leaves out its subject
        ("will buy one 4090 gaming pc for train", "should run on the pc once a month", where a
        question puts one after "will")."""
        return (
            bool(head)
            and head[0] in self.question_words
            and " ".join(head[:2]) not in self.negators
            and not (len(head) > 1 and head[1] in self.verbs_after_a_modal and head[0] not in _WH_WORDS)
        )

    def _tag(self, words: tuple[str, ...]) -> bool:
        """ "is that ok", "does that work", "is that right": asks only to confirm what was said."""
        return len(words) <= 4 and bool(set(words[2:]) & self.tags)

    def _asks_about_the_rest(self, clause: Clause, text: str) -> bool:
        """A one- or two-word question ending the message ("viable?", "any good?", "worth it?"),
        naming no option, and not a tag that asks to confirm an answer ("right?", "ok?")."""
        return (
            text.rstrip().endswith("?")
            and len(clause.words) <= 2
            and not set(clause.words) & self.tags
            and not self.matcher.mentions(" ".join(clause.words))
        )

    def _clause(
        self,
        words: tuple[str, ...],
        ends_with_question_mark: bool,
        first: bool = True,
        hypotheticals: bool = False,
        sentence_asks: bool = True,
    ) -> Clause:
        """One clause: a question, a what-if (`hypotheticals`: only after the recommendation, where
        "would it change if ..." asks for one), or a statement."""
        head = opening(words)
        what_if = (
            head[:2] in (("what", "if"), ("say", "we"), ("and", "if"), ("now", "say"), ("now", "if"), ("plot", "twist"))
            or head[:3] in _WHAT_IF_OPENINGS
            or head[:1] in _WHAT_IF_OPENERS
            or (len(head) > 1 and head[1] == "if" and _what_before_if(head[0]))  # "waht if", "whit if"
        )
        # After the recommendation, an option asked about is a what-if: "and for a coral edge
        # tpu?", "with tpus?" ("jetson?" and "what about microcontrollers?" ask about the topic)
        # (in a sentence that asks: "He says it is a MacBook with the M1." tells)
        what_if = what_if or (hypotheticals and sentence_asks and self._option_asked_about(head))
        # ("cheaper variant with Coral instead of Orin?": one option asked about in place of another)
        what_if = what_if or (hypotheticals and ends_with_question_mark and self._swap_asked_about(head))
        # ("what about moving training to MI300X instead of TPUs", "how about using the Pi": a change
        # proposed; "what about microcontrollers?" still asks about the topic)
        what_if = what_if or (
            hypotheticals and head[:2] in _WHAT_ABOUT_OPENINGS and len(head) > 2 and head[2] in _DOING
        )
        # ("Scenario: onboard unit becomes mandatory", "Further scenario: ...", "Hypothetisch: ...")
        what_if = what_if or (hypotheticals and bool(set(head[:2]) & _SCENARIO_WORDS))
        if head[:1] == ("if",) and len(head) < len(words) and words[len(words) - len(head) - 1] in _APOLOGIES:
            what_if = False  # "sorry if this is dumb, but ...": politeness, not a hypothetical
        if head[:1] == ("if",) and head[1:2] in _BACK_REFERENCES and head[2:3] in _MATTERING:
            what_if = False  # "Tom confirmed a cloud API, if that changes anything": the news is told, not supposed
        # "what would you say if ...", "would it change if ...": a hypothetical in its first words
        what_if = what_if or (
            hypotheticals
            and bool(head)
            and head[0] in ("what", "would", "does", "do", "wetin", "wat", "wht")
            and "if" in head[1:6]
            # ("do you know if there is a good model in Portuguese?" asks whether, it supposes nothing)
            and head[head.index("if", 1) - 1] not in _WHETHER_VERBS
        )
        # After a comma "which starts in ten weeks" is a relative clause, not a question.
        opens_question = self._asking_head(head) and (first or ends_with_question_mark or _asks_after_a_comma(head))
        # ("Is for the launch of the collection in April", "did a bit of pytorch in 2nd yr": the subject
        # left out, a statement when no "?" asks)
        opens_question = opens_question and (ends_with_question_mark or head[:2] not in _SUBJECT_LEFT_OUT)
        # "pytorch?" is a hesitant answer; "tf or pytorch?" and "is pytorch faster?" are questions,
        # and so is "do i actually need a gpu or nah" without its question mark ("check whether
        # a feather is left or not" asks nothing of us).
        question = (
            opens_question
            or (ends_with_question_mark and (len(head) > 3 or "or" in head))
            # ("Coral still sold?", "tfjs still maintained?": whether it is still there, asked)
            or (ends_with_question_mark and len(words) > 1 and words[-1] in _STILL_THERE)
            or (len(words) > 3 and words[-2:] in _OR_NAH)
            or (len(words) > 3 and words[-2:] in _OR_NOT and bool(head) and head[0] in AUXILIARIES)
            or _asks_which_one(words)
            or _reports_a_question(words)
        )
        return Clause(words, question, what_if)


_WHAT_ABOUT_OPENINGS = frozenset({("what", "about"), ("how", "about")})
_DOING = frozenset(
    {"moving", "switching", "using", "going", "running", "training", "putting", "buying", "getting", "dropping"}
    | {"adding", "doing", "deploying", "shipping", "swapping", "replacing", "porting", "migrating", "renting"}
)
_SUBJECT_LEFT_OUT = frozenset(
    [("is", after) for after in ("for", "in", "on", "by", "at", "until", "before", "around", "about")]
    + [("did", after) for after in ("a", "an", "some", "one", "my", "our", "two", "three")]
)
# ("ok, what do I do first", "right, how do we start": a question, not a relative clause)
_ASKING_AFTER_A_COMMA = frozenset({"what", "how", "why"})
_ASKING_CONTRACTIONS = frozenset({"what's", "whats", "how's", "hows", "why's"})


def _asks_what_is_meant(words: tuple[str, ...]) -> bool:
    """Whether a clause asks what the bot means ("By 'server' do you mean cloud only, ...?")."""
    return any(words[i : i + 2] == ("you", "mean") for i in range(len(words) - 1))


def _asks_after_a_comma(head: tuple[str, ...]) -> bool:
    """Whether a clause after a comma opens with "what", "how" or "why" and its verb ("what do")."""
    return (len(head) > 1 and head[0] in _ASKING_AFTER_A_COMMA and head[1] in _ASKING_VERBS) or (
        len(head) > 2 and head[0] in _ASKING_CONTRACTIONS  # ("server vs batch - what's the distinction for you")
    )


def _reports_a_question(words: tuple[str, ...]) -> bool:
    """ "our dev asks if tensorflow.js is still maintained", "my boss wants to know whether ...": a
    question passed on, asked now (not "we asked if IT could buy GPUs", which tells what was done)."""
    if "if" in words[2:] and ("what", "happens") in itertools.pairwise(words):
        return False  # "Gerard wants to know what happens if we ...": a what-if passed on
    for at in range(1, min(len(words) - 1, 6)):
        if words[at] in _ASKING_NOW and words[at + 1] in _WHETHER:
            return True
        # ("lol our intern asked if tensorflow is a yoga pose": what someone else asked, told)
        if words[at] == "asked" and words[at + 1] in _WHETHER and words[at - 1] not in _OURSELVES:
            return True
        # (not "we want to know when the hops are dry": what the model is for)
        if words[at : at + 3] == ("wants", "to", "know") and words[at + 3 : at + 4] and (words[at + 3] in _WHETHER):
            return True
    return False


_STILL_THERE = frozenset(
    {"sold", "available", "supported", "maintained", "alive", "around", "dead", "discontinued", "deprecated"}
)
_OURSELVES = frozenset({"i", "we", "i've", "we've", "ive", "weve", "just", "already", "have", "had"})
_ASKING_NOW = frozenset({"asks", "asking", "wonders", "wondering"})
_WHETHER = frozenset({"if", "whether", "how", "what", "why", "which", "when"})


def _asks_which_one(words: tuple[str, ...]) -> bool:
    """ "pytorch and tensorflow which one more people use": options named, then asked between."""
    at = next((i for i in range(1, len(words) - 2) if words[i : i + 2] == ("which", "one")), None)
    return at is not None and words[at - 1] not in _RELATIVE_HEADS


_RELATIVE_HEADS = frozenset({"the", "one", "that", "a"})  # ("the one which one of us ...": no question)
_OR_NAH = frozenset({("or", "nah"), ("or", "nope")})
_OR_NOT = frozenset({("or", "not"), ("or", "no")})  # (a question only where it opens as one: "is it ... or not")
AUXILIARIES = frozenset({"is", "does", "would", "will", "can", "could", "should", "do", "are"})
_ASKING_VERBS = AUXILIARIES | {"did", "am"}
_BACK = frozenset({"that", "this", "it", "those", "these"})
_SEVERAL = frozenset({"these", "those", "all"})
_COUNTS = frozenset({"count", "counts", "counted"})  # "does X count (as Y)?"


_SENTENCE_ENDS = frozenset({"?", "!", "."})


def _sentence_asks(parts: list[str], index: int) -> bool:
    """Whether the sentence holding clause `parts[index]` ends with a question mark."""
    for ending in parts[index + 1 :: 2]:
        if ending.strip() == "?":
            return True
        if _ends_sentence(ending):
            return False
    return False


def _ends_sentence(ending: str) -> bool:
    return ending.strip() in _SENTENCE_ENDS or "\n" in ending


# A question word that asks what, how or why, never a modal a statement may open with: "wetin
# be GPU?" (Pidgin: what is a GPU?) asks, "will buy one 4090" states.
_WH_WORDS = frozenset({"what", "what's", "whats", "how", "why", "which", "who", "whom", "whose", "wat", "wats", "wht",
                       "wut", "wetin", "whit's"})  # fmt: skip

# "..., is it blurry, is it the right gate etc": questions listed as examples of what to check
_LIST_GOES_ON = frozenset({"etc", "etcetera"})


def _refers_back(words: tuple[str, ...]) -> bool:
    """Whether a clause asks about what was said before it: "is that ...", "does this count ..."."""
    # ("..., or is that marketing?": an alternative asked about it too)
    start = 1 if words[:1] and (words[0] in OPENERS or words[0] == "or") else 0
    if len(words) > start + 1 and words[start] in AUXILIARIES and words[start + 1] in _BACK:
        return True
    if words[start : start + 2] == ("which", "one"):
        return True  # "torchscript or torch.export for the orin, which one do you actually mean"
    # "abeg what are all these things?", "what is that": asks what the words before it mean
    for at in range(min(2, len(words))):
        rest = [w for w in words[at + 1 : at + 4] if w != "all"]
        if words[at] in ("what", "wat") and rest[:1] and rest[0] in AUXILIARIES and rest[1:2] and rest[1] in _BACK:
            return True
    return False


def _asks_for_a_change(clause: Clause) -> bool:
    """Whether a clause asks, in its first words, to change an answer ("and add ... to priorities")."""
    return not clause.question and not clause.what_if and bool(set(opening(clause.words)[:1]) & _CHANGING)


def _asks_why(clause: Clause) -> bool:
    """Whether a clause asks why ("why pytorch though")."""
    return clause.question and not clause.what_if and opening(clause.words)[:1] == ("why",)
