"""The admins' Home tab through the real app: signed events and clicks in, views.publish out."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from typing import Any

import pytest

from bot.admin_home import CONTACTED_ACTION
from bot.dialogue import Advisor
from bot.settings import Settings
from bot.state import State
from bot.store import ConversationKey, TurnRecord
from tests.slack.conftest import TEAM, Running, serve
from tests.slack.fake_slack import FakeSlackApi, payload
from tests.slack.test_block_kit_valid import valid

ADMIN = "U0ADMIN01"
ALICE = "U0ALICE01"
TYPED = "does it run on <!here> & <@U0BOSS01>? *asap*"


@pytest.fixture
def running(slack_settings: Settings, advisor: Advisor, fake_api: FakeSlackApi) -> Iterator[Running]:
    """The app with one admin, in the payloads' workspace (an id alone would do as well: see Settings)."""
    settings = slack_settings.model_copy(update={"admins_list": f" {TEAM}:{ADMIN}, U0OTHERADM"})
    yield from serve(settings, advisor, fake_api)


def seeded(running: Running) -> int:
    """A client's conversation with a recommendation, an unanswered question and a lead; its id."""
    store = running.service.store
    key = ConversationKey(user=f"T0CLIENT1:{ALICE}", place="dm:D0CLIENT1")
    record = TurnRecord(said="?", replied=[], recommendations=[("pytorch", "{}")], unanswered=[TYPED])
    store.save(key, State(phase="advised", consent="given"), 0, record=record)
    store.record_consultation_request(key.user, key.id)
    return int(store.recent_leads(1)[0]["id"])


def open_home(running: Running, user: str) -> dict[str, Any]:
    """The user opens the bot's Home tab; the view published for them."""
    before = len(running.api.calls_to("views.publish"))
    home = running.slack.envelope("event_app_mention.json", type="app_home_opened", tab="home", user=user)
    for key in ("text", "ts", "channel", "client_msg_id"):
        home["event"].pop(key, None)
    assert running.slack.event(home).status == 200
    published = running.api.wait_for("views.publish", before + 1)[-1].params
    assert published["user_id"] == user
    view: dict[str, Any] = published["view"]
    valid(view["blocks"])
    return view


def press_contacted(running: Running, user: str, lead: int) -> None:
    body = payload("block_actions.payload.json")
    body["user"] = {**body["user"], "id": user}
    body["container"] = {"type": "view", "view_id": "V0HOME0001"}
    body.pop("message", None)
    body.pop("channel", None)
    body["view"] = {"id": "V0HOME0001", "type": "home"}
    body["actions"] = [{"type": "button", "action_id": CONTACTED_ACTION, "block_id": "lead", "value": str(lead)}]
    assert running.slack.interaction(body).status == 200


def posted_ts(running: Running, params: dict[str, Any]) -> str:
    """The ts of the last message posted with these params' text."""
    return [ts for ts, m in running.api.messages.items() if m.get("text") == params["text"]][-1]


def alice_asks_for_a_consultant(running: Running) -> None:
    """A client's DM to a recommendation, then the consultant button on it."""
    slack, api = running.slack, running.api
    slack.dm("we are 3 keras devs shipping an android app in 6 weeks", user=ALICE)
    api.wait_for("chat.postMessage", 1)
    slack.dm("just tell me", user=ALICE)
    advice = api.wait_for("chat.postMessage", 3)[-1].params
    assert slack.click(posted_ts(running, advice), "consult", user=ALICE).status == 200


def shown(view: dict[str, Any]) -> str:
    return json.dumps(view["blocks"], ensure_ascii=False)


def buttons(view: dict[str, Any]) -> list[dict[str, Any]]:
    return [b["accessory"] for b in view["blocks"] if b.get("accessory", {}).get("action_id") == CONTACTED_ACTION]


def test_an_admin_sees_leads_stats_and_unanswered_questions_and_others_their_own_home(running: Running) -> None:
    lead = seeded(running)
    view = open_home(running, ADMIN)
    assert "the consultancy's view" in shown(view)
    assert [b["value"] for b in buttons(view)] == [str(lead)]
    assert "<@U0ALICE01> in T0CLIENT1" in shown(view) and "PyTorch: 1" in shown(view)
    assert "does it run on &lt;!here&gt; &amp; &lt;@U0BOSS01&gt;? *asap*" in shown(view), "escaped, as typed"
    assert "<!here>" not in shown(view) and "<@U0BOSS01>" not in shown(view)

    plain = open_home(running, ALICE)
    assert "no recommendation yet" in shown(plain) and "the consultancy's view" not in shown(plain)
    assert not buttons(plain) and "U0BOSS01" not in shown(plain)


def test_mark_contacted_updates_the_lead_and_republishes_the_admins_home(running: Running) -> None:
    lead = seeded(running)
    open_home(running, ADMIN)
    before = time.time()
    press_contacted(running, ADMIN, lead)
    published = {p.params["user_id"]: p.params["view"] for p in running.api.wait_for("views.publish", 3)[1:]}
    assert set(published) == {ADMIN, "U0OTHERADM"}, "every admin's Home: another admin must not call the lead again"
    for view in published.values():
        assert not buttons(view) and "contacted" in shown(view) and f"<@{ADMIN}>" in shown(view)
    marked = running.service.store.recent_leads(1)[0]
    assert marked["contacted_by"] == f"{TEAM}:{ADMIN}" and marked["contacted_at"] >= before


def test_a_mark_contacted_click_from_someone_not_an_admin_changes_nothing(running: Running) -> None:
    lead = seeded(running)
    press_contacted(running, ALICE, lead)
    running.drain()
    assert running.service.store.recent_leads(1)[0]["contacted_at"] is None
    assert running.api.calls_to("views.publish") == []


def test_a_consultation_request_shows_at_once_on_the_admins_home(running: Running) -> None:
    """An admin with the Home tab open sees a new request without opening it again; an admin of
    another workspace is left alone, and no one else's Home is published."""
    open_home(running, ADMIN)
    api = running.api
    alice_asks_for_a_consultant(running)
    published = api.wait_for("views.publish", 2)[1:]
    assert {p.params["user_id"] for p in published} <= {ADMIN, "U0OTHERADM"}
    view = next(p.params["view"] for p in published if p.params["user_id"] == ADMIN)
    valid(view["blocks"])
    assert "<@U0ALICE01> in T0TEAM001" in shown(view), "the request, though it was not opened again"


def test_consent_given_shows_at_once_on_the_admins_home(running: Running) -> None:
    """After the request, the client's yes (a click here) publishes the admins' Home again: the
    lead shows as consented, not as waiting for an answer."""
    slack, api = running.slack, running.api
    alice_asks_for_a_consultant(running)
    question = api.wait_for("chat.postMessage", 4)[-1].params
    published = len(api.wait_for("views.publish", 2))
    assert slack.click(posted_ts(running, question), "command:consent_yes", user=ALICE).status == 200
    again = api.wait_for("views.publish", published + 1)[published:]
    view = next(p.params["view"] for p in again if p.params["user_id"] == ADMIN)
    valid(view["blocks"])
    assert "Agreed to be contacted." in shown(view) and "<@U0ALICE01>" in shown(view)
