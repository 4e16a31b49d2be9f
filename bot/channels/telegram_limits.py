"""Flow control for the Telegram channel: retries, per-user flood, group quiet, ordering.

- `RetryingRateLimiter`: python-telegram-bot's AIORateLimiter (Telegram's 30/s overall and
  20/min per group) plus retries, because PTB does not retry a failed call by itself: a
  429 waits `retry_after` (bounded) and pauses every other call meanwhile; 5xx and
  network errors back off exponentially. Without it a reply is silently lost.
- `FloodGate`: per-person messages per minute.
- `GroupQuiet`: at most one unsolicited reply per group per few minutes.
- `ChatOrderedProcessor`: updates run concurrently, but one chat's in order, so "yes, I
  already paid" is never handled before the story it answers.
"""

from __future__ import annotations

import asyncio
import datetime as dtm
import logging
import os
import time
from collections import deque
from collections.abc import Awaitable, Callable, Coroutine
from enum import Enum
from typing import Any

from telegram import CallbackQuery, Update
from telegram.error import BadRequest, NetworkError, RetryAfter, TelegramError
from telegram.ext import AIORateLimiter, BaseUpdateProcessor

log = logging.getLogger(__name__)

# Opt in now to PTB's coming timedelta time periods: RetryAfter.retry_after is then a
# timedelta, and PTB raises no deprecation warning when a 429 arrives.
os.environ.setdefault("PTB_TIMEDELTA", "true")

# getUpdates has its own retry loop in the Updater; retrying it here would only delay it.
_NOT_RETRIED = frozenset({"getUpdates"})
FLOOD_WINDOW_SECONDS = 60.0
GROUP_QUIET_SECONDS = 300.0


def _seconds(value: int | float | dtm.timedelta) -> float:
    return value.total_seconds() if isinstance(value, dtm.timedelta) else float(value)


class RetryingRateLimiter(AIORateLimiter):
    """AIORateLimiter that retries 429s (honouring retry_after) and 5xx/network errors."""

    def __init__(
        self,
        *,
        attempts: int = 4,
        base_delay: float = 0.5,
        max_delay: float = 8.0,
        max_retry_after: float = 60.0,
        overall_max_rate: float = 30,
        group_max_rate: float = 20,
    ) -> None:
        super().__init__(
            overall_max_rate=overall_max_rate, group_max_rate=group_max_rate, max_retries=0
        )
        self.attempts = max(1, attempts)
        self.base_delay = base_delay
        self.max_delay = max_delay
        self.max_retry_after = max_retry_after
        self._resume_at = 0.0  # a 429 pauses every call until then (monotonic clock)

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        """Run one Bot API call through the limiter, retrying what is worth retrying."""
        if endpoint in _NOT_RETRIED:
            return await super().process_request(
                callback, args, kwargs, endpoint, data, rate_limit_args
            )
        for attempt in range(1, self.attempts + 1):
            await self._wait_for_pause()
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except RetryAfter as exc:
                delay = _seconds(exc.retry_after)
                if attempt == self.attempts or delay > self.max_retry_after:
                    raise
                log.warning("Bot API %s: 429, retrying in %.1f s", endpoint, delay)
                self._resume_at = max(self._resume_at, time.monotonic() + delay + 0.1)
            except BadRequest:
                raise  # our request is wrong; sending it again will not help
            except NetworkError as exc:  # 5xx, timeouts, connection errors
                if attempt == self.attempts:
                    raise
                delay = min(self.max_delay, self.base_delay * 2 ** (attempt - 1))
                log.warning(
                    "Bot API %s failed (%s), retry %d in %.1f s", endpoint, exc, attempt, delay
                )
                await asyncio.sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    async def _wait_for_pause(self) -> None:
        pause = self._resume_at - time.monotonic()
        if pause > 0:
            await asyncio.sleep(pause)


async def answer_quietly(
    query: CallbackQuery, text: str | None = None, *, show_alert: bool = False
) -> None:
    """Answer a button press; an expired query ("query is too old") must not undo the press."""
    try:
        await query.answer(text, show_alert=show_alert)
    except TelegramError as exc:
        log.info("callback query not answered: %s", exc)


class Flood(Enum):
    OK = "ok"
    WARN = "warn"  # first message over the limit in this window: say "slow down"
    QUIET = "quiet"  # over the limit and already told


class FloodGate:
    """Counts each person's messages over the last minute."""

    def __init__(self, per_minute: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self._seen: dict[int, deque[float]] = {}
        self._warned: dict[int, float] = {}
        self._calls = 0

    def check(self, user_id: int) -> Flood:
        """Record one message from `user_id` and say whether it is within the limit."""
        now = self.clock()
        self._sweep(now)
        seen = self._seen.setdefault(user_id, deque())
        while seen and now - seen[0] >= FLOOD_WINDOW_SECONDS:
            seen.popleft()
        seen.append(now)
        if len(seen) <= self.per_minute:
            return Flood.OK
        if now - self._warned.get(user_id, -FLOOD_WINDOW_SECONDS) >= FLOOD_WINDOW_SECONDS:
            self._warned[user_id] = now
            return Flood.WARN
        return Flood.QUIET

    def _sweep(self, now: float) -> None:
        """Forget people who have been quiet for a minute, so memory stays bounded."""
        self._calls += 1
        if self._calls % 1000:
            return
        for user_id in [
            u for u, s in self._seen.items() if not s or now - s[-1] >= FLOOD_WINDOW_SECONDS
        ]:
            del self._seen[user_id]
            self._warned.pop(user_id, None)


class GroupQuiet:
    """Allows one unsolicited reply per group per `seconds`."""

    def __init__(
        self, seconds: float = GROUP_QUIET_SECONDS, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.seconds = seconds
        self.clock = clock
        self._last: dict[int, float] = {}

    def may_speak(self, chat_id: int) -> bool:
        last = self._last.get(chat_id)
        return last is None or self.clock() - last >= self.seconds

    def spoke(self, chat_id: int) -> None:
        now = self.clock()
        self._last[chat_id] = now
        if len(self._last) > 10_000:
            self._last = {c: t for c, t in self._last.items() if now - t < self.seconds}


def _chat_key(update: object) -> int | None:
    if isinstance(update, Update):
        if update.effective_chat is not None:
            return update.effective_chat.id
        if update.effective_user is not None:
            return update.effective_user.id
    return None


class ChatOrderedProcessor(BaseUpdateProcessor):
    """Concurrent across chats, in arrival order within one chat."""

    def __init__(self, max_concurrent_updates: int) -> None:
        super().__init__(max_concurrent_updates)
        self._chats: dict[int, tuple[asyncio.Lock, int]] = {}

    async def do_process_update(self, update: object, coroutine: Awaitable[Any]) -> None:
        """Wait for earlier updates of the same chat, then run this one."""
        key = _chat_key(update)
        if key is None:
            await coroutine
            return
        lock, users = self._chats.get(key, (asyncio.Lock(), 0))
        self._chats[key] = (lock, users + 1)
        try:
            async with lock:
                await coroutine
        finally:
            lock, users = self._chats[key]
            if users == 1:
                del self._chats[key]
            else:
                self._chats[key] = (lock, users - 1)

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""
