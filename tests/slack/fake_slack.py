"""A local fake of Slack for tests: the Web API the app calls, and the signed requests Slack sends.

`FakeSlackApi` listens on a loopback port 0, answers like Slack's Web API (auth.test, conversations.open,
chat.postMessage, chat.update, chat.postEphemeral, conversations.history and .replies, response_url
posts), records every call, and can be told to fail. `wait_for` blocks until calls arrive - the app
posts from a background thread after acking.

`SlackSender` signs requests exactly as Slack does and POSTs them to the app's `/slack/events`.
"""

from __future__ import annotations

import contextlib
import copy
import hashlib
import hmac
import itertools
import json
import socket
import socketserver
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

PAYLOADS = Path(__file__).parent / "payloads"
BOT_USER, BOT_ID, TEAM = "U0BOT0001", "B0BOT0001", "T0TEAM001"
DM_CHANNELS = {"U0ALICE01": "D0DMCHAN1", "U0BOB0001": "D0DMCHAN2"}


@dataclass
class Call:
    method: str  # "chat.postMessage", ... or "response_url"
    params: dict[str, Any]
    status: int = 200
    token: str = ""  # the bearer token it was made with

    @property
    def dump(self) -> str:
        """Everything sent, as one string (for "never appears anywhere" assertions)."""
        return json.dumps(self.params)


@dataclass
class Failure:
    status: int
    body: dict[str, Any]
    headers: dict[str, str] = field(default_factory=dict)


def stop_server(server: socketserver.TCPServer) -> None:
    """Stop a server running `serve_forever` in a thread, and close it, at once.

    Shutting its listening socket down first wakes the loop's wait on it; without that, shutdown()
    waits for the next poll (~5 ms a server, two or three servers a test). Connections not yet
    accepted are refused, as closing the server would refuse them anyway."""
    with contextlib.suppress(OSError):
        server.socket.shutdown(socket.SHUT_RDWR)
    server.shutdown()
    server.server_close()


