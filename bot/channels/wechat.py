"""WeChat Official Account channel: the message interface, translated for the service.

One request in, one passive reply out within WeChat's 5 seconds. When the service is
slower, or the reply is longer than a text message may be, the passive reply says what
fits and the rest goes out through the customer-service message API afterwards.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Callable, Coroutine, Mapping
from dataclasses import dataclass
from typing import Any

import httpx
import xmltodict
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException
from wechatpy.messages import BaseMessage
from wechatpy.parser import parse_message

from bot.channels import wechat_state
from bot.channels.wechat_api import WeChatAPI, WeChatAPIError
from bot.channels.wechat_security import (
    ReplayGuard,
    WeChatRejected,
    check_msg_signature,
    check_signature,
)
from bot.channels.wechat_text import (
    SAFE_TEXT_BYTES,
    daily_tip,
    hotlines,
    pick_choice,
    say,
    split_for_wechat,
    text_reply_xml,
    with_choices,
)
from bot.core.identity import user_ref
from bot.core.messages import Button, Inbound, Reply
from bot.core.normalize import detect_language
from bot.push import wechat_hooks as push_hooks
from bot.push.screens import Contact
from bot.push.service import PushService
from bot.runtime import Runtime
from bot.settings import Settings

CHANNEL = "wechat"
PASSIVE_SECONDS = 4.0  # WeChat gives up after 5 s, network included
MENU_CHECK, MENU_TIPS, MENU_HOTLINE = "CHECK", "TIPS", "HOTLINE"
REMEMBERED_USERS = 10_000
REMEMBERED_MESSAGES = 2_000
SHUTDOWN_SECONDS = 10.0

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class WeChatResponse:
    body: str
    media_type: str


SUCCESS = WeChatResponse("success", "text/plain")  # "received, nothing to say"


def build_crypto(settings: Settings) -> WeChatCrypto | None:
    """The safe-mode cipher, or None without WECHAT_AES_KEY; ValueError names bad settings."""
    if settings.wechat_aes_key is None or settings.wechat_token is None:
        return None
    key = settings.wechat_aes_key.get_secret_value()
    if len(key) != 43:
        raise ValueError("WECHAT_AES_KEY must be the 43-character EncodingAESKey")
    if not settings.wechat_app_id:
        raise ValueError("WECHAT_APP_ID is required for safe mode (WECHAT_AES_KEY is set)")
    try:
        return WeChatCrypto(settings.wechat_token.get_secret_value(), key, settings.wechat_app_id)
    except (ValueError, AssertionError) as exc:
        raise ValueError("WECHAT_AES_KEY is not a valid EncodingAESKey") from exc


def build_api(settings: Settings) -> WeChatAPI | None:
    """The API client, or None when WECHAT_APP_ID / WECHAT_APP_SECRET are not set."""
    if not settings.wechat_app_id or settings.wechat_app_secret is None:
        return None
    return WeChatAPI(
        base_url=settings.wechat_api_base_url,
        app_id=settings.wechat_app_id,
        app_secret=settings.wechat_app_secret.get_secret_value(),
    )


class WeChatChannel:
    """Verifies, decrypts and answers WeChat callbacks with the consultation service."""

    def __init__(
        self,
        runtime: Runtime,
        *,
        api: WeChatAPI | None = None,
        passive_seconds: float = PASSIVE_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        settings = runtime.settings
        if settings.wechat_token is None:
            raise ValueError("WECHAT_TOKEN is not set")
        self.runtime = runtime
        self.token = settings.wechat_token.get_secret_value()
        self.crypto = build_crypto(settings)
        self.api = api if api is not None else build_api(settings)
        self.passive_seconds = passive_seconds
        self.text_limit = SAFE_TEXT_BYTES  # bytes per WeChat text message
        self.clock = clock
        self.guard = ReplayGuard(settings.wechat_replay_window_seconds, clock=clock)
        self._secret = settings.user_ref_secret.get_secret_value()
        self._choices: OrderedDict[str, tuple[Button, ...]] = OrderedDict()
        self._recent: OrderedDict[str, asyncio.Future[WeChatResponse]] = OrderedDict()
        self._tasks: set[asyncio.Task[None]] = set()
        # Daily tips and guardians (issue 6): typed commands, follow and unfollow.
        self.push = PushService(runtime)
        if self.api is None:
            log.info("wechat: no WECHAT_APP_ID/SECRET, so long or late replies are cut short")

    # --- the HTTP side ----------------------------------------------------------

    def verify(self, params: Mapping[str, str]) -> str:
        """The GET handshake: a correctly signed request gets its `echostr` back."""
        self._check_signed(params)
        echostr = params.get("echostr")
        if not echostr:
            raise WeChatRejected(400, "missing echostr")
        return echostr

    async def handle(self, params: Mapping[str, str], body: bytes) -> WeChatResponse:
        """Answer one signed POST (plaintext or safe mode) with a passive reply."""
        timestamp, nonce = self._check_signed(params)
        encrypted = params.get("encrypt_type", "raw").lower() == "aes"
        xml = self._decrypt(params, body, timestamp, nonce) if encrypted else _text(body)
        msg = _parse(xml)
        key = _retry_key(msg)
        if key in self._recent:  # WeChat retries a message it got no answer for
            return await _answer_of(self._recent[key])
        future: asyncio.Future[WeChatResponse] = asyncio.get_running_loop().create_future()
        self._remember(self._recent, key, future, REMEMBERED_MESSAGES)
        try:
            content = await self._respond(msg)
            response = self._render(msg, content, encrypted, nonce)
        except BaseException:
            self._recent.pop(key, None)
            future.cancel()
            raise
        future.set_result(response)
        return response

    def _check_signed(self, params: Mapping[str, str]) -> tuple[str, str]:
        signature, timestamp, nonce = (
            params.get(k, "") for k in ("signature", "timestamp", "nonce")
        )
        if not (signature and timestamp and nonce):
            raise WeChatRejected(400, "missing signature, timestamp or nonce")
        check_signature(self.token, signature, timestamp, nonce)
        self.guard.check(timestamp, nonce)
        return timestamp, nonce

    def _decrypt(self, params: Mapping[str, str], body: bytes, timestamp: str, nonce: str) -> str:
        if self.crypto is None:
            log.error("wechat: safe-mode message received but WECHAT_AES_KEY is not set")
            raise WeChatRejected(400, "safe-mode message, but this server has no AES key")
        try:
            envelope = xmltodict.parse(_text(body))["xml"]
            encrypted = envelope["Encrypt"]
        except WeChatRejected:
            raise
        except Exception as exc:
            log.warning("wechat: malformed safe-mode envelope (%s)", type(exc).__name__)
            raise WeChatRejected(400, "malformed XML") from None
        check_msg_signature(
            self.token, params.get("msg_signature", ""), timestamp, nonce, encrypted
        )
        try:
            xml: str = self.crypto.decrypt_message(
                envelope, params["msg_signature"], timestamp, nonce
            )
        except InvalidSignatureException:
            raise WeChatRejected(403, "bad message signature") from None
        except InvalidAppIdException:
            raise WeChatRejected(403, "message encrypted for another app id") from None
        except Exception as exc:
            log.warning("wechat: could not decrypt a message (%s)", type(exc).__name__)
            raise WeChatRejected(400, "could not decrypt the message") from None
        return xml

    def _render(
        self, msg: BaseMessage, content: str | None, encrypted: bool, nonce: str
    ) -> WeChatResponse:
        if content is None:
            return SUCCESS
        now = int(self.clock())
        xml = text_reply_xml(to_user=msg.source, from_user=msg.target, content=content, now=now)
        if encrypted and self.crypto is not None:
            xml = self.crypto.encrypt_message(xml, nonce, str(now))
        return WeChatResponse(xml, "application/xml")

    # --- what to say --------------------------------------------------------------

    async def _respond(self, msg: BaseMessage) -> str | None:
        openid: str = msg.source
        ref = user_ref(CHANNEL, openid, self._secret)
        if msg.type == "text":
            text: str = msg.content or ""
            pushed = await push_hooks.handle_text(self.push, Contact(CHANNEL, openid, ref), text)
            if pushed is not None:  # "订阅", "退订", "设置", a time, a guardian code ...
                return push_hooks.render(pushed)
            action = pick_choice(text, self._choices.get(ref, ()))
            inbound = (
                Inbound(CHANNEL, ref, action=action) if action else Inbound(CHANNEL, ref, text=text)
            )
            return await self._consult(inbound, openid)
        if msg.type == "voice" and (msg.recognition or "").strip():
            return await self._consult(Inbound(CHANNEL, ref, text=msg.recognition.strip()), openid)
        if msg.type == "event":
            return await self._event(ref, openid, msg)
        if str(getattr(msg, "_data", {}).get("MsgType", "")).lower() == "event":
            return None  # an event type wechatpy does not know: nothing to say
        kind = {"voice": "voice", "image": "image"}.get(msg.type, "other")
        return say(kind, await self._language(ref))

    async def _event(self, ref: str, openid: str, msg: BaseMessage) -> str | None:
        db = self.runtime.db
        event = str(msg.event or "").lower()
        if event in ("subscribe", "subscribe_scan"):
            await wechat_state.set_subscribed(db, user_ref=ref, subscribed=True)
            lang = await self._language(ref)
            offer = await push_hooks.on_follow(self.push, Contact(CHANNEL, openid, ref))
            tip = daily_tip(self.runtime.content.library, lang)
            return f"{say('welcome', lang)}\n\n{tip}\n\n{offer}"
        if event == "unsubscribe":
            await wechat_state.set_subscribed(db, user_ref=ref, subscribed=False)
            await push_hooks.on_unfollow(self.push, Contact(CHANNEL, openid, ref))
            self._choices.pop(ref, None)
            return None
        if event != "click":
            return None  # menu links, location reports and the like need no answer
        key = str(getattr(msg, "key", "") or "").upper()
        if key == MENU_TIPS:
            return daily_tip(self.runtime.content.library, await self._language(ref))
        if key == MENU_HOTLINE:
            return self._hotlines(await self._language(ref))
        return await self._consult(Inbound(CHANNEL, ref, action="help"), openid)

    def _hotlines(self, lang: str) -> str:
        s = self.runtime.settings
        org = s.org_name_en if lang == "en" else s.org_name_zh
        return hotlines(self.runtime.content.library, lang, org_name=org, org_hotline=s.org_hotline)

    async def _language(self, ref: str) -> str:
        return await wechat_state.language(self.runtime.db, user_ref=ref)

    async def _consult(self, inbound: Inbound, openid: str) -> str:
        """The service's answer if it comes in time; otherwise a holding message."""
        lang = detect_language(inbound.text) if inbound.text.strip() else "zh"
        task = asyncio.ensure_future(self.runtime.service.handle(inbound))
        try:
            reply = await asyncio.wait_for(asyncio.shield(task), self.passive_seconds)
        except TimeoutError:
            if self.api is None:
                self._spawn(_finish(task))  # recorded by the service, but cannot be sent
                return say("busy", lang)
            self._spawn(self._deliver_late(task, inbound.user_ref, openid))
            return say("slow", lang)
        except Exception:
            log.exception("wechat: handling a message failed")
            return say("sorry", lang)
        return self._passive(reply, inbound.user_ref, openid)

    def _passive(self, reply: Reply, ref: str, openid: str) -> str:
        """The part of the reply that fits a passive message; the rest is sent after."""
        self._note(reply, ref)
        parts = split_for_wechat(with_choices(reply), self.text_limit)
        if len(parts) > 1:
            if self.api is None:
                return parts[0] + "\n" + say("cut", reply.language)
            self._spawn(self._push(ref, openid, parts[1:]))
        return parts[0]

    def _note(self, reply: Reply, ref: str) -> None:
        self._remember(self._choices, ref, reply.buttons, REMEMBERED_USERS)
        if reply.extra.get("staff_alert"):
            log.warning("wechat: call back requested for consultation %s", reply.consultation_id)

    # --- customer-service messages --------------------------------------------------

    async def _deliver_late(self, task: asyncio.Future[Reply], ref: str, openid: str) -> None:
        try:
            reply = await task
        except Exception:
            log.exception("wechat: handling a message failed after the passive reply")
            return
        self._note(reply, ref)
        await self._push(ref, openid, split_for_wechat(with_choices(reply), self.text_limit))

    async def _push(self, ref: str, openid: str, parts: list[str]) -> None:
        """Send parts in order through the API, unless the person has unsubscribed."""
        assert self.api is not None
        if await wechat_state.stopped_for_pushes(self.runtime.db, user_ref=ref):
            log.info("wechat: not sending to %s, who unsubscribed", ref)
            return
        for part in parts:
            try:
                await self.api.send_text(openid, part)
            except (WeChatAPIError, httpx.HTTPError) as exc:
                log.warning("wechat: customer-service message failed: %s", exc)
                return

    def _spawn(self, coro: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def idle(self) -> None:
        """Wait until every background send has finished (tests, shutdown)."""
        while self._tasks:
            await asyncio.wait(set(self._tasks))

    async def close(self) -> None:
        """Give background sends a few seconds, then stop them and close the API client."""
        if self._tasks:
            _, pending = await asyncio.wait(set(self._tasks), timeout=SHUTDOWN_SECONDS)
            for task in pending:
                task.cancel()
        if self.api is not None:
            await self.api.close()

    @staticmethod
    def _remember(store: OrderedDict[str, Any], key: str, value: Any, limit: int) -> None:
        store.pop(key, None)
        store[key] = value
        while len(store) > limit:
            store.popitem(last=False)


def _text(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise WeChatRejected(400, "body is not UTF-8") from None


def _parse(xml: str) -> BaseMessage:
    """wechatpy's parser, with every way bad input can fail turned into a clean 400."""
    try:
        msg = parse_message(xml)
        source = msg.source if msg is not None else None
        _retry_key(msg) if source else None  # MsgId and CreateTime must be numbers
    except Exception as exc:
        log.warning("wechat: malformed XML (%d chars, %s)", len(xml), type(exc).__name__)
        raise WeChatRejected(400, "malformed XML") from None
    if not source:
        log.warning("wechat: message without FromUserName (%d chars)", len(xml))
        raise WeChatRejected(400, "malformed XML: no FromUserName")
    return msg


def _retry_key(msg: BaseMessage) -> str:
    """WeChat's advice: dedupe messages by MsgId, events by sender and time."""
    if msg.id:
        return f"msg:{msg.id}"
    return f"event:{msg.source}:{msg.time}:{getattr(msg, 'event', '')}"


async def _answer_of(future: asyncio.Future[WeChatResponse]) -> WeChatResponse:
    done, _ = await asyncio.wait({future}, timeout=PASSIVE_SECONDS)
    if future in done and not future.cancelled():
        return future.result()
    return SUCCESS


async def _finish(task: asyncio.Future[Reply]) -> None:
    try:
        await task
    except Exception:
        log.exception("wechat: handling a message failed after the passive reply")
