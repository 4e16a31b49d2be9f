"""`fraudbot log ...`: staff read and export the consultation log from a terminal."""

from __future__ import annotations

import argparse
import csv
import functools
import json
import sys
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, TypeVar

from sqlalchemy.exc import SQLAlchemyError

from bot.settings import Settings
from bot.storage.db import Database, hide_password, run_with_database
from bot.storage.models import STATUSES, Consultation
from bot.storage.repository import consultations_since, get_consultation, list_consultations

T = TypeVar("T")
Command = Callable[[argparse.Namespace, Settings], int]
COLUMNS: tuple[str, ...] = tuple(Consultation.model_fields)
_LIST_COLUMNS = ("id", "created_at", "channel", "category", "risk", "urgent", "status")
# A cell starting with one of these runs as a formula when the CSV is opened in Excel.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def add_log_parser(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `log list`, `log show ID` and `log export --since DATE` to the CLI."""
    log = sub.add_parser("log", help="read and export the consultation log")
    lsub = log.add_subparsers(dest="log_command", required=True)

    listing = lsub.add_parser("list", help="the newest consultations as a table")
    listing.add_argument("--status", choices=STATUSES)
    listing.add_argument("--limit", type=int, default=50)
    listing.set_defaults(func=cmd_log_list)

    show = lsub.add_parser("show", help="every field of one consultation")
    show.add_argument("id", type=int)
    show.set_defaults(func=cmd_log_show)

    export = lsub.add_parser("export", help="consultations since a date, as CSV")
    export.add_argument("--since", required=True, metavar="YYYY-MM-DD")
    export.add_argument("--out", type=Path, help="write to this file instead of stdout")
    export.set_defaults(func=cmd_log_export)


def _with_db(settings: Settings, work: Callable[[Database], Awaitable[T]]) -> T:
    return run_with_database(settings.database_url, work)


def _reports_db_errors(cmd: Command) -> Command:
    """Turn an unreachable or broken database into one clear line and exit code 1."""

    @functools.wraps(cmd)
    def wrapper(args: argparse.Namespace, settings: Settings) -> int:
        try:
            return cmd(args, settings)
        except (OSError, SQLAlchemyError) as exc:
            reason = (str(exc).splitlines() or [""])[0]
            where = hide_password(settings.database_url)
            print(
                f"Cannot use the database {where}: {type(exc).__name__}: {reason}", file=sys.stderr
            )
            return 1

    return wrapper


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S UTC")
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    return str(value)


def _table(rows: Sequence[Sequence[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) for row in rows)
    return "\n".join(line.rstrip() for line in lines)


@_reports_db_errors
def cmd_log_list(args: argparse.Namespace, settings: Settings) -> int:
    """Print the newest consultations as a table."""
    print(f"Database: {hide_password(settings.database_url)}")
    rows = _with_db(
        settings, lambda db: list_consultations(db, limit=args.limit, status=args.status)
    )
    if not rows:
        print("No consultations logged" + (f" with status {args.status}." if args.status else "."))
        return 0
    cells = [[_cell(getattr(r, c)) for c in _LIST_COLUMNS] for r in rows]
    print(_table([list(_LIST_COLUMNS), *cells]))
    return 0


@_reports_db_errors
def cmd_log_show(args: argparse.Namespace, settings: Settings) -> int:
    """Print every field of one consultation."""
    row = _with_db(settings, lambda db: get_consultation(db, consultation_id=args.id))
    if row is None:
        where = hide_password(settings.database_url)
        print(f"No consultation with id {args.id} in {where}.", file=sys.stderr)
        return 1
    width = max(len(c) for c in COLUMNS)
    for column in COLUMNS:
        print(f"{column.ljust(width)}  {_cell(getattr(row, column))}")
    return 0


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, sort_keys=True)
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return str(value)


def _write_csv(rows: Sequence[Consultation], out: IO[str]) -> None:
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_csv_cell(getattr(row, c)) for c in COLUMNS])


def _parse_day(text: str) -> datetime | None:
    try:
        return datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=UTC)
    except ValueError:
        return None


@_reports_db_errors
def cmd_log_export(args: argparse.Namespace, settings: Settings) -> int:
    """Write every consultation since a UTC date as CSV, to stdout or a file."""
    since = _parse_day(args.since)
    if since is None:
        print(
            f"export: --since must be a date like 2025-01-31, not {args.since!r}", file=sys.stderr
        )
        return 2
    rows = _with_db(settings, lambda db: consultations_since(db, since=since))
    if args.out is None:
        _write_csv(rows, sys.stdout)
        return 0
    # utf-8-sig: Excel only reads Chinese text in a CSV correctly with the BOM.
    with args.out.open("w", encoding="utf-8-sig", newline="") as out:
        _write_csv(rows, out)
    print(f"Wrote {len(rows)} consultation(s) since {args.since} to {args.out}", file=sys.stderr)
    return 0
