"""OAuth distribution over HTTP: install through /slack/install -> /slack/oauth_redirect against the
fake Web API's oauth.v2.access, then events from two workspaces answered with their own tokens and
kept apart; token rotation; the pages a person sees; uninstalling forgets only that workspace."""

from __future__ import annotations

import html
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bot import slack_keys, slack_turns
from bot.dialogue import Advisor, Said
from bot.settings import MissingSetting, Settings, load_settings
from bot.slack_oauth import oauth_stores, sqlalchemy_url
from tests.conftest import CONSULT
from tests.postgres import fresh_database
from tests.slack.conftest import SECRET, Running, serve
from tests.slack.fake_slack import FakeSlackApi
from tests.slack.test_inbox import sweeper

CLIENT_ID = "1111.2222"
ONE, TWO = "T0TEAM001", "T0TEAM002"


@dataclass
class Page:
    status: int
    body: str
    headers: Any


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


def get(running: Running, path: str, cookie: str = "") -> Page:
    """A browser's GET on the app's server (no signature: people, not Slack, open these pages)."""
    url = urllib.parse.urljoin(running.slack.url, path)
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=10) as answer:
            return Page(answer.status, answer.read().decode(), answer.headers)
    except urllib.error.HTTPError as error:
        return Page(error.code, error.read().decode(), error.headers)


def oauth_settings(tmp_path: Path, fake_api: FakeSlackApi, database_url: str, **more: str) -> Settings:
    settings = load_settings(
        SLACK_CLIENT_ID=CLIENT_ID,
        SLACK_CLIENT_SECRET="client-secret",
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=fake_api.api_url,
        ADVISOR_DB_PATH=str(tmp_path / "advisor.db"),
        DATABASE_URL=database_url,  # with --store postgresql, the installations are kept there too
        ADVISOR_CONSULT_URL=CONSULT,
        ADVISOR_SWEEP_SECONDS=0,
        **more,
    )
    assert settings.slack_bot_token is None
    return settings


@pytest.fixture
def running(tmp_path: Path, advisor: Advisor, fake_api: FakeSlackApi, database_url: str) -> Iterator[Running]:
    yield from serve(oauth_settings(tmp_path, fake_api, database_url), advisor, fake_api)


def install(running: Running, team: str) -> Page:
    """What a workspace admin does: open the install page, press Add to Slack, allow, come back."""
    page = get(running, "/slack/install")
    assert page.status == 200 and "text/html" in page.headers["Content-Type"]
    href = re.search(r'id="add-to-slack" href="([^"]+)"', page.body)
    assert href, page.body
    authorize = urllib.parse.urlsplit(href.group(1).replace("&amp;", "&"))
    query = urllib.parse.parse_qs(authorize.query)
    assert (authorize.netloc, authorize.path) == ("slack.com", "/oauth/v2/authorize")
    assert query["client_id"] == [CLIENT_ID]
    assert set(query["scope"][0].split(",")) >= {"chat:write", "commands", "im:history", "mpim:history"}
    cookie = page.headers["Set-Cookie"].split(";")[0]
    code = f"code-for-{team}"
    running.api.install_codes[code] = team
    return get(running, f"/slack/oauth_redirect?code={code}&state={query['state'][0]}", cookie)


def dm_from(running: Running, team: str, text: str) -> None:
    envelope = running.slack.envelope("event_message_im.json", text=text, channel="D0DMCHAN1", team=team)
    envelope["event"].pop("blocks", None)
    envelope["team_id"] = team
    for authorization in envelope.get("authorizations") or []:
        authorization["team_id"] = team
    assert running.slack.event(envelope).status == 200


def test_the_install_page_says_what_it_does_stores_and_keeps(running: Running) -> None:
    page = get(running, "/slack/install")
    text = re.sub(r"<[^>]+>", " ", page.body)
    for said in ("What it does", "What it stores, and for how long", "90 days", "/advisor forget", "Privacy"):
        assert said in text, said
    assert ">Add to Slack</a>" in page.body


