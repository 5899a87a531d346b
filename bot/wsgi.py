"""gunicorn's entry point (`gunicorn bot.wsgi:app`): importing this module builds the app from the
environment. Nothing else imports it."""

from __future__ import annotations

import gc
import sys

from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot import logs
from bot.datafiles import DataFileError
from bot.serving import make_wsgi_app
from bot.settings import MissingSetting, load_settings

_APP_LOAD_ERROR = 4


def _build() -> SlackRequestHandler:
    logs.configure()
    try:
        app = make_wsgi_app(load_settings())
    except (MissingSetting, DataFileError) as error:
        # One line naming the problem, not a traceback; exit status 4 is gunicorn's "app failed to
        # load", which stops the server instead of rebooting workers forever.
        print(f"advisor: {error}", file=sys.stderr)
        raise SystemExit(_APP_LOAD_ERROR) from None
    # What the app loaded lives as long as the worker (the knowledge, the conversation, the language
    # model: some 70,000 objects): kept out of the garbage collector's generations, a full collection
    # no longer walks them all (~25 ms, every request in the worker waiting) to find nothing to free.
    gc.freeze()
    return app


app = _build()
