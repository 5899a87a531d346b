"""Benchmarks: `python -m bench` prints a table of figures. No test asserts a timing."""

from __future__ import annotations

from typing import Any

import yaml

# libyaml's parser and emitter when PyYAML was built with them: the same safe YAML, several times
# faster (the corpus is read by the reading benchmark, the simulated users and the tests; the 10x
# knowledge is written for the core benchmark and the tests of the weighing).
_SAFE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SAFE_DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def safe_load(text: str) -> Any:
    """yaml.safe_load, with libyaml when available."""
    return yaml.load(text, Loader=_SAFE_LOADER)


def safe_dump(data: Any) -> str:
    """yaml.safe_dump (keys in order, Unicode as is), with libyaml when available."""
    text: str = yaml.dump(data, Dumper=_SAFE_DUMPER, sort_keys=False, allow_unicode=True)
    return text
