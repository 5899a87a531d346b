"""The benchmark harness runs: a core benchmark with a tiny round count prints its rows.

Benchmarks print figures; nothing here asserts a timing."""

from __future__ import annotations

import re

import pytest

from bench import core
from bench.__main__ import main

FIGURES = re.compile(r"^p50 \d+\.\d+ ms, p99 \d+\.\d+ ms")


def test_the_core_benchmark_gives_p50_and_p99_for_every_kind_of_step() -> None:
    rows = core.run(rounds=2)
    kinds = {kind for _, kind in core.SCRIPT}
    assert set(rows) == {f"core step: {kind}" for kind in kinds} | {"core step: every step"}
    assert all(FIGURES.match(value) for value in rows.values()), rows
    assert "target p99 < 1 ms" in rows["core step: every step"]


def test_the_entry_point_prints_a_table(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--only", "core", "--quick"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["benchmark", "result"]
    assert "core step: every step" in out


def test_the_advice_length_benchmark_prints_words_characters_and_sources() -> None:
    from bench import advice_length

    rows = advice_length.run(teams=3)
    assert set(rows) == {
        "recommendation summary words (3 teams)",
        "recommendation summary characters",
        "recommendation summary source lines",
    }
    assert all(value.startswith("median ") for value in rows.values())
