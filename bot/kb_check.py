"""`advisor kb check`: validate the data files and list what needs a consultant's review."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bot.conversation import load_conversation
from bot.datafiles import DataFileError
from bot.knowledge import Knowledge, as_of_date, check_advice_against, load_knowledge


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def lines(self, max_age_months: int) -> list[str]:
        out = [f"error: {e}" for e in self.errors]
        if self.stale:
            out.append(f"{len(self.stale)} fact(s) older than {max_age_months} months - review them:")
            out += [f"  stale: {s}" for s in self.stale]
        if self.ok:
            out.append(f"ok: {self.checked} facts, criteria, rules and steps are valid.")
        return out


def months_between(earlier: date, later: date) -> int:
    return (later.year - earlier.year) * 12 + later.month - earlier.month


def check(knowledge_dir: Path, conversations_dir: Path, max_age_months: int, today: date) -> Report:
    """Load and cross-check every data file; list facts older than `max_age_months`."""
    report = Report()
    knowledge: Knowledge | None = None
    try:
        knowledge = load_knowledge(knowledge_dir)
    except DataFileError as error:
        report.errors.append(str(error))
    try:
        conversation = load_conversation(conversations_dir)
    except DataFileError as error:
        report.errors.append(str(error))
        conversation = None
    if knowledge is None:
        return report
    if conversation is not None:
        try:
            check_advice_against(knowledge, conversation)
        except DataFileError as error:
            report.errors.append(str(error))
    for criterion in knowledge.criteria:
        if criterion.changed_from_seed and not (criterion.change_reason or "").strip():
            report.errors.append(f"criterion {criterion.id}: differs from the seed with no change_reason")
    for fact in knowledge.facts:
        age = months_between(as_of_date(fact.as_of), today)
        if age > max_age_months:
            report.stale.append(f"{fact.id} (as of {fact.as_of}, {age} months): {fact.title}")
    report.checked = (
        len(knowledge.facts) + len(knowledge.criteria) + len(knowledge.advice.rules)
        + (len(conversation.steps) if conversation else 0)
    )  # fmt: skip
    return report
