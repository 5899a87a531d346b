"""The benchmark harness runs: a core benchmark with a tiny round count prints its rows.

Benchmarks print figures; nothing here asserts a timing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench import big_knowledge, core, storage
from bench.__main__ import main
from bench.users import Population
from bot.knowledge import load_knowledge
from bot.settings import data_path

FIGURES = re.compile(r"^p50 \d+\.\d+ ms, p99 \d+\.\d+ ms")


def test_the_core_benchmark_gives_p50_and_p99_for_every_kind_of_step() -> None:
    rows = core.run(rounds=2)
    kinds = {kind for _, kind in core.SCRIPT}
    every = {"core step: every step", "core step: every step, thread CPU time"}
    assert set(rows) == {f"core step: {kind}" for kind in kinds} | every
    assert all(FIGURES.match(value) for value in rows.values()), rows
    assert "target p99 < 1 ms" in rows["core step: every step"]


@pytest.mark.slow  # (seconds: it runs in the slow suite, keeping the everyday run short)
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


@pytest.mark.slow  # (seconds: it runs in the slow suite, keeping the everyday run short)
def test_the_storage_benchmark_runs_the_message_path_on_both_sizes() -> None:
    rows = storage.run(large=3_000, small=300, turns=60)
    assert list(rows) == [
        "storage sqlite: message path, 300 conversations stored",
        "storage sqlite: message path, 3,000 conversations stored",
        "storage sqlite: per-message cost 3,000 / 300",
    ]
    assert rows["storage sqlite: per-message cost 3,000 / 300"].startswith("mean ")


def test_the_ten_times_knowledge_passes_the_real_loader(tmp_path: Path) -> None:
    knowledge = big_knowledge.load(tmp_path)
    assert len(knowledge.criteria) == 10 * len(load_knowledge(data_path("knowledge")).criteria)


def test_simulated_users_are_fresh_and_answer_what_they_are_asked() -> None:
    population = Population()
    first, second = population.new_user(), population.new_user()
    assert first.id != second.id
    assert first.next_line(None) in population.book.answers["use_case"]
    assert first.next_line("deployment") in population.book.answers["deployment"]
    assert first.next_line("recap") in population.book.confirm
    assert first.next_line("") in population.book.follow_up
    assert first.next_line("") is None  # after one follow-up the user leaves


@pytest.mark.slow
def test_the_http_benchmark_drives_both_apps_over_plain_http_and_tls() -> None:
    web = pytest.importorskip("bench.web", reason="needs the bench extra: pip install -e '.[bench]'")
    rows = web.run(users=(1,), requests=12, starts=0, paced=(3, 6))
    for transport in ("plain", "TLS"):
        for load in ("N=1 back-to-back", "N=3 paced (1-5 s think time)"):
            for app in ("advisor", "minimal app"):
                row = rows[f"HTTP sqlite {transport} {load} {app}"]
                assert row.startswith("worker CPU ") and " 0 errors" in row, row
            assert "worker CPU per message" in rows[f"HTTP sqlite {transport} {load} advisor / minimal app"]


def test_a_ratio_over_too_few_messages_to_measure_is_no_crash() -> None:
    """A handful of paced messages may cost the minimal app less CPU than the clock's tick: the
    ratio row says so instead of dividing by zero (it once failed the slow smoke run)."""
    web = pytest.importorskip("bench.web", reason="needs the bench extra: pip install -e '.[bench]'")
    advisor = web.LoadResult(users=3, requests=6, seconds=2.0, worker_cpu=0.01)
    minimal = web.LoadResult(users=3, requests=6, seconds=2.0, worker_cpu=0.0)
    assert "n/a (too few to measure)" in web._ratio(advisor, minimal)
