"""All configuration, read once from the environment (explicit arguments win)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import platformdirs
from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

_PROJECT_ROOT = Path(__file__).resolve().parent.parent


def data_path(name: str) -> Path:
    """Where the data file or folder `name` (`knowledge`, `conversations`, `manifest.yml`) is.

    A built wheel carries a copy inside this package, at `bot/data/` (build_helpers/bundle_data.py
    puts it there), found through importlib.resources. A checkout or an editable install has no
    such copy and reads the repository's top-level one, so an edit there takes effect at once.
    """
    packaged = files(__package__ or "bot") / "data" / name
    # A wheel installed by pip is plain files, so the resource is a real path; were the package
    # ever imported from a zip, the repository path is the only one there is to offer.
    if isinstance(packaged, Path) and packaged.exists():
        return packaged
    return _PROJECT_ROOT / name


def _default_db_path() -> Path:
    return Path(platformdirs.user_data_dir("stack-advisor")) / "advisor.db"


class MissingSetting(Exception):
    """A setting a run mode needs is not set; the message names the variable."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", extra="ignore", populate_by_name=True)

    slack_bot_token: str | None = Field(default=None, alias="SLACK_BOT_TOKEN")
    slack_signing_secret: str | None = Field(default=None, alias="SLACK_SIGNING_SECRET")
    slack_app_token: str | None = Field(default=None, alias="SLACK_APP_TOKEN")
    slack_api_url: str = Field(default="https://slack.com/api/", alias="SLACK_API_URL")
    db_path: Path = Field(default_factory=_default_db_path, alias="ADVISOR_DB_PATH")
    # PostgreSQL instead of the SQLite file, for servers on several machines (bot.store_postgres).
    database_url: str | None = Field(default=None, alias="DATABASE_URL")
    # The default is an example, for `advisor chat`; the Slack modes require the real one (see `require`).
    consult_url: str = Field(default="https://stack-advisor.example/consult", alias="ADVISOR_CONSULT_URL")
    knowledge_dir: Path = Field(default_factory=lambda: data_path("knowledge"), alias="ADVISOR_KNOWLEDGE_DIR")
    conversations_dir: Path = Field(
        default_factory=lambda: data_path("conversations"), alias="ADVISOR_CONVERSATIONS_DIR"
    )
    # Files the app derives and can make again: the language model's arrays (bot/language_model.py).
    cache_dir: Path = Field(
        default_factory=lambda: Path(platformdirs.user_cache_dir("stack-advisor")), alias="ADVISOR_CACHE_DIR"
    )
    match_cutoff: float = Field(default=85.0, ge=50, le=100, alias="ADVISOR_MATCH_CUTOFF")
    expiry_hours: float = Field(default=24.0, gt=0, alias="ADVISOR_EXPIRY_HOURS")
    # How often each worker takes up requests a killed worker left behind (0: never).
    sweep_seconds: float = Field(default=15.0, ge=0, alias="ADVISOR_SWEEP_SECONDS")
    # Where a consented consultation request goes: a channel in the workspace of the bot token, and/or
    # a webhook that receives it as signed JSON (see bot/leads.py and the README).
    # OAuth distribution (bot/slack_oauth.py): with a client id and secret the app is installed per
    # workspace through /slack/install, and SLACK_BOT_TOKEN is not used.
    slack_client_id: str | None = Field(default=None, alias="SLACK_CLIENT_ID")
    slack_client_secret: str | None = Field(default=None, alias="SLACK_CLIENT_SECRET")
    slack_redirect_uri: str | None = Field(default=None, alias="SLACK_REDIRECT_URI")
    # slack-sdk's installation and OAuth state stores: their own SQLite file, beside the database.
    installations_db_path: Path | None = Field(default=None, alias="ADVISOR_INSTALLATIONS_DB_PATH")
    # The retention period the install page states; enforce it with a daily `advisor purge --older-than Nd`.
    retention_days: int = Field(default=90, ge=1, alias="ADVISOR_RETENTION_DAYS")
    # Who sees the consultancy's view on the bot's Home tab (leads, stats, the knowledge's to-do list):
    # comma-separated Slack user ids, each "U123" (in any workspace) or "T123:U123" (in that one only).
    admins_list: str = Field(default="", alias="ADVISOR_ADMINS")
    leads_channel: str | None = Field(default=None, alias="ADVISOR_LEADS_CHANNEL")
    # With OAuth: the workspace (team id) the leads channel is in, whose installation posts the card.
    leads_team: str | None = Field(default=None, alias="ADVISOR_LEADS_TEAM")
    leads_webhook: str | None = Field(default=None, alias="ADVISOR_LEADS_WEBHOOK")
    leads_webhook_secret: str | None = Field(default=None, alias="ADVISOR_LEADS_WEBHOOK_SECRET")
    leads_webhook_attempts: int = Field(default=5, ge=1, le=10, alias="ADVISOR_LEADS_WEBHOOK_ATTEMPTS")
    # The wait before the first retry, doubled after each failure (1, 2, 4, 8 s by default).
    leads_webhook_backoff: float = Field(default=1.0, ge=0, le=60, alias="ADVISOR_LEADS_WEBHOOK_BACKOFF")

    @model_validator(mode="after")
    def _webhook_is_signed(self) -> Settings:
        # An unsigned lead could be forged by anyone who finds the receiver's URL: refuse to start.
        if self.leads_webhook and not self.leads_webhook_secret:
            raise ValueError("ADVISOR_LEADS_WEBHOOK_SECRET must be set when ADVISOR_LEADS_WEBHOOK is")
        # With OAuth every workspace has its own token: the channel's workspace must be named, or the
        # card would be posted with the token of whichever client the lead came from.
        if self.oauth and self.leads_channel and not self.leads_team:
            raise ValueError("ADVISOR_LEADS_TEAM must be set when ADVISOR_LEADS_CHANNEL is used with OAuth")
        return self

    @property
    def oauth(self) -> bool:
        """Whether the app is distributed (installed per workspace) rather than run on one bot token."""
        return bool(self.slack_client_id and self.slack_client_secret)

    @property
    def admins(self) -> frozenset[str]:
        return frozenset(part.strip() for part in self.admins_list.split(",") if part.strip())

    def is_admin(self, person: str) -> bool:
        """Whether `person` (workspace-qualified, as the store names users: "T123:U123") is an admin."""
        return person in self.admins or person.rpartition(":")[2] in self.admins

    @property
    def installations_path(self) -> Path:
        return self.installations_db_path or self.db_path.with_name(self.db_path.stem + "-installations.db")

    @field_validator("database_url")
    @classmethod
    def _postgres_only(cls, url: str | None) -> str | None:
        if url and not url.startswith(("postgresql://", "postgres://")):
            raise ValueError("must be a postgresql:// URL (leave it unset to use the SQLite file at ADVISOR_DB_PATH)")
        return url or None

    # Listeners one worker runs at once (Bolt's default is 5). A listener mostly waits on the Web
    # API, so 5 caps a worker at 5 / (two calls' latency) messages a second: about 50 against 50 ms
    # calls. But under gevent a listener is a greenlet, and every runnable one (a turn is ~3 ms of
    # CPU) runs before a waiting request is acknowledged: 16 keeps that queue under ~50 ms.
    listener_threads: int = Field(default=16, ge=1, le=1000, alias="ADVISOR_LISTENER_THREADS")

    def require(self, *names: str) -> None:
        """Stop with one line naming the first missing variable among `names` (env names). Required
        means given: a default (the example consultation URL) does not count."""
        for name in names:
            field = next(f for f, info in type(self).model_fields.items() if info.alias == name)
            if field not in self.model_fields_set or not getattr(self, field):
                raise MissingSetting(f"{name} is not set; it is required for this run mode.")


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment, with explicit `overrides` (by env name) taking precedence."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        first = error.errors()[0]
        name = ".".join(str(p) for p in first["loc"])
        said = f"{name}: {first['msg']}" if name else str(first["msg"]).removeprefix("Value error, ")
        raise MissingSetting(said) from None
