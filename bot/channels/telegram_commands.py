"""The bot's commands: /start /help /check /tips /hotline /lang /privacy /forget, and
the staff-only /stats /unmatched /reload (TELEGRAM_STAFF_USER_IDS)."""

from __future__ import annotations

import dataclasses
import html
import random
from collections.abc import Callable
from typing import TYPE_CHECKING

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.ext import Application, CommandHandler, ContextTypes, filters

from bot.channels import telegram_texts as t
from bot.core.messages import FORGET, Reply
from bot.core.service import RETENTION_DAYS

if TYPE_CHECKING:
    from bot.channels.telegram_handlers import Handlers

Context = ContextTypes.DEFAULT_TYPE
STAFF_ONLY = ("stats", "unmatched", "reload")


def _command_args(message: Message) -> str:
    """The text after the command, line breaks kept."""
    body = message.text or ""
    first = body.split(maxsplit=1)
    return first[1].strip() if len(first) == 2 else ""


class Commands:
    """Command callbacks; they answer through the message handlers' sending helpers."""

    def __init__(self, handlers: Handlers) -> None:
        self.h = handlers

    def register(self, app: Application) -> None:
        """Add the command handlers (new messages only, never edits)."""
        new = filters.UpdateType.MESSAGE
        callbacks: dict[str, Callable[[Update, Context], object]] = {
            "start": self.cmd_start,
            "help": self.cmd_help,
            "check": self.cmd_check,
            "tips": self.cmd_tips,
            "hotline": self.cmd_hotline,
            "lang": self.cmd_lang,
            "privacy": self.cmd_privacy,
            "forget": self.cmd_forget,
        }
        for name, callback in callbacks.items():
            app.add_handler(CommandHandler(name, callback, filters=new))  # type: ignore[arg-type]
        app.add_handler(CommandHandler(list(STAFF_ONLY), self.cmd_staff, filters=new))

    async def cmd_start(self, update: Update, context: Context) -> None:
        await self.h.say_local(
            update, context, lambda lang: t.text("welcome", lang, commands=t.command_list(lang))
        )

    async def cmd_help(self, update: Update, context: Context) -> None:
        def with_commands(reply: Reply) -> Reply:
            body = f"{reply.texts['telegram']}\n\n{t.command_list(reply.language)}"
            return dataclasses.replace(reply, texts={**reply.texts, "telegram": body})

        await self.h.consult_message(update, context, action="help", decorate=with_commands)

    async def cmd_check(self, update: Update, context: Context) -> None:
        """/check TEXT, or /check in reply to a message: judge that text."""
        message = update.effective_message
        if message is None:
            return
        text = _command_args(message)
        if not text and message.reply_to_message is not None:
            text = message.reply_to_message.text or message.reply_to_message.caption or ""
        await self.h.consult_message(update, context, text=text)

    async def cmd_forget(self, update: Update, context: Context) -> None:
        await self.h.consult_message(update, context, action=FORGET)

    async def cmd_tips(self, update: Update, context: Context) -> None:
        """One tip; `/tips elderly` (student, business, general) picks for that audience."""
        message = update.effective_message
        wanted = _command_args(message).lower() if message is not None else ""
        tips = self.h.runtime.content.library.tips
        chosen = [tip for tip in tips if wanted in tip.audience] or list(tips)
        tip = random.choice(chosen)

        def build(lang: str) -> str:
            body = tip.en if lang == "en" else t.convert(tip.zh, lang)
            return t.text("tip", lang, tip=html.escape(body))

        await self.h.say_local(update, context, build)

    async def cmd_hotline(self, update: Update, context: Context) -> None:
        await self.h.say_local(update, context, self._hotline)

    def _hotline(self, lang: str) -> str:
        en = lang == "en"
        lines = [t.text("hotline_title", lang)]
        for c in self.h.runtime.content.library.contacts:
            name, note = (c.name.en, c.note.en) if en else (c.name.zh, c.note.zh)
            lines.append(
                f"• <b>{html.escape(t.convert(name, lang))}</b> {html.escape(c.number)}\n  {html.escape(t.convert(note, lang))}"
            )
        if self.h.settings.org_hotline:
            org = self.h.settings.org_name_en if en else self.h.settings.org_name_zh
            label = t.text("hotline_org", lang, org=org)
            lines.append(
                f"• <b>{html.escape(label)}</b> {html.escape(self.h.settings.org_hotline)}"
            )
        return "\n".join(lines)

    async def cmd_lang(self, update: Update, context: Context) -> None:
        markup = InlineKeyboardMarkup(
            [
                [InlineKeyboardButton(label, callback_data=action)]
                for action, label in t.LANGUAGE_CHOICES
            ]
        )
        await self.h.say_local(update, context, lambda lang: t.text("lang_prompt", lang), markup)

    async def cmd_privacy(self, update: Update, context: Context) -> None:
        await self.h.say_local(
            update, context, lambda lang: t.text("privacy", lang, days=RETENTION_DAYS)
        )

    async def cmd_staff(self, update: Update, context: Context) -> None:
        """/stats, /unmatched, /reload: only for TELEGRAM_STAFF_USER_IDS."""
        message, user = update.effective_message, update.effective_user
        if message is None or user is None or not message.text:
            return
        if not self.h.staff.is_staff(user.id):
            await self.h.say_local(update, context, lambda lang: t.text("staff_only", lang))
            return
        name = message.text.split(maxsplit=1)[0][1:].split("@", 1)[0].lower()
        build = {
            "stats": self.h.staff.stats_text,
            "unmatched": self.h.staff.unmatched_text,
            "reload": self.h.staff.reload_text,
        }[name]
        await self.h.say(
            context.bot, message.chat.id, await build(), reply_to=self.h.reply_to(message)
        )
