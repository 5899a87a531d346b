"""What every phase of the dialogue shares: the data, and the moves all phases make.

Ask the next question, count a turn that leaves it open (and give up on it at the third), recap,
recommend. The phases build on this: `bot.asking` (answers while the questions run),
`bot.advised` (follow-ups and what-ifs), `bot.expiry`; `bot.dialogue.Advisor` puts them together.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from bot.advice import NAMES, Recommendation, consultation_link, recommend
from bot.answering import Planner
from bot.conversation import UNSURE, Conversation, Step, Wording
from bot.followups import FollowUpDesk
from bot.knowledge import Knowledge
from bot.matching import Matcher
from bot.reading import ANY_STEP, Reader, Reading
from bot.replies import Advise, Ask, Choice, Recap, RecapLine, Reply, Say
from bot.state import State, effective

MAX_MISSES = 3  # the third turn in a row that leaves a question open records "not sure" for it
UNDO_DEPTH = 20
Turn = tuple[State, list[Reply]]


def and_list(items: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


class DialogueBase:
    conversation: Conversation
    knowledge: Knowledge
    consult_url: str
    matcher: Matcher
    reader: Reader
    planner: Planner
    desk: FollowUpDesk
    wording: Wording
    _asking_words: frozenset[str]  # words that make a message after the advice ask, not tell
    _refusals: frozenset[str]  # the no that answers a yes-or-no offer ("nope", "no thanks")
    _recommend: Callable[[tuple[tuple[str, tuple[str, ...]], ...]], Recommendation]

    # -- moves the phases provide to each other ----------------------------------------------------

    def _said(self, state: State, reading: Reading, replies: list[Reply], today: date) -> Turn:
        raise NotImplementedError  # bot.asking

    def _command(self, state: State, command: str, replies: list[Reply], today: date, said: str = "yes") -> Turn:
        raise NotImplementedError  # bot.dialogue

    def _what_if(
        self,
        state: State,
        found: dict[str, list[str]],
        replace: bool,
        replies: list[Reply],
        dropped: dict[str, list[str]] | None = None,
    ) -> Turn:
        raise NotImplementedError  # bot.advised

    def _after_advice(self, state: State, reading: Reading, replies: list[Reply]) -> Turn:
        raise NotImplementedError  # bot.advised

    def _answer_to_what_if(self, state: State, reading: Reading, replies: list[Reply]) -> Turn | None:
        raise NotImplementedError  # bot.advised

    def _asked_for_human(self, state: State) -> list[Reply]:
        raise NotImplementedError  # bot.consulting

    # -- reading and recommending --------------------------------------------------------------------

    def _is_answer_text(self, text: str) -> bool:
        return self.reader.command(text) is None

    def read(self, text: str, state: State, today: date) -> Reading:
        """The one reading of a message, in the context of the conversation's pending question."""
        # At the recap and after the recommendation every question is open to change.
        pending = ANY_STEP if state.phase in ("confirming", "advised") else state.pending
        return self.reader.read(text, pending, today)

    def steps(self) -> dict[str, list[str]]:
        return self.conversation.options_by_step

    def recommendation(self, answers: dict[str, list[str]]) -> Recommendation:
        """The recommendation for `answers` (a pure function of them and the knowledge, so the
        follow-ups after a recommendation reuse it instead of weighing everything again)."""
        return self._recommend(tuple((step, tuple(values)) for step, values in sorted(answers.items())))

    def _recommend_uncached(self, answers: tuple[tuple[str, tuple[str, ...]], ...]) -> Recommendation:
        return recommend(self.knowledge, {step: list(values) for step, values in answers}, self.steps())

    def _current(self, state: State) -> Recommendation:
        return self.recommendation(effective(state.answers))

    # -- a turn that leaves the open question open -----------------------------------------------

    def _not_answered(self, state: State, replies: list[Reply]) -> Turn:
        """Anything but an answer to the open question counts against it: asked again with more
        help each time, and after the third such turn recorded as not sure."""
        if state.phase == "confirming":
            return self._miss(state, "", replies)
        if state.phase != "asking" or state.pending is None:
            return state, [*replies, *self._next(state)]
        state.misses += 1
        step = self.conversation.step(state.pending)
        if state.misses >= MAX_MISSES:
            return self._give_up(state, step, replies)
        hint = "choices" if state.misses >= 2 else ""
        return state, [*replies, self._ask(state, step, hint=hint)]

    def _give_up(self, state: State, step: Step, replies: list[Reply]) -> Turn:
        state.which = state.which_asked = state.confirm = state.confirm_asked = None
        if state.answers.get(step.id, [UNSURE]) != [UNSURE]:
            # a question asked again on request ("change the timeline") keeps the answer it had
            state.misses = 0
            now = step.describe(state.answers[step.id])
            return state, [
                *replies,
                Say(self.wording.reopen_kept.format(title=step.title, now=now)),
                *self._next(state),
            ]
        self._remember(state)
        state.answers[step.id] = [UNSURE]
        state.misses = 0
        return state, [*replies, Say(self.wording.gave_up.format(title=step.title)), *self._next(state)]

    def _miss(self, state: State, text: str, replies: list[Reply]) -> Turn:
        state.misses += 1
        if state.phase == "confirming":  # two wordings in turn, so no reply repeats the one before
            wording = self.wording.recap_miss_first if state.misses % 2 else self.wording.recap_miss
            return state, [*replies, Say(wording), self._recap(state)]
        step = self.conversation.step(state.pending) if state.pending else None
        if step is None:
            return state, [*replies, *self._next(state)]
        shown = text.strip()
        shown = shown if len(shown) <= 80 else shown[:77] + "..."
        if state.misses >= MAX_MISSES:
            return self._give_up(state, step, replies)
        if state.misses == 1:
            examples = ", ".join(f'"{e}"' for e in step.examples)
            return state, [
                *replies,
                Say(self.wording.miss_first.format(text=shown)),
                Say(self.wording.reprompt.format(reprompt=step.reprompt, examples=examples)),
                self._ask(state, step, hint=""),
            ]
        return state, [*replies, Say(self.wording.miss_second), self._ask(state, step, hint="choices")]

    def _stale(self, state: State, replies: list[Reply]) -> Turn:
        """A button from an older message: nothing changes, and the open question (still on
        screen) is not asked again, so pressing old buttons can never make a loop."""
        said = replies if any(isinstance(r, Say) for r in replies) else [*replies, Say(self.wording.out_of_date)]
        if state.phase == "asking" and state.pending is not None:
            return state, said
        return state, [*said, *self._next(state)]

    # -- moving on ------------------------------------------------------------------------------

    def _missing(self, state: State) -> Step | None:
        return next((s for s in self.conversation.steps if s.id not in state.answers), None)

    def _next(self, state: State, prefer: str | None = None) -> list[Reply]:
        """Ask the next question: `prefer` if it is unanswered, else the first unanswered one."""
        if state.phase == "advised" and prefer is None:
            return [Say(self.wording.finished_hint)]
        step = self._missing(state)
        if prefer is not None and prefer not in state.answers:
            step = self.conversation.step(prefer)
        if step is None:
            state.phase = "confirming"
            state.pending = None
            return [self._recap(state)]
        state.phase = "asking"
        if state.pending != step.id:
            state.misses = 0
        state.pending = step.id
        return [self._ask(state, step, hint="")]

    def _ask(self, state: State, step: Step, hint: str) -> Ask:
        number = self.conversation.step_ids.index(step.id) + 1
        choices = (*tuple(Choice(o.id, o.label) for o in step.options), Choice(UNSURE, self.wording.not_sure_label))
        return Ask(
            step_id=step.id,
            text=step.question,
            choices=choices,
            multi=step.kind == "many",
            position=(number, len(self.conversation.steps)),
            hint=hint,
        )

    def _where(self, state: State) -> list[Reply]:
        answered = sum(1 for s in self.conversation.steps if s.id in state.answers)
        total = len(self.conversation.steps)
        if state.phase == "advised":
            return [Say(self.wording.have_recommendation)]
        return [Say(self.wording.so_far.format(answered=answered, total=total))]

    def _recap(self, state: State) -> Recap:
        return Recap(
            intro=self.wording.recap_intro,
            lines=self.recap_lines(state.answers),
            question=self.wording.recap_question,
        )

    def recap_lines(self, answers: dict[str, list[str]]) -> tuple[RecapLine, ...]:
        return tuple(
            RecapLine(step.id, step.title, step.describe(answers[step.id]))
            for step in self.conversation.steps
            if step.id in answers
        )

    def _restart(self, state: State) -> tuple[State, Say]:
        """A fresh conversation. A restart can be misread or regretted, so the answers it clears
        stay one `back` away (the consent given stays given)."""
        fresh = State(phase="asking", consent=state.consent)
        if not state.answers:
            return fresh, Say(self.wording.restarted)
        fresh.undo = [{k: list(v) for k, v in state.answers.items()}]
        return fresh, Say(self.wording.restarted_undoable)

    def _remember(self, state: State) -> None:
        state.undo = [*state.undo, {k: list(v) for k, v in state.answers.items()}][-UNDO_DEPTH:]

    def _advise(self, state: State, replies: list[Reply]) -> Turn:
        answers = {k: v for k, v in state.answers.items() if v != [UNSURE]}
        recommendation = self.recommendation(answers)
        state.phase = "advised"
        state.pending = None
        state.proposed = None
        return state, [*replies, self._advice_reply(state.answers, recommendation)]

    def _advice_reply(self, answers: dict[str, list[str]], recommendation: Recommendation) -> Advise:
        lines = self.recap_lines(answers)
        summary = " | ".join(f"{line.title}: {line.value}" for line in lines)
        summary += f" | Recommended: {recommendation.name} ({recommendation.confidence} confidence)"
        return Advise(
            recommendation=recommendation,
            answers=lines,
            consult_url=consultation_link(self.consult_url, summary),
            flip_text=self.flip_text(recommendation, answers),
            because=tuple(self._because(c.because) for c in recommendation.deciding),
            follow_up_hint=self.wording.finished_hint,
            share_label=self.wording.share_label,
        )

    def _because(self, given: list[tuple[str, str]]) -> str:
        """ "You said PyTorch (team skills) and 1-3 months (timeline)": the answers behind one
        reason, as the team gave them, each with its question so a reader sees why it counts."""
        by_step: dict[str, list[str]] = {}
        for step_id, option in given:
            by_step.setdefault(step_id, []).append(option)
        steps = [self.conversation.step(step_id) for step_id in by_step]
        parts = [f"{step.describe(list(dict.fromkeys(by_step[step.id])))} ({step.title.lower()})" for step in steps]
        return self.wording.because.format(answers=and_list(parts)) if parts else ""

    def flip_text(self, recommendation: Recommendation, answers: dict[str, list[str]]) -> str | None:
        flip = recommendation.flip
        if flip is None:
            return self.wording.no_flip
        step = self.conversation.step(flip.step_id)
        now = step.describe(answers.get(step.id, [UNSURE]))
        then = step.describe(flip.to_options)
        if flip.verdict == "either":
            return self.wording.flip_to_toss_up.format(title=step.title.lower(), then=then, now=now)
        return self.wording.flip.format(title=step.title.lower(), then=then, now=now, name=NAMES[flip.verdict])
