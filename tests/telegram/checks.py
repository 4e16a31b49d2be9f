"""Assertion helpers shared by the Telegram tests (no fixtures here)."""

from __future__ import annotations

from html.parser import HTMLParser

from bot.core.identity import user_ref
from bot.storage import repository as repo
from bot.storage.models import Consultation
from tests.telegram.harness import Harness

POLICE = "有个自称检察院的人说我的卡涉嫌洗钱，要我把存款转到监管账户"
BOSS_EN = (
    "my boss added me on wechat with a new account and wants me to transfer 50000 to a supplier now"
)
CHATTER = "晚上一起吃饭吗"
# Tags Telegram's HTML parse mode accepts.
ALLOWED_TAGS = {
    "b",
    "strong",
    "i",
    "em",
    "u",
    "ins",
    "s",
    "strike",
    "del",
    "a",
    "code",
    "pre",
    "tg-spoiler",
    "blockquote",
}


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.tags.append(tag)


def assert_telegram_html(text: str) -> None:
    """Only tags Telegram accepts, and at most 4096 characters."""
    parser = _Tags()
    parser.feed(text)
    assert set(parser.tags) <= ALLOWED_TAGS, parser.tags
    assert len(text) <= 4096


def ref(tg: Harness, telegram_user_id: int) -> str:
    secret = tg.runtime.settings.user_ref_secret.get_secret_value()
    return user_ref("telegram", telegram_user_id, secret)


async def rows(tg: Harness, telegram_user_id: int) -> list[Consultation]:
    """Everything logged for one Telegram user."""
    return await repo.consultations_for_user(tg.runtime.db, user_ref=ref(tg, telegram_user_id))
