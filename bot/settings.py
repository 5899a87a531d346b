"""All configuration, read once from the environment (explicit arguments win)."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import platformdirs
from pydantic import Field, ValidationError
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
    consult_url: str = Field(default="https://stack-advisor.example/consult", alias="ADVISOR_CONSULT_URL")
    knowledge_dir: Path = Field(default_factory=lambda: data_path("knowledge"), alias="ADVISOR_KNOWLEDGE_DIR")
    conversations_dir: Path = Field(
        default_factory=lambda: data_path("conversations"), alias="ADVISOR_CONVERSATIONS_DIR"
    )
    match_cutoff: float = Field(default=85.0, ge=50, le=100, alias="ADVISOR_MATCH_CUTOFF")
    expiry_hours: float = Field(default=24.0, gt=0, alias="ADVISOR_EXPIRY_HOURS")
    # How often each worker takes up requests a killed worker left behind (0: never).
    sweep_seconds: float = Field(default=15.0, ge=0, alias="ADVISOR_SWEEP_SECONDS")
    # Listeners one worker runs at once (Bolt's default is 5). A listener mostly waits on the Web
    # API, so 5 caps a worker at 5 / (two calls' latency) messages a second: about 50 against 50 ms
    # calls. But under gevent a listener is a greenlet, and every runnable one (a turn is ~3 ms of
    # CPU) runs before a waiting request is acknowledged: 16 keeps that queue under ~50 ms.
    listener_threads: int = Field(default=16, ge=1, le=1000, alias="ADVISOR_LISTENER_THREADS")

    def require(self, *names: str) -> None:
        """Stop with one line naming the first missing variable among `names` (env names)."""
        for name in names:
            field = next(f for f, info in type(self).model_fields.items() if info.alias == name)
            if not getattr(self, field):
                raise MissingSetting(f"{name} is not set; it is required for this run mode.")


def load_settings(**overrides: object) -> Settings:
    """Settings from the environment, with explicit `overrides` (by env name) taking precedence."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as error:
        first = error.errors()[0]
        name = ".".join(str(p) for p in first["loc"])
        raise MissingSetting(f"{name}: {first['msg']}") from None
