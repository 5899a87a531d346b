"""Every table the store keeps, as data: each engine (bot.store_sqlite, bot.store_postgres) creates
them from this one description, so the two databases cannot drift apart.

To add a table or a column, add it here: opening a store (or `advisor migrate`) creates what is
missing on either engine - tables, indexes and new columns of existing tables (added as nullable
columns: give a new column a meaning when it is NULL, since existing rows get NULL). Renaming or
dropping is not automatic.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Table:
    name: str
    columns: dict[str, type]  # str, int or float
    pk: str
    indexes: list[str] = field(default_factory=list)  # one column each
    serial: bool = False  # the primary key is a number the database assigns

    def index_name(self, column: str) -> str:
        return f"idx_{self.name}_{column}"  # sqlite-utils' naming, which existing files already have


TABLES = [
    Table(
        "conversations",
        {"id": str, "user": str, "place": str, "state": str, "version": int, "updated_at": float},
        pk="id",
        indexes=["updated_at", "user"],
    ),
    Table(
        "turns",
        {"id": int, "conversation": str, "user": str, "at": float, "said": str, "replied": str, "step": str},
        pk="id",
        indexes=["conversation", "user", "at"],
        serial=True,
    ),
    Table(
        "recommendations",
        {"id": int, "conversation": str, "user": str, "at": float, "answers": str, "verdict": str, "body": str},
        pk="id",
        indexes=["user", "at"],
        serial=True,
    ),
    # Slack events whose turn committed, with the replies still to post (the outbox) and who is
    # posting them: a delivery claim, see Store.claim_delivery.
    Table(
        "handled_events",
        {"id": str, "at": float, "user": str, "outbox": str, "delivery": int, "claimed_by": int, "claimed_at": float},
        pk="id",
        indexes=["at"],
    ),
    # Who asked for a consultation, after which recommendation: the consultancy's leads.
    # contacted_at / contacted_by: when an admin marked it contacted on the Home tab, and who (NULL: not yet).
    Table(
        "consultation_requests",
        {
            "id": int,
            "conversation": str,
            "user": str,
            "at": float,
            "answers": str,
            "verdict": str,
            "contacted_at": float,
            "contacted_by": str,
        },
        pk="id",
        indexes=["at"],
        serial=True,
    ),
    # Follow-up questions nothing in the knowledge answered, as typed: the consultancy's to-do list for
    # the knowledge. `workspace` is the user's ("T123", "E1/T123"; "" in the terminal).
    Table(
        "unanswered_questions",
        {"id": int, "conversation": str, "user": str, "workspace": str, "at": float, "text": str},
        pk="id",
        indexes=["at", "user"],
        serial=True,
    ),
    # Slack events (but messages and mentions, whose turn commits before the ack) and slash commands
    # as received, written before they are acknowledged: a worker killed before taking the turn
    # leaves them here for the sweeper (bot.slack_sweeper).
    Table(
        "inbox",
        {"id": str, "body": str, "received_at": float, "attempts": int, "lease_until": float},
        pk="id",
        indexes=["received_at"],
    ),
    # The Slack message of each conversation that still shows buttons, to close once answered.
    Table(
        "open_prompts",
        {"conversation": str, "channel": str, "ts": str, "text": str, "blocks": str},
        pk="conversation",
    ),
]
