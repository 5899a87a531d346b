"""Retention: how long stored conversations, transcripts and recommendations are kept."""

from __future__ import annotations

import re

_AGE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w|y)?\s*$", re.I)
_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400, "y": 365 * 86400}


class BadAge(ValueError):
    """An age like '90d' could not be read."""


def parse_age(text: str) -> float:
    """Seconds in an age written as 90d, 12h, 6w, 1y or plain seconds."""
    match = _AGE.match(text)
    if not match:
        raise BadAge(f"cannot read {text!r} as an age: use a number with s, m, h, d, w or y (e.g. 90d)")
    return float(match[1]) * _SECONDS[(match[2] or "s").lower()]
