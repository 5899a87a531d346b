"""Options picked by number or ordinal: "2", "1, 3", "#2", "the first one", "last"."""

from __future__ import annotations

_ORDINALS = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "fifth": 5,
    "5th": 5, "sixth": 6, "6th": 6, "seventh": 7, "7th": 7, "eighth": 8, "8th": 8, "ninth": 9, "9th": 9,
    "tenth": 10, "10th": 10, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
}  # fmt: skip
_NUMBER_FILLER = {"the", "option", "options", "number", "no", "and", "&", "or", "plus", "#", "one", "ones", "choice"}


def numbers(said: str, filler: set[str]) -> tuple[int, ...]:
    """Options picked by number or ordinal; empty unless the message is only that."""
    words = said.replace(",", " ").split()
    picks: list[int] = []
    for word in words:
        word = word.lstrip("#")
        if word.isdigit() and len(word) <= 2:
            picks.append(int(word))
        elif word == "last":
            picks.append(-1)  # the last option, whatever the step (see `Advisor._numbers`)
        elif word in _ORDINALS and word != "one":
            picks.append(_ORDINALS[word])
        elif word not in _NUMBER_FILLER and word not in filler:
            return ()
    if not picks and "one" in words and len(words) == 1:
        picks = [1]  # "one" alone; in "the first one" it is filler
    return tuple(dict.fromkeys(picks))
