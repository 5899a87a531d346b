"""A synthetic knowledge ten times today's, for timing the advice as the knowledge grows.

Every criterion and every weighing rule is copied nine times under new ids (`<id>_x2` ... `_x10`),
each rule copy weighing or scoring the matching criterion copy, so a recommendation weighs ten
times the criteria through ten times the rules. Facts are copied as far as fact ids allow (the
loader takes `F`/`J` and two digits: 200 ids in all) and the copies cite them. The result is
written to a folder and loaded by the real loader (`bot.knowledge.load_knowledge`), which checks
every reference, and checked against the real conversation.
"""

from __future__ import annotations

import itertools
import shutil
from pathlib import Path
from typing import Any

from bench import safe_dump, safe_load
from bot.conversation import load_conversation
from bot.knowledge import Knowledge, check_advice_against, load_knowledge
from bot.settings import data_path

FACTOR = 10


def write(folder: Path, factor: int = FACTOR) -> Path:
    """Write the synthetic knowledge into `folder`/knowledge and return that directory."""
    source = data_path("knowledge")
    target = folder / "knowledge"
    shutil.copytree(source, target)
    criteria: dict[str, Any] = safe_load((source / "criteria.yaml").read_text())
    facts: dict[str, Any] = safe_load((source / "facts.yaml").read_text())
    advice: dict[str, Any] = safe_load((source / "advice.yaml").read_text())

    used = {f["id"] for f in facts["facts"]}
    free = (i for i in (f"{p}{n:02d}" for p in "FJ" for n in range(100)) if i not in used)
    fact_copies: dict[tuple[str, int], str] = {}  # (fact id, copy) -> its copy's id
    new_facts: list[dict[str, Any]] = []
    for copy in range(2, factor + 1):
        for fact in facts["facts"]:
            new_id = next(free, None)
            if new_id is None:
                break
            fact_copies[(fact["id"], copy)] = new_id
            new_facts.append(fact | {"id": new_id})  # its sources: the same URLs, or the original facts
    facts["facts"] += new_facts

    def fact(fact_id: str, copy: int) -> str:
        return fact_copies.get((fact_id, copy), fact_id)

    criteria["criteria"] += [
        criterion | {"id": f"{criterion['id']}_x{copy}", "facts": [fact(f, copy) for f in criterion["facts"]]}
        for copy, criterion in itertools.product(range(2, factor + 1), criteria["criteria"])
    ]
    copies = []
    for copy, rule in itertools.product(range(2, factor + 1), advice["rules"]):
        if "winner" in rule["when"] or not (rule.get("weights") or rule.get("scores")):
            continue  # rules after the verdict, or that only force one, add wording, not weighing
        copies.append(
            {
                "id": f"{rule['id']}_x{copy}",
                "when": rule["when"],
                "weights": {f"{c}_x{copy}": w for c, w in (rule.get("weights") or {}).items()},
                "scores": {f"{c}_x{copy}": s for c, s in (rule.get("scores") or {}).items()},
                "priority": rule.get("priority", 0),
            }
        )
    advice["rules"] += copies
    for name, data in (("criteria.yaml", criteria), ("facts.yaml", facts), ("advice.yaml", advice)):
        (target / name).write_text(safe_dump(data))
    return target


def load(folder: Path, factor: int = FACTOR) -> Knowledge:
    """The synthetic knowledge, written to `folder` and loaded and cross-checked by the real loader."""
    knowledge = load_knowledge(write(folder, factor))
    check_advice_against(knowledge, load_conversation(data_path("conversations")))
    return knowledge


def sizes(knowledge: Knowledge) -> str:
    return f"{len(knowledge.criteria)} criteria, {len(knowledge.advice.rules)} rules, {len(knowledge.facts)} facts"
