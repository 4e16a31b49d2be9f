"""The guardian conversation: invite, accept, consent, end — screens for both sides."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from bot.push import guardians as g
from bot.push import repository as repo
from bot.push import texts
from bot.push.models import GuardianLink, PushSubscriber
from bot.push.screens import Contact, Notice, Result, Screen, button, recipient

if TYPE_CHECKING:
    from bot.push.service import PushService

LinkFor = Callable[[str], str]


class GuardianFlow:
    """Guardian steps on top of a PushService (which knows who is who)."""

    def __init__(self, service: PushService) -> None:
        self.svc = service
        self.db = service.db

    async def menu(self, contact: Contact) -> Result:
        """Current links with an end button each, and an invite button for subscribers."""
        row = await self.svc.ensure(contact)
        lang = row.language
        links = await g.links_of(self.db, party_id=row.id or 0)
        lines = [texts.text("links" if links else "no_links", lang)]
        rows = []
        for link in links:
            name = "link_guardian" if link.guardian_id == row.id else "link_watched"
            pending = texts.text("link_pending", lang) if link.status != "active" else ""
            lines.append(texts.text(name, lang, id=link.id) + pending)
            rows.append((button(f"g:end:{link.id}", texts.text("b_end", lang, id=link.id)),))
        if row.subscribed:
            rows.insert(0, (button("g:inv", texts.text("b_invite", lang)),))
        return Result(Screen("\n".join(lines), tuple(rows)))

    async def invite(self, contact: Contact, link_for: LinkFor | None = None) -> Result:
        """A one-time code (and link, where the channel has one) for a family member."""
        row = await self.svc.ensure(contact)
        if not row.subscribed:
            return Result(Screen(texts.text("need_subscription", row.language)))
        link = await g.create_invite(self.db, subscriber_id=row.id or 0)
        link_for = link_for or self.svc.invite_links.get(contact.channel)
        url = link_for(link.code) if link_for is not None else ""
        text = texts.text("invite", row.language, hours=g.INVITE_HOURS, link=url, code=link.code)
        return Result(Screen(text.replace("\n\n\n", "\n\n")))

    async def redeem(self, contact: Contact, code: str) -> Result:
        """The family member accepts; the subscriber is asked for consent."""
        guardian = await self.svc.ensure(contact)
        link = await g.redeem(self.db, code=code, guardian_id=guardian.id or 0)
        lang = guardian.language
        if link is None:
            return Result(Screen(texts.text("bad_code", lang)))
        sub = await repo.get_subscriber_by_id(self.db, subscriber_id=link.subscriber_id)
        assert sub is not None  # links are removed with their subscriber
        ask = Screen(
            texts.text("guardian_ask_tips", lang),
            (
                (
                    button(f"g:tips:{link.id}:1", texts.text("b_tips_yes", lang)),
                    button(f"g:tips:{link.id}:0", texts.text("b_tips_no", lang)),
                ),
            ),
        )
        consent = Screen(
            texts.text("consent_ask", sub.language),
            (
                (
                    button(f"g:ok:{link.id}", texts.text("b_agree", sub.language)),
                    button(f"g:no:{link.id}", texts.text("b_decline", sub.language)),
                ),
            ),
        )
        return Result(ask, (Notice(recipient(sub), consent),))

    async def _other(self, link: GuardianLink, me: PushSubscriber) -> PushSubscriber | None:
        other = link.guardian_id if link.subscriber_id == me.id else link.subscriber_id
        if other is None:
            return None
        return await repo.get_subscriber_by_id(self.db, subscriber_id=other)

    async def _consent(self, me: PushSubscriber, link_id: int, agree: bool) -> Result:
        link = await g.consent(self.db, link_id=link_id, subscriber_id=me.id or 0, agree=agree)
        if link is None:
            return await self.menu_for(me)
        mine = texts.text("consent_yes_sub" if agree else "consent_no", me.language)
        other = await self._other(link, me)
        notices: tuple[Notice, ...] = ()
        if other is not None:
            name = "consent_yes_guardian" if agree else "consent_no_guardian"
            notices = (Notice(recipient(other), Screen(texts.text(name, other.language))),)
        return Result(Screen(mine), notices)

    async def _end(self, me: PushSubscriber, link_id: int) -> Result:
        link = await g.end_link(self.db, link_id=link_id, party_id=me.id or 0)
        if link is None:
            return await self.menu_for(me)
        other = await self._other(link, me)
        notices: tuple[Notice, ...] = ()
        if other is not None:
            text = texts.text("link_ended_other", other.language, id=link.id)
            notices = (Notice(recipient(other), Screen(text)),)
        return Result(Screen(texts.text("link_ended", me.language)), notices)

    async def menu_for(self, me: PushSubscriber) -> Result:
        return await self.menu(Contact(me.channel, me.chat_id, me.user_ref))

    async def on_action(self, contact: Contact, arg: str) -> Result:
        """push:g:menu | inv | tips:ID:1|0 | ok:ID | no:ID | end:ID"""
        verb, _, rest = arg.partition(":")
        if verb == "inv":
            return await self.invite(contact)
        me = await self.svc.ensure(contact)
        link_part, _, flag = rest.partition(":")
        if not link_part.isdigit():
            return await self.menu(contact)
        link_id = int(link_part)
        if verb == "tips":
            share = flag == "1"
            done = await g.set_share_tips(
                self.db, link_id=link_id, guardian_id=me.id or 0, share=share
            )
            if done is None:
                return await self.menu(contact)
            return Result(Screen(texts.text("tips_yes" if share else "tips_no", me.language)))
        if verb in ("ok", "no"):
            return await self._consent(me, link_id, verb == "ok")
        if verb == "end":
            return await self._end(me, link_id)
        return await self.menu(contact)
