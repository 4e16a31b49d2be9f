"""Operations endpoints: liveness, readiness and Prometheus metrics."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from bot.web.deps import MetricsDep, RuntimeDep

PING_TIMEOUT_SECONDS = 5.0

router = APIRouter(tags=["operations"])


@router.get("/healthz", summary="Liveness: the process answers")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}


@router.get(
    "/readyz",
    summary="Readiness: database reachable and content loaded",
    responses={503: {"description": "Not ready; `checks` says what failed"}},
)
async def readyz(runtime: RuntimeDep) -> JSONResponse:
    try:
        db_ok = await asyncio.wait_for(runtime.db.ping(), PING_TIMEOUT_SECONDS)
    except TimeoutError:
        db_ok = False
    patterns = len(runtime.content.library.patterns)
    checks: dict[str, Any] = {
        "database": "ok" if db_ok else "unreachable",
        "content": "ok" if patterns else "no patterns loaded",
        "patterns": patterns,
    }
    ready = db_ok and patterns > 0
    body = {"status": "ready" if ready else "not_ready", "checks": checks}
    if not ready:
        body |= {"error": "unavailable", "message": "Not ready: see checks."}
    return JSONResponse(body, status_code=200 if ready else 503)


@router.get(
    "/metrics",
    summary="Prometheus metrics (text exposition format)",
    response_class=Response,
    responses={200: {"content": {"text/plain": {}}}},
)
async def metrics(metrics: MetricsDep) -> Response:
    return Response(metrics.render(), media_type=metrics.content_type)
