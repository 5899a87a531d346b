"""Asking for a consultant: consent first, then a lead for the consultancy.

The consultation button, or asking for a human in words, asks once whether a consultant may contact
the user (buttons, or a typed yes / no on the next turn). Only a yes produces a `Lead` reply, which
the adapter passes on; a no passes nothing on. The answer is kept in the state, so a later request
does not ask again.
"""

from __future__ import annotations

from bot.dialogue_base import DialogueBase, Turn
from bot.normalising import normalise
from bot.replies import Answer, Choice, Lead, Reply, Say
from bot.state import MAX_ASKED_AFTER, State

CONSULT_COMMANDS = ("consult", "consent_yes", "consent_no")
MAX_ASKED_CHARS = 300  # of one question kept for the consultant's card


class ConsultingPhase(DialogueBase):
    def _consult(self, state: State, command: str, replies: list[Reply]) -> Turn:
        replies = [*replies, *self._consulting(state, command)]
        if command != "consult" and state.phase in ("asking", "confirming"):
            replies += self._next(state)  # settled: back to the open question
        return state, replies

    def _consulting(self, state: State, command: str) -> list[Reply]:
        """What `command` ("consult": a request for a consultant; "consent_yes" / "consent_no": the
        answer to the consent question) says, changing `state.consent` as it goes."""
        wording = self.wording
        if command == "consent_yes":
            if state.consent == "given":
                return [Say(wording.lead_already)]
            state.consent = "given"
            return [self._lead(state), Say(wording.lead_sent)]
        if command == "consent_no":
            if state.consent != "given":
                state.consent = "declined"
            return [Say(wording.consent_declined)]
        if state.consent == "given":
            return [Say(wording.lead_already)]
        yes = Choice("consent_yes", wording.consent_yes)
        if state.consent == "declined":  # not asked again; the way back is one press
            return [Answer(wording.consent_title, wording.consent_still_declined, choices=(yes,))]
        state.consent = "asked"
        state.consent_open = True
        no = Choice("consent_no", wording.consent_no)
        return [Answer(wording.consent_title, wording.consent_question, choices=(yes, no))]

    def _asked_for_human(self, state: State) -> list[Reply]:
        """ "Can I talk to a human?": the booking link, and the consent question."""
        link = self.knowledge.desk.consultant.format(url=self.consult_url)
        replies = self._consulting(state, "consult")
        first = replies[0]
        if isinstance(first, Answer):  # one message: the link, then the question and its buttons
            return [Answer(first.topic, f"{link}\n{first.text}", choices=first.choices)]
        return [Answer(self.wording.consent_title, link), *replies]

    def _consent_answer(self, text: str) -> str | None:
        """A typed answer to the consent question: "consent_yes", "consent_no", or None (the message
        is about something else, and is read as usual). Anything with a "no" in it is a no."""
        command = self.reader.command(text)
        if command == "confirm":
            return "consent_yes"
        negation = set(self.conversation.cues.negation)
        if command in ("keep", "cancel") or any(word in negation for word in normalise(text).split()):
            return "consent_no"
        return None

    def _lead(self, state: State) -> Lead:
        if state.phase != "advised":
            return Lead(answers=self.recap_lines(state.answers), asked=tuple(state.asked_after))
        recommendation = self._current(state)
        return Lead(
            answers=self.recap_lines(state.answers),
            verdict=recommendation.verdict,
            name=recommendation.name,
            confidence=recommendation.confidence,
            asked=tuple(state.asked_after),
        )


def clipped(raw: str) -> str:
    """A question as typed, on one line and at most MAX_ASKED_CHARS long, to keep."""
    said = " ".join(raw.split())
    return said if len(said) <= MAX_ASKED_CHARS else said[: MAX_ASKED_CHARS - 1] + "…"


def note_asked(state: State, raw: str) -> None:
    """Keep what was asked after the recommendation, for the consultant's card."""
    said = clipped(raw)
    if said:
        state.asked_after = [*state.asked_after, said][-MAX_ASKED_AFTER:]
