"""The running bot and the fake server together, with helpers to talk to the bot."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.channels.telegram import TelegramChannel
from bot.settings import Settings
from tests.telegram.fake_bot_api import TOKEN, Call, FakeBotApi
from tests.telegram.updates import STAFF, STAFF_CHAT


class Harness:
    """The running bot and the fake server, with helpers to talk to the bot."""

    def __init__(self, api: FakeBotApi, channel: TelegramChannel) -> None:
        self.api = api
        self.channel = channel
        self.runtime = channel.runtime

    async def settle(self, update_id: int) -> None:
        """Wait until the bot has taken the update and finished every handler."""
        if self.channel.app.updater is not None:
            await self.api.wait_confirmed(update_id)
        await asyncio.wait_for(self.channel.app.update_queue.join(), 10)

    async def send(self, update: dict[str, Any]) -> dict[str, Any]:
        """Inject one update and wait until it has been handled completely."""
        pushed = self.api.push(update)
        await self.settle(pushed["update_id"])
        return pushed

    async def ask(self, update: dict[str, Any], chat_id: int | None = None) -> list[Call]:
        """Inject one update; return the messages sent because of it (to `chat_id`)."""
        before = len(self.api.sent(chat_id))
        await self.send(update)
        return self.api.sent(chat_id)[before:]


def make_settings(api: FakeBotApi, database_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "database_url": database_url,
        "telegram_bot_token": TOKEN,
        "telegram_api_base_url": api.base_url,
        "telegram_api_file_url": api.file_url,
        "telegram_staff_chat_id": STAFF_CHAT,
        "telegram_staff_user_ids": str(STAFF),
        "org_name_zh": "示例银行",
        "org_name_en": "Example Bank",
        "org_hotline": "95500",
        "followup_window_seconds": 600,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]
