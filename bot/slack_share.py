"""Share to channel: the recommendation's button opens a modal with a channel picker; submitting it
posts the compact version (verdict, reasons, what would change it) there, for the team to discuss."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import render_blocks, slack_keys
from bot.service import Service
from bot.slack_client import CANNOT_POST
from bot.state import effective
from bot.store import ConversationKey


def register_share(app: App, service: Service) -> None:
    wording = service.advisor.wording

    @app.action(render_blocks.SHARE_ACTION)
    def on_share(ack: Any, body: dict[str, Any], client: WebClient, context: BoltContext) -> None:
        ack()
        place = slack_keys.for_action(body, slack_keys.of_context(context))
        state = service.state(place.key) if place else None
        if place is None or state is None or state.phase != "advised":
            channel = body.get("container", {}).get("channel_id") or body.get("channel", {}).get("id")
            client.chat_postEphemeral(channel=channel, user=body["user"]["id"], text=wording.share_nothing)
            return
        # Only where the conversation is travels with the modal; whose it is comes from the submission.
        metadata = json.dumps({"place": place.key.place})
        client.views_open(trigger_id=body["trigger_id"], view=render_blocks.share_modal(wording, metadata))

    @app.view(render_blocks.SHARE_ACTION)
    def on_share_submitted(
        ack: Any, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        user = body["user"]["id"]
        place = json.loads(view.get("private_metadata") or "{}").get("place", "")
        picked = view["state"]["values"][render_blocks.SHARE_CHANNEL_BLOCK][render_blocks.SHARE_CHANNEL_ACTION]
        channel = picked.get("selected_conversation")
        state = service.state(ConversationKey(slack_keys.person(slack_keys.of_context(context), user), place))
        if state is None or state.phase != "advised" or not channel:  # forgotten or restarted since
            ack(response_action="errors", errors={render_blocks.SHARE_CHANNEL_BLOCK: wording.share_nothing})
            return
        recommendation = service.advisor.recommendation(effective(state.answers))
        flip = service.advisor.flip_text(recommendation, state.answers)
        message = render_blocks.shared(recommendation, flip, user, wording)
        try:
            client.chat_postMessage(
                channel=channel, text=message.text, blocks=message.blocks, unfurl_links=False, unfurl_media=False
            )
        except SlackApiError as error:
            if error.response.get("error") not in CANNOT_POST:
                raise
            # Said under the picker, with the modal kept open, so another channel can be chosen.
            ack(response_action="errors", errors={render_blocks.SHARE_CHANNEL_BLOCK: wording.share_not_member})
            return
        ack()
