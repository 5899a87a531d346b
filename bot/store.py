"""Conversation state, transcripts, recommendations and handled events, in SQLite via sqlite-utils.

Nothing about a conversation lives in process memory: every turn loads the state and commits it
back in one short transaction - with a version check, the transcript line, any recommendation and
(for a Slack event) the event id and the replies to deliver - so several workers can share one
file, and a process killed at any moment leaves either the whole turn or none of it.
"""

from __future__ import annotations

import json
import logging
import os
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlite_utils

from bot.state import State

log = logging.getLogger(__name__)


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


@dataclass(frozen=True)
class TurnRecord:
    """What one turn adds besides the new state."""

    said: str
    replied: list[str]
    recommendations: list[tuple[str, str]] = field(default_factory=list)  # (verdict, body JSON)
    event_id: str | None = None
    outbox: Any = None  # what to deliver for the event (JSON-able), kept until delivered


_FORGET_PROMPT = "delete from open_prompts where conversation = ? and ts = ?"
CLAIM_LEASE = 120.0  # seconds a process may take to post one event's replies before another may
_POSTING, _DELIVERED = 2, 1  # handled_events.delivery; 0 = committed, not yet claimed


def _alive(pid: int | None) -> bool:
    """Whether process `pid` is running (a zombie - killed, not yet reaped - is not)."""
    if pid is None:
        return False
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class Conflict(Exception):
    """Another worker saved this conversation since it was loaded; retry the turn."""


class AlreadyHandled(Exception):
    """The event was handled already (a retried delivery racing the first one)."""


class DatabaseGone(RuntimeError):
    """The database file was deleted or replaced under the running process.

    Carrying on would write every turn to an unlinked file that vanishes with the process (or, for a
    thread's first connection, to a new empty database): everything would be lost without a word.
    """

    def __init__(self, path: str) -> None:
        super().__init__(
            f"the database file {path} was deleted or replaced while the bot was running; refusing to carry on"
            " without it. Put the file back (or restore a backup) and restart the bot."
        )


