"""Running the push: one pass (`run_once`, for cron and tests) or the loop `serve` starts.

figures = await run_once(runtime, {"telegram": sender}, at=datetime.now(UTC))
task = asyncio.create_task(run_scheduler(runtime, senders, stop_event))
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime, timedelta

from bot.core.content import Tip
from bot.push.engine import Clock, DeliveryEngine, EngineConfig, RunFigures
from bot.push.planner import TipPlan, plan_alerts, plan_tips
from bot.push.recorder import sqlite_turn
from bot.push.senders import Sender
from bot.runtime import Runtime
from bot.settings import Settings
from bot.storage.db import Database
from bot.storage.models import utcnow

log = logging.getLogger(__name__)
DEFAULT_CATCH_UP = timedelta(hours=6)


def engine_config(settings: Settings | None, **overrides: object) -> EngineConfig:
    """The engine's knobs from settings (defaults when there are none)."""
    config = EngineConfig()
    if settings is not None:
        config = replace(
            config,
            concurrency=settings.push_concurrency,
            lease=timedelta(seconds=settings.push_lease_seconds),
        )
    return replace(config, **overrides)  # type: ignore[arg-type]


def _parts(target: Runtime | Database) -> tuple[Database, Settings | None, Sequence[Tip]]:
    if isinstance(target, Runtime):
        return target.db, target.settings, target.content.library.tips
    return target, None, ()


async def run_once(
    target: Runtime | Database,
    senders: Mapping[str, Sender],
    at: datetime | None = None,
    *,
    tips: Sequence[Tip] | None = None,
    config: EngineConfig | None = None,
    clock: Clock = utcnow,
    settings: Settings | None = None,
) -> RunFigures:
    """Plan what is due at `at` (default now), send it all, and return the figures.

    `at` is the schedule's clock (which slots are due); leases and retries follow
    `clock`, the wall clock, so a test can pick the day without waiting for it.
    """
    db, own_settings, own_tips = _parts(target)
    settings = settings or own_settings
    at = at or clock()
    catch_up = (
        timedelta(hours=settings.push_catch_up_hours) if settings is not None else DEFAULT_CATCH_UP
    )
    engine = DeliveryEngine(db, senders, config or engine_config(settings), clock)
    plan = TipPlan(tips if tips is not None else own_tips, catch_up)
    async with sqlite_turn(db):
        engine.figures.planned = await plan_alerts(db, at=at)
        engine.figures.planned += await plan_tips(db, at=at, plan=plan)
    return await engine.dispatch()


async def _nap(stop: asyncio.Event, wake: asyncio.Event | None, seconds: float) -> None:
    """Sleep `seconds`, or less if asked to stop or woken (a staff alert was confirmed)."""
    events = [stop] + ([wake] if wake is not None else [])
    waiters = [asyncio.ensure_future(e.wait()) for e in events]
    try:
        await asyncio.wait(waiters, timeout=seconds, return_when=asyncio.FIRST_COMPLETED)
    finally:
        for waiter in waiters:
            waiter.cancel()
        if wake is not None:
            wake.clear()


async def run_scheduler(
    runtime: Runtime,
    senders: Mapping[str, Sender],
    stop_event: asyncio.Event,
    *,
    wake: asyncio.Event | None = None,
    interval: float | None = None,
    clock: Clock = utcnow,
) -> None:
    """Send what is due every `interval` seconds until `stop_event` is set.

    Cancelling the task lets the messages in flight finish and be recorded first.
    """
    seconds = interval if interval is not None else runtime.settings.push_interval_seconds
    while not stop_event.is_set():
        try:
            figures = await run_once(runtime, senders, clock(), clock=clock)
            if figures.planned or figures.sent or figures.failed or figures.blocked:
                log.info("push: %s", figures)
        except Exception:  # a bad pass must not stop the next one
            log.exception("push pass failed")
        await _nap(stop_event, wake, seconds)
