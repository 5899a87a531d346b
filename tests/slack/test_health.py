"""The health endpoint: the bot's identity from auth.test, resolved at start-up, and the database file
it was started on still being there."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.dialogue import Advisor
from bot.settings import Settings
from tests.slack.conftest import Running, serve
from tests.slack.fake_slack import FakeSlackApi


@pytest.fixture
def without_identity(slack_settings: Settings, advisor: Advisor, fake_api: FakeSlackApi) -> Iterator[Running]:
    """An app started while auth.test fails, and keeps failing until the test says otherwise."""
    fake_api.fail("auth.test", status=200, error="internal_error", times=1000)
    yield from serve(slack_settings, advisor, fake_api)


def test_the_health_check_is_ok_once_the_bot_knows_who_it_is(running: Running) -> None:
    assert [c.method for c in running.api.calls] == ["auth.test"], "asked at start-up, before any request"
    health = running.slack.get("/healthz")
    assert health.status == 200
    running.slack.dm("hi")
    running.api.wait_for("chat.postMessage")
    assert len(running.api.calls_to("auth.test")) == 1, "asked once, not per request"


def test_without_its_identity_the_bot_is_unhealthy_and_events_are_left_for_slack_to_retry(
    without_identity: Running,
) -> None:
    running = without_identity
    assert len(running.api.attempts) > 1 and {c.method for c in running.api.attempts} == {"auth.test"}, "retried"
    assert running.slack.get("/healthz").status == 503

    envelope = running.slack.envelope("event_message_im.json", text="hi")
    answer = running.slack.event(envelope)
    assert answer.status == 503, "not a 200 with no reply: Slack delivers it again"
    assert running.state("U0ALICE01", "dm:D0DMCHAN1") is None

    running.api.recover("auth.test")
    assert running.slack.get("/healthz").status == 200
    assert running.slack.event(envelope, retry=1).status == 200
    assert "Stack Advisor" in running.api.wait_for("chat.postMessage")[0].params["text"]
    running.drain()
    assert len(running.api.calls_to("chat.postMessage")) == 1


def test_only_the_health_path_answers_a_get(running: Running) -> None:
    assert running.slack.get("/slack/events/healthz").status == 404
    assert running.slack.get("/slack/events").status == 404


@pytest.mark.sqlite_only
def test_a_deleted_database_file_stops_the_bot_instead_of_losing_everything(
    running: Running, slack_settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    running.slack.dm("we are 3 keras devs")
    running.api.wait_for("chat.postMessage", 1)
    path = Path(slack_settings.db_path)
    for suffix in ("", "-wal", "-shm"):  # as an operator's clean-up, or a wiped disk, would
        Path(f"{path}{suffix}").unlink(missing_ok=True)

    with caplog.at_level(logging.ERROR):
        assert running.slack.get("/healthz").status == 503
        running.slack.dm("image classification")
        apology = running.api.wait_for("chat.postEphemeral")[0].params
    assert "Sorry" in apology["text"]
    running.drain()
    assert len(running.api.calls_to("chat.postMessage")) == 1, "nothing answered from a database that is gone"
    assert str(path) in caplog.text and "deleted" in caplog.text, "the log says what happened, and where"
    assert not os.path.exists(path), "no new, empty database made in its place"
