"""The question the advisor itself answers, told apart from what a team says: "tensorflow or
pytorch?" asks which framework (it names no skills), "still pytorch?" after a what-if asks the
verdict, and "if we go with pytorch, ..." supposes the advice taken."""

from __future__ import annotations

import re

from bot.normalising import normalise
from bot.reading_clauses import AUXILIARIES

# Words around a framework's name in a question about the verdict ("would it still be pytorch then?")
_VERDICT_WORDS = frozenset(
    {"still", "then", "or", "is", "it", "be", "would", "you", "say", "so", "same", "answer", "the", "stay", "stays",
     "will", "does", "do", "we", "go", "with", "stick", "remain", "remains", "your", "pick", "recommend"}
)  # fmt: skip
# "neither has properly touched PyTorch or TensorFlow": the two frameworks nobody knows, not the
# question of which one to take
_NEITHER_KNOWN = re.compile(
    r"\b(?:neither|nobody|none|never|no one|not|(?:have|has|do|does|did)n'?t)\b(?:\s+\S+){0,3}?\s+"
    r"(?:touched|used|knows?|knew|tried|done|worked with|written|coded in)\s*$",
    re.I,
)
# "if we take pytorch", "if we end up on TF anyway": the words of choosing one of the frameworks compared
_CHOOSING = frozenset(
    {"go", "went", "take", "took", "pick", "picked", "choose", "chose", "end", "ended", "opt", "settle"}
)
_CHOOSING_LIGHT = frozenset({"we", "i", "up", "with", "on", "for", "anyway", "then", "after", "all", "eventually"})
_IF_OPENERS = frozenset({"and", "but", "so", "ok", "okay", "what", "if", "even"})


class TheQuestion:
    """The names of the two frameworks compared, and the questions about choosing between them."""

    def __init__(self, the_question: tuple[list[str], list[str]] | None) -> None:
        """`the_question`: the names of the two frameworks compared, so that "tensorflow or
        pytorch?" is read as the question the advisor answers ("which framework?"), not as skills
        ("pytorch and tf", and "tf2/keras", one framework, are skills); None reads no such question."""
        self._the_question: re.Pattern[str] | None = None
        self._frameworks = frozenset(normalise(n) for names in the_question or () for n in names)
        if the_question is not None:
            one, other = (
                "(?:" + "|".join(sorted({re.escape(n) for n in names}, key=len)[::-1]) + ")" for names in the_question
            )
            versus = r"\s*(?:or|vs\.?|versus|/)\s*"
            self._the_question = re.compile(rf"\b(?:{one}{versus}{other}|{other}{versus}{one})\b[?]?", re.I)

    def unframed(self, text: str) -> str:
        """`text` with the two frameworks put side by side read as "which framework" (not where
        the words before say neither is known: "neither has touched PyTorch or TensorFlow")."""
        if self._the_question is None:
            return text
        return self._the_question.sub(
            lambda m: (
                m[0]
                if _NEITHER_KNOWN.search(m.string, 0, m.start())
                else " which framework" + ("?" if m[0].endswith("?") else "") + " "
            ),
            text,
        )

    def asks_the_verdict(self, words: tuple[str, ...]) -> bool:
        """Whether a short question names only the frameworks compared ("still pytorch?", "TF
        then?"): it asks what the advice would be, and names no one's skills."""
        named = [w for w in words if w not in _VERDICT_WORDS]
        return 0 < len(named) <= 2 and all(w in self._frameworks for w in named)

    def supposes_the_choice(self, words: tuple[str, ...]) -> bool:
        """Whether an "if" supposes only that one of the frameworks compared is chosen ("if we go
        with pytorch", "if we end up on TF anyway, can we ..."): the advice taken, not a skill."""
        start = 0
        while start < len(words) and words[start] in _IF_OPENERS:
            start += 1
        supposed = list(words[start:])
        for index, word in enumerate(supposed):
            if word in AUXILIARIES:  # "... can we still use the TPUs": what it asks of the choice
                supposed = supposed[:index]
                break
        named = [w for w in supposed if w not in _CHOOSING and w not in _CHOOSING_LIGHT]
        return (
            start > 0
            and bool(set(supposed) & _CHOOSING)
            and bool(named)
            and (" ".join(named) in self._frameworks or all(w in self._frameworks for w in named))
        )


def asks_which_framework(words: tuple[str, ...]) -> bool:
    """Whether a question asks the advisor's own question ("tensorflow or pytorch?" is read as
    "which framework"), not about the options named before it."""
    return any(words[i : i + 2] == ("which", "framework") for i in range(len(words) - 1))
