"""Shared fixtures: the shipped library and matcher are loaded once per session."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

import pytest

from bot.core.content import ContentError, Library, load_library
from bot.core.matching import Matcher
from bot.core.service import LiveContent

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"

# The built-matcher cache of the tests and of the programs they start stays in a
# throwaway folder, not in the user's ~/.cache (one build per session, then reused).
os.environ["CACHE_DIR"] = tempfile.mkdtemp(prefix="fraudbot-test-cache-")
atexit.register(shutil.rmtree, os.environ["CACHE_DIR"], ignore_errors=True)


def copy_content(tmp_path: Path) -> Path:
    """A copy of the shipped content folder to break or extend in one test."""
    dest = tmp_path / "content"
    shutil.copytree(CONTENT, dest)
    return dest


def content_problems(root: Path) -> str:
    """The problems a broken content folder is refused with, as one text."""
    with pytest.raises(ContentError) as err:
        load_library(root)
    return str(err.value)


@pytest.fixture(scope="session")
def live_content() -> LiveContent:
    """The shipped content, built once per session through the same cache the programs
    use: a /reload or a started `fraudbot` then loads this build instead of making its
    own (an uncached build of the 9,000 cases takes 5-8 s)."""
    return LiveContent.load(CONTENT, Path(os.environ["CACHE_DIR"]))


@pytest.fixture(scope="session")
def library(live_content: LiveContent) -> Library:
    return live_content.library


@pytest.fixture(scope="session")
def matcher(live_content: LiveContent) -> Matcher:
    return live_content.matcher


# Database fixtures (`db`, `database_url`, `sqlite_url`) run every storage-touching test
# on SQLite and on PostgreSQL.
pytest_plugins = ["tests.db_fixtures"]
