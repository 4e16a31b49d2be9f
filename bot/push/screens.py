"""The neutral values the push flows return; channels turn them into messages and buttons."""

from __future__ import annotations

from dataclasses import dataclass

from bot.core.messages import Button
from bot.push.models import PushSubscriber
from bot.push.senders import Recipient

PREFIX = "push:"


@dataclass(frozen=True)
class Contact:
    """Who is talking to us: the channel's chat address and the pseudonymous user ref."""

    channel: str
    chat_id: str
    user_ref: str
    language_hint: str | None = None


@dataclass(frozen=True)
class Screen:
    """Text plus rows of buttons (actions start with "push:")."""

    text: str
    rows: tuple[tuple[Button, ...], ...] = ()


@dataclass(frozen=True)
class Notice:
    """A message for another chat (the other side of a guardian link)."""

    recipient: Recipient
    screen: Screen


@dataclass(frozen=True)
class Result:
    screen: Screen
    notices: tuple[Notice, ...] = ()


def button(action: str, label: str) -> Button:
    """A button whose action is "push:" + `action`."""
    return Button(PREFIX + action, label)


def recipient(row: PushSubscriber) -> Recipient:
    return Recipient(row.id or 0, row.channel, row.chat_id, row.language)


def hint_language(hint: str | None) -> str:
    """A channel's language code (Telegram's language_code) as one of ours."""
    hint = (hint or "").lower()
    if hint.startswith("en"):
        return "en"
    return "zh-hant" if hint in ("zh-hk", "zh-tw", "zh-hant", "zh-mo") else "zh"
