"""`fraudbot log list|show|export`, through the parser, against a SQLite file."""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
from pathlib import Path

import pytest

from bot.log_cli import COLUMNS, add_log_parser
from bot.settings import Settings
from bot.storage.db import Database
from bot.storage.repository import add_consultation, update_consultation
from tests.storage.factories import PHONE, consultation_fields


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="fraudbot")
    add_log_parser(parser.add_subparsers(dest="command", required=True))
    return parser


def run_cli(argv: list[str], url: str) -> int:
    args = _parser().parse_args(argv)
    return int(args.func(args, Settings(database_url=url)))


async def _seed(url: str) -> list[int]:
    db = Database(url)
    try:
        await db.init()
        first = await add_consultation(db, **consultation_fields(text=f"打 {PHONE} 的人说"))
        second = await add_consultation(
            db,
            **consultation_fields(
                channel="web", category="investment", risk="medium", status="needs_follow_up"
            ),
        )
        assert first.id is not None and second.id is not None
        await update_consultation(db, consultation_id=first.id, staff_notes="=HYPERLINK(1)")
        return [first.id, second.id]
    finally:
        await db.close()


@pytest.fixture
def seeded(sqlite_url: str) -> list[int]:
    """Two consultations in the SQLite file at `sqlite_url`."""
    return asyncio.run(_seed(sqlite_url))


def test_list_prints_the_database_and_a_table(
    sqlite_url: str, seeded: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(["log", "list"], sqlite_url) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("Database: sqlite") and "fraudbot.db" in lines[0]
    assert lines[1].split() == [
        "id",
        "created_at",
        "channel",
        "category",
        "risk",
        "urgent",
        "status",
    ]
    assert lines[2].split()[0] == str(seeded[1])  # newest first
    assert "needs_follow_up" in lines[2] and "UTC" in lines[2]
    assert lines[3].split()[0] == str(seeded[0])


def test_list_filters_by_status(
    sqlite_url: str, seeded: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(["log", "list", "--status", "new", "--limit", "5"], sqlite_url) == 0
    rows = capsys.readouterr().out.splitlines()[2:]
    assert [r.split()[0] for r in rows] == [str(seeded[0])]


def test_unreachable_database_is_one_clear_line_without_the_password(
    capsys: pytest.CaptureFixture[str],
) -> None:
    # Port 1 on this machine refuses at once.
    assert run_cli(["log", "list"], "postgresql://staff:s3cret@127.0.0.1:1/none") == 1
    captured = capsys.readouterr()
    assert "s3cret" not in captured.out + captured.err
    assert captured.out.startswith("Database: postgresql://staff:***@127.0.0.1:1/none")
    assert captured.err.startswith("Cannot use the database postgresql://staff:***@")


def test_show_prints_every_field(
    sqlite_url: str, seeded: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(["log", "show", str(seeded[0])], sqlite_url) == 0
    out = capsys.readouterr().out
    shown = {line.split()[0] for line in out.splitlines()}
    assert shown == set(COLUMNS)
    assert PHONE not in out and "5678" in out
    assert "fake_police_safe_account" in out


def test_show_missing_id_exits_1(
    sqlite_url: str, seeded: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(["log", "show", "9999"], sqlite_url) == 1
    assert "No consultation with id 9999" in capsys.readouterr().err


def test_export_csv_to_stdout(
    sqlite_url: str, seeded: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(["log", "export", "--since", "2000-01-01"], sqlite_url) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [int(r["id"]) for r in rows] == seeded  # oldest first
    assert set(rows[0]) == set(COLUMNS)
    assert rows[0]["staff_notes"] == "'=HYPERLINK(1)"  # no formula when opened in Excel
    assert rows[0]["created_at"].endswith("+00:00")
    assert PHONE not in rows[0]["text"]
    assert rows[1]["status"] == "needs_follow_up" and rows[1]["pattern"] == (
        "fake_police_safe_account"
    )


def test_export_csv_to_file(sqlite_url: str, seeded: list[int], tmp_path: Path) -> None:
    out = tmp_path / "log.csv"
    assert run_cli(["log", "export", "--since", "2000-01-01", "--out", str(out)], sqlite_url) == 0
    with out.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)
        body = list(reader)
    assert tuple(header) == COLUMNS
    assert len(body) == 2


def test_export_since_a_future_date_has_only_the_header(
    sqlite_url: str, seeded: list[int], capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(["log", "export", "--since", "2999-01-01"], sqlite_url) == 0
    assert capsys.readouterr().out.strip() == ",".join(COLUMNS)


@pytest.mark.parametrize("bad", ["yesterday", "2025-13-01", "01/02/2025", "20250101"])
def test_export_bad_date_exits_2(
    sqlite_url: str, bad: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(["log", "export", "--since", bad], sqlite_url) == 2
    captured = capsys.readouterr()
    assert "2025-01-31" in captured.err and captured.out == ""
