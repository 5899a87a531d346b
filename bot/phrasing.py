"""Where a message's clauses end, and finding cue phrases (with `*` gaps) in normalised words."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, cast

from bot.normalising import normalise

# Clause boundaries: , ; ! ? newlines, a full stop before a space, a dash between spaces, "but",
# a plus before a new subject ("lowest cost + we're on android"; "tensorflow + keras" is a list).
# "anything but the browser" is one clause: there "but" means "except". A colon ends a clause
# ("kindly advise: what if ..."), though not in a time ("10:30").
CLAUSE = re.compile(
    # (an emoji between words ends a clause as a comma would: "cpu only 🙁 manager said no cloud gpu budget")
    # (not the comma of a number: "12,000 SKUs")
    r"((?<!\d),|,(?!\d{3}\b)|[;!?\n(){}\[\]\U0001F300-\U0001FAFF\u2600-\u27BF]|:(?!\d)|\.(?=\s|$)|\s[-–—]\s|\s\+\s(?=(?:we|i|it|they|our)\b)"
    r"|(?<!anything )(?<!everything )(?<!all )\bbut\b|\bthough\b|\bhowever\b)",
    re.I,
)
# "TensorFlow, PyTorch: no." in a sentence of its own


def has_phrase(said: str, phrases: list[str]) -> bool:
    """Whether `said` contains one of `phrases` as whole words; a `*` in a phrase stands for one
    to three words ("take * out" is in "take the browser out")."""
    kept = _UNIONS.get(id(phrases))  # (the common case inline: this is asked ~40 times a message)
    pattern = kept[1] if kept is not None and kept[0] == phrases else _prepared(_UNIONS, phrases, _union)
    return pattern is not None and pattern.search(f" {said} ") is not None


# What is worked out once per cue list: a reading looks for about forty lists of twenty phrases,
# and one search of a whole list is a fifth of the time of one search per phrase. Keyed by the
# list's identity and checked against a copy, so a list that changed, or a new list where an old
# one was, is worked out again.
_UNIONS: dict[int, tuple[list[str], re.Pattern[str] | None]] = {}
_HEADS: dict[int, tuple[list[str], list[tuple[str, str]]]] = {}
_KEEP_PREPARED = 512


def _prepared(cache: dict[int, tuple[list[str], Any]], phrases: list[str], make: Callable[[list[str]], Any]) -> Any:
    kept = cache.get(id(phrases))
    if kept is None or kept[0] != phrases:
        if len(cache) >= _KEEP_PREPARED:
            cache.clear()
        kept = cache[id(phrases)] = (list(phrases), make(phrases))
    return kept[1]


def _with_heads(phrases: list[str]) -> list[tuple[str, str]]:
    """Each phrase with its first word before any `*` ("" if it starts with one): where a message
    lacks that word, the phrase is not looked for."""
    return cast("list[tuple[str, str]]", _prepared(_HEADS, phrases, lambda ps: [(p, _head(p)) for p in ps]))


def _head(phrase: str) -> str:
    words = phrase.partition("*")[0].split()
    return words[0] if words else ""


def _union(phrases: list[str]) -> re.Pattern[str] | None:
    parts = [_gapped_source(p) if "*" in p else re.escape(p) for p in phrases if p]
    return re.compile(" (?:" + "|".join(parts) + ") ") if parts else None


def _gapped_source(phrase: str) -> str:
    return r"(?: \S+){1,3} ".join(re.escape(part.strip()) for part in phrase.split("*"))


def cue(phrase: str) -> str:
    """A cue phrase normalised as messages are, keeping its `*` gaps."""
    return " * ".join(normalise(part) for part in phrase.split("*"))


def gap_words(words: tuple[str, ...], phrases: list[str]) -> set[int]:
    """The positions of the words standing for a `*` of `phrases` in `words` ("the browser" in
    "take the browser out")."""
    inside: set[int] = set()
    present = set(words)
    for phrase, first in _with_heads(phrases):
        if "*" not in phrase or (first and first not in present):
            continue
        head, _, tail = (part.strip() for part in phrase.partition("*"))
        size, tail_size = len(head.split()), len(tail.split())
        for start in range(len(words) - size):
            if " ".join(words[start : start + size]) != head:
                continue
            for gap in (1, 2, 3):
                end = start + size + gap
                if " ".join(words[end : end + tail_size]) == tail:
                    inside.update(range(start + size, end))
                    break
    return inside


def objects_of(words: tuple[str, ...], verbs: list[str]) -> set[int]:
    """The positions of the words a verb phrase of `verbs` acts on: the few words after it (up
    to _OBJECT_WORDS), up to a word that starts something else ("dropped the server and ran it on the phone": "the
    server"). Phrases with a `*` gap are `gap_words`' to read."""
    inside: set[int] = set()
    present = set(words)
    for verb, first in _with_heads(verbs):
        if "*" in verb or (first and first not in present):
            continue
        size = len(verb.split())
        for start in range(len(words) - size):
            if " ".join(words[start : start + size]) != verb:
                continue
            for position in range(start + size, min(len(words), start + size + _OBJECT_WORDS)):
                if words[position] in _OBJECT_ENDS:
                    break
                inside.add(position)
    return inside


_OBJECT_WORDS = 4  # ("retire the old tensorflow 1 code")
_OBJECT_ENDS = frozenset({"and", "then", "to", "with", "for", "instead", "so", "but", "in", "on", "from", "or"})


def without_possessives(said: str) -> str:
    """`said` with possessives dropped, for finding a question's name ("the timeline's wrong")."""
    return _POSSESSIVE.sub("", said) if "'" in said else said


_POSSESSIVE = re.compile(r"'s\b")  # (compiled once: several reads of every message ask)

# A clause ending on "too" adds one more thing: "scratch that, android has to ship at launch too"
# adds Android; "maybe auto-chaptering too" doubts only what it adds.
ENDS_ADDING = re.compile(r"\b(?:too|as well|also)$")
# "we are moving training to GCP ... so add TPUs", "... instead of a jetson, add that": a message
# that ends by saying to add, whatever it says moves or stands in place of what
ENDS_ASKING_TO_ADD = re.compile(r"\b(?:so|then|pls|please|just) add(?: \w+){1,3}$|^(?:.* )?add (?:that|it|them|those)$")


def added_by_name(said: str, phrase: str) -> bool:
    """Whether `said` adds the phrase by name, right after "add" ("add server too", "add a GPU")."""
    return re.search(rf"\badd (?:an? |the )?{re.escape(phrase)}\b", said) is not None
