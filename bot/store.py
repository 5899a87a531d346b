"""Conversation state, transcripts, recommendations and handled events: the store's contract, and
every method of it written once for both engines.

Nothing about a conversation lives in process memory: every turn loads the state and commits it
back in one short transaction - with a version check, the transcript line, any recommendation and
(for a Slack event) the event id and the replies to deliver - so several workers can share one
database, and a process killed at any moment leaves either the whole turn or none of it.

Two engines hold the tables (bot.store_schema describes them once): SQLite through sqlite-utils,
the default (one file, `ADVISOR_DB_PATH`), and PostgreSQL when `DATABASE_URL` is set
(bot.store_postgres), for servers on several machines. `open_store(settings)` picks one.

Adding a method: write it here, once, against `self.engine`: `with self.engine.transaction() as
conn:` for anything that writes (one transaction per method), `self._one` / `self._all` for a
plain read. Write the SQL in the subset both engines read (bot.store_engine says which: `?`
placeholders, `on conflict`, `strpos`, `"user"` quoted); add `self.engine.lock_rows` to a
select whose rows the transaction then changes. A new table or column goes in bot.store_schema.
tests/test_store_contract.py runs every method on both engines: add yours there.
"""

from __future__ import annotations

import json
import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic_core import PydanticSerializationError, to_json

from bot.settings import Settings
from bot.state import State
from bot.store_engine import POSTGRES_SCHEMES, Connection, Engine
from bot.store_sqlite import DatabaseGone, SqliteEngine

__all__ = ["AlreadyHandled", "Conflict", "ConversationKey", "DatabaseGone", "Store", "TurnRecord", "open_store"]

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
    unanswered: list[str] = field(default_factory=list)  # follow-ups the knowledge could not answer
    consultation: bool = False  # the user agreed to be contacted by a consultant in this turn


_SAME_REQUEST = 3600.0  # seconds: asking for a consultant again within it is the same lead
# The tables whose rows are someone's ("user"): what forgetting a user or a workspace deletes.
_USERS_ROWS = ("conversations", "turns", "recommendations", "consultation_requests", "unanswered_questions")
# The tables whose rows are dated ("at"): what a purge deletes by age (conversations go by updated_at).
_DATED_ROWS = ("turns", "recommendations", "handled_events", "consultation_requests", "unanswered_questions")
_FORGET_PROMPT = "delete from open_prompts where conversation = ? and ts = ?"
CLAIM_LEASE = 120.0  # seconds a process may take to post one event's replies before another may
_POSTING, _DELIVERED = 2, 1  # handled_events.delivery; 0 = committed, not yet claimed


def _dumps(value: Any) -> str:
    """`value` (plain data) as JSON text for a column: pydantic-core's encoder, 3-5x faster than
    json.dumps on a turn's replies (they are written on every message), compact and with UTF-8 as it
    is; json.loads reads either. A lone surrogate, which UTF-8 cannot carry, gets json.dumps's escape."""
    try:
        return to_json(value).decode()
    except PydanticSerializationError:
        return json.dumps(value)


def _older(ts: str, than: str) -> bool:
    """Whether Slack message `ts` was posted before `than`: decimal strings ("1763950002.000300"),
    the shorter, or else the smaller, is older (as the open-prompt upsert compares them)."""
    return (len(ts), ts) < (len(than), than)


class Conflict(Exception):
    """Another worker saved this conversation since it was loaded; retry the turn."""


class AlreadyHandled(Exception):
    """The event was handled already (a retried delivery racing the first one)."""


def open_store(settings: Settings) -> Store:
    """The store the settings name: PostgreSQL at DATABASE_URL if set, else the SQLite file."""
    return Store.open(settings.database_url or settings.db_path)


