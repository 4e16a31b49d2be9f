"""Storage fixtures: every storage test runs on SQLite and on PostgreSQL.

PostgreSQL tests get a fresh, uniquely named database for the session (created on the
server's `test` database and dropped at the end), so parallel or repeated runs never
collide. Without a server they skip, unless FRAUDBOT_REQUIRE_POSTGRES=1 (set in CI),
in which case they fail so a missing server cannot pass silently.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url

from bot.storage.db import Database, hide_password

DEFAULT_POSTGRES_URL = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
CONNECT_TIMEOUT_SECONDS = 5


def _plain_dsn(url: str, database: str | None = None) -> str:
    """The URL as asyncpg itself wants it: no `+asyncpg`, optionally another database."""
    parsed = make_url(url).set(drivername="postgresql")
    if database is not None:
        parsed = parsed.set(database=database)
    return parsed.render_as_string(hide_password=False)


async def _admin(url: str, sql: str) -> None:
    conn = await asyncpg.connect(_plain_dsn(url), timeout=CONNECT_TIMEOUT_SECONDS)
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


def _unavailable(url: str, exc: BaseException) -> None:
    reason = f"PostgreSQL not reachable at {hide_password(url)}: {type(exc).__name__}: {exc}"
    if os.environ.get("FRAUDBOT_REQUIRE_POSTGRES") == "1":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh database on the PostgreSQL server for this test session, dropped after."""
    server_url = os.environ.get("FRAUDBOT_TEST_POSTGRES_URL", DEFAULT_POSTGRES_URL)
    name = f"fraudbot_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
    try:
        asyncio.run(_admin(server_url, f'CREATE DATABASE "{name}"'))
    except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
        _unavailable(server_url, exc)
    url = make_url(server_url).set(drivername="postgresql+asyncpg", database=name)
    yield url.render_as_string(hide_password=False)
    asyncio.run(_admin(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL per backend; the SQLite file's folder does not exist yet."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'data' / 'fraudbot.db'}"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    """A migrated, empty database, closed after the test."""
    database = Database(database_url)
    await database.init()
    if not database.is_sqlite:
        # The PostgreSQL database is shared by the session; each test starts empty.
        async with database.engine.begin() as conn:
            await conn.execute(text("TRUNCATE consultations, conversation_states RESTART IDENTITY"))
    try:
        yield database
    finally:
        await database.close()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLite file URL in a folder that does not exist yet (for CLI tests)."""
    return f"sqlite:///{tmp_path / 'data' / 'fraudbot.db'}"
