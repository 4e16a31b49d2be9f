"""Building Telegram updates, and a harness that feeds them through python-telegram-bot."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.push.telegram_handlers import PushTelegram
from tests.push.fake_telegram import FakeTelegram

_ids = itertools.count(1)


def _user(user_id: int, lang: str) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": f"U{user_id}", "language_code": lang}


def make_message(text: str, user_id: int = 1, lang: str = "zh-hans") -> dict[str, Any]:
    """An update with a private message; a leading /command gets its entity."""
    n = next(_ids)
    message: dict[str, Any] = {
        "message_id": n,
        "date": int(time.time()),
        "chat": {"id": user_id, "type": "private"},
        "from": _user(user_id, lang),
        "text": text,
    }
    if text.startswith("/"):
        length = len(text.split()[0])
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    return {"update_id": n, "message": message}


def make_button(data: str, user_id: int = 1, lang: str = "zh-hans") -> dict[str, Any]:
    """An update for an inline button press on an earlier bot message."""
    n = next(_ids)
    return {
        "update_id": n,
        "callback_query": {
            "id": str(n),
            "from": _user(user_id, lang),
            "chat_instance": "ci",
            "data": data,
            "message": {
                "message_id": n,
                "date": int(time.time()),
                "chat": {"id": user_id, "type": "private"},
                "from": {"id": 7000001, "is_bot": True, "first_name": "Fraudbot"},
                "text": "earlier",
            },
        },
    }


@dataclass
class Harness:
    app: Application  # type: ignore[type-arg]
    push: PushTelegram
    fake: FakeTelegram

    async def feed(self, data: dict[str, Any]) -> None:
        await self.app.process_update(Update.de_json(data, self.app.bot))

    async def say(self, text: str, user_id: int = 1, lang: str = "zh-hans") -> None:
        await self.feed(make_message(text, user_id, lang))

    async def press(self, data: str, user_id: int = 1, lang: str = "zh-hans") -> None:
        await self.feed(make_button(data, user_id, lang))

    def last(self, chat_id: int) -> str:
        """The newest text the bot sent or edited into this chat."""
        return self.fake.texts_for(chat_id)[-1]

    def buttons(self, chat_id: int) -> list[str]:
        """Callback data of the newest message with buttons in this chat."""
        for sent in reversed(self.fake.sent):
            if sent.chat_id == str(chat_id) and sent.reply_markup:
                rows = sent.reply_markup["inline_keyboard"]
                return [b["callback_data"] for row in rows for b in row]
        return []
