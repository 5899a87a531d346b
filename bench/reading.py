"""`python -m bench reading`: how well the advisor reads people's own words.

Runs every utterance of the labelled corpus (tests/corpus/, written from persona descriptions by a
hand that never saw conversations/) through the real dialogue core, from the state the entry
describes, and compares what the core stored with what the person said:

- precision of stored answers: of the (step, option) values the core stored or removed, how many
  the person stated (a wrong value stored is worse than a question asked again);
- recall: of the values people stated, how many were stored;
- commands and questions read as such, and "loops": the same message sent four times in a row
  must never get the pending question asked a fourth time, nor the same reply twice in a row.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from bench import safe_load
from bot.conversation import UNSURE, Step, load_conversation
from bot.dialogue import Advisor
from bot.knowledge import load_knowledge
from bot.replies import Ask, Reply
from bot.state import Said, State

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
TODAY = date(2026, 11, 25)
# The corpus names commands as the persona writer did; these are the advisor's names for them.
COMMANDS = {"just_tell_me": "recommend_now", "no": "keep"}
DEFAULTS = {  # (the first one the entry does not expect: a third for entries that expect both others)
    "use_case": ["vision", "nlp", "tabular"],
    "skills": ["python", "jax", "keras"],
    "existing_stack": ["greenfield", "tfjs_app", "tf_production"],
    "deployment": ["server", "batch", "android"],
    "hardware": ["nvidia", "cpu", "tpu"],
    "timeline": ["half_year", "long", "quarter"],
    "priorities": ["nothing_else", "cost", "hiring"],
}


@dataclass
class Scores:
    stored: int = 0
    stored_right: int = 0
    expected: int = 0
    expected_found: int = 0
    commands: int = 0
    commands_right: int = 0
    questions: int = 0
    questions_right: int = 0
    languages: int = 0
    languages_right: int = 0
    loops: int = 0
    entries: int = 0
    per_step: dict[str, Counter[str]] = field(default_factory=dict)
    wrong: list[str] = field(default_factory=list)
    missed: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.stored_right / self.stored if self.stored else 1.0

    @property
    def recall(self) -> float:
        return self.expected_found / self.expected if self.expected else 1.0

    def step(self, step_id: str) -> Counter[str]:
        return self.per_step.setdefault(step_id, Counter())


def load(name: str) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = safe_load((CORPUS / f"{name}.yaml").read_text())
    return marked_confirmations(entries)


def marked_confirmations(entries: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """`entries` with each "yes" to "start over?" marked as confirming the restart before it.

    The persona writers have the bot ask before starting over; the advisor starts over at once
    (with an undo), so a confirmation read as the restart itself ("yessir, from the top") does
    what the person meant, and what it clears is not a wrong answer stored."""
    last: dict[str, dict[str, Any]] = {}
    for entry in entries:
        before = last.get(entry["persona"], {}).get("expect", {})
        if entry["expect"].get("command") == "confirm" and before.get("command") == "restart":
            entry["confirms"] = "restart"
        last[entry["persona"]] = entry
    return entries


def commands_meant(entry: dict[str, Any]) -> set[str]:
    """The advisor's commands that do what the entry's command label asks."""
    named = entry["expect"]["command"]
    return {COMMANDS.get(named, named)} | ({entry["confirms"]} if "confirms" in entry else set())


def start_state(entry: dict[str, Any]) -> State:
    """The conversation as the entry finds it: the pending question, the answers given so far."""
    answered = {k: list(v) for k, v in (entry.get("answered") or {}).items()}
    pending = entry["pending"]
    expected = entry.get("expect", {}).get("set") or {}
    if entry.get("expect", {}).get("kind") == "what_if":
        # "what if we used Coral instead of the Jetson?": what a what-if sets aside is what the
        # team has (the persona writers label it, and name no earlier answers for what-ifs)
        for step, options in (entry["expect"].get("negated") or {}).items():
            answered.setdefault(step, list(options))
    if pending in ("recap", "after"):
        for step, choices in DEFAULTS.items():
            if step not in answered:
                answered[step] = [next(c for c in choices if c not in expected.get(step, []))]
        return State(phase="confirming" if pending == "recap" else "advised", answers=answered)
    return State(phase="asking", pending=pending, answers=answered)


def changes(before: dict[str, list[str]], after: dict[str, list[str]]) -> set[tuple[str, str, str]]:
    """What a turn stored: (step, option, "+") for each value added, (step, option, "-") removed."""
    found: set[tuple[str, str, str]] = set()
    for step in set(before) | set(after):
        old = {v for v in before.get(step, []) if v != UNSURE}
        new = {v for v in after.get(step, []) if v != UNSURE}
        found |= {(step, v, "+") for v in new - old}
        found |= {(step, v, "-") for v in old - new}
    return found


def expected_changes(entry: dict[str, Any], state: State) -> set[tuple[str, str, str]]:
    expect = entry["expect"]
    wanted = {(s, o, "+") for s, options in (expect.get("set") or {}).items() for o in options}
    wanted = {(s, o, sign) for s, o, sign in wanted if o not in state.answers.get(s, [])}
    for step, options in (expect.get("negated") or {}).items():
        wanted |= {(step, o, "-") for o in options if o in state.answers.get(step, [])}
    if expect.get("op") == "replace":  # a replaced one-choice answer loses its old value
        for step in expect.get("set") or {}:
            wanted |= {(step, o, "-") for o in state.answers.get(step, []) if o not in expect["set"][step]}
    return wanted


def evaluate(advisor: Advisor, entries: list[dict[str, Any]]) -> Scores:
    scores = Scores()
    one_choice = {step.id for step in advisor.conversation.steps if step.kind != "many"}
    # "Nothing else" cannot stand beside a priority named: adding one takes it out.
    exclusive = {(step.id, o.id) for step in advisor.conversation.steps for o in step.options if o.exclusive}
    offered: dict[str, State] = {}  # each persona's conversation with a what-if offered, if its last message was one
    for entry in entries:
        scores.entries += 1
        state = start_state(entry)
        expect = entry["expect"]
        kind = expect["kind"]
        if entry["pending"] == "after" and expect.get("command") == "no" and entry.get("persona") in offered:
            # "no, stay with Jetson, don't change" answers the offer the what-if before it opened
            state = offered[entry["persona"]]
        after, _ = advisor.turn(state, Said(entry["text"]), TODAY)
        offered.pop(entry.get("persona", ""), None)
        if kind == "what_if" and entry["pending"] == "after" and (offer := _offer(advisor, entry)) is not None:
            offered[entry.get("persona", "")] = offer
        stored, wanted = stored_and_wanted(advisor, entry, state, after, one_choice, exclusive)
        right = stored & wanted
        scores.stored += len(stored)
        scores.stored_right += len(right)
        scores.expected += len(wanted)
        scores.expected_found += len(right)
        for step, option, sign in stored - wanted:
            scores.step(step)["wrong"] += 1
            scores.wrong.append(f"{entry['pending']:>14} | {entry['text']!r}: stored {sign}{step}={option}")
        for step, option, sign in wanted - stored:
            scores.step(step)["missed"] += 1
            scores.missed.append(f"{entry['pending']:>14} | {entry['text']!r}: missed {sign}{step}={option}")
        for step, _, _ in right:
            scores.step(step)["right"] += 1
        if kind == "command":
            scores.commands += 1
            command = advisor.read(entry["text"], state, TODAY).command
            meant = commands_meant(entry)
            ok = command in meant or ("keep" in meant and not stored and command in (None, "discard"))
            scores.commands_right += ok
            if not ok:
                want = " or ".join(sorted(meant))
                scores.missed.append(f"{entry['pending']:>14} | {entry['text']!r}: command {command}, not {want}")
        if kind == "other_language":
            scores.languages += 1
            scores.languages_right += advisor.read(entry["text"], state, TODAY).kind == "other_language"
        if kind == "question":
            scores.questions += 1
            scores.questions_right += not stored and after.proposed == state.proposed
        # After the recommendation the same question asked again is rightly answered again.
        if kind != "command" and entry["pending"] != "after" and looped(advisor, state, entry["text"]):
            scores.loops += 1
            scores.wrong.append(f"{entry['pending']:>14} | {entry['text']!r}: loops")
    return scores


Change = tuple[str, str, str]


def stored_and_wanted(
    advisor: Advisor,
    entry: dict[str, Any],
    state: State,
    after: State,
    one_choice: set[str],
    exclusive: set[tuple[str, str]],
) -> tuple[set[Change], set[Change]]:
    """What the turn from `state` to `after` stored or removed, and what `entry`'s labels say it
    should have, both as (step, option, "+" or "-"), with the removals an answer implies left out."""
    expect = entry["expect"]
    kind = expect["kind"]
    stored_in = after.proposed if state.phase == "advised" and after.proposed else after.answers
    stored = changes(state.answers, stored_in)
    wanted = expected_changes(entry, state) if kind in ("answer", "what_if") else set()
    if kind == "what_if" or (kind == "answer" and expect.get("op") == "replace"):
        stored = {c for c in stored if c[2] == "+" or c in wanted}  # the old value's removal is implied
    # A one-choice answer given anew loses its old value, and an exclusive answer ("nothing
    # else") loses its place to a value named beside it: those removals are implied too.
    replaced = {s for s, _, sign in wanted if sign == "+" and s in one_choice}
    added_to = {s for s, o, sign in wanted if sign == "+" and (s, o) not in exclusive}
    # And an option that cannot stand beside one named ("CPU only" and any GPU, by the option's
    # `replaces`) goes when that one is named: "hardware: IT says they have A40s" ends "CPU only".
    steps = {step.id for step in advisor.conversation.steps}
    clashing = {
        (s, o)
        for s, named, sign in wanted
        if sign == "+" and s in steps
        for o in _clashing(advisor.conversation.step(s), named)
    }
    implied = {
        c
        for c in stored
        if c[2] == "-" and (c[0] in replaced or (c[:2] in exclusive and c[0] in added_to) or c[:2] in clashing)
    }
    stored = {c for c in stored if c in wanted or c not in implied}
    if kind == "command" and advisor.read(entry["text"], state, TODAY).command in commands_meant(entry):
        stored = set()  # a command read right does what it says (restart clears, back undoes)
    return stored, wanted


def _offer(advisor: Advisor, what_if: dict[str, Any]) -> State | None:
    """The conversation after a what-if, its offer open, from answers holding what it sets aside
    ("coral instead of jetson": Jetson was the answer), so a "no, keep Jetson" keeps an answer."""
    after, _ = advisor.turn(start_state(what_if), Said(what_if["text"]), TODAY)
    return after if after.proposed is not None else None


def _clashing(step: Step, named: str) -> set[str]:
    """The options of `step` that cannot stand beside `named`: those it replaces, and those that replace it."""
    option = step.option(named)
    return set(option.replaces if option else ()) | {o.id for o in step.options if named in o.replaces}


def looped(advisor: Advisor, state: State, text: str) -> bool:
    """Whether sending `text` four times in a row asks one question a fourth time in a row, or
    sends the same reply twice in a row."""
    asked: list[str | None] = []
    previous: list[Reply] | None = None
    for _ in range(4):
        state, replies = advisor.turn(state, Said(text), TODAY)
        if replies == previous:
            return True
        previous = replies
        asks = [r.step_id for r in replies if isinstance(r, Ask)]
        asked.append(asks[-1] if asks else None)
    return asked[0] is not None and len(set(asked)) == 1


def advisor() -> Advisor:
    return Advisor(load_conversation(ROOT / "conversations"), load_knowledge(ROOT / "knowledge"), "https://c.example")


def corpora() -> tuple[str, ...]:
    """Every corpus file, the holdouts last (they are only measured, never tuned on)."""
    names = sorted(p.stem for p in CORPUS.glob("*.yaml"))
    return (*[n for n in names if not n.startswith("holdout")], *[n for n in names if n.startswith("holdout")])


def run(names: tuple[str, ...] | None = None, show: int = 0) -> dict[str, str]:
    the_advisor = advisor()
    rows: dict[str, str] = {}
    for name in names or corpora():
        scores = evaluate(the_advisor, load(name))
        rows[f"reading {name}: entries"] = str(scores.entries)
        rows[f"reading {name}: precision of stored answers"] = f"{scores.precision:.1%} ({scores.stored} stored)"
        rows[f"reading {name}: recall"] = f"{scores.recall:.1%} ({scores.expected} stated)"
        rows[f"reading {name}: commands"] = f"{scores.commands_right}/{scores.commands}"
        rows[f"reading {name}: questions kept out of answers"] = f"{scores.questions_right}/{scores.questions}"
        rows[f"reading {name}: other languages told apart"] = f"{scores.languages_right}/{scores.languages}"
        rows[f"reading {name}: loops"] = str(scores.loops)
        for step, counts in sorted(scores.per_step.items()):
            rows[f"reading {name}: {step}"] = (
                f"right {counts['right']}, wrong {counts['wrong']}, missed {counts['missed']}"
            )
        if show:
            print(f"-- {name}: wrong", file=sys.stderr)
            print("\n".join(scores.wrong[:show]), file=sys.stderr)
            print(f"-- {name}: missed", file=sys.stderr)
            print("\n".join(scores.missed[:show]), file=sys.stderr)
    return rows
