"""The rate limiter: overall pace, the per-chat gap, and 429 pauses."""

from __future__ import annotations

import asyncio
import time

from bot.push.senders import RateLimiter


async def _times(limiter: RateLimiter, chats: list[str]) -> list[float]:
    start = time.monotonic()
    stamps: list[float] = []

    async def one(chat: str) -> None:
        await limiter.wait(chat)
        stamps.append(time.monotonic() - start)

    await asyncio.gather(*(one(c) for c in chats))
    return sorted(stamps)


async def test_overall_pace() -> None:
    stamps = await _times(RateLimiter(per_second=100), [str(n) for n in range(31)])
    assert stamps[-1] >= 0.29  # 31 messages at 100/s span 0.3 s


async def test_a_busy_chat_does_not_hold_up_the_others() -> None:
    limiter = RateLimiter(per_second=1000, per_chat_interval=0.3)
    stamps = await _times(limiter, ["a", "a", "b", "c"])
    assert stamps[2] < 0.1 and stamps[3] >= 0.29


async def test_a_429_pauses_everyone_and_slows_the_pace() -> None:
    limiter = RateLimiter(per_second=100)
    await limiter.wait("x")
    limiter.pause(0.2)
    assert limiter.rate == 90
    stamps = await _times(limiter, ["y", "z"])
    assert stamps[0] >= 0.19
