"""The dialogue core: `Advisor.turn(state, event) -> (new state, replies)`.

Pure: no I/O, no Slack, no clock (today's date is passed in). The state is a plain record the
caller stores between turns, so any process can continue any conversation.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

from bot.advice import NAMES, Recommendation, consultation_link, recommend
from bot.conversation import UNSURE, Conversation, Step
from bot.followups import FollowUpDesk
from bot.knowledge import Knowledge, check_advice_against
from bot.matching import DEFAULT_CUTOFF, Matcher, Mention
from bot.replies import Advise, Answer, Ask, Choice, Recap, RecapLine, Reply, Say
from bot.state import Event, Picked, Pressed, Said, State, effective
from bot.what_if import what_if

# Words that make a message after the recommendation a what-if rather than a question.
_WHAT_IF = re.compile(r"\b(what if|if we|if our|suppose|instead|actually|also|too|now we|switch|change)\b", re.I)
_UNDO_DEPTH = 20
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
        """Take one user turn. Never raises for any user input; always returns >= 1 reply.

        `expired` says the conversation sat idle past the expiry setting: the user is told, and
        chooses to resume or restart before anything else happens.
        """
        # A deep copy (the caller's state is never changed); rebuilding it from plain data is
        # several times faster than model_copy(deep=True).
        state = State.model_validate(state.model_dump())
        replies: list[Reply] = []
        if expired and state.phase not in ("new", "expired", "cancelled"):
            state.resume_phase = state.phase
            state.phase = "expired"
            return state, [self._expired_notice()]
        if state.phase == "expired":
            return self._after_expiry(state, event)
        if state.phase == "new":
            state.phase = "asking"
            replies.append(Say(self.wording.greeting))
            said = self.matcher.command(event.text) if isinstance(event, Said) else None
            if isinstance(event, Said) and said is None:
                return self._answer_text(state, event.text, today, replies, first=True)
            if "help" in (said, event.command if isinstance(event, Pressed) else None):
                return self._command(state, "help", replies, today)
            if isinstance(event, Said | Pressed):
                return state, [*replies, *self._next(state)]
        elif state.phase == "cancelled":
            state.phase = "confirming" if self._missing(state) is None else "asking"
            replies.append(Say("Welcome back - picking up where we left off."))
            if isinstance(event, Said) and self.matcher.command(event.text) is None:
                # "hi again" resumes; it is not a wrong answer to the pending question.
                return self._answer_text(state, event.text, today, replies, first=True)
        if isinstance(event, Pressed):
            return self._command(state, event.command, replies, today)
        if isinstance(event, Picked):
            return self._picked(state, event, replies, today)
        command = self.matcher.command(event.text) or self._unsure_by_number(state, event.text)
        if command is not None:
            return self._command(state, command, replies, today)
        return self._answer_text(state, event.text, today, replies, first=False)

    def _unsure_by_number(self, state: State, text: str) -> str | None:
        """The numbered choices end with "Not sure" (see `_ask`), so its number means unsure."""
        if state.phase != "asking" or state.pending is None:
            return None
        return "unsure" if text.strip() == str(len(self.conversation.step(state.pending).options) + 1) else None

    def steps(self) -> dict[str, list[str]]:
        return self.conversation.options_by_step

    def recommendation(self, answers: dict[str, list[str]]) -> Recommendation:
        """The recommendation for `answers` (a pure function of them and the knowledge, so the
        follow-ups after a recommendation reuse it instead of weighing everything again)."""
        return self._recommend(tuple((step, tuple(values)) for step, values in sorted(answers.items())))

    def _recommend_uncached(self, answers: tuple[tuple[str, tuple[str, ...]], ...]) -> Recommendation:
        return recommend(self.knowledge, {step: list(values) for step, values in answers}, self.steps())

    # -- commands -------------------------------------------------------------------------------

    def _command(self, state: State, command: str, replies: list[Reply], today: date) -> tuple[State, list[Reply]]:
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
            return state, [*replies, Say(said), *self._next(state)]
        if command == "help":
            return state, [
                *replies,
                Say(self.wording.help),
                *self._where(state),
                *self._next(state),
            ]
        if command in ("adopt", "discard") or (command == "back" and state.proposed is not None):
            return self._settle_what_if(state, adopt=command == "adopt", replies=replies)
        if command == "back":
            return self._back(state, replies)
        if command == "confirm":
            if state.phase in ("confirming", "advised") and self._missing(state) is None:
                return self._advise(state, replies)
            return self._miss(state, "yes", replies)
        if command != "unsure":  # a button from an older message, or a command this version lacks
            return state, [
                *replies,
                Say("That button is out of date; here is where we are."),
                *self._next(state),
            ]
        if state.phase == "asking" and state.pending is not None:
            self._remember(state)
            step = self.conversation.step(state.pending)
            state.answers[step.id] = [UNSURE]
            state.misses = 0
            return state, [*replies, Say(step.not_sure), *self._next(state)]
        return state, [*replies, Say("There's no open question to skip."), *self._next(state)]

    def _back(self, state: State, replies: list[Reply]) -> tuple[State, list[Reply]]:
        if not state.undo:
            return state, [*replies, Say(self.wording.back_nothing), *self._next(state)]
        previous = state.undo.pop()
        cleared = [s for s in self.conversation.steps if s.id in state.answers and s.id not in previous]
        changed = cleared or [s for s in self.conversation.steps if state.answers.get(s.id) != previous.get(s.id)]
        state.answers = previous
        state.phase = "asking"
        state.misses = 0
        title = changed[0].title if changed else "your last answer"
        return state, [*replies, Say(self.wording.back_to.format(title=title)), *self._next(state)]

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
            return state, [
                *replies,
                Say("That choice is out of date; here is where we are."),
                *self._next(state),
            ]
        if state.phase == "advised":
            return self._what_if(state, {step.id: ids}, replace=True, replies=replies)
        return self._apply(state, {step.id: ids}, replace=True, replies=replies)

    def _answer_text(
        self, state: State, text: str, today: date, replies: list[Reply], first: bool
    ) -> tuple[State, list[Reply]]:
        if state.phase == "advised":
            return self._after_advice(state, text, today, replies)
        found = self._understand(state, text, today)
        if not found:
            digression = self.desk.place(text)
            if digression is not None and digression.kind == "topic":
                # A side question ("what is ExecuTorch?"): answer it, then ask the pending one again.
                return state, [*replies, self.desk.topic(digression.id), *self._next(state)]
            if first:  # a greeting or an open question: just start
                return state, [*replies, *self._next(state)]
            return self._miss(state, text, replies)
        return self._apply(state, found, replace=not self.matcher.says_also(text), replies=replies)

    def _understand(self, state: State, text: str, today: date) -> dict[str, list[str]]:
        """Step id -> option ids that `text` states."""
        pending = self.conversation.step(state.pending) if state.pending else None
        if pending is not None and state.phase == "asking":
            picks = self.matcher.numbers(pending, text)
            if picks:
                return {pending.id: picks}
        cleaned = self._the_question.sub(" ", text)
        by_step: dict[str, list[Mention]] = {}
        for mention in self.matcher.mentions(cleaned, state.pending):
            by_step.setdefault(mention.step_id, []).append(mention)
        found: dict[str, list[str]] = {}
        for step in self.conversation.steps:
            if step.kind == "duration":
                option = self.matcher.duration(step, cleaned, today)
                if option is not None:
                    found[step.id] = [option]
                    continue
            mentions = by_step.get(step.id)
            if not mentions:
                continue
            if step.kind == "many":
                found[step.id] = list(dict.fromkeys(m.option_id for m in mentions))
            else:  # one answer: the most specific phrase wins ("don't train anything" over "gemma")
                best = max(mentions, key=lambda m: (len(m.phrase.split()), m.score))
                found[step.id] = [best.option_id]
        # "no" answers the pending question only in a message about it: in "no wait, timeline is
        # 3 months" it starts a correction; it does not mean "starting fresh".
        asked = by_step.get(state.pending or "", [])
        if asked and all(m.only_when_asked for m in asked) and any(k != state.pending for k in found):
            del found[asked[0].step_id]
        return found

    def _apply(
        self, state: State, found: dict[str, list[str]], replace: bool, replies: list[Reply]
    ) -> tuple[State, list[Reply]]:
        self._remember(state)
        picked: list[str] = []
        updated: list[str] = []
        for step in self.conversation.steps:
            if step.id not in found:
                continue
            before = [o for o in state.answers.get(step.id, []) if o != UNSURE]
            is_correction = bool(before) and step.id != state.pending
            values = found[step.id]
            if step.kind == "many" and is_correction and not replace:
                values = list(dict.fromkeys([*before, *values]))
            state.answers[step.id] = values
            line = f"{step.title}: {step.describe(values)}"
            (updated if is_correction and values != before else picked).append(line)
        state.misses = 0
        if updated:
            replies.append(Say(f"{self.wording.updated} " + "; ".join(updated) + "."))
        if picked:
            replies.append(Say(f"{self.wording.picked_up} " + "; ".join(picked) + "."))
        if state.phase == "advised":
            return self._advise(state, replies)
        return state, [*replies, *self._next(state)]

    def _miss(self, state: State, text: str, replies: list[Reply]) -> tuple[State, list[Reply]]:
        state.misses += 1
        if state.phase == "confirming":
            return state, [
                *replies,
                Say('Tell me what to change (for example "timeline is 3 months"), or say *yes*.'),
                self._recap(state),
            ]
        step = self.conversation.step(state.pending) if state.pending else None
        if step is None:
            return state, [*replies, *self._next(state)]
        shown = text.strip()
        shown = shown if len(shown) <= 80 else shown[:77] + "..."
        if state.misses == 1:
            examples = ", ".join(f'"{e}"' for e in step.examples)
            return state, [
                *replies,
                Say(self.wording.miss_first.format(text=shown)),
                Say(f"{step.reprompt} (for example {examples}), or say *not sure*."),
                self._ask(state, step, hint=""),
            ]
        return state, [
            *replies,
            Say(self.wording.miss_second),
            self._ask(state, step, hint="choices"),
        ]

    # -- moving on ------------------------------------------------------------------------------

    def _missing(self, state: State) -> Step | None:
        return next((s for s in self.conversation.steps if s.id not in state.answers), None)

    def _next(self, state: State) -> list[Reply]:
        if state.phase == "advised":
            return [Say(self.wording.finished_hint)]
        step = self._missing(state)
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
            return [Say("You have your recommendation; ask a follow-up or say *restart*.")]
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

    def _after_advice(self, state: State, text: str, today: date, replies: list[Reply]) -> tuple[State, list[Reply]]:
        found = self._understand(state, text, today)
        intent = self.desk.place(text)
        if found and (_WHAT_IF.search(text) or intent is None):
            return self._what_if(state, found, replace=not self.matcher.says_also(text), replies=replies)
        if intent is None:
            return state, [*replies, self.desk.unknown(self.consult_url)]
        if intent.kind == "topic":
            return state, [*replies, self.desk.topic(intent.id)]
        recommendation = self.recommendation(effective(state.answers))
        flip = self.flip_text(recommendation, state.answers)
        return state, [*replies, self.desk.computed(intent.id, text, recommendation, flip)]

    def _what_if(
        self, state: State, found: dict[str, list[str]], replace: bool, replies: list[Reply]
    ) -> tuple[State, list[Reply]]:
        """Recompute with changed answers, keeping the originals until the user adopts the change."""
        base = state.proposed or state.answers
        change = what_if(self.knowledge, self.conversation, state.answers, base, found, replace)
        if change is None:
            return state, [*replies, Say("That matches what you told me already; nothing changes.")]
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
            return state, [*replies, Say("There's no what-if to settle right now."), *self._next(state)]
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
        return state, [*replies, Say("Done: those are your answers now."), *advised]

    # -- expiry -----------------------------------------------------------------------------------

    def _expired_notice(self) -> Answer:
        return Answer(
            "Session expired",
            self.wording.expired,
            choices=(Choice("resume", "Resume where I was"), Choice("restart", "Start over")),
        )

    def _after_expiry(self, state: State, event: Event) -> tuple[State, list[Reply]]:
        command = event.command if isinstance(event, Pressed) else None
        if isinstance(event, Said):
            command = self.matcher.command(event.text)
        if command == "restart":
            fresh = State(phase="asking")
            return fresh, [Say(self.wording.restarted), *self._next(fresh)]
        if command in ("resume", "confirm"):
            state.phase = state.resume_phase or "asking"
            state.resume_phase = None
            if state.phase == "advised":
                return state, [Say("Welcome back."), self._advice_reply(state.answers, self._current(state))]
            return state, [Say("Welcome back - picking up where we left off."), *self._next(state)]
        return state, [self._expired_notice()]

    def _current(self, state: State) -> Recommendation:
        return self.recommendation(effective(state.answers))
