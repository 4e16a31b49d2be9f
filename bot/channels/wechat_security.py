"""Checks on requests claiming to come from WeChat: signatures, freshness, replays.

WeChat signs each callback with sha1 over the sorted (token, timestamp, nonce) and, in
safe mode, also over the encrypted body (`msg_signature`). In plaintext mode the body
itself is not signed, so a captured query string could be reused with another body:
refusing stale timestamps and remembering recent nonces closes that door.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections import OrderedDict
from collections.abc import Callable

MAX_REMEMBERED = 100_000


class WeChatRejected(Exception):
    """A request the WeChat endpoint refuses; `status` is the HTTP status to answer."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def sign(*parts: str) -> str:
    """WeChat's signature: sha1 of the parts sorted and joined."""
    return hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()


def check_signature(token: str, signature: str, timestamp: str, nonce: str) -> None:
    if not hmac.compare_digest(sign(token, timestamp, nonce), signature.lower()):
        raise WeChatRejected(403, "bad signature")


def check_msg_signature(
    token: str, msg_signature: str, timestamp: str, nonce: str, encrypted: str
) -> None:
    expected = sign(token, timestamp, nonce, encrypted)
    if not hmac.compare_digest(expected, msg_signature.lower()):
        raise WeChatRejected(403, "bad message signature")


class ReplayGuard:
    """Refuse timestamps outside the window and any (timestamp, nonce) seen before."""

    def __init__(
        self,
        window_seconds: float,
        *,
        clock: Callable[[], float] = time.time,
        max_remembered: int = MAX_REMEMBERED,
    ) -> None:
        self.window = window_seconds
        self.clock = clock
        self.max_remembered = max_remembered
        self._seen: OrderedDict[str, float] = OrderedDict()  # key -> forget after

    def check(self, timestamp: str, nonce: str) -> None:
        now = self.clock()
        try:
            sent = int(timestamp)
        except ValueError:
            raise WeChatRejected(403, "timestamp is not a number") from None
        if abs(now - sent) > self.window:
            raise WeChatRejected(403, "timestamp outside the accepted window (replay?)")
        self._forget_expired(now)
        key = f"{sent}:{nonce}"
        if key in self._seen:
            raise WeChatRejected(403, "this request was already received (replay)")
        # Keys expire in insertion order because every entry lives exactly 2 windows.
        self._seen[key] = now + 2 * self.window
        if len(self._seen) > self.max_remembered:
            self._seen.popitem(last=False)

    def _forget_expired(self, now: float) -> None:
        while self._seen:
            key, until = next(iter(self._seen.items()))
            if until > now:
                break
            del self._seen[key]
