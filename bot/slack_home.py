"""The App Home tab: what the bot does, the user's latest recommendation, a way to start; for the
consultancy's admins, its view of leads and how the advisor is doing (bot.admin_home)."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot import slack_keys
from bot.admin_home import CONTACTED_ACTION
from bot.service import Service
from bot.slack_turns import opening, publish_home, refresh_admin_homes, turn

log = logging.getLogger(__name__)


def register_home(app: App, service: Service) -> None:
    @app.event("app_home_opened")
    def on_home_opened(event: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        if event.get("tab") != "home" or not event.get("user"):
            return  # the Messages tab is the DM itself
        workspace = slack_keys.of_context(context)
        publish_home(service, client, event["user"], slack_keys.person(workspace, event["user"]))

    @app.action("home:start")
    def on_home_start(ack: Any, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        ack()
        user = body["user"]["id"]
        channel = client.conversations_open(users=user)["channel"]["id"]
        place = slack_keys.dm(user, channel, slack_keys.of_context(context))
        turn(service, client, place, opening(service.state(place.key), ""))

    @app.action(CONTACTED_ACTION)
    def on_contacted(
        ack: Any, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        ack()
        user = body["user"]["id"]
        admin = slack_keys.person(slack_keys.of_context(context), user)
        if not service.settings.is_admin(admin):
            log.warning("a mark-contacted click from %s, who is not an admin, was ignored", admin)
            return  # the button is on admins' Home tabs only: this payload was made by hand
        try:
            lead = int(action.get("value") or "")
        except ValueError:
            return
        service.store.mark_contacted(lead, admin)  # marked already (by another admin): the first stands
        # every admin's view, not only this one's: another admin with the tab open must not call the lead again
        refresh_admin_homes(service, client, slack_keys.of_context(context))
