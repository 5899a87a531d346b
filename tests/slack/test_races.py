"""A button click racing a typed answer in the same conversation: neither answer is lost."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from tests.slack.conftest import Running


def test_a_click_and_a_typed_answer_arriving_together_are_both_kept(running: Running) -> None:
    slack, api = running.slack, running.api
    slack.dm("hi")
    question = api.wait_for("chat.postMessage", 1)[-1]
    ts = next(ts for ts, m in api.messages.items() if m.get("text") == question.params["text"])

    with ThreadPoolExecutor(2) as pool:  # the click (use case) and a message (deployment) at once
        click = pool.submit(slack.click, ts, "answer:use_case:vision")
        typed = pool.submit(slack.dm, "we ship an android app")
        assert click.result().status == 200 and typed.result().status == 200
    running.drain()

    state = running.state("U0ALICE01", "dm:D0DMCHAN1")
    assert state is not None
    assert state.answers["use_case"] == ["vision"]
    assert state.answers["deployment"] == ["android"]
    turns = running.service.store.db.execute("select count(*) from turns").fetchone()[0]
    assert turns == 3, "hi, the click and the message: one committed turn each"
