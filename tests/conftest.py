from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from bot.conversation import Conversation, load_conversation
from bot.dialogue import Advisor, Event, Said, State
from bot.knowledge import Knowledge, load_knowledge
from bot.replies import Reply
from tests.postgres import fresh_database  # (importing it takes DATABASE_URL out of the environment)

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 25)
CONSULT = "https://consult.example/book"
# Six answers that each name their question, as someone sending them in quick succession might.
NAMED_ANSWERS = [
    "use case: image classification",
    "team skills: we know pytorch",
    "existing stack: none, greenfield",
    "deployment: android",
    "training hardware: nvidia gpus",
    "timeline: in 6 weeks",
]
# ... and what they are read as, in whatever order they come
NAMED_ANSWERS_READ = {
    "use_case": ["vision"],
    "skills": ["pytorch"],
    "existing_stack": ["greenfield"],
    "deployment": ["android"],
    "hardware": ["nvidia"],
    "timeline": ["quarter"],
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--store",
        choices=["sqlite", "postgresql"],
        default="sqlite",
        help="where the Slack suite's app keeps its data (postgresql needs ADVISOR_TEST_POSTGRES_URL)",
    )


@pytest.fixture(scope="session", autouse=True)
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The servers' cache (the language model's arrays) in a folder of the test run's, not the
    user's: derived once per run, shared by the servers the tests start (subprocesses included)."""
    folder = tmp_path_factory.mktemp("advisor-cache")
    before = os.environ.get("ADVISOR_CACHE_DIR")
    os.environ["ADVISOR_CACHE_DIR"] = str(folder)
    yield folder
    if before is None:
        del os.environ["ADVISOR_CACHE_DIR"]
    else:
        os.environ["ADVISOR_CACHE_DIR"] = before


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store_location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database on each engine in turn: a SQLite file, then PostgreSQL (tests/postgres.py)."""
    if request.param == "sqlite":
        yield str(tmp_path / "advisor.db")
    else:
        with fresh_database() as url:
            yield url


@pytest.fixture(scope="session")
def conversation() -> Conversation:
    return load_conversation(ROOT / "conversations")


@pytest.fixture(scope="session")
def knowledge() -> Knowledge:
    return load_knowledge(ROOT / "knowledge")


@pytest.fixture(scope="session")
def advisor(conversation: Conversation, knowledge: Knowledge) -> Advisor:
    return Advisor(conversation, knowledge, CONSULT)


class Chat:
    """A conversation with the pure core: `say` a line, get the replies back."""

    def __init__(self, advisor: Advisor) -> None:
        self.advisor = advisor
        self.state = State()

    def send(self, event: Event) -> list[Reply]:
        self.state, replies = self.advisor.turn(self.state, event, TODAY)
        return replies

    def say(self, text: str) -> list[Reply]:
        return self.send(Said(text))


@pytest.fixture
def chat(advisor: Advisor) -> Chat:
    return Chat(advisor)
