"""The dialogue core: `Advisor.turn(state, event) -> (new state, replies)`.

Pure: no I/O, no Slack, no clock (today's date is passed in). The state is a plain record the
caller stores between turns, so any process can continue any conversation.
"""

from __future__ import annotations

import hashlib
from datetime import date
from functools import lru_cache
from typing import get_args

from pydantic import TypeAdapter

from bot.advised import AdvisedPhase
from bot.answering import Planner
from bot.asking import AskingPhase
from bot.consulting import CONSULT_COMMANDS, ConsultingPhase
from bot.conversation import UNSURE, Conversation
from bot.dialogue_base import Turn
from bot.expiry import ExpiryPhase
from bot.followups import FollowUpDesk
from bot.knowledge import Knowledge, check_advice_against
from bot.matching import DEFAULT_CUTOFF, Matcher
from bot.normalising import normalise
from bot.reading import Reader
from bot.replies import Answer, Choice, Reply, Say
from bot.state import Event, Picked, Pressed, Said, State

# pydantic's compiled serializer: the repr of a recommendation's nested models took a tenth of a
# millisecond, a fifth of the recommendation step. One serializer per kind of reply: serializing
# `list[Reply]` tries the union's members for each reply, which took as long again as the JSON.
_SERIALIZERS = {kind: TypeAdapter(kind) for kind in get_args(Reply)}


def _signature(replies: list[Reply]) -> str:
    """A short fingerprint of a turn's replies, to notice the same replies twice in a row."""
    kinds = ",".join(type(reply).__name__ for reply in replies)  # the JSON alone does not name them
    # The bytes of `TypeAdapter(list[Reply]).dump_json(replies)`, so stored fingerprints still match.
    body = b"[" + b",".join(_SERIALIZERS[type(reply)].dump_json(reply) for reply in replies) + b"]"
    return hashlib.sha1(kinds.encode() + body, usedforsecurity=False).hexdigest()[:16]


def _copy(state: State) -> State:
    """A deep copy: rebuilding it from plain data is several times faster than model_copy(deep=True)."""
    return State.model_validate(state.model_dump())


__all__ = ["Advisor", "Event", "Picked", "Pressed", "Said", "State"]


