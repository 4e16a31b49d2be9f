"""Fixtures: a fake Bot API server and the real TelegramChannel pointed at it."""

from __future__ import annotations

import asyncio
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest

from bot.channels.telegram import TelegramChannel
from bot.channels.telegram_limits import RetryingRateLimiter
from bot.core.service import ConsultationService, LiveContent
from bot.runtime import Runtime
from bot.storage.db import Database
from tests.telegram.fake_bot_api import FakeBotApi
from tests.telegram.harness import Harness, make_settings


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated once; each test starts from a copy (saves the migration)."""
    path = tmp_path_factory.mktemp("template") / "fraudbot.db"

    async def migrate() -> None:
        db = Database(f"sqlite+aiosqlite:///{path}")
        await db.init()
        await db.close()

    asyncio.run(migrate())
    return path


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    server = FakeBotApi()
    await server.start()
    try:
        yield server
    finally:
        await server.stop()


MakeBot = Callable[..., Awaitable[Harness]]


@pytest.fixture
async def make_bot(
    api: FakeBotApi, live_content: LiveContent, tmp_path: Path, migrated_sqlite: Path
) -> AsyncIterator[MakeBot]:
    """Start a TelegramChannel with settings overrides; everything is stopped after."""
    started: list[tuple[TelegramChannel, Runtime]] = []

    async def start(
        *,
        database_url: str | None = None,
        start: bool = True,
        rate_limiter: RetryingRateLimiter | None = None,
        **overrides: Any,
    ) -> Harness:
        if database_url is None:
            path = tmp_path / "data" / "fraudbot.db"
            path.parent.mkdir(exist_ok=True)
            shutil.copyfile(migrated_sqlite, path)
        url = database_url or f"sqlite+aiosqlite:///{tmp_path / 'data' / 'fraudbot.db'}"
        settings = make_settings(api, url, **overrides)
        db = Database(settings.database_url)
        await db.init()
        runtime = Runtime(
            settings, db, ConsultationService(settings=settings, db=db, content=live_content)
        )
        try:
            channel = TelegramChannel(runtime, rate_limiter=rate_limiter)
        except Exception:
            await runtime.close()
            raise
        started.append((channel, runtime))
        if start:
            await channel.start()
        return Harness(api, channel)

    yield start
    for channel, runtime in started:
        await channel.stop()
        await runtime.close()


@pytest.fixture
async def tg(make_bot: MakeBot) -> Harness:
    """The bot in polling mode with the default settings of these tests."""
    return await make_bot()
