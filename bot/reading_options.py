"""The options one clause names, with their polarity: said, ruled out ("not android"), or hedged
("maybe the browser later"), in the context of the question asked and of what else the clause says
(a machine for something other than training, a place that says where another option runs, a
word that yields to a more specific one)."""

from __future__ import annotations

from dataclasses import replace

from bot.conversation import Conversation
from bot.durations import starts_with_amount
from bot.matching import ANY_STEP, Matcher, Mention
from bot.normalising import normalise
from bot.phrasing import gap_words, has_phrase, objects_of, without_possessives
from bot.polarity import ARTICLES, JOINS, Polarity, closes_a_list, is_none_word
from bot.reading_changes import Changes
from bot.reading_clauses import Clause
from bot.reading_message import MessageRules
from bot.reading_types import Found

# Words of serving a model: asked what they train on, a clause with them names where it runs instead
_SERVING = frozenset({"serving", "serve", "served", "inference", "deploy", "deployed", "deploying", "deployment"})
_INNER_PHRASE = 4  # characters: a shorter name inside another question's phrase is part of that name
# "the M2 laptops are for viewing mosaics only", "an M1 macbook but that's for netflix": a machine
# said to be for something other than training is not where models train (nor ruled out)
_FOR_ANOTHER_USE = frozenset({"only", "just", "is", "are", "thats", "that's", "its", "it's", "mainly"})
_PAST_USE = frozenset({"was", "were", "used"})
_NOT_USED_TO = (("dont",), ("don't",), ("do", "not"), ("never",), ("not", "for"), ("aren't", "for"), ("arent", "for"))
# "my M1 air but I wouldn't train on that lol": what one would not do with it ("I won't train on
# it" takes it back: see negation)
_WOULD_NOT = (
    ("i", "wouldn't"), ("i", "wouldnt"), ("i", "would", "not"), ("we", "wouldn't"), ("we", "wouldnt"),
    # ("we all have windows laptops but we won't train on those")
    ("we", "won't"), ("we", "wont"), ("we", "will", "not"), ("i", "won't"), ("i", "wont"),
)  # fmt: skip
_ANOTHER_USE_REACH = 8  # words after the machine
_QUESTION_WORDS = frozenset({"question", "questions", "q"})
_SUBJECT_PRONOUNS = frozenset({"it", "that", "this", "which", "they", "these", "those"})
# Words that put what follows as where the option before runs ("nightly batch on azure")
_AT_A_PLACE = frozenset({"on", "in", "at"})
# "train" is the verb after these ("we train", "to train"); elsewhere it may be the vehicle
_TRAIN_AS_VERB = frozenset(
    {"we", "i", "they", "you", "to", "will", "would", "can", "could", "should", "must", "and", "or"}
)
_RUNNING = frozenset({"production", "prod", "serving", "deployed", "deployment", "running", "served"})
_DEFINITE = frozenset({"the", "our", "this", "that", "their", "these", "those", "my", "your"})


