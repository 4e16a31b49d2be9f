"""Health, readiness, metrics, OpenAPI and the JSON error bodies, over real HTTP."""

from __future__ import annotations

import dataclasses
import logging
import sys
import types
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import APIRouter, FastAPI

from bot.core.messages import Inbound, Reply
from bot.core.service import LiveContent
from bot.runtime import Runtime
from bot.web.app import create_app
from tests.web.server import make_settings, open_test_runtime, serving

POLICE = "有人自称公安说我涉嫌洗钱，让我把钱转到安全账户"


async def test_healthz(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200 and response.json() == {"status": "ok"}


async def test_readyz_when_ready(client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")
    body = response.json()
    assert response.status_code == 200 and body["status"] == "ready"
    assert body["checks"]["database"] == "ok" and body["checks"]["patterns"] > 10


async def test_readyz_without_database(
    client: httpx.AsyncClient, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def unreachable() -> bool:
        return False

    monkeypatch.setattr(runtime.db, "ping", unreachable)
    response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "unreachable"
    assert response.json()["error"] == "unavailable"


async def test_readyz_without_content(client: httpx.AsyncClient, runtime: Runtime) -> None:
    content = runtime.content
    empty = dataclasses.replace(content.library, patterns=())
    runtime.service.reload(dataclasses.replace(content, library=empty))
    response = await client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["content"] == "no patterns loaded"


async def test_metrics_count_consultations_and_latency(client: httpx.AsyncClient) -> None:
    await client.post("/api/chat", json={"text": POLICE})
    await client.post("/api/chat", json={"text": "你好"})
    response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert (
        'fraudbot_consultations_total{category="impersonate_police",channel="web",risk="high"} 1.0'
        in text
    )
    assert 'fraudbot_replies_total{channel="web",kind="greeting"} 1.0' in text
    assert 'fraudbot_reply_seconds_count{channel="web"} 2.0' in text


async def test_each_app_has_its_own_registry(runtime: Runtime) -> None:
    first, second = create_app(runtime), create_app(runtime)
    assert first.state.metrics.registry is not second.state.metrics.registry
    await runtime.service.handle(Inbound("web", "web:x", text=POLICE))
    assert b"fraudbot_consultations_total{" in second.state.metrics.render()
    assert b"fraudbot_consultations_total{" not in first.state.metrics.render()


async def test_openapi_describes_the_json_api(client: httpx.AsyncClient) -> None:
    spec = (await client.get("/openapi.json")).json()
    assert {"/api/chat", "/api/action", "/healthz", "/readyz", "/metrics"} <= spec["paths"].keys()
    schemas = spec["components"]["schemas"]
    assert {"ChatIn", "ActionIn", "ReplyOut"} <= schemas.keys()
    assert "paid" in schemas["ActionIn"]["properties"]["action"]["description"]
    docs = await client.get("/docs")
    assert docs.status_code == 200 and "/static/docs.js" in docs.text
    assert "cdn" not in docs.text.lower() and "<script>" not in docs.text


@pytest.mark.parametrize(
    ("method", "path", "status", "code"),
    [
        ("GET", "/nowhere", 404, "not_found"),
        ("GET", "/static/missing.js", 404, "not_found"),
        ("DELETE", "/api/chat", 405, "method_not_allowed"),
        ("GET", "/api/chat", 405, "method_not_allowed"),
    ],
)
async def test_errors_are_json(
    client: httpx.AsyncClient, method: str, path: str, status: int, code: str
) -> None:
    response = await client.request(method, path)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/json"
    assert response.json()["error"] == code and response.json()["message"]


async def test_validation_error_names_the_field(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/chat", json={"txt": "hello"})
    assert response.status_code == 422
    body = response.json()
    assert body["error"] == "invalid_request" and "text" in body["message"]
    assert {"field": "text", "problem": "Field required"} in body["details"]


async def test_non_json_body_is_refused(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/chat", content=b'{"text": "hi"}', headers={"Content-Type": "text/plain"}
    )
    assert response.status_code == 422 and response.json()["error"] == "invalid_request"


async def test_declared_body_over_limit_is_413(client: httpx.AsyncClient, runtime: Runtime) -> None:
    limit = runtime.settings.max_request_bytes
    response = await client.post("/api/chat", json={"text": "字" * limit})
    assert response.status_code == 413
    assert response.json() == {
        "error": "too_large",
        "message": f"Request body is larger than the limit of {limit} bytes.",
    }


async def test_streamed_body_over_limit_is_413(client: httpx.AsyncClient, runtime: Runtime) -> None:
    chunk = b"x" * 8192

    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(runtime.settings.max_request_bytes // len(chunk) + 2):
            yield chunk

    response = await client.post(
        "/api/chat", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert "content-length" not in response.request.headers  # really chunked
    assert response.status_code == 413 and response.json()["error"] == "too_large"


async def test_crash_is_a_json_500(
    client: httpx.AsyncClient, runtime: Runtime, monkeypatch: pytest.MonkeyPatch
) -> None:
    async def broken(inbound: Inbound) -> Reply:
        raise RuntimeError("database on fire")

    monkeypatch.setitem(runtime.service.__dict__, "_unmetered_handle", broken)
    create_app(runtime)  # re-meter around the broken handler; our app shares the service
    response = await client.post("/api/chat", json={"text": POLICE})
    assert response.status_code == 500
    assert response.json() == {
        "error": "internal_error",
        "message": "Something went wrong on our side; please try again.",
    }
    assert "fire" not in response.text


def _fake_telegram_module(calls: list[object]) -> types.ModuleType:
    module = types.ModuleType("bot.web.telegram_webhook")

    def telegram_router(channel: object) -> APIRouter:
        calls.append(channel)
        router = APIRouter()

        @router.post("/telegram/webhook")
        async def webhook() -> dict[str, bool]:
            return {"ok": True}

        return router

    module.telegram_router = telegram_router  # type: ignore[attr-defined]
    return module


async def test_telegram_router_is_included_when_a_channel_is_given(
    tmp_path: Path, live_content: LiveContent, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []
    monkeypatch.setitem(sys.modules, "bot.web.telegram_webhook", _fake_telegram_module(calls))
    runtime = await open_test_runtime(make_settings(tmp_path), live_content)
    try:
        channel = object()
        app: FastAPI = create_app(runtime, channel)  # type: ignore[arg-type]
        assert calls == [channel]
        async with serving(app) as url, httpx.AsyncClient(base_url=url) as http:
            assert (await http.post("/telegram/webhook")).json() == {"ok": True}
        assert create_app(runtime).routes != app.routes
    finally:
        await runtime.close()


async def test_missing_telegram_module_is_logged_not_fatal(
    runtime: Runtime, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setitem(sys.modules, "bot.web.telegram_webhook", None)  # import fails
    with caplog.at_level(logging.ERROR, logger="bot.web.app"):
        app = create_app(runtime, object())  # type: ignore[arg-type]
    assert "telegram_webhook.py could not be imported" in caplog.text
    assert not any(getattr(r, "path", "") == "/telegram/webhook" for r in app.routes)
