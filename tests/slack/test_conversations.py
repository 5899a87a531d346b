"""Conversations through the real app over HTTP: /advisor, DMs, buttons, mentions and threads."""

from __future__ import annotations

import json
import urllib.parse
from typing import Any

from bot.interface_wording import wording
from tests.conftest import CONSULT
from tests.slack.conftest import Running
from tests.slack.fake_slack import BOT_USER, payload


def action_ids(message: dict[str, Any]) -> list[str]:
    return [e["action_id"] for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]]


def texts(message: dict[str, Any]) -> str:
    return json.dumps(message["blocks"], ensure_ascii=False)


def test_url_verification_is_answered_with_the_challenge(running: Running) -> None:
    sample = payload("url_verification.json")
    answer = running.slack.event(sample)
    assert answer.status == 200
    assert sample["challenge"] in answer.body


def test_slash_command_acks_ephemerally_and_asks_in_the_dm(running: Running) -> None:
    answer = running.slack.command("we're 3 keras devs shipping to android in 6 weeks")

    assert answer.status == 200 and answer.seconds < 3
    assert answer.json() == {"text": wording().in_dm, "response_type": "ephemeral"}
    assert running.api.wait_for("conversations.open")[0].params["users"] == "U0ALICE01"
    post = running.api.wait_for("chat.postMessage")[0].params
    assert post["channel"] == "D0DMCHAN1" and "thread_ts" not in post
    assert "Team skills: Keras" in post["text"]  # the command's text was the first answer
    assert "answer:use_case:vision" in action_ids(post)
    assert "answer:use_case:unsure" in action_ids(post)
    assert running.state("U0ALICE01", "dm:D0DMCHAN1") is not None


def test_help_and_restart(running: Running) -> None:
    answer = running.slack.command("help")
    assert "/advisor here" in answer.json()["text"]

    running.slack.command("we use pytorch")
    assert "Team skills: PyTorch" in running.api.wait_for("chat.postMessage", 1)[0].params["text"]
    running.slack.command("restart")
    assert "Starting over" in running.api.wait_for("chat.postMessage", 2)[-1].params["text"]
    running.drain()
    assert len(running.api.calls_to("chat.postMessage")) == 2  # help itself posted nothing
    state = running.state("U0ALICE01", "dm:D0DMCHAN1")
    assert state is not None and "skills" not in state.answers


def test_dm_answers_and_button_clicks_reach_a_sourced_recommendation(running: Running) -> None:
    slack, api = running.slack, running.api
    slack.dm("we are 3 keras devs shipping an android app in 6 weeks")
    question = api.wait_for("chat.postMessage", 1)[-1]
    assert "Team skills: Keras" in question.params["text"]

    # A button: acked, recorded, the question closed to "✓ Computer vision", the next question asked.
    ts = _ts_of(running, question.params)
    assert slack.click(ts, "answer:use_case:vision").status == 200
    update = api.wait_for("chat.update", 1)[-1].params
    assert update["ts"] == ts
    assert action_ids(update) == [] and "✓ Computer vision" in texts(update)
    assert "Use case: Computer vision" in api.wait_for("chat.postMessage", 2)[-1].params["text"]

    # Free text on a step that has buttons: the answered question loses its buttons too.
    existing = api.wait_for("chat.postMessage", 2)[-1].params
    slack.dm("no, greenfield")
    hardware = api.wait_for("chat.postMessage", 3)[-1].params
    assert "pick:hardware" in action_ids(hardware) and "done:hardware" in action_ids(hardware)
    closed = api.wait_for("chat.update", 2)[-1].params
    assert closed["ts"] == _ts_of(running, existing) and action_ids(closed) == []
    assert "Answered in the conversation" in texts(closed)

    # Several choices: tick boxes, then Done.
    slack.click(_ts_of(running, hardware), "done:hardware", hardware=["nvidia", "cpu"])
    assert "✓ NVIDIA GPUs, CPU only" in texts(api.wait_for("chat.update", 3)[-1].params)
    priorities = api.wait_for("chat.postMessage", 4)[-1].params

    # "Not sure" is a button too; then the recap's confirm button.
    slack.click(_ts_of(running, priorities), "answer:priorities:unsure")
    recap = api.wait_for("chat.postMessage", 5)[-1].params
    assert action_ids(recap) == ["recap:confirm", "recap:restart"]
    slack.click(_ts_of(running, recap), "recap:confirm")

    advice = api.wait_for("chat.postMessage", 6)[-1].params
    header = advice["blocks"][0]
    assert header["type"] == "header"
    assert header["text"]["text"].startswith(("PyTorch", "TensorFlow"))  # the verdict comes first
    body = texts(advice)
    assert "Why, for your team" in body and "as of 20" in body  # reasons with dated sources
    assert "What would change it" in body
    assert len(body.split()) < 400, "a summary, not the whole scorecard"
    consult = next(e for b in advice["blocks"] if b["type"] == "actions" for e in b["elements"])
    assert consult["url"].startswith(CONSULT)
    assert advice["text"].startswith("=== Recommendation")  # the plain-text fallback
    assert len(advice["blocks"]) <= 50
    state = running.state("U0ALICE01", "dm:D0DMCHAN1")
    assert state is not None and state.phase == "advised"

    # Details on request: the button posts the scores, caveats and every source in the same place.
    slack.click(_ts_of(running, advice), "command:details")
    details = api.wait_for("chat.postMessage", 7)[-1].params
    assert "█" not in texts(details) and "/10" in texts(details) and "as of 20" in texts(details)


