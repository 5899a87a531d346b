"""The Slack app: `create_app(settings)` builds Bolt and registers listeners that only adapt.

Each listener turns a payload into a core event for a conversation key (`bot.slack_keys`), runs one
turn through `Service.handle`, and posts what `bot.render_blocks` makes of the replies. Nothing about
a conversation is kept in memory; retried deliveries are recognised through the database.
"""

from __future__ import annotations

import logging
import random
import re
import threading
import time
from collections.abc import Sequence
from typing import Any

from slack_bolt import App, BoltContext, BoltRequest, BoltResponse
from slack_bolt.middleware.authorization.single_team_authorization import SingleTeamAuthorization
from slack_bolt.request.internals import extract_enterprise_id, extract_team_id
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
    ServerErrorRetryHandler,
)
from slack_sdk.http_retry.request import HttpRequest
from slack_sdk.http_retry.response import HttpResponse
from slack_sdk.http_retry.state import RetryState
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web import SlackResponse

from bot import render_blocks, slack_keys
from bot.dialogue import Event, Picked, Pressed, Said, State
from bot.replies import Say
from bot.service import NotOpen, Service
from bot.settings import Settings
from bot.slack_home import register_home
from bot.slack_keys import Place
from bot.slack_turns import deliver, opening, post, turn

log = logging.getLogger(__name__)

# Posting in a channel fails with these when the bot may not post there; /advisor here then uses the DM.
CANNOT_POST = {"not_in_channel", "channel_not_found", "is_archived", "restricted_action"}
# Message subtypes that are a user talking: a plain message, a thread reply also sent to the channel,
# and a file shared with a comment (without one there is no text, so nothing to answer).
TALKING = {None, "", "thread_broadcast", "file_share"}
MAX_RETRY_AFTER = 5.0  # seconds a listener waits out a rate limit, whatever Retry-After asks
IDENTITY_ATTEMPTS = 3  # auth.test calls at start-up before the app starts unhealthy
IDENTITY_PAUSES = (0.2, 0.5)  # seconds between them


class CappedRateLimitRetryHandler(RateLimitErrorRetryHandler):
    """Retries a 429 after its Retry-After, but never waits more than MAX_RETRY_AFTER: a listener
    thread parked for a minute is a thread no other user gets. A post still limited after its retries
    fails like any other, and the user gets the apology."""

    def prepare_for_next_attempt(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> None:
        if response is None:
            raise error or RuntimeError("rate-limit retry without a response")
        state.next_attempt_requested = True
        time.sleep(retry_after(response.headers) + random.random() / 4)
        state.increment_current_attempt()


def retry_after(headers: dict[str, Any]) -> float:
    """The wait a 429 asks for (its Retry-After, 1 s without one or when unreadable), capped."""
    value = next((v for k, v in headers.items() if k.lower() == "retry-after"), None)
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    try:
        seconds = float(value) if value is not None else 1.0
    except ValueError:
        seconds = 1.0
    return max(0.0, min(seconds, MAX_RETRY_AFTER))


def make_client(settings: Settings) -> WebClient:
    """The Web API client: Slack's (or SLACK_API_URL's) endpoint, retrying rate limits and 5xx."""
    base_url = settings.slack_api_url if settings.slack_api_url.endswith("/") else settings.slack_api_url + "/"
    return WebClient(
        token=settings.slack_bot_token,
        base_url=base_url,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=2),
            CappedRateLimitRetryHandler(max_retry_count=3),
            ServerErrorRetryHandler(max_retry_count=2),
        ],
    )


