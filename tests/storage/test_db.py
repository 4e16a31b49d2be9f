"""URLs, the engine and start-up: WAL, the data folder, ping."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from bot.storage.db import Database, async_url, hide_password


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:///./data/fraudbot.db", "sqlite+aiosqlite:///./data/fraudbot.db"),
        ("sqlite:////var/lib/fraudbot.db", "sqlite+aiosqlite:////var/lib/fraudbot.db"),
        ("postgresql://u:p@db:5432/fraud", "postgresql+asyncpg://u:p@db:5432/fraud"),
        ("postgres://u:p@db/fraud", "postgresql+asyncpg://u:p@db/fraud"),
        ("sqlite+aiosqlite:///x.db", "sqlite+aiosqlite:///x.db"),
        ("postgresql+asyncpg://u@db/fraud", "postgresql+asyncpg://u@db/fraud"),
    ],
)
def test_async_url_maps_to_async_drivers(url: str, expected: str) -> None:
    assert async_url(url) == expected


@pytest.mark.parametrize(
    "url", ["mysql://u:p@db/fraud", "postgresql+psycopg://u@db/x", "fraud.db", ""]
)
def test_async_url_rejects_other_databases(url: str) -> None:
    with pytest.raises(ValueError, match="unsupported database URL"):
        async_url(url)


def test_hide_password() -> None:
    shown = hide_password("postgresql+asyncpg://staff:s3cret@db:5432/fraud")
    assert "s3cret" not in shown
    assert "staff" in shown and "db:5432/fraud" in shown


async def test_init_creates_the_sqlite_folder_and_enables_wal(tmp_path: Path) -> None:
    path = tmp_path / "nested" / "data" / "fraudbot.db"
    db = Database(f"sqlite:///{path}")
    try:
        await db.init()
        async with db.engine.connect() as conn:
            mode = (await conn.execute(text("PRAGMA journal_mode"))).scalar_one()
            timeout = (await conn.execute(text("PRAGMA busy_timeout"))).scalar_one()
    finally:
        await db.close()
    assert path.exists()
    assert mode == "wal"
    assert timeout >= 5000


async def test_ping(db: Database) -> None:
    assert await db.ping() is True


async def test_ping_is_false_when_the_server_does_not_answer() -> None:
    # Port 1 on this machine refuses at once. (A SQLite file that cannot be opened would do
    # too, but aiosqlite's worker thread then outlives the test's event loop.)
    db = Database("postgresql://postgres@127.0.0.1:1/none")
    try:
        assert await db.ping() is False
    finally:
        await db.close()


async def test_session_keeps_objects_readable_after_commit(db: Database) -> None:
    async with db.session() as session:
        assert session.sync_session.expire_on_commit is False
