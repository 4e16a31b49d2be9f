"""The Bot API requests: JSON bodies, and the errors python-telegram-bot expects.

AiohttpRequest carries every reply of the bot; JsonHTTPXRequest the pushed tips. Both
run here against the fake Bot API on 127.0.0.1.
"""

from __future__ import annotations

import asyncio
import base64
import socket
from collections.abc import AsyncIterator

import pytest
from telegram import Bot, InputFile  # noqa: TID251 - the Telegram edge itself is under test
from telegram.error import NetworkError, RetryAfter, TelegramError, TimedOut
from telegram.request import BaseRequest
from yarl import URL

from bot.channels.telegram_request import AiohttpRequest, JsonHTTPXRequest
from tests.telegram.fake_bot_api import TOKEN, FakeBotApi

REQUESTS = {
    "aiohttp": lambda: AiohttpRequest(4, read_timeout=0.5),
    "httpx-json": lambda: JsonHTTPXRequest(connection_pool_size=4, read_timeout=0.5),
}


@pytest.fixture
async def api() -> AsyncIterator[FakeBotApi]:
    server = FakeBotApi()
    await server.start()
    yield server
    await server.stop()


@pytest.fixture(params=sorted(REQUESTS))
def request_factory(request: pytest.FixtureRequest) -> object:
    return REQUESTS[request.param]


async def _bot(api: FakeBotApi, request: BaseRequest) -> Bot:
    bot = Bot(TOKEN, base_url=api.base_url, request=request)
    await bot.initialize()
    return bot


async def test_send_message_goes_as_json_with_text_and_markup_intact(
    api: FakeBotApi, request_factory: object
) -> None:
    bot = await _bot(api, request_factory())  # type: ignore[operator]
    text = "<b>马上挂断</b> 不要转账 · call 110 ＆ 96110 {{ 7*7 }} &amp; \u202e"
    markup = {"inline_keyboard": [[{"text": "我已经转账", "callback_data": "paid"}]]}
    await bot._post("sendMessage", {"chat_id": 42, "text": text, "reply_markup": markup})
    sent = await bot.send_message(42, "second", disable_notification=True)
    await bot.shutdown()
    first, second = api.sent(42)
    assert first.json_body and second.json_body
    assert first.text == text and first.params["reply_markup"] == markup
    assert second.params["disable_notification"] == "true"
    assert sent.message_id > 0 and sent.chat.id == 42  # the answer parses as usual


async def test_429_and_5xx_map_to_python_telegram_bot_errors(
    api: FakeBotApi, request_factory: object
) -> None:
    bot = await _bot(api, request_factory())  # type: ignore[operator]
    api.fail("sendMessage", 429)
    with pytest.raises(RetryAfter):
        await bot.send_message(42, "hi")
    api.fail("sendMessage", 502)
    with pytest.raises(NetworkError):
        await bot.send_message(42, "hi")
    await bot.send_message(42, "again")
    await bot.shutdown()
    assert [c.status for c in api.of("sendMessage", ok_only=False)] == [429, 502, 200]


async def test_a_stalled_server_is_a_timeout(api: FakeBotApi, request_factory: object) -> None:
    bot = await _bot(api, request_factory())  # type: ignore[operator]
    api.stall = 2.0  # longer than the 0.5 s read timeout
    with pytest.raises(TimedOut):
        await bot.send_message(42, "hi")
    api.stall = 0.0
    await bot.shutdown()


async def test_a_refused_connection_is_a_network_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nothing listens there
    request = AiohttpRequest(2, connect_timeout=1.0)
    await request.initialize()
    with pytest.raises(NetworkError):
        await request.post(f"http://127.0.0.1:{port}/bot{TOKEN}/getMe")
    await request.shutdown()


async def test_aiohttp_request_must_be_initialized_and_closes_on_shutdown(
    api: FakeBotApi,
) -> None:
    request = AiohttpRequest(2)
    with pytest.raises(RuntimeError, match="not initialized"):
        await request.do_request(f"{api.base_url}{TOKEN}/getMe", "POST")
    await request.initialize()
    code, body = await request.do_request(f"{api.base_url}{TOKEN}/getMe", "POST")
    assert code == 200 and b'"ok":true' in body.replace(b" ", b"")
    await request.shutdown()
    with pytest.raises(RuntimeError):
        await request.do_request(f"{api.base_url}{TOKEN}/getMe", "POST")


async def test_files_go_as_multipart_through_python_telegram_bot(api: FakeBotApi) -> None:
    bot = await _bot(api, AiohttpRequest(2))
    with pytest.raises(TelegramError):  # the fake has no sendDocument: 404
        await bot.send_document(42, InputFile(b"case notes", filename="case.txt"))
    await bot.shutdown()
    [call] = api.of("sendDocument", ok_only=False)
    assert call.content_type.startswith("multipart/form-data") and not call.json_body