def test_two_workspaces_install_and_are_answered_with_their_own_tokens(running: Running) -> None:
    for team in (ONE, TWO):
        done = install(running, team)
        assert done.status == 200 and "Stack Advisor is installed" in done.body
        assert f"slack://app?team={team}&amp;id=A0APP0001&amp;tab=home" in done.body, "opens the bot's Home"

    dm_from(running, ONE, "we are 3 pytorch devs")
    first = running.api.wait_for("chat.postMessage", 1)[-1]
    dm_from(running, TWO, "we are 3 keras devs")
    second = running.api.wait_for("chat.postMessage", 2)[-1]
    assert first.token.startswith(f"xoxb-{ONE}-") and second.token.startswith(f"xoxb-{TWO}-")
    one, two = running.state("U0ALICE01", "dm:D0DMCHAN1", ONE), running.state("U0ALICE01", "dm:D0DMCHAN1", TWO)
    assert one is not None and one.answers["skills"] == ["pytorch"]
    assert two is not None and two.answers["skills"] == ["keras"]

    uninstall = running.slack.envelope("event_message_im.json")
    uninstall["event"] = {"type": "app_uninstalled", "event_ts": "1763950099.000100"}
    uninstall["team_id"] = TWO
    uninstall["authorizations"][0]["team_id"] = TWO
    assert running.slack.event(uninstall).status == 200
    running.drain()
    assert running.state("U0ALICE01", "dm:D0DMCHAN1", TWO) is None
    assert running.state("U0ALICE01", "dm:D0DMCHAN1", ONE) is not None
    installations = running.app.installation_store
    assert installations is not None
    assert installations.find_bot(enterprise_id=None, team_id=TWO) is None
    assert installations.find_bot(enterprise_id=None, team_id=ONE) is not None


def test_an_expiring_token_is_rotated_before_it_is_used(running: Running) -> None:
    running.api.token_seconds = 60  # well inside Bolt's rotation window: refreshed on the next request
    install(running, ONE)
    installed = running.app.installation_store.find_bot(enterprise_id=None, team_id=ONE)  # type: ignore[union-attr]
    assert installed is not None and installed.bot_refresh_token
    dm_from(running, ONE, "hi")
    post = running.api.wait_for("chat.postMessage")[-1]
    refreshed = [c for c in running.api.calls_to("oauth.v2.access") if c.params.get("grant_type") == "refresh_token"]
    assert refreshed and refreshed[0].params["refresh_token"] == installed.bot_refresh_token
    assert post.token.startswith(f"xoxb-{ONE}-") and post.token != installed.bot_token, "posted with the new token"


@pytest.mark.parametrize(
    ("query", "status", "why"),
    [
        ("error=access_denied", 200, "cancelled on Slack's permission page"),
        ("code=whatever&state=forged", 400, "not the one that started the installation"),
    ],
)
def test_a_failed_install_says_why_and_how_to_retry(running: Running, query: str, status: int, why: str) -> None:
    page = get(running, f"/slack/oauth_redirect?{query}")
    said = html.unescape(page.body)
    assert page.status == status and "The installation did not finish" in said and why in said
    assert 'id="retry" href="/slack/install"' in page.body


def test_a_code_slack_does_not_accept_is_a_failure_page(running: Running) -> None:
    page = get(running, "/slack/install")
    state = re.search(r"state=([^&\"]+)", page.body)
    assert state
    cookie = page.headers["Set-Cookie"].split(";")[0]
    failed = get(running, f"/slack/oauth_redirect?code=never-issued&state={state.group(1)}", cookie)
    assert failed.status == 401 and "did not accept the authorisation code" in failed.body


def test_replies_left_unposted_are_posted_by_the_sweep_with_that_workspaces_token(running: Running) -> None:
    for team in (ONE, TWO):
        install(running, team)
    place = slack_keys.dm("U0ALICE01", "D0DMCHAN1", TWO)
    outbox = lambda replies: slack_turns.outbox_for(place, replies)  # noqa: E731
    # Committed by a worker that died before posting:
    running.service.handle(place.key, Said("we are 3 keras devs"), event_id="Ev0CRASHED1", outbox=outbox)
    assert sweeper(running).sweep(now=time.time() + 1000) == 1
    [post] = running.api.calls_to("chat.postMessage")
    assert post.token.startswith(f"xoxb-{TWO}-") and "Team skills: Keras" in post.params["text"]


