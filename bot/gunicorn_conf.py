"""gunicorn's settings for production (`gunicorn -c python:bot.gunicorn_conf bot.wsgi:app`, as the
Procfile runs it): the front door that keeps slow or hostile clients from starving the workers.

gevent workers give each connection a greenlet instead of a thread, so ten clients trickling a byte a
second hold ten cheap greenlets, not every worker thread. gunicorn bounds the request line and headers
(`keepalive` seconds to arrive on a kept-alive connection, the `limit_request_*` sizes); the app bounds
the body (1 MB, 10 seconds: `bot.serving`).
"""

from __future__ import annotations

import os
from typing import Any

from bot import logs

# The address is the Procfile's (`--bind 0.0.0.0:$PORT`).
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
worker_class = "gevent"
worker_connections = 200  # concurrent connections per worker, slow ones included
keepalive = 5  # seconds a kept-alive connection may take to send its next request line and headers
timeout = 30  # a worker that stops answering its master for this long is replaced
graceful_timeout = 20
limit_request_line = 4094
limit_request_fields = 50
limit_request_field_size = 8190
logconfig_dict = logs.GUNICORN  # one JSON object per line on stdout, gunicorn's lines and the app's


def on_starting(server: object) -> None:
    """In the master, before any worker starts: import the core and the store and load the advisor's
    data, mapping the language model (whose cache folder is written then, if missing).

    Workers are forked from the master, so what it imported and loaded they have without doing it
    again (about 0.8 s of CPU each, paid by every worker on the same cores at once). Only what opens
    no connection and starts no thread is done here: gevent patches the standard library in each
    worker after the fork, so the Slack and HTTP libraries, which must see the patched sockets, are
    imported in the workers (gunicorn's advice for gevent: no `preload_app`). The cache folder is
    written here, so the workers of a fresh machine or container map one copy instead of each
    writing its own at once."""
    from bot.datafiles import DataFileError
    from bot.service import preload
    from bot.settings import MissingSetting, load_settings

    try:
        settings = load_settings()
    except MissingSetting:
        return  # (the workers say what is wrong, in one line, and gunicorn stops)
    try:
        preload(settings)  # (mapping the language model writes its cache folder first, if missing)
    except DataFileError:
        return  # (likewise)


def post_worker_init(worker: Any) -> None:
    """In each worker, once it has loaded the app and set its own signal handlers: say so. Until
    then a SIGTERM is lost (the worker still has the master's handlers, which only queue it), and the
    master waits `graceful_timeout` before it kills that worker; tests and deploy scripts wait for
    this line from every worker before they stop the server or count on all workers sharing the load."""
    worker.log.info("Worker ready (pid: %s)", worker.pid)


def on_reload(server: object) -> None:
    """On SIGHUP (gunicorn starts new workers with the settings read again): load the advisor again
    first, so the new workers start with the data files as they are now."""
    on_starting(server)
