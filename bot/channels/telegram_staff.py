"""The staff side on Telegram: masked case alerts with taken/close buttons, and staff commands.

Alerts are built from the logged row (already masked), never from what the person typed,
and are rebuilt from the row after every button press, so the chat always shows what the
log says. There is no "taken" status: taking a case appends to staff_notes and keeps it
needing follow-up; closing sets the status to closed.
"""

from __future__ import annotations

import asyncio
import html
import logging
from collections import OrderedDict
from datetime import datetime
from typing import Any

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.constants import ParseMode
from telegram.ext import ContextTypes

from bot.channels.telegram_limits import answer_quietly
from bot.channels.telegram_texts import text
from bot.core.content import Category, ContentError
from bot.core.normalize import mask_text
from bot.runtime import Runtime
from bot.storage import repository as repo
from bot.storage.models import Consultation

log = logging.getLogger(__name__)

STAFF_PREFIX = "sa:"
TAKE, CLOSE = "take", "close"
CALL_BACK_NOTE = "call back requested"
TAKEN_NOTE, CLOSED_NOTE = "taken by staff", "closed by staff"
_REMEMBERED_ALERTS = 10_000
_MAX_TEXT = 800


def staff_mark(user_id: int) -> str:
    """A staff member's id as it may appear in the log: masked to its last four digits."""
    return "***" + str(user_id)[-4:]


def _category(row: Consultation, categories: dict[str, Category]) -> str:
    cat = categories.get(row.category)
    return f"{cat.zh} / {cat.en}" if cat else row.category


def alert_text(row: Consultation, categories: dict[str, Category]) -> str:
    """The staff alert for a logged case: masked, and showing where it stands."""
    notes = row.staff_notes.splitlines()
    heads = []
    if row.urgent:
        heads.append("🚨 <b>紧急 · Urgent</b>")
    if CALL_BACK_NOTE in notes:
        heads.append("📞 <b>要求回电 · Call back requested</b>")
    lines = [" ".join(heads) or "⚠️ <b>需要跟进 · Follow-up</b>"]
    lines.append(
        f"案件 Case <b>#{row.id}</b> · {row.created_at:%Y-%m-%d %H:%M} UTC · {html.escape(row.language)}"
    )
    lines.append(f"类别 Category: {html.escape(_category(row, categories))}")
    money = ""
    if row.amount_lost:
        money = f" · 损失 lost {row.amount_lost:,.0f}"
    elif row.amount_at_risk:
        money = f" · 涉及 at risk {row.amount_at_risk:,.0f}"
    lines.append(f"风险 Risk: {html.escape(row.risk)}{money}")
    lines.append(f"用户 User: <code>{html.escape(row.user_ref[:20])}</code>")
    masked = mask_text(row.text)
    masked = masked if len(masked) <= _MAX_TEXT else masked[:_MAX_TEXT] + "…"
    lines.append("内容 Text (masked):\n" + html.escape(masked or "—"))
    for note in notes:
        if note.startswith(TAKEN_NOTE):
            lines.append("✅ 已接手 · " + html.escape(note))
        elif note.startswith(CLOSED_NOTE):
            lines.append("☑️ 已结案 · " + html.escape(note))
    return "\n".join(lines)


def alert_keyboard(row: Consultation) -> InlineKeyboardMarkup | None:
    """Taken and close while open; only close once taken; nothing once closed."""
    if row.status == "closed":
        return None
    close = InlineKeyboardButton("☑️ 结案 Close", callback_data=f"{STAFF_PREFIX}{CLOSE}:{row.id}")
    if any(n.startswith(TAKEN_NOTE) for n in row.staff_notes.splitlines()):
        return InlineKeyboardMarkup([[close]])
    take = InlineKeyboardButton("✅ 接手 Taken", callback_data=f"{STAFF_PREFIX}{TAKE}:{row.id}")
    return InlineKeyboardMarkup([[take, close]])


def _summary_block(title: str, s: dict[str, Any], categories: dict[str, Category]) -> str:
    def name(cat_id: str) -> str:
        cat = categories.get(cat_id)
        return cat.zh if cat else cat_id

    lines = [f"📊 <b>{title}</b>: {s['total']}"]
    lines.append(
        f"紧急 urgent {s['urgent']} · 待跟进 follow-up {s['needs_follow_up']} · 已阻止 stopped {s['stopped']}"
    )
    lines.append(f"挽回 money saved {s['money_saved']:,.0f} · 损失 lost {s['amount_lost']:,.0f}")
    by_cat = sorted(s["by_category"].items(), key=lambda kv: (-kv[1], kv[0]))
    if by_cat:
        lines.append(
            "类别 By category: " + ", ".join(f"{html.escape(name(c))} {n}" for c, n in by_cat)
        )
    if s["by_risk"]:
        lines.append(
            "风险 By risk: " + ", ".join(f"{html.escape(r)} {n}" for r, n in s["by_risk"].items())
        )
    return "\n".join(lines)


