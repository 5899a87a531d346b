"""`advisor kb check` on good, stale and broken knowledge."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

from bot.kb_check import check
from tests.conftest import ROOT

TODAY = date(2026, 11, 25)


def copy_data(tmp_path: Path) -> tuple[Path, Path]:
    knowledge = tmp_path / "knowledge"
    conversations = tmp_path / "conversations"
    shutil.copytree(ROOT / "knowledge", knowledge)
    shutil.copytree(ROOT / "conversations", conversations)
    return knowledge, conversations


def test_the_shipped_knowledge_passes() -> None:
    report = check(ROOT / "knowledge", ROOT / "conversations", 12, TODAY)
    assert report.ok, report.errors
    assert report.checked > 50


def test_stale_facts_are_listed_with_their_age(tmp_path: Path) -> None:
    knowledge, conversations = copy_data(tmp_path)
    facts = knowledge / "facts.yaml"
    text = facts.read_text()
    first_as_of = text.split("as_of: ", 1)[1].split("\n", 1)[0]
    facts.write_text(text.replace(f"as_of: {first_as_of}", 'as_of: "2019-01"', 1))
    report = check(knowledge, conversations, 12, TODAY)
    assert report.ok, "stale facts are warnings, not errors"
    assert any(line.startswith("F01 (as of 2019-01, 94 months)") for line in report.stale)
    fresh = check(knowledge, conversations, 1000, TODAY)
    assert fresh.stale == []


def test_a_score_changed_without_a_reason_is_an_error(tmp_path: Path) -> None:
    knowledge, conversations = copy_data(tmp_path)
    criteria = knowledge / "criteria.yaml"
    text = criteria.read_text()
    start = text.index("change_reason:")
    end = text.index("\n", start)
    criteria.write_text(text[:start] + "change_reason: null" + text[end:])
    report = check(knowledge, conversations, 12, TODAY)
    assert not report.ok
    assert "criteria" in report.errors[0] or "criterion" in report.errors[0]
    assert "change_reason" in report.errors[0]


def test_a_rule_naming_a_missing_option_is_an_error(tmp_path: Path) -> None:
    knowledge, conversations = copy_data(tmp_path)
    advice = knowledge / "advice.yaml"
    advice.write_text(advice.read_text().replace("when: {deployment: jetson}", "when: {deployment: jetsonn}"))
    report = check(knowledge, conversations, 12, TODAY)
    assert len(report.errors) == 1
    assert "advice.yaml" in report.errors[0]
    assert "rule target-jetson names unknown option 'jetsonn' of step 'deployment'" in report.errors[0]


def test_an_error_in_a_list_entry_names_its_id(tmp_path: Path) -> None:
    knowledge, conversations = copy_data(tmp_path)
    facts = knowledge / "facts.yaml"
    facts.write_text(facts.read_text().replace("strength: strong", "strength: rock-solid", 1))
    report = check(knowledge, conversations, 12, TODAY)
    assert report.errors[0].startswith(f"{facts}: field 'facts.0.strength' (in id F01): ")
