"""One turn end to end through the store: expiry, resuming, forgetting, stored records."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bot.dialogue import Advisor, Picked, Said
from bot.replies import Answer, Ask, Reply, Say
from bot.service import Service
from bot.settings import load_settings
from bot.store import ConversationKey, Store
from tests.conftest import TODAY

KEY = ConversationKey(user="U1", place="dm:D1")
HOUR = 3600.0


@pytest.fixture
def service(tmp_path: Path, advisor: Advisor) -> Service:
    settings = load_settings(ADVISOR_DB_PATH=str(tmp_path / "advisor.db"))
    return Service(settings, advisor=advisor, store=Store.open(settings.db_path))


def say(service: Service, text: str, at: float) -> list[Reply]:
    return service.handle(KEY, Said(text), today=TODAY, now=at)


def test_state_survives_a_new_service_on_the_same_file(service: Service, advisor: Advisor) -> None:
    say(service, "we are 3 keras devs shipping an android app in 6 weeks", time.time())
    again = Service(service.settings, advisor=advisor, store=Store.open(service.settings.db_path))
    state = again.state(KEY)
    assert state is not None and state.answers["skills"] == ["keras"]


def test_an_idle_conversation_expires_and_can_be_resumed(service: Service) -> None:
    start = time.time() - 30 * HOUR
    say(service, "we are 3 keras devs shipping an android app in 6 weeks", start)
    replies = say(service, "image classification", start + 25 * HOUR)
    notice = replies[0]
    assert isinstance(notice, Answer) and "expired" in notice.text
    assert [c.id for c in notice.choices] == ["resume", "restart"]
    state = service.state(KEY)
    assert state is not None and state.answers["skills"] == ["keras"], "expiry loses nothing"

    clicked = service.handle(KEY, Picked("use_case", ("vision",)), today=TODAY, now=start + 25 * HOUR)
    assert any(isinstance(r, Answer) and "expired" in r.text for r in clicked)  # still asked first

    resumed = say(service, "resume", start + 25 * HOUR)
    assert any(isinstance(r, Say) and "picking up" in r.text for r in resumed)
    # what they sent to the expired conversation is applied, not dropped
    assert any(isinstance(r, Say) and "Use case: Computer vision" in r.text for r in resumed)
    assert any(isinstance(r, Ask) and r.step_id == "existing_stack" for r in resumed)


def test_restart_after_expiry_clears_the_answers(service: Service) -> None:
    start = time.time() - 30 * HOUR
    say(service, "we are 3 keras devs", start)
    say(service, "hello again", start + 25 * HOUR)
    say(service, "restart", start + 25 * HOUR)
    state = service.state(KEY)
    assert state is not None and state.answers == {}


def test_forget_me_deletes_everything_about_the_user(service: Service) -> None:
    now = time.time()
    for line in [
        "we are 3 pytorch devs on android in 6 weeks",
        "vision",
        "greenfield",
        "nvidia",
        "none",
        "yes",
    ]:
        say(service, line, now)
    db = service.store.db
    assert db.execute("select count(*) from recommendations").fetchone()[0] == 1
    asked = say(service, "forget me", now)
    assert isinstance(asked[-1], Answer) and "for good" in asked[-1].text, "asked first"
    assert db.execute("select count(*) from recommendations").fetchone()[0] == 1, "nothing deleted yet"
    replies = say(service, "yes", now)
    assert isinstance(replies[0], Say) and "deleted" in replies[0].text
    for table in ("conversations", "turns", "recommendations"):
        assert db.execute(f"select count(*) from {table} where user = 'U1'").fetchone()[0] == 0
    assert service.state(KEY) is None


def test_a_huge_paste_is_read_up_to_the_limit_and_answered(service: Service) -> None:
    from bot.service import MAX_SAID

    text = "we use pytorch " + "x" * 40_000
    replies = say(service, text, time.time())
    assert any(isinstance(r, Say) and "Team skills: PyTorch" in r.text for r in replies)
    said = service.store.db.execute("select said from turns").fetchone()[0]
    assert len(said) == MAX_SAID


@pytest.mark.parametrize("near", ["forget", "forgot", "forget it", "delete"])
def test_near_misses_of_forget_delete_nothing(service: Service, near: str) -> None:
    now = time.time()
    say(service, "we are 3 pytorch devs", now)
    say(service, near, now)
    state = service.state(KEY)
    assert state is not None and state.answers["skills"] == ["pytorch"]


@pytest.mark.parametrize(
    ("request_", "yes"),
    [
        ("Thank you. Please erase the information recorded in this chat.", "Yes, delete it."),
        # asked "delete everything?", a request to delete confirms it
        ("please forget my company info", "go ahead and delete what I typed"),
    ],
)
def test_forget_asked_for_in_a_sentence_then_yes_in_words_deletes(service: Service, request_: str, yes: str) -> None:
    now = time.time()
    say(service, "we are 3 pytorch devs", now)
    asked = say(service, request_, now)
    assert isinstance(asked[-1], Answer) and "for good" in asked[-1].text, "asked first"
    replies = say(service, yes, now)
    assert isinstance(replies[0], Say) and "deleted" in replies[0].text
    assert service.state(KEY) is None


def test_forget_me_then_anything_but_yes_keeps_everything(service: Service) -> None:
    now = time.time()
    say(service, "we are 3 pytorch devs", now)
    say(service, "forget me", now)
    say(service, "no, keep it", now)
    say(service, "yes", now)  # a later yes is not the answer to the deletion question
    state = service.state(KEY)
    assert state is not None and state.answers["skills"] == ["pytorch"]


def test_a_lead_asked_for_in_words_is_a_consultation_request_once(service: Service) -> None:
    now = time.time()
    say(service, "image classification", now)
    say(service, "talk to a human", now + 1)
    assert service.store.consultation_requests(0) == [], "nothing before consent"
    say(service, "yes", now + 2)
    requests = service.store.consultation_requests(0)
    assert len(requests) == 1 and requests[0]["user"] == KEY.user


def test_the_button_then_yes_is_one_request_not_two(service: Service) -> None:
    now = time.time()
    service.store.record_consultation_request(KEY.user, KEY.id, now=now)  # the button, as the adapter records it
    say(service, "image classification", now + 1)
    say(service, "talk to a human", now + 2)
    say(service, "yes", now + 3)
    assert len(service.store.consultation_requests(0)) == 1
