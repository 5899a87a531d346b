"""One turn end to end, shared by every adapter: load state, run the core, save, record.

Adapters (terminal, Slack) call `Service.handle` and render what it returns; they never touch the
core or the store directly.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import Any

from bot.admin_wording import AdminWording, load_admin_wording
from bot.conversation import Conversation, load_conversation
from bot.dialogue import Advisor, Event, Picked, Pressed, Said, State
from bot.interface_wording import InterfaceWording, load_interface_wording
from bot.interface_wording import use as use_interface_wording
from bot.knowledge import Knowledge, load_knowledge
from bot.leads import Leads
from bot.replies import Advise, Answer, Lead, Reply, Say
from bot.settings import Settings
from bot.store import Conflict, ConversationKey, Store, TurnRecord, open_store

_ATTEMPTS = 5
MAX_SAID = 2_000  # characters of one message that are read


class NotOpen(Exception):
    """A click's question is not the open one in the state its turn would commit on: the click is stale
    (answered meanwhile, in words or in another window) and changes nothing."""


@dataclass(frozen=True)
class Taken:
    """What one turn gave: its replies, and whether it found the conversation expired (then the replies
    are the expiry notice, and what was sent is not taken as an answer)."""

    replies: list[Reply]
    expired: bool = False


def safe_text(text: str) -> str:
    """`text` as valid Unicode: a lone surrogate (JSON can carry one, UTF-8 and so SQLite cannot) becomes
    U+FFFD; a pair split in two code points is joined."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return text


def load_advisor(settings: Settings) -> Advisor:
    """Load and validate the data files; a bad file raises DataFileError naming it."""
    conversation: Conversation = load_conversation(settings.conversations_dir)
    knowledge: Knowledge = load_knowledge(settings.knowledge_dir)
    return Advisor(conversation, knowledge, settings.consult_url, settings.match_cutoff)


# Advisors loaded before gunicorn forks its workers (`preload`, run in the master), so each worker
# starts with the data read and the matcher built instead of doing it again on the same cores. Keyed
# by the settings and every data file's size and modification time: a worker started after the
# consultancy edited a file loads the edited files itself, should the master not have loaded them
# again (it does on a reload, SIGHUP: `bot.gunicorn_conf.on_reload`).
_preloaded: dict[tuple[object, ...], Advisor] = {}


def _data_key(settings: Settings) -> tuple[object, ...]:
    files = sorted(
        path
        for folder in (settings.conversations_dir, settings.knowledge_dir)
        if folder.is_dir()
        for path in folder.rglob("*")
        if path.is_file()
    )
    stats = tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size) for path in files)
    return (settings.conversations_dir, settings.knowledge_dir, settings.consult_url, settings.match_cutoff, stats)


def preload(settings: Settings) -> Advisor:
    """Load the advisor (and map the language model) for processes forked from this one; a bad data
    file raises DataFileError as `load_advisor` does."""
    key = _data_key(settings)  # (taken first: a file edited while it loads makes the key stale, not the data)
    advisor = load_advisor(settings)
    advisor.reader.prepare(settings.cache_dir)
    _preloaded.clear()  # one at a time: after a reload, the old data is not kept alive as well
    _preloaded[key] = advisor
    return advisor


def preloaded(settings: Settings) -> Advisor | None:
    """The advisor `preload` loaded for these settings and these data files, if there is one."""
    if not _preloaded:
        return None
    return _preloaded.get(_data_key(settings))


