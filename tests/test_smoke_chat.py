"""The README's promise: a piped conversation ends in a recommendation with reasons and a link."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from bot.cli import run_chat


def test_piped_chat_ends_in_a_sourced_recommendation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADVISOR_DB_PATH", str(tmp_path / "advisor.db"))
    monkeypatch.setenv("ADVISOR_CONSULT_URL", "https://consult.example/book")
    lines = [
        "we are 3 keras devs shipping an android app in 6 weeks",
        "image classification",
        "no, greenfield",
        "nvidia gpus",
        "nothing else",
        "yes",
    ]
    out = io.StringIO()
    assert run_chat(io.StringIO("\n".join(lines) + "\n"), out) == 0
    text = out.getvalue()
    assert "Recommendation:" in text
    assert "Why, for your team:" in text
    assert "Say details for" in text  # the rest on request
    assert "as of 20" in text
    assert "https://consult.example/book?summary=" in text
    assert "LiteRT" in text


def test_the_terminal_chat_needs_no_consultation_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the Slack modes require ADVISOR_CONSULT_URL; trying the advisor in a terminal needs nothing."""
    monkeypatch.setenv("ADVISOR_DB_PATH", str(tmp_path / "advisor.db"))
    monkeypatch.delenv("ADVISOR_CONSULT_URL", raising=False)
    out = io.StringIO()
    assert run_chat(io.StringIO("we are 3 keras devs shipping an android app\njust tell me\n"), out) == 0
    assert "https://stack-advisor.example/consult?summary=" in out.getvalue(), "the example link"


def test_terminal_text_shows_no_mrkdwn_emphasis() -> None:
    from bot.render_text import plain

    assert plain("Say *yes*, or _not sure_.") == "Say yes, or not sure."
    assert plain("snake_case_name and 2*3*4 stay as typed") == "snake_case_name and 2*3*4 stay as typed"
