"""Subscribing, settings and guardians as neutral screens any channel can show.

Like the consultation service, this never sends: it returns a `Result` (the screen for
the person who acted, plus `notices` for other chats, e.g. a consent request), and the
channel delivers it. Button actions are strings starting with "push:".
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.core.messages import Button
from bot.push import repository as repo
from bot.push import texts
from bot.push.guardian_flow import GuardianFlow
from bot.push.models import AUDIENCES, FREQUENCIES, LANGUAGES, PushSubscriber
from bot.push.schedule import ScheduleError, latest_slot, parse_time, zone
from bot.push.screens import PREFIX, Contact, Result, Screen, button, hint_language
from bot.runtime import Runtime
from bot.storage import repository as core_repo
from bot.storage.models import utcnow

TIMES = ("07:00", "08:00", "09:00", "10:00", "12:00", "18:00", "20:00")


def web_notice(language: str) -> str:
    """What the web chat says when someone asks to subscribe: not here, on Telegram or WeChat."""
    return texts.text("web_only", language)


def _when(row: PushSubscriber) -> str:
    """ "every day 09:00", "weekdays 08:30", "Monday 09:00" in the person's language."""
    lang = row.language
    if row.frequency == "weekly":
        return f"{texts.WEEKDAY_NAMES[texts.key(lang)][row.weekday]} {row.send_time}"
    return f"{texts.name_of(texts.FREQUENCY_NAMES, row.frequency, lang)} {row.send_time}"


