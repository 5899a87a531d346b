"""What the store needs of a database engine: the seam between `bot.store` (every method, written
once) and the engines (`bot.store_sqlite`, `bot.store_postgres`).

The store's SQL is written once, in the subset both engines read alike: `?` placeholders (the
PostgreSQL engine turns them into psycopg's `%s`; so never write a literal `?` or `%` in a query,
pass it as a parameter), `insert ... on conflict ... do nothing / do update` (SQLite has had it
since 3.24), `strpos(haystack, needle)` (PostgreSQL's; the SQLite engine defines it on each
connection), `substr`/`length` for a suffix (`right` is a keyword in SQLite), `cast(? as ...)`
where PostgreSQL cannot tell a parameter's type from its place, and the column `"user"` always
quoted (a reserved word in PostgreSQL). What cannot be spelled alike is an attribute of the
engine: `lock_rows` and `skip_locked`, appended to a select inside a transaction.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol

POSTGRES_SCHEMES = ("postgresql://", "postgres://")  # what DATABASE_URL may start with (Heroku says postgres://)


class Cursor(Protocol):
    @property
    def rowcount(self) -> int: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...


class Connection(Protocol):
    def execute(self, sql: str, parameters: Sequence[Any] = ..., /) -> Cursor: ...


class Engine(Protocol):
    name: str  # "sqlite" or "postgresql"
    integrity_error: tuple[type[Exception], ...]  # what a duplicate primary key raises
    error: tuple[type[Exception], ...]  # any failure of the database itself
    # ' for update' on PostgreSQL, where concurrent transactions must queue on the rows they are about
    # to change; empty on SQLite, whose write transactions (BEGIN IMMEDIATE) already run one at a time.
    lock_rows: str
    where: str  # which database, said for people: "SQLite file ...", "PostgreSQL database ... on host:port"
    migrated: list[str]  # what opening the database created (see migrate)
    skip_locked: str  # as lock_rows, but other transactions skip the rows instead of waiting for them

    @property
    def db(self) -> Any:
        """What `Store.db` gives: `execute(sql, params)` for direct statements (scripts, tests)."""
        ...

    def transaction(self) -> AbstractContextManager[Connection]:
        """One write transaction: committed at the end of the block, rolled back if it raises."""
        ...

    def connection(self) -> AbstractContextManager[Connection]:
        """A connection for reads, each statement committed on its own."""
        ...

    def claimant(self) -> int:
        """Who this process is, for delivery claims that another process can check on."""
        ...

    def alive(self, conn: Connection, claimant: int | None) -> bool:
        """Whether the process that `claimant` names still runs (checked inside a transaction)."""
        ...

    def migrate(self) -> list[str]:
        """Create what bot.store_schema has and the database lacks; say what was done (idempotent,
        safe when several processes do it at once)."""
        ...

    def check(self) -> None:
        """Raise DatabaseGone if the database was replaced under the process (SQLite's file)."""
        ...

    def after_delete(self) -> None:
        """Make deleted rows unreadable where the engine keeps copies (SQLite's write-ahead log)."""
        ...

    def close(self) -> None: ...
