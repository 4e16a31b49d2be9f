"""FastAPI app factory: health now; the web chat, WeChat and Telegram webhook join it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from fastapi import FastAPI

from bot.runtime import Runtime

if TYPE_CHECKING:  # the channel is optional; only its type is needed here
    from bot.channels.telegram import TelegramChannel


def create_app(runtime: Runtime, telegram: TelegramChannel | None = None) -> FastAPI:
    app = FastAPI(title="fraudbot", version="0.1.0")
    app.state.runtime = runtime
    app.state.telegram = telegram

    @app.get("/healthz")
    async def healthz() -> dict[str, str]:
        return {"status": "ok"}

    return app
