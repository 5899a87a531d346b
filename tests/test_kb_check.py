"""`advisor kb check` on good, stale and broken knowledge."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from bot.kb_check import check
from bot.knowledge import url_is_primary
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


# -- primary sources ------------------------------------------------------------------------------


def test_the_shipped_knowledge_leads_every_fact_with_a_primary_source() -> None:
    report = check(ROOT / "knowledge", ROOT / "conversations", 12, TODAY)
    assert report.secondary == []
    assert not any(line.startswith("warning:") for line in report.lines(12))


def test_a_fact_led_by_a_secondary_source_is_a_warning(tmp_path: Path) -> None:
    knowledge, conversations = copy_data(tmp_path)
    facts = knowledge / "facts.yaml"
    weak = "https://hacknews-clone.netlify.app/post?id=35999101"
    text = facts.read_text()
    assert "      - https://github.com/pytorch/serve\n" in text
    facts.write_text(text.replace("      - https://github.com/pytorch/serve\n", f"      - {weak}\n", 1))
    report = check(knowledge, conversations, 1000, TODAY)
    assert report.ok, "a secondary first source is a warning, not an error"
    assert report.secondary == [f"F01: first source is not primary (not in sources.yaml): {weak}"]
    lines = report.lines(1000)
    assert f"warning: F01: first source is not primary (not in sources.yaml): {weak}" in lines
    assert lines[-1].startswith("ok: ")
    assert not report.failed() and not report.failed(fail_on_stale=True)
    assert report.failed(fail_on_secondary=True)


def test_a_secondary_source_after_a_primary_one_is_fine(tmp_path: Path) -> None:
    knowledge, conversations = copy_data(tmp_path)
    facts = knowledge / "facts.yaml"
    primary = "      - https://github.com/pytorch/serve\n"
    facts.write_text(facts.read_text().replace(primary, primary + "      - https://blog.example/torchserve\n", 1))
    assert check(knowledge, conversations, 1000, TODAY).secondary == []


def test_the_primary_list_is_read_from_the_knowledge_data(tmp_path: Path) -> None:
    knowledge, conversations = copy_data(tmp_path)
    sources = knowledge / "sources.yaml"
    sources.write_text(sources.read_text().replace("  - github.com/pytorch/\n", "", 1))
    report = check(knowledge, conversations, 1000, TODAY)
    assert report.ok
    assert any(line.startswith("F01: ") and "https://github.com/pytorch/serve" in line for line in report.secondary)


def test_a_judgement_without_urls_is_exempt_but_a_fact_without_urls_is_named(tmp_path: Path) -> None:
    knowledge, conversations = copy_data(tmp_path)
    facts = knowledge / "facts.yaml"
    text = facts.read_text()
    start = text.index("  - id: J03\n")
    assert "judgement: true" in text[start:] and "      - F03\n      - F11\n" in text[start:]
    assert check(knowledge, conversations, 1000, TODAY).secondary == []  # J03 cites only F03 and F11
    facts.write_text(text[:start] + text[start:].replace("    judgement: true\n", "", 1))
    assert check(knowledge, conversations, 1000, TODAY).secondary == [
        "J03: no URL among its sources - lead with a primary one"
    ]


def test_a_broken_sources_yaml_is_an_error_naming_it(tmp_path: Path) -> None:
    knowledge, conversations = copy_data(tmp_path)
    sources = knowledge / "sources.yaml"
    sources.write_text(sources.read_text().replace("  - keras.io\n", "  - keras io\n", 1))
    report = check(knowledge, conversations, 12, TODAY)
    assert not report.ok
    assert report.errors[0].startswith(f"{sources}: field 'primary.")
    assert "'keras io'" in report.errors[0]


@pytest.mark.parametrize(
    ("url", "primary"),
    [
        ("https://pytorch.org/blog/executorch-beta", True),
        ("https://docs.pytorch.org/docs/stable/index.html", True),
        ("https://www.tensorflow.org/install", True),  # a leading www. does not matter
        ("https://github.com/pytorch/pytorch/releases", True),
        ("https://GitHub.com/Lightning-AI/pytorch-lightning", True),  # nor does case
        ("https://huggingface.co/models?library=pytorch", True),
        ("https://github.com/pytorch-labs/anything", False),  # a prefix is whole path segments
        ("https://github.com/AOSSIE-Org/EduAid/pull/430", False),
        ("https://forums.developer.nvidia.com/t/x/1", False),  # a host is not its subdomains
        ("https://huggingface.co/spaces/someone/demo", False),
        ("https://pytorch.org.evil.example/blog", False),
        ("https://web.archive.org/web/20250701000000/https://paperswithcode.com/trends", True),
        ("https://web.archive.org/web/2023/https://fliphtml5.com/report", False),  # judged by what it archives
    ],
)
def test_what_counts_as_primary(url: str, primary: bool) -> None:
    prefixes = [
        "pytorch.org",
        "docs.pytorch.org",
        "tensorflow.org",
        "github.com/pytorch/",
        "github.com/lightning-ai/",
        "developer.nvidia.com",
        "huggingface.co/models",
        "paperswithcode.com",
    ]
    assert url_is_primary(url, prefixes) is primary
