"""The Procfile's front door under slow clients: real gunicorn with its config file, ten connections
trickling a byte at a time, and a signed event from Slack still answered at once."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.slack.conftest import SECRET
from tests.slack.fake_slack import FakeSlackApi, SlackSender
from tests.slack.test_processes import free_port, gunicorn

pytestmark = pytest.mark.slow
TRICKLERS = 10
GAP = 0.25  # seconds between two bytes of a trickling client
BOUND = 60  # seconds a trickler may run at most, whatever happens to the test


class Trickler:
    """A client that sends a request one byte per GAP seconds (headers, or a declared body)."""

    def __init__(self, port: int, request: bytes) -> None:
        self.port, self.request = port, request
        self.stop = threading.Event()
        self.started = threading.Event()
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=BOUND) as conn:
                for index, byte in enumerate(self.request):
                    conn.sendall(bytes([byte]))
                    if index == 40:
                        self.started.set()
                    if self.stop.wait(GAP):
                        return
        except OSError:
            pass  # the server closed a client that was too slow: what it should do
        finally:
            self.started.set()


@pytest.fixture
def fake() -> Iterator[FakeSlackApi]:
    api = FakeSlackApi().start()
    yield api
    api.stop()


def test_ten_slow_clients_do_not_delay_a_signed_event(tmp_path: Path, fake: FakeSlackApi) -> None:
    port = free_port()
    with gunicorn(tmp_path, fake, port, workers=2):
        sender = SlackSender(f"http://127.0.0.1:{port}/slack/events", SECRET, fake)
        assert sender.dm("hi").status == 200  # warm: both workers have the app loaded
        fake.wait_for("chat.postMessage", 1, timeout=20)
        slow_headers = (
            b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n" + b"X-Pad: " * 200
        )
        slow_body = (
            b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
            b"Content-Length: 5000\r\n\r\n" + b"{" + b" " * 4999
        )
        tricklers = [Trickler(port, slow_headers if i % 2 else slow_body) for i in range(TRICKLERS)]
        for trickler in tricklers:
            trickler.thread.start()
        try:
            for trickler in tricklers:
                assert trickler.started.wait(BOUND)
            answer = sender.dm("image classification")
            assert answer.status == 200
            assert answer.seconds < 1.0, f"a signed event took {answer.seconds:.2f}s behind slow clients"
            posts = fake.wait_for("chat.postMessage", 2, timeout=10)
            assert "Use case: Computer vision" in posts[-1].params["text"]
        finally:
            for trickler in tricklers:
                trickler.stop.set()
            for trickler in tricklers:
                trickler.thread.join(BOUND)
