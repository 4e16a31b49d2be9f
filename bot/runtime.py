"""What every long-running command shares: settings, database, content and the service."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.service import ConsultationService, LiveContent
from bot.settings import Settings
from bot.storage.db import Database


@dataclass
class Runtime:
    settings: Settings
    db: Database
    service: ConsultationService

    @property
    def content(self) -> LiveContent:
        return self.service.content

    def reload_content(self) -> LiveContent:
        """Load content from disk and swap it in; raises ContentError and keeps the old."""
        content = LiveContent.load(self.settings.content_dir, self.settings.cache_dir)
        self.service.reload(content)
        return content

    async def close(self) -> None:
        await self.db.close()


async def open_runtime(settings: Settings) -> Runtime:
    """Load content, bring the database schema up to date, and build the service."""
    content = LiveContent.load(settings.content_dir, settings.cache_dir)
    db = Database(settings.database_url)
    await db.init()
    return Runtime(settings, db, ConsultationService(settings=settings, db=db, content=content))