class Identity:
    """Who the bot is (its auth.test), asked at start-up and handed to Bolt.

    Bolt needs it for every request (the bot's user id, to ignore its own messages and read
    mentions). Left to Bolt it is asked on the first request, and if that auth.test fails the
    request is answered 200 with nothing done - for every request, while it keeps failing. Here it is
    asked at start-up with a few retries; until it is known the app reports itself unhealthy, and
    each health check or request tries once more (see `bot.serving`).
    """

    def __init__(self, app: App) -> None:
        self.app = app
        self._trying = threading.Lock()
        self.result: SlackResponse | None = None

    @property
    def known(self) -> bool:
        return self.result is not None

    def resolve(self, attempts: int = 1, pauses: Sequence[float] = IDENTITY_PAUSES) -> bool:
        """Ask auth.test, up to `attempts` times; whether the identity is known now. A call while
        another is asking does not wait for it, nor ask again."""
        if self.known:
            return True
        if not self._trying.acquire(blocking=False):
            return False
        try:
            for attempt in range(attempts):
                if attempt:
                    time.sleep(pauses[min(attempt - 1, len(pauses) - 1)] if pauses else 0)
                try:
                    result = self.app.client.auth_test()
                except SlackApiError as error:
                    log.warning("auth.test failed: %s", error.response.get("error"))
                    continue
                except (SlackClientError, OSError) as error:
                    log.warning("auth.test failed: %s", type(error).__name__)
                    continue
                self._hand_to_bolt(result)
                log.info("signed in to Slack as %s (%s)", result.get("user_id"), result.get("team_id"))
                return True
            return False
        finally:
            self._trying.release()

    def _hand_to_bolt(self, result: SlackResponse) -> None:
        # Bolt's single-workspace authorization asks auth.test itself when it has no result yet; it
        # takes the one given at construction, which token_verification_enabled=False leaves out.
        for middleware in self.app._middleware_list:
            if isinstance(middleware, SingleTeamAuthorization):
                middleware.auth_test_result = result
        self.result = result


def create_app(settings: Settings, client: WebClient | None = None, service: Service | None = None) -> App:
    """The Bolt app. Loads and checks the data files now, so a bad file stops start-up."""
    return build_app(settings, client, service)[0]


def build_app(
    settings: Settings, client: WebClient | None = None, service: Service | None = None
) -> tuple[App, Identity]:
    """The Bolt app, and who it is in Slack, asked now (see `Identity`)."""
    service = service or Service(settings)
    _ = service.advisor, service.store  # load and check the data files, open the database: now
    app = App(
        client=client or make_client(settings),
        signing_secret=settings.slack_signing_secret or "",
        # Asked below by Identity, with retries, rather than once by Bolt (which raises on failure).
        token_verification_enabled=False,
    )
    identity = Identity(app)
    identity.resolve(IDENTITY_ATTEMPTS)
    register_workspace(app)
    register_dedup(app, service)
    register_command(app, service)
    register_messages(app, service)
    register_actions(app, service)
    register_home(app, service)  # before the fallbacks, which take any event
    register_fallbacks(app)
    register_errors(app, settings.slack_signing_secret or "")
    return app, identity


# -- listeners -------------------------------------------------------------------------------------


def register_workspace(app: App) -> None:
    @app.middleware
    def workspace_from_the_payload(body: dict[str, Any], context: BoltContext, next: Any) -> None:
        # From the payload, not from the token's auth.test: with one bot token every request would
        # otherwise look like the token's own workspace.
        context["advisor_workspace"] = slack_keys.workspace(extract_enterprise_id(body), extract_team_id(body))
        next()


def register_dedup(app: App, service: Service) -> None:
    @app.middleware
    def answer_each_event_once(body: dict[str, Any], client: WebClient, next: Any) -> BoltResponse | None:
        # Slack redelivers an event (same event_id) when the ack was slow or lost. A turn commits
        # with its event id, in the database every worker shares, so a redelivery of a finished
        # turn is not answered again - but if the process died before posting the replies, they
        # are posted now. A turn that never committed simply runs.
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id is None or not service.store.was_handled(event_id):
            next()
            return None
        outbox = service.store.claim_delivery(event_id)
        if outbox:
            log.info("delivering the replies of %s, interrupted before", event_id)
            deliver(client, service.store, outbox, event_id)
        else:
            log.info("ignoring repeated delivery of %s", event_id)
        return BoltResponse(status=200, body="")


