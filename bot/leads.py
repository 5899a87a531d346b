"""Passing a consented consultation request on to the consultancy: a card in its Slack channel
(`ADVISOR_LEADS_CHANNEL`) and/or signed JSON to its webhook (`ADVISOR_LEADS_WEBHOOK`).

The webhook request is signed like Slack signs its own: header `X-Advisor-Timestamp` (unix seconds)
and `X-Advisor-Signature` = `v1=` + hex HMAC-SHA256, keyed with `ADVISOR_LEADS_WEBHOOK_SECRET`, over
`v1:{timestamp}:{raw body}`; `verify` is what a receiver does. A delivery that fails (a connection
error, a timeout, 408, 429 or a 5xx) is retried with exponential backoff, signed afresh each time;
every attempt carries the same `X-Advisor-Lead-Id`, so a receiver can drop one it has seen.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable
from typing import Any

from bot.conversation import Wording
from bot.render_blocks import lead_card
from bot.replies import Lead
from bot.settings import Settings

log = logging.getLogger(__name__)

VERSION = "v1"
TOLERANCE = 300  # seconds a receiver should accept a timestamp for (as Slack does)
TIMEOUT = 10.0  # seconds for one webhook attempt
RETRIED = {408, 429}  # and every 5xx


def lead_record(lead: Lead, user: str, workspace: str, conversation: str, now: float | None = None) -> dict[str, Any]:
    """The lead as JSON: what the webhook receives and the channel card shows."""
    return {
        "id": str(uuid.uuid4()),
        "at": time.time() if now is None else now,
        "user": user,
        "workspace": workspace,
        "conversation": conversation,
        "answers": [{"step": a.step_id, "title": a.title, "value": a.value} for a in lead.answers],
        "verdict": lead.verdict or None,
        "recommended": lead.name or None,
        "confidence": lead.confidence or None,
        "asked_after": list(lead.asked),
    }


def sign(secret: str, timestamp: int, body: bytes) -> str:
    base = f"{VERSION}:{timestamp}:".encode() + body
    return f"{VERSION}=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def verify(secret: str, timestamp: str, signature: str, body: bytes, now: float | None = None) -> bool:
    """What a receiver checks: a fresh timestamp and the signature over it and the raw body."""
    try:
        when = int(timestamp)
    except ValueError:
        return False
    if abs((time.time() if now is None else now) - when) > TOLERANCE:
        return False
    return hmac.compare_digest(sign(secret, when, body), signature)


def post_webhook(
    url: str,
    secret: str,
    record: dict[str, Any],
    attempts: int,
    backoff: float,
    sleep: Callable[[float], None] = time.sleep,
) -> bool:
    """POST `record` to `url`, retrying failures; whether it was accepted (a 2xx)."""
    body = json.dumps(record, ensure_ascii=False).encode()
    for attempt in range(attempts):
        if attempt:
            sleep(backoff * 2 ** (attempt - 1))
        timestamp = int(time.time())
        request = urllib.request.Request(
            url,
            data=body,
            method="POST",
            headers={
                "Content-Type": "application/json",
                "X-Advisor-Timestamp": str(timestamp),
                "X-Advisor-Signature": sign(secret, timestamp, body),
                "X-Advisor-Lead-Id": str(record["id"]),
            },
        )
        try:
            with urllib.request.urlopen(request, timeout=TIMEOUT) as answer:
                answer.read()
            return True
        except urllib.error.HTTPError as error:
            status = error.code
            if status not in RETRIED and status < 500:
                log.error("the leads webhook refused lead %s with HTTP %s; not retried", record["id"], status)
                return False
            log.warning("the leads webhook answered HTTP %s to lead %s (attempt %d)", status, record["id"], attempt + 1)
        except (urllib.error.URLError, TimeoutError, ConnectionError) as error:
            log.warning(
                "the leads webhook is unreachable for lead %s (attempt %d): %s", record["id"], attempt + 1, error
            )
    log.error("lead %s did not reach the leads webhook after %d attempts", record["id"], attempts)
    return False


class Leads:
    """Where leads go, from the settings; `send` passes one on to each place that is set."""

    def __init__(self, settings: Settings, wording: Wording, sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings
        self.wording = wording
        self.sleep = sleep
        # Posts the card when the requesting workspace's client may not (OAuth: see ADVISOR_LEADS_TEAM).
        self.card_client: Callable[[], Any] | None = None

    @property
    def enabled(self) -> bool:
        return bool(self.settings.leads_channel or self.settings.leads_webhook)

    def send(self, client: Any, record: dict[str, Any]) -> None:
        """Post the card with `client` (a slack_sdk WebClient) and send the webhook. A failure is
        logged with the lead's id (never its contents) and does not stop the other."""
        settings = self.settings
        if not self.enabled:
            log.warning("lead %s has nowhere to go: set ADVISOR_LEADS_CHANNEL or ADVISOR_LEADS_WEBHOOK", record["id"])
        if settings.leads_channel:
            card = lead_card(record, self.wording)
            try:
                (self.card_client() if self.card_client else client).chat_postMessage(
                    channel=settings.leads_channel, text=card.text, blocks=card.blocks, unfurl_links=False
                )
            except Exception as error:  # whatever it was, the webhook must still go; the error is logged
                log.error("could not post lead %s to the leads channel: %s", record["id"], error)
        if settings.leads_webhook and settings.leads_webhook_secret:
            post_webhook(
                settings.leads_webhook,
                settings.leads_webhook_secret,
                record,
                settings.leads_webhook_attempts,
                settings.leads_webhook_backoff,
                self.sleep,
            )
