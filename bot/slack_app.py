"""The Slack app: `create_app(settings)` builds Bolt and registers listeners that only adapt.

Each listener turns a payload into a core event for a conversation key (`bot.slack_keys`), runs one
turn through `Service.handle`, and posts what `bot.render_blocks` makes of the replies. Nothing about
a conversation is kept in memory; retried deliveries are recognised through the database.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from slack_bolt import App, BoltContext, BoltRequest, BoltResponse
from slack_bolt.request.internals import extract_enterprise_id, extract_team_id
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot import render_blocks, slack_keys
from bot.dialogue import Said
from bot.interface_wording import wording
from bot.service import Service
from bot.settings import Settings
from bot.slack_actions import register_actions
from bot.slack_client import CANNOT_POST, make_client, share_connections  # /advisor here then uses the DM
from bot.slack_errors import register_errors
from bot.slack_home import register_home
from bot.slack_identity import IDENTITY_ATTEMPTS, Identity
from bot.slack_keys import Place
from bot.slack_lifecycle import register_lifecycle
from bot.slack_middleware import Direct, Next, middleware
from bot.slack_oauth import oauth_flow, workspace_client
from bot.slack_share import register_share
from bot.slack_shortcuts import register_shortcuts
from bot.slack_sweeper import inbox_id
from bot.slack_turns import Delivery, deliver_turn, opening, take_event, turn

log = logging.getLogger(__name__)

# Message subtypes that are a user talking: a plain message, a thread reply also sent to the channel,
# and a file shared with a comment (without one there is no text, so nothing to answer).
TALKING = {None, "", "thread_broadcast", "file_share"}
# Bolt's name for the app: the name Bolt gives it by default (the file that builds it), given here because
# Bolt finds it with inspect.stack(), which reads the source line of every frame on the stack: tens of
# milliseconds per app built (each test of tests/slack builds one).
APP_NAME = "slack_app.py"


def create_app(settings: Settings, client: WebClient | None = None, service: Service | None = None) -> App:
    """The Bolt app. Loads and checks the data files now, so a bad file stops start-up."""
    return build_app(settings, client, service)[0]


def build_app(
    settings: Settings, client: WebClient | None = None, service: Service | None = None
) -> tuple[App, Identity]:
    """The Bolt app, and who it is in Slack, asked now (see `Identity`)."""
    service = service or Service(settings)
    _ = service.advisor, service.admin_wording, service.interface_wording  # check the data files: now
    _ = service.store  # and open the database
    service.advisor.reader.prepare(settings.cache_dir)  # and the language model, off the first message's path
    client = client or make_client(settings)
    flow = oauth_flow(settings, client) if settings.oauth else None
    # Listeners one worker runs at once (see Settings.listener_threads).
    listeners = ThreadPoolExecutor(settings.listener_threads, thread_name_prefix="listener")
    if flow is not None:
        # Installed per workspace: Bolt authorizes each request with that workspace's installation.
        app = App(
            name=APP_NAME,
            client=client,
            signing_secret=settings.slack_signing_secret or "",
            oauth_flow=flow,
            listener_executor=listeners,
            # Bolt adds middleware to every event listener for AI assistant threads (extra `say`,
            # `set_status`, ... arguments): built per event, and used by none of these listeners.
            attaching_conversation_kwargs_enabled=False,
        )
        identity = Identity(app, per_workspace=True)
        leads_team = settings.leads_team
        if leads_team:  # the consultancy's own workspace posts the lead card, whoever the lead came from
            service.leads.card_client = lambda: workspace_client(app, leads_team)
    else:
        app = App(
            name=APP_NAME,
            client=client,
            signing_secret=settings.slack_signing_secret or "",
            # Asked below by Identity, with retries, rather than once by Bolt (which raises on failure).
            token_verification_enabled=False,
            listener_executor=listeners,
            attaching_conversation_kwargs_enabled=False,  # see above
        )
        identity = Identity(app)
        identity.resolve(IDENTITY_ATTEMPTS)
    share_connections(app)  # first: every listener's Web API calls reuse the process's connections
    register_inbox(app, service)
    register_workspace(app)
    register_dedup(app, service)
    # Bolt tries listeners in the order registered, building each one's matcher arguments: messages
    # come first, as nearly every request is one (a slash command is rare and then tries two more).
    register_messages(app, service)
    register_command(app, service)
    register_actions(app, service)
    register_share(app, service)
    register_shortcuts(app, service)
    register_home(app, service)  # before the fallbacks, which take any event
    register_lifecycle(app, service, flow.settings.installation_store if flow else None)
    register_fallbacks(app)
    register_errors(app, settings.slack_signing_secret or "")
    return app, identity


# -- listeners -------------------------------------------------------------------------------------


def register_inbox(app: App, service: Service) -> None:
    @middleware(app)
    def keep_before_acknowledging(req: BoltRequest, next: Next) -> None:
        # Slack never redelivers what was acknowledged: the request is written to the database
        # first, so a worker killed before its turn commits leaves it for the sweeper. A message
        # or mention needs no inbox: its turn itself commits before the ack (see register_messages).
        body = req.body
        request_id = inbox_id(body)
        if request_id is not None and not _taken_before_ack(body) and not service.store.was_handled(request_id):
            service.store.keep(request_id, json.dumps(body))
        next()


def _taken_before_ack(body: dict[str, Any]) -> bool:
    event = body.get("event")
    return body.get("type") == "event_callback" and isinstance(event, dict) and event.get("type") in TURN_EVENTS


def register_workspace(app: App) -> None:
    @middleware(app)
    def workspace_from_the_payload(req: BoltRequest, next: Next) -> None:
        # From the payload, not from the token's auth.test: with one bot token every request would
        # otherwise look like the token's own workspace.
        body = req.body
        req.context[slack_keys.WORKSPACE] = slack_keys.workspace(extract_enterprise_id(body), extract_team_id(body))
        next()


def register_dedup(app: App, service: Service) -> None:
    @middleware(app)
    def answer_each_event_once(req: BoltRequest, next: Next) -> BoltResponse | None:
        # Slack redelivers an event (same event_id) when the ack was slow or lost. A turn commits
        # with its event id, in the database every worker shares, so a redelivery of a finished
        # turn is not answered again - but if the process died before posting the replies, they
        # are posted now. A turn that never committed simply runs.
        # A message or mention finds out at its turn's commit instead (slack_turns.take_event),
        # which saves this read on every message.
        body = req.body
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id is None or _taken_before_ack(body) or not service.store.was_handled(event_id):
            next()
            return None
        outbox = service.store.claim_delivery(event_id)
        if outbox:
            log.info("delivering the replies of %s, interrupted before", event_id)
            client = req.context.client
            assert client is not None  # Bolt gives every request a client
            deliver_turn(service, client, outbox, event_id, resumed=True)
        else:
            log.info("ignoring repeated delivery of %s", event_id)
        return BoltResponse(status=200, body="")


def register_command(app: App, service: Service) -> None:
    @app.command("/advisor")
    def advisor_command(
        ack: Any, command: dict[str, Any], client: WebClient, respond: Any, context: BoltContext
    ) -> None:
        text = " ".join(command.get("text", "").split())
        workspace = slack_keys.of_context(context)
        word, _, rest = text.partition(" ")
        if word.lower() == "help":
            ack(text=wording().usage, response_type="ephemeral")
            return
        if word.lower() == "forget":  # asked first; the button below deletes
            ack(text=wording().forget_question, blocks=render_blocks.forget_question(), response_type="ephemeral")
            return
        here = word.lower() == "here"
        if here:
            text = rest
        # In a DM, "here" is the DM: the conversation carries on there rather than in a thread of it.
        in_thread = here and not slack_keys.is_dm(command.get("channel_id") or "")
        ack(text=wording().in_thread if in_thread else wording().in_dm, response_type="ephemeral")
        user = command["user_id"]
        place: Place | None = None
        if in_thread:
            place = _thread_for_command(client, command, workspace)
            if place is None:
                respond(text=wording().no_thread, response_type="ephemeral")
        if place is None:
            channel = client.conversations_open(users=user)["channel"]["id"]
            place = slack_keys.dm(user, channel, workspace)
        # The command's turn commits with its trigger id, like an event's: taken up again by the
        # sweeper after a crash, it is answered once.
        turn(service, client, place, opening(service.state(place.key), text), inbox_id(command))


def _thread_for_command(client: WebClient, command: dict[str, Any], workspace: str) -> Place | None:
    user, channel = command["user_id"], command["channel_id"]
    try:
        root = client.chat_postMessage(
            channel=channel,
            text=wording().thread_root.format(user=user),
        )
    except SlackApiError as error:
        if error.response.get("error") in CANNOT_POST:
            return None
        raise
    return slack_keys.thread(user, channel, root["ts"], workspace)


def register_messages(app: App, service: Service) -> None:
    """A message or mention's turn is taken before the ack, its replies posted after it.

    The turn commits with the event id and its rendered replies (claimed for posting by this
    process) in one transaction, so what Slack sees acknowledged is a committed turn: a worker
    killed after the ack leaves replies the sweeper posts, one killed before leaves nothing, and
    Slack delivers the event again. No inbox row is written for it (one transaction fewer)."""

    def take_message_turn(req: BoltRequest, next: Next) -> None:
        req.context[TAKEN] = _taken_or_kept(service, req, _message_turn)
        next()

    def take_mention_turn(req: BoltRequest, next: Next) -> None:
        req.context[TAKEN] = _taken_or_kept(service, req, _mention_turn)
        next()

    @app.event("message", middleware=[Direct(take_message_turn)])
    def on_message(context: BoltContext, client: WebClient, body: dict[str, Any]) -> None:
        _post_taken(service, client, context, body)

    @app.event("app_mention", middleware=[Direct(take_mention_turn)])
    def on_mention(context: BoltContext, client: WebClient, body: dict[str, Any]) -> None:
        _post_taken(service, client, context, body)


TAKEN = "stack_advisor_outbox"  # the context key of a turn's replies, taken before the ack
TURN_EVENTS = ("message", "app_mention")  # events whose turn commits before the ack


def _message_turn(service: Service, body: dict[str, Any], context: BoltContext) -> Delivery | None:
    event = body["event"]
    # Edits, deletions, joins and bot posts carry a subtype and are no user talking; a reply also
    # sent to the channel, or a file shared with words, is.
    if event.get("subtype") not in TALKING or event.get("bot_id") or not event.get("user"):
        return None
    text = (event.get("text") or "").strip()
    if event["user"] == context.bot_user_id or not text:
        return None
    place = slack_keys.for_message(event, slack_keys.of_context(context))
    if place is None:
        return None
    if not slack_keys.is_dm(place.channel):
        if _mentions(text, context.bot_user_id):
            return None  # also delivered as app_mention, which answers it
        if service.state(place.key) is None:
            return None  # a thread we are not running with this user
    return take_event(service, place, Said(text), body.get("event_id"))


def _mention_turn(service: Service, body: dict[str, Any], context: BoltContext) -> Delivery | None:
    event = body["event"]
    if event.get("subtype") or event.get("bot_id") or event.get("user") == context.bot_user_id:
        return None
    text = _mention(context.bot_user_id).sub(" ", event.get("text") or "")
    place = slack_keys.for_mention(event, slack_keys.of_context(context))
    return take_event(service, place, opening(service.state(place.key), " ".join(text.split())), body.get("event_id"))


@dataclass(frozen=True)
class Failed:
    """A turn that raised before the ack (the listener raises it again, after the ack)."""

    error: Exception


Turn = Callable[[Service, dict[str, Any], BoltContext], Delivery | None]


def _taken_or_kept(service: Service, req: BoltRequest, turn: Turn) -> Delivery | Failed | None:
    """The turn, or when it fails, the event kept in the inbox as every request was before turns
    came ahead of the ack: the sweeper tries it again (a bounded number of times), the ack is
    still a 200 (a 5xx would have Slack redeliver a malformed event again and again), and the
    listener raises the error after the ack, to the one error handler (which logs and
    apologises). Were the inbox down too, that error is raised here: a 5xx, and Slack redelivers."""
    try:
        return turn(service, req.body, req.context)
    except Exception as error:
        request_id = inbox_id(req.body)
        if request_id is not None:
            service.store.keep(request_id, json.dumps(req.body))
        return Failed(error)


def _post_taken(service: Service, client: WebClient, context: BoltContext, body: dict[str, Any]) -> None:
    taken: Delivery | Failed | None = context.get(TAKEN)
    if isinstance(taken, Failed):
        raise taken.error
    if taken is not None:
        deliver_turn(service, client, taken.outbox, body.get("event_id"), resumed=taken.resumed)


def _mention(bot_user_id: str | None) -> re.Pattern[str]:
    """The bot's mention as Slack writes it: <@U123>, or with a name, <@U123|advisor>."""
    return re.compile(rf"<@{re.escape(bot_user_id or '')}(\|[^>]*)?>")


def _mentions(text: str, bot_user_id: str | None) -> bool:
    return bot_user_id is not None and _mention(bot_user_id).search(text) is not None


def register_fallbacks(app: App) -> None:
    """Acknowledge what the bot has no use for, registered last: Slack redelivers an event that got a
    404, and shows an error beside a button whose click did; none of these is answered."""

    @middleware(app)
    def acknowledge_rate_limit_notices(req: BoltRequest, next: Next) -> BoltResponse | None:
        body = req.body
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
