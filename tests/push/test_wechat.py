"""The push on WeChat: the customer-service sender against a fake WeChat API on loopback,
and the text commands that stand in for buttons."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from bot.channels.wechat_api import WeChatAPI
from bot.push import wechat_hooks as wx
from bot.push.engine import EngineConfig
from bot.push.scheduler import run_once
from bot.push.screens import Contact
from bot.push.service import PushService, web_notice
from bot.runtime import Runtime
from tests.push.fake_telegram import FakeTelegram
from tests.push.helpers import local

FAST = EngineConfig(concurrency=2, backoff_base=0.01, max_wait=5.0)


@dataclass
class FakeWeChat(FakeTelegram):
    """The same loopback server, answering WeChat's token and custom-send calls."""

    errcodes: dict[str, list[int]] = field(default_factory=dict)
    texts: dict[str, list[str]] = field(default_factory=dict)

    def _route(self, verb: str, path: str, body: bytes) -> tuple[int, dict[str, Any]]:
        if path.startswith("/cgi-bin/token"):
            return 200, {"access_token": "TOKEN", "expires_in": 7200}
        payload = json.loads(body or b"{}")
        openid = payload.get("touser", "")
        queue = self.errcodes.get(openid)
        if queue:
            return 200, {"errcode": queue.pop(0), "errmsg": "injected"}
        self.texts.setdefault(openid, []).append(payload["text"]["content"])
        return 200, {"errcode": 0, "errmsg": "ok"}


@pytest.fixture
async def fake_wx() -> AsyncIterator[FakeWeChat]:
    fake = FakeWeChat()
    await fake.start()
    try:
        yield fake
    finally:
        await fake.stop()


def contact(openid: str) -> Contact:
    return Contact("wechat", openid, f"wechat:{openid}")


async def test_text_commands_subscribe_set_and_receive(
    runtime: Runtime, fake_wx: FakeWeChat
) -> None:
    service = PushService(runtime)
    assert await wx.handle_text(service, contact("o1"), "有人让我转账") is None
    result = await wx.handle_text(service, contact("o1"), "订阅")
    assert (
        result is not None
        and "订阅成功" in wx.render(result)
        and "「English」" in wx.render(result)
    )
    await wx.handle_text(service, contact("o1"), "时间 08:30")
    changed = await wx.handle_text(service, contact("o1"), "长辈模式：开")
    assert (
        changed is not None
        and "08:30" in changed.screen.text
        and "长辈模式：开（" in changed.screen.text
    )
    api = WeChatAPI(base_url=f"http://127.0.0.1:{fake_wx.port}", app_id="app", app_secret="s")
    try:
        sender = wx.WeChatSender(api)
        fake_wx.errcodes["o2"] = [43004]
        await wx.handle_text(service, contact("o2"), "subscribe")
        figures = await run_once(runtime, {"wechat": sender}, local(1, 8, 30), config=FAST)
        figures_next = await run_once(runtime, {"wechat": sender}, local(1, 9), config=FAST)
    finally:
        await api.close()
    assert figures.sent == 1 and figures_next.blocked == 1
    [tip] = fake_wx.texts["o1"]
    assert tip.startswith("【防骗提醒】") and tip.endswith("就发给我看看。")
    assert (await service.row(contact("o2"))).paused  # type: ignore[union-attr]


async def test_follow_offer_unfollow_pause_and_web_notice(runtime: Runtime) -> None:
    service = PushService(runtime)
    assert "「订阅」" in await wx.on_follow(service, contact("o3"))
    await wx.handle_text(service, contact("o3"), "订阅")
    await wx.on_unfollow(service, contact("o3"))
    assert (await service.row(contact("o3"))).paused  # type: ignore[union-attr]
    await wx.on_follow(service, contact("o3"))
    assert not (await service.row(contact("o3"))).paused  # type: ignore[union-attr]
    assert "Telegram" in web_notice("zh") and "WeChat" in web_notice("en")
