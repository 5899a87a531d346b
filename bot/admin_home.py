"""The bot's Home tab as the consultancy's admins (`ADVISOR_ADMINS`) see it: recent leads, whether
each agreed to be contacted, and for those who did a *Mark contacted* button; this week's
conversations started and finished, where the others stopped, the verdict mix; the follow-up
questions nothing in the knowledge answered; and the knowledge's status (stale facts, facts
without a primary first source).

Its sentences are in conversations/admin.yaml. Everything placed in them is escaped for mrkdwn
first: the unanswered questions are what people typed, and names come from other workspaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.admin_wording import AdminWording
from bot.advice import NAMES
from bot.conversation import Conversation
from bot.kb_check import secondary_facts, stale_facts
from bot.knowledge import Fact, Knowledge
from bot.render_blocks import (
    MAX_HEADER,
    MAX_SECTION,
    Block,
    button,
    context,
    escape_mrkdwn,
    fit,
    plain,
    section,
    split_text,
)
from bot.store import Store

CONTACTED_ACTION = "admin:contacted"  # the button's value is the lead's id
LEADS = 10  # shown on the Home; `advisor leads` has them all
UNANSWERED = 15
UNANSWERED_DAYS = 30
FACTS = 8  # of each kind named; `advisor kb check` names them all
STALE_MONTHS = 12  # as `advisor kb check` counts by default


@dataclass(frozen=True)
class Overview:
    """What the admin Home shows, read from the store and the knowledge."""

    leads: list[dict[str, Any]]
    started: int
    finished: int
    waiting: dict[str, int]  # step id -> conversations waiting on it
    verdicts: dict[str, int]
    unanswered: list[dict[str, Any]]
    stale: list[tuple[Fact, int]]
    secondary: list[Fact]


def week_start(now: float) -> float:
    """Monday 00:00 UTC of the week `now` is in."""
    today = datetime.fromtimestamp(now, tz=UTC).date()
    monday = today - timedelta(days=today.weekday())
    return datetime(monday.year, monday.month, monday.day, tzinfo=UTC).timestamp()


def overview(store: Store, knowledge: Knowledge, now: float) -> Overview:
    since = week_start(now)
    started, finished = store.activity(since)
    _, _, waiting = store.drop_off(since)
    return Overview(
        leads=store.recent_leads(LEADS),
        started=started,
        finished=finished,
        waiting=waiting,
        verdicts=store.verdict_mix(since),
        unanswered=store.unanswered_questions(now - UNANSWERED_DAYS * 86400, limit=UNANSWERED),
        stale=stale_facts(knowledge, STALE_MONTHS, datetime.fromtimestamp(now, tz=UTC).date()),
        secondary=secondary_facts(knowledge),
    )


# -- the view -------------------------------------------------------------------------------------

_SLACK_USER = re.compile(r"[UW][A-Z0-9]{2,}")


def _name(verdict: str) -> str:
    return next((name for known, name in NAMES.items() if known == verdict), verdict)


def _said(template: str, markup: dict[str, str] | None = None, **values: object) -> str:
    """A sentence of the data file (mrkdwn: its own *bold* stays) with `values` escaped into it, and
    `markup` (mentions, built from ids) placed as it is."""
    escaped = {k: escape_mrkdwn(str(v)) for k, v in values.items()}
    return escape_mrkdwn(template).format(**escaped, **(markup or {}))


def _who(person: str) -> tuple[str, str]:
    """A stored user ("T1:U1") as a mention and their workspace."""
    workspace, _, user = person.rpartition(":")
    return (f"<@{user}>" if _SLACK_USER.fullmatch(user) else escape_mrkdwn(user)), workspace


def _when(at: float) -> str:
    return datetime.fromtimestamp(at, tz=UTC).strftime("%d %b %H:%M UTC")


def _lead(lead: dict[str, Any], wording: AdminWording) -> Block:
    who, workspace = _who(str(lead["user"]))
    verdict = _name(str(lead["verdict"])) or wording.lead_no_verdict
    consent = {"given": wording.consent_given, "declined": wording.consent_declined}.get(
        lead["consent"], wording.consent_pending
    )
    line = _said(
        wording.lead, {"who": who}, workspace=workspace, when=_when(lead["at"]), verdict=verdict, consent=consent
    )
    if lead["contacted_at"] is not None:
        by = _who(str(lead["contacted_by"]))[0] if lead["contacted_by"] else "-"
        contacted = _said(wording.lead_contacted, {"by": by}, when=_when(lead["contacted_at"]))
        return section(f"{line}\n_{contacted}_")
    block = section(line)
    if lead["consent"] != "given":
        return block  # nobody is to contact them: no button to say someone did
    block["accessory"] = button(wording.mark_contacted, CONTACTED_ACTION, str(lead["id"]))
    return block


def _lines(title: str, lines: list[str], none: str) -> list[Block]:
    return [section(piece) for piece in split_text("\n".join([title, *(lines or [none])]), MAX_SECTION)]


def admin_view(seen: Overview, wording: AdminWording, conversation: Conversation) -> dict[str, Any]:
    """The admin Home tab (a `views.publish` view)."""
    titles = {step.id: step.title for step in conversation.steps}
    blocks: list[Block] = [
        {"type": "header", "text": plain(wording.title, MAX_HEADER)},
        context(escape_mrkdwn(wording.intro)),
        {"type": "divider"},
        section(escape_mrkdwn(wording.leads_title)),
    ]
    blocks += [_lead(lead, wording) for lead in seen.leads] or [section(escape_mrkdwn(wording.leads_none))]
    blocks.append({"type": "divider"})
    blocks.append(
        section(
            escape_mrkdwn(wording.week_title) + "\n" + _said(wording.week, started=seen.started, finished=seen.finished)
        )
    )
    order = [*titles, *sorted(set(seen.waiting) - set(titles))]
    stopped = [
        _said(wording.drop_off_line, question=titles.get(step, step), count=seen.waiting[step])
        for step in order
        if seen.waiting.get(step)
    ]
    blocks += _lines(escape_mrkdwn(wording.drop_off_title), stopped, escape_mrkdwn(wording.drop_off_none))
    mix = [
        _said(wording.verdict_line, name=_name(verdict), count=n)
        for verdict, n in sorted(seen.verdicts.items(), key=lambda item: (-item[1], item[0]))
    ]
    blocks += _lines(escape_mrkdwn(wording.verdicts_title), mix, escape_mrkdwn(wording.verdicts_none))
    blocks.append({"type": "divider"})
    asked = [
        "• " + _said(wording.unanswered_line, when=_when(q["at"]), workspace=q["workspace"] or "-", question=q["text"])
        for q in seen.unanswered
    ]
    title = _said(wording.unanswered_title, days=UNANSWERED_DAYS)
    blocks += _lines(title, asked, escape_mrkdwn(wording.unanswered_none))
    blocks.append(context(_said(wording.unanswered_more, days=UNANSWERED_DAYS)))
    blocks.append({"type": "divider"})
    status = [escape_mrkdwn(wording.knowledge_title)]
    if not seen.stale and not seen.secondary:
        status.append(escape_mrkdwn(wording.knowledge_ok))
    if seen.stale:
        status.append(_said(wording.stale, months=STALE_MONTHS, count=len(seen.stale)))
        status += ["• " + _fact(fact, wording) for fact, _age in seen.stale[:FACTS]]
    if seen.secondary:
        status.append(_said(wording.secondary, count=len(seen.secondary)))
        status += ["• " + _fact(fact, wording) for fact in seen.secondary[:FACTS]]
    blocks += [section(piece) for piece in split_text("\n".join(status), MAX_SECTION)]
    blocks.append(context(escape_mrkdwn(wording.knowledge_more)))
    return {"type": "home", "blocks": fit(blocks)}


def _fact(fact: Fact, wording: AdminWording) -> str:
    return _said(wording.fact_line, id=fact.id, title=fact.title, as_of=fact.as_of)
