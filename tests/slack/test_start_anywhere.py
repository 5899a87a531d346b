"""Start anywhere, over HTTP: the global shortcut and the message shortcut start a conversation in
the DM (the message's text read as the opening), and a group DM works like a channel."""

from __future__ import annotations

from tests.slack.conftest import Running
from tests.slack.fake_slack import BOT_USER

GROUP_DM = "G0GROUPDM1"


def test_the_global_shortcut_starts_the_conversation_in_the_dm(running: Running) -> None:
    assert running.slack.shortcut("ask_advisor").status == 200
    first = running.api.wait_for("chat.postMessage")[-1].params
    assert first["channel"] == "D0DMCHAN1" and "Stack Advisor" in first["text"]
    state = running.state("U0ALICE01", "dm:D0DMCHAN1")
    assert state is not None and state.phase == "asking" and state.pending is not None


def test_the_message_shortcut_reads_the_message_as_the_opening(running: Running) -> None:
    text = "we are 3 keras devs shipping an android app in 6 weeks <!channel>"
    assert running.slack.message_shortcut("advice_on_message", text).status == 200
    first = running.api.wait_for("chat.postMessage")[-1].params
    assert first["channel"] == "D0DMCHAN1" and "Keras" in first["text"]
    assert "<!channel>" not in str(first), "nothing from the message comes back live"
    note = running.api.wait_for("response_url")[-1].params
    assert note["response_type"] == "ephemeral" and "DM" in note["text"]
    state = running.state("U0ALICE01", "dm:D0DMCHAN1")
    assert state is not None and state.answers["skills"] == ["keras"] and "android" in state.answers["deployment"]


def test_a_shortcut_is_answered_once_even_when_the_sweeper_looks_again(running: Running) -> None:
    from tests.slack.test_inbox import sweeper  # the sweeper as the web worker runs it

    running.slack.shortcut("ask_advisor")
    running.api.wait_for("chat.postMessage")
    running.drain()
    assert sweeper(running).sweep(now=10**10) == 0
    assert len(running.api.calls_to("chat.postMessage")) == 1


def test_a_group_dm_works_like_a_channel(running: Running) -> None:
    slack, api = running.slack, running.api
    mention = slack.envelope("event_app_mention.json", text=f"<@{BOT_USER}> hi", channel=GROUP_DM)
    mention["event"]["channel_type"] = "mpim"
    slack.event(mention)
    root = mention["event"]["ts"]
    question = api.wait_for("chat.postMessage")[-1].params
    assert question["channel"] == GROUP_DM and question["thread_ts"] == root
    reply = slack.envelope(
        "event_message_in_thread.json", text="image classification", channel=GROUP_DM, thread_ts=root
    )
    reply["event"]["channel_type"] = "mpim"
    slack.event(reply)
    following = api.wait_for("chat.postMessage", 2)[-1].params
    assert following["channel"] == GROUP_DM and following["thread_ts"] == root
    state = running.state("U0ALICE01", f"thread:{GROUP_DM}:{root}")
    assert state is not None and state.answers["use_case"] == ["vision"]
