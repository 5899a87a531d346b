"""Lead alerts over HTTP: a consultant button press, then consent, posts the lead card to the leads
channel and sends signed JSON to a real loopback webhook receiver (retried after a 500); without
consent nothing goes anywhere."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from bot.dialogue import Advisor
from bot.leads import post_webhook
from bot.leads import verify as bot_verify
from bot.settings import MissingSetting, load_settings
from tests.conftest import CONSULT
from tests.slack.conftest import SECRET, Running, serve
from tests.slack.fake_slack import FakeSlackApi, payload, stop_server
from tests.slack.test_block_kit_valid import valid

LEADS_CHANNEL = "C0LEADS001"
WEBHOOK_SECRET = "whsec-test-4c1e"
HOSTILE = "can we run it on <!channel> TPUs & <@U0BOSS001>?"


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes
    verified: bool


@dataclass
class Receiver:
    """A consultancy's webhook endpoint: verifies each request as the README tells it to."""

    fail_first: int = 0
    received: list[Received] = field(default_factory=list)
    changed: threading.Condition = field(default_factory=threading.Condition)

    def handler(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                timestamp = self.headers.get("X-Advisor-Timestamp", "")
                expected = (
                    "v1="
                    + hmac.new(WEBHOOK_SECRET.encode(), f"v1:{timestamp}:".encode() + body, hashlib.sha256).hexdigest()
                )
                fresh = timestamp.isdigit() and abs(time.time() - int(timestamp)) <= 300
                verified = fresh and hmac.compare_digest(expected, self.headers.get("X-Advisor-Signature", ""))
                with receiver.changed:
                    receiver.received.append(Received(dict(self.headers), body, verified))
                    failing = len(receiver.received) <= receiver.fail_first
                    receiver.changed.notify_all()
                self.send_response(500 if failing else (200 if verified else 401))
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler

    def wait(self, count: int, timeout: float = 10.0) -> list[Received]:
        deadline = time.monotonic() + timeout
        with self.changed:
            while len(self.received) < count:
                left = deadline - time.monotonic()
                assert left > 0, f"expected {count} webhook request(s), got {len(self.received)}"
                self.changed.wait(left)
            return list(self.received)


@pytest.fixture
def receiver() -> Iterator[tuple[Receiver, str]]:
    found = Receiver(fail_first=1)
    server = ThreadingHTTPServer(("127.0.0.1", 0), found.handler())
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    yield found, f"http://127.0.0.1:{server.server_port}/leads"
    stop_server(server)


@pytest.fixture
def running(
    tmp_path: Path, advisor: Advisor, fake_api: FakeSlackApi, receiver: tuple[Receiver, str]
) -> Iterator[Running]:
    settings = load_settings(
        SLACK_BOT_TOKEN="xoxb-test-token",
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=fake_api.api_url,
        ADVISOR_DB_PATH=str(tmp_path / "advisor.db"),
        ADVISOR_CONSULT_URL=CONSULT,
        ADVISOR_SWEEP_SECONDS=0,
        ADVISOR_LEADS_CHANNEL=LEADS_CHANNEL,
        ADVISOR_LEADS_WEBHOOK=receiver[1],
        ADVISOR_LEADS_WEBHOOK_SECRET=WEBHOOK_SECRET,
        ADVISOR_LEADS_WEBHOOK_BACKOFF=0,  # the retry is what is tested, not the wait
    )
    yield from serve(settings, advisor, fake_api)


def ts_of(running: Running, params: dict[str, Any]) -> str:
    return [ts for ts, m in running.api.messages.items() if m.get("text") == params["text"]][-1]


def action_ids(params: dict[str, Any]) -> list[str]:
    return [e["action_id"] for b in params.get("blocks", []) if b["type"] == "actions" for e in b["elements"]]


def texts(params: dict[str, Any]) -> str:
    return json.dumps(params.get("blocks", []), ensure_ascii=False)


def advised_then_asked(running: Running) -> str:
    """A recommendation in the DM, a follow-up question after it; the recommendation's ts."""
    slack, api = running.slack, running.api
    slack.dm("we are 3 keras devs shipping an android app in 6 weeks")
    api.wait_for("chat.postMessage", 1)
    slack.dm("just tell me")
    advice = api.wait_for("chat.postMessage", 3)[-1].params  # "I assumed not sure for ...", then the advice
    assert "consult" in action_ids(advice)
    slack.dm(HOSTILE)
    api.wait_for("chat.postMessage", 4)
    return ts_of(running, advice)


def press_consult(running: Running, advice_ts: str) -> dict[str, Any]:
    assert running.slack.click(advice_ts, "consult").status == 200
    question = running.api.wait_for("chat.postMessage", 5)[-1].params
    assert action_ids(question) == ["command:consent_yes", "command:consent_no"]
    assert question["channel"] == "D0DMCHAN1", "asked where they pressed"
    return question


def test_with_consent_the_card_reaches_the_channel_and_the_signed_webhook_after_a_500(
    running: Running, receiver: tuple[Receiver, str]
) -> None:
    hook, _ = receiver
    advice_ts = advised_then_asked(running)
    question = press_consult(running, advice_ts)
    assert hook.received == [] and all(c.params.get("channel") != LEADS_CHANNEL for c in running.api.calls)

    running.slack.click(ts_of(running, question), "command:consent_yes")
    [first, second] = hook.wait(2)
    assert first.verified and second.verified, "signed as the README says, afresh for the retry"
    assert first.headers["X-Advisor-Lead-Id"] == second.headers["X-Advisor-Lead-Id"]
    lead = json.loads(second.body)
    assert lead["user"] == "U0ALICE01" and lead["workspace"] == "T0TEAM001"
    assert lead["recommended"] in ("PyTorch", "TensorFlow", "Either") and lead["confidence"]
    assert {a["step"]: a["value"] for a in lead["answers"]}["skills"] == "Keras"
    assert lead["asked_after"] == [HOSTILE], "what they typed, as data: the receiver escapes for its own display"

    posts = running.api.wait_for("chat.postMessage", 7)
    card = next(c.params for c in posts if c.params["channel"] == LEADS_CHANNEL)
    valid(card["blocks"])
    shown = texts(card)
    assert "<@U0ALICE01>" in shown and "T0TEAM001" in shown and lead["recommended"] in shown
    assert "Keras" in shown and "&lt;!channel&gt; TPUs &amp; &lt;@U0BOSS001&gt;" in shown
    assert "<!channel>" not in json.dumps(card) and "<@U0BOSS001>" not in json.dumps(card)
    thanks = next(c.params for c in posts if c.params["channel"] == "D0DMCHAN1" and "in touch" in c.params["text"])
    assert thanks.get("thread_ts") is None
    running.drain()
    assert len(hook.received) == 2, "accepted on the retry: no third delivery"
    assert "consult" in action_ids(running.api.messages[advice_ts]), "the recommendation keeps its buttons"
    assert all(c.params["ts"] != advice_ts for c in running.api.calls_to("chat.update"))


def test_without_consent_nothing_is_sent(running: Running, receiver: tuple[Receiver, str]) -> None:
    hook, _ = receiver
    question = press_consult(running, advised_then_asked(running))
    running.slack.click(ts_of(running, question), "command:consent_no")
    declined = running.api.wait_for("chat.postMessage", 6)[-1].params
    assert "haven't passed anything on" in declined["text"]
    running.slack.dm("no")  # a later word is not consent either
    running.api.wait_for("chat.postMessage", 7)
    running.drain()
    assert hook.received == []
    assert [c for c in running.api.calls if c.params.get("channel") == LEADS_CHANNEL] == []
    state = running.state("U0ALICE01", "dm:D0DMCHAN1")
    assert state is not None and state.consent == "declined"


def test_a_typed_yes_is_consent(running: Running, receiver: tuple[Receiver, str]) -> None:
    hook, _ = receiver
    press_consult(running, advised_then_asked(running))
    running.slack.dm("yes")
    assert all(r.verified for r in hook.wait(2))
    card = running.api.wait_for("chat.postMessage", 7)
    assert any(c.params["channel"] == LEADS_CHANNEL for c in card)


def test_a_webhook_without_a_secret_stops_start_up() -> None:
    with pytest.raises(MissingSetting, match="ADVISOR_LEADS_WEBHOOK_SECRET"):
        load_settings(ADVISOR_LEADS_WEBHOOK="https://crm.example/leads")


def test_a_refused_lead_is_not_retried(receiver: tuple[Receiver, str]) -> None:
    """A 4xx (here: the receiver rejects a signature made with another secret) will not change by retrying."""
    hook, url = receiver
    hook.fail_first = 0
    record = {"id": "lead-1", "user": "U0ALICE01"}
    assert not post_webhook(url, "not-the-shared-secret", record, attempts=3, backoff=0)
    assert len(hook.received) == 1 and not hook.received[0].verified
    assert post_webhook(url, WEBHOOK_SECRET, record, attempts=3, backoff=0)
    assert bot_verify(WEBHOOK_SECRET, hook.received[1].headers["X-Advisor-Timestamp"],
                      hook.received[1].headers["X-Advisor-Signature"], hook.received[1].body)  # fmt: skip


def test_the_home_tabs_consultant_button_asks_in_the_dm(running: Running, receiver: tuple[Receiver, str]) -> None:
    body = payload("block_actions.payload.json")
    body.pop("message"), body.pop("channel")
    body["container"] = {"type": "view", "view_id": "V0HOME0001"}
    body["view"] = {"id": "V0HOME0001", "type": "home"}
    body["actions"] = [{"type": "button", "action_id": "consult", "block_id": "home", "action_ts": "1763950000.1"}]
    assert running.slack.interaction(body).status == 200
    question = running.api.wait_for("chat.postMessage")[-1].params
    assert question["channel"] == "D0DMCHAN1"
    assert action_ids(question) == ["command:consent_yes", "command:consent_no"]
    running.drain()
    assert receiver[0].received == [], "asked, nothing sent"
