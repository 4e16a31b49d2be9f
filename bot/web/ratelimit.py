"""Per-client request limit over a sliding minute, with bounded memory."""

from __future__ import annotations

import time
from collections import OrderedDict, deque
from collections.abc import Callable

WINDOW_SECONDS = 60.0
MAX_CLIENTS = 20_000  # beyond this the least recently seen client is forgotten


class RateLimiter:
    """Allow at most `per_minute` hits per key in any 60-second window."""

    def __init__(
        self,
        per_minute: int,
        *,
        clock: Callable[[], float] = time.monotonic,
        max_clients: int = MAX_CLIENTS,
    ) -> None:
        self.per_minute = per_minute
        self.clock = clock
        self.max_clients = max_clients
        self._hits: OrderedDict[str, deque[float]] = OrderedDict()

    def hit(self, key: str) -> float:
        """Record a hit; return 0 when allowed, else the seconds to wait before retrying."""
        now = self.clock()
        hits = self._hits.pop(key, None) or deque()
        while hits and now - hits[0] >= WINDOW_SECONDS:
            hits.popleft()
        self._hits[key] = hits  # most recently seen last
        if len(self._hits) > self.max_clients:
            self._hits.popitem(last=False)
        if len(hits) >= self.per_minute:
            return max(0.0, WINDOW_SECONDS - (now - hits[0]))
        hits.append(now)
        return 0.0
