"""Shared fixtures: the shipped library and matcher are loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.content import Library, load_library
from bot.core.matching import Matcher

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


@pytest.fixture(scope="session")
def library() -> Library:
    return load_library(CONTENT)


@pytest.fixture(scope="session")
def matcher(library: Library) -> Matcher:
    return Matcher(library)


# Database fixtures (`db`, `database_url`, `sqlite_url`) run every storage-touching test
# on SQLite and on PostgreSQL.
pytest_plugins = ["tests.db_fixtures"]
