"""The dialogue core: `Advisor.turn(state, event) -> (new state, replies)`.

Pure: no I/O, no Slack, no clock (today's date is passed in). The state is a plain record the
caller stores between turns, so any process can continue any conversation.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from functools import lru_cache

from bot.advice import NAMES, Recommendation, consultation_link, recommend
from bot.answering import Plan, Planner
from bot.conversation import UNSURE, Conversation, Step
from bot.followups import FollowUpDesk
from bot.knowledge import Knowledge, check_advice_against
from bot.matching import DEFAULT_CUTOFF, Matcher
from bot.reading import ANY_STEP, Reader, Reading
from bot.replies import Advise, Answer, Ask, Choice, Recap, RecapLine, Reply, Say
from bot.state import Event, Picked, Pressed, Said, State, effective
from bot.what_if import what_if

_UNDO_DEPTH = 20


def _signature(replies: list[Reply]) -> str:
    """A short fingerprint of a turn's replies, to notice the same replies twice in a row."""
    return hashlib.sha1(repr(replies).encode(), usedforsecurity=False).hexdigest()[:16]


_MAX_MISSES = 3  # the third turn in a row that leaves a question open records "not sure" for it
__all__ = ["Advisor", "Event", "Picked", "Pressed", "Said", "State"]


class Advisor:
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
        self.reader = Reader(conversation, self.matcher)
        self.planner = Planner(conversation)
        self.desk = FollowUpDesk(knowledge)
        # Per Advisor, bounded: recommendations are immutable and their answers are the whole key.
        self._recommend = lru_cache(maxsize=1024)(self._recommend_uncached)
        self.wording = conversation.wording
        names = {
            f.id: "(?:" + "|".join(sorted({re.escape(a) for a in [f.name, *f.aliases]}, key=len)[::-1]) + ")"
            for f in knowledge.frameworks
        }
        tf, pt, versus = names["tensorflow"], names["pytorch"], r"\s*(?:or|vs\.?|versus|/)\s*"
        # "tensorflow or pytorch?" names the question, not the team's skills; "pytorch and tf" and
        # "tf2/keras" (one framework) are skills.
        self._the_question = re.compile(rf"\b(?:{tf}{versus}{pt}|{pt}{versus}{tf})\b[?]?", re.I)

    # -- public API -----------------------------------------------------------------------------

    def turn(self, state: State, event: Event, today: date, expired: bool = False) -> tuple[State, list[Reply]]:
        """Take one user turn. Never raises for any user input; always returns >= 1 reply, and never
        the same replies as the turn before (a question asked again after the recommendation is
        answered again, with a short lead-in)."""
        new_state, replies = self._turn(state, event, today, expired)
        signature = _signature(replies)
        if signature == state.last_replies:
            replies = [Say(self.wording.said_again), *replies]
            signature = _signature(replies)
        new_state.last_replies = signature
        return new_state, replies

    def _turn(self, state: State, event: Event, today: date, expired: bool = False) -> tuple[State, list[Reply]]:
        """One user turn (see `turn`).

        `expired` says the conversation sat idle past the expiry setting: the user is told, and
        chooses to resume (with what they just sent applied) or restart. A conversation that has its
        recommendation never expires: follow-up questions are always answered.
        """
        # A deep copy (the caller's state is never changed); rebuilding it from plain data is
        # several times faster than model_copy(deep=True).
        state = State.model_validate(state.model_dump())
        if expired and state.phase not in ("new", "expired", "cancelled", "advised"):
            state.resume_phase = state.phase
            state.phase = "expired"
            state.held = event.text if isinstance(event, Said) and self._is_answer_text(event.text) else None
            return state, [self._expired_notice()]
        if state.phase == "expired":
            return self._after_expiry(state, event, today)
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

    def read(self, text: str, state: State, today: date) -> Reading:
        """The one reading of a message, in the context of the conversation's pending question."""
        asked = self._the_question.sub(lambda m: " which framework" + ("?" if m[0].endswith("?") else "") + " ", text)
        # At the recap and after the recommendation every question is open to change.
        pending = ANY_STEP if state.phase in ("confirming", "advised") else state.pending
        return self.reader.read(asked, pending, today)

    def _is_answer_text(self, text: str) -> bool:
        return self.reader.command(text) is None

    def steps(self) -> dict[str, list[str]]:
        return self.conversation.options_by_step

    def recommendation(self, answers: dict[str, list[str]]) -> Recommendation:
        """The recommendation for `answers` (a pure function of them and the knowledge, so the
        follow-ups after a recommendation reuse it instead of weighing everything again)."""
        return self._recommend(tuple((step, tuple(values)) for step, values in sorted(answers.items())))

    def _recommend_uncached(self, answers: tuple[tuple[str, tuple[str, ...]], ...]) -> Recommendation:
        return recommend(self.knowledge, {step: list(values) for step, values in answers}, self.steps())

    # -- what a message is ------------------------------------------------------------------------

    def _said(self, state: State, reading: Reading, replies: list[Reply], today: date) -> tuple[State, list[Reply]]:
        state.forget_asked = False
        if state.confirm is not None:
            settled = self._settle_change(state, reading, replies)
            if settled is not None:
                return settled
        if state.which is not None:
            chosen = self._settle_which(state, reading, replies)
            if chosen is not None:
                return chosen
        if reading.command is not None:
            return self._command(state, reading.command, replies, today)
        if reading.kind == "empty":  # only emoji or markup: nothing to read, but something was said
            if reading.raw.strip():
                return self._miss(state, reading.raw, replies)
            return self._not_answered(state, replies)
        if reading.kind == "other_language":
            return self._not_answered(state, [*replies, Say(self.wording.other_language)])
        if state.phase == "advised":
            return self._after_advice(state, reading, replies)
        if reading.numbers:
            return self._numbers(state, reading.numbers, replies)
        plan = self.planner.plan(reading, state.answers, state.pending, today, recap=state.phase == "confirming")
        if plan.empty:
            return self._no_answer(state, reading, replies)
        return self._apply_plan(state, plan, replies)

    def _opening(self, state: State, reading: Reading, replies: list[Reply], today: date) -> tuple[State, list[Reply]]:
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

    def _no_answer(self, state: State, reading: Reading, replies: list[Reply]) -> tuple[State, list[Reply]]:
        if reading.kind == "question" or reading.kind == "what_if":
            return self._not_answered(state, [*replies, *self._answer_question(state, reading)])
        topic = self.desk.place(reading.text) if not reading.found else None
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
            if intent is not None and intent.kind == "topic":
                return [self.desk.topic(intent.id)]
        return [Say(self.wording.question_held)]

    # -- commands -------------------------------------------------------------------------------

    def _command(self, state: State, command: str, replies: list[Reply], today: date) -> tuple[State, list[Reply]]:
        state.confirm = None
        state.which = None
        state.forget_asked = command == "forget"
        if command == "forget":
            # Deleting is for good: asked first. The service deletes on "yes" (see Service.handle).
            choices = (Choice("forget_confirmed", self.wording.forget_yes), Choice("keep", self.wording.forget_no))
            return state, [*replies, Answer(self.wording.forget_title, self.wording.forget_question, choices=choices)]
        if command == "restart":
            fresh = State(phase="asking")
            return fresh, [*replies, Say(self.wording.restarted), *self._next(fresh)]
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
        if command == "recommend_now":
            return self._recommend_now(state, replies)
        if command == "confirm":
            if state.phase in ("confirming", "advised") and self._missing(state) is None:
                return self._advise(state, replies)
            return self._miss(state, "yes", replies)
        if command == "forget_confirmed":  # the service deletes before the core sees this; here it is stale
            return self._stale(state, replies)
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

    def _stale(self, state: State, replies: list[Reply]) -> tuple[State, list[Reply]]:
        """A button from an older message: nothing changes, and the open question (still on
        screen) is not asked again, so pressing old buttons can never make a loop."""
        said = replies if any(isinstance(r, Say) for r in replies) else [*replies, Say(self.wording.out_of_date)]
        if state.phase == "asking" and state.pending is not None:
            return state, said
        return state, [*said, *self._next(state)]

    def _back(self, state: State, replies: list[Reply]) -> tuple[State, list[Reply]]:
        """Undo exactly the last change to the answers, and name the question it was for."""
        if not state.undo:
            return self._not_answered(state, [*replies, Say(self.wording.back_nothing)])
        previous = state.undo.pop()
        changed = [s for s in self.conversation.steps if state.answers.get(s.id) != previous.get(s.id)]
        state.answers = previous
        title = ", ".join(s.title for s in changed) or self.wording.last_answer
        replies = [*replies, Say(self.wording.back_to.format(title=title))]
        cleared = next((s for s in changed if s.id not in previous), None)
        if cleared is not None:  # "go back to the previous question": that question is asked again
            return state, [*replies, *self._next(state, prefer=cleared.id)]
        if state.phase == "advised":
            return self._advise(state, replies)
        return self._not_answered(state, replies)  # an earlier value restored; the open question stays open

    def _recommend_now(self, state: State, replies: list[Reply]) -> tuple[State, list[Reply]]:
        """ "Just tell me": the unanswered questions count as not sure, and the user is told so."""
        if state.phase == "advised":  # "tl;dr" after the recommendation: the three-line version
            current = self._current(state)
            summary = self.desk.computed("summary", "", current, self.flip_text(current, state.answers))
            return state, [*replies, summary]
        missing = [s for s in self.conversation.steps if s.id not in state.answers]
        if missing:
            self._remember(state)
            for step in missing:
                state.answers[step.id] = [UNSURE]
            replies = [*replies, Say(self.wording.assumed.format(titles=", ".join(s.title for s in missing)))]
        return self._advise(state, replies)

    # -- answers --------------------------------------------------------------------------------

    def _picked(self, state: State, event: Picked, replies: list[Reply], today: date) -> tuple[State, list[Reply]]:
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

    def _numbers(self, state: State, numbers: tuple[int, ...], replies: list[Reply]) -> tuple[State, list[Reply]]:
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

    def _apply_plan(
        self, state: State, plan: Plan, replies: list[Reply], pending_step: str | None = None
    ) -> tuple[State, list[Reply]]:
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
                state.answers[step.id] = plan.fills[step.id]
                picked.append(f"{step.title}: {step.describe(plan.fills[step.id])}")
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

    # -- changes and ambiguity, confirmed by the user ---------------------------------------------

    def _propose(
        self, state: State, proposal: tuple[str, list[str]], replies: list[Reply], answered_pending: bool
    ) -> tuple[State, list[Reply]]:
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

    def _settle_change(self, state: State, reading: Reading, replies: list[Reply]) -> tuple[State, list[Reply]] | None:
        """The answer to "Change X to Y?": yes applies it, keep (or no) leaves it; anything else
        drops the question and is read as usual."""
        proposal = state.confirm or {}
        state.confirm = None
        command = reading.command
        if command not in ("confirm", "keep") and reading.text not in ("no", "nope", "nah", "no thanks"):
            return None
        step_id, values = next(iter(proposal.items()))
        step = self.conversation.step(step_id)
        if command == "confirm":
            return self._apply_plan(state, Plan(updates={step_id: values}), replies)
        kept = Say(self.wording.change_kept.format(title=step.title, before=step.describe(state.answers[step_id])))
        return self._not_answered(state, [*replies, kept])

    def _ask_which(
        self, state: State, step: Step, options: list[str], replies: list[Reply]
    ) -> tuple[State, list[Reply]]:
        if state.which_asked == {step.id: options} and step.id == state.pending:
            # Asked just before and not settled: not again, but the usual help for the open question.
            state.which_asked = None
            return self._not_answered(state, replies)
        state.which = state.which_asked = {step.id: options}
        if step.id == state.pending:
            state.misses += 1
            if state.misses >= _MAX_MISSES:
                return self._give_up(state, step, replies)
        labels = " or ".join(f"*{step.label(o)}*" for o in options)
        choices = tuple(Choice(f"answer:{step.id}:{o}", step.label(o)) for o in options)
        return state, [*replies, Answer(step.title, self.wording.which_one.format(choices=labels), choices=choices)]

    def _settle_which(self, state: State, reading: Reading, replies: list[Reply]) -> tuple[State, list[Reply]] | None:
        step_id, options = next(iter((state.which or {}).items()))
        state.which = None
        step = self.conversation.step(step_id)
        chosen = [o for o in reading.said(step_id) if o in options]
        if len(reading.numbers) == 1 and 1 <= reading.numbers[0] <= len(options):
            chosen = [options[reading.numbers[0] - 1]]
        if len(chosen) != 1:
            return None
        plan = Plan(pending=chosen) if step_id == state.pending else Plan(updates={step_id: chosen})
        return self._apply_plan(state, plan, replies, pending_step=step.id)

    # -- a turn that leaves the open question open -----------------------------------------------

    def _not_answered(self, state: State, replies: list[Reply]) -> tuple[State, list[Reply]]:
        """Anything but an answer to the open question counts against it: asked again with more
        help each time, and after the third such turn recorded as not sure."""
        if state.phase == "confirming":
            return self._miss(state, "", replies)
        if state.phase != "asking" or state.pending is None:
            return state, [*replies, *self._next(state)]
        state.misses += 1
        step = self.conversation.step(state.pending)
        if state.misses >= _MAX_MISSES:
            return self._give_up(state, step, replies)
        hint = "choices" if state.misses >= 2 else ""
        return state, [*replies, self._ask(state, step, hint=hint)]

    def _give_up(self, state: State, step: Step, replies: list[Reply]) -> tuple[State, list[Reply]]:
        state.which = state.which_asked = state.confirm = state.confirm_asked = None
        self._remember(state)
        state.answers[step.id] = [UNSURE]
        state.misses = 0
        return state, [*replies, Say(self.wording.gave_up.format(title=step.title)), *self._next(state)]

    def _miss(self, state: State, text: str, replies: list[Reply]) -> tuple[State, list[Reply]]:
        state.misses += 1
        if state.phase == "confirming":  # two wordings in turn, so no reply repeats the one before
            wording = self.wording.recap_miss_first if state.misses % 2 else self.wording.recap_miss
            return state, [*replies, Say(wording), self._recap(state)]
        step = self.conversation.step(state.pending) if state.pending else None
        if step is None:
            return state, [*replies, *self._next(state)]
        shown = text.strip()
        shown = shown if len(shown) <= 80 else shown[:77] + "..."
        if state.misses >= _MAX_MISSES:
            return self._give_up(state, step, replies)
        if state.misses == 1:
            examples = ", ".join(f'"{e}"' for e in step.examples)
            return state, [
                *replies,
                Say(self.wording.miss_first.format(text=shown)),
                Say(f"{step.reprompt} (for example {examples}), or say *not sure*."),
                self._ask(state, step, hint=""),
            ]
        return state, [*replies, Say(self.wording.miss_second), self._ask(state, step, hint="choices")]

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
        choices = (*tuple(Choice(o.id, o.label) for o in step.options), Choice(UNSURE, "Not sure"))
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
        return [Say(f"So far you've answered {answered} of {total} questions.")]

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

    def _remember(self, state: State) -> None:
        state.undo = [*state.undo, {k: list(v) for k, v in state.answers.items()}][-_UNDO_DEPTH:]

    def _advise(self, state: State, replies: list[Reply]) -> tuple[State, list[Reply]]:
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
            follow_up_hint=self.wording.finished_hint,
        )

    def flip_text(self, recommendation: Recommendation, answers: dict[str, list[str]]) -> str | None:
        flip = recommendation.flip
        if flip is None:
            return self.wording.no_flip
        step = self.conversation.step(flip.step_id)
        now = step.describe(answers.get(step.id, [UNSURE]))
        then = step.describe(flip.to_options)
        outcome = "call it a toss-up" if flip.verdict == "either" else f"recommend {NAMES[flip.verdict]}"
        return f"If {step.title.lower()} were *{then}* instead of _{now}_, I'd {outcome}."

    # -- after the recommendation: follow-up questions and what-ifs --------------------------------

    def _after_advice(self, state: State, reading: Reading, replies: list[Reply]) -> tuple[State, list[Reply]]:
        """After the recommendation: a what-if ("what if we also shipped on iOS?", "actually we have
        TPUs") is weighed; a question ("can we switch to TF later?") is answered, never a what-if."""
        found = {step: reading.said(step) for step in reading.steps() if reading.said(step)}
        if reading.weeks is not None:
            timeline = next(s for s in self.conversation.steps if s.kind == "duration")
            found[timeline.id] = [self.planner.duration_option(timeline, reading.weeks)]
        question = reading.questions[0] if reading.questions else reading.text
        intent = self.desk.place(question) if reading.kind != "what_if" else None
        if found and (reading.kind == "what_if" or reading.correction or (intent is None and not reading.questions)):
            return self._what_if(state, found, replace=reading.operation == "replace", replies=replies)
        if intent is None:
            state.unknowns += 1
            return state, [*replies, self.desk.unknown(self.consult_url, state.unknowns)]
        state.unknowns = 0
        if intent.kind == "topic":
            return state, [*replies, self.desk.topic(intent.id)]
        recommendation = self.recommendation(effective(state.answers))
        flip = self.flip_text(recommendation, state.answers)
        return state, [*replies, self.desk.computed(intent.id, question, recommendation, flip, self.consult_url)]

    def _what_if(
        self, state: State, found: dict[str, list[str]], replace: bool, replies: list[Reply]
    ) -> tuple[State, list[Reply]]:
        """Recompute with changed answers, keeping the originals until the user adopts the change."""
        base = state.proposed or state.answers
        change = what_if(self.knowledge, self.conversation, state.answers, base, found, replace)
        if change is None:
            return state, [*replies, Say(self.wording.what_if_same)]
        state.proposed = change.answers
        lines = ["What if " + "; ".join(change.changes) + "?"]
        updated = change.recommendation
        if updated is not None:
            lines.append(f"That changes my recommendation from *{NAMES[change.original]}* to *{updated.name}*.")
            if updated.deciding:
                top = updated.deciding[0]
                lines.append(
                    f"{top.name} now weighs most: TensorFlow {top.tensorflow}/10,"
                    f" PyTorch {top.pytorch}/10. {top.reason}"
                )
        else:
            before, after = change.original_totals, change.totals
            lines.append(
                f"It doesn't change the recommendation: still *{NAMES[change.verdict]}* (weighted TensorFlow"
                f" {before['tensorflow']} -> {after['tensorflow']}, PyTorch"
                f" {before['pytorch']} -> {after['pytorch']})."
            )
        lines.append("Your original answers are kept until you choose.")
        offer = Answer(
            "What if",
            "\n".join(lines),
            choices=(Choice("adopt", "Use the new answers"), Choice("discard", "Keep my original answers")),
        )
        if updated is not None:
            return state, [*replies, self._advice_reply(change.answers, updated), offer]
        return state, [*replies, offer]

    def _settle_what_if(self, state: State, adopt: bool, replies: list[Reply]) -> tuple[State, list[Reply]]:
        if state.phase != "advised" or state.proposed is None:
            return self._stale(state, [*replies, Say(self.wording.no_what_if)])
        if not adopt:
            state.proposed = None
            rec = self.recommendation(effective(state.answers))
            return state, [
                *replies,
                Say(f"Kept your original answers: the recommendation stays *{rec.name}*."),
            ]
        self._remember(state)
        state.answers = state.proposed
        state, advised = self._advise(state, [])
        return state, [*replies, Say(self.wording.what_if_adopted), *advised]

    # -- expiry -----------------------------------------------------------------------------------

    def _expired_notice(self) -> Answer:
        return Answer(
            "Session expired",
            self.wording.expired,
            choices=(Choice("resume", "Resume where I was"), Choice("restart", "Start over")),
        )

    def _after_expiry(self, state: State, event: Event, today: date) -> tuple[State, list[Reply]]:
        command = event.command if isinstance(event, Pressed) else None
        if isinstance(event, Said):
            command = self.reader.command(event.text)
            if command is None and self._is_answer_text(event.text):
                state.held = event.text  # the newest message is the one to apply on resume
        if command == "restart":
            fresh = State(phase="asking")
            return fresh, [Say(self.wording.restarted), *self._next(fresh)]
        if command in ("resume", "confirm"):
            state.phase = state.resume_phase or "asking"
            state.resume_phase = None
            held, state.held = state.held, None
            replies: list[Reply] = [Say(self.wording.welcome_back)]
            if held:  # what they sent when the conversation had expired, applied now
                return self._said(state, self.read(held, state, today), replies, today)
            return state, [*replies, *self._next(state)]
        return state, [self._expired_notice()]

    def _current(self, state: State) -> Recommendation:
        return self.recommendation(effective(state.answers))
