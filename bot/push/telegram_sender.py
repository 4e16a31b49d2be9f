"""Delivering pushes through the Telegram Bot API (python-telegram-bot's `Bot`).

Limits: about 30 messages a second overall and one a second per chat (Telegram's
broadcast guidance). A 429 pauses every chat for its `retry_after` and is retried by the
engine; 5xx and network errors are retried with back-off; 403 (the person blocked the
bot) and "chat not found" pause the subscriber instead of retrying forever.
"""

from __future__ import annotations

import datetime as dtm
import os

from telegram import Bot  # noqa: TID251 - this module is the Telegram edge of the push
from telegram.error import (  # noqa: TID251
    BadRequest,
    ChatMigrated,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
)

from bot.channels.telegram_request import JsonHTTPXRequest
from bot.push.senders import RateLimiter, Recipient, SendResult
from bot.settings import Settings

# RetryAfter.retry_after as a timedelta, without PTB's deprecation warning (as the channel).
os.environ.setdefault("PTB_TIMEDELTA", "true")

CHANNEL = "telegram"
PER_CHAT_INTERVAL = 1.0
_GONE = ("chat not found", "user is deactivated", "bot was kicked", "have no rights")


def _seconds(value: int | float | dtm.timedelta) -> float:
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


def _chat_id(recipient: Recipient) -> int | str:
    raw = recipient.chat_id
    return int(raw) if raw.lstrip("-").isdigit() else raw


class TelegramSender:
    """A `Sender` for the "telegram" channel."""

    def __init__(self, bot: Bot, *, per_second: float = 30.0) -> None:
        self.bot = bot
        self.limiter = RateLimiter(per_second=per_second, per_chat_interval=PER_CHAT_INTERVAL)

    @classmethod
    def from_settings(cls, settings: Settings, *, pool: int = 64) -> TelegramSender:
        """Its own Bot (own connection pool) on TELEGRAM_API_BASE_URL; call `start()`."""
        if settings.telegram_bot_token is None:
            raise ValueError("TELEGRAM_BOT_TOKEN is not set")
        bot = Bot(
            settings.telegram_bot_token.get_secret_value(),
            base_url=settings.telegram_api_base_url,
            base_file_url=settings.telegram_api_file_url,
            request=JsonHTTPXRequest(connection_pool_size=pool, pool_timeout=30.0),
        )
        return cls(bot, per_second=settings.push_telegram_per_second)

    async def start(self) -> None:
        await self.bot.initialize()

    async def stop(self) -> None:
        await self.bot.shutdown()

    async def wait_turn(self, recipient: Recipient) -> None:
        await self.limiter.wait(recipient.chat_id)

    async def send(self, recipient: Recipient, text: str) -> SendResult:
        """One sendMessage; every Telegram error becomes an outcome, never an exception."""
        try:
            await self.bot.send_message(_chat_id(recipient), text)
        except RetryAfter as exc:
            seconds = _seconds(exc.retry_after)
            self.limiter.pause(seconds)
            return SendResult("retry", f"429 retry after {seconds:g}s", seconds)
        except Forbidden as exc:
            return SendResult("blocked", f"403 {exc.message}")
        except ChatMigrated as exc:
            return SendResult("failed", f"chat migrated to {exc.new_chat_id}")
        except BadRequest as exc:
            gone = any(part in exc.message.lower() for part in _GONE)
            return SendResult("blocked" if gone else "failed", f"400 {exc.message}")
        except InvalidToken as exc:
            return SendResult("retry", f"invalid token: {exc.message}")
        except NetworkError as exc:  # 5xx, timeouts, connection errors
            return SendResult("retry", f"network: {exc.message}")
        except TelegramError as exc:
            return SendResult("failed", exc.message)
        return SendResult("sent")