def test_a_click_on_an_already_answered_question_changes_nothing(running: Running) -> None:
    slack, api = running.slack, running.api
    slack.dm("hi")
    first = api.wait_for("chat.postMessage", 1)[-1].params
    ts = _ts_of(running, first)
    shown = dict(api.messages[ts])  # what a client that has not refreshed yet still shows
    slack.dm("image classification")  # answered in words: the buttons are taken off the message
    api.wait_for("chat.postMessage", 2)
    assert action_ids(api.wait_for("chat.update", 1)[-1].params) == []
    before = running.state("U0ALICE01", "dm:D0DMCHAN1")

    api.messages[ts] = shown
    slack.click(ts, "answer:use_case:nlp")  # a stale click, racing the update
    update = api.wait_for("chat.update", 2)[-1].params
    assert action_ids(update) == [] and "Already answered" in texts(update)
    running.drain()
    assert running.state("U0ALICE01", "dm:D0DMCHAN1") == before
    assert len(api.calls_to("chat.postMessage")) == 2


def test_mention_is_answered_in_a_thread_and_follow_ups_stay_there(running: Running) -> None:
    slack, api = running.slack, running.api
    _, root = slack.mention("tensorflow or pytorch? we are 3 keras devs shipping an android app in 6 weeks")
    first = api.wait_for("chat.postMessage", 1)[-1].params
    assert (first["channel"], first["thread_ts"]) == ("C0CHANNEL1", root)

    for n, line in enumerate(["image classification", "no, greenfield", "nvidia gpus", "nothing else"], 2):
        slack.in_thread(line, root)
        api.wait_for("chat.postMessage", n)
    slack.in_thread("yes", root)
    advice = api.wait_for("chat.postMessage", 6)[-1].params
    assert advice["blocks"][0]["type"] == "header" and advice["thread_ts"] == root

    slack.in_thread("why not tensorflow?", root)
    follow_up = api.wait_for("chat.postMessage", 7)[-1].params
    assert (follow_up["channel"], follow_up["thread_ts"]) == ("C0CHANNEL1", root)
    assert "TensorFlow" in follow_up["text"]

    # A what-if that flips the verdict: the new recommendation, then the offer to adopt it.
    slack.in_thread("what if we had to run on a microcontroller instead?", root)
    new_advice, offer = (c.params for c in api.wait_for("chat.postMessage", 9)[-2:])
    assert new_advice["thread_ts"] == root and offer["thread_ts"] == root
    assert new_advice["blocks"][0]["text"]["text"].startswith("TensorFlow")
    assert "changes my recommendation" in offer["text"]
    assert action_ids(offer) == ["command:adopt", "command:discard"]
    key = ("U0ALICE01", f"thread:C0CHANNEL1:{root}")
    before = running.state(*key)
    assert before is not None and before.answers["deployment"] == ["android"], "kept until adopted"

    slack.click(_ts_of(running, offer), "command:adopt")
    api.wait_for("chat.postMessage", 11)
    after = running.state(*key)
    assert after is not None and after.answers["deployment"] == ["microcontroller"]


def test_channel_messages_outside_our_threads_are_ignored(running: Running) -> None:
    slack, api = running.slack, running.api
    _, root = slack.mention("hi")
    api.wait_for("chat.postMessage", 1)

    slack.in_thread("what are you two talking about?", root, user="U0BOB0001")  # not Bob's conversation
    slack.in_thread("unrelated", "1763900000.000100")  # a thread we do not run
    top_level = slack.envelope("event_message_in_thread.json", text="lunch?")
    top_level["event"].pop("thread_ts")
    slack.event(top_level)
    # The channel copy of a mention (message.channels) is left to the app_mention listener.
    slack.event(slack.envelope("event_message_in_thread.json", text="<@U0BOT0001> hello", thread_ts=root))
    running.drain()
    assert len(api.calls_to("chat.postMessage")) == 1


