"""The WeChat API calls the channel makes: the access token and customer-service messages.

Every call goes to `WECHAT_API_BASE_URL` (the token request included), so tests and
proxies can stand in for api.weixin.qq.com. This replaces wechatpy's `WeChatClient`,
whose `fetch_access_token` hard-codes the official host and whose calls block.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Callable
from typing import Any

import httpx

log = logging.getLogger(__name__)

# "invalid credential", "invalid access_token", "access_token expired"
TOKEN_ERRORS = frozenset({40001, 40014, 42001})
REFRESH_MARGIN_SECONDS = 300  # renew this long before WeChat says the token expires
TIMEOUT_SECONDS = 10.0


class WeChatAPIError(Exception):
    """WeChat answered with a non-zero errcode, or not with JSON."""

    def __init__(self, errcode: int, errmsg: str) -> None:
        super().__init__(f"WeChat API error {errcode}: {errmsg}")
        self.errcode = errcode
        self.errmsg = errmsg


class WeChatAPI:
    """Async client with a cached access token, refreshed once when WeChat rejects it."""

    def __init__(
        self,
        *,
        base_url: str,
        app_id: str,
        app_secret: str,
        client: httpx.AsyncClient | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.app_id = app_id
        self._secret = app_secret
        self._client = client or httpx.AsyncClient(timeout=TIMEOUT_SECONDS)
        self._clock = clock
        self._token: str | None = None
        self._expires_at = 0.0
        self._lock = asyncio.Lock()

    async def access_token(self) -> str:
        """The cached token, fetched from `/cgi-bin/token` when missing or near expiry."""
        async with self._lock:
            if self._token is None or self._clock() >= self._expires_at:
                await self._fetch_token()
            assert self._token is not None
            return self._token

    def invalidate(self, token: str) -> None:
        """Forget `token` (unless another call already replaced it)."""
        if self._token == token:
            self._token = None

    async def _fetch_token(self) -> None:
        params = {"grant_type": "client_credential", "appid": self.app_id, "secret": self._secret}
        data = self._json(await self._client.get(self._url("/cgi-bin/token"), params=params))
        token = data.get("access_token")
        if not isinstance(token, str) or not token:
            raise WeChatAPIError(-1, "token response without access_token")
        lifetime = int(data.get("expires_in", 7200))
        self._token = token
        self._expires_at = self._clock() + max(60, lifetime - REFRESH_MARGIN_SECONDS)

    async def send_text(self, openid: str, content: str) -> None:
        """Send a customer-service text message (`/cgi-bin/message/custom/send`)."""
        payload = {"touser": openid, "msgtype": "text", "text": {"content": content}}
        await self.post("/cgi-bin/message/custom/send", payload)

    async def post(self, path: str, payload: dict[str, Any]) -> dict[str, Any]:
        """POST JSON with the access token; on a token error refresh it and retry once."""
        # WeChat shows \\u escapes literally, so the body must be raw UTF-8.
        body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
        headers = {"Content-Type": "application/json; charset=utf-8"}
        for attempt in (1, 2):
            token = await self.access_token()
            response = await self._client.post(
                self._url(path), params={"access_token": token}, content=body, headers=headers
            )
            try:
                return self._json(response)
            except WeChatAPIError as exc:
                if exc.errcode not in TOKEN_ERRORS or attempt == 2:
                    raise
                log.info("wechat: access token rejected (%s); refreshing", exc.errcode)
                self.invalidate(token)
        raise AssertionError("unreachable")

    def _json(self, response: httpx.Response) -> dict[str, Any]:
        try:
            data = response.json()
        except ValueError:
            raise WeChatAPIError(-1, f"HTTP {response.status_code}, not JSON") from None
        if not isinstance(data, dict):
            raise WeChatAPIError(-1, "response is not a JSON object")
        errcode = int(data.get("errcode", 0) or 0)
        if errcode:
            raise WeChatAPIError(errcode, str(data.get("errmsg", "")))
        return data

    def _url(self, path: str) -> str:
        return self.base_url + path

    async def close(self) -> None:
        await self._client.aclose()
