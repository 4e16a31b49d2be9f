"""The Telegram webhook route: the raw request goes to the channel, which checks the secret.

Mounted by the web app when a TelegramChannel exists. Telegram sends the secret given
to setWebhook in the X-Telegram-Bot-Api-Secret-Token header; without it (or with the
wrong one) the answer is 403 and nothing is processed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Header, Request
from fastapi.responses import JSONResponse

if TYPE_CHECKING:  # only bot/channels may import telegram; the type is enough here
    from bot.channels.telegram import TelegramChannel

WEBHOOK_PATH = "/telegram/webhook"
_MESSAGES = {
    200: "ok",
    400: "malformed update",
    403: "forbidden",
    413: "request too large",
    503: "not running",
}


async def _read_limited(request: Request, limit: int) -> bytes | None:
    """The body, or None as soon as it grows past `limit` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        return None
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def telegram_router(channel: TelegramChannel) -> APIRouter:
    """`POST /telegram/webhook` for one channel."""
    router = APIRouter()
    limit = channel.runtime.settings.max_request_bytes

    @router.post(WEBHOOK_PATH, include_in_schema=False)
    async def telegram_webhook(
        request: Request,
        secret: Annotated[str | None, Header(alias="X-Telegram-Bot-Api-Secret-Token")] = None,
    ) -> JSONResponse:
        body = await _read_limited(request, limit)
        status = 413 if body is None else await channel.process_webhook(body, secret)
        return JSONResponse(
            {"ok": status == 200, "status": _MESSAGES.get(status, "error")},
            status_code=status,
        )

    return router
