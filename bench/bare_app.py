"""The floor for the HTTP benchmark: the minimal correct app, `gunicorn bench.bare_app:app`.

The same stack as `bot.wsgi:app` (gunicorn with `bot/gunicorn_conf.py`'s settings, through
`bench/bare_conf.py`; Bolt's WSGI adapter; the advisor's Web API client) doing only what any
correct Slack bot must do per message, once each:

1. check the request's signature (Bolt's request verification, with the signing secret);
2. one write transaction before the ack: the event is kept, and a redelivered event id is
   recognised (insert-or-ignore on its primary key), so nothing acknowledged is lost or answered
   twice;
3. one `chat.postMessage` with the reply.

The database is SQLite at ADVISOR_DB_PATH (WAL, synchronous=NORMAL, as the advisor's store runs it),
or PostgreSQL when DATABASE_URL is set, as for the advisor: the floor runs on the advisor's engine.
"""

from __future__ import annotations

import gc
import json
import sqlite3
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.adapter.wsgi import SlackRequestHandler
from slack_sdk import WebClient

from bot.settings import load_settings
from bot.slack_client import make_client, share_connections
from bot.slack_middleware import Next, middleware

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


class PostgresEvents:
    """The same one transaction per event, in PostgreSQL (DATABASE_URL), through a connection pool
    as the advisor's PostgreSQL engine keeps one."""

    def __init__(self, url: str) -> None:
        from psycopg_pool import ConnectionPool

        self.pool = ConnectionPool(url, min_size=1, max_size=10, open=True)
        with self.pool.connection() as conn:
            conn.execute("create table if not exists bare_events (id text primary key, body text, at double precision)")

    def keep(self, event_id: str, body: str) -> bool:
        """Keep the event; False if it was kept before (a redelivery)."""
        with self.pool.connection() as conn:  # commits on the way out
            cursor = conn.execute(
                "insert into bare_events (id, body, at) values (%s, %s, %s) on conflict do nothing",
                [event_id, body, time.time()],
            )
            return cursor.rowcount == 1


def create_bare_app() -> App:
    settings = load_settings()
    settings.require("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")
    events: Events | PostgresEvents = (
        PostgresEvents(settings.database_url) if settings.database_url else Events(settings.db_path)
    )
    app = App(
        client=make_client(settings),
        signing_secret=settings.slack_signing_secret or "",
        token_verification_enabled=False,
        listener_executor=ThreadPoolExecutor(settings.listener_threads, thread_name_prefix="listener"),
        attaching_conversation_kwargs_enabled=False,  # as the advisor: no AI assistant threads
    )
    share_connections(app)  # the same transport as the advisor's

    # Bolt calls it with the request, building no keyword arguments: as the advisor's middleware
    # (bot.slack_middleware), the floor gets every generic saving the advisor takes.
    @middleware(app)
    def keep_once(req: BoltRequest, next: Next) -> BoltResponse | None:
        body = req.body
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
gc.freeze()  # as bot/wsgi.py does: the floor gets every generic saving the advisor takes
