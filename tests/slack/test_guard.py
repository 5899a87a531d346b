"""The guard in front of Bolt: nothing that Slack did not sign reaches the app, a body too big or too
slow is refused before it is read, and a refused request is logged without its body."""

from __future__ import annotations

import hmac
import json
import logging
import socket
import time
import urllib.parse
from typing import Any

import pytest
from slack_bolt import BoltRequest

from tests.slack.conftest import SECRET, Running
from tests.slack.fake_slack import payload, sign

MARKER = "secret-text-Zq81"  # appears only in the bodies of refused requests


def command_form(running: Running, text: str = MARKER) -> bytes:
    fields = payload("command_advisor.fields.json")
    fields.update(text=text, response_url=running.api.response_url("attacker"), channel_id="C0VICTIM1")
    return urllib.parse.urlencode(fields).encode()


def reached_slack(running: Running) -> list[str]:
    return [c.method for c in running.api.calls if c.method != "auth.test"]


@pytest.mark.parametrize("timestamp", ["", "abc", "1.5", "now.5", "-1", " 1 ", "1e9"])
def test_a_malformed_timestamp_is_refused_and_nothing_is_sent_anywhere(running: Running, timestamp: str) -> None:
    timestamp = timestamp.replace("now", str(int(time.time())))
    body = command_form(running)
    headers = {"X-Slack-Request-Timestamp": timestamp}
    answer = running.slack.post(body, "application/x-www-form-urlencoded", headers=headers, signature="v0=00")
    running.drain()
    assert answer.status == 401
    assert reached_slack(running) == [], "no response_url POST, no postEphemeral to the attacker's channel"


def test_a_malformed_timestamp_with_a_matching_hmac_is_still_refused(running: Running) -> None:
    """A float timestamp signed with the real secret: Slack never sends one, so it is not Slack's."""
    body = command_form(running)
    stamp = f"{time.time():.1f}"
    headers = {"X-Slack-Request-Timestamp": stamp}
    signature = "v0=" + hmac.new(SECRET.encode(), f"v0:{stamp}:".encode() + body, "sha256").hexdigest()
    answer = running.slack.post(body, "application/x-www-form-urlencoded", headers=headers, signature=signature)
    running.drain()
    assert answer.status == 401
    assert reached_slack(running) == []


def test_the_error_handler_acts_only_on_verified_requests(running: Running) -> None:
    """Behind the guard, too: a request that makes Bolt's own check raise gets no apology anywhere."""
    event = payload("event_message_im.json")
    raw = json.dumps(event)
    headers = {
        "content-type": ["application/json"],
        "x-slack-request-timestamp": ["1.5"],
        "x-slack-signature": ["v0=1"],
    }
    response = running.app.dispatch(BoltRequest(body=raw, headers=headers))
    running.drain()
    assert response.status >= 400
    assert reached_slack(running) == []


def test_a_signed_request_still_works(running: Running) -> None:
    assert running.slack.dm("hi").status == 200
    assert "[1/7]" in running.api.wait_for("chat.postMessage")[-1].params["text"]


def raw_request(running: Running, head: bytes, body: bytes = b"", timeout: float = 5.0) -> bytes:
    """Send bytes as they are (no client library fixes them up) and return the start of the answer."""
    url = urllib.parse.urlsplit(running.slack.url)
    with socket.create_connection((url.hostname or "127.0.0.1", url.port or 80), timeout=timeout) as conn:
        conn.sendall(head + body)
        return conn.recv(200)


def test_an_oversized_body_is_refused_before_it_is_read(running: Running) -> None:
    """100 MB declared, none sent: the answer comes at once (413), not after reading 100 MB."""
    head = (
        b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100000000\r\n\r\n"
    )
    started = time.monotonic()
    answer = raw_request(running, head, b"{")
    assert answer.startswith(b"HTTP/1.") and b" 413 " in answer.split(b"\r\n")[0]
    assert time.monotonic() - started < 2
    assert reached_slack(running) == []


def test_a_chunked_body_without_length_is_refused(running: Running) -> None:
    head = b"POST /slack/events HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
    answer = raw_request(running, head, b"5\r\nhello\r\n0\r\n\r\n")
    assert b" 411 " in answer.split(b"\r\n")[0]


def test_a_refused_request_is_logged_without_its_body(running: Running, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    body = command_form(running)
    stale = running.slack.post(body, "application/x-www-form-urlencoded", age=3600)  # a real but old signature
    forged = running.slack.post(body, "application/x-www-form-urlencoded", signature="v0=" + "0" * 64)
    running.drain()
    assert (stale.status, forged.status) == (401, 401)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "rejected a request with 401" in logged
    assert MARKER not in logged and "attacker" not in logged, "neither the text nor the response_url"


def test_a_body_larger_than_the_cap_but_signed_is_still_refused(running: Running) -> None:
    body = json.dumps({"type": "event_callback", "padding": "x" * 1_100_000}).encode()
    timestamp = int(time.time())
    head = (
        b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + f"X-Slack-Request-Timestamp: {timestamp}\r\nX-Slack-Signature: {sign(SECRET, timestamp, body)}\r\n".encode()
        + f"Content-Length: {len(body)}\r\n\r\n".encode()
    )
    answer: Any = raw_request(running, head)  # the body is never sent: the answer must not wait for it
    assert b" 413 " in answer.split(b"\r\n")[0]
