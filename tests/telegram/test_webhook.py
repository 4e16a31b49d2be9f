"""Webhook mode over real HTTP: setWebhook with the secret, 403 without it, 400 for junk."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from bot.channels.telegram import TelegramChannel, TelegramSetupError
from bot.web.telegram_webhook import WEBHOOK_PATH, telegram_router
from tests.telegram import updates as u
from tests.telegram.checks import POLICE, rows
from tests.telegram.conftest import MakeBot
from tests.telegram.harness import Harness
from tests.telegram.updates import ALICE

SECRET = "s3cret-token_value"
PUBLIC_URL = "https://bot.example.org/telegram/webhook"
HEADER = "X-Telegram-Bot-Api-Secret-Token"


@pytest.fixture
async def hooked(make_bot: MakeBot) -> Harness:
    return await make_bot(telegram_webhook_url=PUBLIC_URL, telegram_webhook_secret=SECRET)


@pytest.fixture
async def client(hooked: Harness) -> AsyncIterator[httpx.AsyncClient]:
    """The webhook route served by uvicorn on 127.0.0.1, and an HTTP client for it."""
    app = FastAPI()
    app.include_router(telegram_router(hooked.channel))
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off", ws="none"))
    task = asyncio.create_task(server.serve(sockets=[sock]))
    async with asyncio.timeout(5):
        while not server.started:
            await asyncio.sleep(0.01)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=5) as http:
            yield http
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 10)


def update_json(text: str = POLICE, update_id: int = 1) -> bytes:
    return json.dumps({"update_id": update_id, **u.message(text)}).encode()


async def test_start_sets_the_webhook_with_the_secret_and_does_not_poll(hooked: Harness) -> None:
    [hook] = hooked.api.of("setWebhook")
    assert hook.params["url"] == PUBLIC_URL
    assert hook.params["secret_token"] == SECRET
    assert hooked.api.of("getUpdates") == []
    assert hooked.channel.app.updater is None


async def test_update_with_the_secret_is_answered(
    hooked: Harness, client: httpx.AsyncClient
) -> None:
    response = await client.post(WEBHOOK_PATH, content=update_json(), headers={HEADER: SECRET})
    assert response.status_code == 200 and response.json()["ok"] is True
    [reply] = await hooked.api.wait_sent(1, ALICE)
    assert "paid" in reply.actions()


@pytest.mark.parametrize("headers", [{}, {HEADER: "wrong"}, {HEADER: ""}, {HEADER: SECRET + "x"}])
async def test_without_the_right_secret_403_and_nothing_processed(
    hooked: Harness, client: httpx.AsyncClient, headers: dict[str, str]
) -> None:
    response = await client.post(WEBHOOK_PATH, content=update_json(), headers=headers)
    assert response.status_code == 403
    await asyncio.wait_for(hooked.channel.app.update_queue.join(), 5)
    assert hooked.api.sent() == []
    assert await rows(hooked, ALICE) == []


@pytest.mark.parametrize(
    "body", [b"{not json", b"[1, 2]", b"\xff\xfe", b'"text"', b'{"message": {"text": 1}}']
)
async def test_malformed_update_is_400(
    hooked: Harness, client: httpx.AsyncClient, body: bytes
) -> None:
    response = await client.post(WEBHOOK_PATH, content=body, headers={HEADER: SECRET})
    assert response.status_code == 400
    assert hooked.api.sent() == []


async def test_oversized_body_is_413(hooked: Harness, client: httpx.AsyncClient) -> None:
    body = b"x" * (hooked.runtime.settings.max_request_bytes + 1)
    response = await client.post(WEBHOOK_PATH, content=body, headers={HEADER: SECRET})
    assert response.status_code == 413


async def test_process_webhook_statuses(hooked: Harness) -> None:
    channel: TelegramChannel = hooked.channel
    assert await channel.process_webhook(update_json(), None) == 403
    assert await channel.process_webhook(b"{", SECRET) == 400
    assert await channel.process_webhook(update_json(update_id=7), SECRET) == 200
    await hooked.api.wait_sent(1, ALICE)


async def test_polling_channel_refuses_webhook_posts(tg: Harness) -> None:
    assert await tg.channel.process_webhook(update_json(), "anything") == 403
    assert await tg.channel.process_webhook(update_json(), None) == 403


async def test_a_secret_telegram_would_refuse_is_refused_at_start(make_bot: MakeBot) -> None:
    with pytest.raises(TelegramSetupError, match="1-256"):
        await make_bot(telegram_webhook_url=PUBLIC_URL, telegram_webhook_secret="has space")


async def test_stopped_channel_answers_503(hooked: Harness) -> None:
    await hooked.channel.stop()
    assert await hooked.channel.process_webhook(update_json(), SECRET) == 503
