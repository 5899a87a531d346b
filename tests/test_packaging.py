"""The built wheel is the whole app: installed into a fresh venv, with no repository beside it, it
finds its data files (knowledge/, conversations/, manifest.yml) inside the package. A checkout or an
editable install keeps reading the repository's top-level files, and explicit settings still win."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest
import yaml

from bot.settings import data_path, load_settings

ROOT = Path(__file__).resolve().parent.parent
DATA = ("knowledge", "conversations")
FIRST_QUESTION = "What will your models mainly do?"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_checkout_reads_the_repositorys_own_data_files(monkeypatch: pytest.MonkeyPatch) -> None:
    # The tests run against an editable install: an edit at the top level takes effect at once.
    for name in ("ADVISOR_KNOWLEDGE_DIR", "ADVISOR_CONVERSATIONS_DIR"):
        monkeypatch.delenv(name, raising=False)
    settings = load_settings()
    assert settings.knowledge_dir == ROOT / "knowledge"
    assert settings.conversations_dir == ROOT / "conversations"
    assert data_path("manifest.yml") == ROOT / "manifest.yml"


def test_explicit_settings_still_win(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("ADVISOR_KNOWLEDGE_DIR", str(tmp_path / "k"))
    assert load_settings().knowledge_dir == tmp_path / "k"
    assert load_settings(ADVISOR_CONVERSATIONS_DIR=str(tmp_path / "c")).conversations_dir == tmp_path / "c"


def _run(
    args: list[str], cwd: Path | None = None, env: dict[str, str] | None = None, stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(args, cwd=cwd, env=env, input=stdin, capture_output=True, text=True, timeout=900)
    assert result.returncode == 0, f"{args} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


class Installed:
    """A fresh venv (no system site-packages) holding the wheel and its dependencies."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.bin = base / "venv" / "bin"
        self.elsewhere = base / "elsewhere"  # a working directory with no repository in it
        self.elsewhere.mkdir()
        self.env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("ADVISOR_") and k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")
        }
        self.env["ADVISOR_DB_PATH"] = str(base / "advisor.db")
        self.env["PATH"] = f"{self.bin}{os.pathsep}{self.env.get('PATH', '')}"

    def run(self, args: list[str], stdin: str = "") -> subprocess.CompletedProcess[str]:
        return _run(args, self.elsewhere, self.env, stdin)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dist = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(dist), str(ROOT)])
    (built,) = dist.glob("stack_advisor-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    base = tmp_path_factory.mktemp("installed")
    _run([sys.executable, "-m", "venv", str(base / "venv")])
    _run([str(base / "venv" / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)])
    return Installed(base)


@pytest.mark.slow
def test_the_wheel_carries_the_data_files(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "bot/data/manifest.yml" in names
    for folder in DATA:
        assert {f"bot/data/{folder}/{n}" for n in _files(ROOT / folder)} <= names


@pytest.mark.slow
def test_the_installed_app_uses_its_own_package_and_data(installed: Installed) -> None:
    probe = "import bot, bot.settings as s; print(bot.__file__); print(s.data_path('knowledge'))"
    package, knowledge = installed.run(["python", "-c", probe]).stdout.split()
    site = installed.base / "venv" / "lib"
    assert Path(package).is_relative_to(site), f"bot came from {package}, not from the installed wheel"
    assert Path(knowledge).is_relative_to(site)
    for folder in DATA:
        assert _files(Path(knowledge).parent / folder) == _files(ROOT / folder)


@pytest.mark.slow
def test_kb_check_runs_from_another_directory(installed: Installed) -> None:
    result = installed.run(["advisor", "kb", "check"])
    assert "ok:" in result.stdout


@pytest.mark.slow
def test_a_piped_chat_runs_from_another_directory(installed: Installed) -> None:
    result = installed.run(["advisor", "chat", "--new"], stdin="hi\nimage classification\n")
    assert FIRST_QUESTION in result.stdout
    assert "Traceback" not in result.stderr


@pytest.mark.slow
def test_the_manifest_prints_from_another_directory(installed: Installed) -> None:
    result = installed.run(["advisor", "manifest", "--url", "https://advisor.example.com"])
    manifest = yaml.safe_load(result.stdout)
    assert manifest["settings"]["interactivity"]["request_url"] == "https://advisor.example.com/slack/events"


@pytest.mark.slow
def test_the_procfiles_gunicorn_line_serves_from_another_directory(installed: Installed) -> None:
    # The Procfile's web line, with its gevent workers: the app loads its data at import, so an
    # unsigned request answered 401 by the guard means it found them (a missing file exits 4).
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = installed.env | {"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": "secret", "WEB_CONCURRENCY": "1"}
    env["ADVISOR_CONSULT_URL"] = "https://consult.example/book"
    command = ["gunicorn", "-c", "python:bot.gunicorn_conf", "--bind", f"127.0.0.1:{port}", "bot.wsgi:app"]
    with (installed.base / "gunicorn.log").open("w+") as log:
        server = subprocess.Popen(
            command, cwd=installed.elsewhere, env=env, stdout=log, stderr=log, start_new_session=True
        )
        try:
            status = None
            deadline = time.monotonic() + 60
            while status is None and server.poll() is None and time.monotonic() < deadline:
                request = urllib.request.Request(f"http://127.0.0.1:{port}/slack/events", data=b"x=1")
                try:
                    urllib.request.urlopen(request, timeout=5)
                    status = 200
                except urllib.error.HTTPError as answer:
                    status = answer.code
                except OSError:
                    time.sleep(0.2)
        finally:
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
            log.seek(0)
            output = log.read()
    assert status == 401, f"gunicorn answered {status}, exit {server.returncode}\n{output}"