class FakeSlackApi:
    def __init__(self) -> None:
        self.calls: list[Call] = []  # answered ok
        self.attempts: list[Call] = []  # everything that arrived, failures included
        self.messages: dict[str, dict[str, Any]] = {}  # ts -> the message as Slack stores it
        self.not_member: set[str] = set()  # channels where posting answers not_in_channel
        # OAuth: the workspace each authorisation code installs into, and its tokens' lifetime (0: forever)
        self.install_codes: dict[str, str] = {}
        self.token_seconds = 0
        self._tokens = itertools.count(1)
        self.refresh_tokens: dict[str, str] = {}  # refresh token -> workspace
        self._failures: dict[str, list[Failure]] = {}
        self._holds: dict[str, threading.Event] = {}
        self._lost: dict[str, list[bool]] = {}  # method -> its next calls that are never answered: acted on?
        self.arrivals: list[Call] = []  # every call as it arrives, before it is answered
        self._changed = threading.Condition()
        # Called when `wait_for` has seen the calls: by the time a person reads a reply, the bot has
        # finished with it (a question's ts is recorded a moment after its post, which a test's
        # click would otherwise beat). Set by the test server to wait for its listeners.
        self.settle: Callable[[], None] = lambda: None
        self._ts = itertools.count(1)
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self._thread = threading.Thread(target=self.server.serve_forever, args=(0.01,), daemon=True)

    # -- control ---------------------------------------------------------------------------------

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    @property
    def api_url(self) -> str:
        return f"{self.base}/api/"

    def response_url(self, name: str = "cmd") -> str:
        return f"{self.base}/response/{name}"

    def start(self) -> FakeSlackApi:
        self._thread.start()
        return self

    def stop(self) -> None:
        stop_server(self.server)

    def fail(
        self, method: str, status: int = 429, error: str = "ratelimited", times: int = 1, retry_after: int = 0
    ) -> None:
        headers = {"Retry-After": str(retry_after)} if status == 429 else {}
        failure = Failure(status, {"ok": False, "error": error}, headers)
        self._failures.setdefault(method, []).extend([failure] * times)

    def lose_answers(self, method: str, times: int = 1, acted: bool = True) -> None:
        """Drop the connection of the next `times` calls to `method` without answering, after acting
        on them (or, not `acted`, before): either way the caller cannot tell which it was."""
        self._lost.setdefault(method, []).extend([acted] * times)

    def recover(self, method: str) -> None:
        """Drop the failures still queued for `method`: it answers normally again."""
        self._failures.pop(method, None)

    def hold(self, method: str) -> threading.Event:
        """Keep the next calls of `method` waiting (as a hung Slack would) until the event is set."""
        release = self._holds[method] = threading.Event()
        return release

    def wait_for_arrival(self, method: str, count: int = 1, timeout: float = 10.0) -> list[Call]:
        """Block until `count` calls of `method` have arrived (answered or not); return them."""
        return self._wait(self.arrivals, method, count, timeout)

    def calls_to(self, method: str) -> list[Call]:
        with self._changed:
            return [c for c in self.calls if c.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 15.0) -> list[Call]:
        """Block until at least `count` successful calls of `method` arrived; return them all. (A
        deadline, not a wait: generous, so a loaded CI machine is not mistaken for a lost reply.)"""
        found = self._wait(self.calls, method, count, timeout)
        self.settle()
        return found

    def _wait(self, seen: list[Call], method: str, count: int, timeout: float) -> list[Call]:
        deadline = time.monotonic() + timeout
        with self._changed:
            while len(found := [c for c in seen if c.method == method]) < count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"expected {count} {method} call(s), got {len(found)}: {self.calls}")
                self._changed.wait(left)
            return found

    # -- answering ---------------------------------------------------------------------------------

    def _answer(
        self, method: str, params: dict[str, Any], token: str = ""
    ) -> tuple[int, dict[str, Any], dict[str, str]]:
        failures = self._failures.get(method)
        if failures:
            failure = failures.pop(0)
            return failure.status, failure.body, failure.headers
        if method == "auth.test":
            team = _team_of(token) or TEAM  # an installed workspace's token names it
            return (
                200,
                {"ok": True, "user_id": BOT_USER, "bot_id": BOT_ID, "team_id": team, "user": "advisor"},
                {},
            )
        if method == "oauth.v2.access":
            return 200, self._oauth(params), {}
        if method == "conversations.open":
            return 200, {"ok": True, "channel": {"id": DM_CHANNELS[params["users"]]}}, {}
        if method in ("chat.postMessage", "chat.update", "chat.postEphemeral"):
            channel = params["channel"]
            if channel in self.not_member:
                return 200, {"ok": False, "error": "not_in_channel"}, {}
            ts = params.get("ts") or f"17639600{next(self._ts):02d}.000100"
            kept = ("text", "blocks", "thread_ts", "metadata")
            message = {k: params[k] for k in kept if params.get(k) is not None}
            message |= {"type": "message", "user": BOT_USER, "bot_id": BOT_ID, "ts": ts}
            if method != "chat.postEphemeral":
                with self._changed:
                    self.messages[ts] = {"channel": channel, **message}
            return 200, {"ok": True, "channel": channel, "ts": ts, "message_ts": ts, "message": message}, {}
        if method in ("conversations.history", "conversations.replies"):
            return 200, {"ok": True, "messages": self._read(method, params), "has_more": False}, {}
        return 200, {"ok": True}, {}

    def _read(self, method: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        """The bot's messages in a channel (newest first) or a thread (oldest first), as Slack lists
        them: metadata only when asked for with include_all_metadata."""
        with self._changed:
            kept = [m for m in self.messages.values() if m["channel"] == params["channel"]]
        if method == "conversations.replies":
            kept = [m for m in kept if params["ts"] in (m["ts"], m.get("thread_ts"))]
        else:
            kept = [m for m in reversed(kept) if m.get("thread_ts") in (None, m["ts"])]
        with_metadata = str(params.get("include_all_metadata", "")).lower() in ("1", "true")
        listed = [{k: v for k, v in m.items() if k != "channel" and (with_metadata or k != "metadata")} for m in kept]
        return listed[: int(params.get("limit") or 100)]

    def _oauth(self, params: dict[str, Any]) -> dict[str, Any]:
        """An installation (a code from the redirect) or a token rotation (a refresh token)."""
        if params.get("grant_type") == "refresh_token":
            team = self.refresh_tokens.pop(params.get("refresh_token", ""), None)
        else:
            team = self.install_codes.pop(params.get("code", ""), None)
        if team is None:
            return {"ok": False, "error": "invalid_code" if "code" in params else "invalid_refresh_token"}
        answer: dict[str, Any] = {
            "ok": True,
            "app_id": "A0APP0001",
            "authed_user": {"id": "U0ADMIN01"},
            "scope": "chat:write,commands",
            "token_type": "bot",
            "access_token": f"xoxb-{team}-{next(self._tokens)}",
            "bot_user_id": BOT_USER,
            "team": {"id": team, "name": f"Team {team}"},
            "enterprise": None,
            "is_enterprise_install": False,
        }
        if self.token_seconds:
            refresh = f"xoxe-1-{team}-{next(self._tokens)}"
            self.refresh_tokens[refresh] = team
            answer |= {"refresh_token": refresh, "expires_in": self.token_seconds}
        return answer

    def _record(self, call: Call, ok: bool) -> None:
        with self._changed:
            self.attempts.append(call)
            if ok:
                self.calls.append(call)
            self._changed.notify_all()

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # the Web API's read methods take their arguments in the query
                self.do_POST()

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode()
                if len(raw.encode()) < length:
                    return  # the caller went away mid-request (killed): Slack would not act on it either
                params = _parse(raw, self.headers.get("Content-Type", ""), self.path)
                token = (self.headers.get("Authorization") or "").removeprefix("Bearer ")
                token = token or str(params.get("token") or "")
                if self.path.startswith("/response/"):
                    fake._record(Call("response_url", params), ok=True)
                    self._send(200, "ok", "text/plain")
                    return
                method = self.path.split("?")[0].rsplit("/", 1)[-1]
                with fake._changed:
                    fake.arrivals.append(Call(method, params, token=token))
                    fake._changed.notify_all()
                held = fake._holds.pop(method, None)
                if held is not None:
                    held.wait(30)  # bounded: a test that forgets to release still ends
                with fake._changed:
                    lost = fake._lost.get(method)
                    acted = lost.pop(0) if lost else None
                if acted is False:
                    self.close_connection = True  # lost on the way: never acted on, never answered
                    return
                status, body, headers = fake._answer(method, params, token)
                call = Call(method, params, status, token)
                fake._record(call, ok=status == 200 and body.get("ok", False))
                if acted:
                    self.close_connection = True  # acted on, and the answer never comes back
                    return
                self._send(status, json.dumps(body), "application/json", headers)

            def _send(self, status: int, body: str, kind: str, headers: dict[str, str] | None = None) -> None:
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(data)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: object) -> None:
                pass

        return Handler


