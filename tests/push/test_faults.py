"""Exactly once under faults, counted at the fake Bot API: `fraudbot push run-once`
subprocesses killed with SIGKILL mid-run and run again, and two at once on PostgreSQL.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from sqlalchemy import func
from sqlmodel import col, select

from bot.push.models import PushAttempt, PushDelivery
from bot.storage.db import Database
from tests.push.conftest import TOKEN
from tests.push.fake_telegram import FakeTelegram
from tests.push.helpers import local, many

ROOT = Path(__file__).resolve().parents[2]
COUNT = 200
CONCURRENCY = 8
AT = local(0, 9, 1).isoformat()


def _env(fake: FakeTelegram, url: str, rate: int) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": url,
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": f"http://127.0.0.1:{fake.port}/bot",
        "PUSH_LEASE_SECONDS": "1",
        "PUSH_TELEGRAM_PER_SECOND": str(rate),
        "PUSH_CONCURRENCY": str(CONCURRENCY),
    }


async def _worker(
    fake: FakeTelegram, url: str, cwd: Path, rate: int = 400
) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.push.cli",
        "push",
        "run-once",
        "--at",
        AT,
        cwd=cwd,
        env={**_env(fake, url, rate), "PYTHONPATH": str(ROOT)},
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def _finish(proc: asyncio.subprocess.Process) -> str:
    out, err = await asyncio.wait_for(proc.communicate(), 120)
    assert proc.returncode == 0, err.decode()[-3000:]
    return out.decode()


async def _until(
    check: Callable[[], Awaitable[bool]],
    proc: asyncio.subprocess.Process | None = None,
    seconds: float = 60,
) -> None:
    for _ in range(int(seconds / 0.02)):
        if await check():
            return
        if proc is not None and proc.returncode is not None:
            _, err = await proc.communicate()
            raise AssertionError(f"the worker exited early: {err.decode()[-3000:]}")
        await asyncio.sleep(0.02)
    raise AssertionError("condition not reached in time")


async def _count(db: Database, status: str) -> int:
    query = select(func.count()).where(col(PushDelivery.status) == status)
    async with db.session() as session:
        return int((await session.exec(query)).one())


def _check_each_once(fake: FakeTelegram, chats: int = COUNT) -> None:
    assert len(fake.counts) == chats, f"missing: {chats - len(fake.counts)}"
    duplicates = {c: n for c, n in fake.counts.items() if n > 1}
    assert not duplicates, f"duplicates: {duplicates}"


async def _kill(proc: asyncio.subprocess.Process) -> None:
    proc.send_signal(signal.SIGKILL)
    await proc.wait()


async def test_worker_killed_while_the_api_stalls_then_rerun(
    pdb: Database, fake_tg: FakeTelegram, tmp_path: Path
) -> None:
    """SIGKILL while requests hang unanswered: the rerun sends them, and only them."""
    await many(pdb, COUNT, channel="telegram")
    fake_tg.frozen = asyncio.Event()
    first = await _worker(fake_tg, pdb.url, tmp_path)

    async def some_sent() -> bool:
        return sum(fake_tg.counts.values()) >= COUNT // 3

    await _until(some_sent, first)
    fake_tg.frozen.set()  # the API stops answering; nothing more is delivered

    async def answered_are_recorded() -> bool:
        return await _count(pdb, "sent") == sum(fake_tg.counts.values())

    await _until(answered_are_recorded, first)
    await _kill(first)
    in_flight = await _count(pdb, "sending")
    assert 0 < in_flight <= CONCURRENCY * 5 and sum(fake_tg.counts.values()) < COUNT
    fake_tg.frozen.clear()
    await _finish(await _worker(fake_tg, pdb.url, tmp_path))
    _check_each_once(fake_tg)
    assert await _count(pdb, "sent") == COUNT


@pytest.mark.postgres
async def test_worker_killed_at_a_random_moment_loses_nothing(
    pdb: Database, fake_tg: FakeTelegram, tmp_path: Path
) -> None:
    """SIGKILL mid-stream: nothing is lost; a message the API took in the instant before
    the kill may go twice (at most one per send in flight), as docs/push.md explains."""
    if pdb.is_sqlite:
        pytest.skip("the stalled-API kill test covers SQLite; this one runs on PostgreSQL")
    await many(pdb, COUNT, channel="telegram")
    first = await _worker(fake_tg, pdb.url, tmp_path)

    async def half_sent() -> bool:
        return sum(fake_tg.counts.values()) >= COUNT // 2

    await _until(half_sent, first)
    await _kill(first)
    await _finish(await _worker(fake_tg, pdb.url, tmp_path))
    assert len(fake_tg.counts) == COUNT, "none missing"
    extra = sum(fake_tg.counts.values()) - COUNT
    assert extra <= CONCURRENCY, f"{extra} duplicates, more than the sends in flight"
    assert await _count(pdb, "sent") == COUNT


@pytest.mark.postgres
async def test_two_worker_processes_on_postgres(
    pdb: Database, fake_tg: FakeTelegram, tmp_path: Path
) -> None:
    if pdb.is_sqlite:
        pytest.skip("several processes need PostgreSQL; SQLite serves one")
    await many(pdb, COUNT, channel="telegram")
    # The second process joins while the first is sending: about 10 s of work at this
    # rate, so a slow start of the second (cold imports on a fresh clone) still overlaps.
    first = await _worker(fake_tg, pdb.url, tmp_path, rate=COUNT // 10)

    async def started() -> bool:
        return sum(fake_tg.counts.values()) > 0

    await _until(started, first)
    second = await _worker(fake_tg, pdb.url, tmp_path, rate=COUNT // 10)
    outputs = await asyncio.gather(_finish(first), _finish(second))
    planned = [json.loads(out.strip().splitlines()[-1])["planned"] for out in outputs]
    assert sorted(planned) == [0, COUNT]
    _check_each_once(fake_tg)
    async with pdb.session() as session:
        names = (await session.exec(select(func.count(func.distinct(PushAttempt.worker))))).one()
    assert names == 2, "both processes should have taken a share"
