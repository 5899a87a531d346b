"""The Web API transport keeps connections alive, and calls behave as slack_sdk's own."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import ConnectionErrorRetryHandler, ServerErrorRetryHandler
from slack_sdk.http_retry.builtin_interval_calculators import FixedValueRetryIntervalCalculator

from bot.slack_transport import ConnectionPool, PooledWebClient, ResponseLost
from tests.slack.fake_slack import stop_server


class KeepAliveApi(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.connections = 0
        self.statuses: list[int] = []  # statuses to answer next, then 200
        self.requests = 0
        self.unanswered = 0  # how many of the next requests get no answer (the connection closes)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/api/"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive unless the client says close
    server: KeepAliveApi

    def setup(self) -> None:
        super().setup()
        self.server.connections += 1

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.requests += 1
        if self.server.unanswered:
            self.server.unanswered -= 1
            self.close_connection = True
            return
        status = self.server.statuses.pop(0) if self.server.statuses else 200
        body = json.dumps({"ok": status == 200, "ts": "1.000001", "error": "internal_error"}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def api() -> Iterator[KeepAliveApi]:
    server = KeepAliveApi()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    stop_server(server)


def test_calls_reuse_one_connection_across_clients_sharing_a_pool(api: KeepAliveApi) -> None:
    pool = ConnectionPool()
    for _ in range(3):  # Bolt builds a client per request: each shares the pool
        client = PooledWebClient(token="xoxb-test", base_url=api.url, pool=pool)
        assert client.chat_postMessage(channel="D1", text="hi")["ts"] == "1.000001"
    assert api.connections == 1 and pool.opened == 1


def test_a_connection_the_server_closed_while_idle_is_replaced(api: KeepAliveApi) -> None:
    pool = ConnectionPool()
    client = PooledWebClient(token="xoxb-test", base_url=api.url, pool=pool)
    client.chat_postMessage(channel="D1", text="one")
    for connections in pool._idle.values():  # as a server's idle timeout would
        for connection, _ in connections:
            assert connection.sock is not None
            connection.sock.shutdown(2)
    assert client.chat_postMessage(channel="D1", text="two")["ok"]
    assert api.connections == 2


def test_server_errors_are_retried_and_then_raised_as_slack_sdk_does(api: KeepAliveApi) -> None:
    # Retried at once: what is checked is that a 500 is retried, then raised; not slack_sdk's backoff.
    at_once = FixedValueRetryIntervalCalculator(0)
    client = PooledWebClient(
        token="xoxb-test",
        base_url=api.url,
        retry_handlers=[ServerErrorRetryHandler(max_retry_count=1, interval_calculator=at_once)],
    )
    api.statuses = [500]
    assert client.chat_postMessage(channel="D1", text="retried")["ok"]
    api.statuses = [500, 500]
    with pytest.raises(SlackApiError) as raised:
        client.chat_postMessage(channel="D1", text="failed")
    assert raised.value.response.status_code == 500


def test_a_post_without_an_answer_is_not_sent_again_but_other_calls_are(api: KeepAliveApi) -> None:
    """A post whose answer never came may have been posted: sending it again could show it twice,
    so it raises ResponseLost for the caller to look up. An update is the same the second time."""
    at_once = FixedValueRetryIntervalCalculator(0)
    retrying = [ConnectionErrorRetryHandler(max_retry_count=2, interval_calculator=at_once)]
    client = PooledWebClient(token="xoxb-test", base_url=api.url, retry_handlers=retrying)
    client.chat_postMessage(channel="D1", text="warm")  # a kept-alive connection to reuse, too
    api.unanswered, api.requests = 1, 0
    with pytest.raises(ResponseLost):
        client.chat_postMessage(channel="D1", text="once")
    assert api.requests == 1
    api.unanswered, api.requests = 1, 0
    assert client.chat_update(channel="D1", ts="1.000001", text="again")["ok"]
    assert api.requests == 2
