"""Telegram side of the push: /subscribe, /unsubscribe, /settings, /guardian, staff /alert.

    from bot.push.telegram_handlers import register
    push = register(application, runtime)     # before the channel's catch-all handlers
    push.sender                               # a TelegramSender for the scheduler
    await push.after_reply(reply)             # alerts guardians for urgent/high-risk

Handlers sit in group -1 and stop the update there, so the channel's own handlers
(an unknown-command reply, a catch-all button handler) never see push updates.
Callback data starts with "push:". Messages are plain text (no parse mode).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any, TypeAlias

from telegram import (  # noqa: TID251 - this module is the Telegram edge of the push
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    Update,
)
from telegram.error import BadRequest, TelegramError  # noqa: TID251
from telegram.ext import (  # noqa: TID251
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    filters,
)

from bot.core.identity import user_ref
from bot.core.messages import Reply
from bot.push import staff, texts
from bot.push.guardian_flow import GuardianFlow
from bot.push.guardians import notify_guardians
from bot.push.screens import Contact, Result, Screen
from bot.push.service import PushService
from bot.push.telegram_sender import CHANNEL, TelegramSender
from bot.runtime import Runtime

log = logging.getLogger(__name__)
Context = ContextTypes.DEFAULT_TYPE
Handler = Callable[[Update, Context], Awaitable[None]]
App: TypeAlias = "Application[Any, Any, Any, Any, Any, Any]"
BOT_DATA_KEY = "push"
WAKE_KEY = "push_wake"
# (command, zh, en) for the command menu; the channel may add these to its own list.
PUSH_COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("subscribe", "订阅每日防骗提醒", "Daily anti-fraud tips"),
    ("settings", "提醒的时间、语言和长辈模式", "Tip time, language, elderly mode"),
    ("guardian", "邀请家人做守护人", "Invite a family guardian"),
    ("unsubscribe", "退订提醒", "Stop the tips"),
)
STAFF_PUSH_COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("alert", "给订阅者发反诈预警", "Send subscribers a scam alert"),
)


def markup(screen: Screen) -> InlineKeyboardMarkup | None:
    if not screen.rows:
        return None
    return InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(b.label, callback_data=b.action) for b in row]
            for row in screen.rows
        ]
    )


def _final(callback: Handler) -> Callable[[Update, Context], Coroutine[Any, Any, None]]:
    """Run the push handler, then stop: the channel's own handlers must not answer too."""

    async def run(update: Update, context: Context) -> None:
        await callback(update, context)
        raise ApplicationHandlerStop

    return run


