"""The store's contract, on both engines: every public method of bot.store.Store, its conflicts and
its leases, run once on a SQLite file and once on PostgreSQL (when one is offered: tests/postgres.py).

Several stores opened on one database stand for several workers (on PostgreSQL: several machines):
each has its own connections, and on PostgreSQL its own claimant identity."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator

import pytest

from bot.state import State
from bot.store import CLAIM_LEASE, AlreadyHandled, Conflict, ConversationKey, Store, TurnRecord
from tests.conftest import ROOT

ALICE = ConversationKey(user="T1:UALICE", place="dm:D1")
BOB = ConversationKey(user="T1:UBOB", place="dm:D2")
NOW = 1_800_000_000.0
Opener = Callable[[], Store]


@pytest.fixture
def opened(store_location: str) -> Iterator[Opener]:
    """Opens another store on the test's database (another worker); all are closed at the end."""
    stores: list[Store] = []

    def open_() -> Store:
        stores.append(Store.open(store_location))
        return stores[-1]

    yield open_
    for store in stores:
        store.close()


@pytest.fixture
def store(opened: Opener) -> Store:
    return opened()


def asked(pending: str = "use_case", **answers: list[str]) -> State:
    return State(phase="asking", pending=pending, answers=answers)


def event(event_id: str, said: str = "hi", outbox: object = None) -> TurnRecord:
    return TurnRecord(said=said, replied=["Hello"], event_id=event_id, outbox=outbox or {"post": [said]})


def count(store: Store, table: str) -> int:
    return int(store.db.execute(f"select count(*) from {table}").fetchone()[0])


# -- conversations -------------------------------------------------------------------------------


def test_a_saved_state_loads_back_with_its_version(store: Store) -> None:
    assert store.load(ALICE) is None
    assert store.save(ALICE, asked(), 0, now=NOW) == 1
    assert store.save(ALICE, asked("skills", use_case=["vision"]), 1, now=NOW + 5) == 2
    stored = store.load(ALICE)
    assert stored is not None
    assert (stored.state.answers, stored.version, stored.updated_at) == ({"use_case": ["vision"]}, 2, NOW + 5)
    assert store.load(BOB) is None


def test_a_save_on_a_stale_version_is_a_conflict_and_stores_nothing(opened: Opener) -> None:
    first, second = opened(), opened()
    first.save(ALICE, asked(), 0)
    with pytest.raises(Conflict):
        second.save(ALICE, asked("skills"), 0, record=TurnRecord(said="lost", replied=[]))  # both started it
    first.save(ALICE, asked("skills"), 1)
    with pytest.raises(Conflict):
        second.save(ALICE, asked("timeline"), 1, record=TurnRecord(said="lost", replied=[]))
    stored = first.load(ALICE)
    assert stored is not None and (stored.state.pending, stored.version) == ("skills", 2)
    assert count(first, "turns") == 0


