"""The delivery engine: claim owed messages, send them once, record every attempt.

A delivery row moves pending -> sending (claimed with a lease) -> sent | failed |
blocked | skipped, or back to pending with `not_before` for a retry. Claims take row
locks with `FOR UPDATE SKIP LOCKED` on PostgreSQL, so several processes share the
work without sending anything twice; SQLite serves one process. A worker that dies
leaves its claims to expire; the rows are then claimed again.

The one window no database closes: a message the API accepted just before the worker
died, before the row was marked sent, is sent again after the lease (at-least-once for
in-flight messages). Cancelling a run (SIGTERM, `serve` stopping) drains instead:
sends in flight finish and are recorded first.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sqlalchemy import func, or_, update
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from bot.push.models import PushAttempt, PushDelivery, PushSubscriber
from bot.push.recorder import Outcome, Recorder, sqlite_turn
from bot.push.senders import Recipient, Sender, SendResult
from bot.storage.db import Database
from bot.storage.models import utcnow

log = logging.getLogger(__name__)
Clock = Callable[[], datetime]


def worker_name() -> str:
    """host:pid:random, unique per engine, readable in the attempt log."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


@dataclass(frozen=True)
class EngineConfig:
    concurrency: int = 16  # deliveries in flight at once in this process
    claim_size: int = 5  # rows one worker coroutine claims at a time
    lease: timedelta = timedelta(seconds=120)
    max_attempts: int = 5
    backoff_base: float = 1.0  # seconds; doubled each retry, capped at backoff_cap
    backoff_cap: float = 60.0
    max_wait: float = 30.0  # within a run, wait this long at most for retries to fall due
    worker: str = field(default_factory=worker_name)


@dataclass
class Claimed:
    delivery_id: int
    kind: str
    text: str
    attempts: int
    recipient: Recipient
    paused: bool = False
    subscribed: bool = True
    lease_until: datetime | None = None


@dataclass
class RunFigures:
    """What one run did: rows planned and attempt outcomes."""

    planned: int = 0
    sent: int = 0
    failed: int = 0
    blocked: int = 0
    retried: int = 0
    skipped: int = 0

    def add(self, outcome: str) -> None:
        name = {"retry": "retried"}.get(outcome, outcome)
        setattr(self, name, getattr(self, name) + 1)


