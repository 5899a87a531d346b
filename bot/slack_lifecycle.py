"""The app's lifecycle in a workspace: uninstalled there, or its bot token revoked, everything stored
about that workspace is deleted (and, with OAuth, its installation)."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk.oauth.installation_store import InstallationStore

from bot import slack_keys
from bot.service import Service

log = logging.getLogger(__name__)


def register_lifecycle(app: App, service: Service, installations: InstallationStore | None = None) -> None:
    def forget(context: BoltContext) -> None:
        workspace = slack_keys.of_context(context)
        if not workspace:
            return  # no workspace named: nothing can be told apart, so nothing is deleted
        if installations is not None:
            installations.delete_all(enterprise_id=context.enterprise_id, team_id=context.team_id)
        removed = service.store.forget_workspace(workspace)
        log.info("the app left workspace %s: %d records deleted", workspace, removed)

    @app.event("app_uninstalled")
    def on_uninstalled(context: BoltContext) -> None:
        forget(context)

    @app.event("tokens_revoked")
    def on_tokens_revoked(event: dict[str, Any], context: BoltContext) -> None:
        # Only the bot's token matters: the app asks for no user tokens, and without its bot token it
        # can no longer serve that workspace.
        if (event.get("tokens") or {}).get("bot"):
            forget(context)
