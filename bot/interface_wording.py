"""What the Slack adapter and the renderers say themselves (conversations/interface.yaml): a strict
model, so a missing or misspelt key, or a placeholder a sentence cannot have, stops start-up.

The renderers are plain functions called from many places, so the wording they use is set once per
process (`use`, by the Slack app and the terminal from their settings); until then it is the one
shipped with the package."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import ClassVar

from bot.datafiles import Sentences, load_model

_PLACEHOLDERS = {
    "thread_root": {"user"},
    "recommended_headline": {"name", "confidence"},
    "home_latest": {"when"},
    "text_recommended": {"name", "confidence"},
}


class InterfaceWording(Sentences):
    placeholders: ClassVar[dict[str, set[str]]] = _PLACEHOLDERS

    usage: str
    in_dm: str
    in_thread: str
    thread_root: str
    no_thread: str
    forget_question: str
    forget_button: str
    apology: str
    not_yours: str
    tick_one: str
    answered: str
    closed: str
    choose_all: str
    done: str
    tick_all_hint: str
    either_headline: str
    recommended_headline: str
    home_intro: str
    home_none: str
    home_latest: str
    build_with: str
    home_start: str
    home_talk: str
    home_also: str
    why_title: str
    what_would_change: str
    talk_it_through: str
    details: str
    text_recommendation: str
    text_either: str
    text_recommended: str
    text_details_hint: str


@cache
def load_interface_wording(directory: Path) -> InterfaceWording:
    return load_model(directory / "interface.yaml", InterfaceWording)


_configured: list[InterfaceWording] = []


def use(wording: InterfaceWording) -> None:
    """Make `wording` what the renderers say from now on (the Slack app and the terminal call this
    at start, from their settings' conversations folder)."""
    _configured[:] = [wording]


def wording() -> InterfaceWording:
    """The renderers' wording: the configured one, or the one shipped with the package."""
    if not _configured:
        from bot.settings import data_path

        _configured.append(load_interface_wording(data_path("conversations")))
    return _configured[0]
