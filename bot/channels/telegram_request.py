"""Bot API calls with JSON bodies instead of form-encoded ones.

python-telegram-bot posts every call as application/x-www-form-urlencoded. A reply in
Chinese is then percent-encoded byte by byte (each character nine bytes on the wire,
built in a Python loop): encoding a typical warning costs about three times as much
CPU as `json.dumps` of the same parameters, and the body is twice as large. The Bot API
accepts application/json for every method, so calls without files go as JSON; uploads
keep python-telegram-bot's multipart path.
"""

from __future__ import annotations

import json

import aiohttp
import httpx
from aiohttp.helpers import get_env_proxy_for_url
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData
from yarl import URL

_JSON_HEADERS = {"User-Agent": HTTPXRequest.USER_AGENT, "Content-Type": "application/json"}


class JsonHTTPXRequest(HTTPXRequest):
    """HTTPXRequest that sends the parameters of file-less calls as one JSON object."""

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if request_data is None or request_data.contains_files or self._client.is_closed:
            return await super().do_request(
                url,
                method,
                request_data,
                read_timeout,
                write_timeout,
                connect_timeout,
                pool_timeout,
            )
        body = _json_body(request_data)
        default = self._client.timeout
        timeout = httpx.Timeout(
            connect=_given(connect_timeout, default.connect),
            read=_given(read_timeout, default.read),
            write=_given(write_timeout, default.write),
            pool=_given(pool_timeout, default.pool),
        )
        # The same error mapping as HTTPXRequest.do_request, so retries and the rate
        # limiter see the exceptions they expect.
        try:
            res = await self._client.request(
                method=method, url=url, headers=_JSON_HEADERS, timeout=timeout, content=body
            )
        except httpx.TimeoutException as err:
            if isinstance(err, httpx.PoolTimeout):
                raise TimedOut(
                    message="Pool timeout: all connections in the pool are busy; "
                    "the request was not sent to Telegram."
                ) from err
            raise TimedOut from err
        except httpx.HTTPError as err:
            raise NetworkError(f"httpx.{err.__class__.__name__}: {err}") from err
        return res.status_code, res.content


def _json_body(request_data: RequestData) -> bytes:
    """The call's parameters as one UTF-8 JSON object (nested objects already dicts)."""
    return json.dumps(request_data.parameters, ensure_ascii=False).encode()


def _given(value: ODVInput[float], default: float | None) -> float | None:
    return default if isinstance(value, DefaultValue) else value


