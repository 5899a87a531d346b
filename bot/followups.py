"""Questions after the recommendation: placing them, and answering from the knowledge.

Placing uses rapidfuzz over question forms kept in knowledge/followups.yaml. Answers are either
written in the knowledge (topics) or computed from the recommendation (why, how sure, scores,
sources, the seed-vs-today scorecard). Every answer carries the sources it rests on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from bot.advice import NAMES, Recommendation, Source, sources_for
from bot.knowledge import Knowledge, Verdict
from bot.normalising import normalise
from bot.replies import Answer
from bot.typos import Phrases

DEFAULT_CUTOFF = 88.0
# The names that stand for a framework itself (not TFX, Lightning or Keras, which are subjects of their own).
_SHORT_NAMES = {"tensorflow", "tf", "tf2", "tensorflow2", "pytorch", "torch", "pt", "pytorch2", "torch2"}


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

    def unknown(self, consult_url: str, in_a_row: int = 1, question: str = "") -> Answer:
        """At most three lines: that it doesn't know, three questions it can answer, and from the
        second unknown in a row, the consultant. `question` (as typed) is marked unanswered."""
        desk = self.knowledge.desk
        lines = [desk.unknown, "Try: " + ", ".join(f'"{s}"' for s in desk.suggestions)]
        if in_a_row >= 2:
            lines.append(desk.unknown_again.format(url=consult_url))
        return Answer("Not something I know", "\n".join(lines), unanswered=question)

    def _details(self, rec: Recommendation, flip_text: str | None) -> Answer:
        """Everything the summary leaves out: the weighted totals, every deciding criterion with its
        scores, the notes and the caveats, and all their sources."""
        desk = self.knowledge.desk
        lines = [desk.score_total.format(tensorflow=rec.totals["tensorflow"], pytorch=rec.totals["pytorch"])]
        lines += [
            desk.score_line.format(name=c.name, weight=f"{c.weight:g}", tensorflow=c.tensorflow, pytorch=c.pytorch)
            + f". {c.reason}"
            for c in rec.deciding
        ]
        lines += rec.notes
        lines += [f"- {caveat.text}" for caveat in rec.caveats]
        if flip_text:
            lines.append(desk.would_change.format(flip=flip_text))
        sources = _unique_sources(
            [*(s for c in rec.deciding for s in c.sources), *(s for v in rec.caveats for s in v.sources)]
        )
        return Answer("Details", "\n".join(lines), sources)

    def _summary(self, rec: Recommendation, flip_text: str | None) -> Answer:
        """Three lines: the verdict, what decided it, what would change it."""
        desk = self.knowledge.desk
        reasons = ", ".join(c.name for c in rec.deciding[:3]) or desk.summary_no_reasons
        lines = [
            desk.summary_verdict.format(name=rec.name, confidence=rec.confidence),
            desk.summary_reasons.format(reasons=reasons),
        ]
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
        if intent_id == "details":
            return self._details(rec, flip_text)
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
        desk = self.knowledge.desk
        reasons = [
            desk.criterion_line.format(name=c.name, tensorflow=c.tensorflow, pytorch=c.pytorch, reason=c.reason)
            for c in rec.deciding
        ]
        if rec.verdict == "either":
            head = desk.why_toss_up
        elif intent_id == "why_not" and named is not None and named != rec.verdict:
            head = desk.why_not.format(other=NAMES[named], name=rec.name)
        elif intent_id == "why_not" and named == rec.verdict:
            head = desk.why_did.format(name=rec.name)
        else:
            head = desk.why.format(name=rec.name)
        text_lines = [head, *reasons]
        if flip_text:
            text_lines.append(desk.would_change.format(flip=flip_text))
        sources = [s for c in rec.deciding for s in c.sources]
        return Answer("Why", "\n".join(text_lines), _unique_sources(sources))

    def _how_sure(self, rec: Recommendation, flip_text: str | None) -> Answer:
        gap = abs(rec.margin)
        thresholds = self.knowledge.advice.thresholds
        text = self.knowledge.desk.how_sure.format(
            confidence=rec.confidence,
            tensorflow=rec.totals["tensorflow"],
            pytorch=rec.totals["pytorch"],
            gap=f"{gap:.1f}",
            toss_up_below=thresholds.either_below,
            confident_from=thresholds.high_from,
        )
        if rec.forced_by:
            text += " " + self.knowledge.desk.forced.format(close_call_below=thresholds.close_call_below)
        if flip_text:
            text += f" {flip_text}"
        return Answer("How sure", text, _unique_sources(s for c in rec.deciding for s in c.sources))

    def _scores(self, rec: Recommendation) -> Answer:
        desk = self.knowledge.desk
        lines = [
            desk.score_line.format(name=c.name, weight=f"{c.weight:g}", tensorflow=c.tensorflow, pytorch=c.pytorch)
            for c in rec.deciding
        ]
        lines.append(desk.score_total.format(tensorflow=rec.totals["tensorflow"], pytorch=rec.totals["pytorch"]))
        return Answer("Scores", "\n".join(lines), _unique_sources(s for c in rec.deciding for s in c.sources))

    def _sources(self, rec: Recommendation) -> Answer:
        sources = _unique_sources(
            [*(s for c in rec.deciding for s in c.sources), *(s for v in rec.caveats for s in v.sources)]
        )
        return Answer("Sources", self.knowledge.desk.sources_intro, sources)

    def comparison(self) -> Answer:
        desk = self.knowledge.desk
        lines = [desk.comparison_intro]
        for criterion in self.knowledge.criteria:
            now = f"{criterion.current.tensorflow} / {criterion.current.pytorch}"
            if criterion.seed is None:
                if criterion.base_weight == 0 and criterion.id in ("team_fit", "migration"):
                    continue
                lines.append(desk.comparison_new.format(name=criterion.name, now=now, reason=criterion.reason))
            elif criterion.changed_from_seed:
                seed = f"{criterion.seed.tensorflow} / {criterion.seed.pytorch}"
                lines.append(
                    desk.comparison_changed.format(name=criterion.name, seed=seed, now=now, why=criterion.change_reason)
                )
            else:
                lines.append(desk.comparison_same.format(name=criterion.name, now=now))
        sources = sources_for(self.knowledge, dict.fromkeys(f for c in self.knowledge.criteria for f in c.facts[:1]))
        return Answer("Comparison", "\n".join(lines), tuple(sources))


def _unique_sources(sources: Iterable[Source]) -> tuple[Source, ...]:
    """Each fact cited once, in order (by fact id: comparing the models field by field cost more
    than the rest of a follow-up answer)."""
    first: dict[str, Source] = {}
    for source in sources:
        first.setdefault(source.fact_id, source)
    return tuple(first.values())
