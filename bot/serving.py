"""How the Slack app is run: WSGI for gunicorn (production), a local HTTP server, or Socket Mode."""

from __future__ import annotations

import logging
import time
from socketserver import ThreadingMixIn
from typing import Any
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_bolt.adapter.wsgi.http_request import WsgiHttpRequest
from slack_bolt.adapter.wsgi.http_response import WsgiHttpResponse
from slack_sdk.signature import SignatureVerifier

from bot import logs
from bot.read_deadline import ReadTimeout, read_deadline
from bot.service import Service
from bot.settings import Settings
from bot.slack_app import build_app, create_app
from bot.slack_identity import Identity
from bot.slack_sweeper import Sweeper

log = logging.getLogger(__name__)

PATH = "/slack/events"  # events, commands and interactivity all share this one URL
HEALTH = "/healthz"  # GET: 200 when the app can serve (it knows who it is in Slack, its database is there)
CONTENT_TYPES = ("application/json", "application/x-www-form-urlencoded")  # all that Slack sends
MAX_BODY = 1_000_000  # bytes; Slack's largest payloads (a long message with its blocks) are far smaller
BODY_SECONDS = 10.0  # for the whole body to arrive, so a trickling client cannot hold a worker


def make_wsgi_app(settings: Settings, service: Service | None = None) -> SlackRequestHandler:
    """The WSGI callable for HTTP mode: Slack's requests at PATH, the health check at HEALTH; every
    other path answers 404."""
    if settings.oauth:  # installed per workspace: no bot token of its own
        settings.require("SLACK_SIGNING_SECRET", "ADVISOR_CONSULT_URL")
    else:
        settings.require("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "ADVISOR_CONSULT_URL")
    service = service or Service(settings)
    app, identity = build_app(settings, service=service)
    secret = settings.slack_signing_secret or ""
    if settings.sweep_seconds > 0:
        Sweeper(app, service.store, secret, service.leads).start(settings.sweep_seconds)
    return GuardedRequestHandler(app, secret, path=PATH, identity=identity, service=service)


class GuardedRequestHandler(SlackRequestHandler):
    """Bolt's WSGI adapter behind a guard: nothing reaches Bolt that Slack did not sign.

    The guard answers, in this order: 411 when there is no Content-Length (Slack always sends one),
    413 for a body over `MAX_BODY` (before reading it), 408 for a body that does not arrive within
    `BODY_SECONDS`, 401 for a signature that is missing, wrong, stale or not even well formed (any
    error while checking it counts as "not signed"), then 415 for a content type Slack does not send
    and 400 for a signed body Bolt could not route. Rejections are logged in one line without the
    body: an unauthenticated body is not ours to store, and a clock-skewed real request carries a
    user's text and a live `response_url`. While the bot does not know who it is in Slack (auth.test
    has failed since start-up, see `Identity`), a signed request gets 503, so Slack delivers it again,
    rather than a 200 with nothing done.

    GET HEALTH answers 200 when the app can serve and 503 when it cannot: its identity unknown (one
    more auth.test is tried), or its database file gone.
    """

    def __init__(
        self,
        app: App,
        signing_secret: str,
        path: str = PATH,
        identity: Identity | None = None,
        service: Service | None = None,
    ) -> None:
        super().__init__(app, path)
        self.verifier = SignatureVerifier(signing_secret)
        self.identity = identity
        self.service = service

    def _get_http_response(self, request: WsgiHttpRequest) -> WsgiHttpResponse:
        if request.path == HEALTH and request.method in ("GET", "HEAD"):
            problem = self.unhealthy()
            return WsgiHttpResponse(
                status=503 if problem else 200,
                headers={"content-type": ["text/plain;charset=utf-8"], "cache-control": ["no-store"]},
                body=problem or "ok",
            )
        return super()._get_http_response(request)

    def unhealthy(self) -> str | None:
        """Why the app cannot serve now, or None."""
        if self.identity is not None and not self.identity.resolve():
            return "unknown to Slack: auth.test is failing"
        if self.service is not None and not self.service.store.healthy():
            return "the database file is gone"
        return None

    def dispatch(self, request: WsgiHttpRequest) -> BoltResponse:
        length = _content_length(request.environ)
        if length is None:
            return _reject(request, 411, "no usable Content-Length")
        if length > MAX_BODY:
            return _reject(request, 413, f"body of {length} bytes")
        raw = _read_body(request.environ, length)
        if raw is None:
            return _reject(request, 408, "body not received in time")
        headers = request.get_headers()
        if not self.verified(raw, headers):
            return _reject(request, 401, "signature missing, wrong or stale")
        content_type = str(headers.get("content-type") or "").split(";")[0].strip().lower()
        if content_type not in CONTENT_TYPES:
            return BoltResponse(status=415, body="")
        bolt_request = _parse(raw, content_type, request.query_string, headers)
        if bolt_request is None:
            return BoltResponse(status=400, body="")
        if not (self.identity is None or _needs_no_identity(bolt_request.body) or self.identity.resolve()):
            log.warning("answered 503: the bot's identity is unknown (auth.test is failing)")
            return BoltResponse(status=503, body="")
        return self.app.dispatch(bolt_request)  # Bolt checks the signature again, harmlessly

    def verified(self, raw: bytes, headers: dict[str, Any]) -> bool:
        try:
            return self.verifier.is_valid(
                body=raw,
                timestamp=_header(headers, "x-slack-request-timestamp"),
                signature=_header(headers, "x-slack-signature"),
            )
        except Exception:  # a float or empty timestamp, a body that is not UTF-8: not Slack's
            return False


def _needs_no_identity(body: dict[str, Any]) -> bool:
    """Slack's checks of the request URL, which Bolt answers without knowing who the bot is."""
    return body.get("type") in ("url_verification", "ssl_check") or bool(body.get("ssl_check"))


def _header(headers: dict[str, Any], name: str) -> str | None:
    value = headers.get(name)
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    return None if value is None else str(value)


def _reject(request: WsgiHttpRequest, status: int, why: str) -> BoltResponse:
    environ = request.environ
    log.info("rejected a request with %s: %s (from %s)", status, why, environ.get("REMOTE_ADDR", "?"))
    return BoltResponse(status=status, body={"error": "invalid request"} if status == 401 else "")


def _content_length(environ: dict[str, Any]) -> int | None:
    """The declared body length; None when it is missing (chunked) or not a number."""
    declared = str(environ.get("CONTENT_LENGTH") or "").strip()
    if not declared:
        chunked = "chunked" in str(environ.get("HTTP_TRANSFER_ENCODING") or "").lower()
        return None if chunked else 0
    return int(declared) if declared.isdigit() else None


def _read_body(environ: dict[str, Any], length: int) -> bytes | None:
    """The body, or None when the client does not send it within BODY_SECONDS or closes early."""
    stream = environ["wsgi.input"]
    chunks: list[bytes] = []
    received = 0
    deadline = time.monotonic() + BODY_SECONDS
    try:
        with read_deadline(BODY_SECONDS):
            while received < length:
                chunk = stream.read(min(65536, length - received))
                if not chunk or time.monotonic() > deadline:
                    return None
                chunks.append(chunk)
                received += len(chunk)
    except (OSError, ReadTimeout, ValueError):
        return None
    return b"".join(chunks)


def _parse(raw: bytes, content_type: str, query: str, headers: dict[str, Any]) -> BoltRequest | None:
    """The request as Bolt reads it, or None if Bolt cannot read it or it is not shaped as Slack's."""
    if content_type != "application/json" and raw.startswith(b"{"):
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
    # socketserver's default backlog is 5: a burst of Slack requests (or a test's forty at once)
    # beyond it is reset by the kernel while the turns ahead of them commit.
    request_queue_size = 128


class QuietHandler(WSGIRequestHandler):
    timeout = BODY_SECONDS  # a socket timeout on every read, so a silent client frees its thread

    def log_message(self, format: str, *args: object) -> None:
        logging.getLogger("bot.serving").debug(format, *args)


def make_local_server(settings: Settings, host: str, port: int, service: Service | None = None) -> WSGIServer:
    """A threaded development server (port 0 picks a free one); production uses gunicorn."""
    app = make_wsgi_app(settings, service)
    return make_server(host, port, app, server_class=ThreadingWSGIServer, handler_class=QuietHandler)


def run_web(settings: Settings, host: str, port: int) -> int:
    logs.configure()
    server = make_local_server(settings, host, port)
    url = f"http://{host}:{server.server_port}{PATH}"
    log.info("serving %s (development only; use gunicorn)", url, extra={"url": url})
    server.serve_forever()
    return 0


def run_socket(settings: Settings) -> int:
    """Socket Mode: Slack connects out over a websocket, so no public URL is needed."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    settings.require("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN", "ADVISOR_CONSULT_URL")
    logs.configure()
    SocketModeHandler(create_app(settings), settings.slack_app_token).start()  # type: ignore[no-untyped-call]
    return 0
