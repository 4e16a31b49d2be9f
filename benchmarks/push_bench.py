"""Push one tip to many subscribers through the fake Telegram server; count what arrived.

The fake Bot API (tests/push/fake_telegram.py) runs in its own process and answers 429
above `--capacity` messages per second; the bot's rate limiter is set to that capacity.
Reports planning and sending time, deliveries per second, 429s, duplicates and misses
(both must be 0), as JSON on stdout (and in `--out`).

    .venv/bin/python benchmarks/push_bench.py                      # 100,000 on SQLite
    .venv/bin/python benchmarks/push_bench.py --count 2000 --database-url postgresql://...
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sqlalchemy import insert  # noqa: E402

from bot.core.content import load_library  # noqa: E402
from bot.push import repository as repo  # noqa: E402
from bot.push.engine import DeliveryEngine, EngineConfig  # noqa: E402
from bot.push.models import PushSubscriber  # noqa: E402
from bot.push.planner import TipPlan, plan_tips  # noqa: E402
from bot.push.telegram_sender import TelegramSender  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.storage.db import Database  # noqa: E402

TOKEN = "123456:BENCH"


def _start_fake(capacity: float) -> tuple[subprocess.Popen[str], int]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "tests.push.fake_telegram", "--capacity", str(capacity)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline().split()
    if len(line) != 2 or line[0] != "PORT":
        proc.kill()
        raise SystemExit("the fake Telegram server did not start")
    return proc, int(line[1])


async def _subscribers(db: Database, count: int, created: datetime) -> None:
    row = PushSubscriber(channel="telegram", chat_id="0", user_ref="", created_at=created)
    base = row.model_dump(exclude={"id", "chat_id", "user_ref"})
    for start in range(0, count, 1000):
        rows = [
            {**base, "chat_id": str(n), "user_ref": f"telegram:bench{n}"}
            for n in range(start + 1, min(count, start + 1000) + 1)
        ]
        async with db.session() as session:
            await session.exec(insert(PushSubscriber).values(rows))
            await session.commit()


async def _bench(args: argparse.Namespace, url: str) -> dict[str, Any]:
    fake, port = _start_fake(args.capacity)
    db = Database(url)
    try:
        await db.init()
        now = datetime.now(UTC)
        await _subscribers(db, args.count, now - timedelta(days=1))
        settings = Settings(  # type: ignore[call-arg]
            _env_file=None,
            database_url=url,
            telegram_bot_token=TOKEN,
            telegram_api_base_url=f"http://127.0.0.1:{port}/bot",
            push_telegram_per_second=args.capacity,
        )
        sender = TelegramSender.from_settings(settings, pool=args.concurrency)
        await sender.start()
        tips = load_library(REPO / "content").tips
        # Everyone's slot is 09:00 Shanghai; pick the most recent one as "now".
        at = now.astimezone(UTC).replace(hour=1, minute=0, second=0, microsecond=0)
        if at > now:
            at -= timedelta(days=1)
        started = time.perf_counter()
        planned = await plan_tips(db, at=at, plan=TipPlan(tips, timedelta(days=2)))
        planned_at = time.perf_counter()
        config = EngineConfig(concurrency=args.concurrency, claim_size=args.claim)
        engine = DeliveryEngine(db, {"telegram": sender}, config)
        figures = await engine.dispatch()
        done = time.perf_counter()
        await sender.stop()
        stats = httpx.get(f"http://127.0.0.1:{port}/stats", timeout=30).json()
        db_figures = repo.totals(await repo.figures(db))
    finally:
        await db.close()
        fake.terminate()
        fake.wait(10)
    counts: dict[str, int] = stats["counts"]
    send_s = done - planned_at
    return {
        "subscribers": args.count,
        "database": url.split(":", 1)[0],
        "capacity_per_s": args.capacity,
        "concurrency": args.concurrency,
        "planned": planned,
        "plan_s": round(planned_at - started, 2),
        "send_s": round(send_s, 2),
        "total_s": round(done - started, 2),
        "deliveries_per_s": round(figures.sent / send_s, 1) if send_s else None,
        "sent": figures.sent,
        "retried_429": stats["rejected"],
        "received_by_fake": stats["total"],
        "duplicates": sum(n - 1 for n in counts.values() if n > 1),
        "misses": args.count - len(counts),
        "db_status": db_figures,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--capacity", type=float, default=1000.0, help="fake server msg/s")
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--claim", type=int, default=50, help="rows claimed at a time")
    parser.add_argument("--database-url", help="default: a fresh SQLite file")
    parser.add_argument("--out", type=Path, help="also write the JSON report here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = args.database_url or f"sqlite+aiosqlite:///{tmp}/bench.db"
        result = asyncio.run(_bench(args, url))
    print(json.dumps(result, indent=2))
    if args.out is not None:
        args.out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0 if result["duplicates"] == 0 and result["misses"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
