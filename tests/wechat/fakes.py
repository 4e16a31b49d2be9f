"""Fakes at the WeChat edge: WeChat's servers calling us, and the WeChat API we call.

`WeChatServer` builds requests exactly as WeChat does: the query string signature over
(token, timestamp, nonce), and in safe mode the body encrypted with wechatpy's crypto
plus `msg_signature`. `FakeWeChatAPI` is a small app standing in for api.weixin.qq.com.
"""

from __future__ import annotations

import hashlib
import itertools
import time
from dataclasses import dataclass, field
from typing import Any

import xmltodict
from fastapi import FastAPI, Request
from wechatpy.crypto import WeChatCrypto

TOKEN = "test-token-123"
APP_ID = "wx1234567890abcdef"
APP_SECRET = "app-secret-xyz"
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"  # 43 characters, as WeChat issues
ACCOUNT = "gh_testaccount"
OPENID = "oUser-openid-0001"

_counter = itertools.count(1)


def sign(*parts: str) -> str:
    return hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()


def _cdata(tag: str, value: str) -> str:
    value = value.replace("]]>", "]]]]><![CDATA[>")  # as any correct XML writer does
    return f"<{tag}><![CDATA[{value}]]></{tag}>"


def message_xml(
    msg_type: str, *, openid: str = OPENID, msg_id: int | None = None, **fields: str
) -> str:
    """A message or event as WeChat posts it (MsgId on messages, none on events)."""
    parts = [
        _cdata("ToUserName", ACCOUNT),
        _cdata("FromUserName", openid),
        f"<CreateTime>{int(time.time()) + next(_counter)}</CreateTime>",
        _cdata("MsgType", msg_type),
    ]
    parts += [_cdata(tag, value) for tag, value in fields.items()]
    if msg_type != "event":
        parts.append(f"<MsgId>{msg_id or 10_000_000 + next(_counter)}</MsgId>")
    return "<xml>" + "".join(parts) + "</xml>"


def text(content: str, **kw: Any) -> str:
    return message_xml("text", Content=content, **kw)


def event(name: str, key: str = "", **kw: Any) -> str:
    fields = {"Event": name} | ({"EventKey": key} if key else {})
    return message_xml("event", **fields, **kw)


@dataclass
class WeChatServer:
    """Signs (and in safe mode encrypts) requests like WeChat's servers."""

    token: str = TOKEN
    aes_key: str | None = None
    app_id: str = APP_ID

    @property
    def crypto(self) -> WeChatCrypto:
        assert self.aes_key is not None
        return WeChatCrypto(self.token, self.aes_key, self.app_id)

    def params(self, *, timestamp: int | None = None, nonce: str | None = None) -> dict[str, str]:
        ts = str(int(time.time()) if timestamp is None else timestamp)
        nonce = nonce or f"n{next(_counter)}x{time.time_ns() % 1_000_000}"
        return {"signature": sign(self.token, ts, nonce), "timestamp": ts, "nonce": nonce}

    def post(self, xml: str, **kw: Any) -> tuple[dict[str, str], bytes]:
        """Query parameters and body for one callback, encrypted when there is an AES key."""
        params = self.params(**kw) | {"openid": OPENID}
        if self.aes_key is None:
            return params, xml.encode()
        envelope = xmltodict.parse(
            self.crypto.encrypt_message(xml, params["nonce"], params["timestamp"])
        )["xml"]
        encrypted = envelope["Encrypt"]
        params |= {
            "encrypt_type": "aes",
            "msg_signature": sign(self.token, params["timestamp"], params["nonce"], encrypted),
        }
        body = f"<xml><ToUserName><![CDATA[{ACCOUNT}]]></ToUserName><Encrypt><![CDATA[{encrypted}]]></Encrypt></xml>"
        return params, body.encode()

    def read_reply(self, body: str) -> dict[str, Any]:
        """The reply as a dict; in safe mode its signature is checked and it is decrypted."""
        if self.aes_key is None:
            return dict(xmltodict.parse(body)["xml"])
        envelope = xmltodict.parse(body)["xml"]
        expected = sign(self.token, envelope["TimeStamp"], envelope["Nonce"], envelope["Encrypt"])
        assert envelope["MsgSignature"] == expected, "reply signature does not verify"
        plain = self.crypto.decrypt_message(
            body, expected, envelope["TimeStamp"], envelope["Nonce"]
        )
        return dict(xmltodict.parse(plain)["xml"])


@dataclass
class FakeWeChatAPI:
    """api.weixin.qq.com for the token and customer-service calls."""

    token_requests: list[dict[str, str]] = field(default_factory=list)
    sent: list[dict[str, Any]] = field(default_factory=list)
    fail_next: list[int] = field(default_factory=list)  # errcodes for the next sends
    expires_in: int = 7200
    base_url: str = ""

    @property
    def current_token(self) -> str:
        return f"ACCESS-{len(self.token_requests)}"

    def app(self) -> FastAPI:
        app = FastAPI()

        @app.get("/cgi-bin/token")
        async def token(request: Request) -> dict[str, Any]:
            params = dict(request.query_params)
            if params.get("appid") != APP_ID or params.get("secret") != APP_SECRET:
                return {"errcode": 40013, "errmsg": "invalid appid"}
            self.token_requests.append(params)
            return {"access_token": self.current_token, "expires_in": self.expires_in}

        @app.post("/cgi-bin/message/custom/send")
        async def send(request: Request) -> dict[str, Any]:
            if request.query_params.get("access_token") != self.current_token:
                return {"errcode": 40001, "errmsg": "invalid credential"}
            if self.fail_next:
                code = self.fail_next.pop(0)
                return {"errcode": code, "errmsg": "fake failure"}
            raw = await request.body()
            assert b"\\u" not in raw, "body must be raw UTF-8, not \\u escapes"
            payload = await request.json()
            self.sent.append(payload)
            return {"errcode": 0, "errmsg": "ok"}

        return app

    def texts(self) -> list[str]:
        return [p["text"]["content"] for p in self.sent]
