"""`fraudbot push ...`: send what is due, staff alerts, campaigns and delivery figures.

fraudbot push run-once [--at 2025-03-03T09:00]      send everything due at that moment
fraudbot push alert --audience elderly --text-zh ... --text-en ... [--confirm]
fraudbot push figures [--alert ID] [--since YYYY-MM-DD]
fraudbot push campaign add --id pension_week --audience elderly --start ... --end ...
fraudbot push campaign list
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import asdict
from datetime import datetime
from typing import TypeVar

from bot.core.content import load_library
from bot.push import repository as repo
from bot.push import staff
from bot.push.models import PushAlert
from bot.push.schedule import zone
from bot.push.senders import Sender
from bot.settings import Settings
from bot.storage.db import Database, run_with_database

T = TypeVar("T")
AUDIENCE_CHOICES = ("all", "elderly", "student", "business", "general")


def add_push_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `push run-once | alert | figures | campaign` to the CLI."""
    push = sub.add_parser("push", help="daily tips, staff alerts and their delivery")
    psub = push.add_subparsers(dest="push_command", required=True)

    once = psub.add_parser("run-once", help="send everything due now (or --at) and exit")
    once.add_argument("--at", help="ISO-8601 moment (local to PUSH_TIMEZONE if no offset)")
    once.set_defaults(func=cmd_run_once)

    alert = psub.add_parser("alert", help="warn subscribers about a new scam wave")
    alert.add_argument("--audience", choices=AUDIENCE_CHOICES, default="all")
    alert.add_argument("--text-zh", required=True)
    alert.add_argument("--text-en", default="")
    alert.add_argument("--confirm", action="store_true", help="send it (else: preview only)")
    alert.set_defaults(func=cmd_alert)

    figures = psub.add_parser("figures", help="deliveries: sent, failed, blocked, pending")
    figures.add_argument("--alert", type=int, help="one alert's figures")
    figures.add_argument("--since", metavar="YYYY-MM-DD")
    figures.set_defaults(func=cmd_figures)

    campaign = psub.add_parser("campaign", help="seasonal or campaign tips that go first")
    csub = campaign.add_subparsers(dest="campaign_command", required=True)
    add = csub.add_parser("add", help="schedule (or replace) a campaign")
    add.add_argument("--id", required=True, dest="campaign_id")
    add.add_argument("--audience", choices=AUDIENCE_CHOICES, default="all")
    add.add_argument("--start", required=True, help="YYYY-MM-DD or ISO-8601")
    add.add_argument("--end", required=True, help="YYYY-MM-DD or ISO-8601 (exclusive)")
    add.add_argument("--tip", action="append", default=[], help="a tip id from content/tips")
    add.add_argument("--text-zh", action="append", default=[], help="a tip of its own")
    add.add_argument("--text-en", action="append", default=[])
    add.set_defaults(func=cmd_campaign_add)
    listing = csub.add_parser("list", help="every campaign")
    listing.set_defaults(func=cmd_campaign_list)


