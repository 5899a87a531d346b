"""Whether the knowledge's conditions hold for a team's answers (step id -> option ids).

Written plainly, one rule or condition at a time: the weighing's tables (`bot.weighing_tables`)
index the same conditions for speed, and the property tests check them against these.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.knowledge import Answered, Relevance, Rule, Verdict

Answers = Mapping[str, list[str]]


def holds(condition: Answered, answers: Answers) -> bool:
    return all(any(o in wanted for o in answers.get(s, [])) for s, wanted in condition.any_of.items()) and all(
        bool(answers.get(s)) and all(o in wanted for o in answers[s]) for s, wanted in condition.only.items()
    )


def irrelevant(relevance: Relevance, answers: Answers) -> bool:
    return any(holds(c, answers) for c in relevance.irrelevant_when) and not any(
        holds(c, answers) for c in relevance.relevant_when
    )


def matches(rule: Rule, answers: Answers, verdict: Verdict | None) -> bool:
    """Whether `rule` fires for `answers` (and, for a rule that names `winner`, `verdict`)."""
    if any(o in unwanted for s, unwanted in rule.unless.items() for o in answers.get(s, [])):
        return False
    for step_id, wanted in rule.when.items():
        given = [verdict] if step_id == "winner" else answers.get(step_id, [])
        if not any(value in wanted for value in given):
            return False
    return all(option in answers.get(step_id, []) for step_id, needed in rule.requires.items() for option in needed)
