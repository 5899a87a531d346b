"""Nothing acknowledged is lost: a message's turn commits before it is acknowledged, every other
event and slash command is written to the inbox before it is, and a sweeper in each worker takes up
what a killed worker left.

At start-up and every `interval` seconds the sweeper (1) dispatches again, through the app, each
request received over `grace` seconds ago whose turn never committed - claimed with a database lease,
so two workers never take the same one, and at most `ATTEMPTS` times; (2) posts the replies of turns
that committed but were never posted (their delivery claim lapsed); (3) drops settled requests. A
request dispatched again is one Slack could have retried itself: the dedup middleware answers it once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence
from typing import Any

from slack_bolt import App, BoltRequest
from slack_sdk import WebClient
from slack_sdk.signature import SignatureVerifier

from bot.leads import Leads
from bot.slack_oauth import workspace_client
from bot.slack_turns import deliver
from bot.store import Store

log = logging.getLogger(__name__)

ATTEMPTS = 3
GRACE = 20.0  # seconds a request may take to commit its turn before it counts as left behind
LEASE = 60.0  # seconds a worker holds a request it dispatches again
KEEP = 24 * 3600.0  # seconds a request that never commits stays in the inbox


SHORTCUTS = ("shortcut", "message_action")  # a global and a message shortcut's payload types


def inbox_id(body: dict[str, Any]) -> str | None:
    """What identifies a request for the inbox: the event id, or the trigger id of a slash command
    or a shortcut (each invocation has its own)."""
    if body.get("type") == "event_callback" and isinstance(body.get("event_id"), str):
        return str(body["event_id"])
    if isinstance(body.get("command"), str) and isinstance(body.get("trigger_id"), str):
        return f"cmd:{body['trigger_id']}"
    if body.get("type") in SHORTCUTS and isinstance(body.get("trigger_id"), str):
        return f"shortcut:{body['trigger_id']}"
    return None


class Sweeper:
    def __init__(self, app: App, store: Store, signing_secret: str, leads: Leads | None = None) -> None:
        self.app = app
        self.store = store
        self.leads = leads
        self.verifier = SignatureVerifier(signing_secret) if signing_secret else None
        self._stop = threading.Event()

    def sweep(self, now: float | None = None) -> int:
        """One pass; how many requests and deliveries it took up."""
        now = time.time() if now is None else now
        taken = 0
        for request_id, body in self.store.claim_unanswered(now, GRACE, LEASE, ATTEMPTS):
            log.info("taking up %s, received but never answered", request_id)
            self.app.dispatch(self._request(body, now))
            taken += 1
        for event_id in self.store.undelivered(now):
            outbox = self.store.claim_delivery(event_id, now)
            if outbox:
                log.info("posting the replies of %s, committed but never posted", event_id)
                deliver(self._client_for(outbox), self.store, outbox, event_id, self.leads, resumed=True)
                taken += 1
        self.store.settle_inbox(now - KEEP)
        return taken

    def _client_for(self, outbox: dict[str, Any]) -> WebClient:
        """The client to post an outbox with: the app's, or with OAuth (no token of its own) one with
        the bot token of the workspace the conversation is in (its id ends "|<workspace>:<user>")."""
        if self.app.installation_store is None:
            return self.app.client
        workspace = str(outbox.get("conversation") or "").rsplit("|", 1)[-1].rpartition(":")[0]
        return workspace_client(self.app, workspace)

    def _request(self, body: str, now: float) -> BoltRequest:
        """The stored request, signed again (it was verified when it arrived, before being kept)."""
        timestamp = str(int(time.time()))  # the signature's clock is the real one, whatever `now` is
        headers: dict[str, str | Sequence[str]] = {
            "content-type": "application/json",  # a slash command arrived as a form: Bolt reads JSON alike
            "x-slack-request-timestamp": timestamp,
        }
        if self.verifier is not None:
            headers["x-slack-signature"] = self.verifier.generate_signature(timestamp=timestamp, body=body) or ""
        return BoltRequest(body=body, headers=headers)

    def start(self, interval: float) -> None:
        """Sweep now and then every `interval` seconds, in a daemon thread, until `stop`."""

        def run() -> None:
            while True:
                try:
                    self.sweep()
                except Exception:  # a failed pass is logged; the next one tries again
                    log.exception("the sweeper's pass failed")
                if self._stop.wait(interval):
                    return

        threading.Thread(target=run, name="advisor-sweeper", daemon=True).start()

    def stop(self) -> None:
        self._stop.set()
