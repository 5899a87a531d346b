"""The manifest, the run modes' start-up, and the README that documents them."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from bot.cli import main
from bot.settings import MissingSetting, load_settings
from tests.conftest import CONSULT, ROOT
from tests.slack.conftest import SECRET
from tests.slack.fake_slack import FakeSlackApi, SlackSender


def test_manifest_for_a_url_names_the_command_and_request_urls(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["manifest", "--url", "https://advisor.acme.dev/"]) == 0
    manifest = yaml.safe_load(capsys.readouterr().out)
    url = "https://advisor.acme.dev/slack/events"
    assert manifest["features"]["slash_commands"] == [
        {**manifest["features"]["slash_commands"][0], "command": "/advisor", "url": url}
    ]
    assert manifest["settings"]["event_subscriptions"]["request_url"] == url
    assert manifest["oauth_config"]["redirect_urls"] == ["https://advisor.acme.dev/slack/oauth_redirect"]
    assert manifest["settings"]["interactivity"] == {"is_enabled": True, "request_url": url}
    assert sorted(manifest["settings"]["event_subscriptions"]["bot_events"]) == [
        "app_home_opened",
        "app_mention",
        "app_uninstalled",
        "message.channels",
        "message.groups",
        "message.im",
        "message.mpim",
        "tokens_revoked",
    ]
    assert sorted(manifest["oauth_config"]["scopes"]["bot"]) == [
        "app_mentions:read",
        "channels:history",
        "chat:write",
        "commands",
        "groups:history",
        "im:history",
        "im:write",
        "mpim:history",
    ]
    shortcuts = {(s["type"], s["callback_id"]): s["name"] for s in manifest["features"]["shortcuts"]}
    assert shortcuts == {
        ("global", "ask_advisor"): "Ask Stack Advisor",
        ("message", "advice_on_message"): "Get advice on this message",
    }
    assert manifest["features"]["app_home"]["messages_tab_enabled"] is True
    assert manifest["features"]["app_home"]["home_tab_enabled"] is True
    assert manifest["features"]["bot_user"]["display_name"]


def test_socket_mode_manifest_has_no_urls(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["manifest", "--socket"]) == 0
    out = capsys.readouterr().out
    assert yaml.safe_load(out)["settings"]["socket_mode_enabled"] is True
    assert "https://" not in out.split("oauth_config")[1]


def test_every_command_is_documented_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text()
    help_text = subprocess.run(
        [sys.executable, "-m", "bot", "--help"], capture_output=True, text=True, check=True
    ).stdout
    commands = re.search(r"\{([a-z,\- ]+)\}", help_text)
    assert commands
    for command in commands.group(1).split(","):
        assert f"advisor {command}" in readme, f"`advisor {command}` is not in the README"


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "ADVISOR_"))}
    return {**env, "ADVISOR_DB_PATH": str(tmp_path / "advisor.db"), **extra}


def test_a_missing_setting_stops_http_mode_with_one_line(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-c", "import bot.wsgi"],
        env=_env(tmp_path, SLACK_BOT_TOKEN="xoxb-test"),
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 4  # gunicorn's "app failed to load": it stops instead of retrying
    assert run.stderr.strip().splitlines() == [
        "advisor: SLACK_SIGNING_SECRET is not set; it is required for this run mode."
    ]


def test_a_missing_setting_stops_socket_mode_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-test")
    assert main(["socket"]) == 2
    assert capsys.readouterr().err.strip() == "advisor: SLACK_APP_TOKEN is not set; it is required for this run mode."


def test_http_mode_refuses_to_start_without_the_consultation_url(tmp_path: Path) -> None:
    """The default URL is an example, good for the terminal: a Slack user must never get its button."""
    run = subprocess.run(
        [sys.executable, "-c", "import bot.wsgi"],
        env=_env(tmp_path, SLACK_BOT_TOKEN="xoxb-test", SLACK_SIGNING_SECRET=SECRET),
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 4
    assert run.stderr.strip().splitlines() == [
        "advisor: ADVISOR_CONSULT_URL is not set; it is required for this run mode."
    ]


@pytest.mark.parametrize("mode", [["web", "--port", "0"], ["socket"]])
def test_the_cli_slack_modes_refuse_to_start_without_the_consultation_url(mode: list[str], tmp_path: Path) -> None:
    # In a process of its own with a time limit: a mode that did start would serve until stopped.
    env = _env(tmp_path, SLACK_BOT_TOKEN="xoxb-test", SLACK_SIGNING_SECRET=SECRET, SLACK_APP_TOKEN="xapp-test")
    env["SLACK_API_URL"] = "http://127.0.0.1:9/api/"  # nothing listens: a mode that started reaches no Slack
    run = subprocess.run(
        [sys.executable, "-m", "bot", *mode], env=env, capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert run.returncode == 2
    assert run.stderr.strip() == "advisor: ADVISOR_CONSULT_URL is not set; it is required for this run mode."


def test_an_empty_consultation_url_counts_as_missing(tmp_path: Path) -> None:
    settings = load_settings(ADVISOR_DB_PATH=str(tmp_path / "a.db"), ADVISOR_CONSULT_URL="")
    with pytest.raises(MissingSetting, match=r"^ADVISOR_CONSULT_URL is not set"):
        settings.require("ADVISOR_CONSULT_URL")
    load_settings(ADVISOR_CONSULT_URL=CONSULT).require("ADVISOR_CONSULT_URL")  # given: no complaint


@pytest.mark.slow
def test_gunicorn_stops_at_once_on_a_missing_setting(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "gunicorn", "--workers", "2", "--bind", "127.0.0.1:0", "bot.wsgi:app"]
    run = subprocess.run(
        command, env=_env(tmp_path, SLACK_BOT_TOKEN="xoxb-test"), capture_output=True, text=True, cwd=ROOT, timeout=30
    )
    assert run.returncode != 0  # stopped, rather than rebooting workers until the timeout
    assert "advisor: SLACK_SIGNING_SECRET is not set" in run.stderr
    assert "MissingSetting" not in run.stderr  # our one line, not our traceback (gunicorn adds its own)


@pytest.mark.slow
def test_gunicorn_serves_the_procfile_app(tmp_path: Path) -> None:
    """The Procfile's web line, for real: gunicorn workers answering a signed DM."""
    web = next(line for line in (ROOT / "Procfile").read_text().splitlines() if line.startswith("web:"))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    fake = FakeSlackApi().start()
    words = web.removeprefix("web:").replace("$PORT", str(port)).replace("0.0.0.0", "127.0.0.1").split()
    assert words[0] == "gunicorn"
    command = [sys.executable, "-m", *words]
    env = _env(tmp_path, SLACK_BOT_TOKEN="xoxb-test", SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=fake.api_url)
    env["ADVISOR_CONSULT_URL"] = CONSULT
    server = subprocess.Popen(command, env=env, cwd=ROOT, stderr=subprocess.PIPE, start_new_session=True)
    try:
        sender = SlackSender(f"http://127.0.0.1:{port}/slack/events", SECRET, fake)
        deadline = time.monotonic() + 20
        while True:
            try:
                answer = sender.dm("hi")
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "gunicorn did not start"
                time.sleep(0.2)
        assert answer.status == 200
        assert "Stack Advisor" in fake.wait_for("chat.postMessage", timeout=10)[0].params["text"]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=10)
        fake.stop()
