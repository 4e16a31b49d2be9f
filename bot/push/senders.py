"""The channel-agnostic edge of the delivery engine: who to send to, how it went, how fast.

A channel plugs in by providing a `Sender` (Telegram and WeChat have theirs; tests use
fakes). The engine records every attempt and decides about retries and pauses.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal, Protocol

SendOutcome = Literal["sent", "failed", "blocked", "retry"]


@dataclass(frozen=True)
class Recipient:
    """Where a delivery goes: the subscriber row's id, its channel and chat address."""

    id: int
    channel: str
    chat_id: str
    language: str = "zh"


@dataclass(frozen=True)
class SendResult:
    """sent; failed (give up); blocked (pause the chat); retry (later, maybe after N s)."""

    outcome: SendOutcome
    detail: str = ""
    retry_after: float | None = None


SENT = SendResult("sent")


class Sender(Protocol):
    """One channel's delivery: wait for a turn under its rate limits, then send once."""

    async def wait_turn(self, recipient: Recipient) -> None:
        """Return when a message to this chat is allowed by the channel's limits."""

    async def send(self, recipient: Recipient, text: str) -> SendResult:
        """Try to deliver `text` once; never raise for delivery problems."""


@dataclass
class RateLimiter:
    """Overall messages per second plus a minimum gap per chat; 429s pause everyone.

    Each caller reserves the next free moment and sleeps until it, so many concurrent
    senders stay under the rate without a busy loop. A 429 pauses every chat for its
    `retry_after` and lowers the pace by a tenth, which recovers by 2% of `per_second`
    a second: limits are never exact, and jitter on the way can bunch messages up.
    """

    per_second: float = 30.0
    per_chat_interval: float = 1.0
    clock: Callable[[], float] = time.monotonic
    rate: float = 0.0  # the current pace; starts at per_second
    _next: float = 0.0
    _paused_until: float = 0.0
    _adjusted_at: float = 0.0
    _chats: dict[str, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.rate = self.rate or self.per_second

    def _recover(self, now: float) -> None:
        if self.rate < self.per_second:
            gained = (now - self._adjusted_at) * self.per_second * 0.02
            self.rate = min(self.per_second, self.rate + gained)
        self._adjusted_at = now

    def _reserve(self, chat: str, now: float) -> float:
        """Take the next overall slot for `chat` (free now); returns the slot's time."""
        self._recover(now)
        at = max(now, self._next)
        self._next = at + 1.0 / self.rate
        self._chats[chat] = at + self.per_chat_interval
        if len(self._chats) > 10_000:
            self._chats = {c: t for c, t in self._chats.items() if t > now}
        return at

    async def wait(self, chat: str) -> None:
        """Sleep until a message to `chat` is allowed."""
        while True:
            now = self.clock()
            chat_free = self._chats.get(chat, 0.0)
            if chat_free > now:  # wait for the chat first, so others keep the overall slots
                await asyncio.sleep(chat_free - now)
                continue
            at = self._reserve(chat, now)
            if at > now:
                await asyncio.sleep(at - now)
            if self._paused_until <= at:
                return
            # A 429 arrived while we waited and covers our slot: queue again after it.

    def pause(self, seconds: float) -> None:
        """Hold every chat for `seconds` (Telegram's 429 retry_after is bot-wide)."""
        now = self.clock()
        self._recover(now)
        self.rate = max(self.per_second * 0.1, self.rate * 0.9)
        self._paused_until = max(self._paused_until, now + seconds)
        self._next = max(self._next, self._paused_until)


@dataclass
class CollectingSender:
    """Keeps what it would send; for dry runs and tests (`fail` maps chat -> outcome)."""

    sent: list[tuple[Recipient, str]] = field(default_factory=list)
    fail: dict[str, SendResult] = field(default_factory=dict)

    async def wait_turn(self, recipient: Recipient) -> None:
        return None

    async def send(self, recipient: Recipient, text: str) -> SendResult:
        result = self.fail.get(recipient.chat_id, SENT)
        if result.outcome == "sent":
            self.sent.append((recipient, text))
        return result
