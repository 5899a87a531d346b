"""gunicorn's settings for the minimal app (`bench.bare_app`): the advisor's front door
(`bot/gunicorn_conf.py`), without its start-up hook, which loads the advisor in the master."""

from __future__ import annotations

from bot.gunicorn_conf import (
    graceful_timeout,
    keepalive,
    limit_request_field_size,
    limit_request_fields,
    limit_request_line,
    logconfig_dict,
    timeout,
    worker_class,
    worker_connections,
    workers,
)

__all__ = [
    "graceful_timeout",
    "keepalive",
    "limit_request_field_size",
    "limit_request_fields",
    "limit_request_line",
    "logconfig_dict",
    "timeout",
    "worker_class",
    "worker_connections",
    "workers",
]