def register_command(app: App, service: Service) -> None:
    @app.command("/advisor")
    def advisor_command(
        ack: Any, command: dict[str, Any], client: WebClient, respond: Any, context: BoltContext
    ) -> None:
        text = " ".join(command.get("text", "").split())
        workspace = _workspace(context)
        word, _, rest = text.partition(" ")
        if word.lower() == "help":
            ack(text=render_blocks.USAGE, response_type="ephemeral")
            return
        if word.lower() == "forget":  # asked first; the button below deletes
            ack(text=render_blocks.FORGET_QUESTION, blocks=render_blocks.forget_question(), response_type="ephemeral")
            return
        here = word.lower() == "here"
        if here:
            text = rest
        # In a DM, "here" is the DM: the conversation carries on there rather than in a thread of it.
        in_thread = here and not slack_keys.is_dm(command.get("channel_id") or "")
        ack(text=render_blocks.IN_THREAD if in_thread else render_blocks.IN_DM, response_type="ephemeral")
        user = command["user_id"]
        place: Place | None = None
        if in_thread:
            place = _thread_for_command(client, command, workspace)
            if place is None:
                respond(text=render_blocks.NO_THREAD, response_type="ephemeral")
        if place is None:
            channel = client.conversations_open(users=user)["channel"]["id"]
            place = slack_keys.dm(user, channel, workspace)
        turn(service, client, place, opening(service.state(place.key), text))


def _thread_for_command(client: WebClient, command: dict[str, Any], workspace: str) -> Place | None:
    user, channel = command["user_id"], command["channel_id"]
    try:
        root = client.chat_postMessage(
            channel=channel,
            text=render_blocks.THREAD_ROOT.format(user=user),
        )
    except SlackApiError as error:
        if error.response.get("error") in CANNOT_POST:
            return None
        raise
    return slack_keys.thread(user, channel, root["ts"], workspace)


