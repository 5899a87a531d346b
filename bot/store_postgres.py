"""The PostgreSQL engine (psycopg 3 with a connection pool): for servers on several machines.

Chosen by DATABASE_URL (`postgresql://` or `postgres://`). Every statement runs on a pooled
connection in autocommit mode; `transaction()` wraps a block in BEGIN ... COMMIT. The default
READ COMMITTED isolation is enough for the store's methods: a version-checked update waits for a
concurrent one and then matches no row (Conflict), a duplicate event id fails on the primary key
(AlreadyHandled), and reads that decide a write lock their rows first (`lock_rows`).

Delivery claims must work across machines, where a process id means nothing. Each process holds,
on a connection of its own, a session advisory lock on a random number - its claimant id. The
server drops the lock the moment that connection closes, which is when the process dies (a killed
process's sockets close at once; a machine that vanishes is noticed by TCP keepalive), so "is the
claimant alive" is "is its lock still held", asked of pg_locks in the claim's transaction.
"""

from __future__ import annotations

import logging
import random
import select
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import psycopg
from psycopg import errors
from psycopg.conninfo import conninfo_to_dict
from psycopg_pool import ConnectionPool

from bot.store_schema import TABLES, Table

log = logging.getLogger("bot.store")

POOL_SIZE = 10  # Bolt's listener pool is 10 threads; the inbox and dedup middleware use one each briefly
# Seconds a statement waits for a free pooled connection (or for the server, at start) before failing:
# a health check or a request then fails instead of hanging.
POOL_WAIT = 10.0
_CLAIMANTS = 0x5AD5  # advisory lock namespace (first key) of the claimant locks
_SCHEMA_LOCK = 0x5AD5_0000_5C4E  # advisory lock held while creating the schema
_TYPES = {str: "text", int: "bigint", float: "double precision"}
# Keep a connection alive through idle firewalls and notice a vanished peer within about a minute.
_KEEPALIVE = {"keepalives": 1, "keepalives_idle": 30, "keepalives_interval": 10, "keepalives_count": 3}


@lru_cache(maxsize=512)
def _translate(sql: str) -> str:
    """The store's `?` placeholders as psycopg's `%s` (see bot.store_engine: no literal ? or % in SQL)."""
    return sql.replace("%", "%%").replace("?", "%s")


class _Translating:
    """A psycopg connection that reads the store's SQL."""

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self.conn = conn

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> psycopg.Cursor[Any]:
        return self.conn.execute(_translate(sql), parameters)


class Rows:
    """A statement's result, fetched before its connection went back to the pool."""

    def __init__(self, rowcount: int, rows: list[Any]) -> None:
        self.rowcount = rowcount
        self._rows = rows

    def fetchone(self) -> Any:
        return self._rows[0] if self._rows else None

    def fetchall(self) -> list[Any]:
        return self._rows


class Database:
    """`store.db` on PostgreSQL: `execute(sql, params)` with the store's `?` placeholders, each
    statement committed on its own (for tests, scripts and benchmarks; the store uses its engine)."""

    def __init__(self, pool: ConnectionPool[Any]) -> None:
        self.pool = pool

    def execute(self, sql: str, parameters: Sequence[Any] = ()) -> Rows:
        with self.pool.connection() as conn:
            cursor = conn.execute(_translate(sql), parameters)
            return Rows(cursor.rowcount, cursor.fetchall() if cursor.description else [])