class DeliveryEngine:
    """Sends owed deliveries through the channels' senders; see the module docstring."""

    def __init__(
        self,
        db: Database,
        senders: Mapping[str, Sender],
        config: EngineConfig | None = None,
        clock: Clock = utcnow,
    ) -> None:
        self.db = db
        self.senders = dict(senders)
        self.config = config or EngineConfig()
        self.clock = clock
        self.figures = RunFigures()
        self._recorder: Recorder | None = None

    # --- claiming -------------------------------------------------------------------

    def _claimable(self, now: datetime) -> SelectOfScalar[int | None]:
        d = PushDelivery
        return (
            select(col(d.id))
            .join(PushSubscriber, col(PushSubscriber.id) == col(d.recipient_id))
            .where(
                col(PushSubscriber.channel).in_(list(self.senders)),
                or_(
                    (col(d.status) == "pending") & (col(d.not_before) <= now),
                    (col(d.status) == "sending") & (col(d.lease_until) < now),
                ),
            )
            .order_by(col(d.id))
        )

    async def claim(self, limit: int, ids: list[int] | None = None) -> list[Claimed]:
        """Mark up to `limit` owed rows as ours (leased), skipping rows others hold.

        A cancel never leaves rows half-claimed: the claim completes, then is handed back.
        """
        task = asyncio.ensure_future(self._claim_turn(limit, ids))
        try:
            return await asyncio.shield(task)
        except asyncio.CancelledError:
            await self.release(await task)
            raise

    async def _claim_turn(self, limit: int, ids: list[int] | None) -> list[Claimed]:
        async with sqlite_turn(self.db):
            return await self._claim(limit, ids)

    async def _claim(self, limit: int, ids: list[int] | None) -> list[Claimed]:
        now = self.clock()
        query = self._claimable(now)
        if ids is not None:
            query = query.where(col(PushDelivery.id).in_(ids))
        query = query.limit(limit)
        if not self.db.is_sqlite:
            query = query.with_for_update(skip_locked=True, of=PushDelivery)
        stmt = (
            update(PushDelivery)
            .where(col(PushDelivery.id).in_(query.scalar_subquery()))
            .values(
                status="sending",
                claimed_by=self.config.worker,
                lease_until=now + self.config.lease,
                attempts=col(PushDelivery.attempts) + 1,
            )
            .returning(col(PushDelivery.id))
        )
        async with self.db.session() as session:
            claimed = [row[0] for row in (await session.exec(stmt)).all()]
            if not claimed:
                await session.commit()
                return []
            rows = (
                await session.exec(
                    select(PushDelivery, PushSubscriber)
                    .join(PushSubscriber, col(PushSubscriber.id) == col(PushDelivery.recipient_id))
                    .where(col(PushDelivery.id).in_(claimed))
                    .order_by(col(PushDelivery.id))
                )
            ).all()
            await session.commit()
        return [_claimed(d, s) for d, s in rows]

    async def still_ours(self, item: Claimed) -> bool:
        """Renew a lease that is half gone before sending; False if another worker took it.

        A row that waited long in a rate limiter may have been claimed again elsewhere;
        sending it then would send it twice.
        """
        now = self.clock()
        if item.lease_until is not None and item.lease_until - now > self.config.lease / 2:
            return True
        stmt = (
            update(PushDelivery)
            .where(
                col(PushDelivery.id) == item.delivery_id,
                col(PushDelivery.claimed_by) == self.config.worker,
                col(PushDelivery.status) == "sending",
            )
            .values(lease_until=now + self.config.lease)
            .returning(col(PushDelivery.id))
        )
        async with sqlite_turn(self.db), self.db.session() as session:
            renewed = (await session.exec(stmt)).first() is not None
            await session.commit()
        if renewed:
            item.lease_until = now + self.config.lease
        return renewed

    # --- recording ------------------------------------------------------------------

    def _outcome(self, item: Claimed, result: SendResult) -> Outcome:
        """The delivery's next state: sent, retried later with back-off, or given up."""
        now = self.clock()
        status, not_before = "failed", None
        if result.outcome in ("sent", "blocked"):
            status = result.outcome
        elif result.outcome == "retry" and item.attempts < self.config.max_attempts:
            backoff = self.config.backoff_base * 2 ** (item.attempts - 1)
            delay = max(result.retry_after or 0.0, min(backoff, self.config.backoff_cap))
            status, not_before = "pending", now + timedelta(seconds=delay)
        return Outcome(
            delivery_id=item.delivery_id,
            recipient_id=item.recipient.id,
            status=status,
            attempt=result.outcome,
            detail=result.detail,
            at=now,
            not_before=not_before,
        )

    async def record(self, item: Claimed, result: SendResult) -> None:
        """Store the attempt and the delivery's new state; pause a chat that blocked us."""
        outcome = self._outcome(item, result)
        if self._recorder is None:
            recorder = Recorder(self.db, self.config.worker, sqlite_turn(self.db))
            recorder.start()
            try:
                await recorder.record(outcome)
            finally:
                await recorder.close()
        else:
            await self._recorder.record(outcome)
        self.figures.add("retry" if outcome.status == "pending" else outcome.status)

    async def release(self, items: list[Claimed]) -> None:
        """Hand claimed rows that were never tried back to the queue."""
        if not items:
            return
        async with sqlite_turn(self.db), self.db.session() as session:
            await session.exec(
                update(PushDelivery)
                .where(
                    col(PushDelivery.id).in_([i.delivery_id for i in items]),
                    col(PushDelivery.claimed_by) == self.config.worker,
                )
                .values(
                    status="pending",
                    claimed_by=None,
                    lease_until=None,
                    attempts=col(PushDelivery.attempts) - 1,
                )
            )
            await session.commit()

    async def _skip(self, item: Claimed, why: str) -> None:
        async with sqlite_turn(self.db), self.db.session() as session:
            await session.exec(
                update(PushDelivery)
                .where(col(PushDelivery.id) == item.delivery_id)
                .values(status="skipped", claimed_by=None, lease_until=None)
            )
            session.add(
                PushAttempt(
                    delivery_id=item.delivery_id,
                    at=self.clock(),
                    worker=self.config.worker,
                    outcome="skipped",
                    detail=why,
                )
            )
            await session.commit()
        self.figures.skipped += 1

    # --- sending ----------------------------------------------------------------------

    async def _send_and_record(self, item: Claimed, sender: Sender) -> None:
        try:
            result = await sender.send(item.recipient, item.text)
        except Exception as exc:  # a sender bug must not lose the row: retry it later
            log.exception("push sender for %s raised", item.recipient.channel)
            result = SendResult("retry", f"sender error: {type(exc).__name__}")
        await self.record(item, result)

    async def deliver(self, item: Claimed) -> None:
        """Wait for the channel's turn, send, record; finishes the send if cancelled."""
        sender = self.senders[item.recipient.channel]
        try:
            await sender.wait_turn(item.recipient)
            if not await self.still_ours(item):
                return
        except asyncio.CancelledError:
            await asyncio.shield(self.release([item]))
            raise
        unit = asyncio.ensure_future(self._send_and_record(item, sender))
        try:
            await asyncio.shield(unit)
        except asyncio.CancelledError:
            await unit  # in flight: let it land and be recorded, then stop
            raise

    async def _deliver_all(self, items: list[Claimed]) -> None:
        for n, item in enumerate(items):
            try:
                if _skip_reason(item) is not None:
                    await asyncio.shield(self._skip(item, _skip_reason(item) or ""))
                else:
                    await self.deliver(item)
            except asyncio.CancelledError:
                await asyncio.shield(self.release(items[n + 1 :]))
                raise

    async def _next_due_in(self) -> float | None:
        """Seconds until a row of ours falls due (retry or expired lease), None if none."""
        d = PushDelivery
        query = (
            select(func.min(func.coalesce(d.lease_until, d.not_before)))
            .join(PushSubscriber, col(PushSubscriber.id) == col(d.recipient_id))
            .where(
                col(PushSubscriber.channel).in_(list(self.senders)),
                col(d.status).in_(["pending", "sending"]),
            )
        )
        async with self.db.session() as session:
            soonest = (await session.exec(query)).one()
        if soonest is None:
            return None
        return max(0.0, (soonest - self.clock()).total_seconds())

    async def _worker(self, ids: list[int] | None) -> None:
        while True:
            items = await self.claim(self.config.claim_size, ids)
            if items:
                await self._deliver_all(items)
                continue
            wait = await self._next_due_in() if ids is None else None
            if wait is None or wait > self.config.max_wait:
                return
            await asyncio.sleep(min(max(wait, 0.05), 1.0))

    async def dispatch(self, ids: list[int] | None = None) -> RunFigures:
        """Send everything owed now (or just `ids`), waiting briefly for due retries."""
        if not self.senders:
            return self.figures
        self._recorder = Recorder(self.db, self.config.worker, sqlite_turn(self.db))
        self._recorder.start()
        workers = [asyncio.ensure_future(self._worker(ids)) for _ in range(self.config.concurrency)]
        try:
            await asyncio.gather(*workers)
        except asyncio.CancelledError:
            # gather passed the cancel on; each worker finishes its send in flight.
            await asyncio.gather(*workers, return_exceptions=True)
            raise
        except Exception:
            for w in workers:
                w.cancel()
            await asyncio.gather(*workers, return_exceptions=True)
            raise
        finally:
            await self._recorder.close()
            self._recorder = None
        return self.figures


def _claimed(d: PushDelivery, s: PushSubscriber) -> Claimed:
    assert d.id is not None and s.id is not None
    return Claimed(
        delivery_id=d.id,
        kind=d.kind,
        text=d.text,
        attempts=d.attempts,
        recipient=Recipient(s.id, s.channel, s.chat_id, s.language),
        lease_until=d.lease_until,
        paused=s.paused,
        subscribed=s.subscribed,
    )


def _skip_reason(item: Claimed) -> str | None:
    """Unsubscribing and blocking take effect at once, even for rows already planned."""
    if item.paused:
        return "recipient paused"
    if item.kind in ("tip", "alert") and not item.subscribed:
        return "unsubscribed"
    return None
