"""Small helpers for turning timings into the figures the table prints."""

from __future__ import annotations

import statistics


def percentile(samples: list[float], fraction: float) -> float:
    ordered = sorted(samples)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def summary_ms(samples: list[float]) -> str:
    """'p50 x ms, p99 y ms' for samples in seconds."""
    return f"p50 {percentile(samples, 0.5) * 1000:.3f} ms, p99 {percentile(samples, 0.99) * 1000:.3f} ms"


def mean(samples: list[float]) -> float:
    return statistics.fmean(samples)