def _team_of(token: str) -> str | None:
    """The workspace an installation's token was issued for ("xoxb-T0TEAM002-3"), as the fake names them."""
    parts = token.split("-")
    return parts[1] if len(parts) >= 3 and parts[0] in ("xoxb", "xoxe") and parts[1].startswith("T") else None


def _parse(raw: str, content_type: str, path: str) -> dict[str, Any]:
    if "json" in content_type:
        params: dict[str, Any] = json.loads(raw or "{}")
    else:
        params = dict(urllib.parse.parse_qsl(raw))
    params |= dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(path).query))
    for name in ("blocks", "attachments"):
        if isinstance(params.get(name), str):
            params[name] = json.loads(params[name])
    return params


# -- requests as Slack sends them -------------------------------------------------------------------


def payload(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((PAYLOADS / name).read_text())
    return data


def sign(secret: str, timestamp: int, body: bytes) -> str:
    base = f"v0:{timestamp}:".encode() + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


@dataclass
class Response:
    status: int
    body: str
    seconds: float

    def json(self) -> Any:
        return json.loads(self.body)


class SlackSender:
    """POSTs signed requests to the app, shaped like the samples in `payloads/`."""

    def __init__(self, url: str, secret: str, fake: FakeSlackApi, first_id: int = 1) -> None:
        self.url = url
        self.secret = secret
        self.fake = fake
        self._ids = itertools.count(first_id)  # event ids: a new sender after a restart passes another start
        self._ts = itertools.count(1)

    def post(
        self,
        body: bytes,
        content_type: str,
        headers: dict[str, str] | None = None,
        age: int = 0,
        signature: str | None = None,
    ) -> Response:
        timestamp = int(time.time()) - age
        sent = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": str(timestamp),
            "X-Slack-Signature": signature if signature is not None else sign(self.secret, timestamp, body),
            **(headers or {}),
        }
        request = urllib.request.Request(self.url, data=body, headers=sent, method="POST")
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=10) as answer:
                return Response(answer.status, answer.read().decode(), time.monotonic() - started)
        except urllib.error.HTTPError as error:
            return Response(error.code, error.read().decode(), time.monotonic() - started)

    def get(self, path: str) -> Response:
        """A plain GET on the app's server (a health check, say): no signature, as a load balancer sends it."""
        url = urllib.parse.urljoin(self.url, path)
        started = time.monotonic()
        try:
            with urllib.request.urlopen(url, timeout=10) as answer:
                return Response(answer.status, answer.read().decode(), time.monotonic() - started)
        except urllib.error.HTTPError as error:
            return Response(error.code, error.read().decode(), time.monotonic() - started)

    def event(self, envelope: dict[str, Any], retry: int = 0, **kwargs: Any) -> Response:
        headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"} if retry else {}
        return self.post(json.dumps(envelope).encode(), "application/json", headers, **kwargs)

    def envelope(self, sample: str, **event: Any) -> dict[str, Any]:
        """A sample event envelope with a fresh event_id and ts, and `event` fields replaced."""
        envelope = payload(sample)
        ts = f"17639500{next(self._ts):02d}.000200"
        envelope["event"].update({"ts": ts, "event_ts": ts})
        envelope["event"].update(event)
        envelope["event_id"] = f"Ev0TEST{next(self._ids):04d}"
        return envelope

    # -- what users do ---------------------------------------------------------------------------

    def interaction(self, body: dict[str, Any]) -> Response:
        """An interaction payload as Slack posts it: a form with one field, `payload`, holding the JSON."""
        form = urllib.parse.urlencode({"payload": json.dumps(body)}).encode()
        return self.post(form, "application/x-www-form-urlencoded")

    def shortcut(self, callback_id: str, user: str = "U0ALICE01") -> Response:
        """A global shortcut, chosen from the shortcuts menu."""
        body = {
            "type": "shortcut",
            "token": "(legacy)",
            "action_ts": str(time.time()),
            "team": {"id": TEAM, "domain": "acme"},
            "user": {"id": user, "username": "someone", "team_id": TEAM},
            "is_enterprise_install": False,
            "enterprise": None,
            "callback_id": callback_id,
            "trigger_id": f"13345224609.{next(self._ids):06d}.trigger",
        }
        return self.interaction(body)

    def message_shortcut(
        self, callback_id: str, text: str, user: str = "U0ALICE01", channel: str = "C0CHANNEL1", author: str = "U0BOB"
    ) -> Response:
        """A message shortcut, chosen on a message `author` wrote in `channel`."""
        ts = f"17639500{next(self._ts):02d}.000200"
        body = {
            "type": "message_action",
            "token": "(legacy)",
            "action_ts": str(time.time()),
            "team": {"id": TEAM, "domain": "acme"},
            "user": {"id": user, "name": "someone", "team_id": TEAM},
            "channel": {"id": channel, "name": "ml-team"},
            "is_enterprise_install": False,
            "enterprise": None,
            "callback_id": callback_id,
            "trigger_id": f"13345224609.{next(self._ids):06d}.trigger",
            "response_url": self.fake.response_url("shortcut"),
            "message_ts": ts,
            "message": {"type": "message", "user": author, "ts": ts, "text": text},
        }
        return self.interaction(body)

    def submit_view(self, view: dict[str, Any], values: dict[str, Any], user: str = "U0ALICE01") -> Response:
        """Submit the modal `view` (as the app opened it with views.open), with its inputs set to `values`
        (block_id -> action_id -> the element's state), as Slack sends a view_submission."""
        body = {
            "type": "view_submission",
            "team": {"id": TEAM, "domain": "acme"},
            "user": {"id": user, "username": "someone", "name": "someone", "team_id": TEAM},
            "api_app_id": "A0APP0001",
            "trigger_id": f"13345224609.{next(self._ids):06d}.trigger",
            "view": {
                **view,
                "id": "V0VIEW0001",
                "team_id": TEAM,
                "state": {"values": values},
                "hash": "1763950000.abcdef",
            },
        }
        form = urllib.parse.urlencode({"payload": json.dumps(body)}).encode()
        return self.post(form, "application/x-www-form-urlencoded")

    def command(self, text: str, user: str = "U0ALICE01", channel: str = "C0CHANNEL1") -> Response:
        fields = payload("command_advisor.fields.json")
        # Slack gives every invocation its own trigger_id (the bot keys a command's turn on it).
        fields.update(text=text, user_id=user, channel_id=channel, response_url=self.fake.response_url())
        fields["trigger_id"] = f"13345224609.{next(self._ids):06d}.trigger"
        return self.post(urllib.parse.urlencode(fields).encode(), "application/x-www-form-urlencoded")

    def dm(self, text: str, user: str = "U0ALICE01") -> Response:
        envelope = self.envelope("event_message_im.json", text=text, user=user, channel=DM_CHANNELS[user])
        envelope["event"].pop("blocks", None)
        return self.event(envelope)

    def mention(self, text: str, user: str = "U0ALICE01", channel: str = "C0CHANNEL1") -> tuple[Response, str]:
        envelope = self.envelope("event_app_mention.json", text=f"<@{BOT_USER}> {text}", user=user, channel=channel)
        return self.event(envelope), envelope["event"]["ts"]

    def in_thread(self, text: str, thread_ts: str, user: str = "U0ALICE01", channel: str = "C0CHANNEL1") -> Response:
        envelope = self.envelope(
            "event_message_in_thread.json", text=text, user=user, channel=channel, thread_ts=thread_ts
        )
        return self.event(envelope)

    def click(self, message_ts: str, action_id: str, user: str = "U0ALICE01", **state: list[str]) -> Response:
        """Press the element `action_id` on the posted message `message_ts`, as Slack sends it.

        `state` ticks options of checkbox elements first, by their action_id's step (pick:<step>)."""
        message = copy.deepcopy(self.fake.messages[message_ts])
        channel = message.pop("channel")
        block_id, element = next(
            (b.get("block_id", ""), e)
            for b in message["blocks"]
            if b["type"] == "actions"
            for e in b["elements"]
            if e["action_id"] == action_id
        )
        values: dict[str, Any] = {}
        for step, ticked in state.items():
            block = next(
                b for b in message["blocks"] if any(e["action_id"] == f"pick:{step}" for e in b.get("elements", []))
            )
            options = [o for o in block["elements"][0]["options"] if o["value"] in ticked]
            values[block["block_id"]] = {f"pick:{step}": {"type": "checkboxes", "selected_options": options}}
        body = payload("block_actions.payload.json")
        body["user"]["id"] = user
        body["container"].update(message_ts=message_ts, channel_id=channel)
        body["channel"]["id"] = channel
        body["message"] = message
        body["state"] = {"values": values}
        body["response_url"] = self.fake.response_url("action")
        action = {k: element[k] for k in ("type", "action_id", "text") if k in element}
        action.update(block_id=block_id, value=element.get("value", ""), action_ts=str(time.time()))
        body["actions"] = [action]
        form = urllib.parse.urlencode({"payload": json.dumps(body)}).encode()
        return self.post(form, "application/x-www-form-urlencoded")