class PushService:
    """The push feature's conversation: one instance per runtime, shared by channels."""

    def __init__(self, runtime: Runtime, clock: Callable[[], datetime] = utcnow) -> None:
        self.runtime = runtime
        self.db = runtime.db
        self.settings = runtime.settings
        self.clock = clock
        # channel -> code -> invitation link (Telegram sets a t.me deep link)
        self.invite_links: dict[str, Callable[[str], str]] = {}

    # --- who -----------------------------------------------------------------------

    async def row(self, contact: Contact) -> PushSubscriber | None:
        return await repo.get_subscriber(self.db, channel=contact.channel, chat_id=contact.chat_id)

    async def _defaults(self, contact: Contact) -> dict[str, object]:
        """Language and elderly mode as the person already chose them in the chat."""
        state = await core_repo.load_state(self.db, user_ref=contact.user_ref) or {}
        lang = state.get("lang") if state.get("lang") in LANGUAGES else None
        return {
            "language": lang or hint_language(contact.language_hint),
            "elderly": bool(state.get("elderly", False)),
            "send_time": self.settings.push_default_time,
            "timezone": self.settings.push_timezone,
        }

    async def ensure(self, contact: Contact) -> PushSubscriber:
        """The person's row, created (not subscribed) if needed, e.g. for a guardian."""
        row = await self.row(contact)
        if row is not None:
            return row
        defaults = await self._defaults(contact)
        return await repo.ensure_subscriber(
            self.db,
            channel=contact.channel,
            chat_id=contact.chat_id,
            user_ref=contact.user_ref,
            **defaults,
        )

    async def language(self, contact: Contact) -> str:
        row = await self.row(contact)
        if row is not None:
            return row.language
        return str((await self._defaults(contact))["language"])

    # --- subscribing ------------------------------------------------------------------

    def _last_slot(self, row: PushSubscriber, **changes: object) -> datetime:
        """The slot just passed under (new) settings: changes never send a tip at once."""
        merged = {**row.model_dump(), **changes}
        slot = latest_slot(
            send_time=str(merged["send_time"]),
            timezone=str(merged["timezone"]),
            frequency=str(merged["frequency"]),
            weekday=int(str(merged["weekday"])),
            at=self.clock(),
        )
        return max(slot, row.last_slot) if row.last_slot is not None else slot

    async def subscribe(self, contact: Contact) -> Result:
        """Subscribe in one step with the defaults; again: show the settings."""
        row = await self.ensure(contact)
        if row.subscribed and not row.paused:
            screen = self._settings_screen(row)
            return Result(
                Screen(texts.text("already", row.language) + "\n\n" + screen.text, screen.rows)
            )
        row = await self._update(
            row, subscribed=True, paused=False, paused_reason="", last_slot=self._last_slot(row)
        )
        text = texts.text("subscribed", row.language, when=_when(row))
        return Result(Screen(text, self._settings_screen(row).rows))

    async def unsubscribe(self, contact: Contact) -> Result:
        """Stop the tips at once (tips already queued are skipped too)."""
        row = await self.row(contact)
        language = row.language if row else await self.language(contact)
        if row is None or not row.subscribed:
            return Result(Screen(texts.text("not_subscribed", language)))
        await self._update(row, subscribed=False)
        return Result(
            Screen(
                texts.text("unsubscribed", language),
                ((button("sub", texts.text("b_sub", language)),),),
            )
        )

    async def _update(self, row: PushSubscriber, **changes: object) -> PushSubscriber:
        updated = await repo.update_subscriber(self.db, subscriber_id=row.id or 0, **changes)
        assert updated is not None  # rows are never deleted while the person talks to us
        return updated

    # --- settings ---------------------------------------------------------------------

    def _settings_screen(self, row: PushSubscriber) -> Screen:
        lang = row.language
        body = texts.text(
            "settings",
            lang,
            when=_when(row),
            language=texts.LANGUAGE_NAMES[lang],
            audience=texts.name_of(texts.AUDIENCE_NAMES, row.audience, lang),
            elderly=texts.text("on" if row.elderly else "off", lang),
        )
        mark = "✓ "

        def choice(action: str, label: str, chosen: bool) -> Button:
            return button(action, (mark if chosen else "") + label)

        rows = (
            tuple(
                choice(f"lang:{x}", texts.LANGUAGE_NAMES[x], row.language == x) for x in LANGUAGES
            ),
            tuple(choice(f"time:{t.replace(':', '')}", t, row.send_time == t) for t in TIMES[:4]),
            tuple(choice(f"time:{t.replace(':', '')}", t, row.send_time == t) for t in TIMES[4:]),
            tuple(
                choice(
                    f"freq:{f}", texts.name_of(texts.FREQUENCY_NAMES, f, lang), row.frequency == f
                )
                for f in FREQUENCIES
            ),
            tuple(
                choice(f"aud:{a}", texts.name_of(texts.AUDIENCE_NAMES, a, lang), row.audience == a)
                for a in AUDIENCES
            ),
            (
                button(
                    "eld:0" if row.elderly else "eld:1",
                    texts.text("b_elderly_off" if row.elderly else "b_elderly_on", lang),
                ),
                button("g:menu", texts.text("b_invite", lang)),
            ),
            (button("unsub", texts.text("b_unsub", lang)),),
        )
        return Screen(body, rows)

    async def settings_screen(self, contact: Contact) -> Result:
        row = await self.row(contact)
        if row is None or not row.subscribed:
            lang = row.language if row else await self.language(contact)
            return Result(
                Screen(
                    texts.text("not_subscribed", lang),
                    ((button("sub", texts.text("b_sub", lang)),),),
                )
            )
        return Result(self._settings_screen(row))

    async def set_time(self, contact: Contact, text: str) -> Result:
        """`/settings time 08:30`: any time of day."""
        row = await self.row(contact)
        if row is None or not row.subscribed:
            return await self.settings_screen(contact)
        try:
            value = parse_time(text)
        except ScheduleError:
            return Result(Screen(texts.text("bad_time", row.language)))
        return await self.change(row, send_time=value)

    async def change(self, row: PushSubscriber, **changes: object) -> Result:
        """Apply settings; a new time or frequency starts from the next slot."""
        if changes.get("frequency") == "weekly" and "weekday" not in changes:
            changes["weekday"] = self.clock().astimezone(zone(row.timezone)).weekday()
        if {"send_time", "frequency", "weekday"} & set(changes):
            changes["last_slot"] = self._last_slot(row, **changes)
        row = await self._update(row, **changes)
        return Result(self._settings_screen(row))

    async def on_action(self, contact: Contact, action: str) -> Result:
        """A "push:..." button: settings changes and the guardian steps."""
        verb, _, arg = action.removeprefix(PREFIX).partition(":")
        if verb == "sub":
            return await self.subscribe(contact)
        if verb == "unsub":
            return await self.unsubscribe(contact)
        if verb == "g":
            return await GuardianFlow(self).on_action(contact, arg)
        row = await self.row(contact)
        if row is None or not row.subscribed:
            return await self.settings_screen(contact)
        setters = {
            "lang": ("language", arg),
            "freq": ("frequency", arg),
            "aud": ("audience", arg),
            "eld": ("elderly", arg == "1"),
            "time": ("send_time", arg),
        }
        if verb not in setters:
            return Result(self._settings_screen(row))
        field, value = setters[verb]
        try:
            return await self.change(row, **{field: value})
        except ValueError:
            return Result(self._settings_screen(row))
