"""Taking a turn for a Slack place and delivering its replies, once, even across crashes."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import render_blocks
from bot.advice import Recommendation
from bot.replies import Reply
from bot.service import Service
from bot.slack_keys import Place
from bot.state import Event, Pressed, Said, State
from bot.store import AlreadyHandled, Store

log = logging.getLogger(__name__)


def turn(service: Service, client: WebClient, place: Place, event: Event, event_id: str | None = None) -> None:
    """One turn, then its replies. For an event the rendered replies are committed with the turn
    (and claimed for posting by this process), so a delivery retried after a crash posts them
    instead of taking the turn again."""
    rendered: list[dict[str, Any]] = []

    def render(replies: list[Reply]) -> dict[str, Any]:
        rendered.append(outbox_for(place, replies))
        return rendered[-1]

    try:
        replies = service.handle(place.key, event, event_id=event_id, outbox=render)
    except AlreadyHandled:
        log.info("event %s was handled by another delivery", event_id)
        return
    # The Home tab is not refreshed here: Slack sends app_home_opened every time a user opens it,
    # and bot.slack_home publishes the latest recommendation then. A views.publish after each
    # recommendation was a Web API call for a tab the user is not looking at (they are in the DM).
    deliver(client, service.store, rendered[-1] if rendered else outbox_for(place, replies), event_id)


def outbox_for(place: Place, replies: Sequence[Reply]) -> dict[str, Any]:
    """The messages replies become, where they go: plain JSON, so they can wait in the database."""
    return {
        "conversation": place.key.id,
        "channel": place.channel,
        "thread_ts": place.thread_ts,
        "messages": [{"text": m.text, "blocks": m.blocks} for m in render_blocks.messages(replies)],
    }


def post(client: WebClient, store: Store, place: Place, replies: Sequence[Reply]) -> None:
    deliver(client, store, outbox_for(place, replies))


def deliver(client: WebClient, store: Store, outbox: dict[str, Any], event_id: str | None = None) -> None:
    """Post the messages, then close the conversation's previous question if it still shows
    buttons (it was answered by typing): the new message first, since that is what the user
    waits for. Record it all - the event delivered, the new open question - in one transaction."""
    conversation = outbox.get("conversation")
    previous = store.open_prompt(conversation) if conversation else None
    prompt: dict[str, Any] | None = None
    for message in outbox["messages"]:
        posted = client.chat_postMessage(
            channel=outbox["channel"],
            thread_ts=outbox["thread_ts"],
            text=message["text"],
            blocks=message["blocks"],
            unfurl_links=False,
            unfurl_media=False,
        )
        if _asks(message["blocks"]):
            prompt = {"channel": outbox["channel"], "ts": posted["ts"], "text": message["text"]}
            prompt["blocks"] = message["blocks"]
    if conversation and (prompt is not None or previous is not None):
        store.replace_prompt(conversation, previous, prompt)
    if event_id is not None:
        store.mark_delivered(event_id)
    if previous is not None:
        _close_prompt(client, previous)


def _asks(blocks: list[dict[str, Any]]) -> bool:
    """Whether a message carries answer controls (not just a link button, like the consultation's)."""
    return any(
        e.get("action_id", "").split(":")[0] in ("answer", "done", "pick", "recap", "command")
        for b in blocks
        if b.get("type") == "actions"
        for e in b.get("elements", [])
    )


def _close_prompt(client: WebClient, prompt: dict[str, Any]) -> None:
    blocks = render_blocks.closed(prompt["blocks"], render_blocks.ANSWERED)
    try:
        client.chat_update(channel=prompt["channel"], ts=prompt["ts"], text=prompt["text"], blocks=blocks)
    except SlackApiError as error:  # deleted by the user, say: the new replies matter more
        log.info("could not close an earlier question: %s", error.response.get("error"))


def opening(state: State | None, text: str) -> Event:
    """The event that starts or resumes a conversation from /advisor or a mention."""
    if text.lower() == "restart":
        return Pressed("restart")
    if text:
        return Said(text)
    # Resuming: help says where we are and asks the open question again.
    return Said("hi") if state is None else Pressed("help")


def publish_home(service: Service, client: WebClient, user: str, person: str) -> None:
    """Show `user`'s App Home (`person` is the workspace-qualified id the store knows them by):
    what the bot does and their latest recommendation."""
    latest = service.store.latest_recommendation(person)
    recommendation = Recommendation.model_validate_json(latest[1]) if latest else None
    when = datetime.fromtimestamp(latest[0], tz=UTC).strftime("%d %b %Y") if latest else None
    view = render_blocks.home_view(recommendation, when, service.settings.consult_url)
    client.views_publish(user_id=user, view=view)
