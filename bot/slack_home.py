"""The App Home tab: what the bot does, the user's latest recommendation, a way to start."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot import render_blocks, slack_keys
from bot.advice import Recommendation
from bot.service import Service
from bot.slack_turns import opening, turn


def register_home(app: App, service: Service) -> None:
    @app.event("app_home_opened")
    def on_home_opened(event: dict[str, Any], client: WebClient) -> None:
        if event.get("tab") != "home" or not event.get("user"):
            return  # the Messages tab is the DM itself
        publish_home(service, client, event["user"])

    @app.action("home:start")
    def on_home_start(ack: Any, body: dict[str, Any], client: WebClient) -> None:
        ack()
        user = body["user"]["id"]
        channel = client.conversations_open(users=user)["channel"]["id"]
        place = slack_keys.dm(user, channel)
        turn(service, client, place, opening(service.state(place.key), ""))


def publish_home(service: Service, client: WebClient, user: str) -> None:
    """Show the App Home: what the bot does and the user's latest recommendation."""
    latest = service.store.latest_recommendation(user)
    recommendation = Recommendation.model_validate_json(latest[1]) if latest else None
    when = datetime.fromtimestamp(latest[0], tz=UTC).strftime("%d %b %Y") if latest else None
    view = render_blocks.home_view(recommendation, when, service.settings.consult_url)
    client.views_publish(user_id=user, view=view)
