"""JsonHTTPXRequest against the fake Bot API: JSON for plain calls, the same errors."""

from __future__ import annotations

import pytest
from telegram import Bot  # noqa: TID251 - the Telegram edge itself is under test
from telegram.error import RetryAfter

from bot.channels.telegram_request import JsonHTTPXRequest
from tests.telegram.fake_bot_api import TOKEN, FakeBotApi


@pytest.fixture
async def api() -> FakeBotApi:
    server = FakeBotApi()
    await server.start()
    yield server  # type: ignore[misc]
    await server.stop()


async def _bot(api: FakeBotApi) -> Bot:
    bot = Bot(TOKEN, base_url=api.base_url, request=JsonHTTPXRequest(connection_pool_size=4))
    await bot.initialize()
    return bot


async def test_send_message_goes_as_json_with_text_and_markup_intact(api: FakeBotApi) -> None:
    bot = await _bot(api)
    text = "<b>马上挂断</b> 不要转账 · call 110 ＆ 96110 {{ 7*7 }} \\u0000"
    markup = {"inline_keyboard": [[{"text": "我已经转账", "callback_data": "paid"}]]}
    await bot._post("sendMessage", {"chat_id": 42, "text": text, "reply_markup": markup})
    await bot.shutdown()
    [call] = api.sent(42)
    assert call.json_body
    assert call.text == text
    assert call.params["reply_markup"] == markup


async def test_errors_are_mapped_like_the_default_request(api: FakeBotApi) -> None:
    bot = await _bot(api)
    api.fail("sendMessage", 429, times=1)
    with pytest.raises(RetryAfter):
        await bot.send_message(42, "hi")
    await bot.send_message(42, "again")
    await bot.shutdown()
    assert [c.status for c in api.of("sendMessage", ok_only=False)] == [429, 200]
