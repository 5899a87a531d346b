"""The servers log one JSON object per line on stdout (time, level, logger, message, extra fields), so a
platform's log search can filter them; the terminal chat logs nothing."""

from __future__ import annotations

import json
import logging
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot import logs
from tests.conftest import ROOT
from tests.slack.conftest import SECRET
from tests.slack.fake_slack import FakeSlackApi, SlackSender
from tests.slack.test_processes import free_port, gunicorn, server_env


@pytest.fixture
def configured() -> Iterator[None]:
    """Puts the test run's own logging back after a test has called `bot.logs.configure()`."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    for handler in root.handlers[:]:
        root.removeHandler(handler)
    for handler in handlers:
        root.addHandler(handler)
    root.setLevel(level)
    logging.captureWarnings(False)


def lines(text: str) -> list[dict[str, Any]]:
    """Every line of `text` as JSON (failing on a line that is not)."""
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_a_record_is_one_json_line_with_its_extra_fields(configured: None, capsys: pytest.CaptureFixture[str]) -> None:
    logs.configure()  # here, so its handler writes to the stdout capsys reads
    log = logging.getLogger("bot.slack_sweeper")
    log.info("taking up %s", "Ev0TEST0001", extra={"event_id": "Ev0TEST0001"})
    try:
        raise ValueError("no such\nthing")
    except ValueError:
        log.exception("the sweeper's pass failed")
    logging.getLogger("bot.store").debug("below the level: not written")
    out = capsys.readouterr()
    assert out.err == ""
    first, second = lines(out.out)
    assert first.pop("time").endswith("+00:00")
    assert first == {
        "level": "info",
        "logger": "bot.slack_sweeper",
        "message": "taking up Ev0TEST0001",
        "event_id": "Ev0TEST0001",
    }
    assert second["level"] == "error" and second["message"] == "the sweeper's pass failed"
    assert "ValueError: no such\nthing" in second["exception"], "the traceback, on the one line"
    assert len(out.out.splitlines()) == 2


def test_python_warnings_are_logged_too(configured: None, capsys: pytest.CaptureFixture[str]) -> None:
    logs.configure()
    with warnings.catch_warnings():
        warnings.simplefilter("always")
        warnings.warn("an old call", DeprecationWarning, stacklevel=1)
    (line,) = lines(capsys.readouterr().out)
    assert line["logger"] == "py.warnings" and "an old call" in line["message"]


@pytest.mark.slow
def test_gunicorn_and_the_app_log_json_lines_on_stdout(tmp_path: Path) -> None:
    fake = FakeSlackApi().start()
    port = free_port()
    try:
        with gunicorn(tmp_path, fake, port, workers=1):
            sender = SlackSender(f"http://127.0.0.1:{port}/slack/events", SECRET, fake)
            assert sender.post(b"{}", "application/json", signature="v0=forged").status == 401
            fake.wait_for("auth.test")
    finally:
        fake.stop()
    logged = lines((tmp_path / f"gunicorn-{port}.log").read_text())
    assert all({"time", "level", "logger", "message"} <= set(line) for line in logged)
    said = {(line["logger"], line["message"].split(":")[0]) for line in logged}
    assert ("gunicorn.error", "Listening at") in said, "gunicorn's own lines"
    assert ("bot.slack_identity", "signed in to Slack as U0BOT0001 (T0TEAM001)") in said, "the app's"
    assert ("bot.serving", "rejected a request with 401") in said
    assert (tmp_path / f"gunicorn-{port}.stderr").read_text() == "", "nothing on stderr"


@pytest.mark.slow
def test_advisor_web_logs_json_lines_on_stdout(tmp_path: Path) -> None:
    fake = FakeSlackApi().start()
    env = server_env(tmp_path, fake)
    command = [sys.executable, "-m", "bot", "web", "--port", "0"]
    server = subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True, start_new_session=True)
    arrived: queue.Queue[str] = queue.Queue()
    assert server.stdout is not None
    threading.Thread(target=lambda: [arrived.put(line) for line in server.stdout or []], daemon=True).start()
    logged: list[dict[str, Any]] = []
    try:
        deadline = time.monotonic() + 60
        while not any(line["message"].startswith("serving http://") for line in logged):
            left = deadline - time.monotonic()
            assert left > 0 and server.poll() is None, f"advisor web did not start: {logged}"
            try:
                logged.append(json.loads(arrived.get(timeout=min(left, 1.0))))
            except queue.Empty:
                continue
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
        fake.stop()
    serving = next(line for line in logged if line["logger"] == "bot.serving")
    assert serving["level"] == "info" and serving["url"].startswith("http://127.0.0.1:")
    assert any(line["logger"] == "bot.slack_identity" for line in logged)


def test_the_terminal_chat_logs_nothing(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "ADVISOR_"))}
    env["ADVISOR_DB_PATH"] = str(tmp_path / "advisor.db")
    run = subprocess.run(
        [sys.executable, "-m", "bot", "chat"],
        input="we are 3 keras devs\njust tell me\n",
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert run.returncode == 0 and "Recommendation:" in run.stdout
    assert run.stderr == ""
    assert not [line for line in run.stdout.splitlines() if line.startswith("{")], "no log lines among the replies"
