"""FastAPI app factory: one HTTP app for the web chat, WeChat, the Telegram webhook and ops."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from bot.channels.web import WebChannel
from bot.runtime import Runtime
from bot.web import chat, health
from bot.web.errors import install_error_handlers
from bot.web.metrics import Metrics, meter_service
from bot.web.middleware import BodyLimitMiddleware, SecurityHeadersMiddleware, frame_ancestors
from bot.web.ratelimit import RateLimiter

if TYPE_CHECKING:  # the channels are optional; only their types are needed here
    from bot.channels.telegram import TelegramChannel
    from bot.channels.wechat import WeChatChannel

log = logging.getLogger(__name__)

DESCRIPTION = """Anti-fraud consultation.

`POST /api/chat` assesses a described situation; `POST /api/action` presses a reply
button. An anonymous session cookie links the messages of one conversation. Every error
is JSON: `{"error": code, "message": text}`.
"""


def create_app(runtime: Runtime, telegram: TelegramChannel | None = None) -> FastAPI:
    """Build the app; WeChat joins when WECHAT_TOKEN is set, Telegram when it is given."""
    settings = runtime.settings
    wechat = _wechat(runtime)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if wechat is not None:
            await wechat.close()

    app = FastAPI(
        title="fraudbot",
        version="0.1.0",
        description=DESCRIPTION,
        docs_url=None,  # the stock pages load scripts from a CDN; /docs is our own
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.runtime = runtime
    app.state.telegram = telegram
    app.state.wechat = wechat
    app.state.metrics = Metrics()
    app.state.web = WebChannel(runtime.service, secret=settings.user_ref_secret.get_secret_value())
    app.state.rate_limiter = RateLimiter(settings.web_rate_limit_per_minute)
    app.state.page_html = chat.render_page(settings)
    meter_service(runtime.service, app.state.metrics)

    install_error_handlers(app)
    app.add_middleware(BodyLimitMiddleware, limit=settings.max_request_bytes)
    ancestors = frame_ancestors(settings.web_frame_ancestors)
    app.add_middleware(SecurityHeadersMiddleware, ancestors=ancestors)  # outermost

    app.include_router(health.router)
    app.include_router(chat.router)
    app.mount("/static", StaticFiles(directory=chat.STATIC_DIR), name="static")
    if wechat is not None:
        from bot.web.wechat import wechat_router

        app.include_router(wechat_router(wechat))
    if telegram is not None:
        _include_telegram(app, telegram)
    return app


def _wechat(runtime: Runtime) -> WeChatChannel | None:
    if runtime.settings.wechat_token is None:
        return None
    from bot.channels.wechat import WeChatChannel

    return WeChatChannel(runtime)


def _include_telegram(app: FastAPI, telegram: TelegramChannel) -> None:
    try:
        from bot.web.telegram_webhook import telegram_router
    except ImportError:
        log.error(
            "Telegram is configured but bot/web/telegram_webhook.py could not be imported; "
            "POST /telegram/webhook is not served",
            exc_info=True,
        )
        return
    app.include_router(telegram_router(telegram))
