"""The servers' logs: one JSON object per line on stdout, which a platform's log search can filter.

Each line has `time` (UTC, ISO 8601), `level`, `logger` and `message`, then any fields a call passed
with `extra=`, and an `exception` (the traceback, kept on the one line) when there is one. Configured
here for every server: `configure()` for the CLI's Slack modes and the WSGI app, `GUNICORN` for
gunicorn's own loggers (bot/gunicorn_conf.py). `advisor chat` configures nothing and stays quiet.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any

# What every LogRecord carries; anything else on a record came from `extra=`.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime", "taskName"}


class JsonLines(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name, value in vars(record).items():
            if name not in _STANDARD and name not in line:
                line[name] = value
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        elif record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, ensure_ascii=False, default=str)


def handler() -> logging.Handler:
    out = logging.StreamHandler(sys.stdout)
    out.setFormatter(JsonLines())
    return out


def configure(level: int = logging.INFO) -> None:
    """Send every log record (and Python's warnings) to stdout as JSON lines; idempotent."""
    root = logging.getLogger()
    for old in root.handlers[:]:
        root.removeHandler(old)
    root.addHandler(handler())
    root.setLevel(level)
    logging.captureWarnings(True)


# gunicorn's logging (`logconfig_dict`): its master's and workers' lines, and the app's, alike.
GUNICORN: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": JsonLines}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "stream": "ext://sys.stdout", "formatter": "json"}},
    "root": {"level": "INFO", "handlers": ["stdout"]},
    "loggers": {
        "gunicorn.error": {"level": "INFO", "handlers": ["stdout"], "propagate": False},
        "gunicorn.access": {"level": "INFO", "handlers": ["stdout"], "propagate": False},
    },
}
