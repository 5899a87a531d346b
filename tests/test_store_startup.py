"""Several servers booting at once on an empty database all come up: creating the tables is
serialised and retried, never 'database is locked' at start-up (which made gunicorn stop)."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow
PROCESSES = 8
ROUNDS = 6


def _open(path: str, start: multiprocessing.synchronize.Barrier, results: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    from bot.store import Store

    start.wait()
    try:
        Store.open(path)
        results.put("ok")
    except Exception as error:  # the test reports what went wrong in the child
        results.put(f"{type(error).__name__}: {error}")


def test_many_processes_opening_a_fresh_database_at_once_all_succeed(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")
    for round_ in range(ROUNDS):
        path = str(tmp_path / f"fresh-{round_}.db")
        start = context.Barrier(PROCESSES)
        results = context.Queue()
        children = [context.Process(target=_open, args=(path, start, results)) for _ in range(PROCESSES)]
        for child in children:
            child.start()
        outcomes = [results.get(timeout=60) for _ in children]
        for child in children:
            child.join(60)
        assert outcomes == ["ok"] * PROCESSES, outcomes
