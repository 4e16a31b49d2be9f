"""`fraudbot serve` as an operator runs it: a real process, a real port, a real signal."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def test_serve_starts_answers_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "WEB_PORT": "0",
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'serve.db'}",
        "TELEGRAM_BOT_TOKEN": "",
    }
    env.pop("TELEGRAM_BOT_TOKEN")
    with subprocess.Popen(
        [sys.executable, "-m", "bot", "serve"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as proc:
        _drive(proc)


def _drive(proc: subprocess.Popen[str]) -> None:
    try:
        url = None
        deadline = time.monotonic() + 60
        while url is None and time.monotonic() < deadline:
            line = proc.stdout.readline() if proc.stdout else ""
            found = re.search(r"Web chat: (http://\S+)", line)
            url = found.group(1) if found else None
        assert url, "serve did not print its address"
        assert httpx.get(url + "healthz", timeout=10).json()["status"] == "ok"
        reply = httpx.post(
            url + "api/chat", json={"text": "有人说是公安，让我把钱转到安全账户"}, timeout=10
        )
        assert reply.status_code == 200 and reply.json()["kind"] == "assessment"
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=10)


async def test_serve_with_telegram_replies_subscribes_and_stops(tmp_path: Path) -> None:
    """The whole process with a token: polling, a consultation, /subscribe, clean SIGTERM."""
    import asyncio

    from tests.telegram import updates as u
    from tests.telegram.fake_bot_api import TOKEN, FakeBotApi

    api = FakeBotApi()
    await api.start()
    env = {
        **os.environ,
        "WEB_PORT": "0",
        "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path / 'serve.db'}",
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": api.base_url,
        "TELEGRAM_API_FILE_URL": api.file_url,
    }
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "serve", cwd=tmp_path, env=env,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.STDOUT,
    )  # fmt: skip
    seen: list[bytes] = []
    try:
        async with asyncio.timeout(60):
            while b"Telegram: running" not in (line := await proc.stdout.readline()):  # type: ignore[union-attr]
                seen.append(line)
                assert line, f"serve exited before Telegram started: {b''.join(seen)[-1500:]!r}"
        api.push(u.message("有人说是公安，让我把钱转到安全账户"))
        [reply] = await api.wait_sent(1, timeout=20)
        assert "诈骗" in reply.text
        api.push(u.command("/subscribe"))
        await api.wait_sent(2, timeout=20)
        assert "09:00" in api.sent()[-1].text
        proc.send_signal(signal.SIGTERM)
        async with asyncio.timeout(30):
            assert await proc.wait() == 0
    finally:
        if proc.returncode is None:
            proc.kill()
            await proc.wait()
        await api.stop()


def test_the_printed_address_accepts_connections_before_the_server_runs() -> None:
    """serve prints the address before uvicorn has started; a client that connects at once
    (a health check, a person clicking the link) must wait in the backlog, not be refused."""
    from bot.serve import _bind
    from bot.settings import Settings

    sock = _bind(Settings(_env_file=None, web_host="127.0.0.1", web_port=0))  # type: ignore[call-arg]
    try:
        with socket.create_connection(sock.getsockname()[:2], timeout=5):
            pass
    finally:
        sock.close()
