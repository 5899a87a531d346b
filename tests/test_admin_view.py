"""The admins' Home tab, from a real store: what it shows, escaped, within Block Kit's limits."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from bot.admin_home import CONTACTED_ACTION, AdminWording, admin_view, overview, week_start
from bot.admin_wording import load_admin_wording
from bot.conversation import Conversation
from bot.knowledge import Knowledge
from bot.state import State
from bot.store import ConversationKey, Store, TurnRecord
from tests.conftest import ROOT
from tests.slack.test_block_kit_valid import valid

NOW = datetime(2026, 11, 25, 12, tzinfo=UTC).timestamp()  # a Wednesday
MONDAY = datetime(2026, 11, 23, tzinfo=UTC).timestamp()
HOSTILE = "<!channel> see <https://evil.example|this> & *bold* <@U0BOSS>"


@pytest.fixture(scope="module")
def wording() -> AdminWording:
    return load_admin_wording(ROOT / "conversations")


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "advisor.db")


def texts(view: dict[str, Any]) -> str:
    return json.dumps(view)


def turn(
    store: Store, user: str, place: str, at: float, pending: str = "", consent: Any = "given", **record: Any
) -> None:
    key = ConversationKey(user=user, place=place)
    stored = store.load(key)
    state = State(phase="asking", pending=pending or None, consent=consent)
    store.save(key, state, stored.version if stored else 0, now=at, record=TurnRecord(said="x", replied=[], **record))


def test_week_start_is_monday_midnight_utc() -> None:
    assert week_start(NOW) == MONDAY
    assert week_start(MONDAY) == MONDAY and week_start(MONDAY - 1) == MONDAY - 7 * 86400


def test_the_admin_view_shows_leads_stats_unanswered_questions_and_the_knowledge(
    store: Store, knowledge: Knowledge, conversation: Conversation, wording: AdminWording
) -> None:
    turn(store, "T1:U0ONE", "dm:D1", MONDAY - 3600, "skills")  # started last week
    turn(store, "T1:U0ONE", "dm:D1", NOW - 60, recommendations=[("pytorch", "{}")], unanswered=[HOSTILE])
    turn(store, "T2:U0TWO", "dm:D2", NOW - 50, "skills", consent="declined")
    turn(store, "T2:U3", "dm:D3", NOW - 40, "deployment")
    turn(store, "T2:U0FOUR", "dm:D4", NOW - 30, recommendations=[("tensorflow", "{}")])
    turn(store, "T2:U0FOUR", "dm:D4", NOW - 20, recommendations=[("tensorflow", "{}")])
    store.record_consultation_request("T2:U0TWO", "dm:D2|T2:U0TWO", now=NOW - 15)
    store.record_consultation_request("T1:U0ONE", "dm:D1|T1:U0ONE", now=NOW - 10)
    store.record_consultation_request("T2:U0FOUR", "dm:D4|T2:U0FOUR", now=NOW - 5)
    store.mark_contacted(store.recent_leads(1)[0]["id"], "T0:UADMIN", now=NOW - 1)

    view = admin_view(overview(store, knowledge, NOW), wording, conversation)
    valid(view["blocks"])
    shown = texts(view)
    assert "Conversations started: *3*. Finished with a recommendation: *2*." in shown
    assert "Team skills: 1" in shown and "Deployment targets: 1" in shown
    assert "TensorFlow: 2" in shown and "PyTorch: 1" in shown
    buttons = [b["accessory"] for b in view["blocks"] if b.get("accessory", {}).get("action_id") == CONTACTED_ACTION]
    assert len(buttons) == 1, "neither the contacted lead nor the one who declined has a button"
    lead = next(b for b in view["blocks"] if b.get("accessory") is buttons[0])["text"]["text"]
    assert lead.startswith("<@U0ONE> in T1") and "PyTorch" in lead and wording.consent_given in lead
    declined = next(b["text"]["text"] for b in view["blocks"] if "<@U0TWO>" in b.get("text", {}).get("text", ""))
    assert wording.consent_declined in declined
    assert "contacted 25 Nov 11:59 UTC by <@UADMIN>" in shown
    # What the user typed is inert: no mention, link or broadcast survives.
    escaped = HOSTILE.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    assert json.dumps(escaped)[1:-1] in shown
    assert "<!channel>" not in shown and "<@U0BOSS>" not in shown and "<https://evil" not in shown
    assert "Stale facts (older than 12 months)" in shown or "Every fact is recent" in shown


def test_an_empty_store_says_so_and_a_full_one_stays_within_slacks_limits(
    store: Store, knowledge: Knowledge, conversation: Conversation, wording: AdminWording
) -> None:
    empty = admin_view(overview(store, knowledge, NOW), wording, conversation)
    valid(empty["blocks"])
    for none in (wording.leads_none, wording.drop_off_none, wording.verdicts_none, wording.unanswered_none):
        assert json.dumps(none)[1:-1] in texts(empty)
    for n in range(40):
        turn(store, f"T1:U{n}", f"dm:D{n}", NOW - 100 + n, unanswered=["&<>" * 100])
        store.record_consultation_request(f"T1:U{n}", f"dm:D{n}|T1:U{n}", now=NOW - 50 + n)
    full = admin_view(overview(store, knowledge, NOW), wording, conversation)
    valid(full["blocks"])
    assert sum(1 for b in full["blocks"] if "accessory" in b) == 10, "the ten latest leads"
    assert "&amp;&lt;&gt;" in texts(full) and "&amp;amp;" not in texts(full)
