"""Start anywhere: the global shortcut "Ask Stack Advisor" and the message shortcut "Get advice on
this message" (the message's text is the opening), both answered in the user's DM with the bot."""

from __future__ import annotations

from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot import slack_keys
from bot.interface_wording import wording
from bot.service import Service
from bot.slack_keys import Place
from bot.slack_sweeper import inbox_id
from bot.slack_turns import opening, turn

ASK = "ask_advisor"  # the callback ids manifest.yml declares
ON_MESSAGE = "advice_on_message"


def register_shortcuts(app: App, service: Service) -> None:
    @app.shortcut(ASK)
    def ask(ack: Any, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        ack()
        place = _dm(client, body, context)
        # Like /advisor: committed with its trigger id, so one taken up again by the sweeper is answered once.
        turn(service, client, place, opening(service.state(place.key), ""), inbox_id(body))

    @app.shortcut(ON_MESSAGE)
    def advice_on(ack: Any, body: dict[str, Any], client: WebClient, respond: Any, context: BoltContext) -> None:
        ack()
        # Whoever wrote it, the message is read as what the user would have typed to start.
        text = " ".join(((body.get("message") or {}).get("text") or "").split())
        place = _dm(client, body, context)
        if body.get("response_url"):  # where they pressed it, a word on where the conversation is
            respond(text=wording().in_dm, response_type="ephemeral")
        turn(service, client, place, opening(service.state(place.key), text), inbox_id(body))


def _dm(client: WebClient, body: dict[str, Any], context: BoltContext) -> Place:
    user = body["user"]["id"]
    channel = client.conversations_open(users=user)["channel"]["id"]
    return slack_keys.dm(user, channel, slack_keys.of_context(context))
