"""Whether a WeChat follower still wants messages, kept in their conversation state.

`unsubscribe` deletes nothing (the consultation log is the bank's record), but it
sets `wechat.stopped`: nothing may be pushed to that person any more, not even the
rest of a long reply. A future push (daily tips) must skip users where
`stopped_for_pushes` is true. `subscribe` clears it. The service keeps unknown keys
of the state when it saves, so this key survives conversations; "forget me" erases it.
"""

from __future__ import annotations

import time

from bot.storage import repository as repo
from bot.storage.db import Database

KEY = "wechat"


async def set_subscribed(db: Database, *, user_ref: str, subscribed: bool) -> None:
    """Record a subscribe (push allowed) or unsubscribe (stop everything) event."""
    state = await repo.load_state(db, user_ref=user_ref) or {}
    state[KEY] = {"stopped": not subscribed, "at": int(time.time())}
    await repo.save_state(db, user_ref=user_ref, data=state)


async def stopped_for_pushes(db: Database, *, user_ref: str) -> bool:
    """True when the person unsubscribed and has not subscribed again."""
    state = await repo.load_state(db, user_ref=user_ref) or {}
    entry = state.get(KEY)
    return isinstance(entry, dict) and bool(entry.get("stopped"))


async def language(db: Database, *, user_ref: str) -> str:
    """The person's chosen or last detected language, default Simplified Chinese."""
    state = await repo.load_state(db, user_ref=user_ref) or {}
    lang = state.get("lang") or state.get("last_lang") or "zh"
    return str(lang) if lang in ("zh", "zh-hant", "en") else "zh"