def _moment(text: str, settings: Settings) -> datetime:
    """ISO date or date-time; without an offset it is local to PUSH_TIMEZONE."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=zone(settings.push_timezone))
    return moment


def _with_db(settings: Settings, work: Callable[[Database], Awaitable[T]]) -> T:
    return run_with_database(settings.database_url, work)


# --- run-once ----------------------------------------------------------------------------


async def _senders(settings: Settings) -> dict[str, Sender]:
    senders: dict[str, Sender] = {}
    if settings.telegram_bot_token is not None:
        from bot.push.telegram_sender import TelegramSender

        telegram = TelegramSender.from_settings(settings)
        try:
            await telegram.start()
        except Exception as exc:  # unreachable or bad token: say so, send nothing there
            print(f"push: Telegram is not reachable: {exc}", file=sys.stderr)
        else:
            senders["telegram"] = telegram
    return senders


async def _run_once(settings: Settings, at: datetime | None) -> int:
    from bot.push.scheduler import engine_config, run_once

    # Only the tips are needed: no matcher to build, so a cron run starts fast.
    tips = load_library(settings.content_dir).tips
    db = Database(settings.database_url)
    await db.init()
    senders = await _senders(settings)
    try:
        if not senders:
            print("push: no channel configured (set TELEGRAM_BOT_TOKEN)", file=sys.stderr)
            return 1
        config = engine_config(settings)
        figures = await run_once(db, senders, at, tips=tips, config=config, settings=settings)
        print(json.dumps(asdict(figures)), flush=True)
        return 0
    finally:
        for sender in senders.values():
            stop = getattr(sender, "stop", None)
            if stop is not None:
                await stop()
        await db.close()


def cmd_run_once(args: argparse.Namespace, settings: Settings) -> int:
    at = _moment(args.at, settings) if args.at else None
    return asyncio.run(_run_once(settings, at))


# --- staff -------------------------------------------------------------------------------


def cmd_alert(args: argparse.Namespace, settings: Settings) -> int:
    """Preview and recipient count; with --confirm the alert is stored and sent."""

    async def work(db: Database) -> int:
        if not args.confirm:
            draft = PushAlert(
                audience=args.audience,
                text_zh=args.text_zh,
                text_en=args.text_en or args.text_zh,
                created_by="cli",
            )
            count = await repo.count_recipients(db, audience=args.audience)
            print(staff.preview_text(draft, count, "en"))
            print("\nNothing sent. Add --confirm to send it.")
            return 0
        alert, count, screen = await staff.draft(
            db,
            audience=args.audience,
            text_zh=args.text_zh,
            text_en=args.text_en,
            created_by="cli",
            language="en",
        )
        print(screen.text)
        result = await staff.decide(db, alert_id=alert.id or 0, confirm=True, language="en")
        print(
            f"\n{result.text}\nIt goes out with the next `fraudbot push run-once` or `serve` pass."
        )
        return 0

    return _with_db(settings, work)


def cmd_figures(args: argparse.Namespace, settings: Settings) -> int:
    async def work(db: Database) -> int:
        since = _moment(args.since, settings) if args.since else None
        by_kind = await repo.figures(db, alert_id=args.alert, since=since)
        print(f"{'kind':<16}" + "".join(f"{s:>9}" for s in repo.STATUSES))
        for kind, counts in sorted(by_kind.items()):
            print(f"{kind:<16}" + "".join(f"{counts[s]:>9}" for s in repo.STATUSES))
        total = repo.totals(by_kind)
        print(f"{'total':<16}" + "".join(f"{total[s]:>9}" for s in repo.STATUSES))
        if args.alert is None:
            for alert in await repo.list_alerts(db, limit=10):
                text = await staff.figures_text(db, alert_id=alert.id or 0, language="en")
                print(f"{text}  [{alert.status}, {alert.audience}]")
        return 0

    return _with_db(settings, work)


def cmd_campaign_add(args: argparse.Namespace, settings: Settings) -> int:
    own = [
        {"zh": zh, "en": args.text_en[n] if n < len(args.text_en) else zh}
        for n, zh in enumerate(args.text_zh)
    ]

    async def work(db: Database) -> int:
        known = {t.id for t in load_library(settings.content_dir).tips}
        unknown = [t for t in args.tip if t not in known]
        if unknown:
            print(f"unknown tip ids: {', '.join(unknown)}", file=sys.stderr)
            return 2
        row = await repo.add_campaign(
            db,
            campaign_id=args.campaign_id,
            audience=args.audience,
            starts_at=_moment(args.start, settings),
            ends_at=_moment(args.end, settings),
            tip_ids=args.tip,
            texts=own,
        )
        print(f"campaign {row.id}: {len(row.tip_ids) + len(row.texts)} tips for {row.audience}")
        return 0

    try:
        return _with_db(settings, work)
    except ValueError as exc:
        print(f"push campaign: {exc}", file=sys.stderr)
        return 2


def cmd_campaign_list(args: argparse.Namespace, settings: Settings) -> int:
    async def work(db: Database) -> int:
        for c in await repo.list_campaigns(db):
            print(
                f"{c.id}\t{c.audience}\t{c.starts_at.isoformat()}\t{c.ends_at.isoformat()}\t"
                f"{len(c.tip_ids) + len(c.texts)} tips"
            )
        return 0

    return _with_db(settings, work)


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m bot.push.cli push ...` (the same commands before `fraudbot` wires them)."""
    parser = argparse.ArgumentParser(prog="fraudbot")
    add_push_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return int(args.func(args, Settings()))


if __name__ == "__main__":
    sys.exit(main())
