"""Telegram channel: python-telegram-bot v22 in polling or webhook mode around the service.

Polling when only TELEGRAM_BOT_TOKEN is set; webhook mode when TELEGRAM_WEBHOOK_URL and
TELEGRAM_WEBHOOK_SECRET are set too (the FastAPI route in bot/web/telegram_webhook.py
hands the raw request to `process_webhook`). Every Bot API call goes to
TELEGRAM_API_BASE_URL (a self-hosted Bot API server or a test fake works the same) and
through `RetryingRateLimiter`. See docs/telegram.md.
"""

from __future__ import annotations

import datetime as dtm
import hmac
import json
import logging
import re
from typing import Any

from telegram import BotCommand, BotCommandScopeChat, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, ApplicationBuilder, BaseRateLimiter, ContextTypes

from bot.channels import telegram_texts as t
from bot.channels.telegram_handlers import Handlers
from bot.channels.telegram_limits import ChatOrderedProcessor, RetryingRateLimiter
from bot.channels.telegram_request import AiohttpRequest
from bot.channels.telegram_staff import StaffDesk
from bot.push.telegram_handlers import PUSH_COMMANDS, STAFF_PUSH_COMMANDS
from bot.push.telegram_handlers import register as register_push
from bot.runtime import Runtime

log = logging.getLogger(__name__)

# What Telegram accepts as setWebhook's secret_token.
_SECRET_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,256}")
ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]
POLL_TIMEOUT = dtm.timedelta(seconds=10)
# Updates handled at once (one chat's always in order): enough to hide the Bot API's
# round trips, few enough that SQLite writers and the HTTP pool do not thrash.
DEFAULT_CONCURRENCY = 16
# python-telegram-bot's own default for the bot's (non-polling) connections.
REQUEST_POOL_SIZE = 256


class TelegramSetupError(Exception):
    """The Telegram channel cannot run with the given settings."""


class TelegramChannel:
    """One bot: built from the runtime's settings, started and stopped by `fraudbot serve`."""

    def __init__(
        self,
        runtime: Runtime,
        *,
        rate_limiter: BaseRateLimiter | None = None,
        concurrent_updates: int = DEFAULT_CONCURRENCY,
    ) -> None:
        s = runtime.settings
        if s.telegram_bot_token is None:
            raise TelegramSetupError("TELEGRAM_BOT_TOKEN is not set")
        self.runtime = runtime
        self.webhook_mode = bool(s.telegram_webhook_url and s.telegram_webhook_secret)
        if bool(s.telegram_webhook_url) != bool(s.telegram_webhook_secret):
            log.warning(
                "TELEGRAM_WEBHOOK_URL and TELEGRAM_WEBHOOK_SECRET go together; polling instead"
            )
        self._secret = (
            s.telegram_webhook_secret.get_secret_value() if s.telegram_webhook_secret else ""
        )
        builder = (
            ApplicationBuilder()
            .token(s.telegram_bot_token.get_secret_value())
            .base_url(s.telegram_api_base_url)
            .base_file_url(s.telegram_api_file_url)
            .rate_limiter(rate_limiter or RetryingRateLimiter())
            # Replies go over aiohttp as JSON (telegram_request.py); long polls keep
            # python-telegram-bot's default request.
            .request(AiohttpRequest(REQUEST_POOL_SIZE))
            .concurrent_updates(ChatOrderedProcessor(concurrent_updates))
        )
        if self.webhook_mode:
            if not _SECRET_TOKEN.fullmatch(self._secret):
                raise TelegramSetupError(
                    "TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and -"
                )
            builder = builder.updater(None)
        self.app: Application = builder.build()
        self.staff = StaffDesk(runtime)
        self.handlers = Handlers(runtime, self.staff)
        self.handlers.register(self.app)
        # Subscriptions, guardians and staff alerts (issue 6) answer their own commands
        # in an earlier handler group, so the consultation handlers never see them.
        self.push = register_push(self.app, runtime)
        self.handlers.after_reply = self.push.after_reply
        self.app.add_error_handler(self._on_error)

    async def start(self) -> None:
        """Connect (getMe), register commands, then poll or set the webhook."""
        await self.app.initialize()
        await self._register_commands()
        await self.app.start()  # before setWebhook, so the first update finds us running
        if self.webhook_mode:
            await self.app.bot.set_webhook(
                self.runtime.settings.telegram_webhook_url,
                secret_token=self._secret,
                allowed_updates=ALLOWED_UPDATES,
            )
        if self.app.updater is not None:
            await self.app.updater.start_polling(
                poll_interval=0.0,
                timeout=POLL_TIMEOUT,
                allowed_updates=ALLOWED_UPDATES,
                drop_pending_updates=False,
            )
        log.info(
            "Telegram bot @%s running (%s)",
            self.app.bot.username,
            "webhook" if self.webhook_mode else "polling",
        )

    async def stop(self) -> None:
        """Stop taking updates, finish the replies in flight, then close the connections."""
        if self.app.updater is not None and self.app.updater.running:
            await self.app.updater.stop()
        if self.app.running:
            await self.app.stop()  # waits for every update already taken to be handled
        await self.app.shutdown()

    async def process_webhook(self, payload: bytes, secret_header: str | None) -> int:
        """Check the secret, parse, queue the update; return the HTTP status to answer."""
        if not self._secret or secret_header is None:
            return 403
        if not hmac.compare_digest(secret_header.encode(), self._secret.encode()):
            return 403
        try:
            data = json.loads(payload)
            update = Update.de_json(data, self.app.bot) if isinstance(data, dict) else None
        except Exception as exc:  # malformed JSON or not an Update: refuse, never crash
            log.info("webhook payload refused: %s", type(exc).__name__)
            return 400
        if update is None:
            return 400
        if not self.app.running:
            return 503  # Telegram retries later; nothing is lost
        await self.app.update_queue.put(update)
        return 200

    async def _register_commands(self) -> None:
        """The command menu in zh (default) and en; staff commands in the staff chat."""
        user_commands = (*t.USER_COMMANDS, *PUSH_COMMANDS)
        zh = [BotCommand(c, d) for c, d, _ in user_commands]
        en = [BotCommand(c, d) for c, _, d in user_commands]
        staff = [
            BotCommand(c, f"{d} · {e}") for c, d, e in (*t.STAFF_COMMANDS, *STAFF_PUSH_COMMANDS)
        ]
        menus: list[tuple[list[BotCommand], dict[str, Any]]] = [
            (zh, {}),
            (zh, {"language_code": "zh"}),
            (en, {"language_code": "en"}),
        ]
        chat_id = self.runtime.settings.telegram_staff_chat_id
        if chat_id is not None:
            menus.append((zh + staff, {"scope": BotCommandScopeChat(chat_id)}))
        for commands, where in menus:
            try:
                await self.app.bot.set_my_commands(commands, **where)
            except TelegramError:  # a missing menu must not keep the bot from answering
                log.exception("setMyCommands failed")

    async def _on_error(self, update: object, context: ContextTypes.DEFAULT_TYPE) -> None:
        """Log with the traceback, then a short apology rather than silence."""
        log.error("Telegram update failed", exc_info=context.error)
        if not isinstance(update, Update) or update.effective_chat is None:
            return
        user = update.effective_user
        lang = t.language_from_hint(user.language_code if user else None)
        try:
            await context.bot.send_message(
                update.effective_chat.id, t.text("apology", lang), parse_mode=ParseMode.HTML
            )
        except TelegramError as exc:
            log.warning("could not send the apology either: %s", exc)
