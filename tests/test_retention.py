from __future__ import annotations

import time

import pytest

from bot.dialogue import State
from bot.retention import BadAge, parse_age
from bot.store import ConversationKey, Store


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