def test_a_click_on_someone_elses_question_is_refused_privately(running: Running) -> None:
    _, root = running.slack.mention("hi")
    question = running.api.wait_for("chat.postMessage", 1)[-1].params
    running.slack.click(_ts_of(running, question), "answer:use_case:vision", user="U0BOB0001")
    note = running.api.wait_for("chat.postEphemeral")[0].params
    assert note["user"] == "U0BOB0001" and note["thread_ts"] == root and "mention me" in note["text"]
    running.drain()
    assert running.api.calls_to("chat.update") == []
    assert running.state("U0BOB0001", f"thread:C0CHANNEL1:{root}") is None


def test_advisor_here_runs_in_a_channel_thread(running: Running) -> None:
    running.slack.command("here we use pytorch")
    root = running.api.wait_for("chat.postMessage", 1)[0]
    assert root.params["channel"] == "C0CHANNEL1" and "<@U0ALICE01>" in root.params["text"]
    thread = running.api.wait_for("chat.postMessage", 2)[-1].params
    root_ts = _ts_of(running, root.params)
    assert (thread["channel"], thread["thread_ts"]) == ("C0CHANNEL1", root_ts)
    assert "Team skills: PyTorch" in thread["text"]
    assert running.state("U0ALICE01", f"thread:C0CHANNEL1:{root_ts}") is not None


def test_advisor_here_falls_back_to_the_dm_and_says_why(running: Running) -> None:
    running.api.not_member.add("C0CHANNEL1")
    running.slack.command("here")
    assert "DM" in running.api.wait_for("response_url")[0].params["text"]
    assert running.api.wait_for("chat.postMessage")[0].params["channel"] == "D0DMCHAN1"


def _ts_of(running: Running, params: dict[str, Any]) -> str:
    """The ts the fake API gave a posted message."""
    return next(
        ts
        for ts, m in running.api.messages.items()
        if m.get("text") == params["text"] and m["channel"] == params["channel"]
    )


def test_advisor_forget_deletes_the_users_data_and_confirms(running: Running) -> None:
    running.slack.dm("we are 3 keras devs shipping an android app in 6 weeks")
    running.api.wait_for("chat.postMessage")
    assert running.state("U0ALICE01", "dm:D0DMCHAN1") is not None

    answer = running.slack.command("forget")

    assert answer.status == 200
    assert answer.json()["response_type"] == "ephemeral"
    assert "for good" in answer.json()["text"], "asked first"
    assert running.state("U0ALICE01", "dm:D0DMCHAN1") is not None, "nothing deleted yet"
    button = answer.json()["blocks"][-1]["elements"][0]

    body = payload("block_actions.payload.json")
    body.pop("message", None)
    body["container"] = {"type": "message", "is_ephemeral": True, "channel_id": "C0CHANNEL1"}
    body["actions"] = [{"type": "button", "action_id": button["action_id"], "value": button["value"]}]
    body["response_url"] = running.api.response_url("forget")
    form = urllib.parse.urlencode({"payload": json.dumps(body)}).encode()
    assert running.slack.post(form, "application/x-www-form-urlencoded").status == 200
    confirmed = running.api.wait_for("response_url", 1)[-1].params
    assert "deleted" in confirmed["text"] and confirmed["replace_original"] in (True, "true")
    assert running.state("U0ALICE01", "dm:D0DMCHAN1") is None
    db = running.service.store.db
    assert db.execute("select count(*) from turns where user = 'T0TEAM001:U0ALICE01'").fetchone()[0] == 0


def test_the_consultation_button_is_noted_as_a_lead_with_the_recommendation(running: Running) -> None:
    slack, api = running.slack, running.api
    for n, line in enumerate(
        ["we are 3 pytorch devs shipping an android app in 6 weeks", "vision", "greenfield", "nvidia", "none", "yes"], 1
    ):
        slack.dm(line)
        api.wait_for("chat.postMessage", n)
    advice = api.calls_to("chat.postMessage")[-1].params
    assert slack.click(_ts_of(running, advice), "consult").status == 200
    running.drain()

    leads = running.service.store.consultation_requests(since=0)
    assert len(leads) == 1
    assert leads[0]["user"] == "T0TEAM001:U0ALICE01" and leads[0]["verdict"] == "pytorch"  # and which workspace
    assert leads[0]["answers"]["skills"] == ["pytorch"]


