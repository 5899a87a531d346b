"""setuptools' `build_py`, plus the repository's data files copied into the package being built.

The consultancy edits `knowledge/`, `conversations/` and `manifest.yml` at the top of the repository,
but an installed wheel has no repository beside it. So a wheel build copies them into the built
package as `bot/data/knowledge/`, `bot/data/conversations/` and `bot/data/manifest.yml`, where
`bot.settings.data_path` finds them through `importlib.resources`.

Why a copy at build time rather than a `package-dir` mapping of the top-level folders to
`bot.data.*` subpackages: those folders have no `__init__.py` (and must not grow one), so the
mapping makes them namespace packages, which setuptools' editable finder and `importlib.resources`
handle only partly; mapping the repository root itself to a package (for `manifest.yml`) would pull
README.md and pyproject.toml in with it. The copy goes only into the build directory, never into
the source tree, and is skipped for editable installs (`pip install -e .`): those keep reading the
top-level files in place, so an edit takes effect without reinstalling.

pyproject.toml names this class under `[tool.setuptools.cmdclass]`; MANIFEST.in puts this file
and the data in an sdist, so a wheel built from the sdist carries the data too.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent.parent
DATA = ("knowledge", "conversations", "manifest.yml")  # relative to ROOT
TARGET = ("bot", "data")  # inside the built package


def _data_files() -> list[Path]:
    """Every file to carry, relative to ROOT: editor droppings and caches stay behind."""
    files: list[Path] = []
    for name in DATA:
        source = ROOT / name
        if source.is_file():
            files.append(Path(name))
            continue
        if not source.is_dir():
            raise FileNotFoundError(f"{source} is missing: the package cannot be built without it")
        for path in sorted(source.rglob("*")):
            relative = path.relative_to(ROOT)
            hidden = any(part.startswith(".") or part == "__pycache__" for part in relative.parts)
            if path.is_file() and not hidden and not path.name.endswith("~"):
                files.append(relative)
    return files


class BuildPyWithData(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return  # editable installs read the repository's own folders
        target = Path(self.build_lib, *TARGET)
        if target.exists():  # a reused build/ must not keep a file since deleted from the repository
            shutil.rmtree(target)
        for relative in _data_files():
            destination = target / relative
            self.mkpath(str(destination.parent))
            self.copy_file(str(ROOT / relative), str(destination), preserve_mode=False)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        outputs = list(super().get_outputs(include_bytecode))
        if not getattr(self, "editable_mode", False):
            outputs += [str(Path(self.build_lib, *TARGET, relative)) for relative in _data_files()]
        return outputs
