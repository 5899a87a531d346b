"""`advisor migrate`, and the operator's commands run against the deployed database: the same
settings pick it (DATABASE_URL for PostgreSQL, else the SQLite file), on each engine."""

from __future__ import annotations

import time

import pytest

from bot.cli import main
from bot.dialogue import State
from bot.store import ConversationKey, Store, TurnRecord


@pytest.fixture
def deployed(store_location: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The environment of a deployed bot whose database is `store_location`."""
    if store_location.startswith("postgresql://"):
        # With a password, as a platform's URL has one (the test server trusts loopback and ignores it).
        url = store_location.replace("postgresql://advisor@", "postgresql://advisor:s3cret@")
        monkeypatch.setenv("DATABASE_URL", url)
        return url
    monkeypatch.setenv("ADVISOR_DB_PATH", store_location)
    return store_location


def test_migrate_creates_the_schema_once_and_says_so(deployed: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["migrate"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert "created table conversations" in out and "created table handled_events" in out
    assert "created index idx_turns_conversation" in out
    assert out[-1].endswith(f": {len(out) - 1} changes") and "s3cret" not in out[-1]
    assert main(["migrate"]) == 0
    again = capsys.readouterr().out.splitlines()
    assert len(again) == 1 and again[0].endswith(": schema up to date")
    assert again[0].startswith(("SQLite file", "PostgreSQL database"))


def test_leads_stats_and_purge_read_the_deployed_database(deployed: str, capsys: pytest.CaptureFixture[str]) -> None:
    store = Store.open(deployed)
    now = time.time()
    old, recent = ConversationKey("T1:U1", "dm:D1"), ConversationKey("T1:U2", "dm:D2")
    store.save(old, State(), 0, now=now - 100 * 86400, record=TurnRecord(said="hi", replied=[]))
    advised = TurnRecord(said="yes", replied=[], recommendations=[("tensorflow", "{}")])
    store.save(recent, State(answers={"skills": ["keras"]}), 0, now=now, record=advised)
    store.record_consultation_request(recent.user, recent.id)

    assert main(["leads", "--since", "1d"]) == 0
    assert "T1:U2,dm:D2|T1:U2,tensorflow" in capsys.readouterr().out
    assert main(["stats", "--since", "1y"]) == 0
    assert "conversations active in the last 1y: 2\nreached a recommendation: 1" in capsys.readouterr().out
    assert main(["purge", "--older-than", "90d"]) == 0
    assert "purged 2 stored records" in capsys.readouterr().out  # the old conversation and its turn
    assert store.load(old) is None and store.load(recent) is not None
    store.close()


def test_unanswered_lists_the_questions_the_advisor_could_not_answer(
    deployed: str, capsys: pytest.CaptureFixture[str]
) -> None:
    import csv
    import io

    from bot.dialogue import Said
    from bot.service import Service
    from bot.settings import load_settings

    service = Service(load_settings())
    key = ConversationKey("E1/T7:U1", "dm:D1")
    for line in ["we are 3 pytorch devs shipping an android app in 6 weeks", "vision", "greenfield", "nvidia"]:
        service.handle(key, Said(line))
    for line in [
        "none",
        "yes",
        "what's the capital of France?",
        "why not tensorflow?",
        "does it run on a toaster, eh?",
    ]:
        service.handle(key, Said(line))
    service.store.save(
        ConversationKey("T9:U2", "dm:D2"),
        State(),
        0,
        now=time.time() - 40 * 86400,
        record=TurnRecord(said="?", replied=[], unanswered=["older than 30 days"]),
    )

    assert main(["unanswered"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["workspace"], r["question"]) for r in rows] == [
        ("E1/T7", "does it run on a toaster, eh?"),
        ("E1/T7", "what's the capital of France?"),
    ]
    assert main(["unanswered", "--since", "60d"]) == 0
    assert "T9,older than 30 days" in capsys.readouterr().out


def test_a_database_url_that_is_not_postgresql_stops_with_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("DATABASE_URL", "mysql://db.example/advisor")
    assert main(["migrate"]) == 2
    assert capsys.readouterr().err.startswith("advisor: DATABASE_URL: ")
