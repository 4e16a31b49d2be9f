"""The `/wechat` endpoint: HTTP in and out; the protocol lives in bot.channels.wechat."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse, Response

from bot.channels.wechat import WeChatChannel
from bot.channels.wechat_security import WeChatRejected
from bot.web.errors import ApiError

log = logging.getLogger(__name__)


def _refused(request: Request, exc: WeChatRejected) -> ApiError:
    client = request.client.host if request.client else "unknown"
    log.warning("wechat: refused %s from %s: %s", request.method, client, exc.message)
    return ApiError(exc.status, f"WeChat request refused: {exc.message}")


def wechat_router(channel: WeChatChannel) -> APIRouter:
    """GET for WeChat's URL check, POST for messages and events."""
    router = APIRouter(include_in_schema=False)

    @router.get("/wechat")
    async def verify(request: Request) -> PlainTextResponse:
        try:
            return PlainTextResponse(channel.verify(request.query_params))
        except WeChatRejected as exc:
            raise _refused(request, exc) from None

    @router.post("/wechat")
    async def receive(request: Request) -> Response:
        body = await request.body()
        try:
            answer = await channel.handle(request.query_params, body)
        except WeChatRejected as exc:
            raise _refused(request, exc) from None
        return Response(answer.body, media_type=answer.media_type)

    return router
