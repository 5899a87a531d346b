"""A fake Slack Web API on loopback, served by the benchmark's own event loop.

It answers the few methods the apps call (auth.test, conversations.open, chat.postMessage,
chat.update, chat.postEphemeral) like Slack does, and tells the simulated users when a message was
posted to their channel, so each user waits for the bot's reply before typing the next line.
One request per connection (the Web API client sends `Connection: close`).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import urllib.parse
from collections import defaultdict
from typing import Any

BOT_USER, BOT_ID, TEAM = "U0BOT0001", "B0BOT0001", "T0TEAM001"
_MAX_BODY = 1 << 20


class FakeSlackApi:
    def __init__(self) -> None:
        self.posts: dict[str, int] = defaultdict(int)  # channel -> messages posted there
        self.calls: dict[str, int] = defaultdict(int)  # method -> calls answered
        self._waiters: dict[str, list[asyncio.Future[None]]] = defaultdict(list)
        self._ts = itertools.count(1)
        self._server: asyncio.Server | None = None
        self.port = 0

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    async def start(self) -> FakeSlackApi:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0, backlog=1024)
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
        try:
            request_line = await reader.readline()
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
            answer = json.dumps(self._answer(method, _params(body, headers.get("content-type", "")))).encode()
            writer.write(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                + f"Content-Length: {len(answer)}\r\n\r\n".encode()
                + answer
            )
            await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, ValueError):
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
                for future in self._waiters.pop(channel, []):
                    if not future.done():
                        future.set_result(None)
            message = {"type": "message", "user": BOT_USER, "bot_id": BOT_ID, "ts": ts, "text": params.get("text")}
            return {"ok": True, "channel": channel, "ts": ts, "message_ts": ts, "message": message}
        return {"ok": True}


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
