"""Telling a message in another language from English full of loan words ("PyTorch", "NVIDIA")."""

from __future__ import annotations

import re
from functools import cached_property
from typing import Any

from bot.phrasing import CLAUSE

_OTHER_SCRIPT = 4  # letters of another script beside our terms that make a sentence of its own ("東京" is a name)
_LATIN_END = 0x24F  # the last Latin letter (Latin Extended-B): beyond it, another script
# Words of English that the languages the model knows do not share: two of them make a message
# one to read, without asking the model.
_ENGLISH_ONLY = frozenset({"the", "and", "what", "with", "you", "this", "that", "have", "our", "would", "should"})
_ENGLISH_CLAUSE = 3  # words: a clause this long in English makes a mixed message one to read


class LanguageCheck:
    """Whether a message is in another language, given the words the advisor knows."""

    def __init__(self, vocabulary: set[str]) -> None:
        self.vocabulary = vocabulary

    def foreign(self, text: str, said: str) -> bool:
        """A message in another language: at least two words outside our vocabulary, and the
        language model sure it is not English (loan words such as PyTorch don't decide it)."""
        other_script = sum(1 for ch in text if ch.isalpha() and ord(ch) > _LATIN_END)
        if other_script >= 2 and self._mostly_other_script(text, other_script):
            return True  # mostly another script (Japanese, Cyrillic, Arabic...): not English
        unknown = [w for w in said.split() if w not in self.vocabulary and not w.isdigit()]
        if len(unknown) < 2 or len(_ENGLISH_ONLY.intersection(said.split())) >= 2:
            return False  # ("the", "what", "with": no need to ask the model)
        language, probability = self._identifier.classify(" ".join(unknown))
        if language == "en" or probability < 0.8:
            return False
        # Switching languages mid-message ("nada en producción, starting from zero"): a clause of
        # its own in English is read; only a message with none is in another language.
        return not any(self._english(clause) for clause in CLAUSE.split(text)[::2])

    def _english(self, clause: str) -> bool:
        words = re.findall(r"[^\W\d_]+", clause.lower())
        if len(words) < _ENGLISH_CLAUSE:
            return False
        language, probability = self._identifier.classify(" ".join(words))
        return bool(language == "en" and probability >= 0.8)

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

    def prepare(self) -> None:
        """Load the language model now (half a second) rather than on some user's message: servers
        call this at start-up."""
        _ = self._identifier

    @cached_property
    def _identifier(self) -> Any:
        """py3langid's model (shipped in the package, loaded on first use: it takes half a second)."""
        from pathlib import Path

        import py3langid.langid as langid

        identifier = langid.LanguageIdentifier.from_modelpath(
            Path(langid.MODEL_DIR) / langid.MODEL_FILE, norm_probs=True
        )
        identifier.set_languages(["en", "de", "es", "fr", "it", "pt", "nl", "pl", "sv"])
        return identifier
