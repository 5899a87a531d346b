"""The Slack Web API client: Slack's (or SLACK_API_URL's) endpoint over kept-alive connections
(`bot.slack_transport`), retrying dropped connections, server errors and rate limits, but never
parking a thread longer than MAX_RETRY_AFTER."""

from __future__ import annotations

import random
import time
from typing import Any

from slack_bolt import App, BoltRequest
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState

from bot.settings import Settings
from bot.slack_middleware import Next, middleware
from bot.slack_transport import ConnectionPool, PooledWebClient

MAX_RETRY_AFTER = 5.0  # seconds a listener waits out a rate limit, whatever Retry-After asks
# Posting in a channel fails with these when the bot may not post there.
CANNOT_POST = {"not_in_channel", "channel_not_found", "is_archived", "restricted_action"}


class CappedRateLimitRetryHandler(RateLimitErrorRetryHandler):
    """Retries a 429 after its Retry-After, but never waits more than MAX_RETRY_AFTER: a listener
    thread parked for a minute is a thread no other user gets. A post still limited after its retries
    fails like any other, and the user gets the apology."""

    def prepare_for_next_attempt(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        if response is None:
            raise error or RuntimeError("rate-limit retry without a response")
        state.next_attempt_requested = True
        time.sleep(retry_after(response.headers) + random.random() / 4)
        state.increment_current_attempt()


def retry_after(headers: dict[str, Any]) -> float:
    """The wait a 429 asks for (its Retry-After, 1 s without one or when unreadable), capped."""
    value = next((v for k, v in headers.items() if k.lower() == "retry-after"), None)
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    try:
        seconds = float(value) if value is not None else 1.0
    except ValueError:
        seconds = 1.0
    return max(0.0, min(seconds, MAX_RETRY_AFTER))


def make_client(settings: Settings, pool: ConnectionPool | None = None) -> PooledWebClient:
    """The Web API client: Slack's (or SLACK_API_URL's) endpoint, retrying rate limits and 5xx,
    over `pool` (a new one by default: one per process is the point)."""
    base_url = settings.slack_api_url if settings.slack_api_url.endswith("/") else settings.slack_api_url + "/"
    return PooledWebClient(
        token=settings.slack_bot_token,
        base_url=base_url,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2),
            CappedRateLimitRetryHandler(max_retry_count=3),
            ServerErrorRetryHandler(max_retry_count=2),
        ],
        pool=pool,
    )


def share_connections(app: App) -> None:
    """Give every listener a client over the app client's connection pool.

    Bolt builds a plain WebClient for each request (from the app client's settings), which would
    open a connection per call; this middleware, registered before any other, swaps in the same
    client over the shared pool. Any client (tests pass their own) gets a pool of its own here."""
    client = app.client
    pool = client.pool if isinstance(client, PooledWebClient) else ConnectionPool(client.ssl)

    @middleware(app)
    def over_kept_alive_connections(req: BoltRequest, next: Next) -> None:
        context = req.context
        if context.client is not None:
            context["client"] = PooledWebClient.like(context.client, pool)
        next()
