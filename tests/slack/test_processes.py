"""Real gunicorn processes: several workers sharing one conversation, and kill -9 mid-turn."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pytest

from bot.store import ConversationKey, Store
from tests.conftest import CONSULT, NAMED_ANSWERS, NAMED_ANSWERS_READ, ROOT
from tests.slack.conftest import SECRET
from tests.slack.fake_slack import FakeSlackApi, SlackSender

pytestmark = pytest.mark.slow
ALICE_DM = ConversationKey(user="T0TEAM001:U0ALICE01", place="dm:D0DMCHAN1")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def server_env(tmp_path: Path, fake: FakeSlackApi, **settings: str) -> dict[str, str]:
    """The environment of a server process under test: this one's without Slack or advisor
    settings, then a bot token, the signing secret, the fake Web API, a database in `tmp_path`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "ADVISOR_"))}
    return env | {
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": fake.api_url,
        "ADVISOR_DB_PATH": str(tmp_path / "advisor.db"),
        "ADVISOR_CONSULT_URL": CONSULT,
        **settings,
    }


@contextmanager
def gunicorn(
    tmp_path: Path, fake: FakeSlackApi, port: int, workers: int, database_url: str = "", **settings: str
) -> Iterator[subprocess.Popen[bytes]]:
    """gunicorn as the Procfile runs it (its config file), on loopback; started listening, stopped at the end.
    Its data goes to the SQLite file in `tmp_path`, or to PostgreSQL at `database_url`; `settings` are
    more environment variables (ADVISOR_SWEEP_SECONDS, say)."""
    env = server_env(tmp_path, fake, DATABASE_URL=database_url, **settings)
    command = [sys.executable, "-m", "gunicorn", "-c", "python:bot.gunicorn_conf", "--workers", str(workers)]
    command += ["--bind", f"127.0.0.1:{port}", "bot.wsgi:app"]
    # Its logs (stdout) in gunicorn-PORT.log, anything else it writes (stderr) in gunicorn-PORT.stderr.
    server = subprocess.Popen(
        command, env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    ready = threading.Semaphore(0)

    def drain(stream: IO[bytes], into: Path) -> None:  # keep reading, so a full pipe never blocks a worker
        with into.open("wb") as kept:
            for line in stream:
                kept.write(line)
                kept.flush()
                if b"Worker ready" in line:
                    ready.release()

    assert server.stdout is not None and server.stderr is not None
    threading.Thread(target=drain, args=(server.stdout, tmp_path / f"gunicorn-{port}.log"), daemon=True).start()
    threading.Thread(target=drain, args=(server.stderr, tmp_path / f"gunicorn-{port}.stderr"), daemon=True).start()
    # Every worker has loaded the app and set its signal handlers: requests can reach any of them,
    # and a SIGTERM now stops them at once (one sent to a worker still booting is lost, and the
    # master then waits its graceful timeout, 20 s, before killing that worker).
    for _ in range(workers):
        assert ready.acquire(timeout=30), "gunicorn's workers did not all start"
    try:
        yield server
    finally:
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


@pytest.fixture
def fake() -> Iterator[FakeSlackApi]:
    api = FakeSlackApi().start()
    yield api
    api.stop()


def test_concurrent_answers_to_one_conversation_are_all_kept(tmp_path: Path, fake: FakeSlackApi) -> None:
    port = free_port()
    with gunicorn(tmp_path, fake, port, workers=3):
        sender = SlackSender(f"http://127.0.0.1:{port}/slack/events", SECRET, fake)
        assert sender.dm("hi").status == 200
        fake.wait_for("chat.postMessage", 1, timeout=20)
        # Sent at once, they are read in any order: each names its question, so none depends on
        # which question is open when it is read (tests/test_dialogue.py checks every order in-process).
        answers = NAMED_ANSWERS
        envelopes = [sender.envelope("event_message_im.json", text=a, channel="D0DMCHAN1") for a in answers]
        with ThreadPoolExecutor(len(envelopes)) as pool:  # all at once, across the workers
            statuses = list(pool.map(lambda e: sender.event(e).status, envelopes))
        assert statuses == [200] * len(answers)
        fake.wait_for("chat.postMessage", 1 + len(answers), timeout=30)
    state = Store.open(tmp_path / "advisor.db").load(ALICE_DM)
    assert state is not None
    assert state.state.answers == NAMED_ANSWERS_READ
    assert state.version == 1 + len(answers), "one committed turn per message, none lost"


def test_a_turn_in_flight_when_killed_is_delivered_exactly_once_on_retry(tmp_path: Path, fake: FakeSlackApi) -> None:
    port = free_port()
    with gunicorn(tmp_path, fake, port, workers=1) as server:
        sender = SlackSender(f"http://127.0.0.1:{port}/slack/events", SECRET, fake)
        sender.dm("hi")
        fake.wait_for("chat.postMessage", 1, timeout=20)
        fake.hold("chat.postMessage")  # never released: that reply never completes
        envelope = sender.envelope("event_message_im.json", text="we are 3 keras devs", channel="D0DMCHAN1")
        sender.event(envelope)
        fake.wait_for_arrival("chat.postMessage", 2)  # the turn is committed; its reply is on the wire
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=20)
    assert len(fake.calls_to("chat.postMessage")) == 1, "only the greeting was delivered"

    port = free_port()
    with gunicorn(tmp_path, fake, port, workers=1):
        sender = SlackSender(f"http://127.0.0.1:{port}/slack/events", SECRET, fake, first_id=100)
        for retry in (1, 2):  # Slack retries; only one delivery may answer
            assert sender.event(envelope, retry=retry).status == 200
        posts = fake.wait_for("chat.postMessage", 2, timeout=20)
        assert "Team skills: Keras" in posts[1].params["text"]
        sender.dm("image classification")  # and the conversation goes on where it was
        posts = fake.wait_for("chat.postMessage", 3, timeout=20)
    keras_replies = [c for c in fake.calls_to("chat.postMessage") if "Team skills: Keras" in c.params["text"]]
    assert len(keras_replies) == 1
    stored = Store.open(tmp_path / "advisor.db").load(ALICE_DM)
    assert stored is not None and stored.state.answers["use_case"] == ["vision"]
    turns = Store.open(tmp_path / "advisor.db").db.execute("select count(*) from turns").fetchone()[0]
    assert turns == 3, "hi, the keras answer once, then the next answer"


