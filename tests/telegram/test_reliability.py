"""429s and 5xx retried, failures logged with an apology, flood control, graceful stop."""

from __future__ import annotations

import asyncio
import logging
import time

import pytest

from bot.channels.telegram_limits import RetryingRateLimiter
from bot.core.messages import Inbound, Reply
from tests.telegram import updates as u
from tests.telegram.checks import POLICE, rows
from tests.telegram.conftest import MakeBot
from tests.telegram.harness import Harness
from tests.telegram.updates import ALICE

APOLOGY = "抱歉"


def fast_retries(**kwargs: float) -> RetryingRateLimiter:
    return RetryingRateLimiter(base_delay=0.02, **kwargs)  # type: ignore[arg-type]


async def test_429_is_retried_after_retry_after(tg: Harness) -> None:
    tg.api.fail("sendMessage", 429)
    started = time.monotonic()
    [reply] = await tg.ask(u.message(POLICE), ALICE)
    assert time.monotonic() - started >= 1.0  # retry_after honoured
    assert "paid" in reply.actions()
    statuses = [c.status for c in tg.api.of("sendMessage", ok_only=False)]
    assert statuses == [429, 200]


async def test_5xx_is_retried_with_back_off(make_bot: MakeBot) -> None:
    tg = await make_bot(rate_limiter=fast_retries())
    tg.api.fail("sendMessage", 500, times=2)
    [reply] = await tg.ask(u.message(POLICE), ALICE)
    assert "paid" in reply.actions()
    assert [c.status for c in tg.api.of("sendMessage", ok_only=False)] == [500, 500, 200]


async def test_getupdates_errors_do_not_stop_polling(tg: Harness) -> None:
    tg.api.fail("getUpdates", 500)
    [reply] = await tg.ask(u.message(POLICE), ALICE)
    assert reply.text


async def test_send_that_keeps_failing_is_logged_apologised_and_the_case_kept(
    make_bot: MakeBot, caplog: pytest.LogCaptureFixture
) -> None:
    tg = await make_bot(rate_limiter=fast_retries(attempts=3))
    tg.api.fail("sendMessage", 500, times=3)
    with caplog.at_level(logging.ERROR, logger="bot.channels.telegram"):
        [apology] = await tg.ask(u.message(POLICE), ALICE)
    assert APOLOGY in apology.text
    assert len(await rows(tg, ALICE)) == 1  # logged before sending
    [record] = [r for r in caplog.records if r.name == "bot.channels.telegram"]
    assert record.exc_info is not None


async def test_very_long_retry_after_is_not_waited_for(make_bot: MakeBot) -> None:
    tg = await make_bot(rate_limiter=RetryingRateLimiter(max_retry_after=0.5))
    tg.api.fail("sendMessage", 429)
    [apology] = await tg.ask(u.message(POLICE), ALICE)
    assert APOLOGY in apology.text


async def test_failing_handler_is_logged_and_the_user_gets_an_apology(
    tg: Harness, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    async def broken(_inbound: Inbound) -> Reply:
        raise RuntimeError("database on fire")

    monkeypatch.setattr(tg.runtime.service, "handle", broken)
    with caplog.at_level(logging.ERROR, logger="bot.channels.telegram"):
        [apology] = await tg.ask(u.message(POLICE), ALICE)
    assert APOLOGY in apology.text and "110" in apology.text
    [record] = [r for r in caplog.records if r.name == "bot.channels.telegram"]
    assert record.exc_info is not None and "database on fire" in str(record.exc_info[1])


async def test_flood_control_warns_once_and_still_logs_every_message(make_bot: MakeBot) -> None:
    tg = await make_bot(telegram_user_messages_per_minute=3, followup_window_seconds=0)
    texts = [
        POLICE,
        "有人让我下载会议软件共享屏幕",
        "客服说要退款让我点链接",
        "刷单返利先垫付",
        "网贷先交保证金",
    ]
    sent = []
    for text in texts:
        sent += await tg.ask(u.message(text), ALICE)
    assert len(sent) == 4  # three replies, then one "slow down", then silence
    assert "一分钟" in sent[3].text
    assert len(await rows(tg, ALICE)) == 5  # nothing dropped from the log
    [urgent] = await tg.ask(u.message("我已经转了五千块给对方了，被骗了"), ALICE)
    assert "110" in urgent.text  # urgent replies are never held back


async def test_stop_finishes_replies_in_flight(
    tg: Harness, monkeypatch: pytest.MonkeyPatch
) -> None:
    entered = asyncio.Event()
    handle = tg.runtime.service.handle

    async def slow(inbound: Inbound) -> Reply:
        entered.set()
        await asyncio.sleep(0.3)
        return await handle(inbound)

    monkeypatch.setattr(tg.runtime.service, "handle", slow)
    tg.api.push(u.message(POLICE))
    await asyncio.wait_for(entered.wait(), 5)
    await asyncio.wait_for(tg.channel.stop(), 10)
    [reply] = tg.api.sent(ALICE)
    assert "paid" in reply.actions()


async def test_a_press_counts_even_when_its_query_has_expired(tg: Harness) -> None:
    [first] = await tg.ask(u.message(POLICE), ALICE)
    tg.api.fail("answerCallbackQuery", 400)  # "query is too old"
    tg.api.fail("editMessageReplyMarkup", 400)
    [urgent] = await tg.ask(u.press(tg.api.current(first), "paid"), ALICE)
    assert "110" in urgent.text
    [row] = await rows(tg, ALICE)
    assert row.urgent
