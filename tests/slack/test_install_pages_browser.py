"""The install pages as a person sees them: /slack/install, the page after a successful install and
the page after a cancelled one, loaded in headless Chromium (Debian's `chromium` package). What a
person reads and the links they would press are checked in the rendered DOM, and each page is saved
as a screenshot in $TEST_ARTIFACTS (or the test's temporary directory)."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import urllib.parse
from pathlib import Path

import pytest

from tests.slack.conftest import Running
from tests.slack.test_oauth import ONE, running  # noqa: F401 - the OAuth-mode app, as a fixture

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium is not installed (apt-get install chromium)"),
]


def browse(url: str, profile: Path, artifacts: Path, name: str) -> str:
    """The DOM after `url` loaded once (the redirect's state is single-use), in a browser whose cookies
    live in `profile`; the page, self-contained, is saved and photographed from that copy."""
    common = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={profile}"]
    dom = subprocess.run([*common, "--dump-dom", url], check=True, capture_output=True, text=True, timeout=60)
    page = artifacts / f"{name}.html"
    page.write_text(dom.stdout, encoding="utf-8")
    screenshot = artifacts / f"{name}.png"
    shot = [*common, f"--screenshot={screenshot}", "--window-size=1000,1200", page.as_uri()]
    subprocess.run(shot, check=True, capture_output=True, timeout=60)
    assert screenshot.stat().st_size > 0
    return dom.stdout


def visible(dom: str) -> str:
    return " ".join(html.unescape(re.sub(r"<(style|script)[^>]*>.*?</\1>|<[^>]+>", " ", dom, flags=re.S)).split())


def link(dom: str, element_id: str) -> str:
    found = re.search(rf'id="{element_id}" href="([^"]+)"', dom)
    assert found, f"no #{element_id} on the page"
    return html.unescape(found.group(1))


def test_a_person_installs_through_the_pages(running: Running, tmp_path: Path) -> None:  # noqa: F811
    artifacts = Path(os.environ.get("TEST_ARTIFACTS") or tmp_path)
    artifacts.mkdir(parents=True, exist_ok=True)
    base = urllib.parse.urljoin(running.slack.url, "/")
    profile = tmp_path / "profile"

    install = browse(base + "slack/install", profile, artifacts, "install")
    said = visible(install)
    for words in ("What it does", "What it stores, and for how long", "90 days", "Privacy", "Add to Slack"):
        assert words in said, words
    authorize = urllib.parse.urlsplit(link(install, "add-to-slack"))
    assert (authorize.scheme, authorize.netloc, authorize.path) == ("https", "slack.com", "/oauth/v2/authorize")
    state = urllib.parse.parse_qs(authorize.query)["state"][0]

    # Slack sends the person back with a code; the browser still holds the state cookie from the page.
    running.api.install_codes["code-browser"] = ONE
    done = browse(base + f"slack/oauth_redirect?code=code-browser&state={state}", profile, artifacts, "success")
    assert "Stack Advisor is installed" in visible(done)
    assert link(done, "open-home").startswith(f"slack://app?team={ONE}&id=A0APP0001&tab=home")

    failed = browse(base + "slack/oauth_redirect?error=access_denied", profile, artifacts, "failure")
    assert "cancelled on Slack's permission page" in visible(failed)
    assert link(failed, "retry") == "/slack/install"