class AiohttpRequest(BaseRequest):
    """Bot API calls over aiohttp, JSON bodies; uploads go through HTTPXRequest.

    The replies are what a busy bot spends its CPU on besides the matcher: through
    httpx/httpcore each one costs about a millisecond of Python (connection-pool
    bookkeeping that walks every pooled socket, header models, anyio cancel scopes).
    aiohttp's C HTTP parser and simpler pool do the same call for a fraction of that
    (docs/benchmarks.md, Telegram throughput). aiohttp has no write timeout: a write
    that stalls is bounded by the read timeout that follows it.
    """

    def __init__(
        self,
        connection_pool_size: int = 256,
        *,
        read_timeout: float | None = 5.0,
        write_timeout: float | None = 5.0,
        connect_timeout: float | None = 5.0,
        pool_timeout: float | None = 1.0,
    ) -> None:
        self._pool_size = connection_pool_size
        self._timeouts = {
            "read": read_timeout,
            "connect": connect_timeout,
            "pool": pool_timeout,
        }
        self._session: aiohttp.ClientSession | None = None
        self._proxies: dict[str, _Proxy] = {}
        # Sending files (not something this bot does today) keeps python-telegram-bot's
        # own multipart encoding.
        self._uploads = HTTPXRequest(
            connection_pool_size=4,
            read_timeout=read_timeout,
            write_timeout=write_timeout,
            connect_timeout=connect_timeout,
            pool_timeout=pool_timeout,
        )

    @property
    def read_timeout(self) -> float | None:
        return self._timeouts["read"]

    async def initialize(self) -> None:
        if self._session is None or self._session.closed:
            self._session = aiohttp.ClientSession(
                connector=aiohttp.TCPConnector(limit=self._pool_size),
                headers={"User-Agent": HTTPXRequest.USER_AGENT},
                # Not trust_env: with it aiohttp looks up ~/.netrc and the proxy
                # variables again for every request, each time in a worker thread, which
                # cost the busy bot more than the HTTP call itself. The proxy is looked
                # up once per origin instead (`_proxy_for`).
                trust_env=False,
            )
        await self._uploads.initialize()

    async def shutdown(self) -> None:
        if self._session is not None and not self._session.closed:
            await self._session.close()
        await self._uploads.shutdown()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        if request_data is not None and request_data.contains_files:
            return await self._uploads.do_request(
                url,
                method,
                request_data,
                read_timeout,
                write_timeout,
                connect_timeout,
                pool_timeout,
            )
        if self._session is None or self._session.closed:
            raise RuntimeError("This AiohttpRequest is not initialized!")
        body = _json_body(request_data) if request_data is not None else b""
        connect = _given(connect_timeout, self._timeouts["connect"])
        pool = _given(pool_timeout, self._timeouts["pool"])
        timeout = aiohttp.ClientTimeout(
            total=None,
            # aiohttp's `connect` covers waiting for a pooled connection and opening one.
            connect=None if connect is None or pool is None else connect + pool,
            sock_connect=connect,
            sock_read=_given(read_timeout, self._timeouts["read"]),
        )
        proxy = self._proxy_for(url)
        try:
            async with self._session.request(
                method,
                url,
                data=body,
                headers=proxy.request_headers,
                timeout=timeout,
                proxy=proxy.url,
                proxy_headers=proxy.connect_headers,
            ) as res:
                return res.status, await res.read()
        except TimeoutError as err:
            raise TimedOut from err
        except aiohttp.ClientError as err:
            raise NetworkError(f"aiohttp.{err.__class__.__name__}: {err}") from err

    def _proxy_for(self, url: str) -> _Proxy:
        """HTTPS_PROXY / HTTP_PROXY / NO_PROXY for this URL's origin, as httpx honours them.

        Where Telegram is only reachable through a proxy, replies must be too. Read once
        per origin: the Bot API calls all go to one or two origins, and the environment
        does not change under a running process.
        """
        origin = url.split("/", 3)[:3]
        key = "/".join(origin)
        found = self._proxies.get(key)
        if found is None:
            found = self._proxies[key] = _Proxy.from_env(URL(key))
        return found


class _Proxy:
    """Where one origin's calls go, and the headers that carry the proxy's password.

    Through an HTTPS tunnel the password goes on the CONNECT request; to a plain-HTTP
    origin, on every request itself (aiohttp sends `proxy_headers` only on CONNECT).
    """

    __slots__ = ("url", "request_headers", "connect_headers")

    def __init__(
        self,
        url: URL | None = None,
        request_headers: dict[str, str] | None = None,
        connect_headers: dict[str, str] | None = None,
    ) -> None:
        self.url = url
        self.request_headers = request_headers or _JSON_ONLY
        self.connect_headers = connect_headers

    @classmethod
    def from_env(cls, origin: URL) -> _Proxy:
        try:
            proxy, auth = get_env_proxy_for_url(origin)
        except LookupError:  # no proxy set for this scheme, or NO_PROXY covers the host
            return cls()
        if auth is None:
            return cls(proxy)
        password = {"Proxy-Authorization": auth.encode()}
        if origin.scheme == "https":
            return cls(proxy, connect_headers=password)
        return cls(proxy, request_headers={**_JSON_ONLY, **password})


_JSON_ONLY = {"Content-Type": "application/json"}
