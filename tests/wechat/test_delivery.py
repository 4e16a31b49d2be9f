"""Replies that do not fit one passive message, or come too late: the customer-service API."""

from __future__ import annotations

import asyncio

import pytest

from bot.channels.wechat import PASSIVE_SECONDS
from bot.core.messages import Inbound, Reply
from bot.storage import repository as repo
from tests.wechat.conftest import Bot, MakeBot
from tests.wechat.fakes import APP_ID, OPENID, FakeWeChatAPI, event, text

POLICE = "有人打电话自称公安，说我涉嫌洗钱，让我把钱转到安全账户"


def _limit(text: str) -> int:
    return len(text.encode("utf-8"))


async def test_long_reply_goes_partly_passive_then_by_api(
    bot: Bot, wechat_api: FakeWeChatAPI
) -> None:
    bot.channel.text_limit = 200
    reply = await bot.reply(text(POLICE))
    await bot.channel.idle()
    passive = reply["Content"]
    assert _limit(passive) <= 200 and "诈骗" in passive
    assert wechat_api.sent and all(p["touser"] == OPENID for p in wechat_api.sent)
    assert all(_limit(part) <= 200 for part in wechat_api.texts())
    full = "\n".join([passive, *wechat_api.texts()])
    assert "回复数字选择：" in full and "110" in full
    assert len(wechat_api.token_requests) == 1  # one token for all the parts
    assert wechat_api.token_requests[0]["appid"] == APP_ID


async def test_short_reply_sends_nothing_through_the_api(
    bot: Bot, wechat_api: FakeWeChatAPI
) -> None:
    await bot.reply(text(POLICE))
    await bot.channel.idle()
    assert wechat_api.sent == [] and wechat_api.token_requests == []


async def test_token_is_cached_and_refreshed_on_40001(bot: Bot, wechat_api: FakeWeChatAPI) -> None:
    bot.channel.text_limit = 200
    await bot.reply(text(POLICE))
    await bot.channel.idle()
    sent_before = len(wechat_api.sent)
    wechat_api.fail_next = [40001]
    await bot.reply(text("又有人打电话说是法院的，要冻结我的账户"))
    await bot.channel.idle()
    assert len(wechat_api.token_requests) == 2  # refreshed once, then retried
    assert len(wechat_api.sent) > sent_before


async def test_other_api_errors_stop_the_rest_and_are_logged(
    bot: Bot, wechat_api: FakeWeChatAPI, caplog: pytest.LogCaptureFixture
) -> None:
    bot.channel.text_limit = 200
    wechat_api.fail_next = [45015]  # "response out of time limit"
    reply = await bot.reply(text(POLICE))
    await bot.channel.idle()
    assert reply["Content"] and wechat_api.sent == []
    assert "45015" in caplog.text


async def test_slow_answer_comes_later_through_the_api(
    bot: Bot, wechat_api: FakeWeChatAPI, monkeypatch: pytest.MonkeyPatch
) -> None:
    service = bot.runtime.service
    handle = service.handle

    async def slow(inbound: Inbound) -> Reply:
        await asyncio.sleep(0.5)
        return await handle(inbound)

    monkeypatch.setitem(service.__dict__, "handle", slow)
    bot.channel.passive_seconds = 0.05
    reply = await bot.reply(text(POLICE))
    assert reply["Content"] == "正在分析，请稍等几秒……"
    await bot.channel.idle()
    [late] = wechat_api.texts()
    assert "诈骗" in late and "回复数字选择：" in late
    monkeypatch.setitem(service.__dict__, "handle", handle)
    bot.channel.passive_seconds = PASSIVE_SECONDS
    follow = await bot.reply(text("1"))  # the choices of the late answer are live
    assert "止付" in follow["Content"]


async def test_service_failure_gets_a_kind_apology(
    bot: Bot, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(inbound: Inbound) -> Reply:
        raise RuntimeError("boom")

    monkeypatch.setitem(bot.runtime.service.__dict__, "handle", broken)
    reply = await bot.reply(text(POLICE))
    assert "抱歉" in reply["Content"] and "110" in reply["Content"]
    assert "handling a message failed" in caplog.text


async def test_nothing_is_pushed_after_unsubscribe(bot: Bot, wechat_api: FakeWeChatAPI) -> None:
    bot.channel.text_limit = 200
    await bot.reply(event("unsubscribe"))
    reply = await bot.reply(text(POLICE))  # e.g. a message still in flight
    await bot.channel.idle()
    assert reply["Content"] and wechat_api.sent == []


async def test_without_app_secret_long_replies_are_cut_with_a_note(
    make_bot: MakeBot, wechat_api: FakeWeChatAPI
) -> None:
    bot = await make_bot(wechat_app_secret=None)
    bot.channel.text_limit = 200
    reply = await bot.reply(text(POLICE))
    assert reply["Content"].endswith("（内容较长，只显示了前一部分。）")
    assert wechat_api.token_requests == []


async def test_without_app_secret_slow_answers_say_busy(
    make_bot: MakeBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    bot = await make_bot(wechat_app_secret=None)
    handle = bot.runtime.service.handle

    async def slow(inbound: Inbound) -> Reply:
        await asyncio.sleep(0.3)
        return await handle(inbound)

    monkeypatch.setitem(bot.runtime.service.__dict__, "handle", slow)
    bot.channel.passive_seconds = 0.05
    reply = await bot.reply(text(POLICE))
    assert "110" in reply["Content"] and "忙" in reply["Content"]
    await bot.channel.idle()  # the late answer is recorded, not sent
    assert len(await repo.list_consultations(bot.runtime.db)) == 1
