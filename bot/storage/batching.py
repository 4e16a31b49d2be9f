"""Group commit: the small database requests of many callers, run as one round.

Every message costs a state read and a log write. Done one by one, each is a
connection checkout, a few statements and a commit; on SQLite through aiosqlite every
statement is several hops to the driver's thread, and that fixed cost, not the work,
is what limits how many messages a process can answer. A `Batcher` queues requests
and hands everything queued so far to one function that does them together (one
`SELECT ... IN`, one multi-row `INSERT`, one commit), then gives each caller its own
result. Alone, a request waits for nothing; under load, rounds grow by themselves.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Sequence
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

log = logging.getLogger(__name__)

DEFAULT_MAX_BATCH = 64


class Batcher(Generic[T, R]):
    """Call `run` with lists of queued items; `await batcher(item)` returns its result.

    `run` must return one result per item, in order. When a round fails as a whole,
    its items are retried one by one, so one bad item fails only its own caller.
    """

    def __init__(
        self,
        run: Callable[[list[T]], Awaitable[Sequence[R]]],
        *,
        max_batch: int = DEFAULT_MAX_BATCH,
    ) -> None:
        self._run = run
        self._max_batch = max_batch
        self._queue: list[tuple[T, asyncio.Future[R]]] = []
        self._worker: asyncio.Task[None] | None = None
        self.rounds = 0  # for tests and benchmarks: how many rounds have run

    async def __call__(self, item: T) -> R:
        loop = asyncio.get_running_loop()
        future: asyncio.Future[R] = loop.create_future()
        self._queue.append((item, future))
        if self._worker is None or self._worker.done():
            # A task, not the caller, runs the rounds: a caller that is cancelled while
            # waiting must not strand the others' requests.
            self._worker = loop.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        batch: list[tuple[T, asyncio.Future[R]]] = []
        try:
            while self._queue:
                batch = self._queue[: self._max_batch]
                del self._queue[: self._max_batch]
                await self._round(batch)
        except asyncio.CancelledError:  # the loop is shutting down: nobody is left to run them
            for _, future in [*batch, *self._queue]:
                if not future.done():
                    future.cancel()
            self._queue.clear()
            raise

    async def _round(self, batch: list[tuple[T, asyncio.Future[R]]]) -> None:
        self.rounds += 1
        try:
            results = await self._run([item for item, _ in batch])
            if len(results) != len(batch):
                raise RuntimeError(f"batch of {len(batch)} gave {len(results)} results")
        except Exception as exc:
            if len(batch) == 1:
                if not batch[0][1].done():
                    batch[0][1].set_exception(exc)
                return
            log.warning("a batch of %d failed (%s); retrying one by one", len(batch), exc)
            for one in batch:
                await self._round([one])
            return
        for (_, future), result in zip(batch, results, strict=True):
            if not future.done():  # the caller may have been cancelled meanwhile
                future.set_result(result)
