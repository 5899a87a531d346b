"""Helpers that read the core's replies the way a person would: what was said, what was asked."""

from __future__ import annotations

from bot.advice import Recommendation
from bot.replies import Advise, Answer, Ask, Recap, Reply, Say
from tests.conftest import Chat


def text(replies: list[Reply]) -> str:
    """Everything the bot said, as one string (questions and recap lines included)."""
    parts: list[str] = []
    for reply in replies:
        if isinstance(reply, Say | Answer | Ask):
            parts.append(reply.text)
        elif isinstance(reply, Recap):
            parts += [reply.intro, *(f"{line.title}: {line.value}" for line in reply.lines), reply.question]
    return "\n".join(parts)


def asked(replies: list[Reply]) -> Ask | None:
    """The question the bot ended on, if it ended on one."""
    return next((r for r in reversed(replies) if isinstance(r, Ask)), None)


def asked_step(replies: list[Reply]) -> str | None:
    question = asked(replies)
    return question.step_id if question else None


def recap(replies: list[Reply]) -> dict[str, str]:
    """The recap's lines (title -> value), or {} if the bot did not recap."""
    found = next((r for r in replies if isinstance(r, Recap)), None)
    return {line.title: line.value for line in found.lines} if found else {}


def advice(replies: list[Reply]) -> Recommendation:
    found = [r for r in replies if isinstance(r, Advise)]
    assert found, f"no recommendation in: {text(replies)!r}"
    return found[-1].recommendation


def answer_until_advised(chat: Chat, answers: dict[str, str], confirm: str = "yes") -> Recommendation:
    """Answer each question the bot asks from `answers` (step id -> what the user types; a step
    not listed gets "not sure"), confirm the recap, and return the recommendation."""
    for _ in range(len(chat.advisor.conversation.steps) + 1):
        if chat.state.phase == "confirming":
            return advice(chat.say(confirm))
        pending = chat.state.pending
        assert pending is not None, f"no question pending in phase {chat.state.phase}"
        chat.say(answers.get(pending, "not sure"))
    raise AssertionError(f"never reached the recap; answers so far: {chat.state.answers}")
