"""The sentences of the admins' Home tab (bot.admin_home), from conversations/admin.yaml: a strict
model, so a missing or misspelt key, or a placeholder a sentence cannot have, stops start-up."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from bot.datafiles import Sentences, load_model

_PLACEHOLDERS = {
    "lead": {"who", "workspace", "when", "verdict", "consent"},
    "lead_contacted": {"when", "by"},
    "week": {"started", "finished"},
    "drop_off_line": {"question", "count"},
    "verdict_line": {"name", "count"},
    "unanswered_title": {"days"},
    "unanswered_line": {"when", "workspace", "question"},
    "unanswered_more": {"days"},
    "stale": {"months", "count"},
    "secondary": {"count"},
    "fact_line": {"id", "title", "as_of"},
}


class AdminWording(Sentences):
    placeholders: ClassVar[dict[str, set[str]]] = _PLACEHOLDERS

    title: str
    intro: str
    leads_title: str
    leads_none: str
    lead: str
    lead_no_verdict: str
    consent_given: str
    consent_declined: str
    consent_pending: str
    lead_contacted: str
    mark_contacted: str
    week_title: str
    week: str
    drop_off_title: str
    drop_off_line: str
    drop_off_none: str
    verdicts_title: str
    verdict_line: str
    verdicts_none: str
    unanswered_title: str
    unanswered_line: str
    unanswered_none: str
    unanswered_more: str
    knowledge_title: str
    stale: str
    secondary: str
    fact_line: str
    knowledge_ok: str
    knowledge_more: str


def load_admin_wording(directory: Path) -> AdminWording:
    return load_model(directory / "admin.yaml", AdminWording)