def register_messages(app: App, service: Service) -> None:
    @app.event("message")
    def on_message(event: dict[str, Any], body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        # Edits, deletions, joins and bot posts carry a subtype and are no user talking; a reply also
        # sent to the channel, or a file shared with words, is.
        if event.get("subtype") not in TALKING or event.get("bot_id") or not event.get("user"):
            return
        text = (event.get("text") or "").strip()
        if event["user"] == context.bot_user_id or not text:
            return
        place = slack_keys.for_message(event, _workspace(context))
        if place is None:
            return
        if not slack_keys.is_dm(place.channel):
            if _mentions(text, context.bot_user_id):
                return  # also delivered as app_mention, which answers it
            if service.state(place.key) is None:
                return  # a thread we are not running with this user
        turn(service, client, place, Said(text), body.get("event_id"))

    @app.event("app_mention")
    def on_mention(event: dict[str, Any], body: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        if event.get("subtype") or event.get("bot_id") or event.get("user") == context.bot_user_id:
            return
        text = _mention(context.bot_user_id).sub(" ", event.get("text") or "")
        place = slack_keys.for_mention(event, _workspace(context))
        turn(service, client, place, opening(service.state(place.key), " ".join(text.split())), body.get("event_id"))


def _mention(bot_user_id: str | None) -> re.Pattern[str]:
    """The bot's mention as Slack writes it: <@U123>, or with a name, <@U123|advisor>."""
    return re.compile(rf"<@{re.escape(bot_user_id or '')}(\|[^>]*)?>")


def _mentions(text: str, bot_user_id: str | None) -> bool:
    return bot_user_id is not None and _mention(bot_user_id).search(text) is not None


def register_actions(app: App, service: Service) -> None:
    @app.action(re.compile(r"^answer:[^:]+:."))
    def on_answer(
        ack: Any, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        ack()
        _, step, option = action["action_id"].split(":", 2)
        label = action.get("text", {}).get("text", option)
        click(service, client, body, Picked(step, (option,)), step, [label], _workspace(context))

    @app.action(re.compile(r"^done:."))
    def on_done(
        ack: Any, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        ack()
        step = action["action_id"].split(":", 1)[1]
        options = _selected(body, f"pick:{step}")
        if not options:
            _tell(client, body, render_blocks.TICK_ONE)
            return
        event = Picked(step, tuple(o["value"] for o in options))
        click(service, client, body, event, step, [o["text"]["text"] for o in options], _workspace(context))

    @app.action(re.compile(r"^recap:."))
    def on_recap(
        ack: Any, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        ack()
        command = action["action_id"].split(":", 1)[1]
        click(
            service,
            client,
            body,
            Pressed(command),
            None,
            [action.get("text", {}).get("text", command)],
            _workspace(context),
        )

    @app.action(re.compile(r"^command:."))
    def on_command(
        ack: Any, body: dict[str, Any], action: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        ack()
        command = action["action_id"].split(":", 1)[1]
        label = action.get("text", {}).get("text", command)
        # Not checked against the state: the core answers an out-of-date command itself.
        click(service, client, body, Pressed(command), "", [label], _workspace(context))

    @app.action(re.compile(r"^pick:"))
    def on_pick(ack: Any) -> None:
        ack()  # ticking a box only changes the form; the answer is read when Done is pressed

    @app.action(render_blocks.FORGET_ACTION)
    def on_forget_confirmed(ack: Any, body: dict[str, Any], respond: Any, context: BoltContext) -> None:
        ack()
        who = slack_keys.person(_workspace(context), body["user"]["id"])
        said = " ".join(r.text for r in service.forget(who) if isinstance(r, Say))
        respond(text=render_blocks.escape_mrkdwn(said), replace_original=True, response_type="ephemeral")

    @app.action("consult")
    def on_consult(ack: Any, body: dict[str, Any], context: BoltContext) -> None:
        ack()  # a link button: Slack opens the URL; we note the request for the consultancy
        place = slack_keys.for_action(body, _workspace(context))
        user = slack_keys.person(_workspace(context), body["user"]["id"])
        service.store.record_consultation_request(user, place.key.id if place else f"|{user}")


def register_fallbacks(app: App) -> None:
    """Acknowledge what the bot has no use for, registered last: Slack redelivers an event that got a
    404, and shows an error beside a button whose click did; none of these is answered."""

    @app.middleware
    def acknowledge_rate_limit_notices(body: dict[str, Any], next: Any) -> BoltResponse | None:
        if body.get("type") == "app_rate_limited":  # Slack dropped events for a minute: nothing to answer
            log.warning("Slack rate-limited this app's events (minute %s)", body.get("minute_rate_limited"))
            return BoltResponse(status=200, body="")
        next()
        return None

    @app.event(re.compile(""))
    def on_other_event() -> None:
        pass  # an event type the bot does not act on

    @app.action(re.compile(""))
    def on_other_action(ack: Any) -> None:
        ack()  # an action id none of the bot's messages carries

    @app.view(re.compile(""))
    def on_view_submission(ack: Any) -> None:
        ack()  # the bot opens no modals: a submission is acknowledged (the modal closes) and ignored

    @app.view_closed(re.compile(""))
    def on_view_closed(ack: Any) -> None:
        ack()


def click(
    service: Service,
    client: WebClient,
    body: dict[str, Any],
    event: Event,
    step: str | None,
    labels: Sequence[str],
    workspace: str,
) -> None:
    """A choice on one of our messages: take the turn, post what comes next, then close the question.

    Whether the question is still open is decided on the state the turn commits on (see
    `Service.take`), so a typed answer committed a moment earlier makes the click stale rather than
    a change. The next question goes out before the old one is closed: closing may fail (the message
    deleted, too old to edit) without costing the user anything.
    """
    place = slack_keys.for_action(body, workspace)
    message = body.get("message") or {}
    ts = body.get("container", {}).get("message_ts") or message.get("ts")
    owner = service.store.prompt_owner(place.channel, ts) if place and ts else None
    if place is None or service.state(place.key) is None or owner not in (None, place.key.id):
        # Not the clicker's conversation, or the open question of a teammate's in the same thread.
        _tell(client, body, render_blocks.NOT_YOURS)
        return
    try:
        taken = service.take(place.key, event, still_open=lambda state: _still_open(state, step))
    except NotOpen:
        # A question answered since (in words, or in another window): close it, change nothing.
        _close(client, place.channel, message, ts, render_blocks.CLOSED)
        return
    if taken.expired:
        # The conversation had expired: the notice, as for anything sent to it, and no tick - the
        # choice was not taken. The question is closed like any other once the notice is posted.
        post(client, service.store, place, taken.replies)
        return
    if ts:
        service.store.forget_prompt(place.key.id, ts)  # closed just below, with what was chosen
    post(client, service.store, place, taken.replies)
    _close(client, place.channel, message, ts, render_blocks.picked(labels))


def _workspace(context: BoltContext) -> str:
    return context["advisor_workspace"]  # type: ignore[no-any-return]


def _still_open(state: State, step: str | None) -> bool:
    """Whether the question a button belongs to is the one waiting for an answer (step None: the
    recap; "": a command the core checks itself)."""
    if step is None:
        return state.phase == "confirming"
    return step == "" or (state.phase, state.pending) == ("asking", step)


def _close(client: WebClient, channel: str, message: dict[str, Any], ts: str | None, note: str) -> None:
    """Take the buttons off a clicked message, with a note. A message that cannot be edited any more
    (deleted, too old) is left as it is: what the user needs has been posted already."""
    if not ts:
        return
    blocks = render_blocks.closed(message.get("blocks") or [], note)
    try:
        client.chat_update(channel=channel, ts=ts, text=f"{message.get('text') or ''}\n{note}", blocks=blocks)
    except SlackApiError as error:
        log.info("could not close a clicked question (%s in %s): %s", ts, channel, error.response.get("error"))


def _selected(body: dict[str, Any], action_id: str) -> list[dict[str, Any]]:
    for block in body.get("state", {}).get("values", {}).values():
        if action_id in block:
            return list(block[action_id].get("selected_options") or [])
    return []


def _tell(client: WebClient, body: dict[str, Any], text: str) -> None:
    """An ephemeral note to the user who clicked, where they clicked."""
    channel = body.get("container", {}).get("channel_id") or body.get("channel", {}).get("id")
    thread_ts = (body.get("message") or {}).get("thread_ts")
    client.chat_postEphemeral(channel=channel, user=body["user"]["id"], thread_ts=thread_ts, text=text)


def register_errors(app: App, signing_secret: str) -> None:
    verifier = SignatureVerifier(signing_secret) if signing_secret else None

    @app.error
    def on_error(error: Exception, body: dict[str, Any], request: BoltRequest, client: WebClient, respond: Any) -> None:
        if not _verified(verifier, request):
            # Bolt's own check can raise before it compares the signature (a float timestamp): then
            # the body is an attacker's, and its response_url or channel must not be acted on.
            log.warning("an unverified request failed in Bolt (%s); not answered", type(error).__name__)
            return
        log.error("failed handling a Slack request (%s)", _request_context(body), exc_info=error)
        try:
            if body.get("response_url") and body.get("command"):
                respond(text=render_blocks.APOLOGY, response_type="ephemeral")
                return
            where = _apology_place(body)
            if where:
                channel, user, thread_ts = where
                client.chat_postEphemeral(channel=channel, user=user, thread_ts=thread_ts, text=render_blocks.APOLOGY)
        except SlackApiError as apology_error:
            # The apology goes through the same API that may just have failed; the log has the cause.
            log.warning("could not apologise: %s", apology_error.response.get("error"))


def _verified(verifier: SignatureVerifier | None, request: BoltRequest) -> bool:
    """Whether Slack sent this request: over Socket Mode's authenticated connection, or signed."""
    if request.mode == "socket_mode":
        return True
    if verifier is None:
        return False

    def first(name: str) -> str | None:
        values = request.headers.get(name) or []
        return values[0] if values else None

    try:
        return verifier.is_valid(request.raw_body, first("x-slack-request-timestamp"), first("x-slack-signature"))
    except Exception:  # a timestamp that is not a number: not Slack's
        return False


def _apology_place(body: dict[str, Any]) -> tuple[str, str, str | None] | None:
    if body.get("type") == "event_callback":
        event = body.get("event", {})
        if event.get("channel") and event.get("user"):
            thread_ts = event.get("thread_ts") or (event.get("ts") if event.get("type") == "app_mention" else None)
            return event["channel"], event["user"], thread_ts
        return None
    if body.get("type") == "block_actions":
        channel = body.get("container", {}).get("channel_id")
        if channel:
            return channel, body["user"]["id"], (body.get("message") or {}).get("thread_ts")
    return None


def _request_context(body: dict[str, Any]) -> str:
    """Enough to find the conversation in the database and Slack, and nothing secret or typed."""
    event = body.get("event") or {}
    parts = {
        "type": body.get("type") or ("command" if body.get("command") else None),
        "event_id": body.get("event_id"),
        "event": event.get("type"),
        "channel": event.get("channel") or body.get("channel_id") or (body.get("channel") or {}).get("id"),
        "user": event.get("user") or body.get("user_id") or (body.get("user") or {}).get("id"),
        "thread_ts": event.get("thread_ts"),
    }
    return ", ".join(f"{k}={v}" for k, v in parts.items() if v)
