"""The push on Telegram, end to end: python-telegram-bot against the fake Bot API."""

from __future__ import annotations

import time

from sqlmodel import select
from telegram import Update
from telegram.ext import ContextTypes, MessageHandler, filters

from bot.core.identity import user_ref
from bot.core.messages import Inbound
from bot.push import repository as repo
from bot.push.engine import EngineConfig
from bot.push.models import PushAttempt, PushSubscriber
from bot.push.scheduler import run_once
from bot.runtime import Runtime
from tests.push.conftest import STAFF_ID
from tests.push.helpers import SHANGHAI, local
from tests.push.tg import Harness

FAST = EngineConfig(concurrency=4, backoff_base=0.05, max_wait=10.0)
PARENT, CHILD = 101, 202
URGENT = "有人自称公安说我涉嫌洗钱，我已经把 5 万块转到了他给的安全账户"


async def row(runtime: Runtime, chat_id: int) -> PushSubscriber:
    found = await repo.get_subscriber(runtime.db, channel="telegram", chat_id=str(chat_id))
    assert found is not None
    return found


async def push_now(tg: Harness, runtime: Runtime, at: object = None) -> object:
    return await run_once(runtime, {"telegram": tg.push.sender}, at, config=FAST)  # type: ignore[arg-type]


async def test_subscribe_in_one_step_with_defaults(tg: Harness, runtime: Runtime) -> None:
    await tg.say("/subscribe", PARENT)
    assert "订阅成功" in tg.last(PARENT) and "09:00" in tg.last(PARENT)
    assert "push:unsub" in tg.buttons(PARENT) and "push:time:0800" in tg.buttons(PARENT)
    sub = await row(runtime, PARENT)
    assert sub.subscribed and sub.send_time == "09:00" and sub.timezone == "Asia/Shanghai"
    assert sub.audience == "general" and sub.frequency == "daily" and sub.language == "zh"
    assert sub.user_ref == user_ref(
        "telegram", PARENT, runtime.settings.user_ref_secret.get_secret_value()
    )
    await tg.say("/subscribe", CHILD, lang="en")
    assert "subscribed" in tg.last(CHILD) and (await row(runtime, CHILD)).language == "en"


