"""The real Slack app served on a loopback port, a fake Slack Web API beside it, and a sender of
signed requests: each test drives the app exactly as Slack would."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
from slack_bolt import App

from bot.dialogue import Advisor, State
from bot.service import Service
from bot.serving import make_local_server
from bot.settings import Settings, load_settings
from bot.store import ConversationKey
from tests.conftest import CONSULT
from tests.postgres import fresh_database
from tests.slack.fake_slack import FakeSlackApi, SlackSender, stop_server

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"
TEAM = "T0TEAM001"  # the workspace of the payload samples
T = TypeVar("T")


@pytest.fixture
def fake_api() -> Iterator[FakeSlackApi]:
    fake = FakeSlackApi().start()
    yield fake
    fake.stop()


@pytest.fixture
def database_url(request: pytest.FixtureRequest) -> Iterator[str]:
    """With `--store postgresql`, a fresh PostgreSQL schema for the app; else "" (the SQLite file)."""
    if request.config.getoption("store") != "postgresql":
        yield ""
        return
    if request.node.get_closest_marker("sqlite_only"):
        pytest.skip("about SQLite's file")
    with fresh_database() as url:
        yield url


@pytest.fixture
def slack_settings(tmp_path: Path, fake_api: FakeSlackApi, database_url: str) -> Settings:
    return load_settings(
        SLACK_BOT_TOKEN="xoxb-test-token",
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_API_URL=fake_api.api_url,
        ADVISOR_DB_PATH=str(tmp_path / "advisor.db"),
        DATABASE_URL=database_url,
        ADVISOR_CONSULT_URL=CONSULT,
        ADVISOR_SWEEP_SECONDS=0,  # tests sweep when they mean to (tests/slack/test_inbox.py)
    )


@dataclass
class Running:
    """One served app: its sender, the fake API it calls, and its service (for state checks)."""

    slack: SlackSender
    api: FakeSlackApi
    service: Service
    app: App

    def settle(self) -> None:
        """Wait until every listener the app started so far has finished (it keeps taking work)."""
        pool = self.app.listener_runner.listener_executor
        assert isinstance(pool, TrackedPool)
        pool.idle()

    def drain(self) -> None:
        """Wait until every listener the app started has finished (it takes no more work after)."""
        self.app.listener_runner.listener_executor.shutdown(wait=True)

    def state(self, user: str, place: str, team: str = TEAM) -> State | None:
        """The conversation of Slack user `user` of workspace `team` in `place`."""
        return self.service.state(ConversationKey(user=f"{team}:{user}", place=place))

    def last_post(self) -> dict[str, Any]:
        return self.api.calls_to("chat.postMessage")[-1].params


class TrackedPool(ThreadPoolExecutor):
    """The app's listener pool, as the app builds it, able to say when all its work is done."""

    def __init__(self, workers: int) -> None:
        super().__init__(workers, thread_name_prefix="listener")
        self._busy = 0
        self._changed = threading.Condition()

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        with self._changed:
            self._busy += 1
        future = super().submit(fn, *args, **kwargs)
        future.add_done_callback(self._finished)
        return future

    def _finished(self, _: Future[Any]) -> None:
        with self._changed:
            self._busy -= 1
            self._changed.notify_all()

    def idle(self, timeout: float = 15.0) -> None:
        with self._changed:
            assert self._changed.wait_for(lambda: self._busy == 0, timeout), "listeners still at work"


def serve(settings: Settings, advisor: Advisor, fake: FakeSlackApi) -> Iterator[Running]:
    service = Service(settings, advisor=advisor)  # the data files load once per session
    server = make_local_server(settings, "127.0.0.1", 0, service=service)
    handler: Any = server.get_app()
    handler.app.listener_runner.listener_executor = TrackedPool(settings.listener_threads)
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    sender = SlackSender(f"http://127.0.0.1:{server.server_port}/slack/events", SECRET, fake)
    running = Running(sender, fake, service, handler.app)
    others = fake.settle  # a second server on the same fake: both settle

    def settle_all() -> None:
        others()
        running.settle()

    fake.settle = settle_all
    yield running
    fake.settle = others
    stop_server(server)
    # Listeners still at work (a redelivery the test did not wait for) finish before their
    # database goes: on PostgreSQL the schema is dropped next, which would deadlock with them.
    handler.app.listener_runner.listener_executor.shutdown(wait=True)
    service.store.close()  # on PostgreSQL, its pool's connections
    engine = getattr(handler.app.installation_store, "engine", None)
    if engine is not None:  # OAuth on PostgreSQL: the installation stores' SQLAlchemy pool
        engine.dispose()


@pytest.fixture
def running(slack_settings: Settings, advisor: Advisor, fake_api: FakeSlackApi) -> Iterator[Running]:
    yield from serve(slack_settings, advisor, fake_api)


@pytest.fixture
def second_worker(slack_settings: Settings, advisor: Advisor, fake_api: FakeSlackApi) -> Iterator[Running]:
    """Another process's app on the same database, as under gunicorn --workers 2."""
    yield from serve(slack_settings, advisor, fake_api)
