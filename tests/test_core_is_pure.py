"""The core (reading, dialogue phases, advice, knowledge) imports neither Slack nor the store: it
is a function over a state record, testable without either."""

from __future__ import annotations

import subprocess
import sys

CORE = [
    "bot.reading",
    "bot.reading_commands",
    "bot.reading_languages",
    "bot.reading_changes",
    "bot.reading_clauses",
    "bot.reading_guesses",
    "bot.reading_message",
    "bot.reading_numbers",
    "bot.reading_options",
    "bot.reading_question",
    "bot.reading_requests",
    "bot.reading_typos",
    "bot.reading_weighing",
    "bot.polarity",
    "bot.deadlines",
    "bot.phrasing",
    "bot.answering",
    "bot.matching",
    "bot.normalising",
    "bot.typos",
    "bot.durations",
    "bot.dialogue",
    "bot.dialogue_base",
    "bot.asking",
    "bot.advised",
    "bot.expiry",
    "bot.consulting",
    "bot.advice",
    "bot.conditions",
    "bot.flips",
    "bot.sources",
    "bot.weighing",
    "bot.weighing_tables",
    "bot.what_if",
    "bot.followups",
    "bot.knowledge",
    "bot.conversation",
    "bot.replies",
    "bot.state",
]


def test_the_core_imports_neither_slack_nor_the_store() -> None:
    # A fresh interpreter: this test process has long imported everything.
    probe = (
        f"import sys, {', '.join(CORE)}; "
        "bad = sorted(m for m in sys.modules"
        " if m.split('.')[0] in ('slack_bolt', 'slack_sdk', 'sqlite_utils', 'psycopg')"
        " or m.startswith('bot.store') or m == 'bot.service')"
        "; print(','.join(bad))"
    )
    found = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout.strip()
    assert found == "", f"the core pulls in {found}"
