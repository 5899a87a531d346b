"""The SQLite engine (through sqlite-utils): one file on one machine, the default.

Each thread gets its own connection to the file: Bolt runs listeners on a thread pool and a
connection shared between threads interleaves transactions. Connections to one file see each
other's commits through SQLite itself (WAL plus the store's version check).
"""

from __future__ import annotations

import logging
import os
import random
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlite_utils

from bot.store_schema import TABLES

# The store's logger: what it says about the database is the store's to say, whichever engine.
log = logging.getLogger("bot.store")
_START_ATTEMPTS = 40


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


_PID_BITS = 22  # Linux process ids stay below 2**22


def _started(pid: int) -> int | None:
    """When process `pid` started (clock ticks since boot), or None if /proc cannot say."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return int(stat.read().rsplit(")", 1)[1].split()[19])
    except (OSError, IndexError, ValueError):
        return None


_this: tuple[int, int] = (0, 0)  # (pid, claimant): read from /proc once per process, not per turn


def this_process() -> int:
    """This process as a claimant: its id and its start time in one number. Process ids are
    reused (a restarted container's worker is often pid 7 again); with the start time a claim
    names one process, never a later one that happens to get the same id."""
    global _this
    pid = os.getpid()
    if _this[0] != pid:  # first call, or a forked worker asking for the first time
        _this = (pid, ((_started(pid) or 0) << _PID_BITS) | pid)
    return _this[1]


def alive(claimant: int | None) -> bool:
    """Whether the process a claim names is running (a zombie - killed, not yet reaped - is not).
    A claimant without a start time (a bare pid) is checked by its id alone."""
    if claimant is None:
        return False
    pid, started = claimant & ((1 << _PID_BITS) - 1), claimant >> _PID_BITS
    if started and _started(pid) not in (None, started):
        return False  # another process now has that id
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


def _strpos(haystack: str | None, needle: str | None) -> int | None:
    return None if haystack is None or needle is None else haystack.find(needle) + 1


def open_database(path: Path | str, done: list[str] | None = None) -> sqlite_utils.Database:
    """Open (creating if needed) the database at `path`, ready for concurrent use; what had to be
    created goes in `done`."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    # isolation_level=None: we say BEGIN ourselves, so a turn is exactly one transaction.
    connection = sqlite3.connect(str(path), timeout=15, check_same_thread=False, isolation_level=None)
    # PostgreSQL's spelling of SQLite's instr, which the store's shared SQL uses (see bot.store_engine).
    connection.create_function("strpos", 2, _strpos, deterministic=True)
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
    # readable trace in the file (the WAL is emptied after them, see SqliteEngine.after_delete).
    db.execute("PRAGMA secure_delete=ON")
    _retrying(lambda: _create_tables_once(db, done))
    return db


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


def _create_tables_once(db: sqlite_utils.Database, done: list[str] | None = None) -> None:
    """Every table, column and index, in one write transaction, so two processes never interleave them."""
    with _transaction(db):
        report = _create_tables(db)
    if done is not None:
        done[:] = report


def _create_tables(db: sqlite_utils.Database) -> list[str]:
    done = []
    for table in TABLES:
        existing = db.table(table.name)
        if not existing.exists():
            existing.create(table.columns, pk=table.pk, if_not_exists=True)
            done.append(f"created table {table.name}")
        else:
            have = existing.columns_dict
            for column, kind in table.columns.items():
                if column not in have:
                    existing.add_column(column, kind)
                    done.append(f"added column {table.name}.{column}")
        indexes = {index.name for index in existing.indexes}
        for column in table.indexes:
            if table.index_name(column) not in indexes:
                existing.create_index([column], index_name=table.index_name(column), if_not_exists=True)
                done.append(f"created index {table.index_name(column)}")
    return done


@contextmanager
def _transaction(db: sqlite_utils.Database) -> Iterator[sqlite3.Connection]:
    """BEGIN IMMEDIATE ... COMMIT, or ROLLBACK if anything inside raises.

    IMMEDIATE takes the write lock at the start: a transaction that began as a reader and then
    writes can fail at once with SQLITE_BUSY (a lock upgrade is never waited for) when another
    worker wrote meanwhile."""
    conn = db.conn
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


class SqliteEngine:
    name = "sqlite"
    integrity_error: tuple[type[Exception], ...] = (sqlite3.IntegrityError,)
    error: tuple[type[Exception], ...] = (sqlite3.Error,)
    lock_rows = ""
    skip_locked = ""

    def __init__(self, path: Path | str) -> None:
        self.path = str(path)
        self.where = f"SQLite file {self.path}"
        self._local = threading.local()
        self.migrated: list[str] = []  # what opening it created
        # An in-memory database exists only on its one connection (tests, single-threaded use).
        self._shared = open_database(self.path, self.migrated) if self.path == ":memory:" else None
        self._file: tuple[int, int] | None = None  # (device, inode) of the file opened at start
        self._gone = False  # said so in the log already
        if self._shared is None:
            self._local.db = open_database(self.path, self.migrated)  # create the file and tables now
            found = os.stat(self.path)
            self._file = (found.st_dev, found.st_ino)

    @property
    def db(self) -> sqlite_utils.Database:
        if self._shared is not None:
            return self._shared
        self.check()  # before every use, and before a new thread's connection would create a file
        db: sqlite_utils.Database | None = getattr(self._local, "db", None)
        if db is None:
            db = self._local.db = open_database(self.path)
        return db

    def transaction(self) -> Any:
        return _transaction(self.db)

    @contextmanager
    def connection(self) -> Iterator[sqlite3.Connection]:
        yield self.db.conn

    def claimant(self) -> int:
        # One file means one machine: a process (its id and start time) and /proc says whether it runs.
        return this_process()

    def alive(self, conn: Any, claimant: int | None) -> bool:
        return alive(claimant)

    def migrate(self) -> list[str]:
        done: list[str] = []
        _retrying(lambda: _create_tables_once(self.db, done))
        return done

    def check(self) -> None:
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

    def after_delete(self) -> None:
        """Copy the WAL into the database file and empty it, so deleted rows live on in neither.

        Waits (up to the busy timeout) for readers of older snapshots; if some still hold on, the
        next checkpoint finishes the job, and it is logged."""
        if self._shared is not None:
            return
        busy, _, _ = self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            log.warning("the write-ahead log could not be emptied yet (busy); the next checkpoint will")

    def close(self) -> None:
        db = self._shared or getattr(self._local, "db", None)
        if db is not None:
            db.conn.close()