class StaffDesk:
    """Alerts to the staff chat, its buttons, and the staff-only commands."""

    def __init__(self, runtime: Runtime) -> None:
        self.runtime = runtime
        self.settings = runtime.settings
        self._alerted: OrderedDict[tuple[int, str], None] = OrderedDict()

    @property
    def categories(self) -> dict[str, Category]:
        return self.runtime.content.library.categories

    def is_staff(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.settings.staff_user_ids

    # --- alerts -----------------------------------------------------------------

    async def alert(self, bot: Bot, consultation_id: int | None, reason: str) -> None:
        """Send the masked case to the staff chat once per case and reason."""
        chat_id = self.settings.telegram_staff_chat_id
        if chat_id is None or consultation_id is None:
            return
        key = (consultation_id, reason)
        if key in self._alerted:
            return
        row = await repo.get_consultation(self.runtime.db, consultation_id=consultation_id)
        if row is None:
            return
        self._alerted[key] = None
        if len(self._alerted) > _REMEMBERED_ALERTS:
            self._alerted.popitem(last=False)
        await bot.send_message(
            chat_id,
            alert_text(row, self.categories),
            parse_mode=ParseMode.HTML,
            reply_markup=alert_keyboard(row),
        )

    def _may_press(self, user_id: int, chat_id: int | None) -> bool:
        """Listed staff when a list is set; otherwise anyone in the staff chat."""
        if self.settings.staff_user_ids:
            return user_id in self.settings.staff_user_ids
        return chat_id is not None and chat_id == self.settings.telegram_staff_chat_id

    async def on_button(self, update: Update, _context: ContextTypes.DEFAULT_TYPE) -> None:
        """Taken / close pressed under an alert: update the log, then the alert."""
        query = update.callback_query
        assert query is not None and query.data is not None
        chat_id = query.message.chat.id if query.message else None
        if not self._may_press(query.from_user.id, chat_id):
            notice = text("staff_only", "zh") + " " + text("staff_only", "en")
            await answer_quietly(query, notice, show_alert=True)
            return
        verb, _, raw_id = query.data[len(STAFF_PREFIX) :].partition(":")
        if verb not in (TAKE, CLOSE) or not raw_id.isdigit():
            await answer_quietly(query)
            return
        row = await self._apply(int(raw_id), verb, staff_mark(query.from_user.id))
        if row is None:
            await answer_quietly(
                query, "这条记录已被删除 · This case no longer exists", show_alert=True
            )
            await query.edit_message_reply_markup(reply_markup=None)
            return
        await answer_quietly(query, "✅")
        await query.edit_message_text(
            alert_text(row, self.categories),
            parse_mode=ParseMode.HTML,
            reply_markup=alert_keyboard(row),
        )

    async def _apply(self, consultation_id: int, verb: str, who: str) -> Consultation | None:
        db = self.runtime.db
        row = await repo.get_consultation(db, consultation_id=consultation_id)
        if row is None:
            return None
        note = f"{TAKEN_NOTE if verb == TAKE else CLOSED_NOTE} {who}"
        notes = f"{row.staff_notes}\n{note}" if row.staff_notes else note
        status = "closed" if verb == CLOSE or row.status == "closed" else "needs_follow_up"
        return await repo.update_consultation(
            db, consultation_id=consultation_id, staff_notes=notes, status=status
        )

    # --- commands -----------------------------------------------------------------

    async def stats_text(self) -> str:
        """Today's and this month's figures (days and months in the server's time zone)."""
        now = datetime.now().astimezone()
        day = now.replace(hour=0, minute=0, second=0, microsecond=0)
        today = await repo.summary(self.runtime.db, since=day)
        month = await repo.summary(self.runtime.db, since=day.replace(day=1))
        return "\n\n".join(
            [
                _summary_block("今天 Today", today, self.categories),
                _summary_block("本月 This month", month, self.categories),
            ]
        )

    async def unmatched_text(self, limit: int = 15) -> str:
        rows = await repo.list_consultations(self.runtime.db, status="unmatched", limit=limit)
        if not rows:
            return "没有未匹配的咨询 · No unmatched consultations."
        lines = [f"<b>未匹配 Unmatched</b> (最近 latest {len(rows)})"]
        for r in rows:
            body = mask_text(r.text) or "(空 empty)"
            body = body if len(body) <= 120 else body[:120] + "…"
            lines.append(
                f"#{r.id} {r.created_at:%m-%d %H:%M} [{html.escape(r.language)}] {html.escape(body)}"
            )
        return "\n".join(lines)

    async def reload_text(self) -> str:
        """Reload content from disk; a broken folder is refused and the old content stays."""
        try:
            content = await asyncio.to_thread(self.runtime.reload_content)
        except ContentError as exc:
            shown = exc.problems[:15]
            more = len(exc.problems) - len(shown)
            lines = [
                "❌ 内容有错误，未加载，继续使用原来的内容。",
                "Refused; the old content stays live:",
            ]
            lines += [f"• {html.escape(p)}" for p in shown]
            if more:
                lines.append(f"… +{more}")
            return "\n".join(lines)
        except Exception as exc:  # e.g. unreadable labels.yaml: refuse, keep serving
            log.exception("content reload failed")
            return f"❌ Refused; the old content stays live: {html.escape(type(exc).__name__)}: {html.escape(str(exc))}"
        lib = content.library
        return f"✅ 已重新加载 Reloaded: {len(lib.patterns)} patterns, {len(lib.tips)} tips, {len(lib.contacts)} contacts."