def open_database(path: Path | str) -> sqlite_utils.Database:
    """Open (creating if needed) the database at `path`, ready for concurrent use."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    # isolation_level=None: we say BEGIN ourselves, so a turn is exactly one transaction.
    connection = sqlite3.connect(str(path), timeout=15, check_same_thread=False, isolation_level=None)
    db = sqlite_utils.Database(connection)
    if str(path) != ":memory:":
        # Switching a fresh file to WAL needs it to itself and returns "locked" at once, without
        # waiting, when another process is doing the same: retried (several servers boot together).
        _retrying(lambda: db.execute("PRAGMA journal_mode=WAL"))
        # With WAL, NORMAL loses nothing when a process is killed; only an OS crash or power cut
        # can drop the last commits - and it saves an fsync on every turn.
        db.execute("PRAGMA synchronous=NORMAL")
    db.execute("PRAGMA busy_timeout=15000")
    # Deleted rows are overwritten with zeros, not just unlinked: "forget me" and purge leave no
    # readable trace in the file (the WAL is emptied after them, see Store.checkpoint).
    db.execute("PRAGMA secure_delete=ON")
    _retrying(lambda: _create_tables_once(db))
    return db


_START_ATTEMPTS = 40


def _retrying(action: Callable[[], object]) -> None:
    """Run `action`, again after a short random pause while SQLite says the file is locked or
    busy: what a fresh database does when several processes set it up at the same moment."""
    for attempt in range(_START_ATTEMPTS):
        try:
            action()
            return
        except sqlite3.OperationalError as error:
            if ("locked" not in str(error) and "busy" not in str(error)) or attempt == _START_ATTEMPTS - 1:
                raise
            time.sleep(random.uniform(0.01, min(0.05 * (attempt + 1), 0.5)))


def _create_tables_once(db: sqlite_utils.Database) -> None:
    """Every table and index, in one write transaction, so two processes never interleave them."""
    with _transaction(db):
        _create_tables(db)


def _table(db: sqlite_utils.Database, name: str) -> sqlite_utils.db.Table:
    return db.table(name)


def _create_tables(db: sqlite_utils.Database) -> None:
    _table(db, "conversations").create(
        {"id": str, "user": str, "place": str, "state": str, "version": int, "updated_at": float},
        pk="id",
        if_not_exists=True,
    )
    _table(db, "conversations").create_index(["updated_at"], if_not_exists=True)
    _table(db, "conversations").create_index(["user"], if_not_exists=True)
    _table(db, "turns").create(
        {"id": int, "conversation": str, "user": str, "at": float, "said": str, "replied": str, "step": str},
        pk="id",
        if_not_exists=True,
    )
    _table(db, "turns").create_index(["conversation"], if_not_exists=True)
    _table(db, "turns").create_index(["user"], if_not_exists=True)
    _table(db, "turns").create_index(["at"], if_not_exists=True)
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
    _table(db, "recommendations").create_index(["at"], if_not_exists=True)
    _table(db, "handled_events").create(
        {"id": str, "at": float, "user": str, "outbox": str, "delivery": int, "claimed_by": int, "claimed_at": float},
        pk="id",
        if_not_exists=True,
    )
    _table(db, "handled_events").create_index(["at"], if_not_exists=True)
    # Who asked for a consultation, after which recommendation: the consultancy's leads.
    _table(db, "consultation_requests").create(
        {"id": int, "conversation": str, "user": str, "at": float, "answers": str, "verdict": str},
        pk="id",
        if_not_exists=True,
    )
    _table(db, "consultation_requests").create_index(["at"], if_not_exists=True)
    # Every Slack event (and slash command) as received, written before it is acknowledged: a worker
    # killed before taking its turn leaves it here for the sweeper (bot.slack_sweeper).
    _table(db, "inbox").create(
        {"id": str, "body": str, "received_at": float, "attempts": int, "lease_until": float},
        pk="id",
        if_not_exists=True,
    )
    _table(db, "inbox").create_index(["received_at"], if_not_exists=True)
    # The Slack message of each conversation that still shows buttons, to close once answered.
    _table(db, "open_prompts").create(
        {"conversation": str, "channel": str, "ts": str, "text": str, "blocks": str},
        pk="conversation",
        if_not_exists=True,
    )


@contextmanager
def _transaction(db: sqlite_utils.Database) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK if anything inside raises."""
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


