"""How the Slack app is run: WSGI for gunicorn (production), a local HTTP server, or Socket Mode."""

from __future__ import annotations

import hashlib
import hmac
import logging
import time
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest

from bot.service import Service
from bot.settings import Settings
from bot.slack_app import create_app

PATH = "/slack/events"  # events, commands and interactivity all share this one URL
CONTENT_TYPES = ("application/json", "application/x-www-form-urlencoded")  # all that Slack sends


def make_wsgi_app(settings: Settings, service: Service | None = None) -> SlackRequestHandler:
    """The WSGI callable for HTTP mode; every other path answers 404."""
    settings.require("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")
    app = create_app(settings, service=service)
    return GuardedRequestHandler(app, settings.slack_signing_secret or "", path=PATH)


class GuardedRequestHandler(SlackRequestHandler):
    """Bolt's WSGI adapter, answering a request Slack would never send with a 4xx instead of a 500.

    Bolt parses the body before it checks the signature, and raises (a 500) on a body that is not
    UTF-8, JSON that does not parse or is not an object, a form whose `payload` is not JSON, or
    fields of the wrong type where it routes. Such a request gets 401 when its signature is wrong,
    as every unsigned request does; else 415 for a content type Slack does not send, or 400.
    """

    def __init__(self, app: App, signing_secret: str, path: str = PATH) -> None:
        super().__init__(app, path)
        self.signing_secret = signing_secret.encode()

    def dispatch(self, request: WsgiHttpRequest) -> BoltResponse:
        raw = _read_body(request)
        headers = request.get_headers()
        content_type = str(headers.get("content-type") or "").split(";")[0].strip().lower()
        bolt_request = _parse(raw, content_type, request.query_string, headers)
        if bolt_request is not None and content_type in CONTENT_TYPES:
            return self.app.dispatch(bolt_request)  # Bolt checks the signature itself
        if raw is None or not self._signed(raw, headers):
            return BoltResponse(status=401, body={"error": "invalid request"})
        return BoltResponse(status=400 if content_type in CONTENT_TYPES else 415, body="")

    def _signed(self, raw: bytes, headers: dict[str, Any]) -> bool:
        """Slack's signature check, on bytes (slack_sdk's needs a body that is UTF-8)."""
        timestamp = str(headers.get("x-slack-request-timestamp") or "")
        signature = str(headers.get("x-slack-signature") or "").encode("latin-1", "replace")
        if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > 5 * 60:
            return False
        digest = hmac.new(self.signing_secret, f"v0:{timestamp}:".encode() + raw, hashlib.sha256).hexdigest()
        return hmac.compare_digest(f"v0={digest}".encode(), signature)


def _read_body(request: WsgiHttpRequest) -> bytes | None:
    """The raw body, or None when Content-Length is not a number."""
    try:
        length = int(request.environ.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return None
    return request.environ["wsgi.input"].read(length) if length > 0 else b""


def _parse(raw: bytes | None, content_type: str, query: str, headers: dict[str, Any]) -> BoltRequest | None:
    """The request as Bolt reads it, or None if Bolt cannot read it or it is not shaped as Slack's."""
    if raw is None or (content_type != "application/json" and raw.startswith(b"{")):
        return None  # Bolt would read this form (or text) as JSON
    try:
        request = BoltRequest(body=raw.decode("utf-8"), query=query, headers=headers)
    except (ValueError, TypeError, AttributeError, KeyError, IndexError, RecursionError):
        return None  # not UTF-8, not JSON, not an object, nested too deep
    return request if _slack_shaped(request.body) else None


def _slack_shaped(body: dict[str, Any]) -> bool:
    """Whether the fields that Bolt and the listeners read without checking have Slack's types."""
    if "event" in body and not (isinstance(body["event"], dict) and isinstance(body["event"].get("type", ""), str)):
        return False
    if not isinstance(body.get("event_id", ""), str):
        return False
    if "command" in body and not (isinstance(body["command"], str) and isinstance(body.get("user_id"), str)):
        return False
    if body.get("type") == "block_actions":
        actions, user = body.get("actions"), body.get("user")
        if not (isinstance(user, dict) and isinstance(user.get("id"), str) and isinstance(actions, list) and actions):
            return False
        return all(isinstance(a, dict) and isinstance(a.get("action_id"), str) for a in actions)
    return True


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        logging.getLogger("bot.serving").debug(format, *args)


def make_local_server(settings: Settings, host: str, port: int, service: Service | None = None) -> WSGIServer:
    """A threaded development server (port 0 picks a free one); production uses gunicorn."""
    app = make_wsgi_app(settings, service)
    return make_server(host, port, app, server_class=ThreadingWSGIServer, handler_class=QuietHandler)


def run_web(settings: Settings, host: str, port: int) -> int:
    logging.basicConfig(level=logging.INFO)
    server = make_local_server(settings, host, port)
    print(f"advisor: serving http://{host}:{server.server_port}{PATH} (development only; use gunicorn)")
    server.serve_forever()
    return 0


def run_socket(settings: Settings) -> int:
    """Socket Mode: Slack connects out over a websocket, so no public URL is needed."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    settings.require("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN")
    logging.basicConfig(level=logging.INFO)
    SocketModeHandler(create_app(settings), settings.slack_app_token).start()  # type: ignore[no-untyped-call]
    return 0
