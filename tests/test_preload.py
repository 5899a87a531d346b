"""gunicorn's master loads the advisor once; the workers it forks use that one instead of loading
their own, unless the data files have changed since (a consultancy's edit, then a reload)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from bot import gunicorn_conf, service
from bot.service import Service, preload
from bot.settings import data_path, load_settings


@pytest.fixture(autouse=True)
def nothing_preloaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test starts as a fresh master does, and leaves no advisor behind for other tests."""
    monkeypatch.setattr(service, "_preloaded", {})


def test_a_worker_uses_the_advisor_its_master_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ADVISOR_CONSULT_URL", "https://consult.example/book")
    gunicorn_conf.on_starting(None)
    (loaded,) = service._preloaded.values()
    assert Service(load_settings()).advisor is loaded
    # the language model is mapped already: no worker reads it on its first message
    assert loaded.reader.languages._model is not None


def test_other_settings_get_their_own_advisor(monkeypatch: pytest.MonkeyPatch) -> None:
    loaded = preload(load_settings())
    monkeypatch.setenv("ADVISOR_CONSULT_URL", "https://another.example/book")
    other = Service(load_settings()).advisor
    assert other is not loaded
    assert other.consult_url == "https://another.example/book"


def test_a_worker_started_after_an_edit_reads_the_edited_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("conversations", "knowledge"):
        shutil.copytree(data_path(name), tmp_path / name)
    monkeypatch.setenv("ADVISOR_CONVERSATIONS_DIR", str(tmp_path / "conversations"))
    monkeypatch.setenv("ADVISOR_KNOWLEDGE_DIR", str(tmp_path / "knowledge"))
    loaded = preload(load_settings())
    assert Service(load_settings()).advisor is loaded

    steps = tmp_path / "conversations" / "advisor.yaml"
    edited = steps.read_text().replace("What will your models mainly do?", "What are the models for?")
    steps.write_text(edited)
    os.utime(steps, ns=(steps.stat().st_atime_ns, steps.stat().st_mtime_ns + 1_000_000_000))
    fresh = Service(load_settings()).advisor
    assert fresh is not loaded
    assert fresh.conversation.steps[0].question == "What are the models for?"


def test_a_master_with_a_broken_data_file_leaves_it_to_the_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("conversations", "knowledge"):
        shutil.copytree(data_path(name), tmp_path / name)
    (tmp_path / "knowledge" / "criteria.yaml").write_text("criteria: [unclosed\n")
    monkeypatch.setenv("ADVISOR_KNOWLEDGE_DIR", str(tmp_path / "knowledge"))
    gunicorn_conf.on_starting(None)  # no exception: each worker names the file and gunicorn stops
    assert service._preloaded == {}


def test_a_reload_loads_the_edited_files_for_the_new_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("conversations", "knowledge"):
        shutil.copytree(data_path(name), tmp_path / name)
    monkeypatch.setenv("ADVISOR_CONVERSATIONS_DIR", str(tmp_path / "conversations"))
    monkeypatch.setenv("ADVISOR_KNOWLEDGE_DIR", str(tmp_path / "knowledge"))
    gunicorn_conf.on_starting(None)
    steps = tmp_path / "conversations" / "advisor.yaml"
    steps.write_text(steps.read_text().replace("What will your models mainly do?", "What are the models for?"))
    os.utime(steps, ns=(steps.stat().st_atime_ns, steps.stat().st_mtime_ns + 1_000_000_000))
    gunicorn_conf.on_reload(None)
    (reloaded,) = service._preloaded.values()
    assert Service(load_settings()).advisor is reloaded
    assert reloaded.conversation.steps[0].question == "What are the models for?"
