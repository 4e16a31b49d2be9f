"""Push fixtures: a clean database with the push tables, a runtime, and the fake Bot API."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from telegram.ext import ApplicationBuilder

from bot.core.service import ConsultationService, LiveContent
from bot.push.telegram_handlers import register
from bot.runtime import Runtime
from bot.settings import Settings
from bot.storage.db import Database
from tests.push.fake_telegram import FakeTelegram
from tests.push.tg import Harness

PUSH_TABLES = (
    "push_attempts, push_deliveries, push_guardian_links, push_alerts, push_campaigns, "
    "push_subscribers"
)
TOKEN = "123456:TEST-token"
STAFF_ID = 4242


@pytest.fixture
async def pdb(db: Database) -> Database:
    """The `db` fixture (SQLite and PostgreSQL) with the push tables emptied too."""
    if not db.is_sqlite:
        async with db.engine.begin() as conn:
            await conn.execute(text(f"TRUNCATE {PUSH_TABLES} RESTART IDENTITY CASCADE"))
    return db


def make_settings(database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": database_url,
        "telegram_bot_token": TOKEN,
        "telegram_staff_user_ids": str(STAFF_ID),
        "push_lease_seconds": 5.0,
        **overrides,
    }
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture
def runtime(pdb: Database, live_content: LiveContent) -> Runtime:
    settings = make_settings(pdb.url)
    service = ConsultationService(settings=settings, db=pdb, content=live_content)
    return Runtime(settings, pdb, service)


@pytest.fixture
async def fake_tg() -> AsyncIterator[FakeTelegram]:
    fake = FakeTelegram()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


@pytest.fixture
async def tg(runtime: Runtime, fake_tg: FakeTelegram) -> AsyncIterator[Harness]:
    """python-telegram-bot's Application on the fake Bot API, with the push handlers."""
    base_url = f"http://127.0.0.1:{fake_tg.port}/bot"
    app = ApplicationBuilder().token(TOKEN).base_url(base_url).updater(None).build()
    push = register(app, runtime)
    await app.initialize()
    try:
        yield Harness(app, push, fake_tg)
    finally:
        await app.shutdown()