def test_app_home_shows_the_latest_recommendation_and_starts_a_dm(running: Running) -> None:
    slack, api = running.slack, running.api
    home = slack.envelope("event_app_mention.json", type="app_home_opened", tab="home", user="U0ALICE01")
    for key in ("text", "ts", "channel", "client_msg_id"):
        home["event"].pop(key, None)
    assert slack.event(home).status == 200
    empty = api.wait_for("views.publish", 1)[-1].params
    assert empty["user_id"] == "U0ALICE01" and "no recommendation yet" in texts(empty["view"])

    for n, line in enumerate(
        ["we are 3 pytorch devs on android in 6 weeks", "vision", "greenfield", "nvidia", "none"], 1
    ):
        slack.dm(line)
        api.wait_for("chat.postMessage", n)
    slack.dm("yes")
    api.wait_for("chat.postMessage", 6)
    home = {**home, "event_id": slack.envelope("event_message_im.json")["event_id"]}
    slack.event(home)
    view = api.wait_for("views.publish", 2)[-1].params["view"]
    assert "PyTorch: recommended" in texts(view) and "ExecuTorch" in texts(view)
    start = next(e for b in view["blocks"] if b["type"] == "actions" for e in b["elements"])
    assert start["action_id"] == "home:start"
    running.drain()
    # Published when the tab is opened, not also after the recommendation, while the user is in the DM.
    assert len(api.calls_to("views.publish")) == 2


def test_the_home_tab_button_starts_the_conversation_in_the_dm(running: Running) -> None:
    import urllib.parse

    body = payload("block_actions.payload.json")
    body["container"] = {"type": "view", "view_id": "V0HOME0001"}
    body.pop("message", None)
    body.pop("channel", None)
    body["view"] = {"id": "V0HOME0001", "type": "home"}
    body["actions"] = [{"type": "button", "action_id": "home:start", "block_id": "home", "value": ""}]
    form = urllib.parse.urlencode({"payload": json.dumps(body)}).encode()
    assert running.slack.post(form, "application/x-www-form-urlencoded").status == 200
    assert running.api.wait_for("conversations.open")[0].params["users"] == "U0ALICE01"
    first = running.api.wait_for("chat.postMessage")[0].params
    assert first["channel"] == "D0DMCHAN1" and "Stack Advisor" in first["text"]


def test_a_teammate_with_a_conversation_of_their_own_cannot_close_my_question(running: Running) -> None:
    """Bob has his own conversation in the same thread; pressing Alice's button acts on neither."""
    slack, api = running.slack, running.api
    _, root = slack.mention("hi")
    alice_question = api.wait_for("chat.postMessage", 1)[-1].params
    mention = slack.envelope(
        "event_app_mention.json", text=f"<@{BOT_USER}> me too", user="U0BOB0001", channel="C0CHANNEL1", thread_ts=root
    )
    slack.event(mention)  # Bob starts his own conversation in the same thread
    api.wait_for("chat.postMessage", 2)  # Bob's first question: his turn is committed
    bob_before = running.state("U0BOB0001", f"thread:C0CHANNEL1:{root}")
    assert bob_before is not None and bob_before.pending == "use_case"

    slack.click(_ts_of(running, alice_question), "answer:use_case:vision", user="U0BOB0001")
    note = api.wait_for("chat.postEphemeral")[0].params
    assert note["user"] == "U0BOB0001" and "mention me" in note["text"]
    running.drain()
    assert api.calls_to("chat.update") == [], "Alice's question stays open"
    assert running.state("U0BOB0001", f"thread:C0CHANNEL1:{root}") == bob_before
    alice = running.state("U0ALICE01", f"thread:C0CHANNEL1:{root}")
    assert alice is not None and "use_case" not in alice.answers


def test_the_same_user_id_in_two_workspaces_is_two_people(running: Running) -> None:
    """Slack user ids are unique per workspace only: conversations and forget are kept apart."""
    slack, api = running.slack, running.api

    def dm_from(team: str, text: str) -> None:
        envelope = slack.envelope("event_message_im.json", text=text, channel="D0DMCHAN1", team=team)
        envelope["event"].pop("blocks", None)
        envelope["team_id"] = team
        for authorization in envelope.get("authorizations") or []:
            authorization["team_id"] = team  # as Slack sends it for the other workspace's install
        assert slack.event(envelope).status == 200

    dm_from("T0TEAM001", "we are 3 pytorch devs")
    api.wait_for("chat.postMessage", 1)
    dm_from("T0TEAM002", "we are 3 keras devs")
    api.wait_for("chat.postMessage", 2)
    first = running.state("U0ALICE01", "dm:D0DMCHAN1", team="T0TEAM001")
    second = running.state("U0ALICE01", "dm:D0DMCHAN1", team="T0TEAM002")
    assert first is not None and first.answers["skills"] == ["pytorch"]
    assert second is not None and second.answers["skills"] == ["keras"]

    dm_from("T0TEAM002", "forget me")
    api.wait_for("chat.postMessage", 3)
    dm_from("T0TEAM002", "yes")
    assert "deleted" in api.wait_for("chat.postMessage", 4)[-1].params["text"]
    assert running.state("U0ALICE01", "dm:D0DMCHAN1", team="T0TEAM002") is None
    kept = running.state("U0ALICE01", "dm:D0DMCHAN1", team="T0TEAM001")
    assert kept is not None and kept.answers["skills"] == ["pytorch"], "forget in one workspace keeps the other"
