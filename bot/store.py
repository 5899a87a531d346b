"""Conversation state, transcripts, recommendations and seen events, in SQLite via sqlite-utils.

Nothing about a conversation lives in process memory: every turn loads the state, and saves it
back in one short transaction with a version check, so several workers can share one file.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import sqlite_utils

from bot.dialogue import State


@dataclass(frozen=True)
class ConversationKey:
    """Where a conversation lives: a user in a place (DM, channel thread, terminal)."""

    user: str
    place: str

    @property
    def id(self) -> str:
        return f"{self.place}|{self.user}"


@dataclass(frozen=True)
class Stored:
    state: State
    version: int
    updated_at: float


class Conflict(Exception):
    """Another worker saved this conversation since it was loaded; retry the turn."""


def open_database(path: Path | str) -> sqlite_utils.Database:
    """Open (creating if needed) the database at `path`, ready for concurrent use."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(str(path), timeout=15, check_same_thread=False, isolation_level=None)
    db = sqlite_utils.Database(connection)
    if str(path) != ":memory:":
        db.execute("PRAGMA journal_mode=WAL")
        # With WAL, NORMAL loses nothing when a process is killed; only an OS crash or power cut
        # can drop the last commits - and it saves an fsync on every turn.
        db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA busy_timeout=15000")
    _create_tables(db)
    return db


def _table(db: sqlite_utils.Database, name: str) -> sqlite_utils.db.Table:
    return db.table(name)


def _create_tables(db: sqlite_utils.Database) -> None:
    _table(db, "conversations").create(
        {"id": str, "user": str, "place": str, "state": str, "version": int, "updated_at": float},
        pk="id",
        if_not_exists=True,
    )
    _table(db, "turns").create(
        {"id": int, "conversation": str, "user": str, "at": float, "said": str, "replied": str, "step": str},
        pk="id",
        if_not_exists=True,
    )
    _table(db, "turns").create_index(["conversation"], if_not_exists=True)
    _table(db, "turns").create_index(["user"], if_not_exists=True)
    _table(db, "recommendations").create(
        {
            "id": int,
            "conversation": str,
            "user": str,
            "at": float,
            "answers": str,
            "verdict": str,
            "body": str,
        },
        pk="id",
        if_not_exists=True,
    )
    _table(db, "recommendations").create_index(["user"], if_not_exists=True)
    _table(db, "seen_events").create({"id": str, "at": float}, pk="id", if_not_exists=True)


class Store:
    """The bot's persistence; every method is one short transaction.

    Each thread gets its own SQLite connection to the file: Bolt runs listeners on a thread pool
    and a connection shared between threads interleaves sqlite-utils' savepoints. Connections to
    one file see each other's commits through SQLite itself (WAL plus the version check).
    """

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        self._local = threading.local()
        # An in-memory database exists only on its one connection (tests, single-threaded use).
        self._shared = open_database(self.path) if self.path == ":memory:" else None
        if self._shared is None:
            self._local.db = open_database(self.path)  # create the file and tables now

    @classmethod
    def open(cls, path: Path | str) -> Store:
        return cls(path)

    @property
    def db(self) -> sqlite_utils.Database:
        if self._shared is not None:
            return self._shared
        db: sqlite_utils.Database | None = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = open_database(self.path)
        return db

    def load(self, key: ConversationKey) -> Stored | None:
        rows = list(self.db.query("select * from conversations where id = ?", [key.id]))
        if not rows:
            return None
        row = rows[0]
        return Stored(State.model_validate_json(row["state"]), row["version"], row["updated_at"])

    def save(self, key: ConversationKey, state: State, version: int, now: float | None = None) -> int:
        """Save `state` if the stored version is still `version`; return the new version."""
        now = time.time() if now is None else now
        data = state.model_dump_json()
        with self.db.conn:
            if version == 0:
                cursor = self.db.execute(
                    "insert or ignore into conversations (id, user, place, state, version, updated_at)"
                    " values (?, ?, ?, ?, 1, ?)",
                    [key.id, key.user, key.place, data, now],
                )
            else:
                cursor = self.db.execute(
                    "update conversations set state = ?, version = version + 1, updated_at = ?"
                    " where id = ? and version = ?",
                    [data, now, key.id, version],
                )
        if cursor.rowcount != 1:
            raise Conflict(key.id)
        return version + 1

    def record_turn(self, key: ConversationKey, said: str, replied: list[str], step: str | None) -> None:
        _table(self.db, "turns").insert(
            {
                "conversation": key.id,
                "user": key.user,
                "at": time.time(),
                "said": said,
                "replied": json.dumps(replied),
                "step": step or "",
            }
        )

    def record_recommendation(
        self, key: ConversationKey, answers: dict[str, list[str]], body: str, verdict: str
    ) -> None:
        _table(self.db, "recommendations").insert(
            {
                "conversation": key.id,
                "user": key.user,
                "at": time.time(),
                "answers": json.dumps(answers),
                "verdict": verdict,
                "body": body,
            }
        )

    def first_time_seen(self, event_id: str) -> bool:
        """Record `event_id`; False if it was recorded before (a retried delivery)."""
        with self.db.conn:
            cursor = self.db.execute(
                "insert or ignore into seen_events (id, at) values (?, ?)", [event_id, time.time()]
            )
        return cursor.rowcount == 1

    def forget_user(self, user: str) -> int:
        """Delete everything stored about `user`; return how many rows went."""
        removed = 0
        with self.db.conn:
            for table in ("conversations", "turns", "recommendations"):
                removed += self.db.execute(f"delete from {table} where user = ?", [user]).rowcount
        return removed

    def purge_older_than(self, seconds: float) -> int:
        cutoff = time.time() - seconds
        removed = 0
        with self.db.conn:
            removed += self.db.execute("delete from conversations where updated_at < ?", [cutoff]).rowcount
            for table in ("turns", "recommendations", "seen_events"):
                removed += self.db.execute(f"delete from {table} where at < ?", [cutoff]).rowcount
        return removed
