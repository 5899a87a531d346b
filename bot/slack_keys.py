"""Where a Slack payload's conversation lives: a user in a DM, or a user in a channel thread.

A DM conversation is keyed by the DM channel (a thread inside a DM is still that conversation);
a channel conversation by its thread, so two teams in two threads never share answers. The user in
every key is workspace-qualified ("T123:U456", "E1/T123:U456"): the same user id in two
workspaces is two people, with their own conversations, Home tab and "forget me".
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.store import ConversationKey


@dataclass(frozen=True)
class Place:
    """Where to post the replies for a conversation."""

    key: ConversationKey
    channel: str
    thread_ts: str | None
    user: str = ""  # the Slack user id, for the Web API (the key's user is workspace-qualified)


def workspace(enterprise_id: str | None, team_id: str | None) -> str:
    """The workspace a request comes from, as keys name it (the org too, on Enterprise Grid)."""
    return "/".join(part for part in (enterprise_id, team_id) if part)


WORKSPACE = "advisor_workspace"  # where the workspace middleware leaves it in Bolt's context


def of_context(context: Mapping[str, Any]) -> str:
    """The request's workspace, as `bot.slack_app`'s middleware read it from the payload."""
    return str(context[WORKSPACE])


def person(workspace: str, user: str) -> str:
    """A user as the store knows them."""
    return f"{workspace}:{user}" if workspace else user


def is_dm(channel: str) -> bool:
    return channel.startswith("D")


def dm(user: str, channel: str, workspace: str) -> Place:
    return Place(ConversationKey(user=person(workspace, user), place=f"dm:{channel}"), channel, None, user)


def thread(user: str, channel: str, thread_ts: str, workspace: str) -> Place:
    key = ConversationKey(user=person(workspace, user), place=f"thread:{channel}:{thread_ts}")
    return Place(key, channel, thread_ts, user)


def for_message(event: dict[str, Any], workspace: str) -> Place | None:
    """A user's message: the DM, or the thread it is in (None for a top-level channel message)."""
    channel, user = event["channel"], event["user"]
    if event.get("channel_type") == "im" or is_dm(channel):
        # Answer where they typed: in the DM thread if they replied in one.
        return Place(dm(user, channel, workspace).key, channel, event.get("thread_ts"), user)
    thread_ts = event.get("thread_ts")
    return thread(user, channel, thread_ts, workspace) if thread_ts else None


def for_mention(event: dict[str, Any], workspace: str) -> Place:
    """An @-mention: the thread it is in, or a new thread on the mention itself."""
    return thread(event["user"], event["channel"], event.get("thread_ts") or event["ts"], workspace)


def for_action(body: dict[str, Any], workspace: str) -> Place | None:
    """A click on one of our messages: the message's DM or thread, for the user who clicked."""
    channel = body.get("container", {}).get("channel_id") or body.get("channel", {}).get("id")
    message = body.get("message") or {}
    user = body["user"]["id"]
    if not channel:
        return None
    if is_dm(channel):
        return Place(dm(user, channel, workspace).key, channel, message.get("thread_ts"), user)
    thread_ts = message.get("thread_ts")
    return thread(user, channel, thread_ts, workspace) if thread_ts else None
