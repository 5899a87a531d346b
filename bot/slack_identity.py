"""Who the bot is: its auth.test, asked at start-up with retries and handed to Bolt."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence

from slack_bolt import App
from slack_bolt.middleware.authorization.single_team_authorization import SingleTeamAuthorization
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web import SlackResponse

log = logging.getLogger(__name__)

IDENTITY_ATTEMPTS = 3  # auth.test calls at start-up before the app starts unhealthy
IDENTITY_PAUSES = (0.2, 0.5)  # seconds between them


class Identity:
    """Who the bot is (its auth.test), asked at start-up and handed to Bolt.

    Bolt needs it for every request (the bot's user id, to ignore its own messages and read
    mentions). Left to Bolt it is asked on the first request, and if that auth.test fails the
    request is answered 200 with nothing done - for every request, while it keeps failing. Here it is
    asked at start-up with a few retries; until it is known the app reports itself unhealthy, and
    each health check or request tries once more (see `bot.serving`).
    """

    def __init__(self, app: App, per_workspace: bool = False) -> None:
        self.app = app
        # Installed per workspace (OAuth): there is no one identity to ask for; Bolt learns the bot's
        # in each workspace from its installation, request by request.
        self.per_workspace = per_workspace
        self._trying = threading.Lock()
        self.result: SlackResponse | None = None

    @property
    def known(self) -> bool:
        return self.per_workspace or self.result is not None

    def resolve(self, attempts: int = 1, pauses: Sequence[float] = IDENTITY_PAUSES) -> bool:
        """Ask auth.test, up to `attempts` times; whether the identity is known now. A call while
        another is asking does not wait for it, nor ask again."""
        if self.known:
            return True
        if not self._trying.acquire(blocking=False):
            return False
        try:
            for attempt in range(attempts):
                if attempt:
                    time.sleep(pauses[min(attempt - 1, len(pauses) - 1)] if pauses else 0)
                try:
                    result = self.app.client.auth_test()
                except SlackApiError as error:
                    log.warning("auth.test failed: %s", error.response.get("error"))
                    continue
                except (SlackClientError, OSError) as error:
                    log.warning("auth.test failed: %s", type(error).__name__)
                    continue
                self._hand_to_bolt(result)
                log.info("signed in to Slack as %s (%s)", result.get("user_id"), result.get("team_id"))
                return True
            return False
        finally:
            self._trying.release()

    def _hand_to_bolt(self, result: SlackResponse) -> None:
        # Bolt's single-workspace authorization asks auth.test itself when it has no result yet; it
        # takes the one given at construction, which token_verification_enabled=False leaves out.
        for middleware in self.app._middleware_list:
            if isinstance(middleware, SingleTeamAuthorization):
                middleware.auth_test_result = result
        self.result = result
