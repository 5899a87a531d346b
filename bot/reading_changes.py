"""The change a message asks for: add ("also iOS"), remove ("drop the web demo") or replace
("actually ...", "scratch that", "coral instead of jetson"), read from the conversation's cue words."""

from __future__ import annotations

import re
from typing import cast

from bot.conversation import Conversation
from bot.phrasing import ENDS_ADDING, ENDS_ASKING_TO_ADD, cue, has_phrase
from bot.polarity import OPENERS, opening
from bot.reading_types import Found, Operation

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
_ONE_OF_THE_TEAM = re.compile(r"\b(?:on|in|of|from) (?:my|our|the)(?: \w+)? team\b")
# "it's a raspberry pi on the rover now", "it'll all run on the server now", "the box is now a jetson"
_IT_IS_NOW = re.compile(r"\b(?:it's|its|it is|it'll|it will)\b.*\bnow\b|\bis now\b|\breplaces\b")
# "too" that makes the next word stronger ("too quickly", "too expensive") rather than adding
_TOO_INTENSIFIER = re.compile(
    # (an -ly word that is no sentence adverb: "hiring matters too actually" adds hiring)
    r"\btoo (?:much|many|few|little|(?!actually|honestly|really|probably|definitely|obviously|seriously)\w+ly"
    r"|\w+er|\w+ted|limited|late|early|slow|fast|quick|soon|long|big|small|expensive|costly"
    r"|hard|difficult|complex|complicated|risky|old|young|busy|heavy|far|close|good|bad|short|high|low|tight|weak)\b"
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
_NOT_A_CUE: dict[str, re.Pattern[str]] = {
    "add": _TOO_INTENSIFIER,
    "replace": _NO_CHANGE_ASKED,
    "remove": _LITERAL_REMOVAL,
}
_REMEMBERED = 4096  # recent texts whose change cue is kept
_UNKNOWN = object()


class Changes:
    """The change cues of one conversation definition, and what a message's words ask for."""

    def __init__(self, conversation: Conversation) -> None:
        cues = conversation.cues
        self.cues: dict[Operation, list[str]] = {
            "replace": [cue(w) for w in cues.replace],
            "add": [cue(w) for w in cues.add],
            "remove": [cue(w) for w in cues.remove],
        }
        # ("my manager asked me to add a button": the verb alone adds an option only by name)
        self.adding_words = [c for c in self.cues["add"] if c != "add"]
        self._pointed_replacements = [c for c in self.cues["replace"] if " " in c and set(c.split()) & _POINTING]
        self._operations: dict[str, Operation | None] = {}

    def operation(self, said: str) -> Operation | None:
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
            return "add" if ENDS_ADDING.search(said) or ENDS_ASKING_TO_ADD.search(said) else "replace"
        for operation in ("remove", "add", "replace"):  # "actually we also ..." adds
            # ("I answered too quickly": "too" before a word it makes stronger adds nothing)
            exceptions = _NOT_A_CUE.get(operation)
            if has_phrase(exceptions.sub(" ", said) if exceptions else said, self.cues[operation]):
                return operation
        return None

    def message_operation(self, said: str, asks: bool) -> Operation | None:
        """The change a whole message asks for: its cue, or "add" for a message that goes on
        from the one before ("and latency. p99 under 80ms", "oh and long-term support"; not
        "and if ...", a what-if, nor a clause inside a message, nor one that asks: "and the TFLite
        model we already have, can we reuse it?")."""
        operation = self.operation(said)
        words = said.split()
        goes_on = words[:1] == ["and"] or (words[1:2] == ["and"] and words[0] in OPENERS)
        if operation is None and goes_on and not asks and opening(tuple(words))[:1] not in (("if",), ("what",)):
            return "add"
        return operation

    def is_news(self, said: str) -> bool:
        """Whether the change a message asks for is only news ("update", "wait", "correction"):
        nothing in it says what the option named replaces."""
        return (
            self.operation(said) == "replace"
            and not has_phrase(said, self._pointed_replacements)
            and not set(_ONE_OF_THE_TEAM.sub(" ", said).split()) & _POINTING_WORDS
            and not _IT_IS_NOW.search(said)
        )

    def forget_seen(self) -> None:
        """Drop what was remembered about texts already read."""
        self._operations.clear()


def not_x_but_y(found: list[Found], pending: str | None) -> Operation | None:
    """ "not pytorch but jax", "coral instead of jetson": one option ruled out and another of the
    same question said is a correction that replaces. (Of the question asked, it is its answer:
    "cost matters, speed not so much" corrects nothing.)"""
    for mention in found:
        if mention.step_id == pending:
            continue
        if mention.negated and any(f.step_id == mention.step_id and not f.negated for f in found):
            return "replace"
    return None
