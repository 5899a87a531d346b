"""Telling a message in another language from English full of loan words ("PyTorch", "NVIDIA")."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Any

from bot import language_model
from bot.durations import MONTH_NAMES
from bot.phrasing import CLAUSE

_OTHER_SCRIPT = 4  # letters of another script beside our terms that make a sentence of its own ("東京" is a name)
_LATIN_END = 0x24F  # the last Latin letter (Latin Extended-B): beyond it, another script
# Months and the words that place a day in them: "mid jan" is a date, whatever a language model
# makes of two short words it rarely sees in English
_DATE_WORDS = frozenset(MONTH_NAMES).union(
    [name[:3] for name in MONTH_NAMES], ["sept", "mid", "end", "early", "late", "q1", "q2", "q3", "q4"]
)
# Everyday words of English that the languages told from it do not share: one of them makes a
# message one to read, without asking the model (which, among many languages, gives a short
# English message with our jargon little chance: "gbdt baseline exists, want a nn to blend").
_ENGLISH_ONLY = frozenset({
    "the", "and", "what", "with", "you", "this", "that", "our", "would", "should", "need", "from", "which", "there",
    "their", "they", "your", "about", "some", "when", "where", "how", "why", "who", "does", "don't", "it's", "we're",
    "i'm", "there's", "has", "were", "exists", "only", "any", "deadline", "soft", "thanks", "yes",
    "anywhere", "nothing", "everything", "something", "anything", "because", "maybe", "already",
    "want", "been", "can't", "won't", "didn't", "isn't", "aren't", "doesn't", "them", "these", "those",
    "could", "they're", "we've", "i've", "i'll", "none", "please", "pls", "same", "have", "cheapest",
    "guess", "rush", "month", "months", "roughly", "really", "pretty", "though", "thesis", "then", "hurry",
    "asap", "before", "xmas", "christmas",
})  # fmt: skip
# The languages told from English: those written in our alphabet (others are told by their script)
_LANGUAGES = [
    "en", "de", "es", "fr", "it", "pt", "nl", "pl", "sv", "da", "no", "nn", "fi", "et", "lv", "lt", "cs", "sk",
    "sl", "hr", "bs", "ro", "hu", "tr", "sq", "mt", "ga", "cy", "gd", "is", "eu", "ca", "gl", "af", "sw", "zu",
    "xh", "so", "ha", "yo", "ig", "tl", "id", "ms", "jv", "vi", "la", "eo",
]  # fmt: skip
# Hindi's everyday little words, as people write Hindi in our alphabet ("ek minute, mera manager puch
# raha hai ki kya yeh offline bhi chalega"): the language model knows Hindi only in its own script,
# and reads such a message as English with a few strange words. (Words that are also English,
# "main", "par", "to", are left out.)
_ROMANISED_HINDI = frozenset({
    "hai", "hain", "ko", "ki", "ka", "ke", "nahi", "nahin", "chahiye", "kya", "mera", "meri", "hamara", "hamare",
    "humare", "yeh", "bhi", "pe", "raha", "rahe", "rahi", "toh", "agar", "karein", "karna", "kaise", "kaun",
    "aur", "lekin", "bahut", "accha", "acha", "theek", "thik", "kuch", "abhi", "jaldi", "wala", "wali", "mein",
    "hota", "hoga", "hogi", "chalega", "karo", "kiya", "tak", "yaar", "lena", "padega", "padegi", "padta", "shayad",
    "sahi", "bas", "ek", "cheez", "gaye", "gaya", "hua", "hui", "kyun", "kyunki", "matlab", "thoda", "zyada", "woh",
    "uska", "iska", "apna", "apne", "humein", "hamein", "mujhe", "sakte", "sakta", "chahte", "karte", "karta",
    "hata", "hatao", "dono", "naya", "nayi", "pehle", "baad", "wahi", "yahi", "kab", "kitna", "kitne", "bilkul",
    "hoon", "aata", "aati", "aate", "pata", "samajh", "karenge", "karega", "chahta", "chahti", "batao", "bataiye",
    "kijiye", "dijiye", "lagta", "lagti", "humko", "hamko", "aap", "aapka", "aapke", "tum",
})  # fmt: skip
_GREETINGS = frozenset({"hi", "hey", "hello", "ok", "okay", "thanks", "yes", "no", "haan"})
_HINDI_WORDS = 3  # different ones at least,
_HINDI_SHARE = 0.25  # and at least this share of the message's words
_ENGLISH_AT_MOST = 0.01
_ENGLISH_CLAUSE_CHANCE = 0.5  # a clause the model thinks at least this likely English is read
_KNOWN_OUTWEIGH = 2  # times as many words we know as words we don't: an English message with a few others
_ENGLISH_CLAUSE = 3  # words: a clause this long in English makes a mixed message one to read


def _looks_like_a_word(token: str) -> bool:
    """A token with a vowel (whatever its accents: "mă", "lỗi") or another script's letters, and no digit."""
    if any(ch.isdigit() for ch in token):
        return False
    bare = unicodedata.normalize("NFD", token)
    return any(ch in "aeiouy" or (ch.isalpha() and ord(ch) > _LATIN_END) for ch in bare)


