"""Reply values turned into what the Bot API takes: HTML text chunks and inline keyboards."""

from __future__ import annotations

import html
import logging
from collections.abc import Iterable
from functools import lru_cache

from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.constants import MessageLimit

from bot.core.messages import (
    FORGET_CONFIRM,
    HELPFUL,
    LANG_PREFIX,
    NOT_HELPFUL,
    PAID,
    Button,
    Link,
    Reply,
)
from bot.core.service import NOT_PAID

log = logging.getLogger(__name__)

MAX_CALLBACK_BYTES = 64
# Buttons that answer the same question share a row, and pressing one retires the row.
_PAIRS: tuple[frozenset[str], ...] = (
    frozenset({PAID, NOT_PAID}),
    frozenset({HELPFUL, NOT_HELPFUL}),
)


def reply_text(reply: Reply) -> str:
    """The reply's Telegram HTML, plus any phone number the text does not already show.

    Telegram refuses tel: URLs on buttons, so numbers are only ever shown as text.
    """
    text = reply.texts["telegram"]
    extra = [
        f"☎ {html.escape(link.label)}: <b>{html.escape(link.url[4:])}</b>"
        for link in reply.links
        if link.url.startswith("tel:") and link.url[4:] not in text
    ]
    return "\n".join([text, *extra]) if extra else text


def _fits(data: str) -> bool:
    if len(data.encode()) <= MAX_CALLBACK_BYTES:
        return True
    log.error("button action %r is longer than Telegram's 64 bytes; left out", data)
    return False


def keyboard(
    buttons: Iterable[Button], links: Iterable[tuple[str, str]] = ()
) -> InlineKeyboardMarkup | None:
    """An inline keyboard: one row per button, except answer pairs side by side."""
    rows: list[list[InlineKeyboardButton]] = []
    pair_rows: dict[frozenset[str], list[InlineKeyboardButton]] = {}
    for button in buttons:
        if not _fits(button.action):
            continue
        cell = InlineKeyboardButton(button.label, callback_data=button.action)
        pair = next((p for p in _PAIRS if button.action in p), None)
        if pair is None:
            rows.append([cell])
        elif pair in pair_rows:
            pair_rows[pair].append(cell)
        else:
            pair_rows[pair] = [cell]
            rows.append(pair_rows[pair])
    rows += [[InlineKeyboardButton(label, url=url)] for label, url in links]
    return InlineKeyboardMarkup(rows) if rows else None


def reply_keyboard(reply: Reply) -> InlineKeyboardMarkup | None:
    """The keyboard for a reply: its buttons, and its web links (never tel: links)."""
    return _keyboard_for(reply.buttons, reply.links)


# Replies reuse a handful of button sets; a keyboard is immutable, so one is shared.
@lru_cache(maxsize=256)
def _keyboard_for(
    buttons: tuple[Button, ...], links: tuple[Link, ...]
) -> InlineKeyboardMarkup | None:
    web = [(link.label, link.url) for link in links if link.url.startswith(("https://", "http://"))]
    return keyboard(buttons, web)


def _retired_by(pressed: str) -> frozenset[str]:
    """The buttons that no longer make sense once `pressed` was pressed."""
    for pair in _PAIRS:
        if pressed in pair:
            return pair
    return frozenset({pressed})


def after_press(markup: InlineKeyboardMarkup | None, pressed: str) -> InlineKeyboardMarkup | None:
    """The keyboard left under a message once a button of it was pressed.

    Language choices and the delete confirmation retire the whole keyboard; otherwise
    the pressed button (and its pair) go and the rest stay usable.
    """
    if markup is None:
        return None
    if pressed.startswith(LANG_PREFIX) or pressed == FORGET_CONFIRM:
        return None
    retired = _retired_by(pressed)
    rows = [[b for b in row if b.callback_data not in retired] for row in markup.inline_keyboard]
    rows = [row for row in rows if row]
    return InlineKeyboardMarkup(rows) if rows else None


def split_html(text: str, limit: int = MessageLimit.MAX_TEXT_LENGTH) -> list[str]:
    """Cut a long message at line breaks (our tags never span lines) into sendable parts."""
    if len(text) <= limit:
        return [text]
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:  # one enormous line: cut it, never inside an &entity;
            if current:
                parts.append(current)
                current = ""
            cut = limit
            amp = line.rfind("&", limit - 10, limit)
            if amp != -1 and ";" not in line[amp:limit]:
                cut = amp
            parts.append(line[:cut])
            line = line[cut:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            parts.append(current)
            current = line
        else:
            current = candidate
    if current:
        parts.append(current)
    return parts
