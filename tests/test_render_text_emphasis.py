"""The terminal (and fallback) text's emphasis removal: the same as the plainly written regex."""

from __future__ import annotations

import random
import re

import pytest

from bot.render_text import plain

# The pattern as first written, look-behinds first: slow (tried at every character), plainly right.
PLAINLY = re.compile(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])|(?<![\w])_([^_\n]+)_(?![\w])")


def plainly(text: str) -> str:
    return PLAINLY.sub(lambda m: m.group(1) or m.group(2), text)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("*bold* and _italics_", "bold and italics"),
        ("snake_case_name stays", "snake_case_name stays"),
        ("2*3*4 and **twice**", "2*3*4 and **twice**"),
        ("_a_b_ *x*y* é_ü_", "_a_b_ *x*y* é_ü_"),
        ("*line\nbreak*", "*line\nbreak*"),
    ],
)
def test_emphasis_marks_go_and_other_stars_and_underscores_stay(text: str, shown: str) -> None:
    assert plain(text) == shown == plainly(text)


def test_the_same_text_as_the_plainly_written_pattern_on_random_strings() -> None:
    rng = random.Random(13)
    for _ in range(20_000):
        text = "".join(rng.choice("ab *_\n1é_*x ") for _ in range(rng.randint(0, 14)))
        assert plain(text) == plainly(text), repr(text)
