"""The language model mapped from its cache folder scores exactly as py3langid's own does, the
folder is written once and then only read, and a cache that cannot be written costs nothing but
the memory."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import numpy as np
import py3langid.langid as langid
import pytest

from bot import language_model
from bot.dialogue import Advisor
from bot.reading_languages import _LANGUAGES, LanguageCheck

TEXTS = [
    "wir brauchen ein Framework für unsere Bilderkennung auf NVIDIA Karten",
    "necesitamos desplegar en móviles Android, el equipo sabe PyTorch",
    "on a besoin d'un modèle pour la détection d'anomalies sur nos capteurs",
    "we mostly know pytorch and deploy to aws",
    "gbdt baseline exists, want a nn to blend",
    "",
    "1234 5678",
    "ASAP talaga, investor demo in 3 weeks",
]


@pytest.fixture(scope="module")
def in_memory() -> object:
    identifier = langid.LanguageIdentifier.from_modelpath(Path(langid.MODEL_DIR) / langid.MODEL_FILE, norm_probs=True)
    identifier.set_languages(_LANGUAGES)
    return identifier


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("cache")
    language_model.load(_LANGUAGES, folder)
    return folder


def test_the_mapped_model_ranks_every_language_exactly_as_py3langid_does(cache: Path, in_memory: object) -> None:
    mapped = language_model.load(_LANGUAGES, cache)
    assert isinstance(mapped.nb_ptc, np.memmap)
    for text in TEXTS:
        assert mapped.rank(text) == in_memory.rank(text), text  # type: ignore[attr-defined]
    assert {language for language, _ in mapped.rank(TEXTS[0])} == set(_LANGUAGES)


def test_the_folder_is_written_once_then_read(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (folder,) = cache.iterdir()  # one folder, no scratch left behind
    written = {path.name: path.stat().st_mtime_ns for path in folder.iterdir()}
    assert {"classes.txt", "ptc.npy", "nextmove.npy"} <= set(written)
    # (written again, the new copy would lose the rename to this one: only not writing shows it)
    monkeypatch.setattr(language_model, "_write", _must_not_write)
    again = language_model.load(_LANGUAGES, cache)
    assert {path.name: path.stat().st_mtime_ns for path in folder.iterdir()} == written
    assert again.rank(TEXTS[1])[0][0] == "es"


def test_a_half_written_folder_is_written_again(cache: Path, tmp_path: Path, in_memory: object) -> None:
    (written,) = cache.iterdir()
    folder = tmp_path / written.name
    shutil.copytree(written, folder)
    (folder / "classes.txt").unlink()  # damaged: say, a cleaner removed some of its files
    (folder / "ptc.npy").write_bytes(b"truncated")
    mapped = language_model.load(_LANGUAGES, tmp_path)
    assert isinstance(mapped.nb_ptc, np.memmap)  # written again, not loaded into memory instead
    assert mapped.rank(TEXTS[0]) == in_memory.rank(TEXTS[0])  # type: ignore[attr-defined]


def test_writing_a_new_folder_removes_other_versions_folders_left_unwritten_for_a_day(
    cache: Path, tmp_path: Path
) -> None:
    (written,) = cache.iterdir()
    old, recent, scratch = (
        tmp_path / "langid-0123456789abcdef",
        tmp_path / "langid-fedcba9876543210",
        tmp_path / ".langid-x",
    )
    for folder in (old, recent, scratch):
        shutil.copytree(written, folder)
    two_days_ago = time.time() - 2 * 24 * 3600
    for folder in (old, scratch):
        os.utime(folder, (two_days_ago, two_days_ago))
    language_model.load(_LANGUAGES, tmp_path)  # (this version's folder is missing here: written)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([written.name, recent.name])


def test_a_cache_that_cannot_be_written_loads_the_model_into_memory(tmp_path: Path, in_memory: object) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    model = language_model.load(_LANGUAGES, blocked / "cache")
    assert not isinstance(model.nb_ptc, np.memmap)
    for text in TEXTS:
        assert model.rank(text) == in_memory.rank(text), text  # type: ignore[attr-defined]
    # only the languages told apart are kept, not the whole model beside them
    assert model._full_model[0] is model.nb_ptc and model._full_model[0].shape[1] == len(_LANGUAGES)


def test_a_language_check_prepared_with_a_cache_tells_german_from_english(cache: Path, advisor: Advisor) -> None:
    check = LanguageCheck(advisor.reader.vocabulary)
    check.prepare(cache)
    assert isinstance(check._identifier.nb_ptc, np.memmap)
    german = "wir wissen nicht welches Framework besser passt"
    assert check.foreign(german, german.lower())
    assert not check.foreign("we know pytorch, deploy to aws", "we know pytorch deploy to aws")


def test_gunicorns_master_writes_the_folder_before_the_workers_start(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_memory: object
) -> None:
    from bot import gunicorn_conf

    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path))
    gunicorn_conf.on_starting(None)
    (folder,) = tmp_path.iterdir()
    assert (folder / "classes.txt").read_text().split() == in_memory.nb_classes  # type: ignore[attr-defined]


def test_gunicorns_master_leaves_bad_settings_to_the_workers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from bot import gunicorn_conf

    monkeypatch.setenv("ADVISOR_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("ADVISOR_MATCH_CUTOFF", "5")  # out of range: the workers say so and stop
    gunicorn_conf.on_starting(None)
    assert not any(tmp_path.iterdir())


def _must_not_write(*_: object) -> None:
    raise AssertionError("the folder was written again")
