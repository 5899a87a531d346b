"""A deadline on reading a request, whatever server runs the app.

Under gunicorn's gevent workers (the Procfile's front door) each connection is a greenlet, so a slow
client costs no thread, but its reads would still wait forever: `gevent.Timeout` bounds them. Under a
threaded server the socket's own timeout does (see `QuietHandler.timeout`), so there is nothing to add.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager


class ReadTimeout(Exception):
    """The request's body did not arrive in time."""


@contextmanager
def read_deadline(seconds: float) -> Iterator[None]:
    gevent = sys.modules.get("gevent")
    if gevent is None or not _sockets_patched():
        yield
        return
    try:
        with gevent.Timeout(seconds):
            yield
    except gevent.Timeout:
        raise ReadTimeout from None


def _sockets_patched() -> bool:
    monkey = sys.modules.get("gevent.monkey")
    return bool(monkey and monkey.is_module_patched("socket"))
