"""What a reading does to the answers: the rules that keep stored answers to what was said.

- The pending question first: what fits it answers it.
- Other steps' options fill only steps not yet answered, and only when said outright (not by a
  word that names an option only when nothing else does, nor beside a question asked or inside a
  correction of another answer).
- An answered step changes only on a correction cue ("actually", "instead", "drop ...") or when
  the message names the question ("timeline is 3 months"); otherwise the change is proposed and
  the user confirms it.
- Ruled-out options ("not android") are never stored; with a change they are removed.
- Two options that fit a one-choice question equally are a question back, not a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz, process

from bot.conversation import UNSURE, Conversation, Step
from bot.durations import weeks_until
from bot.normalising import normalise
from bot.phrasing import ENDS_ASKING_TO_ADD, has_phrase, without_possessives
from bot.polarity import JOINS
from bot.reading import Found, Reading, is_none_word

_SPECIFIC_WORDS = 3  # a phrase this long outweighs a shorter one for the same question
_NAMED_MORE = 2  # an option named by this many more phrases than another outweighs it
_BARE_NO = frozenset({"no", "nope", "nah", "no no"})  # the "no" that may open a correction


@dataclass
class Plan:
    """The changes one message asks for, before they are applied."""

    pending: list[str] | None = None  # the answer to the pending question
    fills: dict[str, list[str]] = field(default_factory=dict)  # steps not answered before
    updates: dict[str, list[str]] = field(default_factory=dict)  # answered steps, changed on a cue
    proposal: tuple[str, list[str]] | None = None  # an answered step the message would change: ask
    which: tuple[str, list[str]] | None = None  # a one-choice step with several candidates: ask

    @property
    def empty(self) -> bool:
        return not (self.pending or self.fills or self.updates or self.proposal or self.which)


class Planner:
    def __init__(self, conversation: Conversation) -> None:
        self.conversation = conversation
        self._examples: dict[str, dict[str, str]] = {
            step.id: {normalise(e): option.id for option in step.options for e in option.examples}
            for step in conversation.steps
        }
        self._names_asking_for_change = {
            step.id: [normalise(n) for n in step.names if n not in step.names_in_passing] for step in conversation.steps
        }

    def plan(
        self,
        reading: Reading,
        answers: dict[str, list[str]],
        pending: str | None,
        today: date,
        recap: bool = False,
        reopened: bool = False,
    ) -> Plan:
        """The changes `reading` asks of `answers` while `pending` is asked (or at the recap,
        where every answer is open to change: the user was just asked what to change).

        `reopened`: the question asked was asked again for its answer to be changed ("change the
        skills"): a new answer replaces the old. Otherwise a message about a question already
        answered, without a cue, adds to a several-choice answer ("our intern knows pytorch from
        university", said after "tensorflow and keras", is one more skill, not the team's only one)."""
        plan = Plan()
        # A step the message says nothing for (no mention, no deadline) and that is not the one asked
        # gets no value: skipped without reading its values (most of the eight, in most messages).
        mentioned = {f.step_id for f in reading.found}
        for step in self.conversation.steps:
            dated = step.kind == "duration" and reading.weeks is not None
            if step.id not in mentioned and step.id != pending and not dated:
                continue
            said, ruled_out, phrases = self._step_values(step, reading, today, pending)
            said = known_sense(reading, step.id, said, answers.get(step.id, []))
            if (
                step.id == pending
                and said
                and _only_weak(reading, step.id)
                and (reading.correction or reading.names_steps - {pending})
                and not _nothing_said(reading, step.id)
            ):
                # "no wait, timeline is 3 months": the "no" starts a correction ("no wait that was
                # the previous company. here nothing" still says nothing runs)
                said = []
            if step.id == pending:
                # A message that is one of the option's examples means that option, whatever
                # words in it mean elsewhere ("suggesting the next video" is a recommender).
                said = self._example(step, reading) or said
                if not said:
                    said = self._all(step, reading)
            if not said and not ruled_out:
                continue
            # "Cost please. Nothing else.": an answer that rules out the others ("nothing else")
            # beside one of them means nothing beyond it.
            exclusive = {o.id for o in step.options if o.exclusive}
            if step.kind == "many" and set(said) - exclusive:
                said = [o for o in said if o not in exclusive]
            # "Not sure" is no answer to keep: a later statement fills it without asking.
            open_step = step.id not in answers or answers[step.id] == [UNSURE]
            all_said = said
            if step.kind != "many" and len(said) > 1:
                best = _excepted(reading, step.id, said) or _most_specific(said, phrases) or step.outranking(said)
                if best is None:
                    if step.id == pending or open_step:
                        plan.which = plan.which or (step.id, said)
                    continue
                said = [best]
            before = [v for v in answers.get(step.id, []) if v != UNSURE]
            if step.id == pending and step.id not in answers:
                # ("computer vision, but no face recognition": a part ruled out, the kind said in other words)
                value = _without(said, ruled_out)
                if not value and not _without(all_said, ruled_out):
                    value = _said_apart(reading, step.id, said)
                if value:
                    plan.pending = value
                continue
            if open_step:
                # The project's own kind ("the use case") is read from its question, the opening
                # message, a correction or a message of nothing else, not from nouns said in passing
                # while another question is asked ("the recordings sit in the cloud", "ticket
                # sales"), even after "not sure".
                passing = (
                    (step.names_the_project or pending in step.not_filled_while)
                    and pending is not None
                    and not (reading.cue == "replace" or step.id in reading.names_steps)
                    and not _only_names_of(step, reading)
                )
                if said and not passing and not (pending is not None and _doubtful(step, reading, said)):
                    plan.fills[step.id] = _without(said, ruled_out) or said
                continue
            named = step.id in reading.names_steps or step.id == pending
            replaces = self._named_to_change(step, reading) or (
                step.id == pending and (reopened or _said_as_the_only(step, reading))
            )
            changed = self._changed(step, before, said, ruled_out, reading, replaces, named)
            if changed is None or changed == before or (not changed and not before):
                continue
            # ("also", "too" add to a several-choice answer; a one-choice answer they would replace
            # is asked about: "an AMD node too but we don't train on it" is no new use case)
            corrects = reading.correction and (reading.operation != "add" or step.kind == "many")
            if recap or corrects or named:
                plan.updates[step.id] = changed
            elif plan.proposal is None and said:
                plan.proposal = (step.id, changed)
        return plan

    def _named_to_change(self, step: Step, reading: Reading) -> bool:
        """Whether a message names the question otherwise than in passing ("the targets are ...",
        not "it can run on our AWS server")."""
        if step.id not in reading.names_steps:
            return False
        return has_phrase(without_possessives(reading.text), self._names_asking_for_change[step.id])

    @staticmethod
    def duration_option(step: Step, weeks: float) -> str:
        """The option of a duration step that a deadline `weeks` away falls in."""
        for option in step.options:
            if option.max_weeks is None or weeks <= option.max_weeks:
                return option.id
        return step.options[-1].id

    def _step_values(
        self, step: Step, reading: Reading, today: date, pending: str | None
    ) -> tuple[list[str], list[str], dict[str, tuple[int, int, int]]]:
        found = [f for f in reading.found if f.step_id == step.id]
        said = reading.said(step.id)
        if step.kind == "duration" and reading.weeks is not None:
            said = [self.duration_option(step, reading.weeks)]
        # "no" and "nothing" (and words such as "cost" that are answers only to their own question)
        # count only for the question asked, or one the message names ("take hiring out of the
        # priorities"), or in a message that asks for a change ("remove cost", "I meant notebooks").
        if step.id != pending and step.id not in reading.names_steps and not reading.correction:
            said = [
                o
                for o in said
                if not [f for f in found if f.option_id == o]
                or not all(f.only_when_asked for f in found if f.option_id == o)
            ]
        ruled_out = reading.ruled_out(step.id)
        if step.kind == "duration" and reading.weeks is not None:
            # ("Yesterday 😤 No, seriously: ... on 22 December": the date said outright stands,
            # whatever the joke taken back named; not "not before Christmas", a date ruled out)
            dated_out = {f.option_id for f in found if f.negated and weeks_until(f.phrase, today) is not None}
            ruled_out = [o for o in ruled_out if o not in said or o in dated_out]
        return said, ruled_out, _phrases(found)

    def _changed(
        self,
        step: Step,
        before: list[str],
        said: list[str],
        ruled_out: list[str],
        reading: Reading,
        replaces: bool,
        named: bool,
    ) -> list[str] | None:
        """The step's answer after the message, or None when the message leaves it alone.

        Several-choice steps: "drop X" removes, "also X" adds, "actually X" (or naming the
        question, or answering it asked again: `replaces`) replaces; otherwise it adds."""
        if step.kind != "many":
            if said:
                return said[:1]
            return [] if before and before[0] in ruled_out else None
        operation = reading.operation or ("replace" if replaces else "add")
        if operation == "replace" and reading.news and not ruled_out and (not named or _of_one_person(reading)):
            # "update: Pol has been doing a PyTorch course": news of one more, with nothing ruled
            # out, adds to a several-choice answer ("I meant", a question named, or a "not" replace);
            # so does news of one person, even to the question asked or named ("oh wait my manager
            # knows keras a little", "correction to skills: our new lead knows TensorFlow")
            operation = "add"
        if operation == "remove" and ruled_out:
            # "drop cost, only speed matters": what the drop rules out goes, what is said comes
            return _without(list(dict.fromkeys([*before, *said])), ruled_out)
        if operation == "remove":
            return [v for v in before if v not in said]  # "take hiring out"
        # "swap iOS for Android", "not pytorch but jax": a targeted swap keeps the rest of the answer.
        if operation == "add" and ENDS_ASKING_TO_ADD.search(reading.text):
            # "a cheap linux mini pc instead of a jetson in 2 kitchens, add that": one more, the
            # one it stands in for there still stands elsewhere
            ruled_out = []
        if operation == "add" or not said or ruled_out:
            return _without(step.joined(before, said, told_to_add=reading.cue == "add"), ruled_out)
        return _without(said, ruled_out)

    @staticmethod
    def _all(step: Step, reading: Reading) -> list[str]:
        """ "All of them" on a several-choice question: every option but the exclusive ones (and
        those ruled out: "everything but hiring")."""
        if step.kind != "many" or not reading.all_options:
            return []
        ruled_out = reading.ruled_out(step.id)
        if any(f.step_id != step.id for f in reading.found):
            return []  # ("everything but tensorflow", asked about priorities, excepts nothing of them)
        return [o.id for o in step.options if not o.exclusive and o.id not in ruled_out]

    def _example(self, step: Step, reading: Reading) -> list[str]:
        """The option whose example utterances the whole message is closest to, if close enough."""
        examples = self._examples.get(step.id) or {}
        if not examples or not reading.text:
            return []
        best = process.extractOne(reading.text, list(examples), scorer=fuzz.token_sort_ratio, score_cutoff=92)
        return [examples[best[0]]] if best is not None else []


def _of_one_person(reading: Reading) -> bool:
    """Whether a message speaks of one person ("my manager", "our intern", "Karthik in my team",
    "she"): what that person knows or trains on is one more answer, even where the question is
    named ("correction to skills: our new mobile lead knows TensorFlow well")."""
    # (not one who only reports: "my colleague says the inference will run on a Linux PC")
    return any(not reading.text[match.end() :].startswith(_REPORTING) for match in _ONE_PERSON.finditer(reading.text))


# (one of us: "my manager", "our grad", "our werkstudentin Lea", "the new IT lad", "Karthik in my team",
# "he", "she")
_ONE_PERSON = re.compile(
    r"\b(?:(?:my|our) (?:\w+ )?|(?:the|a) new (?:\w+ )?)(?:manager|boss|intern|cousin|brother|sister|grad"
    r"|colleague|coworker|student|lead|friend|junior|hire|werkstudentin|werkstudent|analyst|engineer|dev|developer"
    r"|lad|guy|gal|girl|bloke|start|starter|joiner|recruit)\b"
    r"|\b(?:he|she|he's|she's)\b|\b(?:in|on) my team\b"
)


_REPORTING = (" says", " said", " tells", " told", " thinks", " reckons")


def _said_as_the_only(step: Step, reading: Reading) -> bool:
    """Whether an option of the step is said to be the only one ("just my MacBook please",
    "PyTorch only"): what the answer becomes, not one more. ("not only Android" adds: that
    "only" is denied, and Android is not found ruled out but said.)"""
    for f in reading.found:
        if f.step_id != step.id or f.negated or f.hedged:
            continue
        phrase = re.escape(f.phrase)
        if re.search(rf"(?<!not )\b(?:only|just)\s+(?:(?:the|my|our)\s+)?{phrase}\b|\b{phrase}\s+only\b", reading.text):
            return True
    return False


def _only_names_of(step: Step, reading: Reading) -> bool:
    """Whether the whole message is this step's options and nothing else ("image classification"):
    an answer to its question arriving late, not words said in passing."""
    named = {w for f in reading.found if f.step_id == step.id and not f.negated for w in f.phrase.split()}
    words = reading.text.split()
    return bool(named) and all(w in named or w in JOINS for w in words)


def _doubtful(step: Step, reading: Reading, said: list[str]) -> bool:
    """Whether what a message says in passing for a question not asked is too weak to store: only
    words that name an option when nothing else does ("sensors", "GPUs", "a PhD"), or said beside
    a question the person asks ("does TensorFlow still get updates? I read Google is moving to
    JAX") or inside a correction of another answer, where it is context more often than the team's
    answer. The question is asked in its turn instead: a wrong answer stored is worse than one
    more question."""
    found = [f for f in reading.found if f.step_id == step.id and f.option_id in said and not f.negated]
    weak = bool(found) and all(f.generic for f in found)
    # (a correction of one answer names the others it touches only as its context: "it's not TF1,
    # it's TF 2.4 with keras in it, so put that down instead" corrects the stack, not the skills)
    # ("actually, it's speech recognition", naming nothing else, corrects that very answer)
    correcting_another = (
        reading.cue == "replace"
        and step.id not in reading.names_steps
        and any(f.step_id != step.id for f in reading.found)
    )
    return weak or bool(reading.questions) or correcting_another


def _nothing_said(reading: Reading, step_id: str) -> bool:
    """Whether the message says "nothing" / "none" for the step, not only a "no" that may open a correction."""
    return any(f.step_id == step_id and not f.negated and f.phrase not in _BARE_NO for f in reading.found)


def _only_weak(reading: Reading, step_id: str) -> bool:
    """Whether all the message says for the step is a bare "no" / "nothing"."""
    found = [f for f in reading.found if f.step_id == step_id and not f.negated]
    return bool(found) and all(f.only_when_asked and is_none_word(f.phrase) for f in found)


def known_sense(reading: Reading, step_id: str, said: list[str], before: list[str]) -> list[str]:
    """ "what if the worker's phone has no signal?": a word meaning several options of a question
    ("phone": Android or iOS), where the answer already holds some of them, means those; it adds
    no other (an option also named in words of its own still counts)."""
    if not before or len(said) < 2:
        return said
    senses: dict[str, set[str]] = {}
    for f in reading.found:
        if f.step_id == step_id and not f.negated:
            senses.setdefault(f.phrase, set()).add(f.option_id)
    own = {o for options in senses.values() if len(options) == 1 for o in options}
    held = set(before)
    dropped = {o for options in senses.values() if len(options) > 1 and options & held for o in options - held - own}
    return [o for o in said if o not in dropped]


def _without(values: list[str], ruled_out: list[str]) -> list[str]:
    return [v for v in values if v not in ruled_out]


def _phrases(found: list[Found]) -> dict[str, tuple[int, int, int]]:
    """Each option's strongest mention (exact before typo, then more words), and how many
    different phrases name it."""
    strength: dict[str, tuple[int, int]] = {}
    named: dict[str, set[str]] = {}
    for mention in found:
        if not mention.negated:
            here = (int(mention.exact), len(mention.phrase.split()))
            strength[mention.option_id] = max(here, strength.get(mention.option_id, (0, 0)))
            named.setdefault(mention.option_id, set()).add(mention.phrase)
    return {o: (*strength[o], len(named[o])) for o in strength}


def _excepted(reading: Reading, step_id: str, said: list[str]) -> str | None:
    """Of a "nothing" and an option said after it with a word that excepts it, the option: "nothing
    in prod, only that tflite thing in the app" is the TFLite app, not a fresh start."""
    words = reading.text.split()
    spans = [(f, _span(words, f.phrase)) for f in reading.found if f.step_id == step_id and f.option_id in said]
    for none, (_, none_end) in spans:
        if none_end < 0 or none.negated or not _NOTHING_WORDS & set(none.phrase.split()):
            continue
        after = {
            f.option_id
            for f, (start, _) in spans
            if f.option_id != none.option_id
            and not f.negated
            and start >= none_end
            and _EXCEPTING & set(words[none_end:start])
        }
        if len(after) == 1:
            return after.pop()
    return None


def _span(words: list[str], phrase: str) -> tuple[int, int]:
    """Where `phrase` first stands in `words` (start, end), or (-1, -1)."""
    size = len(phrase.split())
    for start in range(len(words) - size + 1):
        if " ".join(words[start : start + size]) == phrase:
            return start, start + size
    return -1, -1


_NOTHING_WORDS = frozenset({"nothing", "none", "no", "zero", "nada"})
_EXCEPTING = frozenset({"only", "just", "except", "apart", "besides", "other", "but", "save"})


def _most_specific(said: list[str], strength: dict[str, tuple[int, int, int]]) -> str | None:
    """Among options for a one-choice step, the one named most surely: an exact phrase over a
    typo ("fraud" over "transactions" read as "translation"), a longer phrase over a shorter
    ("don't train anything" over "gemma"), or one named again and again over one named once
    ("It's research ... a protein language model paper. So papers"); None when two are named
    equally."""
    ranked = sorted(((strength.get(o, (0, 0, 0))[:2], o) for o in said), reverse=True)
    (best, best_words), (second, second_words) = ranked[0][0], ranked[1][0]
    # (two phrases as long and as exact are a tie, not won by the option's name)
    if best > second or (best_words >= _SPECIFIC_WORDS and best_words > second_words):
        return ranked[0][1]
    counts = sorted(((strength.get(o, (0, 0, 0))[2], o) for o in said), reverse=True)
    if counts[0][0] >= counts[1][0] + _NAMED_MORE:
        return counts[0][1]
    return None  # "computer vision and speech": ask which


def _said_apart(reading: Reading, step_id: str, said: list[str]) -> list[str]:
    """The options said in other words than those that rule them out ("count visitors with a
    camera. No face recognition": the vision said stands, the face recognition goes)."""
    found = [f for f in reading.found if f.step_id == step_id and not f.hedged]
    apart: list[str] = []
    for option in said:
        said_in = {f.phrase for f in found if f.option_id == option and not f.negated}
        ruled_out_in = {f.phrase for f in found if f.option_id == option and f.negated}
        # (the option's own name ruled out is the option, not a part of it: "android? no, not android")
        if said_in - ruled_out_in and option not in ruled_out_in:
            apart.append(option)
    return apart
