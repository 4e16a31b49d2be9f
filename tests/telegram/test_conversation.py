"""A person in a private chat: texts, forwards, media, every button, bad input."""

from __future__ import annotations

import pytest

from bot.core import messages as m
from bot.storage import repository as repo
from bot.storage.db import Database
from tests.telegram import updates as u
from tests.telegram.checks import BOSS_EN, POLICE, assert_telegram_html, rows
from tests.telegram.conftest import MakeBot
from tests.telegram.harness import Harness
from tests.telegram.updates import ALICE, STAFF, STAFF_CHAT


async def test_description_gets_assessment_with_buttons_and_is_logged(tg: Harness) -> None:
    [reply] = await tg.ask(u.message(POLICE), ALICE)
    assert reply.params["parse_mode"] == "HTML"
    assert reply.json_body  # replies go as JSON (bot/channels/telegram_request.py)
    assert "诈骗" in reply.text and "110" in reply.text
    assert_telegram_html(reply.text)
    assert reply.actions()[:2] == [m.PAID, "not_paid"]
    assert {m.HELPFUL, m.NOT_HELPFUL, m.STAFF} <= set(reply.actions())
    assert all(len(a.encode()) <= 64 for a in reply.actions())
    assert not any("url" in b for b in reply.buttons())  # Telegram refuses tel: buttons
    [row] = await rows(tg, ALICE)
    assert row.channel == "telegram" and row.category == "impersonate_police"
    assert str(ALICE) not in row.user_ref  # pseudonymous, never the raw id


async def test_full_flow_on_both_databases(make_bot: MakeBot, db: Database) -> None:
    tg = await make_bot(database_url=db.url)
    [first] = await tg.ask(u.message(POLICE), ALICE)
    [urgent] = await tg.ask(u.press(tg.api.current(first), m.PAID), ALICE)
    assert "110" in urgent.text
    [row] = await rows(tg, ALICE)
    assert row.urgent and row.status == "needs_follow_up"


async def test_english_text_gets_english_reply(tg: Harness) -> None:
    [reply] = await tg.ask(u.message(BOSS_EN, language_code="en"), ALICE)
    assert "scam" in reply.text.lower()
    assert "Helpful" in [b["text"] for b in reply.buttons()]


async def test_forwarded_message_text_is_assessed(tg: Harness) -> None:
    [reply] = await tg.ask(u.forwarded(POLICE), ALICE)
    assert m.PAID in reply.actions()


async def test_photo_caption_is_assessed(tg: Harness) -> None:
    [reply] = await tg.ask(u.photo(caption=POLICE), ALICE)
    assert m.PAID in reply.actions()


async def test_document_caption_is_assessed(tg: Harness) -> None:
    [reply] = await tg.ask(u.document(caption=POLICE), ALICE)
    assert m.PAID in reply.actions()


@pytest.mark.parametrize("make", [u.photo, u.sticker, u.voice, u.document])
async def test_media_without_text_asks_for_text(tg: Harness, make: object) -> None:
    [reply] = await tg.ask(make(), ALICE)  # type: ignore[operator]
    assert "文字" in reply.text
    assert await rows(tg, ALICE) == []
    assert tg.api.of("getFile") == []  # nothing is downloaded


async def test_media_reply_in_english(tg: Harness) -> None:
    [reply] = await tg.ask(u.sticker(language_code="en"), ALICE)
    assert "text" in reply.text


async def test_paid_button_leads_to_urgent_and_alerts_staff(tg: Harness) -> None:
    [first] = await tg.ask(u.message(POLICE + "，对方电话13812345678"), ALICE)
    sent = await tg.ask(u.press(tg.api.current(first), m.PAID))
    [urgent] = [c for c in sent if c.chat_id == ALICE]
    [alert] = [c for c in sent if c.chat_id == STAFF_CHAT]
    assert "110" in urgent.text
    assert "紧急" in alert.text and "#" in alert.text
    assert "13812345678" not in alert.text and "5678" in alert.text  # masked
    assert alert.actions() == [
        f"sa:take:{(await rows(tg, ALICE))[0].id}",
        f"sa:close:{(await rows(tg, ALICE))[0].id}",
    ]
    assert tg.api.of("answerCallbackQuery")
    # The answered question's buttons are retired; the rest stay usable.
    [edit] = tg.api.of("editMessageReplyMarkup")
    left = [
        b["callback_data"] for row in edit.params["reply_markup"]["inline_keyboard"] for b in row
    ]
    assert m.PAID not in left and "not_paid" not in left and m.STAFF in left


async def test_not_paid_records_stopped(tg: Harness) -> None:
    [first] = await tg.ask(u.message(POLICE), ALICE)
    [reply] = await tg.ask(u.press(tg.api.current(first), "not_paid"), ALICE)
    assert reply.text
    [row] = await rows(tg, ALICE)
    assert row.outcome == "stopped"


async def test_not_mine_shows_the_next_match(tg: Harness) -> None:
    text = (
        "客服说我买的东西有质量问题要退款理赔，让我下载会议软件共享屏幕，还说可以帮我提升信用额度"
    )
    [first] = await tg.ask(u.message(text), ALICE)
    if m.NOT_MINE not in first.actions():
        pytest.skip("this library gives a single match for the text")
    [reply] = await tg.ask(u.press(tg.api.current(first), m.NOT_MINE), ALICE)
    assert reply.text and reply.text != first.text