def test_concurrent_turns_on_one_conversation_each_commit_once(opened: Opener) -> None:
    # Workers racing on one conversation: the version check makes each retry until it commits on the latest.
    workers, turns_each = 4, 5
    stores = [opened() for _ in range(workers)]
    stores[0].save(ALICE, asked(), 0)

    def take_turns(store: Store) -> None:
        for turn in range(turns_each):
            while True:
                stored = store.load(ALICE)
                assert stored is not None
                try:
                    store.save(ALICE, stored.state, stored.version, record=TurnRecord(said=f"{turn}", replied=[]))
                    break
                except Conflict:
                    continue

    threads = [threading.Thread(target=take_turns, args=(s,)) for s in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    stored = stores[0].load(ALICE)
    assert stored is not None and stored.version == 1 + workers * turns_each
    assert count(stores[0], "turns") == workers * turns_each


def test_a_turn_records_its_transcript_and_recommendations(store: Store) -> None:
    record = TurnRecord(said="android", replied=["Noted", "Next?"], recommendations=[("pytorch", '{"v": 1}')])
    store.save(ALICE, asked("timeline", deployment=["android"]), 0, now=NOW, record=record)
    said, replied, step = store.db.execute("select said, replied, step from turns").fetchone()
    assert (said, json.loads(replied), step) == ("android", ["Noted", "Next?"], "timeline")
    assert store.latest_recommendation(ALICE.user) == (NOW, '{"v": 1}')
    assert store.latest_recommendation(BOB.user) is None


# -- Slack events: handled once, inbox, delivery claims ------------------------------------------


def test_an_event_is_handled_once_and_its_second_turn_leaves_nothing(opened: Opener) -> None:
    first, second = opened(), opened()
    first.save(ALICE, asked(), 0, record=event("Ev1"))
    assert first.was_handled("Ev1") and second.was_handled("Ev1") and not first.was_handled("Ev2")
    with pytest.raises(AlreadyHandled):  # a retried delivery that reached another worker
        second.save(ALICE, asked("skills"), 1, record=event("Ev1"))
    stored = second.load(ALICE)
    assert stored is not None and (stored.state.pending, stored.version) == ("use_case", 1)
    assert count(second, "turns") == 1


def test_a_repeated_event_leaves_nothing_whatever_its_turn_records_and_a_conflict_neither(opened: Opener) -> None:
    # A redelivered event whose turn records more than its transcript (here a consultation request,
    # which reads before it writes), and a stale version: each leaves nothing and the store goes on.
    first, second = opened(), opened()
    first.save(ALICE, asked(), 0, record=event("Ev1"))
    lead = TurnRecord(said="yes", replied=["Thanks"], event_id="Ev1", outbox={"post": []}, consultation=True)
    with pytest.raises(AlreadyHandled):
        second.save(ALICE, asked("skills"), 1, now=NOW, record=lead)
    with pytest.raises(Conflict):  # a stale version, its event new: nothing of it is kept either
        second.save(ALICE, asked("skills"), 0, now=NOW, record=event("Ev2"))
    assert not second.was_handled("Ev2")
    assert (count(second, "turns"), count(second, "consultation_requests")) == (1, 0)
    assert second.save(ALICE, asked("skills"), 1, now=NOW, record=event("Ev2")) == 2, "the connection is usable"


def test_the_inbox_keeps_the_first_copy_and_claims_each_request_once(opened: Opener) -> None:
    store, other = opened(), opened()
    store.keep("Ev1", '{"n": 1}', now=NOW - 60)
    store.keep("Ev1", '{"n": 2}', now=NOW - 30)  # redelivered: the first is kept
    store.keep("Ev2", '{"n": 3}', now=NOW - 5)  # too recent to count as left behind
    store.keep("Ev3", '{"n": 4}', now=NOW - 60)
    store.save(ALICE, asked(), 0, record=event("Ev3"))  # its turn committed: not left behind
    assert store.claim_unanswered(NOW, 20, 60, 3) == [("Ev1", '{"n": 1}')]
    assert other.claim_unanswered(NOW + 1, 20, 60, 3) == [], "leased to the first sweeper"
    assert other.claim_unanswered(NOW + 61, 20, 60, 3) == [("Ev1", '{"n": 1}'), ("Ev2", '{"n": 3}')], "lapsed"
    assert other.claim_unanswered(NOW + 200, 20, 60, 2) == [("Ev2", '{"n": 3}')], "Ev1 was tried twice already"
    store.settle_inbox(before=NOW - 50)
    assert sorted(r[0] for r in store.db.execute("select id from inbox").fetchall()) == ["Ev2"]


def test_sweepers_running_at_once_never_take_the_same_request(opened: Opener) -> None:
    stores = [opened() for _ in range(4)]
    for n in range(60):
        stores[0].keep(f"Ev{n}", "{}", now=NOW - 60 - n)
    taken: list[list[tuple[str, str]]] = [[] for _ in stores]
    start = threading.Barrier(len(stores))

    def sweep(i: int) -> None:
        start.wait()
        for _ in range(5):
            taken[i] += stores[i].claim_unanswered(NOW, 20, 60, 3)

    threads = [threading.Thread(target=sweep, args=(i,)) for i in range(len(stores))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    ids = [request_id for each in taken for request_id, _ in each]
    assert sorted(ids) == sorted(f"Ev{n}" for n in range(60)), "each taken exactly once"


def test_a_delivery_claim_holds_while_its_process_lives_and_lapses_with_its_lease(opened: Opener) -> None:
    posting, other = opened(), opened()
    posting.save(ALICE, asked(), 0, now=NOW, record=event("Ev1", outbox={"post": ["Hello"]}))
    assert posting.undelivered(NOW + 2) == ["Ev1"]
    assert other.claim_delivery("Ev1", now=NOW + 2) is None, "claimed by the committing process, alive"
    assert other.claim_delivery("Ev1", now=NOW + CLAIM_LEASE + 1) == {"post": ["Hello"]}, "a hung claim lapses"
    assert posting.claim_delivery("Ev1", now=NOW + CLAIM_LEASE + 2) is None, "now the other one's"
    other.delivered("Ev1", None, None, None)
    assert posting.undelivered(NOW + 10 * CLAIM_LEASE) == []
    assert posting.claim_delivery("Ev1", now=NOW + 10 * CLAIM_LEASE) is None
    assert other.claim_delivery("Ev-unknown") is None


def test_an_outbox_and_a_prompt_come_back_as_written_whatever_their_characters(store: Store) -> None:
    # Written with pydantic-core's encoder (UTF-8 as it is); a lone surrogate, which UTF-8 cannot
    # carry, is escaped as json.dumps escapes it.
    outbox = {"post": ["Café ✓ 😀", "a\ud800b"], "n": 3, "none": None, "ok": True}
    store.save(ALICE, asked(), 0, now=NOW, record=event("Ev1", outbox=outbox))
    assert store.claim_delivery("Ev1", now=NOW + CLAIM_LEASE + 1) == outbox
    prompt = {"channel": "D1", "ts": "1.000001", "text": "Café?", "blocks": [{"type": "section", "text": "✓ 😀"}]}
    store.delivered("Ev1", ALICE.id, None, prompt)
    assert store.open_prompt(ALICE.id) == prompt


def test_a_claim_by_a_process_that_died_lapses_at_once(store_location: str, store: Store) -> None:
    # Another process commits a turn (claiming its delivery as it commits) and dies before posting;
    # os._exit: no clean-up, as after kill -9. Its claim must not hold the replies back.
    child = (
        "import os, sys\n"
        "from bot.state import State\n"
        "from bot.store import ConversationKey, Store, TurnRecord\n"
        "store = Store.open(sys.argv[1])\n"
        "record = TurnRecord(said='hi', replied=['Hello'], event_id='Ev1', outbox={'post': ['Hello']})\n"
        "store.save(ConversationKey('T1:UALICE', 'dm:D1'), State(), 0, record=record)\n"
        "os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", child, store_location], cwd=ROOT, check=True, timeout=60)
    assert store.claim_delivery("Ev1") == {"post": ["Hello"]}
    assert store.claim_delivery("Ev1") is None, "and the new claim is held"


# -- open prompts ------------------------------------------------------------------------------------


def test_the_newest_prompt_of_a_conversation_is_kept(store: Store) -> None:
    store.save(ALICE, asked(), 0)
    first = {"channel": "D1", "ts": "1763950002.000300", "text": "Q1", "blocks": [{"type": "section"}]}
    newer = {**first, "ts": "1763950010.000100", "text": "Q2"}
    store.delivered(None, ALICE.id, None, first)
    assert store.open_prompt(ALICE.id) == first
    assert store.prompt_owner("D1", first["ts"]) == ALICE.id
    store.delivered(None, ALICE.id, first, newer)
    store.delivered(None, ALICE.id, None, first)  # recorded late, after the newer one: ignored
    assert store.open_prompt(ALICE.id) == newer
    assert store.prompt_owner("D1", first["ts"]) is None
    store.forget_prompt(ALICE.id, first["ts"])  # not the open one: nothing changes
    assert store.open_prompt(ALICE.id) == newer
    store.forget_prompt(ALICE.id, newer["ts"])
    assert store.open_prompt(ALICE.id) is None
    store.delivered(None, BOB.id, None, first)  # Bob has no conversation (forgotten meanwhile)
    assert store.open_prompt(BOB.id) is None
    store.delivered(None, ALICE.id, None, newer)
    store.delivered(None, ALICE.id, newer, None)  # the next reply asks nothing: the closed question goes
    assert store.open_prompt(ALICE.id) is None


# -- leads and stats ---------------------------------------------------------------------------------


def test_a_consultation_request_carries_the_latest_recommendation(store: Store) -> None:
    answers = asked("", use_case=["vision"])
    store.save(ALICE, answers, 0, record=TurnRecord(said="yes", replied=[], recommendations=[("pytorch", "{}")]))
    store.record_consultation_request(ALICE.user, ALICE.id, now=NOW)
    store.record_consultation_request(BOB.user, BOB.id, now=NOW + 1)  # no recommendation yet
    assert store.consultation_requests(since=NOW - 1) == [
        {"at": NOW, "user": ALICE.user, "conversation": ALICE.id, "verdict": "pytorch", "answers": answers.answers},
        {"at": NOW + 1, "user": BOB.user, "conversation": BOB.id, "verdict": "", "answers": {}},
    ]
    assert store.consultation_requests(since=NOW + 0.5)[0]["user"] == BOB.user


def test_recent_leads_are_newest_first_and_an_admin_marks_one_contacted_once(opened: Opener) -> None:
    store, other = opened(), opened()
    store.record_consultation_request(ALICE.user, ALICE.id, now=NOW - 7200)  # an earlier lead of hers
    store.record_consultation_request(BOB.user, BOB.id, now=NOW + 1)
    store.record_consultation_request(ALICE.user, ALICE.id, now=NOW + 2)
    store.save(ALICE, State(phase="advised", consent="given"), 0)
    leads = store.recent_leads(limit=2)
    assert [(lead["user"], lead["at"], lead["contacted_at"], lead["consent"]) for lead in leads] == [
        (ALICE.user, NOW + 2, None, "given"),
        (BOB.user, NOW + 1, None, "unasked"),  # no conversation (any more)
    ]
    bob = leads[1]["id"]
    assert store.mark_contacted(bob, "T0:UADMIN", now=NOW + 10)
    assert not other.mark_contacted(bob, "T0:UOTHER", now=NOW + 20), "the first mark stands"
    assert not store.mark_contacted(999_999, "T0:UADMIN"), "no such lead"
    marked = {lead["id"]: lead for lead in other.recent_leads(limit=10)}
    assert (marked[bob]["contacted_at"], marked[bob]["contacted_by"]) == (NOW + 10, "T0:UADMIN")
    assert sum(1 for lead in marked.values() if lead["contacted_at"] is None) == 2
    store.forget_user("T0:UADMIN")  # the admin is forgotten: the mark stays, without their name
    assert other.recent_leads(limit=10)[1]["contacted_by"] == ""


def test_asking_again_within_the_hour_is_the_same_lead(store: Store) -> None:
    store.record_consultation_request(ALICE.user, ALICE.id, now=NOW)
    store.save(ALICE, asked(), 0, now=NOW + 5, record=TurnRecord(said="yes", replied=[], consultation=True))
    assert len(store.consultation_requests(0)) == 1, "the button, then yes to being contacted: one lead"
    store.record_consultation_request(ALICE.user, ALICE.id, now=NOW + 3700)
    assert len(store.consultation_requests(0)) == 2, "a new request later is a new lead"


def test_activity_and_verdict_mix_count_what_happened_since(store: Store) -> None:
    carol = ConversationKey(user="T1:UCAROL", place="dm:D3")
    store.save(ALICE, asked(), 0, now=NOW - 100, record=TurnRecord(said="hi", replied=[]))  # started before
    advised = TurnRecord(said="yes", replied=[], recommendations=[("pytorch", "{}")])
    store.save(ALICE, asked(""), 1, now=NOW + 1, record=advised)
    store.save(BOB, asked(), 0, now=NOW + 2, record=TurnRecord(said="hi", replied=[]))
    store.save(carol, asked(""), 0, now=NOW + 3, record=advised)
    store.save(carol, asked(""), 1, now=NOW + 4, record=advised)  # a second one in the same conversation
    store.save(
        BOB,
        asked(""),
        1,
        now=NOW - 200,
        record=TurnRecord(said="old", replied=[], recommendations=[("tensorflow", "{}")]),
    )
    assert store.activity(since=NOW) == (1, 2), "Bob began earlier (his first turn); Alice and Carol finished"
    assert store.verdict_mix(since=NOW) == {"pytorch": 3}
    assert store.verdict_mix(since=NOW - 300) == {"pytorch": 3, "tensorflow": 1}
    assert store.activity(since=NOW + 5) == (0, 0) and store.verdict_mix(since=NOW + 5) == {}


def test_drop_off_counts_where_conversations_stopped(store: Store) -> None:
    carol = ConversationKey(user="T1:UCAROL", place="dm:D3")
    store.save(ALICE, asked("skills"), 0, now=NOW, record=TurnRecord(said="hi", replied=[]))
    store.save(BOB, asked("skills"), 0, now=NOW, record=TurnRecord(said="hi", replied=[]))
    advised = TurnRecord(said="yes", replied=[], recommendations=[("tensorflow", "{}")])
    store.save(carol, asked(""), 0, now=NOW, record=advised)
    store.save(ALICE, asked("timeline"), 1, now=NOW + 1, record=TurnRecord(said="vision", replied=[]))
    assert store.drop_off(since=NOW - 1) == (3, 1, {"timeline": 1, "skills": 1})
    assert store.drop_off(since=NOW + 0.5) == (1, 0, {"timeline": 1})


def test_unanswered_questions_are_kept_with_their_turn_and_listed_newest_first(opened: Opener) -> None:
    store, lost = opened(), opened()
    store.save(
        ALICE, asked(""), 0, now=NOW, record=TurnRecord(said="q1", replied=[], unanswered=["capital of *France*?"])
    )
    store.save(BOB, asked(""), 0, now=NOW + 1, record=TurnRecord(said="q2", replied=[], unanswered=["<b>TPU v6?</b>"]))
    with pytest.raises(Conflict):  # a turn that does not commit keeps nothing
        lost.save(ALICE, asked(""), 0, now=NOW + 2, record=TurnRecord(said="q3", replied=[], unanswered=["lost"]))
    assert store.unanswered_questions(since=NOW - 1) == [
        {"at": NOW + 1, "workspace": "T1", "text": "<b>TPU v6?</b>"},
        {"at": NOW, "workspace": "T1", "text": "capital of *France*?"},
    ]
    assert [q["text"] for q in store.unanswered_questions(since=NOW - 1, limit=1)] == ["<b>TPU v6?</b>"]
    assert store.unanswered_questions(since=NOW + 0.5) == [{"at": NOW + 1, "workspace": "T1", "text": "<b>TPU v6?</b>"}]


# -- privacy and retention ----------------------------------------------------------------------------


def test_forget_deletes_everything_about_the_user_and_keeps_the_event_ids_empty(store: Store) -> None:
    advised = TurnRecord(said="yes", replied=[], recommendations=[("pytorch", "{}")], event_id="Ev1")
    store.save(ALICE, asked(""), 0, record=advised)
    store.save(BOB, asked(), 0, record=TurnRecord(said="hi", replied=[]))
    store.record_consultation_request(ALICE.user, ALICE.id)
    store.save(ALICE, asked(""), 1, record=TurnRecord(said="?", replied=[], unanswered=["alice's question"]))
    store.save(BOB, asked(""), 1, record=TurnRecord(said="?", replied=[], unanswered=["bob's question"]))
    store.delivered(None, ALICE.id, None, {"channel": "D1", "ts": "1.1", "text": "Q", "blocks": []})
    store.delivered(None, BOB.id, None, {"channel": "D2", "ts": "1.2", "text": "Q", "blocks": []})
    store.keep("Ev9", json.dumps({"event": {"user": "UALICE", "text": "my secret"}}))
    store.keep("Ev10", json.dumps({"event": {"user": "UBOB", "text": "hello"}}))

    assert store.forget_user(ALICE.user) == 6  # conversation, 2 turns, recommendation, lead, unanswered question
    assert store.load(ALICE) is None and store.load(BOB) is not None
    assert store.open_prompt(ALICE.id) is None and store.open_prompt(BOB.id) is not None
    assert [r[0] for r in store.db.execute("select id from inbox").fetchall()] == ["Ev10"]
    assert store.db.execute('select "user", outbox from handled_events').fetchall() == [("", "null")]
    assert store.was_handled("Ev1") and store.claim_delivery("Ev1") is None
    assert store.consultation_requests(0) == [] and store.latest_recommendation(ALICE.user) is None
    assert [q["text"] for q in store.unanswered_questions(0)] == ["bob's question"]


def test_a_confirmed_forget_is_a_conflict_once_the_conversation_moved_and_is_recorded_once(store: Store) -> None:
    store.save(ALICE, asked(), 0)
    store.save(ALICE, asked("skills"), 1)
    with pytest.raises(Conflict):
        store.forget_user(ALICE.user, expect=(ALICE, 1))
    assert store.load(ALICE) is not None, "nothing deleted"
    assert store.forget_user(ALICE.user, expect=(ALICE, 2), event_id="EvYes") == 1
    store.save(ALICE, asked(), 0)  # talking again
    with pytest.raises(AlreadyHandled):  # the "yes" redelivered: deletes nothing
        store.forget_user(ALICE.user, event_id="EvYes")
    assert store.load(ALICE) is not None


def test_purge_deletes_what_is_older_than_the_age(store: Store) -> None:
    store.save(ALICE, asked(), 0, now=NOW - 100, record=TurnRecord(said="old", replied=[], event_id="Ev1"))
    store.delivered(None, ALICE.id, None, {"channel": "D1", "ts": "1.1", "text": "Q", "blocks": []})
    store.save(ALICE, asked(), 1, now=NOW - 99, record=TurnRecord(said="?", replied=[], unanswered=["old one"]))
    store.save(BOB, asked(), 0, now=NOW, record=TurnRecord(said="new", replied=[], unanswered=["new one"]))
    assert store.purge_older_than(50, now=NOW) == 5  # Alice's conversation, 2 turns, event, unanswered question
    assert store.load(ALICE) is None and store.load(BOB) is not None
    assert [q["text"] for q in store.unanswered_questions(0)] == ["new one"]
    assert store.open_prompt(ALICE.id) is None and not store.was_handled("Ev1")


# -- the database itself -------------------------------------------------------------------------------


def test_the_schema_is_created_once_and_migrate_adds_what_is_missing(store: Store, opened: Opener) -> None:
    assert "created table conversations" in store.migrated and "created index idx_turns_at" in store.migrated
    assert opened().migrated == [] and store.migrate() == [], "idempotent"
    store.db.execute("drop index idx_turns_at")
    store.db.execute("alter table inbox drop column lease_until")  # as if made by an older version
    assert store.migrate() == ["created index idx_turns_at", "added column inbox.lease_until"]
    store.keep("Ev1", "{}", now=NOW - 60)
    assert store.claim_unanswered(NOW, 20, 60, 3) == [("Ev1", "{}")], "the added column is used"
    assert store.healthy()
    store.check_file()


def test_several_servers_opening_an_empty_database_at_once_all_come_up(store_location: str) -> None:
    # (For SQLite across processes: tests/test_store_startup.py.) Threads with a store each stand for
    # servers starting together: each migrates under the schema lock, none fails.
    results: list[str] = []
    start = threading.Barrier(6)

    def open_() -> None:
        start.wait()
        try:
            Store.open(store_location).close()
            results.append("ok")
        except Exception as error:
            results.append(f"{type(error).__name__}: {error}")

    threads = [threading.Thread(target=open_) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert results == ["ok"] * 6


def test_delivered_records_the_event_and_the_open_question_in_one_go(store: Store) -> None:
    store.save(ALICE, asked(), 0, record=event("Ev1"))
    question = {"channel": "D1", "ts": "1763950002.000300", "text": "q", "blocks": []}
    store.delivered("Ev1", ALICE.id, None, question)
    assert store.claim_delivery("Ev1") is None, "delivered: nothing left to post"
    assert store.open_prompt(ALICE.id) == question
    store.delivered(None, ALICE.id, question, None)  # answered by typing: the question is closed
    assert store.open_prompt(ALICE.id) is None
    store.delivered(None, None, None, None)  # nothing to record: no error, no transaction


def test_a_delivery_records_its_question_and_returns_the_older_one_it_replaces(opened: Opener) -> None:
    store, other = opened(), opened()
    store.save(ALICE, asked(), 0, record=event("Ev1"))
    q1 = {"channel": "D1", "ts": "1763950002.000300", "text": "q1", "blocks": [{"type": "actions"}]}
    assert store.record_delivery("Ev1", ALICE.id, q1, q1["ts"]) is None, "nothing open before"
    assert store.claim_delivery("Ev1") is None, "delivered: nothing left to post"
    assert other.open_prompt(ALICE.id) == q1
    q2 = {**q1, "ts": "1763950010.000100", "text": "q2"}
    assert other.record_delivery(None, ALICE.id, q2, q2["ts"]) == q1, "answered by typing: q1 to close"
    assert store.open_prompt(ALICE.id) == q2
    # A slower delivery whose messages went out before q2 was posted: q2 is newer, neither closed nor replaced.
    assert store.record_delivery(None, ALICE.id, None, "1763950005.000000") is None
    assert store.record_delivery(None, ALICE.id, q1, q1["ts"]) is None
    assert store.open_prompt(ALICE.id) == q2
    # Messages that ask nothing, posted after q2: q2 is closed and forgotten.
    assert store.record_delivery(None, ALICE.id, None, "1763950020.000000") == q2
    assert store.open_prompt(ALICE.id) is None
    assert store.record_delivery(None, None, None, None) is None, "no conversation: nothing to replace"
    assert store.record_delivery(None, BOB.id, q1, q1["ts"]) is None
    assert store.open_prompt(BOB.id) is None, "Bob has no conversation (forgotten meanwhile)"
