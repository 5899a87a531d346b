"""The floor for the HTTP benchmark: the minimal correct app, `gunicorn bench.bare_app:app`.

The same stack as `bot.wsgi:app` (gunicorn with `bot/gunicorn_conf.py`, Bolt's WSGI adapter, the
advisor's Web API client) doing only what any correct Slack bot must do per message, once each:

1. check the request's signature (Bolt's request verification, with the signing secret);
2. one write transaction before the ack: the event is kept, and a redelivered event id is
   recognised (insert-or-ignore on its primary key), so nothing acknowledged is lost or answered
   twice;
3. one `chat.postMessage` with the reply.

The database is SQLite at ADVISOR_DB_PATH (WAL, synchronous=NORMAL, as the advisor's store runs it).
DATABASE_URL is for the PostgreSQL engine: until the floor has a PostgreSQL transaction too, it
refuses to start rather than measure a different engine than the advisor's.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from slack_bolt import App, BoltResponse
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient

from bot.settings import load_settings
from bot.slack_client import make_client, share_connections

PATH = "/slack/events"  # as bot.serving serves the advisor


class Events:
    """One SQLite connection per thread (greenlet, under gevent) and one transaction per event."""

    def __init__(self, path: Path) -> None:
        self.path = str(path)
        self._local = threading.local()
        with self._conn() as conn:
            conn.execute("create table if not exists events (id text primary key, body text, at real)")

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA busy_timeout=15000")
            self._local.conn = conn
        return conn

    def keep(self, event_id: str, body: str) -> bool:
        """Keep the event; False if it was kept before (a redelivery)."""
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            kept = conn.execute(
                "insert or ignore into events (id, body, at) values (?, ?, ?)", [event_id, body, time.time()]
            ).rowcount
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")
        return kept == 1


def create_bare_app() -> App:
    settings = load_settings()
    settings.require("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")
    if os.environ.get("DATABASE_URL"):
        raise SystemExit("bench.bare_app: DATABASE_URL is set, and the floor has no PostgreSQL transaction yet")
    events = Events(settings.db_path)
    app = App(
        client=make_client(settings),
        signing_secret=settings.slack_signing_secret or "",
        token_verification_enabled=False,
        listener_executor=ThreadPoolExecutor(settings.listener_threads, thread_name_prefix="listener"),
    )
    share_connections(app)  # the same transport as the advisor's

    @app.middleware
    def keep_once(body: dict[str, Any], next: Any) -> BoltResponse | None:
        event_id = body.get("event_id")
        if event_id and not events.keep(str(event_id), json.dumps(body)):
            return BoltResponse(status=200, body="")  # a redelivery: answered already
        next()
        return None

    @app.event("message")
    def on_message(event: dict[str, Any], client: WebClient) -> None:
        client.chat_postMessage(channel=event["channel"], text="ok")

    return app


app = SlackRequestHandler(create_bare_app(), path=PATH)