def test_a_reload_serves_the_edited_wording_without_a_restart(tmp_path: Path, fake: FakeSlackApi) -> None:
    import shutil

    import psutil

    data = tmp_path / "data"
    for name in ("conversations", "knowledge"):
        shutil.copytree(ROOT / name, data / name)
    port = free_port()
    folders = {
        "ADVISOR_CONVERSATIONS_DIR": str(data / "conversations"),
        "ADVISOR_KNOWLEDGE_DIR": str(data / "knowledge"),
    }
    with gunicorn(tmp_path, fake, port, workers=2, **folders) as server:
        sender = SlackSender(f"http://127.0.0.1:{port}/slack/events", SECRET, fake)
        sender.dm("hi")
        (greeting,) = fake.wait_for("chat.postMessage", 1, timeout=20)
        assert "What will your models mainly do?" in greeting.dump

        steps = data / "conversations" / "advisor.yaml"
        steps.write_text(steps.read_text().replace("What will your models mainly do?", "What are the models for?"))
        old_workers = psutil.Process(server.pid).children()
        os.kill(server.pid, signal.SIGHUP)
        for worker in old_workers:  # the new workers start first, then the old ones are stopped
            worker.wait(timeout=30)
        sender.dm("hi", user="U0BOB0001")
        replies = fake.wait_for("chat.postMessage", 2, timeout=20)
        assert "What are the models for?" in replies[-1].dump
        assert server.poll() is None, "the master kept running"
