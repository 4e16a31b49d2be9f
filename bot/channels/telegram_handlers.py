"""What the bot does with each Telegram update: translate in, call the service, send out.

Every consultation goes through `ConsultationService.handle`, which logs it before
anything is sent, so a reply that fails to send never loses the log row.

Flood control: a person over TELEGRAM_USER_MESSAGES_PER_MINUTE is told once per minute
to slow down. Their messages are still handed to the service (logged, conversation
state kept), but the replies are held back, except urgent ones, call-back
confirmations and deletions, which are always sent. Staff alerts are never held back.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from telegram import (
    Bot,
    InlineKeyboardMarkup,
    Message,
    MessageEntity,
    Update,
    User,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import TelegramError
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.channels import telegram_texts as t
from bot.channels.telegram_commands import Commands
from bot.channels.telegram_limits import Flood, FloodGate, GroupQuiet, answer_quietly
from bot.channels.telegram_render import after_press, reply_keyboard, reply_text, split_html
from bot.channels.telegram_staff import STAFF_PREFIX, StaffDesk
from bot.core.identity import user_ref
from bot.core.matching import NONE
from bot.core.messages import Inbound, Reply
from bot.core.service import LANGUAGES
from bot.runtime import Runtime
from bot.storage import repository as repo

log = logging.getLogger(__name__)

CHANNEL = "telegram"
# An unsolicited group reply needs a high-risk match at least this sure (see docs/telegram.md).
GROUP_MIN_SCORE = 0.45
ALWAYS_SENT = frozenset({"urgent", "staff_request", "forgotten"})
_NO_PREVIEW = {"is_disabled": True}
Context = ContextTypes.DEFAULT_TYPE


def _private(message: Message) -> bool:
    return message.chat.type == ChatType.PRIVATE


class Handlers:
    """The update callbacks of one TelegramChannel."""

    def __init__(self, runtime: Runtime, staff: StaffDesk) -> None:
        self.runtime = runtime
        self.settings = runtime.settings
        self.staff = staff
        self.flood = FloodGate(self.settings.telegram_user_messages_per_minute)
        self.quiet = GroupQuiet()
        self._secret = self.settings.user_ref_secret.get_secret_value()
        self.commands = Commands(self)
        # Set by the channel: alerts a person's family guardians after a reply (issue 6).
        self.after_reply: Callable[[Reply], Awaitable[object]] | None = None

    def register(self, app: Application) -> None:
        """Add every handler; the first that matches an update handles it."""
        new = filters.UpdateType.MESSAGE
        self.commands.register(app)
        app.add_handler(CallbackQueryHandler(self.staff.on_button, pattern=f"^{STAFF_PREFIX}"))
        app.add_handler(CallbackQueryHandler(self.on_button))
        app.add_handler(MessageHandler(new & filters.COMMAND, self.on_unknown_command))
        app.add_handler(MessageHandler(new & (filters.TEXT | filters.CAPTION), self.on_text))
        app.add_handler(MessageHandler(new & ~filters.StatusUpdate.ALL, self.on_media))

    # --- translation helpers ----------------------------------------------------

    def ref(self, user: User) -> str:
        return user_ref(CHANNEL, user.id, self._secret)

    async def language(self, user: User) -> str:
        """The person's reply language: chosen, else last used, else Telegram's hint."""
        state = await repo.load_state(self.runtime.db, user_ref=self.ref(user)) or {}
        for key in ("lang", "last_lang"):
            if state.get(key) in LANGUAGES:
                return str(state[key])
        return t.language_from_hint(user.language_code)

    def inbound(self, user: User, text: str = "", action: str | None = None) -> Inbound:
        return Inbound(
            CHANNEL, self.ref(user), text=text, action=action, language=user.language_code
        )

    @staticmethod
    def reply_to(message: Message) -> int | None:
        """In groups the bot quotes the message it answers; in private chats it need not."""
        return None if _private(message) else message.message_id

    # --- sending ----------------------------------------------------------------

    async def say(
        self,
        bot: Bot,
        chat_id: int,
        html_text: str,
        *,
        reply_to: int | None = None,
        markup: InlineKeyboardMarkup | None = None,
    ) -> None:
        """Send HTML text, cut into parts if long; the keyboard goes under the last part."""
        parts = split_html(html_text)
        for i, part in enumerate(parts):
            data: dict[str, object] = {
                "chat_id": chat_id,
                "text": part,
                "parse_mode": ParseMode.HTML,
                "link_preview_options": _NO_PREVIEW,
            }
            if reply_to and i == 0:
                data["reply_parameters"] = {
                    "message_id": reply_to,
                    "allow_sending_without_reply": True,
                }
            if markup is not None and i == len(parts) - 1:
                data["reply_markup"] = markup
            # sendMessage as `Bot.send_message` sends it (defaults, the rate limiter and
            # its retries, the same errors), minus turning Telegram's answer into a
            # Message: nothing here reads the sent message, and building that object
            # is a tenth of the CPU a reply costs (docs/benchmarks.md).
            await bot._post("sendMessage", data)  # noqa: SLF001

    async def consult(
        self,
        bot: Bot,
        inbound: Inbound,
        *,
        chat_id: int,
        reply_to: int | None,
        flood: Flood,
        decorate: Callable[[Reply], Reply] | None = None,
    ) -> None:
        """Hand one message to the service (which logs it), then deliver the reply."""
        reply = await self.runtime.service.handle(inbound)
        try:
            if flood is not Flood.OK and reply.kind not in ALWAYS_SENT:
                log.info("reply held back by flood control (kind %s)", reply.kind)
                return
            if decorate is not None:
                reply = decorate(reply)
            await self.say(
                bot, chat_id, reply_text(reply), reply_to=reply_to, markup=reply_keyboard(reply)
            )
        finally:
            await self._alert_staff(bot, reply)
            await self._alert_guardians(reply)

    async def _alert_guardians(self, reply: Reply) -> None:
        if self.after_reply is None:
            return
        try:
            await self.after_reply(reply)
        except Exception:  # a guardian alert must never cost the person their reply
            log.exception("guardian alert for case %s failed", reply.consultation_id)

    async def _alert_staff(self, bot: Bot, reply: Reply) -> None:
        reasons = (["urgent"] if reply.kind == "urgent" else []) + (
            ["call_back"] if reply.extra.get("staff_alert") else []
        )
        for reason in reasons:
            try:
                await self.staff.alert(bot, reply.consultation_id, reason)
            except Exception:  # the person's reply must not fail because of the staff chat
                log.exception("staff alert (%s) for case %s failed", reason, reply.consultation_id)

    async def gate(self, bot: Bot, message: Message, user: User) -> Flood:
        """Count the message against the person's limit; say "slow down" once when over."""
        verdict = self.flood.check(user.id)
        if verdict is Flood.WARN:
            lang = t.language_from_hint(user.language_code)
            try:
                await self.say(
                    bot, message.chat.id, t.text("slow_down", lang), reply_to=self.reply_to(message)
                )
            except TelegramError as exc:  # the message itself must still reach the service
                log.warning("slow-down notice not sent: %s", exc)
        return verdict

    async def consult_message(
        self,
        update: Update,
        context: Context,
        *,
        text: str = "",
        action: str | None = None,
        decorate: Callable[[Reply], Reply] | None = None,
    ) -> None:
        message, user = update.effective_message, update.effective_user
        if message is None or user is None:
            return
        flood = await self.gate(context.bot, message, user)
        await self.consult(
            context.bot,
            self.inbound(user, text, action),
            chat_id=message.chat.id,
            reply_to=self.reply_to(message),
            flood=flood,
            decorate=decorate,
        )

    async def say_local(
        self,
        update: Update,
        context: Context,
        build: Callable[[str], str],
        markup: InlineKeyboardMarkup | None = None,
    ) -> None:
        """Answer with the channel's own wording (nothing to log), within the flood limit."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None:
            return
        if await self.gate(context.bot, message, user) is not Flood.OK:
            return
        body = build(await self.language(user))
        await self.say(
            context.bot, message.chat.id, body, reply_to=self.reply_to(message), markup=markup
        )

    # --- messages -----------------------------------------------------------------

    async def on_text(self, update: Update, context: Context) -> None:
        """Any text, forwarded message or captioned media."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None or user.is_bot:
            return
        text = message.text or message.caption or ""
        if not _private(message):
            text, addressed = self._group_text(message, context.bot)
            if not addressed:
                if not self._worth_speaking_up(message.chat.id, text):
                    return
                self.quiet.spoke(message.chat.id)
        await self.consult_message(update, context, text=text)

    def _group_text(self, message: Message, bot: Bot) -> tuple[str, bool]:
        """The text meant for the bot in a group, and whether the bot was addressed."""
        text = message.text or message.caption or ""
        entities = message.parse_entities() if message.text else message.parse_caption_entities()
        mentioned = False
        for entity, value in entities.items():
            is_me = (
                entity.type == MessageEntity.MENTION and value.lower() == f"@{bot.username}".lower()
            ) or (
                entity.type == MessageEntity.TEXT_MENTION
                and entity.user is not None
                and entity.user.id == bot.id
            )
            if is_me:
                mentioned = True
                if entity.type == MessageEntity.MENTION:
                    text = text.replace(value, " ", 1)
        replied = message.reply_to_message
        if replied is not None and replied.from_user is not None and replied.from_user.id == bot.id:
            return text.strip(), True
        if mentioned and replied is not None:  # "@bot" under a forwarded scam: judge that
            text = f"{replied.text or replied.caption or ''}\n{text}"
        return text.strip(), mentioned

    def _worth_speaking_up(self, chat_id: int, text: str) -> bool:
        """Unasked, the bot speaks in a group only for a sure high-risk match, rarely."""
        if chat_id == self.settings.telegram_staff_chat_id or not text.strip():
            return False
        if not self.quiet.may_speak(chat_id):
            return False
        a = self.runtime.content.matcher.assess(text[: self.settings.max_message_chars])
        return a.category != NONE and a.risk == "high" and a.score >= GROUP_MIN_SCORE

    async def on_media(self, update: Update, context: Context) -> None:
        """Photos, stickers, voice, documents without a caption: ask for the text."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None or user.is_bot:
            return
        if not _private(message):
            replied = message.reply_to_message
            to_me = (
                replied is not None
                and replied.from_user is not None
                and replied.from_user.id == context.bot.id
            )
            if not to_me:
                return
        await self.say_local(update, context, lambda lang: t.text("media", lang))

    async def on_unknown_command(self, update: Update, context: Context) -> None:
        message = update.effective_message
        if message is not None and _private(message):
            await self.commands.cmd_help(update, context)

    # --- buttons ------------------------------------------------------------------

    async def on_button(self, update: Update, context: Context) -> None:
        """A button under a reply: its action goes to the service like a message."""
        query = update.callback_query
        if query is None or not query.data:
            return
        user = query.from_user
        message = query.message if isinstance(query.message, Message) else None
        origin = message.reply_to_message if message is not None else None
        group = message is not None and not _private(message)
        lang = t.language_from_hint(user.language_code)
        if (
            group
            and origin is not None
            and origin.from_user is not None
            and origin.from_user.id != user.id
        ):
            await answer_quietly(query, t.text("not_yours", lang), show_alert=True)
            return
        flood = self.flood.check(user.id)
        await answer_quietly(query, None if flood is Flood.OK else t.text("slow_down_short", lang))
        if message is not None:
            await self._retire_button(message, query.data)
        await self.consult(
            context.bot,
            self.inbound(user, action=query.data),
            chat_id=message.chat.id if message is not None else user.id,
            reply_to=origin.message_id if group and origin is not None else None,
            flood=flood,
        )

    async def _retire_button(self, message: Message, pressed: str) -> None:
        left = after_press(message.reply_markup, pressed)
        if left == message.reply_markup:
            return
        try:
            await message.edit_reply_markup(reply_markup=left)
        except TelegramError as exc:  # e.g. "message is not modified"; the press still counts
            log.info("keyboard not updated: %s", exc)
