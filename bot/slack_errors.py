"""The one error handler: log with enough context to find the conversation, apologise to the
user where they are - and act only on a request Slack signed."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltRequest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.signature import SignatureVerifier

from bot.interface_wording import wording

log = logging.getLogger(__name__)


def register_errors(app: App, signing_secret: str) -> None:
    verifier = SignatureVerifier(signing_secret) if signing_secret else None

    @app.error
    def on_error(error: Exception, body: dict[str, Any], request: BoltRequest, client: WebClient, respond: Any) -> None:
        if not _verified(verifier, request):
            # Bolt's own check can raise before it compares the signature (a float timestamp): then
            # the body is an attacker's, and its response_url or channel must not be acted on.
            log.warning("an unverified request failed in Bolt (%s); not answered", type(error).__name__)
            return
        log.error("failed handling a Slack request (%s)", _request_context(body), exc_info=error)
        try:
            if body.get("response_url") and body.get("command"):
                respond(text=wording().apology, response_type="ephemeral")
                return
            where = _apology_place(body)
            if where:
                channel, user, thread_ts = where
                client.chat_postEphemeral(channel=channel, user=user, thread_ts=thread_ts, text=wording().apology)
        except SlackApiError as apology_error:
            # The apology goes through the same API that may just have failed; the log has the cause.
            log.warning("could not apologise: %s", apology_error.response.get("error"))


def _verified(verifier: SignatureVerifier | None, request: BoltRequest) -> bool:
    """Whether Slack sent this request: over Socket Mode's authenticated connection, or signed."""
    if request.mode == "socket_mode":
        return True
    if verifier is None:
        return False

    def first(name: str) -> str | None:
        values = request.headers.get(name) or []
        return values[0] if values else None

    try:
        return verifier.is_valid(request.raw_body, first("x-slack-request-timestamp"), first("x-slack-signature"))
    except Exception:  # a timestamp that is not a number: not Slack's
        return False


def _apology_place(body: dict[str, Any]) -> tuple[str, str, str | None] | None:
    if body.get("type") == "event_callback":
        event = body.get("event", {})
        if event.get("channel") and event.get("user"):
            thread_ts = event.get("thread_ts") or (event.get("ts") if event.get("type") == "app_mention" else None)
            return event["channel"], event["user"], thread_ts
        return None
    if body.get("type") == "block_actions":
        channel = body.get("container", {}).get("channel_id")
        if channel:
            return channel, body["user"]["id"], (body.get("message") or {}).get("thread_ts")
    return None


def _request_context(body: dict[str, Any]) -> str:
    """Enough to find the conversation in the database and Slack, and nothing secret or typed."""
    event = body.get("event") or {}
    parts = {
        "type": body.get("type") or ("command" if body.get("command") else None),
        "event_id": body.get("event_id"),
        "event": event.get("type"),
        "channel": event.get("channel") or body.get("channel_id") or (body.get("channel") or {}).get("id"),
        "user": event.get("user") or body.get("user_id") or (body.get("user") or {}).get("id"),
        "thread_ts": event.get("thread_ts"),
    }
    return ", ".join(f"{k}={v}" for k, v in parts.items() if v)
