"""Prometheus metrics, one registry per app: consultations and reply latency.

Every channel in the process calls the same `ConsultationService.handle`, so the app
meters that one method: web, WeChat and Telegram replies are all counted, with no
channel needing to know about metrics.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram
from prometheus_client.exposition import generate_latest

from bot.core.messages import Inbound, Reply
from bot.core.service import ConsultationService
from bot.storage import repository as repo

log = logging.getLogger(__name__)

ASSESSED_KINDS = frozenset({"assessment", "urgent", "no_match"})
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)

Handle = Callable[[Inbound], Awaitable[Reply]]


class Metrics:
    """The app's metrics in their own registry (so several apps never clash)."""

    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.consultations = Counter(
            "fraudbot_consultations",
            "Assessed messages by channel, scam category and risk (a follow-up counts again)",
            ["channel", "category", "risk"],
            registry=self.registry,
        )
        self.replies = Counter(
            "fraudbot_replies", "Replies by channel and kind", ["channel", "kind"],
            registry=self.registry,
        )  # fmt: skip
        self.failures = Counter(
            "fraudbot_reply_failures", "Messages whose handling raised", ["channel"],
            registry=self.registry,
        )  # fmt: skip
        self.latency = Histogram(
            "fraudbot_reply_seconds",
            "Time from a message reaching the service to its reply",
            ["channel"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )

    def render(self) -> bytes:
        return generate_latest(self.registry)

    async def observe(self, service: ConsultationService, inbound: Inbound, reply: Reply) -> None:
        self.replies.labels(inbound.channel, reply.kind).inc()
        if reply.kind not in ASSESSED_KINDS or reply.consultation_id is None:
            return
        try:
            row = await repo.get_consultation(service.db, consultation_id=reply.consultation_id)
        except Exception:  # metrics must never break a reply
            log.warning("metrics: could not read consultation %s", reply.consultation_id)
            return
        if row is not None:
            self.consultations.labels(inbound.channel, row.category, row.risk).inc()


def meter_service(service: ConsultationService, metrics: Metrics) -> None:
    """Wrap `service.handle` so every reply is timed and counted into `metrics`.

    Idempotent per service: a second app built on the same runtime re-wraps the
    original method instead of stacking wrappers.
    """
    original: Handle = service.__dict__.get("_unmetered_handle") or service.handle
    service.__dict__["_unmetered_handle"] = original

    async def handle(inbound: Inbound) -> Reply:
        start = time.perf_counter()
        try:
            reply = await original(inbound)
        except Exception:
            metrics.failures.labels(inbound.channel).inc()
            raise
        metrics.latency.labels(inbound.channel).observe(time.perf_counter() - start)
        await metrics.observe(service, inbound, reply)
        return reply

    service.__dict__["handle"] = handle