class ClauseOptions:
    """Finds the options in one clause, for one conversation definition."""

    def __init__(
        self,
        conversation: Conversation,
        matcher: Matcher,
        polarity: Polarity,
        rules: MessageRules,
        changes: Changes,
    ) -> None:
        """`changes`: the cue words of removing ("drop", "take ... out") and replacing."""
        self.matcher = matcher
        self.polarity = polarity
        self.removal_cues = changes.cues["remove"]
        cues = conversation.cues
        # What a generic word yields to: any other option of its question, or, for an option that
        # takes the place of others, only those ("no GPU" is CPU only beside Windows, not beside TPUs)
        self._yields_to = {
            (step.id, option.id): frozenset(option.replaces or (o.id for o in step.options))
            for step in conversation.steps
            for option in step.options
        }
        self.needs_while = {step.id: set(step.needs_while) for step in conversation.steps if step.needs_while}
        self.knowing_words = {step.id: {normalise(w) for w in step.knowing_words} for step in conversation.steps}
        self.running_words = {normalise(w) for w in cues.running_words}
        self.step_names = rules.step_names
        self.context_of = rules.context_of
        self.project_steps = rules.project_steps
        self.negators = polarity.negators
        self.importance = rules.importance
        self.importance_before = rules.importance_before
        self.importance_phrases = rules.importance_phrases
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
        # (the first words of those pages: most clauses hold none, and skip the search)
        self.page_heads = frozenset(p.split()[0] for pages in self.pages.values() for p in pages)
        self.ruled_out_apart = {normalise(w) for w in cues.ruled_out_apart}
        self.places_steps = {s for step in conversation.steps for s in step.runs_on}
        # (words that change what a clause names: no place there is only where the new one goes)
        self._changing_phrases = sorted(
            {*self.negators, *polarity.after_negators, *changes.cues["replace"], *changes.cues["remove"]}
        )

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

    def found(self, words: tuple[str, ...], pending: str | None, hypothetical: bool = False) -> list[Found]:
        # A clause naming a question is read as its answer ("if the existing stack were PyTorch"
        # is PyTorch in production, not PyTorch skills).
        mentions = self._pending_first(self.matcher.mentions(" ".join(words), pending), pending)
        if pending is not None and not any(m.step_id == pending for m in mentions):
            named_step = self.named_step(words)
            # (read again only where that question is not answered yet: "run on a microcontroller")
            if named_step not in (None, pending) and not any(m.step_id == named_step for m in mentions):
                mentions = self._pending_first(self.matcher.mentions(" ".join(words), named_step), named_step)
        mentions = self._known_not_running(mentions, words, pending)
        everything = mentions
        # "take the browser out", "dropped the server", "ditched the ipads": what a removal acts on
        taken_out = gap_words(words, self.removal_cues) | objects_of(words, self.removal_cues)
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
                    self.yields(m.step_id, m.option_id, specific - ruled_out)
                    or ((m.step_id, m.end) in naming and self.yields(m.step_id, m.option_id, specific))
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
        found = self.places_dropped(words, found)
        if any(f.negated for f in found):
            # "nobody has touched tensorflow": the "nobody" rules TensorFlow out; it is no answer
            # ("new to ML") of its own.
            found = [f for f in found if not (is_none_word(f.phrase) and f.only_when_asked)]
        return found

    def apart_kept(self, found: list[Found]) -> list[Found]:
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
            self.for_another_use(after[index - 1 :]) and not set(after[:index]) & _PAST_USE
            for index in range(1, len(after))
        )

    def for_another_use(self, words: tuple[str, ...]) -> bool:
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
            and not starts_with_amount(" ".join(words[2:5]))  # ("the TPU credits are only for 3 months": how long)
        )

    def _about_training(self, words: tuple[str, ...]) -> bool:
        """Whether a clause speaks of training ("we train on", "training will run on"; not "the
        inspection train")."""
        return any(
            word in self.training_words and (word != "train" or (index > 0 and words[index - 1] in _TRAIN_AS_VERB))
            for index, word in enumerate(words)
        )

    def yields(self, step_id: str, option_id: str, specific: set[tuple[str, str]]) -> bool:
        """Whether a generic word of an option gives way to an option named outright ("intel gpu max")."""
        yields_to = self._yields_to[(step_id, option_id)]
        return any(step == step_id and option in yields_to for step, option in specific)

    def named_step(self, words: tuple[str, ...]) -> str | None:
        """The one question a clause names ("the existing stack", "the deadline"), if any."""
        said = without_possessives(" ".join(words))
        named = [step for step, names in self.step_names.items() if has_phrase(said, names)]
        return named[0] if len(named) == 1 else None

    def places_dropped(
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

    def about_knowing(self, words: tuple[str, ...], pending: str | None) -> bool:
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


def _definite(words: tuple[str, ...], mention: Mention) -> bool:
    """Whether "the", "our" or "this" comes just before the option ("the new fraud model")."""
    return bool(set(words[max(0, mention.start - 2) : mention.start]) & _DEFINITE)
