"""`advisor kb check`: validate the data files and list what needs a consultant's review: stale facts,
and facts whose first source is not primary (not under a host or prefix in knowledge/sources.yaml)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from bot.admin_wording import load_admin_wording
from bot.conversation import load_conversation
from bot.datafiles import DataFileError
from bot.interface_wording import load_interface_wording
from bot.knowledge import Fact, Knowledge, as_of_date, check_advice_against, load_knowledge
from bot.pages import load_pages


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    stale: list[str] = field(default_factory=list)
    secondary: list[str] = field(default_factory=list)  # facts whose first source is not primary
    checked: int = 0

    @property
    def ok(self) -> bool:
        return not self.errors

    def failed(self, fail_on_stale: bool = False, fail_on_secondary: bool = False) -> bool:
        """Errors fail the check; stale facts and secondary first sources only when asked."""
        return not self.ok or (fail_on_stale and bool(self.stale)) or (fail_on_secondary and bool(self.secondary))

    def lines(self, max_age_months: int) -> list[str]:
        out = [f"error: {e}" for e in self.errors]
        out += [f"warning: {s}" for s in self.secondary]
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
    try:
        load_pages(conversations_dir)  # the install pages, used when the app is distributed (OAuth)
    except DataFileError as error:
        report.errors.append(str(error))
    try:
        load_admin_wording(conversations_dir)  # the admins' Home tab
        load_interface_wording(conversations_dir)  # what the Slack adapter and the renderers say
    except DataFileError as error:
        report.errors.append(str(error))
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
    for fact, age in stale_facts(knowledge, max_age_months, today):
        report.stale.append(f"{fact.id} (as of {fact.as_of}, {age} months): {fact.title}")
    report.secondary = secondary_first_sources(knowledge)
    report.checked = (
        len(knowledge.facts) + len(knowledge.criteria) + len(knowledge.advice.rules)
        + (len(conversation.steps) if conversation else 0)
    )  # fmt: skip
    return report


def stale_facts(knowledge: Knowledge, max_age_months: int, today: date) -> list[tuple[Fact, int]]:
    """The facts older than `max_age_months`, each with its age in months."""
    aged = [(fact, months_between(as_of_date(fact.as_of), today)) for fact in knowledge.facts]
    return [(fact, age) for fact, age in aged if age > max_age_months]


def secondary_facts(knowledge: Knowledge) -> list[Fact]:
    """The facts whose first source is not primary (or that have no URL and are no expert judgement)."""
    return [
        fact
        for fact in knowledge.facts
        if (fact.urls and not knowledge.is_primary(fact.urls[0])) or (not fact.urls and not fact.judgement)
    ]


def secondary_first_sources(knowledge: Knowledge) -> list[str]:
    """One line per fact whose first URL is not primary (sources.yaml), naming the fact and the URL.
    Expert judgements without URLs are exempt; any other fact without a URL is named too."""
    found = []
    for fact in secondary_facts(knowledge):
        if not fact.urls:
            found.append(f"{fact.id}: no URL among its sources - lead with a primary one")
        else:
            found.append(f"{fact.id}: first source is not primary (not in sources.yaml): {fact.urls[0]}")
    return found
