"""How the Slack app is run: WSGI for gunicorn (production), a local HTTP server, or Socket Mode."""

from __future__ import annotations

import logging
from socketserver import ThreadingMixIn
from wsgiref.simple_server import WSGIRequestHandler, WSGIServer, make_server

from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.service import Service
from bot.settings import Settings
from bot.slack_app import create_app

PATH = "/slack/events"  # events, commands and interactivity all share this one URL


def make_wsgi_app(settings: Settings, service: Service | None = None) -> SlackRequestHandler:
    """The WSGI callable for HTTP mode; every other path answers 404."""
    settings.require("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET")
    return SlackRequestHandler(create_app(settings, service=service), path=PATH)


class ThreadingWSGIServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        logging.getLogger("bot.serving").debug(format, *args)


def make_local_server(settings: Settings, host: str, port: int, service: Service | None = None) -> WSGIServer:
    """A threaded development server (port 0 picks a free one); production uses gunicorn."""
    app = make_wsgi_app(settings, service)
    return make_server(host, port, app, server_class=ThreadingWSGIServer, handler_class=QuietHandler)


def run_web(settings: Settings, host: str, port: int) -> int:
    logging.basicConfig(level=logging.INFO)
    server = make_local_server(settings, host, port)
    print(f"advisor: serving http://{host}:{server.server_port}{PATH} (development only; use gunicorn)")
    server.serve_forever()
    return 0


def run_socket(settings: Settings) -> int:
    """Socket Mode: Slack connects out over a websocket, so no public URL is needed."""
    from slack_bolt.adapter.socket_mode import SocketModeHandler

    settings.require("SLACK_BOT_TOKEN", "SLACK_APP_TOKEN")
    logging.basicConfig(level=logging.INFO)
    SocketModeHandler(create_app(settings), settings.slack_app_token).start()  # type: ignore[no-untyped-call]
    return 0
