"""The command a message is ("start over pls", "please erase what I told you"): what a reading asks
first. Requests in a sentence ("can we start from zero") are read in `bot.reading_requests`,
misspelt commands ("hlep") in `bot.reading_typos`, options picked by number ("2", "the first one")
in `bot.reading_numbers`."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Literal, NamedTuple

from bot.conversation import Conversation
from bot.durations import weeks_until
from bot.matching import ANY_STEP, Matcher
from bot.normalising import normalise
from bot.phrasing import CLAUSE, has_phrase
from bot.polarity import OPENERS, closes_a_list, is_none_word
from bot.reading_requests import REQUEST_SENTENCE, Requests
from bot.reading_typos import CommandTypos

_SMALL_TALK = frozenset({"greet", "thanks"})
# Commands that hold as a message's first clause whatever follows ("not sure" does not: "not sure,
# maybe pytorch and keras" goes on to answer).
_OPENING_COMMANDS = frozenset({"cancel", "restart", "back", "help", "forget", "recommend_now", "resume"})
# Words that start the writer's own clause after a command said without punctuation
_RUN_ON_STARTS = frozenset({"i", "i'm", "im", "we", "we're", "my", "sorry", "oops", "need", "have", "gotta"})
# Commands that words answering the question asked outweigh (restarting loses every answer)
_ANSWERABLE = frozenset({"restart", "cancel"})
_LATER_SELF = frozenset({"i'll", "ill", "we'll"})  # who will go on later
# Commands a user may say not to do ("don't restart"): read as "keep", never as the command.
_REFUSABLE = frozenset({"restart", "cancel", "forget", "back", "recommend_now", "unsure"})
_REFUSALS = ("don't", "dont", "do not", "no need to", "never", "not", "no need for", "please don't", "pls dont")
_DESTRUCTIVE = frozenset({"restart", "forget"})
# Asking whether one must do something oneself ("do i have to redo the whole thing?") is no request
_ASKING_WHETHER = ("have to", "need to", "should we", "should i", "must we", "must i", "do we", "do i")
_HELP_NAMED = frozenset({"help", "menu", "commands", "manual", "instructions"})
_MAYBES = frozenset({"maybe", "perhaps", "possibly", "might", "probably"})
_YES_CLAUSE = 4  # words: "it is correct" beside a yes says yes too
_YES_SENTENCE = 8  # words: a short message opening with "yes" and naming nothing is a yes
_YES = frozenset({"yes", "yep", "yeah", "yup", "ya", "aye", "hai", "oui", "ja", "si", "sí", "da", "dale"})
# Words before "back" that say someone answered: "heard back", "IT got back to me"
_REPLIED = [[w] for w in ("heard", "hear", "called", "rang", "wrote", "texted", "emailed", "replied", "got", "came")]
# "keep it simple": a way to build it, not "keep my answer"
_KEEP_IT_SIMPLE = re.compile(r"\bkeep (?:it|things|this|everything) (?:simple|short|small|lean|light|basic|boring)\b")
_SENTENCES = re.compile(r"[.!;\n]+")
# After the advice, "no thanks, keep it as the weekly job": the answers kept as they are, the
# option named being the one already given ("keep it as a batch job instead" changes it)
_KEPT_AS = re.compile(
    r"(?:\b(?:keep|leave) (?:it|things|everything|them|that|the \w+(?: \w+)?) (?:as|like (?:it was|before))\b"
    # ("no no, keep it on the phone like before", "nah leave it in the browser, don't change anything")
    r"|\b(?:keep|leave) it\b.{0,30}\blike before\b|\b(?:don'?t|do not) change anything\b"
    # ("no no, keep jetson as it was, coral can't do 6 streams": the answer named, as it stands)
    r"|\b(?:keep|leave) \w+(?: \w+)? as (?:it|they) (?:was|were|is|are)\b)"
    r"(?!.*\b(?:instead|rather)\b)"
)
# ... and "Keep Coral.", "no, stay with Orin", "no, keep the TPU answer as it was": a short reply
# that keeps the answer it names (not "keep coral and add jetson", "stick with tf instead?", nor
# "keep it cheap", which says how)
_KEEP_NAMED = re.compile(
    # ("no no, don't change my answers, keep the Jetson": refusals and a plea first)
    r"(?:(?:no|nah|nope|naw)\s+)*(?:(?:don'?t|do not) change (?:my|our|the) answers\s+)?"
    # ("No, you're grand, keep the batch job in there as it was.")
    r"(?:(?:you'?re|you are|it'?s|that'?s) (?:grand|fine|good|ok|okay|alright)\s+)?"
    r"(?:keep|stay with|stick with|stay on|stick to)\s+(?:the\s+|our\s+|my\s+)?"
    r"(?!it\s)(?!(?:.*\s)?(?:instead|rather|also|too|and|add|but|plus)(?:\s|$))(?:\S+\s+){0,4}?\S+"
    r"(?:\s+(?:in there\s+)?as (?:it was|it is|is|before|they were|they are))?"
)
_TAKEN_SOMEWHERE = re.compile(r"\btake it (?:to|into|with|up with|home|back)\b")
# "he's not leaving", "she isn't quitting": someone staying, no leaving of the writer's
_WRONG = frozenset({"wrong", "incorrect", "mistake"})  # what a "Stop." before a correction says
_STAYING = re.compile(r"\b(?:not|never|isn't|isnt|aren't|arent|won't|wont) (?:leaving|quitting|going anywhere)\b")
_COMING_BACK = re.compile(r"\bcome back (?:to (?:this|it)|later)\b")
# "gotta run" that says how the model must run ("gotta run quick on the pi"), not that the user must go
_RUNS_HOW = re.compile(
    r"\b(?:gotta|got to|have to|has to|needs? to|must|should) run (?:fast|quick|quickly|smooth|smoothly|well|on|in"
    r"|at|offline|locally|under|real|sharp|faster|without)\b"
)
_COMMAND_SENTENCE = 22  # words: a longer message is an answer or a question, not a command
_WORD_COMMAND_SENTENCE = 6  # words: beyond, an everyday command word is part of a sentence
_EVERYDAY_WORDS = frozenset({"back", "help", "end", "the end"})  # "back to school", "in the end"; not "cancel"
_TYPO_SENTENCE = 5  # words: a message this short that names nothing may be a misspelt command
_AFTER_AN_ANSWER = frozenset({"keep", "resume", "cancel"})  # commands a reason may sound like


def _assents(words: list[str], filler: frozenset[str] | set[str]) -> bool:
    """Whether a short message only agrees: words of assent and the words that carry them, not
    opening as a question ("is that correct")."""
    return (
        0 < len(words) <= _ASSENT_WORDS
        and words[0] not in ("is", "does", "are")
        and bool(set(words) & _ASSENT)
        and set(words) <= _ASSENT | _ASSENT_CARRIERS | set(filler)
    )


def _returns_to_a_topic(clause: str) -> bool:
    """ "Going back to where it runs", "coming back to the hardware": a topic picked up again,
    not "go back to the previous question"."""
    words = clause.split()
    opens = words[:3] in (["going", "back", "to"], ["coming", "back", "to"]) or words[:2] == ["back", "to"]
    return opens and not set(words) & _UNDO_WORDS


def _outermost(phrases: list[str]) -> list[str]:
    """The phrases not inside another of them ("help" is part of "thanks for your help")."""
    return [p for p in phrases if not any(p != q and f" {p} " in f" {q} " for q in phrases)]


def _preceded_everywhere(said: str, phrases: list[str], words_before: tuple[str, ...]) -> bool:
    """Whether every place `said` holds one of `phrases` comes right after one of `words_before`."""
    padded = f" {said} "
    places = [padded[: at + 1].split() for phrase in phrases for at in _occurrences(padded, f" {phrase} ")]
    return bool(places) and all(" ".join(before[-3:]).endswith(words_before) for before in places)


def _occurrences(text: str, phrase: str) -> list[int]:
    found, at = [], text.find(phrase)
    while at >= 0:
        found.append(at)
        at = text.find(phrase, at + 1)
    return found


def _goes_back_elsewhere(said: str) -> bool:
    """ "I go back to my figurines", "back to work", "the back office box", "go back into the DCS":
    going back somewhere, or a place at the back, not back to a question."""
    words = said.split()
    return (
        (
            any(
                word == "back"
                and (
                    (words[index + 1 : index + 2] == ["to"] and words[index + 2 : index + 3] in _ELSEWHERE)
                    # ("the registers must go back to the diocese": a place, not a question)
                    or (
                        words[index + 1 : index + 3] == ["to", "the"]
                        and len(words) > index + 3
                        and words[index + 3] not in _BACK_TARGETS
                    )
                    or words[index + 1 : index + 2] in _BACK_PLACES
                    or words[index + 1 : index + 2] == ["into"]  # ("predictions go back into the DCS")
                    or words[index + 1 : index + 2] == ["from"]  # ("ok heard back from Priya: ...")
                    or words[index - 1 : index] in _REPLIED  # ("ok heard back: server", "IT got back to me")
                )
                for index, word in enumerate(words)
            )
            and not set(words) & _UNDO_WORDS
        )
        or any(
            # ("Update from the board: go-live has been pushed back to September")
            word == "back" and words[index - 1 : index] in _SHIFTED
            for index, word in enumerate(words)
        )
    )


_SHIFTED = (["pushed"], ["push"], ["pushes"], ["pushing"], ["moved"], ["slipped"], ["slips"], ["slid"], ["kicked"])
_ELSEWHERE = (["my"], ["our"], ["his"], ["her"], ["their"], ["work"], ["home"])
# What going "back to the ..." may mean in the conversation itself ("back to the previous question")
_BACK_TARGETS = frozenset(
    {"previous", "last", "question", "questions", "start", "beginning", "step", "one", "earlier", "prior", "first"}
    | {"top", "menu", "other", "main", "old", "original", "skills", "hardware", "timeline", "deployment", "stack"}
    | {"priorities", "use", "team", "deadline", "recap", "summary", "list", "options", "choices", "answer", "answers"}
)
_BACK_PLACES = (["office"], ["room"], ["yard"], ["end"], ["door"], ["seat"], ["shed"], ["garden"])
_EVERYDAY_COMMANDS = frozenset({"help"})
# A short message of assent, in words of its own ("OK, that is fine", "looks fine", "correct, all of
# it"): words that agree, and words that only carry them
_ASSENT = frozenset(
    {"ok", "okay", "fine", "correct", "right", "good", "yes", "yep", "yeah", "perfect", "accurate", "sure"}
)
_ASSENT_CARRIERS = frozenset(
    {"that", "is", "it", "all", "of", "this", "everything", "seems", "looks", "look", "that's", "thats", "it's", "its"}
    | {"sounds", "now", "totally", "completely", "quite", "very", "so", "far", "to", "me"}
)
_ASSENT_WORDS = 6  # words: longer messages say more than yes
# a clause whose subject is someone ("colleague quit friday", "my dev stopped"): a report, no command
_SUBJECT_FIRST = re.compile(
    r"^(?:my |our |the |a )?(?:colleague|coworker|dev|developer|intern|boss|he|she|they|guy|friend)s? "
)
# words after a yes that make it the start of a change or take it back ("yes but ...", "ja nee")
_BUT = frozenset({"but", "except", "however", "not", "no", "wrong", "nee", "nein", "nope", "nah"})
# words before a leaving command that leave it the writer's ("i quit", "we can end"), besides the
# openers and filler words ("just stop", "ok quit")
_THE_WRITER = frozenset({"i", "we", "now", "can", "could", "lets", "let's", "to"})
_UNDO_WORDS = frozenset({"question", "previous", "last", "answer", "step", "one"})


class CommandReader:
    """Reads commands for one conversation definition. `operation` tells whether words
    ask to change an answer ("remove cost" is a change, not a skipped question)."""

    def __init__(self, conversation: Conversation, matcher: Matcher, operation: Callable[[str], object]) -> None:
        cues = conversation.cues
        self.conversation = conversation
        self.matcher = matcher
        self.operation = operation
        self.filler = {normalise(w) for w in cues.filler}
        # Phrases that make a short message a command wherever they stand in it: the commands'
        # phrases of two words or more, and the single words the cues call distinctive.
        distinctive = {normalise(w) for w in cues.command_words}
        self.command_phrases: dict[str, list[str]] = {}
        self.command_words: dict[str, list[str]] = {}
        for name, phrases in matcher.command_phrases().items():
            self.command_phrases[name] = [p for p in phrases if len(p.split()) >= 2 or p in distinctive]
            self.command_words[name] = [p for p in phrases if p in distinctive and len(p) >= 4]
        self.phrases_by_first_word: dict[str, list[tuple[str, str]]] = {}
        for name, phrases in self.command_phrases.items():
            for phrase in phrases:
                self.phrases_by_first_word.setdefault(phrase.split()[0], []).append((name, phrase))
        # each command's own phrases; and with the verbs that ask for it in a sentence ("redo")
        self.own_phrases = {name: [p for p in phrases if p] for name, phrases in matcher.command_phrases().items()}
        self.exact_commands = {p: name for name, phrases in self.own_phrases.items() for p in phrases}
        # ("just tell me which one": the words that ask outright for the advice now, inside a longer
        # message; not "what to pick", which "not sure what to pick" only doubts)
        self.asking_for_the_advice = [
            p for p in self.own_phrases.get("recommend_now", []) if {"just", "tell"} & set(p.split())
        ]
        self.requests = Requests(conversation, matcher, self.own_phrases, self.exact_commands)
        self.all_phrases = {name: list(phrases) for name, phrases in self.own_phrases.items()}
        for name, (verbs, _) in self.requests.phrases.items():
            self.all_phrases[name] = [*self.all_phrases.get(name, []), *sorted(verbs)]
        # words that make a yes the start of a change ("yes but the deadline is march", "ok, wait")
        self.not_yes = _BUT | {word for phrase in cues.replace if " " not in (word := normalise(phrase))}
        self.command_vocabulary = frozenset(
            w for phrases in matcher.command_phrases().values() for p in phrases for w in p.split()
        ) | frozenset(self.filler)
        self.typos = CommandTypos(
            matcher, self.command_vocabulary, self.filler, self.exact_commands, self.command_words
        )

    def command(self, text: str, pending: str | None = None, today: date | None = None) -> str | None:
        """The command a message is: the whole message ("start over"), with filler around it
        ("ok resume pls"), a misspelt word ("hlep", "bakc"), or a command phrase inside a short
        message that names no option ("let's stop here, I'll come back later")."""
        command = self._command(text, pending, today)
        said = normalise(text)
        message = _Message(text, said, pending)
        when = "asking" if message.asked else "any_step" if pending == ANY_STEP else None
        for rule in _SECOND_THOUGHTS:
            if command in rule.commands and rule.when in (None, when) and rule.holds(self, message, command or ""):
                command = rule.becomes
                if rule.final:
                    break
        return command

    def said_alone(self, words: tuple[str, ...]) -> str | None:
        """The command a clause is on its own, filler aside ("not sure yet", "honestly, dunno")."""
        return self.exact_commands.get(" ".join(w for w in words if w not in self.filler))

    def _keeps_named(self, text: str, said: str) -> bool:
        """Whether a short reply keeps an answer it names ("Keep Coral.", "no, stay with Orin"), or
        opens with such a sentence and then only says why ("No, stay with the Jetson. Coral's op
        coverage is too limited for our models.")."""
        if "?" in text:
            return False
        first = normalise(_SENTENCES.split(text.strip(), maxsplit=1)[0])
        because = said[len(first) :] if said.startswith(first) else ""
        if _KEEP_NAMED.fullmatch(said) is None and _KEEP_NAMED.fullmatch(first) is None:
            # ("nope, keep coral, battery team just said no. final.": the keeping in its first two
            # clauses, the reason after them names nothing)
            parts = CLAUSE.split(text.strip(), maxsplit=2)
            first = normalise(" ".join(parts[:3]))
            because = said[len(first) :] if said.startswith(first) else ""
            if not because or self.matcher.mentions(because):
                return False
        return (
            _KEEP_NAMED.fullmatch(said) is not None
            or (_KEEP_NAMED.fullmatch(first) is not None and not self.operation(because))
        ) and self._names_an_option(first, ANY_STEP)

    def _names_an_option(self, said: str, pending: str | None) -> bool:
        """Whether a message names an option: anywhere, or of the question asked in the words that
        answer only it ("yep, nothing running" asked about the stack), a bare "no" aside ("yes no")."""
        if self.matcher.mentions(said):
            return True
        return pending not in (None, ANY_STEP) and any(
            not is_none_word(m.phrase) for m in self.matcher.mentions(said, pending)
        )

    def _names_an_answer(self, said: str, pending: str) -> bool:
        """Whether a message names an option of the question asked by a name of its own (not a word
        such as "yesterday" or "free" that answers only when it is the answer)."""
        return any(m.step_id == pending and not m.only_when_asked for m in self.matcher.mentions(said, pending))

    def _kept_how(self, said: str, pending: str) -> bool:
        """Whether "keep it" goes on to an option of the question asked ("keep it cheap")."""
        return said.split()[:2] == ["keep", "it"] and any(
            m.step_id == pending and m.start == 2 for m in self.matcher.mentions(said, pending)
        )

    def _opens_with_an_answer(self, said: str, pending: str) -> bool:
        """Whether a message opens with an option of the question asked, not with a command word."""
        words = said.split()
        return (
            bool(words)
            and words[0] not in self.command_vocabulary
            and any(
                m.step_id == pending and m.start == 0 and not is_none_word(m.phrase)
                for m in self.matcher.mentions(said, pending)
            )
        )

    def _answered_apart(self, text: str, pending: str) -> bool:
        """Whether a sentence of its own answers the question asked, with no doubt in it."""
        for sentence in _SENTENCES.split(text):
            words = normalise(sentence)
            if (
                not set(words.split()) & _MAYBES
                and self._command_inside(words, pending) != "unsure"
                and any(
                    m.step_id == pending and not is_none_word(m.phrase) for m in self.matcher.mentions(words, pending)
                )
            ):
                return True
        return False

    def _an_answer_instead(self, said: str, command: str, pending: str) -> bool:
        """Whether words that answer outweigh the command (restarting loses every answer): "ok so we
        start from scratch", asked about the existing stack, is a fresh start; "Nothing. Start from
        scratch.", asked where it runs, is the stack said again: the command's phrase is itself an
        answer and the rest of the message names an option too ("start from scratch pls" alone
        still restarts)."""
        if any(m.step_id == pending for m in self.matcher.mentions(said, pending)):
            return True
        padded = f" {said} "
        phrases = [p for p in self.all_phrases.get(command, []) if f" {p} " in padded]
        if not any(self.matcher.mentions(p, ANY_STEP) for p in phrases):
            return False
        for phrase in phrases:
            padded = padded.replace(f" {phrase} ", " ")
        return bool(self.matcher.mentions(padded.strip(), ANY_STEP))  # ("Nothing." said beside it)

    def _command(self, text: str, pending: str | None, today: date | None) -> str | None:
        said = normalise(text)
        command = self.matcher.command(said)
        if command == "confirm" and pending not in (None, ANY_STEP) and "recommend" in said.split():
            return "recommend_now"  # "recommend." while a question is asked: nothing to confirm yet
        if command is not None:
            return command
        words = said.split()
        kept = [w for w in words if w not in self.filler]
        if kept and len(kept) < len(words) and (command := self.matcher.command(" ".join(kept))) is not None:
            return command
        if len(words) == 1 and (command := self.typos.misspelt(words[0])) is not None:
            return command
        opens_yes = words[0] in _YES or (len(words[0]) == 1 and words[1:2] and words[1] in _YES)  # "sí, yes"
        # ("yes but change the timeline to 6 months" is a change: the yes opens it)
        dated = today is not None and weeks_until(said, today) is not None
        changes = bool(set(words) & self.not_yes) or dated
        if (
            len(words) <= _YES_SENTENCE
            and opens_yes
            and "?" not in text
            and not changes
            and not self._names_an_option(said, pending)
        ):
            # "ya dale just tell me what to use": a yes that goes on to ask for something else
            then = self._command_inside(" ".join(words[1:]), pending) if len(words) > 1 else None
            return then if then in ("recommend_now", "help") else "confirm"
        parts = [normalise(part) for part in CLAUSE.split(text)[::2]]  # the clauses, split once
        if not changes and self._yes_among_particles(parts, words, text, pending):
            return "confirm"  # "sí, confirm", "tank yu, yes", "ok na po, confirm"
        inside = self._command_inside(said, pending) if len(words) <= _COMMAND_SENTENCE else None
        if inside == "resume" and words[0] in _LATER_SELF:
            return "cancel"  # "I'll pick this back up after Thanksgiving": stopping now, to go on later
        first = parts[0]
        if first == said:
            first = self._run_on_opening(words, pending) or first  # "go back i messed up the gpu one"
        # (a date answers the deadline, asked or not: said again once it is answered, it is no restart)
        answered = dated and self.matcher.command(first) not in _OPENING_COMMANDS
        if inside is not None and answered and self._dated_beside(said, inside, today):
            # "not sure, in 3 months probably" and "the qualifiers restart on 2027-03-20, live before
            # that" answer the deadline asked; "restart, by march" opens with its command, and in
            # "forget it, I'll ask again next week" the date is the command's own words.
            inside = None
        # A request in a sentence outweighs the thanks or the "not sure" around it ("Thank you.
        # Please erase ...", "could you delete what I entered? I'm not sure I was allowed to").
        requested = (
            self.requests.requested(words)
            if len(words) <= REQUEST_SENTENCE and inside in (None, "unsure", "cancel", "confirm", *_SMALL_TALK)
            else None
        )
        if requested == "back" and _goes_back_elsewhere(said):
            requested = None  # "Basta, cancel everything, I go back to my figurines."
        if inside in ("cancel", "confirm") and requested != "forget":
            requested = None  # ("that'll do me, delete whatever you've kept" asks to forget)
        # (after the advice, "can we start from zero" asks for a restart; while the questions are
        # asked, "we start from zero" may still describe the project)
        if requested is not None and not (
            self.requests.mentions_beside_request(said, words)
            if pending in (None, ANY_STEP)
            else self.matcher.mentions(said)
        ):
            return requested
        clause_request = (
            self.requests.requested_in_a_clause(parts, said, pending)
            if inside in (None, "unsure", *_SMALL_TALK)
            else None
        )
        if clause_request == "cancel" and self._halts_a_mistake(parts, said):
            clause_request = None
        if clause_request == "back" and _goes_back_elsewhere(said):
            clause_request = None  # ("Update from the board: go-live has been pushed back to September")
        if clause_request is not None:
            # "Wipe my answers on your side, the lab has a data policy": the request is a clause
            # of its own, naming nothing; the reason beside it may name what it likes.
            return clause_request
        said_parts = [part for part in parts if part]
        alone = (
            self.said_alone(tuple(said_parts[-1].split()))  # "resume pls"
            if inside is None and len(said_parts) > 1
            else None
        )
        if alone == "resume" or (alone in _EVERYDAY_COMMANDS and not self.matcher.mentions(said)):
            # "I do not understand what you ask me here. Help?": "help" as the last clause; "sorry,
            # phone call from the control room. resume pls" whatever the excuse names
            return alone
        if inside is not None and inside not in _SMALL_TALK:
            return inside
        if inside is not None:
            return inside
        # "Could we pause here? I need to ask the committee first": a request that opens the
        # message with a question of its own, whatever the explanation after it names.
        if (
            first != said
            and not answered
            and (
                (command := self._command_inside(first)) in _OPENING_COMMANDS
                or (command := self.matcher.command(first)) in _OPENING_COMMANDS
            )
            and self._opening_command_stands(command, first, said, pending)
        ):
            return command  # "Stop, I need to check with my boss first."
        if first != said and self.matcher.command(first) == "unsure" and pending not in (None, ANY_STEP):
            # "no idea honestly, research doesn't have a release date": the rest explains the not
            # knowing; "not sure, maybe pytorch and keras" goes on to answer the question asked.
            rest = said[len(first) :]
            answers = any(m.step_id == pending for m in self.matcher.mentions(rest, pending)) or self._dated(
                rest, pending, today
            )
            if self.command(rest) is None and not answers:
                return "unsure"
        if _assents(words, self.filler) and not changes and "?" not in text and not self.matcher.mentions(said):
            return "confirm"  # "OK, that is fine", "looks fine", "correct, all of it"
        if len(words) <= _TYPO_SENTENCE and not answered and not self.matcher.mentions(said):
            return self.typos.retyped(words)  # "stratt over pleasse", "jsut tell mee the anser"
        if not answered and (command := self.typos.retyped_opening(words)) in _OPENING_COMMANDS:
            return command  # "stsrt over pls i answered for the wrong shop"
        return None

    def _yes_among_particles(self, parts: list[str], words: list[str], text: str, pending: str | None) -> bool:
        """Whether a short message is a clause of yes among words of the writer's own tongue
        ("va bene, confirm", "ok, yes, it is correct"): each other clause is a word or two, or
        says yes too; nothing is asked, changed, ruled out or named."""
        said_parts = [part for part in parts if part]
        yes = [
            self.exact_commands.get(part) == "confirm"
            or (self._says_yes(part) and self._command_inside(part) in (None, "confirm"))
            for part in said_parts
        ]
        # ("It is correct. Thank you very much.": thanks beside a yes are part of it)
        thanks = [self._command_inside(part) in _SMALL_TALK for part in said_parts]
        return (
            len(said_parts) > 1
            and any(yes)
            and all(
                is_yes or thanked or len(part.split()) <= 2 or self._command_inside(part) == "confirm"
                for part, is_yes, thanked in zip(said_parts, yes, thanks, strict=True)
            )
            and len(words) <= _YES_SENTENCE
            and "?" not in text
            and all(self.matcher.command(part) in (None, "confirm", *_SMALL_TALK) for part in said_parts)
            # ("sweet as, that's it. go": a "that's it" ends no list of answers at the recap; in "ok
            # dale, recommend" the clause that is a yes of its own names no recommender)
            and not any(
                not (pending == ANY_STEP and closes_a_list(m.phrase))
                for m in self.matcher.mentions(
                    " ".join(part for part in said_parts if self.exact_commands.get(part) != "confirm"), pending
                )
            )
        )

    def _says_yes(self, clause: str) -> bool:
        """A short clause with a word of yes in it ("it is correct")."""
        words = clause.split()
        return len(words) <= _YES_CLAUSE and any(self.exact_commands.get(word) == "confirm" for word in words)

    def _refused(self, said: str, command: str) -> bool:
        """Whether every place `said` names `command` says not to ("don't start again")."""
        return _preceded_everywhere(said, self.all_phrases[command], _REFUSALS)

    def _asked_whether(self, said: str, command: str) -> bool:
        """Whether every phrase of `command` in `said` (the whole phrase, not a word inside it)
        comes after "do i have to", "should we" and the like: asked about one's own work, not
        asked of the bot."""
        padded = f" {said} "
        return _preceded_everywhere(
            said, _outermost([p for p in self.own_phrases[command] if f" {p} " in padded]), _ASKING_WHETHER
        )

    def _dated(self, said: str, pending: str | None, today: date | None) -> bool:
        """Whether `said` gives a date or an amount of time while a question of time is asked."""
        if today is None or pending in (None, ANY_STEP) or self.conversation.step(pending).kind != "duration":
            return False
        return weeks_until(said, today) is not None

    def _dated_beside(self, said: str, command: str, today: date | None) -> bool:
        """Whether `said` still gives a date once the phrases of `command` in it are taken out."""
        rest = f" {said} "
        for phrase in sorted(self.own_phrases.get(command, []), key=len, reverse=True):
            rest = rest.replace(f" {phrase} ", " ")
        return today is not None and weeks_until(rest.strip(), today) is not None

    def _run_on_opening(self, words: list[str], pending: str | None) -> str | None:
        """A command phrase opening a message with no punctuation, before a clause of the writer's
        own ("go back i messed up the gpu one", "stop we need to check first"), as its first clause;
        not when that clause answers the question asked or says what was meant ("back i meant
        android" corrects)."""
        skipped = next((i for i, w in enumerate(words) if w not in OPENERS), len(words))  # ("wait go back i ...")
        for size in (3, 2, 1):
            head, rest = " ".join(words[skipped : skipped + size]), words[skipped + size :]
            if (
                len(rest) > 1
                and rest[0] in _RUN_ON_STARTS
                and self.exact_commands.get(head) in _OPENING_COMMANDS
                and "meant" not in rest
                and not any(m.step_id == pending for m in self.matcher.mentions(" ".join(rest), pending))
            ):
                return " ".join(words[: skipped + size])
        return None

    def _opening_command_stands(self, command: str | None, first: str, said: str, pending: str | None) -> bool:
        """Whether the command a message's first clause is holds for the message: not "Going back
        to where it runs: add an Android app too" (a topic picked up again, then changed), nor
        "its gotta run on the site tablets, samsung ones" (the rest answers the question asked)."""
        rest = said[len(first) :]
        if command == "back" and _returns_to_a_topic(first) and self.matcher.mentions(rest):
            return False
        if command == "cancel" and (_SUBJECT_FIRST.match(first) or self._someone_else_did(first)):
            return False  # "colleague quit friday. no keras anymore": someone else quit
        if command == "cancel" and self._halts_a_mistake([first], said):
            return False
        return not (
            command in ("cancel", "resume", "help")
            and pending not in (None, ANY_STEP)
            and any(m.step_id == pending for m in self.matcher.mentions(said, pending))
            and not any(m.step_id == pending for m in self.matcher.mentions(first, pending))
        )

    def _halts_a_mistake(self, parts: list[str], said: str) -> bool:
        """ "Stop. The deployment is wrong, I never said Jetson. Take it out.": a "stop" that halts
        a mistake the rest of the message corrects, not a pause."""
        rest = said[len(parts[0]) :]
        return parts[0] == "stop" and bool(set(rest.split()) & _WRONG) and bool(self.matcher.mentions(rest))

    def _someone_else_did(self, clause: str) -> bool:
        """Whether a one-word leaving command in `clause` follows a name or noun, not the writer's
        own words ("actually jake quit and took his laptop": Jake quit; "ok quit", "i quit" leave)."""
        words = clause.split()
        at = next((i for i, w in enumerate(words) if self.exact_commands.get(w) == "cancel"), None)
        if not at:
            return False
        before = words[at - 1]
        return before not in OPENERS and before not in self.filler and before not in _THE_WRITER

    def _command_inside(self, said: str, pending: str | None = None) -> str | None:
        """A command phrase inside a short message that names no option besides (an answer to the
        pending question counts: "Cheap. Every dollar goes back to the members." is no "back")."""
        padded = f" {said} "
        # only phrases whose first word the message has (indexed at start: ~600 phrases)
        inside = sorted(
            (
                (len(p), name, p)
                for word in set(said.split())
                for name, p in self.phrases_by_first_word.get(word, ())
                if f" {p} " in padded
            ),
            reverse=True,
        )
        if _goes_back_elsewhere(said):
            inside = [found for found in inside if found[1] != "back"]
        # a phrase inside a longer one found is part of it ("help" in "thanks for your help")
        outermost = set(_outermost([p for _, _, p in inside]))
        inside = [found for found in inside if found[2] in outermost]
        if not inside:
            return None
        # and one inside an option's phrase is that option's ("the rest of us don't know ML at
        # all" is new to ML, not a "don't know")
        options = [f" {m.phrase} " for m in self.matcher.mentions(said, pending) if " " in m.phrase]
        inside = [found for found in inside if not any(f" {found[2]} " in o and o != f" {found[2]} " for o in options)]
        if not inside:
            return None
        # The longest phrase ("come back later" is not "back"); a greeting or thanks only
        # when nothing else is asked ("good morning, I'd like to continue" resumes), and not
        # knowing only when help is not asked for by name ("I don't know what to write. Help?").
        asks_help = any(name == "help" and set(p.split()) & _HELP_NAMED for _, name, p in inside)
        chosen = min(inside, key=lambda found: (found[1] in _SMALL_TALK, asks_help and found[1] == "unsure", -found[0]))
        name = chosen[1]
        # A single command word ("back") yields to any answer to the question asked ("Cheap. Every
        # dollar goes back to the members."); a phrase ("start over", "don't know") does not, but
        # thanks do ("Thank you. No, we have nothing" answers).
        asked = pending if pending != ANY_STEP and (" " not in chosen[2] or name in _SMALL_TALK) else None
        if chosen[2] in _EVERYDAY_WORDS and len(said.split()) > _WORD_COMMAND_SENTENCE:
            return None  # "Back-to-school in August is the target" goes nowhere back
        # The rest of the message must name no option ("redo it from scratch" is a restart,
        # though "from scratch" alone would be a fresh start). Every command phrase is taken
        # out first: in "no time for questions, give me your recommendation" neither names
        # an option ("recommendation" alone would be a recommender system).
        rest = padded
        for _, _, phrase in inside:
            rest = rest.replace(f" {phrase} ", " ")
        if name == "unsure" and chosen[2].endswith(" which"):
            # "idk which gpus we'll get": the GPUs are what is not known, no answer
            after = padded.split(f" {chosen[2]} ", 1)[-1]
            for m in self.matcher.mentions(after, pending):
                if m.start == 0:
                    rest = rest.replace(f" {m.phrase} ", " ", 1)
        # With a change cue, words that answer only their own question count too: "remove
        # cost, it doesn't matter much" changes the priorities, it does not skip a question.
        # ("nah scrap all that, start fresh": a bare "nah" names no option the change is about)
        # ("Nothing more, thank you." asked about priorities still answers it)
        if any(
            not (m.only_when_asked and is_none_word(m.phrase) and m.step_id != pending)
            for m in self.matcher.mentions(rest, ANY_STEP if self.operation(said) else asked)
        ):
            return None
        if (
            name == "unsure"
            and pending not in (None, ANY_STEP)
            and not set(rest.split()) & _MAYBES
            and any(m.step_id == pending for m in self.matcher.mentions(rest, pending))
        ):
            return None  # "cheap cheap cheap. the rest I don't care" answers; "Maybe cost? I don't know" does not
        return name


class _Message(NamedTuple):
    """A message as the second thoughts on its command read it."""

    text: str
    said: str  # normalised
    pending: str | None

    @property
    def asked(self) -> str:
        """The question open, or "" where none is (the recap, after the advice, no question)."""
        return self.pending if self.pending not in (None, ANY_STEP) else ""


class _SecondThought(NamedTuple):
    """A command read that the rest of the message overrules: for `commands`, `when` a question is
    open ("asking"), when any may be answered ("any_step": the recap, after the advice) or either
    way (None), where `holds` of the message and the command, the command `becomes` another (None:
    no command). `final`: no later one applies."""

    commands: frozenset[str | None]
    when: Literal["asking", "any_step"] | None
    holds: Callable[[CommandReader, _Message, str], bool]
    becomes: str | None
    final: bool = True


# In order; the first final one that holds decides.
_SECOND_THOUGHTS = (
    # "non non, keep jax in there, he's not leaving": kept, nobody goes
    _SecondThought(frozenset({"cancel"}), None, lambda r, m, c: bool(_STAYING.search(m.said)), None, final=False),
    # "I'll come back to this after the board meeting": with no question open (the recap, after
    # the advice) there is nothing to pass over; they are pausing
    _SecondThought(
        frozenset({"unsure"}), "any_step", lambda r, m, c: bool(_COMING_BACK.search(m.said)), "cancel", False
    ),
    # "No, leave the priorities as they are, thank you": kept, the thanks said in passing
    _SecondThought(
        frozenset({None, "thanks"}),
        "any_step",
        lambda r, m, c: bool(_KEPT_AS.search(m.said)) or r._keeps_named(m.text, m.said),
        "keep",
    ),
    # "No, don't start again, I understand now", "no need to restart": the command is what the
    # user does not want; the answers stay as they are
    _SecondThought(_REFUSABLE, None, lambda r, m, c: r._refused(m.said, c), "keep"),
    # "do i have to redo the whole thing the freelancer made?": their work, asked about
    _SecondThought(_DESTRUCTIVE, None, lambda r, m, c: r._asked_whether(m.said, c), None),
    # "I'll take it to the architecture review myself": carried elsewhere, not taken up
    _SecondThought(frozenset({"adopt"}), None, lambda r, m, c: bool(_TAKEN_SOMEWHERE.search(m.said)), None),
    # "it's gotta run quick on the pi": how the model must run, not "I have to go"
    _SecondThought(frozenset({"cancel"}), None, lambda r, m, c: bool(_RUNS_HOW.search(m.said)), None),
    # "ok so we start from scratch", asked about the stack: words answering the question asked
    # outweigh a command that loses every answer
    _SecondThought(_ANSWERABLE, "asking", lambda r, m, c: r._an_answer_instead(m.said, c, m.asked), None),
    # "cost and long term, after that we must keep it alone", "hiring. we need people who can
    # pick it up": an answer, then its reason
    _SecondThought(_AFTER_AN_ANSWER, "asking", lambda r, m, c: r._opens_with_an_answer(m.said, m.asked), None),
    # "yes it is tflite, on device in the bin. continue": the answer, and on to the next
    _SecondThought(frozenset({"resume"}), "asking", lambda r, m, c: r._names_an_answer(m.said, m.asked), None),
    # "ok server then, keep it simple": how to build it, no answer kept
    _SecondThought(frozenset({"keep"}), None, lambda r, m, c: bool(_KEEP_IT_SIMPLE.search(m.said)), None),
    # "keep it cheap and something the next bloke can pick up": how to keep it, an answer
    _SecondThought(frozenset({"keep"}), "asking", lambda r, m, c: r._kept_how(m.said, m.asked), None),
    # "can u skip this one and just tell me which to use": not this question only, all of them
    _SecondThought(
        frozenset({"unsure"}),
        None,
        lambda r, m, c: has_phrase(m.said, r.asking_for_the_advice),
        "recommend_now",
    ),
    # "Cloud! ... Maybe phones later, we'll see!": the "we'll see" is of the phones; "ok fine.
    # cost and hiring, can't pay Bangalore salaries": the okay opens an answer
    _SecondThought(
        frozenset({"unsure", "confirm"}), "asking", lambda r, m, c: r._answered_apart(m.text, m.asked), None
    ),
)
