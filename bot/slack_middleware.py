"""Global middleware that Bolt calls with the request itself.

A function registered with `@app.middleware` is wrapped so that Bolt inspects its argument names
and builds each one (`body`, `context`, `client`, ...) for every request: tens of microseconds per
middleware per request, paid before the ack. The middleware here take the request (`req.body`,
`req.context`) and Bolt's `next`, and nothing is built for them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.middleware import Middleware

Next = Callable[[], Any]
Handler = Callable[[BoltRequest, Next], BoltResponse | None]


class Direct(Middleware):
    """`handler(req, next)` as a Bolt middleware (global, or a listener's own)."""

    def __init__(self, handler: Handler) -> None:
        self.handler = handler

    def process(self, *, req: BoltRequest, resp: BoltResponse, next: Next) -> BoltResponse | None:
        return self.handler(req, next)

    @property
    def name(self) -> str:
        return f"Direct({self.handler.__qualname__})"


def middleware(app: App) -> Callable[[Handler], Handler]:
    """Register `handler(req, next)` as a global middleware of `app` (a decorator)."""

    def register(handler: Handler) -> Handler:
        app.use(Direct(handler))
        return handler

    return register