class Store:
    """The bot's persistence; every method is one short transaction."""

    def __init__(self, location: Path | str) -> None:
        """`location`: a SQLite file (or ":memory:"), or a `postgresql://` URL. Creates the schema."""
        self.engine: Engine
        if str(location).startswith(POSTGRES_SCHEMES):
            from bot.store_postgres import PostgresEngine  # psycopg itself loads only for PostgreSQL

            self.engine = PostgresEngine(str(location))
            self.path = "(PostgreSQL)"  # never the URL: it may carry a password
        else:
            self.engine = SqliteEngine(location)
            self.path = str(location)
        self.migrated = self.engine.migrated  # what opening it created: tables, columns, indexes
        self.where = self.engine.where  # which database, for people (never a password)

    @classmethod
    def open(cls, location: Path | str) -> Store:
        return cls(location)

    @property
    def db(self) -> Any:
        """The database for a direct statement (`db.execute(sql, params)`), as scripts and tests use it:
        a sqlite-utils Database, or on PostgreSQL one that reads the same `?` placeholders."""
        return self.engine.db

    def _one(self, sql: str, parameters: list[Any]) -> Any:
        with self.engine.connection() as conn:
            return conn.execute(sql, parameters).fetchone()

    def _all(self, sql: str, parameters: list[Any]) -> list[Any]:
        with self.engine.connection() as conn:
            return conn.execute(sql, parameters).fetchall()

    def migrate(self) -> list[str]:
        """Create the tables, columns and indexes the database lacks; what was done (empty: none)."""
        return self.engine.migrate()

    def close(self) -> None:
        self.engine.close()

    def check_file(self) -> None:
        """Raise DatabaseGone unless the SQLite file is still the one opened at start (a stat call;
        on PostgreSQL there is no file to replace, and nothing to check)."""
        self.engine.check()

    def healthy(self) -> bool:
        """Whether the database can be used: its file is the one opened at start, and it answers."""
        try:
            self._one("select 1", [])
        except DatabaseGone:
            return False
        except self.engine.error:
            return False
        return True

    def checkpoint(self) -> None:
        """Make deleted rows unreadable everywhere the engine keeps them (SQLite: empty the WAL)."""
        self.engine.after_delete()

    def load(self, key: ConversationKey) -> Stored | None:
        row = self._one("select state, version, updated_at from conversations where id = ?", [key.id])
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
        claimant = self.engine.claimant() if record is not None and record.event_id is not None else None
        with self.engine.transaction() as conn:
            if version == 0:
                cursor = conn.execute(
                    'insert into conversations (id, "user", place, state, version, updated_at)'
                    " values (?, ?, ?, ?, 1, ?) on conflict do nothing",
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
                self._record(conn, key, state, now, record, claimant)
        return version + 1

    def _record(
        self,
        conn: Connection,
        key: ConversationKey,
        state: State,
        now: float,
        record: TurnRecord,
        claimant: int | None,
    ) -> None:
        if record.event_id is not None:
            try:
                # Claimed for posting by this process as it commits: see claim_delivery.
                conn.execute(
                    'insert into handled_events (id, at, "user", outbox, delivery, claimed_by, claimed_at)'
                    " values (?, ?, ?, ?, ?, ?, ?)",
                    [record.event_id, now, key.user, _dumps(record.outbox), _POSTING, claimant, now],
                )
            except self.engine.integrity_error:
                raise AlreadyHandled(record.event_id) from None
        conn.execute(
            'insert into turns (conversation, "user", at, said, replied, step) values (?, ?, ?, ?, ?, ?)',
            [key.id, key.user, now, record.said, _dumps(record.replied), state.pending or ""],
        )
        for verdict, body in record.recommendations:
            conn.execute(
                'insert into recommendations (conversation, "user", at, answers, verdict, body)'
                " values (?, ?, ?, ?, ?, ?)",
                [key.id, key.user, now, _dumps(state.answers), verdict, body],
            )
        if record.consultation:
            self._consultation_request(conn, key.user, key.id, now)
        for text in record.unanswered:
            conn.execute(
                'insert into unanswered_questions (conversation, "user", workspace, at, text) values (?, ?, ?, ?, ?)',
                [key.id, key.user, key.user.rpartition(":")[0], now, text],
            )

    # -- Slack events ------------------------------------------------------------------------------

    def keep(self, request_id: str, body: str, now: float | None = None) -> None:
        """Write a request to the inbox before it is acknowledged (a redelivery keeps the first)."""
        now = time.time() if now is None else now
        with self.engine.transaction() as conn:
            conn.execute(
                "insert into inbox (id, body, received_at, attempts, lease_until) values (?, ?, ?, 0, 0)"
                " on conflict do nothing",
                [request_id, body, now],
            )

    def claim_unanswered(self, now: float, older_than: float, lease: float, attempts: int) -> list[tuple[str, str]]:
        """Requests received more than `older_than` seconds ago whose turn never committed, each
        claimed for `lease` seconds (a database lease: another worker takes it only after it lapses),
        at most `attempts` times in all. Sweepers of several servers at once each take different ones."""
        with self.engine.transaction() as conn:
            rows = conn.execute(
                "select id, body from inbox where received_at < ? and lease_until < ? and attempts < ?"
                " and id not in (select id from handled_events) order by received_at limit 100"
                + self.engine.skip_locked,
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
        rows = self._all(
            "select id from handled_events where delivery != ? and outbox != 'null' and claimed_at < ?",
            [_DELIVERED, now - 1.0],
        )
        return [str(r[0]) for r in rows]

    def settle_inbox(self, before: float) -> None:
        """Drop requests whose turn has committed (their words need not wait any longer) and any
        received before `before` (given up on)."""
        with self.engine.transaction() as conn:
            conn.execute("delete from inbox where id in (select id from handled_events) or received_at < ?", [before])

    def was_handled(self, event_id: str) -> bool:
        return self._one("select 1 from handled_events where id = ?", [event_id]) is not None

    def claim_delivery(self, event_id: str, now: float | None = None) -> Any:
        """Take the job of posting a handled event's replies: its outbox, or None if there is
        nothing to post - delivered already, or being posted by a live process right now.

        The claim is a lease in the database: it lapses when the claiming process is gone (killed
        mid-post: at once) or, in case a process hangs, after CLAIM_LEASE seconds. The engine says
        whether a claimant is alive: a process id on SQLite (one machine), a session's advisory
        lock on PostgreSQL (any machine).
        """
        now = time.time() if now is None else now
        claimant = self.engine.claimant()
        with self.engine.transaction() as conn:
            row = conn.execute(
                "select delivery, claimed_by, claimed_at, outbox from handled_events where id = ?"
                + self.engine.lock_rows,
                [event_id],
            ).fetchone()
            if row is None or row[0] == _DELIVERED:
                return None
            delivery, claimed_by, claimed_at, outbox = row
            if delivery == _POSTING and now - claimed_at < CLAIM_LEASE and self.engine.alive(conn, claimed_by):
                return None
            conn.execute(
                "update handled_events set delivery = ?, claimed_by = ?, claimed_at = ? where id = ?",
                [_POSTING, claimant, now, event_id],
            )
        return json.loads(outbox)

    def delivered(
        self,
        event_id: str | None,
        conversation: str | None,
        previous: dict[str, Any] | None,
        prompt: dict[str, Any] | None,
    ) -> None:
        """After a turn's messages are posted, in one transaction: the event delivered (if there is
        one), and the conversation's open question replaced: `previous` (now being closed) forgotten
        if it is still recorded, and `prompt` recorded, if any. One write, not two, per message.

        An older message never replaces a newer one: a turn that posted its question just before a
        click on it arrived may record it after the click's turn recorded the next question. Nor is a
        prompt recorded for a conversation that is gone (forgotten while its question was posted)."""
        prompts = conversation is not None and (previous is not None or prompt is not None)
        if not prompts and event_id is None:
            return  # nothing to record: no write transaction at all
        with self.engine.transaction() as conn:
            if prompts and conversation is not None:
                self._replace_prompt(conn, conversation, previous, prompt)
            if event_id is not None:
                conn.execute(
                    "update handled_events set delivery = ?, outbox = 'null' where id = ?", [_DELIVERED, event_id]
                )

    def record_delivery(
        self,
        event_id: str | None,
        conversation: str | None,
        prompt: dict[str, Any] | None,
        posted_at: str | None,
    ) -> dict[str, Any] | None:
        """`delivered` for messages just posted, the first of them at `posted_at` (a Slack ts), with
        the question they replace read in the same transaction (one transaction where a read and a
        transaction were): the conversation's open question, if it was posted before them. That
        question, returned, is the caller's to close (its buttons taken off); one posted after them,
        by another turn meanwhile, stays open and recorded."""
        if conversation is None:
            self.delivered(event_id, None, None, prompt)
            return None
        previous: dict[str, Any] | None = None
        with self.engine.transaction() as conn:
            row = conn.execute(
                "select channel, ts, text, blocks from open_prompts where conversation = ?" + self.engine.lock_rows,
                [conversation],
            ).fetchone()
            if row is not None and (posted_at is None or _older(str(row[1]), posted_at)):
                previous = {"channel": row[0], "ts": row[1], "text": row[2], "blocks": json.loads(row[3])}
            if previous is not None or prompt is not None:
                self._replace_prompt(conn, conversation, previous, prompt)
            if event_id is not None:
                conn.execute(
                    "update handled_events set delivery = ?, outbox = 'null' where id = ?", [_DELIVERED, event_id]
                )
        return previous

    def open_prompt(self, conversation: str) -> dict[str, Any] | None:
        """The conversation's message that still shows answer buttons, if any."""
        row = self._one("select channel, ts, text, blocks from open_prompts where conversation = ?", [conversation])
        return None if row is None else {"channel": row[0], "ts": row[1], "text": row[2], "blocks": json.loads(row[3])}

    @staticmethod
    def _replace_prompt(
        conn: Connection, conversation: str, previous: dict[str, Any] | None, prompt: dict[str, Any] | None
    ) -> None:
        if previous is not None and prompt is None:
            # With a new prompt there is no delete to make: the upsert below replaces `previous`
            # (posted before it, so older) in the conversation's one row, or leaves a newer one.
            conn.execute(_FORGET_PROMPT, [conversation, previous["ts"]])
        if prompt is not None:
            # Slack's ts are decimal strings ("1763950002.000300"): the longer, or else the greater, is newer.
            conn.execute(
                "insert into open_prompts (conversation, channel, ts, text, blocks)"
                " select cast(? as text), cast(? as text), cast(? as text), cast(? as text), cast(? as text)"
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
                    _dumps(prompt["blocks"]),
                    conversation,
                ],
            )

    def prompt_owner(self, channel: str, ts: str) -> str | None:
        """The conversation whose open question the message `ts` is, if it is one."""
        row = self._one("select conversation from open_prompts where channel = ? and ts = ?", [channel, ts])
        return None if row is None else str(row[0])

    def forget_prompt(self, conversation: str, ts: str) -> None:
        with self.engine.transaction() as conn:
            conn.execute(_FORGET_PROMPT, [conversation, ts])

    def latest_recommendation(self, user: str) -> tuple[float, str] | None:
        """When `user` last got a recommendation, and its body (JSON)."""
        row = self._one('select at, body from recommendations where "user" = ? order by id desc limit 1', [user])
        return None if row is None else (row[0], row[1])

    # -- the consultancy's leads ---------------------------------------------------------------------

    def record_consultation_request(self, user: str, conversation: str, now: float | None = None) -> None:
        """Note that `user` opened the consultation link, with the latest recommendation they got."""
        with self.engine.transaction() as conn:
            self._consultation_request(conn, user, conversation, time.time() if now is None else now)

    def _consultation_request(self, conn: Connection, user: str, conversation: str, now: float) -> None:
        """One request per conversation an hour: the button pressed, then "yes" to being contacted
        (or "talk to a human" typed, then "yes") is one lead, not two."""
        recent = conn.execute(
            "select 1 from consultation_requests where conversation = ? and at > ?", [conversation, now - _SAME_REQUEST]
        ).fetchone()
        if recent is not None:
            return
        latest = conn.execute(
            "select answers, verdict from recommendations where conversation = ? order by id desc limit 1",
            [conversation],
        ).fetchone()
        answers, verdict = latest if latest else ("{}", "")
        conn.execute(
            'insert into consultation_requests (conversation, "user", at, answers, verdict) values (?, ?, ?, ?, ?)',
            [conversation, user, now, answers, verdict],
        )

    def consultation_requests(self, since: float) -> list[dict[str, Any]]:
        rows = self._all(
            'select at, "user", conversation, verdict, answers from consultation_requests where at >= ? order by at',
            [since],
        )
        return [
            {"at": r[0], "user": r[1], "conversation": r[2], "verdict": r[3], "answers": json.loads(r[4])} for r in rows
        ]

    def recent_leads(self, limit: int) -> list[dict[str, Any]]:
        """The latest `limit` consultation requests, newest first, with whether one was contacted
        (`contacted_at` and `contacted_by` are None until an admin marks it: `mark_contacted`) and
        whether its user consented to be contacted, as their conversation says now (`consent`, as
        State.consent: "unasked" when the conversation is gone)."""
        rows = self._all(
            'select r.id, r.at, r."user", r.verdict, r.contacted_at, r.contacted_by, c.state'
            " from consultation_requests r left join conversations c on c.id = r.conversation"
            " order by r.at desc, r.id desc limit ?",
            [limit],
        )
        keys = ("id", "at", "user", "verdict", "contacted_at", "contacted_by")
        return [
            {
                **dict(zip(keys, row[:6], strict=True)),
                "consent": State.model_validate_json(row[6]).consent if row[6] else "unasked",
            }
            for row in rows
        ]

    def mark_contacted(self, lead_id: int, by: str, now: float | None = None) -> bool:
        """Note that an admin (`by`) contacted lead `lead_id`; the first mark stands. Whether it was
        marked now (False: marked already, or gone - forgotten or purged)."""
        with self.engine.transaction() as conn:
            cursor = conn.execute(
                "update consultation_requests set contacted_at = ?, contacted_by = ?"
                " where id = ? and contacted_at is null",
                [time.time() if now is None else now, by, lead_id],
            )
            marked = cursor.rowcount == 1
        return marked

    def activity(self, since: float) -> tuple[int, int]:
        """Conversations started since `since` (their first turn is that recent), and conversations
        given a recommendation since then."""
        started = self._one(
            "select count(*) from (select conversation from turns group by conversation having min(at) >= ?) s",
            [since],
        )[0]
        finished = self._one("select count(distinct conversation) from recommendations where at >= ?", [since])[0]
        return int(started), int(finished)

    def verdict_mix(self, since: float) -> dict[str, int]:
        """Recommendations given since `since`, counted by verdict."""
        rows = self._all("select verdict, count(*) from recommendations where at >= ? group by verdict", [since])
        return {str(verdict): int(n) for verdict, n in rows}

    def drop_off(self, since: float) -> tuple[int, int, dict[str, int]]:
        """Conversations active since `since`: how many, how many got a recommendation, and for the
        rest, the question each was left waiting on (from the transcript's last turn)."""
        rows = self._all(
            """
            select t.conversation, t.step,
                   exists(select 1 from recommendations r where r.conversation = t.conversation)
            from turns t
            join (select conversation, max(id) as last from turns where at >= ? group by conversation) l
              on t.id = l.last
            """,
            [since],
        )
        waiting: dict[str, int] = {}
        for _conversation, step, advised in rows:
            if not advised:
                waiting[step or "(recap)"] = waiting.get(step or "(recap)", 0) + 1
        return len(rows), sum(1 for row in rows if row[2]), waiting

    def unanswered_questions(self, since: float, limit: int | None = None) -> list[dict[str, Any]]:
        """Follow-up questions the knowledge could not answer, asked since `since`, newest first
        (at most `limit`): when, in which workspace, and the words as typed."""
        rows = self._all(
            "select at, workspace, text from unanswered_questions where at >= ? order by at desc, id desc"
            + ("" if limit is None else f" limit {int(limit)}"),
            [since],
        )
        return [{"at": r[0], "workspace": r[1], "text": r[2]} for r in rows]

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
        claimant = self.engine.claimant() if event_id is not None else None
        removed = 0
        with self.engine.transaction() as conn:
            if expect is not None:
                key, version = expect
                row = conn.execute(
                    "select version from conversations where id = ?" + self.engine.lock_rows, [key.id]
                ).fetchone()
                if row is None or row[0] != version:
                    raise Conflict(key.id)
            for table in _USERS_ROWS:
                removed += conn.execute(f'delete from {table} where "user" = ?', [user]).rowcount
            conn.execute(
                """update handled_events set "user" = '', outbox = 'null', delivery = ? where "user" = ?""",
                [_DELIVERED, user],
            )
            # An admin who is forgotten leaves no name on the leads they marked contacted.
            conn.execute("update consultation_requests set contacted_by = '' where contacted_by = ?", [user])
            suffix = f"|{user}"
            conn.execute(
                "delete from open_prompts"
                " where substr(conversation, length(conversation) - cast(? as integer) + 1) = ?",
                [len(suffix), suffix],
            )
            # Requests still waiting in the inbox carry the user's words: those go too.
            slack_user = user.rsplit(":", 1)[-1]
            conn.execute("delete from inbox where strpos(body, ?) > 0", [f'"{slack_user}"'])
            if event_id is not None:
                try:  # nothing in it about whom: the confirmation is posted by this process, once
                    conn.execute(
                        'insert into handled_events (id, at, "user", outbox, delivery, claimed_by, claimed_at)'
                        " values (?, ?, '', 'null', ?, ?, ?)",
                        [event_id, now, _DELIVERED, claimant, now],
                    )
                except self.engine.integrity_error:
                    raise AlreadyHandled(event_id) from None
        self.checkpoint()
        return removed

    def purge_older_than(self, seconds: float, now: float | None = None) -> int:
        """Delete conversations idle, and records made, more than `seconds` ago."""
        cutoff = (time.time() if now is None else now) - seconds
        removed = 0
        with self.engine.transaction() as conn:
            removed += conn.execute("delete from conversations where updated_at < ?", [cutoff]).rowcount
            for table in _DATED_ROWS:
                removed += conn.execute(f"delete from {table} where at < ?", [cutoff]).rowcount
            conn.execute("delete from open_prompts where conversation not in (select id from conversations)")
        self.checkpoint()
        return removed

    def forget_workspace(self, team_key: str) -> int:
        """Delete everything stored about the workspace `team_key` (named as `bot.slack_keys.workspace`
        names it: "T123", "E1/T123", or an org's "E1" for every workspace in it), as when the app is
        uninstalled there: its users' conversations, transcripts, recommendations, consultation
        requests and unanswered questions, their open prompts, and its requests waiting in the inbox.
        As with `forget_user`, the ids of handled events stay, emptied of whose they were and of any
        reply. Returns how many rows went."""
        # Users are stored workspace-first ("T123:U456", "E1/T123:U456"): a prefix match, written with
        # substr rather than LIKE so no character of an id can act as a wildcard.
        prefixes = [f"{team_key}:", f"{team_key}/"]
        removed = 0
        with self.engine.transaction() as conn:
            for prefix in prefixes:
                for table in _USERS_ROWS:
                    removed += conn.execute(
                        f'delete from {table} where substr("user", 1, cast(? as integer)) = ?', [len(prefix), prefix]
                    ).rowcount
                conn.execute(
                    """update handled_events set "user" = '', outbox = 'null', delivery = ?"""
                    """ where substr("user", 1, cast(? as integer)) = ?""",
                    [_DELIVERED, len(prefix), prefix],
                )
                # A conversation id ends "|<user>" (ConversationKey.id), and a place holds no "|".
                conn.execute("delete from open_prompts where strpos(conversation, ?) > 0", [f"|{prefix}"])
            team = team_key.rsplit("/", 1)[-1]
            conn.execute("delete from inbox where strpos(body, ?) > 0", [f'"{team}"'])
        self.checkpoint()
        return removed
