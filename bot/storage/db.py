"""The async engine, sessions, and the schema brought up to date by Alembic at start-up."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import AsyncIterator, Awaitable, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import Connection, Engine, make_url
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


def _is_sqlite_file(url: str) -> bool:
    database = make_url(url).database or ""
    return bool(database) and database != ":memory:" and not database.startswith("file:")


def _in_transaction(engine: Engine, work: Callable[[Connection], T], write: bool) -> T:
    with engine.begin() if write else engine.connect() as conn:
        return work(conn)


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
        # The hot path (each message's state read and log write, see `run_sync`) on a
        # SQLite file goes to the plain sqlite3 driver in a thread of its own: through
        # aiosqlite every statement is four or five hops between the event loop and the
        # driver's thread, and those hops, not SQLite, cost most of a message's CPU.
        self._sync_engine: Engine | None = None
        self._sync_thread: ThreadPoolExecutor | None = None
        if self.is_sqlite and _is_sqlite_file(self.url):
            self._sync_engine = create_engine(
                make_url(self.url).set(drivername="sqlite"),
                connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS},
            )
            event.listen(self._sync_engine, "connect", _sqlite_pragmas)
            self._sync_thread = ThreadPoolExecutor(1, thread_name_prefix="sqlite-rounds")

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
        if self._sync_engine is not None and self._sync_thread is not None:
            loop = asyncio.get_running_loop()
            await loop.run_in_executor(self._sync_thread, self._sync_engine.dispose)
            self._sync_thread.shutdown(wait=True)
        await self.engine.dispose()

    async def run_sync(self, work: Callable[[Connection], T], *, write: bool) -> T:
        """Run `work(connection)` in one transaction, committed when `write` and it returns.

        `work` is plain synchronous SQLAlchemy Core. On a SQLite file it runs in this
        database's own thread with the sqlite3 driver, one hop for the whole round; on
        PostgreSQL (and in-memory SQLite) through the async engine's `run_sync`.
        """
        if self._sync_engine is None or self._sync_thread is None:
            async with self.engine.begin() if write else self.engine.connect() as conn:
                return await conn.run_sync(work)
        loop = asyncio.get_running_loop()
        job = functools.partial(_in_transaction, self._sync_engine, work, write)
        return await loop.run_in_executor(self._sync_thread, job)

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
