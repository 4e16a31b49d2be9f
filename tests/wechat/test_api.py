"""WeChatAPI against the fake API server: the token's life and the retry on token errors."""

from __future__ import annotations

from collections.abc import AsyncIterator

import httpx
import pytest

from bot.channels.wechat_api import WeChatAPI, WeChatAPIError
from tests.web.server import serving
from tests.wechat.fakes import APP_ID, APP_SECRET, FakeWeChatAPI


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def api(wechat_api: FakeWeChatAPI, clock: Clock) -> AsyncIterator[WeChatAPI]:
    client = WeChatAPI(
        base_url=wechat_api.base_url + "/", app_id=APP_ID, app_secret=APP_SECRET, clock=clock
    )
    yield client
    await client.close()


async def test_token_is_fetched_once_and_reused(api: WeChatAPI, wechat_api: FakeWeChatAPI) -> None:
    assert await api.access_token() == "ACCESS-1"
    assert await api.access_token() == "ACCESS-1"
    assert wechat_api.token_requests == [
        {"grant_type": "client_credential", "appid": APP_ID, "secret": APP_SECRET}
    ]


async def test_token_is_renewed_before_it_expires(
    api: WeChatAPI, wechat_api: FakeWeChatAPI, clock: Clock
) -> None:
    await api.access_token()
    clock.now += 7200 - 300 - 1
    assert await api.access_token() == "ACCESS-1"
    clock.now += 2
    assert await api.access_token() == "ACCESS-2"


@pytest.mark.parametrize("errcode", [40001, 40014, 42001])
async def test_token_errors_refresh_and_retry_once(
    api: WeChatAPI, wechat_api: FakeWeChatAPI, errcode: int
) -> None:
    await api.send_text("openid-1", "第一条")
    wechat_api.fail_next = [errcode]
    await api.send_text("openid-1", "第二条")
    assert len(wechat_api.token_requests) == 2
    assert wechat_api.texts() == ["第一条", "第二条"]


async def test_a_second_token_error_is_raised(api: WeChatAPI, wechat_api: FakeWeChatAPI) -> None:
    wechat_api.fail_next = [42001, 42001]
    with pytest.raises(WeChatAPIError) as caught:
        await api.send_text("openid-1", "x")
    assert caught.value.errcode == 42001 and wechat_api.sent == []


async def test_other_errors_are_not_retried(api: WeChatAPI, wechat_api: FakeWeChatAPI) -> None:
    wechat_api.fail_next = [45047]
    with pytest.raises(WeChatAPIError, match="45047"):
        await api.send_text("openid-1", "x")
    assert len(wechat_api.token_requests) == 1


async def test_bad_credentials_are_a_clear_error(wechat_api: FakeWeChatAPI) -> None:
    api = WeChatAPI(base_url=wechat_api.base_url, app_id="wrong", app_secret="wrong")
    try:
        with pytest.raises(WeChatAPIError, match="40013"):
            await api.access_token()
    finally:
        await api.close()


async def test_non_json_answers_are_errors() -> None:
    from fastapi import FastAPI
    from fastapi.responses import PlainTextResponse

    broken = FastAPI()

    @broken.get("/cgi-bin/token")
    async def token() -> PlainTextResponse:
        return PlainTextResponse("<html>gateway error</html>", status_code=502)

    async with serving(broken) as url:
        api = WeChatAPI(base_url=url, app_id=APP_ID, app_secret=APP_SECRET)
        try:
            with pytest.raises(WeChatAPIError, match="HTTP 502"):
                await api.access_token()
        finally:
            await api.close()


async def test_unreachable_api_raises_httpx_error() -> None:
    api = WeChatAPI(base_url="http://127.0.0.1:9", app_id=APP_ID, app_secret=APP_SECRET)
    try:
        with pytest.raises(httpx.HTTPError):
            await api.access_token()
    finally:
        await api.close()
