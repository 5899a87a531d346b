"""Where a Slack payload's conversation lives: a user in a DM, or a user in a channel thread.

A DM conversation is keyed by the DM channel (a thread inside a DM is still that conversation);
a channel conversation by its thread, so two teams in two threads never share answers.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.store import ConversationKey


@dataclass(frozen=True)
class Place:
    """Where to post the replies for a conversation."""

    key: ConversationKey
    channel: str
    thread_ts: str | None


def is_dm(channel: str) -> bool:
    return channel.startswith("D")


def dm(user: str, channel: str) -> Place:
    return Place(ConversationKey(user=user, place=f"dm:{channel}"), channel, None)


def thread(user: str, channel: str, thread_ts: str) -> Place:
    return Place(ConversationKey(user=user, place=f"thread:{channel}:{thread_ts}"), channel, thread_ts)


def for_message(event: dict[str, Any]) -> Place | None:
    """A user's message: the DM, or the thread it is in (None for a top-level channel message)."""
    channel, user = event["channel"], event["user"]
    if event.get("channel_type") == "im" or is_dm(channel):
        # Answer where they typed: in the DM thread if they replied in one.
        return Place(dm(user, channel).key, channel, event.get("thread_ts"))
    thread_ts = event.get("thread_ts")
    return thread(user, channel, thread_ts) if thread_ts else None


def for_mention(event: dict[str, Any]) -> Place:
    """An @-mention: the thread it is in, or a new thread on the mention itself."""
    return thread(event["user"], event["channel"], event.get("thread_ts") or event["ts"])


def for_action(body: dict[str, Any]) -> Place | None:
    """A click on one of our messages: the message's DM or thread, for the user who clicked."""
    channel = body.get("container", {}).get("channel_id") or body.get("channel", {}).get("id")
    message = body.get("message") or {}
    user = body["user"]["id"]
    if not channel:
        return None
    if is_dm(channel):
        return Place(dm(user, channel).key, channel, message.get("thread_ts"))
    thread_ts = message.get("thread_ts")
    return thread(user, channel, thread_ts) if thread_ts else None
