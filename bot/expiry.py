"""An idle conversation: the user is told, and resumes (with what they sent) or restarts."""

from __future__ import annotations

from datetime import date

from bot.dialogue_base import DialogueBase, Turn
from bot.replies import Answer, Choice, Reply, Say
from bot.state import Event, Pressed, Said, State


class ExpiryPhase(DialogueBase):
    def _expired_notice(self) -> Answer:
        return Answer(
            self.wording.expired_title,
            self.wording.expired,
            choices=(Choice("resume", self.wording.resume_label), Choice("restart", self.wording.restart_label)),
        )

    def _after_expiry(self, state: State, event: Event, today: date) -> Turn:
        command = event.command if isinstance(event, Pressed) else None
        if isinstance(event, Said):
            command = self.reader.command(event.text)
            if command is None and self._is_answer_text(event.text):
                state.held = event.text  # the newest message is the one to apply on resume
        if command == "restart":
            fresh, said = self._restart(state)
            return fresh, [said, *self._next(fresh)]
        if command in ("resume", "confirm"):
            state.phase = state.resume_phase or "asking"
            state.resume_phase = None
            held, state.held = state.held, None
            replies: list[Reply] = [Say(self.wording.welcome_back)]
            if held:  # what they sent when the conversation had expired, applied now
                return self._said(state, self.read(held, state, today), replies, today)
            return state, [*replies, *self._next(state)]
        return state, [self._expired_notice()]
