"""FastAPI dependencies as `Annotated` aliases; the objects live on `app.state`."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from bot.channels.web import WebChannel
from bot.runtime import Runtime
from bot.web.errors import ApiError
from bot.web.metrics import Metrics
from bot.web.ratelimit import RateLimiter


def _runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


def _metrics(request: Request) -> Metrics:
    metrics: Metrics = request.app.state.metrics
    return metrics


def _web(request: Request) -> WebChannel:
    channel: WebChannel = request.app.state.web
    return channel


def client_key(request: Request) -> str:
    """The client's address (uvicorn applies X-Forwarded-For from trusted proxies only)."""
    return request.client.host if request.client else "unknown"


def rate_limit(request: Request) -> None:
    """Refuse the request with 429 when this client is over the per-minute limit."""
    limiter: RateLimiter = request.app.state.rate_limiter
    wait = limiter.hit(client_key(request))
    if wait:
        raise ApiError(
            429,
            f"Too many messages; please wait {int(wait) + 1} seconds and try again.",
            headers={"Retry-After": str(int(wait) + 1)},
        )


RuntimeDep = Annotated[Runtime, Depends(_runtime)]
MetricsDep = Annotated[Metrics, Depends(_metrics)]
WebDep = Annotated[WebChannel, Depends(_web)]
RateLimited = Depends(rate_limit)
