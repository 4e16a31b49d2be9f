"""Factories for real Bot API Update JSON (the shapes Telegram sends), as in PTB's tests."""

from __future__ import annotations

import itertools
import time
from typing import Any

from tests.telegram.fake_bot_api import BOT_USER

ALICE = 1001
BOB = 1002
STAFF = 4242
FAMILY_GROUP = -100777
STAFF_CHAT = -100999

_message_ids = itertools.count(1)


def user(user_id: int = ALICE, language_code: str | None = "zh") -> dict[str, Any]:
    out: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": f"User{user_id}"}
    if language_code:
        out["language_code"] = language_code
    return out


def chat(chat_id: int) -> dict[str, Any]:
    if chat_id > 0:
        return {"id": chat_id, "type": "private", "first_name": f"User{chat_id}"}
    return {"id": chat_id, "type": "supergroup", "title": "Family"}


def message(
    text: str | None = None,
    *,
    sender: int = ALICE,
    chat_id: int | None = None,
    language_code: str | None = "zh",
    entities: list[dict[str, Any]] | None = None,
    reply_to: dict[str, Any] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    """A message update; `extra` adds fields such as photo, sticker, caption, forward_origin."""
    msg: dict[str, Any] = {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": chat(sender if chat_id is None else chat_id),
        "from": user(sender, language_code),
        **extra,
    }
    if text is not None:
        msg["text"] = text
    if entities:
        msg["entities" if text is not None else "caption_entities"] = entities
    if reply_to is not None:
        msg["reply_to_message"] = reply_to
    return {"message": msg}


def command(line: str, **kwargs: Any) -> dict[str, Any]:
    """A command message such as "/check some text" (the bot_command entity included)."""
    name = line.split(maxsplit=1)[0]
    entities = [{"type": "bot_command", "offset": 0, "length": len(name)}]
    return message(line, entities=entities, **kwargs)


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def mention(text: str, **kwargs: Any) -> dict[str, Any]:
    """A group message that mentions the bot first: "@bot text"."""
    handle = f"@{BOT_USER['username']}"
    entities = [{"type": "mention", "offset": 0, "length": utf16_len(handle)}]
    return message(f"{handle} {text}", entities=entities, **kwargs)


def forwarded(text: str, **kwargs: Any) -> dict[str, Any]:
    origin = {"type": "hidden_user", "sender_user_name": "Unknown", "date": int(time.time()) - 60}
    return message(text, forward_origin=origin, **kwargs)


def photo(caption: str | None = None, **kwargs: Any) -> dict[str, Any]:
    sizes = [{"file_id": "ph1", "file_unique_id": "uph1", "width": 90, "height": 90}]
    extra: dict[str, Any] = {"photo": sizes}
    if caption is not None:
        extra["caption"] = caption
    return message(None, **extra, **kwargs)


def sticker(**kwargs: Any) -> dict[str, Any]:
    st = {
        "file_id": "st1",
        "file_unique_id": "ust1",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
    return message(None, sticker=st, **kwargs)


def voice(**kwargs: Any) -> dict[str, Any]:
    return message(
        None, voice={"file_id": "vo1", "file_unique_id": "uvo1", "duration": 3}, **kwargs
    )


def document(caption: str | None = None, **kwargs: Any) -> dict[str, Any]:
    doc = {"file_id": "do1", "file_unique_id": "udo1", "file_name": "scam.pdf"}
    extra: dict[str, Any] = {"document": doc}
    if caption is not None:
        extra["caption"] = caption
    return message(None, **extra, **kwargs)


def press(
    sent: dict[str, Any], action: str, *, sender: int = ALICE, language_code: str = "zh"
) -> dict[str, Any]:
    """A callback_query update: `sender` presses the button `action` under message `sent`."""
    buttons = [b for row in sent.get("reply_markup", {}).get("inline_keyboard", []) for b in row]
    assert action in [b.get("callback_data") for b in buttons], f"{action!r} not in {buttons}"
    return {
        "callback_query": {
            "id": f"cq{next(_message_ids)}",
            "from": user(sender, language_code),
            "chat_instance": "ci1",
            "data": action,
            "message": sent,
        }
    }
