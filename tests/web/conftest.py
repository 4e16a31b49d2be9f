"""Web app fixtures: a runtime on a fresh SQLite file, the app served on a free port."""

from __future__ import annotations

import os
import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from playwright.async_api import Browser, async_playwright

from bot.core.service import LiveContent
from bot.runtime import Runtime
from bot.web.app import create_app
from tests.web.server import make_settings, open_test_runtime, serving


@pytest.fixture
async def runtime(tmp_path: Path, live_content: LiveContent) -> AsyncIterator[Runtime]:
    rt = await open_test_runtime(make_settings(tmp_path), live_content)
    try:
        yield rt
    finally:
        await rt.close()


@pytest.fixture
def app(runtime: Runtime) -> FastAPI:
    return create_app(runtime)


@pytest.fixture
async def base_url(app: FastAPI) -> AsyncIterator[str]:
    async with serving(app) as url:
        yield url


@pytest.fixture
async def client(base_url: str) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(base_url=base_url, timeout=20) as http:
        yield http


# --- browser -------------------------------------------------------------------------

CHROMIUM = Path(os.environ.get("FRAUDBOT_CHROMIUM", "/usr/bin/chromium"))
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    """Debian's headless Chromium driven by Playwright (no browser download needed)."""
    if not CHROMIUM.exists():
        reason = f"Chromium not found at {CHROMIUM}: apt-get install chromium"
        if os.environ.get("FRAUDBOT_REQUIRE_BROWSER") == "1":
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=LAUNCH_ARGS, headless=True
        )
        try:
            yield launched
        finally:
            await launched.close()


@pytest.fixture
def screenshots(request: pytest.FixtureRequest) -> Path:
    """Where this test saves its screenshots: test-output/browser/<test>/ (or
    $FRAUDBOT_TEST_OUTPUT/browser/<test>/)."""
    root = Path(os.environ.get("FRAUDBOT_TEST_OUTPUT", REPO / "test-output"))
    folder = root / "browser" / re.sub(r"[^A-Za-z0-9_.-]", "_", request.node.name)
    folder.mkdir(parents=True, exist_ok=True)
    return folder