class LanguageCheck:
    """Whether a message is in another language, given the words the advisor knows."""

    def __init__(self, vocabulary: set[str]) -> None:
        self.vocabulary = vocabulary
        self._model: Any = None

    def foreign(self, text: str, said: str) -> bool:
        """A message in another language: at least two words outside our vocabulary, and the
        language model sure it is not English (loan words such as PyTorch don't decide it); or
        Hindi in our alphabet, told by its everyday words."""
        other_script = sum(1 for ch in text if ch.isalpha() and ord(ch) > _LATIN_END)
        if other_script >= 2 and self._mostly_other_script(text, other_script):
            # mostly another script (Japanese, Cyrillic, Arabic...): not English, unless a clause
            # of its own is ("すみません, one question: which framework is more stable?")
            return not any(self._english(clause) for clause in CLAUSE.split(text)[::2])
        if self._romanised_hindi(said):
            # (a clause of its own with no Hindi word is English: "then greenfield for ML, abhi tak
            # sab rules-based hai", "kuch bhi nahi, new project")
            return not any(self._english_beside_hindi(clause) for clause in CLAUSE.split(text)[::2])
        # (a token with a digit or without a vowel is no word of any language: "2x", "a5000s",
        # "jjjj mmnn" mashed on a keyboard)
        unknown = [w for w in said.split() if w not in self.vocabulary and _looks_like_a_word(w)]
        if len(unknown) < 2 or _ENGLISH_ONLY.intersection(said.split()) or _DATE_WORDS.issuperset(unknown):
            return False  # ("the", "what", "with": no need to ask the model)
        known = [w for w in said.split() if w in self.vocabulary and _looks_like_a_word(w)]
        if len(known) >= _KNOWN_OUTWEIGH * len(unknown):
            return False  # "ASAP talaga, investor demo in 3 weeks": a word or two of Tagalog in English
        if not self._not_english(" ".join(unknown)):
            return False
        # Switching languages mid-message ("nada en producción, starting from zero"): a clause of
        # its own in English is read; only a message with none is in another language.
        return not any(self._english(clause) for clause in CLAUSE.split(text)[::2])

    def _english_beside_hindi(self, clause: str) -> bool:
        """A clause with no Hindi word, of three words or of two we know ("new project")."""
        words = re.findall(r"[^\W\d_]+", clause.lower())
        if _ROMANISED_HINDI.intersection(words) or len(words) < 2:
            return False
        # (a greeting is no clause of English: "hi team, hamein ... transcribe karni hai")
        return len(words) >= _ENGLISH_CLAUSE or (self.vocabulary.issuperset(words) and words[0] not in _GREETINGS)

    @staticmethod
    def _romanised_hindi(said: str) -> bool:
        words = said.split()
        hindi = [word for word in words if word in _ROMANISED_HINDI]
        return len(set(hindi)) >= _HINDI_WORDS and len(hindi) >= _HINDI_SHARE * len(words)

    def _not_english(self, text: str) -> bool:
        """Whether the model gives English at most a fifth of the chance (shared among many
        languages, no single other one need be likely: Spanish, Galician and Portuguese split it)."""
        return self._english_chance(text) <= _ENGLISH_AT_MOST

    def _english_chance(self, text: str) -> float:
        return float(next((p for language, p in self._identifier.rank(text) if language == "en"), 0.0))

    def _english(self, clause: str) -> bool:
        words = re.findall(r"[^\W\d_]+", clause.lower())
        if len(words) < _ENGLISH_CLAUSE:
            return False
        return self._english_chance(" ".join(words)) >= _ENGLISH_CLAUSE_CHANCE

    def _mostly_other_script(self, text: str, other_script: int) -> bool:
        """Whether another script outweighs English in `text`: most of its letters, or (from a few
        words of it) the Latin letters outside our own terms, so "PyTorchとTensorFlow、どちらが
        いいですか" is Japanese whatever the two names weigh, and "our 東京 cluster" is English."""
        if other_script * 2 >= sum(1 for ch in text if ch.isalpha()):
            return True
        latin = sum(
            len(word) for word in re.findall(r"[A-Za-z\u00C0-\u024F]+", text) if word.lower() not in self.vocabulary
        )
        return other_script >= _OTHER_SCRIPT and other_script >= latin

    def prepare(self, cache: Path | None = None) -> None:
        """Load the language model now rather than on some user's message (servers call this at
        start-up), mapped from the `cache` folder when one is given (see `bot.language_model`)."""
        if self._model is None:
            self._model = language_model.load(_LANGUAGES, cache)

    @property
    def _identifier(self) -> Any:
        """py3langid's model: in memory, loaded on first use, unless `prepare` mapped it."""
        if self._model is None:
            self.prepare()
        return self._model
