"""What the bot does with each Telegram update: translate in, call the service, send out.

Every consultation goes through `ConsultationService.handle`, which logs it before
anything is sent, so a reply that fails to send never loses the log row.

Flood control: a person over TELEGRAM_USER_MESSAGES_PER_MINUTE is told once per minute
to slow down. Their messages are still handed to the service (logged, conversation
state kept), but the replies are held back, except urgent ones, call-back
confirmations and deletions, which are always sent. Staff alerts are never held back.
"""

from __future__ import annotations

import dataclasses
import html
import logging
import random
from collections.abc import Callable

from telegram import (
    Bot,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    MessageEntity,
    ReplyParameters,
    Update,
    User,
)
from telegram.constants import ChatType, ParseMode
from telegram.error import BadRequest
from telegram.ext import (
    Application,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    filters,
)

from bot.channels import telegram_texts as t
from bot.channels.telegram_limits import Flood, FloodGate, GroupQuiet
from bot.channels.telegram_render import after_press, reply_keyboard, reply_text, split_html
from bot.channels.telegram_staff import STAFF_PREFIX, StaffDesk
from bot.core.identity import user_ref
from bot.core.matching import NONE
from bot.core.messages import FORGET, Inbound, Reply
from bot.core.service import LANGUAGES, RETENTION_DAYS
from bot.runtime import Runtime
from bot.storage import repository as repo

log = logging.getLogger(__name__)

CHANNEL = "telegram"
# An unsolicited group reply needs a high-risk match at least this sure (see docs/telegram.md).
GROUP_MIN_SCORE = 0.45
ALWAYS_SENT = frozenset({"urgent", "staff_request", "forgotten"})
AUDIENCES = ("general", "elderly", "student", "business")
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)
Context = ContextTypes.DEFAULT_TYPE


