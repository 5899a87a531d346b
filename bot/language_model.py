"""py3langid's language model, mapped from disk rather than read into each process's memory.

The model ships compressed inside py3langid (4.5 MB of xz). Loading it the usual way costs each
worker half a second and some 80 MB: the whole model is decompressed and kept, every one of its 142
languages, though the advisor asks about 48 and a message touches a few hundred of its million
entries. So the model is decompressed once, cut to the languages asked about, and written to a
cache folder as plain arrays; each process then maps them (`numpy.load(mmap_mode="r")`), and only
the pages a message reads become resident, shared by every worker through the page cache.

The scores are the same numbers: the arrays are py3langid's own, restricted to the same columns
`LanguageIdentifier.set_languages` would keep. Where the cache folder cannot be written (a
read-only disk), the model is loaded into memory as before.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import tempfile
import time
from collections.abc import Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Any

_LOG = logging.getLogger(__name__)
_LAYOUT = 1  # this module's way of writing the folder: a change to it makes a new folder
_ARRAYS = ("ptc", "pc", "nextmove", "nextmove_row", "out_feat")
# Another version's folder (before an upgrade, or another language list) is removed when a new one is
# written, once it has gone this long unwritten: a machine keeps one copy, not one per release. One
# still in use meanwhile (an old release's servers beside the new) keeps working: its processes map
# files the system keeps until they are unmapped, and a new process of it writes its folder again.
_STALE_SECONDS = 24 * 3600


def load(languages: Sequence[str], cache: Path | None) -> Any:
    """A py3langid `LanguageIdentifier` (probabilities normalised) that tells `languages` apart:
    mapped from `cache` (written there first if missing), or in memory when `cache` is None or
    cannot be written."""
    import py3langid.langid as langid

    model = _model_file()
    if cache is not None:
        try:
            folder = _cached(model, languages, cache)
        except OSError as error:
            _LOG.warning("language model not cached in %s (%s): loading it into memory", cache, error)
        else:
            return _mapped(folder, langid)
    identifier = langid.LanguageIdentifier.from_modelpath(model, norm_probs=True)
    identifier.set_languages(list(languages))
    # set_languages keeps the whole model beside the columns it chose, to choose again; nothing here
    # does, so only the chosen columns stay (some 60 MB of the 142 languages' matrix freed)
    identifier._full_model = (identifier.nb_ptc, identifier.nb_pc, identifier.nb_classes)
    return identifier


def _model_file() -> Path:
    """The compressed model py3langid ships."""
    import py3langid.langid as langid

    return Path(langid.MODEL_DIR) / str(langid.MODEL_FILE)


def _cached(model: Path, languages: Sequence[str], cache: Path) -> Path:
    """The folder holding the model's arrays for `languages`, written (atomically) if missing.

    Its name changes with py3langid's version, the model file and the languages, so an upgrade
    or a new language list writes a new folder instead of reading a stale one."""
    stat = model.stat()
    key = f"{_LAYOUT}|{version('py3langid')}|{stat.st_size}|{stat.st_mtime_ns}|{','.join(languages)}"
    folder = cache / f"langid-{hashlib.sha256(key.encode()).hexdigest()[:16]}"
    if (folder / "classes.txt").exists():  # written last: the folder is complete
        return folder
    cache.mkdir(parents=True, exist_ok=True)
    # Written beside it and renamed into place: a process that finds the folder finds it whole, and
    # of two workers writing it at once, the second's rename fails harmlessly.
    scratch = Path(tempfile.mkdtemp(prefix=".langid-", dir=cache))
    try:
        _write(model, languages, scratch)
        try:
            os.rename(scratch, folder)
        except OSError:
            if not (folder / "classes.txt").exists():  # not another worker's: a damaged folder
                shutil.rmtree(folder)
                os.rename(scratch, folder)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    _prune(cache, keep=folder)
    return folder


def _prune(cache: Path, keep: Path) -> None:
    """Remove the other versions' folders (and scratch folders a crash left) that have gone
    `_STALE_SECONDS` unwritten."""
    now = time.time()
    for other in cache.glob("*langid-*"):
        try:
            if other != keep and other.is_dir() and now - other.stat().st_mtime > _STALE_SECONDS:
                shutil.rmtree(other)
        except OSError as error:  # (another process removing it too, or no right to)
            _LOG.info("old language model folder %s not removed (%s)", other, error)


def _write(model: Path, languages: Sequence[str], folder: Path) -> None:
    import numpy as np
    from py3langid.modelio import load_model

    ptc, pc, classes, nextmove, nextmove_row, out_feat = load_model(model)
    wanted = set(languages)
    unknown = wanted.difference(classes)
    if unknown:
        raise ValueError(f"py3langid has no model for {sorted(unknown)}")
    kept = [i for i, language in enumerate(classes) if language in wanted]  # set_languages's columns
    arrays = {
        "ptc": np.ascontiguousarray(np.asarray(ptc)[:, kept]),
        "pc": np.asarray(pc)[kept],
        "nextmove": np.frombuffer(nextmove, dtype=np.dtype(nextmove.typecode)),
        "nextmove_row": np.frombuffer(nextmove_row, dtype=np.dtype(nextmove_row.typecode)),
        "out_feat": np.asarray(out_feat, dtype=np.int32),
    }
    for name, array in arrays.items():
        np.save(folder / f"{name}.npy", array, allow_pickle=False)
    (folder / "classes.txt").write_text("\n".join(classes[i] for i in kept) + "\n", encoding="utf-8")


def _mapped(folder: Path, langid: Any) -> Any:
    import numpy as np

    arrays = {name: np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False) for name in _ARRAYS}
    classes = (folder / "classes.txt").read_text(encoding="utf-8").split()
    # The walk over a message's bytes indexes the automaton one entry at a time: memoryviews of
    # the mapped arrays give plain ints, as fast as py3langid's own arrays.
    return langid.LanguageIdentifier(
        arrays["ptc"],
        np.array(arrays["pc"]),
        classes,
        memoryview(arrays["nextmove"]),
        memoryview(arrays["out_feat"]),
        norm_probs=True,
        tk_row=memoryview(arrays["nextmove_row"]),
    )