@pytest.fixture
def with_leads(tmp_path: Path, advisor: Advisor, fake_api: FakeSlackApi, database_url: str) -> Iterator[Running]:
    settings = oauth_settings(
        tmp_path,
        fake_api,
        database_url,
        ADVISOR_LEADS_CHANNEL="C0LEADS001",
        ADVISOR_LEADS_TEAM=ONE,  # the consultancy's own workspace
    )
    yield from serve(settings, advisor, fake_api)


def test_a_clients_lead_is_posted_with_the_consultancys_own_token(with_leads: Running) -> None:
    for team in (ONE, TWO):
        install(with_leads, team)
    for count, line in ((1, "we are 3 keras devs shipping an android app in 6 weeks"), (3, "just tell me")):
        dm_from(with_leads, TWO, line)
        with_leads.api.wait_for("chat.postMessage", count)
    dm_from(with_leads, TWO, "can I talk to a human?")
    with_leads.api.wait_for("chat.postMessage", 4)
    dm_from(with_leads, TWO, "yes")
    posts = with_leads.api.wait_for("chat.postMessage", 6)
    card = next(c for c in posts if c.params["channel"] == "C0LEADS001")
    assert card.token.startswith(f"xoxb-{ONE}-") and TWO in json.dumps(card.params["blocks"])
    thanks = next(c for c in posts if "in touch" in c.params["text"])
    assert thanks.token.startswith(f"xoxb-{TWO}-"), "the user is answered in their own workspace"


def test_a_leads_channel_without_its_workspace_stops_start_up_with_oauth() -> None:
    with pytest.raises(MissingSetting, match="ADVISOR_LEADS_TEAM"):
        load_settings(SLACK_CLIENT_ID=CLIENT_ID, SLACK_CLIENT_SECRET="s", ADVISOR_LEADS_CHANNEL="C0LEADS001")


@pytest.mark.postgres
def test_on_postgresql_installations_live_in_the_database_and_uninstalling_deletes_them(
    tmp_path: Path, advisor: Advisor, fake_api: FakeSlackApi
) -> None:
    import psycopg
    from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore

    with fresh_database() as url:
        settings = oauth_settings(tmp_path, fake_api, url)
        for running in serve(settings, advisor, fake_api):
            for team in (ONE, TWO):
                assert "Stack Advisor is installed" in install(running, team).body
            installations = running.app.installation_store
            assert isinstance(installations, SQLAlchemyInstallationStore)
            # Another server, on another machine, opening the same database finds the installation.
            elsewhere, _ = oauth_stores(settings)
            bot = elsewhere.find_bot(enterprise_id=None, team_id=ONE)
            assert bot is not None and bot.bot_token and bot.bot_token.startswith(f"xoxb-{ONE}-")
            dm_from(running, ONE, "we are 3 pytorch devs")
            assert running.api.wait_for("chat.postMessage")[-1].token == bot.bot_token

            uninstall = running.slack.envelope("event_message_im.json")
            uninstall["event"] = {"type": "app_uninstalled", "event_ts": "1763950099.000100"}
            uninstall["team_id"] = ONE
            uninstall["authorizations"][0]["team_id"] = ONE
            assert running.slack.event(uninstall).status == 200
            running.drain()
            assert elsewhere.find_bot(enterprise_id=None, team_id=ONE) is None
            assert elsewhere.find_bot(enterprise_id=None, team_id=TWO) is not None
            assert running.state("U0ALICE01", "dm:D0DMCHAN1", ONE) is None
            with psycopg.connect(url) as conn:
                rows = conn.execute("select team_id from slack_bots union all select team_id from slack_installations")
                assert sorted(r[0] for r in rows.fetchall()) == [TWO, TWO], "the installation row went too"
            elsewhere.engine.dispose()  # type: ignore[attr-defined]
        assert not settings.installations_path.exists(), "no SQLite file beside it"


def test_sqlalchemy_is_given_psycopg_3_and_the_url_as_it_is() -> None:
    url = "postgresql://advisor:s3cret@db.example:5432/advisor?sslmode=require"
    assert sqlalchemy_url(url) == "postgresql+psycopg://advisor:s3cret@db.example:5432/advisor?sslmode=require"
    assert sqlalchemy_url("postgres://db.example/a") == "postgresql+psycopg://db.example/a"