def _command_args(message: Message) -> str:
    """The text after the command, line breaks kept."""
    body = message.text or ""
    first = body.split(maxsplit=1)
    return first[1].strip() if len(first) == 2 else ""


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

    def register(self, app: Application) -> None:  # type: ignore[type-arg]
        """Add every handler; the first that matches an update handles it."""
        new = filters.UpdateType.MESSAGE
        commands: dict[str, Callable[[Update, Context], object]] = {
            "start": self.cmd_start,
            "help": self.cmd_help,
            "check": self.cmd_check,
            "tips": self.cmd_tips,
            "hotline": self.cmd_hotline,
            "lang": self.cmd_lang,
            "privacy": self.cmd_privacy,
            "forget": self.cmd_forget,
        }
        for name, callback in commands.items():
            app.add_handler(CommandHandler(name, callback, filters=new))  # type: ignore[arg-type]
        app.add_handler(
            CommandHandler(["stats", "unmatched", "reload"], self.cmd_staff, filters=new)
        )
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
    def _reply_to(message: Message) -> int | None:
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
            quote = (
                ReplyParameters(reply_to, allow_sending_without_reply=True)
                if reply_to and i == 0
                else None
            )
            await bot.send_message(
                chat_id,
                part,
                parse_mode=ParseMode.HTML,
                link_preview_options=NO_PREVIEW,
                reply_parameters=quote,
                reply_markup=markup if i == len(parts) - 1 else None,
            )

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
            await self.say(
                bot, message.chat.id, t.text("slow_down", lang), reply_to=self._reply_to(message)
            )
        return verdict

    async def _consult_message(
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
            reply_to=self._reply_to(message),
            flood=flood,
            decorate=decorate,
        )

    async def _say_local(
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
            context.bot, message.chat.id, body, reply_to=self._reply_to(message), markup=markup
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
        await self._consult_message(update, context, text=text)

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
        await self._say_local(update, context, lambda lang: t.text("media", lang))

    async def on_unknown_command(self, update: Update, context: Context) -> None:
        message = update.effective_message
        if message is not None and _private(message):
            await self.cmd_help(update, context)

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
        if (
            group
            and origin is not None
            and origin.from_user is not None
            and origin.from_user.id != user.id
        ):
            await query.answer(
                t.text("not_yours", t.language_from_hint(user.language_code)), show_alert=True
            )
            return
        flood = self.flood.check(user.id)
        if flood is Flood.OK:
            await query.answer()
        else:
            await query.answer(t.text("slow_down_short", t.language_from_hint(user.language_code)))
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
        except BadRequest as exc:  # e.g. pressed twice: "message is not modified"
            log.info("keyboard not updated: %s", exc)

    # --- commands -----------------------------------------------------------------

    async def cmd_start(self, update: Update, context: Context) -> None:
        await self._say_local(
            update, context, lambda lang: t.text("welcome", lang, commands=t.command_list(lang))
        )

    async def cmd_help(self, update: Update, context: Context) -> None:
        def with_commands(reply: Reply) -> Reply:
            body = f"{reply.texts['telegram']}\n\n{t.command_list(reply.language)}"
            return dataclasses.replace(reply, texts={**reply.texts, "telegram": body})

        await self._consult_message(update, context, action="help", decorate=with_commands)

    async def cmd_check(self, update: Update, context: Context) -> None:
        """/check TEXT, or /check in reply to a message: judge that text."""
        message = update.effective_message
        if message is None:
            return
        text = _command_args(message)
        if not text and message.reply_to_message is not None:
            text = message.reply_to_message.text or message.reply_to_message.caption or ""
        await self._consult_message(update, context, text=text)

    async def cmd_forget(self, update: Update, context: Context) -> None:
        await self._consult_message(update, context, action=FORGET)

    async def cmd_tips(self, update: Update, context: Context) -> None:
        """One tip; `/tips elderly` (student, business, general) picks for that audience."""
        message = update.effective_message
        wanted = _command_args(message).lower() if message is not None else ""
        tips = self.runtime.content.library.tips
        chosen = [tip for tip in tips if wanted in tip.audience] or list(tips)
        tip = random.choice(chosen)

        def build(lang: str) -> str:
            body = tip.en if lang == "en" else t.convert(tip.zh, lang)
            return t.text("tip", lang, tip=html.escape(body))

        await self._say_local(update, context, build)

    async def cmd_hotline(self, update: Update, context: Context) -> None:
        await self._say_local(update, context, self._hotline)

    def _hotline(self, lang: str) -> str:
        en = lang == "en"
        lines = [t.text("hotline_title", lang)]
        for c in self.runtime.content.library.contacts:
            name, note = (c.name.en, c.note.en) if en else (c.name.zh, c.note.zh)
            lines.append(
                f"• <b>{html.escape(t.convert(name, lang))}</b> {html.escape(c.number)}\n  {html.escape(t.convert(note, lang))}"
            )
        if self.settings.org_hotline:
            org = self.settings.org_name_en if en else self.settings.org_name_zh
            label = t.text("hotline_org", lang, org=org)
            lines.append(f"• <b>{html.escape(label)}</b> {html.escape(self.settings.org_hotline)}")
        return "\n".join(lines)

    async def cmd_lang(self, update: Update, context: Context) -> None:
        markup = InlineKeyboardMarkup(
            [
                [InlineKeyboardButton(label, callback_data=action)]
                for action, label in t.LANGUAGE_CHOICES
            ]
        )
        await self._say_local(update, context, lambda lang: t.text("lang_prompt", lang), markup)

    async def cmd_privacy(self, update: Update, context: Context) -> None:
        await self._say_local(
            update, context, lambda lang: t.text("privacy", lang, days=RETENTION_DAYS)
        )

    async def cmd_staff(self, update: Update, context: Context) -> None:
        """/stats, /unmatched, /reload: only for TELEGRAM_STAFF_USER_IDS."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None or not message.text:
            return
        if not self.staff.is_staff(user.id):
            await self._say_local(update, context, lambda lang: t.text("staff_only", lang))
            return
        name = message.text.split(maxsplit=1)[0][1:].split("@", 1)[0].lower()
        build = {
            "stats": self.staff.stats_text,
            "unmatched": self.staff.unmatched_text,
            "reload": self.staff.reload_text,
        }[name]
        await self.say(
            context.bot, message.chat.id, await build(), reply_to=self._reply_to(message)
        )
