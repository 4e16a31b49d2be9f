"""/wechat: the URL check, signatures, replays and malformed input, over real HTTP."""

from __future__ import annotations

import logging
import time

import pytest

from bot.storage import repository as repo
from tests.wechat.conftest import Bot, MakeBot
from tests.wechat.fakes import ACCOUNT, OPENID, WeChatServer, sign, text


async def test_handshake_echoes_when_signed(bot: Bot) -> None:
    params = bot.wechat.params() | {"echostr": "8123456789012345678"}
    response = await bot.http.get("/wechat", params=params)
    assert response.status_code == 200 and response.text == "8123456789012345678"


async def test_handshake_with_bad_signature_is_403(bot: Bot) -> None:
    params = bot.wechat.params() | {"echostr": "123"}
    params["signature"] = "0" * 40
    response = await bot.http.get("/wechat", params=params)
    assert response.status_code == 403
    assert response.json() == {
        "error": "forbidden",
        "message": "WeChat request refused: bad signature",
    }


async def test_handshake_without_parameters_is_400(bot: Bot) -> None:
    response = await bot.http.get("/wechat", params={"echostr": "1"})
    assert response.status_code == 400 and response.json()["error"] == "bad_request"


async def test_post_signed_with_another_token_is_403(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    impostor = WeChatServer(token="guessed-token", aes_key=bot.wechat.aes_key)
    params, body = impostor.post(text("有人让我转账"))
    with caplog.at_level(logging.WARNING, logger="bot.web.wechat"):
        response = await bot.http.post("/wechat", params=params, content=body)
    assert response.status_code == 403 and "refused" in caplog.text
    assert await repo.list_consultations(bot.runtime.db) == []


async def test_safe_mode_body_swapped_under_a_valid_signature_is_403(make_bot: MakeBot) -> None:
    bot = await make_bot(safe=True)
    params, _ = bot.wechat.post(text("第一条"))
    _, other_body = bot.wechat.post(text("换掉的内容"))
    response = await bot.http.post("/wechat", params=params, content=other_body)
    assert response.status_code == 403
    assert "message signature" in response.json()["message"]


@pytest.mark.parametrize("offset", [-3600, -301, 301, 3600])
async def test_timestamps_outside_the_window_are_refused(bot: Bot, offset: int) -> None:
    response = await bot.send(text("你好"), timestamp=int(time.time()) + offset)
    assert response.status_code == 403
    assert "window" in response.json()["message"]


async def test_timestamp_inside_the_window_is_accepted(bot: Bot) -> None:
    response = await bot.send(text("你好"), timestamp=int(time.time()) - 200)
    assert response.status_code == 200


async def test_exact_replay_is_refused(bot: Bot) -> None:
    params, body = bot.wechat.post(text("有人自称公安让我转账到安全账户"))
    first = await bot.http.post("/wechat", params=params, content=body)
    again = await bot.http.post("/wechat", params=params, content=body)
    assert first.status_code == 200
    assert again.status_code == 403 and "replay" in again.json()["message"]
    assert len(await repo.list_consultations(bot.runtime.db)) == 1


async def test_wechat_retry_of_one_message_is_answered_once(bot: Bot) -> None:
    xml = text("有人自称公安让我把钱转到安全账户", msg_id=424242)
    first = await bot.reply(xml)
    retry = await bot.reply(xml)  # new timestamp and nonce, same MsgId
    assert retry["Content"] == first["Content"]
    assert len(await repo.list_consultations(bot.runtime.db)) == 1


@pytest.mark.parametrize(
    "body",
    [
        b"<xml><ToUserName>",
        b"not xml at all",
        b"<xml>just text</xml>",
        b"<xml><MsgType><![CDATA[text]]></MsgType></xml>",
        f"<xml><FromUserName>{OPENID}</FromUserName><MsgType>text</MsgType><MsgId>abc</MsgId></xml>".encode(),
        b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'aaaa'>]><xml>&a;</xml>",
        "<xml>\udcff</xml>".encode("utf-8", "surrogateescape"),
        b"",
    ],
)
async def test_malformed_plaintext_is_a_clean_400(
    make_bot: MakeBot, body: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    bot = await make_bot()
    with caplog.at_level(logging.WARNING):
        response = await bot.http.post("/wechat", params=bot.wechat.params(), content=body)
    assert response.status_code == 400
    assert response.json()["error"] == "bad_request"
    assert "malformed" in response.json()["message"] or "UTF-8" in response.json()["message"]
    assert "wechat" in caplog.text


async def test_malformed_safe_mode_envelope_is_400(make_bot: MakeBot) -> None:
    bot = await make_bot(safe=True)
    params = bot.wechat.params()
    garbage = "bm90IHJlYWxseSBlbmNyeXB0ZWQ="
    params |= {
        "encrypt_type": "aes",
        "msg_signature": sign(bot.wechat.token, params["timestamp"], params["nonce"], garbage),
    }
    for body in (b"<xml><Encrypt>", f"<xml><Encrypt>{garbage}</Encrypt></xml>".encode()):
        fresh = params | bot.wechat.params()
        fresh["msg_signature"] = sign(bot.wechat.token, fresh["timestamp"], fresh["nonce"], garbage)
        response = await bot.http.post("/wechat", params=fresh, content=body)
        assert response.status_code == 400, body


async def test_encrypted_malformed_message_is_400(make_bot: MakeBot) -> None:
    bot = await make_bot(safe=True)
    response = await bot.send("<xml><broken")
    assert response.status_code == 400 and "malformed" in response.json()["message"]


async def test_safe_mode_message_without_aes_key_is_400(make_bot: MakeBot) -> None:
    bot = await make_bot()
    encrypting = WeChatServer(aes_key="abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG")
    params, body = encrypting.post(text("你好"))
    response = await bot.http.post("/wechat", params=params, content=body)
    assert response.status_code == 400 and "AES" in response.json()["message"]


async def test_plaintext_reply_is_well_formed_xml(make_bot: MakeBot) -> None:
    bot = await make_bot()
    response = await bot.send(text("你好"))
    assert response.headers["content-type"].startswith("application/xml")
    reply = bot.wechat.read_reply(response.text)
    assert reply["ToUserName"] == OPENID and reply["FromUserName"] == ACCOUNT
    assert reply["MsgType"] == "text" and abs(int(reply["CreateTime"]) - time.time()) < 60


async def test_safe_mode_reply_is_encrypted_and_signed(make_bot: MakeBot) -> None:
    bot = await make_bot(safe=True)
    response = await bot.send(text("你好"))
    assert "<Encrypt>" in response.text and "你好" not in response.text
    reply = bot.wechat.read_reply(response.text)  # checks MsgSignature, decrypts
    assert reply["ToUserName"] == OPENID and reply["Content"]


async def test_plaintext_still_accepted_when_aes_key_is_set(make_bot: MakeBot) -> None:
    """WeChat's "compatible" mode, or switching modes: follow what WeChat sends."""
    bot = await make_bot(safe=True)
    params, body = WeChatServer().post(text("你好"))
    response = await bot.http.post("/wechat", params=params, content=body)
    assert response.status_code == 200 and "<Content>" in response.text


@pytest.mark.parametrize(
    ("overrides", "problem"),
    [
        ({"wechat_aes_key": "too-short"}, "43-character"),
        (
            {"wechat_aes_key": "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", "wechat_app_id": ""},
            "WECHAT_APP_ID",
        ),
    ],
)
async def test_bad_safe_mode_settings_fail_at_start(
    make_bot: MakeBot, overrides: dict[str, str], problem: str
) -> None:
    with pytest.raises(ValueError, match=problem):
        await make_bot(**overrides)


async def test_no_wechat_endpoint_without_token(make_bot: MakeBot) -> None:
    bot = await make_bot(wechat_token=None)
    response = await bot.http.get("/wechat", params=bot.wechat.params() | {"echostr": "1"})
    assert response.status_code == 404 and response.json()["error"] == "not_found"
