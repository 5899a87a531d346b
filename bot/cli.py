"""The `advisor` command: terminal chat, Slack run modes, manifest and data checks."""

from __future__ import annotations

import argparse
import csv
import os
import sys
import time
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TextIO

from bot.datafiles import DataFileError
from bot.dialogue import Said
from bot.kb_check import check as check_knowledge
from bot.render_text import render
from bot.replies import Lead, Reply
from bot.retention import BadAge, parse_age
from bot.service import Service
from bot.settings import MissingSetting, load_settings
from bot.store import ConversationKey, open_store


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="advisor", description="Stack Advisor: TensorFlow or PyTorch?")
    commands = parser.add_subparsers(dest="command")
    chat = commands.add_parser("chat", help="talk to the advisor in this terminal")
    chat.add_argument("--user", default="terminal", help="whose conversation to continue")
    chat.add_argument("--new", action="store_true", help="start a fresh conversation")
    commands.add_parser("socket", help="run the Slack app over Socket Mode (development, no public URL)")
    web = commands.add_parser("web", help="serve the Slack app over HTTP here (development; use gunicorn)")
    web.add_argument("--host", default="127.0.0.1")
    web.add_argument("--port", type=int, default=3000)
    manifest = commands.add_parser("manifest", help="print the Slack app manifest for a public URL")
    where = manifest.add_mutually_exclusive_group(required=True)
    where.add_argument("--url", help="the app's public base URL, e.g. https://advisor.example.com")
    where.add_argument("--socket", action="store_true", help="the Socket Mode variant (no URLs)")
    kb = commands.add_parser("kb", help="work with the knowledge files")
    kb_commands = kb.add_subparsers(dest="kb_command", required=True)
    check = kb_commands.add_parser("check", help="validate knowledge/ and conversations/, list stale facts")
    check.add_argument("--max-age-months", type=int, default=12, help="facts older than this are listed")
    check.add_argument("--fail-on-stale", action="store_true", help="exit 1 when any fact is stale")
    check.add_argument(
        "--fail-on-secondary", action="store_true", help="exit 1 when a fact's first source is not primary"
    )
    check.add_argument("--knowledge", help="the knowledge directory (default: the installed one)")
    check.add_argument("--conversations", help="the conversations directory (default: the installed one)")
    leads = commands.add_parser("leads", help="consultation requests, as CSV, for the consultancy")
    leads.add_argument("--since", default="30d", help="how far back, e.g. 7d, 12w (default 30d)")
    unanswered = commands.add_parser(
        "unanswered", help="follow-up questions the advisor could not answer, as CSV (the knowledge's to-do list)"
    )
    unanswered.add_argument("--since", default="30d", help="how far back, e.g. 7d, 12w (default 30d)")
    stats = commands.add_parser("stats", help="how many conversations reach a recommendation, and where the rest stop")
    stats.add_argument("--since", default="30d", help="how far back, e.g. 7d, 12w (default 30d)")
    commands.add_parser("migrate", help="create or update the database's tables (the SQLite file, or DATABASE_URL)")
    purge = commands.add_parser("purge", help="delete stored conversations older than an age (retention)")
    purge.add_argument("--older-than", required=True, help="an age such as 90d, 12w or 1y")
    args = parser.parse_args(argv)
    subcommands: dict[str, Callable[[argparse.Namespace], int]] = {
        "chat": _chat,
        "socket": _socket,
        "web": _web,
        "manifest": _manifest,
        "kb": _kb_check,
        "purge": _purge,
        "migrate": _migrate,
        "leads": _leads,
        "unanswered": _unanswered,
        "stats": _stats,
    }
    try:
        if args.command is None:  # plain `advisor` chats
            args = parser.parse_args(["chat"])
        return subcommands[args.command](args)
    except (DataFileError, MissingSetting, BadAge) as error:
        print(f"advisor: {error}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # The reader went away (`advisor chat | head`, `advisor leads | head`): stop quietly, as
        # other command-line tools do, rather than with a traceback. Every turn is already saved.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _chat(args: argparse.Namespace) -> int:
    return run_chat(sys.stdin, sys.stdout, user=getattr(args, "user", "terminal"), new=getattr(args, "new", False))


def _kb_check(args: argparse.Namespace) -> int:
    settings = load_settings()
    knowledge = Path(args.knowledge) if args.knowledge else settings.knowledge_dir
    conversations = Path(args.conversations) if args.conversations else settings.conversations_dir
    report = check_knowledge(knowledge, conversations, args.max_age_months, date.today())
    for line in report.lines(args.max_age_months):
        print(line)
    return 1 if report.failed(args.fail_on_stale, args.fail_on_secondary) else 0


def _leads(args: argparse.Namespace) -> int:
    """Who opened the consultation link, when, and what they had been recommended on which answers."""
    since = time.time() - parse_age(args.since)
    service = Service(load_settings())
    steps = [s.id for s in service.advisor.conversation.steps]
    out = csv.writer(sys.stdout)
    out.writerow(["when (UTC)", "slack user", "conversation", "recommended", *steps])
    for lead in service.store.consultation_requests(since):
        when = datetime.fromtimestamp(lead["at"], tz=UTC).strftime("%Y-%m-%d %H:%M")
        answers = lead["answers"]
        row = [when, lead["user"], lead["conversation"], lead["verdict"]]
        out.writerow(row + [" ".join(answers.get(step, [])) for step in steps])
    return 0


def _unanswered(args: argparse.Namespace) -> int:
    """What people asked after a recommendation that nothing in the knowledge answers, newest first."""
    store = open_store(load_settings())
    out = csv.writer(sys.stdout)
    out.writerow(["when (UTC)", "workspace", "question"])
    for question in store.unanswered_questions(time.time() - parse_age(args.since)):
        when = datetime.fromtimestamp(question["at"], tz=UTC).strftime("%Y-%m-%d %H:%M")
        out.writerow([when, question["workspace"], question["text"]])
    store.close()
    return 0


def _stats(args: argparse.Namespace) -> int:
    """Drop-off per question, from the stored transcripts."""
    service = Service(load_settings())
    started, advised, waiting = service.store.drop_off(time.time() - parse_age(args.since))
    print(f"conversations active in the last {args.since}: {started}")
    print(f"reached a recommendation: {advised}")
    titles = {s.id: s.title for s in service.advisor.conversation.steps}
    for step in [*titles, *sorted(set(waiting) - set(titles))]:
        if waiting.get(step):
            print(f"  stopped at {titles.get(step, step)}: {waiting[step]}")
    return 0


def _purge(args: argparse.Namespace) -> int:
    seconds = parse_age(args.older_than)
    removed = Service(load_settings()).store.purge_older_than(seconds)
    print(f"purged {removed} stored records older than {args.older_than}")
    return 0


def _migrate(args: argparse.Namespace) -> int:
    """What the database lacked, created: opening a store does it too, so this only says what it did."""
    store = open_store(load_settings())
    done = store.migrated + store.migrate()
    for line in done:
        print(line)
    print(f"{store.where}: " + (f"{len(done)} changes" if done else "schema up to date"))
    store.close()
    return 0


def _socket(args: argparse.Namespace) -> int:
    from bot.serving import run_socket  # Slack libraries load only for the Slack run modes

    return run_socket(load_settings())


def _web(args: argparse.Namespace) -> int:
    from bot.serving import run_web

    return run_web(load_settings(), args.host, args.port)


def _manifest(args: argparse.Namespace) -> int:
    from bot.manifest import manifest_yaml

    sys.stdout.write(manifest_yaml(args.url, socket_mode=args.socket))
    return 0


def run_chat(stdin: TextIO, stdout: TextIO, user: str = "terminal", new: bool = False) -> int:
    """Chat on a terminal or a pipe: one message per line, replies on stdout, ends at end of input."""
    service = Service(load_settings())
    _ = service.interface_wording  # the terminal's sentences, from the settings' conversations folder
    key = ConversationKey(user=user, place="terminal")
    interactive = stdin.isatty()
    opening = "restart" if new else ""
    if new or service.state(key) is None:
        _show(service.handle(key, Said(opening or "hi")), stdout)
    else:
        _show(service.handle(key, Said("help")), stdout)
    while True:
        if interactive:
            stdout.write("you> ")
            stdout.flush()
        line = stdin.readline()
        if not line:
            return 0
        text = line.strip()
        if not text:
            continue
        if not interactive:
            stdout.write(f"you> {text}\n")
        _show(service.handle(key, Said(text)), stdout)


def _show(replies: Sequence[Reply], stdout: TextIO) -> None:
    for reply in replies:
        if not isinstance(reply, Lead):  # for the consultancy (sent from Slack only), not the user
            stdout.write(render(reply) + "\n")
    stdout.write("\n")
    stdout.flush()
