"""WeChat side of the push: a `Sender` over the customer-service API, and text commands.

WeChat has no inline buttons in passive replies, so the channel calls `handle_text`
first: "订阅", "退订", "设置", "时间 08:30", "守护 CODE" (and the labels of the settings
buttons, typed as text) come back as a reply; anything else returns None and goes to the
consultation service. `on_follow` / `on_unfollow` handle the subscribe events.

Customer-service messages reach only people who wrote to the account in the last 48
hours (errcode 45015 otherwise); those deliveries are recorded as failed, not retried.
"""

from __future__ import annotations

from bot.channels.wechat_api import WeChatAPI, WeChatAPIError
from bot.push import repository as repo
from bot.push import texts
from bot.push.guardian_flow import GuardianFlow
from bot.push.screens import Contact, Result, Screen
from bot.push.senders import RateLimiter, Recipient, SendResult
from bot.push.service import PushService

CHANNEL = "wechat"
PER_SECOND = 20.0  # stay well inside the account's API quota
_BLOCKED = frozenset({43004, 43019, 40003})  # unfollowed, blacklisted us, openid unknown
_RETRY = frozenset({-1, 45009, 45011})  # busy, daily quota, per-minute quota
_COMMANDS = {
    "订阅": "sub",
    "subscribe": "sub",
    "退订": "unsub",
    "unsubscribe": "unsub",
    "设置": "settings",
    "settings": "settings",
    "守护": "guardian",
    "guardian": "guardian",
    "邀请家人": "invite",
    "invite": "invite",
}
_TIME_WORDS = ("时间", "time")


class WeChatSender:
    """A `Sender` for the "wechat" channel."""

    def __init__(self, api: WeChatAPI, *, per_second: float = PER_SECOND) -> None:
        self.api = api
        self.limiter = RateLimiter(per_second=per_second, per_chat_interval=1.0)

    async def wait_turn(self, recipient: Recipient) -> None:
        await self.limiter.wait(recipient.chat_id)

    async def send(self, recipient: Recipient, text: str) -> SendResult:
        try:
            await self.api.send_text(recipient.chat_id, text)
        except WeChatAPIError as exc:
            if exc.errcode in _BLOCKED:
                return SendResult("blocked", f"{exc.errcode} {exc.errmsg}")
            if exc.errcode in _RETRY:
                return SendResult("retry", f"{exc.errcode} {exc.errmsg}")
            return SendResult("failed", f"{exc.errcode} {exc.errmsg}")
        except OSError as exc:  # httpx transport errors derive from it too
            return SendResult("retry", f"network: {exc}")
        except Exception as exc:  # httpx.HTTPError and friends
            return SendResult("retry", f"{type(exc).__name__}: {exc}")
        return SendResult("sent")


def render(result: Result) -> str:
    """A screen as WeChat text: the buttons become words to reply with."""
    screen = result.screen
    labels = [b.label.removeprefix("✓ ") for row in screen.rows for b in row]
    if not labels:
        return screen.text
    return screen.text + "\n\n" + " / ".join(f"「{label}」" for label in labels)


def _by_label(screen: Screen, text: str) -> str | None:
    wanted = text.strip().lower()
    for row in screen.rows:
        for b in row:
            if b.label.removeprefix("✓ ").strip().lower() == wanted:
                return b.action
    return None


async def handle_text(service: PushService, contact: Contact, text: str) -> Result | None:
    """A push command typed in WeChat, answered; None when the text is something else."""
    words = text.strip().split()
    if not words:
        return None
    command = _COMMANDS.get(words[0].lower())
    flow = GuardianFlow(service)
    if command == "sub":
        return await service.subscribe(contact)
    if command == "unsub":
        return await service.unsubscribe(contact)
    if command == "settings":
        return await service.settings_screen(contact)
    if command == "invite":
        return await flow.invite(contact)
    if command == "guardian":
        return await (flow.redeem(contact, words[1]) if len(words) > 1 else flow.menu(contact))
    if words[0].lower() in _TIME_WORDS and len(words) == 2:
        return await service.set_time(contact, words[1])
    row = await service.row(contact)
    if row is None:
        return None
    for screen in (
        (await service.settings_screen(contact)).screen,
        (await flow.menu(contact)).screen,
    ):
        action = _by_label(screen, text)
        if action is not None:
            return await service.on_action(contact, action)
    return None


async def on_follow(service: PushService, contact: Contact) -> str:
    """The offer shown when someone follows the account (a returning follower resumes)."""
    row = await service.row(contact)
    if row is not None and row.paused and row.paused_reason == "wechat unfollow":
        await repo.update_subscriber(
            service.db, subscriber_id=row.id or 0, paused=False, paused_reason=""
        )
    lang = await service.language(contact)
    offer = {
        "zh": "回复「订阅」，每天 9 点收到一条防骗提醒（可改时间、语言和长辈模式）。",
        "en": "Reply 'subscribe' for one anti-fraud tip a day at 9:00 "
        "(time, language and elderly mode can be changed).",
    }
    return texts.convert(offer[texts.key(lang)], lang)


async def on_unfollow(service: PushService, contact: Contact) -> None:
    """Someone unfollowed: pause every push to them at once (WeChat would refuse anyway)."""
    row = await service.row(contact)
    if row is not None:
        await repo.update_subscriber(
            service.db, subscriber_id=row.id or 0, paused=True, paused_reason="wechat unfollow"
        )