class Advisor(AskingPhase, AdvisedPhase, ExpiryPhase, ConsultingPhase):
    """The conversation definition and knowledge, ready to take turns."""

    def __init__(
        self,
        conversation: Conversation,
        knowledge: Knowledge,
        consult_url: str,
        cutoff: float = DEFAULT_CUTOFF,
    ) -> None:
        check_advice_against(knowledge, conversation)  # rules must speak the conversation's ids
        self.conversation = conversation
        self.knowledge = knowledge
        self.consult_url = consult_url
        self.matcher = Matcher(conversation, cutoff)
        self.planner = Planner(conversation)
        self.desk = FollowUpDesk(knowledge)
        # Per Advisor, bounded: recommendations are immutable and their answers are the whole key.
        self._recommend = lru_cache(maxsize=1024)(self._recommend_uncached)
        self.wording = conversation.wording
        # "tensorflow or pytorch?" is the question the advisor answers, not the team's skills.
        frameworks = {f.id: [f.name, *f.aliases] for f in knowledge.frameworks}
        self.reader = Reader(conversation, self.matcher, the_question=(frameworks["tensorflow"], frameworks["pytorch"]))
        self._asking_words = frozenset(normalise(w) for w in conversation.cues.asking_words)
        self._refusals = frozenset(normalise(w) for w in conversation.cues.refusals)

    def turn(self, state: State, event: Event, today: date, expired: bool = False, given: bool = False) -> Turn:
        """Take one user turn. Never raises for any user input; always returns >= 1 reply, and never
        the same replies as the turn before (a question asked again after the recommendation is
        answered again, with a short lead-in).

        The caller's `state` is left as it was (the turn works on a copy), unless it is `given`:
        loaded for this turn alone (as `Service.take` does), it is then changed in place."""
        last_replies = state.last_replies
        new_state, replies = self._turn(state if given else _copy(state), event, today, expired)
        signature = _signature(replies)
        if signature == last_replies:
            replies = [Say(self.wording.said_again), *replies]
            signature = _signature(replies)
        new_state.last_replies = signature
        return new_state, replies

    def _turn(self, state: State, event: Event, today: date, expired: bool = False) -> Turn:
        """One user turn (see `turn`), changing `state`.

        `expired` says the conversation sat idle past the expiry setting: the user is told, and
        chooses to resume (with what they just sent applied) or restart. A conversation that has its
        recommendation never expires: follow-up questions are always answered.
        """
        if expired and state.phase not in ("new", "expired", "cancelled", "advised"):
            state.resume_phase = state.phase
            state.phase = "expired"
            state.held = event.text if isinstance(event, Said) and self._is_answer_text(event.text) else None
            return state, [self._expired_notice()]
        if state.phase == "expired":
            return self._after_expiry(state, event, today)
        consent_open, state.consent_open = state.consent_open, False
        if isinstance(event, Pressed) and event.command in CONSULT_COMMANDS:
            return self._consult(state, event.command, [])
        if consent_open and isinstance(event, Said) and (answer := self._consent_answer(event.text)) is not None:
            return self._consult(state, answer, [])
        replies: list[Reply] = []
        if state.phase == "new":
            state.phase = "asking"
            replies.append(Say(self.wording.greeting))
            if isinstance(event, Said):
                reading = self.read(event.text, state, today)
                if reading.kind == "other_language":
                    return state, [*replies, Say(self.wording.other_language), *self._next(state)]
                if reading.command in (None, "greet", "thanks"):
                    return self._opening(state, reading, replies, today)
                return self._command(state, reading.command, replies, today)
            if isinstance(event, Pressed) and event.command == "help":
                return self._command(state, "help", replies, today)
            if isinstance(event, Pressed):
                return state, [*replies, *self._next(state)]
        if state.phase == "cancelled":
            state.phase = "confirming" if self._missing(state) is None else "asking"
            replies.append(Say(self.wording.welcome_back))
            if isinstance(event, Said):
                reading = self.read(event.text, state, today)
                if reading.command is None:
                    # "hi again" resumes; it is not a wrong answer to the pending question.
                    return self._opening(state, reading, replies, today)
                if reading.command in ("resume", "greet", "confirm"):
                    return state, [*replies, *self._next(state)]
        if isinstance(event, Pressed) and event.command.startswith("answer:"):
            _, step_id, option_id = [*event.command.split(":", 2), "", ""][:3]
            event = Picked(step_id, (option_id,))  # a "which one?" button
        if isinstance(event, Pressed):
            return self._command(state, event.command, replies, today)
        if isinstance(event, Picked):
            return self._picked(state, event, replies, today)
        return self._said(state, self.read(event.text, state, today), replies, today)

    def _command(self, state: State, command: str, replies: list[Reply], today: date, said: str = "yes") -> Turn:
        """`said`: the words that carried the command, echoed if it cannot be followed here."""
        state.confirm = None
        state.which = None
        state.forget_asked = command == "forget"
        if command == "forget":
            # Deleting is for good: asked first. The service deletes on "yes" (see Service.handle).
            choices = (Choice("forget_confirmed", self.wording.forget_yes), Choice("keep", self.wording.forget_no))
            return state, [*replies, Answer(self.wording.forget_title, self.wording.forget_question, choices=choices)]
        if command == "restart":
            if state.phase == "asking" and not state.answers and state.pending == self.conversation.steps[0].id:
                # asked again at the very start: the first question is not sent once more (and
                # again, and again: a restart said over and over would ask it every time)
                return state, [*replies, Say(self.wording.already_at_start)]
            fresh, restarted = self._restart(state)
            return fresh, [*replies, restarted, *self._next(fresh)]
        if command == "cancel":
            state.phase = "cancelled"
            return state, [*replies, Say(self.wording.cancelled)]
        if command in ("greet", "thanks"):
            said = self.wording.welcome if command == "greet" else self.wording.thanks
            if state.phase == "advised":  # the thanks already says what can come next
                return state, [*replies, Say(said)]
            return self._not_answered(state, [*replies, Say(said)])
        if command == "help":
            return self._not_answered(state, [*replies, Say(self.wording.help), *self._where(state)])
        if command in ("adopt", "discard") or (command == "back" and state.proposed is not None):
            return self._settle_what_if(state, adopt=command == "adopt", replies=replies)
        if command == "back":
            return self._back(state, replies)
        if command == "details":  # the recommendation's Details button
            if state.phase != "advised":
                return self._stale(state, replies)
            current = self._current(state)
            details = self.desk.computed("details", "", current, self.flip_text(current, state.answers))
            return state, [*replies, details]
        if command == "recommend_now":
            return self._recommend_now(state, replies)
        if command == "confirm":
            if state.phase in ("confirming", "advised") and self._missing(state) is None:
                return self._advise(state, replies)
            return self._miss(state, said, replies)
        if command == "forget_confirmed":  # the service deletes before the core sees this; here it is stale
            return self._stale(state, replies)
        if command in ("resume", "keep") and state.phase == "confirming" and self._missing(state) is None:
            # "ok yes continue", "Fine, leave it as is." at the recap: on to the advice
            return self._advise(state, replies)
        if command in ("resume", "keep"):
            if state.phase == "advised":
                return state, [*replies, Say(self.wording.finished_hint)]
            return self._not_answered(state, replies)
        if command != "unsure":  # a button from an older message, or a command this version lacks
            return self._stale(state, replies)
        if state.phase == "asking" and state.pending is not None:
            self._remember(state)
            step = self.conversation.step(state.pending)
            state.answers[step.id] = [UNSURE]
            state.misses = 0
            return state, [*replies, Say(step.not_sure), *self._next(state)]
        if state.phase == "confirming":
            return self._miss(state, "", replies)
        return self._not_answered(state, [*replies, Say(self.wording.nothing_to_skip)])

    def _back(self, state: State, replies: list[Reply]) -> Turn:
        """Undo exactly the last change to the answers, and name the question it was for."""
        if not state.undo:
            return self._not_answered(state, [*replies, Say(self.wording.back_nothing)])
        previous = state.undo.pop()
        if not state.answers and previous:  # a restart taken back: every earlier answer returns
            state.answers = previous
            return state, [*replies, Say(self.wording.back_restored), *self._next(state)]
        changed = [s for s in self.conversation.steps if state.answers.get(s.id) != previous.get(s.id)]
        state.answers = previous
        title = ", ".join(s.title for s in changed) or self.wording.last_answer
        replies = [*replies, Say(self.wording.back_to.format(title=title))]
        cleared = next((s for s in changed if s.id not in previous), None)
        if cleared is not None:  # "go back to the previous question": that question is asked again
            return state, [*replies, *self._next(state, prefer=cleared.id)]
        if state.phase == "advised":
            return self._advise(state, replies)
        if state.phase == "asking" and state.pending in state.answers:
            # the undone change had cleared the question now asked ("Computer vision don't have
            # any..." at the recap, then back): it is answered again, so the next one is asked
            return state, [*replies, *self._next(state)]
        return self._not_answered(state, replies)  # an earlier value restored; the open question stays open
