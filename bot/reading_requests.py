"""Commands asked for in a sentence: a verb and its object ("please erase the information
recorded during this session", "can we start from zero"), or a clause of its own beside a reason
("Wipe my answers on your side, the lab has a data policy")."""

from __future__ import annotations

from bot.conversation import Conversation
from bot.matching import ANY_STEP, Matcher
from bot.normalising import normalise

REQUEST_SENTENCE = 30  # words: "please delete what you stored, we have a strict retention policy"
_REQUEST_CLAUSES = 4  # a request among more clauses than this is part of a longer story
_TOPIC_WORDS = (["about"], ["regarding"], ["concerning"], ["re"])  # "... about the video card": what it is about
_CLAUSE_REQUESTS = frozenset({"forget", "restart", "cancel", "resume", "help", "back"})
_REQUEST_REACH = 5  # words from a request's verb to its object ("erase the information recorded")


class Requests:
    """The requests of one conversation definition: each command's verbs and their objects."""

    def __init__(
        self,
        conversation: Conversation,
        matcher: Matcher,
        own_phrases: dict[str, list[str]],
        exact_commands: dict[str, str],
    ) -> None:
        """`own_phrases`, `exact_commands`: each command's phrases, and the command of each phrase,
        for a clause that is one ("... — start over")."""
        self.matcher = matcher
        self.phrases = {
            name: ({normalise(v) for v in request.verbs}, [normalise(o) for o in request.objects])
            for name, request in conversation.cues.requests.items()
        }
        self.exact_commands = exact_commands
        # phrases that ask to go back wherever they stand in a clause ("... return to the previous question")
        self._long_back_phrases = [p for p in own_phrases.get("back", []) if len(p.split()) >= 3]

    def requested(self, words: list[str]) -> str | None:
        """A command asked for in a sentence (see `_request`)."""
        request = self._request(words)
        return request[0] if request is not None else None

    def _request(self, words: list[str]) -> tuple[str, int, int] | None:
        """A command asked for in a sentence: one of its verbs, then one of its objects starting
        within a few words ("please erase the information recorded during this session"); with
        where its object stands (word indices, end excluded)."""
        for name, (verbs, objects) in self.phrases.items():
            for index, word in enumerate(words):
                if word not in verbs:
                    continue
                ahead = words[index + 1 : index + 1 + _REQUEST_REACH + 3]
                for start in range(min(_REQUEST_REACH, len(ahead))):
                    for thing in objects:
                        size = len(thing.split())
                        if " ".join(ahead[start : start + size]) == thing:
                            return name, index + 1 + start, index + 1 + start + size
        return None

    def mentions_beside_request(self, said: str, words: list[str]) -> bool:
        """Whether `said` names an option outside its request's object ("can we start from zero"
        names no stack: "from zero" is what the restart asks for; "remove Keras from what I said"
        names Keras). A phrase reaching into the object is part of it ("start from zero")."""
        request = self._request(words)
        _, start, end = request if request is not None else ("", 0, 0)
        return any(m.end <= start or m.start >= end for m in self.matcher.mentions(said))

    def requested_in_a_clause(self, parts: list[str], said: str, pending: str | None) -> str | None:
        """A destructive or leaving request (forget, restart, cancel) made in a clause that names
        no option, in a message that answers nothing asked."""
        clauses = [c for c in parts if c]
        if len(clauses) < 2 or len(clauses) > _REQUEST_CLAUSES:
            return None
        requests: list[tuple[str, str]] = []
        for clause in clauses:
            words = clause.split()
            name = self.requested(words) if len(words) <= REQUEST_SENTENCE else None
            # ("let me redo this with the phd student's answers — start over")
            name = name or self.exact_commands.get(clause)
            if name is None and any(f" {p} " in f" {clause} " for p in self._long_back_phrases):
                name = "back"  # "I wish to return to the previous question, I wrote the wrong card"
            if name in _CLAUSE_REQUESTS:
                requests.append((clause, name))
        # (options are looked for only where a clause makes a request: most messages make none)
        if not requests or (
            pending not in (None, ANY_STEP) and any(m.step_id == pending for m in self.matcher.mentions(said, pending))
        ):
            return None
        for clause, name in requests:
            mentions = self.matcher.mentions(clause, pending)
            # ("delete everything you've stored about me and the paper": what to forget, in a word
            # that names a kind of project only in passing; forgetting is confirmed first)
            if not mentions or (name == "forget" and all(m.generic for m in mentions)):
                if name == "back" and self._corrected_here(said, pending):
                    continue  # "I must correct the previous answer: we also run a nightly batch": corrected here
                return name
        return None

    def _corrected_here(self, said: str, pending: str | None) -> bool:
        """Whether a message asking to go back gives the corrected answer itself: it names an
        option, other than as the topic ("I wrote wrong information about the video card")."""
        words = said.split()

        def topic(start: int) -> bool:
            before = [w for w in words[max(0, start - 3) : start] if w not in ("the", "my", "our", "a")]
            return before[-1:] in _TOPIC_WORDS

        return any(not topic(m.start) for m in self.matcher.mentions(said, pending))