class Service:
    def __init__(self, settings: Settings, advisor: Advisor | None = None, store: Store | None = None):
        self.settings = settings
        self._advisor = advisor
        self._store = store

    @cached_property
    def advisor(self) -> Advisor:
        return self._advisor or preloaded(self.settings) or load_advisor(self.settings)

    @cached_property
    def leads(self) -> Leads:
        """Where consented consultation requests go (bot.leads)."""
        return Leads(self.settings, self.advisor.wording)

    @cached_property
    def interface_wording(self) -> InterfaceWording:
        """What the Slack adapter and the renderers say (conversations/interface.yaml), made the
        renderers' wording for this process as it loads."""
        loaded = load_interface_wording(self.settings.conversations_dir)
        use_interface_wording(loaded)
        return loaded

    @cached_property
    def admin_wording(self) -> AdminWording:
        """The admins' Home tab's sentences (conversations/admin.yaml)."""
        return load_admin_wording(self.settings.conversations_dir)

    @cached_property
    def store(self) -> Store:
        return self._store or open_store(self.settings)

    def handle(
        self,
        key: ConversationKey,
        event: Event,
        today: date | None = None,
        now: float | None = None,
        event_id: str | None = None,
        outbox: Callable[[list[Reply]], Any] | None = None,
    ) -> list[Reply]:
        """Run one turn for `key` and commit it whole, retrying if another worker saved first.

        With `event_id`, the event is recorded in the same transaction, together with what
        `outbox(replies)` returns (what the adapter will deliver), so a retried delivery can tell a
        finished turn from one that never happened. Raises AlreadyHandled for a finished one.
        """
        return self.take(key, event, today, now, event_id, outbox).replies

    def take(
        self,
        key: ConversationKey,
        event: Event,
        today: date | None = None,
        now: float | None = None,
        event_id: str | None = None,
        outbox: Callable[[list[Reply]], Any] | None = None,
        still_open: Callable[[State], bool] | None = None,
    ) -> Taken:
        """`handle`, saying whether the conversation had expired; for a click, `still_open` says
        whether the state still waits for what was clicked.

        `still_open` is asked of the state each attempt loads, so of the very state the turn commits
        on (the save is version-checked: when another turn commits first, the attempt is re-run on
        its result). Raises NotOpen when it says no, or when the conversation is gone. An expired
        conversation is not asked: the click gets the expiry notice, as anything sent to it would.
        """
        today = today or date.today()
        now = time.time() if now is None else now
        if isinstance(event, Said):
            # Nobody answers a question in more than MAX_SAID characters; matching a 40,000-character
            # paste would only burn a worker for a second. The transcript keeps what was read.
            event = Said(safe_text(event.text[:MAX_SAID]))
        for _attempt in range(_ATTEMPTS):
            stored = self.store.load(key)
            state = stored.state if stored else State()
            version = stored.version if stored else 0
            if state.forget_asked and self._confirms(event):
                try:
                    return Taken(self.forget(key.user, expect=(key, version), event_id=event_id, now=now))
                except Conflict:
                    continue
            expired = stored is not None and now - stored.updated_at > self.settings.expiry_hours * 3600
            if still_open is not None:
                lapsed = expired or state.phase == "expired"
                if stored is None or not (lapsed or still_open(state)):
                    raise NotOpen(key.id)
            # The state was loaded for this attempt alone: the turn changes it rather than a copy.
            new_state, replies = self.advisor.turn(state, event, today, expired=expired, given=True)
            record = TurnRecord(
                said=safe_text(_describe(event)),
                replied=[type(r).__name__ for r in replies],
                recommendations=[
                    (r.recommendation.verdict, r.recommendation.model_dump_json())
                    for r in replies
                    if isinstance(r, Advise)
                ],
                event_id=event_id,
                outbox=outbox(replies) if outbox and event_id else None,
                unanswered=[r.unanswered for r in replies if isinstance(r, Answer) and r.unanswered],
                # A consented lead is a consultation request however it was asked for (the button, or
                # "talk to a human" typed): the admin Home and `advisor leads` list it.
                consultation=any(isinstance(r, Lead) for r in replies),
            )
            try:
                self.store.save(key, new_state, version, now=now, record=record)
            except Conflict:
                continue
            return Taken(replies, expired=new_state.phase == "expired")
        raise Conflict(key.id)

    def _confirms(self, event: Event) -> bool:
        """A yes to "delete everything?": its button, or a typed yes."""
        if isinstance(event, Pressed):
            return event.command in ("forget_confirmed", "confirm")
        # ("go ahead and delete it", asked "delete everything?", asks again for what it confirms)
        return isinstance(event, Said) and self.advisor.reader.command(event.text) in ("confirm", "forget")

    def forget(
        self,
        user: str,
        expect: tuple[ConversationKey, int] | None = None,
        event_id: str | None = None,
        now: float | None = None,
    ) -> list[Reply]:
        """Delete every conversation, transcript and recommendation of `user` (see Store.forget_user
        for `expect`, the conversation and version whose question this answers, and `event_id`)."""
        count = self.store.forget_user(user, expect=expect, event_id=event_id, now=now)
        return [Say(self.advisor.wording.forgotten.format(count=count))]

    def state(self, key: ConversationKey) -> State | None:
        stored = self.store.load(key)
        return stored.state if stored else None


def _describe(event: Event) -> str:
    if isinstance(event, Said):
        return event.text
    if isinstance(event, Picked):
        return f"[picked {event.step_id}: {', '.join(event.option_ids)}]"
    assert isinstance(event, Pressed)
    return f"[pressed {event.command}]"
