"""The web chat page and its JSON API, over real HTTP against the served app."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest

from bot.core.identity import user_ref
from bot.core.service import LiveContent
from bot.runtime import Runtime
from bot.storage import repository as repo
from bot.web.app import create_app
from bot.web.chat import SESSION_COOKIE
from tests.web.server import make_settings, open_test_runtime, serving

POLICE = "有人自称公安说我涉嫌洗钱，让我把钱转到安全账户"


async def test_page_is_served_with_security_headers(client: httpx.AsyncClient) -> None:
    response = await client.get("/")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-frame-options"] == "DENY"


async def test_page_has_no_inline_script_and_only_local_assets(client: httpx.AsyncClient) -> None:
    html = (await client.get("/")).text
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), "inline script"
    assert not re.search(r"\son[a-z]+\s*=", html), "inline event handler"
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', html)
    assert {"/static/chat.js", "/static/chat.css"} <= set(assets)
    assert "http://" not in html and "https://" not in html
    for asset in assets:
        response = await client.get(asset)
        assert response.status_code == 200, asset


async def test_page_has_tap_to_call_numbers_and_labels(client: httpx.AsyncClient) -> None:
    html = (await client.get("/")).text
    for number in ("110", "96110", "95588"):
        assert f'href="tel:{number}"' in html
    assert '<label for="message"' in html and '<label for="lang"' in html
    assert 'role="log"' in html and 'lang="zh-CN"' in html and "测试银行" in html


async def test_org_name_is_escaped_in_the_page(tmp_path: Path, live_content: LiveContent) -> None:
    settings = make_settings(tmp_path, org_name_zh="<b>银行</b>", org_hotline="95588")
    runtime = await open_test_runtime(settings, live_content)
    try:
        async with serving(create_app(runtime)) as url, httpx.AsyncClient(base_url=url) as http:
            html = (await http.get("/")).text
        assert "<b>银行</b>" not in html and "&lt;b&gt;银行&lt;/b&gt;" in html
    finally:
        await runtime.close()


async def test_chat_assesses_and_sets_an_anonymous_session(
    client: httpx.AsyncClient, runtime: Runtime
) -> None:
    response = await client.post("/api/chat", json={"text": POLICE})
    assert response.status_code == 200
    body = response.json()
    assert body["kind"] == "assessment" and body["language"] == "zh"
    assert "诈骗" in body["text"] and "<strong>" in body["html"]
    actions = [b["action"] for b in body["buttons"]]
    assert {"paid", "not_mine", "helpful", "staff"} <= set(actions)
    assert {"tel:110", "tel:96110", "tel:95588"} <= {link["url"] for link in body["links"]}
    assert response.headers["cache-control"] == "no-store"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith(f"{SESSION_COOKIE}=")
    assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Path=/" in cookie
    session = client.cookies[SESSION_COOKIE]
    [row] = await repo.list_consultations(runtime.db)
    assert row.channel == "web" and row.id == body["consultation_id"]
    secret = runtime.settings.user_ref_secret.get_secret_value()
    assert row.user_ref == user_ref("web", session, secret) and session not in row.user_ref


async def test_paid_button_gives_urgent_advice(client: httpx.AsyncClient, runtime: Runtime) -> None:
    first = await client.post("/api/chat", json={"text": POLICE})
    response = await client.post("/api/action", json={"action": "paid"})
    body = response.json()
    assert body["kind"] == "urgent" and "110" in body["text"]
    assert "set-cookie" not in response.headers  # the same session continues
    [row] = await repo.list_consultations(runtime.db)
    assert row.id == first.json()["consultation_id"] and row.urgent and row.outcome == "lost"


async def test_language_and_large_text_actions(client: httpx.AsyncClient) -> None:
    english = (await client.post("/api/action", json={"action": "lang:en"})).json()
    assert english["kind"] == "settings" and english["language"] == "en"
    reply = (await client.post("/api/chat", json={"text": POLICE})).json()
    assert reply["language"] == "en"
    normal_length = len(reply["text"])
    await client.post("/api/action", json={"action": "elderly_on"})
    short = (await client.post("/api/chat", json={"text": "今天又接到一个自称法院的电话"})).json()
    assert short["language"] == "en" and len(short["text"]) < normal_length


async def test_user_text_is_escaped_in_reply_html(client: httpx.AsyncClient) -> None:
    await client.post("/api/chat", json={"text": "对方电话13812345678 <script>alert(1)</script>"})
    body = (await client.post("/api/action", json={"action": "my_data"})).json()
    assert body["kind"] == "my_data"
    assert "<script>" not in body["html"] and "&lt;script&gt;" in body["html"]


async def test_sessions_are_separate(base_url: str, runtime: Runtime) -> None:
    async with (
        httpx.AsyncClient(base_url=base_url) as alice,
        httpx.AsyncClient(base_url=base_url) as bob,
    ):
        await alice.post("/api/chat", json={"text": POLICE})
        await bob.post("/api/chat", json={"text": POLICE})
        assert alice.cookies[SESSION_COOKIE] != bob.cookies[SESSION_COOKIE]
    rows = await repo.list_consultations(runtime.db)
    assert len({r.user_ref for r in rows}) == 2


async def test_forged_session_cookie_is_replaced(base_url: str) -> None:
    async with httpx.AsyncClient(base_url=base_url, cookies={SESSION_COOKIE: "x;<>"}) as http:
        response = await http.post("/api/chat", json={"text": "你好"})
    assert response.status_code == 200
    new = response.cookies[SESSION_COOKIE]
    assert re.fullmatch(r"[A-Za-z0-9_-]{32}", new)


@pytest.mark.parametrize("action", ["", "PAID", "lang:fr", "<script>", "x" * 41])
async def test_unknown_actions_are_refused(client: httpx.AsyncClient, action: str) -> None:
    response = await client.post("/api/action", json={"action": action})
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "action"


async def test_extra_fields_and_bad_language_are_refused(client: httpx.AsyncClient) -> None:
    for payload in ({"text": "hi", "user": "admin"}, {"text": "hi", "language": "fr"}):
        response = await client.post("/api/chat", json=payload)
        assert response.status_code == 422


async def test_rate_limit_per_client(tmp_path: Path, live_content: LiveContent) -> None:
    runtime = await open_test_runtime(
        make_settings(tmp_path, web_rate_limit_per_minute=3), live_content
    )
    try:
        async with serving(create_app(runtime)) as url, httpx.AsyncClient(base_url=url) as http:
            statuses = [
                (await http.post("/api/chat", json={"text": "你好"})).status_code for _ in range(4)
            ]
            refused = await http.post("/api/action", json={"action": "help"})
            page = await http.get("/")
        assert statuses == [200, 200, 200, 429]
        assert refused.status_code == 429 and refused.json()["error"] == "rate_limited"
        assert 1 <= int(refused.headers["retry-after"]) <= 60
        assert page.status_code == 200  # the page itself is not limited
    finally:
        await runtime.close()


async def test_frame_ancestors_from_settings(tmp_path: Path, live_content: LiveContent) -> None:
    origins = "https://bank.example https://*.bank.example"
    runtime = await open_test_runtime(
        make_settings(tmp_path, web_frame_ancestors=origins), live_content
    )
    try:
        async with serving(create_app(runtime)) as url, httpx.AsyncClient(base_url=url) as http:
            response = await http.get("/")
        assert f"frame-ancestors {origins}" in response.headers["content-security-policy"]
        assert "x-frame-options" not in response.headers
        bad = runtime.settings.model_copy(update={"web_frame_ancestors": "x; script-src *"})
        runtime.settings = bad
        with pytest.raises(ValueError, match="WEB_FRAME_ANCESTORS"):
            create_app(runtime)
    finally:
        await runtime.close()


async def test_subscribing_points_to_telegram_or_wechat(client: httpx.AsyncClient) -> None:
    """Issue 6: the web page cannot push tips, and says where to subscribe instead."""
    reply = (await client.post("/api/chat", json={"text": "订阅"})).json()
    assert reply["kind"] == "subscribe_elsewhere"
    assert "Telegram" in reply["text"] or "微信" in reply["text"]
    english = (await client.post("/api/chat", json={"text": "subscribe"})).json()
    assert english["language"] == "en" and english["kind"] == "subscribe_elsewhere"
