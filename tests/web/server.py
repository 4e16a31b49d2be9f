"""Run an ASGI app under uvicorn on 127.0.0.1 with a free port, for real HTTP tests."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import uvicorn

from bot.core.service import ConsultationService, LiveContent
from bot.runtime import Runtime
from bot.settings import Settings
from bot.storage.db import Database

START_TIMEOUT_SECONDS = 10.0
STOP_TIMEOUT_SECONDS = 15.0


def make_settings(tmp_path: Path, **overrides: Any) -> Settings:
    """Settings for one test: a fresh SQLite file and a generous rate limit."""
    values: dict[str, Any] = {
        "database_url": f"sqlite+aiosqlite:///{tmp_path / 'data' / 'fraudbot.db'}",
        "web_rate_limit_per_minute": 10_000,
        "org_hotline": "95588",
        "org_name_zh": "测试银行",
        "org_name_en": "Test Bank",
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@asynccontextmanager
async def serving(app: Any) -> AsyncIterator[str]:
    """Serve `app` until the block ends; yields its base URL."""
    # proto=IPPROTO_TCP matters: asyncio only sets TCP_NODELAY on accepted connections of
    # such sockets, and without it every response waits ~40 ms for a delayed ACK.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(app, log_level="warning", lifespan="on", ws="none", access_log=False)
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + START_TIMEOUT_SECONDS
        while not server.started and not task.done() and loop.time() < deadline:
            await asyncio.sleep(0.01)
        if not server.started:
            raise RuntimeError("uvicorn did not start")
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, STOP_TIMEOUT_SECONDS)
        sock.close()


async def open_test_runtime(settings: Settings, content: LiveContent) -> Runtime:
    """`open_runtime`, but with content loaded once per session (loading takes ~0.6 s)."""
    db = Database(settings.database_url)
    await db.init()
    return Runtime(settings, db, ConsultationService(settings=settings, db=db, content=content))
