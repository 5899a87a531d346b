from __future__ import annotations

import time
from pathlib import Path

import pytest

from bot.dialogue import State
from bot.retention import BadAge, parse_age
from bot.store import ConversationKey, Store, TurnRecord


@pytest.mark.parametrize(("text", "seconds"), [("90d", 90 * 86400), ("12h", 43200), ("2w", 1209600), ("30", 30)])
def test_ages_are_read(text: str, seconds: float) -> None:
    assert parse_age(text) == seconds


def test_a_bad_age_says_how_to_write_one() -> None:
    with pytest.raises(BadAge, match=r"e\.g\. 90d"):
        parse_age("ninety days")


def test_purge_removes_only_what_is_older() -> None:
    store = Store.open(":memory:")
    old, new = ConversationKey("U1", "dm:D1"), ConversationKey("U2", "dm:D2")
    now = time.time()
    store.save(old, State(), 0, now=now - 100 * 86400)
    store.save(new, State(), 0, now=now)
    assert store.purge_older_than(parse_age("90d")) == 1
    assert store.load(old) is None
    assert store.load(new) is not None


def test_what_purge_deleted_is_left_in_neither_the_database_nor_its_log(tmp_path: Path) -> None:
    path = tmp_path / "advisor.db"
    store = Store.open(path)
    old, new = ConversationKey("U1", "dm:D1"), ConversationKey("U2", "dm:D2")
    now = time.time()
    said = TurnRecord(said="zebracorn-7431 is our codename", replied=["Say"])
    store.save(old, State(), 0, now=now - 100 * 86400, record=said)
    store.save(new, State(), 0, now=now, record=TurnRecord(said="kept", replied=["Say"]))
    assert b"zebracorn" in Path(f"{path}-wal").read_bytes(), "written through the log, as every commit is"

    assert store.purge_older_than(parse_age("90d")) == 2  # the conversation and its turn
    for name in ("advisor.db", "advisor.db-wal"):
        assert b"zebracorn" not in (tmp_path / name).read_bytes(), f"the purged words survive in {name}"
    assert Path(f"{path}-wal").stat().st_size == 0, "the log is emptied"
    assert store.load(new) is not None
