"""The baseline for the HTTP benchmark: `gunicorn bench.bare_app:app`.

The same stack as `bot.wsgi:app` (gunicorn, Bolt's WSGI adapter, the same Web API client
settings) with a message listener that only acks and posts one message: what Bolt and the
transport cost before the advisor does anything.
"""

from __future__ import annotations

from typing import Any

from slack_bolt import App
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient

from bot.settings import load_settings
from bot.slack_client import make_client

PATH = "/slack/events"  # as bot.serving serves the advisor


def create_bare_app() -> App:
    settings = load_settings()
    settings.require("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")
    app = App(
        client=make_client(settings),
        signing_secret=settings.slack_signing_secret or "",
        token_verification_enabled=False,
    )

    @app.event("message")
    def on_message(event: dict[str, Any], client: WebClient) -> None:
        client.chat_postMessage(channel=event["channel"], text="ok")

    return app


app = SlackRequestHandler(create_bare_app(), path=PATH)
