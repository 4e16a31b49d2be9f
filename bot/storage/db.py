"""The async engine, sessions, and the schema brought up to date by Alembic at start-up."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import event, text
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlmodel.ext.asyncio.session import AsyncSession

T = TypeVar("T")

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

_ASYNC_PREFIXES = ("sqlite+aiosqlite://", "postgresql+asyncpg://")
_SYNC_PREFIXES = {
    "sqlite://": "sqlite+aiosqlite://",
    "postgresql://": "postgresql+asyncpg://",
    "postgres://": "postgresql+asyncpg://",
}
# Writers queue behind SQLite's single write lock; wait this long before "database is locked".
SQLITE_BUSY_TIMEOUT_SECONDS = 30
# A health check or start-up should fail in seconds, not asyncpg's default minute.
POSTGRES_CONNECT_TIMEOUT_SECONDS = 10
# Any constant works ("fraudbot" in ASCII); every process that migrates must use the same.
_MIGRATION_LOCK_ID = 0x6672_6175_6462_6F74


def async_url(url: str) -> str:
    """Map a sqlite:// or postgres(ql):// URL to its async driver; refuse anything else."""
    if url.startswith(_ASYNC_PREFIXES):
        return url
    for prefix, replacement in _SYNC_PREFIXES.items():
        if url.startswith(prefix):
            return replacement + url[len(prefix) :]
    scheme = url.split("://", 1)[0] if "://" in url else "(none)"
    raise ValueError(
        f"unsupported database URL scheme {scheme!r}: use sqlite:///path/to/file.db "
        "or postgresql://user:password@host/dbname"
    )


def hide_password(url: str) -> str:
    """The URL as it is safe to print: any password replaced by ***."""
    return make_url(url).render_as_string(hide_password=True)


def ensure_sqlite_dir(url: str) -> None:
    """Create the folder a SQLite file lives in (e.g. ./data/); SQLite will not."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return
    database = parsed.database or ""
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).parent.mkdir(parents=True, exist_ok=True)


def alembic_config(connection: Connection | None = None) -> Config:
    """An Alembic config pointing at the migrations shipped inside the package."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.set_main_option("path_separator", "os")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def _upgrade_to_head(connection: Connection) -> None:
    command.upgrade(alembic_config(connection), "head")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets readers run beside the one writer; busy_timeout makes writers wait their
    # turn instead of failing at once with "database is locked".
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_SECONDS * 1000}")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class Database:
    """One engine and its session factory; call `init()` once before use."""

    def __init__(self, url: str) -> None:
        self.url = async_url(url)
        self.is_sqlite = make_url(self.url).get_backend_name() == "sqlite"
        timeout = (
            SQLITE_BUSY_TIMEOUT_SECONDS if self.is_sqlite else POSTGRES_CONNECT_TIMEOUT_SECONDS
        )
        self.engine: AsyncEngine = create_async_engine(
            # A local SQLite file cannot drop a connection; pinging it costs a round trip
            # per session. PostgreSQL connections can go stale, so they are checked.
            self.url,
            pool_pre_ping=not self.is_sqlite,
            connect_args={"timeout": timeout},
        )
        if self.is_sqlite:
            event.listen(self.engine.sync_engine, "connect", _sqlite_pragmas)
        self._sessions = async_sessionmaker(
            self.engine, class_=AsyncSession, expire_on_commit=False
        )

    def __repr__(self) -> str:
        return f"Database({hide_password(self.url)!r})"

    async def init(self) -> None:
        """Create the SQLite folder if needed and migrate the schema to the latest version."""
        ensure_sqlite_dir(self.url)
        async with self.engine.begin() as conn:
            if not self.is_sqlite:
                # Two workers starting together must not both create the tables.
                await conn.execute(
                    text("SELECT pg_advisory_xact_lock(:id)"), {"id": _MIGRATION_LOCK_ID}
                )
            await conn.run_sync(_upgrade_to_head)

    async def close(self) -> None:
        """Close every pooled connection."""
        await self.engine.dispose()

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A session whose objects stay readable after commit."""
        async with self._sessions() as session:
            yield session

    async def ping(self) -> bool:
        """True when the database answers a trivial query (for health checks)."""
        try:
            async with self.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
        except Exception:  # a health check reports failure, whatever its cause
            return False
        return True


# Repository functions take either: a Database (they open, commit and close their own
# session) or a caller's session (they join its transaction and the caller commits).
# The conversation service uses the second so one message is one transaction.
Store = Database | AsyncSession


@asynccontextmanager
async def transaction(store: Store, *, commit: bool = True) -> AsyncIterator[AsyncSession]:
    """The session to work in: the caller's as it is, or a new one, committed on success
    unless `commit` is false (reads have nothing to commit)."""
    if isinstance(store, AsyncSession):
        yield store
        return
    async with store.session() as session:
        yield session
        if commit:
            await session.commit()


def reading(store: Store) -> AbstractAsyncContextManager[AsyncSession]:
    """The session to read in: the caller's, or a new one (nothing to commit)."""
    return transaction(store, commit=False)


def run_with_database(url: str, work: Callable[[Database], Awaitable[T]]) -> T:
    """For command-line tools: open the database (migrating it if needed), run `work`,
    always close."""

    async def run() -> T:
        db = Database(url)
        try:
            await db.init()
            return await work(db)
        finally:
            await db.close()

    return asyncio.run(run())
