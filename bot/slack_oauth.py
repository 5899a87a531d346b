"""OAuth distribution: the app installed per workspace through /slack/install and
/slack/oauth_redirect, with Bolt's OAuthSettings and slack-sdk's installation and state stores:
on PostgreSQL (DATABASE_URL) its SQLAlchemy ones, in the bot's database, so every server on every
machine finds every installation; otherwise its SQLite ones, in a file of their own
(`Settings.installations_path`, apart from the bot's database).

Bolt then authorizes every request with that workspace's installation, rotating its token when the
app has token rotation on and the token is about to expire. The pages a person sees are ours
(`bot.pages`, worded in conversations/pages.yaml), not Bolt's bare defaults.
"""

from __future__ import annotations

import logging
from pathlib import Path

from slack_bolt import App, BoltRequest, BoltResponse
from slack_bolt.authorization.authorize import InstallationStoreAuthorize
from slack_bolt.oauth import OAuthFlow
from slack_bolt.oauth.callback_options import CallbackOptions, FailureArgs, SuccessArgs
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk import WebClient
from slack_sdk.oauth.installation_store import InstallationStore
from slack_sdk.oauth.installation_store.sqlite3 import SQLite3InstallationStore
from slack_sdk.oauth.state_store import OAuthStateStore
from slack_sdk.oauth.state_store.sqlite3 import SQLite3OAuthStateStore
from slack_sdk.oauth.token_rotation.rotator import TokenRotator

from bot import pages as install_pages
from bot.manifest import REDIRECT_PATH, manifest
from bot.pages import Pages, load_pages
from bot.settings import Settings

INSTALL_PATH = "/slack/install"
STATE_SECONDS = 600  # how long an install link stays valid
ROTATE_MINUTES = 120  # a rotating token is refreshed when it expires within this (Bolt's default too)
_TABLES_LOCK = 0x5AD5_0000_5C4F  # advisory lock held while creating the OAuth tables on PostgreSQL
_POOL_SIZE, _POOL_OVERFLOW = 2, 3  # connections per process for the OAuth stores (installs are rare)
_HTML = {"Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store"}


class AdvisorOAuthFlow(OAuthFlow):
    """Bolt's OAuth flow with our install page."""

    def __init__(self, *, client: WebClient, settings: OAuthSettings, pages: Pages, retention_days: int) -> None:
        super().__init__(client=client, settings=settings)
        self.pages = pages
        self.retention_days = retention_days

    def build_install_page_html(self, url: str, request: BoltRequest) -> str:
        return install_pages.install_html(self.pages, url, self.retention_days)


def bot_scopes() -> list[str]:
    """The scopes to ask for: the manifest's, so the two never disagree."""
    return list(manifest()["oauth_config"]["scopes"]["bot"])


def oauth_flow(settings: Settings, client: WebClient) -> AdvisorOAuthFlow:
    """The flow, its stores and pages; the pages file is read (and checked) now, at start-up."""
    pages = load_pages(settings.conversations_dir)
    client_id = settings.slack_client_id or ""
    installation_store, state_store = oauth_stores(settings)

    def success(args: SuccessArgs) -> BoltResponse:
        installation = args.installation
        html = install_pages.success_html(pages, installation.app_id, installation.team_id)
        return BoltResponse(status=200, body=html, headers=dict(_HTML))

    def failure(args: FailureArgs) -> BoltResponse:
        html = install_pages.failure_html(pages, args.reason, INSTALL_PATH)
        return BoltResponse(status=args.suggested_status_code, body=html, headers=dict(_HTML))

    oauth_settings = OAuthSettings(
        client_id=client_id,
        client_secret=settings.slack_client_secret,
        scopes=bot_scopes(),
        redirect_uri=settings.slack_redirect_uri,
        install_path=INSTALL_PATH,
        redirect_uri_path=REDIRECT_PATH,
        installation_store=installation_store,
        installation_store_bot_only=True,  # the app asks for no user tokens
        state_store=state_store,
        state_expiration_seconds=STATE_SECONDS,
        callback_options=CallbackOptions(success=success, failure=failure),
    )
    # Bolt's default authorize rotates tokens through a client of its own, on slack.com: this one
    # calls the configured Web API (SLACK_API_URL: GovSlack, a test server), like everything else.
    oauth_settings.authorize = InstallationStoreAuthorize(
        logger=logging.getLogger("slack_bolt.authorize"),
        installation_store=oauth_settings.installation_store,
        client_id=client_id,
        client_secret=settings.slack_client_secret,
        token_rotation_expiration_minutes=ROTATE_MINUTES,
        bot_only=True,
        client=client,
    )
    return AdvisorOAuthFlow(client=client, settings=oauth_settings, pages=pages, retention_days=settings.retention_days)


def oauth_stores(settings: Settings) -> tuple[InstallationStore, OAuthStateStore]:
    """slack-sdk's installation and OAuth state stores, their tables created if missing: in the
    PostgreSQL database when DATABASE_URL is set, else in the SQLite installations file."""
    client_id = settings.slack_client_id or ""
    if settings.database_url:
        import sqlalchemy  # loads only for PostgreSQL, like psycopg
        from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
        from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

        engine = sqlalchemy.create_engine(
            sqlalchemy_url(settings.database_url),
            pool_size=_POOL_SIZE,
            max_overflow=_POOL_OVERFLOW,
            pool_pre_ping=True,  # a connection the server ended (a restart, a failover) is replaced, not used
        )
        installations = SQLAlchemyInstallationStore(client_id=client_id, engine=engine)
        states = SQLAlchemyOAuthStateStore(expiration_seconds=STATE_SECONDS, engine=engine)
        # Servers starting together would race to create the same tables; one at a time, each finds
        # what the one before it made (create_all creates only what is missing).
        with engine.begin() as conn:
            conn.execute(sqlalchemy.text("select pg_advisory_xact_lock(:key)"), {"key": _TABLES_LOCK})
            installations.metadata.create_all(conn)
            states.metadata.create_all(conn)
        return installations, states
    path: Path = settings.installations_path
    path.parent.mkdir(parents=True, exist_ok=True)
    return (
        SQLite3InstallationStore(database=str(path), client_id=client_id),
        SQLite3OAuthStateStore(database=str(path), expiration_seconds=STATE_SECONDS),
    )


def sqlalchemy_url(database_url: str) -> str:
    """DATABASE_URL for SQLAlchemy, with psycopg 3 as its driver (its default would be psycopg2)."""
    return "postgresql+psycopg://" + database_url.split("://", 1)[1]


def workspace_client(app: App, workspace: str) -> WebClient:
    """A client with the bot token installed in `workspace` ("T123", "E1/T123"), rotated first when it
    is about to expire, for posting outside a request from there (the sweeper, the leads channel)."""
    enterprise, _, team = workspace.rpartition("/")
    installations = app.installation_store
    bot = installations.find_bot(enterprise_id=enterprise or None, team_id=team or None) if installations else None
    flow = app.oauth_flow
    if bot is not None and installations is not None and flow is not None and bot.bot_refresh_token:
        rotator = TokenRotator(
            client_id=flow.settings.client_id, client_secret=flow.settings.client_secret, client=app.client
        )
        refreshed = rotator.perform_bot_token_rotation(bot=bot, minutes_before_expiration=ROTATE_MINUTES)
        if refreshed is not None:
            installations.save_bot(refreshed)
            bot = refreshed
    base = app.client
    return WebClient(
        token=bot.bot_token if bot else None,
        base_url=base.base_url,
        timeout=base.timeout,
        retry_handlers=list(base.retry_handlers),
    )
