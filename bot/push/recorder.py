"""Group commit for delivery outcomes: many senders, one transaction per batch.

Each sender waits until its outcome is committed before it sends again, so a crash can
leave at most one unrecorded message per sender in flight (as with a commit per
message), while the database sees one transaction per batch instead of one per message.
"""

from __future__ import annotations

import asyncio
import contextlib
import weakref
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Update, bindparam, func, insert, update

from bot.push.models import PushAttempt, PushDelivery, PushSubscriber
from bot.storage.db import Database
from bot.storage.models import UTCDateTime

_DELIVERIES = PushDelivery.__table__  # type: ignore[attr-defined]
_ATTEMPTS = PushAttempt.__table__  # type: ignore[attr-defined]
_SUBSCRIBERS = PushSubscriber.__table__  # type: ignore[attr-defined]
_SQLITE_LOCKS: weakref.WeakKeyDictionary[Database, asyncio.Lock] = weakref.WeakKeyDictionary()


def sqlite_turn(db: Database) -> AbstractAsyncContextManager[object]:
    """SQLite has one writer: claims, planning and recording in one process take turns
    (a no-op on PostgreSQL, where row locks do the job)."""
    if not db.is_sqlite:
        return contextlib.nullcontext()
    lock = _SQLITE_LOCKS.get(db)
    if lock is None:
        lock = _SQLITE_LOCKS[db] = asyncio.Lock()
    return lock


@dataclass(frozen=True)
class Outcome:
    """One attempt's result and the delivery's next state."""

    delivery_id: int
    recipient_id: int
    status: str  # sent, pending (retry later), failed, blocked
    attempt: str  # what the sender said: sent, retry, failed, blocked
    detail: str
    at: datetime
    not_before: datetime | None = None


def _update_statement(worker: str) -> Update:
    when = UTCDateTime()
    return (
        update(_DELIVERIES)
        .where(_DELIVERIES.c.id == bindparam("b_id"), _DELIVERIES.c.claimed_by == worker)
        .values(
            status=bindparam("b_status"),
            sent_at=func.coalesce(bindparam("b_sent_at", type_=when), _DELIVERIES.c.sent_at),
            not_before=func.coalesce(
                bindparam("b_not_before", type_=when), _DELIVERIES.c.not_before
            ),
            claimed_by=None,
            lease_until=None,
        )
    )


class Recorder:
    """Collects outcomes and writes whatever has queued up in one transaction."""

    def __init__(
        self, db: Database, worker: str, turn: AbstractAsyncContextManager[object]
    ) -> None:
        self.db = db
        self.worker = worker
        self.turn = turn  # the SQLite writer lock (a no-op context on PostgreSQL)
        self._queue: list[tuple[Outcome, asyncio.Future[None]]] = []
        self._wake = asyncio.Event()
        self._closing = False
        self._task: asyncio.Future[None] | None = None

    def start(self) -> None:
        self._task = asyncio.ensure_future(self._run())

    async def record(self, outcome: Outcome) -> None:
        """Queue the outcome and return once it is committed."""
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._queue.append((outcome, done))
        self._wake.set()
        await done

    async def close(self) -> None:
        """Write what is queued, then stop."""
        self._closing = True
        self._wake.set()
        if self._task is not None:
            await asyncio.shield(self._task)

    async def _run(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            batch, self._queue = self._queue, []
            if batch:
                await self._write(batch)
            if self._closing and not self._queue:
                return

    async def _write(self, batch: list[tuple[Outcome, asyncio.Future[None]]]) -> None:
        try:
            await self._flush([outcome for outcome, _ in batch])
        except Exception as exc:  # the senders see the error; their rows stay leased
            for _, done in batch:
                if not done.done():
                    done.set_exception(exc)
            return
        for _, done in batch:
            if not done.done():
                done.set_result(None)

    async def _flush(self, outcomes: list[Outcome]) -> None:
        updates = [
            {
                "b_id": o.delivery_id,
                "b_status": o.status,
                "b_sent_at": o.at if o.status == "sent" else None,
                "b_not_before": o.not_before,
            }
            for o in outcomes
        ]
        attempts = [
            {
                "delivery_id": o.delivery_id,
                "at": o.at,
                "worker": self.worker,
                "outcome": o.attempt,
                "detail": o.detail[:500],
            }
            for o in outcomes
        ]
        blocked = [
            {"b_sub": o.recipient_id, "b_reason": o.detail[:200] or "blocked"}
            for o in outcomes
            if o.status == "blocked"
        ]
        async with self.turn, self.db.session() as session:
            await session.exec(_update_statement(self.worker), params=updates)
            await session.exec(insert(_ATTEMPTS), params=attempts)
            if blocked:
                pause = (
                    update(_SUBSCRIBERS)
                    .where(_SUBSCRIBERS.c.id == bindparam("b_sub"))
                    .values(paused=True, paused_reason=bindparam("b_reason"))
                )
                await session.exec(pause, params=blocked)
            await session.commit()
