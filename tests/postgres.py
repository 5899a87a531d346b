"""A PostgreSQL database for tests, when one is offered: ADVISOR_TEST_POSTGRES_URL (or DATABASE_URL).

Each test gets a schema of its own in that database (created here, dropped after it), reached through
a URL whose connections have it as their search_path: tests never see each other's rows, and the
database offered is left as it was found. Without a URL the tests that need one are skipped, so the
everyday run stays offline; .ci/run starts a server and sets the URL.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import quote

import pytest

# Read once and taken out of the environment, so no test's settings pick DATABASE_URL up by accident.
OFFERED = os.environ.pop("ADVISOR_TEST_POSTGRES_URL", None) or os.environ.pop("DATABASE_URL", None)


def in_schema(url: str, schema: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}options={quote(f'-csearch_path={schema}')}"


@contextmanager
def fresh_database() -> Iterator[str]:
    """The URL of an empty schema in the offered database (the test is skipped if none is offered)."""
    if not OFFERED:
        pytest.skip("no PostgreSQL offered: set ADVISOR_TEST_POSTGRES_URL (.ci/run does)")
    import psycopg

    schema = f"advisor_test_{secrets.token_hex(6)}"
    with psycopg.connect(OFFERED, autocommit=True) as admin:
        admin.execute(f"create schema {schema}")
    try:
        yield in_schema(OFFERED, schema)
    finally:
        with psycopg.connect(OFFERED, autocommit=True) as admin:
            admin.execute(f"drop schema {schema} cascade")
