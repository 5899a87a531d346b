"""How the core reads phrasings from fresh corpus sets (dev17-dev19, written by helpers who never
saw the vocabulary files), as short transcripts: what is stored, and what is asked next."""

from __future__ import annotations

import pytest

from tests.conftest import Chat
from tests.test_understanding import until
from tests.transcript import asked_step


@pytest.mark.parametrize(
    ("step_id", "said"),
    [
        ("hardware", "Out of curiosity, is ROCm support for PyTorch production-grade now, or still a science project?"),
        ("hardware", "Please what is the difference between GPU and CPU"),
    ],
)  # fmt: skip
def test_a_question_opening_after_a_comma_or_a_please_stores_nothing(chat: Chat, step_id: str, said: str) -> None:
    until(chat, step_id)
    before = {k: list(v) for k, v in chat.state.answers.items()}
    replies = chat.say(said)
    assert chat.state.answers == before
    assert asked_step(replies) == step_id


def test_a_relative_clause_in_a_statement_still_states(chat: Chat) -> None:
    until(chat, "deployment")
    chat.say("android, which is what our drivers carry.")
    assert chat.state.answers["deployment"] == ["android"]
