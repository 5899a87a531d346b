"""After the recommendation: follow-up questions, what-ifs, and "just tell me" before it."""

from __future__ import annotations

from bot.advice import NAMES
from bot.answering import known_sense
from bot.consulting import clipped, note_asked
from bot.conversation import UNSURE
from bot.dialogue_base import DialogueBase, Turn
from bot.followups import Intent
from bot.phrasing import ENDS_ASKING_TO_ADD
from bot.reading import Reading
from bot.replies import Answer, Choice, Reply, Say
from bot.state import State, effective
from bot.what_if import what_if

_FRAMEWORK_ALONE_WORDS = 2  # "pytorch", "so tensorflow": the name, perhaps with one word more
_TELLING_WORDS = 4  # the shortest sentence told rather than a topic named ("prio is latency, cost")
# "what if it only had to run on the pilots' iPads?": what the what-if names takes the answer's place
_ONLY_WORDS = frozenset({"only", "solely", "exclusively"})


class AdvisedPhase(DialogueBase):
    def _after_advice(self, state: State, reading: Reading, replies: list[Reply]) -> Turn:
        """After the recommendation: a what-if ("what if we also shipped on iOS?", "actually we have
        TPUs") is weighed; a question ("can we switch to TF later?") is answered, never a what-if."""
        # ("what if it had to work offline on the phone?": the phone they have, not a second one)
        found = {
            step: said
            for step in reading.steps()
            if (said := known_sense(reading, step, reading.said(step), state.answers.get(step, [])))
        }
        # "what if we dropped the web part?": what a what-if rules out goes from the answers
        dropped = {step: reading.ruled_out(step) for step in reading.steps() if reading.ruled_out(step)}
        if reading.cue == "add" and ENDS_ASKING_TO_ADD.search(reading.text):
            dropped = {}  # ("a linux mini pc instead of a jetson in two kitchens, add that": the Jetson stays)
        if reading.kind == "what_if" and reading.cue == "replace":
            _held_given_up(found, dropped, state.answers)
        if reading.kind == "what_if" and reading.cue == "remove" and not found and not dropped:
            dropped = self._parts_dropped(reading.text, state.answers)
        if reading.weeks is not None:
            timeline = next(s for s in self.conversation.steps if s.kind == "duration")
            found[timeline.id] = [self.planner.duration_option(timeline, reading.weeks)]
        # (a what-if that supposes nothing asks what would follow: "and if he quits, is it easy to
        # find pytorch people?"; of several questions, the first the knowledge answers: not "ok")
        asked = reading.questions or (reading.text,)
        placed = [] if reading.kind == "what_if" and (found or dropped) else [(q, self.desk.place(q)) for q in asked]
        question, intent = next(((q, i) for q, i in placed if i is not None), (asked[0], None))
        if intent is not None and intent.kind == "computed" and intent.id == "consultant":
            return state, [*replies, *self._asked_for_human(state)]
        note_asked(state, reading.raw)
        if (found or dropped) and (
            reading.kind == "what_if"
            or reading.correction
            or (intent is None and not reading.questions)
            or (dropped and not reading.questions)  # "the MacBook was stolen": news, not a topic
            # "forgot: prio is latency + cost", "we bought two Mac Studios": a sentence telling, not
            # a topic asked for ("apple silicon" alone still gets the topic)
            or (intent is not None and intent.kind == "topic" and (self._tells(reading) or self._answers_anew(reading)))
        ):
            replace = reading.cue == "replace" and not reading.news  # ("update: Pol knows PyTorch now" adds)
            replace = replace or (reading.kind == "what_if" and bool(_ONLY_WORDS & set(reading.text.split())))
            adds = reading.cue == "add"  # ("what if we also had to train on CPUs": beside the GPUs)
            return self._what_if(
                state,
                found,
                replace=replace,
                replies=replies,
                dropped=dropped,
                adds=adds,
                supposes=reading.kind == "what_if",
            )
        if intent is None and self._names_a_framework_only(reading):
            # "pytorch", "tensorflow?" typed after the advice: why it won, or why the other did not
            intent = Intent("computed", "why_not", 100.0)
        if intent is None:
            state.unknowns += 1
            return state, [*replies, self.desk.unknown(self.consult_url, state.unknowns, clipped(reading.raw))]
        state.unknowns = 0
        if intent.kind == "topic":
            return state, [*replies, self.desk.topic(intent.id)]
        recommendation = self.recommendation(effective(state.answers))
        flip = self.flip_text(recommendation, state.answers)
        return state, [*replies, self.desk.computed(intent.id, question, recommendation, flip, self.consult_url)]

    def _parts_dropped(self, said: str, answers: dict[str, list[str]]) -> dict[str, list[str]]:
        """ "what if we drop the on-device part?": the answers held that the part named by no
        option's name stands for, where another answer of their step stays."""
        named = self.reader.parts_named(said)
        dropped: dict[str, list[str]] = {}
        for step_id, held in answers.items():
            gone = [o for o in held if (step_id, o) in named]
            if gone and len(gone) < len(held):
                dropped[step_id] = gone
        return dropped

    def _names_a_framework_only(self, reading: Reading) -> bool:
        words = reading.text.split()
        return 0 < len(words) <= _FRAMEWORK_ALONE_WORDS and self.desk.framework_named(reading.text) is not None

    @staticmethod
    def _answers_anew(reading: Reading) -> bool:
        """Whether a message names a question and gives its answer ("and priorities: cost, cost,
        cost"): an answer given again, not a topic asked about."""
        return (
            not reading.questions
            and "?" not in reading.raw
            and reading.kind == "answer"
            and bool(reading.names_steps & set(reading.steps()))
        )

    def _tells(self, reading: Reading) -> bool:
        """Whether a message is a sentence telling something (no question, a word of a statement
        such as "we", "is", "my"), not a topic named."""
        words = set(reading.text.split())
        return (
            not reading.questions
            and "?" not in reading.raw  # ("Wha dis mean, 'TFLite Micro'? You put it in the answer.")
            and not words & self._asking_words  # ("Kindly confirm whether TFLite supports ...")
            and reading.kind == "answer"
            and reading.text.split()[0] not in self.reader.polarity.negators  # ("no, leave it android, ...")
            and len(reading.text.split()) >= _TELLING_WORDS
            and bool(words & self.reader.polarity.statement_words)
        )

    def _what_if(
        self,
        state: State,
        found: dict[str, list[str]],
        replace: bool,
        replies: list[Reply],
        dropped: dict[str, list[str]] | None = None,
        adds: bool = False,
        supposes: bool = False,
    ) -> Turn:
        """Recompute with changed answers, keeping the originals until the user adopts the change."""
        base = state.proposed or state.answers
        on_record = self.recommendation(effective(state.answers))
        change = what_if(
            self.knowledge,
            self.conversation,
            state.answers,
            base,
            found,
            replace,
            on_record,
            dropped,
            adds=adds,
            supposes=supposes,
        )
        if change is None:
            return state, [*replies, Say(self.wording.what_if_same)]
        state.proposed = change.answers
        lines = [self.wording.what_if_intro.format(changes="; ".join(change.changes))]
        updated = change.recommendation
        if updated is not None:
            lines.append(self.wording.what_if_flips.format(before=NAMES[change.original], after=updated.name))
            if updated.deciding:
                top = updated.deciding[0]
                lines.append(
                    self.wording.what_if_weighs_most.format(
                        name=top.name, tensorflow=top.tensorflow, pytorch=top.pytorch, reason=top.reason
                    )
                )
        else:
            before, after = change.original_totals, change.totals
            lines.append(
                self.wording.what_if_same_verdict.format(
                    name=NAMES[change.verdict],
                    tf_before=before["tensorflow"],
                    tf_after=after["tensorflow"],
                    pt_before=before["pytorch"],
                    pt_after=after["pytorch"],
                )
            )
        lines.append(self.wording.what_if_kept)
        offer = Answer(
            self.wording.what_if_title,
            "\n".join(lines),
            choices=(Choice("adopt", self.wording.adopt_label), Choice("discard", self.wording.discard_label)),
        )
        if updated is not None:
            return state, [*replies, self._advice_reply(change.answers, updated), offer]
        return state, [*replies, offer]

    def _answer_to_what_if(self, state: State, reading: Reading, replies: list[Reply]) -> Turn | None:
        """The answer to a what-if's offer ("Use the new answers" / "Keep my original answers"): yes
        takes the new answers; no, "keep it as is", or "no, stay with the Jetson" (naming only what
        the answers hold already) keeps the originals. Anything else is read as usual (None)."""
        if reading.command in ("confirm", "adopt"):
            return self._settle_what_if(state, adopt=True, replies=replies)
        if reading.command in ("keep", "discard") or self._refuses(reading, state.answers):
            return self._settle_what_if(state, adopt=False, replies=replies)
        return None

    def _refuses(self, reading: Reading, answers: dict[str, list[str]]) -> bool:
        """Whether a message is a no that names nothing new: "nope", "no no, keep it like it was, the
        nightly batch" (a no asking something, or naming another option, is a new what-if)."""
        words = reading.text.split()
        if reading.text in self._refusals:
            return True
        opens_with_no = any(words[: len(w.split())] == w.split() for w in self._refusals)
        return (
            opens_with_no
            and not reading.questions
            and reading.kind == "answer"
            and all((f.option_id in answers.get(f.step_id, [])) != f.negated for f in reading.found if not f.hedged)
        )

    def _settle_what_if(self, state: State, adopt: bool, replies: list[Reply]) -> Turn:
        if state.phase != "advised" or state.proposed is None:
            return self._stale(state, [*replies, Say(self.wording.no_what_if)])
        if not adopt:
            state.proposed = None
            rec = self.recommendation(effective(state.answers))
            return state, [
                *replies,
                Say(self.wording.what_if_discarded.format(name=rec.name)),
            ]
        self._remember(state)
        state.answers = state.proposed
        state, advised = self._advise(state, [])
        return state, [*replies, Say(self.wording.what_if_adopted), *advised]

    def _recommend_now(self, state: State, replies: list[Reply]) -> Turn:
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


def _held_given_up(found: dict[str, list[str]], dropped: dict[str, list[str]], answers: dict[str, list[str]]) -> None:
    """ "and if we use Coral instead jetson?", "what if we switched the Jetson for a Coral": a swap
    that names an option the team has and one it has not gives up the one it has, however the
    sentence puts them (a consultant hears "instead" as a change from what is)."""
    for step, said in list(found.items()):
        held = [o for o in said if o in answers.get(step, [])]
        new = [o for o in said if o not in held]
        if held and new:
            found[step] = new
            dropped[step] = [*dropped.get(step, []), *(o for o in held if o not in dropped.get(step, []))]