class PostgresEngine:
    name = "postgresql"
    integrity_error: tuple[type[Exception], ...] = (errors.UniqueViolation,)
    error: tuple[type[Exception], ...] = (psycopg.Error,)
    lock_rows = " for update"
    skip_locked = " for update skip locked"

    def __init__(self, url: str, pool_size: int = POOL_SIZE) -> None:
        self.url = url
        found = conninfo_to_dict(url)
        self.where = (
            f"PostgreSQL database {found.get('dbname', '')} on {found.get('host', '')}:{found.get('port', 5432)}"
        )
        self.pool: ConnectionPool[Any] = ConnectionPool(
            url,
            min_size=1,
            max_size=pool_size,
            kwargs={"autocommit": True, **_KEEPALIVE},
            timeout=POOL_WAIT,
            open=False,
        )
        self.pool.open(wait=True, timeout=POOL_WAIT)
        self.db = Database(self.pool)
        self._holder: psycopg.Connection[Any] | None = None
        self._claimant = 0
        self._lock = threading.Lock()
        self.migrated = self.migrate()

    @contextmanager
    def transaction(self) -> Iterator[_Translating]:
        with self.pool.connection() as conn, conn.transaction():
            yield _Translating(conn)

    @contextmanager
    def connection(self) -> Iterator[_Translating]:
        with self.pool.connection() as conn:
            yield _Translating(conn)

    def claimant(self) -> int:
        """This process's claimant id, its lock taken (again, on a new connection, if the old one broke)."""
        with self._lock:
            if self._holder_lost():
                if self._holder is not None:
                    self._holder.close()
                self._holder = psycopg.connect(self.url, autocommit=True, **_KEEPALIVE)  # type: ignore[arg-type]
                while True:  # another process drew the same number: draw again
                    self._claimant = random.randint(1, 2**31 - 1)
                    taken = self._holder.execute(
                        "select pg_try_advisory_lock(%s, %s)", [_CLAIMANTS, self._claimant]
                    ).fetchone()
                    if taken and taken[0]:
                        break
            return self._claimant

    def _holder_lost(self) -> bool:
        """Whether the connection holding this process's lock is gone (then so is the lock, and every
        claim of this process would look abandoned to the others).

        Nothing is ever sent on it after the lock is taken, so the server has nothing to say on it
        unless it ended the session (a restart, a failover, pg_terminate_backend): anything to read
        means lost. A poll of the socket, without a round trip."""
        if self._holder is None or self._holder.closed or self._holder.broken:
            return True
        readable, _, _ = select.select([self._holder.fileno()], [], [], 0)
        return bool(readable)

    def alive(self, conn: Any, claimant: int | None) -> bool:
        if claimant is None:
            return False
        row = conn.execute(
            "select exists (select 1 from pg_locks where locktype = 'advisory' and granted and objsubid = 2"
            " and database = (select oid from pg_database where datname = current_database())"
            " and classid = cast(cast(? as bigint) as oid) and objid = cast(cast(? as bigint) as oid))",
            [_CLAIMANTS, claimant],
        ).fetchone()
        return bool(row[0])

    def migrate(self) -> list[str]:
        done: list[str] = []
        with self.transaction() as conn:
            # Two servers starting on an empty database would both try CREATE TABLE IF NOT EXISTS,
            # and the second fails on the catalog's unique index: one at a time, the lock ends with
            # the transaction.
            conn.execute("select pg_advisory_xact_lock(cast(? as bigint))", [_SCHEMA_LOCK])
            for table in TABLES:
                done += _create(conn, table)
        return done

    def check(self) -> None:
        pass  # nothing can replace the database under a connection the way a file can be

    def after_delete(self) -> None:
        pass  # deleted rows are gone for good once VACUUM (automatic) reclaims their space

    def close(self) -> None:
        self.pool.close()
        with self._lock:
            if self._holder is not None:
                self._holder.close()


def _create(conn: _Translating, table: Table) -> list[str]:
    done = []
    columns = {
        row[0]
        for row in conn.execute(
            "select column_name from information_schema.columns"
            " where table_schema = current_schema() and table_name = ?",
            [table.name],
        ).fetchall()
    }
    if not columns:
        spelled = [
            f'"{name}" bigint generated by default as identity primary key'
            if table.serial and name == table.pk
            else f'"{name}" {_TYPES[kind]}' + (" primary key" if name == table.pk else "")
            for name, kind in table.columns.items()
        ]
        conn.execute(f'create table if not exists "{table.name}" ({", ".join(spelled)})')
        done.append(f"created table {table.name}")
    else:
        for name, kind in table.columns.items():
            if name not in columns:
                conn.execute(f'alter table "{table.name}" add column "{name}" {_TYPES[kind]}')
                done.append(f"added column {table.name}.{name}")
    indexes = {
        row[0]
        for row in conn.execute(
            "select indexname from pg_indexes where schemaname = current_schema() and tablename = ?", [table.name]
        ).fetchall()
    }
    for column in table.indexes:
        if table.index_name(column) not in indexes:
            conn.execute(f'create index if not exists "{table.index_name(column)}" on "{table.name}" ("{column}")')
            done.append(f"created index {table.index_name(column)}")
    return done
