"""Share to channel over HTTP: the recommendation's button opens a modal with a channel picker, and
submitting it posts the compact version where the user chose (or says, in the modal, why it cannot)."""

from __future__ import annotations

import json
from typing import Any

from tests.slack.conftest import Running
from tests.slack.test_block_kit_valid import valid

TEAM_CHANNEL = "C0TEAMCH01"


def ts_of(running: Running, params: dict[str, Any]) -> str:
    return [ts for ts, m in running.api.messages.items() if m.get("text") == params["text"]][-1]


def shared_modal(running: Running) -> dict[str, Any]:
    slack, api = running.slack, running.api
    slack.dm("we are 3 keras devs shipping an android app in 6 weeks")
    api.wait_for("chat.postMessage", 1)
    slack.dm("just tell me")
    advice = api.wait_for("chat.postMessage", 3)[-1].params
    assert slack.click(ts_of(running, advice), "share").status == 200
    opened = api.wait_for("views.open")[-1].params
    assert opened["trigger_id"].endswith("fedcba9876543210"), "opened with the click's trigger_id"
    view: dict[str, Any] = opened["view"]
    if isinstance(view, str):
        view = json.loads(view)
    valid(view["blocks"])
    [picker] = [b["element"] for b in view["blocks"] if b["type"] == "input"]
    assert picker["type"] == "conversations_select"
    return view


def pick(channel: str) -> dict[str, Any]:
    return {"share_channel": {"channel": {"type": "conversations_select", "selected_conversation": channel}}}


def test_share_posts_the_compact_version_to_the_chosen_channel(running: Running) -> None:
    view = shared_modal(running)
    answer = running.slack.submit_view(view, pick(TEAM_CHANNEL))
    assert answer.status == 200 and answer.body == "", "the modal closes"
    post = next(c.params for c in running.api.calls_to("chat.postMessage") if c.params["channel"] == TEAM_CHANNEL)
    valid(post["blocks"])
    shown = json.dumps(post["blocks"], ensure_ascii=False)
    assert "<@U0ALICE01> shared" in shown
    header = next(b for b in post["blocks"] if b["type"] == "header")["text"]["text"]
    assert header.startswith(("PyTorch", "TensorFlow", "Either"))
    assert "*Why*" in shown and "What would change it" in shown
    assert "consult" not in shown and "Details" not in shown, "compact: no buttons, no scorecard"
    assert post["text"].startswith("<@U0ALICE01> shared")


def test_a_channel_the_bot_is_not_in_is_refused_in_the_modal(running: Running) -> None:
    view = shared_modal(running)
    running.api.not_member.add(TEAM_CHANNEL)
    answer = running.slack.submit_view(view, pick(TEAM_CHANNEL))
    assert answer.status == 200
    said = answer.json()
    assert said["response_action"] == "errors" and "/invite @advisor" in said["errors"]["share_channel"]
    assert all(c.params["channel"] != TEAM_CHANNEL for c in running.api.calls_to("chat.postMessage"))


def test_someone_else_cannot_share_a_conversation_that_is_not_theirs(running: Running) -> None:
    view = shared_modal(running)
    answer = running.slack.submit_view(view, pick(TEAM_CHANNEL), user="U0BOB0001")
    assert answer.json()["response_action"] == "errors"
    running.drain()
    assert all(c.params["channel"] != TEAM_CHANNEL for c in running.api.calls_to("chat.postMessage"))
