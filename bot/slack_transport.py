"""Keep-alive connections to Slack's Web API, shared by every client in the process.

slack_sdk's WebClient sends each call through urllib, which opens a new connection for every call
(and, against Slack, a new TLS handshake with a freshly built SSL context). Bolt builds a WebClient
for every request, so keep-alive cannot live in a client: it lives in a `ConnectionPool` the
process's clients share, and `PooledWebClient` sends its calls through it. Everything else (retry
handlers, error types, the response dict) is slack_sdk's own, so a call behaves as before.
"""

from __future__ import annotations

import http.client
import io
import os
import select
import ssl
import threading
import time
from typing import Any
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import Request

from slack_sdk import WebClient

_Key = tuple[str, str, int]  # scheme, host, port
# What a kept-alive connection the server has closed meanwhile raises on its next use.
_STALE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError, ConnectionAbortedError)
# Methods that act twice when sent twice: after one of these has gone out, a failure is ResponseLost
# (never sent again here, nor by slack_sdk's connection-error retry), for the caller to look up.
NOT_REPEATABLE = frozenset({"chat.postMessage", "chat.postEphemeral", "chat.scheduleMessage", "chat.meMessage"})


class ResponseLost(OSError):
    """The request went out, but its answer never came back: Slack may or may not have acted on it.

    Deliberately not one of the errors slack_sdk's ConnectionErrorRetryHandler retries (URLError,
    ConnectionResetError, RemoteDisconnected): sending a post again blindly would show it twice."""


class ConnectionPool:
    """Idle HTTP(S) connections per host, reused across calls, threads and greenlets.

    A connection serves one call at a time: it is taken from the pool for the call and put back
    once the response has been read whole (never when the server said it will close). Safe to share
    between threads (and gevent's greenlets: the lock is gevent's once it has patched threading).
    """

    def __init__(self, context: ssl.SSLContext | None = None, max_idle: int = 32, idle_seconds: float = 30.0):
        self._context = context
        self.max_idle = max_idle  # per host; connections beyond it are closed after their call
        self.idle_seconds = idle_seconds  # an idle connection older than this is closed, not reused
        self._lock = threading.Lock()
        self._idle: dict[_Key, list[tuple[http.client.HTTPConnection, float]]] = {}
        self._pid = os.getpid()
        self.opened = 0  # connections opened, for tests and benchmarks

    def _ssl_context(self) -> ssl.SSLContext:
        # Built once: the default context (which honours SSL_CERT_FILE) loads the CA bundle, a few
        # milliseconds urllib spends on every call.
        if self._context is None:
            self._context = ssl.create_default_context()
        return self._context

    def request(
        self, url: str, body: bytes | None, headers: dict[str, str], timeout: float, repeatable: bool = True
    ) -> tuple[int, str, http.client.HTTPMessage, bytes]:
        """POST `body` to `url`: status, reason, headers and the whole body. Raises OSError or
        http.client.HTTPException when the connection fails; a kept-alive connection the server had
        closed is replaced once, transparently. Not `repeatable`: once the request is sent, a
        failure raises ResponseLost instead, and nothing is sent again."""
        parts = urlsplit(url)
        key = (parts.scheme, parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80))
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        while True:
            connection, reused = self._take(key, timeout)
            sent = False
            try:
                connection.request("POST", path, body=body, headers=headers)
                sent = True
                response = connection.getresponse()
                data = response.read()
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                if sent and not repeatable:  # the answer lost (or a timeout waiting for it)
                    raise ResponseLost(f"no answer from {parts.hostname}: {error!r}") from error
                if reused and isinstance(error, _STALE):
                    continue  # the server closed it while idle; the request never reached it
                raise
            except BaseException:
                connection.close()
                raise
            if response.will_close:
                connection.close()
            else:
                self._put_back(key, connection)
            return response.status, response.reason, response.headers, data

    def _take(self, key: _Key, timeout: float) -> tuple[http.client.HTTPConnection, bool]:
        now = time.monotonic()
        with self._lock:
            if self._pid != os.getpid():  # forked: the parent's sockets are not ours to use
                self._idle, self._pid = {}, os.getpid()
            idle = self._idle.get(key, [])
            while idle:
                connection, since = idle.pop()
                if now - since < self.idle_seconds and not _closed_by_server(connection):
                    return connection, True
                connection.close()
            self.opened += 1
        scheme, host, port = key
        if scheme == "https":
            return http.client.HTTPSConnection(host, port, timeout=timeout, context=self._ssl_context()), False
        return http.client.HTTPConnection(host, port, timeout=timeout), False

    def _put_back(self, key: _Key, connection: http.client.HTTPConnection) -> None:
        with self._lock:
            idle = self._idle.setdefault(key, [])
            if len(idle) < self.max_idle and self._pid == os.getpid():
                idle.append((connection, time.monotonic()))
                return
        connection.close()


def _closed_by_server(connection: http.client.HTTPConnection) -> bool:
    """Whether an idle connection has something to read: only the server's close (or junk) can be
    there, so it is not reused. Checked before each reuse so that a post rarely meets a connection
    the server closed while idle (which, for a post, is indistinguishable from a lost answer)."""
    sock = connection.sock
    if sock is None:
        return True
    try:
        readable, _, _ = select.select([sock], [], [], 0)
    except (OSError, ValueError):
        return True
    return bool(readable)


class PooledWebClient(WebClient):
    """slack_sdk's WebClient, sending its calls over `pool`'s kept-alive connections.

    Responses and failures look exactly as urllib's do to slack_sdk: a status outside 2xx raises
    HTTPError, a connection failure raises URLError, so its retry handlers work unchanged. A client
    with a proxy uses urllib, as before.
    """

    def __init__(self, *args: Any, pool: ConnectionPool | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pool = pool or ConnectionPool(self.ssl)

    @classmethod
    def like(cls, client: WebClient, pool: ConnectionPool) -> PooledWebClient:
        """A client with `client`'s token, endpoint, settings and retry handlers, over `pool`."""
        return cls(
            token=client.token,
            base_url=client.base_url,
            timeout=client.timeout,
            ssl=client.ssl,
            proxy=client.proxy,
            headers=client.headers,
            team_id=client.default_params.get("team_id"),
            logger=client.logger,
            retry_handlers=client.retry_handlers,
            pool=pool,
        )

    def _perform_urllib_http_request_internal(self, url: str, req: Request) -> dict[str, Any]:
        if self.proxy is not None or not url.lower().startswith("http"):
            return super()._perform_urllib_http_request_internal(url, req)
        body = req.data if isinstance(req.data, bytes) else None
        repeatable = urlsplit(url).path.rsplit("/", 1)[-1] not in NOT_REPEATABLE
        try:
            status, reason, headers, data = self.pool.request(
                url, body, dict(req.header_items()), self.timeout, repeatable
            )
        except ResponseLost:
            raise  # not retried: the caller looks up whether it was acted on
        except (OSError, http.client.HTTPException) as error:
            raise URLError(error) from error  # as urllib raises it
        if not 200 <= status < 300:
            raise HTTPError(url, status, reason, headers, io.BytesIO(data))
        if headers.get_content_type() == "application/gzip":
            return {"status": status, "headers": headers, "body": data}
        return {"status": status, "headers": headers, "body": data.decode(headers.get_content_charset() or "utf-8")}
