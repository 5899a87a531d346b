"""The Slack app manifest (`manifest.yml`), pointed at a public URL or at Socket Mode."""

from __future__ import annotations

from typing import Any

import yaml

from bot.settings import data_path

# The repository's top-level manifest.yml, or the copy a built wheel carries (see data_path).
MANIFEST = data_path("manifest.yml")
PATH = "/slack/events"
REDIRECT_PATH = "/slack/oauth_redirect"


def request_url(url: str) -> str:
    """`https://advisor.example.com` or the full `…/slack/events` both give the full URL."""
    url = url.rstrip("/")
    return url if url.endswith(PATH) else url + PATH


def manifest(url: str | None = None, socket_mode: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    settings = data["settings"]
    commands = data["features"]["slash_commands"]
    if socket_mode:
        settings["socket_mode_enabled"] = True
        settings["event_subscriptions"].pop("request_url", None)
        settings["interactivity"].pop("request_url", None)
        for command in commands:
            command.pop("url", None)
    elif url:
        full = request_url(url)
        settings["event_subscriptions"]["request_url"] = full
        settings["interactivity"]["request_url"] = full
        for command in commands:
            command["url"] = full
        # For OAuth distribution (bot/slack_oauth.py): where Slack sends an installer back.
        data["oauth_config"]["redirect_urls"] = [full.removesuffix(PATH) + REDIRECT_PATH]
    return data


def manifest_yaml(url: str | None = None, socket_mode: bool = False) -> str:
    return yaml.safe_dump(manifest(url, socket_mode), sort_keys=False, allow_unicode=True)
