"""The Alembic migrations: they build the schema, are idempotent, and match the models."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

from bot.storage.db import Database, alembic_config, ensure_sqlite_dir

ROOT = Path(__file__).resolve().parents[2]
TABLES = {"consultations", "conversation_states", "alembic_version"}


def _schema(conn: Connection) -> dict[str, Any]:
    inspector = inspect(conn)
    tables = set(inspector.get_table_names())
    has_log = "consultations" in tables
    indexes = {i["name"] for i in inspector.get_indexes("consultations")} if has_log else set()
    version = MigrationContext.configure(conn).get_current_revision()
    return {"tables": tables, "indexes": indexes, "version": version}


def _downgrade_to_base(conn: Connection) -> None:
    command.downgrade(alembic_config(conn), "base")


def _head() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


async def _read_schema(url: str, *, reset: bool = False) -> dict[str, Any]:
    ensure_sqlite_dir(url)
    db = Database(url)
    try:
        async with db.engine.begin() as conn:
            if reset:
                await conn.run_sync(_downgrade_to_base)
            return await conn.run_sync(_schema)
    finally:
        await db.close()


async def test_init_creates_the_tables_and_is_idempotent(database_url: str) -> None:
    before = await _read_schema(database_url, reset=True)
    assert before["tables"] <= {"alembic_version"} and before["version"] is None
    for _ in range(2):
        db = Database(database_url)
        try:
            await db.init()
        finally:
            await db.close()
    after = await _read_schema(database_url)
    assert after["tables"] >= TABLES
    assert after["version"] == _head() == "0002"
    expected = {f"ix_consultations_{c}" for c in ("created_at", "channel", "user_ref", "category")}
    assert expected <= after["indexes"]


def _diff(conn: Connection) -> list[Any]:
    return list(compare_metadata(MigrationContext.configure(conn), SQLModel.metadata))


async def test_models_match_the_migrations(db: Database) -> None:
    async with db.engine.connect() as conn:
        diff = await conn.run_sync(_diff)
    assert diff == [], "models and migrations differ; add a migration"


async def test_alembic_cli_upgrades_from_the_repo_root(database_url: str) -> None:
    await _read_schema(database_url, reset=True)
    env = {**os.environ, "DATABASE_URL": database_url}
    done = subprocess.run(
        [sys.executable, "-m", "alembic", "upgrade", "head"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    after = await _read_schema(database_url)
    assert after["tables"] >= TABLES and after["version"] == _head()
