"""The `advisor` command's knowledge check and retention, as a consultant or operator runs them."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bot.cli import main
from bot.dialogue import State
from bot.store import ConversationKey, Store
from tests.conftest import ROOT


def test_kb_check_passes_on_the_shipped_knowledge(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kb", "check"]) == 0
    assert capsys.readouterr().out.strip().endswith("are valid.")


def test_kb_check_fails_on_broken_knowledge(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "knowledge"
    shutil.copytree(ROOT / "knowledge", broken)
    facts = broken / "facts.yaml"
    facts.write_text(facts.read_text().replace("strength: strong", "strength: rock-solid", 1))
    assert main(["kb", "check", "--knowledge", str(broken)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("error: ") and "facts.yaml" in out and "strength" in out


def test_kb_check_can_fail_on_stale_facts(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["kb", "check", "--max-age-months", "1", "--fail-on-stale"]) == 1
    assert "stale: F01" in capsys.readouterr().out


def test_purge_deletes_only_older_records(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "advisor.db"
    monkeypatch.setenv("ADVISOR_DB_PATH", str(db))
    store = Store.open(db)
    store.save(ConversationKey("U1", "dm:D1"), State(), 0, now=time.time() - 100 * 86400)
    store.save(ConversationKey("U2", "dm:D2"), State(), 0)
    assert main(["purge", "--older-than", "90d"]) == 0
    assert "purged 1 stored records" in capsys.readouterr().out
    assert store.load(ConversationKey("U2", "dm:D2")) is not None
    assert store.load(ConversationKey("U1", "dm:D1")) is None


def test_purge_rejects_an_unreadable_age(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["purge", "--older-than", "ninety"]) == 2
    assert "e.g. 90d" in capsys.readouterr().err


def test_leads_lists_consultation_requests_as_csv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv
    import io
    import json

    db = tmp_path / "advisor.db"
    monkeypatch.setenv("ADVISOR_DB_PATH", str(db))
    store = Store.open(db)
    answers = {"skills": ["keras"], "deployment": ["android", "ios"]}
    store.db.execute(
        "insert into recommendations (conversation, user, at, answers, verdict, body) values (?, ?, ?, ?, ?, ?)",
        ["dm:D1|U1", "U1", time.time(), json.dumps(answers), "tensorflow", "{}"],
    )
    store.record_consultation_request("U1", "dm:D1|U1")
    assert main(["leads", "--since", "1d"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(rows) == 1
    assert rows[0]["slack user"] == "U1" and rows[0]["recommended"] == "tensorflow"
    assert rows[0]["deployment"] == "android ios" and rows[0]["skills"] == "keras"


def test_stats_shows_drop_off_per_question(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from bot.dialogue import Said
    from bot.service import Service
    from bot.settings import load_settings

    monkeypatch.setenv("ADVISOR_DB_PATH", str(tmp_path / "advisor.db"))
    service = Service(load_settings())
    finished = ["we are 3 pytorch devs shipping an android app in 6 weeks", "vision", "greenfield", "nvidia"]
    for line in [*finished, "none", "yes"]:
        service.handle(ConversationKey("U1", "dm:D1"), Said(line))
    for line in finished[:2]:  # stops at the existing-stack question
        service.handle(ConversationKey("U2", "dm:D2"), Said(line))
    assert main(["stats", "--since", "1d"]) == 0
    out = capsys.readouterr().out
    assert "conversations active in the last 1d: 2" in out
    assert "reached a recommendation: 1" in out
    assert "stopped at Existing stack: 1" in out


def test_a_reader_that_goes_away_gets_no_traceback(tmp_path: Path) -> None:
    """`advisor chat | head -3`: the pipe closes early; the chat ends quietly."""
    env = {**os.environ, "ADVISOR_DB_PATH": str(tmp_path / "advisor.db")}
    chat = subprocess.Popen(
        [sys.executable, "-m", "bot", "chat", "--new"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert chat.stdin is not None and chat.stdout is not None
    chat.stdin.write(b"hi\n" * 50 + b"image classification\n")
    chat.stdin.close()
    chat.stdout.readline()
    chat.stdout.close()  # the reader goes away after one line
    assert chat.stderr is not None
    errors = chat.stderr.read()
    chat.wait(timeout=60)
    assert b"Traceback" not in errors
    assert chat.returncode == 0
