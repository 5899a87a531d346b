"""A message normalised once: lower-case words one space apart, Slack markup, emoji and
punctuation dropped, accents folded ("Tết" is "Tet"), units and model numbers split the way
options are named ("8xh100" is eight H100s, "50ms" is 50 ms)."""

from __future__ import annotations

import functools
import re
import unicodedata

from bot.durations import MONTH_NAMES

_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u200e\u200f\u202a\u202b\u202c\u202d\u202e"))
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"'})
_SLACK_MARKUP = re.compile(r"<[@#!][^>]*>|<(https?://[^|>]*)(?:\|([^>]*))?>")
_NOT_WORD = re.compile(r"[^a-z0-9.+#'\- ]+")
_NOT_A_LETTER = re.compile(r"[^\w.+#'\- ]+|_")  # (as written: accented letters and other scripts kept)
_TIMES = re.compile(r"\b(\d+)x(?=[a-z])")
_MILLISECONDS = re.compile(r"\b(\d+)ms\b")  # "under 50ms" is "under 50 ms", as latencies are named
_GPU_TI = re.compile(r"\b(\d{4})(ti)\b")  # "3070ti" is an RTX 3070 Ti: the number stands alone
# "2027 4월", "12月": a month by its number in Korean, Japanese or Chinese, named as in English
_CJK_MONTH = re.compile(r"(?:(20\d\d)\s*[년年]?\s*)?(?<!\d)(1[0-2]|0?[1-9])\s*[월月]")
# An acronym or a model name with an apostrophe is a plural ("GPU's", "A100's", "TPU's"): too
# short to be read as a slip of "GPUs".
_APOSTROPHE_PLURAL = re.compile(r"\b([A-Z][A-Z0-9]*[A-Z0-9])'s\b")
# "> 6 months", "<50ms": a bound, in words (not an arrow: "tf -> pytorch", "=> jax")
_MORE_THAN = re.compile(r"(?<![-=<>])>=?\s*(?=\d)")
_LESS_THAN = re.compile(r"<=?\s*(?=\d)")
# Slack's emoji codes (":rocket:", ":white_check_mark:", ":+1:"), which read as words otherwise.
_EMOJI_CODE = re.compile(r":[a-z0-9_+\-']+:")
# Hyphens join words people also write apart ("pose-detection", "iOS-only", "on-device"); ranges
# of digits ("1-3") keep theirs so they stay one token.
_HYPHEN = re.compile(r"(?<![0-9])-|-(?![0-9])")
# Text `normalise` leaves as it is: lower-case words of letters and digits (with an inner
# apostrophe or dot: "don't", "fast.ai"), one space apart.
_PLAIN = re.compile(r"[a-z0-9]+(?:['.][a-z0-9]+)*(?: [a-z0-9]+(?:['.][a-z0-9]+)*)*")


def plain_letters_only(text: str) -> str:
    """`text` with every letter outside plain ASCII taken out, as the command reader reads it:
    commands are English, and "Sí, ..." must not become a "si" that confirms."""
    text = unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH).translate(_QUOTES)
    if text.isascii():
        return text
    # (other characters, such as the dash of "... — start over", still split clauses)
    return "".join(" " if not ch.isascii() and ch.isalpha() else ch for ch in text)


def fold_accents(text: str) -> str:
    """`text` with its letters' accents dropped ("Tết" is "Tet")."""
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


@functools.lru_cache(maxsize=4096)
def normalise(text: str, fold: bool = True) -> str:
    """Lower-case words separated by single spaces; Slack markup, emoji and punctuation dropped;
    accented letters the plain ones ("Tết", "Limón"), unless `fold` is false (then they stay as
    written, as do other scripts' letters; otherwise those are dropped). (Remembered for recent
    texts: one reading asks for a message's words in several places.)"""
    if (
        _PLAIN.fullmatch(text)
        and not _TIMES.search(text)
        and not _MILLISECONDS.search(text)
        and not _GPU_TI.search(text)
    ):
        return text  # already normal: the words of a clause, read again (most calls are these)
    return normalised(text, fold)


def normalised(text: str, fold: bool = True) -> str:
    """`normalise` worked out in full, every time (what its shortcut for normal text must equal)."""
    text = unicodedata.normalize("NFKC", text).translate(_ZERO_WIDTH).translate(_QUOTES)
    text = _CJK_MONTH.sub(lambda m: f" {MONTH_NAMES[int(m[2]) - 1]} {m[1] or ''} ", text)
    if fold and not text.isascii():
        text = fold_accents(text)
    text = _SLACK_MARKUP.sub(lambda m: f" {m.group(2) or ''} ", text)
    text = _MORE_THAN.sub(" more than ", _LESS_THAN.sub(" under ", text))
    text = _APOSTROPHE_PLURAL.sub(r"\1s", text)
    not_word = _NOT_WORD if fold else _NOT_A_LETTER
    text = not_word.sub(" ", _EMOJI_CODE.sub(" ", text.lower()).replace("/", " "))
    text = _HYPHEN.sub(" ", text)
    text = _TIMES.sub(r"\1 x ", text)  # "8xh100" is eight H100s
    text = _MILLISECONDS.sub(r"\1 ms", text)
    text = _GPU_TI.sub(r"\1 \2", text)
    words = (w.strip(".'-") for w in text.split())
    # "+android" adds Android; "c++" keeps its pluses
    return " ".join(w[1:] if w[:1] == "+" and w[1:2].isalpha() else w for w in words if w)
