"""Taking a turn for a Slack place and delivering its replies, once, even across crashes."""

from __future__ import annotations

import logging
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import admin_home, render_blocks, slack_keys
from bot.advice import Recommendation
from bot.interface_wording import wording
from bot.leads import Leads, lead_record
from bot.replies import Lead, Reply
from bot.service import Service
from bot.slack_keys import Place
from bot.slack_transport import ResponseLost
from bot.state import Event, Pressed, Said, State
from bot.store import AlreadyHandled, Store

log = logging.getLogger(__name__)


def turn(service: Service, client: WebClient, place: Place, event: Event, event_id: str | None = None) -> None:
    """One turn, then its replies (see `take`)."""
    outbox = take(service, place, event, event_id)
    if outbox is not None:
        deliver_turn(service, client, outbox, event_id)


def take(service: Service, place: Place, event: Event, event_id: str | None = None) -> dict[str, Any] | None:
    """One turn, committed; what to deliver (`deliver`), or None when another delivery of the same
    event took it already. For an event the rendered replies are committed with the turn (and
    claimed for posting by this process), so a delivery retried after a crash posts them instead
    of taking the turn again."""
    try:
        return take_or_raise(service, place, event, event_id)
    except AlreadyHandled:
        log.info("event %s was handled by another delivery", event_id)
        return None


def take_or_raise(service: Service, place: Place, event: Event, event_id: str | None = None) -> dict[str, Any]:
    """`take`, raising AlreadyHandled when the event's turn was committed before."""
    rendered: list[dict[str, Any]] = []

    def render(replies: list[Reply]) -> dict[str, Any]:
        rendered.append(outbox_for(place, replies))
        return rendered[-1]

    replies = service.handle(place.key, event, event_id=event_id, outbox=render)
    # The Home tab is not refreshed here: Slack sends app_home_opened every time a user opens it,
    # and bot.slack_home publishes the latest recommendation then. A views.publish after each
    # recommendation was a Web API call for a tab the user is not looking at (they are in the DM).
    return rendered[-1] if rendered else outbox_for(place, replies)


@dataclass(frozen=True)
class Delivery:
    """Replies to post for an event: its turn's, or (`resumed`) those of a turn committed by an
    earlier delivery of the same event whose process did not finish posting them."""

    outbox: dict[str, Any]
    resumed: bool = False


def take_event(service: Service, place: Place, event: Event, event_id: str | None) -> Delivery | None:
    """`take` for a Slack event that Slack may deliver again. A redelivery of an event whose turn
    committed already is found by that commit (the event id is the key): its replies are claimed
    for posting here if no live process is posting them, else there is nothing to do (None).
    Taking the turn first and finding out at its commit saves a read per message; redeliveries
    are rare, and their turn is rolled back whole."""
    try:
        outbox = take_or_raise(service, place, event, event_id)
    except AlreadyHandled:
        claimed = service.store.claim_delivery(event_id) if event_id else None
        if not claimed:
            log.info("ignoring repeated delivery of %s", event_id)
            return None
        log.info("delivering the replies of %s, interrupted before", event_id)
        return Delivery(claimed, resumed=True)
    return Delivery(outbox)


def outbox_for(place: Place, replies: Sequence[Reply]) -> dict[str, Any]:
    """The messages replies become, where they go: plain JSON, so they can wait in the database.
    A consented lead goes with them (with its own id, so a delivery retried after a crash sends
    the same lead, which a webhook receiver can recognise)."""
    leads = [reply for reply in replies if isinstance(reply, Lead)]
    workspace = place.key.user.rpartition(":")[0]
    return {
        "conversation": place.key.id,
        "channel": place.channel,
        "thread_ts": place.thread_ts,
        "messages": [{"text": m.text, "blocks": m.blocks} for m in render_blocks.messages(replies)],
        "leads": [lead_record(lead, place.user, workspace, place.key.id) for lead in leads],
    }


def post_turn(service: Service, client: WebClient, place: Place, replies: Sequence[Reply]) -> None:
    """A turn's replies, posted (see `deliver_turn`)."""
    deliver_turn(service, client, outbox_for(place, replies))


def deliver_turn(
    service: Service, client: WebClient, outbox: dict[str, Any], event_id: str | None = None, resumed: bool = False
) -> None:
    """`deliver`, then, for a delivery that passed a consented lead on, the admins' Home again: it
    shows the request as consented, not as still waiting for an answer (see `refresh_admin_homes`)."""
    deliver(client, service.store, outbox, event_id, service.leads, resumed=resumed)
    for workspace in dict.fromkeys(lead["workspace"] for lead in outbox.get("leads") or []):
        refresh_admin_homes(service, client, workspace)


# Message metadata on each reply to an event: which event, which of its messages. A process that takes
# over a delivery from one that died mid-post reads it back to post only what is missing.
REPLY_EVENT = "stack_advisor_reply"


