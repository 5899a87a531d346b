"""Button clicks: a choice acts only on the clicker's own open question, takes the turn, posts
what comes next, then closes the clicked message."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import render_blocks, slack_keys
from bot.dialogue import Event, Picked, Pressed, State
from bot.interface_wording import wording
from bot.replies import Say
from bot.service import NotOpen, Service
from bot.slack_turns import post_turn, refresh_admin_homes

log = logging.getLogger(__name__)


def register_actions(app: App, service: Service) -> None:
    @app.action(re.compile(r"^answer:[^:]+:."))
    def on_answer(
        ack: Any, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        ack()
        _, step, option = action["action_id"].split(":", 2)
        label = action.get("text", {}).get("text", option)
        click(service, client, body, Picked(step, (option,)), step, [label], slack_keys.of_context(context))

    @app.action(re.compile(r"^done:."))
    def on_done(
        ack: Any, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        ack()
        step = action["action_id"].split(":", 1)[1]
        options = _selected(body, f"pick:{step}")
        if not options:
            _tell(client, body, wording().tick_one)
            return
        event = Picked(step, tuple(o["value"] for o in options))
        click(service, client, body, event, step, [o["text"]["text"] for o in options], slack_keys.of_context(context))

    @app.action(re.compile(r"^recap:."))
    def on_recap(
        ack: Any, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        ack()
        command = action["action_id"].split(":", 1)[1]
        click(
            service,
            client,
            body,
            Pressed(command),
            None,
            [action.get("text", {}).get("text", command)],
            slack_keys.of_context(context),
        )

    @app.action(re.compile(r"^command:."))
    def on_command(
        ack: Any, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        ack()
        command = action["action_id"].split(":", 1)[1]
        label = action.get("text", {}).get("text", command)
        # Not checked against the state: the core answers an out-of-date command itself.
        click(service, client, body, Pressed(command), "", [label], slack_keys.of_context(context))

    @app.action(re.compile(r"^pick:"))
    def on_pick(ack: Any) -> None:
        ack()  # ticking a box only changes the form; the answer is read when Done is pressed

    @app.action(render_blocks.FORGET_ACTION)
    def on_forget_confirmed(ack: Any, body: dict[str, Any], respond: Any, context: BoltContext) -> None:
        ack()
        who = slack_keys.person(slack_keys.of_context(context), body["user"]["id"])
        said = " ".join(r.text for r in service.forget(who) if isinstance(r, Say))
        respond(text=render_blocks.escape_mrkdwn(said), replace_original=True, response_type="ephemeral")

    @app.action("consult")
    def on_consult(ack: Any, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        ack()  # a link button: Slack opens the URL; we note the request and ask whether we may pass it on
        workspace = slack_keys.of_context(context)
        place = slack_keys.for_action(body, workspace)
        user = slack_keys.person(workspace, body["user"]["id"])
        service.store.record_consultation_request(user, place.key.id if place else f"|{user}")
        if place is None or service.state(place.key) is None:
            # From the Home tab, or a teammate's recommendation in a thread: asked in their own DM.
            channel = client.conversations_open(users=body["user"]["id"])["channel"]["id"]
            place = slack_keys.dm(body["user"]["id"], channel, workspace)
        taken = service.take(place.key, Pressed("consult"))
        post_turn(service, client, place, taken.replies)
        refresh_admin_homes(service, client, workspace)  # the new request, on an admin's open Home tab


def click(
    service: Service,
    client: WebClient,
    body: dict[str, Any],
    event: Event,
    step: str | None,
    labels: Sequence[str],
    workspace: str,
) -> None:
    """A choice on one of our messages: take the turn, post what comes next, then close the question.

    Whether the question is still open is decided on the state the turn commits on (see
    `Service.take`), so a typed answer committed a moment earlier makes the click stale rather than
    a change. The next question goes out before the old one is closed: closing may fail (the message
    deleted, too old to edit) without costing the user anything.
    """
    place = slack_keys.for_action(body, workspace)
    message = body.get("message") or {}
    ts = body.get("container", {}).get("message_ts") or message.get("ts")
    owner = service.store.prompt_owner(place.channel, ts) if place and ts else None
    if place is None or service.state(place.key) is None or owner not in (None, place.key.id):
        # Not the clicker's conversation, or the open question of a teammate's in the same thread.
        _tell(client, body, wording().not_yours)
        return
    try:
        taken = service.take(place.key, event, still_open=lambda state: _still_open(state, step))
    except NotOpen:
        # A question answered since (in words, or in another window): close it, change nothing.
        _close(client, place.channel, message, ts, wording().closed)
        return
    if taken.expired:
        # The conversation had expired: the notice, as for anything sent to it, and no tick - the
        # choice was not taken. The question is closed like any other once the notice is posted.
        post_turn(service, client, place, taken.replies)
        return
    if ts:
        service.store.forget_prompt(place.key.id, ts)  # closed just below, with what was chosen
    post_turn(service, client, place, taken.replies)
    _close(client, place.channel, message, ts, render_blocks.picked(labels))


def _still_open(state: State, step: str | None) -> bool:
    """Whether the question a button belongs to is the one waiting for an answer (step None: the
    recap; "": a command the core checks itself)."""
    if step is None:
        return state.phase == "confirming"
    return step == "" or (state.phase, state.pending) == ("asking", step)


def _close(client: WebClient, channel: str, message: dict[str, Any], ts: str | None, note: str) -> None:
    """Take the buttons off a clicked message, with a note. A message that cannot be edited any more
    (deleted, too old) is left as it is: what the user needs has been posted already."""
    if not ts:
        return
    blocks = render_blocks.closed(message.get("blocks") or [], note)
    try:
        client.chat_update(channel=channel, ts=ts, text=f"{message.get('text') or ''}\n{note}", blocks=blocks)
    except SlackApiError as error:
        log.info("could not close a clicked question (%s in %s): %s", ts, channel, error.response.get("error"))


def _selected(body: dict[str, Any], action_id: str) -> list[dict[str, Any]]:
    for block in body.get("state", {}).get("values", {}).values():
        if action_id in block:
            return list(block[action_id].get("selected_options") or [])
    return []


def _tell(client: WebClient, body: dict[str, Any], text: str) -> None:
    """An ephemeral note to the user who clicked, where they clicked."""
    channel = body.get("container", {}).get("channel_id") or body.get("channel", {}).get("id")
    thread_ts = (body.get("message") or {}).get("thread_ts")
    client.chat_postEphemeral(channel=channel, user=body["user"]["id"], thread_ts=thread_ts, text=text)