async def test_push_updates_do_not_reach_the_channels_own_handlers(tg: Harness) -> None:
    seen: list[str] = []

    async def catch_all(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        seen.append("channel")

    tg.app.add_handler(MessageHandler(filters.ALL, catch_all))
    await tg.say("/subscribe", PARENT)
    await tg.say("hello", PARENT)
    assert seen == ["channel"]


async def test_settings_then_the_tip_arrives_at_the_chosen_time_in_elderly_mode(
    tg: Harness, runtime: Runtime
) -> None:
    await tg.say("/subscribe", PARENT)
    for data in (
        "push:time:0800",
        "push:eld:1",
        "push:aud:elderly",
        "push:lang:en",
        "push:freq:weekdays",
    ):
        await tg.press(data, PARENT)
    assert "Elderly mode: on" in tg.last(PARENT) and "weekdays 08:00" in tg.last(PARENT)
    await tg.say("/settings time 07:45", PARENT)
    sub = await row(runtime, PARENT)
    assert (sub.send_time, sub.elderly, sub.audience, sub.language) == (
        "07:45",
        True,
        "elderly",
        "en",
    )
    before = len(tg.fake.texts_for(PARENT, "sendMessage"))
    day = next(d for d in range(1, 8) if local(d, 7, 45).astimezone(SHANGHAI).weekday() < 5)
    await push_now(tg, runtime, local(day, 7, 44))
    assert len(tg.fake.texts_for(PARENT, "sendMessage")) == before
    await push_now(tg, runtime, local(day, 7, 45))
    tip = tg.fake.texts_for(PARENT, "sendMessage")[-1]
    assert tip.startswith("Anti-fraud tip: ") and tip.endswith("Not sure? Send it to me to check.")
    words = tip.removeprefix("Anti-fraud tip: ").split("\n\n")[0]
    assert len(words) <= 110 and words.count(". ") <= 1


async def test_rotation_does_not_repeat_until_the_set_is_seen(
    tg: Harness, runtime: Runtime
) -> None:
    await tg.say("/subscribe", PARENT)
    await tg.press("push:aud:business", PARENT)
    tg.push.sender.limiter.per_chat_interval = 0  # twelve days pass in a moment here
    for day in range(1, 13):
        await push_now(tg, runtime, local(day, 9))
    tips = [t for t in tg.fake.texts_for(PARENT, "sendMessage") if t.startswith("【防骗提醒】")]
    size = len(
        [t for t in runtime.content.library.tips if {"business", "general"} & set(t.audience)]
    )
    assert len(tips) == 12 and size >= 12
    assert len(set(tips)) == 12


async def test_unsubscribe_takes_effect_at_once(tg: Harness, runtime: Runtime) -> None:
    await tg.say("/subscribe", PARENT)
    await tg.say("/unsubscribe", PARENT)
    assert "已退订" in tg.last(PARENT)
    await push_now(tg, runtime, local(1, 9))
    assert not any("【防骗提醒】" in t for t in tg.fake.texts_for(PARENT))


async def test_guardian_invite_consent_alert_and_end(tg: Harness, runtime: Runtime) -> None:
    await tg.say("/subscribe", PARENT)
    await tg.say("/guardian", PARENT)
    assert "push:g:inv" in tg.buttons(PARENT)
    await tg.press("push:g:inv", PARENT)
    invite = tg.last(PARENT)
    assert "https://t.me/fraud_test_bot?start=g_" in invite
    code = invite.split("start=g_")[1].split()[0]
    # The child opens the link; the parent is asked for consent.
    await tg.say(f"/start g_{code}", CHILD)
    assert "等家人确认" in tg.last(CHILD)
    consent = tg.buttons(PARENT)
    assert consent[0].startswith("push:g:ok:") and "不转发您的聊天内容" in tg.last(PARENT)
    await tg.press(tg.buttons(CHILD)[0], CHILD)  # yes, copy the tips to me
    await tg.say(f"/guardian {code}", 303)
    assert "无效" in tg.last(303), "the code works once"
    await tg.press(consent[0], PARENT)
    assert "守护已生效" in tg.last(CHILD)
    # The parent's urgent consultation alerts the child: category and advice, not the text.
    ref = user_ref("telegram", PARENT, runtime.settings.user_ref_secret.get_secret_value())
    reply = await runtime.service.handle(Inbound("telegram", ref, text=URGENT))
    assert reply.kind == "urgent"
    assert await tg.push.after_reply(reply)
    alert = tg.last(CHILD)
    assert alert.startswith("【家人安全提醒】") and "冒充公检法" in alert
    assert "5 万" not in alert and "安全账户" not in alert and "洗钱" not in alert
    assert await tg.push.after_reply(reply) == [], "one alert per consultation and level"
    # The child also gets the tips the parent gets.
    await push_now(tg, runtime, local(1, 9))
    assert tg.last(CHILD).startswith("您守护的家人今天收到了这条提醒")
    # Either side ends the link; no more alerts.
    link_id = consent[0].rsplit(":", 1)[1]
    await tg.press(f"push:g:end:{link_id}", CHILD)
    assert f"#{link_id}" in tg.last(PARENT) and "结束" in tg.last(PARENT)
    again = await runtime.service.handle(Inbound("telegram", ref, text=URGENT + "，又转了一次"))
    assert await tg.push.after_reply(again) == []


async def test_staff_alert_preview_confirm_and_figures(tg: Harness, runtime: Runtime) -> None:
    for chat in (1, 2, 3):
        await tg.say("/subscribe", chat)
    await tg.press("push:aud:elderly", 1)
    await tg.press("push:aud:elderly", 2)
    await tg.say("/alert elderly 冒充社保局 | Fake pension office", 9)
    assert "只有工作人员" in tg.last(9)
    await tg.say("/alert elderly 近期有人冒充社保局打电话 | Fake pension office calls", STAFF_ID)
    preview = tg.last(STAFF_ID)
    assert (
        "收件人 2 位" in preview
        and "近期有人冒充社保局打电话" in preview
        and "Fake pension" in preview
    )
    confirm, cancel = tg.buttons(STAFF_ID)
    assert confirm.startswith("push:alert:ok:") and cancel.startswith("push:alert:no:")
    await push_now(tg, runtime)
    assert not any("反诈预警" in t for t in tg.fake.texts_for(1)), "not before it is confirmed"
    await tg.press(confirm, STAFF_ID)
    assert "已确认" in tg.last(STAFF_ID) and tg.push.wake.is_set()
    await push_now(tg, runtime)
    for chat in (1, 2):
        assert tg.fake.texts_for(chat)[-1].startswith("⚠️【反诈预警】近期有人冒充社保局打电话")
    assert not any("反诈预警" in t for t in tg.fake.texts_for(3))
    alert_id = confirm.rsplit(":", 1)[1]
    await tg.say(f"/alert figures {alert_id}", STAFF_ID)
    assert "已发送 2，失败 0，已屏蔽 0，待发送 0" in tg.last(STAFF_ID)


async def test_a_user_who_blocked_the_bot_is_paused(tg: Harness, runtime: Runtime) -> None:
    await tg.say("/subscribe", PARENT)
    tg.fake.blocked.add(str(PARENT))
    await push_now(tg, runtime, local(1, 9))
    sub = await row(runtime, PARENT)
    assert sub.paused and "403" in sub.paused_reason
    await push_now(tg, runtime, local(2, 9))
    async with runtime.db.session() as session:
        outcomes = (await session.exec(select(PushAttempt.outcome))).all()
    assert outcomes == ["blocked"], "tried once, then paused rather than retried"
    tg.fake.blocked.clear()
    await tg.say("/subscribe", PARENT)  # talking to the bot again resumes
    assert not (await row(runtime, PARENT)).paused


async def test_429_and_5xx_back_off_then_deliver(tg: Harness, runtime: Runtime) -> None:
    await tg.say("/subscribe", PARENT)
    await tg.say("/subscribe", CHILD)
    tg.fake.faults[str(PARENT)] = [429]
    tg.fake.faults[str(CHILD)] = [500, 502]
    started = time.monotonic()
    await push_now(tg, runtime, local(1, 9))
    assert tg.fake.texts_for(PARENT)[-1].startswith("【防骗提醒】")
    assert tg.fake.texts_for(CHILD)[-1].startswith("【防骗提醒】")
    delivered = [s.at for s in tg.fake.sent if s.chat_id == str(PARENT)][-1]
    assert delivered - started >= 1.0, "retry_after (1 s) was honoured"
    async with runtime.db.session() as session:
        outcomes = sorted((await session.exec(select(PushAttempt.outcome))).all())
    assert outcomes == ["retry", "retry", "retry", "sent", "sent"]


async def test_one_message_per_second_per_chat(tg: Harness, runtime: Runtime) -> None:
    await tg.say("/subscribe", PARENT)
    alert = await repo.create_alert(
        runtime.db, audience="all", text_zh="预警", text_en="alert", created_by="t"
    )
    await repo.set_alert_status(runtime.db, alert_id=alert.id or 0, status="confirmed")
    await push_now(tg, runtime, local(1, 9))
    times = [s.at for s in tg.fake.sent if s.chat_id == str(PARENT) and s.method == "sendMessage"]
    assert len(times) == 3  # the subscribe reply came first, then the alert and the tip
    assert times[2] - times[1] >= 0.95
