"""WeChat fixtures: the fake WeChat API on 127.0.0.1 and our app configured against it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.channels.wechat import WeChatChannel
from bot.core.service import LiveContent
from bot.runtime import Runtime
from bot.web.app import create_app
from tests.web.server import make_settings, open_test_runtime, serving
from tests.wechat.fakes import AES_KEY, APP_ID, APP_SECRET, TOKEN, FakeWeChatAPI, WeChatServer


@pytest.fixture
async def wechat_api() -> AsyncIterator[FakeWeChatAPI]:
    fake = FakeWeChatAPI()
    async with serving(fake.app()) as url:
        fake.base_url = url
        yield fake


class Bot:
    """Our app, served, with a WeChat-server stand-in to call it."""

    def __init__(
        self,
        runtime: Runtime,
        http: httpx.AsyncClient,
        wechat: WeChatServer,
        channel: WeChatChannel,
    ) -> None:
        self.runtime = runtime
        self.http = http
        self.wechat = wechat
        self.channel = channel

    async def send(self, xml: str, **kw: Any) -> httpx.Response:
        params, body = self.wechat.post(xml, **kw)
        return await self.http.post("/wechat", params=params, content=body)

    async def reply(self, xml: str) -> dict[str, Any]:
        """Send and return the decoded passive reply (an empty dict for "success")."""
        response = await self.send(xml)
        assert response.status_code == 200, response.text
        if response.text == "success":
            return {}
        return self.wechat.read_reply(response.text)


MakeBot = Callable[..., Awaitable[Bot]]


@pytest.fixture
async def make_bot(
    tmp_path: Path, wechat_api: FakeWeChatAPI, live_content: LiveContent
) -> AsyncIterator[MakeBot]:
    """`await make_bot(safe=True, **settings)` serves the app with WeChat configured."""
    async with AsyncExitStack() as stack:
        count = 0

        async def make(*, safe: bool = False, **overrides: Any) -> Bot:
            nonlocal count
            count += 1
            values: dict[str, Any] = {
                "wechat_token": TOKEN,
                "wechat_app_id": APP_ID,
                "wechat_app_secret": APP_SECRET,
                "wechat_api_base_url": wechat_api.base_url,
            }
            if safe:
                values["wechat_aes_key"] = AES_KEY
            values.update(overrides)
            settings = make_settings(tmp_path / f"bot{count}", **values)
            runtime = await open_test_runtime(settings, live_content)
            stack.push_async_callback(runtime.close)
            app = create_app(runtime)
            url = await stack.enter_async_context(serving(app))
            http = await stack.enter_async_context(httpx.AsyncClient(base_url=url, timeout=20))
            wechat = WeChatServer(aes_key=AES_KEY if safe else None)
            return Bot(runtime, http, wechat, app.state.wechat)

        yield make


@pytest.fixture(params=["plaintext", "safe"])
async def bot(request: pytest.FixtureRequest, make_bot: MakeBot) -> Bot:
    """The app in plaintext mode and in safe (AES) mode."""
    return await make_bot(safe=request.param == "safe")
