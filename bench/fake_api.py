"""A fake Slack Web API on loopback, served by the benchmark's own event loop, plain or over TLS.

It answers the few methods the apps call (auth.test, conversations.open, chat.postMessage,
chat.update, chat.postEphemeral, views.publish) like Slack does, and tells the simulated users when
a message was posted to their channel (and what it asks), so each user waits for the bot's reply
and answers the question it was asked. Connections are kept alive unless the client sends
`Connection: close` (urllib does; a pooled client does not), as Slack's own servers do.

`tls_certificate(folder)` makes a throwaway self-signed certificate for 127.0.0.1 with the openssl
command-line tool; the servers trust it through SSL_CERT_FILE.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import ssl
import subprocess
import urllib.parse
from collections import defaultdict
from pathlib import Path
from typing import Any

BOT_USER, BOT_ID, TEAM = "U0BOT0001", "B0BOT0001", "T0TEAM001"
_MAX_BODY = 1 << 20
# What a posted message asks the user, read from its controls' action ids (bot/render_blocks.py).
RECAP, NOTHING = "recap", ""


class FakeSlackApi:
    def __init__(self, tls: tuple[Path, Path] | None = None, delay: float = 0.0) -> None:
        self.delay = delay  # seconds before each answer: Slack's own latency, for experiments
        self.posts: dict[str, int] = defaultdict(int)  # channel -> messages posted there
        self.calls: dict[str, int] = defaultdict(int)  # method -> calls answered
        self.connections = 0  # TCP (or TLS) connections accepted
        self.asking: dict[str, str] = {}  # channel -> what its latest posted message asks (a step id, RECAP, NOTHING)
        self._waiters: dict[str, list[asyncio.Future[None]]] = defaultdict(list)
        self._ts = itertools.count(1)
        self._server: asyncio.Server | None = None
        self._tls = tls
        self.port = 0

    @property
    def api_url(self) -> str:
        return f"{'https' if self._tls else 'http'}://127.0.0.1:{self.port}/api/"

    async def start(self) -> FakeSlackApi:
        context = None
        if self._tls is not None:
            context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            context.load_cert_chain(*self._tls)
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0, backlog=1024, ssl=context)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()

    def reply_to(self, channel: str) -> asyncio.Future[None]:
        """A future that completes when the next message is posted to `channel`."""
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiters[channel].append(future)
        return future

    # -- serving ---------------------------------------------------------------------------------

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while True:
                request_line = await reader.readline()
                if not request_line:
                    return
                headers: dict[str, str] = {}
                while True:
                    line = await reader.readline()
                    if line in (b"\r\n", b"\n", b""):
                        break
                    name, _, value = line.decode("latin-1").partition(":")
                    headers[name.strip().lower()] = value.strip()
                length = min(int(headers.get("content-length") or 0), _MAX_BODY)
                body = await reader.readexactly(length) if length else b""
                path = request_line.decode("latin-1").split(" ")[1] if request_line.count(b" ") >= 2 else "/"
                method = urllib.parse.urlsplit(path).path.rsplit("/", 1)[-1]
                if self.delay:
                    await asyncio.sleep(self.delay)
                answer = json.dumps(self._answer(method, _params(body, headers.get("content-type", "")))).encode()
                close = headers.get("connection", "").lower() == "close"
                writer.write(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\n"
                    + (b"Connection: close\r\n" if close else b"Connection: keep-alive\r\n")
                    + f"Content-Length: {len(answer)}\r\n\r\n".encode()
                    + answer
                )
                await writer.drain()
                if close:
                    return
        except (ConnectionError, asyncio.IncompleteReadError, ValueError, ssl.SSLError):
            pass  # a client that went away; nothing to answer
        finally:
            writer.close()

    def _answer(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        self.calls[method] += 1
        if method == "auth.test":
            return {"ok": True, "user_id": BOT_USER, "bot_id": BOT_ID, "team_id": TEAM, "user": "advisor"}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D" + str(params.get("users", "U"))[1:]}}
        if method in ("chat.postMessage", "chat.update", "chat.postEphemeral"):
            channel = str(params.get("channel", ""))
            ts = params.get("ts") or f"1763960000.{next(self._ts):06d}"
            if method == "chat.postMessage":
                self.posts[channel] += 1
                self.asking[channel] = asks(params.get("blocks"))
                for future in self._waiters.pop(channel, []):
                    if not future.done():
                        future.set_result(None)
            message = {"type": "message", "user": BOT_USER, "bot_id": BOT_ID, "ts": ts, "text": params.get("text")}
            return {"ok": True, "channel": channel, "ts": ts, "message_ts": ts, "message": message}
        return {"ok": True}


def asks(blocks: Any) -> str:
    """What a message asks: the step its answer controls belong to, RECAP, or NOTHING."""
    if isinstance(blocks, str):
        try:
            blocks = json.loads(blocks)
        except ValueError:
            return NOTHING
    for block in blocks if isinstance(blocks, list) else []:
        for element in block.get("elements", []) if block.get("type") == "actions" else []:
            kind, _, rest = str(element.get("action_id", "")).partition(":")
            if kind in ("answer", "pick", "done"):
                return rest.split(":")[0]
            if kind == "recap":
                return RECAP
    return NOTHING


def _params(body: bytes, content_type: str) -> dict[str, Any]:
    if "json" in content_type:
        try:
            data = json.loads(body or b"{}")
        except ValueError:
            return {}
        return data if isinstance(data, dict) else {}
    if "urlencoded" in content_type:
        return dict(urllib.parse.parse_qsl(body.decode("utf-8", "replace")))
    return {}


def tls_certificate(folder: Path) -> tuple[Path, Path]:
    """A self-signed certificate and key for 127.0.0.1 (valid one day), made with openssl."""
    cert, key = folder / "fake-slack-cert.pem", folder / "fake-slack-key.pem"
    command = ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    command += ["-keyout", str(key), "-out", str(cert), "-days", "1", "-subj", "/CN=127.0.0.1"]
    command += ["-addext", "subjectAltName=IP:127.0.0.1"]
    subprocess.run(
        command,
        check=True,
        capture_output=True,
    )
    return cert, key