def deliver(
    client: WebClient,
    store: Store,
    outbox: dict[str, Any],
    event_id: str | None = None,
    leads: Leads | None = None,
    resumed: bool = False,
) -> None:
    """Post the messages, then close the conversation's previous question if it still shows
    buttons (it was answered by typing): the new message first, since that is what the user
    waits for. Record it all - the event delivered, the new open question in place of the one it
    replaces (read then) - in one transaction.
    Then pass on any lead (its webhook may take a while to retry; the user has their reply).

    `resumed`: the delivery was claimed from a process that did not finish it (killed mid-post, or
    its posts failed). What that process posted before it stopped is in the place already, tagged
    with the event: those messages are not posted again."""
    prompt: dict[str, Any] | None = None
    first: str | None = None  # when the first message was posted (its ts)
    posted_before = _posted_before(client, outbox, event_id) if resumed and event_id is not None else {}
    # Every message is tagged, so that one whose answer was lost can be looked up, not posted twice.
    tag = event_id or f"delivery-{uuid.uuid4().hex}"
    for part, message in enumerate(outbox["messages"]):
        ts = posted_before.get(part)
        if ts is None:
            ts = _post_once(client, outbox, message, tag, part)
        first = first or ts
        if _asks(message["blocks"]):
            prompt = {"channel": outbox["channel"], "ts": ts, "text": message["text"]}
            prompt["blocks"] = message["blocks"]
    # The question these messages replace (posted before them) is read as the delivery is recorded.
    previous = store.record_delivery(event_id, outbox.get("conversation") or None, prompt, first)
    if previous is not None:
        _close_prompt(client, previous)
    for record in outbox.get("leads", []):
        if leads is None:
            log.error("lead %s was not passed on: no lead settings here", record["id"])
        else:
            leads.send(client, record)


def _post_once(client: WebClient, outbox: dict[str, Any], message: dict[str, Any], tag: str, part: int) -> str:
    """Post one message; if the answer was lost on the way back (Slack may have posted it), look
    for it in the place before posting it again: a reply shown twice is a bug people notice."""

    def send() -> str:
        return str(
            client.chat_postMessage(
                channel=outbox["channel"],
                thread_ts=outbox["thread_ts"],
                text=message["text"],
                blocks=message["blocks"],
                unfurl_links=False,
                unfurl_media=False,
                metadata=_tag(tag, part),
            )["ts"]
        )

    try:
        return send()
    except ResponseLost as lost:
        log.warning("the answer to a post was lost (%s); looking it up before posting again", lost)
        return _posted_before(client, outbox, tag).get(part) or send()


def _tag(event_id: str, part: int) -> dict[str, Any]:
    return {"event_type": REPLY_EVENT, "event_payload": {"event_id": event_id, "part": part}}


def _posted_before(client: WebClient, outbox: dict[str, Any], event_id: str) -> dict[int, str]:
    """Which of the event's messages are in the place already (part -> ts), read from their metadata.

    The place's latest messages are enough: a delivery is taken over within minutes of the crash."""
    channel, thread_ts = outbox["channel"], outbox["thread_ts"]
    try:
        if thread_ts:
            found = client.conversations_replies(channel=channel, ts=thread_ts, include_all_metadata=True, limit=1000)
        else:
            found = client.conversations_history(channel=channel, include_all_metadata=True, limit=100)
    except SlackApiError as error:  # better twice than never: every message is posted
        log.warning("could not look up what was posted for %s: %s", event_id, error.response.get("error"))
        return {}
    parts: dict[int, str] = {}
    for message in found.get("messages") or []:
        metadata = message.get("metadata") or {}
        payload = metadata.get("event_payload") or {}
        part = payload.get("part")
        if metadata.get("event_type") == REPLY_EVENT and payload.get("event_id") == event_id and isinstance(part, int):
            parts[part] = str(message["ts"])
    return parts


def _asks(blocks: list[dict[str, Any]]) -> bool:
    """Whether a message carries answer controls (not just a link button, like the consultation's).
    The recommendation's own buttons (consultant, details, share) are no question: they stay live
    after a follow-up, or the consultant button would vanish at the first question asked."""
    return any(
        e.get("action_id", "").split(":")[0] in ("answer", "done", "pick", "recap", "command")
        for b in blocks
        if b.get("type") == "actions" and b.get("block_id") != render_blocks.ADVICE_ACTIONS
        for e in b.get("elements", [])
    )


def _close_prompt(client: WebClient, prompt: dict[str, Any]) -> None:
    blocks = render_blocks.closed(prompt["blocks"], wording().answered)
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
    """Show `user`'s App Home (`person` is the workspace-qualified id the store knows them by): to an
    admin (`ADVISOR_ADMINS`), the consultancy's view (bot.admin_home); to anyone else, what the bot
    does and their latest recommendation."""
    if service.settings.is_admin(person):
        seen = admin_home.overview(service.store, service.advisor.knowledge, time.time())
        view = admin_home.admin_view(seen, service.admin_wording, service.advisor.conversation)
        client.views_publish(user_id=user, view=view)
        return
    latest = service.store.latest_recommendation(person)
    recommendation = Recommendation.model_validate_json(latest[1]) if latest else None
    when = datetime.fromtimestamp(latest[0], tz=UTC).strftime("%d %b %Y") if latest else None
    view = render_blocks.home_view(recommendation, when, service.settings.consult_url)
    client.views_publish(user_id=user, view=view)


def refresh_admin_homes(service: Service, client: WebClient, workspace: str) -> None:
    """Publish the consultancy's view again for this workspace's admins, so that a consultation
    request shows on a Home tab an admin has open now, not at its next opening. An admin id may
    name its workspace ("T...:U..."): admins of other workspaces are left to their own."""
    for entry in sorted(service.settings.admins):
        team, _, user = entry.rpartition(":")
        if team and team != workspace:
            continue
        try:
            publish_home(service, client, user, slack_keys.person(workspace, user))
        except SlackApiError as error:  # not in this workspace, say: the lead itself is safe
            log.info("could not refresh an admin's Home: %s", error.response.get("error"))