@pytest.mark.parametrize(
    ("action", "saved"), [(m.HELPFUL, "helpful"), (m.NOT_HELPFUL, "not_helpful")]
)
async def test_feedback_is_saved(tg: Harness, action: str, saved: str) -> None:
    [first] = await tg.ask(u.message(POLICE), ALICE)
    [reply] = await tg.ask(u.press(tg.api.current(first), action), ALICE)
    assert reply.text
    [row] = await rows(tg, ALICE)
    assert row.feedback == saved


async def test_talk_to_staff_alerts_staff_masked(tg: Harness) -> None:
    [first] = await tg.ask(u.message(POLICE + "，我的卡号6222021234567890123"), ALICE)
    sent = await tg.ask(u.press(tg.api.current(first), m.STAFF))
    [confirm] = [c for c in sent if c.chat_id == ALICE]
    [alert] = [c for c in sent if c.chat_id == STAFF_CHAT]
    assert "24" in confirm.text  # when to expect the call back
    assert "回电" in alert.text and "6222021234567890123" not in alert.text
    [row] = await rows(tg, ALICE)
    assert "call back requested" in row.staff_notes and row.status == "needs_follow_up"


async def test_staff_take_then_close_updates_the_log(tg: Harness) -> None:
    [first] = await tg.ask(u.message(POLICE), ALICE)
    await tg.ask(u.press(tg.api.current(first), m.STAFF))
    [alert] = tg.api.sent(STAFF_CHAT)
    [row] = await rows(tg, ALICE)
    await tg.send(u.press(tg.api.current(alert), f"sa:take:{row.id}", sender=STAFF))
    row = await repo.get_consultation(tg.runtime.db, consultation_id=row.id)
    assert row is not None and row.status == "needs_follow_up"
    assert "taken by staff ***4242" in row.staff_notes
    [edit] = tg.api.of("editMessageText")
    assert "已接手" in edit.text and "taken by staff" in edit.text
    assert [b["callback_data"] for b in edit.params["reply_markup"]["inline_keyboard"][0]] == [
        f"sa:close:{row.id}"
    ]
    await tg.send(u.press(tg.api.current(alert), f"sa:close:{row.id}", sender=STAFF))
    row = await repo.get_consultation(tg.runtime.db, consultation_id=row.id)
    assert row is not None and row.status == "closed"
    assert "reply_markup" not in tg.api.of("editMessageText")[-1].params


async def test_staff_buttons_refuse_non_staff(tg: Harness) -> None:
    [first] = await tg.ask(u.message(POLICE), ALICE)
    await tg.ask(u.press(tg.api.current(first), m.STAFF))
    [alert] = tg.api.sent(STAFF_CHAT)
    [row] = await rows(tg, ALICE)
    await tg.send(u.press(tg.api.current(alert), f"sa:close:{row.id}", sender=ALICE))
    assert tg.api.of("answerCallbackQuery")[-1].params.get("show_alert") == "true"
    row = await repo.get_consultation(tg.runtime.db, consultation_id=row.id)
    assert row is not None and row.status != "closed"


async def test_urgent_case_alerts_staff_once(tg: Harness) -> None:
    [first] = await tg.ask(u.message(POLICE), ALICE)
    await tg.ask(u.message("是的，已经转了五千"), ALICE)
    [again] = await tg.ask(u.press(tg.api.current(first), m.PAID), ALICE)  # same case, urgent again
    assert "110" in again.text
    alerts = tg.api.sent(STAFF_CHAT)
    assert len(alerts) == 1 and "紧急" in alerts[0].text


@pytest.mark.parametrize(
    "text",
    [
        "   ",
        "<b>bold</b> 有人让我转账到安全账户 <script>alert(1)</script>",
        "{{ 7*7 }} {% for x in y %} 客服让我退款",
        "\x00\x07有人\u202e让我\x1b[31m转账\ufeff",
        "验证码" * 3334,  # 10,002 characters
    ],
    ids=["blank", "markup", "template", "control", "10k"],
)
async def test_bad_input_gets_a_safe_reply(tg: Harness, text: str) -> None:
    [reply] = await tg.ask(u.message(text), ALICE)
    assert_telegram_html(reply.text)
    assert "<script>" not in reply.text and "<b>bold" not in reply.text
    assert "49" not in reply.text
    assert not any(ch in reply.text for ch in "\x00\x07\x1b\u202e")
    [row] = await rows(tg, ALICE)
    assert len(row.text) <= tg.runtime.settings.max_message_chars


async def test_button_with_unknown_action_gets_help(tg: Harness) -> None:
    [first] = await tg.ask(u.message(POLICE), ALICE)
    message = dict(tg.api.current(first))
    message["reply_markup"] = {"inline_keyboard": [[{"text": "x", "callback_data": "bogus"}]]}
    [reply] = await tg.ask(u.press(message, "bogus"), ALICE)
    assert reply.text