class PushTelegram:
    """The handlers, holding the runtime, the push service and the Bot API sender."""

    def __init__(
        self,
        application: App,
        runtime: Runtime,
        service: PushService,
    ) -> None:
        self.app = application
        self.runtime = runtime
        self.service = service
        self.secret = runtime.settings.user_ref_secret.get_secret_value()
        self.sender = TelegramSender(
            application.bot, per_second=runtime.settings.push_telegram_per_second
        )
        self.wake = asyncio.Event()
        service.invite_links[CHANNEL] = self.invite_link

    def invite_link(self, code: str) -> str:
        return f"https://t.me/{self.app.bot.username}?start=g_{code}"

    def add_to(self, application: App, group: int) -> None:
        private = filters.UpdateType.MESSAGE & filters.ChatType.PRIVATE
        commands = {
            "subscribe": self.cmd_subscribe,
            "unsubscribe": self.cmd_unsubscribe,
            "settings": self.cmd_settings,
            "guardian": self.cmd_guardian,
            "alert": self.cmd_alert,
        }
        for name, callback in commands.items():
            handler: CommandHandler[Any, None] = CommandHandler(
                name, _final(callback), filters=private
            )
            application.add_handler(handler, group=group)
        deep_link = private & filters.Regex(r"^/start g_[A-Za-z0-9]+")
        start: CommandHandler[Any, None] = CommandHandler(
            "start", _final(self.cmd_start), filters=deep_link
        )
        application.add_handler(start, group)
        buttons: CallbackQueryHandler[Any, None] = CallbackQueryHandler(
            _final(self.on_button), pattern=r"^push:"
        )
        application.add_handler(buttons, group)

    # --- translation --------------------------------------------------------------------

    def contact(self, update: Update) -> Contact:
        user, chat = update.effective_user, update.effective_chat
        assert user is not None and chat is not None  # commands in private chats have both
        return Contact(
            CHANNEL, str(chat.id), user_ref(CHANNEL, user.id, self.secret), user.language_code
        )

    def is_staff(self, update: Update) -> bool:
        user = update.effective_user
        return user is not None and user.id in self.runtime.settings.staff_user_ids

    async def show(self, update: Update, result: Result, *, edit: bool = False) -> None:
        """The screen to the person (in place when a button was pressed), notices to others."""
        query = update.callback_query
        if edit and query is not None and isinstance(query.message, Message):
            try:
                await query.edit_message_text(
                    result.screen.text, reply_markup=markup(result.screen)
                )
            except BadRequest as exc:  # the same option pressed twice: nothing changed
                if "not modified" not in exc.message.lower():
                    raise
        elif update.effective_message is not None:
            await update.effective_message.reply_text(
                result.screen.text, reply_markup=markup(result.screen)
            )
        for notice in result.notices:
            try:
                await self.app.bot.send_message(
                    int(notice.recipient.chat_id),
                    notice.screen.text,
                    reply_markup=markup(notice.screen),
                )
            except TelegramError as exc:  # the other side blocked us: nothing more to do
                log.warning("push notice not delivered: %s", exc)

    @staticmethod
    def args(update: Update) -> str:
        message = update.effective_message
        text = (message.text or "") if message is not None else ""
        return text.split(None, 1)[1].strip() if len(text.split(None, 1)) > 1 else ""

    # --- commands -----------------------------------------------------------------------

    async def cmd_subscribe(self, update: Update, context: Context) -> None:
        await self.show(update, await self.service.subscribe(self.contact(update)))

    async def cmd_unsubscribe(self, update: Update, context: Context) -> None:
        await self.show(update, await self.service.unsubscribe(self.contact(update)))

    async def cmd_settings(self, update: Update, context: Context) -> None:
        """/settings, or /settings time 08:30."""
        contact = self.contact(update)
        words = self.args(update).split()
        if len(words) == 2 and words[0].lower() in ("time", "时间", "時間"):
            return await self.show(update, await self.service.set_time(contact, words[1]))
        await self.show(update, await self.service.settings_screen(contact))

    async def cmd_guardian(self, update: Update, context: Context) -> None:
        """/guardian: links and invite; /guardian CODE: accept an invitation."""
        flow = GuardianFlow(self.service)
        code = self.args(update)
        contact = self.contact(update)
        if code:
            return await self.show(update, await flow.redeem(contact, code))
        await self.show(update, await flow.menu(contact))

    async def cmd_start(self, update: Update, context: Context) -> None:
        """t.me/<bot>?start=g_CODE: the invitation link."""
        code = self.args(update).removeprefix("g_")
        await self.show(update, await GuardianFlow(self.service).redeem(self.contact(update), code))

    # --- staff ---------------------------------------------------------------------------

    async def cmd_alert(self, update: Update, context: Context) -> None:
        """/alert AUDIENCE 中文 | English (preview, count, buttons); /alert figures ID."""
        lang = texts.key(
            (update.effective_user.language_code if update.effective_user else "") or "zh"
        )
        if not self.is_staff(update):
            return await self.show(update, Result(Screen(texts.text("staff_only", lang))))
        parts = self.args(update).split(None, 1)
        db = self.runtime.db
        if len(parts) == 2 and parts[0] == "figures" and parts[1].strip().isdigit():
            text = await staff.figures_text(db, alert_id=int(parts[1]), language=lang)
            return await self.show(update, Result(Screen(text)))
        audiences = ("all", "elderly", "student", "business", "general")
        if len(parts) < 2 or parts[0] not in audiences:
            return await self.show(update, Result(Screen(texts.text("alert_usage", lang))))
        zh, _, en = parts[1].partition("|")
        user = update.effective_user
        _, _, screen = await staff.draft(
            db,
            audience=parts[0],
            text_zh=zh.strip(),
            text_en=en.strip(),
            created_by=f"telegram:{user.id if user else '?'}",
            language=lang,
        )
        await self.show(update, Result(screen))

    async def _alert_button(self, update: Update, action: str) -> None:
        lang = texts.key(
            (update.effective_user.language_code if update.effective_user else "") or "zh"
        )
        if not self.is_staff(update):
            return await self.show(update, Result(Screen(texts.text("staff_only", lang))))
        verb, _, alert_id = action.removeprefix("push:alert:").partition(":")
        if not alert_id.isdigit():
            return None
        screen = await staff.decide(
            self.runtime.db, alert_id=int(alert_id), confirm=verb == "ok", language=lang
        )
        if verb == "ok":
            self.wake.set()  # the scheduler sends now rather than at its next tick
        await self.show(update, Result(screen), edit=True)

    # --- buttons -------------------------------------------------------------------------

    async def on_button(self, update: Update, context: Context) -> None:
        query = update.callback_query
        if query is None or not query.data:
            return None
        await query.answer()
        if query.data.startswith("push:alert:"):
            return await self._alert_button(update, query.data)
        result = await self.service.on_action(self.contact(update), query.data)
        await self.show(update, result, edit=query.data != "push:g:inv")

    # --- after a consultation reply ---------------------------------------------------------

    async def after_reply(self, reply: Reply) -> list[int]:
        """Alert the person's guardians (masked) when the reply was urgent or high-risk."""
        if reply.consultation_id is None or reply.kind not in ("urgent", "assessment"):
            return []
        if reply.kind == "assessment" and reply.extra.get("risk", "high") != "high":
            return []
        if reply.extra.get("guardians") is False:  # the service saw no guardian link
            return []
        return await notify_guardians(
            self.runtime, reply.consultation_id, senders={CHANNEL: self.sender}
        )


def register(
    application: App,
    runtime: Runtime,
    *,
    service: PushService | None = None,
    group: int = -1,
) -> PushTelegram:
    """Add the push handlers; the returned object is also in bot_data["push"]."""
    push = PushTelegram(application, runtime, service or PushService(runtime))
    push.add_to(application, group)
    application.bot_data[BOT_DATA_KEY] = push
    application.bot_data[WAKE_KEY] = push.wake
    return push


def telegram_push(application: App) -> Any:
    """The PushTelegram that `register` stored on the application (or None)."""
    return application.bot_data.get(BOT_DATA_KEY)
