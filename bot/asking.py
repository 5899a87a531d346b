"""While the questions run: what a message answers, changes, asks back or leaves open.

The reading (`bot.reading`) says what a message says; the plan (`bot.answering`) what it does to
the answers; this phase applies it, says every change, and asks what comes next.
"""

from __future__ import annotations

from datetime import date

from bot.answering import Plan
from bot.conversation import UNSURE, Step
from bot.dialogue_base import MAX_MISSES, DialogueBase, Turn
from bot.reading import Reading
from bot.replies import Answer, Choice, Reply, Say
from bot.state import Picked, State


class AskingPhase(DialogueBase):
    def _said(self, state: State, reading: Reading, replies: list[Reply], today: date) -> Turn:
        state.forget_asked = False
        if state.confirm is not None:
            settled = self._settle_change(state, reading, replies)
            if settled is not None:
                return settled
        if state.which is not None:
            chosen = self._settle_which(state, reading, replies)
            if chosen is not None:
                return chosen
        if state.phase == "advised" and state.proposed is not None:
            settled = self._answer_to_what_if(state, reading, replies)
            if settled is not None:
                return settled
        if reading.command is not None:
            return self._command(state, reading.command, replies, today, said=reading.raw)
        if reading.kind == "empty":  # only emoji or markup: nothing to read, but something was said
            if reading.raw.strip():
                return self._miss(state, reading.raw, replies)
            return self._not_answered(state, replies)
        if reading.kind == "other_language":
            return self._not_answered(state, [*replies, Say(self.wording.other_language)])
        if reading.reopens is not None and not (state.phase == "asking" and state.pending == reading.reopens):
            return self._reopen(state, reading.reopens, replies)
        if state.phase == "advised":
            return self._after_advice(state, reading, replies)
        if reading.numbers:
            return self._numbers(state, reading.numbers, replies)
        if reading.kind == "what_if" and reading.questions and state.phase == "asking":
            # "if we say batch now, can we make it real-time later?": supposed, not said
            return self._no_answer(state, reading, replies)
        plan = self.planner.plan(
            reading,
            state.answers,
            state.pending,
            today,
            recap=state.phase == "confirming",
            reopened=state.pending is not None and state.reopened == state.pending,
        )
        if plan.empty:
            return self._no_answer(state, reading, replies)
        return self._apply_plan(state, plan, replies)

    def _reopen(self, state: State, step_id: str, replies: list[Reply]) -> Turn:
        """ "change the timeline", at any point: that question is asked again, with what it holds
        now. Its next answer replaces the old one (said as "Updated: ..."), and the questions go on
        from there: the recap follows, and from it the new recommendation."""
        state.proposed = state.confirm = state.which = None
        step = self.conversation.step(step_id)
        if step.id not in state.answers:
            return state, [*replies, *self._next(state, prefer=step.id)]
        state.phase = "asking"
        state.pending = state.reopened = step.id
        state.misses = 0
        now = step.describe(state.answers[step.id])
        return state, [
            *replies,
            Say(self.wording.reopened.format(title=step.title, now=now)),
            self._ask(state, step, ""),
        ]

    def _opening(self, state: State, reading: Reading, replies: list[Reply], today: date) -> Turn:
        """A first message: its facts are taken, also from a question ("should we use TF or
        PyTorch for fraud scoring?" is about tabular data); a greeting just starts."""
        if reading.kind == "question" and reading.questions:
            reading = reading.with_facts_from_questions()
        stated = reading.found or reading.weeks is not None
        if reading.command is not None or reading.kind not in ("answer", "question") or reading.numbers or not stated:
            return state, [*replies, *self._next(state)]
        plan = self.planner.plan(reading, state.answers, None, today)
        plan.which = None  # nothing is asked yet: an ambiguous first message just starts
        plan.proposal = None
        return self._apply_plan(state, plan, replies)

    def _no_answer(self, state: State, reading: Reading, replies: list[Reply]) -> Turn:
        counted = [f.option_id for f in reading.counted if f.step_id == state.pending]
        if reading.kind == "question" and counted and state.pending is not None:
            # "does colab count? we pay for colab pro": what it counts as here, to pick (after the
            # knowledge's answer to the question, if it has one)
            answered = [r for r in self._answer_question(state, reading) if r != Say(self.wording.question_held)]
            step = self.conversation.step(state.pending)
            return self._ask_which(state, step, list(dict.fromkeys(counted)), [*replies, *answered], counts=True)
        if reading.kind == "question" or reading.kind == "what_if":
            return self._not_answered(state, [*replies, *self._answer_question(state, reading)])
        topic = self.desk.place(reading.text) if not reading.found else None
        if topic is not None and (topic.kind, topic.id) == ("computed", "consultant"):  # "talk to a human"
            return self._not_answered(state, [*replies, *self._asked_for_human(state)])
        if topic is not None and topic.kind == "topic":
            # A side question without a question mark ("executorch"): answer it, then ask again.
            return self._not_answered(state, [*replies, self.desk.topic(topic.id)])
        return self._miss(state, reading.raw, replies)

    def _answer_question(self, state: State, reading: Reading) -> list[Reply]:
        """A question during the questions: about the bot, or from the knowledge, or held."""
        if reading.about_bot == "identity":
            return [Say(self.wording.identity)]
        if reading.about_bot == "progress":
            answered = sum(1 for s in self.conversation.steps if s.id in state.answers)
            total = len(self.conversation.steps)
            return [Say(self.wording.progress.format(answered=answered, total=total, left=total - answered))]
        if reading.about_bot == "repeat":
            return [Say(self.wording.repeat)]
        for question in reading.questions or (reading.text,):
            intent = self.desk.place(question)
            if intent is not None and (intent.kind, intent.id) == ("computed", "consultant"):
                return self._asked_for_human(state)
            if intent is not None and intent.kind == "topic":
                return [self.desk.topic(intent.id)]
        return [Say(self.wording.question_held)]

    def _picked(self, state: State, event: Picked, replies: list[Reply], today: date) -> Turn:
        step = next((s for s in self.conversation.steps if s.id == event.step_id), None)
        ids = list(dict.fromkeys(event.option_ids))
        valid = (
            step is not None
            and all(step.option(o) is not None or o == UNSURE for o in ids)
            and (len(ids) == 1 or (step.kind == "many" and UNSURE not in ids))
        )
        if step is None or not valid or not ids:
            return self._stale(state, replies)
        state.which = None
        state.confirm = None
        if state.phase == "advised":
            return self._what_if(state, {step.id: ids}, replace=True, replies=replies)
        plan = Plan(pending=ids) if step.id == state.pending else Plan(updates={step.id: ids})
        return self._apply_plan(state, plan, replies)

    def _numbers(self, state: State, numbers: tuple[int, ...], replies: list[Reply]) -> Turn:
        step = self.conversation.step(state.pending) if state.pending and state.phase == "asking" else None
        if step is None:
            return self._miss(state, " ".join(map(str, numbers)), replies)
        if numbers == (len(step.options) + 1,):  # the numbered choices end with "Not sure" (see `_ask`)
            return self._command(state, "unsure", replies, date.today())
        numbers = tuple(len(step.options) if n == -1 else n for n in numbers)  # "the last one"
        if any(n < 1 or n > len(step.options) for n in numbers):
            return self._miss(state, " ".join(map(str, numbers)), replies)
        picks = [step.options[n - 1].id for n in numbers]
        if step.kind != "many" and len(picks) > 1:
            return self._ask_which(state, step, picks, replies)
        return self._apply_plan(state, Plan(pending=picks), replies)

    def _apply_plan(self, state: State, plan: Plan, replies: list[Reply], pending_step: str | None = None) -> Turn:
        """Store what the plan says, say every change, and ask what comes next."""
        pending = pending_step or state.pending
        if plan.pending or plan.fills or plan.updates:
            self._remember(state)
        picked: list[str] = []
        updated: list[str] = []
        for step in self.conversation.steps:
            if step.id == pending and plan.pending:
                state.answers[step.id] = plan.pending
                picked.append(f"{step.title}: {step.describe(plan.pending)}")
            elif step.id in plan.fills:
                # a "not sure" on record that an answer now fills is a change, and said as one
                said = updated if state.answers.get(step.id) == [UNSURE] else picked
                state.answers[step.id] = plan.fills[step.id]
                said.append(f"{step.title}: {step.describe(plan.fills[step.id])}")
            elif step.id in plan.updates:
                values = plan.updates[step.id]
                if values:
                    state.answers[step.id] = values
                    updated.append(f"{step.title}: {step.describe(values)}")
                else:
                    state.answers.pop(step.id, None)
                    updated.append(self.wording.cleared.format(title=step.title))
        if updated:
            replies = [*replies, Say(f"{self.wording.updated} " + "; ".join(updated) + ".")]
        if picked:
            replies = [*replies, Say(f"{self.wording.picked_up} " + "; ".join(picked) + ".")]
        answered_pending = bool(plan.pending) or (pending is not None and pending in plan.updates)
        if plan.proposal is not None:
            return self._propose(state, plan.proposal, replies, answered_pending)
        if plan.which is not None and not answered_pending:
            step = self.conversation.step(plan.which[0])
            return self._ask_which(state, step, plan.which[1], replies)
        if state.phase == "confirming":
            return state, [*replies, *self._next(state)]
        if state.phase == "asking" and pending is not None and not answered_pending and pending not in state.answers:
            return self._not_answered(state, replies)
        state.misses = 0
        return state, [*replies, *self._next(state)]

    def _propose(
        self, state: State, proposal: tuple[str, list[str]], replies: list[Reply], answered_pending: bool
    ) -> Turn:
        step_id, values = proposal
        step = self.conversation.step(step_id)
        if state.confirm_asked == {step_id: values}:
            # Asked just before and neither taken nor refused: not again, the open question instead.
            state.confirm_asked = None
            if answered_pending:
                return state, [*replies, *self._next(state)]
            return self._not_answered(state, replies)
        state.confirm_asked = {step_id: values}
        if answered_pending:
            self._next(state)  # the next question is asked once the change is settled
        elif state.phase == "asking" and state.pending is not None:
            state.misses += 1  # the open question was not answered by this message either
        state.confirm = {step_id: values}
        before = step.describe(state.answers.get(step_id, [UNSURE]))
        text = self.wording.confirm_change.format(title=step.title.lower(), before=before, after=step.describe(values))
        offer = Answer(
            step.title,
            text,
            choices=(Choice("confirm", self.wording.change_yes), Choice("keep", self.wording.change_no)),
        )
        return state, [*replies, offer]

    def _settle_change(self, state: State, reading: Reading, replies: list[Reply]) -> Turn | None:
        """The answer to "Change X to Y?": yes applies it, keep (or no) leaves it; anything else
        drops the question and is read as usual."""
        proposal = state.confirm or {}
        state.confirm = None
        command = reading.command
        if command not in ("confirm", "keep") and reading.text not in self._refusals:
            return None
        step_id, values = next(iter(proposal.items()))
        step = self.conversation.step(step_id)
        if command == "confirm":
            return self._apply_plan(state, Plan(updates={step_id: values}), replies)
        kept = Say(self.wording.change_kept.format(title=step.title, before=step.describe(state.answers[step_id])))
        return self._not_answered(state, [*replies, kept])

    def _ask_which(
        self, state: State, step: Step, options: list[str], replies: list[Reply], counts: bool = False
    ) -> Turn:
        """ "Which one do you mean: A or B?", or (`counts`) "Here that counts as A.", with a button each."""
        if state.which_asked == {step.id: options} and step.id == state.pending:
            # Asked just before and not settled: not again, but the usual help for the open question.
            state.which_asked = None
            return self._not_answered(state, replies)
        state.which = state.which_asked = {step.id: options}
        if step.id == state.pending:
            state.misses += 1
            if state.misses >= MAX_MISSES:
                return self._give_up(state, step, replies)
        labels = " or ".join(f"*{step.label(o)}*" for o in options)
        choices = tuple(Choice(f"answer:{step.id}:{o}", step.label(o)) for o in options)
        wording = self.wording.counts_as if counts else self.wording.which_one
        return state, [*replies, Answer(step.title, wording.format(choices=labels), choices=choices)]

    def _settle_which(self, state: State, reading: Reading, replies: list[Reply]) -> Turn | None:
        step_id, options = next(iter((state.which or {}).items()))
        state.which = None
        step = self.conversation.step(step_id)
        chosen = [o for o in reading.said(step_id) if o in options]
        if len(options) == 1 and reading.command == "confirm":
            chosen = options  # "Here that counts as NVIDIA GPUs." "yes"
        if len(reading.numbers) == 1 and 1 <= reading.numbers[0] <= len(options):
            chosen = [options[reading.numbers[0] - 1]]
        if len(chosen) != 1:
            return None
        plan = Plan(pending=chosen) if step_id == state.pending else Plan(updates={step_id: chosen})
        return self._apply_plan(state, plan, replies, pending_step=step.id)