class Store:
    """The bot's persistence; every method is one short transaction.

    Each thread gets its own SQLite connection to the file: Bolt runs listeners on a thread pool and
    a connection shared between threads interleaves transactions. Connections to one file see each
    other's commits through SQLite itself (WAL plus the version check).
    """

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        self._local = threading.local()
        # An in-memory database exists only on its one connection (tests, single-threaded use).
        self._shared = open_database(self.path) if self.path == ":memory:" else None
        self._file: tuple[int, int] | None = None  # (device, inode) of the file opened at start
        self._gone = False  # said so in the log already
        if self._shared is None:
            self._local.db = open_database(self.path)  # create the file and tables now
            found = os.stat(self.path)
            self._file = (found.st_dev, found.st_ino)

    @classmethod
    def open(cls, path: Path | str) -> Store:
        return cls(path)

    @property
    def db(self) -> sqlite_utils.Database:
        if self._shared is not None:
            return self._shared
        self.check_file()  # before every use, and before a new thread's connection would create a file
        db: sqlite_utils.Database | None = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = open_database(self.path)
        return db

    def check_file(self) -> None:
        """Raise DatabaseGone unless the file at `path` is still the one opened at start (a stat call)."""
        if self._file is None:
            return
        try:
            found = os.stat(self.path)
        except FileNotFoundError:
            found = None
        if found is None or (found.st_dev, found.st_ino) != self._file:
            error = DatabaseGone(self.path)
            if not self._gone:
                self._gone = True
                log.critical("%s", error)
            raise error

    def healthy(self) -> bool:
        """Whether the database can be used: its file is the one opened at start, and it answers."""
        try:
            self.db.execute("select 1").fetchone()
        except (DatabaseGone, sqlite3.Error):
            return False
        return True

    def checkpoint(self) -> None:
        """Copy the WAL into the database file and empty it, so deleted rows live on in neither.

        Waits (up to the busy timeout) for readers of older snapshots; if some still hold on, the
        next checkpoint finishes the job, and it is logged."""
        if self._shared is not None:
            return
        busy, _, _ = self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            log.warning("the write-ahead log could not be emptied yet (busy); the next checkpoint will")

    def load(self, key: ConversationKey) -> Stored | None:
        row = self.db.execute("select state, version, updated_at from conversations where id = ?", [key.id]).fetchone()
        if row is None:
            return None
        return Stored(State.model_validate_json(row[0]), row[1], row[2])

    def save(
        self,
        key: ConversationKey,
        state: State,
        version: int,
        now: float | None = None,
        record: TurnRecord | None = None,
    ) -> int:
        """Commit `state` (if the stored version is still `version`) with the turn's records.

        Raises Conflict when another worker saved first, AlreadyHandled when the turn's event was
        handled already; either way nothing of this turn is stored.
        """
        now = time.time() if now is None else now
        data = state.model_dump_json()
        with _transaction(self.db) as conn:
            if version == 0:
                cursor = conn.execute(
                    "insert or ignore into conversations (id, user, place, state, version, updated_at)"
                    " values (?, ?, ?, ?, 1, ?)",
                    [key.id, key.user, key.place, data, now],
                )
            else:
                cursor = conn.execute(
                    "update conversations set state = ?, version = version + 1, updated_at = ?"
                    " where id = ? and version = ?",
                    [data, now, key.id, version],
                )
            if cursor.rowcount != 1:
                raise Conflict(key.id)
            if record is not None:
                self._record(conn, key, state, now, record)
        return version + 1

    @staticmethod
    def _record(conn: sqlite3.Connection, key: ConversationKey, state: State, now: float, record: TurnRecord) -> None:
        if record.event_id is not None:
            try:
                # Claimed for posting by this process as it commits: see claim_delivery.
                conn.execute(
                    "insert into handled_events (id, at, user, outbox, delivery, claimed_by, claimed_at)"
                    " values (?, ?, ?, ?, ?, ?, ?)",
                    [record.event_id, now, key.user, json.dumps(record.outbox), _POSTING, os.getpid(), now],
                )
            except sqlite3.IntegrityError:
                raise AlreadyHandled(record.event_id) from None
        conn.execute(
            "insert into turns (conversation, user, at, said, replied, step) values (?, ?, ?, ?, ?, ?)",
            [key.id, key.user, now, record.said, json.dumps(record.replied), state.pending or ""],
        )
        for verdict, body in record.recommendations:
            conn.execute(
                "insert into recommendations (conversation, user, at, answers, verdict, body)"
                " values (?, ?, ?, ?, ?, ?)",
                [key.id, key.user, now, json.dumps(state.answers), verdict, body],
            )

    # -- Slack events ------------------------------------------------------------------------------

    def keep(self, request_id: str, body: str, now: float | None = None) -> None:
        """Write a request to the inbox before it is acknowledged (a redelivery keeps the first)."""
        now = time.time() if now is None else now
        with _transaction(self.db) as conn:
            conn.execute(
                "insert or ignore into inbox (id, body, received_at, attempts, lease_until) values (?, ?, ?, 0, 0)",
                [request_id, body, now],
            )

    def claim_unanswered(self, now: float, older_than: float, lease: float, attempts: int) -> list[tuple[str, str]]:
        """Requests received more than `older_than` seconds ago whose turn never committed, each
        claimed for `lease` seconds (a database lease: another worker takes it only after it lapses),
        at most `attempts` times in all."""
        with _transaction(self.db) as conn:
            rows = conn.execute(
                "select id, body from inbox where received_at < ? and lease_until < ? and attempts < ?"
                " and id not in (select id from handled_events) order by received_at limit 100",
                [now - older_than, now, attempts],
            ).fetchall()
            for request_id, _ in rows:
                conn.execute(
                    "update inbox set lease_until = ?, attempts = attempts + 1 where id = ?", [now + lease, request_id]
                )
        return [(str(r[0]), str(r[1])) for r in rows]

    def undelivered(self, now: float) -> list[str]:
        """Handled events whose replies were committed but not yet posted (`claim_delivery` then
        says whether a claim on one has lapsed: its process is gone or its lease ran out)."""
        rows = self.db.execute(
            "select id from handled_events where delivery != ? and outbox != 'null' and claimed_at < ?",
            [_DELIVERED, now - 1.0],
        ).fetchall()
        return [str(r[0]) for r in rows]

    def settle_inbox(self, before: float) -> None:
        """Drop requests whose turn has committed (their words need not wait any longer) and any
        received before `before` (given up on)."""
        with _transaction(self.db) as conn:
            conn.execute("delete from inbox where id in (select id from handled_events) or received_at < ?", [before])

    def was_handled(self, event_id: str) -> bool:
        return self.db.execute("select 1 from handled_events where id = ?", [event_id]).fetchone() is not None

    def claim_delivery(self, event_id: str, now: float | None = None) -> Any:
        """Take the job of posting a handled event's replies: its outbox, or None if there is
        nothing to post - delivered already, or being posted by a live process right now.

        A claim by a process that has died (killed mid-post) lapses at once; a claim older than
        CLAIM_LEASE lapses too, in case a process hangs. SQLite means one host, so pids are enough.
        """
        now = time.time() if now is None else now
        with _transaction(self.db) as conn:
            row = conn.execute(
                "select delivery, claimed_by, claimed_at, outbox from handled_events where id = ?", [event_id]
            ).fetchone()
            if row is None or row[0] == _DELIVERED:
                return None
            delivery, claimed_by, claimed_at, outbox = row
            if delivery == _POSTING and _alive(claimed_by) and now - claimed_at < CLAIM_LEASE:
                return None
            conn.execute(
                "update handled_events set delivery = ?, claimed_by = ?, claimed_at = ? where id = ?",
                [_POSTING, os.getpid(), now, event_id],
            )
        return json.loads(outbox)

    def mark_delivered(self, event_id: str) -> None:
        with _transaction(self.db) as conn:
            conn.execute("update handled_events set delivery = ?, outbox = 'null' where id = ?", [_DELIVERED, event_id])

    def open_prompt(self, conversation: str) -> dict[str, Any] | None:
        """The conversation's message that still shows answer buttons, if any."""
        row = self.db.execute(
            "select channel, ts, text, blocks from open_prompts where conversation = ?", [conversation]
        ).fetchone()
        return None if row is None else {"channel": row[0], "ts": row[1], "text": row[2], "blocks": json.loads(row[3])}

    def replace_prompt(self, conversation: str, previous: dict[str, Any] | None, prompt: dict[str, Any] | None) -> None:
        """Forget `previous` (now being closed) if it is still recorded, and record `prompt`, if any.

        An older message never replaces a newer one: a turn that posted its question just before a
        click on it arrived may record it after the click's turn recorded the next question. Nor is a
        prompt recorded for a conversation that is gone (forgotten while its question was posted)."""
        with _transaction(self.db) as conn:
            if previous is not None:
                conn.execute(
                    "delete from open_prompts where conversation = ? and ts = ?", [conversation, previous["ts"]]
                )
            if prompt is not None:
                # Slack's ts are decimal strings ("1763950002.000300"): the longer, or else the greater, is newer.
                conn.execute(
                    "insert into open_prompts (conversation, channel, ts, text, blocks) select ?, ?, ?, ?, ?"
                    " where exists (select 1 from conversations where id = ?)"
                    " on conflict (conversation) do update set channel = excluded.channel, ts = excluded.ts,"
                    " text = excluded.text, blocks = excluded.blocks"
                    " where length(excluded.ts) > length(open_prompts.ts)"
                    " or (length(excluded.ts) = length(open_prompts.ts) and excluded.ts >= open_prompts.ts)",
                    [
                        conversation,
                        prompt["channel"],
                        prompt["ts"],
                        prompt["text"],
                        json.dumps(prompt["blocks"]),
                        conversation,
                    ],
                )

    def prompt_owner(self, channel: str, ts: str) -> str | None:
        """The conversation whose open question the message `ts` is, if it is one."""
        row = self.db.execute(
            "select conversation from open_prompts where channel = ? and ts = ?", [channel, ts]
        ).fetchone()
        return None if row is None else str(row[0])

    def forget_prompt(self, conversation: str, ts: str) -> None:
        with _transaction(self.db) as conn:
            conn.execute(_FORGET_PROMPT, [conversation, ts])

    def latest_recommendation(self, user: str) -> tuple[float, str] | None:
        """When `user` last got a recommendation, and its body (JSON)."""
        row = self.db.execute(
            "select at, body from recommendations where user = ? order by id desc limit 1", [user]
        ).fetchone()
        return None if row is None else (row[0], row[1])

    # -- the consultancy's leads ---------------------------------------------------------------------

    def record_consultation_request(self, user: str, conversation: str, now: float | None = None) -> None:
        """Note that `user` opened the consultation link, with the latest recommendation they got."""
        with _transaction(self.db) as conn:
            latest = conn.execute(
                "select answers, verdict from recommendations where conversation = ? order by id desc limit 1",
                [conversation],
            ).fetchone()
            answers, verdict = latest if latest else ("{}", "")
            conn.execute(
                "insert into consultation_requests (conversation, user, at, answers, verdict) values (?, ?, ?, ?, ?)",
                [conversation, user, time.time() if now is None else now, answers, verdict],
            )

    def consultation_requests(self, since: float) -> list[dict[str, Any]]:
        rows = self.db.execute(
            "select at, user, conversation, verdict, answers from consultation_requests where at >= ? order by at",
            [since],
        ).fetchall()
        return [
            {"at": r[0], "user": r[1], "conversation": r[2], "verdict": r[3], "answers": json.loads(r[4])} for r in rows
        ]

    def drop_off(self, since: float) -> tuple[int, int, dict[str, int]]:
        """Conversations active since `since`: how many, how many got a recommendation, and for the
        rest, the question each was left waiting on (from the transcript's last turn)."""
        rows = self.db.execute(
            """
            select t.conversation, t.step,
                   exists(select 1 from recommendations r where r.conversation = t.conversation)
            from turns t
            join (select conversation, max(id) as last from turns where at >= ? group by conversation) l
              on t.id = l.last
            """,
            [since],
        ).fetchall()
        waiting: dict[str, int] = {}
        for _conversation, step, advised in rows:
            if not advised:
                waiting[step or "(recap)"] = waiting.get(step or "(recap)", 0) + 1
        return len(rows), sum(1 for row in rows if row[2]), waiting

    # -- privacy and retention ---------------------------------------------------------------------

    def forget_user(
        self,
        user: str,
        expect: tuple[ConversationKey, int] | None = None,
        event_id: str | None = None,
        now: float | None = None,
    ) -> int:
        """Delete everything stored about `user`; return how many rows went.

        The ids of the Slack events already handled stay (so a redelivery of one, even from before
        the forget, is still recognised and never brings the conversation back), but without whose
        they were or the replies they carried. With `expect`, the forget is the answer to a question
        asked in that conversation at that version: Conflict if it has moved on since. With
        `event_id`, the event that asked for it is recorded in the same transaction (AlreadyHandled
        if it was handled already): its redelivery then neither deletes nor confirms again.
        """
        now = time.time() if now is None else now
        removed = 0
        with _transaction(self.db) as conn:
            if expect is not None:
                key, version = expect
                row = conn.execute("select version from conversations where id = ?", [key.id]).fetchone()
                if row is None or row[0] != version:
                    raise Conflict(key.id)
            for table in ("conversations", "turns", "recommendations", "consultation_requests"):
                removed += conn.execute(f"delete from {table} where user = ?", [user]).rowcount
            conn.execute(
                "update handled_events set user = '', outbox = 'null', delivery = ? where user = ?",
                [_DELIVERED, user],
            )
            suffix = f"|{user}"
            conn.execute("delete from open_prompts where substr(conversation, -?) = ?", [len(suffix), suffix])
            # Requests still waiting in the inbox carry the user's words: those go too.
            slack_user = user.rsplit(":", 1)[-1]
            conn.execute("delete from inbox where instr(body, ?) > 0", [f'"{slack_user}"'])
            if event_id is not None:
                try:  # nothing in it about whom: the confirmation is posted by this process, once
                    conn.execute(
                        "insert into handled_events (id, at, user, outbox, delivery, claimed_by, claimed_at)"
                        " values (?, ?, '', 'null', ?, ?, ?)",
                        [event_id, now, _DELIVERED, os.getpid(), now],
                    )
                except sqlite3.IntegrityError:
                    raise AlreadyHandled(event_id) from None
        self.checkpoint()
        return removed

    def purge_older_than(self, seconds: float, now: float | None = None) -> int:
        """Delete conversations idle, and records made, more than `seconds` ago."""
        cutoff = (time.time() if now is None else now) - seconds
        removed = 0
        with _transaction(self.db) as conn:
            removed += conn.execute("delete from conversations where updated_at < ?", [cutoff]).rowcount
            for table in ("turns", "recommendations", "handled_events", "consultation_requests"):
                removed += conn.execute(f"delete from {table} where at < ?", [cutoff]).rowcount
            conn.execute("delete from open_prompts where conversation not in (select id from conversations)")
        self.checkpoint()
        return removed

    def forget_workspace(self, team_key: str) -> int:
        """Delete everything stored about the workspace `team_key` (named as `bot.slack_keys.workspace`
        names it: "T123", "E1/T123", or an org's "E1" for every workspace in it), as when the app is
        uninstalled there: its users' conversations, transcripts, recommendations and consultation
        requests, their open prompts, and its requests waiting in the inbox. As with `forget_user`,
        the ids of handled events stay, emptied of whose they were and of any reply. Returns how many
        rows went."""
        # Users are stored workspace-first ("T123:U456", "E1/T123:U456"): a prefix match, written with
        # substr rather than LIKE so no character of an id can act as a wildcard.
        prefixes = [f"{team_key}:", f"{team_key}/"]
        removed = 0
        with _transaction(self.db) as conn:
            for prefix in prefixes:
                for table in ("conversations", "turns", "recommendations", "consultation_requests"):
                    removed += conn.execute(
                        f"delete from {table} where substr(user, 1, ?) = ?", [len(prefix), prefix]
                    ).rowcount
                conn.execute(
                    "update handled_events set user = '', outbox = 'null', delivery = ? where substr(user, 1, ?) = ?",
                    [_DELIVERED, len(prefix), prefix],
                )
                # A conversation id ends "|<user>" (ConversationKey.id), and a place holds no "|".
                conn.execute("delete from open_prompts where instr(conversation, ?) > 0", [f"|{prefix}"])
            team = team_key.rsplit("/", 1)[-1]
            conn.execute("delete from inbox where instr(body, ?) > 0", [f'"{team}"'])
        self.checkpoint()
        return removed
