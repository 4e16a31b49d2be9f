"""Telegram throughput: updates per second through polling, the bot against a bare echo bot.

Both run the real python-telegram-bot stack against fake Bot API servers on 127.0.0.1
(tests/telegram/fake_bot_api.py: one instance each, same code), in the same process and
run, their timed rounds alternating:

- echo: an Application with one MessageHandler that echoes the text (same concurrency);
- echo, one update at a time: the same echo bot at python-telegram-bot's default
  (concurrent_updates off), the plainest "bare echo bot" and on loopback the fastest
  setting of the two; the 0.5 target is held against it too;
- echo on aiohttp: the echo bot with the fraudbot's own request class
  (bot/channels/telegram_request.py), so the ratio to it is what the consultation
  itself costs; the fraudbot's edge over the bare echo bot is partly its transport;
- fraudbot: TelegramChannel with the consultation service and its log on SQLite (WAL),
  replies over aiohttp with JSON bodies,
  rate limiter in place but with Telegram's own rate caps turned off (the fake server is
  not Telegram; with them on, throughput is capped at 30 messages/s by design).

Each round queues N text updates (real descriptions from tests/data/fresh16.jsonl, spread
over N/5 people) and times from the queueing to the N-th reply received by the server.
Prints both figures, their ratio (target >= 0.5), the service's own rate without
Telegram (what bounds the ratio) and, with --json, a JSON line.

    .venv/bin/python benchmarks/telegram_bench.py [--updates 600] [--rounds 3]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from telegram import Update  # noqa: E402, TID251  (the echo bot is bare PTB)
from telegram.ext import Application, ApplicationBuilder, ContextTypes, MessageHandler, filters  # noqa: E402, TID251

from bot.channels.telegram import DEFAULT_CONCURRENCY, REQUEST_POOL_SIZE, TelegramChannel  # noqa: E402
from bot.channels.telegram_limits import RetryingRateLimiter  # noqa: E402
from bot.channels.telegram_request import AiohttpRequest  # noqa: E402
from bot.core.messages import Inbound  # noqa: E402
from bot.core.service import ConsultationService, LiveContent  # noqa: E402
from bot.runtime import Runtime  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.storage.db import Database  # noqa: E402
from tests.telegram import updates as u  # noqa: E402
from tests.telegram.fake_bot_api import TOKEN, FakeBotApi  # noqa: E402

MESSAGES_PER_PERSON = 5
TIMEOUT_SECONDS = 120.0


def load_texts() -> list[str]:
    lines = (REPO / "tests/data/fresh16.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line)["text"] for line in lines if line.strip()]


def make_updates(texts: list[str], n: int, first_user: int) -> list[dict[str, Any]]:
    """n text messages from n/5 people, each person's messages in order."""
    people = max(1, n // MESSAGES_PER_PERSON)
    return [
        u.message(texts[i % len(texts)], sender=first_user + i % people, language_code="zh")
        for i in range(n)
    ]


async def run_round(api: FakeBotApi, updates: list[dict[str, Any]]) -> float:
    """Queue the updates; seconds until the server has received one reply per update."""
    target = api.sent_count + len(updates)
    started = time.perf_counter()
    for update in updates:
        api.push(update)
    await api.wait_for(lambda: api.sent_count >= target, TIMEOUT_SECONDS, "all replies")
    return time.perf_counter() - started


async def echo(update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None and update.message.text is not None
    await update.message.reply_text(update.message.text)


def echo_app(api: FakeBotApi, concurrency: int, *, aiohttp: bool = False) -> Application:  # type: ignore[type-arg]
    builder = (
        ApplicationBuilder()
        .token(TOKEN)
        .base_url(api.base_url)
        .base_file_url(api.file_url)
        .concurrent_updates(concurrency)
    )
    if aiohttp:  # the fraudbot's own transport, to show what the processing costs
        builder = builder.request(AiohttpRequest(REQUEST_POOL_SIZE))
    app = builder.build()
    app.add_handler(MessageHandler(filters.TEXT & ~filters.COMMAND, echo))
    return app


async def start_polling(app: Application) -> None:  # type: ignore[type-arg]
    await app.initialize()
    await app.start()
    assert app.updater is not None
    await app.updater.start_polling(poll_interval=0.0)


async def stop(app: Application) -> None:  # type: ignore[type-arg]
    if app.updater is not None:
        await app.updater.stop()
    await app.stop()
    await app.shutdown()


async def open_fraudbot(
    api: FakeBotApi, tmp: Path, concurrency: int
) -> tuple[TelegramChannel, Runtime]:
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None,
        database_url=f"sqlite+aiosqlite:///{tmp / 'bench.db'}",
        telegram_bot_token=TOKEN,
        telegram_api_base_url=api.base_url,
        telegram_api_file_url=api.file_url,
        org_hotline="95500",
    )
    db = Database(settings.database_url)
    await db.init()
    content = LiveContent.load(settings.content_dir)
    runtime = Runtime(settings, db, ConsultationService(settings=settings, db=db, content=content))
    limiter = RetryingRateLimiter(overall_max_rate=0, group_max_rate=0)
    channel = TelegramChannel(runtime, rate_limiter=limiter, concurrent_updates=concurrency)
    await channel.start()
    return channel, runtime


async def time_service_alone(runtime: Runtime, texts: list[str], n: int) -> float:
    """Seconds for n ConsultationService.handle calls in a row, no Telegram at all."""
    people = max(1, n // MESSAGES_PER_PERSON)
    started = time.perf_counter()
    for i in range(n):
        inbound = Inbound("bench", f"bench:{i % people}", text=texts[i % len(texts)])
        await runtime.service.handle(inbound)
    return time.perf_counter() - started


async def bench(n: int, rounds: int, concurrency: int) -> dict[str, Any]:
    texts = load_texts()
    # One fake server per bot, both running the whole time, rounds alternating: the two
    # bots meet the same machine conditions (this VM's speed drifts by a third within
    # minutes). The idle bot only holds a long poll open and costs next to nothing.
    echo_api = FakeBotApi(max_poll_wait=1.0)
    bot_api = FakeBotApi(max_poll_wait=1.0)
    # Also python-telegram-bot's default: one update at a time. On loopback that is the
    # echo bot's fastest setting (no pool of concurrent connections to manage).
    seq_api = FakeBotApi(max_poll_wait=1.0)
    same_api = FakeBotApi(max_poll_wait=1.0)
    for api in (echo_api, bot_api, seq_api, same_api):
        await api.start()
    echo_times: list[float] = []
    bot_times: list[float] = []
    seq_times: list[float] = []
    same_times: list[float] = []
    next_user = 10_000
    app = echo_app(echo_api, concurrency)
    seq_app = echo_app(seq_api, 1)
    same_app = echo_app(same_api, concurrency, aiohttp=True)
    for echo_bot in (app, seq_app, same_app):
        await start_polling(echo_bot)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            channel, runtime = await open_fraudbot(bot_api, Path(tmp), concurrency)
            try:
                for api in (echo_api, bot_api, seq_api, same_api):
                    await run_round(api, make_updates(texts, 20, next_user))  # warm-up
                    next_user += 1000
                for _ in range(rounds):
                    echo_times.append(await run_round(echo_api, make_updates(texts, n, next_user)))
                    next_user += n
                    bot_times.append(await run_round(bot_api, make_updates(texts, n, next_user)))
                    next_user += n
                    seq_times.append(await run_round(seq_api, make_updates(texts, n, next_user)))
                    next_user += n
                    same_times.append(await run_round(same_api, make_updates(texts, n, next_user)))
                    next_user += n
                service_seconds = await time_service_alone(runtime, texts, n)
            finally:
                await channel.stop()
                await runtime.close()
    finally:
        for echo_bot in (app, seq_app, same_app):
            await stop(echo_bot)
        for api in (echo_api, bot_api, seq_api, same_api):
            await api.stop()
    echo_rate = n / statistics.median(echo_times)
    bot_rate = n / statistics.median(bot_times)
    seq_rate = n / statistics.median(seq_times)
    same_rate = n / statistics.median(same_times)
    # Each bot round against the echo round just before it: this VM's speed drifts
    # between rounds, far less within one pair.
    paired = [e / b for e, b in zip(echo_times, bot_times, strict=True)]
    return {
        "updates_per_round": n,
        "rounds": rounds,
        "concurrency": concurrency,
        "echo_updates_per_s": round(echo_rate, 1),
        "fraudbot_updates_per_s": round(bot_rate, 1),
        "ratio": round(bot_rate / echo_rate, 3),
        "paired_ratios": [round(r, 3) for r in paired],
        "paired_ratio_median": round(statistics.median(paired), 3),
        "echo_one_at_a_time_updates_per_s": round(seq_rate, 1),
        "ratio_to_one_at_a_time_echo": round(bot_rate / seq_rate, 3),
        "echo_on_aiohttp_updates_per_s": round(same_rate, 1),
        "ratio_to_echo_on_aiohttp": round(bot_rate / same_rate, 3),
        "service_alone_messages_per_s": round(n / service_seconds, 1),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--updates", type=int, default=600, help="updates per round")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds per bot (median)")
    parser.add_argument(
        "--concurrency",
        type=int,
        default=DEFAULT_CONCURRENCY,
        help="updates handled at once (both bots)",
    )
    parser.add_argument("--json", action="store_true", help="also print the figures as JSON")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    logging.getLogger("httpx").setLevel(logging.WARNING)
    result = asyncio.run(bench(args.updates, args.rounds, args.concurrency))
    print(f"echo bot:  {result['echo_updates_per_s']:8.1f} updates/s")
    print(
        f"fraudbot:  {result['fraudbot_updates_per_s']:8.1f} updates/s  (consultation log on SQLite)"
    )
    print(f"ratio:     {result['ratio']:8.3f}  (target >= 0.5)")
    print(
        f"echo bot one update at a time (python-telegram-bot's default): "
        f"{result['echo_one_at_a_time_updates_per_s']:.1f} updates/s, "
        f"ratio {result['ratio_to_one_at_a_time_echo']:.3f}  (target >= 0.5 here too)"
    )
    print(
        f"echo bot on the fraudbot's transport (aiohttp, JSON): "
        f"{result['echo_on_aiohttp_updates_per_s']:.1f} updates/s, "
        f"ratio {result['ratio_to_echo_on_aiohttp']:.3f}"
    )
    print(
        f"service alone, no Telegram: {result['service_alone_messages_per_s']:.1f} messages/s (one at a time)"
    )
    if args.json:
        print(json.dumps(result))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
