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

import httpx
from telegram._utils.defaultvalue import DefaultValue
from telegram._utils.types import ODVInput
from telegram.error import NetworkError, TimedOut
from telegram.request import BaseRequest, HTTPXRequest, RequestData

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
        body = json.dumps(request_data.parameters, ensure_ascii=False).encode()
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


def _given(value: ODVInput[float], default: float | None) -> float | None:
    return default if isinstance(value, DefaultValue) else value