class _RelayProxy:
    """A plain-HTTP forward proxy on 127.0.0.1 that relays to the fake Bot API.

    Records each connection's first request line and Proxy-Authorization header.
    """

    def __init__(self) -> None:
        self.seen: list[tuple[str, str | None]] = []
        self._server: asyncio.Server | None = None
        self.port = 0

    async def start(self) -> None:
        self._server = await asyncio.start_server(self._relay, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]

    async def stop(self) -> None:
        assert self._server is not None
        self._server.close()
        await self._server.wait_closed()

    async def _relay(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        # One request per connection: it goes upstream with "Connection: close", so the
        # answer carries it too and the client opens a new connection for the next call.
        head = await reader.readuntil(b"\r\n\r\n")
        first, *fields = head.decode("latin-1").rstrip("\r\n").split("\r\n")
        headers = dict(f.split(": ", 1) for f in fields)
        self.seen.append((first, headers.pop("Proxy-Authorization", None)))
        method, target, version = first.split(" ")
        if method == "CONNECT":  # a tunnel to the real Telegram: refused, nothing leaves
            writer.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
            writer.close()
            return
        body = await reader.readexactly(int(headers.get("Content-Length", "0")))
        url = URL(target)  # absolute form: http://127.0.0.1:PORT/bot.../method
        headers["Connection"] = "close"
        up_reader, up_writer = await asyncio.open_connection(url.host, url.port)
        lines = [f"{method} {url.raw_path_qs} {version}"] + [
            f"{k}: {v}" for k, v in headers.items()
        ]
        up_writer.write(("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body)
        writer.write(await up_reader.read())  # until the API closes: the whole answer
        await writer.drain()
        for w in (up_writer, writer):
            w.close()


def _proxy_env(monkeypatch: pytest.MonkeyPatch, name: str, url: str, no_proxy: str) -> None:
    """`name` (HTTP_PROXY or HTTPS_PROXY) and NO_PROXY set; their lowercase twins, which
    urllib also reads, removed."""
    monkeypatch.setenv(name, url)
    monkeypatch.setenv("NO_PROXY", no_proxy)
    monkeypatch.delenv(name.lower(), raising=False)
    monkeypatch.delenv("no_proxy", raising=False)


@pytest.fixture
async def proxy() -> AsyncIterator[_RelayProxy]:
    relay = _RelayProxy()
    await relay.start()
    yield relay
    await relay.stop()


async def test_replies_go_through_the_proxy_named_in_the_environment(
    api: FakeBotApi, proxy: _RelayProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    _proxy_env(monkeypatch, "HTTP_PROXY", f"http://staff:s3cret@127.0.0.1:{proxy.port}", "")
    bot = await _bot(api, AiohttpRequest(2, read_timeout=2.0))
    await bot.send_message(42, "经过代理")
    await bot.send_message(42, "again")  # the looked-up proxy is reused
    await bot.shutdown()
    assert [c.text for c in api.sent(42)] == ["经过代理", "again"]
    first_line, auth = proxy.seen[0]
    assert first_line.startswith(f"POST {api.base_url}{TOKEN}/") and first_line.endswith("HTTP/1.1")
    assert auth == "Basic " + base64.b64encode(b"staff:s3cret").decode()


async def test_no_proxy_sends_replies_straight_to_the_api(
    api: FakeBotApi, proxy: _RelayProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    _proxy_env(monkeypatch, "HTTP_PROXY", f"http://127.0.0.1:{proxy.port}", "127.0.0.1")
    bot = await _bot(api, AiohttpRequest(2, read_timeout=2.0))
    await bot.send_message(42, "direct")
    await bot.shutdown()
    assert [c.text for c in api.sent(42)] == ["direct"] and proxy.seen == []


async def test_to_https_the_proxy_password_goes_on_the_tunnel_request(
    proxy: _RelayProxy, monkeypatch: pytest.MonkeyPatch
) -> None:
    _proxy_env(monkeypatch, "HTTPS_PROXY", f"http://staff:s3cret@127.0.0.1:{proxy.port}", "")
    request = AiohttpRequest(2, connect_timeout=2.0)
    await request.initialize()
    with pytest.raises(NetworkError):  # the relay refuses the tunnel
        await request.post(f"https://api.telegram.org/bot{TOKEN}/getMe")
    await request.shutdown()
    [(first_line, auth)] = proxy.seen
    assert first_line == "CONNECT api.telegram.org:443 HTTP/1.1"
    assert auth == "Basic " + base64.b64encode(b"staff:s3cret").decode()
