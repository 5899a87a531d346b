"""Leaving a workspace: app_uninstalled, or its bot token revoked, deletes that workspace's data and
nothing of any other workspace's."""

from __future__ import annotations

from typing import Any

from tests.slack.conftest import Running

ALICE, DM = "U0ALICE01", "dm:D0DMCHAN1"


def from_team(running: Running, envelope: dict[str, Any], team: str) -> None:
    envelope["team_id"] = team
    for authorization in envelope.get("authorizations") or []:
        authorization["team_id"] = team
    assert running.slack.event(envelope).status == 200


def dm_from(running: Running, team: str, text: str) -> None:
    envelope = running.slack.envelope("event_message_im.json", text=text, channel="D0DMCHAN1", team=team)
    envelope["event"].pop("blocks", None)
    from_team(running, envelope, team)


def lifecycle(running: Running, team: str, event: dict[str, Any]) -> None:
    envelope = running.slack.envelope("event_message_im.json")
    envelope["event"] = {**event, "event_ts": "1763950099.000100"}
    from_team(running, envelope, team)
    running.drain()


def rows(running: Running, table: str, team: str) -> int:
    query = f'select count(*) from {table} where "user" like ?'
    return int(running.service.store.db.execute(query, [f"{team}:%"]).fetchone()[0])


def two_workspaces(running: Running) -> None:
    dm_from(running, "T0TEAM001", "we are 3 pytorch devs")
    running.api.wait_for("chat.postMessage", 1)
    dm_from(running, "T0TEAM002", "we are 3 keras devs")
    running.api.wait_for("chat.postMessage", 2)
    assert rows(running, "turns", "T0TEAM002") == 1 and rows(running, "conversations", "T0TEAM001") == 1


def test_uninstalling_deletes_that_workspaces_data_only(running: Running) -> None:
    two_workspaces(running)
    lifecycle(running, "T0TEAM002", {"type": "app_uninstalled"})
    assert running.state(ALICE, DM, team="T0TEAM002") is None
    assert rows(running, "turns", "T0TEAM002") == 0 and rows(running, "conversations", "T0TEAM002") == 0
    kept = running.state(ALICE, DM, team="T0TEAM001")
    assert kept is not None and kept.answers["skills"] == ["pytorch"]
    assert rows(running, "turns", "T0TEAM001") == 1
    left = running.service.store.db.execute("select body from inbox").fetchall()
    assert not any('"T0TEAM002"' in body for (body,) in left), "its waiting requests go too"


def test_a_revoked_bot_token_deletes_that_workspaces_data(running: Running) -> None:
    two_workspaces(running)
    lifecycle(running, "T0TEAM002", {"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["U0BOT0001"]}})
    assert running.state(ALICE, DM, team="T0TEAM002") is None
    assert running.state(ALICE, DM, team="T0TEAM001") is not None


def test_a_revoked_user_token_deletes_nothing(running: Running) -> None:
    two_workspaces(running)
    lifecycle(running, "T0TEAM002", {"type": "tokens_revoked", "tokens": {"oauth": ["U0ALICE01"], "bot": []}})
    assert running.state(ALICE, DM, team="T0TEAM002") is not None
