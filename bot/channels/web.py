"""Web chat channel: the JSON the page sends becomes an Inbound; a Reply becomes JSON.

The page's anonymous session id (a random cookie value) is the raw id; only its keyed
hash (`user_ref`) reaches the service and the log.
"""

from __future__ import annotations

import logging
import re
from html import escape
from typing import Any

from bot.core.identity import user_ref
from bot.core.messages import (
    ELDERLY_OFF,
    ELDERLY_ON,
    FORGET,
    FORGET_CONFIRM,
    HELPFUL,
    LANG_PREFIX,
    MY_DATA,
    NOT_HELPFUL,
    NOT_MINE,
    PAID,
    STAFF,
    Inbound,
    Reply,
)
from bot.core.normalize import detect_language
from bot.core.service import NOT_PAID, ConsultationService
from bot.push.service import web_notice

CHANNEL = "web"
LANGUAGES = ("zh", "zh-hant", "en")
# Every button the service offers, plus the page's own settings controls and "help".
ACTIONS = frozenset(
    {PAID, NOT_PAID, NOT_MINE, HELPFUL, NOT_HELPFUL, STAFF, MY_DATA, FORGET, FORGET_CONFIRM}
    | {ELDERLY_ON, ELDERLY_OFF, "help"}
    | {LANG_PREFIX + lang for lang in LANGUAGES}
)

log = logging.getLogger(__name__)


def is_known_action(action: str) -> bool:
    return action in ACTIONS


def reply_payload(reply: Reply) -> dict[str, Any]:
    """The JSON the page renders: server-escaped HTML plus the plain text and buttons."""
    return {
        "html": reply.text("web"),
        "text": reply.text("plain"),
        "buttons": [{"action": b.action, "label": b.label} for b in reply.buttons],
        "links": [{"label": link.label, "url": link.url} for link in reply.links],
        "kind": reply.kind,
        "language": reply.language,
        "consultation_id": reply.consultation_id,
    }


class WebChannel:
    """Translates the web chat's requests for the one consultation service."""

    def __init__(self, service: ConsultationService, *, secret: str) -> None:
        self.service = service
        self._secret = secret

    def user_ref(self, session_id: str) -> str:
        return user_ref(CHANNEL, session_id, self._secret)

    async def chat(self, session_id: str, text: str, language: str | None = None) -> Reply:
        """Answer a typed or pasted message."""
        if _SUBSCRIBE_WORDS.match(text.strip()):
            return _subscribe_elsewhere(text, language)
        inbound = Inbound(CHANNEL, self.user_ref(session_id), text=text, language=language)
        return await self._handle(inbound)

    async def action(self, session_id: str, action: str) -> Reply:
        """Answer a button press (the action must be one of ACTIONS)."""
        if not is_known_action(action):
            raise ValueError(f"unknown action {action!r}")
        return await self._handle(Inbound(CHANNEL, self.user_ref(session_id), action=action))

    async def _handle(self, inbound: Inbound) -> Reply:
        reply = await self.service.handle(inbound)
        if reply.extra.get("staff_alert"):
            # The case is marked needs_follow_up in the log; staff see it there.
            log.warning("web: call back requested for consultation %s", reply.consultation_id)
        return reply


# Daily tips need a channel that can reach the person later; the web page cannot.
_SUBSCRIBE_WORDS = re.compile(r"^/?(?:订阅|訂閱|subscribe|tips subscription)[\s!！。.]*$", re.I)


def _subscribe_elsewhere(text: str, language: str | None) -> Reply:
    lang = language if language in ("zh", "zh-hant", "en") else detect_language(text)
    notice = web_notice(lang)
    return Reply(
        texts={"plain": notice, "telegram": escape(notice), "web": escape(notice)},
        kind="subscribe_elsewhere",
        language=lang,
    )
