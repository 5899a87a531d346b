"""`python -m bench`: every benchmark, one table (about ten minutes on 2 cores).

`--quick` is a smoke run with smaller counts (its figures are rougher); `--only` picks sections;
`--markdown` prints the table as Markdown with the machine, for BENCHMARKS.md. The environment
reaches the servers as it is: with DATABASE_URL set the rows name that engine. Needs
`pip install -e '.[bench]'` (httpx and psutil) and the openssl command for the HTTP section.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench import advice_length, agreement, big_knowledge, core, machine, reading, storage

SECTIONS = ("reading", "agreement", "advice", "core", "storage", "http")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a one-minute smoke run with smaller counts")
    parser.add_argument("--only", choices=SECTIONS, action="append", help="run only this section (repeatable)")
    parser.add_argument("section", nargs="?", choices=SECTIONS, help="run only this section")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table with the machine")
    args = parser.parse_args(argv)
    quick: bool = args.quick
    sections = [args.section] if args.section else args.only or list(SECTIONS)

    runs: dict[str, Callable[[], dict[str, str]]] = {
        "reading": lambda: reading.run(),
        "agreement": lambda: agreement.run(),
        "advice": lambda: advice_length.run(teams=60 if quick else 200),
        "core": lambda: _core(quick),
        "storage": lambda: storage.run(large=100_000 if quick else 1_000_000, turns=300 if quick else 900),
        "http": lambda: _http(quick),
    }
    rows: list[tuple[str, str]] = []
    started = time.perf_counter()
    for name in sections:
        print(f"bench: running {name}...", file=sys.stderr, flush=True)
        rows.extend(runs[name]().items())
    elapsed = time.perf_counter() - started
    if args.markdown:
        print(machine.markdown())
        print()
        print("| benchmark | result |\n|---|---|")
        print("\n".join(f"| {name} | {value} |" for name, value in rows))
    else:
        width = max(len(name) for name, _ in rows)
        print(f"{'benchmark'.ljust(width)}  result")
        print(f"{'-' * width}  {'-' * 6}")
        print("\n".join(f"{name.ljust(width)}  {value}" for name, value in rows))
    print(f"\n({'quick' if quick else 'full'} run, {elapsed:.0f} s; {machine.summary()})")
    return 0


def _core(quick: bool) -> dict[str, str]:
    """The core step with today's knowledge, then with a synthetic one ten times its size."""
    rounds = 100 if quick else 400
    rows = core.run(rounds=rounds)
    with tempfile.TemporaryDirectory(prefix="advisor-bench-") as folder:
        knowledge = big_knowledge.load(Path(folder))
    rows["core step, 10x knowledge: size"] = big_knowledge.sizes(knowledge)
    rows.update(core.run(rounds=rounds, knowledge=knowledge, label="core step, 10x knowledge"))
    return rows


def _http(quick: bool) -> dict[str, str]:
    try:
        from bench import web
    except ImportError as error:  # httpx or psutil missing
        raise SystemExit(f"bench: {error.name} is missing; pip install -e '.[bench]'") from None
    return web.run(requests=150 if quick else 2000, starts=3 if quick else 5, paced=(50, 150 if quick else 600))


if __name__ == "__main__":
    raise SystemExit(main())
