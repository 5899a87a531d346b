"""Questions after the recommendation: placing them, and answering from the knowledge.

Placing uses rapidfuzz over question forms kept in knowledge/followups.yaml. Answers are either
written in the knowledge (topics) or computed from the recommendation (why, how sure, scores,
sources, the seed-vs-today scorecard). Every answer carries the sources it rests on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

from rapidfuzz import fuzz, process

from bot.advice import NAMES, Recommendation, sources_for
from bot.knowledge import Knowledge, Verdict
from bot.matching import Phrases, normalise
from bot.replies import Answer

DEFAULT_CUTOFF = 88.0
# The names that stand for a framework itself (not TFX, Lightning or Keras, which are subjects of their own).
_SHORT_NAMES = {"tensorflow", "tf", "tf2", "tensorflow2", "pytorch", "torch", "pt", "pytorch2", "torch2"}

T = TypeVar("T")


@dataclass(frozen=True)
class Intent:
    kind: str  # "computed" or "topic"
    id: str
    score: float


class FollowUpDesk:
    def __init__(self, knowledge: Knowledge, cutoff: float = DEFAULT_CUTOFF) -> None:
        self.knowledge = knowledge
        self.cutoff = cutoff
        self._alias = {
            normalise(alias): f.id
            for f in knowledge.frameworks
            for alias in [f.name, *f.aliases]
            if normalise(alias) in _SHORT_NAMES
        }
        self._forms: dict[str, tuple[str, str]] = {}
        for computed in knowledge.computed:
            for question in computed.questions:
                self._forms.setdefault(self._canonical(question), ("computed", computed.id))
        for followup in knowledge.followups:
            for question in followup.questions:
                self._forms.setdefault(self._canonical(question), ("topic", followup.id))
        self._keywords = {
            normalise(word): followup.id for followup in knowledge.followups for word in followup.keywords
        }
        self._keyword_typos = Phrases(list(self._keywords))
        names = {a.lower() for f in knowledge.frameworks for a in [f.name, *f.aliases]}
        self._framework_words = {f.id: {a.lower() for a in [f.name, *f.aliases]} for f in knowledge.frameworks}
        self._any_framework = re.compile(
            r"\b(" + "|".join(sorted(map(re.escape, names), key=len, reverse=True)) + r")\b"
        )

    def _canonical(self, text: str) -> str:
        """Framework names as one word each ("tf" and "tf2" are "tensorflow"), so "can we switch
        to TF later?" meets the question form written with "tensorflow"."""
        return " ".join(self._alias.get(w, w) for w in normalise(text).split())

    def place(self, text: str) -> Intent | None:
        """The follow-up a question asks, or None when nothing matches above the cut-off."""
        said = self._canonical(text)
        if not said:
            return None
        if said in self._forms:
            kind, intent_id = self._forms[said]
            return Intent(kind, intent_id, 100.0)
        best = process.extractOne(said, list(self._forms), scorer=fuzz.token_sort_ratio, score_cutoff=self.cutoff)
        if best is not None:
            kind, intent_id = self._forms[best[0]]
            return Intent(kind, intent_id, float(best[1]))
        # A topic's keyword ("jetson?", "what about rocm") names it on its own; typos allowed.
        words = said.split()
        spans = [" ".join(words[i : i + n]) for n in (3, 2, 1) for i in range(len(words) - n + 1)]
        for span in spans:
            if span in self._keywords:
                return Intent("topic", self._keywords[span], 100.0)
        # A misspelt keyword counts only as a real typo (a swap, one letter more or less), never
        # as a near-miss of another name: "core ml" is not "coral".
        for span in spans:
            near = self._keyword_typos.typo_of(span, 100)
            if near is not None:
                return Intent("topic", self._keywords[near[0]], near[1])
        return None

    def framework_named(self, text: str) -> Verdict | None:
        match = self._any_framework.search(text.lower())
        if match is None:
            return None
        word = match.group(1)
        if word in self._framework_words["tensorflow"] and word != "keras":
            return "tensorflow"
        return "pytorch" if word in self._framework_words["pytorch"] else "tensorflow"

    def topic(self, topic_id: str) -> Answer:
        followup = next(f for f in self.knowledge.followups if f.id == topic_id)
        return Answer(followup.topic, followup.answer, tuple(sources_for(self.knowledge, followup.facts)))

    def unknown(self, consult_url: str, in_a_row: int = 1) -> Answer:
        """At most three lines: that it doesn't know, three questions it can answer, and from the
        second unknown in a row, the consultant."""
        desk = self.knowledge.desk
        lines = [desk.unknown, "Try: " + ", ".join(f'"{s}"' for s in desk.suggestions)]
        if in_a_row >= 2:
            lines.append(desk.unknown_again.format(url=consult_url))
        return Answer("Not something I know", "\n".join(lines))

    def _summary(self, rec: Recommendation, flip_text: str | None) -> Answer:
        """Three lines: the verdict, what decided it, what would change it."""
        reasons = ", ".join(c.name for c in rec.deciding[:3]) or "the criteria pull both ways"
        lines = [f"*{rec.name}* ({rec.confidence} confidence).", f"Decided by: {reasons}."]
        lines.append(flip_text or self.knowledge.desk.no_flip)
        return Answer("In short", "\n".join(lines))

    # -- computed answers ---------------------------------------------------------------------------

    def computed(
        self, intent_id: str, text: str, rec: Recommendation, flip_text: str | None, consult_url: str = ""
    ) -> Answer:
        desk = self.knowledge.desk
        if intent_id == "change_mind":
            return Answer("What would change it", flip_text or desk.no_flip)
        if intent_id == "consultant":
            return Answer("Talk to a consultant", desk.consultant.format(url=consult_url))
        if intent_id == "method":
            return Answer("How I decide", desk.method)
        if intent_id == "summary":
            return self._summary(rec, flip_text)
        if intent_id in ("why", "why_not"):
            return self._why(intent_id, text, rec, flip_text)
        if intent_id == "how_sure":
            return self._how_sure(rec, flip_text)
        if intent_id == "scores":
            return self._scores(rec)
        if intent_id == "sources":
            return self._sources(rec)
        return self.comparison()

    def _why(self, intent_id: str, text: str, rec: Recommendation, flip_text: str | None) -> Answer:
        named = self.framework_named(text)
        reasons = [
            f"*{c.name}*: TensorFlow {c.tensorflow}/10, PyTorch {c.pytorch}/10. {c.reason}" for c in rec.deciding
        ]
        if rec.verdict == "either":
            head = "I called it a toss-up: the criteria that matter for you pull both ways."
        elif intent_id == "why_not" and named is not None and named != rec.verdict:
            head = f"Why not {NAMES[named]}: for your answers it trails {rec.name} where it counts."
        elif intent_id == "why_not" and named == rec.verdict:
            head = f"I did recommend {rec.name}. Here is why."
        else:
            head = f"Why {rec.name}:"
        text_lines = [head, *reasons]
        if flip_text:
            text_lines.append(f"What would change it: {flip_text}")
        sources = [s for c in rec.deciding for s in c.sources]
        return Answer("Why", "\n".join(text_lines), tuple(_unique(sources)))

    def _how_sure(self, rec: Recommendation, flip_text: str | None) -> Answer:
        gap = abs(rec.margin)
        thresholds = self.knowledge.advice.thresholds
        text = (
            f"Confidence: *{rec.confidence}*. For your answers the weighted scores are TensorFlow"
            f" {rec.totals['tensorflow']}/10 and PyTorch {rec.totals['pytorch']}/10, a gap of {gap:.1f}."
            f" Under {thresholds.either_below} I call it a toss-up;"
            f" from {thresholds.high_from} I'm confident."
        )
        if rec.forced_by:
            text += " One of your answers settles this case on its own, whatever the totals."
        if flip_text:
            text += f" {flip_text}"
        return Answer("How sure", text, tuple(_unique(s for c in rec.deciding for s in c.sources)))

    def _scores(self, rec: Recommendation) -> Answer:
        lines = [
            f"*{c.name}* (weight {c.weight:g}): TensorFlow {c.tensorflow}/10, PyTorch {c.pytorch}/10"
            for c in rec.deciding
        ]
        lines.append(
            f"Weighted over every criterion that counts for you: TensorFlow {rec.totals['tensorflow']}/10,"
            f" PyTorch {rec.totals['pytorch']}/10. Say *show the comparison* for the full scorecard."
        )
        return Answer("Scores", "\n".join(lines), tuple(_unique(s for c in rec.deciding for s in c.sources)))

    def _sources(self, rec: Recommendation) -> Answer:
        sources = _unique([*(s for c in rec.deciding for s in c.sources), *(s for v in rec.caveats for s in v.sources)])
        return Answer("Sources", "The facts behind this recommendation, with their dates:", tuple(sources))

    def comparison(self) -> Answer:
        lines = ["The comparison: the seed's scores (TensorFlow / PyTorch) and today's, out of 10."]
        for criterion in self.knowledge.criteria:
            now = f"{criterion.current.tensorflow} / {criterion.current.pytorch}"
            if criterion.seed is None:
                if criterion.base_weight == 0 and criterion.id in ("team_fit", "migration"):
                    continue
                lines.append(f"*{criterion.name}*: new criterion, today {now}. {criterion.reason}")
            elif criterion.changed_from_seed:
                seed = f"{criterion.seed.tensorflow} / {criterion.seed.pytorch}"
                lines.append(f"*{criterion.name}*: seed {seed}, today {now}. Why: {criterion.change_reason}")
            else:
                lines.append(f"*{criterion.name}*: {now}, unchanged since the seed.")
        sources = sources_for(self.knowledge, _unique(f for c in self.knowledge.criteria for f in c.facts[:1]))
        return Answer("Comparison", "\n".join(lines), tuple(sources))


def _unique(items: Iterable[T]) -> list[T]:
    seen: list[T] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen
